"""Specification: the user's files are read once per run, and kept between runs by their content."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.model import Page, Service
from citecheck.texts import file_pages
from citecheck.texts.file_pages import FilePages

BOOK = (
    "[p. 11]\nThe mill stood at the bend of the river.\n"
    "[p. 12]\nIn spring the water rose and the wheel turned day and night.\n"
)


def _book(folder: Path, name: str = "mill.txt", text: str = BOOK) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_many_quotations_asking_for_one_file_at_once_read_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_once: Callable[..., list[object]]
) -> None:
    reads: list[Path] = []
    original = file_pages.load_pages

    def slow_read(path: Path, ocr: bool | None = None) -> list[Page]:
        reads.append(path)
        time.sleep(0.05)  # long enough for the other threads to ask meanwhile
        return original(path, ocr=ocr)

    monkeypatch.setattr(file_pages, "load_pages", slow_read)
    files = FilePages()
    path = _book(tmp_path)
    found = at_once(lambda: files.load(path))
    assert reads == [path]
    assert len(found) == 8
    assert all(pages is found[0] for pages in found)


def test_a_rerun_over_the_same_file_takes_its_pages_from_the_cache_not_from_reading_it(
    tmp_path: Path,
) -> None:
    path = _book(tmp_path)
    first = FilePages(tmp_path / "pages").load(path)
    again = FilePages(tmp_path / "pages")
    assert again.load(path) == first
    assert again.reads == 0
    assert [p.printed for p in first] == ["11", "12"]


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = _book(tmp_path)
    FilePages(tmp_path / "pages").load(path)
    _book(tmp_path, text=BOOK.replace("bend", "mouth"))
    again = FilePages(tmp_path / "pages")
    assert "mouth of the river" in again.load(path)[0].text
    assert again.reads == 1


def test_kept_pages_name_the_path_given_now_and_keep_the_ocr_mark_asked_for(
    tmp_path: Path,
) -> None:
    FilePages(tmp_path / "pages").load(_book(tmp_path, "first.txt"), ocr=True)
    copy = _book(tmp_path, "copy.txt")
    again = FilePages(tmp_path / "pages")
    pages = again.load(copy, ocr=True)
    assert again.reads == 0
    assert all(p.ocr for p in pages)
    assert {p.provenance.url for p in pages if p.provenance} == {str(copy)}
    assert all(p.provenance and p.provenance.service is Service.LOCAL_FILE for p in pages)
    assert not any(p.ocr for p in again.load(copy))


def test_damaged_kept_pages_are_ignored_and_the_file_read_again(tmp_path: Path) -> None:
    path = _book(tmp_path)
    FilePages(tmp_path / "pages").load(path)
    for kept in (tmp_path / "pages").iterdir():
        kept.write_text('{"format": 1, "pages": [{"text": "The mill', encoding="utf-8")
    again = FilePages(tmp_path / "pages")
    assert again.load(path)[1].text.startswith("In spring")
    assert again.reads == 1


def test_a_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        FilePages(tmp_path / "pages").load(tmp_path / "absent.txt")
