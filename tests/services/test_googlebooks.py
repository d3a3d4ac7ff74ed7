"""Google Books: parsing volumes, text access, the search query, the API key, and faults."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from responses import matchers

from citecheck.config import Settings
from citecheck.errors import MalformedResponse, RateLimited, ServiceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Provenance, Service, TextAccess
from citecheck.services import Catalog
from citecheck.services.googlebooks import (
    GoogleBooksClient,
    access_from_access_info,
    parse_volume,
    parse_volumes,
    search_query,
    without_api_key,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "googlebooks"
BASE = "https://www.googleapis.com/books/v1"
PROVENANCE = Provenance(Service.GOOGLE_BOOKS, f"{BASE}/volumes?q=x")
SECRET = "AIzaSy-test-key-not-real"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def client(max_retries: int = 0, api_key: str = "") -> GoogleBooksClient:
    settings = Settings(use_cache=False, max_retries=max_retries, google_books_api_key=api_key)
    return GoogleBooksClient(HttpClient(settings))


def stalin() -> list[Any]:
    return parse_volumes(
        fixture("volumes_intitle-stalin-man-of-history_inauthor-grey.json"), PROVENANCE
    )


# --- parsers ---------------------------------------------------------------------------------


def test_volume_gives_title_authors_publisher_year_and_page_count() -> None:
    doubleday = stalin()[0]
    assert (doubleday.title, doubleday.authors, doubleday.publisher, doubleday.year) == (
        "Stalin, Man of History",
        ("Ian Grey",),
        "Doubleday",
        1979,
    )
    assert doubleday.page_count == 548


def test_isbn_13_and_isbn_10_are_both_kept_thirteen_first() -> None:
    assert stalin()[0].identifiers.isbn == ("9780385147330", "0385147333")


def test_subtitle_is_joined_to_the_title_with_a_colon() -> None:
    assert stalin()[1].title == "Stalin: Man of History"


def test_year_is_read_from_a_year_and_month_date() -> None:
    assert stalin()[1].year == 1979


def test_other_identifier_with_oclc_prefix_becomes_an_oclc_number() -> None:
    weidenfeld = stalin()[1]
    assert (weidenfeld.identifiers.oclc, weidenfeld.identifiers.isbn) == (("4591937",), ())


def test_a_volume_without_page_count_authors_or_identifiers_is_still_an_edition() -> None:
    bare = stalin()[2]
    assert (bare.page_count, bare.authors, bare.identifiers.googlebooks) == (
        None,
        (),
        ("ZbQOAQAAMAAJ",),
    )


def test_no_pages_volume_has_no_text_access() -> None:
    assert stalin()[0].access is TextAccess.NONE


def test_partial_preview_counts_only_as_snippets() -> None:
    assert stalin()[1].access is TextAccess.SNIPPETS


def test_public_domain_full_view_is_public() -> None:
    edition = parse_volume(fixture("volume_mission-to-moscow_public-domain.json"), PROVENANCE)
    assert edition is not None and edition.access is TextAccess.PUBLIC


def test_other_identifier_with_lccn_prefix_becomes_an_lccn() -> None:
    edition = parse_volume(fixture("volume_mission-to-moscow_public-domain.json"), PROVENANCE)
    assert edition is not None and edition.identifiers.lccn == ("41051617",)


def test_public_domain_flag_alone_makes_a_volume_public() -> None:
    assert access_from_access_info({"publicDomain": True}) is TextAccess.PUBLIC


def test_missing_access_info_is_unknown_access() -> None:
    assert access_from_access_info(None) is TextAccess.UNKNOWN


def test_text_snippet_is_kept_as_a_fact_with_its_provenance() -> None:
    facts = {f.name: f for f in stalin()[1].facts}
    assert "<b>Bukharin</b>" in facts["text_snippet"].value
    assert facts["text_snippet"].provenance == PROVENANCE


def test_search_with_nothing_found_has_no_items_and_gives_no_editions() -> None:
    assert parse_volumes(fixture("volumes_nothing-found.json"), PROVENANCE) == []


def test_items_that_are_not_a_list_are_malformed() -> None:
    with pytest.raises(MalformedResponse, match="items"):
        parse_volumes({"items": {"id": "x"}}, PROVENANCE)


def test_an_item_without_volume_info_is_skipped() -> None:
    assert parse_volumes({"items": [{"id": "x"}]}, PROVENANCE) == []


def test_search_query_quotes_the_title_and_uses_author_surnames() -> None:
    assert (
        search_query("Stalin: Man of History", ["Grey, Ian", "Joseph E. Davies"])
        == 'intitle:"Stalin: Man of History" inauthor:Grey inauthor:Davies'
    )


def test_api_key_is_removed_from_a_url() -> None:
    assert without_api_key(f"{BASE}/volumes?q=a&key={SECRET}&maxResults=3") == (
        f"{BASE}/volumes?q=a&maxResults=3"
    )


# --- contract: the recorded answer -----------------------------------------------------------


def recorded(shared: Path) -> Any:
    return json.loads(
        (shared / "googlebooks" / "volumes_q-harry-potter_2020.json").read_text(encoding="utf-8")
    )


@pytest.mark.contract
def test_recorded_search_gives_one_edition_per_item(shared_samples: Path) -> None:
    assert len(parse_volumes(recorded(shared_samples), PROVENANCE)) == 10


@pytest.mark.contract
def test_recorded_item_without_page_count_has_none(shared_samples: Path) -> None:
    editions = parse_volumes(recorded(shared_samples), PROVENANCE)
    [boxed_set] = [e for e in editions if e.identifiers.googlebooks == ("DAAAAAAACAAJ",)]
    assert boxed_set.page_count is None


@pytest.mark.contract
def test_recorded_preview_and_no_preview_volumes_map_to_snippets_and_none(
    shared_samples: Path,
) -> None:
    access = {e.access for e in parse_volumes(recorded(shared_samples), PROVENANCE)}
    assert access == {TextAccess.SNIPPETS, TextAccess.NONE}


@pytest.mark.contract
def test_recorded_full_dates_give_their_year(shared_samples: Path) -> None:
    first = parse_volumes(recorded(shared_samples), PROVENANCE)[0]
    assert first.year == 2020


# --- client ----------------------------------------------------------------------------------


def test_client_is_a_title_catalog() -> None:
    assert isinstance(client(), Catalog)


@responses.activate
def test_find_editions_sends_the_query_limited_to_books() -> None:
    responses.get(
        f"{BASE}/volumes",
        json=fixture("volumes_intitle-stalin-man-of-history_inauthor-grey.json"),
        match=[
            matchers.query_param_matcher(
                {
                    "q": 'intitle:"Stalin Man of History" inauthor:Grey',
                    "printType": "books",
                    "maxResults": "10",
                }
            )
        ],
    )
    editions = client().find_editions("Stalin Man of History", ["Grey, Ian"], limit=10)
    assert len(editions) == 3


@responses.activate
def test_api_key_is_sent_as_key_parameter() -> None:
    responses.get(
        f"{BASE}/volumes",
        json=fixture("volumes_nothing-found.json"),
        match=[matchers.query_param_matcher({"key": SECRET}, strict_match=False)],
    )
    assert client(api_key=SECRET).find_editions("Stalin", ["Grey"]) == []


@responses.activate
def test_api_key_never_reaches_the_provenance_of_an_edition() -> None:
    responses.get(
        f"{BASE}/volumes", json=fixture("volumes_intitle-stalin-man-of-history_inauthor-grey.json")
    )
    editions = client(api_key=SECRET).find_editions("Stalin", ["Grey"])
    urls = [p.url for e in editions for p in e.provenance] + [
        f.provenance.url for e in editions for f in e.facts
    ]
    assert urls and not any(SECRET in url for url in urls)


@responses.activate
def test_api_key_never_reaches_the_message_of_an_error() -> None:
    responses.get(f"{BASE}/volumes", status=500, body="error")
    with pytest.raises(ServiceError) as raised:
        client(api_key=SECRET).find_editions("Stalin", ["Grey"])
    assert SECRET not in str(raised.value) and SECRET not in raised.value.url


@responses.activate
def test_volume_is_read_by_id() -> None:
    responses.get(
        f"{BASE}/volumes/Jj8tAAAAYAAJ", json=fixture("volume_mission-to-moscow_public-domain.json")
    )
    edition = client().volume("Jj8tAAAAYAAJ")
    assert edition is not None and edition.title == "Mission to Moscow"


@responses.activate
def test_volume_of_an_unknown_id_is_none() -> None:
    responses.get(
        f"{BASE}/volumes/nosuchvolume",
        status=404,
        json={"error": {"code": 404, "message": "The volume ID could not be found."}},
    )
    assert client().volume("nosuchvolume") is None


@responses.activate
def test_a_timeout_is_reported_as_an_unavailable_source() -> None:
    responses.get(f"{BASE}/volumes", body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        client().find_editions("Stalin", ["Grey"])


@responses.activate
def test_429_with_retry_after_is_retried_and_then_answered() -> None:
    responses.get(f"{BASE}/volumes", status=429, headers={"Retry-After": "0"})
    responses.get(f"{BASE}/volumes", json=fixture("volumes_nothing-found.json"))
    assert client(max_retries=1).find_editions("Stalin", ["Grey"]) == []


@responses.activate
def test_429_that_persists_raises_rate_limited() -> None:
    responses.get(
        f"{BASE}/volumes",
        status=429,
        headers={"Retry-After": "0"},
        json={"error": {"code": 429, "message": "Quota exceeded"}},
    )
    with pytest.raises(RateLimited):
        client().find_editions("Stalin", ["Grey"])


@responses.activate
def test_a_body_that_is_not_json_is_malformed() -> None:
    responses.get(f"{BASE}/volumes", body="<html>Service Unavailable</html>")
    with pytest.raises(MalformedResponse):
        client().find_editions("Stalin", ["Grey"])


def test_an_answer_without_items_or_total_is_a_changed_format_not_nothing_found() -> None:
    with pytest.raises(MalformedResponse, match="format may have changed"):
        parse_volumes({"apiVersion": 2, "result": {"items": []}}, PROVENANCE)


def test_the_real_zero_hit_answer_without_items_is_nothing_found() -> None:
    assert parse_volumes({"kind": "books#volumes", "totalItems": 0}, PROVENANCE) == []
