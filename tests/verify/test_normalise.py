"""Normalisation: one canonical form for both sides, and a map back to the original characters."""

from __future__ import annotations

from citecheck.verify.locate import normalise
from citecheck.verify.normalise import canonical_word, exact_form, typographic_form


def test_case_quotes_and_punctuation_fold_away() -> None:
    assert (
        normalise("\u201cThe People,\u201d he said\u2014twice.").text == "the people he said twice"
    )


def test_a_word_hyphenated_at_a_line_break_becomes_one_word() -> None:
    assert normalise("the indus-\ntry of the north").text == "the industry of the north"


def test_a_word_hyphenated_at_the_foot_of_a_page_joins_across_the_blank_line() -> None:
    assert normalise("the indus-\n\ntry").text == "the industry"


def test_ligatures_and_the_long_s_become_plain_letters() -> None:
    assert normalise("ﬁrst ﬂeet oﬃce ſoon").text == "first fleet office soon"


def test_accents_fold_to_their_base_letters() -> None:
    assert normalise("naïve café").text == normalise("naive cafe").text


def test_common_ocr_confusions_fold_to_the_same_form() -> None:
    assert canonical_word("modern") == canonical_word("modem")
    assert canonical_word("0ld") == canonical_word("old")
    assert canonical_word("1ike") == canonical_word("like")
    assert canonical_word("vvater") == canonical_word("water")


def test_apostrophes_and_word_hyphens_do_not_split_words() -> None:
    assert normalise("don\u2019t to-day").text == "dont today"


def test_a_canonical_range_maps_back_to_the_exact_original_characters() -> None:
    text = "We saw the ﬁrst indus-\ntrial town."
    folded = normalise(text)
    start = folded.text.index("first industrial")
    lo, hi = folded.to_original(start, start + len("first industrial"))
    assert text[lo:hi] == "ﬁrst indus-\ntrial"


def test_a_range_inside_a_plain_word_maps_to_the_exact_characters() -> None:
    text = "The  Council   met"
    folded = normalise(text)
    start = folded.text.index("unc")
    lo, hi = folded.to_original(start, start + 3)
    assert text[lo:hi] == "unc"


def test_every_token_keeps_its_original_offsets() -> None:
    text = "«Quoth» the ﬂeet"
    folded = normalise(text)
    assert [text[t.start : t.end] for t in folded.tokens] == ["Quoth", "the", "ﬂeet"]


def test_the_exact_form_undoes_layout_but_keeps_spelling() -> None:
    assert exact_form("  The ﬂeet of\nthe indus-\ntry.  ") == "The fleet of the industry"
    assert exact_form("to-day") == "to-day"


def test_the_typographic_form_unifies_quote_marks_and_dashes() -> None:
    assert typographic_form(
        "the council\u2019s \u201cdoors\u201d \u2014 closed"
    ) == typographic_form('the council\'s "doors" - closed')
