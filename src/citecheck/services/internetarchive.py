"""Internet Archive as a catalog: items found by advanced search, and each item's metadata.

Endpoints (shapes in ``../shared/api-samples/internetarchive``; traps in ENDPOINTS.md 1.4, 1.5):

- ``/advancedsearch.php?q=…&fl[]=…&rows=…&output=json``: Solr style, ``response.docs``; values are
  numbers, strings or lists depending on the field and the item (``year`` a number, ``creator`` a
  list, ``title`` a string).
- ``/metadata/{identifier}``: ``server``, ``dir``, ``files`` (names, sizes as strings) and
  ``metadata`` (values a string when single, a list when several; ``imagecount`` a string). An
  identifier the Archive does not know is answered ``{}`` with HTTP 200, not 404.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from citecheck.errors import MalformedResponse, ServiceError, SourceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Fact, Identifiers, Provenance, Service, TextAccess
from citecheck.services.fields import first
from citecheck.services.fields import strings as values

_SERVICE = Service.INTERNET_ARCHIVE

SEARCH_FIELDS = (
    "identifier",
    "title",
    "creator",
    "year",
    "date",
    "publisher",
    "language",
    "imagecount",
    "collection",
    "mediatype",
    "isbn",
    "lccn",
    "oclc-id",
    "lending___status",
)
"""The ``fl[]`` fields ``parse_search_doc`` reads."""

METADATA_LOOKUPS = 3
"""How many of the best search results ``find_editions`` checks in item metadata (one request each)."""

# Collections of books that are lent (one reader at a time) or open to print-disabled readers
# only: their text can be searched inside but not downloaded.
LENDING_COLLECTIONS = frozenset({"inlibrary", "lendinglibrary", "printdisabled", "browserlending"})

# Values of the search index's ``lending___status`` field (archive.org's "Availability" facet).
# Inferred from the facet names the site uses, not from a recorded sample: a readable item is open
# to all; the others are lent, browsed or print-disabled only, so searchable but not downloadable.
READABLE_STATUS = "is_readable"
LENDING_STATUSES = frozenset(
    {
        "is_lendable",
        "available_to_borrow",
        "available_to_browse",
        "available_to_waitlist",
        "is_printdisabled",
    }
)

_TEXT_SUFFIXES = (
    "_djvu.txt",
    "_djvu.xml",
    "_page_numbers.json",
    "_scandata.xml",
    "_jp2.zip",
    "_abbyy.gz",
    "_hocr.html",
)
# No \b before the year: "c1941" (copyright) and "[1941]" are years too.
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class IAItem:
    """An Internet Archive item as its metadata describes it: where it lives and what it holds."""

    identifier: str
    title: str
    creators: tuple[str, ...] = ()
    year: int | None = None
    server: str = ""
    """The data server (``ia600608.us.archive.org``) that answers ``fulltext/inside.php``."""
    dir: str = ""
    """The item's directory on that server (``/33/items/Svoboda-1910-01``)."""
    files: tuple[str, ...] = ()
    doc: str = ""
    """The stem of the book's files (``{doc}_djvu.txt``); not always the identifier."""
    docs: tuple[str, ...] = ()
    """Every book stem in the item (a multi-volume item has several)."""
    imagecount: int | None = None
    """Scanned leaves, not printed pages."""
    access: TextAccess = TextAccess.UNKNOWN
    lendable: bool = False
    """``access-restricted-item``: lent one reader at a time; searchable, not downloadable."""
    mediatype: str = ""
    language: str | None = None
    publisher: str | None = None
    collections: tuple[str, ...] = ()
    provenance: Provenance | None = None

    def has_file(self, name: str) -> bool:
        """True when the item lists a file of this name."""
        return name in self.files

    def file_for(self, suffix: str, doc: str | None = None) -> str | None:
        """The file ``{doc}{suffix}`` (e.g. ``"_djvu.txt"``) when the item has it."""
        name = f"{doc or self.doc}{suffix}"
        return name if name in self.files else None

    @property
    def has_text(self) -> bool:
        return self.file_for("_djvu.txt") is not None or self.file_for("_djvu.xml") is not None

    @property
    def has_djvu_xml(self) -> bool:
        return self.file_for("_djvu.xml") is not None

    @property
    def has_page_numbers(self) -> bool:
        """The item has ``{doc}_page_numbers.json`` (leaf -> printed page)."""
        return self.file_for("_page_numbers.json") is not None

    @property
    def has_scandata(self) -> bool:
        return self.file_for("_scandata.xml") is not None


# --------------------------------------------------------------------------------------------
# Normalisers: metadata values are a string when single and a list when several
# --------------------------------------------------------------------------------------------


