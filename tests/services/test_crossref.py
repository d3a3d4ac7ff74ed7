"""Crossref: parsing works (lists, date parts, authors), the query, the plain-text 404, and faults."""

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
from citecheck.model import Provenance, Service
from citecheck.services import Catalog
from citecheck.services.crossref import (
    CrossrefClient,
    author_name,
    issued_year,
    parse_work,
    parse_works,
    validation_failures,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "crossref"
BASE = "https://api.crossref.org"
PROVENANCE = Provenance(Service.CROSSREF, f"{BASE}/works?query.bibliographic=x")


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def client(max_retries: int = 0, contact: str = "") -> CrossrefClient:
    return CrossrefClient(
        HttpClient(Settings(use_cache=False, max_retries=max_retries, contact=contact))
    )


def works() -> list[Any]:
    return parse_works(fixture("works_query-bibliographic_great-conspiracy_rows3.json"), PROVENANCE)


# --- parsers ---------------------------------------------------------------------------------


def test_title_is_the_first_of_the_title_list() -> None:
    assert works()[0].title.startswith("The Great Conspiracy: The Secret War")


def test_author_with_given_and_family_is_written_family_first() -> None:
    assert works()[0].authors == ("Hartley, Anne",)


def test_author_that_is_a_body_keeps_its_name() -> None:
    assert works()[2].authors == ("Committee on Soviet Affairs",)


def test_author_without_given_name_is_the_family_name() -> None:
    assert author_name({"family": "Kahn"}) == "Kahn"


def test_year_comes_from_issued_date_parts() -> None:
    assert works()[0].year == 1946


def test_issued_date_parts_of_null_give_no_year() -> None:
    assert works()[1].year is None


def test_issued_null_falls_back_to_the_print_date() -> None:
    assert (
        issued_year(
            {"issued": {"date-parts": [[None]]}, "published-print": {"date-parts": [[1946, 2]]}}
        )
        == 1946
    )


def test_chapter_keeps_its_book_as_container_title_and_its_page_range_as_a_fact() -> None:
    facts = {f.name: f.value for f in works()[1].facts}
    assert (facts["type"], facts["container_title"], facts["pages"]) == (
        "book-chapter",
        "Western Writers and the Soviet Purges",
        "142-171",
    )


def test_page_range_is_not_taken_for_a_page_count() -> None:
    assert works()[1].page_count is None


def test_isbns_lose_their_hyphens_and_duplicates() -> None:
    assert works()[1].identifiers.isbn == ("9781349123452",)


def test_doi_and_doi_url_are_kept() -> None:
    review = works()[0]
    assert (review.identifiers.doi, review.record_url) == (
        ("10.2307/125311",),
        "https://doi.org/10.2307/125311",
    )


def test_publisher_location_is_the_place() -> None:
    assert (works()[1].publisher, works()[1].place) == ("Palgrave Macmillan UK", "London")


def test_empty_container_title_list_adds_no_fact() -> None:
    assert "container_title" not in {f.name for f in works()[2].facts}


def test_work_without_a_title_is_skipped() -> None:
    assert len(works()) == 3


def test_single_work_message_is_parsed_like_a_list_item() -> None:
    edition = parse_work(fixture("work_doi-10.2307-125311.json")["message"], PROVENANCE)
    assert edition is not None and edition.identifiers.doi == ("10.2307/125311",)


def test_empty_work_list_gives_no_editions() -> None:
    assert parse_works(fixture("works_nothing-found.json"), PROVENANCE) == []


def test_answer_without_a_message_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="message"):
        parse_works({"status": "ok"}, PROVENANCE)


def test_validation_failure_lists_each_complaint() -> None:
    data = fixture("works_400_validation-failure_select-not-available.json")
    assert validation_failures(data) == [
        "select-not-available: Field language specified in select is not available"
    ]


def test_a_validation_failure_read_as_an_answer_is_malformed_and_says_why() -> None:
    data = fixture("works_400_validation-failure_select-not-available.json")
    with pytest.raises(MalformedResponse, match="select-not-available"):
        parse_works(data, PROVENANCE)


def test_an_ordinary_answer_has_no_validation_failures() -> None:
    assert validation_failures(fixture("works_nothing-found.json")) == []


def test_answer_with_a_failed_status_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="failed"):
        parse_works({"status": "failed", "message": {}}, PROVENANCE)


# --- contract: the recorded answers -------------------------------------------------------------


def recorded(shared: Path, name: str) -> Any:
    return json.loads((shared / "crossref" / name).read_text(encoding="utf-8"))


@pytest.mark.contract
def test_recorded_work_list_gives_one_edition_per_item(shared_samples: Path) -> None:
    data = recorded(shared_samples, "works_query-widget_cursor-star_has-book-chapters.json")
    assert len(parse_works(data, PROVENANCE)) == 20


@pytest.mark.contract
def test_recorded_chapter_with_null_date_parts_has_no_year(shared_samples: Path) -> None:
    data = recorded(shared_samples, "works_query-widget_cursor-star_has-book-chapters.json")
    chapter = parse_works(data, PROVENANCE)[0]
    assert (chapter.year, chapter.identifiers.isbn) == (None, ("9781590598160",))


@pytest.mark.contract
def test_recorded_posted_content_without_container_title_parses(shared_samples: Path) -> None:
    data = recorded(shared_samples, "works_query-widget_cursor-star_has-book-chapters.json")
    last = parse_works(data, PROVENANCE)[-1]
    assert (last.authors, last.year) == (("Willighagen, Egon",), 2008)


