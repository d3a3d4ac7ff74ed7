"""The one HTTP client every service uses: cache, retries, rate limits, timeouts, size limit.

A request goes through, in order:

1. the cache (requests-cache's SQLite backend, in the user cache directory or ``cache_dir``),
   skipped with ``refresh``; with ``offline`` the cache is all there is and a miss raises
   NotInCache. Only 200 answers are stored, so an error is never replayed; an answer its parser
   rejects (not JSON, an error page, a changed schema) is removed again (:meth:`HttpClient.accepting`),
   so one bad minute of a service does not poison the runs after it;
2. the per-host limiter: a token bucket (``DEFAULT_RATES``, scaled by ``rate_scale``), a cap on
   requests in flight, and any pause a ``Backoff`` header asked for;
3. the network, with a timeout, the citecheck User-Agent, the body streamed and abandoned past
   ``max_download_bytes`` (ResponseTooLarge);
4. the status table (HTTP status -> exception, with a hint);
5. retries with exponential backoff for timeouts, connection errors, 408, 429 and 5xx, waiting what
   ``Retry-After`` says (seconds or an HTTP date) when it says anything.

Every call of :meth:`HttpClient.get` leaves one :class:`~citecheck.model.SourceAttempt` in
``HttpClient.attempts``; ``request_count`` counts requests that went to the network.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import platformdirs
import requests
import requests_cache
from requests_cache.backends.base import BaseCache

from citecheck.config import Settings
from citecheck.errors import (
    ConfigError,
    HostDown,
    MalformedResponse,
    NotInCache,
    RateLimited,
    ResponseTooLarge,
    ServiceError,
    SourceError,
    SourceTimedOut,
    SourceUnavailable,
)
from citecheck.model import AttemptOutcome, Provenance, Service, SourceAttempt
from citecheck.sqlite_cache import BoundedSQLiteCache

PROJECT_URL = "https://pypi.org/project/citecheck-quotes/"

SECRET_PARAMETERS = ("key", "api_key", "apikey", "access_token", "Authorization", "Zotero-API-Key")
"""Query parameters and headers that carry secrets: left out of cache keys, the cache and provenance."""



def cache_errors() -> tuple[type[Exception], ...]:
    """The failures of the cache's own storage: SQLite's, the disk's, and Redis's once its client
    is loaded (it is whenever the cache lives in Redis)."""
    redis_error = getattr(sys.modules.get("redis.exceptions"), "RedisError", None)
    return (sqlite3.Error, OSError, *((redis_error,) if redis_error else ()))


DOWN_AFTER_FAILURES = 2
"""Timeouts or connection failures after which a host is down for the rest of the run."""

DEFAULT_SERVICE_BUDGET_SECONDS = 600.0
"""What one service may cost a run (time in its requests and retry pauses, summed over threads)
before it is asked no more; politeness waits of the rate limiter are not counted."""

MAX_WAIT_SECONDS = 120.0
"""A Retry-After or Backoff longer than this is not waited for: the request fails and says so."""

_CHUNK_BYTES = 64 * 1024
_ERROR_BODY_BYTES = 4096
_BACKOFF_BASE_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Rate:
    """How fast one host may be asked: ``per_second`` sustained, ``burst`` at once, ``concurrency`` in flight."""

    per_second: float
    burst: int = 1
    concurrency: int = 2


HostRate = Rate
"""The same record under the name the first tests used."""


# What each service asks of its clients; the reasons are in docs/configuration.md.
DEFAULT_RATES: Mapping[str, Rate] = {
    # nginx: anonymous API clients 180/min (3/s), web pages 1/s; we stay at 2/s.
    Service.OPEN_LIBRARY.value: Rate(2.0, 3, 2),
    # No published limit; public clients keep to about 1/s (3 per 3 s).
    Service.INTERNET_ARCHIVE.value: Rate(1.0, 3, 2),
    # loc.gov JSON API: 20 requests per 10 s burst, 80 per minute, else a 5-minute block.
    Service.LIBRARY_OF_CONGRESS.value: Rate(1.0, 4, 1),
    # No published limit for the Bibliographic API or full-text search; be gentle.
    Service.HATHITRUST.value: Rate(1.0, 2, 1),
    # Quotas are per day; per second the API tolerates more than we need.
    Service.GOOGLE_BOOKS.value: Rate(2.0, 4, 2),
    # Public pool 5/s with 1 request in flight; polite pool (mailto) 10/s with 3.
    Service.CROSSREF.value: Rate(4.0, 4, 1),
    Service.WEB.value: Rate(1.0, 2, 2),
}
FALLBACK_RATE = Rate(1.0, 2, 1)
HOST_RATES = DEFAULT_RATES


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    text: str
    headers: Mapping[str, str]
    provenance: Provenance
    content: bytes = b""
    """The body as bytes, for binary files (gzip, images)."""

    def json(self) -> Any:
        """The body as JSON; raises MalformedResponse when it is not."""
        try:
            return json.loads(self.text)
        except ValueError as error:
            excerpt = " ".join(self.text[:80].split())
            raise MalformedResponse(
                f"expected JSON from {self.provenance.url}, got {excerpt!r} ({error}); the service "
                "may be failing, or a configured base URL may point at a web page",
                service=self.provenance.service.value,
                url=self.provenance.url,
            ) from error


# --------------------------------------------------------------------------------------------
# HTTP status -> exception, with a hint a person can act on
# --------------------------------------------------------------------------------------------

STATUS_TABLE: Mapping[int, tuple[type[SourceError], str]] = {
    400: (ServiceError, "the service did not accept the request (a query it cannot parse?)"),
    401: (ServiceError, "the service wants credentials: check the API key in the configuration"),
    403: (ServiceError, "access refused: an API key may be missing, wrong or over its quota"),
    404: (ServiceError, "no such record or URL at this service"),
    408: (SourceUnavailable, "the service timed out; try again later"),
    410: (ServiceError, "the record was withdrawn"),
    413: (ServiceError, "the request was too large for the service"),
    429: (RateLimited, "too many requests: the service asks us to slow down; try again later"),
    500: (ServiceError, "the service failed; try again later"),
    502: (ServiceError, "the service's gateway failed; try again later"),
    503: (ServiceError, "the service is unavailable (maintenance or overload); try again later"),
    504: (ServiceError, "the service's gateway timed out; try again later"),
}


def error_for_status(
    status: int, *, service: str, url: str, retry_after: float | None = None, body: str = ""
) -> SourceError:
    """The exception for an HTTP error status; its message ends with a hint."""
    kind, hint = STATUS_TABLE.get(
        status,
        (
            ServiceError,
            "the service failed" if status >= 500 else "the service refused the request",
        ),
    )
    message = f"HTTP {status} for {url}: {hint}"
    if kind is RateLimited or (status == 503 and retry_after is not None):
        return RateLimited(message, service=service, url=url, retry_after=retry_after)
    if kind is ServiceError:
        return ServiceError(message, service=service, url=url, status=status, body=body)
    return kind(message, service=service, url=url)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds (a number or an HTTP date); None when absent or unreadable."""
    return parse_retry_after(value, now=now)


