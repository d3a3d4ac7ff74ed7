"""A rate limit shared by every worker: bookings, their homes (one process, Redis), the HTTP client."""

from __future__ import annotations

import random
import threading
import time
from collections import deque

import pytest
import responses

from citecheck.batch.limiter import (
    SAFETY_SECONDS,
    CoordinatingLimiter,
    RedisLimiter,
    Window,
    book,
    window_for,
)
from citecheck.config import Settings
from citecheck.http import HttpClient, Rate
from citecheck.model import Service


def _most_in_any(times: list[float], seconds: float) -> int:
    times = sorted(times)
    best = start = 0
    for end, at in enumerate(times):
        while times[start] <= at - seconds + 1e-9:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_the_window_never_grants_more_in_a_second_than_the_rate() -> None:
    assert window_for(Rate(2.0, burst=3)) == Window(2, 1.0 + SAFETY_SECONDS)
    assert window_for(Rate(0.5)) == Window(1, 2.0 + SAFETY_SECONDS)
    assert window_for(Rate(2.5)) == Window(2, 1.0 + SAFETY_SECONDS)


def test_no_window_holds_more_bookings_than_the_limit_however_requests_arrive() -> None:
    rng = random.Random(4)
    window = Window(3, 1.1)
    log: deque[float] = deque()
    arrivals = sorted(rng.uniform(0, 5) for _ in range(60))

    sent = [book(log, now, window) for now in arrivals]

    assert all(at >= now for at, now in zip(sent, arrivals, strict=True))
    assert _most_in_any(sent, window.seconds) <= 3
    assert _most_in_any(sent, 1.0) <= 3


def test_requests_arriving_together_go_as_soon_as_the_window_allows() -> None:
    window = Window(2, 1.0)
    log: deque[float] = deque()

    sent = [book(log, 10.0, window) for _ in range(5)]

    assert sent == [10.0, 10.0, 11.0, 11.0, 12.0]


def test_bookings_for_one_host_do_not_hold_up_another() -> None:
    now = [100.0]
    limiter = CoordinatingLimiter(clock=lambda: now[0])
    rate = Rate(1.0)

    waits = [
        limiter.reserve("a:1", rate),
        limiter.reserve("a:1", rate),
        limiter.reserve("b:2", rate),
    ]

    assert waits == [0.0, pytest.approx(1.0 + SAFETY_SECONDS), 0.0]


def test_the_http_client_books_each_request_it_sends_with_the_shared_limiter() -> None:
    booked: list[tuple[str, float]] = []
    slept: list[float] = []

    class Recording:
        def reserve(self, key: str, rate: Rate) -> float:
            booked.append((key, rate.per_second))
            return 0.25

    settings = Settings(use_cache=False, max_retries=0, rate_scale=10.0)
    client = HttpClient(settings, sleep=slept.append, shared_limiter=Recording())
    with responses.RequestsMock() as mock:
        mock.get("https://openlibrary.org/search.json", json={"docs": []})
        client.get(Service.OPEN_LIBRARY, "https://openlibrary.org/search.json", {"q": "x"})
        client.get(Service.OPEN_LIBRARY, "https://openlibrary.org/search.json", {"q": "y"})

    assert booked == [("openlibrary.org", 20.0), ("openlibrary.org", 20.0)]
    assert slept.count(0.25) == 2


pytestmark_redis = pytest.mark.allow_hosts(["127.0.0.1"])


@pytestmark_redis
def test_redis_bookings_from_many_threads_keep_every_window_within_the_limit(
    redis_url: str,
) -> None:
    rate = Rate(5.0)
    limit = window_for(rate).limit
    sent: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        limiter = RedisLimiter(redis_url)
        for _ in range(4):
            wait = limiter.reserve("stand-in:1", rate)
            with lock:
                sent.append(time.time() + wait)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(sent) == 16
    assert _most_in_any(sent, 1.0 + SAFETY_SECONDS / 2) <= limit
    assert max(sent) - min(sent) >= (16 // limit - 1) * 1.0


@pytestmark_redis
def test_redis_bookings_forget_a_host_once_its_window_has_passed(redis_url: str) -> None:
    import redis

    limiter = RedisLimiter(redis_url)
    limiter.reserve("brief:1", Rate(1.0))

    ttl = redis.Redis.from_url(redis_url).pttl("citecheck:rate:brief:1")

    assert 0 < ttl <= 1000 * (1.0 + SAFETY_SECONDS) + 1000
