"""How long the command line takes to start: ``--version``, ``--help`` and the example's ``extract``.

    python benchmarks/startup.py             # 10 runs of each command, median and fastest
    python benchmarks/startup.py --runs 30
    python benchmarks/startup.py --importtime   # also the slowest imports of `citecheck --version`

Each run is a fresh interpreter (``python -m citecheck ...``), as a user's shell starts it; the
figures are wall-clock times, so they include the interpreter's own start-up (also printed, for
comparison).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TALK = REPO / "examples" / "truth-about-stalin.txt"
COMMANDS: dict[str, list[str]] = {
    "python -c pass (the interpreter alone)": ["-c", "pass"],
    "citecheck --version": ["-m", "citecheck", "--version"],
    "citecheck --help": ["-m", "citecheck", "--help"],
    "citecheck extract examples/truth-about-stalin.txt": ["-m", "citecheck", "extract", str(TALK)],
}


def wall_times(arguments: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, *arguments],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        times.append(time.perf_counter() - started)
    return times


def slowest_imports(arguments: list[str], count: int) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest top-level imports, from -X importtime."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *arguments],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative_us, name = line[len("import time:") :].split("|")
        # Nested imports are indented by two spaces a level; keep the top level only.
        if not name[1:].startswith(" "):
            rows.append((int(cumulative_us), name.strip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    print(f"{args.runs} runs each, {sys.executable}")
    for label, arguments in COMMANDS.items():
        times = wall_times(arguments, args.runs)
        print(f"  {label:52} median {statistics.median(times):.3f} s, fastest {min(times):.3f} s")
    if args.importtime:
        print("slowest imports of `citecheck --version` (cumulative):")
        for micros, name in slowest_imports(COMMANDS["citecheck --version"], 12):
            print(f"  {micros / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
