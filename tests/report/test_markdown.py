"""The Markdown report for a pull-request comment."""

from __future__ import annotations

from citecheck.model import Report
from citecheck.report import render


def test_the_quotations_are_a_markdown_table(rich_report: Report) -> None:
    lines = render(rich_report, "markdown").splitlines()
    header = lines.index(
        "| id | quotation | cited work | page | wording | page verdict | found | source |"
    )
    assert lines[header + 1] == "|---|---|---|---|---|---|---|---|"
    rows = [line for line in lines[header + 2 :] if line.startswith("| q")]
    assert [r.split(" | ")[0] for r in rows] == [
        "| q2",
        "| q3",
        "| q4",
        "| q5",
        "| q6",
        "| q7",
        "| q8",
        "| q9",
    ]


def test_a_row_carries_the_verdicts_with_a_mark(rich_report: Report) -> None:
    line = next(x for x in render(rich_report, "markdown").splitlines() if x.startswith("| q6 |"))
    assert "✅ exact" in line
    assert "❌ other page" in line
    assert "| 25 |" in line


def test_the_summary_is_bold_under_the_title(rich_report: Report) -> None:
    text = render(rich_report, "markdown")
    assert text.startswith("## citecheck: talk.md\n")
    assert "**8 quotations checked: 4 exact" in text


def test_findings_and_failed_sources_have_sections(rich_report: Report) -> None:
    text = render(rich_report, "markdown")
    assert "### Findings" in text
    assert "- **warning** `q7`: Lockhart is quoted through Sayers" in text
    assert "### Sources that failed" in text
    assert "(**failed**): HTTP 503" in text


def test_pipes_and_markup_in_quotations_cannot_break_the_table(hostile_report: Report) -> None:
    line = next(
        x for x in render(hostile_report, "markdown").splitlines() if x.startswith("| q9 |")
    )
    assert "<script>" not in line
    assert "&lt;script&gt;" in line
    assert line.count(" | ") == 7
