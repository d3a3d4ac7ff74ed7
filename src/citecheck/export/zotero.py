"""Export to a Zotero library through the Zotero Web API v3 (https://api.zotero.org).

Items are written in batches of at most 50 (the API's limit). New items go with a
``Zotero-Write-Token`` so that a request retried after a lost answer never creates a second item;
updates carry the item versions and ``If-Unmodified-Since-Version`` so that an edit made in Zotero
meanwhile is not overwritten (412). A re-run finds the items it wrote before by the ``citecheck``
tag and the ``citecheck-key: <work key>`` line in ``extra``, and its notes by their
``citecheck-note:`` line, and updates them instead of adding duplicates.

The API key travels only in the ``Zotero-API-Key`` header: it is never logged, printed or put in
an error message (any echo of it in a response body is masked).

Pyzotero is not used: it talks through httpx (our tests mock ``requests`` with ``responses``), it
draws a new write token for every call (so a retry is not idempotent) and it handles 429 with a
background timer instead of waiting and retrying.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import requests

from citecheck.errors import ConfigError, ExportError
from citecheck.export.items import (
    CITECHECK_TAG,
    KEY_LINE,
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    QuotationNote,
    note_html,
    parse_extra,
    parse_note_html,
)
from citecheck.export.language import iso639_1

log = logging.getLogger(__name__)

ZOTERO_API = "https://api.zotero.org"
MAX_BATCH = 50
"""Objects per write request; the API answers 413 above this."""
PAGE_SIZE = 100
"""Items per read request; the API's maximum ``limit``."""

# The fields citecheck writes for each item type. Each exists for that type both in the schema the
# API serves today (v41) and in the 2019 schema older desktop clients still carry, so the same data
# is accepted by the Web API and by the connector. What a type lacks goes to ``extra``.
_COMMON_FIELDS = ("title", "date", "url", "language", "extra")


def _fields(*names: str) -> frozenset[str]:
    return frozenset((*_COMMON_FIELDS, *names))


ITEM_FIELDS: Mapping[ItemType, frozenset[str]] = {
    ItemType.BOOK: _fields(
        "place", "publisher", "edition", "numPages", "ISBN", "libraryCatalog", "volume"
    ),
    ItemType.BOOK_SECTION: _fields(
        "bookTitle", "place", "publisher", "edition", "pages", "ISBN", "libraryCatalog", "volume"
    ),
    ItemType.NEWSPAPER_ARTICLE: _fields(
        "publicationTitle", "place", "edition", "pages", "libraryCatalog"
    ),
    ItemType.JOURNAL_ARTICLE: _fields(
        "publicationTitle", "volume", "issue", "pages", "DOI", "libraryCatalog"
    ),
    ItemType.RADIO_BROADCAST: _fields("programTitle", "network", "place", "libraryCatalog"),
    ItemType.LETTER: _fields("libraryCatalog", "letterType"),
    ItemType.INTERVIEW: _fields("libraryCatalog"),
    ItemType.PRESENTATION: _fields("place", "presentationType", "meetingName"),
}

_CONTAINER_FIELD = {
    ItemType.BOOK_SECTION: "bookTitle",
    ItemType.NEWSPAPER_ARTICLE: "publicationTitle",
    ItemType.JOURNAL_ARTICLE: "publicationTitle",
    ItemType.RADIO_BROADCAST: "programTitle",
    ItemType.PRESENTATION: "meetingName",
}
# What kind of speech or letter it is (the .bib's howpublished).
_GENRE_FIELD = {ItemType.LETTER: "letterType", ItemType.PRESENTATION: "presentationType"}
_PUBLISHER_FIELD = {ItemType.RADIO_BROADCAST: "network"}

