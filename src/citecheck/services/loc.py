"""Library of Congress: the loc.gov JSON API (``?fo=json``) for book searches and item records.

Endpoints: ``GET {base}/books/?q=…&fo=json`` (search results: ``results[]``, ``pagination``) and
``GET {base}/item/{lccn}/?fo=json`` (one record: an ``item`` object). The shapes follow the
Library's own documentation (https://www.loc.gov/apis/json-and-yaml/responses/search-results/ and
…/responses/item-and-resource/), which warns that "there is no such thing as a standard API
response", and two real ``item`` objects (../shared/api-samples/loc/, 2017 and 2025), which show:

- the LCCN is in ``library_of_congress_control_number`` (a string); ``number_lccn`` (a list) is
  missing from the 2017 record;
- ``contributors``, ``subjects``, ``language`` (2017) are lists of ``{label: facet-url}`` objects;
  in 2025 ``language`` holds plain strings and the objects moved to ``languages``;
- ``call_number`` is a list (2017) or a string (2025);
- ``created_published`` is "place, date" without a publisher ("New York, 1865.");
- ``id`` is the item URL (2017) or the bare number (2025).

So every field is read as "a string, a list of strings or of facet objects, or absent", names
come from ``contributor_names`` (cased) before ``contributors`` and ``contributor`` (lower-cased
facet values), and the page count is read from the physical description ("xix, 683 p. illus.").

The search covers only digitized items unless ``all=true`` is sent; the catalog records of
printed books citecheck needs are mostly not digitized, so the client always sends it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from citecheck.errors import MalformedResponse, ServiceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Fact, Identifiers, Provenance, Service, TextAccess
from citecheck.services.fields import first, strings, surname

__all__ = [
    "LibraryOfCongressClient",
    "facet_labels",
    "normalise_lccn",
    "page_count_from_extent",
    "parse_item",
    "parse_publication",
    "parse_result",
    "parse_search",
]

_SERVICE = Service.LIBRARY_OF_CONGRESS

# "xv, 548 p.", "683 p. illus.", "2 p. l., 354 p.": an arabic count followed by "p." that is not
# in brackets ("[8] p. of plates" counts unnumbered pages, not the book's numbering).
_EXTENT_PAGES = re.compile(r"(?<![\[\d])(\d{1,5})\s*(?:p\b|pp\b|pages\b)", re.IGNORECASE)
_EXTENT_START = re.compile(r"^[\s\[\]ivxlcdm\d,.]*?\d+\s*p\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")
_LIFE_DATES = re.compile(r",?\s*(?:b\.\s*|d\.\s*)?\d{4}\??-(?:\d{4})?\??\.?\s*$")
_HONORIFIC = re.compile(r",\s*(?:Sir|Lord|Dame|Lady|Jr\.?|Mrs\.?)\s*$")
# "British agent, by R. H. Bruce Lockhart." and "Mission to Moscow / by Joseph E. Davies".
_STATEMENT_OF_RESPONSIBILITY = re.compile(r"(?:,|\s/)\s*by\s+[^,;:]+$", re.IGNORECASE)
_FULLER_FORM = re.compile(r"\s*\([^)]*\)")
_STATE_ABBREVIATION = re.compile(r"^(?:[A-Z]\.\s?){1,3}$|^[A-Z][a-z]{1,5}\.$")
_PUBLISHING_CITIES = frozenset(
    {
        "London",
        "New York",
        "Boston",
        "Toronto",
        "Chicago",
        "Philadelphia",
        "Edinburgh",
        "Paris",
        "Oxford",
        "Cambridge",
        "Moscow",
        "Berlin",
        "Sydney",
        "Melbourne",
        "Bombay",
        "Calcutta",
    }
)
# A single name before the date is a publisher only when it reads like one ("Little, Brown" has a
# comma and so two segments; "Macmillan" alone is rare in these records, "New York" alone common).
_PUBLISHER_WORDS = re.compile(
    r"\b(?:press|publish\w*|books?|house|co\.?|company|inc\.?|ltd\.?|sons|brothers|bros\.?|"
    r"verlag|editions?|printers?|printing|library|university|society)(?=\W|$)|&",
    re.IGNORECASE,
)
_READABLE_FORMATS = frozenset({"pdf", "image", "text", "online text", "epub"})


def normalise_lccn(raw: str) -> str:
    """An LCCN in the Library's normalised form: ``"41-51617"`` -> ``"41051617"``, spaces dropped."""
    lccn = raw.strip().split("/")[0].replace(" ", "").lower()
    if "-" in lccn:
        prefix, _, serial = lccn.partition("-")
        if serial.isdigit():
            lccn = prefix + serial.zfill(6)
    return lccn


def _isbn(raw: str) -> str | None:
    digits = re.sub(r"[^0-9Xx]", "", raw.split("(", maxsplit=1)[0]).upper()
    return digits if len(digits) in (10, 13) else None


