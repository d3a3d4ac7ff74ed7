"""HathiTrust Bibliographic API: which digitized volumes exist for an OCLC, ISBN or LCCN, and their rights.

``GET {base}/api/volumes/brief/json/oclc:N|isbn:N|lccn:N`` answers with an object keyed by each
requested ``idtype:id``; each value has ``records`` and ``items`` (see
../shared/api-samples/hathitrust). Traps the parsers handle:

- ``records`` is an object keyed by record number when something was found, but an **empty
  list** ``[]`` when nothing was (bib-api_brief_json_two-oclcs_one-empty_REFORMATTED.json);
- ``enumcron`` is ``false`` or a string such as ``"v.2 1870"``;
- ``isbns`` can repeat the same ISBN.

The API cannot search by title, so ``HathiTrustClient`` is not a title ``Catalog``: it offers
``editions_for_identifiers`` (the ``IdentifierCatalog`` protocol of ``citecheck.resolve``), which
resolve calls with the identifiers the title catalogs found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from citecheck.errors import MalformedResponse
from citecheck.http import HttpClient
from citecheck.model import Edition, Fact, Identifiers, Provenance, Service, TextAccess

__all__ = [
    "MAX_IDS_PER_REQUEST",
    "HathiTrustClient",
    "HathiTrustRecord",
    "HathiTrustVolume",
    "access_from_rights",
    "edition_from_record",
    "parse_brief",
    "split_responsibility",
]

_SERVICE = Service.HATHITRUST

MAX_IDS_PER_REQUEST = 20
"""HathiTrust's documented limit of identifiers in one multi-id request."""

_FULL_VIEW_CODES = frozenset({"pd", "pdus", "cc-zero", "und-world", "ic-world"})
_SEARCH_ONLY_CODES = frozenset({"ic", "und", "op", "orph", "orphcand", "icus", "pd-pvt"})
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class HathiTrustVolume:
    """One scanned volume (an ``items[]`` entry): its id, its rights, and the record it belongs to."""

    htid: str
    access: TextAccess
    rights_code: str
    us_rights: str
    enumcron: str | None
    """Volume, copy and years of a multi-volume work (``"v.2 1870"``); None for a single volume."""
    orig: str
    """The library that contributed the scan."""
    item_url: str
    record_number: str
    record_url: str
    last_update: str = ""


@dataclass(frozen=True, slots=True)
class HathiTrustRecord:
    """One catalog record with the volumes scanned from it."""

    record_number: str
    record_url: str
    titles: tuple[str, ...]
    isbns: tuple[str, ...]
    issns: tuple[str, ...]
    oclcs: tuple[str, ...]
    lccns: tuple[str, ...]
    publish_dates: tuple[str, ...]
    volumes: tuple[HathiTrustVolume, ...]
    requested: tuple[str, ...] = ()
    """The ``idtype:id`` keys of the answer under which this record was found."""


def access_from_rights(us_rights: str, rights_code: str) -> TextAccess:
    """``"Full view"`` -> PUBLIC, ``"Limited (search-only)"`` -> SEARCH_ONLY; else by rights code."""
    label = us_rights.strip().lower()
    if label.startswith("full view"):
        return TextAccess.PUBLIC
    if label.startswith("limited"):
        return TextAccess.SEARCH_ONLY
    code = rights_code.strip().lower()
    if code in _FULL_VIEW_CODES or code.startswith("cc-"):
        return TextAccess.PUBLIC
    if code in _SEARCH_ONLY_CODES:
        return TextAccess.SEARCH_ONLY
    if code in ("nobody", "supp"):
        return TextAccess.NONE
    return TextAccess.UNKNOWN


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        dict.fromkeys(str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip())
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _volume(item: Mapping[str, Any], record_urls: Mapping[str, str]) -> HathiTrustVolume | None:
    htid = _text(item.get("htid"))
    if not htid:
        return None
    us_rights = _text(item.get("usRightsString"))
    rights_code = _text(item.get("rightsCode"))
    enumcron = item.get("enumcron")
    record_number = _text(item.get("fromRecord"))
    return HathiTrustVolume(
        htid=htid,
        access=access_from_rights(us_rights, rights_code),
        rights_code=rights_code,
        us_rights=us_rights,
        enumcron=enumcron.strip() or None if isinstance(enumcron, str) else None,
        orig=_text(item.get("orig")),
        item_url=_text(item.get("itemURL")) or f"https://hdl.handle.net/2027/{htid}",
        record_number=record_number,
        record_url=record_urls.get(record_number, ""),
        last_update=_text(item.get("lastUpdate")),
    )


