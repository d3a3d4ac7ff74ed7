"""The look-ups that attribution repeats for every quotation give what their slower forms gave.

Every passage here is written for its test; none is taken from a real document.
"""

from __future__ import annotations

from english_words import get_english_words_set

from citecheck.extract import speakers


def test_the_dictionary_read_from_the_package_file_is_the_list_the_package_gives() -> None:
    assert speakers._dictionary() == get_english_words_set(["gcide"], lower=True, alpha=True)


def test_capitalised_dictionary_words_and_their_inflections_are_common_words() -> None:
    assert speakers.is_common_word("Children")
    assert speakers.is_common_word("Presented")
    assert not speakers.is_common_word("Lockhart")
