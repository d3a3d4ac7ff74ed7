"""Crossref REST API: works (articles, books, chapters) by bibliographic query, and single DOIs.

``GET {base}/works?query.bibliographic=…&query.author=…&rows=N`` answers
``{"status": "ok", "message-type": "work-list", "message": {"items": [...], "total-results"}}``;
``GET {base}/works/{doi}`` answers ``{"message-type": "work", "message": {...}}``
(../shared/api-samples/crossref). Traps the parsers handle:

- ``title``, ``container-title`` and ``ISBN`` are lists, never plain strings, and may be absent;
- ``issued.date-parts`` can be ``[[null]]`` (no known date);
- an author is ``{given, family}`` or, for a body, ``{name}``;
- ``page`` is the range a chapter or article occupies (``"305-349"``), not a page count;
- an unknown DOI answers 404 with the plain-text body ``Resource not found.``, not JSON;
- a refused request answers 400 with ``{"status": "failed", "message-type": "validation-failure",
  "message": [{"type", "value", "message"}]}``: ``message`` is a list there, an object otherwise.
  The search then asks once more without its optional parameters (``select``, ``query.author``)
  and records that it did.

``select`` may name only the fields Crossref lets a client select; ``language`` is not one of them
(the list is in tests/services/test_contracts_requests.py with its sources).

The contact address (``Settings.contact``) goes in ``mailto=``, which puts citecheck in Crossref's
"polite" pool (10 requests/s instead of 5, per the recorded headers).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from citecheck.errors import MalformedResponse, ServiceError
from citecheck.http import HttpClient
from citecheck.model import (
    AttemptOutcome,
    Edition,
    Fact,
    Identifiers,
    Provenance,
    Service,
    TextAccess,
)
from citecheck.services.fields import strings

__all__ = [
    "CrossrefClient",
    "author_name",
    "issued_year",
    "parse_work",
    "parse_works",
    "validation_failures",
]

_SERVICE = Service.CROSSREF
_MAX_ROWS = 100
_SELECT = (
    "DOI,URL,type,title,subtitle,author,editor,issued,published-print,published-online,"
    "container-title,publisher,publisher-location,page,ISBN"
)
_OPTIONAL_PARAMETERS = ("select", "query.author")


def author_name(author: object) -> str | None:
    """``{"given": "Albert E.", "family": "Kahn"}`` -> ``"Kahn, Albert E."``; a body's ``name`` as is."""
    if not isinstance(author, Mapping):
        return None
    family = str(author.get("family") or "").strip()
    given = str(author.get("given") or "").strip()
    if family:
        return f"{family}, {given}" if given else family
    name = str(author.get("name") or "").strip()
    return name or None


def _year_of(date: object) -> int | None:
    if not isinstance(date, Mapping):
        return None
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        year = parts[0][0]
        if isinstance(year, int):
            return year
    return None


def issued_year(work: Mapping[str, Any]) -> int | None:
    """The year of ``issued`` (or of print, then online publication); None for ``[[null]]``."""
    for key in ("issued", "published-print", "published-online"):
        year = _year_of(work.get(key))
        if year is not None:
            return year
    return None


def parse_work(work: Any, provenance: Provenance) -> Edition | None:
    """One work (an ``items[]`` entry or a ``/works/{doi}`` message); None when it has no title."""
    if not isinstance(work, Mapping):
        return None
    titles = strings(work.get("title"))
    if not titles:
        return None
    subtitles = strings(work.get("subtitle"))
    title = f"{titles[0]}: {subtitles[0]}" if subtitles else titles[0]
    raw_authors = work.get("author")
    authors = [author_name(a) for a in raw_authors] if isinstance(raw_authors, list) else []
    doi = str(work.get("DOI") or "").strip()
    facts = [Fact("type", str(work.get("type") or ""), provenance)] if work.get("type") else []
    containers = strings(work.get("container-title"))
    if containers:
        facts.append(Fact("container_title", containers[0], provenance))
    page = str(work.get("page") or "").strip()
    if page:
        facts.append(Fact("pages", page, provenance))
    url = str(work.get("URL") or "") or (f"https://doi.org/{doi}" if doi else "")
    return Edition(
        title=title,
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        year=issued_year(work),
        publisher=str(work.get("publisher") or "").strip() or None,
        place=str(work.get("publisher-location") or "").strip() or None,
        # Not selectable, so present only in a /works/{doi} answer.
        language=str(work.get("language") or "").strip() or None,
        identifiers=Identifiers(
            isbn=tuple(dict.fromkeys(i.replace("-", "") for i in strings(work.get("ISBN")))),
            doi=(doi,) if doi else (),
        ),
        access=TextAccess.UNKNOWN,
        record_url=url,
        provenance=(provenance,),
        facts=tuple(facts),
    )


