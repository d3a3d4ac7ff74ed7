"""Internet Archive site-wide full-text search: which scanned books contain a phrase at all.

Used for quotations whose document names no work: the books found are searched inside for the
page, and the result is offered as a proposal. The answer's shape is that of
``../shared/api-samples/internetarchive/fts-page_production_svoboda_q-Krenytska.json``:
``response.body.hits.hits[]`` with ``fields`` (identifier, title, creator list, year number) and
``highlight.text[]`` snippets marked with ``{{{…}}}``. ``page_num`` there is the item's page count,
not the page of the hit, so it is not used as a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from citecheck.errors import MalformedResponse
from citecheck.http import HttpClient
from citecheck.model import Provenance, Service

FTS_PATH = "/services/search/beta/page_production/"


@dataclass(frozen=True, slots=True)
class FullTextMatch:
    """A scanned item whose text contains the phrase, as the site-wide search reports it."""

    identifier: str
    title: str
    creators: tuple[str, ...]
    year: int | None
    snippets: tuple[str, ...]
    provenance: Provenance | None = None

    @property
    def description(self) -> str:
        who = "; ".join(self.creators) or "unknown author"
        return f"{self.title} ({who}{', ' + str(self.year) if self.year else ''})"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _year(value: Any) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def parse_fts_response(data: Any, provenance: Provenance | None = None) -> list[FullTextMatch]:
    """The items of a site-wide full-text search answer; MalformedResponse when the shape is off."""
    try:
        hits = data["response"]["body"]["hits"]["hits"]
    except (KeyError, TypeError) as error:
        raise MalformedResponse(
            f"full-text search answer without response.body.hits.hits ({error!r})",
            service=Service.INTERNET_ARCHIVE.value,
            url=provenance.url if provenance else "",
        ) from error
    if not isinstance(hits, list):
        raise MalformedResponse(
            "full-text search hits are not a list", service=Service.INTERNET_ARCHIVE.value
        )
    matches: dict[str, FullTextMatch] = {}
    for hit in hits:
        fields = hit.get("fields", {}) if isinstance(hit, dict) else {}
        identifier = "".join(_as_list(fields.get("identifier"))[:1])
        if not identifier or identifier in matches:
            continue
        highlight = hit.get("highlight", {}) if isinstance(hit, dict) else {}
        snippets = tuple(
            s.replace("{{{", "").replace("}}}", "")
            for s in _as_list(highlight.get("text") if isinstance(highlight, dict) else None)
        )
        matches[identifier] = FullTextMatch(
            identifier=identifier,
            title="".join(_as_list(fields.get("title"))[:1]) or identifier,
            creators=tuple(_as_list(fields.get("creator"))),
            year=_year(fields.get("year") or fields.get("date")),
            snippets=snippets,
            provenance=provenance,
        )
    return list(matches.values())


class InternetArchiveFullTextSearch:
    """Search the text of every scanned item of the Internet Archive for a phrase."""

    service = Service.INTERNET_ARCHIVE
    name = "Internet Archive full-text search"

    def __init__(self, http: HttpClient, *, hits_per_page: int = 10) -> None:
        self.http = http
        self.hits_per_page = hits_per_page

    def find(self, phrase: str, *, mediatype: str = "texts") -> list[FullTextMatch]:
        """Items whose text contains the exact phrase (raises a SourceError when the search fails)."""
        words = " ".join(phrase.replace('"', " ").split())
        base = self.http.base_url(Service.INTERNET_ARCHIVE)
        data, provenance = self.http.get_json(
            Service.INTERNET_ARCHIVE,
            f"{base}{FTS_PATH}",
            {
                "user_query": f'"{words}"',
                "service_backend": "fts",
                "hits_per_page": self.hits_per_page,
                "page": 1,
                "filter_map": json.dumps({"mediatype": {mediatype: "inc"}}),
            },
        )
        with self.http.accepting(provenance):
            return parse_fts_response(data, provenance)
