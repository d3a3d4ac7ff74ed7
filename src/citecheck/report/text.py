"""The report as plain text for a terminal: a summary line, a table of quotations, findings, failures.

The row helpers here (``quotation_rows``, ``failed_attempts``) also feed the Markdown report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import (
    AttemptOutcome,
    Citation,
    FindingCode,
    PageVerdict,
    Report,
    SourceAttempt,
    Verification,
    WordingVerdict,
)

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

_RESET = "\x1b[0m"
_COLOURS: dict[str, str] = {
    WordingVerdict.EXACT: "\x1b[32m",
    WordingVerdict.VARIANT: "\x1b[36m",
    WordingVerdict.ALTERED: "\x1b[1;31m",
    WordingVerdict.OMISSION: "\x1b[33m",
    WordingVerdict.TRUNCATED: "\x1b[33m",
    WordingVerdict.SPLICED: "\x1b[1;31m",
    WordingVerdict.NOT_FOUND: "\x1b[31m",
    WordingVerdict.UNVERIFIABLE: "\x1b[2m",
    PageVerdict.AS_CITED: "\x1b[32m",
    PageVerdict.ADJACENT: "\x1b[36m",
    PageVerdict.OTHER_PAGE: "\x1b[1;31m",
    PageVerdict.IMPOSSIBLE: "\x1b[1;31m",
    PageVerdict.UNKNOWN: "\x1b[2m",
}
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


def _paint(text: str, key: str, color: bool) -> str:
    return f"{_COLOURS[key]}{text}{_RESET}" if color else text


def _table(
    header: list[str], rows: list[list[str]], paint: list[list[str | None]], color: bool
) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row, keys in zip(rows, paint, strict=True):
        cells = [
            _paint(cell.ljust(w), key, color) if key else cell.ljust(w)
            for cell, w, key in zip(row, widths, keys, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


_FAILURE_EVIDENCE = re.compile(r"^\w+: \d+ request\(s\) failed$")


def render_text(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    """The plain-text report; ANSI colours only when ``color``; every failed request when ``verbose``."""
    from citecheck.report.failures import no_network_line, service_failures, unverified_reasons

    offline = no_network_line(report)
    lines = [offline] if offline else []
    lines += [f"citecheck report: {report.document.name}", summary_line(report), ""]
    rows = quotation_rows(report)
    if rows:
        header = [
            "id",
            "quotation",
            "cited work",
            "page",
            "wording",
            "page verdict",
            "found",
            "source",
        ]
        cells = [
            [
                r.id,
                f"“{r.quote}”",
                short_quote(r.work, 44),
                r.cited_page,
                r.wording.value.replace("_", " "),
                r.page.value.replace("_", " "),
                r.found,
                short_quote(r.source, 40),
            ]
            for r in rows
        ]
        paint: list[list[str | None]] = [
            [None, None, None, None, r.wording, r.page, None, None] for r in rows
        ]
        lines += _table(header, cells, paint, color)
    else:
        lines.append("No quotations were checked.")
    unverified = unverified_reasons(report)
    if unverified:
        lines += ["", "Why not verified:"]
        lines += [f"  {where}: {why}" for where, why in unverified]
    # The per-service failures are summed up below; each finding keeps its other evidence.
    findings = [f for f in report.findings if verbose or f.code is not FindingCode.SOURCE_FAILED]
    if findings:
        lines += ["", "Findings:"]
        for finding in findings:
            where = finding.citation_id or finding.work_key or ""
            label = f"[{finding.severity.value}] " + (f"{where}: " if where else "")
            lines.append(f"  {label}{finding.message}")
            evidence = [e for e in finding.evidence if verbose or not _FAILURE_EVIDENCE.match(e)]
            lines += [f"      {line}" for line in evidence]
    failures = service_failures(report)
    if failures:
        lines += ["", "Services that failed:"]
        lines += [f"  {failure.line}" for failure in failures]
        if not verbose:
            lines.append("  (every request: --verbose, or the JSON and HTML reports)")
    failed = failed_attempts(report)
    if failed and verbose:
        lines += ["", "Every failed request:"]
        for attempt in failed:
            detail = f": {attempt.detail}" if attempt.detail else ""
            lines.append(
                f"  {attempt.service.value} {attempt.what} ({attempt.outcome.value}){detail}"
            )
    if report.problems:
        lines += ["", "Problems in the input:"]
        lines += [f"  {problem}" for problem in report.problems]
    return "\n".join(lines) + "\n"
