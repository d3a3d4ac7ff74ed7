"""An extraction as a readable table or as JSON-ready data (what ``citecheck extract`` prints)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from citecheck.model import Citation, Extraction, LocatorTarget

_COLUMNS = (
    "id",
    "line",
    "kind",
    "quote",
    "speaker",
    "work",
    "intermediary",
    "locator",
    "bib",
    "conf",
)
_WIDTHS = (4, 5, 6, 32, 20, 24, 20, 16, 22, 4)


@dataclass(frozen=True, slots=True)
class CitationRow:
    """One line of the table: the citation's facts as short strings."""

    id: str
    line: int
    kind: str
    quote: str
    speaker: str
    work: str
    intermediary: str
    locator: str
    bib: str
    confidence: str


def citation_row(citation: Citation) -> CitationRow:
    """The table row of one citation."""
    a = citation.attribution
    locator = citation.locator.text if citation.locator else ""
    if locator and citation.locator_work is LocatorTarget.INTERMEDIARY:
        locator += " (interm.)"
    work = a.work or (f"[{a.occasion}]" if a.occasion else "")
    if a.claimed_date:
        work = f"{work} ({a.claimed_date})" if work else f"({a.claimed_date})"
    bib = citation.bib.key if citation.bib and citation.bib.key else ""
    if citation.intermediary_bib and citation.intermediary_bib.key:
        bib = (
            f"{bib} via {citation.intermediary_bib.key}"
            if bib
            else f"via {citation.intermediary_bib.key}"
        )
    return CitationRow(
        id=citation.id,
        line=citation.line,
        kind=citation.quotation.kind.value,
        quote=" ".join(citation.quotation.text.split()),
        speaker=a.speaker or "",
        work=work,
        intermediary=a.intermediary or "",
        locator=locator,
        bib=bib,
        confidence=f"{citation.confidence:.2f}" if citation.quotation.kind.is_checkable else "",
    )


def render_table(extraction: Extraction) -> str:
    """A fixed-width table, one citation a line, long cells shortened with an ellipsis."""
    rows = [citation_row(c) for c in extraction.citations]
    lines = [_format_line(_COLUMNS)]
    lines.append("  ".join("-" * w for w in _WIDTHS))
    for row in rows:
        cells = (row.id, str(row.line), row.kind, row.quote, row.speaker, row.work,
                 row.intermediary, row.locator, row.bib, row.confidence)  # fmt: skip
        lines.append(_format_line(cells))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    lines.append(f"{len(rows)} quotations" + (f" ({summary})" if summary else ""))
    return "\n".join(line.rstrip() for line in lines)


def _format_line(cells: tuple[str, ...]) -> str:
    return "  ".join(
        _fit(cell, width).ljust(width) for cell, width in zip(cells, _WIDTHS, strict=True)
    )


def _fit(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1] + "\u2026"


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """The extraction as JSON-ready data: document, citations (every field), problems."""
    document = extraction.document
    return {
        "document": {
            "name": document.name,
            "format": document.format.value,
            "encoding": document.encoding,
        },
        "citations": [asdict(c) for c in extraction.citations],
        "problems": [asdict(p) for p in extraction.problems],
    }
