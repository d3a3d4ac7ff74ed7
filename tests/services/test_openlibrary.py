"""Open Library: search docs, editions, the books API, the traps of each shape, and faults."""

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
from citecheck.model import Edition, Provenance, Service, TextAccess
from citecheck.services import Catalog
from citecheck.services.openlibrary import (
    SEARCH_FIELDS,
    OpenLibraryClient,
    access_of,
    names,
    pages_from_pagination,
    parse_books_api,
    parse_edition,
    parse_editions,
    parse_search,
    parse_work_authors,
    strings,
    text_value,
    year_of,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "openlibrary"
BASE = "https://openlibrary.org"
WORK = "OL1963268W"
PROV = Provenance(Service.OPEN_LIBRARY, f"{BASE}/search.json?title=x")


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(max_retries: int = 0) -> tuple[OpenLibraryClient, Sleeps]:
    sleeps = Sleeps()
    http = HttpClient(Settings(use_cache=False, max_retries=max_retries), sleep=sleeps)
    return OpenLibraryClient(http), sleeps


def grey_search() -> list[Edition]:
    return parse_search(fixture("search_title-stalin-man-of-history_author-grey.json"), PROV)


def grey_editions() -> list[Edition]:
    return parse_editions(
        fixture("editions_OL1963268W_stalin-man-of-history.json"),
        PROV,
        authors=("Ian Grey",),
        access=TextAccess.SEARCH_ONLY,
    )


# --- search.json ----------------------------------------------------------------------------


def test_a_search_doc_is_one_work_with_its_authors_and_first_year() -> None:
    work = grey_search()[0]
    assert (work.title, work.authors, work.year) == ("Stalin, man of history", ("Ian Grey",), 1979)


def test_a_search_doc_reads_the_median_page_count_asked_for() -> None:
    assert grey_search()[0].page_count == 548


def test_a_search_doc_pools_the_identifiers_of_its_editions() -> None:
    ids = grey_search()[0].identifiers
    assert ids.isbn == ("0385147333", "9780385147330", "0297775766")
    assert (ids.oclc, ids.lccn) == (("4591937",), ("78022312",))
    assert ids.openlibrary == ("OL1963268W", "OL4742615M", "OL4420019M")
    assert ids.internetarchive == ("stalinmanofhisto00grey",)


def test_fields_not_returned_are_absent_not_guessed() -> None:
    # The second doc carries only default fields: no page count, publisher or identifiers.
    bare = grey_search()[1]
    assert (bare.page_count, bare.publisher, bare.identifiers.isbn) == (None, None, ())


def test_a_subtitle_is_joined_to_the_title() -> None:
    assert grey_search()[1].title == "Stalin: a study guide"


def test_borrowable_ebook_access_means_search_only() -> None:
    assert grey_search()[0].access == TextAccess.SEARCH_ONLY


@pytest.mark.parametrize(
    ("value", "access"),
    [
        ("public", TextAccess.PUBLIC),
        ("borrowable", TextAccess.SEARCH_ONLY),
        ("printdisabled", TextAccess.SEARCH_ONLY),
        ("no_ebook", TextAccess.NONE),
        ("unclassified", TextAccess.UNKNOWN),
        ("something new", TextAccess.UNKNOWN),
    ],
)
def test_each_ebook_access_value_maps_to_a_text_access(value: str, access: TextAccess) -> None:
    assert access_of(value) == access


def test_the_older_search_shape_without_ebook_access_uses_has_fulltext() -> None:
    # The 2020 shape: num_found and numFound, legacy text/seed lists, no ebook_access.
    [work] = parse_search(fixture("search_2020-shape_mission-to-moscow.json"), PROV)
    assert work.access == TextAccess.NONE
    assert work.year == 1941


def test_the_work_record_links_to_the_open_library_page() -> None:
    work = parse_search(
        fixture("search_title-stalin-man-of-history_author-grey.json"), PROV, base=BASE
    )[0]
    assert work.record_url == f"{BASE}/works/{WORK}"


def test_every_search_fact_names_the_service() -> None:
    facts = grey_search()[0].facts
    assert {"number_of_pages_median", "ebook_access"} <= {f.name for f in facts}
    assert all(f.provenance.service == Service.OPEN_LIBRARY for f in facts)


def test_a_search_answer_without_docs_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="docs"):
        parse_search({"numFound": 0}, PROV)


