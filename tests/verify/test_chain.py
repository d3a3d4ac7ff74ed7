"""Secondhand quotations: did the intermediary quote the original faithfully?"""

from __future__ import annotations

from citecheck.model import Page, WordingVerdict
from citecheck.verify.judge import compare_chain, unverifiable, verify_against_pages

from .conftest import Cite

ORIGINAL = [
    Page(
        "The chairman said that the people shall decide every question of the state. Nobody answered.",
        "88",
    )
]


def test_an_intermediary_with_the_originals_words_quoted_faithfully(cite: Cite) -> None:
    intermediary = [
        Page(
            "As the chairman put it, the people shall decide every question of the state. So it was.",
            "12",
        )
    ]
    citation = cite("the people shall decide every question of the state.", "12")
    secondhand = verify_against_pages(citation, intermediary)
    original = verify_against_pages(citation, ORIGINAL)
    checked = compare_chain(secondhand, original)
    assert checked.chain == (original,)
    assert "the intermediary quoted the original faithfully" in checked.notes[-1]
    assert checked.wording is secondhand.wording


def test_an_intermediary_that_changed_a_modal_did_not_quote_faithfully(cite: Cite) -> None:
    intermediary = [
        Page(
            "As the chairman put it, the people may decide every question of the state. So it was.",
            "12",
        )
    ]
    citation = cite("the people may decide every question of the state.", "12")
    secondhand = verify_against_pages(citation, intermediary)
    original = verify_against_pages(citation, ORIGINAL)
    checked = compare_chain(secondhand, original)
    assert secondhand.changes == ()
    assert checked.chain[0].wording is WordingVerdict.ALTERED
    assert "did not quote faithfully" in checked.notes[-1]
    assert "'shall' -> 'may'" in checked.notes[-1]


def test_an_original_that_could_not_be_reached_leaves_the_fidelity_unknown(cite: Cite) -> None:
    intermediary = [Page("the people may decide every question of the state.", "12")]
    citation = cite("the people may decide every question of the state.", "12")
    checked = compare_chain(
        verify_against_pages(citation, intermediary), unverifiable(citation, [], reason="no text")
    )
    assert "fidelity is unknown" in checked.notes[-1]
