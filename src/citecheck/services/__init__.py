"""Library catalogs, one module per service; each is pure ``parse_*`` functions plus a thin client.

Every client takes the one configured :class:`~citecheck.http.HttpClient` and implements
:class:`Catalog`; service-specific lookups (an Internet Archive item's files, HathiTrust volumes by
OCLC number) are extra methods of the client.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from citecheck.model import Edition, Identifiers, Service

if TYPE_CHECKING:
    from citecheck.http import HttpClient

__all__ = ["Catalog", "IdentifierCatalog", "default_catalogs"]


@runtime_checkable
class Catalog(Protocol):
    """A library catalog that can be searched by title and authors."""

    service: Service

    def find_editions(
        self, title: str, authors: Sequence[str], *, year: int | None = None, limit: int = 20
    ) -> list[Edition]:
        """Editions whose title and authors fit, best first; raises a SourceError on failure."""
        ...


@runtime_checkable
class IdentifierCatalog(Protocol):
    """A catalog that looks editions up by identifier only (HathiTrust's Bibliographic API)."""

    service: Service

    def editions_for_identifiers(self, identifiers: Identifiers) -> list[Edition]:
        """The editions holding any of these ISBNs, OCLC numbers or LCCNs."""
        ...


def default_catalogs(http: HttpClient) -> list[Catalog | IdentifierCatalog]:
    """Every catalog citecheck knows, sharing one HTTP client, in the order they are asked."""
    # Imported here so that importing the package does not import every service module.
    from citecheck.services.crossref import CrossrefClient
    from citecheck.services.googlebooks import GoogleBooksClient
    from citecheck.services.hathitrust import HathiTrustClient
    from citecheck.services.internetarchive import InternetArchiveClient
    from citecheck.services.loc import LibraryOfCongressClient
    from citecheck.services.openlibrary import OpenLibraryClient

    # Bibliographic catalogs before the Archive: when records of one edition are merged, the first
    # record's facts lead, and a scan's metadata is the weakest witness of publisher and year.
    # HathiTrust comes last: it is asked with the identifiers the title catalogs found.
    return [
        OpenLibraryClient(http),
        LibraryOfCongressClient(http),
        GoogleBooksClient(http),
        CrossrefClient(http),
        InternetArchiveClient(http),
        HathiTrustClient(http),
    ]
