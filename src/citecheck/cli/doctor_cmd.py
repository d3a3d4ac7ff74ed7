"""``citecheck doctor [--save DIR]``: do the services still answer the way citecheck reads them?"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from citecheck.cli import EXIT_OK, EXIT_SOURCE_FAILURE
from citecheck.cli.common import settings_from_args

_MARKS = {"ok": "ok", "changed": "CHANGED", "refused": "REFUSED", "unreachable": "UNREACHABLE"}


def register(subparsers: Any) -> None:
    """Add the ``doctor`` command."""
    parser = subparsers.add_parser(
        "doctor",
        help="ask each service one known question and say which answer as citecheck expects",
        description="Send one known query to each service (Open Library, Internet Archive, "
        "Library of Congress, HathiTrust, Google Books, Crossref, Gutendex) with citecheck's own "
        "clients, parse the answers with its own parsers and check facts they must hold. Prints "
        "which services answer as expected and which changed their format; --save keeps the "
        "raw answers for a bug report. The cache is not used.",
    )
    parser.add_argument(
        "--save", type=Path, metavar="DIR", help="write every raw answer and doctor.json here"
    )
    parser.add_argument("--contact", help="e-mail address sent to the services in the User-Agent")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to wait for each answer (10)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the probes, print one line per service; exit 0 only when every service answered as expected."""
    from dataclasses import replace

    from citecheck.doctor import ProbeStatus, run_doctor

    settings = replace(settings_from_args(args), timeout=args.timeout, progress=False)
    results = run_doctor(settings, save_dir=args.save)
    width = max(len(r.service) for r in results)
    for result in results:
        print(f"{result.service:<{width}}  {_MARKS[result.status.value]:<11}  {result.detail}")
    good = sum(1 for r in results if r.status is ProbeStatus.OK)
    print(f"\n{good} of {len(results)} services answer as citecheck expects.")
    if args.save is not None:
        print(f"Raw answers and doctor.json are in {args.save}.")
    return EXIT_OK if good == len(results) else EXIT_SOURCE_FAILURE
