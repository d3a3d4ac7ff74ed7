"""The whole check of the example talk, through stand-ins of the real services (see talk_world).

The stand-in texts say what each book prints; these tests pin what citecheck concludes from them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import responses

from citecheck.check import check
from citecheck.config import Settings
from citecheck.http import HttpClient
from citecheck.model import (
    AttemptOutcome,
    ChangeKind,
    FindingCode,
    PageVerdict,
    Report,
    Service,
    TextAccess,
    Verification,
    WordingVerdict,
)

REPO = Path(__file__).resolve().parents[2]
TALK = REPO / "examples" / "truth-about-stalin.txt"
BIB = REPO / "references.bib"


def run_check(tmp_path: Path, **settings: object) -> tuple[Report, HttpClient]:
    values: dict[str, object] = {"cache_dir": tmp_path / "cache", "max_retries": 1}
    values.update(settings)
    configured = Settings(**values)  # type: ignore[arg-type]
    http = HttpClient(configured, sleep=lambda _seconds: None)
    report = check(TALK, bibliography=BIB, settings=configured, http=http)
    return report, http


@pytest.fixture
def report(tmp_path: Path, talk_services: responses.RequestsMock) -> Report:
    return run_check(tmp_path)[0]


def verdict_of(report: Report, start: str) -> Verification:
    """The verification of the quotation whose text starts with ``start``."""
    citation = next(c for c in report.citations if c.quotation.text.lstrip(".… ").startswith(start))
    verification = report.verification_for(citation.id)
    assert verification is not None, f"{citation.id} was not verified"
    return verification


def test_the_grey_passage_on_page_253_is_exact_and_on_the_cited_page(report: Report) -> None:
    found = verdict_of(report, "The redistribution of industry")
    assert (found.wording, found.page) == (WordingVerdict.EXACT, PageVerdict.AS_CITED)
    assert found.found_pages == ("253",)
    assert "archive.org" in (found.text_source.url if found.text_source else "")


def test_the_grey_block_on_page_144_silently_drops_words_the_source_prints(report: Report) -> None:
    found = verdict_of(report, "He insisted that labour")
    assert found.wording == WordingVerdict.ALTERED
    assert found.page == PageVerdict.AS_CITED
    assert [(c.kind, c.source_words) for c in found.changes] == [(ChangeKind.REMOVED, "In 1920")]


def test_the_davies_ellipsis_hides_three_sentences_and_the_page_is_another(report: Report) -> None:
    found = verdict_of(report, "All of these trials")
    assert found.wording == WordingVerdict.OMISSION
    assert found.page == PageVerdict.OTHER_PAGE
    assert (found.cited_page, found.found_pages) == ("326", ("318",))
    (omitted,) = found.omissions
    assert omitted.text.startswith("not only from revolution from within")
    assert omitted.crosses_sentence


def test_lockhart_quoted_in_the_great_conspiracy_is_checked_there_and_in_the_original(
    report: Report,
) -> None:
    found = verdict_of(report, "He strikes me as a man")
    assert found.work_key == "sayers1946"
    assert (found.wording, found.page) == (WordingVerdict.EXACT, PageVerdict.AS_CITED)
    (original,) = found.chain
    assert original.work_key == "lockhart1932"
    assert original.found_pages == ("232",)
    assert any("faithfully" in note for note in found.notes)


def test_a_lending_library_book_is_checked_through_search_inside_with_printed_pages(
    report: Report,
) -> None:
    found = verdict_of(report, "dissensions between Lenin and Trotsky")
    assert found.work_key == "lockhart1932"
    assert found.found_pages == ("226",)
    assert found.wording == WordingVerdict.TRUNCATED
    searched = [a for a in found.attempts if "search inside" in a.what]
    assert searched and all(a.service == Service.INTERNET_ARCHIVE for a in searched)


def test_the_trotsky_sentence_is_cut_just_before_a_but(report: Report) -> None:
    found = verdict_of(report, "During 1926 the Party struggle")
    assert found.wording == WordingVerdict.TRUNCATED
    assert found.truncated_after.startswith("but the apparatus answered it")
    assert any("but" in note for note in found.notes)


def test_a_statement_not_in_the_text_searched_is_not_found(report: Report) -> None:
    found = verdict_of(report, "We must restore the tactics of Clemenceau")
    assert found.wording == WordingVerdict.NOT_FOUND
    assert found.page == PageVerdict.UNKNOWN


def test_the_radio_address_changes_farmers_to_farms_and_words_of_the_translation(
    report: Report,
) -> None:
    found = verdict_of(report, "The collective farms must drive off")
    assert found.wording == WordingVerdict.ALTERED
    assert found.page == PageVerdict.UNKNOWN
    changed = [(c.document_words, c.source_words) for c in found.changes]
    # Two ordinary words are a change of the document's, never a spelling variant.
    assert ("farms", "farmers") in changed
    assert ("measure", "measures") in changed


def test_the_cassidy_answer_names_very_near_for_the_bulletins_nearest_never_a_splice_or_cut(
    report: Report,
) -> None:
    # The Embassy bulletin (the bib's url) prints "in the nearest future"; the talk has "very near".
    found = verdict_of(report, "represents an outstanding fact")
    assert found.wording == WordingVerdict.ALTERED
    changed = [(c.document_words, c.source_words) for c in found.changes]
    assert changed == [("very near", "nearest")]
    assert found.truncated_after == ""
    assert not any(note.startswith("spliced") for note in found.notes)
    assert "nearest future" in found.source_text


def test_a_speech_whose_text_could_not_be_fetched_is_unverifiable_and_says_why(
    report: Report,
) -> None:
    found = verdict_of(report, "we have passed from a policy")
    assert found.wording == WordingVerdict.UNVERIFIABLE
    (tried,) = [a for a in found.attempts if a.service == Service.WEB]
    assert tried.outcome == AttemptOutcome.FAILED
    assert "503" in tried.detail


def test_a_quotation_with_no_work_named_is_found_by_full_text_search_and_proposed(
    report: Report,
) -> None:
    found = verdict_of(report, "Something like a united front")
    assert found.proposal
    assert found.wording == WordingVerdict.EXACT
    assert found.found_pages == ("53",)
    assert found.edition is not None
    assert found.edition.identifiers.internetarchive == ("worksofstalin10stal",)
    assert "proposed source" in found.notes[0]


def test_a_quotation_found_nowhere_stays_unverifiable_and_lists_every_text_searched(
    report: Report,
) -> None:
    found = verdict_of(report, "What possibility is there")
    assert found.wording == WordingVerdict.UNVERIFIABLE
    assert not found.proposal
    searched = {a.what for a in found.attempts}
    assert any("full-text search" in what for what in searched)
    assert len(searched) >= 5


def test_every_checkable_quotation_gets_a_verdict(report: Report) -> None:
    checkable = [c for c in report.citations if c.quotation.kind.is_checkable]
    assert len(report.verifications) == len(checkable) == 13
    counts = Counter(v.wording for v in report.verifications)
    assert counts[WordingVerdict.UNVERIFIABLE] == 2
    assert counts[WordingVerdict.NOT_FOUND] == 1


def test_the_chosen_editions_and_their_access(report: Report) -> None:
    chosen = {r.work_key: r.best for r in report.resolutions if r.best}
    assert chosen["grey1979"].identifiers.internetarchive == ("stalinmanofhisto00grey",)
    assert chosen["grey1979"].page_count == 548
    assert chosen["grey1979"].access == TextAccess.PUBLIC
    assert chosen["sayers1946"].page_count == 433
    assert chosen["lockhart1932"].identifiers.internetarchive == ("britishagent00lock",)
    assert chosen["davies1941"].identifiers.internetarchive == ()


def test_page_326_of_the_great_conspiracy_exists_only_in_the_boston_edition(report: Report) -> None:
    (finding,) = [f for f in report.findings if f.code == FindingCode.PAGE_FITS_SOME_EDITIONS]
    assert finding.work_key == "sayers1946"
    assert "326" in finding.message
    assert "Little, Brown" in finding.message
    assert "Collins" not in finding.message
    assert any("320 pages" in line for line in finding.evidence)


def test_no_cited_page_is_beyond_every_edition(report: Report) -> None:
    assert FindingCode.PAGE_BEYOND_EVERY_EDITION not in {f.code for f in report.findings}


def test_quotations_of_davies_and_lockhart_cited_to_sayers_and_kahn_are_secondhand(
    report: Report,
) -> None:
    secondhand = [f for f in report.findings if f.code == FindingCode.SECONDHAND]
    assert {re.search(r"attributed to (.+?) but", f.message).group(1) for f in secondhand} == {  # type: ignore[union-attr]
        "Joseph E. Davies",
        "R.H. Bruce Lockhart",
    }


def test_a_second_run_answers_from_the_cache(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    first, _ = run_check(tmp_path)
    asked = len(talk_services.calls)
    second, http = run_check(tmp_path)

    assert len(talk_services.calls) - asked == 2  # only the failing page, tried again
    assert http.request_count == 2
    assert [v.wording for v in second.verifications] == [v.wording for v in first.verifications]


def test_no_request_is_repeated_within_a_run(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    run_check(tmp_path, max_retries=0)
    urls = Counter(call.request.url for call in talk_services.calls)
    assert [url for url, times in urls.items() if times > 1] == []


def test_a_run_with_a_source_store_can_be_repeated_offline_with_the_same_verdicts(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    store = tmp_path / "sources"
    configured = Settings(use_cache=False, max_retries=0)
    http = HttpClient(configured, sleep=lambda _seconds: None)
    online = check(TALK, bibliography=BIB, settings=configured, http=http, store=store)
    assert list(store.rglob("*.json"))

    offline_settings = Settings(use_cache=False, offline=True)
    offline_http = HttpClient(offline_settings, sleep=lambda _seconds: None)
    asked = len(talk_services.calls)
    offline = check(
        TALK, bibliography=BIB, settings=offline_settings, http=offline_http, store=store
    )

    assert len(talk_services.calls) == asked
    pages_verdicts = {
        v.citation_id: v.wording for v in online.verifications if v.text_source and v.found_pages
    }
    assert {
        v.citation_id: v.wording for v in offline.verifications if v.citation_id in pages_verdicts
    } == pages_verdicts


def test_against_two_published_versions_of_the_cassidy_letter_very_near_is_a_version_difference(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    # The real Embassy bulletin (the bib's url) has "nearest future"; the press telegram "very near".
    versions = REPO / "tests" / "fixtures" / "versions"
    sources = [
        f"stalin1942cassidy={versions / 'cassidy-1942_embassy-bulletin.txt'}",
        f"stalin1942cassidy={versions / 'cassidy-1942_press-telegram.txt'}",
    ]
    configured = Settings(cache_dir=tmp_path / "cache", max_retries=1)
    http = HttpClient(configured, sleep=lambda _seconds: None)
    report = check(TALK, bibliography=BIB, settings=configured, http=http, sources=sources)
    found = verdict_of(report, "represents an outstanding fact")
    assert found.wording == WordingVerdict.OMISSION
    assert found.changes == ()
    (between,) = [n for n in found.notes if "difference between the versions" in n]
    assert "'very near'" in between
    assert "'nearest'" in between
    assert any("the closest is cassidy-1942_embassy-bulletin.txt" in n for n in found.notes)
    assert not any(note.startswith("spliced") for note in found.notes)
    assert found.truncated_after == ""
