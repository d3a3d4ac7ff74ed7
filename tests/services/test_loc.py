"""Library of Congress: parsing loc.gov JSON (search results and item records) and the client.

The item fixtures named ``*-shape`` follow the two real item records in ../shared/api-samples/loc
(see tests/fixtures/loc/README.md); the contract tests read those records themselves.
"""

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
from citecheck.services.loc import (
    LibraryOfCongressClient,
    normalise_lccn,
    page_count_from_extent,
    parse_item,
    parse_publication,
    parse_search,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "loc"
BASE = "https://www.loc.gov"
PROVENANCE = Provenance(Service.LIBRARY_OF_CONGRESS, f"{BASE}/books/?q=x&fo=json")


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def client(max_retries: int = 0) -> LibraryOfCongressClient:
    return LibraryOfCongressClient(HttpClient(Settings(use_cache=False, max_retries=max_retries)))


# --- parsers ---------------------------------------------------------------------------------


def test_search_result_takes_the_title_of_its_item_record() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert edition.title == "Mission to Moscow"


def test_contributor_names_lose_fuller_forms_and_life_dates() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert edition.authors == ("Davies, Joseph E.",)


def test_lower_cased_contributor_facet_is_title_cased_when_no_item_names_exist() -> None:
    [edition] = parse_search(fixture("books_q-great-conspiracy.json"), PROVENANCE)
    assert edition.authors == ("Sayers, Michael", "Kahn, Albert E.")


def test_results_that_are_not_books_are_skipped() -> None:
    editions = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert all("motion picture" not in e.title for e in editions)


def test_results_without_a_title_are_skipped() -> None:
    editions = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert [e.identifiers.lccn for e in editions] == [("41051617",)]


def test_publisher_place_and_year_come_from_the_publication_statement() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert (edition.place, edition.publisher, edition.year) == (
        "New York",
        "Simon and Schuster",
        1941,
    )


def test_page_count_comes_from_the_physical_description() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert edition.page_count == 659


def test_page_count_is_read_from_a_description_that_is_an_extent() -> None:
    [edition] = parse_search(fixture("books_q-great-conspiracy.json"), PROVENANCE)
    assert edition.page_count == 433


def test_fields_given_as_single_strings_are_read_like_lists() -> None:
    [edition] = parse_search(fixture("books_q-great-conspiracy.json"), PROVENANCE)
    assert (edition.language, edition.identifiers.lccn, edition.publisher) == (
        "english",
        ("46001735",),
        "Little, Brown and company",
    )


def test_catalog_title_loses_its_trailing_isbd_slash() -> None:
    [edition] = parse_search(fixture("books_q-great-conspiracy.json"), PROVENANCE)
    assert edition.title == "The great conspiracy : the secret war against Soviet Russia"


def test_hyphenated_lccn_is_normalised_with_a_six_digit_serial() -> None:
    assert normalise_lccn("41-51617") == "41051617"


def test_record_url_is_the_https_item_page() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert edition.record_url == "https://www.loc.gov/item/41051617/"


def test_catalog_record_without_a_digital_copy_has_no_text_at_loc() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert edition.access is TextAccess.NONE


def test_every_edition_records_the_request_that_produced_it() -> None:
    [edition] = parse_search(fixture("books_q-mission-to-moscow.json"), PROVENANCE)
    assert edition.provenance == (PROVENANCE,)


def test_search_without_results_gives_no_editions() -> None:
    assert parse_search(fixture("books_q-nothing-found.json"), PROVENANCE) == []


def test_search_answer_whose_results_are_not_a_list_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="results"):
        parse_search({"results": {"id": "x"}}, PROVENANCE)


def test_item_record_reads_the_digitized_book_as_public() -> None:
    edition = parse_item(fixture("item_33012345_british-agent.json"), PROVENANCE)
    assert edition is not None and edition.access is TextAccess.PUBLIC


def test_item_record_title_loses_its_statement_of_responsibility() -> None:
    edition = parse_item(fixture("item_33012345_british-agent.json"), PROVENANCE)
    assert edition is not None and edition.title == "British agent"


def test_item_record_name_loses_honorific_after_life_dates() -> None:
    edition = parse_item(fixture("item_33012345_british-agent.json"), PROVENANCE)
    assert edition is not None and edition.authors == ("Lockhart, R. H. Bruce",)


