"""The report as plain text for a terminal: a summary line, a table of quotations, findings, failures.

The row helpers here (``quotation_rows``, ``failed_attempts``) also feed the Markdown report.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text

from citecheck.model import (
    AttemptOutcome,
    Citation,
    Finding,
    FindingCode,
    PageVerdict,
    Report,
    Severity,
    SourceAttempt,
    Verification,
    WordingVerdict,
)

if TYPE_CHECKING:
    from rich.table import Table

__all__ = [
    "QuotationRow",
    "cited_work",
    "failed_attempts",
    "page_cell",
    "quotation_rows",
    "render_text",
    "short_quote",
    "source_used",
    "summary_line",
]

# rich styles of the verdicts; shown only when colour is asked for.
_STYLES: dict[str, str] = {
    WordingVerdict.EXACT: "green",
    WordingVerdict.VARIANT: "cyan",
    WordingVerdict.ALTERED: "bold red",
    WordingVerdict.OMISSION: "yellow",
    WordingVerdict.TRUNCATED: "yellow",
    WordingVerdict.SPLICED: "bold red",
    WordingVerdict.NOT_FOUND: "red",
    WordingVerdict.UNVERIFIABLE: "dim",
    PageVerdict.AS_CITED: "green",
    PageVerdict.ADJACENT: "cyan",
    PageVerdict.OTHER_PAGE: "bold red",
    PageVerdict.IMPOSSIBLE: "bold red",
    PageVerdict.UNKNOWN: "dim",
}
ROOM_FOR_TEXT = 70
MIN_TEXT_WIDTH = 40
"""Columns the quotation and the work should get before verdict and source wrap to make room."""
DEFAULT_WIDTH = 100
"""Columns of the report when it does not go to a terminal (a file, a pipe, a test)."""
_TROUBLE = (
    AttemptOutcome.FAILED,
    AttemptOutcome.TIMED_OUT,
    AttemptOutcome.RATE_LIMITED,
    AttemptOutcome.OFFLINE,
)


@dataclass(frozen=True, slots=True)
class QuotationRow:
    """One line of the quotations table, every cell already as text."""

    id: str
    quote: str
    work: str
    cited_page: str
    wording: WordingVerdict
    page: PageVerdict
    found: str
    source: str
    text: str = ""
    """The whole quotation on one line."""


def short_quote(text: str, limit: int = 40) -> str:
    """The quotation on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def cited_work(report: Report, citation: Citation, verification: Verification | None) -> str:
    """The work the document cites, as the document, the bibliography or the catalogs name it."""
    attribution = citation.attribution
    title = attribution.work or attribution.occasion
    if title is None and verification is not None and verification.work_key:
        resolution = report.resolution_for(verification.work_key)
        title = resolution.query_title if resolution else verification.work_key
    speaker = attribution.speaker
    named = f"{speaker}, {title}" if title and speaker else title or speaker or "(no work named)"
    intermediary = attribution.intermediary
    if intermediary and intermediary.casefold() not in named.casefold():
        named += f", quoted in {intermediary}"
    return named


def page_cell(verification: Verification | None, citation: Citation) -> str:
    """The cited page as the document gives it, or an em dash."""
    if verification is not None and verification.cited_page:
        return verification.cited_page
    if citation.locator is not None and citation.locator.first:
        return citation.locator.first
    return "—"


def source_used(verification: Verification) -> str:
    """The edition and the service whose text the verdict rests on."""
    parts: list[str] = []
    if verification.edition is not None:
        edition = verification.edition
        parts.append(f"{edition.title} ({edition.year})" if edition.year else edition.title)
    if verification.text_source is not None:
        parts.append(verification.text_source.service.value)
    if verification.proposal:
        parts.append("proposed")
    return ", ".join(parts) or "—"