@pytest.mark.contract
def test_recorded_reference_entries_keep_publisher_and_doi(shared_samples: Path) -> None:
    first = parse_works(recorded(shared_samples, "works_query-ecology_rows2.json"), PROVENANCE)[0]
    assert (first.publisher, first.identifiers.doi) == (
        "Oxford University Press",
        ("10.1093/obo/9780199830060-0238",),
    )


@pytest.mark.contract
@responses.activate
def test_recorded_plain_text_404_for_an_unknown_doi_is_none(shared_samples: Path) -> None:
    body = (shared_samples / "crossref" / "works_doi-not-found_404.txt").read_text(encoding="utf-8")
    responses.get(
        f"{BASE}/works/10.1371/notarealdoi", status=404, body=body, content_type="text/plain"
    )
    assert client().work("10.1371/notarealdoi") is None


# --- client ----------------------------------------------------------------------------------


def test_client_is_a_title_catalog() -> None:
    assert isinstance(client(), Catalog)


@responses.activate
def test_find_editions_sends_bibliographic_and_author_queries_with_the_contact() -> None:
    responses.get(
        f"{BASE}/works",
        json=fixture("works_query-bibliographic_great-conspiracy_rows3.json"),
        match=[
            matchers.query_param_matcher(
                {
                    "query.bibliographic": "The Great Conspiracy 1946",
                    "query.author": "Sayers Kahn",
                    "rows": "3",
                    "mailto": "editor@example.org",
                },
                strict_match=False,
            )
        ],
    )
    editions = client(contact="editor@example.org").find_editions(
        "The Great Conspiracy", ["Sayers", "Kahn"], year=1946, limit=3
    )
    assert len(editions) == 3


@responses.activate
def test_a_validation_failure_is_asked_once_more_without_optional_parameters() -> None:
    refusal = fixture("works_400_validation-failure_select-not-available.json")
    responses.get(
        f"{BASE}/works",
        status=400,
        json=refusal,
        match=[matchers.query_param_matcher({"rows": "3"}, strict_match=False)],
    )
    responses.get(
        f"{BASE}/works", json=fixture("works_query-bibliographic_great-conspiracy_rows3.json")
    )
    crossref = client()
    editions = crossref.find_editions("The Great Conspiracy", ["Sayers"], limit=3)
    assert len(editions) == 3
    retried = responses.calls[1].request.url or ""
    assert "select=" not in retried and "query.author=" not in retried
    assert "query.bibliographic=" in retried
    said = [a.detail for a in crossref.http.attempts if "refused" in a.detail]
    assert said and "select-not-available" in said[0] and "without select, query.author" in said[0]


@responses.activate
def test_a_second_validation_failure_is_not_asked_a_third_time() -> None:
    refusal = fixture("works_400_validation-failure_select-not-available.json")
    responses.get(f"{BASE}/works", status=400, json=refusal)
    with pytest.raises(ServiceError):
        client().find_editions("The Great Conspiracy", ["Sayers"])
    assert len(responses.calls) == 2


@responses.activate
def test_a_400_that_is_not_a_validation_failure_is_not_retried() -> None:
    responses.get(f"{BASE}/works", status=400, body="<html>Bad Request</html>")
    with pytest.raises(ServiceError):
        client().find_editions("The Great Conspiracy", ["Sayers"])
    assert len(responses.calls) == 1


@responses.activate
def test_no_mailto_is_sent_without_a_contact() -> None:
    responses.get(f"{BASE}/works", json=fixture("works_nothing-found.json"))
    client().find_editions("The Great Conspiracy", [])
    assert "mailto" not in (responses.calls[0].request.url or "")


@responses.activate
def test_work_is_read_by_doi_without_its_resolver_prefix() -> None:
    responses.get(f"{BASE}/works/10.2307/125311", json=fixture("work_doi-10.2307-125311.json"))
    edition = client().work("https://doi.org/10.2307/125311")
    assert edition is not None and edition.year == 1946


@responses.activate
def test_plain_text_404_of_an_unknown_doi_is_none() -> None:
    body = (FIXTURES / "work_doi-not-found_404.txt").read_text(encoding="utf-8")
    responses.get(f"{BASE}/works/10.9999/none", status=404, body=body, content_type="text/plain")
    assert client().work("10.9999/none") is None


@responses.activate
def test_a_timeout_is_reported_as_an_unavailable_source() -> None:
    responses.get(f"{BASE}/works", body=requests.exceptions.ReadTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        client().find_editions("The Great Conspiracy", ["Sayers"])


@responses.activate
def test_429_with_retry_after_is_retried_and_then_answered() -> None:
    responses.get(f"{BASE}/works", status=429, headers={"Retry-After": "0"})
    responses.get(f"{BASE}/works", json=fixture("works_nothing-found.json"))
    assert client(max_retries=1).find_editions("The Great Conspiracy", ["Sayers"]) == []


@responses.activate
def test_429_that_persists_raises_rate_limited() -> None:
    responses.get(f"{BASE}/works", status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        client().find_editions("The Great Conspiracy", ["Sayers"])


@responses.activate
def test_500_raises_a_service_error() -> None:
    responses.get(f"{BASE}/works", status=500, body="Internal Server Error")
    with pytest.raises(ServiceError):
        client().find_editions("The Great Conspiracy", ["Sayers"])


@responses.activate
def test_a_body_that_is_not_json_is_malformed() -> None:
    responses.get(f"{BASE}/works", body="Resource not found.", content_type="text/plain")
    with pytest.raises(MalformedResponse):
        client().find_editions("The Great Conspiracy", ["Sayers"])