def _records_of(value: object) -> list[tuple[str, Mapping[str, Any]]]:
    """``records`` as (record number, record): an object when found, ``[]`` when not."""
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items() if isinstance(v, Mapping)]
    if isinstance(value, list):
        return [
            (_record_number_from_url(_text(v.get("recordURL"))), v)
            for v in value
            if isinstance(v, Mapping)
        ]
    return []


def _record_number_from_url(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


def parse_brief(data: Any, provenance: Provenance | None = None) -> list[HathiTrustRecord]:
    """The records (with their volumes) of a brief or full answer, one per record number, in order."""
    url = provenance.url if provenance else ""
    if not isinstance(data, Mapping):
        raise MalformedResponse(
            "the Bibliographic API did not answer with a JSON object", service=_SERVICE, url=url
        )
    merged: dict[str, HathiTrustRecord] = {}
    for requested, answer in data.items():
        if not isinstance(answer, Mapping):
            raise MalformedResponse(
                f"the answer for {requested!r} is not an object", service=_SERVICE, url=url
            )
        if not isinstance(answer.get("records"), Mapping | list) or not isinstance(
            answer.get("items"), list
        ):
            # Read as "no records" this would hide a changed format behind "not in HathiTrust".
            raise MalformedResponse(
                f"the answer for {requested!r} has no 'records' object and 'items' list; "
                "the Bibliographic API's format may have changed",
                service=_SERVICE,
                url=url,
            )
        records = _records_of(answer.get("records"))
        record_urls = {number: _text(r.get("recordURL")) for number, r in records}
        items = answer.get("items")
        volumes = [
            v
            for v in (_volume(i, record_urls) for i in (items if isinstance(items, list) else []))
            if v is not None
        ]
        for number, record in records:
            previous = merged.get(number)
            own = tuple(v for v in volumes if v.record_number == number)
            if previous is not None:
                known = {v.htid for v in previous.volumes}
                merged[number] = replace(
                    previous,
                    volumes=previous.volumes + tuple(v for v in own if v.htid not in known),
                    requested=(*previous.requested, str(requested)),
                )
                continue
            merged[number] = HathiTrustRecord(
                record_number=number,
                record_url=record_urls.get(number)
                or f"https://catalog.hathitrust.org/Record/{number}",
                titles=_strings(record.get("titles")),
                isbns=_strings(record.get("isbns")),
                issns=_strings(record.get("issns")),
                oclcs=_strings(record.get("oclcs")),
                lccns=_strings(record.get("lccns")),
                publish_dates=_strings(record.get("publishDates")),
                volumes=own,
                requested=(str(requested),),
            )
    return list(merged.values())


def _best_access(volumes: Iterable[HathiTrustVolume]) -> TextAccess:
    order = (TextAccess.PUBLIC, TextAccess.SEARCH_ONLY, TextAccess.NONE, TextAccess.UNKNOWN)
    found = {v.access for v in volumes}
    return next((a for a in order if a in found), TextAccess.UNKNOWN)


def edition_from_record(record: HathiTrustRecord, provenance: Provenance) -> Edition:
    """An Edition for a record: volume ids best access first, the best access of any volume."""
    rank = {TextAccess.PUBLIC: 0, TextAccess.SEARCH_ONLY: 1}
    volumes = sorted(record.volumes, key=lambda v: rank.get(v.access, 2))
    years = [int(m.group(1)) for d in record.publish_dates if (m := _YEAR.search(d))]
    facts = [
        Fact("hathitrust_rights", f"{v.htid}: {v.us_rights or v.rights_code}", provenance)
        for v in volumes
    ]
    title, authors = split_responsibility(record.titles[0] if record.titles else "")
    return Edition(
        title=title,
        authors=authors,
        year=years[0] if years else None,
        identifiers=Identifiers(
            isbn=record.isbns,
            oclc=record.oclcs,
            lccn=tuple(lccn.replace(" ", "") for lccn in record.lccns),
            hathitrust=tuple(v.htid for v in volumes),
        ),
        access=_best_access(volumes),
        record_url=record.record_url,
        provenance=(provenance,),
        facts=tuple(facts),
    )


def split_responsibility(catalog_title: str) -> tuple[str, tuple[str, ...]]:
    """``"Stalin, man of history / Ian Grey."`` -> ``("Stalin, man of history", ("Ian Grey",))``.

    The brief record has no author field; its titles carry the statement of responsibility after
    " /" or ", by", and end in ISBD punctuation ("… origin of species /").
    """
    title, slash, statement = catalog_title.partition(" /")
    if not slash:
        title, by, statement = catalog_title.partition(", by ")
        statement = statement if by else ""
    title = title.strip().rstrip(" /:;,.").strip()
    statement = re.sub(r"^\s*\[?by\]?\s+", "", statement.strip(), flags=re.IGNORECASE)
    statement = statement.replace("...", "").strip().rstrip(" .;,[]")
    names = [n.strip(" .[]") for n in re.split(r",\s*|\s+and\s+|\s*;\s*|\s*&\s*", statement)]
    authors = tuple(n for n in names if n and len(n.split()) > 1)
    return title, authors


def _clean_id(raw: str) -> str:
    return re.sub(r"[^0-9A-Za-z.:/$-]", "", raw.strip())


class HathiTrustClient:
    """Looks up HathiTrust volumes and their rights by OCLC number, ISBN or LCCN (no title search)."""

    service = _SERVICE

    def __init__(self, http: HttpClient, *, full: bool = False) -> None:
        self.http = http
        self.full = full
        """Ask for the ``full`` form (adds MARC-XML per record, which citecheck does not read)."""

    def lookup(self, ids: Sequence[str]) -> list[tuple[HathiTrustRecord, Provenance]]:
        """Records for ``idtype:id`` keys with the request that found each, asked 20 keys at a time."""
        keys = list(dict.fromkeys(k for k in (_clean_id(i) for i in ids) if ":" in k))
        form = "full" if self.full else "brief"
        found: dict[str, tuple[HathiTrustRecord, Provenance]] = {}
        for start in range(0, len(keys), MAX_IDS_PER_REQUEST):
            chunk = keys[start : start + MAX_IDS_PER_REQUEST]
            url = f"{self.http.base_url(_SERVICE)}/api/volumes/{form}/json/{'|'.join(chunk)}"
            data, provenance = self.http.get_json(_SERVICE, url)
            with self.http.accepting(provenance):
                records = parse_brief(data, provenance)
            for record in records:
                found.setdefault(record.record_number, (record, provenance))
        return list(found.values())

    def volumes_by_oclc(self, oclcs: Sequence[str]) -> list[HathiTrustVolume]:
        """Every volume of the records of these OCLC numbers."""
        return self._volumes([f"oclc:{n}" for n in oclcs])

    def volumes_by_isbn(self, isbns: Sequence[str]) -> list[HathiTrustVolume]:
        """Every volume of the records of these ISBNs."""
        return self._volumes([f"isbn:{re.sub(r'[^0-9Xx]', '', n)}" for n in isbns])

    def volumes_by_lccn(self, lccns: Sequence[str]) -> list[HathiTrustVolume]:
        """Every volume of the records of these LCCNs."""
        return self._volumes([f"lccn:{n.replace(' ', '')}" for n in lccns])

    def editions_for_identifiers(self, identifiers: Identifiers) -> list[Edition]:
        """One Edition per HathiTrust record found for the OCLC numbers, ISBNs, LCCNs and htids."""
        ids = [
            *(f"oclc:{n}" for n in identifiers.oclc),
            *(f"isbn:{re.sub(r'[^0-9Xx]', '', n)}" for n in identifiers.isbn),
            *(f"lccn:{n.replace(' ', '')}" for n in identifiers.lccn),
            *(f"htid:{n}" for n in identifiers.hathitrust if "." in n),
        ]
        if not ids:
            return []
        return [edition_from_record(record, provenance) for record, provenance in self.lookup(ids)]

    def _volumes(self, ids: Sequence[str]) -> list[HathiTrustVolume]:
        return [volume for record, _ in self.lookup(ids) for volume in record.volumes]
