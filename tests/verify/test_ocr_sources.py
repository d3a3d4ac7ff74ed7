"""Specification: a text knows whether it was read by OCR, from its source or from its user."""

from __future__ import annotations

from pathlib import Path

from citecheck.model import Page, Provenance, Service
from citecheck.store import SourceStore
from citecheck.texts.ia_fulltext import OcrLeaf, pages_from_ocr
from citecheck.texts.local import load_pages
from citecheck.texts.pagemap import PageMap
from citecheck.verify.locate import SourceIndex


def test_internet_archive_ocr_pages_are_marked_as_ocr() -> None:
    pages = pages_from_ocr([OcrLeaf(5, "Some scanned words.")], PageMap())
    assert pages[0].ocr
    assert SourceIndex.build(pages).ocr


def test_a_users_file_is_born_digital_unless_marked_as_ocr(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("--- page 1 ---\nA page of text.\n--- page 2 ---\nAnother page.\n")
    assert not any(page.ocr for page in load_pages(path))
    assert all(page.ocr for page in load_pages(path, ocr=True))
    assert not SourceIndex.build(load_pages(path)).ocr


def test_the_source_store_keeps_the_ocr_mark(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    provenance = Provenance(Service.INTERNET_ARCHIVE, "https://archive.org/details/x")
    store.put(
        "work", "ia-x", [Page("scanned text", "3", 7, ocr=True), Page("typed", "4")], provenance
    )
    stored = store.get("work", "ia-x")
    assert stored is not None
    assert [page.ocr for page in stored.pages] == [True, False]
