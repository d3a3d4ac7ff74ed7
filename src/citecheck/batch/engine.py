"""Where a batch's tasks run: a process pool on this machine, or a Dask cluster.

Both engines offer the same two things: ``map_unordered(task, config, items)``, which yields each
task's result as it finishes, and ``coordinating_limiter()``, one rate limiter every worker books
with when no Redis is given (a multiprocessing manager's object, or a Dask actor). Scheduling is
theirs: citecheck only submits tasks.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from itertools import islice
from multiprocessing.managers import BaseManager
from typing import Any, Protocol, TypeVar

from citecheck.batch.limiter import CoordinatingLimiter, RemoteLimiter
from citecheck.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 8
"""Tasks handed out ahead of the results, per worker: enough that no worker waits for work, few
enough that a million documents are not a million tasks held at once."""


class Engine(Protocol):
    workers: int

    def map_unordered(
        self, task: Callable[..., R], config: object, items: Sequence[Any]
    ) -> Iterator[R]: ...

    def coordinating_limiter(self) -> RemoteLimiter: ...

    def close(self) -> None: ...


class _LimiterManager(BaseManager):
    pass


_LimiterManager.register("CoordinatingLimiter", CoordinatingLimiter, exposed=("reserve_at",))


class LocalEngine:
    """A pool of ``workers`` processes on this machine (started fresh, not forked)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=self._context)
        self._manager: _LimiterManager | None = None

    def map_unordered(
        self, task: Callable[..., R], config: object, items: Sequence[Any]
    ) -> Iterator[R]:
        yield from in_window(self._pool, task, config, items, self.workers * IN_FLIGHT_PER_WORKER)

    def coordinating_limiter(self) -> RemoteLimiter:
        if self._manager is None:
            self._manager = _LimiterManager(ctx=self._context)
            self._manager.start()
        return RemoteLimiter(self._manager.CoordinatingLimiter())  # type: ignore[attr-defined]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._manager is not None:
            self._manager.shutdown()


class DaskEngine:
    """Tasks on a Dask cluster: the scheduler at ``scheduler``, else a LocalCluster of ``workers``.

    ``processes=False`` runs the local cluster's workers as threads of this process (for tests
    and small machines); each still has its own client and limiter state.
    """

    def __init__(
        self, scheduler: str | None = None, *, workers: int = 2, processes: bool = True
    ) -> None:
        try:
            import distributed
        except ImportError as error:
            raise ConfigError(
                "--engine dask needs dask.distributed: pip install 'citecheck-quotes[batch]'"
            ) from error
        dask: Any = distributed
        self._cluster: Any = None
        self._limiter: Any = None
        self.client: Any
        if scheduler:
            try:
                self.client = dask.Client(scheduler, timeout=30)
            except OSError as error:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler} ({error})"
                ) from error
        else:
            self._cluster = dask.LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=processes,
                # On loopback: a local cluster needs no other interface, nor a look for one.
                host="127.0.0.1",
                protocol="tcp://",
                dashboard_address=None,
                # The scheduler's health and metrics pages still need a port: any free one.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
            self.client = dask.Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map_unordered(
        self, task: Callable[..., R], config: object, items: Sequence[Any]
    ) -> Iterator[R]:
        import distributed

        dask_completed: Any = distributed.as_completed

        [shared] = self.client.scatter([config], broadcast=True, hash=False)
        waiting = iter(items)
        running = dask_completed()
        for item in islice(waiting, self.workers * IN_FLIGHT_PER_WORKER):
            running.add(self.client.submit(task, shared, *_as_args(item), pure=False))
        for future in running:
            yield future.result()
            future.release()
            for item in islice(waiting, 1):
                running.add(self.client.submit(task, shared, *_as_args(item), pure=False))

    def coordinating_limiter(self) -> RemoteLimiter:
        # The future is kept: the actor lives as long as someone holds it.
        self._limiter = self.client.submit(CoordinatingLimiter, actor=True)
        self._limiter.result()
        [address] = self.client.who_has([self._limiter])[self._limiter.key]
        return RemoteLimiter(actor_key=self._limiter.key, actor_address=address)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def in_window(
    executor: Executor,
    task: Callable[..., R],
    config: object,
    items: Sequence[Any],
    window: int,
) -> Iterator[R]:
    """``task(config, *item)`` for each item on ``executor``, results as they finish, with at
    most ``window`` tasks submitted and not yet finished."""
    waiting = iter(items)
    running: set[Future[R]] = {
        executor.submit(task, config, *_as_args(item)) for item in islice(waiting, window)
    }
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
        for item in islice(waiting, len(finished)):
            running.add(executor.submit(task, config, *_as_args(item)))


def _as_args(item: Any) -> tuple[Any, ...]:
    return item if isinstance(item, tuple) else (item,)


def chunks(items: Sequence[T], count: int) -> list[list[T]]:
    """``items`` in about ``count`` slices of neighbouring items (none empty)."""
    if not items:
        return []
    size = max(1, -(-len(items) // max(1, count)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
