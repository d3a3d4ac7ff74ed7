"""Files citecheck rewrites keep their permissions and encoding; a reader never sees half a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from citecheck.atomic import write_text_atomically


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    write_text_atomically(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text(encoding="utf-8") == "new"


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_text_atomically(tmp_path / "report.html", "<p>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o640


def test_text_is_written_in_the_encoding_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "legacy.bib"
    write_text_atomically(path, "se\u00f1or", encoding="latin-1")
    assert path.read_bytes() == b"se\xf1or"


def test_no_temporary_file_is_left_beside_the_target(tmp_path: Path) -> None:
    write_text_atomically(tmp_path / "a.txt", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
