"""What a batch found, over every document's line: verdict counts, the worst findings, failed services.

Read from the result lines (plain JSON), not from rebuilt reports, so a summary of a large batch
costs one pass and little memory: counters, and a short heap of the worst findings.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from citecheck.model import AttemptOutcome, PageVerdict, Severity, WordingVerdict

WORST_SHOWN = 10

_WORDING_WEIGHT = {
    WordingVerdict.SPLICED.value: 6,
    WordingVerdict.ALTERED.value: 5,
    WordingVerdict.NOT_FOUND.value: 4,
    WordingVerdict.TRUNCATED.value: 2,
    WordingVerdict.OMISSION.value: 2,
    WordingVerdict.VARIANT.value: 1,
}
_PAGE_WEIGHT = {PageVerdict.IMPOSSIBLE.value: 4, PageVerdict.OTHER_PAGE.value: 3}
_FINDING_WEIGHT = {Severity.ERROR.value: 5, Severity.WARNING.value: 2}
_FAILING = frozenset(
    {
        AttemptOutcome.FAILED.value,
        AttemptOutcome.TIMED_OUT.value,
        AttemptOutcome.RATE_LIMITED.value,
        AttemptOutcome.OFFLINE.value,
    }
)


@dataclass(frozen=True, slots=True, order=True)
class WorstFinding:
    """One bad verdict or serious finding, and the document it is in."""

    weight: int
    path: str
    what: str


@dataclass(frozen=True, slots=True)
class ServiceFailure:
    service: str
    failures: int
    documents: int


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Counts over the documents of a batch, and what an editor should look at first."""

    documents: int
    statuses: Mapping[str, int]
    verdicts: Mapping[str, int]
    pages: Mapping[str, int]
    worst: tuple[WorstFinding, ...] = ()
    failed_services: tuple[ServiceFailure, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()
    """(path, error) of documents with no report."""
    quotations: int = 0
    skipped: int = field(default=0, compare=False)
    """Documents whose earlier line stood (this run did not check them again)."""


def summarise(lines: Iterable[Mapping[str, Any]], *, skipped: int = 0) -> BatchSummary:
    """The summary of result lines (one per document)."""
    statuses: Counter[str] = Counter()
    verdicts: Counter[str] = Counter({v.value: 0 for v in WordingVerdict})
    pages: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    failing_documents: Counter[str] = Counter()
    worst: list[WorstFinding] = []
    errors: list[tuple[str, str]] = []
    documents = quotations = 0
    for line in lines:
        documents += 1
        path = str(line.get("path", ""))
        statuses[str(line.get("status", ""))] += 1
        report = line.get("report")
        if not isinstance(report, Mapping):
            errors.append((path, str(line.get("error", "no report"))))
            continue
        for verification in report.get("verifications", ()):
            quotations += 1
            wording = str(verification.get("wording", ""))
            page = str(verification.get("page", ""))
            verdicts[wording] += 1
            pages[page] += 1
            weight = _WORDING_WEIGHT.get(wording, 0) + _PAGE_WEIGHT.get(page, 0)
            if weight >= _WORDING_WEIGHT[WordingVerdict.NOT_FOUND.value]:
                what = f"{verification.get('citation_id', '?')}: {wording}"
                if page in _PAGE_WEIGHT:
                    what += f", page {page.replace('_', ' ')}"
                _keep_worst(worst, WorstFinding(weight, path, what))
        for finding in report.get("findings", ()):
            weight = _FINDING_WEIGHT.get(str(finding.get("severity", "")), 0)
            if finding.get("code") == "source_failed":
                continue
            if weight >= _FINDING_WEIGHT[Severity.ERROR.value]:
                _keep_worst(worst, WorstFinding(weight, path, str(finding.get("message", ""))))
        failed_here = Counter(
            str(attempt.get("service", ""))
            for attempt in report.get("attempts", ())
            if attempt.get("outcome") in _FAILING
        )
        failures.update(failed_here)
        failing_documents.update(failed_here.keys())
    return BatchSummary(
        documents=documents,
        statuses=dict(statuses),
        verdicts=dict(verdicts),
        pages=dict(pages),
        worst=tuple(sorted(worst, key=lambda w: (-w.weight, w.path, w.what))),
        failed_services=tuple(
            ServiceFailure(service, count, failing_documents[service])
            for service, count in failures.most_common()
        ),
        errors=tuple(errors),
        quotations=quotations,
        skipped=skipped,
    )


def _keep_worst(heap: list[WorstFinding], item: WorstFinding) -> None:
    # A min-heap of the WORST_SHOWN heaviest: the lightest is dropped first.
    if len(heap) < WORST_SHOWN:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def render_summary_text(summary: BatchSummary) -> str:
    """The summary for the terminal."""
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items()))
    out = [
        f"{summary.documents} document(s): {statuses or 'none'}"
        + (
            f" ({summary.skipped} unchanged since the last run, not checked again)"
            if summary.skipped
            else ""
        ),
        f"{summary.quotations} quotation(s): "
        + ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in summary.verdicts.items() if n),
    ]
    if summary.worst:
        out.append("worst findings:")
        out.extend(f"  {w.path}: {w.what}" for w in summary.worst)
    if summary.failed_services:
        out.append("services that failed:")
        out.extend(
            f"  {f.service}: {f.failures} request(s) failed, in {f.documents} document(s)"
            for f in summary.failed_services
        )
    if summary.errors:
        out.append("documents with no report:")
        out.extend(f"  {path}: {error}" for path, error in summary.errors)
    return "\n".join(out) + "\n"


def render_summary_html(summary: BatchSummary, links: Mapping[str, str]) -> str:
    """A self-contained summary page; ``links`` maps a document's path to its report's URL."""

    def doc(path: str) -> str:
        href = links.get(path)
        return f'<a href="{escape(href)}">{escape(path)}</a>' if href else escape(path)

    rows = "".join(
        f"<tr><td>{escape(v.replace('_', ' '))}</td><td>{n}</td></tr>"
        for v, n in summary.verdicts.items()
    )
    worst = "".join(f"<li>{doc(w.path)}: {escape(w.what)}</li>" for w in summary.worst)
    services = "".join(
        f"<li>{escape(f.service)}: {f.failures} request(s) failed, in {f.documents} document(s)</li>"
        for f in summary.failed_services
    )
    errors = "".join(f"<li>{escape(p)}: {escape(e)}</li>" for p, e in summary.errors)
    documents = "".join(f"<li>{doc(path)}</li>" for path in links)
    statuses = ", ".join(f"{n} {escape(s)}" for s, n in sorted(summary.statuses.items()))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>citecheck batch summary</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td{border:1px solid #ccc;padding:.2rem .6rem}</style>"
        "</head><body>"
        f"<h1>citecheck batch summary</h1><p>{summary.documents} document(s): {statuses}; "
        f"{summary.quotations} quotation(s).</p>"
        f"<h2>Wording verdicts</h2><table>{rows}</table>"
        f"<h2>Worst findings</h2><ul>{worst or '<li>none</li>'}</ul>"
        f"<h2>Services that failed</h2><ul>{services or '<li>none</li>'}</ul>"
        f"<h2>Documents with no report</h2><ul>{errors or '<li>none</li>'}</ul>"
        f"<h2>Reports</h2><ul>{documents}</ul>"
        "</body></html>\n"
    )
