"""HathiTrust full-text search in one volume: the pages on which a phrase occurs, seq vs printed page."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import responses

from citecheck.errors import MalformedResponse, RateLimited, ServiceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Edition, Identifiers
from citecheck.texts.hathitrust_search import (
    HathiTrustSearch,
    hits_from_results,
    is_htid,
    parse_search_results_html,
)

HTID = "uc1.b3329087"
SEARCH = "https://babel.hathitrust.org/cgi/pt/search"


def book(*hathitrust: str) -> Edition:
    return Edition(title="The Great Conspiracy", identifiers=Identifiers(hathitrust=hathitrust))


def _html(texts_dir: Path, name: str) -> str:
    return (texts_dir / "hathitrust" / name).read_text(encoding="utf-8")


def test_result_gives_scan_sequence_and_printed_page_apart(texts_dir: Path) -> None:
    page = parse_search_results_html(_html(texts_dir, "pt-search_full-view_two-pages.html"))
    assert (page.results[0].seq, page.results[0].printed) == (338, "326")


def test_result_without_a_page_label_has_no_printed_page(texts_dir: Path) -> None:
    page = parse_search_results_html(_html(texts_dir, "pt-search_full-view_two-pages.html"))
    assert (page.results[1].seq, page.results[1].printed) == (41, None)


def test_result_counts_its_matching_terms(texts_dir: Path) -> None:
    page = parse_search_results_html(_html(texts_dir, "pt-search_full-view_two-pages.html"))
    assert [r.match_count for r in page.results] == [5, 1]


def test_result_snippet_is_plain_text_without_the_ellipses(texts_dir: Path) -> None:
    page = parse_search_results_html(_html(texts_dir, "pt-search_full-view_two-pages.html"))
    assert page.results[0].snippets == (
        "protect itself. . . . There were no Fifth Columnists in Russia in 1941",
    )


def test_limited_view_gives_pages_without_snippets(texts_dir: Path) -> None:
    page = parse_search_results_html(
        _html(texts_dir, "pt-search_limited-view_snippets-withheld.html")
    )
    assert page.snippets_withheld
    assert [(r.seq, r.printed, r.snippets) for r in page.results] == [(43, "31", ())]


def test_no_match_page_is_an_empty_result(texts_dir: Path) -> None:
    page = parse_search_results_html(_html(texts_dir, "pt-search_no-match.html"))
    assert page.no_match and page.results == ()


def test_system_error_page_is_a_service_error(texts_dir: Path) -> None:
    with pytest.raises(ServiceError, match="system error"):
        parse_search_results_html(_html(texts_dir, "pt-search_system-error.html"))


def test_page_that_changed_shape_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="changed shape"):
        parse_search_results_html(
            "<html><body><div class='new-results'>#338 (p. 326)</div></body></html>"
        )


def test_result_whose_header_cannot_be_read_is_malformed() -> None:
    html = "<div class='results-container'><article class='result'><h3 class='results-header'>Page three</h3></article></div>"
    with pytest.raises(MalformedResponse, match="page label"):
        parse_search_results_html(html)


def test_printed_page_can_come_from_the_link_num_parameter() -> None:
    html = (
        "<div class='results-container'><article class='result'><h3 class='results-header'>"
        "<a href='/cgi/pt?id=x;seq=12;num=8' data-seq='12'>#12</a> - 1 matching term</h3></article></div>"
    )
    assert parse_search_results_html(html).results[0].printed == "8"


def test_hits_link_to_the_scan_sequence(texts_dir: Path) -> None:
    page = parse_search_results_html(_html(texts_dir, "pt-search_full-view_two-pages.html"))
    hits = hits_from_results(page, htid=HTID)
    assert hits[0].leaf == 338
    assert hits[0].scan_url == f"https://babel.hathitrust.org/cgi/pt?id={HTID}&seq=338"


def test_record_numbers_are_not_volume_ids() -> None:
    assert is_htid(HTID) and not is_htid("001234567")


# ------------------------------------------------------------------ the provider


@responses.activate
def test_provider_searches_the_volume_for_the_quoted_phrase(
    http: HttpClient, texts_dir: Path
) -> None:
    responses.get(SEARCH, body=_html(texts_dir, "pt-search_full-view_two-pages.html"))
    hits = HathiTrustSearch(http).search(book("001234567", HTID), "no Fifth Columnists in Russia")
    sent = responses.calls[0].request
    assert sent.params == {"q1": '"no Fifth Columnists in Russia"', "id": HTID}
    assert [(h.leaf, h.printed) for h in hits] == [(338, "326"), (41, None)]


@responses.activate
def test_provider_gives_no_hits_when_nothing_matches(http: HttpClient, texts_dir: Path) -> None:
    responses.get(SEARCH, body=_html(texts_dir, "pt-search_no-match.html"))
    assert HathiTrustSearch(http).search(book(HTID), "a phrase the book does not hold") == []


def test_provider_does_not_serve_editions_without_a_volume_id(http: HttpClient) -> None:
    assert not HathiTrustSearch(http).can_serve(book("001234567"))


def test_provider_never_gives_whole_pages(http: HttpClient) -> None:
    assert HathiTrustSearch(http).pages(book(HTID)) is None


@responses.activate
def test_timeout_becomes_source_unavailable(http: HttpClient) -> None:
    responses.get(SEARCH, body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        HathiTrustSearch(http).search(book(HTID), "no Fifth Columnists in Russia")


@responses.activate
def test_429_becomes_rate_limited(http: HttpClient) -> None:
    responses.get(SEARCH, status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        HathiTrustSearch(http).search(book(HTID), "no Fifth Columnists in Russia")


@responses.activate
def test_500_becomes_service_error(http: HttpClient) -> None:
    responses.get(SEARCH, status=500)
    with pytest.raises(ServiceError):
        HathiTrustSearch(http).search(book(HTID), "no Fifth Columnists in Russia")


@responses.activate
def test_changed_page_is_malformed_and_names_the_request(http: HttpClient) -> None:
    responses.get(SEARCH, body="<html><body><p>We have moved.</p></body></html>")
    with pytest.raises(MalformedResponse) as caught:
        HathiTrustSearch(http).search(book(HTID), "no Fifth Columnists in Russia")
    assert "babel.hathitrust.org" in caught.value.url
