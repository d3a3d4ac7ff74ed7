"""The Zotero export when the transport fails: a message and no traceback, and no item written twice."""

from __future__ import annotations

import pytest
import requests
import responses

from citecheck.errors import ExportError
from citecheck.export.items import ExportItem, ItemType
from citecheck.export.zotero import ZoteroLibrary, ZoteroWebExporter

API = "https://api.zotero.test"
ITEMS_URL = f"{API}/users/1/items"
BOOK = ExportItem(key="grey1979", item_type=ItemType.BOOK, title="Stalin: Man of History")


def _exporter(max_retries: int = 2) -> ZoteroWebExporter:
    return ZoteroWebExporter(
        api_key="k" * 24,
        library=ZoteroLibrary("users", "1"),
        base_url=API,
        sleep=lambda _seconds: None,
        max_retries=max_retries,
    )


def test_a_body_cut_short_is_retried_with_the_same_write_token():
    created = {
        "successful": {"0": {"key": "ABCD2345", "version": 5, "data": {}}},
        "success": {"0": "ABCD2345"},
        "unchanged": {},
        "failed": {},
    }
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, ITEMS_URL, json=[], headers={"Last-Modified-Version": "4"})
        rsps.add(
            responses.POST,
            ITEMS_URL,
            body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"),
        )
        rsps.add(responses.POST, ITEMS_URL, json=created, headers={"Last-Modified-Version": "5"})
        result = _exporter().export([BOOK])
        posts = [call.request for call in rsps.calls if call.request.method == "POST"]
    tokens = {post.headers["Zotero-Write-Token"] for post in posts}
    assert len(posts) == 2 and len(tokens) == 1
    assert [o.zotero_key for o in result.objects] == ["ABCD2345"]


def test_a_body_cut_short_every_time_is_an_export_error_saying_so():
    with responses.RequestsMock() as rsps:
        rsps.add(
            responses.GET,
            ITEMS_URL,
            body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"),
        )
        with pytest.raises(ExportError, match="cut short"):
            _exporter(max_retries=1).export([BOOK])


def test_a_redirect_loop_is_an_export_error_naming_the_setting():
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, ITEMS_URL, status=302, headers={"Location": ITEMS_URL})
        with pytest.raises(ExportError, match=r"redirects in a loop.*CITECHECK_ZOTERO_URL"):
            _exporter().export([BOOK])


def test_any_other_transport_failure_is_an_export_error():
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, ITEMS_URL, body=requests.exceptions.InvalidHeader("bad header"))
        with pytest.raises(ExportError, match="InvalidHeader"):
            _exporter().export([BOOK])