def quotation_rows(report: Report) -> list[QuotationRow]:
    """A row for every verified quotation, in document order."""
    rows: list[QuotationRow] = []
    for citation in report.citations:
        verification = report.verification_for(citation.id)
        if verification is None:
            continue
        rows.append(
            QuotationRow(
                id=citation.id,
                quote=short_quote(citation.quotation.text),
                work=cited_work(report, citation, verification),
                cited_page=page_cell(verification, citation),
                wording=verification.wording,
                page=verification.page,
                found=", ".join(verification.found_pages) or "—",
                source=source_used(verification),
                text=" ".join(citation.quotation.text.split()),
            )
        )
    return rows


def failed_attempts(report: Report) -> list[SourceAttempt]:
    """Every attempt that failed, timed out or was refused, each once."""
    seen: dict[tuple[str, str, str], SourceAttempt] = {}
    every = [*report.attempts, *(a for v in report.verifications for a in v.attempts)]
    for attempt in every:
        if attempt.outcome in _TROUBLE:
            seen.setdefault((attempt.service, attempt.what, attempt.url), attempt)
    return list(seen.values())


def summary_line(report: Report) -> str:
    """``13 quotations: 3 exact, 2 altered, ...`` (verdicts with a count of zero left out)."""
    from citecheck.report import summary_counts

    counts = summary_counts(report)
    total = sum(counts.values())
    parts = [f"{n} {verdict.value.replace('_', ' ')}" for verdict, n in counts.items() if n]
    noun = "quotation" if total == 1 else "quotations"
    return f"{total} {noun} checked" + (": " + ", ".join(parts) if parts else "")


_FAILURE_EVIDENCE = re.compile(r"^\w+: \d+ request\(s\) failed$")


def _only_failures(finding: Finding) -> bool:
    """A finding that says no more than that services failed (they get their own lines)."""
    if finding.code is FindingCode.SOURCE_FAILED:
        return True
    return (
        finding.code is FindingCode.WORK_NOT_FOUND
        and finding.severity is Severity.WARNING
        and bool(finding.evidence)
        and all(_FAILURE_EVIDENCE.match(line) for line in finding.evidence)
    )


def _page_cell(row: QuotationRow) -> str:
    """``326 → 318`` when the passage stands on another page than cited, else the cited page."""
    if row.found not in ("—", row.cited_page):
        return f"{row.cited_page} → {row.found}"
    return row.cited_page


def _verdict_cell(row: QuotationRow, color: bool) -> Text:
    """``omission, other page``: the wording verdict, then the page verdict when it is known."""
    text = Text(row.wording.value.replace("_", " "), style=_STYLES[row.wording] if color else "")
    if row.page is not PageVerdict.UNKNOWN:
        text.append(", ")
        text.append(row.page.value.replace("_", " "), style=_STYLES[row.page] if color else "")
    return text


def _source_cell(verification: Verification | None) -> str:
    """The service whose text the verdict rests on (the edition is in the HTML and JSON reports)."""
    if verification is None or verification.text_source is None:
        return "—"
    service = verification.text_source.service.value
    return f"{service}, proposed" if verification.proposal else service