def page_count_from_extent(extent: str) -> int | None:
    """The page count of a physical description: ``"xv, 548 p."`` -> 548; None for ``"2 v."``."""
    counts = [int(m.group(1)) for m in _EXTENT_PAGES.finditer(extent)]
    return max(counts) if counts else None


def _clean_name(raw: str) -> str:
    """``"Davies, Joseph E. (Joseph Edward), 1876-1958."`` -> ``"Davies, Joseph E."``."""
    name = _FULLER_FORM.sub("", raw).strip()
    name = _LIFE_DATES.sub("", name).strip().rstrip(",").strip()
    name = _HONORIFIC.sub("", name).strip()
    if name.islower():
        # The search results' ``contributor`` facet is lower-cased.
        name = name.title()
    return name


def parse_publication(statement: str) -> tuple[str | None, str | None, int | None]:
    """Place, publisher and year of ``"New York, Simon and Schuster, 1941."`` or ``"Boston : Little, Brown, 1946."``."""
    text = statement.strip().rstrip(".").strip()
    years = _YEAR.findall(text)
    year = int(years[-1]) if years else None
    text = re.sub(r",?\s*\[?(?:c|©)?\s*\[?(?:1[4-9]\d\d|20\d\d)\??\]?\s*$", "", text).strip(" ,;")
    if not text:
        return None, None, year
    if ":" in text:
        place, _, publisher = text.partition(":")
        return (place.strip(" ,[]") or None), (publisher.strip(" ,") or None), year
    segments = [part.strip() for part in text.split(",") if part.strip()]
    if len(segments) == 1:
        if _PUBLISHER_WORDS.search(text):
            return None, text, year
        # "New York, 1865.": the place and the date, no publisher named.
        return text.strip(" []") or None, None, year
    # Old catalog records write "New York, London, G.P. Putnam's sons" and "Garden City, N.Y.,
    # Doubleday" without ISBD colons: further places are state abbreviations or well-known cities.
    places = [segments[0]]
    rest = segments[1:]
    while rest and (_STATE_ABBREVIATION.match(rest[0]) or rest[0] in _PUBLISHING_CITIES):
        places.append(rest.pop(0))
    return ", ".join(places).strip(" []") or None, ", ".join(rest) or None, year


def _access(record: Mapping[str, Any], item: Mapping[str, Any]) -> TextAccess:
    restricted = item.get("access_restricted", record.get("access_restricted"))
    formats = {f.lower() for f in strings(record.get("online_format"))}
    formats |= {f.lower() for f in strings(item.get("online_format"))}
    digitized = record.get("digitized", item.get("digitized"))
    if restricted is True:
        return TextAccess.NONE
    if formats & _READABLE_FORMATS:
        return TextAccess.PUBLIC
    if digitized is False:
        return TextAccess.NONE
    return TextAccess.UNKNOWN


def _year(date: str | None) -> int | None:
    if not date:
        return None
    match = _YEAR.search(date)
    return int(match.group(1)) if match else None


def _record_url(raw: str | None) -> str:
    # The 2025 record's ``id`` is the bare number, not a URL.
    if not raw or not raw.startswith(("http://", "https://", "//")):
        return ""
    return "https://" + raw.removeprefix("http://").removeprefix("https://").removeprefix("//")


def facet_labels(value: object) -> tuple[str, ...]:
    """Plain strings as they are, and the labels (keys) of ``{label: facet-url}`` objects."""
    if isinstance(value, Mapping):
        if isinstance(value.get("name"), str):
            return (value["name"].strip(),) if value["name"].strip() else ()
        return tuple(str(k).strip() for k in value if str(k).strip())
    if isinstance(value, list | tuple):
        return tuple(label for entry in value for label in facet_labels(entry))
    return strings(value)


