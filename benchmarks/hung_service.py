"""What a hung service costs a run: the talk's check with one stand-in that never answers.

The stand-ins of tests/e2e/loopback.py serve every service on loopback; the chosen one accepts
connections and never answers. The check runs with the default settings (20 s timeout, the
default retries and time budget) unless told otherwise, once healthy and once with the hung
service, and prints both wall times and what the report says about the host.

    python benchmarks/hung_service.py [--service internetarchive] [--timeout 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "src"))

import loopback  # noqa: E402

from citecheck.check import check  # noqa: E402
from citecheck.config import DEFAULT_BASE_URLS, Settings  # noqa: E402
from citecheck.http import HttpClient  # noqa: E402
from citecheck.model import FindingCode  # noqa: E402


def run(bases: dict[str, str], bib: Path, cache: Path, timeout: float) -> tuple[float, list[str]]:
    catalogs = {s.value: s for s in DEFAULT_BASE_URLS}
    settings = Settings(
        base_urls={catalogs[n]: url for n, url in bases.items() if n in catalogs},
        extra_base_urls={"ia_fulltext_search": bases["internetarchive"]},
        cache_dir=cache,
        timeout=timeout,
        rate_scale=100.0,
        progress=False,
    )
    http = HttpClient(settings)
    started = time.perf_counter()
    report = check(
        REPO / "examples" / "truth-about-stalin.txt", bibliography=bib, settings=settings, http=http
    )
    elapsed = time.perf_counter() - started
    http.close()
    said = [f.message for f in report.findings if f.code is FindingCode.SOURCE_FAILED]
    return elapsed, said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", default="internetarchive", choices=loopback.SERVICES)
    parser.add_argument("--timeout", type=float, default=20.0, help="the client timeout (s)")
    args = parser.parse_args()
    faults = loopback.Faults(hang_seconds=3600.0)
    with loopback.stand_ins(faults) as bases, tempfile.TemporaryDirectory() as folder:
        bib = loopback.local_bibliography(REPO / "references.bib", bases["web"], Path(folder))
        healthy, _ = run(bases, bib, Path(folder) / "healthy", args.timeout)
        faults.set(args.service, "timeout")
        hung, said = run(bases, bib, Path(folder) / "hung", args.timeout)
    print(f"timeout                 {args.timeout:g} s")
    print(f"healthy run             {healthy:.1f} s")
    print(
        f"run with {args.service} hung   {hung:.1f} s (the hung service cost {hung - healthy:.1f} s)"
    )
    for message in said:
        print(f"report: {message[:150]}")


if __name__ == "__main__":
    main()
