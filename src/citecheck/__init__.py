"""citecheck: extract the quotations of a document, resolve the cited works, verify each passage.

The pipeline, one function a stage::

    extract_file / extract_citations   document -> Extraction (citations with their claims)
    resolve_work                       cited work -> Resolution (ranked catalog editions)
    verify_against_pages / _hits       citation + source text -> Verification
    check                              all of it -> Report
    render                             Report -> text, Markdown, HTML or JSON

Exceptions all derive from ``CitecheckError`` (see ``citecheck.errors``).
"""

from __future__ import annotations

__version__ = "0.1.0"

from citecheck.bib import Bibliography, link_work, load_bibliography, parse_bibliography
from citecheck.check import Checker, SourceSpec, check
from citecheck.config import Settings, load_settings
from citecheck.errors import (
    CitecheckError,
    ConfigError,
    ExportError,
    InputError,
    SourceError,
)
from citecheck.extract import extract_citations, extract_file
from citecheck.http import HttpClient
from citecheck.model import (
    Attribution,
    Citation,
    Document,
    Edition,
    Extraction,
    Finding,
    Locator,
    PageVerdict,
    Quotation,
    QuotationKind,
    Report,
    Resolution,
    Verification,
    WordingVerdict,
)
from citecheck.resolve import resolve_work
from citecheck.store import SourceStore
from citecheck.verify import compare_chain, unverifiable, verify_against_hits, verify_against_pages

__all__ = [
    "Attribution",
    "Bibliography",
    "Checker",
    "Citation",
    "CitecheckError",
    "ConfigError",
    "Document",
    "Edition",
    "ExportError",
    "Extraction",
    "Finding",
    "HttpClient",
    "InputError",
    "Locator",
    "PageVerdict",
    "Quotation",
    "QuotationKind",
    "Report",
    "Resolution",
    "Settings",
    "SourceError",
    "SourceSpec",
    "SourceStore",
    "Verification",
    "WordingVerdict",
    "__version__",
    "check",
    "compare_chain",
    "extract_citations",
    "extract_file",
    "link_work",
    "load_bibliography",
    "load_settings",
    "parse_bibliography",
    "resolve_work",
    "unverifiable",
    "verify_against_hits",
    "verify_against_pages",
]
