"""Specification: faithful quotations of OCR text stay faithful despite the scan's artefacts."""

from __future__ import annotations

from citecheck.model import ChangeKind, Page, WordingVerdict
from citecheck.verify.judge import verify_against_pages

from .conftest import Cite

PREVIOUS = Page(
    "The first carts brought flour and salt from the villages in the south.\n\n"
    "The market was full for the first time in months.",
    "44",
    ocr=True,
)


def test_a_passage_after_the_running_head_of_a_page_does_not_start_inside_a_sentence(
    cite: Cite,
) -> None:
    pages = [
        PREVIOUS,
        Page(
            "THE LONG WINTER  45\nNobody knew who had sent them, and nobody asked.", "45", ocr=True
        ),
        Page("46  THE LONG WINTER\nThe council met again.", "46", ocr=True),
    ]
    v = verify_against_pages(cite("Nobody knew who had sent them, and nobody asked.", "45"), pages)
    assert v.wording is WordingVerdict.EXACT
    assert v.truncated_before == ""


def test_words_the_scan_ran_together_or_split_at_the_edges_are_the_same_words(
    cite: Cite,
) -> None:
    pages = [
        Page(
            "The earlier master was a great pianist; stillhe lacked the fire of Weber.",
            "3",
            ocr=True,
        )
    ]
    v = verify_against_pages(cite("The earlier master was a great pianist; still he", "3"), pages)
    assert v.wording is WordingVerdict.TRUNCATED
    assert v.changes == ()
    split = [Page("Nothing of this had ever been re corded.", "3", ocr=True)]
    v = verify_against_pages(cite("Nothing of this had ever been recorded.", "3"), split)
    assert v.wording is WordingVerdict.VARIANT


def test_a_capital_i_read_as_l_still_starts_a_sentence(cite: Cite) -> None:
    pages = [
        Page("The valves did it. ln the case of the trombones a slide is used.", "9", ocr=True)
    ]
    v = verify_against_pages(cite("The valves did it.", "9"), pages)
    assert v.wording is WordingVerdict.EXACT


def test_garbled_first_words_do_not_move_the_start_into_the_previous_sentence(
    cite: Cite,
) -> None:
    pages = [
        Page(
            "He went home. Tlie rnayor of tbe town said that the bridge must be mended at once.",
            "7",
            ocr=True,
        )
    ]
    v = verify_against_pages(
        cite("The mayor of the town said that the bridge must be mended at once.", "7"), pages
    )
    assert v.wording is WordingVerdict.VARIANT
    assert v.truncated_before == ""
    assert v.source_text.startswith("Tlie")


def test_a_different_last_word_is_a_replacement_not_an_addition_and_a_truncation(
    cite: Cite,
) -> None:
    pages = [Page("The bridges and the roads were held by the troops. Then winter came.", "2")]
    v = verify_against_pages(cite("The bridges and the roads were held by the army.", "2"), pages)
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.kind, c.document_words, c.source_words) for c in v.changes] == [
        (ChangeKind.REPLACED, "army", "troops")
    ]
    assert v.truncated_after == ""
