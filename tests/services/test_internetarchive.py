"""Internet Archive: advanced search, item metadata, string-or-list values, unknown items, faults."""

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
from citecheck.services.internetarchive import (
    METADATA_LOOKUPS,
    IAItem,
    InternetArchiveClient,
    as_int,
    book_stems,
    is_true,
    parse_item_metadata,
    parse_search,
    parse_search_doc,
    search_query,
    values,
    with_item,
)
from citecheck.texts.ia_fulltext import parse_item_text_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "internetarchive"
BASE = "https://archive.org"
PROV = Provenance(Service.INTERNET_ARCHIVE, f"{BASE}/advancedsearch.php?q=x")
DLI = "in.ernet.dli.2015.77815"
DLI_DOC = "2015.77815.The-Great-Conspiracy-The-Secret-War-Against-Soviet-Russia"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(max_retries: int = 0, **settings: Any) -> tuple[InternetArchiveClient, Sleeps]:
    sleeps = Sleeps()
    values_: dict[str, Any] = {"use_cache": False, "max_retries": max_retries, **settings}
    http = HttpClient(Settings(**values_), sleep=sleeps)
    return InternetArchiveClient(http), sleeps


def sayers() -> list[Edition]:
    return parse_search(fixture("advancedsearch_title-great-conspiracy_creator-sayers.json"), PROV)


def davies() -> IAItem:
    item = parse_item_metadata(fixture("metadata_missiontomoscow00davi_lending.json"), PROV)
    assert item is not None
    return item


def dli() -> IAItem:
    item = parse_item_metadata(fixture(f"metadata_{DLI}_public-doc-stem.json"), PROV)
    assert item is not None
    return item


# --- normalisers ----------------------------------------------------------------------------


def test_a_metadata_value_may_be_a_string_or_a_list() -> None:
    assert values("Sayers, Michael") == ("Sayers, Michael",)
    assert values(["Sayers, Michael", "Kahn, Albert E."]) == ("Sayers, Michael", "Kahn, Albert E.")
    assert values(None) == values([]) == ()


def test_numbers_sent_as_strings_are_read_as_numbers() -> None:
    assert (as_int("700"), as_int(456), as_int(["8"]), as_int("many")) == (700, 456, 8, None)


def test_ia_booleans_are_strings() -> None:
    assert (is_true("true"), is_true("false"), is_true(None)) == (True, False, False)


# --- advanced search ------------------------------------------------------------------------


def test_a_search_doc_becomes_an_edition_with_its_identifier() -> None:
    first = sayers()[0]
    assert first.identifiers.internetarchive == ("greatconspiracys00saye",)
    assert first.title.startswith("The great conspiracy")


def test_creators_as_a_list_and_as_one_string_are_both_read() -> None:
    editions = sayers()
    assert editions[0].authors == ("Sayers, Michael", "Kahn, Albert E. (Albert Eugene), 1912-1979")
    assert editions[1].authors == ("Michael Sayers And Albert E. Kahn",)


def test_year_as_a_number_and_as_a_string_are_both_read() -> None:
    assert [e.year for e in sayers()[:2]] == [1946, 1946]


def test_a_lendable_lending_status_means_search_only() -> None:
    assert sayers()[0].access == TextAccess.SEARCH_ONLY


def test_a_readable_lending_status_means_public() -> None:
    assert sayers()[1].access == TextAccess.PUBLIC


def test_a_readable_status_wins_over_a_lending_collection() -> None:
    doc = {"identifier": "x", "collection": ["inlibrary"], "lending___status": "is_readable"}
    assert parse_search_doc(doc, PROV).access == TextAccess.PUBLIC


def test_without_a_lending_status_the_lending_collections_mean_search_only() -> None:
    doc = {"identifier": "x", "collection": ["printdisabled"]}
    assert parse_search_doc(doc, PROV).access == TextAccess.SEARCH_ONLY


