"""An answer stays in the cache only once its parser accepted it; a rejected one is asked again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from citecheck.config import Settings
from citecheck.errors import MalformedResponse
from citecheck.http import HttpClient
from citecheck.services.crossref import CrossrefClient
from citecheck.services.googlebooks import GoogleBooksClient
from citecheck.services.hathitrust import HathiTrustClient
from citecheck.texts.web import WebText

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CROSSREF = "https://api.crossref.org/works"
GOOGLE = "https://www.googleapis.com/books/v1/volumes"
PAGE = "https://www.marxists.org/reference/archive/stalin/works/1941/07/03.htm"


def http(tmp_path: Path) -> HttpClient:
    return HttpClient(
        Settings(cache_dir=tmp_path / "cache", max_retries=0), sleep=lambda _seconds: None
    )


def crossref_works() -> str:
    return (
        FIXTURES / "crossref" / "works_query-bibliographic_great-conspiracy_rows3.json"
    ).read_text()


@responses.activate
def test_malformed_json_with_status_200_is_not_replayed_from_the_cache(tmp_path: Path) -> None:
    responses.get(
        CROSSREF, body='{"status": "ok", "message": {"items": [', content_type="application/json"
    )
    responses.get(CROSSREF, body=crossref_works(), content_type="application/json")
    first = http(tmp_path)
    with pytest.raises(MalformedResponse):
        CrossrefClient(first).find_editions("The Great Conspiracy", ["Sayers"])
    first.close()
    assert any("not kept in the cache" in a.detail for a in first.attempts)
    again = http(tmp_path)
    assert len(CrossrefClient(again).find_editions("The Great Conspiracy", ["Sayers"])) == 3
    assert again.request_count == 1


@responses.activate
def test_an_html_error_page_with_status_200_is_not_replayed(tmp_path: Path) -> None:
    page = "<html><head><title>503 Service Unavailable</title></head><body>Down</body></html>"
    responses.get(GOOGLE, body=page, content_type="text/html")
    responses.get(GOOGLE, json={"kind": "books#volumes", "totalItems": 0})
    first = http(tmp_path)
    with pytest.raises(MalformedResponse):
        GoogleBooksClient(first).find_editions("Mission to Moscow", ["Davies"])
    first.close()
    again = http(tmp_path)
    assert GoogleBooksClient(again).find_editions("Mission to Moscow", ["Davies"]) == []
    assert again.request_count == 1


@responses.activate
def test_a_changed_schema_is_a_named_failure_and_not_cached(tmp_path: Path) -> None:
    url = "https://catalog.hathitrust.org/api/volumes/brief/json/oclc:1287743"
    responses.get(url, json={"oclc:1287743": {"volumes": []}})
    responses.get(url, json={"oclc:1287743": {"records": [], "items": []}})
    first = http(tmp_path)
    with pytest.raises(MalformedResponse, match="format may have changed"):
        HathiTrustClient(first).volumes_by_oclc(["1287743"])
    first.close()
    again = http(tmp_path)
    assert HathiTrustClient(again).volumes_by_oclc(["1287743"]) == []
    assert again.request_count == 1


@responses.activate
def test_an_accepted_answer_is_kept(tmp_path: Path) -> None:
    responses.get(CROSSREF, body=crossref_works(), content_type="application/json")
    first = http(tmp_path)
    CrossrefClient(first).find_editions("The Great Conspiracy", ["Sayers"])
    first.close()
    again = http(tmp_path)
    CrossrefClient(again).find_editions("The Great Conspiracy", ["Sayers"])
    assert again.request_count == 0


@responses.activate
def test_a_web_error_page_with_status_200_is_refused_and_asked_again(tmp_path: Path) -> None:
    error = "<html><head><title>Page Not Found</title></head><body><p>Sorry.</p></body></html>"
    text = (
        "<html><body>"
        + "<p>The collective farmers must drive off all their cattle.</p>" * 5
        + "</body></html>"
    )
    responses.get(PAGE, body=error, content_type="text/html")
    responses.get(PAGE, body=text, content_type="text/html")
    first = http(tmp_path)
    with pytest.raises(MalformedResponse, match="error page"):
        WebText(first).fetch_pages(PAGE)
    first.close()
    again = http(tmp_path)
    assert "cattle" in WebText(again).fetch_pages(PAGE)[0].text
    assert again.request_count == 1


def test_the_rejected_answer_is_named_in_the_attempts(tmp_path: Path) -> None:
    with responses.RequestsMock() as mock:
        mock.get(CROSSREF, body="<html>oops</html>", content_type="text/html")
        client = http(tmp_path)
        with pytest.raises(MalformedResponse, match="expected JSON"):
            CrossrefClient(client).find_editions("X", [])
    details = [a.detail for a in client.attempts]
    assert json.dumps(details).count("not kept in the cache") == 1
