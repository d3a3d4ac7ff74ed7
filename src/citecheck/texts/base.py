"""The one interface every source of text offers: whole pages, or search hits with pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from citecheck.model import Edition, Hit, Page, Service


@runtime_checkable
class TextProvider(Protocol):
    """A source of an edition's text.

    ``pages`` gives the whole text page by page, or None when this provider cannot give whole
    pages of that edition (search-only books). ``search`` gives hits for a phrase. Both raise a
    ``SourceError`` subclass when the source fails, so the caller can record the attempt.
    """

    service: Service
    name: str

    def can_serve(self, edition: Edition) -> bool: ...

    def pages(self, edition: Edition) -> Sequence[Page] | None: ...

    def search(self, edition: Edition, phrase: str) -> Sequence[Hit]: ...
