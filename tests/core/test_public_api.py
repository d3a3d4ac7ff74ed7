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


def test_every_public_name_has_a_module_to_come_from() -> None:
    assert set(citecheck._EXPORTS) == set(citecheck.__all__) - {"__version__"}


def test_importing_the_package_loads_no_stage_until_a_name_is_used() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, citecheck; "
        "print(sorted(m for m in ('citecheck.check', 'citecheck.http', 'requests', 'bs4') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_name_outside_the_api_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError, match="no_such_name"):
        citecheck.no_such_name  # noqa: B018
