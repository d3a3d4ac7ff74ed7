"""The HTTP cache every worker of a batch shares: Redis, or one SQLite file on a shared disk."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from requests_cache.backends.base import BaseCache

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.http import default_cache_dir, open_cache, response_cache

REDIS_NAMESPACE = "citecheck:http"
_OPEN: dict[tuple[int, str], BaseCache] = {}
_OPEN_LOCK = threading.Lock()


def open_shared_cache(settings: Settings, redis_url: str | None = None) -> BaseCache | None:
    """The cache for every worker (None when caching is off); same keys as ``check``'s own cache.

    One cache object per process and place: workers that are threads of one process (a Dask
    worker's threads, a local cluster without processes) share its connections, whose writes
    requests-cache serialises, instead of queueing on SQLite's file lock against each other.
    The SQLite file is the one ``check`` uses.
    """
    if not (settings.use_cache or settings.offline):
        return None
    place = redis_url or str(_sqlite_path(settings).resolve())
    with _OPEN_LOCK:
        cache = _OPEN.get((os.getpid(), place))
        if cache is None:
            cache = _open_backend(settings, redis_url)
            _OPEN[(os.getpid(), place)] = cache
        return cache


def _open_backend(settings: Settings, redis_url: str | None) -> BaseCache:
    if redis_url:
        # Redis is an optional dependency (the `batch` extra): imported only when asked for.
        from requests_cache.backends.redis import RedisCache

        return response_cache(
            RedisCache(namespace=REDIS_NAMESPACE, connection=_redis_connection(redis_url))
        )
    return open_cache(_sqlite_path(settings).parent)


def _sqlite_path(settings: Settings) -> Path:
    return (settings.cache_dir or default_cache_dir()) / "http-cache.sqlite"


def prepare_shared_cache(settings: Settings, redis_url: str | None = None) -> None:
    """Create the cache (and switch SQLite to its write-ahead log) before the workers open it.

    Workers opening a new SQLite file at the same moment would race to create its table and
    change its journal mode, and one of them would find the database locked. A Redis server that
    cannot be reached is said here, once, rather than by every worker.
    """
    if redis_url:
        _check_redis(redis_url)
    if settings.use_cache or settings.offline:
        _open_backend(settings, redis_url).close()  # type: ignore[no-untyped-call]


def _check_redis(url: str) -> None:
    try:
        import redis
    except ImportError:
        raise ConfigError(
            "--redis needs the redis package: pip install 'citecheck-quotes[batch]'"
        ) from None
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as error:
        raise ConfigError(f"cannot reach Redis at {url} ({error})") from None


def _redis_connection(url: str) -> Any:
    import redis

    class Connection(redis.Redis):
        # requests-cache stores with SETEX, which redis-py 6 and later deprecate: SET with EX is
        # the same command to the server.
        def setex(self, name: Any, time: Any, value: Any) -> Any:
            return self.set(name, value, ex=time)

    return Connection.from_url(url)