def test_item_record_with_two_places_of_publication_keeps_both() -> None:
    edition = parse_item(fixture("item_33012345_british-agent.json"), PROVENANCE)
    assert edition is not None
    assert (edition.place, edition.publisher, edition.year) == (
        "New York, London",
        "G. P. Putnam's sons",
        1933,
    )


def test_item_record_page_count_skips_preliminary_leaves() -> None:
    edition = parse_item(fixture("item_33012345_british-agent.json"), PROVENANCE)
    assert edition is not None and edition.page_count == 354


def test_item_answer_that_is_a_search_page_is_none() -> None:
    assert parse_item({"type": "search"}, PROVENANCE) is None


def test_item_answer_in_a_changed_format_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="format may have changed"):
        parse_item({"apiVersion": 2, "result": {"item": {}}}, PROVENANCE)


def test_search_answer_without_results_is_malformed_not_empty() -> None:
    with pytest.raises(MalformedResponse, match="format may have changed"):
        parse_search({"apiVersion": 2, "result": {"results": []}}, PROVENANCE)


def test_extent_with_roman_preliminaries_counts_the_arabic_sequence() -> None:
    assert page_count_from_extent("xv, 548 p.") == 548


def test_extent_ignores_bracketed_plate_pages() -> None:
    assert page_count_from_extent("x, 220 p., [16] p. of plates") == 220


def test_extent_in_volumes_has_no_page_count() -> None:
    assert page_count_from_extent("2 v. illus. 24 cm.") is None


def test_publication_statement_with_isbd_colon_splits_at_the_colon() -> None:
    assert parse_publication("Garden City, N.Y. : Doubleday, 1979.") == (
        "Garden City, N.Y.",
        "Doubleday",
        1979,
    )


def test_publication_statement_keeps_a_state_abbreviation_with_the_place() -> None:
    assert parse_publication("Garden City, N.Y., Doubleday, 1979.")[:2] == (
        "Garden City, N.Y.",
        "Doubleday",
    )


def test_publication_statement_reads_a_copyright_year_in_brackets() -> None:
    assert parse_publication("London, Weidenfeld and Nicolson [c1979]") == (
        "London",
        "Weidenfeld and Nicolson",
        1979,
    )


# --- client ----------------------------------------------------------------------------------


@responses.activate
def test_find_editions_asks_the_books_endpoint_for_json_including_undigitized_records() -> None:
    responses.get(
        f"{BASE}/books/",
        json=fixture("books_q-mission-to-moscow.json"),
        match=[
            matchers.query_param_matcher(
                {"q": "Mission to Moscow Davies", "fo": "json", "all": "true", "c": "5"}
            )
        ],
    )
    editions = client().find_editions("Mission to Moscow", ["Davies, Joseph E."], limit=5)
    assert [e.title for e in editions] == ["Mission to Moscow"]


@responses.activate
def test_find_editions_returns_nothing_for_an_empty_result() -> None:
    responses.get(f"{BASE}/books/", json=fixture("books_q-nothing-found.json"))
    assert client().find_editions("No Such Book", ["Nobody"]) == []


@responses.activate
def test_item_is_read_by_normalised_lccn() -> None:
    responses.get(
        f"{BASE}/item/33012345/",
        json=fixture("item_33012345_british-agent.json"),
        match=[matchers.query_param_matcher({"fo": "json"})],
    )
    edition = client().item("33-12345")
    assert edition is not None and edition.identifiers.lccn == ("33012345",)


@responses.activate
def test_item_of_an_unknown_lccn_is_none() -> None:
    responses.get(f"{BASE}/item/99999999/", status=404, body="Not Found")
    assert client().item("99999999") is None


