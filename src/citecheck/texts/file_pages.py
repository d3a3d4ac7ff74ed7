"""The pages read from the user's files, kept between runs beside the HTTP cache.

Reading a book's HTML, PDF or EPUB into pages costs many times what loading its word index does
(``citecheck.verify.indexes``), so a re-run over the same files would spend most of its time
reading them again. ``FilePages`` keeps what a file was read as, named by a hash of the file's
bytes, of the OCR mark asked for and of the citecheck version (a new version may read files
differently): an edited file is read again. The pages' provenance names the path given now.
A kept file that is damaged or of another format is ignored and the file read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from pathlib import Path

from citecheck import __version__
from citecheck.atomic import write_text_atomically
from citecheck.errors import InputError
from citecheck.model import Page, Provenance, Service
from citecheck.process_lock import alone_among_processes, lock_for
from citecheck.texts.local import load_pages

__all__ = ["FilePages", "pages_folder"]

FORMAT = 1


def pages_folder(cache_dir: Path) -> Path:
    """Where the pages of the user's files are kept: a folder beside the HTTP cache."""
    return cache_dir / "pages"


class FilePages:
    """The pages of the user's files, each read once per run and, given ``folder``, once per content."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.reads = 0
        """How many files were read into pages (not found in memory or kept from an earlier run)."""
        self._lock = threading.Lock()
        self._file_locks: dict[Path, threading.Lock] = {}
        self._pages: dict[tuple[Path, bool | None], tuple[Page, ...] | InputError] = {}
        """What each file was read as this run, or why it could not be read."""

    def load(self, path: Path, *, ocr: bool | None = None) -> tuple[Page, ...]:
        """The pages of ``path`` (see ``citecheck.texts.local.load_pages``); InputError as there."""
        with self._lock:
            file_lock = self._file_locks.setdefault(path, threading.Lock())
        # However many quotations ask for one file at once, it is read by the first.
        with file_lock:
            found = self._pages.get((path, ocr))
            if found is None:
                try:
                    found = self._kept_or_read(path, ocr)
                except InputError as error:
                    found = error
                self._pages[(path, ocr)] = found
        if isinstance(found, InputError):
            raise found
        return found

    def _kept_or_read(self, path: Path, ocr: bool | None) -> tuple[Page, ...]:
        key = None
        if self.folder is not None:
            with contextlib.suppress(OSError):
                key = _content_key(path, ocr)
        if key is None:
            return self._read(path, ocr, None)
        kept = self._kept(key, path)
        if kept is not None:
            return kept
        assert self.folder is not None
        # Batch workers sharing the folder: the first reads the file, the others load its pages.
        with alone_among_processes(lock_for(self.folder, key)):
            return self._kept(key, path) or self._read(path, ocr, key)

    def _read(self, path: Path, ocr: bool | None, key: str | None) -> tuple[Page, ...]:
        pages = tuple(load_pages(path, ocr=ocr))
        with self._lock:
            self.reads += 1
        if key is not None:
            # Pages that cannot be kept are read again next time; the check goes on.
            with contextlib.suppress(OSError):
                write_text_atomically(self._path(key), _encode(pages))
        return pages

    def _kept(self, key: str, path: Path) -> tuple[Page, ...] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            provenance = Provenance(Service.LOCAL_FILE, str(path))
            return tuple(
                Page(
                    text=str(p["text"]),
                    printed=None if p["printed"] is None else str(p["printed"]),
                    leaf=None if p["leaf"] is None else int(p["leaf"]),
                    provenance=provenance,
                    ocr=bool(p["ocr"]),
                )
                for p in data["pages"]
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.json"


def _content_key(path: Path, ocr: bool | None) -> str:
    with path.open("rb") as file:
        content = hashlib.file_digest(file, "sha256").hexdigest()
    mark = f"citecheck pages {FORMAT} {__version__} ocr={ocr}\n{content}"
    return hashlib.sha256(mark.encode()).hexdigest()


def _encode(pages: tuple[Page, ...]) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "pages": [
                {"text": p.text, "printed": p.printed, "leaf": p.leaf, "ocr": p.ocr} for p in pages
            ],
        },
        ensure_ascii=False,
    )
