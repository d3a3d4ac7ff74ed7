"""HathiTrust full-text search in one volume, for search-only (in-copyright) volumes.

``https://babel.hathitrust.org/cgi/pt/search?q1=<query>&id=<htid>`` answers with an HTML page. No
recorded page exists; the parser follows the page template (hathitrust/babel,
``pt/web/2021/searchresults.xsl``): each result is an ``<article class="result">`` whose
``<h3 class="results-header">`` reads ``#<seq> (p. <PageNumber>) - N matching terms``, the label in a
link (``data-seq``, ``seq=`` and ``num=`` parameters) for full-view volumes and in a plain ``<span>``
for limited-view ones, followed by ``<p class="kwic">`` snippets, which limited-view volumes withhold.
``seq`` is the scan sequence (like an IA leaf); the printed page is only the ``(p. …)`` part, absent
when the volume or that page has no page number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from bs4 import Tag

from citecheck.errors import MalformedResponse, ServiceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Hit, Page, Provenance, Service
from citecheck.texts.markup import make_soup

DEFAULT_BABEL_URL = "https://babel.hathitrust.org"

_LABEL = re.compile(r"#\s*(\d+)(?:\s*\(\s*p\.\s*([^)]*?)\s*\))?")
_MATCH_COUNT = re.compile(r"(\d+)\s*matching\s+terms?")


@dataclass(frozen=True, slots=True)
class HathiResult:
    """One page with matches: its scan sequence, its printed page (None when it has none), snippets."""

    seq: int
    printed: str | None
    match_count: int | None = None
    snippets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HathiSearchPage:
    """What one results page says: the pages with matches, or that there are none."""

    results: tuple[HathiResult, ...]
    no_match: bool = False
    snippets_withheld: bool = False


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").replace("\xa0", " ").split())


def _printed_from_link(href: str) -> str | None:
    values = parse_qs(urlsplit(href.replace(";", "&")).query).get("num")
    return values[0].strip() or None if values else None


def _parse_result(article: Tag) -> HathiResult:
    header = article.find(["h3", "h2", "h4"], class_="results-header") or article.find(
        ["h3", "h2", "h4"]
    )
    if not isinstance(header, Tag):
        raise MalformedResponse("HathiTrust search: a result has no header with its page")
    label = _text(header)
    found = _LABEL.search(label)
    if not found:
        raise MalformedResponse(f"HathiTrust search: cannot read the page label {label!r}")
    seq = int(found.group(1))
    printed = found.group(2) or None
    link = header.find("a")
    if printed is None and isinstance(link, Tag):
        printed = _printed_from_link(str(link.get("href", "")))
    count = _MATCH_COUNT.search(label)
    snippets = []
    for kwic in article.find_all("p", class_="kwic"):
        snippet = _text(kwic).strip(" .…")
        if snippet:
            snippets.append(snippet)
    return HathiResult(
        seq=seq,
        printed=printed,
        match_count=int(count.group(1)) if count else None,
        snippets=tuple(snippets),
    )


def parse_search_results_html(html: str) -> HathiSearchPage:
    """Parse a ``/cgi/pt/search`` page; raises MalformedResponse when the page has another shape."""
    soup = make_soup(html)
    container = soup.find(class_="results-container")
    page_text = " ".join(soup.get_text(" ").split())
    if "system error while conducting your search" in page_text:
        raise ServiceError(
            "HathiTrust reports a system error for this search", service=str(Service.HATHITRUST)
        )
    if not isinstance(container, Tag):
        raise MalformedResponse(
            "HathiTrust search: the page has no results container (the page changed shape?)",
            service=str(Service.HATHITRUST),
        )
    articles = container.find_all("article", class_="result")
    if not articles:
        if "did not match any pages" in page_text:
            return HathiSearchPage(results=(), no_match=True)
        raise MalformedResponse(
            "HathiTrust search: neither results nor a no-match message (the page changed shape?)",
            service=str(Service.HATHITRUST),
        )
    results = tuple(_parse_result(a) for a in articles if isinstance(a, Tag))
    withheld = "text snippets cannot be shown" in page_text or not any(r.snippets for r in results)
    return HathiSearchPage(results=results, snippets_withheld=withheld)


def hits_from_results(
    page: HathiSearchPage,
    *,
    htid: str,
    provenance: Provenance | None = None,
    base_url: str = DEFAULT_BABEL_URL,
) -> list[Hit]:
    """One Hit per page with matches: seq as the leaf, the printed page only where HathiTrust states one."""
    return [
        Hit(
            snippet=" … ".join(r.snippets),
            printed=r.printed,
            leaf=r.seq,
            provenance=provenance,
            scan_url=f"{base_url}/cgi/pt?id={htid}&seq={r.seq}",
            ocr=True,
        )
        for r in page.results
    ]


def is_htid(value: str) -> bool:
    """HathiTrust volume ids look like ``mdp.39015012345678``; catalog record numbers are all digits."""
    return "." in value and not value.strip().isdigit()


class HathiTrustSearch:
    """Full-text search in one HathiTrust volume: the pages on which a phrase occurs."""

    service = Service.HATHITRUST
    name = "HathiTrust full-text search"

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def can_serve(self, edition: Edition) -> bool:
        """True when the edition names a HathiTrust volume id (htid)."""
        return any(is_htid(v) for v in edition.identifiers.hathitrust)

    def pages(self, edition: Edition) -> list[Page] | None:
        """Always None: the search pages give page numbers and snippets, never whole pages."""
        return None

    def search(self, edition: Edition, phrase: str) -> list[Hit]:
        """Pages of the edition's first volume on which the phrase occurs (first page of results)."""
        for htid in (v for v in edition.identifiers.hathitrust if is_htid(v)):
            return self.search_volume(htid, phrase)
        return []

    def search_volume(self, htid: str, phrase: str) -> list[Hit]:
        """Pages of one volume on which the phrase occurs, as a quoted phrase query."""
        base = self.http.base_url_for("hathitrust_babel", DEFAULT_BABEL_URL).rstrip("/")
        query = f'"{phrase.strip()}"' if " " in phrase.strip() else phrase.strip()
        html, provenance = self.http.get_text(
            Service.HATHITRUST, f"{base}/cgi/pt/search", {"q1": query, "id": htid}
        )
        try:
            with self.http.accepting(provenance):
                page = parse_search_results_html(html)
        except (MalformedResponse, ServiceError) as exc:
            exc.url = provenance.url
            raise
        return hits_from_results(page, htid=htid, provenance=provenance, base_url=base)