def _edition(
    record: Mapping[str, Any], item: Mapping[str, Any], provenance: Provenance
) -> Edition | None:
    title = first(item.get("title")) or first(record.get("title"))
    if not title:
        return None
    names = (
        strings(item.get("contributor_names"))
        or facet_labels(item.get("contributors"))
        or facet_labels(record.get("contributors"))
        or strings(record.get("contributor"))
    )
    authors = tuple(dict.fromkeys(n for n in (_clean_name(raw) for raw in names) if n))
    statement = first(item.get("created_published")) or first(record.get("created_published"))
    place, publisher, published_year = parse_publication(statement) if statement else (None,) * 3
    place = first(item.get("place_of_publication")) or place
    year = _year(first(item.get("date")) or first(record.get("date"))) or published_year
    extents = [*strings(item.get("medium")), *strings(record.get("medium"))]
    extents += [
        d
        for d in strings(item.get("description")) + strings(record.get("description"))
        if _EXTENT_START.match(d)
    ]
    page_count = next((c for c in map(page_count_from_extent, extents) if c), None)
    lccns = (
        strings(item.get("library_of_congress_control_number"))
        or strings(record.get("library_of_congress_control_number"))
        or strings(item.get("number_lccn"))
        or strings(record.get("number_lccn"))
    )
    isbns = strings(item.get("number_isbn")) or strings(record.get("number_isbn"))
    oclcs = strings(item.get("number_oclc")) or strings(record.get("number_oclc"))
    identifiers = Identifiers(
        isbn=tuple(dict.fromkeys(i for i in map(_isbn, isbns) if i)),
        oclc=tuple(dict.fromkeys(o.strip() for o in oclcs)),
        lccn=tuple(dict.fromkeys(normalise_lccn(n) for n in lccns)),
    )
    languages = (
        facet_labels(item.get("language"))
        or facet_labels(item.get("languages"))
        or facet_labels(record.get("language"))
    )
    facts = [Fact("extent", extent, provenance) for extent in extents[:1]]
    for call_number in strings(item.get("call_number")) or strings(record.get("call_number")):
        facts.append(Fact("call_number", call_number, provenance))
    if page_count:
        facts.append(Fact("page_count", str(page_count), provenance))
    if statement:
        facts.append(Fact("publication", statement, provenance))
    candidates = (record.get("id"), item.get("id"), record.get("url"), item.get("url"))
    url = next((u for u in (_record_url(first(c)) for c in candidates) if u), "")
    if not url and identifiers.lccn:
        url = f"https://www.loc.gov/item/{identifiers.lccn[0]}/"
    return Edition(
        title=_STATEMENT_OF_RESPONSIBILITY.sub("", title).rstrip(" /.").strip(),
        authors=authors,
        year=year,
        publisher=publisher,
        place=place,
        page_count=page_count,
        language=languages[0] if languages else None,
        identifiers=identifiers,
        access=_access(record, item),
        record_url=url,
        provenance=(provenance,),
        facts=tuple(facts),
    )


def parse_result(record: Mapping[str, Any], provenance: Provenance) -> Edition | None:
    """One entry of a search's ``results[]`` as an Edition; None when it has no title."""
    item = record.get("item")
    return _edition(record, item if isinstance(item, Mapping) else {}, provenance)


def parse_search(data: Any, provenance: Provenance) -> list[Edition]:
    """The editions of a ``/books/?fo=json`` answer; entries without a title are skipped."""
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), list):
        # Every search answer has a results list, empty when nothing is found: without it the
        # format has changed, and reading it as "nothing found" would hide that.
        raise MalformedResponse(
            "loc.gov search answer has no 'results' list; the format may have changed",
            service=_SERVICE,
            url=provenance.url,
        )
    editions = []
    for record in data.get("results", []):
        if not isinstance(record, Mapping):
            continue
        # Collections, web pages and the like share /search/ results; only items describe books.
        formats = {f.lower() for f in strings(record.get("original_format"))}
        if formats and not formats & {"book", "books", "printed material"}:
            continue
        edition = parse_result(record, provenance)
        if edition is not None:
            editions.append(edition)
    return editions


def parse_item(data: Any, provenance: Provenance) -> Edition | None:
    """The Edition of an ``/item/{lccn}/?fo=json`` answer; None when loc.gov answers with a
    search page instead (no such item) or the item has no title."""
    if not isinstance(data, Mapping):
        raise MalformedResponse(
            "loc.gov item answer is not a JSON object", service=_SERVICE, url=provenance.url
        )
    item = data.get("item")
    if not isinstance(item, Mapping) and (data.get("type") == "search" or "results" in data):
        return None  # a search page in place of an item: the Library has no item of that number
    if not isinstance(item, Mapping):
        raise MalformedResponse(
            "loc.gov item answer has no 'item' object; the format may have changed",
            service=_SERVICE,
            url=provenance.url,
        )
    return _edition(data, item, provenance)


class LibraryOfCongressClient:
    """Searches loc.gov for printed books and reads item records by LCCN."""

    service = _SERVICE

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Editions whose catalog record fits the title and the authors' surnames."""
        surnames = [surname(a) for a in authors if a.strip()]
        params: dict[str, str | int] = {
            "q": " ".join([title, *surnames]).strip(),
            "fo": "json",
            "all": "true",
            "c": max(1, min(limit, 150)),
        }
        url = f"{self.http.base_url(_SERVICE)}/books/"
        data, provenance = self.http.get_json(_SERVICE, url, params)
        with self.http.accepting(provenance):
            return parse_search(data, provenance)[:limit]

    def item(self, lccn: str) -> Edition | None:
        """The record of one LCCN, or None when loc.gov has no item of that number."""
        url = f"{self.http.base_url(_SERVICE)}/item/{normalise_lccn(lccn)}/"
        try:
            data, provenance = self.http.get_json(_SERVICE, url, {"fo": "json"})
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        with self.http.accepting(provenance):
            return parse_item(data, provenance)
