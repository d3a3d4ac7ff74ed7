"""Web texts of speeches, articles and letters: Wikisource, Project Gutenberg, marxists.org and the like.

A web text is one page with ``printed=None``: it reproduces a work but not the pages of a printed
edition, so only the wording can be checked against it. The exception is a Project Gutenberg HTML book
that keeps the print edition's page numbers as ``<span class="pagenum">`` markers: it is split there.
Only the main content is kept (MediaWiki's ``.mw-parser-output``, else ``main``/``article``/``body``),
without navigation, headers, footers, scripts or edit links. A page that answers 200 but is an
error page, a stub, cut off or garbled is refused with the reason (``pagecheck``).

Gutenberg books are found through Gutendex (``https://gutendex.com/books?search=``; no recorded sample
exists, the shape follows ENDPOINTS.md §8 of ../shared/api-samples).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from citecheck.errors import MalformedResponse
from citecheck.http import HttpClient
from citecheck.model import Edition, Hit, Page, Provenance, Service
from citecheck.texts.markup import html_title, html_to_parts
from citecheck.texts.pagecheck import WebPageCheck
from citecheck.texts.pagesearch import search_pages

DEFAULT_GUTENDEX_URL = "https://gutendex.com"

# Sites that publish texts (not catalogs): an edition whose record URL is on one of them is a text.
TEXT_SITES = (
    "wikisource.org",
    "gutenberg.org",
    "marxists.org",
    "gutenberg.net.au",
    "archive.org/stream",
)

_GUTENBERG_START = re.compile(
    r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*?\*{3}\s*$", re.I | re.M
)
_GUTENBERG_END = re.compile(r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.I | re.M)


def looks_like_html(text: str) -> bool:
    """True when a body is HTML rather than plain text."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def strip_gutenberg_boilerplate(text: str) -> str:
    """A Gutenberg plain-text book without the licence header and footer (unchanged if it has none)."""
    start = _GUTENBERG_START.search(text)
    if start:
        text = text[start.end() :]
    end = _GUTENBERG_END.search(text)
    if end:
        text = text[: end.start()]
    return text.strip()


def pages_from_web_body(body: str, provenance: Provenance | None = None) -> list[Page]:
    """A fetched body as pages: one page with printed None, or split at printed page-break markers."""
    if not looks_like_html(body):
        return [Page(text=strip_gutenberg_boilerplate(body), printed=None, provenance=provenance)]
    parts = html_to_parts(body)
    return [Page(text=p.text, printed=p.printed, provenance=provenance) for p in parts if p.text]


@dataclass(frozen=True, slots=True)
class GutenbergBook:
    """One Project Gutenberg book as Gutendex lists it."""

    id: int
    title: str
    authors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    formats: tuple[tuple[str, str], ...] = ()
    """(MIME type, URL) pairs; types carry parameters such as ``; charset=utf-8``."""

    def text_url(self) -> str | None:
        """The HTML edition (it keeps page markers) else the plain text; never a zipped file."""
        for prefix in ("text/html", "text/plain"):
            for mime, url in self.formats:
                if mime.startswith(prefix) and not url.endswith(".zip"):
                    return url
        return None


def parse_gutendex_books(data: Any) -> list[GutenbergBook]:
    """Parse a Gutendex ``/books`` answer; raises MalformedResponse when it has no 'results' list."""
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), list):
        raise MalformedResponse("Gutendex: the answer has no 'results' list")
    books = []
    for entry in data["results"]:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), int):
            raise MalformedResponse("Gutendex: a result has no integer 'id'")
        formats = entry.get("formats") or {}
        authors = entry.get("authors") or []
        books.append(
            GutenbergBook(
                id=entry["id"],
                title=str(entry.get("title") or ""),
                authors=tuple(
                    str(a.get("name")) for a in authors if isinstance(a, Mapping) and a.get("name")
                ),
                languages=tuple(str(lang) for lang in entry.get("languages") or ()),
                formats=tuple((str(k), str(v)) for k, v in formats.items() if isinstance(v, str))
                if isinstance(formats, Mapping)
                else (),
            )
        )
    return books


def is_text_site(url: str) -> bool:
    """True for URLs on sites that publish texts rather than catalog records."""
    parts = urlsplit(url)
    where = f"{parts.netloc.lower()}{parts.path}"
    return parts.scheme in ("http", "https") and any(site in where for site in TEXT_SITES)


class WebText:
    """Texts on the web: one page per URL (printed None), Gutenberg books found through Gutendex."""

    service = Service.WEB
    name = "web text"

    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self.page_check = WebPageCheck()

    def can_serve(self, edition: Edition) -> bool:
        """True when the edition's record URL is on a site that publishes texts."""
        return is_text_site(edition.record_url)

    def pages(self, edition: Edition) -> list[Page] | None:
        """The text at the edition's record URL, or None when it has none."""
        return self.fetch_pages(edition.record_url) if self.can_serve(edition) else None

    def search(self, edition: Edition, phrase: str) -> list[Hit]:
        """Pages of the web text that contain the phrase."""
        return search_pages(self.pages(edition) or (), phrase)

    def fetch_pages(self, url: str) -> list[Page]:
        """The main text of a web page (or plain-text file) as pages."""
        body, provenance = self.http.get_text(Service.WEB, url)
        with self.http.accepting(provenance):
            pages = pages_from_web_body(body, provenance)
            title = html_title(body) if looks_like_html(body) else ""
            self.page_check.check(url, body, title, "\n\n".join(p.text for p in pages))
        return pages

    def find_gutenberg(self, search: str) -> list[GutenbergBook]:
        """Project Gutenberg books whose title or author matches, through Gutendex."""
        base = self.http.base_url_for("gutendex", DEFAULT_GUTENDEX_URL).rstrip("/")
        data, provenance = self.http.get_json(Service.WEB, f"{base}/books", {"search": search})
        with self.http.accepting(provenance):
            return parse_gutendex_books(data)

    def gutenberg_pages(self, book: GutenbergBook) -> list[Page] | None:
        """The text of a Gutenberg book, or None when Gutendex lists no HTML or plain-text format."""
        url = book.text_url()
        return self.fetch_pages(url) if url else None