# --- editions -------------------------------------------------------------------------------


def test_an_edition_with_number_of_pages_uses_it() -> None:
    assert grey_editions()[0].page_count == 548


def test_an_edition_with_only_a_pagination_statement_takes_its_page_count() -> None:
    assert grey_editions()[1].page_count == 548


def test_an_edition_with_neither_pages_nor_pagination_has_no_page_count() -> None:
    assert grey_editions()[2].page_count is None


def test_a_free_text_publish_date_gives_the_year() -> None:
    assert grey_editions()[1].year == 1979


def test_edition_authors_come_from_the_caller_since_records_only_hold_keys() -> None:
    assert grey_editions()[0].authors == ("Ian Grey",)


def test_the_scanned_edition_takes_the_work_s_access_and_the_others_have_none() -> None:
    editions = grey_editions()
    assert [e.access for e in editions] == [
        TextAccess.SEARCH_ONLY,
        TextAccess.NONE,
        TextAccess.NONE,
    ]


def test_an_edition_s_ocaid_becomes_its_internet_archive_identifier() -> None:
    assert grey_editions()[0].identifiers.internetarchive == ("stalinmanofhisto00grey",)


def test_an_edition_keeps_its_own_key_and_its_work_key() -> None:
    assert grey_editions()[0].identifiers.openlibrary == ("OL4742615M", WORK)


def test_an_edition_record_names_publisher_place_and_language() -> None:
    edition = parse_edition(fixture("edition_OL6404960M_mission-to-moscow.json"), PROV)
    assert (edition.publisher, edition.place, edition.language) == (
        "Simon and Schuster",
        "New York",
        "eng",
    )


def test_without_author_names_an_edition_falls_back_to_its_by_statement() -> None:
    edition = parse_edition(fixture("edition_OL6404960M_mission-to-moscow.json"), PROV)
    assert edition.authors == ("by Joseph E. Davies",)


def test_an_editions_answer_without_entries_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="entries"):
        parse_editions({"links": {}}, PROV)


@pytest.mark.parametrize(
    ("pagination", "pages"),
    [
        ("xi, 292 p. ;", 292),
        ("xii, 548 p., [8] leaves of plates :", 548),
        ("491 p. :", 491),
        ("xv, 548 p.", 548),
        ("320", 320),
        ("1 v. (unpaged)", None),
    ],
)
def test_the_page_count_of_a_pagination_statement(pagination: str, pages: int | None) -> None:
    assert pages_from_pagination(pagination) == pages


# --- works ----------------------------------------------------------------------------------


def test_work_authors_are_read_through_the_role_wrapper() -> None:
    assert parse_work_authors(fixture("work_OL1963268W_stalin-man-of-history.json")) == (
        "OL386254A",
    )


def test_edition_style_author_references_are_read_too() -> None:
    assert parse_work_authors({"authors": [{"key": "/authors/OL1A"}]}) == ("OL1A",)


def test_a_description_may_be_a_plain_string_or_a_typed_text() -> None:
    plain = fixture("work_OL1963268W_stalin-man-of-history.json")["description"]
    assert text_value(plain).startswith("A biography of Stalin")
    assert text_value({"type": "/type/text", "value": "Typed."}) == "Typed."


# --- the books API --------------------------------------------------------------------------


def test_the_books_api_is_keyed_by_the_bibkey_as_sent() -> None:
    found = parse_books_api(fixture("api-books_lccn-and-oclc_great-conspiracy.json"), PROV)
    assert list(found) == ["LCCN:46001234"]


