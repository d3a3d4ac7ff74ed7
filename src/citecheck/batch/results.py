"""The results file: one JSON line per document, appended as each finishes, read back to resume.

A line holds ``path``, ``sha256`` (of the document's bytes), ``status``, ``seconds`` (the time its
check took), ``finished_at``, and either ``report`` (the same object ``check --format json``
writes) or ``error`` (why no report could be made). ``status`` is ``ok``, ``failed`` (a report
was made but a service it needed failed, so a later run may do better) or ``error`` (no report).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from citecheck.atomic import write_text_atomically


class LineStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    ERROR = "error"


RETRIED = frozenset({LineStatus.FAILED, LineStatus.ERROR})
"""What ``--retry-failed`` redoes."""


@dataclass(frozen=True, slots=True)
class Previous:
    """What an earlier run left: the last line of each document, and lines that could not be read."""

    lines: Mapping[str, dict[str, Any]]
    unreadable: int = 0
    superseded: int = 0
    """Lines of documents that have a later line (a document redone)."""


def read_results(path: Path) -> Previous:
    """The last line per document of a results file (none when it does not exist yet).

    A line cut short (a run killed while writing) is counted and otherwise ignored: its document
    is simply checked again.
    """
    if not path.is_file():
        return Previous({})
    lines: dict[str, dict[str, Any]] = {}
    unreadable = read = 0
    with path.open(encoding="utf-8", errors="replace") as stream:
        for text in stream:
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError:
                unreadable += 1
                continue
            if isinstance(line, dict) and isinstance(line.get("path"), str):
                lines[line["path"]] = line
                read += 1
            else:
                unreadable += 1
    return Previous(lines, unreadable, read - len(lines))


def is_done(previous: Mapping[str, Any] | None, sha256: str | None, *, retry_failed: bool) -> bool:
    """Whether an earlier line stands: same content, and not a failure to be retried."""
    if previous is None or previous.get("sha256") != sha256:
        return False
    return not (retry_failed and previous.get("status") in RETRIED)


class ResultsWriter:
    """Appends lines to the results file and flushes each, so a crash loses at most one line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._stream: IO[str] = path.open("a", encoding="utf-8")

    def write(self, line: Mapping[str, Any]) -> None:
        """One document's line."""
        self._stream.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._stream.flush()

    def close(self) -> None:
        self._stream.close()


def compact_results(path: Path, order: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Rewrite the file with one line per document (the latest), in ``order`` then the rest.

    Lines of documents that were redone are appended, not replaced, while the run goes on; this
    drops the older ones once it is over. Returns the lines kept.
    """
    latest = dict(read_results(path).lines)
    ordered = {name: latest[name] for name in order if name in latest}
    ordered.update((name, line) for name, line in latest.items() if name not in ordered)
    text = "".join(
        json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
        for line in ordered.values()
    )
    write_text_atomically(path, text)
    return ordered
