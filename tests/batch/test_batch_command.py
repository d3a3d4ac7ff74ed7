"""``citecheck batch`` on a folder with a broken file, on a Dask cluster of two worker processes."""

from __future__ import annotations

import json

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