# The creator type of the person a work is by. radioBroadcast's primary type changed between schema
# versions ("director", now "creator"); "castMember" exists in both and fits a speaker on the air.
PRIMARY_CREATOR = {
    ItemType.INTERVIEW: "interviewee",
    ItemType.PRESENTATION: "presenter",
    ItemType.RADIO_BROADCAST: "castMember",
}
CREATOR_TYPES: Mapping[ItemType, frozenset[str]] = {
    ItemType.BOOK: frozenset({"author", "editor", "translator", "contributor"}),
    ItemType.BOOK_SECTION: frozenset({"author", "editor", "translator", "contributor"}),
    ItemType.NEWSPAPER_ARTICLE: frozenset({"author", "translator", "contributor"}),
    ItemType.JOURNAL_ARTICLE: frozenset({"author", "editor", "translator", "contributor"}),
    ItemType.RADIO_BROADCAST: frozenset({"castMember", "contributor"}),
    ItemType.LETTER: frozenset({"author", "recipient", "contributor"}),
    ItemType.INTERVIEW: frozenset({"interviewee", "interviewer", "translator", "contributor"}),
    ItemType.PRESENTATION: frozenset({"presenter", "contributor"}),
}


# --------------------------------------------------------------------------------------------
# Item JSON (pure)
# --------------------------------------------------------------------------------------------


def creator_type(item_type: ItemType, role: CreatorRole) -> str:
    """The Zotero creator type of a role in an item type ("contributor" where the type lacks it)."""
    wanted = PRIMARY_CREATOR.get(item_type, "author") if role is CreatorRole.AUTHOR else role.value
    return wanted if wanted in CREATOR_TYPES[item_type] else "contributor"


def zotero_creator(item_type: ItemType, creator: Creator) -> dict[str, str]:
    """A creator as Zotero JSON: two fields for a person, one (``name``) for a body."""
    kind = creator_type(item_type, creator.role)
    if creator.single_field:
        return {"creatorType": kind, "name": creator.last}
    return {"creatorType": kind, "firstName": creator.first, "lastName": creator.last}


def zotero_item_data(item: ExportItem, *, collections: Sequence[str] = ()) -> dict[str, Any]:
    """An export item as the editable JSON of a Zotero item (what ``POST /items`` takes)."""
    candidates: dict[str, str] = {
        "title": item.title,
        "date": item.date,
        "place": item.place,
        _PUBLISHER_FIELD.get(item.item_type, "publisher"): item.publisher,
        "edition": item.edition,
        "pages": item.pages,
        "numPages": str(item.page_count) if item.page_count else "",
        "ISBN": " ".join(item.isbn),
        "DOI": item.doi[0] if item.doi else "",
        "url": item.url,
        "language": iso639_1(item.language),
        "libraryCatalog": item.catalog,
        _GENRE_FIELD.get(item.item_type, "genre"): item.genre,
        "originalTitle": item.original_title,
        "volume": item.volume,
        "issue": item.issue,
    }
    if item.container_title:
        candidates[_CONTAINER_FIELD.get(item.item_type, "publicationTitle")] = item.container_title
    allowed = ITEM_FIELDS[item.item_type]
    data: dict[str, Any] = {
        "itemType": item.item_type.value,
        "creators": [zotero_creator(item.item_type, c) for c in item.creators],
    }
    homeless = []
    for name, value in candidates.items():
        if not value:
            continue
        if name in allowed:
            data[name] = value
        else:
            homeless.append(f"{_EXTRA_LABELS.get(name, name)}: {value}")
    data["extra"] = "\n".join([*item.note.splitlines(), *homeless, *item.extra_lines()])
    data["tags"] = [{"tag": CITECHECK_TAG}]
    data["collections"] = list(collections)
    return data


# Labels Zotero and citeproc read back out of ``extra`` for fields an item type does not have.
_EXTRA_LABELS = {
    "place": "publisher-place",
    "publisher": "publisher",
    "pages": "page",
    "numPages": "number-of-pages",
    "publicationTitle": "container-title",
    "bookTitle": "container-title",
    "programTitle": "container-title",
    "meetingName": "event-title",
    "genre": "genre",
    "originalTitle": "original-title",
}


def zotero_note_data(note: QuotationNote, parent_key: str) -> dict[str, Any]:
    """A quotation as a child note of the item with ``parent_key``."""
    return {
        "itemType": "note",
        "parentItem": parent_key,
        "note": note_html(note),
        "tags": [{"tag": CITECHECK_TAG}],
    }


