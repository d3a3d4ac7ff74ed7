"""``citecheck check DOCUMENT``: extraction, resolution and verification in one run."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from citecheck.atomic import write_text_atomically
from citecheck.cli.common import (
    add_settings_arguments,
    add_source_argument,
    default_bibliography,
    progress_printer,
    settings_from_args,
)
from citecheck.cli.zotero_source import add_zotero_arguments, write_notes, zotero_shelf


def register(subparsers: Any) -> None:
    from citecheck.report import DEFAULT_FAIL_ON, FAIL_ON_CHOICES, FORMATS

    parser = subparsers.add_parser(
        "check",
        help="check every quotation of a document against the works it cites",
        description=(
            "Extract the quotations of DOCUMENT, resolve the cited works in library catalogs, "
            "find each passage in the reachable full text and report what the source says. "
            "Exit status: 0 when every checked quotation holds; 1 when findings at or above "
            "--fail-on exist; 2 for usage errors or unreadable input; 3 when a source failed "
            "so badly that no report could be made."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "document",
        type=Path,
        help="text, Markdown, HTML, Word (.docx), OpenDocument (.odt) or PDF file",
    )
    parser.add_argument(
        "--bib",
        type=Path,
        help="bibliography (.bib); default: references.bib beside the document or here",
    )
    add_source_argument(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="report format (default: text)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file")
    parser.add_argument(
        "--fail-on",
        default=",".join(sorted(DEFAULT_FAIL_ON)),
        help=f"verdicts that make the exit status 1 (any of {', '.join(FAIL_ON_CHOICES)}; "
        f"default {','.join(sorted(DEFAULT_FAIL_ON))})",
    )
    parser.add_argument(
        "--store",
        type=Path,
        help="keep the texts relied on in this folder (commit it beside the manuscript)",
    )
    add_zotero_arguments(parser)
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every failed request in the text report (the JSON and HTML reports always do)",
    )
    parser.add_argument(
        "--annotate",
        type=Path,
        metavar="COPY.docx",
        help="write a copy of a .docx manuscript with a Word comment on each checked quotation",
    )
    add_settings_arguments(parser)
    parser.set_defaults(run=run)


def wants_colour(to_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return to_terminal and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


def run(args: argparse.Namespace) -> int:
    from citecheck.check import check
    from citecheck.errors import InputError
    from citecheck.report import exit_code, parse_fail_on, render

    try:
        fail_on = parse_fail_on(args.fail_on)
    except ValueError as error:
        raise InputError(f"--fail-on: {error}") from error
    if args.annotate is not None:
        from citecheck.report.docx_comments import check_annotation_paths

        check_annotation_paths(args.document, args.annotate)
    settings = settings_from_args(args)
    sources = list(args.source) + list(settings.sources)
    bib = args.bib or default_bibliography(args.document)
    shelf = zotero_shelf(args, settings)
    if shelf is not None:
        bib, sources = shelf.bibliography, [*sources, *shelf.sources]
    progress, close_progress = progress_printer(settings.progress)
    try:
        report = check(
            args.document,
            bibliography=bib,
            sources=sources,
            settings=settings,
            store=args.store,
            progress=progress,
        )
    finally:
        close_progress()
    for problem in report.problems:
        print(f"citecheck: {problem}", file=sys.stderr)
    if shelf is not None and args.write_notes:
        write_notes(report, shelf, args, settings)
    fmt = args.format or "text"
    to_terminal = args.output is None and sys.stdout.isatty()
    color = fmt == "text" and wants_colour(to_terminal, os.environ)
    # COLUMNS, else the terminal's width, else the report's default.
    width = shutil.get_terminal_size(fallback=(0, 0)).columns or None
    output = render(report, fmt, color=color, verbose=args.verbose, width=width)
    if args.output is not None:
        write_text_atomically(args.output, output)
        print(f"citecheck: report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    if args.annotate is not None:
        from citecheck.report.docx_comments import annotate_docx

        count = annotate_docx(args.document, args.annotate, report)
        print(f"citecheck: {count} comments written to {args.annotate}", file=sys.stderr)
    return exit_code(report, fail_on)
