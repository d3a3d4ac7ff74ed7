"""A Zotero library as the bibliography and the shelf: its items become entries, its PDFs sources.

``read_zotero_library`` reads every item of a user or group library (or one collection) and
returns a ``ZoteroShelf``: a ``Bibliography`` whose entries link a document's quotations as .bib
entries do, and the attached PDF and EPUB files as the user's own sources, each tied to its item.

Two ways in, both answering in the Web API's JSON (``{key, version, library, links, meta, data}``):

- Zotero desktop's local API, ``http://127.0.0.1:23119/api/users/{id}/…`` (``user:0`` is the
  user logged in there): read-only, no key, used when the desktop answers there and serves that
  library (it answers 400 for another user's). A file attachment's path comes from
  ``/items/{key}/file/view/url`` (a ``file://`` URL into the local storage folder). Source:
  zotero/zotero, chrome/content/zotero/xpcom/server/server_localAPI.js (commit 01055be9ac3c).
- The Web API, ``https://api.zotero.org/users/{id}/…`` (or ``/groups/{id}/…``), with the key in
  ``Zotero-API-Key`` (none for a public library). Files are downloaded from
  ``/items/{key}/file`` (a redirect to the file) into the cache, once per ``md5``. Source:
  https://www.zotero.org/support/dev/web_api/v3/basics and …/v3/file_upload (attachment fields
  ``linkMode``, ``contentType``, ``filename``, ``md5``).

An entry's key is the item's ``citationKey`` (Zotero 7), else a ``Citation Key:`` line of
``extra``, else the item key. The entry carries the item key (``zotero-key``) and item type
(``zotero-item-type``), so that exports put notes under the same item and name the kind of work
as Zotero does. What cannot be read (an item without a title, a file that will not download) is a
``Problem``, and the rest is kept.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests

from citecheck.bib import Bibliography
from citecheck.check import SourceSpec
from citecheck.errors import ConfigError, ServiceError, SourceError, SourceUnavailable
from citecheck.export.items import ZOTERO_ITEM_TYPE, ZOTERO_KEY, parse_extra
from citecheck.export.zotero import ZOTERO_API, ZoteroLibrary, parse_library
from citecheck.model import BibEntry, Identifiers, Problem, Severity

__all__ = [
    "LOCAL_API",
    "Attachment",
    "ZoteroShelf",
    "ZoteroSource",
    "entry_from_item",
    "parse_attachment",
    "parse_zotero_source",
    "read_zotero_library",
]

LOCAL_API = "http://127.0.0.1:23119/api"
"""Zotero desktop's local copy of the Web API (Zotero 7; Settings → Advanced → "Allow other
applications on this computer to communicate with Zotero")."""
PAGE_SIZE = 100
"""Items per read request: the Web API's maximum ``limit``."""
READABLE_TYPES = {"application/pdf": ".pdf", "application/epub+zip": ".epub"}
"""Attachment content types citecheck reads as the user's own copy of a work."""
_SERVICE = "zotero"

# The .bib entry type a Zotero item stands for: books are looked up in catalogs; articles,
# speeches, letters and broadcasts are read from their URL when they have one.
_ENTRY_TYPES = {
    "book": "book",
    "bookSection": "incollection",
    "journalArticle": "article",
    "newspaperArticle": "article",
    "magazineArticle": "article",
    "webpage": "online",
}
# Each item type's creator type for the person the work is by (Zotero schema: primary creator).
_PRIMARY = {"presentation": "presenter", "interview": "interviewee", "radioBroadcast": "castMember"}
_ROLE_FIELDS = {
    "editor": "editor",
    "seriesEditor": "editor",
    "translator": "translator",
    "recipient": "recipient",
    "interviewer": "interviewer",
}
# Zotero field -> .bib field (decoded text, as citecheck.bib gives them).
_FIELDS = {
    "date": "date",
    "publisher": "publisher",
    "network": "publisher",
    "place": "address",
    "url": "url",
    "ISBN": "isbn",
    "DOI": "doi",
    "language": "language",
    "numPages": "pagetotal",
    "pages": "pages",
    "edition": "edition",
    "volume": "volume",
    "issue": "number",
    "publicationTitle": "journaltitle",
    "bookTitle": "booktitle",
    "programTitle": "organization",
    "meetingName": "eventtitle",
    "presentationType": "howpublished",
    "letterType": "howpublished",
    "interviewMedium": "howpublished",
    "series": "series",
    "shortTitle": "shorttitle",
}


