"""Scan leaves to printed page numbers: the mapping every scanned book needs before a page can be judged.

A scan counts leaves (every photographed side, covers and plates included); a citation means the number
printed on the page. Internet Archive states the mapping in ``{doc}_page_numbers.json`` (written by
archive-hocr-tools' ``hocr-pagenumbers``) or, for some books, in ``pageNumber`` elements of
``{doc}_scandata.xml``. Both can be empty, Roman, or skip leaves, and the leaf-minus-page offset changes
inside a book wherever plates or unnumbered leaves sit, so the printed page is always looked up per
leaf, never computed from an offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lxml import etree

from citecheck.errors import MalformedResponse


class PageMapSource(StrEnum):
    PAGE_NUMBERS_JSON = "page_numbers.json"
    SCANDATA = "scandata.xml"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class LeafPage:
    """One scan leaf and the number printed on it (None when the leaf carries no number)."""

    leaf: int
    printed: str | None
    in_access_formats: bool = True
    """False for leaves left out of the OCR text and the viewer (colour cards, blank covers)."""


@dataclass(frozen=True, slots=True)
class PageMap:
    """The leaf -> printed page mapping of one scanned book, with where it came from."""

    leaves: tuple[LeafPage, ...] = ()
    source: PageMapSource = PageMapSource.NONE
    confidence: int | None = None
    """The generator's confidence in the whole mapping, 0-100, when it states one."""

    def printed_for(self, leaf: int) -> str | None:
        """The printed page of a scan leaf, or None when the leaf is unknown or unnumbered."""
        for entry in self.leaves:
            if entry.leaf == leaf:
                return entry.printed
        return None

    def leaf_for(self, printed: str) -> int | None:
        """The first leaf that carries a printed page label (case-insensitive), or None."""
        wanted = printed.strip().lower()
        for entry in self.leaves:
            if entry.printed is not None and entry.printed.lower() == wanted:
                return entry.leaf
        return None

    @property
    def access_leaves(self) -> tuple[int, ...]:
        """Leaves in the order the OCR files and the viewer list them (excluded leaves left out)."""
        return tuple(e.leaf for e in self.leaves if e.in_access_formats)

    @property
    def has_printed_pages(self) -> bool:
        return any(e.printed for e in self.leaves)

    def leaf_at(self, position: int) -> int | None:
        """The leaf of the n-th page (0-based) of the OCR text, or None when the mapping is too short."""
        access = self.access_leaves
        return access[position] if 0 <= position < len(access) else None

    def viewer_index(self, leaf: int, *, leaf0_missing: bool = False) -> int:
        """The 0-based image index the archive.org viewer uses in ``/page/n{index}`` for a leaf."""
        access = self.access_leaves
        if leaf in access:
            return access.index(leaf)
        # Without a mapping, leaves are numbered like the ``_NNNN`` image files: from 1 when leaf 0
        # is missing from the scan, else from 0.
        return leaf - 1 if leaf0_missing else leaf


EMPTY_PAGE_MAP = PageMap()

_USEMAP = re.compile(r"_(\d+)\.djvu$", re.IGNORECASE)


def leaf_from_usemap(usemap: str) -> int | None:
    """``"Great-Conspiracy_0041.djvu"`` -> 41: the leaf number of a djvu.xml OBJECT."""
    found = _USEMAP.search(usemap.strip())
    return int(found.group(1)) if found else None


def _label(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_page_numbers_json(data: Any) -> PageMap:
    """Parse ``{doc}_page_numbers.json``; raises MalformedResponse when it has another shape."""
    if not isinstance(data, Mapping) or not isinstance(data.get("pages"), list):
        raise MalformedResponse("page_numbers.json has no 'pages' list")
    leaves: list[LeafPage] = []
    for number, entry in enumerate(data["pages"]):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("leafNum"), int):
            raise MalformedResponse(f"page_numbers.json: entry {number} has no integer 'leafNum'")
        # Only leaves with addToAccessFormats != false are listed, so every listed leaf is in them.
        leaves.append(LeafPage(leaf=entry["leafNum"], printed=_label(entry.get("pageNumber"))))
    confidence = data.get("confidence")
    return PageMap(
        leaves=tuple(leaves),
        source=PageMapSource.PAGE_NUMBERS_JSON,
        confidence=confidence if isinstance(confidence, int) else None,
    )


def _xml_root(text: str | bytes, what: str) -> etree._Element:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"{what} is not well-formed XML: {exc}") from exc
    if root is None:
        raise MalformedResponse(f"{what} is empty")
    return root


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            text: str | None = child.text
            return text
    return None


def parse_scandata(text: str | bytes) -> PageMap:
    """Parse ``{doc}_scandata.xml``: every leaf, whether it is in the access formats, its pageNumber."""
    root = _xml_root(text, "scandata.xml")
    leaves: list[LeafPage] = []
    for page in root.iter("{*}page"):
        leaf_attr = page.get("leafNum") or page.get("leafnum")
        if leaf_attr is None or not leaf_attr.strip().isdigit():
            continue
        access = (_child_text(page, "addToAccessFormats") or "true").strip().lower() != "false"
        leaves.append(
            LeafPage(
                leaf=int(leaf_attr),
                printed=_label(_child_text(page, "pageNumber")),
                in_access_formats=access,
            )
        )
    if not leaves:
        raise MalformedResponse("scandata.xml lists no <page leafNum=...> elements")
    return PageMap(leaves=tuple(leaves), source=PageMapSource.SCANDATA)


def page_map_from_pairs(pairs: Iterable[tuple[int, str | None]]) -> PageMap:
    """A mapping built by hand (tests, fakes): ``[(leaf, printed), ...]``."""
    return PageMap(
        leaves=tuple(LeafPage(leaf, _label(printed)) for leaf, printed in pairs),
        source=PageMapSource.PAGE_NUMBERS_JSON,
    )
