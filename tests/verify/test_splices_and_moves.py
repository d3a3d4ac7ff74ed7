"""Specification: passages joined without an ellipsis are splices, and moved words are moves."""

from __future__ import annotations

from citecheck.model import ChangeKind, Page, WordingVerdict
from citecheck.verify.judge import verify_against_pages

from .conftest import Cite

FILLER = " ".join(
    f"The harvest of year {n} was stored in the old barns by the river." for n in range(40)
)


def _long_book() -> list[Page]:
    return [
        Page("The council met on the first day of March and chose a new chairman at once.", "4"),
        Page(FILLER, "5"),
        Page(FILLER, "6"),
        Page("Nobody could say afterwards who had first proposed that the bridge be burned.", "7"),
    ]


def test_two_distant_passages_joined_without_an_ellipsis_are_a_splice_naming_both_places(
    cite: Cite,
) -> None:
    quotation = (
        "The council met on the first day of March and chose a new chairman at once. "
        "Nobody could say afterwards who had first proposed that the bridge be burned."
    )
    v = verify_against_pages(cite(quotation, "4"), _long_book())
    assert v.wording is WordingVerdict.SPLICED
    assert v.found_pages == ("4", "7")
    (note,) = [n for n in v.notes if n.startswith("spliced")]
    assert "without an ellipsis" in note
    assert "(p. 4)" in note
    assert "(p. 7)" in note
    assert v.changes == ()


def test_a_sentence_of_the_documents_own_after_a_quotation_is_added_not_a_splice(
    cite: Cite,
) -> None:
    quotation = (
        "The council met on the first day of March and chose a new chairman at once. "
        "Everyone agreed that this was a triumph of the popular will."
    )
    v = verify_against_pages(cite(quotation, "4"), _long_book())
    assert v.wording is WordingVerdict.ALTERED
    assert not any(n.startswith("spliced") for n in v.notes)


def test_a_moved_phrase_is_one_move_not_a_negation_dropped_and_added(cite: Cite) -> None:
    pages = [
        Page(
            "All valuable property, including non-ferrous metals, grain and fuel which cannot "
            "be withdrawn, must without fail be destroyed.",
            "2",
        )
    ]
    v = verify_against_pages(
        cite(
            "All valuable property, including non-ferrous metals, grain and fuel which cannot "
            "be withdrawn must be destroyed without fail.",
            "2",
        ),
        pages,
    )
    assert v.wording is WordingVerdict.ALTERED
    (change,) = v.changes
    assert change.kind is ChangeKind.MOVED
    assert change.document_words == "without fail"
    assert not change.meaning_bearing
    assert "moved" in change.note


def test_a_replaced_word_next_to_a_moved_phrase_stays_a_replacement(cite: Cite) -> None:
    pages = [Page("The bridges and the roads must without fail be destroyed by the troops.", "2")]
    v = verify_against_pages(
        cite("The bridges and the roads must be destroyed without fail by the army.", "2"), pages
    )
    kinds = sorted(c.kind for c in v.changes)
    assert ChangeKind.MOVED in kinds
    assert ("army", "troops") in [(c.document_words, c.source_words) for c in v.changes]
