"""The exceptions citecheck raises. Outcomes (not found, altered, unverifiable) are verdicts, not errors.

::

    CitecheckError
    ├── InputError            a document, .bib, source file or config that cannot be read as given
    ├── ConfigError           a setting that is missing or has an impossible value
    ├── SourceError           a service or file of source text failed (carries the service and URL)
    │   ├── SourceUnavailable     connection refused, DNS failure, timeout
    │   │   └── HostDown              the host failed twice this run, or its time budget is spent
    │   ├── RateLimited           429 (or 503 with Retry-After) after retries ran out
    │   ├── ServiceError          any other HTTP error status
    │   ├── MalformedResponse     the body is not what the service's format promises
    │   ├── ResponseTooLarge      the body is over the download size limit
    │   └── NotInCache            --offline and the answer is not in the cache
    └── ExportError           an export target refused the data (Zotero key, conflict, not running)
"""

from __future__ import annotations


class CitecheckError(Exception):
    """The root of every error citecheck raises on purpose."""


class InputError(CitecheckError):
    """Input that cannot be read as given; the message names the file and, where known, the line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}, line {line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class ConfigError(CitecheckError):
    """A setting that is missing or impossible."""


class SourceError(CitecheckError):
    """A source of catalog data or text failed."""

    def __init__(self, message: str, *, service: str = "", url: str = "") -> None:
        self.service = service
        self.url = url
        super().__init__(f"{service}: {message}" if service else message)


class SourceUnavailable(SourceError):
    """The service could not be reached or did not answer in time."""


class RateLimited(SourceError):
    """The service kept answering 429 after the retries ran out."""

    def __init__(
        self, message: str, *, service: str = "", url: str = "", retry_after: float | None = None
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, service=service, url=url)


class ServiceError(SourceError):
    """The service answered with an HTTP error status."""

    def __init__(
        self, message: str, *, service: str = "", url: str = "", status: int = 0, body: str = ""
    ) -> None:
        self.status = status
        self.body = body
        """The start of the error body, for services that explain a refusal in it (Crossref's 400)."""
        super().__init__(message, service=service, url=url)


class MalformedResponse(SourceError):
    """The body does not have the shape the service's format promises."""


class ResponseTooLarge(SourceError):
    """The body is larger than the configured download limit."""


class NotInCache(SourceError):
    """Offline mode, and the cache holds no answer for this request."""


class ExportError(CitecheckError):
    """An export target refused or could not take the data."""


class NotSearchable(SourceError):
    """The service holds the item but cannot search its text (not indexed, no OCR layer)."""


class SourceTimedOut(SourceUnavailable):
    """The service did not answer within the timeout, on every try."""


class HostDown(SourceUnavailable):
    """The host is not asked again in this run (it timed out or refused twice, or its service's
    time budget is spent); the message says which and why."""
