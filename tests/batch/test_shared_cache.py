"""The HTTP cache the workers share: one per process and place, and never a reason to hang."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

from citecheck import sqlite_cache
from citecheck.batch import cache as shared_cache
from citecheck.batch.cache import open_shared_cache
from citecheck.check import Checker
from citecheck.config import Settings
from citecheck.extract import extract_citations
from citecheck.http import HttpClient
from citecheck.model import FindingCode, Service

URL = "https://openlibrary.org/search.json?q=british+agent"


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_cache, "SQLITE_BUSY_MILLISECONDS", 300)


@pytest.fixture
def client_on_a_locked_cache(tmp_path: Path, short_busy_timeout: None) -> Iterator[HttpClient]:
    """A worker's client on the shared cache, then another process's write transaction left
    open on the cache file, as a stuck writer would."""
    settings = Settings(cache_dir=tmp_path)
    shared_cache.prepare_shared_cache(settings)
    client = HttpClient(settings, cache=open_shared_cache(settings), sleep=lambda _: None)
    holder = sqlite3.connect(tmp_path / "http-cache.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield client
    holder.rollback()
    holder.close()


def test_workers_that_are_threads_of_one_process_share_one_cache_per_place(
    tmp_path: Path,
) -> None:
    here = Settings(cache_dir=tmp_path / "a")
    assert open_shared_cache(here) is open_shared_cache(Settings(cache_dir=tmp_path / "a"))
    assert open_shared_cache(here) is not open_shared_cache(Settings(cache_dir=tmp_path / "b"))


def test_no_cache_is_opened_when_caching_is_off(tmp_path: Path) -> None:
    assert open_shared_cache(Settings(cache_dir=tmp_path, use_cache=False)) is None


def test_a_client_handed_the_shared_cache_leaves_it_open_for_the_other_workers(
    tmp_path: Path,
) -> None:
    settings = Settings(cache_dir=tmp_path)
    cache = open_shared_cache(settings)
    HttpClient(settings, cache=cache).close()
    assert cache is not None
    assert cache.responses.connection  # still usable: count() reads through it
    assert cache.count() == 0


@responses.activate
def test_a_cache_locked_by_a_stuck_writer_costs_the_busy_timeout_not_the_run(
    client_on_a_locked_cache: HttpClient,
) -> None:
    responses.get(URL, json={"numFound": 0, "docs": []})
    client = client_on_a_locked_cache
    answered: list[str] = []
    asking = threading.Thread(
        target=lambda: answered.append(client.get(Service.OPEN_LIBRARY, URL).text), daemon=True
    )
    started = time.monotonic()
    asking.start()
    asking.join(timeout=10)
    assert not asking.is_alive(), "the write to the locked cache never gave up"
    assert time.monotonic() - started < 5
    assert answered and "numFound" in answered[0]
    [problem] = client.cache_problems
    assert problem.startswith(
        "could not keep the answer of GET https://openlibrary.org/search.json"
    )
    assert "locked" in problem


@responses.activate
def test_an_answer_the_cache_could_not_keep_is_asked_again_next_time(
    client_on_a_locked_cache: HttpClient,
) -> None:
    responses.get(URL, json={"numFound": 0, "docs": []})
    client = client_on_a_locked_cache
    client.get(Service.OPEN_LIBRARY, URL)
    client.get(Service.OPEN_LIBRARY, URL)
    assert len(responses.calls) == 2


@responses.activate
def test_the_report_says_that_the_cache_failed_and_what_was_asked_again(
    client_on_a_locked_cache: HttpClient,
) -> None:
    responses.get(URL, json={"numFound": 0, "docs": []})
    client = client_on_a_locked_cache
    client.get(Service.OPEN_LIBRARY, URL)
    checker = Checker(
        settings=client.settings, http=client, catalogs=[], providers=[], full_text_search=None
    )
    report = checker.check_extraction(extract_citations("No quotation here.\n", name="a.txt"))
    [finding] = [f for f in report.findings if "HTTP cache" in f.message]
    assert finding.code is FindingCode.CACHE_FAILED
    assert finding.message.startswith("the HTTP cache failed 1 time(s)")
    assert any("openlibrary.org/search.json" in detail for detail in finding.evidence)