def test_a_book_with_neither_lending_status_nor_lending_collection_is_public() -> None:
    doc = {"identifier": "x", "collection": "opensource", "mediatype": "texts"}
    assert parse_search_doc(doc, PROV).access == TextAccess.PUBLIC


def test_an_item_that_is_not_a_text_has_no_text_access() -> None:
    doc = {"identifier": "x", "mediatype": "movies"}
    assert parse_search_doc(doc, PROV).access == TextAccess.NONE


@pytest.mark.parametrize(
    ("date", "year"), [("1941", 1941), ("1941-12", 1941), ("c1943", 1943), ("[1942?]", 1942)]
)
def test_a_year_is_read_from_free_text_dates(date: str, year: int) -> None:
    assert parse_search_doc({"identifier": "x", "date": date}, PROV).year == year


def test_the_image_count_is_a_fact_not_a_page_count() -> None:
    first = sayers()[0]
    assert first.page_count is None
    assert ("imagecount", "456") in {(f.name, f.value) for f in first.facts}


def test_search_identifiers_of_the_printed_book_are_kept() -> None:
    ids = sayers()[0].identifiers
    assert (ids.lccn, ids.oclc) == (("46001234",), ("1426586",))


def test_an_empty_search_is_an_empty_list() -> None:
    assert parse_search(fixture("advancedsearch_nothing-found.json"), PROV) == []


def test_a_search_answer_without_docs_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match=r"response\.docs"):
        parse_search({"responseHeader": {"status": 0}}, PROV)


def test_the_query_uses_title_words_surname_and_texts_only() -> None:
    assert (
        search_query('The Great Conspiracy: "Secret War"', ["Sayers, Michael"])
        == "title:(The Great Conspiracy Secret War) AND creator:(Sayers) AND mediatype:texts"
    )


# --- item metadata --------------------------------------------------------------------------


def test_an_unknown_item_answered_with_an_empty_object_is_none() -> None:
    assert parse_item_metadata(fixture("metadata_no-such-item.json"), PROV) is None


def test_an_item_says_where_it_lives() -> None:
    item = davies()
    assert (item.server, item.dir) == ("ia800300.us.archive.org", "/12/items/missiontomoscow00davi")


def test_an_access_restricted_item_is_lendable_and_search_only() -> None:
    item = davies()
    assert (item.lendable, item.access) == (True, TextAccess.SEARCH_ONLY)


def test_a_public_item_with_ocr_text_is_public() -> None:
    item = dli()
    assert (item.lendable, item.access) == (False, TextAccess.PUBLIC)


def test_the_book_stem_may_differ_from_the_identifier() -> None:
    item = dli()
    assert item.doc == DLI_DOC
    assert item.file_for("_djvu.txt") == f"{DLI_DOC}_djvu.txt"


def test_the_files_say_which_text_formats_exist() -> None:
    item = davies()
    assert (item.has_text, item.has_djvu_xml, item.has_page_numbers, item.has_scandata) == (
        True,
        True,
        True,
        True,
    )
    assert not dli().has_scandata


def test_the_image_count_string_is_a_number() -> None:
    assert davies().imagecount == 700


def test_the_item_year_comes_from_its_date_when_there_is_no_year() -> None:
    assert davies().year == 1941


def test_creators_of_an_item_may_be_one_string_or_a_list() -> None:
    assert davies().creators == ("Davies, Joseph E. (Joseph Edward), 1876-1958",)
    assert dli().creators == ("Michael Sayers", "Albert E. Kahn")


def test_the_identifier_s_own_stem_comes_first() -> None:
    files = ["b_djvu.txt", "a_djvu.txt", "a_scandata.xml"]
    assert book_stems("a", files) == ("a", "b")


def test_the_catalog_and_the_text_provider_read_the_same_book_of_an_item() -> None:
    for name in (
        "metadata_missiontomoscow00davi_lending.json",
        f"metadata_{DLI}_public-doc-stem.json",
    ):
        data = fixture(name)
        item = parse_item_metadata(data, PROV)
        files = parse_item_text_files(data["metadata"]["identifier"], data)
        assert item is not None and files is not None
        assert (item.doc, item.server, item.dir) == (files.main_doc(), files.server, files.dir)
        assert item.lendable == files.restricted


