"""Sources of the text of an edition, all behind one small interface (``TextProvider``).

Whole pages (with the printed page number of each, where known) come from Internet Archive full
text, web texts and the user's own files; search hits with pages come from Internet Archive search
inside, HathiTrust full-text search and Google Books snippets (the last without page numbers).
"""

from __future__ import annotations

from citecheck.http import HttpClient
from citecheck.texts.base import TextProvider
from citecheck.texts.googlebooks_snippets import GoogleBooksSnippets
from citecheck.texts.hathitrust_search import HathiTrustSearch
from citecheck.texts.ia_fulltext import InternetArchiveFullText, ItemTextFiles
from citecheck.texts.ia_search_inside import InternetArchiveSearchInside, distinctive_phrases
from citecheck.texts.local import LocalFileText, load_pages
from citecheck.texts.pagemap import PageMap
from citecheck.texts.web import WebText

__all__ = [
    "GoogleBooksSnippets",
    "HathiTrustSearch",
    "InternetArchiveFullText",
    "InternetArchiveSearchInside",
    "LocalFileText",
    "PageMap",
    "TextProvider",
    "WebText",
    "distinctive_phrases",
    "load_pages",
    "providers_for",
]


def providers_for(http: HttpClient) -> list[TextProvider]:
    """The network text providers, best first: whole pages before hits, hits with pages before snippets."""
    item_files = ItemTextFiles(http)
    return [
        InternetArchiveFullText(http, item_files),
        WebText(http),
        InternetArchiveSearchInside(http, item_files),
        HathiTrustSearch(http),
        GoogleBooksSnippets(http),
    ]