def validation_failures(data: Any) -> list[str]:
    """The complaints of a ``validation-failure`` answer (``message`` is a list there); [] otherwise."""
    if not isinstance(data, Mapping) or data.get("message-type") != "validation-failure":
        return []
    message = data.get("message")
    entries = message if isinstance(message, list) else [message]
    found = []
    for entry in entries:
        if isinstance(entry, Mapping):
            kind = str(entry.get("type") or "").strip()
            text = str(entry.get("message") or "").strip()
            found.append(f"{kind}: {text}" if kind and text else kind or text or "unexplained")
        elif isinstance(entry, str) and entry.strip():
            found.append(entry.strip())
    return found or ["unexplained validation failure"]


def _message(data: Any, provenance: Provenance) -> Mapping[str, Any]:
    failures = validation_failures(data)
    if failures:
        raise MalformedResponse(
            f"Crossref refused the request: {'; '.join(failures)}",
            service=_SERVICE,
            url=provenance.url,
        )
    if not isinstance(data, Mapping) or not isinstance(data.get("message"), Mapping):
        raise MalformedResponse(
            "Crossref answer has no 'message' object", service=_SERVICE, url=provenance.url
        )
    if data.get("status", "ok") != "ok":
        raise MalformedResponse(
            f"Crossref answered with status {data.get('status')!r}",
            service=_SERVICE,
            url=provenance.url,
        )
    message: Mapping[str, Any] = data["message"]
    return message


def parse_works(data: Any, provenance: Provenance) -> list[Edition]:
    """The editions of a ``/works`` answer (a ``work-list``); works without a title are skipped."""
    items = _message(data, provenance).get("items", [])
    if not isinstance(items, list):
        raise MalformedResponse(
            "Crossref: 'message.items' is not a list", service=_SERVICE, url=provenance.url
        )
    return [e for e in (parse_work(item, provenance) for item in items) if e is not None]


def _refusal(error: ServiceError) -> list[str]:
    """The validation failures of a 400 answer, or [] for any other error."""
    if error.status != 400 or not error.body:
        return []
    try:
        data = json.loads(error.body)
    except ValueError:
        return []
    return validation_failures(data)


class CrossrefClient:
    """Finds works in Crossref by title and authors; reads single works by DOI."""

    service = _SERVICE

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def _params(self) -> dict[str, str | int]:
        contact = self.http.settings.contact.strip()
        return {"mailto": contact} if contact else {}

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Works that fit the title (and year) bibliographically and the authors by name."""
        params = self._params()
        params["query.bibliographic"] = f"{title} {year}" if year else title
        names = " ".join(a.strip() for a in authors if a.strip())
        if names:
            params["query.author"] = names
        params["rows"] = max(1, min(limit, _MAX_ROWS))
        params["select"] = _SELECT
        url = f"{self.http.base_url(_SERVICE)}/works"
        try:
            data, provenance = self.http.get_json(_SERVICE, url, params)
        except ServiceError as error:
            failures = _refusal(error)
            if not failures:
                raise
            dropped = [name for name in _OPTIONAL_PARAMETERS if name in params]
            self.http.note(
                _SERVICE,
                error.url or url,
                AttemptOutcome.FAILED,
                f"Crossref refused the request ({'; '.join(failures)}); asking once more "
                f"without {', '.join(dropped) or 'optional parameters'}",
            )
            for name in dropped:
                params.pop(name)
            data, provenance = self.http.get_json(_SERVICE, url, params)
        with self.http.accepting(provenance):
            return parse_works(data, provenance)[:limit]

    def work(self, doi: str) -> Edition | None:
        """The work of one DOI, or None when Crossref does not know it (a 404 in plain text)."""
        doi = doi.strip().removeprefix("https://doi.org/").removeprefix("doi:")
        url = f"{self.http.base_url(_SERVICE)}/works/{quote(doi, safe='/')}"
        try:
            data, provenance = self.http.get_json(_SERVICE, url, self._params())
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        with self.http.accepting(provenance):
            return parse_work(_message(data, provenance), provenance)