def test_the_book_stems_after_the_identifier_s_are_in_sorted_order() -> None:
    assert book_stems("item", ["vol2_djvu.txt", "vol1_djvu.txt"]) == ("vol1", "vol2")


def test_an_item_without_text_files_or_lending_has_no_text_access() -> None:
    data = {"metadata": {"identifier": "x", "mediatype": "texts"}, "files": [{"name": "x.pdf"}]}
    item = parse_item_metadata(data, PROV)
    assert item is not None and item.access == TextAccess.NONE


def test_item_metadata_settles_the_access_a_search_doc_guessed() -> None:
    guessed = parse_search_doc({"identifier": "missiontomoscow00davi", "mediatype": "texts"}, PROV)
    settled = with_item(guessed, davies())
    assert (guessed.access, settled.access) == (TextAccess.PUBLIC, TextAccess.SEARCH_ONLY)


def test_item_metadata_adds_its_provenance_and_text_files_as_facts() -> None:
    settled = with_item(parse_search_doc({"identifier": "missiontomoscow00davi"}, PROV), davies())
    facts = {f.name: f.value for f in settled.facts}
    assert facts["text_files"] == "djvu.txt;djvu.xml;page_numbers.json;scandata.xml"
    assert facts["access-restricted-item"] == "true"
    assert len(settled.provenance) == 2


def test_a_metadata_answer_that_is_not_an_object_is_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_item_metadata([], PROV)


# --- the client -----------------------------------------------------------------------------


@responses.activate
def test_find_editions_asks_advanced_search_for_the_fields_it_reads() -> None:
    responses.get(
        f"{BASE}/advancedsearch.php",
        json=fixture("advancedsearch_title-great-conspiracy_creator-sayers.json"),
        match=[
            matchers.query_string_matcher(
                "q=title%3A%28The+Great+Conspiracy%29+AND+creator%3A%28Sayers%29+AND+mediatype%3Atexts"
                "&fl%5B%5D=identifier&fl%5B%5D=title&fl%5B%5D=creator&fl%5B%5D=year&fl%5B%5D=date"
                "&fl%5B%5D=publisher&fl%5B%5D=language&fl%5B%5D=imagecount&fl%5B%5D=collection"
                "&fl%5B%5D=mediatype&fl%5B%5D=isbn&fl%5B%5D=lccn&fl%5B%5D=oclc-id"
                "&fl%5B%5D=lending___status&rows=20&page=1&output=json"
            )
        ],
    )
    for identifier in ("greatconspiracys00saye", DLI, "TheGreatConspiracyReview1946"):
        responses.get(f"{BASE}/metadata/{identifier}", json={})
    ia, _ = client()
    editions = ia.find_editions("The Great Conspiracy", ["Sayers, Michael"])
    assert len(editions) == 3


def _mission_search() -> None:
    responses.get(
        f"{BASE}/advancedsearch.php",
        json=fixture("advancedsearch_title-mission-to-moscow_creator-davies.json"),
    )


@responses.activate
def test_find_editions_reads_the_metadata_of_the_top_items_only() -> None:
    _mission_search()
    responses.get(
        f"{BASE}/metadata/missiontomoscow00davi",
        json=fixture("metadata_missiontomoscow00davi_lending.json"),
    )
    responses.get(f"{BASE}/metadata/missiontomoscow1941davi", json={})
    responses.get(f"{BASE}/metadata/in.ernet.dli.2015.52310", json={})
    ia, _ = client()

    editions = ia.find_editions("Mission to Moscow", ["Joseph E. Davies"])

    asked = [c.request.url for c in responses.calls if "/metadata/" in str(c.request.url)]
    assert len(asked) == METADATA_LOOKUPS == 3
    assert len(editions) == 4