def test_the_books_api_reads_publisher_and_place_objects() -> None:
    edition = parse_books_api(fixture("api-books_lccn-and-oclc_great-conspiracy.json"), PROV)[
        "LCCN:46001234"
    ]
    assert (edition.publisher, edition.place, edition.page_count) == (
        "Little, Brown",
        "Boston",
        433,
    )


def test_the_books_api_reads_identifier_lists_and_the_scan() -> None:
    edition = parse_books_api(fixture("api-books_lccn-and-oclc_great-conspiracy.json"), PROV)[
        "LCCN:46001234"
    ]
    ids = edition.identifiers
    assert (ids.lccn, ids.oclc, ids.openlibrary) == (("46001234",), ("1426586",), ("OL6520735M",))
    assert ids.internetarchive == ("greatconspiracys00saye",)
    assert edition.access == TextAccess.SEARCH_ONLY


def test_the_books_api_authors_are_objects_with_names() -> None:
    edition = parse_books_api(fixture("api-books_lccn-and-oclc_great-conspiracy.json"), PROV)[
        "LCCN:46001234"
    ]
    assert edition.authors == ("Michael Sayers", "Albert Eugene Kahn")


# --- normalisers ----------------------------------------------------------------------------


def test_an_identifier_may_be_a_string_or_a_list() -> None:
    assert strings("0385147333") == strings(["0385147333"]) == ("0385147333",)
    assert strings(None) == strings([]) == ()


def test_publishers_may_be_strings_or_name_objects() -> None:
    assert names(["Doubleday"]) == names([{"name": "Doubleday"}]) == ("Doubleday",)


@pytest.mark.parametrize(
    ("publish_date", "year"),
    [
        ("1979", 1979),
        ("May 1979", 1979),
        ("1979.", 1979),
        ("c1979", 1979),
        ("[1979?]", 1979),
        ("November 2006", 2006),
        (1979, 1979),
        ("n.d.", None),
        ("12345", None),
    ],
)
def test_a_year_is_found_in_free_text_publish_dates(
    publish_date: str | int, year: int | None
) -> None:
    assert year_of(publish_date) == year


def test_without_a_first_publish_year_the_earliest_publish_year_is_taken() -> None:
    [work] = parse_search({"docs": [{"title": "Stalin", "publish_year": [1982, 1979]}]}, PROV)
    assert work.year == 1979


# --- the client -----------------------------------------------------------------------------


def _search_url() -> str:
    return f"{BASE}/search.json"


@responses.activate
def test_the_search_asks_for_every_field_it_reads() -> None:
    responses.get(
        _search_url(),
        json=fixture("search_nothing-found.json"),
        match=[
            matchers.query_param_matcher(
                {
                    "title": "Stalin: Man of History",
                    "author": "Grey",
                    "fields": ",".join(SEARCH_FIELDS),
                    "limit": "20",
                }
            )
        ],
    )
    ol, _ = client()
    assert ol.find_editions("Stalin: Man of History", ["Grey, Ian"]) == []
    assert "number_of_pages_median" in SEARCH_FIELDS
    assert "isbn" in SEARCH_FIELDS


@responses.activate
def test_find_editions_expands_the_best_work_into_its_editions() -> None:
    responses.get(
        _search_url(), json=fixture("search_title-stalin-man-of-history_author-grey.json")
    )
    responses.get(
        f"{BASE}/works/{WORK}/editions.json",
        json=fixture("editions_OL1963268W_stalin-man-of-history.json"),
    )
    responses.get(
        f"{BASE}/works/OL17399854W/editions.json", json={"entries": [], "size": 0, "links": {}}
    )
    ol, _ = client()

    editions = ol.find_editions("Stalin: Man of History", ["Ian Grey"])

    assert [e.identifiers.openlibrary[0] for e in editions[:3]] == [
        "OL4742615M",
        "OL4420019M",
        "OL26389210M",
    ]
    assert editions[0].record_url == f"{BASE}/books/OL4742615M"


