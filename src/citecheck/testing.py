"""Fakes for tests, ours and our users': a catalog and a text source that answer from memory.

>>> catalog = FakeCatalog([Edition(title="Mission to Moscow", authors=("Davies, Joseph E.",))])
>>> [e.title for e in catalog.find_editions("Mission to Moscow", ["Davies"])]
['Mission to Moscow']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from citecheck.errors import SourceError
from citecheck.model import Edition, Hit, Page, Service

__all__ = ["FakeCatalog", "FakeTextProvider"]


@dataclass
class FakeCatalog:
    """A catalog holding a fixed list of editions; matches titles loosely, like a real search."""

    editions: Sequence[Edition]
    service: Service = Service.OPEN_LIBRARY
    fail_with: SourceError | None = None
    """When set, every search raises it (to test how a failing catalog is reported)."""
    queries: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Editions whose title resembles ``title``; raises ``fail_with`` when set."""
        self.queries.append((title, tuple(authors)))
        if self.fail_with is not None:
            raise self.fail_with
        wanted = title.lower()
        found = [e for e in self.editions if fuzz.token_set_ratio(wanted, e.title.lower()) >= 80]
        return found[:limit]


def _edition_key(edition: Edition) -> str:
    ids = edition.identifiers
    for values in (ids.internetarchive, ids.isbn, ids.oclc, ids.openlibrary):
        if values:
            return values[0]
    return edition.title


@dataclass
class FakeTextProvider:
    """A text source holding pages per edition (keyed by its first identifier or its title).

    ``searchable_only`` makes it behave like search inside: no whole pages, only hits.
    """

    pages_by_edition: Mapping[str, Sequence[Page]]
    service: Service = Service.INTERNET_ARCHIVE
    name: str = "fake text"
    searchable_only: bool = False
    fail_with: SourceError | None = None
    key_of: Callable[[Edition], str] = _edition_key
    requests: list[str] = field(default_factory=list)

    def can_serve(self, edition: Edition) -> bool:
        """Whether pages are held for this edition."""
        return self.key_of(edition) in self.pages_by_edition

    def pages(self, edition: Edition) -> Sequence[Page] | None:
        """All pages of the edition, or None when it is search-only."""
        self.requests.append(f"pages {self.key_of(edition)}")
        if self.fail_with is not None:
            raise self.fail_with
        if self.searchable_only:
            return None
        return list(self.pages_by_edition.get(self.key_of(edition), ()))

    def search(self, edition: Edition, phrase: str) -> Sequence[Hit]:
        """Pages whose text contains the phrase (case and spacing ignored), as hits."""
        self.requests.append(f"search {self.key_of(edition)} {phrase!r}")
        if self.fail_with is not None:
            raise self.fail_with
        wanted = " ".join(phrase.lower().split())
        return [
            Hit(snippet=_snippet(page.text, wanted), printed=page.printed, leaf=page.leaf)
            for page in self.pages_by_edition.get(self.key_of(edition), ())
            if wanted in " ".join(page.text.lower().split())
        ]


def _snippet(text: str, wanted: str, width: int = 200) -> str:
    flat = " ".join(text.split())
    at = flat.lower().find(wanted)
    start = max(0, at - width // 2)
    return flat[start : at + len(wanted) + width // 2]
