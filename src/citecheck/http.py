"""The one HTTP client every service uses: cache, retries, rate limits, timeouts, size limit.

INTERFACE FROZEN FOR PARALLEL WORK: ``HttpClient`` and ``HttpResponse`` signatures below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from citecheck.config import Settings
from citecheck.model import Provenance, Service


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    text: str
    headers: Mapping[str, str]
    provenance: Provenance

    def json(self) -> Any:
        """The body as JSON; raises MalformedResponse when it is not."""
        raise NotImplementedError


class HttpClient:
    """Built once from Settings; thread-safe; handed to every service client."""

    def __init__(self, settings: Settings, session: Any | None = None) -> None:
        self.settings = settings

    def base_url(self, service: Service) -> str:
        return self.settings.base_url(service)

    def get(
        self,
        service: Service,
        url: str,
        params: Mapping[str, Any] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """GET with cache, retries, rate limit and size limit; raises a SourceError subclass."""
        raise NotImplementedError

    def get_json(
        self, service: Service, url: str, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, Provenance]:
        raise NotImplementedError

    def get_text(
        self, service: Service, url: str, params: Mapping[str, Any] | None = None
    ) -> tuple[str, Provenance]:
        raise NotImplementedError
