"""``citecheck batch`` on a folder with a broken file, on a Dask cluster of two worker processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_world import LOOPBACK, World

from citecheck.cli import EXIT_USAGE, main

pytestmark = LOOPBACK


def _point_at(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    for service, base in world.bases.items():
        if service != "web":
            monkeypatch.setenv(f"CITECHECK_{service.upper()}_URL", base)
    monkeypatch.setenv("CITECHECK_IA_FULLTEXT_SEARCH_URL", world.bases["internetarchive"])
    monkeypatch.setenv("CITECHECK_CACHE_DIR", str(world.root / "cache"))
    monkeypatch.setenv("CITECHECK_RATE_SCALE", "50")
    monkeypatch.setenv("CITECHECK_MAX_RETRIES", "0")
    monkeypatch.chdir(world.root)


def test_batch_on_two_dask_workers_writes_a_line_per_document_then_resumes_and_summarises(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _point_at(world, monkeypatch)
    (world.folder / "broken.html").write_bytes(b"\x00\x00\x00")
    output = world.root / "results.jsonl"
    command = [
        "batch",
        str(world.folder),
        "-o",
        str(output),
        "--engine",
        "dask",
        "--workers",
        "2",
        "--quiet",
    ]

    first = main(command)
    first_out = capsys.readouterr()
    again = main([*command, "--format", "html"])
    again_out = capsys.readouterr()

    assert first == again == EXIT_USAGE
    lines = [json.loads(t) for t in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(world.documents) + 1
    assert [line["status"] for line in lines].count("error") == 1
    assert "broken.html" in first_out.out
    assert f"{len(world.documents) + 1} checked" in first_out.err
    assert "0 checked" in again_out.err
    page = (world.root / "results.html").read_text(encoding="utf-8")
    links = {part.split('"')[0] for part in page.split('href="')[1:]}
    assert len(links) == len(world.documents)
    assert all((world.root / link).is_file() for link in links)


def test_batch_without_documents_says_what_to_give() -> None:
    assert main(["batch", "-o", "results.jsonl"]) == EXIT_USAGE


def test_a_resumed_batch_with_nothing_to_do_starts_no_worker_and_prints_its_summary_as_json(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import citecheck.batch
    from citecheck.batch import DaskEngine, run_batch

    output = world.root / "results.jsonl"
    engine = DaskEngine(workers=1, processes=False)
    try:
        run_batch([world.folder], output, engine=engine, settings=world.settings())
    finally:
        engine.close()
    _point_at(world, monkeypatch)

    def no_engine(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a worker was started with nothing to do")

    monkeypatch.setattr(citecheck.batch, "LocalEngine", no_engine)
    status = main(["batch", str(world.folder), "-o", str(output), "--format", "json", "--quiet"])

    summary = json.loads(capsys.readouterr().out)
    assert status == 1  # the altered quotations reach the default --fail-on
    assert summary["documents"] == summary["skipped"] == len(world.documents)
    assert summary["verdicts"]["altered"] == sum(d.altered for d in world.documents)


def test_a_batch_without_a_cache_is_refused_with_what_to_do_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Nothing quoted here.\n", encoding="utf-8")

    status = main(["batch", str(tmp_path), "-o", str(tmp_path / "r.jsonl"), "--no-cache"])

    assert status == EXIT_USAGE
    assert "use a fresh --cache-dir" in capsys.readouterr().err


def test_a_redis_server_that_cannot_be_reached_is_said_once_before_any_work(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _point_at(world, monkeypatch)
    command = ["batch", str(world.folder), "-o", str(world.root / "r.jsonl")]

    status = main([*command, "--workers", "1", "--redis", "redis://127.0.0.1:9/0"])

    assert status == EXIT_USAGE
    assert "cannot reach Redis at redis://127.0.0.1:9/0" in capsys.readouterr().err


def test_a_text_the_user_owns_checks_a_quotation_no_catalog_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "letters.txt").write_text(
        "Dear sister, we are all well.\f"
        "We reached the coast at last, tired and glad of the rain.\f",
        encoding="utf-8",
    )
    (tmp_path / "essays").mkdir()
    (tmp_path / "essays" / "a.txt").write_text(
        'Her brother wrote home: "We reached the coast at last, tired and glad of the rain." '
        "(p. 2)\n",
        encoding="utf-8",
    )
    command = ["batch", "essays", "-o", "r.jsonl", "--workers", "1", "--quiet", "--offline"]

    status = main([*command, "--source", "letters.txt", "--format", "json"])

    summary = json.loads(capsys.readouterr().out)
    assert status == 0
    assert {verdict for verdict, count in summary["verdicts"].items() if count} == {"exact"}
