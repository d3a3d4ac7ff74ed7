"""Export a report's cited works, with their checked quotations, to Zotero and bibliography files.

Pipeline: ``items_from_report(report, bibliography)`` makes one neutral ``ExportItem`` per cited
work (``items.py``); each target writes those items: the Zotero Web API (``zotero.py``), the Zotero
desktop connector (``connector.py``), BibTeX, CSL-JSON and RIS files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from citecheck.export.bibtex import parse_bibtex, to_bibtex
from citecheck.export.connector import ConnectorExporter
from citecheck.export.csljson import parse_csljson, to_csljson, validation_errors
from citecheck.export.items import (
    CITECHECK_TAG,
    Creator,
    CreatorRole,
    ExportItem,
    ExportSelection,
    ItemType,
    QuotationNote,
    Skipped,
    items_from_report,
)
from citecheck.export.ris import parse_ris, to_ris
from citecheck.export.zotero import (
    ExportResult,
    Outcome,
    WrittenObject,
    ZoteroLibrary,
    ZoteroWebExporter,
    parse_library,
)

FILE_FORMATS: dict[str, Callable[[Sequence[ExportItem]], str]] = {
    "bibtex": to_bibtex,
    "csljson": to_csljson,
    "ris": to_ris,
}
"""The file formats, by the name ``citecheck export <format>`` takes."""

__all__ = [
    "CITECHECK_TAG",
    "FILE_FORMATS",
    "ConnectorExporter",
    "Creator",
    "CreatorRole",
    "ExportItem",
    "ExportResult",
    "ExportSelection",
    "ItemType",
    "Outcome",
    "QuotationNote",
    "Skipped",
    "WrittenObject",
    "ZoteroLibrary",
    "ZoteroWebExporter",
    "items_from_report",
    "parse_bibtex",
    "parse_csljson",
    "parse_library",
    "parse_ris",
    "to_bibtex",
    "to_csljson",
    "to_ris",
    "validation_errors",
]
