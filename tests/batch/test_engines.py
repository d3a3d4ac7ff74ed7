"""How tasks are handed to an engine: a few ahead of the results, never the whole batch at once."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from batch_world import LOOPBACK

from citecheck.batch import engine as engines
from citecheck.batch.engine import DaskEngine, in_window


def _task(config: object, number: int) -> int:
    time.sleep(0.002)
    return number


def test_at_most_a_window_of_tasks_is_submitted_ahead_of_the_results() -> None:
    submitted = 0

    class CountingPool(ThreadPoolExecutor):
        def submit(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def,override]
            nonlocal submitted
            submitted += 1
            return super().submit(*args, **kwargs)  # type: ignore[arg-type]

    ahead: list[int] = []
    results: list[int] = []
    with CountingPool(max_workers=3) as pool:
        for result in in_window(pool, _task, None, list(range(200)), window=5):
            ahead.append(submitted - len(results))
            results.append(result)

    assert sorted(results) == list(range(200))
    assert max(ahead) <= 5


@LOOPBACK
def test_a_dask_client_holds_a_window_of_futures_not_one_for_every_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engines, "IN_FLIGHT_PER_WORKER", 3)
    engine = DaskEngine(workers=2, processes=False)
    try:
        held: list[int] = []
        results = []
        for result in engine.map_unordered(_task, None, list(range(60))):
            held.append(len(engine.client.futures))
            results.append(result)
    finally:
        engine.close()
    assert sorted(results) == list(range(60))
    # The window of 2 workers x 3, and the scattered configuration.
    assert max(held) <= 2 * 3 + 1
