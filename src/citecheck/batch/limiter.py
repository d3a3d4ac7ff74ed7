"""Rate limits that hold for a whole batch, however many workers send requests.

Every worker keeps its own per-host limiter (``citecheck.http``); on top of it each request is
booked with one limiter shared by all workers. A booking says when the request may go: the
earliest moment at which no window of ``window`` seconds holds more than ``limit`` bookings
(a sliding-window log). The caller sleeps once for that long, instead of polling.

Three homes for the same bookings:

- :class:`RedisLimiter`: the log lives in Redis and is booked by one Lua script on Redis's own
  clock, so workers on several machines agree (``--redis URL``);
- :class:`CoordinatingLimiter` served by a multiprocessing manager (``--engine local``) or as a
  Dask actor (``--engine dask`` without Redis): one process books for everyone.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from citecheck.http import Rate

SAFETY_SECONDS = 0.1
"""Added to each window: a request leaves a little after its booked moment (a process switch, a
connection being opened), and must still not fall into the next window's count."""


@dataclass(frozen=True, slots=True)
class Window:
    """At most ``limit`` requests in any ``seconds``."""

    limit: int
    seconds: float


def window_for(rate: Rate) -> Window:
    """The window that keeps to ``rate`` in every second: 2/s -> 2 per 1.1 s, 0.5/s -> 1 per 2.1 s.

    The window is never shorter than a second, so no calendar second sees more than
    ``floor(per_second)`` requests (at least one); the burst of the per-worker limiter is not
    granted cluster-wide.
    """
    per_second = max(rate.per_second, 1e-6)
    limit = max(1, math.floor(per_second))
    return Window(limit, max(1.0, limit / per_second) + SAFETY_SECONDS)


def book(log: deque[float], now: float, window: Window) -> float:
    """Book one request in ``log`` (booked times, oldest first); the moment it may be sent."""
    at = now
    if len(log) >= window.limit:
        at = max(at, log[-window.limit] + window.seconds)
    if log:
        at = max(at, log[-1])
    log.append(at)
    while len(log) > window.limit:
        log.popleft()
    return at


class CoordinatingLimiter:
    """Bookings for every worker, kept in one process (a manager's or a Dask actor's)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._logs: dict[str, deque[float]] = {}

    def reserve(self, key: str, rate: Rate) -> float:
        """Book one request to ``key``; the seconds to wait before sending it."""
        window = window_for(rate)
        with self._lock:
            now = self._clock()
            log = self._logs.setdefault(key, deque())
            return book(log, now, window) - now

    def reserve_at(self, key: str, per_second: float) -> float:
        """:meth:`reserve` with the rate as a plain number (what a proxy or an actor is sent)."""
        return self.reserve(key, Rate(per_second))


class RemoteLimiter:
    """A worker's handle on a :class:`CoordinatingLimiter` in another process.

    Either a multiprocessing proxy (``remote``), or a Dask actor named by its key and the address
    of the worker holding it; an actor's handle is made on the worker, in the task's thread
    (:meth:`bind`), because only there does Dask know which worker it is on.
    """

    def __init__(
        self,
        remote: Any = None,
        *,
        actor_key: str | None = None,
        actor_address: str | None = None,
    ) -> None:
        self.remote = remote
        self.actor_key = actor_key
        self.actor_address = actor_address

    def bind(self) -> None:
        """Make the actor's handle for this worker (call it from a task)."""
        if self.actor_key is None or self.remote is not None:
            return
        import distributed

        actor: Any = distributed.Actor
        self.remote = actor(
            CoordinatingLimiter, self.actor_address, self.actor_key, worker=distributed.get_worker()
        )

    def reserve(self, key: str, rate: Rate) -> float:
        """Book one request to ``key`` with the coordinating process; seconds to wait."""
        if self.remote is None:
            self.bind()
        answer = self.remote.reserve_at(key, rate.per_second)
        # A Dask actor answers with a future; a manager's proxy answers at once.
        return float(answer.result() if self.actor_key is not None else answer)

    def __getstate__(self) -> dict[str, Any]:
        remote = None if self.actor_key is not None else self.remote
        return {"remote": remote, "actor_key": self.actor_key, "actor_address": self.actor_address}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.remote = state["remote"]
        self.actor_key = state["actor_key"]
        self.actor_address = state["actor_address"]


_BOOK_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local n = redis.call('LLEN', KEYS[1])
local at = now
if n >= limit then
  at = math.max(at, tonumber(redis.call('LINDEX', KEYS[1], -limit)) + window)
end
if n > 0 then
  at = math.max(at, tonumber(redis.call('LINDEX', KEYS[1], -1)))
end
redis.call('RPUSH', KEYS[1], string.format('%.6f', at))
redis.call('LTRIM', KEYS[1], -limit, -1)
redis.call('PEXPIRE', KEYS[1], math.ceil((at - now + window) * 1000) + 1000)
return string.format('%.6f', at - now)
"""
"""The same booking as :func:`book`, atomic in Redis. The reply is a string: Lua numbers would
come back as integers. Redis 5 and later replicate a script's effects, so TIME may be read."""


class RedisLimiter:
    """Bookings kept in Redis (one list per host), shared by every worker on every machine."""

    def __init__(self, url: str, *, prefix: str = "citecheck:rate:") -> None:
        import redis

        self.url = url
        self.prefix = prefix
        self._redis = redis.Redis.from_url(url)
        self._book = self._redis.register_script(_BOOK_SCRIPT)

    def reserve(self, key: str, rate: Rate) -> float:
        """Book one request to ``key`` in Redis; the seconds to wait before sending it."""
        window = window_for(rate)
        answer = self._book(keys=[self.prefix + key], args=[window.limit, window.seconds])
        return float(answer)
