"""``citecheck bib``: check a .bib against the catalogs, apply what they confirm, or make one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from citecheck.atomic import write_text_atomically
from citecheck.cli.common import add_settings_arguments, progress_printer, settings_from_args


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bib",
        help="check a .bib file against library catalogs, or write one for a document",
        description=(
            "Check each entry of BIBFILE against the catalogs: what is confirmed, what is "
            "missing and what disagrees, with the service behind each value. --write adds the "
            "missing values and the corrections two services agree on (a .bak is kept). "
            "--from DOCUMENT writes a .bib of the works a document cites."
        ),
    )
    parser.add_argument("bibfile", type=Path, nargs="?", help="the .bib file to check")
    parser.add_argument("--write", action="store_true", help="apply confirmed changes to BIBFILE")
    parser.add_argument(
        "--from",
        dest="from_document",
        type=Path,
        metavar="DOCUMENT",
        help="write a .bib of the works DOCUMENT cites (to -o FILE, or stdout)",
    )
    parser.add_argument("-o", "--output", type=Path, help="where --from writes")
    add_settings_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from citecheck.bib import load_bibliography
    from citecheck.bibcheck import (
        bib_for_document,
        check_bibliography,
        format_checks,
        write_corrections,
    )
    from citecheck.errors import InputError
    from citecheck.http import HttpClient
    from citecheck.services import default_catalogs

    settings = settings_from_args(args)
    catalogs = default_catalogs(HttpClient(settings))
    progress, close = progress_printer(settings.progress)
    if args.from_document is not None:
        from citecheck.extract import extract_file
        from citecheck.resolve import queries_for, resolve_work

        bibliography = load_bibliography(args.bibfile) if args.bibfile else None
        extraction = extract_file(args.from_document, bibliography=bibliography)
        resolutions = []
        for query in queries_for(extraction, bibliography):
            progress(f"resolving {query.title}")
            resolutions.append(resolve_work(query, catalogs))
        close()
        text = bib_for_document(extraction, resolutions)
        if args.output:
            write_text_atomically(args.output, text)
            print(
                f"citecheck: {len(resolutions)} work(s) written to {args.output}", file=sys.stderr
            )
        else:
            sys.stdout.write(text)
        return 0
    if args.bibfile is None:
        raise InputError("give a .bib file to check, or --from DOCUMENT")
    bibliography = load_bibliography(args.bibfile)
    for problem in bibliography.problems:
        print(f"citecheck: {problem}", file=sys.stderr)
    checks = check_bibliography(bibliography, catalogs)
    close()
    sys.stdout.write(format_checks(checks))
    if args.write:
        applied = write_corrections(args.bibfile, checks)
        if applied:
            print(
                f"citecheck: {len(applied)} change(s) written to {args.bibfile} "
                f"(the old file is {args.bibfile}.bak)",
                file=sys.stderr,
            )
            for line in applied:
                print(f"  {line}", file=sys.stderr)
        else:
            print("citecheck: nothing confirmed to write", file=sys.stderr)
    return 0
