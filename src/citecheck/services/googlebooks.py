"""Google Books API: volume search by title and author, and single volumes by id.

``GET {base}/volumes?q=intitle:…+inauthor:…`` answers ``{"kind", "totalItems", "items": [...]}``
(../shared/api-samples/googlebooks/volumes_q-harry-potter_2020.json); ``GET {base}/volumes/{id}``
answers one such item. With nothing found, ``items`` is absent and ``totalItems`` is 0. Per item,
``pageCount``, ``industryIdentifiers``, ``authors`` and ``subtitle`` can each be missing
(item ``DAAAAAAACAAJ`` of the sample has no ``pageCount``), and ``publishedDate`` is ``"2009"``,
``"2007-10"`` or ``"2009-06-22"``.

Text access: a volume Google shows whole (``ALL_PAGES``, or ``publicDomain``) is PUBLIC; a preview
(``PARTIAL``) counts only as SNIPPETS, because citecheck reaches its text through search snippets
that carry no page number; ``NO_PAGES`` is NONE.

The optional API key (``Settings.google_books_api_key``) is sent as ``key=`` and removed from every
URL this module hands on (provenance, error messages), so it never reaches a report or a log.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from citecheck.errors import MalformedResponse, ServiceError, SourceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Fact, Identifiers, Provenance, Service, TextAccess

__all__ = [
    "GoogleBooksClient",
    "access_from_access_info",
    "check_volumes_shape",
    "parse_volume",
    "parse_volumes",
    "search_query",
    "without_api_key",
]

_SERVICE = Service.GOOGLE_BOOKS
_MAX_RESULTS = 40
"""The API's ceiling for ``maxResults``."""
_YEAR = re.compile(r"^(\d{4})")


def without_api_key(url: str) -> str:
    """The URL with any ``key=`` parameter removed."""
    parts = urlsplit(url)
    if "key=" not in parts.query:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "key"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def access_from_access_info(access_info: object) -> TextAccess:
    """TextAccess of an ``accessInfo`` object (see the module docstring for the mapping)."""
    if not isinstance(access_info, Mapping):
        return TextAccess.UNKNOWN
    viewability = str(access_info.get("viewability", "")).upper()
    if access_info.get("publicDomain") is True or viewability == "ALL_PAGES":
        return TextAccess.PUBLIC
    if viewability == "PARTIAL":
        return TextAccess.SNIPPETS
    if viewability == "NO_PAGES":
        return TextAccess.NONE
    return TextAccess.UNKNOWN


def _identifiers(volume_id: str, industry: object) -> Identifiers:
    isbn13: list[str] = []
    isbn10: list[str] = []
    oclc: list[str] = []
    lccn: list[str] = []
    for entry in industry if isinstance(industry, list) else []:
        if not isinstance(entry, Mapping):
            continue
        kind = str(entry.get("type", ""))
        value = str(entry.get("identifier", "")).strip()
        if not value:
            continue
        if kind == "ISBN_13":
            isbn13.append(value.replace("-", ""))
        elif kind == "ISBN_10":
            isbn10.append(value.replace("-", "").upper())
        elif kind == "OTHER":
            # e.g. "OCLC:1234567", "LCCN:41051617", "UOM:39015…" (a library's barcode).
            prefix, _, rest = value.partition(":")
            if prefix.upper() == "OCLC" and rest:
                oclc.append(rest)
            elif prefix.upper() == "LCCN" and rest:
                lccn.append(rest)
    return Identifiers(
        isbn=tuple(dict.fromkeys([*isbn13, *isbn10])),
        oclc=tuple(oclc),
        lccn=tuple(lccn),
        googlebooks=(volume_id,) if volume_id else (),
    )


def parse_volume(item: Any, provenance: Provenance) -> Edition | None:
    """One volume (a search's ``items[]`` entry, or a ``/volumes/{id}`` answer); None without a title."""
    if not isinstance(item, Mapping):
        return None
    info = item.get("volumeInfo")
    if not isinstance(info, Mapping):
        return None
    title = str(info.get("title") or "").strip()
    if not title:
        return None
    subtitle = str(info.get("subtitle") or "").strip()
    volume_id = str(item.get("id") or "")
    authors = info.get("authors")
    published = str(info.get("publishedDate") or "")
    year_match = _YEAR.match(published)
    page_count = info.get("pageCount")
    page_count = page_count if isinstance(page_count, int) and page_count > 0 else None
    facts = []
    if published:
        facts.append(Fact("published_date", published, provenance))
    if page_count:
        facts.append(Fact("page_count", str(page_count), provenance))
    search_info = item.get("searchInfo")
    if isinstance(search_info, Mapping) and isinstance(search_info.get("textSnippet"), str):
        facts.append(Fact("text_snippet", search_info["textSnippet"], provenance))
    record_url = str(info.get("canonicalVolumeLink") or info.get("infoLink") or "")
    if not record_url and volume_id:
        record_url = f"https://books.google.com/books?id={volume_id}"
    return Edition(
        title=f"{title}: {subtitle}" if subtitle else title,
        authors=tuple(a.strip() for a in authors if isinstance(a, str) and a.strip())
        if isinstance(authors, list)
        else (),
        year=int(year_match.group(1)) if year_match else None,
        publisher=str(info.get("publisher") or "").strip() or None,
        page_count=page_count,
        language=str(info.get("language") or "").strip() or None,
        identifiers=_identifiers(volume_id, info.get("industryIdentifiers")),
        access=access_from_access_info(item.get("accessInfo")),
        record_url=record_url,
        provenance=(provenance,),
        facts=tuple(facts),
    )