@responses.activate
def test_a_work_whose_title_does_not_fit_stays_one_work_record() -> None:
    responses.get(
        _search_url(), json=fixture("search_title-stalin-man-of-history_author-grey.json")
    )
    responses.get(
        f"{BASE}/works/{WORK}/editions.json",
        json=fixture("editions_OL1963268W_stalin-man-of-history.json"),
    )
    ol, _ = client()

    editions = ol.find_editions("Stalin: Man of History", ["Ian Grey"])

    assert editions[-1].identifiers.openlibrary == ("OL17399854W",)
    assert len(responses.calls) == 2


def _works_doc(number: int) -> dict[str, Any]:
    return {
        "key": f"/works/OL{number}W",
        "title": "Mission to Moscow",
        "author_name": ["Joseph E. Davies"],
    }


@responses.activate
def test_at_most_two_works_are_expanded_into_their_editions() -> None:
    responses.get(_search_url(), json={"docs": [_works_doc(n) for n in (1, 2, 3)]})
    for n in (1, 2, 3):
        responses.get(
            f"{BASE}/works/OL{n}W/editions.json",
            json=fixture("editions_OL1963268W_stalin-man-of-history.json"),
        )
    ol, _ = client()

    editions = ol.find_editions("Mission to Moscow", ["Joseph E. Davies"], limit=50)

    asked = [str(c.request.url) for c in responses.calls if "editions.json" in str(c.request.url)]
    assert len(asked) == 2
    assert editions[-1].identifiers.openlibrary == ("OL3W",)


@responses.activate
def test_a_work_without_editions_stays_one_work_record() -> None:
    responses.get(_search_url(), json={"docs": [_works_doc(1)]})
    responses.get(f"{BASE}/works/OL1W/editions.json", json={"entries": [], "size": 0})
    ol, _ = client()

    [work] = ol.find_editions("Mission to Moscow", ["Joseph E. Davies"])

    assert work.identifiers.openlibrary == ("OL1W",)


@responses.activate
def test_editions_of_the_cited_year_come_first() -> None:
    responses.get(
        _search_url(), json=fixture("search_title-stalin-man-of-history_author-grey.json")
    )
    responses.get(
        f"{BASE}/works/{WORK}/editions.json",
        json=fixture("editions_OL1963268W_stalin-man-of-history.json"),
    )
    ol, _ = client()

    editions = ol.find_editions("Stalin: Man of History", ["Ian Grey"], year=1982)

    assert editions[0].year == 1982


@responses.activate
def test_an_unknown_edition_is_none() -> None:
    responses.get(f"{BASE}/books/OL1M.json", status=404, json={"error": "notfound"})
    ol, _ = client()
    assert ol.edition("OL1M") is None


@responses.activate
def test_the_books_api_is_asked_with_jscmd_data() -> None:
    responses.get(
        f"{BASE}/api/books",
        json=fixture("api-books_lccn-and-oclc_great-conspiracy.json"),
        match=[
            matchers.query_param_matcher(
                {"bibkeys": "LCCN:46001234,OCLC:9", "jscmd": "data", "format": "json"}
            )
        ],
    )
    ol, _ = client()
    assert set(ol.books(["LCCN:46001234", "OCLC:9"])) == {"LCCN:46001234"}


@responses.activate
def test_a_timeout_is_reported_as_an_unavailable_source() -> None:
    responses.get(_search_url(), body=requests.exceptions.ReadTimeout("timed out"))
    ol, _ = client()
    with pytest.raises(SourceUnavailable):
        ol.find_editions("Mission to Moscow", ["Davies"])


@responses.activate
def test_429_with_retry_after_is_waited_for_and_retried() -> None:
    responses.get(_search_url(), status=429, headers={"Retry-After": "3"})
    responses.get(_search_url(), json=fixture("search_nothing-found.json"))
    ol, sleeps = client(max_retries=1)
    assert ol.find_editions("Mission to Moscow", ["Davies"]) == []
    assert 3.0 in sleeps


@responses.activate
def test_429_that_persists_raises_rate_limited() -> None:
    responses.get(_search_url(), status=429, headers={"Retry-After": "1"})
    ol, _ = client(max_retries=1)
    with pytest.raises(RateLimited):
        ol.find_editions("Mission to Moscow", ["Davies"])


