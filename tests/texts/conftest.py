"""Shared setup of the text-provider tests: the fixture folder and an HTTP client that never waits."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import Settings
from citecheck.http import HttpClient

TEXT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "texts"


@pytest.fixture
def texts_dir() -> Path:
    return TEXT_FIXTURES


@pytest.fixture
def http(tmp_path: Path) -> HttpClient:
    """A real client without cache, retries or waiting, so fault tests neither sleep nor repeat."""
    return HttpClient(
        Settings(use_cache=False, max_retries=0, timeout=5.0, cache_dir=tmp_path / "cache"),
        sleep=lambda _seconds: None,
    )