def check_volumes_shape(data: Mapping[str, Any], url: str = "") -> None:
    """A ``/volumes`` answer has an ``items`` list or, with nothing found, a ``totalItems`` count.

    The real zero-hit answer is ``{"kind": "books#volumes", "totalItems": 0}`` (no ``items``), so
    "no items" alone means nothing found; without ``totalItems`` as well the format has changed,
    and reading it as "nothing found" would hide that.
    """
    total = data.get("totalItems")
    items = data.get("items")
    if items is not None and not isinstance(items, list):
        raise MalformedResponse("Google Books: 'items' is not a list", service=_SERVICE, url=url)
    if items is None and (not isinstance(total, int) or isinstance(total, bool)):
        raise MalformedResponse(
            "Google Books: the answer has no 'totalItems' count; the format may have changed",
            service=_SERVICE,
            url=url,
        )
    kind = data.get("kind")
    if kind is not None and kind != "books#volumes":
        raise MalformedResponse(
            f"Google Books: expected kind 'books#volumes', got {kind!r}", service=_SERVICE, url=url
        )


def parse_volumes(data: Any, provenance: Provenance) -> list[Edition]:
    """The editions of a ``/volumes`` search; ``[]`` when ``items`` is absent (nothing found)."""
    if not isinstance(data, Mapping):
        raise MalformedResponse(
            "Google Books did not answer with a JSON object", service=_SERVICE, url=provenance.url
        )
    check_volumes_shape(data, provenance.url)
    items = data.get("items", [])
    return [e for e in (parse_volume(item, provenance) for item in items) if e is not None]


def _phrase(text: str) -> str:
    words = re.sub(r"[\"“”]", " ", text).split()
    joined = " ".join(words)
    return f'"{joined}"' if len(words) > 1 else joined


def search_query(title: str, authors: Sequence[str]) -> str:
    """``intitle:"stalin man of history" inauthor:grey``: the title as a phrase, authors by surname."""
    parts = [f"intitle:{_phrase(title)}"] if title.strip() else []
    for author in authors:
        name = author.strip()
        if name:
            surname = name.split(",")[0] if "," in name else name.split()[-1]
            parts.append(f"inauthor:{_phrase(surname)}")
    return " ".join(parts)


class GoogleBooksClient:
    """Searches Google Books by title and author; reads single volumes by id."""

    service = _SERVICE

    def __init__(self, http: HttpClient, *, api_key: str | None = None) -> None:
        self.http = http
        self._api_key = api_key if api_key is not None else http.settings.google_books_api_key

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Volumes whose title holds the title as a phrase and whose authors include the surnames."""
        params: dict[str, str | int] = {
            "q": search_query(title, authors),
            "printType": "books",
            "maxResults": max(1, min(limit, _MAX_RESULTS)),
        }
        data, provenance = self._get_json(f"{self.http.base_url(_SERVICE)}/volumes", params)
        with self.http.accepting(provenance):
            return parse_volumes(data, provenance)[:limit]

    def volume(self, volume_id: str) -> Edition | None:
        """One volume by its Google Books id, or None when Google has no such volume."""
        url = f"{self.http.base_url(_SERVICE)}/volumes/{volume_id}"
        try:
            data, provenance = self._get_json(url, {})
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        if not isinstance(data, Mapping):
            raise MalformedResponse(
                "Google Books did not answer with a JSON object",
                service=_SERVICE,
                url=provenance.url,
            )
        return parse_volume(data, provenance)

    def _get_json(self, url: str, params: dict[str, str | int]) -> tuple[Any, Provenance]:
        if self._api_key:
            params = {**params, "key": self._api_key}
        try:
            data, provenance = self.http.get_json(_SERVICE, url, params)
        except SourceError as error:
            error.url = without_api_key(error.url)
            if self._api_key:
                error.args = tuple(
                    a.replace(self._api_key, "…") if isinstance(a, str) else a for a in error.args
                )
            raise
        return data, replace(provenance, url=without_api_key(provenance.url))
