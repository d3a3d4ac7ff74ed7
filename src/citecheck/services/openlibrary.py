"""Open Library: works found by title and author, their editions with page counts and scans.

Endpoints (shapes in ``../shared/api-samples/openlibrary``; traps in ENDPOINTS.md section 2):

- ``/search.json``: one doc per *work*. Many fields come back only when named in ``fields=``
  (``number_of_pages_median``, ``isbn``, ``publisher``, ``lccn``, ``oclc``), so the client names
  every field it reads (``SEARCH_FIELDS``).
- ``/works/OL…W.json`` and ``/works/OL…W/editions.json``: editions carry ``number_of_pages``
  (an int) and/or ``pagination`` (free text such as ``"xi, 292 p. ;"``), often neither; author
  references without names.
- ``/books/OL…M.json``: one edition; ``publishers`` are strings here.
- ``/api/books?bibkeys=…&jscmd=data&format=json``: keyed by the bibkey as sent; ``publishers`` and
  ``publish_places`` are objects with a ``name`` here, and identifiers are lists in a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bs4 import BeautifulSoup

from citecheck.errors import MalformedResponse, ServiceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Fact, Identifiers, Provenance, Service, TextAccess
from citecheck.services.fields import strings, surname

_SERVICE = Service.OPEN_LIBRARY

SEARCH_FIELDS = (
    "key",
    "title",
    "subtitle",
    "author_name",
    "first_publish_year",
    "publish_year",
    "edition_key",
    "edition_count",
    "isbn",
    "lccn",
    "oclc",
    "ia",
    "publisher",
    "publish_place",
    "number_of_pages_median",
    "ebook_access",
    "has_fulltext",
    "language",
)
"""Every field ``parse_search_doc`` reads: search.json returns most of them only when asked."""

EXPANDED_WORKS = 2
"""How many of the best-fitting works are expanded into their editions (one request each)."""

EDITIONS_PER_WORK = 50

# ebook_access, in Open Library's own order (book_providers.EbookAccess): what can be read of it.
_ACCESS = {
    "public": TextAccess.PUBLIC,
    # Lending and print-disabled scans can still be searched inside, not read whole.
    "borrowable": TextAccess.SEARCH_ONLY,
    "printdisabled": TextAccess.SEARCH_ONLY,
    "no_ebook": TextAccess.NONE,
    "unclassified": TextAccess.UNKNOWN,
}

# No \b before the year: "c1979" (copyright) and "[1979]" carry years too.
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")
_PAGES = re.compile(r"(\d+)\s*(?:p\b|pp\b|pages\b|S\.|leaves\b)", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Small normalisers (the same field is a string in one endpoint and a list in another)
# --------------------------------------------------------------------------------------------


def names(value: Any) -> tuple[str, ...]:
    """Names from a list of strings or of ``{"name": …}`` objects (publishers, places, authors)."""
    if isinstance(value, list):
        found: list[str] = []
        for item in value:
            if isinstance(item, Mapping):
                found.extend(strings(item.get("name")))
            else:
                found.extend(strings(item))
        return tuple(found)
    return strings(value)


def text_value(value: Any) -> str:
    """A text field that is either a plain string or ``{"type": "/type/text", "value": …}``."""
    if isinstance(value, Mapping):
        value = value.get("value")
    return value.strip() if isinstance(value, str) else ""


_DESCRIPTION_CHARS = 500


def description_text(value: Any) -> str:
    """A ``description`` as plain text: ``{"type": "/type/text", "value": …}`` or a plain string,
    either of which may hold HTML (a 2025 edition record's is ``<p><i>The Time Machine</i> …``)."""
    raw = text_value(value)
    if "<" not in raw:
        return " ".join(raw.split())
    return " ".join(BeautifulSoup(raw, "html.parser").get_text(" ").split())


def year_of(date: Any) -> int | None:
    """The year in a free-text date: ``"November 2006"`` -> 2006; an int year is kept."""
    if isinstance(date, int) and not isinstance(date, bool):
        return date if 1400 <= date <= 2100 else None
    for text in strings(date):
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def pages_from_pagination(pagination: str) -> int | None:
    """The main page count of a pagination statement: ``"xi, 292 p. ;"`` -> 292."""
    counts = [int(n) for n in _PAGES.findall(pagination)]
    if not counts:
        bare = re.fullmatch(r"\s*(\d+)\s*", pagination)
        return int(bare.group(1)) if bare else None
    return max(counts)


def olid(key: str) -> str:
    """``"/books/OL22951843M"`` -> ``"OL22951843M"``."""
    return key.rstrip("/").rsplit("/", 1)[-1]


def access_of(ebook_access: Any) -> TextAccess:
    """Open Library's ``ebook_access`` as a TextAccess (unknown values -> UNKNOWN)."""
    return _ACCESS.get(str(ebook_access or "").strip().lower(), TextAccess.UNKNOWN)


def _language(value: Any) -> str | None:
    for item in value if isinstance(value, list) else [value]:
        key = item.get("key") if isinstance(item, Mapping) else item
        for text in strings(key):
            return olid(text)
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _table(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _full_title(title: Any, subtitle: Any) -> str:
    main = " ".join(strings(title))
    sub = " ".join(strings(subtitle))
    return f"{main}: {sub}" if main and sub else main or sub


def _facts(provenance: Provenance, pairs: Iterable[tuple[str, Any]]) -> tuple[Fact, ...]:
    return tuple(
        Fact(name, str(value), provenance)
        for name, value in pairs
        if value is not None and value not in ("", ())
    )


# --------------------------------------------------------------------------------------------
# Parsers
# --------------------------------------------------------------------------------------------


def parse_search_doc(doc: Mapping[str, Any], provenance: Provenance, *, base: str = "") -> Edition:
    """One search.json doc (a work, with its editions' identifiers pooled) as an Edition."""
    work_key = olid(str(doc.get("key", "")))
    ocaids = strings(doc.get("ia"))
    page_count = _int(doc.get("number_of_pages_median"))
    ebook_access = doc.get("ebook_access")
    return Edition(
        title=_full_title(doc.get("title"), doc.get("subtitle")),
        authors=strings(doc.get("author_name")),
        year=year_of(doc.get("first_publish_year")) or _earliest(doc.get("publish_year")),
        publisher=next(iter(strings(doc.get("publisher"))), None),
        place=next(iter(strings(doc.get("publish_place"))), None),
        page_count=page_count,
        language=next(iter(strings(doc.get("language"))), None),
        identifiers=Identifiers(
            isbn=strings(doc.get("isbn")),
            oclc=strings(doc.get("oclc")),
            lccn=strings(doc.get("lccn")),
            openlibrary=tuple(k for k in (work_key, *strings(doc.get("edition_key"))) if k),
            internetarchive=ocaids,
        ),
        access=access_of(ebook_access) if ebook_access else _access_from_scans(doc),
        record_url=f"{base}/works/{work_key}" if work_key else "",
        provenance=(provenance,),
        facts=_facts(
            provenance,
            [
                ("number_of_pages_median", page_count),
                ("first_publish_year", doc.get("first_publish_year")),
                ("edition_count", doc.get("edition_count")),
                ("ebook_access", ebook_access),
            ],
        ),
    )


def _earliest(years: Any) -> int | None:
    found = [y for y in (year_of(text) for text in strings(years)) if y is not None]
    return min(found) if found else None


def _access_from_scans(doc: Mapping[str, Any]) -> TextAccess:
    # Older responses (the 2020 sample) have no ebook_access, only has_fulltext.
    if doc.get("has_fulltext") is False:
        return TextAccess.NONE
    return TextAccess.UNKNOWN


def parse_search(data: Any, provenance: Provenance, *, base: str = "") -> list[Edition]:
    """search.json as one Edition per work doc; MalformedResponse when there is no ``docs`` list."""
    if not isinstance(data, Mapping) or not isinstance(data.get("docs"), list):
        raise MalformedResponse(
            "search.json answer has no 'docs' list", service=_SERVICE.value, url=provenance.url
        )
    return [
        parse_search_doc(doc, provenance, base=base)
        for doc in data["docs"]
        if isinstance(doc, Mapping) and doc.get("title")
    ]


def parse_edition(
    record: Mapping[str, Any],
    provenance: Provenance,
    *,
    authors: Sequence[str] = (),
    access: TextAccess = TextAccess.UNKNOWN,
    base: str = "",
) -> Edition:
    """An edition record (``/books/OL…M.json`` or an editions.json entry) as an Edition.

    Edition records name their authors only by key, so the names come from the caller (the
    search doc of the work); ``access`` is the work's, applied only to editions with a scan.
    """
    key = olid(str(record.get("key", "")))
    works = [
        olid(str(w.get("key", ""))) for w in record.get("works") or [] if isinstance(w, Mapping)
    ]
    pagination = text_value(record.get("pagination"))
    pages = _int(record.get("number_of_pages"))
    if pages is None and pagination:
        pages = pages_from_pagination(pagination)
    ocaid = strings(record.get("ocaid"))
    table = _table(record.get("identifiers"))
    by = text_value(record.get("by_statement")).rstrip(".")
    return Edition(
        title=_full_title(record.get("title"), record.get("subtitle")),
        authors=tuple(authors) or ((by,) if by else ()),
        year=year_of(record.get("publish_date")),
        publisher=next(iter(names(record.get("publishers"))), None),
        place=next(iter(names(record.get("publish_places"))), None),
        page_count=pages,
        language=_language(record.get("languages")),
        edition_statement=text_value(record.get("edition_name")) or None,
        identifiers=Identifiers(
            isbn=strings(record.get("isbn_13")) + strings(record.get("isbn_10")),
            oclc=strings(record.get("oclc_numbers")) + strings(table.get("oclc")),
            lccn=strings(record.get("lccn")) + strings(table.get("lccn")),
            openlibrary=tuple(k for k in (key, *works) if k),
            internetarchive=ocaid,
        ),
        access=access if ocaid else TextAccess.NONE,
        record_url=f"{base}/books/{key}" if key else "",
        provenance=(provenance,),
        facts=_facts(
            provenance,
            [
                ("number_of_pages", _int(record.get("number_of_pages"))),
                ("pagination", pagination),
                ("publish_date", text_value(record.get("publish_date"))),
                ("ocaid", ocaid[0] if ocaid else None),
                ("description", description_text(record.get("description"))[:_DESCRIPTION_CHARS]),
            ],
        ),
    )


def parse_editions(
    data: Any,
    provenance: Provenance,
    *,
    authors: Sequence[str] = (),
    access: TextAccess = TextAccess.UNKNOWN,
    base: str = "",
) -> list[Edition]:
    """``/works/OL…W/editions.json`` (``{"entries": [...]}``) as Editions."""
    if not isinstance(data, Mapping) or not isinstance(data.get("entries"), list):
        raise MalformedResponse(
            "editions.json answer has no 'entries' list", service=_SERVICE.value, url=provenance.url
        )
    return [
        parse_edition(entry, provenance, authors=authors, access=access, base=base)
        for entry in data["entries"]
        if isinstance(entry, Mapping) and entry.get("title")
    ]


def parse_work_authors(work: Mapping[str, Any]) -> tuple[str, ...]:
    """Author keys of a work: ``[{"type": …, "author": {"key": …}}]`` (a role wrapper) or ``[{"key"}]``."""
    keys: list[str] = []
    for item in work.get("authors") or []:
        if not isinstance(item, Mapping):
            continue
        inner = item.get("author")
        ref = inner if isinstance(inner, Mapping) else item
        if ref.get("key"):
            keys.append(olid(str(ref["key"])))
    return tuple(keys)


def parse_books_api(data: Any, provenance: Provenance, *, base: str = "") -> dict[str, Edition]:
    """``/api/books?jscmd=data`` as a map from the bibkey as sent to its Edition.

    A bibkey Open Library does not know is absent from the answer (so from the map).
    """
    if not isinstance(data, Mapping):
        raise MalformedResponse(
            "api/books answer is not an object", service=_SERVICE.value, url=provenance.url
        )
    found: dict[str, Edition] = {}
    for bibkey, record in data.items():
        if not isinstance(record, Mapping) or not record.get("title"):
            continue
        table = _table(record.get("identifiers"))
        key = olid(str(record.get("key", "")))
        pagination = text_value(record.get("pagination"))
        pages = _int(record.get("number_of_pages"))
        if pages is None and pagination:
            pages = pages_from_pagination(pagination)
        ocaids = tuple(
            olid(str(e.get("preview_url", "")))
            for e in record.get("ebooks") or []
            if isinstance(e, Mapping) and e.get("preview_url")
        )
        found[str(bibkey)] = Edition(
            title=_full_title(record.get("title"), record.get("subtitle")),
            authors=names(record.get("authors")),
            year=year_of(record.get("publish_date")),
            publisher=next(iter(names(record.get("publishers"))), None),
            place=next(iter(names(record.get("publish_places"))), None),
            page_count=pages,
            identifiers=Identifiers(
                isbn=strings(table.get("isbn_13")) + strings(table.get("isbn_10")),
                oclc=strings(table.get("oclc")),
                lccn=strings(table.get("lccn")),
                openlibrary=strings(table.get("openlibrary")) or ((key,) if key else ()),
                internetarchive=ocaids,
            ),
            access=_books_api_access(record),
            record_url=str(record.get("url") or (f"{base}/books/{key}" if key else "")),
            provenance=(provenance,),
            facts=_facts(
                provenance,
                [
                    ("number_of_pages", _int(record.get("number_of_pages"))),
                    ("pagination", pagination),
                    ("publish_date", text_value(record.get("publish_date"))),
                ],
            ),
        )
    return found


def _books_api_access(record: Mapping[str, Any]) -> TextAccess:
    ebooks = [e for e in record.get("ebooks") or [] if isinstance(e, Mapping)]
    if not ebooks:
        return TextAccess.NONE
    availability = {str(e.get("availability", "")).lower() for e in ebooks}
    if "full" in availability or "public" in availability:
        return TextAccess.PUBLIC
    if availability & {"borrow", "restricted", "borrowable", "printdisabled"}:
        return TextAccess.SEARCH_ONLY
    return TextAccess.UNKNOWN


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


def _fits(wanted: str, found: str) -> bool:
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}

    want = words(wanted)
    return bool(want) and len(want & words(found)) >= max(1, (len(want) + 1) // 2)


class OpenLibraryClient:
    """Open Library's search, works, editions and books API over the shared HTTP client."""

    service = _SERVICE

    def __init__(self, http: HttpClient, *, expanded_works: int = EXPANDED_WORKS) -> None:
        self.http = http
        self.expanded_works = expanded_works

    @property
    def _base(self) -> str:
        return self.http.base_url(_SERVICE)

    def search(
        self, title: str, authors: Sequence[str] = (), *, limit: int = 20
    ) -> tuple[list[Edition], list[Mapping[str, Any]]]:
        """Works whose title (and first author's surname) fit, as Editions and the raw docs."""
        params: dict[str, Any] = {"title": title, "fields": ",".join(SEARCH_FIELDS), "limit": limit}
        first_surname = surname(authors[0]) if authors else ""
        if first_surname:
            params["author"] = first_surname
        data, provenance = self.http.get_json(_SERVICE, f"{self._base}/search.json", params)
        with self.http.accepting(provenance):
            works = parse_search(data, provenance, base=self._base)
        docs = [d for d in data["docs"] if isinstance(d, Mapping) and d.get("title")]
        return works, docs

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Editions of the works that fit: the best works expanded into editions, the rest as works."""
        works, _ = self.search(title, authors, limit=limit)
        found: list[Edition] = []
        expanded = 0
        for work in works:
            work_key = next((k for k in work.identifiers.openlibrary if k.endswith("W")), "")
            if expanded < self.expanded_works and work_key and _fits(title, work.title):
                expanded += 1
                editions = self.work_editions(work_key, authors=work.authors, access=work.access)
                if editions:
                    found.extend(editions)
                    continue
            found.append(work)
        if year is not None:
            # Editions of the cited year first; the resolver ranks the rest.
            found.sort(key=lambda e: 0 if e.year == year else 1)
        return found[:limit]

    def work_editions(
        self,
        work_key: str,
        *,
        authors: Sequence[str] = (),
        access: TextAccess = TextAccess.UNKNOWN,
    ) -> list[Edition]:
        """The editions of a work (``OL…W``); an unknown work gives an empty list."""
        url = f"{self._base}/works/{olid(work_key)}/editions.json"
        try:
            data, provenance = self.http.get_json(_SERVICE, url, {"limit": EDITIONS_PER_WORK})
        except ServiceError as error:
            if error.status == 404:
                return []
            raise
        with self.http.accepting(provenance):
            return parse_editions(data, provenance, authors=authors, access=access, base=self._base)

    def work(self, work_key: str) -> Mapping[str, Any] | None:
        """The raw work record (``/works/OL…W.json``), or None when Open Library has no such work."""
        url = f"{self._base}/works/{olid(work_key)}.json"
        try:
            data, provenance = self.http.get_json(_SERVICE, url)
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        with self.http.accepting(provenance):
            if not isinstance(data, Mapping):
                raise MalformedResponse(
                    "work record is not an object", service=_SERVICE.value, url=url
                )
        return data

    def edition(self, edition_key: str, *, authors: Sequence[str] = ()) -> Edition | None:
        """One edition (``/books/OL…M.json``), or None when Open Library has no such edition."""
        url = f"{self._base}/books/{olid(edition_key)}.json"
        try:
            data, provenance = self.http.get_json(_SERVICE, url)
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        with self.http.accepting(provenance):
            if not isinstance(data, Mapping):
                raise MalformedResponse(
                    "edition record is not an object", service=_SERVICE.value, url=url
                )
            return parse_edition(data, provenance, authors=authors, base=self._base)

    def books(self, bibkeys: Sequence[str]) -> dict[str, Edition]:
        """Editions by bibkey (``"ISBN:…"``, ``"OCLC:…"``, ``"LCCN:…"``, ``"OLID:…"``) via the books API."""
        if not bibkeys:
            return {}
        params = {"bibkeys": ",".join(bibkeys), "jscmd": "data", "format": "json"}
        data, provenance = self.http.get_json(_SERVICE, f"{self._base}/api/books", params)
        with self.http.accepting(provenance):
            return parse_books_api(data, provenance, base=self._base)
