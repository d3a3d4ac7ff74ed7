"""``citecheck extract FILE [--bib references.bib] [--json]``: the quotations and their citations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from citecheck.cli import EXIT_OK


def register(subparsers: Any) -> None:
    """Add the ``extract`` command."""
    parser = subparsers.add_parser(
        "extract",
        help="list the quotations of a document with what it claims about them",
        description="List every quotation of a document (text, Markdown or HTML) with its kind, "
        "speaker, work, intermediary, locator, bibliography key and confidence.",
    )
    parser.add_argument("file", type=Path, help="the document to read")
    parser.add_argument("--bib", type=Path, help="a BibTeX file to link the cited works to")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract, print the table (or JSON), and the problems met on stderr."""
    from citecheck.extract import extract_file
    from citecheck.extract.render import extraction_to_dict, render_table

    bibliography = None
    if args.bib is not None:
        from citecheck.bib import load_bibliography

        bibliography = load_bibliography(args.bib)
        for problem in bibliography.problems:
            print(f"citecheck: {problem}", file=sys.stderr)
    extraction = extract_file(args.file, bibliography=bibliography)
    for problem in extraction.problems:
        print(f"citecheck: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(extraction_to_dict(extraction), ensure_ascii=False, indent=2))
    else:
        print(render_table(extraction))
    return EXIT_OK
