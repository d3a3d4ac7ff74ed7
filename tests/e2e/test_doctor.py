"""``citecheck doctor`` against loopback stand-ins: which services answer as expected, which changed.

The stand-ins answer the doctor's known queries in the services' real formats: Open Library and
the Internet Archive through talk_world, the others from the project's fixtures (whose READMEs
say which real sample each follows). Then one service at a time changes its format or fails.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import loopback
import talk_world

from citecheck.cli import main
from citecheck.config import DEFAULT_BASE_URLS, Settings
from citecheck.doctor import HATHITRUST_OCLC, ProbeStatus, run_doctor

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SERVICES = (
    "openlibrary",
    "internetarchive",
    "loc",
    "hathitrust",
    "googlebooks",
    "crossref",
    "gutendex",
)
JSON = {"Content-Type": "application/json"}


def _fixture(*parts: str) -> Any:
    return json.loads(FIXTURES.joinpath(*parts).read_text(encoding="utf-8"))


def answer(
    service: str, path: str, params: dict[str, str], *, server: str = ""
) -> tuple[int, dict[str, str], str]:
    if service in ("openlibrary", "internetarchive"):
        return talk_world.answer(service, path, params, server=server)
    if service == "loc":
        return 200, JSON, json.dumps(_fixture("loc", "books_q-mission-to-moscow.json"))
    if service == "googlebooks":
        volume = _fixture("googlebooks", "volume_mission-to-moscow_public-domain.json")
        return 200, JSON, json.dumps({"kind": "books#volumes", "totalItems": 1, "items": [volume]})
    if service == "crossref":
        return (
            200,
            JSON,
            json.dumps(
                _fixture("crossref", "works_query-bibliographic_great-conspiracy_rows3.json")
            ),
        )
    if service == "hathitrust":
        # The shape of ../shared/api-samples/hathitrust/bib-api_brief_json_oclc3756332.json.
        record = {
            "recordURL": "https://catalog.hathitrust.org/Record/001234567",
            "titles": ["A title."],
            "isbns": [],
            "issns": [],
            "oclcs": [HATHITRUST_OCLC],
            "lccns": [],
            "publishDates": ["1900"],
        }
        item = {
            "orig": "University of Michigan",
            "fromRecord": "001234567",
            "htid": "mdp.39015001234567",
            "itemURL": "https://hdl.handle.net/2027/mdp.39015001234567",
            "rightsCode": "pd",
            "lastUpdate": "20200101",
            "enumcron": False,
            "usRightsString": "Full view",
        }
        return (
            200,
            JSON,
            json.dumps(
                {f"oclc:{HATHITRUST_OCLC}": {"records": {"001234567": record}, "items": [item]}}
            ),
        )
    if service == "gutendex":
        # The shape of ../shared/api-samples/gutendex/books_page-1_no-query_2022.json.
        book = {
            "id": 46,
            "title": "A Christmas Carol in Prose; Being a Ghost Story of Christmas",
            "authors": [{"name": "Dickens, Charles", "birth_year": 1812, "death_year": 1870}],
            "translators": [],
            "subjects": [],
            "bookshelves": [],
            "languages": ["en"],
            "copyright": False,
            "media_type": "Text",
            "formats": {
                "text/html": "https://www.gutenberg.org/files/46/46-h/46-h.htm",
                "text/plain; charset=us-ascii": "https://www.gutenberg.org/files/46/46-0.txt",
            },
            "download_count": 1000,
        }
        return (
            200,
            JSON,
            json.dumps({"count": 1, "next": None, "previous": None, "results": [book]}),
        )
    return 404, {}, ""


@pytest.fixture(scope="module")
def stand_ins() -> Iterator[tuple[loopback.Faults, dict[str, str]]]:
    faults = loopback.Faults()
    with loopback.stand_ins(faults, services=SERVICES, answer=answer) as bases:
        yield faults, bases


def settings(bases: dict[str, str]) -> Settings:
    catalogs = {s.value: s for s in DEFAULT_BASE_URLS}
    return Settings(
        base_urls={catalogs[n]: url for n, url in bases.items() if n in catalogs},
        extra_base_urls={"gutendex": bases["gutendex"]},
        timeout=1.0,
        progress=False,
    )


def test_every_service_answers_as_expected(
    stand_ins: tuple[loopback.Faults, dict[str, str]],
) -> None:
    faults, bases = stand_ins
    faults.clear()
    results = run_doctor(settings(bases))
    assert {r.service: r.status for r in results} == dict.fromkeys(SERVICES, ProbeStatus.OK)


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        ("changed_schema", ProbeStatus.CHANGED),
        ("html_error_page", ProbeStatus.CHANGED),
        ("malformed_json", ProbeStatus.CHANGED),
        ("http_503", ProbeStatus.REFUSED),
        ("connection_reset", ProbeStatus.UNREACHABLE),
    ],
)
@pytest.mark.parametrize("service", SERVICES)
def test_a_service_that_changed_or_failed_is_named_and_the_others_are_ok(
    stand_ins: tuple[loopback.Faults, dict[str, str]], service: str, fault: str, status: ProbeStatus
) -> None:
    faults, bases = stand_ins
    faults.clear()
    faults.set(service, fault)
    try:
        results = {r.service: r.status for r in run_doctor(settings(bases))}
    finally:
        faults.clear()
    assert results.pop(service) is status
    assert set(results.values()) == {ProbeStatus.OK}


def test_the_raw_answers_are_saved_for_a_bug_report(
    stand_ins: tuple[loopback.Faults, dict[str, str]], tmp_path: Path
) -> None:
    faults, bases = stand_ins
    faults.clear()
    faults.set("loc", "changed_schema")
    try:
        run_doctor(settings(bases), save_dir=tmp_path / "doctor")
    finally:
        faults.clear()
    summary = json.loads((tmp_path / "doctor" / "doctor.json").read_text(encoding="utf-8"))
    assert {p["service"]: p["status"] for p in summary["probes"]}["loc"] == "changed"
    saved = {a["file"] for a in summary["answers"]}
    assert "loc-1.json" in saved
    assert "apiVersion" in (tmp_path / "doctor" / "loc-1.json").read_text(encoding="utf-8")


def test_without_a_network_it_says_so_at_once(tmp_path: Path) -> None:
    def no_dns(host: str, port: object) -> object:
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    results = run_doctor(Settings(progress=False), resolve=no_dns, save_dir=tmp_path / "d")
    assert {r.status for r in results} == {ProbeStatus.UNREACHABLE}
    assert all("no network" in r.detail for r in results)
    assert all(r.urls == () for r in results)


def test_the_command_prints_one_line_per_service(
    stand_ins: tuple[loopback.Faults, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    faults, bases = stand_ins
    faults.clear()
    faults.set("crossref", "changed_schema")
    for name, url in bases.items():
        monkeypatch.setenv(f"CITECHECK_{name.upper()}_URL", url)
    try:
        code = main(["doctor", "--timeout", "1"])
    finally:
        faults.clear()
    out = capsys.readouterr().out
    assert code == 3
    assert "crossref" in out and "CHANGED" in out
    assert "6 of 7 services answer as citecheck expects." in out
