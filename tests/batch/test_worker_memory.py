"""What a worker remembers between documents: catalog answers, once per question."""

from __future__ import annotations

import pytest

from citecheck.batch.worker import RememberingCatalog
from citecheck.errors import SourceUnavailable
from citecheck.model import Edition, Service
from citecheck.services import Catalog, IdentifierCatalog


class CountingCatalog:
    service = Service.OPEN_LIBRARY

    def __init__(self, failures: int = 0) -> None:
        self.asked: list[tuple[str, tuple[str, ...], int | None]] = []
        self.failures = failures

    def find_editions(
        self, title: str, authors: tuple[str, ...], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        self.asked.append((title, authors, year))
        if self.failures:
            self.failures -= 1
            raise SourceUnavailable("refused", service="openlibrary")
        return [Edition(title=title, authors=authors, year=year)]


def test_the_same_search_is_asked_of_the_catalog_once_however_many_documents_make_it() -> None:
    inner = CountingCatalog()
    catalog = RememberingCatalog(inner)

    first = catalog.find_editions("British Agent", ("Lockhart",), year=1933)
    again = catalog.find_editions("British Agent", ("Lockhart",), year=1933)
    other = catalog.find_editions("British Agent", ("Lockhart",), year=1932)

    assert first == again and other != first
    assert len(inner.asked) == 2


def test_a_failed_search_is_not_remembered_so_the_next_document_asks_again() -> None:
    inner = CountingCatalog(failures=1)
    catalog = RememberingCatalog(inner)

    with pytest.raises(SourceUnavailable):
        catalog.find_editions("British Agent", ("Lockhart",))
    found = catalog.find_editions("British Agent", ("Lockhart",))

    assert len(found) == 1 and len(inner.asked) == 2


def test_a_remembering_catalog_offers_only_what_its_catalog_can_do() -> None:
    catalog = RememberingCatalog(CountingCatalog())

    assert isinstance(catalog, Catalog)
    assert not isinstance(catalog, IdentifierCatalog)
    assert catalog.service == Service.OPEN_LIBRARY
