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


def _diary_check(tmp_path: Path, option: str) -> dict[str, object]:
    """A quotation of a diary whose only copy reads "waa" for "was", as OCR misreads it."""
    document = tmp_path / "notes.txt"
    document.write_text(
        'The miller wrote that "The river was high and the wheel turned all night." (p. 12)\n',
        encoding="utf-8",
    )
    diary = tmp_path / "diary.txt"
    diary.write_text(
        "[p. 12]\nThe river waa high and the wheel turned all night.\nHe slept in the mill.\n",
        encoding="utf-8",
    )
    out = tmp_path / f"report{option}.json"
    args = ["check", str(document), option, str(diary), "--offline", "-q"]
    args += ["--cache-dir", str(tmp_path / f"cache{option}"), "--format", "json", "-o", str(out)]
    main(args)
    (verification,) = json.loads(out.read_text(encoding="utf-8"))["verifications"]
    return verification  # type: ignore[no-any-return]


def test_a_file_given_as_ocr_source_has_its_ocr_misreadings_forgiven(tmp_path: Path) -> None:
    found = _diary_check(tmp_path, "--ocr-source")
    assert found["wording"] == "variant"
    assert found["changes"] == []
    assert any("'waa' for 'was'" in note for note in found["notes"])  # type: ignore[attr-defined]


def test_a_file_given_as_source_is_born_digital_and_a_misreading_in_it_is_a_change(
    tmp_path: Path,
) -> None:
    found = _diary_check(tmp_path, "--source")
    assert found["wording"] == "altered"
    assert [(c["document_words"], c["source_words"]) for c in found["changes"]] == [  # type: ignore[attr-defined]
        ("was", "waa")
    ]