@responses.activate
def test_a_server_error_raises_service_error_with_its_status() -> None:
    responses.get(_search_url(), status=500)
    ol, _ = client()
    with pytest.raises(ServiceError) as raised:
        ol.find_editions("Mission to Moscow", ["Davies"])
    assert raised.value.status == 500


@responses.activate
def test_a_body_that_is_not_json_is_malformed() -> None:
    responses.get(_search_url(), body="<html>Open Library is down for maintenance</html>")
    ol, _ = client()
    with pytest.raises(MalformedResponse):
        ol.find_editions("Mission to Moscow", ["Davies"])


@responses.activate
def test_nothing_found_is_an_empty_list() -> None:
    responses.get(_search_url(), json=fixture("search_nothing-found.json"))
    ol, _ = client()
    assert ol.find_editions("No Such Book", []) == []


def test_the_client_is_a_catalog() -> None:
    ol, _ = client()
    assert isinstance(ol, Catalog)


# --- contract: the real recorded answers ----------------------------------------------------


@pytest.mark.contract
def test_the_recorded_search_answer_parses(shared_samples: Path) -> None:
    data = json.loads(
        (shared_samples / "openlibrary" / "search-json_2020_bookwyrm.json").read_text()
    )
    works = parse_search(data, PROV)
    assert works and all(w.title and w.identifiers.openlibrary for w in works)


@pytest.mark.contract
def test_the_recorded_editions_list_parses_with_and_without_page_counts(
    shared_samples: Path,
) -> None:
    data = json.loads(
        (shared_samples / "openlibrary" / "work-editions_OL15832982W.json").read_text()
    )
    editions = parse_editions(data, PROV)
    assert len(editions) == data["size"] == 15
    assert any(e.page_count for e in editions) and any(e.page_count is None for e in editions)
    assert sum(1 for e in editions if e.identifiers.internetarchive) == 3


@pytest.mark.contract
def test_the_recorded_edition_parses(shared_samples: Path) -> None:
    data = json.loads((shared_samples / "openlibrary" / "edition_OL22951843M.json").read_text())
    edition = parse_edition(data, PROV)
    assert (edition.page_count, edition.year, edition.publisher) == (491, 1996, "Harper Trophy")
    assert edition.identifiers.internetarchive == ("sabriel00nixg",)


@pytest.mark.contract
def test_the_recorded_books_api_answer_parses(shared_samples: Path) -> None:
    data = json.loads(
        (shared_samples / "openlibrary" / "api-books_jscmd-data_ISBN9782070427796.json").read_text()
    )
    edition = parse_books_api(data, PROV)["ISBN:9782070427796"]
    assert (edition.publisher, edition.place, edition.year) == ("Gallimard", "Paris", 2002)
    assert edition.identifiers.isbn == ("207042779X",)


@pytest.mark.contract
def test_the_recorded_work_has_role_wrapped_authors(shared_samples: Path) -> None:
    data = json.loads((shared_samples / "openlibrary" / "work_OL15832982W.json").read_text())
    assert parse_work_authors(data) == ("OL382982A",)
    assert text_value(data["description"]).startswith("First in the Old Kingdom")


def test_the_default_catalogs_are_the_six_services_sharing_one_client() -> None:
    from citecheck.services import IdentifierCatalog, default_catalogs

    http = HttpClient(Settings(use_cache=False))
    catalogs = default_catalogs(http)

    assert [c.service for c in catalogs] == [
        Service.OPEN_LIBRARY,
        Service.LIBRARY_OF_CONGRESS,
        Service.GOOGLE_BOOKS,
        Service.CROSSREF,
        Service.INTERNET_ARCHIVE,
        Service.HATHITRUST,
    ]
    assert all(isinstance(c, Catalog | IdentifierCatalog) for c in catalogs)
    assert all(getattr(c, "http", None) is http for c in catalogs)