@responses.activate
def test_a_timeout_is_reported_as_an_unavailable_source() -> None:
    responses.get(f"{BASE}/books/", body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        client().find_editions("Mission to Moscow", ["Davies"])


@responses.activate
def test_429_with_retry_after_is_retried_and_then_answered() -> None:
    responses.get(f"{BASE}/books/", status=429, headers={"Retry-After": "0"})
    responses.get(f"{BASE}/books/", json=fixture("books_q-mission-to-moscow.json"))
    editions = client(max_retries=1).find_editions("Mission to Moscow", ["Davies"])
    assert [e.title for e in editions] == ["Mission to Moscow"]


@responses.activate
def test_429_that_persists_raises_rate_limited() -> None:
    responses.get(f"{BASE}/books/", status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        client(max_retries=0).find_editions("Mission to Moscow", ["Davies"])


@responses.activate
def test_500_raises_a_service_error_with_its_status() -> None:
    responses.get(f"{BASE}/books/", status=500, body="Internal Server Error")
    with pytest.raises(ServiceError) as raised:
        client(max_retries=0).find_editions("Mission to Moscow", ["Davies"])
    assert raised.value.status == 500


@responses.activate
def test_an_html_page_instead_of_json_is_malformed() -> None:
    # Without fo=json loc.gov answers with its HTML page; a proxy can do the same.
    responses.get(f"{BASE}/books/", body="<!DOCTYPE html><html><body>loc.gov</body></html>")
    with pytest.raises(MalformedResponse):
        client().find_editions("Mission to Moscow", ["Davies"])


# --- the real item shapes (2017 and 2025) ---------------------------------------------------

ITEM_PROVENANCE = Provenance(Service.LIBRARY_OF_CONGRESS, f"{BASE}/item/x/?fo=json")


def test_the_lccn_is_read_from_library_of_congress_control_number() -> None:
    edition = parse_item(fixture("item_46001735_great-conspiracy_2017-shape.json"), ITEM_PROVENANCE)
    assert edition is not None
    assert edition.identifiers.lccn == ("46001735",)


def test_contributors_as_label_to_facet_url_objects_give_the_names() -> None:
    edition = parse_item(fixture("item_46001735_great-conspiracy_2017-shape.json"), ITEM_PROVENANCE)
    assert edition is not None
    assert edition.authors == ("Sayers, Michael", "Kahn, Albert E.")


def test_language_objects_give_their_label() -> None:
    edition = parse_item(fixture("item_46001735_great-conspiracy_2017-shape.json"), ITEM_PROVENANCE)
    assert edition is not None and edition.language == "english"


def test_language_strings_are_taken_as_they_are() -> None:
    edition = parse_item(
        fixture("item_41051617_mission-to-moscow_2025-shape.json"), ITEM_PROVENANCE
    )
    assert edition is not None and edition.language == "english"


def test_languages_objects_are_read_when_language_is_absent() -> None:
    data = {"item": {"title": "X", "languages": [{"russian": "https://www.loc.gov/search/?fa=x"}]}}
    edition = parse_item(data, ITEM_PROVENANCE)
    assert edition is not None and edition.language == "russian"


@pytest.mark.parametrize(
    ("name", "call_number"),
    [
        ("item_46001735_great-conspiracy_2017-shape.json", "DK266 .S38 1946"),
        ("item_41051617_mission-to-moscow_2025-shape.json", "E183.8.R9 D3 1941"),
    ],
)
def test_call_number_is_read_as_a_list_or_a_string(name: str, call_number: str) -> None:
    edition = parse_item(fixture(name), ITEM_PROVENANCE)
    assert edition is not None
    assert [f.value for f in edition.facts if f.name == "call_number"] == [call_number]


def test_place_and_date_without_a_publisher_is_the_place() -> None:
    edition = parse_item(fixture("item_46001735_great-conspiracy_2017-shape.json"), ITEM_PROVENANCE)
    assert edition is not None
    assert (edition.place, edition.publisher, edition.year) == ("Boston", None, 1946)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("New York, 1865.", ("New York", None, 1865)),
        ("Garden City, N.Y., 1979.", ("Garden City, N.Y.", None, 1979)),
        ("Simon & Schuster, 1941.", (None, "Simon & Schuster", 1941)),
    ],
)
def test_a_statement_of_place_and_date_names_no_publisher(
    statement: str, expected: tuple[str | None, str | None, int | None]
) -> None:
    assert parse_publication(statement) == expected


def test_a_bare_id_is_not_taken_for_the_record_url() -> None:
    # As in the 2025 record's nested ``item.item``.
    data = {"item": {"title": "X", "id": "41051617", "url": "https://www.loc.gov/item/41051617/"}}
    edition = parse_item(data, ITEM_PROVENANCE)
    assert edition is not None
    assert edition.record_url == "https://www.loc.gov/item/41051617/"


def test_the_2025_shape_keeps_publisher_and_page_count() -> None:
    edition = parse_item(
        fixture("item_41051617_mission-to-moscow_2025-shape.json"), ITEM_PROVENANCE
    )
    assert edition is not None
    assert (edition.place, edition.publisher, edition.page_count, edition.authors) == (
        "New York",
        "Simon and Schuster",
        683,
        ("Davies, Joseph E.",),
    )
