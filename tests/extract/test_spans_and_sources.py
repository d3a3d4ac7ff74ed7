"""Quotation spans on real-world typography, and the work and page a document gives for them.

Every passage here is written for its test; none is taken from a real document.
"""

from __future__ import annotations

from pathlib import Path

from citecheck.extract import extract_citations, extract_file
from citecheck.model import Citation, DocumentFormat, QuotationKind


def checkable(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list[Citation]:
    return list(extract_citations(text, format=fmt).checkable)


def words(citation: Citation) -> str:
    return " ".join(segment.text for segment in citation.quotation.segments)


# ---------------------------------------------------------------------------------------------
# Spans


def test_a_right_hand_mark_before_a_word_opens_a_quotation() -> None:
    text = "The reviewer called the novel \u201dan orchard of small cruelties, tended with care,\u201d and moved on.\n"
    [citation] = checkable(text)
    assert words(citation) == "an orchard of small cruelties, tended with care,"


def test_a_text_printing_the_same_mark_on_both_sides_still_pairs_them() -> None:
    text = "His aim in writing was to \u201d show the court how the old charters were kept\u201d and no more.\n"
    [citation] = checkable(text)
    assert words(citation) == "show the court how the old charters were kept"


def test_a_quotation_inside_another_is_reported_on_its_own() -> None:
    text = (
        "\u201cThe archive rewards patience,\u201d writes Marsh, \u201cas when the diarist calls the winter "
        "\u201cthe long starving of the valley and its dogs,\u201d and you see it.\u201d\n"
    )
    texts = [words(c) for c in checkable(text)]
    assert "the long starving of the valley and its dogs," in texts
    assert any(t.startswith("as when the diarist calls the winter") for t in texts)


def test_words_quoted_inside_a_writers_quotation_come_through_that_writer() -> None:
    text = (
        "\u201cThe archive rewards patience,\u201d writes Ada Marsh, \u201cas when Tom Reed compares the "
        "winter to \u201cthe long starving of the valley and its dogs,\u201d and you see it.\u201d\n"
    )
    inner = next(c for c in checkable(text) if words(c).startswith("the long starving"))
    assert inner.attribution.intermediary == "Ada Marsh"


def test_one_closing_mark_at_the_end_of_a_line_ends_both_quotations() -> None:
    text = (
        '"They ask us to go on," she said. "They ask us to finish what we began, and to keep a '
        'government "of the parish, by the parish, for the parish."\n'
        "The crowd was silent.\n"
    )
    texts = [words(c) for c in checkable(text)]
    assert any(
        t.startswith("They ask us to finish") and t.endswith("for the parish.") for t in texts
    )
    assert "of the parish, by the parish, for the parish." in texts


def test_single_marks_inside_double_ones_are_a_quotation_of_their_own() -> None:
    text = (
        "\"Long ago, the founder said, 'We build this house for those who come after us,' and he was "
        'right," the mayor said.\n'
    )
    texts = [words(c) for c in checkable(text)]
    assert "We build this house for those who come after us," in texts


def test_an_apostrophe_set_as_an_opening_mark_before_twas_is_no_quotation() -> None:
    text = (
        "The verses run (\u201cOur cabin stood beside the creek, / \u201cTwas there the winter found "
        "us out\u201d) and end in snow.\n"
    )
    [citation] = checkable(text)
    assert words(citation).startswith("Our cabin stood beside the creek")
    assert words(citation).endswith("found us out")


def test_a_pullquote_tag_of_a_site_generator_is_a_block_quotation() -> None:
    text = (
        "Following Ada Marsh\u2019s description that:\n"
        "{% include aside.html\n"
        '  class="pullquote"\n'
        '  text=" The poorest of the parish, the widows and the old, were the first accused. [^4]"\n'
        "  %}\n"
        "The rest of the essay follows.\n\n"
        "[^4]: Ada Marsh, The Parish Trials, p. 79.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert words(citation).endswith("were the first accused.")
    assert citation.locator is not None and citation.locator.first == "79"


def test_a_closing_mark_garbled_by_a_wrong_encoding_still_closes(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    text = "She said: \u201cWe walked to the river and back before the rain came on.\u00e2\u20ac\n"
    path.write_text(text, encoding="utf-8")
    [citation] = extract_file(path).checkable
    assert words(citation) == "We walked to the river and back before the rain came on."


def test_words_in_marks_after_translated_as_are_a_gloss_not_a_quotation() -> None:
    text = 'The valley is called Glenmor (often translated as "the great glen of the west")[3].\n'
    assert checkable(text) == []


def test_words_in_marks_repeating_a_title_printed_before_name_the_book() -> None:
    text = (
        "Ada Marsh wrote Harvest Year: The Long Winter of the Valley Towns in 2019.\n\n"
        'Q: Why did you call it "the long winter of the valley towns"?\n'
    )
    assert checkable(text) == []


# ---------------------------------------------------------------------------------------------
# Notes


def test_marks_inside_a_notes_title_do_not_split_it_into_author_and_title() -> None:
    text = (
        "She saw the accused as \u201cthe weakest of the village, the poor and the old and the odd.\u201d[^1]\n\n"
        "[^1]: Essays in Trials: The Witch \u201cShe\u201d and the Judge \u201cHe\u201d pg. 12\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker is None
    assert citation.locator is not None and citation.locator.first == "12"


def test_straight_single_marks_quote_when_they_open_before_a_word_and_close_after_one() -> None:
    text = (
        "The critic held that 'a ledger of small griefs is still a history, and a true one.'[^1] "
        "The workers' hall stood empty.\n\n"
        "[^1]: Ada Marsh, Ledgers, p. 12.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert words(citation) == "a ledger of small griefs is still a history, and a true one."
    assert citation.locator is not None and citation.locator.first == "12"