@responses.activate
def test_find_editions_takes_the_lending_flag_from_item_metadata() -> None:
    # The search doc shows no lending status; the metadata says access-restricted.
    _mission_search()
    responses.get(
        f"{BASE}/metadata/missiontomoscow00davi",
        json=fixture("metadata_missiontomoscow00davi_lending.json"),
    )
    responses.get(f"{BASE}/metadata/missiontomoscow1941davi", json={})
    responses.get(f"{BASE}/metadata/in.ernet.dli.2015.52310", json={})
    ia, _ = client()

    first = ia.find_editions("Mission to Moscow", ["Joseph E. Davies"])[0]

    assert first.identifiers.internetarchive == ("missiontomoscow00davi",)
    assert first.access == TextAccess.SEARCH_ONLY


@responses.activate
def test_a_failed_metadata_request_keeps_the_search_result() -> None:
    _mission_search()
    responses.get(f"{BASE}/metadata/missiontomoscow00davi", status=500)
    responses.get(f"{BASE}/metadata/missiontomoscow1941davi", json={})
    responses.get(f"{BASE}/metadata/in.ernet.dli.2015.52310", body=requests.ConnectionError())
    ia, _ = client()

    editions = ia.find_editions("Mission to Moscow", ["Joseph E. Davies"])

    assert [e.access for e in editions[:3]] == [TextAccess.PUBLIC] * 3
    assert len(editions[0].provenance) == 1


@responses.activate
def test_the_cited_year_comes_first_before_the_metadata_is_read() -> None:
    _mission_search()
    responses.get(f"{BASE}/metadata/in.ernet.dli.2015.52310", json={})
    responses.get(f"{BASE}/metadata/missiontomoscow00davi", json={})
    responses.get(f"{BASE}/metadata/missiontomoscow1941davi", json={})
    ia, _ = client()

    editions = ia.find_editions("Mission to Moscow", ["Joseph E. Davies"], year=1942)

    assert editions[0].identifiers.internetarchive == ("in.ernet.dli.2015.52310",)
    asked = {str(c.request.url).rsplit("/", 1)[-1] for c in responses.calls[1:]}
    assert "missiontomoscowscreenplay1943" not in asked


@responses.activate
def test_item_metadata_of_an_unknown_item_is_none() -> None:
    responses.get(f"{BASE}/metadata/nosuchitem", json={})
    ia, _ = client()
    assert ia.item_metadata("nosuchitem") is None


@responses.activate
def test_the_empty_answer_for_an_unknown_item_is_cached_like_any_answer(tmp_path: Path) -> None:
    responses.get(f"{BASE}/metadata/nosuchitem", json={})
    ia, _ = client(use_cache=True, cache_dir=tmp_path / "cache")
    assert ia.item_metadata("nosuchitem") is None
    assert ia.item_metadata("nosuchitem") is None
    assert len(responses.calls) == 1


@responses.activate
def test_item_metadata_carries_its_provenance() -> None:
    responses.get(
        f"{BASE}/metadata/missiontomoscow00davi",
        json=fixture("metadata_missiontomoscow00davi_lending.json"),
    )
    ia, _ = client()
    item = ia.item_metadata("missiontomoscow00davi")
    assert item is not None and item.provenance is not None
    assert item.provenance.url == f"{BASE}/metadata/missiontomoscow00davi"


@responses.activate
def test_a_configured_base_url_is_used_for_item_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    mirror = "http://127.0.0.1:9999/ia"
    responses.get(f"{mirror}/metadata/x", json={})
    sleeps = Sleeps()
    settings = Settings(use_cache=False, base_urls={Service.INTERNET_ARCHIVE: mirror})
    ia = InternetArchiveClient(HttpClient(settings, sleep=sleeps))
    assert ia.item_metadata("x") is None
    assert responses.calls[0].request.url == f"{mirror}/metadata/x"


