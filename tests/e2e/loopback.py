"""The talk's stand-in services (talk_world) served on loopback, each able to fail in ten ways.

One ``ThreadingHTTPServer`` per service on 127.0.0.1; ``Faults`` says which service misbehaves
and how. The faults are the ones real services show, injected at the level where they happen
(the socket, the status line, the headers, the body):

- ``timeout``: the answer never comes (the handler holds the connection past the client timeout);
- ``rate_limited``: 429 with ``Retry-After: 30``;
- ``http_500`` / ``http_503``: the service fails;
- ``malformed_json``: 200, the first half of the answer (JSON that does not parse, XML or HTML
  that stops), with a correct Content-Length;
- ``html_error_page``: 200 with an HTML "503 Service Temporarily Unavailable" page;
- ``changed_schema``: 200, the data under a new envelope (JSON), a renamed root (XML), or an
  app shell with the text in a script (HTML);
- ``truncated_body``: Content-Length of the whole answer, half of it sent, the connection closed;
- ``connection_reset``: the request is read and the connection reset without an answer;
- ``redirect_loop``: 302 to the same URL, forever;
- ``wrong_charset``: a UTF-8 body holding non-ASCII text, labelled ``charset=iso-8859-1``.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import talk_world

SERVICES = ("openlibrary", "internetarchive", "loc", "hathitrust", "googlebooks", "crossref", "web")
FAULTS = (
    "timeout",
    "rate_limited",
    "http_500",
    "http_503",
    "malformed_json",
    "html_error_page",
    "changed_schema",
    "truncated_body",
    "connection_reset",
    "redirect_loop",
    "wrong_charset",
)
HANG_SECONDS = 3.0
"""How long a ``timeout`` answer is held back: longer than the client timeout of the tests."""

ERROR_PAGE = (
    "<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head>"
    "<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr>"
    "<center>nginx</center></body></html>"
)
NON_ASCII = "Grey — Stalin’s “Man of History”"


class Faults:
    """Which service fails, and how; thread-safe, changed between runs."""

    def __init__(self, hang_seconds: float = HANG_SECONDS) -> None:
        self.hang_seconds = hang_seconds
        self._lock = threading.Lock()
        self._faults: dict[str, str] = {}
        self.hung = threading.Event()
        """Set to release every held ``timeout`` handler at once (the end of a test)."""

    def set(self, service: str, fault: str | None) -> None:
        with self._lock:
            if fault is None:
                self._faults.pop(service, None)
            else:
                self._faults[service] = fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def of(self, service: str) -> str | None:
        with self._lock:
            return self._faults.get(service)


def _changed_schema(body: str, content_type: str) -> str:
    if "json" in content_type:
        return json.dumps({"apiVersion": 2, "result": {"payload": json.loads(body)}})
    if "xml" in content_type:
        return re.sub(r"</?DjVuXML>", lambda m: m.group(0).replace("DjVuXML", "Document"), body)
    escaped = json.dumps(re.sub(r"<[^>]+>", " ", body))
    return (
        "<!DOCTYPE html><html><head><title>Loading…</title></head><body><div id='app'></div>"
        f"<script>window.__DATA__ = {escaped};</script></body></html>"
    )


def _with_non_ascii(body: str, content_type: str) -> str:
    if "json" in content_type:
        data = json.loads(body)
        if isinstance(data, dict):
            data["_comment"] = NON_ASCII
            return json.dumps(data, ensure_ascii=False)
        return body
    if "xml" in content_type:
        return body.replace("<BODY>", f"<BODY><!-- {NON_ASCII} -->", 1)
    return body.replace("</body>", f"<p class='footer'>{NON_ASCII}</p></body>", 1)


Answerer = Callable[..., tuple[int, dict[str, str], str]]


def handler_for(
    service: str, faults: Faults, ia_host: list[str], answer: Answerer = talk_world.answer
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            fault = faults.of(service)
            status, headers, body = talk_world.answer_request(
                service, self.path, ia_host=ia_host[0], answer=answer
            )
            content_type = headers.get("Content-Type", "")
            if fault == "timeout":
                faults.hung.wait(faults.hang_seconds)
                self.close_connection = True
                return
            if fault == "connection_reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()
                return
            if fault == "redirect_loop":
                self._send(302, {"Location": self.path}, b"")
                return
            if fault == "rate_limited":
                self._send(429, {"Retry-After": "30", "Content-Type": "text/plain"}, b"slow down")
                return
            if fault in ("http_500", "http_503"):
                self._send(int(fault[-3:]), {"Content-Type": "text/html"}, b"<html>failed</html>")
                return
            if status == 200:
                if fault == "malformed_json":
                    body = body[: len(body) // 2]
                elif fault == "html_error_page":
                    body, headers = ERROR_PAGE, {"Content-Type": "text/html"}
                elif fault == "changed_schema":
                    body = _changed_schema(body, content_type)
                elif fault == "wrong_charset":
                    body = _with_non_ascii(body, content_type)
                    headers = {
                        **headers,
                        "Content-Type": f"{content_type.split(';')[0]}; charset=iso-8859-1",
                    }
            data = body.encode("utf-8")
            if fault == "truncated_body" and status == 200:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(status, headers, data)

        def _send(self, status: int, headers: dict[str, str], data: bytes) -> None:
            talk_world.send_answer(self, status, headers, data)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def stand_ins(
    faults: Faults, *, services: Sequence[str] = SERVICES, answer: Answerer = talk_world.answer
) -> Iterator[dict[str, str]]:
    """One loopback server per service; yields their base URLs (``http://127.0.0.1:PORT``)."""
    ia_host: list[str] = [""]
    servers = {}
    for service in services:
        handler = handler_for(service, faults, ia_host, answer)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        servers[service] = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
    bases = {s: f"http://127.0.0.1:{srv.server_address[1]}" for s, srv in servers.items()}
    ia_host[0] = bases.get("internetarchive", "").removeprefix("http://")
    try:
        yield bases
    finally:
        faults.hung.set()
        for server in servers.values():
            server.shutdown()
            server.server_close()


def local_bibliography(bibliography: Path, web_base: str, folder: Path) -> Path:
    """The bibliography with every ``url`` pointed at the web stand-in (the URL quoted in its path)."""
    text = bibliography.read_text(encoding="utf-8")

    def point(match: re.Match[str]) -> str:
        return f"{match.group(1)}{{{web_base}/{quote(match.group(2), safe='')}}}"

    bib = folder / "references.bib"
    bib.write_text(re.sub(r"(url\s*=\s*)\{([^}]*)\}", point, text), encoding="utf-8")
    return bib


def wait_until_idle(seconds: float = 0.05) -> None:
    """Give handler threads of the last run a moment to finish writing."""
    time.sleep(seconds)
