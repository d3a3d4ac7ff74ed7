"""Which documents a batch covers: files under folders, files named, or a list of paths in a file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from citecheck.errors import InputError
from citecheck.extract.reader import DOCUMENT_SUFFIXES


def find_documents(paths: Iterable[Path], list_file: Path | None = None) -> list[Path]:
    """Every document under ``paths`` and in ``list_file`` (one path a line, ``#`` comments), once.

    Folders are walked in name order, hidden files and folders skipped. A path that does not exist
    is kept: the batch writes its line with the error, as for any unreadable document.
    """
    found: dict[Path, None] = {}
    for path in paths:
        for document in _under(path):
            found.setdefault(document, None)
    if list_file is not None:
        for document in read_list(list_file):
            found.setdefault(document, None)
    return list(found)


def read_list(list_file: Path) -> list[Path]:
    """The paths listed in a file, relative ones taken from the list's folder."""
    try:
        text = list_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"the list of documents cannot be read ({error})", path=str(list_file)
        ) from None
    paths = []
    for line in text.splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        path = Path(entry).expanduser()
        paths.append(path if path.is_absolute() else list_file.parent / path)
    return paths


def _under(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        relative = child.relative_to(path)
        if any(part.startswith(".") for part in relative.parts):
            continue
        # Whatever citecheck reads, or refuses with a way out (a .doc gets a line saying how to
        # convert it); a file named outright is taken whatever it is.
        if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES:
            yield child


def content_hash(path: Path) -> str | None:
    """The SHA-256 of the file's bytes, or None when it cannot be read."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None
