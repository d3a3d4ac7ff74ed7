"""Google Books text snippets, where no better text exists: a phrase search restricted to one edition.

``GET {base}/volumes?q="<phrase>" isbn:<isbn>`` answers with volumes whose ``searchInfo.textSnippet``
is HTML. For a hit in the book's text the snippet marks the words with ``<b>``; otherwise it is just
the first sentence of the description (see ../shared/api-samples/googlebooks), which says nothing
about the text and is not a hit. Snippets carry no page number: every Hit has ``printed=None``. The
volume's ``previewLink`` (with ``pg=PA…`` for a text hit) is kept as the scan URL for a person to open.
Search inside a book searches the OCR of its scanned pages, so every snippet is marked as OCR text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from citecheck.errors import MalformedResponse, SourceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Hit, Page, Provenance, Service
from citecheck.services.googlebooks import check_volumes_shape, without_api_key
from citecheck.texts.markup import make_soup


def snippet_text(html: str) -> str:
    """A textSnippet as plain text: tags and entities resolved, whitespace collapsed."""
    text = make_soup(html).get_text(" ")
    return " ".join(text.replace("\xa0", " ").split()).removesuffix("...").strip()


def parse_snippet_hits(
    data: Any, *, volume_id: str | None = None, provenance: Provenance | None = None
) -> list[Hit]:
    """Hits from a ``/volumes`` answer: only snippets that mark words (text hits), printed=None."""
    if not isinstance(data, Mapping):
        raise MalformedResponse("Google Books did not answer with a JSON object")
    check_volumes_shape(data, provenance.url if provenance else "")
    items = data.get("items", [])
    hits: list[Hit] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise MalformedResponse("Google Books: an item is not an object")
        if volume_id is not None and item.get("id") != volume_id:
            continue
        search_info = item.get("searchInfo")
        raw = search_info.get("textSnippet") if isinstance(search_info, Mapping) else None
        if not isinstance(raw, str) or "<b>" not in raw.lower():
            continue
        info = item.get("volumeInfo")
        preview = info.get("previewLink", "") if isinstance(info, Mapping) else ""
        hits.append(
            Hit(
                snippet=snippet_text(raw),
                printed=None,
                provenance=provenance,
                scan_url=str(preview or ""),
                ocr=True,
            )
        )
    return hits


class GoogleBooksSnippets:
    """Snippets of an edition's text from Google Books: no page numbers, last resort."""

    service = Service.GOOGLE_BOOKS
    name = "Google Books snippets"

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def can_serve(self, edition: Edition) -> bool:
        """True when the edition has an ISBN or a Google Books volume id."""
        return bool(edition.identifiers.isbn or edition.identifiers.googlebooks)

    def pages(self, edition: Edition) -> list[Page] | None:
        """Always None: Google Books gives snippets, not pages."""
        return None

    def search(self, edition: Edition, phrase: str) -> list[Hit]:
        """Snippets in which Google Books marks the phrase, for the edition's ISBN or volume id."""
        quoted = '"' + " ".join(phrase.replace('"', " ").split()) + '"'
        for isbn in edition.identifiers.isbn:
            data, provenance = self._get_json({"q": f"{quoted} isbn:{isbn}"})
            with self.http.accepting(provenance):
                hits = parse_snippet_hits(data, provenance=provenance)
            if hits:
                return hits
        for volume_id in edition.identifiers.googlebooks:
            title = f' intitle:"{edition.title}"' if edition.title else ""
            data, provenance = self._get_json({"q": f"{quoted}{title}"})
            with self.http.accepting(provenance):
                hits = parse_snippet_hits(data, volume_id=volume_id, provenance=provenance)
            if hits:
                return hits
        return []

    def _get_json(self, params: dict[str, str]) -> tuple[Any, Provenance]:
        # The API key goes out with the request but never into a provenance, report or error message.
        key = self.http.settings.google_books_api_key
        if key:
            params = {**params, "key": key}
        url = f"{self.http.base_url(Service.GOOGLE_BOOKS)}/volumes"
        try:
            data, provenance = self.http.get_json(Service.GOOGLE_BOOKS, url, params)
        except SourceError as error:
            error.url = without_api_key(error.url)
            if key:
                error.args = tuple(
                    a.replace(key, "…") if isinstance(a, str) else a for a in error.args
                )
            raise
        return data, replace(provenance, url=without_api_key(provenance.url))
