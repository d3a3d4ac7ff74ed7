"""`citecheck check --format ... --fail-on ...` on the example talk, through the stand-in services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from citecheck.cli import main
from citecheck.report.json import load_report

REPO = Path(__file__).resolve().parents[2]
TALK = REPO / "examples" / "truth-about-stalin.txt"
BIB = REPO / "references.bib"


@pytest.fixture(autouse=True)
def _no_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-ins answer at once: retries and polite per-host rates would only wait."""
    monkeypatch.setenv("CITECHECK_MAX_RETRIES", "0")
    monkeypatch.setenv("CITECHECK_RATE_SCALE", "1000")


def check_talk(tmp_path: Path, *options: str) -> tuple[int, Path]:
    out = tmp_path / "report.out"
    args = [
        "check",
        str(TALK),
        "--bib",
        str(BIB),
        "--cache-dir",
        str(tmp_path / "cache"),
        "-o",
        str(out),
    ]
    return main([*args, *options]), out


def test_the_talk_fails_the_default_levels(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    status, out = check_talk(tmp_path, "--format", "json")
    assert status == 1
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_a_saved_json_report_loads_back(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    _status, out = check_talk(tmp_path, "--format", "json")
    assert len(load_report(out.read_text(encoding="utf-8")).verifications) == 13


def test_the_talk_passes_when_only_spliced_quotations_fail(
    tmp_path: Path, talk_services: responses.RequestsMock
) -> None:
    status, out = check_talk(tmp_path, "--fail-on", "spliced", "--format", "markdown")
    assert status == 0
    assert out.read_text(encoding="utf-8").startswith("## citecheck:")


def test_an_unknown_fail_on_level_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out = check_talk(tmp_path, "--fail-on", "altred")
    assert status == 2
    assert "altred" in capsys.readouterr().err


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    from citecheck.cli.check_cmd import wants_colour

    assert wants_colour(True, {})
    assert not wants_colour(False, {})
    assert not wants_colour(True, {"NO_COLOR": "1"})
    assert not wants_colour(True, {"TERM": "dumb"})
