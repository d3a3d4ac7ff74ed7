"""The example talk checked with no network, against the texts that ship in examples/sources."""

from __future__ import annotations

from pathlib import Path

import pytest
import responses

from citecheck.check import check
from citecheck.config import Settings
from citecheck.model import PageVerdict, Report, Verification, WordingVerdict
from citecheck.store import SourceStore

REPO = Path(__file__).resolve().parents[2]
TALK = REPO / "examples" / "truth-about-stalin.txt"
BIB = REPO / "references.bib"
SOURCES = REPO / "examples" / "sources"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    # A copy of the store, so that nothing a run writes touches the shipped files.
    copy = tmp_path_factory.mktemp("sources")
    for path in SOURCES.rglob("*.json"):
        target = copy / path.relative_to(SOURCES)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    settings = Settings(use_cache=False, max_retries=0, progress=False)
    # No URL is registered, so every request fails to connect, as with no network.
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        return check(TALK, bibliography=BIB, settings=settings, store=SourceStore(copy))


def verdict_of(report: Report, start: str) -> Verification:
    citation = next(c for c in report.citations if c.quotation.text.lstrip(".… ").startswith(start))
    verification = report.verification_for(citation.id)
    assert verification is not None
    return verification


def test_the_1929_speech_is_quoted_with_other_words_than_it_has(report: Report) -> None:
    found = verdict_of(report, "we have passed from a policy")
    assert found.wording == WordingVerdict.ALTERED
    assert ("confining", "restricting") in {
        (c.document_words, c.source_words) for c in found.changes
    }


def test_the_diary_entry_is_exact_and_the_intermediarys_page_stays_unchecked(
    report: Report,
) -> None:
    found = verdict_of(report, "He strikes me as a man")
    assert found.wording == WordingVerdict.EXACT
    assert found.page == PageVerdict.UNKNOWN
    assert any("sayers1946" in note for note in found.notes)


def test_the_1942_reply_is_found_and_its_changed_words_named(report: Report) -> None:
    found = verdict_of(report, "represents an outstanding fact")
    assert found.wording in {WordingVerdict.VARIANT, WordingVerdict.ALTERED}
    assert any(c.source_words == "nearest" for c in found.changes)


def test_a_passage_beyond_the_shipped_part_of_the_reply_stays_unverifiable(report: Report) -> None:
    found = verdict_of(report, "There need be no doubt")
    assert found.wording == WordingVerdict.UNVERIFIABLE


def test_the_books_are_unverifiable_and_say_which_services_were_asked(report: Report) -> None:
    found = verdict_of(report, "The redistribution of industry")
    assert found.wording == WordingVerdict.UNVERIFIABLE
    assert found.notes
