"""``citecheck batch PATH... -o results.jsonl``: many documents, one JSON line each, resumable."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from citecheck.batch.summary import BatchSummary
from citecheck.cli.common import add_settings_arguments, add_source_argument, settings_from_args

ENGINES = ("local", "dask")
SUMMARY_FORMATS = ("text", "html", "json")


def register(subparsers: Any) -> None:
    """Add the ``batch`` command."""
    from citecheck.report import DEFAULT_FAIL_ON

    parser = subparsers.add_parser(
        "batch",
        help="check many documents, one JSON line each, resumable, on a pool or a Dask cluster",
        description=(
            "Check every document (text, Markdown, HTML, Word, OpenDocument, PDF) under the "
            "PATHs and in --list. Each "
            "document's report (as check --format json writes it) goes to one line of OUTPUT "
            "as soon as it is done, with the document's path, content hash and run time. A "
            "second run skips documents whose line is there with the same content hash. The "
            "works of all documents are resolved and fetched once for the whole batch, within "
            "rate limits that hold for every worker together. Exit status: 0 when every "
            "quotation holds; 1 when findings at or above --fail-on exist; 2 when a document "
            "could not be read (its line says why)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, help="documents, or folders of documents")
    parser.add_argument(
        "--list", type=Path, metavar="FILE", help="a file of document paths, one a line"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="the results file (JSON lines)"
    )
    parser.add_argument(
        "--engine", choices=ENGINES, default="local", help="a process pool here, or Dask"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers (default 2)")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler (else a local cluster)"
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        default=os.environ.get("CITECHECK_REDIS_URL"),
        help="Redis for the shared rate limits and HTTP cache (env CITECHECK_REDIS_URL)",
    )
    parser.add_argument(
        "--retry-failed", action="store_true", help="check again the documents whose line failed"
    )
    parser.add_argument(
        "--bib",
        type=Path,
        help="one bibliography for every document (default: references.bib beside each)",
    )
    add_source_argument(parser)
    parser.add_argument(
        "--format",
        choices=SUMMARY_FORMATS,
        default="text",
        help="the summary: text on stdout, json on stdout, or an HTML page beside OUTPUT "
        "linking each document's report",
    )
    parser.add_argument(
        "--fail-on",
        default=",".join(sorted(DEFAULT_FAIL_ON)),
        help="verdicts that make the exit status 1 (as for check)",
    )
    add_settings_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from citecheck.batch import DaskEngine, LocalEngine, run_batch
    from citecheck.batch.engine import Engine
    from citecheck.batch.summary import render_summary_text
    from citecheck.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
    from citecheck.errors import InputError
    from citecheck.report import parse_fail_on

    try:
        fail_on = parse_fail_on(args.fail_on)
    except ValueError as error:
        raise InputError(f"--fail-on: {error}") from error
    if not args.paths and args.list is None:
        raise InputError("name documents or folders to check, or --list FILE")
    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    settings = settings_from_args(args)
    if not (settings.use_cache or settings.offline):
        raise InputError(
            "--no-cache: a batch hands the texts it fetched to its workers through the cache; "
            "use a fresh --cache-dir (or --refresh) instead"
        )
    fallback = Path.cwd() / "references.bib"

    def make_engine() -> Engine:
        if args.engine == "dask":
            return DaskEngine(args.scheduler, workers=args.workers)
        return LocalEngine(args.workers)

    progress, close_progress = _progress_bar(settings.progress and not args.quiet)
    try:
        result = run_batch(
            args.paths,
            args.output,
            list_file=args.list,
            make_engine=make_engine,
            settings=settings,
            bibliography=args.bib,
            fallback_bibliography=fallback if fallback.is_file() else None,
            redis_url=args.redis,
            retry_failed=args.retry_failed,
            progress=progress,
            sources=[*args.source, *settings.sources],
        )
    finally:
        close_progress()
    summary = result.summary
    print(
        f"citecheck: {result.documents} document(s), {result.checked} checked, "
        f"{result.skipped} unchanged; {result.works} distinct work(s); lines in {result.output}",
        file=sys.stderr,
    )
    if args.format == "json":
        sys.stdout.write(json.dumps(asdict(summary), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html":
        page = write_html_summary(result.output, result.paths)
        print(f"citecheck: summary written to {page}", file=sys.stderr)
    else:
        sys.stdout.write(render_summary_text(summary))
    if summary.errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if _reaches(summary, fail_on) else EXIT_OK


def write_html_summary(output: Path, paths: Sequence[str]) -> Path:
    """The summary page beside the results, and each document's HTML report in a folder beside it."""
    from citecheck.atomic import write_text_atomically
    from citecheck.batch.results import read_results
    from citecheck.batch.summary import render_summary_html, summarise
    from citecheck.report import render
    from citecheck.report.json import report_from_dict

    every = read_results(output).lines
    lines = {path: every[path] for path in paths if path in every}
    folder = output.with_name(f"{output.stem}-reports")
    links: dict[str, str] = {}
    for number, (path, line) in enumerate(lines.items(), start=1):
        report = line.get("report")
        if not isinstance(report, Mapping):
            continue
        name = f"{number:06d}-{Path(path).stem[:60]}.html"
        write_text_atomically(folder / name, render(report_from_dict(dict(report)), "html"))
        links[path] = f"{folder.name}/{name}"
    page = output.with_suffix(".html")
    write_text_atomically(page, render_summary_html(summarise(lines.values()), links))
    return page


def _reaches(summary: BatchSummary, fail_on: frozenset[str]) -> bool:
    """Whether any quotation of the batch reaches a --fail-on level (as ``check`` counts them)."""
    wanted = {level.replace("-", "_") for level in fail_on}
    if any(summary.verdicts.get(level) for level in wanted):
        return True
    return "page" in wanted and any(summary.pages.get(p) for p in ("other_page", "impossible"))


def _progress_bar(enabled: bool) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A bar over documents on stderr when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return (lambda _done, _total: None), (lambda: None)
    from tqdm import tqdm

    bar: Any = tqdm(total=0, file=sys.stderr, unit="doc", dynamic_ncols=True)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close
