"""What citecheck writes, checked against the real Zotero samples in ../shared/api-samples/zotero."""

from __future__ import annotations

import json

import pytest

from citecheck.export.csljson import CSL_TYPES
from citecheck.export.items import ExportItem, ItemType
from citecheck.export.zotero import (
    CREATOR_TYPES,
    ITEM_FIELDS,
    parse_existing_items,
    parse_write_response,
    zotero_item_data,
)

pytestmark = pytest.mark.contract


def _load(shared_samples, name: str):
    return json.loads((shared_samples / "zotero" / name).read_text(encoding="utf-8"))


def test_every_item_type_citecheck_writes_is_a_zotero_item_type(shared_samples):
    known = {t["itemType"] for t in _load(shared_samples, "itemTypes.json")}
    assert {t.value for t in ItemType} <= known


def test_every_field_citecheck_writes_is_a_zotero_field(shared_samples):
    known = {f["field"] for f in _load(shared_samples, "itemFields.json")}
    written = set().union(*ITEM_FIELDS.values())
    assert written <= known


@pytest.mark.parametrize("item_type", [ItemType.BOOK, ItemType.BOOK_SECTION])
def test_book_and_section_fields_and_creators_are_valid_for_their_type_in_the_schema(
    shared_samples, item_type
):
    schema = _load(shared_samples, "schema-extract_book_bookSection_v41.json")
    entry = next(t for t in schema["itemTypes"] if t["itemType"] == item_type.value)
    fields = {f["field"] for f in entry["fields"]}
    creators = {c["creatorType"] for c in entry["creatorTypes"]}
    assert ITEM_FIELDS[item_type] <= fields
    assert CREATOR_TYPES[item_type] <= creators


def test_a_written_book_has_only_fields_the_schema_gives_a_book(shared_samples, export_items):
    schema = _load(shared_samples, "schema-extract_book_bookSection_v41.json")
    book = next(t for t in schema["itemTypes"] if t["itemType"] == "book")
    allowed = {f["field"] for f in book["fields"]} | {"itemType", "creators", "tags", "collections"}
    carr = next(i for i in export_items if i.item_type is ItemType.BOOK)
    assert set(zotero_item_data(carr)) <= allowed


def test_csl_types_are_the_ones_the_schema_maps_each_zotero_type_to(shared_samples):
    csl_types = _load(shared_samples, "schema-extract_book_bookSection_v41.json")["csl"]["types"]
    for item_type, csl in CSL_TYPES.items():
        assert item_type.value in csl_types[csl], item_type


def test_the_csl_variables_for_pages_place_and_isbn_are_the_schema_s(shared_samples):
    text = _load(shared_samples, "schema-extract_book_bookSection_v41.json")["csl"]["fields"][
        "text"
    ]
    assert text["number-of-pages"] == ["numPages"]
    assert text["publisher-place"] == ["place"]
    assert text["ISBN"] == ["ISBN"]
    assert "publicationTitle" in text["container-title"]


def test_a_real_item_reads_as_an_existing_item_with_its_key_and_version(shared_samples):
    (item,) = parse_existing_items([_load(shared_samples, "item_single_format-json.json")])
    assert (item.key, item.version, item.item_type) == ("X42A7DEE", 1, "book")
    assert item.citecheck_key == ""
    assert "Electron microscopy" in item.tags
    assert item.collections == ("BX9965IJ", "9KH9TNSJ")


def test_a_real_write_answer_with_only_success_reads_as_successful(shared_samples):
    answer = parse_write_response(
        _load(shared_samples, "pyzotero_creation_doc_write-response_SIMPLIFIED.json")
    )
    assert answer.successful == {0: "ABC123"}
    assert (answer.unchanged, answer.failed) == ({}, ())


def test_page_counts_are_sent_as_strings_as_in_the_real_item(shared_samples):
    real = _load(shared_samples, "item_single_format-json.json")["data"]
    ours = zotero_item_data(ExportItem(key="k", item_type=ItemType.BOOK, title="T", page_count=546))
    assert type(ours["numPages"]) is type(real["numPages"]) is str


def test_the_real_sample_item_reads_as_an_entry_with_its_body_author_whole(shared_samples):
    from citecheck.zotero_library import entry_from_item

    entry = entry_from_item(_load(shared_samples, "item_single_format-json.json")["data"])
    assert entry.key == "X42A7DEE"
    assert entry.authors == ("Institute of Physics (Great Britain)",)
    assert (entry.year, entry.publisher, entry.place) == (
        1993,
        "Institute of Physics Pub",
        "Bristol, UK",
    )
    assert entry.identifiers.isbn == ("0750303212",)
    assert entry.field_value("pagetotal") == "546"
    assert entry.alternative_titles == ("Electron Microscopy and Analysis 1993",)


def test_the_translation_server_s_flat_items_read_as_entries_with_their_oclc(shared_samples):
    from citecheck.zotero_library import entry_from_item

    items = _load(shared_samples, "translation-server_POST-search_isbn-0312558066_web-library.json")
    entry = entry_from_item(items[0])
    assert entry.title and entry.identifiers.isbn == ("9780312558062",)
    assert entry.identifiers.oclc
