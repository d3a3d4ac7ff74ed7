"""Export through the connector server of Zotero desktop (``http://127.0.0.1:23119``), no API key.

``GET /connector/ping`` tells whether Zotero runs; ``POST /connector/saveItems`` saves items in the
translator format (the item JSON plus ``notes`` and ``tags``) into the collection selected in
Zotero, answering ``201`` with no body. The connector only adds items: it cannot find or update the
ones an earlier run saved. When Zotero's local API is enabled (Zotero 7: Settings → Advanced →
"Allow other applications on this computer to communicate with Zotero"), citecheck reads
``/api/users/0/items?tag=citecheck`` first and leaves out the works already there.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

import requests

from citecheck.errors import ExportError
from citecheck.export.items import CITECHECK_TAG, ExportItem, note_html
from citecheck.export.zotero import (
    MAX_BATCH,
    ExportResult,
    Outcome,
    PlannedRequest,
    WrittenObject,
    parse_existing_items,
    zotero_item_data,
)

log = logging.getLogger(__name__)

CONNECTOR_URL = "http://127.0.0.1:23119"
CONNECTOR_API_VERSION = "3"
_NOT_RUNNING_HINT = (
    "Start Zotero desktop and run the export again, or write to the Web API instead with "
    "`citecheck export zotero` (needs ZOTERO_API_KEY)."
)


def connector_item(item: ExportItem) -> dict[str, Any]:
    """An export item in the connector's translator format: item JSON with notes and tags."""
    data = zotero_item_data(item)
    del data["collections"]  # the connector saves into the collection selected in Zotero
    data["id"] = item.key
    data["notes"] = [
        {"note": note_html(note), "tags": [{"tag": CITECHECK_TAG}]} for note in item.notes
    ]
    data["attachments"] = []
    return data


def save_items_payload(items: Sequence[ExportItem], session_id: str) -> dict[str, Any]:
    """The body of ``POST /connector/saveItems``."""
    return {
        "sessionID": session_id,
        "uri": "citecheck:export",
        "items": [connector_item(item) for item in items],
    }


class ConnectorExporter:
    """Saves export items into the Zotero desktop app running on this computer."""

    def __init__(
        self,
        base_url: str = CONNECTOR_URL,
        *,
        session: requests.Session | None = None,
        timeout: float = 20.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self._timeout = timeout

    def ping(self) -> str:
        """Zotero's answer to a ping; ExportError with a hint when Zotero is not running."""
        response = self._call("GET", "/connector/ping")
        if response.status_code != 200:
            raise ExportError(
                f"something answers at {self.base_url} but it is not Zotero's connector "
                f"(ping gave {response.status_code}). {_NOT_RUNNING_HINT}"
            )
        return response.text.strip()

    def saved_keys(self) -> set[str] | None:
        """Work keys of the items citecheck saved before, via the local API; None when it is off."""
        try:
            response = self._session.get(
                f"{self.base_url}/api/users/0/items",
                params={"tag": CITECHECK_TAG, "format": "json", "limit": "100"},
                headers={"Zotero-API-Version": "3"},
                timeout=self._timeout,
            )
        except requests.RequestException:
            return None
        if response.status_code != 200:
            return None
        try:
            existing = parse_existing_items(response.json())
        except (ValueError, ExportError):
            return None
        return {e.citecheck_key for e in existing if e.citecheck_key}

    def export(self, items: Sequence[ExportItem], *, dry_run: bool = False) -> ExportResult:
        """Save the items (with their notes) that Zotero does not hold yet."""
        self.ping()
        saved = self.saved_keys()
        objects: list[WrittenObject] = []
        new_items = []
        for item in items:
            if saved is not None and item.key in saved:
                objects.append(
                    WrittenObject(
                        "item",
                        item.key,
                        item.title,
                        Outcome.UNCHANGED,
                        reason="already in Zotero; the connector cannot update items "
                        "(use `citecheck export zotero` to update them)",
                    )
                )
            else:
                new_items.append(item)
        planned: list[PlannedRequest] = []
        outcome = Outcome.PLANNED if dry_run else Outcome.CREATED
        for start in range(0, len(new_items), MAX_BATCH):
            batch = new_items[start : start + MAX_BATCH]
            payload = save_items_payload(batch, secrets.token_hex(8))
            headers = self._headers()
            planned.append(
                PlannedRequest("POST", f"{self.base_url}/connector/saveItems", headers, payload)
            )
            if not dry_run:
                self._save(payload)
            for item in batch:
                objects.append(WrittenObject("item", item.key, item.title, outcome))
                objects.extend(
                    WrittenObject("note", note.key, note.citation_id, outcome)
                    for note in item.notes
                )
        if saved is None and new_items:
            log.warning(
                "Zotero's local API is off, so citecheck cannot tell which works an earlier run "
                "saved; items saved before will be saved again"
            )
        return ExportResult(tuple(objects), tuple(planned))

    def _save(self, payload: dict[str, Any]) -> None:
        response = self._call("POST", "/connector/saveItems", json=payload)
        if response.status_code == 201:
            return
        error = _error_of(response)
        if response.status_code == 500 and "libraryEditable" in response.text:
            raise ExportError(
                "the library selected in Zotero is read-only; select My Library or a group you may "
                "write to in Zotero, then run the export again"
            )
        if error == "CONNECTOR_VERSION_OUTDATED":
            raise ExportError("this Zotero refuses connector API version 3; update Zotero desktop")
        raise ExportError(
            f"Zotero's connector refused the items ({response.status_code} {error or response.text[:200]})"
        )

    def _headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "X-Zotero-Connector-API-Version": CONNECTOR_API_VERSION,
        }

    def _call(self, method: str, path: str, *, json: Any = None) -> requests.Response:
        url = f"{self.base_url}{path}"
        try:
            response = self._session.request(
                method, url, json=json, headers=self._headers(), timeout=self._timeout
            )
        except requests.ConnectionError:
            raise ExportError(
                f"Zotero desktop is not running: nothing answers at {self.base_url}. {_NOT_RUNNING_HINT}"
            ) from None
        except requests.Timeout:
            raise ExportError(f"Zotero desktop did not answer at {self.base_url} in time") from None
        log.debug("%s %s -> %s", method, url, response.status_code)
        return response


def _error_of(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""
