"""Settings, and the one order in which they are resolved.

Precedence, highest first: command line, environment (``CITECHECK_*``), the project config file
(``citecheck.toml`` in the working directory, or ``[tool.citecheck]`` in ``pyproject.toml``), the user
config file (``<user config dir>/citecheck/config.toml``), built-in defaults.

INTERFACE FROZEN FOR PARALLEL WORK: the fields of ``Settings`` and the signature of ``load_settings``.
Fields may be added (with defaults); none renamed or removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from citecheck.model import Service

DEFAULT_BASE_URLS: Mapping[Service, str] = {
    Service.OPEN_LIBRARY: "https://openlibrary.org",
    Service.INTERNET_ARCHIVE: "https://archive.org",
    Service.LIBRARY_OF_CONGRESS: "https://www.loc.gov",
    Service.HATHITRUST: "https://catalog.hathitrust.org",
    Service.GOOGLE_BOOKS: "https://www.googleapis.com/books/v1",
    Service.CROSSREF: "https://api.crossref.org",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, resolved once and handed to whoever needs it."""

    base_urls: Mapping[Service, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))
    extra_base_urls: Mapping[str, str] = field(default_factory=dict)
    """Base URLs of services that are not catalogs (e.g. "hathitrust_babel", "zotero")."""
    contact: str = ""
    """An e-mail address sent in the User-Agent (and Crossref's mailto) so services can reach us."""
    cache_dir: Path | None = None
    """None: the user cache directory."""
    use_cache: bool = True
    refresh: bool = False
    offline: bool = False
    timeout: float = 20.0
    max_retries: int = 4
    max_download_bytes: int = 50_000_000
    google_books_api_key: str = ""
    zotero_api_key: str = ""
    zotero_library: str = ""
    """"user:12345" or "group:678"."""
    sources: tuple[str, ...] = ()
    """Source files from the config (``KEY=PATH`` or ``PATH``)."""
    progress: bool = True

    def base_url(self, service: Service) -> str:
        return self.base_urls.get(service, DEFAULT_BASE_URLS.get(service, "")).rstrip("/")
