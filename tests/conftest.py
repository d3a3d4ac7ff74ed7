"""Shared test setup. Sockets are blocked for the whole run (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_SAMPLES = REPO.parent / "shared" / "api-samples"
EXAMPLE_TALK = REPO / "examples" / "truth-about-stalin.txt"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def shared_samples() -> Path:
    """The real recorded service responses; contract tests skip when they are absent."""
    if not SHARED_SAMPLES.is_dir():
        pytest.skip("../shared/api-samples is not present")
    return SHARED_SAMPLES


AtOnce = Callable[[Callable[[], Any]], list[Any]]


@pytest.fixture
def at_once() -> AtOnce:
    """Runs a task on 8 threads released together; returns what each returned."""

    def run(task: Callable[[], Any]) -> list[Any]:
        barrier = threading.Barrier(8)
        found: list[Any] = []

        def one() -> None:
            barrier.wait()
            found.append(task())

        threads = [threading.Thread(target=one) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return found

    return run


@pytest.fixture
def example_talk() -> str:
    return EXAMPLE_TALK.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's cache or config, nor their API keys."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    for name in (
        "CITECHECK_CONTACT",
        "GOOGLE_BOOKS_API_KEY",
        "ZOTERO_API_KEY",
        "CITECHECK_ZOTERO_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
