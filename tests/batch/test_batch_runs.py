"""Whole batches against loopback stand-ins: on a local Dask cluster, a process pool, and Redis.

The stand-ins serve synthetic books (tests/batch/batch_world.py); each document quotes three of
them, one quotation in five with a word changed, so the verdicts a batch must reach are known.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_world import LOOPBACK, World, make_world

from citecheck.batch import DaskEngine, LocalEngine, run_batch
from citecheck.http import DEFAULT_RATES

pytestmark = LOOPBACK


@pytest.fixture(scope="module")
def two_workers() -> Iterator[DaskEngine]:
    """A local Dask cluster of two workers (threads of this process: light on a small machine)."""
    engine = DaskEngine(workers=2, processes=False)
    yield engine
    engine.close()


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines()]


def _wordings(line: dict[str, object]) -> list[str]:
    report = line["report"]
    assert isinstance(report, dict)
    return [v["wording"] for v in report["verifications"]]


def test_every_document_gets_one_line_and_a_broken_file_a_line_with_its_error(
    world: World, two_workers: DaskEngine
) -> None:
    (world.folder / "broken.txt").write_bytes(b"\x00\x01binary, not a document")
    output = world.root / "results.jsonl"

    result = run_batch([world.folder], output, engine=two_workers, settings=world.settings())

    lines = {Path(str(line["path"])).name: line for line in _lines(output)}
    assert len(lines) == len(world.documents) + 1
    broken = lines.pop("broken.txt")
    assert broken["status"] == "error"
    assert "binary" in str(broken["error"])
    assert {line["status"] for line in lines.values()} == {"ok"}
    expected_altered = sum(d.altered for d in world.documents)
    wordings = [w for line in lines.values() for w in _wordings(line)]
    assert wordings.count("altered") == expected_altered
    assert wordings.count("exact") == 3 * len(world.documents) - expected_altered
    assert result.summary.errors[0][0].endswith("broken.txt")


def test_a_word_manuscript_in_the_folder_is_checked_like_the_same_text_and_a_doc_says_why_not(
    world: World, two_workers: DaskEngine, fixtures_dir: Path
) -> None:
    import docx

    text = world.folder / "doc00000.txt"
    manuscript = docx.Document()
    for paragraph in text.read_text(encoding="utf-8").split("\n\n"):
        manuscript.add_paragraph(paragraph.strip())
    manuscript.save(str(world.folder / "doc00000-as-word.docx"))
    shutil.copy(fixtures_dir / "documents" / "manuscript.doc", world.folder / "old.doc")
    output = world.root / "results.jsonl"

    run_batch([world.folder], output, engine=two_workers, settings=world.settings())

    lines = {Path(str(line["path"])).name: line for line in _lines(output)}
    assert lines["doc00000-as-word.docx"]["status"] == "ok"
    assert _wordings(lines["doc00000-as-word.docx"]) == _wordings(lines["doc00000.txt"])
    assert lines["old.doc"]["status"] == "error"
    assert ".docx" in str(lines["old.doc"]["error"])


def test_texts_the_user_owns_are_searched_for_every_document_of_the_batch(
    world: World, two_workers: DaskEngine
) -> None:
    diary = world.root / "diary.txt"
    diary.write_text(
        "The first page of the diary.\f"
        "The river froze early that winter and the mill stood still for a month.\f",
        encoding="utf-8",
    )
    (world.folder / "diary-essay.txt").write_text(
        'In her diary Clara Weller wrote: "The river froze early that winter and the mill '
        'stood still for a month." (p. 2)\n',
        encoding="utf-8",
    )
    without = world.root / "without.jsonl"
    run_batch(
        [world.folder / "diary-essay.txt"], without, engine=two_workers, settings=world.settings()
    )
    with_diary = world.root / "with.jsonl"
    run_batch(
        [world.folder / "diary-essay.txt"],
        with_diary,
        engine=two_workers,
        settings=world.settings(),
        sources=[str(diary)],
    )

    [unchecked] = _lines(without)
    [checked] = _lines(with_diary)
    assert _wordings(unchecked) == ["unverifiable"]
    assert _wordings(checked) == ["exact"]


def test_a_line_carries_the_path_the_content_hash_the_run_time_and_the_json_report(
    world: World, two_workers: DaskEngine
) -> None:
    output = world.root / "results.jsonl"

    run_batch(
        [world.folder / "doc00000.txt"], output, engine=two_workers, settings=world.settings()
    )

    [line] = _lines(output)
    assert line["path"] == str(world.folder / "doc00000.txt")
    assert isinstance(line["sha256"], str) and len(line["sha256"]) == 64
    assert isinstance(line["seconds"], float)
    report = line["report"]
    assert isinstance(report, dict)
    assert report["schema_version"] == 1
    assert report["document"]["name"] == line["path"]


def test_each_distinct_request_reaches_the_services_once_for_the_whole_batch(
    world: World, two_workers: DaskEngine
) -> None:
    result = run_batch(
        [world.folder], world.root / "results.jsonl", engine=two_workers, settings=world.settings()
    )

    assert result.works == len(world.books)
    assert world.counts.total() > len(world.books)
    assert world.counts.repeated() == {}


def test_a_second_run_checks_only_the_documents_that_changed(
    world: World, two_workers: DaskEngine
) -> None:
    output = world.root / "results.jsonl"
    run_batch([world.folder], output, engine=two_workers, settings=world.settings())
    changed = world.folder / "doc00003.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nA closing remark.\n", encoding="utf-8"
    )
    asked = world.counts.total()

    again = run_batch([world.folder], output, engine=two_workers, settings=world.settings())

    assert (again.checked, again.skipped) == (1, len(world.documents) - 1)
    assert world.counts.total() == asked
    lines = _lines(output)
    assert len(lines) == len(world.documents)
    assert sum(1 for line in lines if line["path"] == str(changed)) == 1


def test_retry_failed_checks_again_the_documents_a_failing_service_left_unverified(
    world: World, two_workers: DaskEngine
) -> None:
    output = world.root / "results.jsonl"
    down = world.settings(base_urls={**world.settings().base_urls, **{_ia(): "http://127.0.0.2:9"}})
    first = run_batch([world.folder], output, engine=two_workers, settings=down)
    assert first.summary.statuses == {"failed": len(world.documents)}
    assert first.summary.failed_services[0].service == "internetarchive"

    resumed = run_batch([world.folder], output, engine=two_workers, settings=world.settings())
    retried = run_batch(
        [world.folder], output, engine=two_workers, settings=world.settings(), retry_failed=True
    )

    assert resumed.checked == 0
    assert retried.checked == len(world.documents)
    assert retried.summary.statuses == {"ok": len(world.documents)}


def _ia() -> object:
    from citecheck.model import Service

    return Service.INTERNET_ARCHIVE


def test_a_process_pool_runs_the_same_batch_with_one_coordinating_limiter(tmp_path: Path) -> None:
    for world in make_world(tmp_path, books=3, documents=4):
        engine = LocalEngine(2)
        try:
            result = run_batch(
                [world.folder], tmp_path / "results.jsonl", engine=engine, settings=world.settings()
            )
        finally:
            engine.close()
        assert result.summary.statuses == {"ok": 4}
        assert world.counts.repeated() == {}


def test_four_workers_sharing_a_redis_limiter_never_send_a_service_more_than_its_limit_in_a_second(
    tmp_path: Path, redis_url: str
) -> None:
    import redis

    scale = 6.0
    for world in make_world(tmp_path, books=8, documents=16):
        engine = DaskEngine(workers=4, processes=False)
        try:
            result = run_batch(
                [world.folder],
                tmp_path / "results.jsonl",
                engine=engine,
                settings=world.settings(rate_scale=scale),
                redis_url=redis_url,
            )
        finally:
            engine.close()
        assert result.summary.statuses == {"ok": 16}, result.summary
        limits = {s: int(DEFAULT_RATES[s].per_second * scale) for s in DEFAULT_RATES}
        busiest = {s: world.counts.busiest_second(s) for s in limits if s != "web"}
        assert all(busiest[s] <= limits[s] for s in busiest), (busiest, limits)
        # The limit was what held them back: the archive was asked several seconds' worth.
        asked = len(world.counts.arrivals["internetarchive"])
        assert asked > 3 * limits["internetarchive"], asked
        assert redis.Redis.from_url(redis_url).keys("citecheck:http*")
        assert not (tmp_path / "cache" / "http-cache.sqlite").exists()


def test_an_unexpected_failure_in_one_document_is_its_line_not_the_end_of_the_batch(
    world: World, two_workers: DaskEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citecheck.batch.worker import BatchChecker

    checked = BatchChecker.check_extraction

    def failing_on_one(self: BatchChecker, extraction: object, bib: object) -> object:
        if extraction.document.name.endswith("doc00002.txt"):  # type: ignore[attr-defined]
            raise ZeroDivisionError("a bug met in one document")
        return checked(self, extraction, bib)  # type: ignore[arg-type]

    monkeypatch.setattr(BatchChecker, "check_extraction", failing_on_one)
    output = world.root / "results.jsonl"

    result = run_batch([world.folder], output, engine=two_workers, settings=world.settings())

    assert result.summary.statuses == {"ok": len(world.documents) - 1, "error": 1}
    [(path, error)] = result.summary.errors
    assert path.endswith("doc00002.txt")
    assert "internal error (ZeroDivisionError: a bug met in one document)" in error


def test_the_summary_page_and_reports_written_beside_the_results_are_not_documents(
    world: World, two_workers: DaskEngine
) -> None:
    output = world.folder / "results.jsonl"
    (world.folder / "results.html").write_text("<p>summary</p>", encoding="utf-8")
    (world.folder / "results-reports").mkdir()
    (world.folder / "results-reports" / "000001-doc.html").write_text("<p>r</p>", encoding="utf-8")

    result = run_batch([world.folder], output, engine=two_workers, settings=world.settings())

    assert result.documents == len(world.documents)


def test_a_running_dask_scheduler_named_by_its_address_runs_the_batch(world: World) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        processes=False,
        host="127.0.0.1",
        protocol="tcp://",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as cluster:
        engine = DaskEngine(cluster.scheduler_address)
        try:
            result = run_batch(
                [world.folder],
                world.root / "results.jsonl",
                engine=engine,
                settings=world.settings(),
            )
        finally:
            engine.close()

    assert engine.workers == 2
    assert result.summary.statuses == {"ok": len(world.documents)}
