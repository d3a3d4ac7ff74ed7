"""A batch of 1,000 documents quoting 100 books, against loopback stand-ins that answer slowly.

Synthetic load, not real documents: the books (pseudo-word titles, authors and page texts) and
the documents (each quoting three of the books with a page number, one quotation in five with a
word changed) are generated here from a fixed seed (tests/batch/batch_world.py). The stand-in
services are those of tests/e2e/talk_world.py, in the real services' formats, each on its own
loopback address, answering after ``--delay`` seconds and counting the requests they get.

For each number of workers (1, 2 and 4 by default) the batch runs cold (an empty cache) and is
then run again over the same results file (the resume). Printed: documents per second, requests
the services received (and how many of them repeated an earlier one), and for each service the
most requests it received within one calendar second and within any sliding second, beside the
limit citecheck keeps to for it (its politeness rate times ``--rate-scale``).

    python benchmarks/batch.py [--documents 1000] [--books 100] [--delay 0.2] [--rate-scale 100]
                               [--workers 1 2 4] [--engine local|dask] [--redis URL]

Without ``--redis`` the workers book their requests with one coordinating limiter (a manager
process, or a Dask actor); with it, in Redis.

``--command`` runs the command line instead, as a user would, with a broken file among the
documents: ``citecheck batch FOLDER -o results.jsonl --engine ENGINE --workers N`` twice, and
prints the wall time of each run (cluster start included) and the lines written.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "batch"))
sys.path.insert(0, str(REPO / "src"))

import batch_world  # noqa: E402

from citecheck.batch import DaskEngine, LocalEngine, run_batch  # noqa: E402
from citecheck.batch.engine import Engine  # noqa: E402
from citecheck.http import DEFAULT_RATES  # noqa: E402

SERVICES = ("openlibrary", "internetarchive", "loc", "hathitrust", "googlebooks", "crossref")


def make_engine(kind: str, workers: int) -> Engine:
    return DaskEngine(workers=workers) if kind == "dask" else LocalEngine(workers)


def run(args: argparse.Namespace, workers: int, folder: Path, root: Path) -> None:
    books = batch_world.synthetic_books(args.books)
    with batch_world.loopback_services(books, delay=args.delay) as (bases, counts):
        settings = batch_world.settings_for(bases, root / "cache", rate_scale=args.rate_scale)
        output = root / "results.jsonl"
        engine = make_engine(args.engine, workers)
        try:
            started = time.perf_counter()
            cold = run_batch(
                [folder], output, engine=engine, settings=settings, redis_url=args.redis
            )
            cold_seconds = time.perf_counter() - started
            asked = counts.total()
            started = time.perf_counter()
            again = run_batch(
                [folder], output, engine=engine, settings=settings, redis_url=args.redis
            )
            resume_seconds = time.perf_counter() - started
        finally:
            engine.close()
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(cold.summary.statuses.items()))
        print(f"\n{workers} worker(s), engine {args.engine}")
        print(
            f"  cold run        {cold_seconds:6.1f} s  {cold.documents / cold_seconds:6.1f} documents/s"
            f"  ({statuses}; {cold.works} distinct works)"
        )
        print(
            "  phases          "
            + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in cold.phase_seconds.items())
        )
        print(
            f"  resumed run     {resume_seconds:6.2f} s  ({again.checked} checked, "
            f"{again.skipped} unchanged; {counts.total() - asked} requests)"
        )
        print(f"  requests        {asked} received, {len(counts.repeated())} of them repeated")
        print("  per service     service          requests  busiest: calendar s  sliding s  limit")
        for service in SERVICES:
            limit = int(DEFAULT_RATES[service].per_second * args.rate_scale)
            print(
                f"                  {service:16} {len(counts.arrivals.get(service, ())):8}"
                f" {counts.busiest_second(service):20} {counts.busiest_window(service):10}"
                f" {limit:6}"
            )


def run_command(args: argparse.Namespace, workers: int, folder: Path, root: Path) -> None:
    books = batch_world.synthetic_books(args.books)
    (folder / "broken.txt").write_bytes(b"\x00\x01 not a document")
    with batch_world.loopback_services(books, delay=args.delay) as (bases, _counts):
        env = dict(os.environ)
        for service, base in bases.items():
            if service != "web":
                env[f"CITECHECK_{service.upper()}_URL"] = base
        env["CITECHECK_IA_FULLTEXT_SEARCH_URL"] = bases["internetarchive"]
        env["CITECHECK_CACHE_DIR"] = str(root / "cache")
        env["CITECHECK_RATE_SCALE"] = str(args.rate_scale)
        env["CITECHECK_MAX_RETRIES"] = "0"
        env["PYTHONPATH"] = str(REPO / "src")
        command = [sys.executable, "-m", "citecheck", "batch", str(folder), "-o"]
        command += [str(root / "results.jsonl"), "--engine", args.engine]
        command += ["--workers", str(workers), "--quiet"]
        if args.redis:
            command += ["--redis", args.redis]
        print(
            f"\n$ citecheck batch FOLDER -o results.jsonl --engine {args.engine} --workers {workers}"
        )
        for name in ("first run", "second run"):
            started = time.perf_counter()
            done = subprocess.run(
                command, check=False, env=env, cwd=root, capture_output=True, text=True
            )
            seconds = time.perf_counter() - started
            lines = (root / "results.jsonl").read_text(encoding="utf-8").splitlines()
            statuses = [json.loads(line)["status"] for line in lines]
            print(
                f"  {name:12} {seconds:6.1f} s  exit {done.returncode}; {len(lines)} lines "
                f"({statuses.count('ok')} ok, {statuses.count('error')} error); "
                + done.stderr.strip().splitlines()[-1].removeprefix("citecheck: ")
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--books", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds each answer takes")
    parser.add_argument(
        "--rate-scale", type=float, default=100.0, help="multiply the politeness rates"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--redis", help="share limits and cache through this Redis server")
    parser.add_argument(
        "--command", action="store_true", help="run the citecheck batch command instead"
    )
    args = parser.parse_args()
    books = batch_world.synthetic_books(args.books)
    documents = batch_world.synthetic_documents(books, args.documents)
    print(
        f"{args.documents} synthetic documents quoting {args.books} synthetic books, "
        f"{sum(d.altered for d in documents)} of {3 * args.documents} quotations altered; "
        f"stand-ins answer after {args.delay * 1000:.0f} ms; rate scale {args.rate_scale:g}"
        + (f"; Redis at {args.redis}" if args.redis else "; coordinating limiter")
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "documents"
        batch_world.write_documents(documents, folder)
        for workers in args.workers:
            root = Path(scratch) / f"run-{workers}"
            root.mkdir()
            if args.redis:
                import redis

                redis.Redis.from_url(args.redis).flushdb()
            (run_command if args.command else run)(args, workers, folder, root)


if __name__ == "__main__":
    main()