def is_retryable(status: int) -> bool:
    """Statuses worth asking again: 408, 429 and every 5xx."""
    return status in (408, 429) or status >= 500


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` or ``Backoff`` value (delta seconds or HTTP date)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def service_budgets(environ: Mapping[str, str]) -> dict[str, float]:
    """Seconds per service and run: ``CITECHECK_SERVICE_BUDGET`` for all ("*"), and
    ``CITECHECK_<SERVICE>_BUDGET`` (``CITECHECK_INTERNET_ARCHIVE_BUDGET``) for one; 0 = none."""
    budgets = {"*": DEFAULT_SERVICE_BUDGET_SECONDS}
    names = {f"CITECHECK_{s.name}_BUDGET": s.value for s in Service}
    names["CITECHECK_SERVICE_BUDGET"] = "*"
    for variable, key in names.items():
        value = environ.get(variable, "").strip()
        if value:
            try:
                budgets[key] = max(0.0, float(value))
            except ValueError as error:
                raise ConfigError(f"{variable}: expected seconds, not {value!r}") from error
    return budgets


# --------------------------------------------------------------------------------------------
# Rate limits
# --------------------------------------------------------------------------------------------


class HostLimiter:
    """One host's token bucket, pause and cap on requests in flight; thread-safe."""

    def __init__(self, rate: Rate, clock: Callable[[], float]) -> None:
        self.rate = rate
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = float(rate.burst)
        self._updated = clock()
        self._not_before = 0.0
        self.in_flight = threading.BoundedSemaphore(max(1, rate.concurrency))
        self.changed = threading.Condition()
        """Notified whenever a request to this host ends (the circuit breaker waits on it)."""
        self.active = 0
        """Requests to this host on the wire now."""

    def reserve(self, *, honour_pause: bool = True) -> float:
        """Take a token; the seconds the caller must sleep before sending."""
        with self._lock:
            now = self._clock()
            self._tokens = min(
                float(self.rate.burst),
                self._tokens + (now - self._updated) * self.rate.per_second,
            )
            self._updated = now
            # The token is booked now even when it is not there yet, so concurrent callers queue
            # one behind the other; a single sleep then suffices (and an injected sleep works).
            wait = 0.0 if self._tokens >= 1.0 else (1.0 - self._tokens) / self.rate.per_second
            self._tokens -= 1.0
            pause = self._not_before - now if honour_pause else 0.0
            return max(wait, pause, 0.0)

    def pause(self, seconds: float) -> None:
        """Ask nothing of this host for ``seconds`` (a ``Backoff`` or ``Retry-After`` header)."""
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + seconds)


class SharedLimiter(Protocol):
    """A rate limit held for many clients at once (every worker of a batch), not one process."""

    def reserve(self, key: str, rate: Rate) -> float:
        """Book one request to ``key`` (a :func:`rate_key`); the seconds to wait before sending it."""
        ...


def rate_key(url: str) -> str:
    """The limiter a URL counts against: its host (and port), archive.org's data servers as one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "archive.org" or host.endswith(".archive.org"):
        return "archive.org"
    # Stand-ins on one machine (127.0.0.1:8001, :8002) are separate services.
    return f"{host}:{parts.port}" if parts.port else host


# --------------------------------------------------------------------------------------------
# Helpers of the client
# --------------------------------------------------------------------------------------------


def user_agent(contact: str) -> str:
    """The User-Agent citecheck sends: name, version, project URL and the contact address."""
    from citecheck import __version__

    mail = f"; mailto:{contact.strip()}" if contact.strip() else ""
    return f"citecheck/{__version__} (+{PROJECT_URL}{mail})"


def default_cache_dir() -> Path:
    """The user cache directory, where the HTTP cache lives unless ``cache_dir`` is set."""
    return Path(platformdirs.user_cache_dir("citecheck"))


def redact_url(url: str) -> str:
    """The URL without secret query parameters (API keys), for messages and provenance."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    secret = {name.lower() for name in SECRET_PARAMETERS}
    kept = [pair for pair in parts.query.split("&") if pair.split("=", 1)[0].lower() not in secret]
    return parts._replace(query="&".join(kept)).geturl()


_LATIN1_LABELS = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "l1", "windows-1252", "cp1252", "us-ascii"}
)


def mislabelled_utf8(body: bytes, content_type: str) -> bool:
    """True when the header says Latin-1 (or cp1252, ASCII) but the bytes are non-ASCII UTF-8.

    Read as labelled, every dash and curly quote becomes mojibake ("â€”"); bytes that decode as
    UTF-8 and hold multi-byte sequences are, in practice, never meant as Latin-1.
    """
    charset = ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset not in _LATIN1_LABELS or body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_body(body: bytes, content_type: str) -> str:
    """Bytes to text: the header's charset (unless it mislabels UTF-8), else UTF-8, else a guess."""
    if mislabelled_utf8(body, content_type):
        return body.decode("utf-8")
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value.strip():
            try:
                return body.decode(value.strip().strip('"'), errors="replace")
            except LookupError:
                break
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        return body.decode(best.encoding if best else "latin-1", errors="replace")


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class _Fetched:
    status: int
    body: bytes
    headers: Mapping[str, str]
    url: str
    retrieved_at: str
    from_cache: bool
    response: requests.Response | None = field(default=None, repr=False)
    key: str = ""


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


class HttpClient:
    """Built once from Settings; thread-safe; handed to every service client.

    ``session`` is the ``requests.Session`` that goes to the network (a proxy or a test transport
    may be put in); the cache is citecheck's own. ``sleep`` and ``clock`` are injectable so tests
    of retries and rate limits do not wait; ``rates`` overrides ``DEFAULT_RATES``, keyed by host
    (``"openlibrary.org"``) or by service (``"openlibrary"``). ``cache`` replaces the SQLite cache
    with another requests-cache backend (Redis, shared by many workers), and ``shared_limiter``
    adds a limit that holds across processes and machines on top of this client's own.
    """

    def __init__(
        self,
        settings: Settings,
        session: Any | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rates: Mapping[str, Rate] | None = None,
        budgets: Mapping[str, float] | None = None,
        cache: BaseCache | None = None,
        shared_limiter: SharedLimiter | None = None,
    ) -> None:
        self.settings = settings
        self.shared_limiter = shared_limiter
        self.sleep = sleep
        self.rates: dict[str, Rate] = {**DEFAULT_RATES, **(rates or {})}
        self.session: requests.Session = session if session is not None else requests.Session()
        self.session.headers["User-Agent"] = user_agent(settings.contact)
        self._clock = clock
        self._lock = threading.Lock()
        self._limiters: dict[str, HostLimiter] = {}
        self._unreachable: dict[str, str] = {}
        """Hosts marked down (the circuit breaker), with the reason the report gives."""
        self._failures: dict[str, list[str]] = {}
        self._spent: dict[str, float] = {}
        self._over_budget: dict[str, str] = {}
        self.budgets: dict[str, float] = dict(
            service_budgets(os.environ) if budgets is None else budgets
        )
        self._attempts: list[SourceAttempt] = []
        self._notes: list[SourceAttempt] = []
        self._cache_problems: list[str] = []
        self._request_count = 0
        self._key_locks: dict[str, threading.Lock] = {}
        self._fetched_this_run: set[str] = set()
        self._cache_keys: dict[str, str] = {}
        """URL (as shown in provenance) -> cache key, for answers that a parser may still reject."""
        self._cache: BaseCache | None = cache
        self._owns_cache = cache is None
        """A cache handed in is shared with other clients; its owner closes it."""
        if cache is None and (settings.use_cache or settings.offline):
            self._cache = open_cache(settings.cache_dir or default_cache_dir())

    # -- what happened so far -----------------------------------------------------------------

    @property
    def attempts(self) -> list[SourceAttempt]:
        """Every request outcome so far, in order (a copy)."""
        with self._lock:
            return list(self._attempts)

    @property
    def request_count(self) -> int:
        """Requests that went to the network; cache answers are not counted."""
        with self._lock:
            return self._request_count

    @property
    def user_agent(self) -> str:
        """The User-Agent header this client sends."""
        return str(self.session.headers["User-Agent"])

    @property
    def cache_path(self) -> Path | None:
        """The SQLite file of the cache, or None when caching is off."""
        db_path = getattr(self._cache, "db_path", None)
        return Path(str(db_path)) if db_path is not None else None

    def base_url(self, service: Service) -> str:
        """The base URL of a catalog service (configurable; no trailing slash)."""
        return self.settings.base_url(service)

    def base_url_for(self, name: str, default: str) -> str:
        """The configured base URL of an endpoint that is not a catalog (e.g. "hathitrust_babel")."""
        return self.settings.extra_base_urls.get(name, default).rstrip("/")

    def close(self) -> None:
        """Close the network session and the cache database."""
        self.session.close()
        if self._cache is not None and self._owns_cache:
            self._cache.close()  # type: ignore[no-untyped-call]

    # -- requests -----------------------------------------------------------------------------

    def get(
        self,
        service: Service,
        url: str,
        params: Mapping[str, Any] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """GET with cache, retries, rate limit and size limit; raises a SourceError subclass."""
        prepared = self.session.prepare_request(
            requests.Request("GET", url, params=dict(params or {}), headers=dict(headers or {}))
        )
        shown = redact_url(prepared.url or url)
        try:
            fetched = self._fetch(service, prepared, shown)
        except SourceError as error:
            self._record(service, shown, _outcome_of(error), str(error))
            raise
        provenance = Provenance(
            service=service,
            url=redact_url(fetched.url) if fetched.url else shown,
            retrieved_at=fetched.retrieved_at,
            from_cache=fetched.from_cache,
        )
        if fetched.key:
            with self._lock:
                self._cache_keys[shown] = fetched.key
                self._cache_keys[provenance.url] = fetched.key
        self._record(
            service,
            shown,
            AttemptOutcome.OK,
            "from cache" if fetched.from_cache else f"HTTP {fetched.status}",
        )
        content_type = fetched.headers.get("Content-Type", "")
        text = decode_body(fetched.body, content_type)
        if mislabelled_utf8(fetched.body, content_type):
            self._record(
                service,
                shown,
                AttemptOutcome.OK,
                f"the answer is labelled {content_type!r} but its bytes are UTF-8; read as UTF-8",
                note=True,
            )
        return HttpResponse(fetched.status, text, fetched.headers, provenance, fetched.body)

    def get_json(
        self, service: Service, url: str, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, Provenance]:
        """The JSON body and where it came from; MalformedResponse when it is not JSON."""
        response = self.get(service, url, params, headers={"Accept": "application/json"})
        with self.accepting(response.provenance):
            return response.json(), response.provenance

    @contextmanager
    def accepting(self, provenance: Provenance) -> Iterator[None]:
        """Parse an answer inside this block: if the parser rejects it, it leaves the cache.

        An answer is kept only once its parser has accepted it; a SourceError raised in the
        block (a MalformedResponse, an error the answer reports) removes the cached copy (and says so in the attempts) before it propagates.
        """
        try:
            yield
        except SourceError as error:
            self.discard(provenance, str(error))
            raise

    def discard(self, provenance: Provenance, reason: str) -> None:
        """Remove the cached answer of this provenance's URL, recording why."""
        with self._lock:
            key = self._cache_keys.pop(provenance.url, None)
            self._fetched_this_run.discard(key or "")
        if key is None or self._cache is None:
            return
        try:
            self._cache.delete(key)
        except cache_errors() as error:
            self._cache_trouble(f"could not remove a rejected answer of {provenance.url}", error)
        self._record(
            provenance.service,
            provenance.url,
            AttemptOutcome.FAILED,
            f"the answer was rejected and not kept in the cache: {reason}",
            note=True,
        )

    def get_text(
        self, service: Service, url: str, params: Mapping[str, Any] | None = None
    ) -> tuple[str, Provenance]:
        """The body as text (charset from the header, else UTF-8, else guessed) and its provenance."""
        response = self.get(service, url, params)
        return response.text, response.provenance

    def note(self, service: Service, url: str, outcome: AttemptOutcome, detail: str) -> None:
        """Add an attempt a client decided on itself (a retry with fewer parameters, a rejected answer)."""
        self._record(service, redact_url(url), outcome, detail, note=True)

    @property
    def notes(self) -> list[SourceAttempt]:
        """What the client noticed beyond success and failure of requests (a rejected answer, a
        mislabelled charset, a retry with fewer parameters), for the report."""
        with self._lock:
            return list(self._notes)

    @property
    def cache_problems(self) -> list[str]:
        """What went wrong with the cache itself (locked, full, unreachable); the run went on."""
        with self._lock:
            return list(self._cache_problems)

    # -- internals ----------------------------------------------------------------------------

    def _cache_trouble(self, what: str, error: Exception) -> None:
        with self._lock:
            self._cache_problems.append(f"{what}: {type(error).__name__}: {error}")

    def _record(
        self,
        service: Service,
        url: str,
        outcome: AttemptOutcome,
        detail: str,
        *,
        note: bool = False,
    ) -> None:
        attempt = SourceAttempt(service, url, outcome, detail, url)
        with self._lock:
            self._attempts.append(attempt)
            if note:
                self._notes.append(attempt)

    def _limiter(self, service: Service, url: str) -> HostLimiter:
        host = rate_key(url)
        with self._lock:
            limiter = self._limiters.get(host)
            if limiter is None:
                base = self.rates.get(host) or self.rates.get(service.value, FALLBACK_RATE)
                scale = self.settings.rate_scale if self.settings.rate_scale > 0 else 1.0
                limiter = HostLimiter(
                    Rate(base.per_second * scale, base.burst, base.concurrency), self._clock
                )
                self._limiters[host] = limiter
            return limiter

    def _fetch(self, service: Service, prepared: requests.PreparedRequest, shown: str) -> _Fetched:
        cache = self._cache
        if cache is None:
            return self._fetch_uncached(service, prepared, shown, None, "")
        key = cache.create_key(prepared)
        # Concurrent identical requests wait for the first one and then read its answer from the
        # cache, so a run never asks a service the same thing twice.
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            fetched = self._fetch_uncached(service, prepared, shown, cache, key)
        fetched.key = key if fetched.status == 200 else ""
        return fetched

    def _fetch_uncached(
        self,
        service: Service,
        prepared: requests.PreparedRequest,
        shown: str,
        cache: BaseCache | None,
        key: str,
    ) -> _Fetched:
        with self._lock:
            fresh_this_run = key in self._fetched_this_run
        if cache is not None and (not self.settings.refresh or fresh_this_run):
            try:
                cached = cache.get_response(key)
            except cache_errors() as error:
                # The service is asked instead: a slower answer, never a lost one.
                self._cache_trouble(f"could not read the cached answer of GET {shown}", error)
                cached = None
            if cached is not None and (self.settings.offline or not cached.is_expired):
                created = cached.created_at
                if created.tzinfo is None:
                    created = created.replace(tzinfo=UTC)
                return _Fetched(
                    status=cached.status_code,
                    body=cached.content or b"",
                    headers=dict(cached.headers),
                    url=cached.url,
                    retrieved_at=created.replace(microsecond=0).isoformat(),
                    from_cache=True,
                )
        if self.settings.offline:
            raise NotInCache(
                f"offline, and the cache holds no answer for GET {shown}; "
                "run once without --offline to fetch it",
                service=service.value,
                url=shown,
            )
        fetched = self._fetch_with_retries(service, prepared, shown)
        if cache is not None and fetched.status == 200 and fetched.response is not None:
            expires = datetime.now(UTC) + timedelta(days=self.settings.cache_expire_days)
            try:
                cache.save_response(fetched.response, key, expires)
            except cache_errors() as error:
                self._cache_trouble(f"could not keep the answer of GET {shown}", error)
            else:
                with self._lock:
                    self._fetched_this_run.add(key)
        return fetched

    def _fetch_with_retries(
        self, service: Service, prepared: requests.PreparedRequest, shown: str
    ) -> _Fetched:
        host = rate_key(prepared.url or "")
        self._refuse_if_down(service, host, shown)
        limiter = self._limiter(service, prepared.url or "")
        retries = max(0, self.settings.max_retries)
        waited_retry_after = False
        for attempt in range(retries + 1):
            last = attempt == retries
            # The Retry-After this request already slept out also paused the host for the others.
            wait = limiter.reserve(honour_pause=not waited_retry_after)
            waited_retry_after = False
            if wait > 0:
                # Politeness waits are not counted: the budget is for what a failing service costs.
                self.sleep(wait)
            self._refuse_if_down(service, host, shown)
            started = self._clock()
            try:
                fetched = self._send_guarded(service, prepared, shown, host, limiter)
            except SourceUnavailable as error:
                self._spend(service, self._clock() - started, shown, check=False)
                # A timeout or refused connection is tried once more, never more: it rarely
                # heals within a run, and every try of a hung host costs a whole timeout.
                if last or attempt >= 1 or isinstance(error, HostDown) or host in self.down_hosts():
                    raise
                self.sleep(self._backoff(attempt))
                continue
            self._spend(service, self._clock() - started, shown, check=False)
            backoff = parse_retry_after(fetched.headers.get("Backoff"))
            if backoff:
                limiter.pause(min(backoff, MAX_WAIT_SECONDS))
            if fetched.status < 400:
                return fetched
            retry_after = parse_retry_after(fetched.headers.get("Retry-After"))
            failure = error_for_status(
                fetched.status,
                service=service.value,
                url=shown,
                retry_after=retry_after,
                body=fetched.body[:_ERROR_BODY_BYTES].decode("utf-8", errors="replace"),
            )
            if last or not is_retryable(fetched.status):
                raise failure
            if retry_after is not None and retry_after > MAX_WAIT_SECONDS:
                raise failure
            if retry_after is not None:
                limiter.pause(retry_after)
                waited_retry_after = True
            pause = retry_after if retry_after is not None else self._backoff(attempt)
            self._spend(service, pause, shown)
            self.sleep(pause)
        raise AssertionError("unreachable: the retry loop returns or raises")  # pragma: no cover

    # -- the circuit breaker and the time budget ----------------------------------------------

    def _send_guarded(
        self,
        service: Service,
        prepared: requests.PreparedRequest,
        shown: str,
        host: str,
        limiter: HostLimiter,
    ) -> _Fetched:
        """Send once, unless the host is down; a failure is counted before the slot is freed.

        Once a host has failed, a request does not go out while another request to it is still
        in flight: that one's outcome decides whether the host is down, and waiting for it costs
        less than a second hung request would.
        """
        with limiter.in_flight:
            with self._lock:
                suspect = bool(self._failures.get(host))
            if suspect:
                with limiter.changed:
                    limiter.changed.wait_for(
                        lambda: limiter.active == 0 or host in self.down_hosts(),
                        timeout=max(1.0, 2 * self.settings.timeout),
                    )
            self._refuse_if_down(service, host, shown)
            # Booked once a slot in flight is held, so the send follows the booking closely.
            self._wait_for_shared_slot(host, limiter.rate)
            with limiter.changed:
                limiter.active += 1
            try:
                return self._send_once(service, prepared, shown)
            except SourceUnavailable as error:
                self._count_failure(host, error)
                raise
            finally:
                with limiter.changed:
                    limiter.active -= 1
                    limiter.changed.notify_all()

    def down_hosts(self) -> dict[str, str]:
        """Hosts marked down and services out of time budget in this run, with why (for the report)."""
        with self._lock:
            return {**self._unreachable, **self._over_budget}

    def spent_seconds(self) -> dict[str, float]:
        """Seconds each service has cost this run so far: time in requests and retry pauses."""
        with self._lock:
            return dict(self._spent)

    def _refuse_if_down(self, service: Service, host: str, shown: str) -> None:
        with self._lock:
            reason = self._unreachable.get(host)
            spent = self._spent.get(service.value, 0.0)
        if reason:
            raise HostDown(reason, service=service.value, url=shown)
        budget = self.budget_for(service)
        if budget and spent >= budget:
            reason = (
                f"{service.value} has used its time budget of {budget:g} s for this run "
                f"({spent:.0f} s spent); it is not asked again (the budget is set by "
                f"CITECHECK_SERVICE_BUDGET or CITECHECK_{service.name}_BUDGET)"
            )
            with self._lock:
                self._over_budget.setdefault(service.value, reason)
            raise HostDown(reason, service=service.value, url=shown)

    def budget_for(self, service: Service) -> float:
        """The seconds this service may cost in one run; 0 means no budget."""
        return self.budgets.get(service.value, self.budgets.get("*", 0.0))

    def _spend(self, service: Service, seconds: float, shown: str, *, check: bool = True) -> None:
        with self._lock:
            self._spent[service.value] = self._spent.get(service.value, 0.0) + max(0.0, seconds)
        if check:
            self._refuse_if_down(service, "", shown)

    def _count_failure(self, host: str, error: SourceError) -> bool:
        """Count a timeout or connection failure of a host; True once the host is marked down."""
        with self._lock:
            failures = self._failures.setdefault(host, [])
            failures.append(str(error))
            if len(failures) >= DOWN_AFTER_FAILURES and host not in self._unreachable:
                kinds = "timeouts" if isinstance(error, SourceTimedOut) else "failures to connect"
                self._unreachable[host] = (
                    f"{host} is down for the rest of this run after {len(failures)} {kinds} "
                    f"(last: {error}); later requests to it are not sent"
                )
            return host in self._unreachable

    def _wait_for_shared_slot(self, host: str, rate: Rate) -> None:
        if self.shared_limiter is None:
            return
        wait = self.shared_limiter.reserve(host, rate)
        if wait > 0:
            self.sleep(wait)

    @staticmethod
    def _backoff(attempt: int) -> float:
        return min(MAX_WAIT_SECONDS, _BACKOFF_BASE_SECONDS * 2.0**attempt)

    def _send_once(
        self, service: Service, prepared: requests.PreparedRequest, shown: str
    ) -> _Fetched:
        with self._lock:
            self._request_count += 1
        limit = self.settings.max_download_bytes
        name = service.value
        try:
            response = self.session.send(
                prepared.copy(), stream=True, timeout=self.settings.timeout, allow_redirects=True
            )
            declared = response.headers.get("Content-Length", "")
            if limit and declared.isdigit() and int(declared) > limit:
                response.close()
                raise _too_large(name, shown, limit, int(declared))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(_CHUNK_BYTES):
                size += len(chunk)
                if limit and size > limit:
                    response.close()
                    raise _too_large(name, shown, limit, None)
                chunks.append(chunk)
        except requests.exceptions.Timeout as error:
            raise SourceTimedOut(
                f"no answer from {shown} within {self.settings.timeout:g} s; the service may be "
                "slow or down (the timeout setting can be raised)",
                service=name,
                url=shown,
            ) from error
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
        ) as error:
            raise SourceUnavailable(
                f"cannot connect for {shown} ({type(error).__name__}); check the network, "
                "or the base URL if one is configured",
                service=name,
                url=shown,
            ) from error
        except requests.exceptions.RequestException as error:
            # An invalid URL or a redirect loop: asking again would not help.
            raise SourceError(
                f"the request for {shown} failed ({type(error).__name__}: {error}); "
                "check the URL or the configured base URL",
                service=name,
                url=shown,
            ) from error
        body = b"".join(chunks)
        # The body has been read here; requests-cache stores whatever ``content`` holds.
        response._content = body
        response._content_consumed = True
        return _Fetched(
            status=response.status_code,
            body=body,
            headers=dict(response.headers),
            url=response.url,
            retrieved_at=_now_iso(),
            from_cache=False,
            response=response,
        )


def _too_large(service: str, url: str, limit: int, declared: int | None) -> ResponseTooLarge:
    said = f" (it declares {declared} bytes)" if declared else ""
    return ResponseTooLarge(
        f"the answer for {url} is over the download limit of {limit} bytes{said}; "
        "raise max_download_bytes if the file is really needed",
        service=service,
        url=url,
    )


def _outcome_of(error: SourceError) -> AttemptOutcome:
    if isinstance(error, NotInCache):
        return AttemptOutcome.OFFLINE
    if isinstance(error, RateLimited):
        return AttemptOutcome.RATE_LIMITED
    if isinstance(error, SourceTimedOut):
        return AttemptOutcome.TIMED_OUT
    if isinstance(error, ServiceError) and error.status in (404, 410):
        return AttemptOutcome.NOT_FOUND
    return AttemptOutcome.FAILED


def open_cache(directory: Path) -> BaseCache:
    """The SQLite response cache in ``directory`` (created if missing); only 200s are stored."""
    directory.mkdir(parents=True, exist_ok=True)
    return response_cache(BoundedSQLiteCache(directory / "http-cache.sqlite"))


def response_cache(backend: BaseCache) -> BaseCache:
    """``backend`` set up as citecheck's response cache: GET answers with status 200, keyed
    without the secret parameters."""
    session = requests_cache.CachedSession(
        backend=backend,
        allowable_codes=(200,),
        allowable_methods=("GET",),
        ignored_parameters=SECRET_PARAMETERS,
    )
    return session.cache
