"""The source store: the page texts a check relied on, kept beside the manuscript.

Layout (one JSON file per text, readable in a diff and safe to commit)::

    <store>/<work key>/<source id>.json
        {"format": 1, "work_key", "source_id", "provenance": {...}, "sha256",
         "pages": [{"printed", "leaf", "text"}, ...], "excerpt": "..."}

``excerpt`` (optional) says that the pages are only a part of the work, and which part and from
where: a passage missing from them is then unverifiable, not "not found". A text fetched whole
replaces such a copy and drops the mark.

A later run reads the stored text when it is offline (or the source fails) and so reproduces the
result; when it fetches the text again and the hash differs, the store says the source changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citecheck.atomic import write_text_atomically
from citecheck.errors import InputError
from citecheck.model import Page, Provenance, Service

STORE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class StoredText:
    work_key: str
    source_id: str
    pages: tuple[Page, ...]
    provenance: Provenance
    sha256: str
    excerpt: str = ""
    """Empty for a whole text; else what part of the work the pages are, and where it was read."""


@dataclass(frozen=True, slots=True)
class StoreChange:
    """A stored text that the source now gives differently."""

    work_key: str
    source_id: str
    old_sha256: str
    new_sha256: str


def text_hash(pages: Sequence[Page]) -> str:
    """A hash of the page texts and their labels, independent of where they came from."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(f"{page.printed}\x1f{page.leaf}\x1f{page.text}\x1e".encode())
    return digest.hexdigest()


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")[:120] or "_"


class SourceStore:
    """A folder of stored page texts, keyed by work and source."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, work_key: str, source_id: str) -> Path:
        return self.root / _safe_name(work_key) / f"{_safe_name(source_id)}.json"

    def get(self, work_key: str, source_id: str) -> StoredText | None:
        """The stored text, or None; a damaged file raises InputError naming it."""
        path = self._path(work_key, source_id)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            prov = data["provenance"]
            pages = tuple(
                Page(
                    text=p["text"],
                    printed=p.get("printed"),
                    leaf=p.get("leaf"),
                    ocr=bool(p.get("ocr", False)),
                )
                for p in data["pages"]
            )
            provenance = Provenance(
                service=Service(prov["service"]),
                url=prov.get("url", ""),
                retrieved_at=prov.get("retrieved_at", ""),
            )
            excerpt = str(data.get("excerpt") or "")
            return StoredText(work_key, source_id, pages, provenance, data["sha256"], excerpt)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise InputError(
                f"the stored source text is damaged ({error})", path=str(path)
            ) from error

    def put(
        self, work_key: str, source_id: str, pages: Sequence[Page], provenance: Provenance
    ) -> StoreChange | None:
        """Store the text; returns a StoreChange when a different text was stored before."""
        new_hash = text_hash(pages)
        try:
            old = self.get(work_key, source_id)
        except InputError:
            old = None
        if old is not None and old.sha256 == new_hash:
            return None
        path = self._path(work_key, source_id)
        payload = {
            "format": STORE_FORMAT,
            "work_key": work_key,
            "source_id": source_id,
            "provenance": {
                "service": provenance.service.value,
                "url": provenance.url,
                "retrieved_at": provenance.retrieved_at,
            },
            "sha256": new_hash,
            "pages": [
                {"printed": p.printed, "leaf": p.leaf, "text": p.text}
                | ({"ocr": True} if p.ocr else {})
                for p in pages
            ],
        }
        write_text_atomically(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        if old is None:
            return None
        return StoreChange(work_key, source_id, old.sha256, new_hash)
