"""The whole check of the example talk against stand-in services on loopback that answer slowly.

Each service (Open Library, Internet Archive, Library of Congress, HathiTrust, Google Books,
Crossref, and the web pages of speeches) is served on its own loopback address (127.0.0.1 to 127.0.0.7), in its real format
(tests/e2e/talk_world.py), after a fixed delay (200 ms by default). The script runs the check
twice with one fresh cache folder and prints: requests made, requests repeated within a run, the
sum of their latencies, the cold wall time (first run) and the warm wall time (second run, from
the cache).

    python benchmarks/check_network.py [--delay 0.2] [--rate-scale 1]

``--rate-scale`` multiplies the per-service request rates that citecheck keeps to out of
politeness (1 = the real rates). The stand-in is a local mirror, which may be asked faster.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "src"))

import talk_world  # noqa: E402

from citecheck.check import check  # noqa: E402
from citecheck.config import DEFAULT_BASE_URLS, Settings  # noqa: E402
from citecheck.http import HttpClient  # noqa: E402
from citecheck.model import Service  # noqa: E402

SERVICES = ("openlibrary", "internetarchive", "loc", "hathitrust", "googlebooks", "crossref", "web")


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paths: list[str] = []
        self.times: list[tuple[float, str]] = []

    def add(self, path: str) -> None:
        with self.lock:
            self.paths.append(path)
            self.times.append((time.perf_counter(), path))


def handler_for(service: str, delay: float, recorder: Recorder, ia_host: list[str]) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorder.add(f"{service}{self.path}")
            time.sleep(delay)
            status, headers, body = talk_world.answer_request(
                service, self.path, ia_host=ia_host[0]
            )
            talk_world.send_answer(self, status, headers, body.encode("utf-8"))

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def stand_ins(delay: float) -> Iterator[tuple[dict[str, str], Recorder]]:
    """One loopback server per service; yields their base URLs and the request recorder."""
    recorder = Recorder()
    ia_host: list[str] = [""]
    servers = {}
    # One loopback address per service, so each keeps its own rate limit as the real hosts do.
    for number, service in enumerate(SERVICES, start=1):
        address = f"127.0.0.{number}"
        server = ThreadingHTTPServer((address, 0), handler_for(service, delay, recorder, ia_host))
        server.daemon_threads = True
        servers[service] = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
    bases = {
        s: f"http://{srv.server_address[0]}:{srv.server_address[1]}" for s, srv in servers.items()
    }
    ia_host[0] = bases["internetarchive"].removeprefix("http://")
    try:
        yield bases, recorder
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


def local_bibliography(bases: dict[str, str], folder: Path) -> Path:
    """references.bib with every url pointed at the web stand-in."""
    text = (REPO / "references.bib").read_text(encoding="utf-8")

    def point(match: re.Match[str]) -> str:
        return f"{match.group(1)}{{{bases['web']}/{quote(match.group(2), safe='')}}}"

    bib = folder / "references.bib"
    bib.write_text(re.sub(r"(url\s*=\s*)\{([^}]*)\}", point, text), encoding="utf-8")
    return bib


def run_once(settings: Settings, bib: Path) -> tuple[float, int]:
    http = HttpClient(settings)
    started = time.perf_counter()
    report = check(
        REPO / "examples" / "truth-about-stalin.txt", bibliography=bib, settings=settings, http=http
    )
    elapsed = time.perf_counter() - started
    assert report.verifications, "the check verified nothing"
    return elapsed, http.request_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.2, help="seconds each answer takes")
    parser.add_argument(
        "--rate-scale", type=float, default=1.0, help="multiply the politeness rates"
    )
    args = parser.parse_args()
    with stand_ins(args.delay) as (bases, recorder), tempfile.TemporaryDirectory() as folder:
        catalog_names = {s.value: s for s in DEFAULT_BASE_URLS}
        settings = Settings(
            base_urls={
                catalog_names[name]: url for name, url in bases.items() if name in catalog_names
            },
            extra_base_urls={"ia_fulltext_search": bases["internetarchive"]},
            cache_dir=Path(folder) / "cache",
            rate_scale=args.rate_scale,
            max_retries=0,
            progress=False,
        )
        assert settings.base_url(Service.OPEN_LIBRARY) == bases["openlibrary"]
        bib = local_bibliography(bases, Path(folder))
        cold, cold_requests = run_once(settings, bib)
        cold_paths = list(recorder.paths)
        warm, warm_requests = run_once(settings, bib)
    repeated = {p: n for p, n in Counter(cold_paths).items() if n > 1}
    latency_sum = len(cold_paths) * args.delay
    print(
        f"stand-in delay per answer      {args.delay * 1000:.0f} ms (rate scale {args.rate_scale:g})"
    )
    print(f"requests made (cold run)       {len(cold_paths)} (client counted {cold_requests})")
    print(
        f"requests repeated in the run   {len(repeated)}"
        + (f": {sorted(repeated)[:5]}" if repeated else "")
    )
    print(f"sum of their latencies         {latency_sum:.2f} s")
    print(
        f"cold wall time                 {cold:.2f} s ({100 * cold / latency_sum:.0f}% of the sum)"
    )
    print(
        f"warm wall time                 {warm:.2f} s ({warm_requests} request(s) to the network)"
    )


if __name__ == "__main__":
    main()
