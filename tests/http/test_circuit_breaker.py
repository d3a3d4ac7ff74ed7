"""A host that hangs or refuses is given up after two failures; a service has a time budget per run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
import responses

from citecheck.config import Settings
from citecheck.errors import ConfigError, HostDown, SourceTimedOut, SourceUnavailable
from citecheck.http import DEFAULT_SERVICE_BUDGET_SECONDS, HttpClient, service_budgets
from citecheck.model import Service

IA = Service.INTERNET_ARCHIVE
META = "https://archive.org/metadata/stalinmanofhisto00grey"
OTHER = "https://archive.org/advancedsearch.php"
OL = "https://openlibrary.org/search.json"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def client(tmp_path: Path, budgets: dict[str, float] | None = None) -> tuple[HttpClient, Clock]:
    clock = Clock()
    http = HttpClient(
        Settings(cache_dir=tmp_path / "cache", max_retries=4, timeout=20.0),
        sleep=clock.sleep,
        clock=clock,
        budgets=budgets if budgets is not None else {"*": 0.0},
    )
    return http, clock


@responses.activate
def test_a_timeout_is_tried_once_more_and_no_more(tmp_path: Path) -> None:
    responses.get(META, body=requests.exceptions.ReadTimeout("timed out"))
    http, _ = client(tmp_path)
    with pytest.raises(SourceTimedOut):
        http.get_json(IA, META)
    assert len(responses.calls) == 2


@responses.activate
def test_after_two_timeouts_the_host_is_down_and_not_asked_again(tmp_path: Path) -> None:
    responses.get(META, body=requests.exceptions.ReadTimeout("timed out"))
    responses.get(OTHER, json={"response": {"docs": []}})
    http, _ = client(tmp_path)
    with pytest.raises(SourceTimedOut):
        http.get_json(IA, META)
    with pytest.raises(HostDown, match="down for the rest of this run after 2 timeouts"):
        http.get_json(IA, OTHER)
    assert len(responses.calls) == 2
    assert "archive.org" in http.down_hosts()


@responses.activate
def test_a_refused_connection_counts_like_a_timeout(tmp_path: Path) -> None:
    responses.get(META, body=requests.exceptions.ConnectionError("refused"))
    http, _ = client(tmp_path)
    with pytest.raises(SourceUnavailable):
        http.get_json(IA, META)
    with pytest.raises(HostDown, match="failures to connect"):
        http.get_json(IA, META)
    assert len(responses.calls) == 2


@responses.activate
def test_a_down_host_does_not_take_other_hosts_with_it(tmp_path: Path) -> None:
    responses.get(META, body=requests.exceptions.ReadTimeout("timed out"))
    responses.get(OL, json={"docs": [], "numFound": 0})
    http, _ = client(tmp_path)
    with pytest.raises(SourceTimedOut):
        http.get_json(IA, META)
    assert http.get_json(Service.OPEN_LIBRARY, OL)[0] == {"docs": [], "numFound": 0}


@responses.activate
def test_one_timeout_then_an_answer_keeps_the_host_up(tmp_path: Path) -> None:
    responses.get(META, body=requests.exceptions.ReadTimeout("timed out"))
    responses.get(META, json={"metadata": {}})
    http, _ = client(tmp_path)
    assert http.get_json(IA, META)[0] == {"metadata": {}}
    assert http.down_hosts() == {}


@responses.activate
def test_a_service_over_its_time_budget_is_not_asked_again(tmp_path: Path) -> None:
    responses.get(OL, status=503, headers={"Retry-After": "30"})
    http, _clock = client(tmp_path, budgets={"openlibrary": 45.0})
    with pytest.raises(HostDown, match="time budget of 45 s"):
        http.get_json(Service.OPEN_LIBRARY, OL)
    asked = len(responses.calls)
    with pytest.raises(HostDown, match="time budget"):
        http.get_json(Service.OPEN_LIBRARY, OL + "?q=again")
    assert len(responses.calls) == asked
    assert "openlibrary" in http.down_hosts()


def test_budgets_come_from_the_environment() -> None:
    budgets = service_budgets(
        {"CITECHECK_SERVICE_BUDGET": "90", "CITECHECK_INTERNET_ARCHIVE_BUDGET": "30"}
    )
    assert budgets == {"*": 90.0, "internetarchive": 30.0}


def test_the_default_budget_applies_to_every_service() -> None:
    assert service_budgets({}) == {"*": DEFAULT_SERVICE_BUDGET_SECONDS}


def test_a_budget_that_is_not_a_number_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="CITECHECK_SERVICE_BUDGET"):
        service_budgets({"CITECHECK_SERVICE_BUDGET": "soon"})


def test_requests_queued_behind_a_hung_host_are_not_sent_once_it_is_down(tmp_path: Path) -> None:
    import threading
    import time

    calls: list[float] = []

    def hang(_request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        calls.append(time.monotonic())
        time.sleep(0.2)
        raise requests.exceptions.ReadTimeout("timed out")

    http = HttpClient(
        Settings(cache_dir=tmp_path / "cache", max_retries=4, timeout=1.0),
        sleep=lambda _s: None,
        budgets={"*": 0.0},
    )
    errors: list[Exception] = []

    def ask(number: int) -> None:
        try:
            http.get_json(IA, f"{META}?n={number}")
        except SourceUnavailable as error:
            errors.append(error)

    with responses.RequestsMock() as mock:
        mock.add_callback(responses.GET, re.compile(r"https://archive\.org/.*"), callback=hang)
        threads = [threading.Thread(target=ask, args=(n,)) for n in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # The Archive takes two requests in flight; the two that hang put it down for the rest.
    assert len(calls) == 2
    assert len(errors) == 5
    assert sum(isinstance(e, HostDown) for e in errors) >= 3
