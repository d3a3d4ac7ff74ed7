"""`citecheck export zotero|connector|bibtex|csljson|ris`: the cited works, into Zotero or a file.

The works come from a saved report (``--report report.json``) or from checking a DOCUMENT first.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.cli import EXIT_FINDINGS, EXIT_OK
from citecheck.cli.common import (
    add_settings_arguments,
    default_bibliography,
    progress_printer,
    settings_from_args,
)
from citecheck.cli.zotero_source import add_zotero_arguments, zotero_shelf
from citecheck.errors import ConfigError, InputError

if TYPE_CHECKING:
    from citecheck.bib import Bibliography
    from citecheck.config import Settings
    from citecheck.export.items import ExportSelection
    from citecheck.export.zotero import ExportResult
    from citecheck.model import Report
    from citecheck.zotero_library import ZoteroShelf

# The names of citecheck.export.FILE_FORMATS, spelt out so that --help need not import the
# exporters (a test keeps the two the same).
FILE_FORMAT_NAMES = ("bibtex", "csljson", "ris")
TARGETS = ("zotero", "connector", *FILE_FORMAT_NAMES)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the cited works and checked quotations to Zotero, BibTeX, CSL-JSON or RIS",
        description=(
            "Export every cited work (with the edition the check settled on) and each checked "
            "quotation with its verdicts: to a Zotero library through the Web API (zotero), to "
            "Zotero desktop through its connector (connector), or to a file (bibtex, csljson, ris)."
        ),
    )
    parser.add_argument("target", choices=TARGETS, help="where the works go")
    parser.add_argument("document", nargs="?", help="the document to check first (or use --report)")
    parser.add_argument(
        "--report", metavar="REPORT.json", help="a report saved by `citecheck check --format json`"
    )
    parser.add_argument(
        "--bib", metavar="FILE.bib", help="the bibliography, for works the catalogs did not resolve"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write (bibtex, csljson, ris); - for stdout",
    )
    parser.add_argument(
        "--library",
        metavar="user:ID|group:ID",
        help="the Zotero library (default: zotero_library setting)",
    )
    parser.add_argument(
        "--collection", metavar="KEY", help="also put the items into this Zotero collection"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be sent; write nothing"
    )
    add_zotero_arguments(parser, notes=False)
    add_settings_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from citecheck.export import FILE_FORMATS, items_from_report
    from citecheck.export.connector import ConnectorExporter
    from citecheck.export.zotero import ZoteroWebExporter, parse_library

    settings = settings_from_args(args)
    shelf = zotero_shelf(args, settings)
    report = _report(args, settings) if shelf is None else _report(args, settings, shelf)
    bibliography = shelf.bibliography if shelf is not None else _bibliography(args)
    selection = items_from_report(report, bibliography)
    for skipped in selection.skipped:
        print(f"not exported: {skipped.citation_id}: {skipped.reason}", file=sys.stderr)
    for notice in selection.notices:
        print(f"note: {notice}", file=sys.stderr)
    if args.target in FILE_FORMATS:
        return _write_file(args, selection)
    if args.target == "connector":
        base = settings.extra_base_urls.get("zotero_connector", _default_url("CONNECTOR_URL"))
        result = ConnectorExporter(base, timeout=settings.timeout).export(
            selection.items, dry_run=args.dry_run
        )
        return _show(result, dry_run=args.dry_run)
    api_key = settings.zotero_api_key or os.environ.get("ZOTERO_API_KEY", "")
    library_text = args.library or settings.zotero_library
    if not library_text:
        raise ConfigError(
            "which Zotero library? pass --library user:12345 (or group:678), or set zotero_library "
            "in citecheck.toml; your user ID is on https://www.zotero.org/settings/keys"
        )
    exporter = ZoteroWebExporter(
        api_key=api_key,
        library=parse_library(library_text),
        base_url=settings.extra_base_urls.get("zotero", _default_url("ZOTERO_API")),
        max_retries=settings.max_retries,
        timeout=settings.timeout,
    )
    result = exporter.export(selection.items, collection=args.collection, dry_run=args.dry_run)
    return _show(result, dry_run=args.dry_run)


def __getattr__(name: str) -> str:
    # The exporters' default addresses, imported when first asked for: --help needs no exporter.
    if name == "ZOTERO_API":
        from citecheck.export.zotero import ZOTERO_API

        return ZOTERO_API
    if name == "CONNECTOR_URL":
        from citecheck.export.connector import CONNECTOR_URL

        return CONNECTOR_URL
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _default_url(name: str) -> str:
    """The module's ZOTERO_API or CONNECTOR_URL (set here when a caller changed it)."""
    value: str = getattr(sys.modules[__name__], name)
    return value


def _write_file(args: argparse.Namespace, selection: ExportSelection) -> int:
    from citecheck.atomic import write_text_atomically
    from citecheck.export import FILE_FORMATS

    text = FILE_FORMATS[args.target](selection.items)
    if args.dry_run or not args.output or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.output)
    try:
        write_text_atomically(path, text)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", path=str(path)) from None
    print(f"wrote {len(selection.items)} works to {path}", file=sys.stderr)
    return EXIT_OK


def _show(result: ExportResult, *, dry_run: bool) -> int:
    from citecheck.export.zotero import Outcome

    if dry_run:
        for request in result.requests:
            print(f"{request.method} {request.url}")
            for name, value in request.headers.items():
                print(f"{name}: {value}")
            print(json.dumps(request.body, ensure_ascii=False, indent=2))
            print()
    for obj in result.objects:
        where = f" [{obj.zotero_key}]" if obj.zotero_key else ""
        reason = f": {obj.reason}" if obj.reason else ""
        if obj.kind == "item" or obj.outcome is Outcome.FAILED:
            print(f"{obj.outcome.value:9} {obj.kind} {obj.key}{where} {obj.label}{reason}")
    counts = ", ".join(
        f"{n} {kind}{'' if n == 1 else 's'} {o.value}"
        for kind in ("item", "note")
        for o in Outcome
        if (n := result.count(o, kind))
    )
    print(counts or "nothing to export")
    return EXIT_FINDINGS if result.failed else EXIT_OK


def _report(
    args: argparse.Namespace, settings: Settings, shelf: ZoteroShelf | None = None
) -> Report:
    if args.report and args.document:
        raise InputError("give either a DOCUMENT or --report, not both")
    if args.report:
        from citecheck.report.json import load_report

        path = Path(args.report)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", path=str(path)) from None
        report: Report = load_report(text)
        return report
    if not args.document:
        raise InputError("nothing to export: give a DOCUMENT to check, or --report REPORT.json")
    from citecheck.check import check

    document = Path(args.document)
    bib_path = Path(args.bib) if args.bib else default_bibliography(document)
    update, close = progress_printer(settings.progress)
    try:
        checked: Report = check(
            document,
            bibliography=shelf.bibliography if shelf is not None else bib_path,
            sources=shelf.sources if shelf is not None else (),
            settings=settings,
            progress=update,
        )
    finally:
        close()
    return checked


def _bibliography(args: argparse.Namespace) -> Bibliography | None:
    """The .bib for works the catalogs did not resolve: --bib, else references.bib nearby."""
    from citecheck.bib import load_bibliography

    if args.bib:
        return load_bibliography(args.bib)
    if not (args.document or args.report):
        return None
    nearby = Path(args.document) if args.document else Path(args.report)
    found = default_bibliography(nearby)
    return load_bibliography(found) if found else None
