"""`citecheck export`: the command line over the exporters; the API key never reaches the screen or logs."""

from __future__ import annotations

import argparse
import json
import logging

import pytest

# The command shares its settings options with `check` (citecheck.cli.common), which needs
# citecheck.config.load_settings; without it there is no CLI to test.
pytest.importorskip(
    "citecheck.cli.common",
    reason="citecheck.config.load_settings is not there yet",
    exc_type=ImportError,
)

from citecheck.cli import EXIT_FINDINGS, EXIT_OK, export_cmd
from citecheck.config import Settings
from citecheck.errors import ConfigError, ExportError, InputError
from citecheck.export import parse_ris, validation_errors

API = "https://api.zotero.test"
API_KEY = "k3yThatMustNeverLeak0123456789ab"


def main(argv: list[str]) -> int:
    """`citecheck export ...` through this command's own parser, so only this command is involved."""
    parser = argparse.ArgumentParser(prog="citecheck")
    export_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.run(args))


@pytest.fixture
def cli(monkeypatch, report, bibliography, tmp_path):
    """The command with the test report as its input, default settings, the fake library as API."""
    monkeypatch.setattr(export_cmd, "_report", lambda args, settings: report)
    monkeypatch.setattr(export_cmd, "_bibliography", lambda args: bibliography)
    monkeypatch.setattr(export_cmd, "settings_from_args", lambda args: Settings())
    monkeypatch.setattr(export_cmd, "ZOTERO_API", API)
    monkeypatch.setenv("ZOTERO_API_KEY", API_KEY)
    (tmp_path / "report.json").write_text("{}")
    return ["export", "--report", str(tmp_path / "report.json")]


def test_export_zotero_prints_what_became_of_each_work(zotero, cli, capsys):
    assert main([*cli[:1], "zotero", *cli[1:], "--library", "user:475425"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "created   item carr-1951" in out
    assert out.splitlines()[-1] == "3 items created, 4 notes created"


def test_a_partly_failed_export_exits_1_and_names_the_failed_work(zotero, cli, capsys):
    zotero.refuse["On the Shortcomings of Party Work"] = "'numPages' is not a valid field"
    assert main([cli[0], "zotero", *cli[1:], "--library", "user:475425"]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "failed    item pravda-1937" in out and "'numPages' is not a valid field" in out


def test_the_api_key_never_appears_in_output_or_logs(zotero, cli, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    main([cli[0], "zotero", *cli[1:], "--library", "user:475425"])
    main([cli[0], "zotero", *cli[1:], "--library", "user:475425", "--dry-run"])
    zotero.queued.append((403, {}, f"Invalid key {API_KEY}"))
    with pytest.raises(ExportError) as refused:
        main([cli[0], "zotero", *cli[1:], "--library", "user:475425"])
    captured = capsys.readouterr()
    assert "Zotero refused the API key" in str(refused.value)
    for text in (captured.out, captured.err, caplog.text, str(refused.value)):
        assert API_KEY not in text


def test_a_dry_run_shows_the_request_bodies_and_sends_nothing(zotero, cli, capsys):
    assert main([cli[0], "zotero", *cli[1:], "--library", "user:475425", "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "POST https://api.zotero.test/users/475425/items" in out
    assert '"itemType": "book"' in out
    assert zotero.posts == []


def test_export_zotero_without_a_library_says_how_to_name_one(cli):
    with pytest.raises(ConfigError, match="--library user:12345"):
        main([cli[0], "zotero", *cli[1:]])


def test_export_csljson_writes_a_valid_file(cli, tmp_path):
    out = tmp_path / "works.json"
    assert main([cli[0], "csljson", *cli[1:], "-o", str(out)]) == EXIT_OK
    text = out.read_text(encoding="utf-8")
    assert validation_errors(text) == []
    assert [i["id"] for i in json.loads(text)] == ["carr-1951", "pravda-1937", "stalin-radio-1941"]


def test_export_ris_without_output_writes_to_stdout(cli, capsys):
    assert main([cli[0], "ris", *cli[1:]]) == EXIT_OK
    assert len(parse_ris(capsys.readouterr().out)) == 3


def test_skipped_quotations_are_named_on_stderr(cli, capsys):
    main([cli[0], "bibtex", *cli[1:]])
    assert "not exported: q5" in capsys.readouterr().err


def test_neither_document_nor_report_is_an_input_error(monkeypatch):
    monkeypatch.setattr(export_cmd, "settings_from_args", lambda args: Settings())
    with pytest.raises(InputError, match="--report"):
        main(["export", "bibtex"])