# --------------------------------------------------------------------------------------------
# Responses (pure)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZoteroLibrary:
    """A user or group library: ``user:12345`` or ``group:678``."""

    kind: str
    """"users" or "groups", as in the API's paths."""
    id: str

    @property
    def prefix(self) -> str:
        return f"/{self.kind}/{self.id}"

    def __str__(self) -> str:
        return f"{self.kind[:-1]}:{self.id}"


def parse_library(text: str) -> ZoteroLibrary:
    """``user:12345`` / ``group:678`` (also ``users/12345``) as a library; ConfigError otherwise."""
    kind, _, number = text.strip().replace("/", ":").partition(":")
    kinds = {"user": "users", "users": "users", "group": "groups", "groups": "groups"}
    if kind.lower() not in kinds or not number.isdigit():
        raise ConfigError(
            f"Zotero library {text!r} is not of the form user:12345 or group:678 "
            "(your user ID is shown at https://www.zotero.org/settings/keys)"
        )
    return ZoteroLibrary(kinds[kind.lower()], number)


@dataclass(frozen=True, slots=True)
class ExistingItem:
    """An item or note citecheck wrote earlier, as the library holds it now."""

    key: str
    version: int
    item_type: str
    citecheck_key: str = ""
    """For items: the work key from the ``citecheck-key:`` line of ``extra``."""
    note_key: str = ""
    """For notes: the key from the note's ``citecheck-note:`` line."""
    parent_key: str = ""
    tags: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()


