"""The fault matrix: every service of the talk fails in every way, and the check stays honest.

For each (service, fault) cell the whole check of the example talk runs against loopback stand-ins
(loopback.py) in which that one service misbehaves, then once more with the fault cleared and the
same cache. In every cell:

1. no traceback: the check returns a report, which renders as text and JSON;
2. the failure is named in the report (a finding naming the service or its host);
3. no verdict of a quotation that does not depend on the failed service changes;
4. no quotation becomes ``not_found`` through the failure;
5. the warm re-run after the fault clears reproduces the healthy verdicts (nothing bad was cached).

A quotation depends on a service when the healthy run's verdict rests on it: the service gave its
text, was among the attempts of its verification, or is a source of its edition.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import loopback

from citecheck.check import check
from citecheck.config import DEFAULT_BASE_URLS, Settings
from citecheck.http import HttpClient
from citecheck.model import FindingCode, Report, Service, Verification, WordingVerdict
from citecheck.report import render

REPO = Path(__file__).resolve().parents[2]
TALK = REPO / "examples" / "truth-about-stalin.txt"

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

Verdict = tuple[str, str, tuple[str, ...]]


@dataclass
class World:
    faults: loopback.Faults
    bases: dict[str, str]
    bibliography: Path

    def settings(self, cache: Path) -> Settings:
        catalogs = {s.value: s for s in DEFAULT_BASE_URLS}
        return Settings(
            base_urls={catalogs[n]: url for n, url in self.bases.items() if n in catalogs},
            extra_base_urls={"ia_fulltext_search": self.bases["internetarchive"]},
            cache_dir=cache,
            timeout=1.0,
            max_retries=1,
            progress=False,
        )

    def run(self, cache: Path) -> tuple[Report, HttpClient]:
        settings = self.settings(cache)
        # Waits (Retry-After, backoff, politeness) are counted, not slept: the matrix stays fast.
        http = HttpClient(settings, sleep=lambda _seconds: None)
        try:
            report = check(TALK, bibliography=self.bibliography, settings=settings, http=http)
        finally:
            http.close()
        return report, http


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    faults = loopback.Faults()
    with loopback.stand_ins(faults) as bases:
        folder = tmp_path_factory.mktemp("bib")
        bib = loopback.local_bibliography(REPO / "references.bib", bases["web"], folder)
        yield World(faults, bases, bib)


def verdicts(report: Report) -> dict[str, Verdict]:
    return {
        v.citation_id: (v.wording.value, v.page.value, tuple(v.found_pages))
        for v in report.verifications
    }


def depends_on(verification: Verification) -> set[str]:
    services = {a.service.value for a in verification.attempts}
    if verification.text_source is not None:
        services.add(verification.text_source.service.value)
    if verification.edition is not None:
        services |= {p.service.value for p in verification.edition.provenance}
    return services


@pytest.fixture(scope="module")
def healthy(world: World, tmp_path_factory: pytest.TempPathFactory) -> Report:
    world.faults.clear()
    report, _http = world.run(tmp_path_factory.mktemp("healthy-cache"))
    return report


def test_the_healthy_loopback_run_checks_the_talk(healthy: Report) -> None:
    found = verdicts(healthy)
    assert len(found) >= 10
    assert sum(1 for w, _p, _f in found.values() if w == WordingVerdict.EXACT.value) >= 2


def _failure_findings(report: Report) -> set[str]:
    return {
        json.dumps([f.message, list(f.evidence)], ensure_ascii=False)
        for f in report.findings
        if f.code is FindingCode.SOURCE_FAILED
    }


def _named(report: Report, healthy: Report, service: str, base: str) -> bool:
    """A failure finding the healthy run does not have names the service or its host."""
    host = base.removeprefix("http://")
    new = _failure_findings(report) - _failure_findings(healthy)
    return any(re.search(rf"\b{service}\b", f) or host in f for f in new)


@pytest.mark.parametrize("fault", loopback.FAULTS)
@pytest.mark.parametrize("service", loopback.SERVICES)
def test_fault_cell(
    world: World, healthy: Report, tmp_path: Path, service: str, fault: str
) -> None:
    world.faults.clear()
    world.faults.set(service, fault)
    cache = tmp_path / "cache"
    try:
        report, _http = world.run(cache)
    finally:
        world.faults.clear()
    render(report, "text")
    render(report, "json")
    assert _named(report, healthy, service, world.bases[service]), [
        f.message for f in report.findings
    ]

    before, after = verdicts(healthy), verdicts(report)
    by_id = {v.citation_id: v for v in healthy.verifications}
    for citation_id, was in before.items():
        now = after.get(citation_id)
        if service not in depends_on(by_id[citation_id]):
            assert now == was, f"{citation_id} does not depend on {service} but changed"
        if now is not None and now[0] == WordingVerdict.NOT_FOUND.value:
            assert was[0] == WordingVerdict.NOT_FOUND.value, f"{citation_id} became not_found"

    warm, _http = world.run(cache)
    assert verdicts(warm) == before


def test_every_service_of_the_matrix_is_a_catalog_or_the_web() -> None:
    known = {s.value for s in Service}
    assert set(loopback.SERVICES) <= known