@responses.activate
def test_a_timeout_is_reported_as_an_unavailable_source() -> None:
    responses.get(f"{BASE}/advancedsearch.php", body=requests.exceptions.ReadTimeout("slow"))
    ia, _ = client()
    with pytest.raises(SourceUnavailable):
        ia.find_editions("Mission to Moscow", ["Davies"])


@responses.activate
def test_429_with_retry_after_is_waited_for_and_retried() -> None:
    responses.get(f"{BASE}/metadata/x", status=429, headers={"Retry-After": "4"})
    responses.get(f"{BASE}/metadata/x", json={})
    ia, sleeps = client(max_retries=1)
    assert ia.item_metadata("x") is None
    assert 4.0 in sleeps


@responses.activate
def test_429_that_persists_raises_rate_limited() -> None:
    responses.get(f"{BASE}/metadata/x", status=429, headers={"Retry-After": "1"})
    ia, _ = client(max_retries=1)
    with pytest.raises(RateLimited):
        ia.item_metadata("x")


@responses.activate
def test_a_server_error_raises_service_error() -> None:
    responses.get(f"{BASE}/advancedsearch.php", status=500)
    ia, _ = client()
    with pytest.raises(ServiceError) as raised:
        ia.find_editions("Mission to Moscow", ["Davies"])
    assert raised.value.status == 500


@responses.activate
def test_a_body_that_is_not_json_is_malformed() -> None:
    responses.get(f"{BASE}/metadata/x", body="<html><title>Internet Archive</title></html>")
    ia, _ = client()
    with pytest.raises(MalformedResponse):
        ia.item_metadata("x")


@responses.activate
def test_an_empty_search_is_an_empty_list_from_the_client() -> None:
    responses.get(f"{BASE}/advancedsearch.php", json=fixture("advancedsearch_nothing-found.json"))
    ia, _ = client()
    assert ia.find_editions("No Such Book", []) == []


def test_the_client_is_a_catalog() -> None:
    ia, _ = client()
    assert isinstance(ia, Catalog)


# --- contract: the real recorded answers ----------------------------------------------------


@pytest.mark.contract
def test_the_recorded_metadata_of_a_scanned_item_parses(shared_samples: Path) -> None:
    data = json.loads(
        (shared_samples / "internetarchive" / "metadata_Svoboda-1910-01.json").read_text()
    )
    item = parse_item_metadata(data, PROV)
    assert item is not None
    assert (item.identifier, item.doc, item.imagecount) == ("Svoboda-1910-01", "Svoboda-1910-01", 8)
    assert (item.server, item.dir) == ("ia600608.us.archive.org", "/33/items/Svoboda-1910-01")
    assert item.has_text and item.has_scandata and not item.has_page_numbers
    assert item.access == TextAccess.PUBLIC
    assert item.collections == ("svoboda_newspaper", "newspapers", "newsstand")


@pytest.mark.contract
def test_the_recorded_metadata_of_a_collection_has_no_text(shared_samples: Path) -> None:
    data = json.loads(
        (shared_samples / "internetarchive" / "metadata_nasa_collection-item.json").read_text()
    )
    item = parse_item_metadata(data, PROV)
    assert item is not None
    assert (item.mediatype, item.has_text, item.access) == ("collection", False, TextAccess.NONE)


@pytest.mark.contract
def test_the_recorded_advanced_search_parses_every_doc(shared_samples: Path) -> None:
    data = json.loads(
        (
            shared_samples / "internetarchive" / "advancedsearch_collection-nasa_rows50.json"
        ).read_text()
    )
    editions = parse_search(data, PROV)
    assert len(editions) == len(data["response"]["docs"]) == 50
    assert editions[0].authors == ("NASA/JPL-Caltech",)
    assert editions[0].year == 2004


def test_a_year_narrows_the_query_to_a_window_that_keeps_later_scans() -> None:
    assert search_query("Mission to Moscow", ["Joseph E. Davies"], 1941).endswith(
        "AND year:[1936 TO 2001]"
    )
