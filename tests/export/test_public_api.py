"""citecheck.export promises exactly the names in its __all__."""

from __future__ import annotations

import citecheck.export


def test_the_export_package_exports_exactly_what_all_promises():
    assert sorted(citecheck.export.__all__) == [
        "CITECHECK_TAG",
        "ConnectorExporter",
        "Creator",
        "CreatorRole",
        "ExportItem",
        "ExportResult",
        "ExportSelection",
        "FILE_FORMATS",
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
    assert all(hasattr(citecheck.export, name) for name in citecheck.export.__all__)


def test_every_file_format_writes_text():
    assert set(citecheck.export.FILE_FORMATS) == {"bibtex", "csljson", "ris"}
    assert all(isinstance(write([]), str) for write in citecheck.export.FILE_FORMATS.values())


def test_the_export_command_offers_every_file_format() -> None:
    from citecheck.cli.export_cmd import FILE_FORMAT_NAMES

    assert set(FILE_FORMAT_NAMES) == set(citecheck.export.FILE_FORMATS)
