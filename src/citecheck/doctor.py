"""Do the services still answer the way citecheck reads them? One known query per service.

Each probe sends the request citecheck's own client sends, parses the answer with citecheck's
own parser, and checks facts the answer must hold (a known book is found, a known record has
volumes). The outcome per service is one of:

- ``ok``: it answered as expected;
- ``changed``: it answered, but not in the format citecheck reads, or without the known facts;
- ``refused``: it answered with an HTTP error (an API key, a quota, a refused request);
- ``unreachable``: no answer (no network, DNS, timeout, connection refused).

Every raw answer can be saved to a folder (``save_dir``) to send with a bug report: one file
per request, and ``doctor.json`` with what each probe concluded. Without a network (no service
host resolves) the doctor says so at once instead of waiting for timeouts.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from citecheck.config import Settings
from citecheck.errors import MalformedResponse, ServiceError, SourceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Edition, Service

__all__ = ["PROBES", "Probe", "ProbeResult", "ProbeStatus", "Recorder", "run_doctor"]


class ProbeStatus(StrEnum):
    OK = "ok"
    CHANGED = "changed"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True, slots=True)
class ProbeResult:
    service: str
    query: str
    status: ProbeStatus
    detail: str
    urls: tuple[str, ...] = ()


class FactMissing(MalformedResponse):
    """The answer parsed, but lacks a fact it must hold."""


def _title_found(editions: Sequence[Edition], words: str, what: str) -> str:
    wanted = set(words.lower().split())
    for edition in editions:
        if wanted <= set(re.findall(r"[a-z]+", edition.title.lower())):
            return f"{len(editions)} record(s), among them {edition.title!r}"
    raise FactMissing(f"{what}: no record titled like {words!r} among {len(editions)}")


def _openlibrary(http: HttpClient) -> str:
    from citecheck.services.openlibrary import OpenLibraryClient

    works, _docs = OpenLibraryClient(http).search(
        "Mission to Moscow", ["Joseph E. Davies"], limit=5
    )
    return _title_found(works, "mission moscow", "search.json")


def _internetarchive(http: HttpClient) -> str:
    from citecheck.services.internetarchive import InternetArchiveClient

    client = InternetArchiveClient(http, metadata_lookups=0)
    found = client.find_editions("Stalin, man of history", ["Ian Grey"], limit=5)
    summary = _title_found(found, "stalin history", "advancedsearch.php")
    if not all(e.identifiers.internetarchive for e in found):
        raise FactMissing("advancedsearch.php: a doc without an identifier")
    return summary


def _loc(http: HttpClient) -> str:
    from citecheck.services.loc import LibraryOfCongressClient

    found = LibraryOfCongressClient(http).find_editions("Mission to Moscow", ["Davies"], limit=10)
    return _title_found(found, "mission moscow", "books/?fo=json")


HATHITRUST_OCLC = "3756332"
"""A public-domain record of the Bibliographic API's recorded answers (../shared/api-samples)."""


def _hathitrust(http: HttpClient) -> str:
    from citecheck.services.hathitrust import HathiTrustClient

    volumes = HathiTrustClient(http).volumes_by_oclc([HATHITRUST_OCLC])
    if not volumes or not all(v.htid for v in volumes):
        raise FactMissing(f"oclc:{HATHITRUST_OCLC}: no volumes with an htid")
    return f"oclc:{HATHITRUST_OCLC} has {len(volumes)} volume(s)"


def _googlebooks(http: HttpClient) -> str:
    from citecheck.services.googlebooks import GoogleBooksClient

    found = GoogleBooksClient(http).find_editions("Mission to Moscow", ["Joseph E. Davies"])
    return _title_found(found, "mission moscow", "volumes")


def _crossref(http: HttpClient) -> str:
    from citecheck.services.crossref import CrossrefClient

    found = CrossrefClient(http).find_editions("The Great Conspiracy", ["Sayers", "Kahn"], limit=5)
    refused = [n.detail for n in http.notes if "refused" in n.detail]
    if refused:
        raise FactMissing(f"works: the search was refused and asked again: {refused[0]}")
    if not found:
        raise FactMissing("works: a bibliographic query found no work at all")
    return f"{len(found)} work(s), the first {found[0].title!r}"


def _gutendex(http: HttpClient) -> str:
    from citecheck.texts.web import WebText

    books = WebText(http).find_gutenberg("Christmas Carol Dickens")
    carol = [b for b in books if b.id == 46]
    if not carol or not carol[0].text_url():
        raise FactMissing("books?search=: no book 46 (A Christmas Carol) with a text to read")
    return f"{len(books)} book(s), among them #46 {carol[0].title!r}"


@dataclass(frozen=True, slots=True)
class Probe:
    service: str
    query: str
    run: Callable[[HttpClient], str]
    host_of: Callable[[HttpClient], str]


def _host(service: Service) -> Callable[[HttpClient], str]:
    return lambda http: urlsplit(http.base_url(service)).hostname or ""


