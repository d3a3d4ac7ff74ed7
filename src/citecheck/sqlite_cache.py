"""requests-cache's SQLite cache, except that a write never waits for ever.

requests-cache takes SQLite's write lock in a loop that never gives up, so one writer stuck in
another process (a batch worker, a second ``citecheck check`` on the same cache) would hang every
other. Here a write waits at most the busy timeout and then fails; the HTTP client then asks the
service, or keeps the answer uncached, and says so.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from requests_cache.backends.base import BaseCache
from requests_cache.backends.sqlite import SQLiteCache, SQLiteDict

SQLITE_BUSY_MILLISECONDS = 5_000
"""How long a write waits for another connection's write to finish. Writes take milliseconds."""


class _BoundedTable(SQLiteDict):
    """requests-cache's SQLite table, whose writes wait for the file's lock at most the busy
    timeout."""

    @contextmanager
    def _acquire_sqlite_lock(self) -> Iterator[None]:
        with self._lock:
            connection = self._connection
            assert connection is not None  # opened by connection(), which calls this
            deadline = time.monotonic() + (self.busy_timeout or 0) / 1000
            while True:
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError:
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(0.01)
            self._active_transaction = True
            try:
                yield
                connection.commit()
            except sqlite3.OperationalError:
                connection.rollback()
                raise
            finally:
                self._active_transaction = False


class BoundedSQLiteCache(SQLiteCache):
    """requests-cache's SQLite cache on tables whose writes give up after the busy timeout, in
    write-ahead-log mode so that readers in other processes do not wait for a writer."""

    def __init__(self, db_path: Path, **kwargs: Any) -> None:
        kwargs.setdefault("wal", True)
        kwargs.setdefault("busy_timeout", SQLITE_BUSY_MILLISECONDS)
        kwargs.setdefault("timeout", kwargs["busy_timeout"] / 1000)
        # SQLiteCache's own __init__ would make (and lock) its unbounded tables first.
        BaseCache.__init__(self, cache_name=str(db_path), **kwargs)
        # The same two tables SQLiteCache makes, sharing one lock as there.
        self.responses = _BoundedTable(db_path, table_name="responses", **kwargs)
        self.redirects = _BoundedTable(
            db_path, table_name="redirects", lock=self.responses._lock, serializer=None, **kwargs
        )