def _quotations_table(report: Report, color: bool, width: int) -> Table:
    """One row per quotation, each at most two lines: quotation and work wrap, cut to fit."""
    from rich import box
    from rich.table import Table

    rows = quotation_rows(report)
    pages = [_page_cell(r) for r in rows]
    verdicts = [_verdict_cell(r, color) for r in rows]
    sources = [_source_cell(report.verification_for(r.id)) for r in rows]
    whole = (len("verdict"), *(len(v.plain) for v in verdicts))
    parts = (len("verdict"), *(len(part) for v in verdicts for part in v.plain.split(", ")))
    whole_sources = (len("text from"), *(len(s) for s in sources))
    part_sources = (len("text from"), *(len(part) for s in sources for part in s.split(", ")))
    fixed: tuple[int, ...] = (
        max(len("id"), *(len(r.id) for r in rows)),
        max(len("page"), *(len(p) for p in pages)),
        max(whole),
        max(whole_sources),
    )
    gaps = 3 * 5  # a padding space, the separator and a padding space between columns
    if width - sum(fixed) - gaps < ROOM_FOR_TEXT:
        # Narrow: verdict and source wrap after their commas, their widest part sets the column.
        fixed = (fixed[0], fixed[1], max(parts) + 1, max(part_sources) + 1)
    # Too narrow even so: the service column goes (the HTML and JSON reports name it).
    with_source = width - sum(fixed) - gaps >= MIN_TEXT_WIDTH
    if not with_source:
        fixed, gaps = fixed[:3], 3 * 4
    rest = max(width - sum(fixed) - gaps, MIN_TEXT_WIDTH // 2)
    quote_width = max(rest * 3 // 5, 10)
    work_width = max(rest - quote_width, 8)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if color else "",
    )
    table.add_column("id", width=fixed[0], min_width=fixed[0], no_wrap=True)
    table.add_column("quotation", width=quote_width)
    table.add_column("cited work", width=work_width)
    table.add_column("page", width=fixed[1], min_width=fixed[1], no_wrap=True)
    table.add_column("verdict", width=fixed[2])
    if with_source:
        table.add_column("text from", width=fixed[3])
    # Two wrapped lines hold a little less than twice the column's width.
    quote_chars = max(quote_width * 16 // 10 - 2, 12)
    work_chars = max(work_width * 15 // 10, 12)
    for r, page, verdict, source in zip(rows, pages, verdicts, sources, strict=True):
        cells: list[str | Text] = [
            r.id,
            f"“{short_quote(r.text, quote_chars)}”",
            short_quote(r.work, work_chars),
            page,
            verdict,
        ]
        table.add_row(*cells, *([source] if with_source else []))
    return table


def _unverified_groups(report: Report) -> list[str]:
    """Unverifiable quotations grouped by the same reason: ``q6, q16 (grey1979): reason``."""
    from citecheck.report.failures import unverified_reasons

    groups: dict[str, list[str]] = {}
    for where, why in unverified_reasons(report):
        groups.setdefault(why, []).append(where)
    return [f"{', '.join(wheres)}: {why}" for why, wheres in groups.items()]


def render_text(
    report: Report, *, color: bool = False, verbose: bool = False, width: int | None = None
) -> str:
    """The terminal report, ``width`` columns wide; colours only when ``color``; every failed
    request when ``verbose``."""
    from rich.console import Console

    from citecheck.report.failures import no_network_line, service_failures

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or DEFAULT_WIDTH,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )

    def section(title: str, lines: list[str]) -> None:
        console.print()
        console.print(Text(title, style="bold" if color else ""))
        for line in lines:
            # Continuation lines are indented under the text, not under the margin.
            indent = 2 + len(line) - len(line.lstrip(" "))
            console.print(Padding(Text(line.lstrip(" ")), (0, 0, 0, indent)))

    offline = no_network_line(report)
    if offline:
        console.print(Text(offline, style="bold yellow" if color else ""))
    console.print(f"citecheck report: {report.document.name}")
    console.print(summary_line(report))
    console.print()
    if quotation_rows(report):
        console.print(_quotations_table(report, color, width or DEFAULT_WIDTH))
    else:
        console.print("No quotations were checked.")
    unverified = _unverified_groups(report)
    if unverified:
        section("Why not verified:", unverified)
    findings = [f for f in report.findings if verbose or not _only_failures(f)]
    if findings:
        lines: list[str] = []
        for finding in findings:
            where = finding.citation_id or finding.work_key or ""
            label = f"[{finding.severity.value}] " + (f"{where}: " if where else "")
            lines.append(f"{label}{finding.message}")
            lines += [f"    {line}" for line in finding.evidence]
        section("Findings:", lines)
    failures = service_failures(report)
    if failures:
        lines = [failure.line for failure in failures]
        if not verbose:
            lines.append("(every request: --verbose, or the JSON and HTML reports)")
        section("Services that failed:", lines)
    failed = failed_attempts(report)
    if failed and verbose:
        section(
            "Every failed request:",
            [
                f"{a.service.value} {a.what} ({a.outcome.value})"
                + (f": {a.detail}" if a.detail else "")
                for a in failed
            ],
        )
    if report.problems:
        section("Problems in the input:", [str(problem) for problem in report.problems])
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
