"""Verification against search-inside snippets: as far as the snippets show, and no further."""

from __future__ import annotations

from citecheck.model import (
    AttemptOutcome,
    Hit,
    PageVerdict,
    Provenance,
    Service,
    SourceAttempt,
    WordingVerdict,
)
from citecheck.verify.judge import verify_against_hits

from .conftest import Cite

QUOTE = "The chairman said that the people shall decide every question of the state, but only after a long and open debate."
PROVENANCE = Provenance(Service.INTERNET_ARCHIVE, "https://example.org/inside?q=people")


def test_a_snippet_holding_the_whole_quotation_can_show_it_exact(cite: Cite) -> None:
    hits = [Hit(f"Nobody spoke. {QUOTE} Nobody answered him.", "14", provenance=PROVENANCE)]
    v = verify_against_hits(cite(QUOTE, "14"), hits)
    assert v.wording is WordingVerdict.EXACT
    assert v.text_source == PROVENANCE
    assert not any("snippets show" in note for note in v.notes)


def test_a_snippet_shorter_than_the_quotation_says_the_rest_cannot_be_checked(cite: Cite) -> None:
    hits = [Hit("the people shall decide every question of the state", "14")]
    v = verify_against_hits(cite(QUOTE, "14"), hits)
    assert v.wording is WordingVerdict.EXACT
    assert v.changes == ()
    assert any("the snippets show 9 of the quotation's 21 words" in note for note in v.notes)


def test_a_changed_word_inside_a_snippet_is_an_alteration(cite: Cite) -> None:
    hits = [Hit("said that the people may decide every question of the state", "14")]
    v = verify_against_hits(cite(QUOTE, "14"), hits)
    assert v.wording is WordingVerdict.ALTERED
    assert v.changes[0].source_words == "may"
    assert v.meaning_changed


def test_snippets_joined_with_ellipses_are_searched_as_separate_fragments(cite: Cite) -> None:
    hits = [Hit("a long and open debate. Nobody … the people shall decide every question of", "14")]
    v = verify_against_hits(cite("the people shall decide every question of the state"), hits)
    assert v.matches[0].source_text == "the people shall decide every question of"


def test_no_hits_from_a_search_that_answered_is_not_found(cite: Cite) -> None:
    searched = SourceAttempt(Service.INTERNET_ARCHIVE, "search inside", AttemptOutcome.EMPTY)
    v = verify_against_hits(cite(QUOTE), [], attempts=[searched])
    assert v.wording is WordingVerdict.NOT_FOUND


def test_no_hits_because_every_search_failed_is_unverifiable(cite: Cite) -> None:
    failed = SourceAttempt(Service.INTERNET_ARCHIVE, "search inside", AttemptOutcome.TIMED_OUT)
    v = verify_against_hits(cite(QUOTE), [], attempts=[failed])
    assert v.wording is WordingVerdict.UNVERIFIABLE
    assert v.attempts == (failed,)


def test_snippets_that_do_not_hold_the_passage_make_it_not_found(cite: Cite) -> None:
    hits = [Hit("the harvest of that year was poor and the mills stood idle", "40")]
    v = verify_against_hits(cite(QUOTE), hits)
    assert v.wording is WordingVerdict.NOT_FOUND
    assert any("none holds the passage" in note for note in v.notes)


def test_hits_that_name_a_page_but_withhold_the_text_judge_the_page_not_the_wording(
    cite: Cite,
) -> None:
    hits = [Hit("", "14", leaf=20, scan_url="https://example.org/pt?seq=20")]
    v = verify_against_hits(cite(QUOTE, "14"), hits)
    assert v.wording is WordingVerdict.UNVERIFIABLE
    assert v.page is PageVerdict.AS_CITED
    assert v.found_pages == ("14",)
    assert v.scan_url == "https://example.org/pt?seq=20"
