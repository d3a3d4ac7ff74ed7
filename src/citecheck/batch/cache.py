"""The HTTP cache every worker of a batch shares: Redis, or one SQLite file on a shared disk."""

from __future__ import annotations

from typing import Any

import requests_cache
from requests_cache.backends.base import BaseCache
from requests_cache.backends.redis import RedisCache
from requests_cache.backends.sqlite import SQLiteCache

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.http import SECRET_PARAMETERS, default_cache_dir

REDIS_NAMESPACE = "citecheck:http"
SQLITE_BUSY_MILLISECONDS = 30_000
"""How long a worker waits for another's write to the SQLite cache before it gives up."""


def open_shared_cache(settings: Settings, redis_url: str | None = None) -> BaseCache | None:
    """The cache for every worker (None when caching is off); same keys as ``check``'s own cache.

    The SQLite file is the one ``check`` uses, opened in write-ahead-log mode so that readers in
    other processes do not wait for a writer.
    """
    if not (settings.use_cache or settings.offline):
        return None
    backend: BaseCache
    if redis_url:
        backend = RedisCache(namespace=REDIS_NAMESPACE, connection=_redis_connection(redis_url))
    else:
        directory = settings.cache_dir or default_cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        backend = SQLiteCache(
            directory / "http-cache.sqlite",
            wal=True,
            busy_timeout=SQLITE_BUSY_MILLISECONDS,
            timeout=SQLITE_BUSY_MILLISECONDS / 1000,
        )
    session = requests_cache.CachedSession(
        backend=backend,
        allowable_codes=(200,),
        allowable_methods=("GET",),
        ignored_parameters=SECRET_PARAMETERS,
    )
    return session.cache


def prepare_shared_cache(settings: Settings, redis_url: str | None = None) -> None:
    """Create the cache (and switch SQLite to its write-ahead log) before the workers open it.

    Workers opening a new SQLite file at the same moment would race to create its table and
    change its journal mode, and one of them would find the database locked. A Redis server that
    cannot be reached is said here, once, rather than by every worker.
    """
    if redis_url:
        _check_redis(redis_url)
    cache = open_shared_cache(settings, redis_url)
    if cache is not None:
        cache.close()  # type: ignore[no-untyped-call]


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