# --------------------------------------------------------------------------------------------
# Where the library is
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZoteroSource:
    """A library to read, and optionally one collection of it."""

    library: ZoteroLibrary
    collection: str = ""

    def __str__(self) -> str:
        return f"{self.library}/{self.collection}" if self.collection else str(self.library)


def parse_zotero_source(text: str) -> ZoteroSource:
    """``user:12345``, ``group:678`` or either with ``/COLLECTIONKEY``; ConfigError otherwise."""
    library_text, _, collection = text.strip().partition("/")
    if collection and not re.fullmatch(r"[A-Z0-9]{8}", collection):
        raise ConfigError(
            f"Zotero collection {collection!r} is not a collection key (8 letters and digits, "
            "as in the address of the collection on zotero.org)"
        )
    return ZoteroSource(parse_library(library_text), collection)


# --------------------------------------------------------------------------------------------
# Items as entries (pure)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to an item, as the library describes it."""

    key: str
    parent_key: str
    content_type: str
    filename: str = ""
    link_mode: str = ""
    """"imported_file", "imported_url", "linked_file" or "linked_url"."""
    path: str = ""
    """For a linked file: where it is on the user's computer."""
    md5: str = ""

    @property
    def readable(self) -> bool:
        """A PDF or EPUB held as a file (not a link to a web page)."""
        return self.content_type in READABLE_TYPES and self.link_mode != "linked_url"


def parse_attachment(data: Mapping[str, Any]) -> Attachment | None:
    """The attachment an item's ``data`` describes, or None when it is not an attachment."""
    if data.get("itemType") != "attachment":
        return None
    return Attachment(
        key=str(data.get("key", "")),
        parent_key=str(data.get("parentItem") or ""),
        content_type=str(data.get("contentType") or ""),
        filename=str(data.get("filename") or ""),
        link_mode=str(data.get("linkMode") or ""),
        path=str(data.get("path") or ""),
        md5=str(data.get("md5") or ""),
    )


def entry_from_item(data: Mapping[str, Any], *, line: int | None = None) -> BibEntry:
    """A Zotero item's ``data`` as a bibliography entry (fields as citecheck.bib reads them)."""
    item_type = str(data.get("itemType", ""))
    extra = parse_extra(str(data.get("extra") or ""))
    key = (
        str(data.get("citationKey") or "").strip()
        or (extra.get("Citation Key") or [""])[0]
        or str(data.get("key", ""))
    )
    primary = _PRIMARY.get(item_type, "author")
    names: dict[str, list[str]] = {}
    for creator in data.get("creators") or []:
        if not isinstance(creator, Mapping):
            continue
        kind = str(creator.get("creatorType", ""))
        field = "author" if kind in (primary, "author") else _ROLE_FIELDS.get(kind)
        if field is not None:
            names.setdefault(field, []).append(_name(creator))
    title = " ".join(str(data.get("title") or "").split())
    fields: list[tuple[str, str]] = [("title", title)] if title else []
    raw: list[tuple[str, str]] = []
    for field, people in names.items():
        written = " and ".join(people)
        fields.append((field, _strip_braces(written)))
        raw.append((field, "{" + written + "}"))
    for zotero_field, bib_field in _FIELDS.items():
        value = " ".join(str(data.get(zotero_field) or "").split())
        if value and bib_field not in dict(fields):
            fields.append((bib_field, value))
    for label, field in (("OCLC", "oclc"), ("LCCN", "lccn")):
        if extra.get(label):
            fields.append((field, ", ".join(extra[label])))
    fields += [(ZOTERO_KEY, str(data.get("key", ""))), (ZOTERO_ITEM_TYPE, item_type)]
    values = dict(fields)
    year = re.search(r"\b(\d{4})\b", values.get("date", ""))
    short = values.get("shorttitle", "")
    return BibEntry(
        key=key,
        entry_type=_ENTRY_TYPES.get(item_type, "misc"),
        title=title,
        # A short title the user gave (Lockhart's "British Agent") names the work in documents.
        alternative_titles=(short,) if short and short.casefold() != title.casefold() else (),
        authors=tuple(_strip_braces(n) for n in names.get("author", [])),
        year=int(year.group(1)) if year else None,
        publisher=values.get("publisher"),
        place=values.get("address"),
        url=values.get("url"),
        identifiers=Identifiers(
            isbn=tuple(re.split(r"[\s,;]+", values["isbn"])) if "isbn" in values else (),
            doi=(values["doi"],) if "doi" in values else (),
            oclc=tuple(extra.get("OCLC", [])),
            lccn=tuple(extra.get("LCCN", [])),
        ),
        fields=tuple(fields),
        line=line,
        raw_fields=tuple(raw),
    )