def parse_existing_items(body: Any) -> tuple[ExistingItem, ...]:
    """Items of a ``GET /items?format=json`` answer, with what ties them to a work or quotation."""
    if not isinstance(body, list):
        raise ExportError("Zotero's item list is not a JSON array")
    found = []
    for entry in body:
        data = entry.get("data", entry) if isinstance(entry, dict) else None
        if not isinstance(data, dict) or "key" not in data:
            continue
        note = parse_note_html(data.get("note", "")) if data.get("itemType") == "note" else None
        keys = parse_extra(str(data.get("extra", ""))).get(KEY_LINE, [""])
        found.append(
            ExistingItem(
                key=str(data["key"]),
                version=int(data.get("version", entry.get("version", 0))),
                item_type=str(data.get("itemType", "")),
                citecheck_key=keys[0],
                note_key=note.key if note else "",
                parent_key=str(data.get("parentItem", "")),
                tags=tuple(
                    str(t.get("tag", "")) for t in data.get("tags", []) if isinstance(t, dict)
                ),
                collections=tuple(str(c) for c in data.get("collections", [])),
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class ObjectFailure:
    index: int
    code: int
    message: str


@dataclass(frozen=True, slots=True)
class WriteResponse:
    """The per-object outcome of a multi-object write (``200 OK``): keys by submitted index."""

    successful: Mapping[int, str] = field(default_factory=dict)
    unchanged: Mapping[int, str] = field(default_factory=dict)
    failed: tuple[ObjectFailure, ...] = ()


def parse_write_response(body: Any) -> WriteResponse:
    """The ``successful``/``success``/``unchanged``/``failed`` objects of a write answer."""
    if not isinstance(body, dict):
        raise ExportError("Zotero's answer to a write is not a JSON object")
    successful: dict[int, str] = {}
    # ``successful`` holds the saved objects; older answers (and pyzotero's fixture) only ``success``.
    for index, saved in (body.get("successful") or {}).items():
        successful[int(index)] = (
            str(saved.get("key", "")) if isinstance(saved, dict) else str(saved)
        )
    for index, key in (body.get("success") or {}).items():
        successful.setdefault(int(index), str(key))
    unchanged = {int(i): str(k) for i, k in (body.get("unchanged") or {}).items()}
    failed = tuple(
        ObjectFailure(int(i), int(f.get("code", 0)), str(f.get("message", "")))
        for i, f in sorted((body.get("failed") or {}).items(), key=lambda kv: int(kv[0]))
    )
    return WriteResponse(successful=successful, unchanged=unchanged, failed=failed)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    PLANNED = "planned"
    """Dry run: would be written."""


@dataclass(frozen=True, slots=True)
class WrittenObject:
    """What became of one work or one quotation note."""

    kind: str
    """"item" or "note"."""
    key: str
    """The work key or the note key."""
    label: str
    outcome: Outcome
    zotero_key: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PlannedRequest:
    """A request an export sends (or, in a dry run, would send); never carries the API key."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: Any


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export did (or, in a dry run, would do) to each work and note, and what it sent."""

    objects: tuple[WrittenObject, ...] = ()
    requests: tuple[PlannedRequest, ...] = ()
    library_version: int | None = None

    @property
    def failed(self) -> tuple[WrittenObject, ...]:
        return tuple(o for o in self.objects if o.outcome is Outcome.FAILED)

    def count(self, outcome: Outcome, kind: str = "item") -> int:
        """How many works (``kind="item"``) or notes had this outcome."""
        return sum(1 for o in self.objects if o.outcome is outcome and o.kind == kind)


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pending:
    """One object on its way: what it is, and the JSON that will be sent."""

    kind: str
    key: str
    label: str
    data: dict[str, Any]
    existing: ExistingItem | None = None


class ZoteroWebExporter:
    """Writes export items and their quotation notes to one Zotero library."""

    def __init__(
        self,
        *,
        api_key: str,
        library: ZoteroLibrary,
        base_url: str = ZOTERO_API,
        session: requests.Session | None = None,
        max_retries: int = 4,
        timeout: float = 20.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._api_key = api_key
        self.library = library
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self._max_retries = max_retries
        self._timeout = timeout
        self._sleep = sleep
        self._clock = clock
        self._not_before = 0.0
        self._library_version: int | None = None
        self._sent: list[PlannedRequest] = []

    def __repr__(self) -> str:  # the key stays out of reprs, tracebacks and logs
        return f"ZoteroWebExporter(library={self.library}, base_url={self.base_url!r})"

    @property
    def items_url(self) -> str:
        return f"{self.base_url}{self.library.prefix}/items"

    # -- public ---------------------------------------------------------------------------

    def export(
        self, items: Sequence[ExportItem], *, collection: str | None = None, dry_run: bool = False
    ) -> ExportResult:
        """Create or update every item and its notes; a failed object is reported, the rest kept."""
        if not self._api_key and not dry_run:
            raise ExportError(
                "no Zotero API key: set ZOTERO_API_KEY or zotero_api_key in the config file "
                "(create a key with write access at https://www.zotero.org/settings/keys), "
                "or use `citecheck export connector` with Zotero desktop running"
            )
        existing = self.fetch_existing() if self._api_key else ()
        parents = {
            e.citecheck_key: e for e in existing if e.item_type != "note" and e.citecheck_key
        }
        notes = {
            (e.parent_key, e.note_key): e for e in existing if e.item_type == "note" and e.note_key
        }
        collections = (collection,) if collection else ()
        # A work read from this library is the user's item: its notes go under it, and the item
        # itself is left as the user keeps it.
        library_items = [item for item in items if item.zotero_key]
        own = [item for item in items if not item.zotero_key]

        pending = [
            _Pending(
                "item",
                item.key,
                item.title,
                zotero_item_data(item, collections=collections),
                parents.get(item.key),
            )
            for item in own
        ]
        if dry_run:
            return self._dry_run(own, pending, notes, library_items)

        results: dict[str, WrittenObject] = {
            f"item:{item.key}": WrittenObject(
                "item",
                item.key,
                item.title,
                Outcome.UNCHANGED,
                item.zotero_key,
                "the library's own item, left as it is",
            )
            for item in library_items
        }
        self._write_all(pending, results)
        note_pending = []
        for item in items:
            written = results.get(f"item:{item.key}")
            if written is None or not written.zotero_key:
                for note in item.notes:
                    results[f"note:{note.key}"] = WrittenObject(
                        "note",
                        note.key,
                        note.citation_id,
                        Outcome.FAILED,
                        reason=f"its work {item.key!r} could not be written",
                    )
                continue
            for note in item.notes:
                note_pending.append(
                    _Pending(
                        "note",
                        note.key,
                        note.citation_id,
                        zotero_note_data(note, written.zotero_key),
                        notes.get((written.zotero_key, note.key)),
                    )
                )
        self._write_all(note_pending, results)
        return ExportResult(
            objects=tuple(results.values()),
            requests=tuple(self._sent),
            library_version=self._library_version,
        )

    def fetch_existing(self) -> tuple[ExistingItem, ...]:
        """Every item and note of the library tagged ``citecheck`` (paged, 100 at a time)."""
        found: list[ExistingItem] = []
        start = 0
        while True:
            response = self._request(
                "GET",
                self.items_url,
                params={"tag": CITECHECK_TAG, "format": "json", "limit": PAGE_SIZE, "start": start},
            )
            self._raise_for_status(response, "reading the citecheck items")
            self._note_version(response)
            page = parse_existing_items(self._json(response))
            found.extend(page)
            total = int(response.headers.get("Total-Results", len(found)))
            start += PAGE_SIZE
            if len(page) < PAGE_SIZE or start >= total:
                return tuple(found)

    # -- writing --------------------------------------------------------------------------

    def _write_all(self, pending: Sequence[_Pending], results: dict[str, WrittenObject]) -> None:
        creates = [p for p in pending if p.existing is None]
        updates = [p for p in pending if p.existing is not None]
        for batch in _batches(creates):
            self._create(batch, results)
        for batch in _batches(updates):
            self._update(batch, results)

    def _create(self, batch: Sequence[_Pending], results: dict[str, WrittenObject]) -> None:
        token = secrets.token_hex(16)
        response = self._request(
            "POST",
            self.items_url,
            body=[p.data for p in batch],
            headers={"Zotero-Write-Token": token},
        )
        if response.status_code == 412:
            # The token was used already: an earlier try of this very request was saved but its
            # answer was lost. Look the objects up instead of writing them a second time.
            self._recover_created(batch, results)
            return
        self._raise_for_status(response, "creating items")
        self._note_version(response)
        self._record(batch, parse_write_response(self._json(response)), Outcome.CREATED, results)

    def _update(self, batch: Sequence[_Pending], results: dict[str, WrittenObject]) -> None:
        for attempt in range(2):
            objects = [_with_version(p) for p in batch]
            headers = (
                {"If-Unmodified-Since-Version": str(self._library_version)}
                if self._library_version is not None
                else {}
            )
            response = self._request("POST", self.items_url, body=objects, headers=headers)
            if response.status_code != 412:
                break
            log.info("Zotero library changed since it was read (412); reading it again")
            if attempt == 0:
                self._refresh_versions(batch)
        else:
            for p in batch:
                results[f"{p.kind}:{p.key}"] = WrittenObject(
                    p.kind,
                    p.key,
                    p.label,
                    Outcome.FAILED,
                    zotero_key=p.existing.key if p.existing else "",
                    reason="changed in Zotero while citecheck was writing (412 Precondition Failed); run the export again",
                )
            return
        self._raise_for_status(response, "updating items")
        self._note_version(response)
        self._record(batch, parse_write_response(self._json(response)), Outcome.UPDATED, results)

    def _record(
        self,
        batch: Sequence[_Pending],
        answer: WriteResponse,
        outcome: Outcome,
        results: dict[str, WrittenObject],
    ) -> None:
        failures = {f.index: f for f in answer.failed}
        for index, p in enumerate(batch):
            known = p.existing.key if p.existing else ""
            if index in answer.successful:
                results[f"{p.kind}:{p.key}"] = WrittenObject(
                    p.kind, p.key, p.label, outcome, answer.successful[index]
                )
            elif index in answer.unchanged:
                results[f"{p.kind}:{p.key}"] = WrittenObject(
                    p.kind, p.key, p.label, Outcome.UNCHANGED, answer.unchanged[index]
                )
            else:
                failure = failures.get(index)
                reason = (
                    f"{failure.code} {self._mask(failure.message)}"
                    if failure
                    else "Zotero's answer does not mention it"
                )
                results[f"{p.kind}:{p.key}"] = WrittenObject(
                    p.kind, p.key, p.label, Outcome.FAILED, known, reason
                )

    def _recover_created(
        self, batch: Sequence[_Pending], results: dict[str, WrittenObject]
    ) -> None:
        existing = self.fetch_existing()
        for p in batch:
            match = next(
                (
                    e
                    for e in existing
                    if (p.kind == "item" and e.citecheck_key == p.key and e.item_type != "note")
                    or (p.kind == "note" and e.note_key == p.key)
                ),
                None,
            )
            results[f"{p.kind}:{p.key}"] = (
                WrittenObject(p.kind, p.key, p.label, Outcome.CREATED, match.key)
                if match
                else WrittenObject(
                    p.kind,
                    p.key,
                    p.label,
                    Outcome.FAILED,
                    reason="Zotero says this write was sent before (412) but the item is not in the library",
                )
            )

    def _refresh_versions(self, batch: Sequence[_Pending]) -> None:
        current = {e.key: e for e in self.fetch_existing()}
        for p in batch:
            if p.existing is not None and p.existing.key in current:
                p.existing = current[p.existing.key]

    # -- dry run --------------------------------------------------------------------------

    def _dry_run(
        self,
        items: Sequence[ExportItem],
        pending: Sequence[_Pending],
        notes: Mapping[tuple[str, str], ExistingItem],
        library_items: Sequence[ExportItem] = (),
    ) -> ExportResult:
        planned: list[PlannedRequest] = []
        objects: list[WrittenObject] = []
        note_pending = [
            _Pending(
                "note",
                note.key,
                note.citation_id,
                zotero_note_data(note, item.zotero_key),
                notes.get((item.zotero_key, note.key)),
            )
            for item in library_items
            for note in item.notes
        ]
        for item, parent in zip(items, pending, strict=True):
            parent_key = parent.existing.key if parent.existing else f"<new key of {item.key}>"
            for note in item.notes:
                note_pending.append(
                    _Pending(
                        "note",
                        note.key,
                        note.citation_id,
                        zotero_note_data(note, parent_key),
                        notes.get((parent_key, note.key)),
                    )
                )
        for group in (pending, note_pending):
            creates = [p for p in group if p.existing is None]
            updates = [p for p in group if p.existing is not None]
            for batch in _batches(creates):
                planned.append(
                    PlannedRequest(
                        "POST",
                        self.items_url,
                        {**self._public_headers(), "Zotero-Write-Token": "<32 random hex digits>"},
                        [p.data for p in batch],
                    )
                )
            for batch in _batches(updates):
                headers = self._public_headers()
                if self._library_version is not None:
                    headers["If-Unmodified-Since-Version"] = str(self._library_version)
                planned.append(
                    PlannedRequest(
                        "POST", self.items_url, headers, [_with_version(p) for p in batch]
                    )
                )
            objects += [
                WrittenObject(
                    p.kind,
                    p.key,
                    p.label,
                    Outcome.PLANNED,
                    p.existing.key if p.existing else "",
                    "update" if p.existing else "create",
                )
                for p in group
            ]
        return ExportResult(tuple(objects), tuple(planned), self._library_version)

    # -- transport ------------------------------------------------------------------------

    def _public_headers(self) -> dict[str, str]:
        return {"Zotero-API-Version": "3", "Content-Type": "application/json"}

    def _request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One request with the key, waiting out ``Backoff``/``Retry-After`` and retrying failures."""
        public = {**self._public_headers(), **(headers or {})}
        if method != "GET":
            self._sent.append(PlannedRequest(method, url, public, body))
        data = json.dumps(body) if body is not None else None
        attempt = 0
        while True:
            wait = self._not_before - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                response = self._session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    headers={**public, "Zotero-API-Key": self._api_key},
                    timeout=self._timeout,
                )
            except requests.TooManyRedirects:
                raise ExportError(
                    f"the Zotero API at {self.base_url} redirects in a loop; check the Zotero URL "
                    "setting (CITECHECK_ZOTERO_URL)"
                ) from None
            except (
                requests.ConnectionError,
                requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
            ) as error:
                # A body cut short is retried like a dropped connection: writes carry the same
                # Zotero-Write-Token on every attempt, so Zotero applies a retried write once.
                if attempt >= self._max_retries:
                    raise ExportError(
                        f"could not reach the Zotero API at {self.base_url}: {_failure(error)}"
                    ) from None
                attempt += 1
                self._sleep(_exponential(attempt))
                continue
            except requests.RequestException as error:
                raise ExportError(
                    f"the request to the Zotero API at {self.base_url} failed: {_failure(error)}"
                ) from None
            log.debug("%s %s -> %s", method, url, response.status_code)
            backoff = _seconds(response.headers.get("Backoff"))
            if backoff:
                self._not_before = self._clock() + backoff
            retryable = response.status_code == 429 or response.status_code >= 500
            if not retryable or attempt >= self._max_retries:
                return response
            attempt += 1
            delay = (
                _seconds(response.headers.get("Retry-After")) or backoff or _exponential(attempt)
            )
            log.info(
                "Zotero answered %s; waiting %.0f s before retrying", response.status_code, delay
            )
            self._sleep(delay)

    def _raise_for_status(self, response: requests.Response, what: str) -> None:
        status = response.status_code
        if status < 400:
            return
        body = self._mask(response.text.strip())[:300]
        library = str(self.library)
        messages = {
            400: f"Zotero rejected the request {what} as invalid: {body}",
            401: f"Zotero refused the API key for {library} (401 {body}); check ZOTERO_API_KEY",
            403: (
                f"Zotero refused the API key for {library} (403 {body}): check that the key exists "
                "and may write to this library at https://www.zotero.org/settings/keys"
            ),
            404: f"Zotero has no library {library} (404), or the key cannot see it",
            409: f"the Zotero library {library} is locked (409); try again in a moment",
            413: f"Zotero refused the request {what} as too large (413)",
            429: f"Zotero kept answering 429 (rate limited) {what}; wait a few minutes and run again",
        }
        message = messages.get(status) or f"Zotero answered {status} {what}: {body}"
        raise ExportError(message)

    def _json(self, response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise ExportError(f"Zotero's answer from {response.url} is not JSON") from None

    def _note_version(self, response: requests.Response) -> None:
        version = response.headers.get("Last-Modified-Version")
        if version and version.isdigit():
            self._library_version = int(version)

    def _mask(self, text: str) -> str:
        return text.replace(self._api_key, "********") if self._api_key else text


def _with_version(p: _Pending) -> dict[str, Any]:
    """The object as an update: its key and version, and the tags and collections it has now kept."""
    data = dict(p.data)
    if p.existing is None:
        return data
    data["key"] = p.existing.key
    data["version"] = p.existing.version
    tags = dict.fromkeys([*p.existing.tags, *(t["tag"] for t in data.get("tags", []))])
    data["tags"] = [{"tag": t} for t in tags if t]
    if "collections" in data:
        data["collections"] = list(dict.fromkeys([*p.existing.collections, *data["collections"]]))
    return data


def _batches(objects: Sequence[_Pending]) -> Iterator[Sequence[_Pending]]:
    for start in range(0, len(objects), MAX_BATCH):
        yield objects[start : start + MAX_BATCH]


def _failure(error: requests.RequestException) -> str:
    """The kind of failure in words a user can act on, without the key-bearing URL."""
    kinds = {
        requests.exceptions.ChunkedEncodingError: "the answer was cut short",
        requests.exceptions.ContentDecodingError: "the answer could not be decoded",
        requests.Timeout: "no answer in time",
        requests.ConnectionError: "the connection failed",
    }
    for kind, words in kinds.items():
        if isinstance(error, kind):
            return f"{words} ({type(error).__name__})"
    return type(error).__name__


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


def _exponential(attempt: int) -> float:
    return float(min(60, 2**attempt))
