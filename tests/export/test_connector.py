"""Export through Zotero desktop's connector server on 127.0.0.1:23119 (mocked with responses)."""

from __future__ import annotations

import json

import pytest
import requests
import responses

from citecheck.errors import ExportError
from citecheck.export.connector import CONNECTOR_URL, ConnectorExporter
from citecheck.export.zotero import Outcome

PING = f"{CONNECTOR_URL}/connector/ping"
SAVE = f"{CONNECTOR_URL}/connector/saveItems"
LOCAL_API = f"{CONNECTOR_URL}/api/users/0/items"


@pytest.fixture
def desktop():
    """Zotero desktop running, its local API switched off (the default)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(
            responses.GET,
            PING,
            body="<!DOCTYPE html><html><body>Zotero is running</body></html>",
            content_type="text/html",
        )
        rsps.add(responses.GET, LOCAL_API, status=403, body="Local API is not enabled")
        rsps.add(responses.POST, SAVE, status=201)
        yield rsps


def _saved(rsps) -> list[dict]:
    return [json.loads(c.request.body) for c in rsps.calls if c.request.url == SAVE]


def test_the_connector_saves_each_work_with_its_quotation_notes_and_tag(desktop, export_items):
    result = ConnectorExporter().export(export_items)
    (payload,) = _saved(desktop)
    carr = payload["items"][0]
    assert (carr["itemType"], carr["title"]) == ("book", "The Bolshevik Revolution, 1917-1923")
    assert len(carr["notes"]) == 2 and "Wording: altered" in carr["notes"][0]["note"]
    assert carr["tags"] == [{"tag": "citecheck"}]
    assert "collections" not in carr
    assert result.count(Outcome.CREATED) == 3


def test_the_connector_request_names_connector_api_version_3(desktop, export_items):
    ConnectorExporter().export(export_items)
    save = next(c.request for c in desktop.calls if c.request.url == SAVE)
    assert save.headers["X-Zotero-Connector-API-Version"] == "3"
    assert save.headers["Content-Type"] == "application/json"


def test_zotero_not_running_is_an_export_error_with_a_hint():
    with responses.RequestsMock() as rsps:
        # What requests raises when nothing listens on the port.
        refused = requests.ConnectionError(
            "HTTPConnectionPool(host='127.0.0.1', port=23119): [Errno 111] Connection refused"
        )
        rsps.add(responses.GET, PING, body=refused)
        with pytest.raises(
            ExportError, match=r"Zotero desktop is not running.*Start Zotero.*export zotero"
        ):
            ConnectorExporter().ping()


def test_something_else_on_the_port_is_not_taken_for_zotero():
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, PING, status=404, body="Not Found")
        with pytest.raises(ExportError, match="not Zotero's connector"):
            ConnectorExporter().ping()


def test_works_saved_before_are_left_out_when_the_local_api_lists_them(
    desktop, export_items, fixtures_dir
):
    desktop.replace(
        responses.GET,
        LOCAL_API,
        body=(fixtures_dir / "zotero" / "items_tagged_citecheck.json").read_text(),
        content_type="application/json",
    )
    result = ConnectorExporter().export(export_items)
    (payload,) = _saved(desktop)
    assert [i["id"] for i in payload["items"]] == ["carr-1951", "stalin-radio-1941"]
    unchanged = [o for o in result.objects if o.outcome is Outcome.UNCHANGED]
    assert [o.key for o in unchanged] == ["pravda-1937"]
    assert "cannot update" in unchanged[0].reason


def test_a_read_only_library_selected_in_zotero_is_explained(desktop, export_items):
    desktop.replace(responses.POST, SAVE, status=500, json={"libraryEditable": False})
    with pytest.raises(ExportError, match="read-only"):
        ConnectorExporter().export(export_items)


def test_an_outdated_zotero_is_told_to_update(desktop, export_items):
    desktop.replace(responses.POST, SAVE, status=400, json={"error": "CONNECTOR_VERSION_OUTDATED"})
    with pytest.raises(ExportError, match="update Zotero"):
        ConnectorExporter().export(export_items)


def test_a_connector_dry_run_pings_but_saves_nothing(desktop, export_items):
    result = ConnectorExporter().export(export_items, dry_run=True)
    assert _saved(desktop) == []
    assert len(result.requests) == 1 and len(result.requests[0].body["items"]) == 3
