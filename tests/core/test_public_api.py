"""The public API is exactly what ``__all__`` promises, and every name in it imports."""

from __future__ import annotations

import citecheck


def test_every_name_in_all_is_importable_from_the_package() -> None:
    for name in citecheck.__all__:
        assert getattr(citecheck, name) is not None, name


def test_the_public_api_is_pinned() -> None:
    assert sorted(citecheck.__all__) == sorted(
        [
            "Attribution",
            "Bibliography",
            "Checker",
            "CitecheckError",
            "Citation",
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
    )


def test_every_error_citecheck_raises_on_purpose_derives_from_one_base() -> None:
    from citecheck import errors

    raised = [
        value
        for value in vars(errors).values()
        if isinstance(value, type)
        and issubclass(value, Exception)
        and value.__module__ == errors.__name__
    ]
    assert all(issubclass(error, citecheck.CitecheckError) for error in raised)
