"""Internet Archive full text of public items: OCR pages with the printed page number of each leaf.

Files of an item (names from its ``files`` list in ``/metadata/{identifier}``):

- ``{doc}_djvu.xml``: one ``OBJECT`` per scan leaf, its leaf number in ``usemap="{doc}_NNNN.djvu"``;
  leaves left out of the access formats have no OBJECT, so OBJECT position is not the leaf.
- ``{doc}_djvu.txt``: the same text with pages separated by form feeds only (used when there is no xml).
- ``{doc}_page_numbers.json`` or ``{doc}_scandata.xml``: leaf -> printed page (see ``pagemap``).

A ``Page`` carries both: ``leaf`` (scan order) and ``printed`` (what a citation means; None when the
leaf has no number or the item has no mapping).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from citecheck.errors import MalformedResponse, ServiceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Hit, Page, Provenance, Service, TextAccess
from citecheck.texts.pagemap import (
    EMPTY_PAGE_MAP,
    PageMap,
    leaf_from_usemap,
    parse_page_numbers_json,
    parse_scandata,
)
from citecheck.texts.pagesearch import search_pages

_TEXT_SUFFIXES = ("_djvu.xml", "_djvu.txt")


@dataclass(frozen=True, slots=True)
class IATextFiles:
    """What an item's metadata says about its text: where it lives, which text files it has."""

    identifier: str
    server: str
    dir: str
    file_names: frozenset[str]
    restricted: bool = False
    """Lending-library item: full text cannot be downloaded, only searched inside."""

    @property
    def docs(self) -> tuple[str, ...]:
        """The book file stems that have OCR text; several for multi-volume items."""
        stems = {
            name[: -len(suffix)]
            for name in self.file_names
            for suffix in (*_TEXT_SUFFIXES, "_page_numbers.json", "_scandata.xml", "_jp2.zip")
            if name.endswith(suffix) and "/" not in name
        }
        return tuple(sorted(stems))

    def main_doc(self) -> str:
        """The doc stem to read: the identifier itself when it is one of the docs, else the first."""
        docs = self.docs
        if self.identifier in docs or not docs:
            return self.identifier
        return docs[0]

    def has(self, name: str) -> bool:
        return name in self.file_names


def parse_item_text_files(identifier: str, data: Any) -> IATextFiles | None:
    """Read what the text providers need from ``/metadata/{identifier}``; None for an unknown item."""
    if not isinstance(data, Mapping):
        raise MalformedResponse(f"metadata of {identifier} is not a JSON object")
    if not data:
        return None  # archive.org answers {} with HTTP 200 for an identifier it does not know
    files = data.get("files")
    if not isinstance(files, list):
        raise MalformedResponse(f"metadata of {identifier} has no 'files' list")
    names = frozenset(
        str(f["name"]) for f in files if isinstance(f, Mapping) and isinstance(f.get("name"), str)
    )
    metadata = data.get("metadata")
    restricted = False
    if isinstance(metadata, Mapping):
        flag = metadata.get("access-restricted-item")
        restricted = str(flag).strip().lower() == "true"
    return IATextFiles(
        identifier=identifier,
        server=str(data.get("server") or data.get("d1") or ""),
        dir=str(data.get("dir") or ""),
        file_names=names,
        restricted=restricted,
    )


@dataclass(frozen=True, slots=True)
class OcrLeaf:
    """The OCR text of one page of a djvu.xml, with the leaf its ``usemap`` names."""

    leaf: int | None
    text: str


def _strip_xml_declaration(text: str) -> str:
    return re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", text, count=1)


def _paragraph_text(paragraph: etree._Element) -> str:
    lines = []
    for line in paragraph.iter("{*}LINE"):
        words = [(w.text or "").strip() for w in line.iter("{*}WORD")]
        joined = " ".join(w for w in words if w)
        if joined:
            lines.append(joined)
    return "\n".join(lines)


def parse_djvu_xml(text: str | bytes) -> list[OcrLeaf]:
    """Page texts of ``{doc}_djvu.xml``: lines joined by newlines, paragraphs by blank lines."""
    raw = _strip_xml_declaration(text).encode("utf-8") if isinstance(text, str) else text
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"djvu.xml is not well-formed XML: {exc}") from exc
    if root is None or etree.QName(root).localname != "DjVuXML":
        raise MalformedResponse("djvu.xml has no <DjVuXML> root element")
    leaves: list[OcrLeaf] = []
    for obj in root.iter("{*}OBJECT"):
        paragraphs = [_paragraph_text(p) for p in obj.iter("{*}PARAGRAPH")]
        leaves.append(
            OcrLeaf(
                leaf=leaf_from_usemap(obj.get("usemap", "")),
                text="\n\n".join(p for p in paragraphs if p),
            )
        )
    return leaves


def parse_djvu_txt(text: str) -> list[str]:
    """Page texts of ``{doc}_djvu.txt``: pages are separated by form feeds and carry no numbers."""
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # the file ends with a form feed after the last page
    return [p.strip("\n") for p in pages]


def pages_from_ocr(
    ocr: Sequence[OcrLeaf], page_map: PageMap, provenance: Provenance | None = None
) -> list[Page]:
    """OCR leaves as Pages: the leaf from the file (else from the mapping by position), printed from the mapping."""
    pages: list[Page] = []
    for position, item in enumerate(ocr):
        leaf = item.leaf if item.leaf is not None else page_map.leaf_at(position)
        printed = page_map.printed_for(leaf) if leaf is not None else None
        pages.append(
            Page(text=item.text, printed=printed, leaf=leaf, provenance=provenance, ocr=True)
        )
    return pages


