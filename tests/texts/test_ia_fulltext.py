"""Internet Archive full text: OCR pages, each with its scan leaf and the printed page on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import responses

from citecheck.errors import MalformedResponse, RateLimited, ServiceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Edition, Identifiers, Service, TextAccess
from citecheck.texts.ia_fulltext import (
    InternetArchiveFullText,
    pages_from_djvu_txt,
    pages_from_ocr,
    parse_djvu_txt,
    parse_djvu_xml,
    parse_item_text_files,
)
from citecheck.texts.pagemap import EMPTY_PAGE_MAP, parse_page_numbers_json

IA = "https://archive.org"
PUBLIC_ID = "greatconspiracy00saye"
LENDING_ID = "greatconspiracy0000saye"


def book(*identifiers: str, access: TextAccess = TextAccess.UNKNOWN) -> Edition:
    return Edition(
        title="The Great Conspiracy",
        year=1946,
        identifiers=Identifiers(internetarchive=identifiers),
        access=access,
    )


def _read(texts_dir: Path, name: str) -> str:
    return (texts_dir / "ia" / name).read_text(encoding="utf-8")


def _page_map(texts_dir: Path):  # type: ignore[no-untyped-def]
    return parse_page_numbers_json(json.loads(_read(texts_dir, f"{PUBLIC_ID}_page_numbers.json")))


# ------------------------------------------------------------------ parsers


def test_djvu_xml_leaf_comes_from_usemap_not_from_object_position(texts_dir: Path) -> None:
    leaves = parse_djvu_xml(_read(texts_dir, f"{PUBLIC_ID}_djvu.xml"))
    # The colour card (leaf 1) has no OBJECT: the second OBJECT is leaf 2, not leaf 1.
    assert [leaf.leaf for leaf in leaves[:3]] == [0, 2, 3]


def test_djvu_xml_page_text_keeps_lines_and_paragraphs(texts_dir: Path) -> None:
    leaves = parse_djvu_xml(_read(texts_dir, f"{PUBLIC_ID}_djvu.xml"))
    page = next(leaf for leaf in leaves if leaf.leaf == 2)
    assert "THE SECRET WAR AGAINST\nSOVIET RUSSIA\n\nBY MICHAEL SAYERS" in page.text


def test_pages_carry_the_printed_page_of_their_leaf(texts_dir: Path) -> None:
    pages = pages_from_ocr(
        parse_djvu_xml(_read(texts_dir, f"{PUBLIC_ID}_djvu.xml")), _page_map(texts_dir)
    )
    page = next(p for p in pages if "Fifth Col-" in p.text)
    assert (page.leaf, page.printed) == (350, "326")


def test_pages_of_unnumbered_leaves_have_no_printed_page(texts_dir: Path) -> None:
    pages = pages_from_ocr(
        parse_djvu_xml(_read(texts_dir, f"{PUBLIC_ID}_djvu.xml")), _page_map(texts_dir)
    )
    plate = next(p for p in pages if p.leaf == 42)
    assert plate.printed is None


def test_pages_without_a_mapping_keep_the_leaf_but_not_a_printed_page(texts_dir: Path) -> None:
    pages = pages_from_ocr(
        parse_djvu_xml(_read(texts_dir, f"{PUBLIC_ID}_djvu.xml")), EMPTY_PAGE_MAP
    )
    assert all(p.printed is None for p in pages)
    assert pages[-1].leaf == 350


def test_djvu_txt_pages_are_separated_by_form_feeds(texts_dir: Path) -> None:
    texts = parse_djvu_txt(_read(texts_dir, f"{PUBLIC_ID}_djvu.txt"))
    assert len(texts) == 9
    assert texts[0].startswith("THE GREAT CONSPIRACY")


def test_djvu_txt_page_takes_the_leaf_of_its_position_among_access_leaves(texts_dir: Path) -> None:
    texts = parse_djvu_txt(_read(texts_dir, f"{PUBLIC_ID}_djvu.txt"))
    pages = pages_from_djvu_txt(texts, _page_map(texts_dir))
    page = next(p for p in pages if "audience to see him" in p.text)
    assert (page.leaf, page.printed) == (41, "31")


def test_djvu_txt_without_a_mapping_has_neither_leaf_nor_printed_page(texts_dir: Path) -> None:
    pages = pages_from_djvu_txt(["one", "two"], EMPTY_PAGE_MAP)
    assert [(p.leaf, p.printed) for p in pages] == [(None, None), (None, None)]


def test_djvu_xml_that_is_html_is_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_djvu_xml("<html><body><p>Item not available</p></body></html>")


def test_unknown_identifier_has_no_text_files() -> None:
    assert parse_item_text_files("nosuchitem", {}) is None


def test_lending_item_is_restricted(texts_dir: Path) -> None:
    files = parse_item_text_files(
        LENDING_ID, json.loads(_read(texts_dir, f"metadata_{LENDING_ID}.json"))
    )
    assert files is not None and files.restricted


def test_metadata_without_files_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="files"):
        parse_item_text_files("x", {"metadata": {}})


@pytest.mark.contract
def test_real_djvu_xml_sample_gives_leaf_two_with_the_searched_word(shared_samples: Path) -> None:
    text = (
        shared_samples / "internetarchive" / "djvu-xml_Svoboda-1910-01_TRIMMED-upstream.xml"
    ).read_text(encoding="utf-8")
    leaves = parse_djvu_xml(text)
    assert [leaf.leaf for leaf in leaves] == list(range(8))
    assert "Креницька" in leaves[2].text


@pytest.mark.contract
def test_real_metadata_sample_names_server_dir_and_the_doc(shared_samples: Path) -> None:
    data = json.loads(
        (shared_samples / "internetarchive" / "metadata_Svoboda-1910-01.json").read_text(
            encoding="utf-8"
        )
    )
    files = parse_item_text_files("Svoboda-1910-01", data)
    assert files is not None
    assert (files.server, files.dir) == ("ia600608.us.archive.org", "/33/items/Svoboda-1910-01")
    assert files.main_doc() == "Svoboda-1910-01"
    assert files.has("Svoboda-1910-01_djvu.xml") and not files.restricted


# ------------------------------------------------------------------ the provider


def _mock_item(texts_dir: Path, *, with_xml: bool = True, with_json: bool = True) -> None:
    metadata = json.loads(_read(texts_dir, f"metadata_{PUBLIC_ID}.json"))
    names = {f"{PUBLIC_ID}_djvu.xml": with_xml, f"{PUBLIC_ID}_page_numbers.json": with_json}
    metadata["files"] = [f for f in metadata["files"] if names.get(f["name"], True)]
    responses.get(f"{IA}/metadata/{PUBLIC_ID}", json=metadata)
    base = f"{IA}/download/{PUBLIC_ID}/{PUBLIC_ID}"
    responses.get(f"{base}_djvu.xml", body=_read(texts_dir, f"{PUBLIC_ID}_djvu.xml"))
    responses.get(f"{base}_djvu.txt", body=_read(texts_dir, f"{PUBLIC_ID}_djvu.txt"))
    responses.get(
        f"{base}_page_numbers.json", body=_read(texts_dir, f"{PUBLIC_ID}_page_numbers.json")
    )
    responses.get(f"{base}_scandata.xml", body=_read(texts_dir, f"{PUBLIC_ID}_scandata.xml"))


@responses.activate
def test_provider_gives_page_326_on_leaf_350(http: HttpClient, texts_dir: Path) -> None:
    _mock_item(texts_dir)
    pages = InternetArchiveFullText(http).pages(book(PUBLIC_ID))
    page = next(p for p in pages if p.printed == "326")
    assert page.leaf == 350 and "Stalin gov-" in page.text


@responses.activate
def test_provider_records_where_each_page_came_from(http: HttpClient, texts_dir: Path) -> None:
    _mock_item(texts_dir)
    pages = InternetArchiveFullText(http).pages(book(PUBLIC_ID))
    assert pages[0].provenance is not None
    assert pages[0].provenance.service is Service.INTERNET_ARCHIVE
    assert pages[0].provenance.url.endswith("_djvu.xml")


@responses.activate
def test_provider_falls_back_to_scandata_when_there_is_no_page_numbers_json(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_item(texts_dir, with_json=False)
    pages = InternetArchiveFullText(http).pages(book(PUBLIC_ID))
    assert next(p for p in pages if p.leaf == 41).printed == "31"


@responses.activate
def test_provider_falls_back_to_djvu_txt_when_there_is_no_xml(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_item(texts_dir, with_xml=False)
    pages = InternetArchiveFullText(http).pages(book(PUBLIC_ID))
    assert pages[0].provenance is not None and pages[0].provenance.url.endswith("_djvu.txt")
    assert next(p for p in pages if p.leaf == 350).printed == "326"


@responses.activate
def test_provider_keeps_the_pages_when_the_mapping_is_refused(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_item(texts_dir)
    responses.replace(
        responses.GET, f"{IA}/download/{PUBLIC_ID}/{PUBLIC_ID}_page_numbers.json", status=403
    )
    responses.replace(
        responses.GET, f"{IA}/download/{PUBLIC_ID}/{PUBLIC_ID}_scandata.xml", status=403
    )
    pages = InternetArchiveFullText(http).pages(book(PUBLIC_ID))
    assert pages and all(p.printed is None for p in pages)


@responses.activate
def test_provider_has_no_pages_of_a_lending_item(http: HttpClient, texts_dir: Path) -> None:
    responses.get(
        f"{IA}/metadata/{LENDING_ID}", body=_read(texts_dir, f"metadata_{LENDING_ID}.json")
    )
    assert InternetArchiveFullText(http).pages(book(LENDING_ID)) == []


@responses.activate
def test_provider_has_no_pages_of_an_unknown_item(http: HttpClient) -> None:
    responses.get(f"{IA}/metadata/nosuchitem", json={})
    assert InternetArchiveFullText(http).pages(book("nosuchitem")) == []


@responses.activate
def test_provider_search_finds_a_phrase_across_a_hyphenated_line_break(
    http: HttpClient, texts_dir: Path
) -> None:
    _mock_item(texts_dir)
    hits = InternetArchiveFullText(http).search(
        book(PUBLIC_ID), "the Stalin government to protect itself"
    )
    assert [(h.leaf, h.printed) for h in hits] == [(350, "326")]


@responses.activate
def test_provider_fetches_an_item_once(http: HttpClient, texts_dir: Path) -> None:
    _mock_item(texts_dir)
    provider = InternetArchiveFullText(http)
    provider.pages(book(PUBLIC_ID))
    provider.pages(book(PUBLIC_ID))
    assert len([c for c in responses.calls if "_djvu.xml" in c.request.url]) == 1


def test_provider_does_not_serve_search_only_editions(http: HttpClient) -> None:
    edition = book(LENDING_ID, access=TextAccess.SEARCH_ONLY)
    assert not InternetArchiveFullText(http).can_serve(edition)


# ------------------------------------------------------------------ faults


@responses.activate
def test_timeout_becomes_source_unavailable(http: HttpClient) -> None:
    responses.get(
        f"{IA}/metadata/{PUBLIC_ID}", body=requests.exceptions.ConnectTimeout("timed out")
    )
    with pytest.raises(SourceUnavailable):
        InternetArchiveFullText(http).pages(book(PUBLIC_ID))


@responses.activate
def test_429_with_retry_after_becomes_rate_limited(http: HttpClient) -> None:
    responses.get(f"{IA}/metadata/{PUBLIC_ID}", status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        InternetArchiveFullText(http).pages(book(PUBLIC_ID))


@responses.activate
def test_server_error_on_the_text_becomes_service_error(http: HttpClient, texts_dir: Path) -> None:
    _mock_item(texts_dir)
    responses.replace(responses.GET, f"{IA}/download/{PUBLIC_ID}/{PUBLIC_ID}_djvu.xml", status=500)
    with pytest.raises(ServiceError):
        InternetArchiveFullText(http).pages(book(PUBLIC_ID))


@responses.activate
def test_truncated_djvu_xml_is_malformed(http: HttpClient, texts_dir: Path) -> None:
    _mock_item(texts_dir)
    cut = _read(texts_dir, f"{PUBLIC_ID}_djvu.xml")[:3000]
    responses.replace(responses.GET, f"{IA}/download/{PUBLIC_ID}/{PUBLIC_ID}_djvu.xml", body=cut)
    with pytest.raises(MalformedResponse):
        InternetArchiveFullText(http).pages(book(PUBLIC_ID))
