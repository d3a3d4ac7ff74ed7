"""Sentence boundaries in a source: where a quoted sentence begins and ends."""

from __future__ import annotations

from citecheck.verify.sentences import has_sentence_end, sentence_end, sentence_start

TEXT = "He wrote to Mr. Lloyd George in May. The reply came late, i.e. in June. It said no."


def test_a_sentence_starts_after_the_previous_full_stop() -> None:
    at = TEXT.index("reply")
    assert TEXT[sentence_start(TEXT, at) :].startswith("The reply")


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    at = TEXT.index("Lloyd")
    assert sentence_start(TEXT, at) == 0
    assert TEXT[: sentence_end(TEXT, at)] == "He wrote to Mr. Lloyd George in May."


def test_a_full_stop_before_a_lower_case_word_does_not_end_a_sentence() -> None:
    at = TEXT.index("came")
    assert (
        TEXT[sentence_start(TEXT, at) : sentence_end(TEXT, at)]
        == "The reply came late, i.e. in June."
    )


def test_a_closing_quote_belongs_to_the_sentence_it_closes() -> None:
    text = 'He said "no more." Then he left.'
    assert text[: sentence_end(text, 3)] == 'He said "no more."'


def test_a_stretch_crosses_a_sentence_only_if_a_sentence_ends_inside_it() -> None:
    assert has_sentence_end(TEXT, TEXT.index("in May"), TEXT.index("reply"))
    assert not has_sentence_end(TEXT, TEXT.index("reply"), TEXT.index("in June"))