def pages_from_djvu_txt(
    texts: Sequence[str], page_map: PageMap, provenance: Provenance | None = None
) -> list[Page]:
    """Form-feed pages as Pages: the n-th page is the n-th leaf of the access formats, when known."""
    return pages_from_ocr([OcrLeaf(None, t) for t in texts], page_map, provenance)


class ItemTextFiles:
    """The text files of Internet Archive items, from their metadata, fetched once per identifier.

    One instance is shared by the full-text and search-inside providers, so an item's metadata
    is asked for once in a run.
    """

    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self._lock = threading.Lock()
        self._known: dict[str, IATextFiles | None] = {}

    def get(self, identifier: str) -> IATextFiles | None:
        """The item's text files, or None for an unknown item."""
        with self._lock:
            if identifier in self._known:
                return self._known[identifier]
        url = f"{self.http.base_url(Service.INTERNET_ARCHIVE)}/metadata/{identifier}"
        data, provenance = self.http.get_json(Service.INTERNET_ARCHIVE, url)
        with self.http.accepting(provenance):
            files = parse_item_text_files(identifier, data)
        with self._lock:
            self._known[identifier] = files
        return files


class InternetArchiveFullText:
    """Whole pages of public Internet Archive items, each with its leaf and printed page number."""

    service = Service.INTERNET_ARCHIVE
    name = "Internet Archive full text"

    def __init__(self, http: HttpClient, files: ItemTextFiles | None = None) -> None:
        self.http = http
        self._lock = threading.Lock()
        self._pages: dict[str, list[Page] | None] = {}
        self._files = files or ItemTextFiles(http)

    def can_serve(self, edition: Edition) -> bool:
        """True for editions with an Internet Archive identifier that is not known to be search-only."""
        return bool(edition.identifiers.internetarchive) and edition.access not in (
            TextAccess.SEARCH_ONLY,
            TextAccess.SNIPPETS,
            TextAccess.NONE,
        )

    def pages(self, edition: Edition) -> list[Page]:
        """The pages of the edition's first readable item; empty when none can be read whole.

        Empty, not None: a lending item is searched by ``InternetArchiveSearchInside``, which the
        caller asks next, so this provider has nothing to offer for it, not even search.
        """
        for identifier in edition.identifiers.internetarchive:
            pages = self.pages_of(identifier)
            if pages:
                return pages
        return []

    def search(self, edition: Edition, phrase: str) -> list[Hit]:
        """Pages of the edition's text that contain the phrase."""
        return search_pages(self.pages(edition), phrase)

    def item_files(self, identifier: str) -> IATextFiles | None:
        """The item's text files from its metadata (fetched once per identifier)."""
        return self._files.get(identifier)

    def pages_of(self, identifier: str, doc: str | None = None) -> list[Page] | None:
        """All pages of one item (or one doc of a multi-volume item); None when it has no readable text."""
        key = f"{identifier}/{doc or ''}"
        with self._lock:
            if key in self._pages:
                return self._pages[key]
        pages = self._fetch_pages(identifier, doc)
        with self._lock:
            self._pages[key] = pages
        return pages

    def page_map_of(self, files: IATextFiles, doc: str) -> PageMap:
        """The leaf -> printed page mapping of a doc, or an empty mapping when it has none or it fails."""
        return fetch_page_map(self.http, files, doc)

    def _download_url(self, identifier: str, name: str) -> str:
        return f"{self.http.base_url(Service.INTERNET_ARCHIVE)}/download/{identifier}/{name}"

    def _fetch_pages(self, identifier: str, doc: str | None) -> list[Page] | None:
        files = self.item_files(identifier)
        if files is None or files.restricted:
            return None
        doc = doc or files.main_doc()
        xml_name, txt_name = f"{doc}_djvu.xml", f"{doc}_djvu.txt"
        if not (files.has(xml_name) or files.has(txt_name)):
            return None
        page_map = self.page_map_of(files, doc)
        if files.has(xml_name):
            text, provenance = self.http.get_text(
                Service.INTERNET_ARCHIVE, self._download_url(identifier, xml_name)
            )
            with self.http.accepting(provenance):
                return pages_from_ocr(parse_djvu_xml(text), page_map, provenance)
        text, provenance = self.http.get_text(
            Service.INTERNET_ARCHIVE, self._download_url(identifier, txt_name)
        )
        return pages_from_djvu_txt(parse_djvu_txt(text), page_map, provenance)


def fetch_page_map(http: HttpClient, files: IATextFiles, doc: str) -> PageMap:
    """page_numbers.json, else scandata.xml, else an empty mapping (also when the file is refused or broken)."""
    base = f"{http.base_url(Service.INTERNET_ARCHIVE)}/download/{files.identifier}"
    json_name, scandata_name = f"{doc}_page_numbers.json", f"{doc}_scandata.xml"
    # A lending item may list these files and still refuse them (403); then pages stay unnumbered.
    if files.has(json_name):
        try:
            data, provenance = http.get_json(Service.INTERNET_ARCHIVE, f"{base}/{json_name}")
            with http.accepting(provenance):
                return parse_page_numbers_json(data)
        except (ServiceError, MalformedResponse):
            pass
    if files.has(scandata_name):
        try:
            text, provenance = http.get_text(Service.INTERNET_ARCHIVE, f"{base}/{scandata_name}")
            with http.accepting(provenance):
                return parse_scandata(text)
        except (ServiceError, MalformedResponse):
            pass
    return EMPTY_PAGE_MAP
