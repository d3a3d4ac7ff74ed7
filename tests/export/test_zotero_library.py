"""A Zotero library as the bibliography and the shelf, through stand-ins of the Web and local APIs.

The stand-in answers in the shapes of ../shared/api-samples/zotero (item JSON: key, version,
library, links, meta, data) and of the sources named in tests/fixtures/zotero/README.md: the Web
API's read requests and file download, and Zotero desktop's local API (server_localAPI.js).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses
from pypdf import PdfReader, PdfWriter

from citecheck.cli import main
from citecheck.errors import ConfigError, ServiceError
from citecheck.export.items import ItemType, items_from_report
from citecheck.model import BibEntry, PageVerdict, Service
from citecheck.report.json import load_report
from citecheck.zotero_library import (
    entry_from_item,
    parse_attachment,
    parse_zotero_source,
    read_zotero_library,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "zotero"
TALK = REPO / "examples" / "truth-about-stalin.txt"
API = "https://api.zotero.test"
LOCAL = "http://127.0.0.1:23119/api"
FILES = "https://files.zotero.test"
API_KEY = "k3yThatMustNeverLeak0123456789ab"
PREFIX = "/users/475425"

sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "documents"))
import talk_world  # noqa: E402
from pdfpages import Run, write_pdf  # noqa: E402


def library_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(
        (FIXTURES / "library_talk_items.json").read_text("utf-8")
    )
    return items


def grey_pdf(tmp_path: Path) -> bytes:
    """Grey's book as a user's PDF: a title leaf, then pages labelled 143-144 and 252-253."""
    pages = [
        "STALIN Man of History IAN GREY",
        "The Civil War had left the country exhausted.",
        " ".join(talk_world.GREY_144.split()),
        "The First Five-Year Plan was declared fulfilled in four years.",
        " ".join(talk_world.GREY_253.split()),
    ]
    plain = tmp_path / "plain.pdf"
    write_pdf(plain, [[Run(72, 720, page)] for page in pages])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.set_page_label(0, 0, style="/r", start=1)
    writer.set_page_label(1, 2, style="/D", start=143)
    writer.set_page_label(3, 4, style="/D", start=252)
    labelled = tmp_path / "grey.pdf"
    with labelled.open("wb") as handle:
        writer.write(handle)
    return labelled.read_bytes()


class ZoteroStandIn:
    """One user library behind ``responses``: items, children, files; notes POSTed are kept."""

    def __init__(self, rsps: responses.RequestsMock, pdf: bytes, *, local_dir: Path | None = None):
        self.items: dict[str, dict[str, Any]] = {o["key"]: o["data"] for o in library_items()}
        self.version = 40
        self.pdf = pdf
        self.local_dir = local_dir
        self.gets: list[str] = []
        self.posts: list[list[dict[str, Any]]] = []
        self._counter = 0
        if local_dir is None:
            rsps.add(responses.GET, LOCAL + "/", body=requests.ConnectionError("refused"))
            base = API + PREFIX
        else:
            rsps.add(
                responses.GET,
                LOCAL + "/",
                body="Nothing to see here.",
                headers={"Zotero-API-Version": "3", "Zotero-Schema-Version": "41"},
                content_type="text/plain",
            )
            base = LOCAL + PREFIX
            # The desktop serves only the user logged in there (server_localAPI.js).
            rsps.add(
                responses.GET,
                re.compile(re.escape(LOCAL) + r"/users/(?!475425/)\d+/.*"),
                status=400,
                body="Only data for the logged-in user is available locally -- use userID 0 or 475425",
                content_type="text/plain",
            )
        rsps.add_callback(
            responses.GET,
            re.compile(re.escape(base) + r"/items/(\w{8})/file$"),
            callback=self._file,
        )
        rsps.add_callback(
            responses.GET,
            re.compile(re.escape(base) + r"/items/(\w{8})/file/view/url$"),
            callback=self._file_url,
        )
        rsps.add_callback(
            responses.GET, re.compile(re.escape(FILES) + r"/.*"), callback=self._stored
        )
        rsps.add_callback(
            responses.GET,
            re.compile(re.escape(base) + r"/(collections/\w{8}/)?items(/\w{8}/children)?(\?.*)?$"),
            callback=self._list,
        )
        rsps.add_callback(
            responses.POST, re.compile(re.escape(API + PREFIX) + r"/items$"), callback=self._post
        )

    def notes(self) -> list[dict[str, Any]]:
        return [d for d in self.items.values() if d["itemType"] == "note"]

    # -- read
    def _authorised(self, request: requests.PreparedRequest) -> bool:
        url = request.url or ""
        return url.startswith(LOCAL) or request.headers.get("Zotero-API-Key") == API_KEY

    def _list(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        self.gets.append(request.url or "")
        if not self._authorised(request):
            return 403, {}, "Invalid key"
        url = urlsplit(request.url or "")
        query = dict(parse_qsl(url.query))
        start, limit = int(query.get("start", 0)), int(query.get("limit", 25))
        matching = list(self.items.values())
        if tag := query.get("tag"):
            matching = [d for d in matching if any(t["tag"] == tag for t in d.get("tags", []))]
        if "/collections/" in url.path:
            collection = url.path.split("/collections/")[1].split("/")[0]
            matching = [d for d in matching if collection in d.get("collections", [])]
        if url.path.endswith("/children"):
            parent = url.path.split("/items/")[1].split("/")[0]
            matching = [d for d in matching if d.get("parentItem") == parent]
        body = [
            {
                "key": d["key"],
                "version": d["version"],
                "library": {"type": "user", "id": 475425},
                "meta": {},
                "data": d,
            }
            for d in matching[start : start + limit]
        ]
        headers = {"Last-Modified-Version": str(self.version), "Total-Results": str(len(matching))}
        return 200, headers, json.dumps(body)

    def _file(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if not self._authorised(request):
            return 403, {}, "Forbidden"
        key = (request.url or "").split("/items/")[1].split("/")[0]
        # The Web API answers a file request with a redirect to the stored file.
        return 302, {"Location": f"{FILES}/{key}?signature=x"}, ""

    def _stored(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": "application/pdf"}, self.pdf

    def _file_url(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        assert self.local_dir is not None
        key = (request.url or "").split("/items/")[1].split("/")[0]
        data = self.items[key]
        path = self.local_dir / "storage" / key / data["filename"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.pdf)
        return 200, {"Content-Type": "text/plain"}, path.as_uri()

    # -- write (as tests/export/conftest.py's FakeZotero, for notes)
    def _post(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if request.headers.get("Zotero-API-Key") != API_KEY:
            return 403, {}, "Forbidden"
        objects = json.loads(request.body or "[]")
        self.posts.append(objects)
        answer: dict[str, dict[str, Any]] = {
            "successful": {},
            "success": {},
            "unchanged": {},
            "failed": {},
        }
        self.version += 1
        for index, obj in enumerate(objects):
            if "key" in obj:
                current = self.items[obj["key"]]
                merged = {**current, **{k: v for k, v in obj.items() if k != "version"}}
                if merged == current:
                    answer["unchanged"][str(index)] = obj["key"]
                    continue
                self.items[obj["key"]] = {**merged, "version": self.version}
                key = obj["key"]
            else:
                self._counter += 1
                key = f"N{self._counter:07d}"
                self.items[key] = {**obj, "key": key, "version": self.version}
            answer["success"][str(index)] = key
            answer["successful"][str(index)] = {
                "key": key,
                "version": self.version,
                "data": self.items[key],
            }
        return 200, {"Last-Modified-Version": str(self.version)}, json.dumps(answer)


@pytest.fixture
def pdf_bytes(tmp_path: Path) -> bytes:
    return grey_pdf(tmp_path)


@pytest.fixture
def web(pdf_bytes: bytes) -> Iterator[ZoteroStandIn]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield ZoteroStandIn(rsps, pdf_bytes)


@pytest.fixture
def desktop(pdf_bytes: bytes, tmp_path: Path) -> Iterator[ZoteroStandIn]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield ZoteroStandIn(rsps, pdf_bytes, local_dir=tmp_path / "Zotero")


def _read(tmp_path: Path, source: str = "user:475425", **kwargs: Any) -> Any:
    return read_zotero_library(
        parse_zotero_source(source),
        api_key=kwargs.pop("api_key", API_KEY),
        base_url=API,
        local_url=LOCAL,
        files_dir=tmp_path / "files",
        sleep=lambda _s: None,
        **kwargs,
    )


# --------------------------------------------------------------------------------------------
# Items as entries
# --------------------------------------------------------------------------------------------


def _data(key: str) -> dict[str, Any]:
    return next(o["data"] for o in library_items() if o["key"] == key)


def test_an_item_becomes_an_entry_under_its_citation_key_with_its_item_key_kept():
    entry = entry_from_item(_data("SAYERS46"))
    assert (entry.key, entry.entry_type, entry.year, entry.publisher, entry.place) == (
        "sayers1946",
        "book",
        1946,
        "Little, Brown and Company",
        "Boston",
    )
    assert entry.authors == ("Sayers, Michael", "Kahn, Albert E.")
    assert entry.field_value("zotero-key") == "SAYERS46"
    assert entry.field_value("pagetotal") == "433"


def test_a_citation_key_line_in_extra_names_the_entry_and_else_the_item_key_does():
    assert entry_from_item(_data("AGRAR29S")).key == "stalin1929agrarian"
    assert entry_from_item({**_data("AGRAR29S"), "extra": ""}).key == "AGRAR29S"


def test_a_presenter_is_the_author_and_a_recipient_keeps_its_role():
    speech = entry_from_item(_data("INT3RN27"))
    letter = entry_from_item(_data("CA5SIDY2"))
    assert speech.authors == ("Stalin, J. V.",)
    assert letter.authors == ("Stalin, J. V.",)
    assert letter.field_value("recipient") == "Cassidy, Henry C."


def test_a_short_title_is_an_alternative_title_for_linking():
    assert entry_from_item(_data("LCKHRT32")).alternative_titles == ("British Agent",)


def test_an_attachment_is_read_with_its_file_facts_and_a_pdf_is_readable():
    attachment = parse_attachment(_data("PDF4GR7Y"))
    assert attachment is not None
    assert (attachment.parent_key, attachment.content_type, attachment.readable) == (
        "GR7EY2MH",
        "application/pdf",
        True,
    )
    assert parse_attachment(_data("GR7EY2MH")) is None


def test_the_kind_of_work_and_the_recipient_come_from_the_zotero_item(make_citation: Any):
    from citecheck.export.items import export_item

    letter = export_item("stalin1942cassidy", entry=entry_from_item(_data("CA5SIDY2")))
    speech = export_item("x", entry=entry_from_item(_data("AGRAR29S")))
    assert letter.item_type is ItemType.LETTER
    assert letter.zotero_key == "CA5SIDY2"
    assert [c.role.value for c in letter.creators] == ["author", "recipient"]
    assert speech.item_type is ItemType.PRESENTATION
    assert speech.bib_fields == ()


def test_a_library_is_written_user_or_group_with_an_optional_collection():
    assert str(parse_zotero_source("group:678/TALK2026")) == "group:678/TALK2026"
    with pytest.raises(ConfigError, match="collection key"):
        parse_zotero_source("user:1/talk")


# --------------------------------------------------------------------------------------------
# Reading a library
# --------------------------------------------------------------------------------------------


def test_the_web_api_gives_every_work_and_the_attached_pdf_downloaded_once(web, tmp_path):
    shelf = _read(tmp_path)
    assert not shelf.local
    assert len(shelf.bibliography) == 10
    (source,) = shelf.sources
    assert source.key == "grey1979"
    assert source.path.read_bytes() == web.pdf


def test_a_collection_is_read_with_the_attachments_of_its_items(web, tmp_path):
    shelf = _read(tmp_path, "user:475425/TALK2026")
    assert len(shelf.bibliography) == 10
    assert [s.key for s in shelf.sources] == ["grey1979"]
    assert any("/collections/TALK2026/items" in u for u in web.gets)


def test_zotero_desktop_is_read_through_its_local_api_without_a_key(desktop, tmp_path):
    shelf = _read(tmp_path, api_key="")
    assert shelf.local
    (source,) = shelf.sources
    assert source.path.parent.parent.name == "storage"
    assert len(shelf.bibliography) == 10


def test_zotero_desktop_refusing_another_user_s_library_sends_citecheck_to_the_web_api(
    pdf_bytes, tmp_path
):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        ZoteroStandIn(rsps, pdf_bytes, local_dir=tmp_path / "Zotero")
        rsps.add_callback(
            responses.GET,
            re.compile(re.escape(API) + r"/users/99/items.*"),
            callback=lambda request: (200, {"Total-Results": "0"}, "[]"),
        )
        shelf = _read(tmp_path, "user:99")
    assert not shelf.local
    assert "Zotero desktop does not serve user:99" in shelf.bibliography.problems[0].message


def test_write_notes_without_a_library_is_a_usage_error(tmp_path, capsys):
    assert main(["check", str(TALK), "--write-notes", "--quiet"]) == 2
    assert "--zotero" in capsys.readouterr().err


def test_a_refused_key_is_a_service_error_that_names_the_setting_and_hides_the_key(web, tmp_path):
    with pytest.raises(ServiceError, match="ZOTERO_API_KEY") as error:
        _read(tmp_path, api_key="wrong" + API_KEY)
    assert API_KEY not in str(error.value)


def test_a_file_too_large_to_download_is_a_problem_and_the_works_are_kept(web, tmp_path):
    shelf = _read(tmp_path, max_download_bytes=100)
    assert len(shelf.bibliography) == 10
    assert shelf.sources == ()
    (problem,) = shelf.bibliography.problems
    assert "grey1979" in problem.message and "checked without it" in problem.message


def test_a_file_already_downloaded_with_the_same_md5_is_not_asked_for_again(web, tmp_path):
    import hashlib

    web.items["PDF4GR7Y"]["md5"] = hashlib.md5(web.pdf).hexdigest()
    _read(tmp_path)
    asked = len(web.gets)
    (source,) = _read(tmp_path).sources
    assert source.path.read_bytes() == web.pdf
    assert len(web.gets) == 2 * asked


# --------------------------------------------------------------------------------------------
# check --zotero, end to end
# --------------------------------------------------------------------------------------------


@pytest.fixture
def talk_and_zotero(pdf_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[ZoteroStandIn]:
    monkeypatch.setenv("ZOTERO_API_KEY", API_KEY)
    monkeypatch.setenv("CITECHECK_ZOTERO_URL", API)
    monkeypatch.setenv("CITECHECK_MAX_RETRIES", "0")
    monkeypatch.setenv("CITECHECK_RATE_SCALE", "10000")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        library = ZoteroStandIn(rsps, pdf_bytes)
        # Everything but Zotero goes to the talk's stand-in services. (A second pattern matching
        # the same URL would make responses drop the first after its first use.)
        others = (
            r"^(?!https://api\.zotero\.test|https://files\.zotero\.test|http://127\.0\.0\.1:23119)"
        )
        rsps.add_callback(
            responses.GET, re.compile(others + ".*"), callback=talk_world.answer_mocked
        )
        yield library


def _check(tmp_path: Path, *extra: str) -> Any:
    out = tmp_path / "report.json"
    main(
        [
            "check",
            str(TALK),
            "--zotero",
            "user:475425",
            *extra,
            "--format",
            "json",
            "-o",
            str(out),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--quiet",
        ]
    )
    return load_report(out.read_text("utf-8"))


def _links(report: Any) -> dict[str, str | None]:
    return {c.id: (c.bib.key if c.bib else None) for c in report.citations}


def test_check_with_zotero_links_the_talk_s_quotations_as_the_bib_does(talk_and_zotero, tmp_path):
    from_zotero = _check(tmp_path)
    out = tmp_path / "bib.json"
    main(
        [
            "check",
            str(TALK),
            "--bib",
            str(REPO / "references.bib"),
            "--format",
            "json",
            "-o",
            str(out),
            "--cache-dir",
            str(tmp_path / "cache2"),
            "--quiet",
        ]
    )
    from_bib = load_report(out.read_text("utf-8"))
    assert _links(from_zotero) == _links(from_bib)
    assert sum(1 for key in _links(from_zotero).values() if key) >= 8


def test_check_with_zotero_verifies_grey_against_the_attached_pdf_s_page_labels(
    talk_and_zotero, tmp_path
):
    report = _check(tmp_path)
    grey = [v for v in report.verifications if v.work_key == "grey1979"]
    assert {v.found_pages for v in grey} == {("253",), ("144",)}
    assert all(
        v.text_source is not None and v.text_source.service is Service.LOCAL_FILE for v in grey
    )
    assert any(v.page is PageVerdict.AS_CITED for v in grey)


def test_notes_go_under_the_library_s_items_and_a_second_run_updates_them(
    talk_and_zotero, tmp_path
):
    library = talk_and_zotero
    first = _check(tmp_path, "--write-notes")
    notes = library.notes()
    parents = {n["parentItem"] for n in notes}
    assert notes and parents <= {k for k, d in library.items.items() if d["itemType"] != "note"}
    assert "GR7EY2MH" in parents
    assert all(d.get("tags", []) == [] for d in library.items.values() if d["itemType"] != "note")
    edited = notes[0]["key"]
    written = library.items[edited]["note"]
    # An earlier run's verdict, under the same citecheck-note key.
    library.items[edited]["note"] = re.sub(r"Wording: [^;<]+", "Wording: exact", written)
    assert library.items[edited]["note"] != written
    second = _check(tmp_path, "--write-notes")
    assert library.items[edited]["note"] == written
    assert len(library.notes()) == len(notes)
    assert {n["key"] for n in library.notes()} == {n["key"] for n in notes}
    assert _links(first) == _links(second)


def test_an_export_of_a_zotero_check_keeps_the_user_s_items_and_types(talk_and_zotero, tmp_path):
    from citecheck.zotero_library import read_zotero_library as read

    report = _check(tmp_path)
    shelf = read(
        parse_zotero_source("user:475425"),
        api_key=API_KEY,
        base_url=API,
        local_url=LOCAL,
        files_dir=tmp_path / "files",
    )
    items = {i.key: i for i in items_from_report(report, shelf.bibliography).items}
    assert items["stalin1942cassidy"].item_type is ItemType.LETTER
    assert items["grey1979"].title == "Stalin: Man of History"
    assert isinstance(shelf.bibliography.get("grey1979"), BibEntry)
