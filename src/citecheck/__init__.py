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

from typing import TYPE_CHECKING, Any

# Names are imported when first used, so that ``citecheck --version`` does not load every stage.
_EXPORTS: dict[str, str] = {
    "Bibliography": "citecheck.bib",
    "link_work": "citecheck.bib",
    "load_bibliography": "citecheck.bib",
    "parse_bibliography": "citecheck.bib",
    "Checker": "citecheck.check",
    "SourceSpec": "citecheck.check",
    "check": "citecheck.check",
    "Settings": "citecheck.config",
    "load_settings": "citecheck.config",
    "CitecheckError": "citecheck.errors",
    "ConfigError": "citecheck.errors",
    "ExportError": "citecheck.errors",
    "InputError": "citecheck.errors",
    "SourceError": "citecheck.errors",
    "extract_citations": "citecheck.extract",
    "extract_file": "citecheck.extract",
    "HttpClient": "citecheck.http",
    "Attribution": "citecheck.model",
    "Citation": "citecheck.model",
    "Document": "citecheck.model",
    "Edition": "citecheck.model",
    "Extraction": "citecheck.model",
    "Finding": "citecheck.model",
    "Locator": "citecheck.model",
    "PageVerdict": "citecheck.model",
    "Quotation": "citecheck.model",
    "QuotationKind": "citecheck.model",
    "Report": "citecheck.model",
    "Resolution": "citecheck.model",
    "Verification": "citecheck.model",
    "WordingVerdict": "citecheck.model",
    "resolve_work": "citecheck.resolve",
    "SourceStore": "citecheck.store",
    "compare_chain": "citecheck.verify",
    "unverifiable": "citecheck.verify",
    "verify_against_hits": "citecheck.verify",
    "verify_against_pages": "citecheck.verify",
}

if TYPE_CHECKING:
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
    from citecheck.verify import (
        compare_chain,
        unverifiable,
        verify_against_hits,
        verify_against_pages,
    )

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


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
