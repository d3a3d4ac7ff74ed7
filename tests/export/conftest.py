"""Reports, bibliography entries and a fake Zotero Web API library for the export tests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests
import responses

from citecheck.model import (
    Attribution,
    BibLink,
    BibMatchKind,
    ChangeKind,
    Citation,
    Document,
    Edition,
    Identifiers,
    Locator,
    LocatorKind,
    PageVerdict,
    Provenance,
    Quotation,
    QuotationKind,
    RankedEdition,
    Report,
    Resolution,
    Service,
    Span,
    Verification,
    WordChange,
    WordingVerdict,
)

API = "https://api.zotero.test"
LIBRARY = "user:475425"
API_KEY = "k3yThatMustNeverLeak0123456789ab"


@dataclass(frozen=True)
class Entry:
    """A bibliography entry with the fields of citecheck.model.BibEntry the export reads."""

    key: str
    entry_type: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    publisher: str | None = None
    place: str | None = None
    url: str | None = None
    identifiers: Identifiers = field(default_factory=Identifiers)
    fields: tuple[tuple[str, str], ...] = ()
    raw_fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Bibliography:
    entries: tuple[Entry, ...]

    def get(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)


CARR = Edition(
    title="The Bolshevik Revolution, 1917-1923",
    authors=("Carr, Edward Hallett",),
    year=1951,
    publisher="Macmillan",
    place="London",
    page_count=430,
    language="eng",
    identifiers=Identifiers(
        isbn=("9780393301953",),
        oclc=("2518207",),
        lccn=("51001876",),
        internetarchive=("bolshevikrevolut0001carr",),
    ),
    record_url="https://openlibrary.org/books/OL6092475M",
    provenance=(Provenance(Service.OPEN_LIBRARY, "https://openlibrary.org/books/OL6092475M.json"),),
)
CARR_1966 = Edition(
    title="The Bolshevik Revolution, 1917-1923", authors=("Carr, Edward Hallett",), year=1966
)

PRAVDA = Entry(
    key="pravda-1937",
    entry_type="article",
    title="On the Shortcomings of Party Work",
    authors=("Stalin, Joseph",),
    year=1937,
    fields=(
        ("journaltitle", "Pravda"),
        ("entrysubtype", "newspaper"),
        ("date", "1937-03-29"),
        ("pages", "2--3"),
        ("translator", "Hill, Christopher and {Foreign Languages Publishing House}"),
    ),
)
RADIO = Entry(
    key="stalin-radio-1941",
    entry_type="misc",
    title="Radio Broadcast of 3 July 1941",
    authors=("Stalin, Joseph",),
    fields=(("date", "1941-07-03"),),
)


def citation(
    cid: str,
    text: str,
    *,
    page: str | None = None,
    bib: str | None = None,
    occasion: str | None = None,
    line: int = 1,
) -> Citation:
    locator = Locator(f"p. {page}", Span(0, 1), LocatorKind.PAGE, first=page) if page else None
    return Citation(
        id=cid,
        quotation=Quotation(text, Span(0, len(text)), QuotationKind.INLINE),
        locator=locator,
        attribution=Attribution(occasion=occasion),
        confidence=0.9,
        bib=BibLink(bib, BibMatchKind.AUTHOR_AND_TITLE, "test") if bib else None,
        line=line,
    )


def make_report() -> Report:
    """A talk quoting Carr twice, a Pravda article, a radio broadcast, and one unattributed quotation."""
    citations = (
        citation(
            "q1", "the revolution devoured its own children", page="253", bib="carr-1951", line=3
        ),
        citation("q2", "a party of a new type", page="254", bib="carr-1951", line=7),
        citation("q3", "the cadres decide everything", bib="pravda-1937", line=9),
        citation(
            "q4",
            "not a step back",
            occasion="radio address of July 3rd",
            bib="stalin-radio-1941",
            line=12,
        ),
        citation("q5", "words of nobody in particular", line=15),
        Citation(
            "t1", Quotation("Memoirs", Span(0, 7), QuotationKind.TITLE), None, Attribution(), 0.5
        ),
    )
    verifications = (
        Verification(
            "q1",
            WordingVerdict.ALTERED,
            PageVerdict.ADJACENT,
            cited_page="253",
            found_pages=("254",),
            work_key="carr-1951",
            edition=CARR,
            scan_url="https://archive.org/details/bolshevikrevolut0001carr/page/254",
            changes=(WordChange(ChangeKind.REPLACED, "devoured", "ate", meaning_bearing=True),),
        ),
        Verification(
            "q2",
            WordingVerdict.EXACT,
            PageVerdict.AS_CITED,
            cited_page="254",
            found_pages=("254",),
            work_key="carr-1951",
            edition=CARR,
        ),
    )
    resolutions = (
        Resolution(
            "carr-1951",
            "The Bolshevik Revolution",
            ("Carr, E. H.",),
            (RankedEdition(CARR_1966, 0.9), RankedEdition(CARR, 0.8)),
        ),
    )
    return Report(
        document=Document("talk.txt", "…"),
        citations=citations,
        resolutions=resolutions,
        verifications=verifications,
    )


@pytest.fixture
def report() -> Report:
    return make_report()


@pytest.fixture
def bibliography() -> Bibliography:
    return Bibliography((PRAVDA, RADIO))


# --------------------------------------------------------------------------------------------
# A fake Zotero Web API library (answers shaped like tests/fixtures/zotero, see README there)
# --------------------------------------------------------------------------------------------

_KEY_CHARS = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"


class FakeZotero:
    """One library behind ``responses``: keeps items, versions and used write tokens like the API."""

    def __init__(self, rsps: responses.RequestsMock, prefix: str = "/users/475425") -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.version = 100
        self.tokens: set[str] = set()
        self.posts: list[requests.PreparedRequest] = []
        self.queued: list[tuple[int, dict[str, str], str]] = []
        """Answers to give before serving POSTs normally: (status, headers, body)."""
        self.refuse: dict[str, str] = {}
        """Titles the server refuses per object, with the message."""
        self.before_post: Callable[[], None] | None = None
        self.lose_answer_once = False
        self._counter = 0
        url = re.compile(re.escape(API + prefix) + r"/items(\?.*)?$")
        rsps.add_callback(responses.GET, url, callback=self._get)
        rsps.add_callback(responses.POST, url, callback=self._post)

    # -- views for assertions
    def parents(self) -> list[dict[str, Any]]:
        return [d for d in self.items.values() if d["itemType"] != "note"]

    def notes(self) -> list[dict[str, Any]]:
        return [d for d in self.items.values() if d["itemType"] == "note"]

    def add(self, data: dict[str, Any]) -> str:
        key = self._new_key()
        self.version += 1
        self.items[key] = {**data, "key": key, "version": self.version}
        return key

    # -- callbacks
    def _authorised(self, request: requests.PreparedRequest) -> bool:
        return request.headers.get("Zotero-API-Key") == API_KEY

    def _get(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if not self._authorised(request):
            return 403, {}, "Invalid key"
        query = parse_qs(urlparse(request.url).query)
        start, limit = int(query.get("start", ["0"])[0]), int(query.get("limit", ["25"])[0])
        tag = query.get("tag", [None])[0]
        matching = [
            d
            for d in self.items.values()
            if tag is None or any(t["tag"] == tag for t in d.get("tags", []))
        ]
        page = matching[start : start + limit]
        body = [
            {
                "key": d["key"],
                "version": d["version"],
                "library": {"type": "user", "id": 475425, "name": "test"},
                "meta": {},
                "data": d,
            }
            for d in page
        ]
        headers = {"Last-Modified-Version": str(self.version), "Total-Results": str(len(matching))}
        return 200, headers, json.dumps(body)

    def _post(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        self.posts.append(request)
        if self.queued:
            return self.queued.pop(0)
        if not self._authorised(request):
            return 403, {}, "Forbidden"
        if self.before_post is not None:
            hook, self.before_post = self.before_post, None
            hook()
        token = request.headers.get("Zotero-Write-Token")
        if token and token in self.tokens:
            return 412, {}, "Write token already used"
        expected = request.headers.get("If-Unmodified-Since-Version")
        if expected is not None and int(expected) != self.version:
            return (
                412,
                {},
                f"Library has been modified since specified version (expected {expected}, found {self.version})",
            )
        objects = json.loads(request.body)
        assert len(objects) <= 50, "the API answers 413 above 50 objects"
        answer: dict[str, dict[str, Any]] = {
            "successful": {},
            "success": {},
            "unchanged": {},
            "failed": {},
        }
        changed = False
        new_version = self.version + 1
        for index, obj in enumerate(objects):
            i = str(index)
            if obj.get("title") in self.refuse:
                answer["failed"][i] = {
                    "key": obj.get("key", ""),
                    "code": 400,
                    "message": self.refuse[obj["title"]],
                }
                continue
            if "key" in obj:
                current = self.items[obj["key"]]
                if obj.get("version", current["version"]) != current["version"]:
                    answer["failed"][i] = {
                        "key": obj["key"],
                        "code": 412,
                        "message": f"Item has been modified since specified version (expected {obj['version']}, found {current['version']})",
                    }
                    continue
                merged = {**current, **{k: v for k, v in obj.items() if k != "version"}}
                if merged == current:
                    answer["unchanged"][i] = obj["key"]
                    continue
                merged["version"] = new_version
                self.items[obj["key"]] = merged
                key = obj["key"]
            else:
                key = self._new_key()
                self.items[key] = {**obj, "key": key, "version": new_version}
            changed = True
            answer["success"][i] = key
            answer["successful"][i] = {"key": key, "version": new_version, "data": self.items[key]}
        if changed:
            self.version = new_version
        if token:
            self.tokens.add(token)
        if self.lose_answer_once:
            self.lose_answer_once = False
            raise requests.ConnectionError("connection reset by peer")
        return 200, {"Last-Modified-Version": str(self.version)}, json.dumps(answer)

    def _new_key(self) -> str:
        self._counter += 1
        n, key = self._counter, ""
        for _ in range(8):
            n, r = divmod(n, len(_KEY_CHARS))
            key = _KEY_CHARS[r] + key
        return key


@pytest.fixture
def zotero() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield FakeZotero(rsps)


@pytest.fixture
def make_citation() -> Callable[..., Citation]:
    return citation


@pytest.fixture
def make_entry() -> type[Entry]:
    return Entry


@pytest.fixture
def carr_edition() -> Edition:
    return CARR


@pytest.fixture
def export_items(report: Report, bibliography: Bibliography) -> Any:
    from citecheck.export.items import items_from_report

    return items_from_report(report, bibliography).items
