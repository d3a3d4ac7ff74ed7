"""``citecheck extract``: the table, the JSON, the bibliography link, messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck import cli
from citecheck.cli import extract_cmd, main

PASSAGE = (
    'Ian Grey in his book "Stalin - Man of History" wrote:-\n\n'
    '"The redistribution of industry led to a second coal and steel industry." (page 253)\n'
)
BIB = """@book{grey1979,
  author = {Grey, Ian},
  title = {Stalin, Man of History},
  year = {1979},
}
"""


@pytest.fixture(autouse=True)
def _only_the_extract_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command is tested on its own, through main's error handling and exit codes."""
    monkeypatch.setattr(cli, "_command_modules", lambda: [extract_cmd])


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "talk.txt"
    path.write_text(PASSAGE, encoding="utf-8")
    return path


def test_table_lists_each_quotation_with_speaker_work_and_locator(
    document: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(document)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("q2"))
    assert (
        "block" in row
        and "Ian Grey" in row
        and "Stalin - Man of History" in row
        and "page 253" in row
    )
    assert out.rstrip().endswith("2 quotations (1 block, 1 title)")


def test_json_carries_the_same_citations(
    document: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(document), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    second = data["citations"][1]
    assert second["id"] == "q2"
    assert second["attribution"]["speaker"] == "Ian Grey"
    assert second["locator"]["first"] == "253"
    assert second["quotation"]["kind"] == "block"


def test_bib_key_of_the_linked_entry_is_shown(
    document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text(BIB, encoding="utf-8")
    assert main(["extract", str(document), "--bib", str(bib)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("q2"))
    assert "grey1979" in row


def test_malformed_bib_problems_are_printed_and_extraction_goes_on(
    document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@book{broken,\n  title = {Unclosed\n\n" + BIB, encoding="utf-8")
    assert main(["extract", str(document), "--bib", str(bib)]) == 0
    captured = capsys.readouterr()
    assert "references.bib" in captured.err
    assert "q2" in captured.out


def test_unreadable_input_exits_2_with_a_message_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert "empty.txt: the file is empty" in err
    assert "Traceback" not in err


def test_unclosed_quotation_is_reported_on_stderr_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(
        'He said "this never closes.\n\nShe wrote "this one closes well enough" (p. 2).\n',
        encoding="utf-8",
    )
    assert main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert "talk.txt, line 1: a quotation opens here and never closes" in captured.err
    assert "this one closes well enough" in captured.out
