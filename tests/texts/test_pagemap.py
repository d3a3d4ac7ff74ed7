"""The leaf -> printed page mapping: the printed page is what a citation means, never the leaf."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.errors import MalformedResponse
from citecheck.texts.pagemap import (
    PageMapSource,
    leaf_from_usemap,
    page_map_from_pairs,
    parse_page_numbers_json,
    parse_scandata,
)


def _page_numbers(texts_dir: Path) -> dict[str, object]:
    path = texts_dir / "ia" / "greatconspiracy00saye_page_numbers.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_printed_page_is_looked_up_by_leaf_not_by_array_position(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    # Leaf 1 (colour card) is not listed, so array position 1 holds leaf 2, and position 4 leaf 41.
    assert page_map.leaves[4].leaf == 41
    assert page_map.printed_for(41) == "31"


def test_offset_between_leaf_and_printed_page_changes_inside_the_book(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    assert 41 - int(page_map.printed_for(41) or 0) == 10
    assert 43 - int(page_map.printed_for(43) or 0) == 11
    assert 350 - int(page_map.printed_for(350) or 0) == 24


def test_empty_page_number_means_an_unnumbered_leaf(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    assert page_map.printed_for(42) is None


def test_roman_page_numbers_are_kept_as_printed(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    assert page_map.printed_for(3) == "v"


def test_leaf_missing_from_the_mapping_has_no_printed_page(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    assert page_map.printed_for(1) is None


def test_leaf_for_a_printed_page_finds_the_scan(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    assert page_map.leaf_for("326") == 350
    assert page_map.leaf_for("V") == 3


def test_page_numbers_json_keeps_the_document_confidence(texts_dir: Path) -> None:
    page_map = parse_page_numbers_json(_page_numbers(texts_dir))
    assert page_map.confidence == 88
    assert page_map.source is PageMapSource.PAGE_NUMBERS_JSON


def test_page_numbers_json_without_pages_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="pages"):
        parse_page_numbers_json({"identifier": "x", "format-version": "2"})


def test_page_numbers_json_entry_without_leaf_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="leafNum"):
        parse_page_numbers_json({"pages": [{"pageNumber": "3"}]})


def test_mapping_whose_page_numbers_are_all_empty_has_no_printed_pages() -> None:
    page_map = parse_page_numbers_json({"pages": [{"leafNum": 0, "pageNumber": ""}]})
    assert not page_map.has_printed_pages


def test_scandata_page_number_elements_give_the_mapping(texts_dir: Path) -> None:
    text = (texts_dir / "ia" / "greatconspiracy00saye_scandata.xml").read_text(encoding="utf-8")
    page_map = parse_scandata(text)
    assert page_map.source is PageMapSource.SCANDATA
    assert page_map.printed_for(350) == "326"


def test_scandata_leaves_out_of_the_access_formats_are_not_access_leaves(texts_dir: Path) -> None:
    text = (texts_dir / "ia" / "greatconspiracy00saye_scandata.xml").read_text(encoding="utf-8")
    page_map = parse_scandata(text)
    assert 1 in [entry.leaf for entry in page_map.leaves]
    assert page_map.access_leaves[:3] == (0, 2, 3)


def test_scandata_that_is_not_xml_is_malformed() -> None:
    with pytest.raises(MalformedResponse, match="XML"):
        parse_scandata("<html><body>Item not available</body>")


def test_usemap_names_the_leaf() -> None:
    assert leaf_from_usemap("greatconspiracy00saye_0350.djvu") == 350
    assert leaf_from_usemap("weird.djvu") is None


def test_viewer_index_counts_access_leaves_only() -> None:
    page_map = page_map_from_pairs([(0, None), (2, None), (3, "v")])
    assert page_map.viewer_index(3) == 2


def test_viewer_index_without_a_mapping_shifts_by_one_when_leaf0_is_missing() -> None:
    page_map = page_map_from_pairs([])
    assert page_map.viewer_index(5, leaf0_missing=True) == 4
    assert page_map.viewer_index(5, leaf0_missing=False) == 5


@pytest.mark.contract
def test_real_scandata_sample_lists_every_leaf_without_page_numbers(shared_samples: Path) -> None:
    text = (shared_samples / "internetarchive" / "scandata_Svoboda-1910-01.xml").read_text(
        encoding="utf-8"
    )
    page_map = parse_scandata(text)
    assert page_map.access_leaves == tuple(range(8))
    assert not page_map.has_printed_pages
