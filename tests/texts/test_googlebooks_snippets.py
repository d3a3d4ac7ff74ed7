"""Google Books snippets: text hits only, and never a page number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import responses

from citecheck.config import Settings
from citecheck.errors import MalformedResponse, RateLimited, ServiceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Edition, Identifiers
from citecheck.texts.googlebooks_snippets import (
    GoogleBooksSnippets,
    parse_snippet_hits,
    snippet_text,
)

VOLUMES = "https://www.googleapis.com/books/v1/volumes"


def book(isbn: tuple[str, ...] = (), googlebooks: tuple[str, ...] = ()) -> Edition:
    return Edition(
        title="The Great Conspiracy", identifiers=Identifiers(isbn=isbn, googlebooks=googlebooks)
    )


def _data(texts_dir: Path) -> dict[str, object]:
    return json.loads(
        (texts_dir / "googlebooks" / "volumes_q-phrase-isbn_text-hit.json").read_text(
            encoding="utf-8"
        )
    )


def test_only_snippets_that_mark_words_are_hits(texts_dir: Path) -> None:
    hits = parse_snippet_hits(_data(texts_dir))
    assert len(hits) == 1
    assert hits[0].snippet.startswith("There were no Fifth Columnists in Russia in 1941")


def test_snippet_hits_never_have_a_printed_page(texts_dir: Path) -> None:
    assert parse_snippet_hits(_data(texts_dir))[0].printed is None


def test_snippet_hits_are_ocr_text_of_the_scans(texts_dir: Path) -> None:
    assert parse_snippet_hits(_data(texts_dir))[0].ocr


def test_snippet_hit_links_to_the_preview(texts_dir: Path) -> None:
    assert "pg=PA326" in parse_snippet_hits(_data(texts_dir))[0].scan_url


def test_snippet_html_becomes_plain_text() -> None:
    assert snippet_text("Davies&#39;s <b>words</b> <br>\nend&nbsp;...") == "Davies's words end"


def test_volume_id_filter_keeps_only_that_volume(texts_dir: Path) -> None:
    assert parse_snippet_hits(_data(texts_dir), volume_id="gcTestVol002") == []


def test_answer_without_items_is_empty() -> None:
    assert parse_snippet_hits({"kind": "books#volumes", "totalItems": 0}) == []


def test_items_that_are_not_a_list_are_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_snippet_hits({"items": {"id": "x"}})


@pytest.mark.contract
def test_real_sample_description_snippets_are_not_hits_but_the_text_hit_is(
    shared_samples: Path,
) -> None:
    data = json.loads(
        (shared_samples / "googlebooks" / "volumes_q-harry-potter_2020.json").read_text(
            encoding="utf-8"
        )
    )
    hits = parse_snippet_hits(data)
    assert len(hits) == 1
    assert "pg=PA233" in hits[0].scan_url
    assert hits[0].printed is None
    assert "<b>" not in hits[0].snippet and "&nbsp;" not in hits[0].snippet


@responses.activate
def test_provider_restricts_the_phrase_to_the_isbn(http: HttpClient, texts_dir: Path) -> None:
    responses.get(VOLUMES, json=_data(texts_dir))
    hits = GoogleBooksSnippets(http).search(
        book(isbn=("9780000000002",)), "no Fifth Columnists in Russia"
    )
    assert (
        responses.calls[0].request.params["q"]
        == '"no Fifth Columnists in Russia" isbn:9780000000002'
    )
    assert len(hits) == 1


@responses.activate
def test_provider_gives_no_hits_for_an_empty_answer(http: HttpClient) -> None:
    responses.get(VOLUMES, json={"kind": "books#volumes", "totalItems": 0})
    assert GoogleBooksSnippets(http).search(book(isbn=("9780000000002",)), "no such phrase") == []


@responses.activate
def test_provider_sends_the_api_key_but_keeps_it_out_of_the_hits(
    texts_dir: Path, tmp_path: Path
) -> None:
    http = HttpClient(
        Settings(use_cache=False, max_retries=0, google_books_api_key="SECRET-KEY"),
        sleep=lambda _seconds: None,
    )
    responses.get(VOLUMES, json=_data(texts_dir))
    [hit] = GoogleBooksSnippets(http).search(book(isbn=("9780000000002",)), "no Fifth Columnists")
    assert responses.calls[0].request.params["key"] == "SECRET-KEY"
    assert hit.provenance is not None and "SECRET-KEY" not in hit.provenance.url


def test_provider_needs_an_isbn_or_a_volume_id(http: HttpClient) -> None:
    assert not GoogleBooksSnippets(http).can_serve(book())


@responses.activate
def test_timeout_becomes_source_unavailable(http: HttpClient) -> None:
    responses.get(VOLUMES, body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        GoogleBooksSnippets(http).search(book(isbn=("9780000000002",)), "a phrase")


@responses.activate
def test_429_becomes_rate_limited(http: HttpClient) -> None:
    responses.get(VOLUMES, status=429, headers={"Retry-After": "0"}, json={"error": {"code": 429}})
    with pytest.raises(RateLimited):
        GoogleBooksSnippets(http).search(book(isbn=("9780000000002",)), "a phrase")


@responses.activate
def test_500_becomes_service_error(http: HttpClient) -> None:
    responses.get(VOLUMES, status=500)
    with pytest.raises(ServiceError):
        GoogleBooksSnippets(http).search(book(isbn=("9780000000002",)), "a phrase")


@responses.activate
def test_body_that_is_not_json_is_malformed(http: HttpClient) -> None:
    responses.get(VOLUMES, body="<html>quota page</html>", content_type="text/html")
    with pytest.raises(MalformedResponse):
        GoogleBooksSnippets(http).search(book(isbn=("9780000000002",)), "a phrase")