def _name(creator: Mapping[str, Any]) -> str:
    if creator.get("name"):
        return "{" + str(creator["name"]).strip() + "}"
    last = str(creator.get("lastName") or "").strip()
    first = str(creator.get("firstName") or "").strip()
    return f"{last}, {first}" if first else "{" + last + "}"


def _strip_braces(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def _entries(
    objects: Sequence[Mapping[str, Any]], name: str
) -> tuple[list[BibEntry], list[Attachment], list[Problem]]:
    entries: list[BibEntry] = []
    attachments: list[Attachment] = []
    problems: list[Problem] = []
    keys: set[str] = set()
    for obj in objects:
        data = obj.get("data", obj) if isinstance(obj, Mapping) else None
        if not isinstance(data, Mapping) or "key" not in data:
            continue
        attachment = parse_attachment(data)
        if attachment is not None:
            attachments.append(attachment)
            continue
        if data.get("itemType") in ("note", "annotation"):
            continue
        entry = entry_from_item(data)
        if not entry.title:
            problems.append(Problem(f"item {data['key']} has no title", source=name))
        if entry.key in keys:
            problems.append(
                Problem(
                    f"two items have the citation key {entry.key!r}; item {data['key']} is "
                    "known by its item key instead",
                    source=name,
                )
            )
            entry = entry_from_item({**data, "citationKey": "", "extra": ""})
        keys.add(entry.key)
        entries.append(entry)
    return entries, attachments, problems


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZoteroShelf:
    """What a Zotero library gives a check: its works, and the files attached to them."""

    bibliography: Bibliography
    sources: tuple[SourceSpec, ...] = ()
    local: bool = False
    """Read through Zotero desktop's local API."""


def read_zotero_library(
    source: ZoteroSource,
    *,
    api_key: str = "",
    base_url: str = ZOTERO_API,
    local_url: str = LOCAL_API,
    files_dir: Path,
    session: requests.Session | None = None,
    timeout: float = 20.0,
    max_retries: int = 4,
    max_download_bytes: int = 50_000_000,
    sleep: Callable[[float], None] = time.sleep,
) -> ZoteroShelf:
    """Read the works and their PDF/EPUB files: from Zotero desktop when it runs, else the Web API."""
    http = session or requests.Session()
    reader = _Reader(
        http,
        timeout=timeout,
        max_retries=max_retries,
        sleep=sleep,
        secret=api_key,
        max_bytes=max_download_bytes,
    )
    read_problems: list[Problem] = []
    local = reader.local_api_answers(local_url)
    objects: list[Mapping[str, Any]] = []
    if local:
        # Asked by its own ID, the desktop refuses (400) a user library that is not the one
        # logged in there, rather than serving another: then the Web API is asked.
        prefix = f"{local_url.rstrip('/')}{source.library.prefix}"
        headers: dict[str, str] = {}
        try:
            objects = reader.all_items(_scope(prefix, source), headers, "Zotero desktop")
        except ServiceError as error:
            if error.status not in (400, 403, 404):
                raise
            local = False
            read_problems.append(
                Problem(
                    f"Zotero desktop does not serve {source} ({error}); read through the Web API",
                    source=f"Zotero library {source}",
                    severity=Severity.WARNING,
                )
            )
    if not local:
        prefix = f"{base_url.rstrip('/')}{source.library.prefix}"
        headers = {"Zotero-API-Key": api_key} if api_key else {}
    name = f"Zotero library {source}" + (" (Zotero desktop)" if local else "")
    scope = _scope(prefix, source) if source.collection else None
    if not local:
        objects = reader.all_items(_scope(prefix, source), headers, name)
    entries, attachments, problems = _entries(objects, name)
    problems = read_problems + problems
    if scope is not None:
        # A collection lists its items; their attachments are children, asked for per item.
        seen = {a.parent_key for a in attachments}
        for entry in entries:
            item_key = dict(entry.fields)[ZOTERO_KEY]
            if item_key not in seen:
                children = reader.all_items(f"{prefix}/items/{item_key}/children", headers, name)
                attachments += [a for c in children if (a := parse_attachment(c.get("data", c)))]
    by_item = {dict(e.fields)[ZOTERO_KEY]: e.key for e in entries}
    sources: list[SourceSpec] = []
    for attachment in attachments:
        entry_key = by_item.get(attachment.parent_key)
        if entry_key is None or not attachment.readable:
            continue
        try:
            path = (
                reader.local_file(prefix, attachment)
                if local
                else reader.download(
                    prefix, attachment, headers, files_dir / str(source.library).replace(":", "-")
                )
            )
        except SourceError as error:
            problems.append(
                Problem(
                    f"the file attached to {entry_key!r} ({attachment.filename or attachment.key}) "
                    f"could not be read: {error}; the work is checked without it",
                    source=name,
                    severity=Severity.WARNING,
                )
            )
            continue
        sources.append(SourceSpec(path, entry_key))
    if not entries:
        problems.append(Problem("no items found", source=name, severity=Severity.WARNING))
    return ZoteroShelf(
        Bibliography(tuple(entries), tuple(problems), path=name), tuple(sources), local
    )


def _scope(prefix: str, source: ZoteroSource) -> str:
    """The list of a library's items, or of one collection's."""
    if source.collection:
        return f"{prefix}/collections/{source.collection}/items"
    return f"{prefix}/items"


class _Reader:
    """GET requests to the Web API or the local API, waiting out ``Backoff`` and 429/5xx."""

    def __init__(
        self,
        session: requests.Session,
        *,
        timeout: float,
        max_retries: int,
        sleep: Callable[[float], None],
        secret: str = "",
        max_bytes: int = 50_000_000,
    ) -> None:
        self._secret = secret
        self._max_bytes = max_bytes
        self._session = session
        self._timeout = timeout
        self._max_retries = max_retries
        self._sleep = sleep

    def local_api_answers(self, local_url: str) -> bool:
        """Whether Zotero desktop's local API answers (``GET /api/`` says its API version)."""
        try:
            response = self._session.get(
                local_url.rstrip("/") + "/", headers=_VERSION, timeout=min(self._timeout, 2.0)
            )
        except requests.RequestException:
            return False
        return response.status_code == 200 and "Zotero-API-Version" in response.headers

    def all_items(self, url: str, headers: Mapping[str, str], name: str) -> list[Mapping[str, Any]]:
        """Every object of a list endpoint, ``PAGE_SIZE`` at a time."""
        found: list[Mapping[str, Any]] = []
        start = 0
        while True:
            response = self._get(
                url, headers, params={"format": "json", "limit": PAGE_SIZE, "start": start}
            )
            self.raise_for_status(response, name)
            try:
                page = response.json()
            except ValueError:
                raise SourceError(f"{name}: the answer from {url} is not JSON") from None
            if not isinstance(page, list):
                raise SourceError(f"{name}: the answer from {url} is not a list of items")
            found += [obj for obj in page if isinstance(obj, Mapping)]
            total = int(response.headers.get("Total-Results", len(found)))
            start += PAGE_SIZE
            if len(page) < PAGE_SIZE or start >= total:
                return found

    def local_file(self, prefix: str, attachment: Attachment) -> Path:
        """Where Zotero desktop keeps the attachment's file (``/file/view/url`` → ``file://``)."""
        if attachment.link_mode == "linked_file" and attachment.path:
            path = Path(attachment.path)
        else:
            response = self._get(f"{prefix}/items/{attachment.key}/file/view/url", {})
            self.raise_for_status(response, "Zotero desktop")
            url = urlsplit(response.text.strip())
            if url.scheme != "file":
                raise SourceError(f"Zotero desktop gave {response.text.strip()!r}, not a file")
            path = Path(unquote(url.path))
        if not path.is_file():
            raise SourceError(f"{path} is not there (not synced to this computer?)")
        return path

    def download(
        self, prefix: str, attachment: Attachment, headers: Mapping[str, str], folder: Path
    ) -> Path:
        """The attachment's file, downloaded into ``folder`` unless the same bytes are there."""
        if attachment.link_mode == "linked_file":
            # The Web API holds no copy of a linked file; it may be on this computer.
            path = Path(attachment.path)
            if attachment.path and path.is_file():
                return path
            raise SourceError("a linked file the Web API holds no copy of")
        suffix = READABLE_TYPES[attachment.content_type]
        name = Path(attachment.filename).name or f"{attachment.key}{suffix}"
        target = folder / attachment.key / name
        if attachment.md5 and target.is_file() and _md5(target) == attachment.md5:
            return target
        response = self._get(f"{prefix}/items/{attachment.key}/file", headers)
        self.raise_for_status(response, "the Zotero file storage")
        if len(response.content) > self._max_bytes:
            raise SourceError(
                f"{len(response.content)} bytes, more than max_download_bytes ({self._max_bytes})"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(response.content)
        partial.replace(target)
        return target

    def _get(
        self,
        url: str,
        headers: Mapping[str, str],
        params: Mapping[str, Any] | None = None,
    ) -> requests.Response:
        attempt = 0
        while True:
            try:
                response = self._session.get(
                    url, params=params, headers={**_VERSION, **headers}, timeout=self._timeout
                )
            except (requests.ConnectionError, requests.Timeout) as error:
                if attempt >= self._max_retries:
                    raise SourceUnavailable(
                        f"could not reach {urlsplit(url).netloc}: {type(error).__name__}",
                        service=_SERVICE,
                        url=url,
                    ) from None
                attempt += 1
                self._sleep(float(min(60, 2**attempt)))
                continue
            backoff = _seconds(response.headers.get("Backoff"))
            retryable = response.status_code == 429 or response.status_code >= 500
            if not retryable or attempt >= self._max_retries:
                if backoff:
                    self._sleep(backoff)
                return response
            attempt += 1
            self._sleep(
                _seconds(response.headers.get("Retry-After"))
                or backoff
                or float(min(60, 2**attempt))
            )

    def raise_for_status(self, response: requests.Response, name: str) -> None:
        """A ServiceError a person can act on; the key never appears in it."""
        status = response.status_code
        if status < 400:
            return
        body = response.text.strip()[:200]
        if self._secret:
            body = body.replace(self._secret, "********")
        message = f"{name}: {status} ({_HINTS.get(status, body or 'error')})"
        raise ServiceError(message, url=response.url, status=status)


_VERSION = {"Zotero-API-Version": "3"}
_HINTS = {
    400: "the request was refused as invalid",
    401: "the API key was refused; check ZOTERO_API_KEY",
    403: (
        "access refused: a private library needs an API key that may read it "
        "(ZOTERO_API_KEY; https://www.zotero.org/settings/keys), and Zotero desktop's "
        "local API must be switched on in its settings"
    ),
    404: "no such library or collection, or the key cannot see it",
    429: "rate limited; wait a few minutes and run again",
}


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
