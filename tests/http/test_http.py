"""The one HTTP client: cache, retries, politeness, limits, and failures turned into SourceErrors."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import responses

from citecheck.config import Settings
from citecheck.errors import (
    MalformedResponse,
    NotInCache,
    RateLimited,
    ResponseTooLarge,
    ServiceError,
    SourceUnavailable,
)
from citecheck.http import HostRate, HttpClient, retry_after_seconds
from citecheck.model import AttemptOutcome, Service

OL = Service.OPEN_LIBRARY
URL = "https://openlibrary.org/search.json"


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(tmp_path: Path, **settings: object) -> tuple[HttpClient, Sleeps]:
    sleeps = Sleeps()
    values: dict[str, object] = {"cache_dir": tmp_path / "cache", "max_retries": 3}
    values.update(settings)
    return HttpClient(Settings(**values), sleep=sleeps), sleeps  # type: ignore[arg-type]


@responses.activate
def test_a_second_identical_request_is_answered_from_the_cache(tmp_path: Path) -> None:
    responses.get(URL, json={"docs": []})
    http, _ = client(tmp_path)

    first = http.get_json(OL, URL, {"q": "stalin"})[1]
    second = http.get_json(OL, URL, {"q": "stalin"})[1]

    assert len(responses.calls) == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert http.request_count == 1


@responses.activate
def test_error_answers_are_never_cached(tmp_path: Path) -> None:
    responses.get(URL, status=404)
    responses.get(URL, json={"docs": []})
    http, _ = client(tmp_path)

    with pytest.raises(ServiceError):
        http.get_json(OL, URL)
    assert http.get_json(OL, URL)[0] == {"docs": []}
    assert len(responses.calls) == 2


@responses.activate
def test_offline_answers_from_the_cache_and_names_what_it_cannot_answer(tmp_path: Path) -> None:
    responses.get(URL, json={"docs": [1]})
    online, _ = client(tmp_path)
    online.get_json(OL, URL, {"q": "a"})
    offline, _ = client(tmp_path, offline=True)

    assert offline.get_json(OL, URL, {"q": "a"})[0] == {"docs": [1]}
    with pytest.raises(NotInCache, match="q=b"):
        offline.get_json(OL, URL, {"q": "b"})
    assert len(responses.calls) == 1
    assert offline.attempts[-1].outcome == AttemptOutcome.OFFLINE


@responses.activate
def test_refresh_asks_the_service_again(tmp_path: Path) -> None:
    responses.get(URL, json={"v": 1})
    responses.get(URL, json={"v": 2})
    client(tmp_path)[0].get_json(OL, URL)
    refreshed, _ = client(tmp_path, refresh=True)

    assert refreshed.get_json(OL, URL)[0] == {"v": 2}


@responses.activate
def test_429_waits_as_long_as_retry_after_says_then_succeeds(tmp_path: Path) -> None:
    responses.get(URL, status=429, headers={"Retry-After": "7"})
    responses.get(URL, json={"ok": True})
    http, sleeps = client(tmp_path)

    assert http.get_json(OL, URL)[0] == {"ok": True}
    assert 7.0 in sleeps


@responses.activate
def test_429_that_never_ends_becomes_rate_limited_with_the_wait_asked(tmp_path: Path) -> None:
    responses.get(URL, status=429, headers={"Retry-After": "2"})
    http, _ = client(tmp_path, max_retries=2)

    with pytest.raises(RateLimited) as raised:
        http.get_json(OL, URL)
    assert raised.value.retry_after == 2.0
    assert len(responses.calls) == 3
    assert http.attempts[-1].outcome == AttemptOutcome.RATE_LIMITED


@responses.activate
def test_a_retry_after_far_in_the_future_is_not_waited_for(tmp_path: Path) -> None:
    responses.get(URL, status=429, headers={"Retry-After": "3600"})
    http, sleeps = client(tmp_path)

    with pytest.raises(RateLimited):
        http.get_json(OL, URL)
    assert len(responses.calls) == 1
    assert 3600.0 not in sleeps


@responses.activate
def test_a_backoff_header_holds_the_next_request_back(tmp_path: Path) -> None:
    responses.get(URL, json={}, headers={"Backoff": "30"})
    responses.get(URL + "?q=2", json={})
    http, sleeps = client(tmp_path, use_cache=False)

    http.get_json(OL, URL)
    http.get_json(OL, URL, {"q": "2"})

    assert any(s > 29 for s in sleeps)


@responses.activate
def test_server_errors_are_retried_with_backoff_then_reported(tmp_path: Path) -> None:
    responses.get(URL, status=503)
    http, sleeps = client(tmp_path, max_retries=2)

    with pytest.raises(ServiceError) as raised:
        http.get_json(OL, URL)
    assert raised.value.status == 503
    assert len(responses.calls) == 3
    assert sleeps == [0.5, 1.0]


@responses.activate
def test_a_timeout_becomes_source_unavailable_after_the_retries(tmp_path: Path) -> None:
    responses.get(URL, body=requests.Timeout("slow"))
    http, _ = client(tmp_path, max_retries=1, timeout=3)

    with pytest.raises(SourceUnavailable, match="3 s"):
        http.get_json(OL, URL)
    assert len(responses.calls) == 2


@responses.activate
def test_a_host_that_cannot_be_reached_is_not_asked_again_in_the_run(tmp_path: Path) -> None:
    responses.get(URL, body=requests.ConnectionError("refused"))
    http, _ = client(tmp_path, max_retries=4)

    with pytest.raises(SourceUnavailable):
        http.get_json(OL, URL)
    with pytest.raises(SourceUnavailable, match="down for the rest of this run"):
        http.get_json(OL, URL, {"q": "other"})
    assert len(responses.calls) == 2


@responses.activate
def test_a_body_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    responses.get(URL, body=b"x" * 5000)
    http, _ = client(tmp_path, max_download_bytes=1000)

    with pytest.raises(ResponseTooLarge):
        http.get_text(OL, URL)


@responses.activate
def test_a_body_that_is_not_json_is_malformed(tmp_path: Path) -> None:
    responses.get(URL, body="<html>maintenance</html>")
    http, _ = client(tmp_path)

    with pytest.raises(MalformedResponse, match="maintenance"):
        http.get_json(OL, URL)


@responses.activate
def test_the_user_agent_names_citecheck_and_the_contact(tmp_path: Path) -> None:
    responses.get(URL, json={})
    http, _ = client(tmp_path, contact="editor@example.org")

    http.get_json(OL, URL)

    agent = responses.calls[0].request.headers["User-Agent"]
    assert agent.startswith("citecheck/")
    assert "mailto:editor@example.org" in agent


@responses.activate
def test_requests_to_one_host_are_spaced_by_its_rate(tmp_path: Path) -> None:
    responses.get(URL, json={})
    sleeps = Sleeps()
    http = HttpClient(
        Settings(use_cache=False),
        sleep=sleeps,
        clock=lambda: 0.0,
        rates={"openlibrary.org": HostRate(per_second=2.0, burst=1, concurrency=1)},
    )

    for q in range(3):
        http.get_json(OL, URL, {"q": str(q)})

    assert sleeps == [0.5, 1.0]


def test_retry_after_may_be_seconds_or_an_http_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Sat, 28 Nov 2026 12:01:00 GMT", now) == 60.0
    assert retry_after_seconds("soon") is None