def _named_host(name: str, default: str) -> Callable[[HttpClient], str]:
    return lambda http: urlsplit(http.base_url_for(name, default)).hostname or ""


PROBES: tuple[Probe, ...] = (
    Probe("openlibrary", "search.json: Mission to Moscow, Davies", _openlibrary, _host(Service.OPEN_LIBRARY)),
    Probe("internetarchive", "advancedsearch: Stalin, man of history, Grey", _internetarchive, _host(Service.INTERNET_ARCHIVE)),
    Probe("loc", "books/?fo=json: Mission to Moscow, Davies", _loc, _host(Service.LIBRARY_OF_CONGRESS)),
    Probe("hathitrust", f"brief/json/oclc:{HATHITRUST_OCLC}", _hathitrust, _host(Service.HATHITRUST)),
    Probe("googlebooks", "volumes: Mission to Moscow, Davies", _googlebooks, _host(Service.GOOGLE_BOOKS)),
    Probe("crossref", "works: The Great Conspiracy, Sayers Kahn", _crossref, _host(Service.CROSSREF)),
    Probe("gutendex", "books?search=Christmas Carol Dickens", _gutendex, _named_host("gutendex", "https://gutendex.com")),
)  # fmt: skip


class Recorder(requests.Session):
    """A session that keeps every response it sends (their bodies are read by the HTTP client)."""

    def __init__(self) -> None:
        super().__init__()
        self.responses: list[requests.Response] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        response = super().send(request, **kwargs)
        self.responses.append(response)
        return response


def _status_of(error: SourceError) -> ProbeStatus:
    if isinstance(error, SourceUnavailable):
        return ProbeStatus.UNREACHABLE
    if isinstance(error, ServiceError) and error.status != 200:
        return ProbeStatus.REFUSED
    return ProbeStatus.CHANGED


def _resolves(host: str, resolve: Callable[..., Any]) -> bool:
    if not host:
        return False
    try:
        resolve(host, None)
    except (OSError, UnicodeError):
        return False
    return True


@dataclass
class _Saver:
    folder: Path | None
    written: list[dict[str, Any]] = field(default_factory=list)

    def keep(self, service: str, responses: Sequence[requests.Response]) -> tuple[str, ...]:
        urls = []
        for number, response in enumerate(responses, start=1):
            urls.append(response.url)
            if self.folder is None:
                continue
            kind = response.headers.get("Content-Type", "").split(";")[0]
            ext = (
                "json"
                if "json" in kind
                else "html"
                if "html" in kind
                else "xml"
                if "xml" in kind
                else "txt"
            )
            name = f"{service}-{number}.{ext}"
            (self.folder / name).write_bytes(response.content or b"")
            self.written.append(
                {
                    "file": name,
                    "url": _without_key(response.url),
                    "status": response.status_code,
                    "content_type": response.headers.get("Content-Type", ""),
                }
            )
        return tuple(_without_key(u) for u in urls)


def _without_key(url: str) -> str:
    from citecheck.http import redact_url

    return redact_url(url)


def run_doctor(
    settings: Settings,
    *,
    save_dir: Path | None = None,
    probes: Sequence[Probe] = PROBES,
    resolve: Callable[..., Any] = socket.getaddrinfo,
    session_factory: Callable[[], Recorder] = Recorder,
) -> list[ProbeResult]:
    """Run every probe against the configured services; results in the order of ``probes``.

    The cache is neither read nor written (the point is what the services answer now), and
    nothing is retried: a probe reports the first answer.
    """
    live = replace(settings, use_cache=False, offline=False, max_retries=0)
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
    saver = _Saver(save_dir)
    scratch = HttpClient(live)
    hosts = {probe.service: probe.host_of(scratch) for probe in probes}
    scratch.close()
    if not any(_resolves(host, resolve) for host in hosts.values()):
        results = [
            ProbeResult(
                p.service,
                p.query,
                ProbeStatus.UNREACHABLE,
                f"no network: {hosts[p.service] or 'the host'} cannot be resolved, nor any other "
                "service host",
            )
            for p in probes
        ]
        _write_summary(save_dir, results, saver)
        return results
    results = []
    for probe in probes:
        session = session_factory()
        http = HttpClient(live, session=session, budgets={"*": 0.0})
        try:
            detail = probe.run(http)
            status = ProbeStatus.OK
        except SourceError as error:
            status, detail = _status_of(error), str(error)
        finally:
            http.close()
        urls = saver.keep(probe.service, session.responses)
        results.append(ProbeResult(probe.service, probe.query, status, detail, urls))
    _write_summary(save_dir, results, saver)
    return results


def _write_summary(save_dir: Path | None, results: Sequence[ProbeResult], saver: _Saver) -> None:
    if save_dir is None:
        return
    summary = {
        "probes": [
            {
                "service": r.service,
                "query": r.query,
                "status": r.status.value,
                "detail": r.detail,
                "urls": list(r.urls),
            }
            for r in results
        ],
        "answers": saver.written,
    }
    (save_dir / "doctor.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
