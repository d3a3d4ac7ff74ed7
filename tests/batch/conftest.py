"""Batch runs against loopback stand-ins, on a local Dask cluster and a real Redis server.

Sockets stay blocked except to the loopback addresses of the stand-ins and of Redis (tests mark
themselves with ``LOOPBACK``). ``scripts/test`` starts a Redis server of its own and gives its URL
in ``CITECHECK_TEST_REDIS_URL``; without it the tests that need Redis are skipped and say why.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from batch_world import World, make_world

REDIS_URL_VARIABLE = "CITECHECK_TEST_REDIS_URL"


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The test Redis server, emptied before and after the test."""
    url = os.environ.get(REDIS_URL_VARIABLE)
    if not url:
        pytest.skip(
            f"{REDIS_URL_VARIABLE} is not set: scripts/test starts a Redis server for these tests"
        )
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """Six books, twelve documents quoting three each, the stand-ins answering at once."""
    yield from make_world(tmp_path)
