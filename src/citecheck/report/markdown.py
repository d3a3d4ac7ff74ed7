"""The report as Markdown for a pull-request comment: summary, quotations table, findings, failures."""

from __future__ import annotations

from citecheck.model import PageVerdict, Report, WordingVerdict
from citecheck.report.text import failed_attempts, quotation_rows, summary_line

__all__ = ["render_markdown"]

_WORDING_MARK: dict[WordingVerdict, str] = {
    WordingVerdict.EXACT: "✅",
    WordingVerdict.VARIANT: "🟦",
    WordingVerdict.ALTERED: "❌",
    WordingVerdict.OMISSION: "🟧",
    WordingVerdict.TRUNCATED: "🟧",
    WordingVerdict.SPLICED: "❌",
    WordingVerdict.NOT_FOUND: "❌",
    WordingVerdict.UNVERIFIABLE: "⬜",
}
_PAGE_MARK: dict[PageVerdict, str] = {
    PageVerdict.AS_CITED: "✅",
    PageVerdict.ADJACENT: "🟦",
    PageVerdict.OTHER_PAGE: "❌",
    PageVerdict.IMPOSSIBLE: "❌",
    PageVerdict.UNKNOWN: "⬜",
}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    return (
        " ".join(text.split())
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def render_markdown(report: Report) -> str:
    """The Markdown report."""
    lines = [f"## citecheck: {_cell(report.document.name)}", "", f"**{summary_line(report)}**", ""]
    rows = quotation_rows(report)
    if rows:
        lines += [
            "| id | quotation | cited work | page | wording | page verdict | found | source |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            wording = f"{_WORDING_MARK[r.wording]} {r.wording.value.replace('_', ' ')}"
            page = f"{_PAGE_MARK[r.page]} {r.page.value.replace('_', ' ')}"
            cells = [r.id, f"“{r.quote}”", r.work, r.cited_page, wording, page, r.found, r.source]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    else:
        lines.append("_No quotations were checked._")
    if report.findings:
        lines += ["", "### Findings", ""]
        for finding in report.findings:
            where = finding.citation_id or finding.work_key
            prefix = f"**{finding.severity.value}**" + (f" `{_cell(where)}`" if where else "")
            lines.append(f"- {prefix}: {_cell(finding.message)}")
            lines += [f"  - {_cell(line)}" for line in finding.evidence]
    failed = failed_attempts(report)
    if failed:
        lines += ["", "### Sources that failed", ""]
        for attempt in failed:
            detail = f": {_cell(attempt.detail)}" if attempt.detail else ""
            lines.append(
                f"- {attempt.service.value} {_cell(attempt.what)} (**{attempt.outcome.value}**){detail}"
            )
    if report.problems:
        lines += ["", "### Problems in the input", ""]
        lines += [f"- {_cell(str(problem))}" for problem in report.problems]
    return "\n".join(lines) + "\n"