def as_int(value: Any) -> int | None:
    """``"8"`` or ``8`` -> 8; anything else -> None."""
    text = first(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def is_true(value: Any) -> bool:
    """IA's booleans are strings: ``"true"``; a list counts when any of it is true."""
    return any(v.lower() in ("true", "1", "yes") for v in values(value))


def year_of(*candidates: Any) -> int | None:
    """The first four-digit year among the values (``year`` may be a number, ``date`` free text)."""
    for candidate in candidates:
        for text in values(candidate):
            match = _YEAR.search(text)
            if match:
                return int(match.group(1))
    return None


def book_stems(identifier: str, files: Sequence[str]) -> tuple[str, ...]:
    """The stems of the item's books, from its OCR and scan files; the identifier first, then sorted.

    The same choice as ``texts.ia_fulltext.IATextFiles.main_doc``, so the catalog and the text
    provider read the same book of a multi-volume item.
    """
    stems = {
        name[: -len(suffix)]
        for name in files
        for suffix in _TEXT_SUFFIXES
        if name.endswith(suffix) and "/" not in name and len(name) > len(suffix)
    }
    rest = sorted(stems - {identifier})
    return (identifier, *rest) if identifier in stems else tuple(rest)


def access_of(
    metadata: Mapping[str, Any], *, has_text: bool, collections: Sequence[str]
) -> tuple[TextAccess, bool]:
    """What can be read of an item: (access, lendable)."""
    lendable = is_true(metadata.get("access-restricted-item")) or bool(
        LENDING_COLLECTIONS & set(collections)
    )
    if lendable:
        return TextAccess.SEARCH_ONLY, True
    if is_true(metadata.get("noindex")) and not has_text:
        return TextAccess.NONE, False
    if has_text:
        return TextAccess.PUBLIC, False
    return TextAccess.NONE, False


# --------------------------------------------------------------------------------------------
# Parsers
# --------------------------------------------------------------------------------------------


def parse_item_metadata(data: Any, provenance: Provenance | None = None) -> IAItem | None:
    """``/metadata/{id}`` as an IAItem; None for ``{}`` (the Archive's answer for no such item)."""
    if not isinstance(data, Mapping):
        raise MalformedResponse(
            "metadata answer is not an object",
            service=_SERVICE.value,
            url=provenance.url if provenance else "",
        )
    if not data:
        return None  # archive.org answers {} with HTTP 200 for an identifier it does not know
    if not isinstance(data.get("metadata"), Mapping):
        # Anything else without a metadata object is not "no such item": the format has changed.
        raise MalformedResponse(
            "metadata answer has no 'metadata' object; the format may have changed",
            service=_SERVICE.value,
            url=provenance.url if provenance else "",
        )
    metadata: Mapping[str, Any] = data["metadata"]
    identifier = first(metadata.get("identifier")) or ""
    files = tuple(
        str(f["name"]) for f in data.get("files") or [] if isinstance(f, Mapping) and f.get("name")
    )
    docs = book_stems(identifier, files)
    doc = docs[0] if docs else identifier
    has_text = f"{doc}_djvu.txt" in files or f"{doc}_djvu.xml" in files
    collections = values(metadata.get("collection"))
    access, lendable = access_of(metadata, has_text=has_text, collections=collections)
    return IAItem(
        identifier=identifier,
        title=first(metadata.get("title")) or identifier,
        creators=values(metadata.get("creator")),
        year=year_of(metadata.get("year"), metadata.get("date")),
        server=str(data.get("server") or data.get("d1") or ""),
        dir=str(data.get("dir") or ""),
        files=files,
        doc=doc,
        docs=docs,
        imagecount=as_int(metadata.get("imagecount")),
        access=access,
        lendable=lendable,
        mediatype=first(metadata.get("mediatype")) or "",
        language=first(metadata.get("language")),
        publisher=first(metadata.get("publisher")),
        collections=collections,
        provenance=provenance,
    )


def parse_search_doc(doc: Mapping[str, Any], provenance: Provenance, *, base: str = "") -> Edition:
    """One advancedsearch doc as an Edition (``imagecount`` counts leaves, so it is a fact only)."""
    identifier = first(doc.get("identifier")) or ""
    collections = values(doc.get("collection"))
    statuses = values(doc.get("lending___status"))
    imagecount = as_int(doc.get("imagecount"))
    texts = first(doc.get("mediatype")) in (None, "texts")
    access = search_access(statuses, collections) if texts else TextAccess.NONE
    return Edition(
        title=first(doc.get("title")) or identifier,
        authors=values(doc.get("creator")),
        year=year_of(doc.get("year"), doc.get("date")),
        publisher=first(doc.get("publisher")),
        language=first(doc.get("language")),
        identifiers=Identifiers(
            isbn=values(doc.get("isbn")),
            oclc=values(doc.get("oclc-id")),
            lccn=values(doc.get("lccn")),
            internetarchive=(identifier,) if identifier else (),
        ),
        access=access,
        record_url=f"{base}/details/{identifier}" if identifier else "",
        provenance=(provenance,),
        facts=tuple(
            Fact(name, str(value), provenance)
            for name, value in (
                ("imagecount", imagecount),
                ("collection", ";".join(collections)),
                ("lending___status", ";".join(statuses)),
            )
            if value
        ),
    )


def search_access(statuses: Sequence[str], collections: Sequence[str]) -> TextAccess:
    """What a search doc says can be read: lending status first, then the lending collections.

    A guess until the item's metadata is read (``with_item``): search docs do not list files.
    """
    if READABLE_STATUS in statuses:
        return TextAccess.PUBLIC
    if LENDING_STATUSES & set(statuses) or LENDING_COLLECTIONS & set(collections):
        return TextAccess.SEARCH_ONLY
    return TextAccess.PUBLIC


def with_item(edition: Edition, item: IAItem) -> Edition:
    """A search result corrected by its item's metadata: access from the files and lending flag."""
    provenance = item.provenance
    formats = [
        suffix.lstrip("_")
        for suffix in ("_djvu.txt", "_djvu.xml", "_page_numbers.json", "_scandata.xml")
        if item.file_for(suffix)
    ]
    facts = edition.facts
    if provenance is not None:
        facts += tuple(
            Fact(name, value, provenance)
            for name, value in (
                ("access", item.access.value),
                ("access-restricted-item", "true" if item.lendable else "false"),
                ("text_files", ";".join(formats)),
                ("doc", item.doc),
            )
            if value
        )
    return replace(
        edition,
        access=item.access,
        publisher=edition.publisher or item.publisher,
        year=edition.year or item.year,
        provenance=edition.provenance + ((provenance,) if provenance is not None else ()),
        facts=facts,
    )


def parse_search(data: Any, provenance: Provenance, *, base: str = "") -> list[Edition]:
    """advancedsearch.php's JSON as Editions; MalformedResponse without ``response.docs``."""
    response = data.get("response") if isinstance(data, Mapping) else None
    if not isinstance(response, Mapping) or not isinstance(response.get("docs"), list):
        raise MalformedResponse(
            "advancedsearch answer has no response.docs list",
            service=_SERVICE.value,
            url=provenance.url,
        )
    return [
        parse_search_doc(doc, provenance, base=base)
        for doc in response["docs"]
        if isinstance(doc, Mapping) and doc.get("identifier")
    ]


def search_query(title: str, authors: Sequence[str] = (), year: int | None = None) -> str:
    """The Lucene query for a book: title words, the first author's surname, texts only."""

    def words(text: str) -> str:
        # Lucene syntax characters in a title would change the query's meaning.
        return " ".join(re.findall(r"[^\W_]+", text))

    parts = [f"title:({words(title)})"] if words(title) else []
    if authors:
        name = authors[0]
        surname = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
        if words(surname):
            parts.append(f"creator:({words(surname)})")
    parts.append("mediatype:texts")
    if year is not None:
        # Reprints and later scans are kept: the year only narrows to a window.
        parts.append(f"year:[{year - 5} TO {year + 60}]")
    return " AND ".join(parts)


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


class InternetArchiveClient:
    """Advanced search and item metadata over the shared HTTP client."""

    service = _SERVICE

    def __init__(self, http: HttpClient, *, metadata_lookups: int = METADATA_LOOKUPS) -> None:
        self.http = http
        self.metadata_lookups = metadata_lookups

    @property
    def _base(self) -> str:
        return self.http.base_url(_SERVICE)

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Scanned books whose title and first author fit (one Edition per item), best first.

        The first ``metadata_lookups`` items are read in item metadata, whose files and lending
        flag settle their access; the rest keep what the search doc says.
        """
        params: dict[str, Any] = {
            "q": search_query(title, authors),
            "fl[]": list(SEARCH_FIELDS),
            "rows": limit,
            "page": 1,
            "output": "json",
        }
        data, provenance = self.http.get_json(_SERVICE, f"{self._base}/advancedsearch.php", params)
        with self.http.accepting(provenance):
            editions = parse_search(data, provenance, base=self._base)
        if year is not None:
            editions.sort(key=lambda e: 0 if e.year == year else 1)
        editions = editions[:limit]
        for index, edition in enumerate(editions[: self.metadata_lookups]):
            item = self._item_or_none(edition.identifiers.internetarchive[0])
            if item is not None:
                editions[index] = with_item(edition, item)
        return editions

    def _item_or_none(self, identifier: str) -> IAItem | None:
        # The search already answered: a failed metadata request (recorded in http.attempts)
        # leaves the search doc's access guess rather than losing the item.
        try:
            return self.item_metadata(identifier)
        except SourceError:
            return None

    def item_metadata(self, identifier: str) -> IAItem | None:
        """An item's metadata, or None when the Archive has no such item."""
        url = f"{self._base}/metadata/{identifier}"
        try:
            data, provenance = self.http.get_json(_SERVICE, url)
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        with self.http.accepting(provenance):
            return parse_item_metadata(data, provenance)
