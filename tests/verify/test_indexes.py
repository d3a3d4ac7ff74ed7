"""Specification: one index per text per run, shared by threads, bounded by memory, kept between runs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from citecheck.model import Page
from citecheck.verify.indexes import IndexStore, estimated_bytes, text_key
from citecheck.verify.locate import SourceIndex, locate


def _book(word: str, pages: int = 30) -> tuple[Page, ...]:
    return tuple(
        Page(f"On page {n} the {word} said that the council would meet again soon.", str(n))
        for n in range(1, pages + 1)
    )


def test_many_threads_asking_for_one_text_build_its_index_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[int] = []
    original = SourceIndex.build.__func__  # type: ignore[attr-defined]
    barrier = threading.Barrier(8)

    def slow_build(cls: type[SourceIndex], pages: tuple[Page, ...]) -> SourceIndex:
        built.append(1)
        return original(cls, pages)  # type: ignore[no-any-return]

    monkeypatch.setattr(SourceIndex, "build", classmethod(slow_build))
    store = IndexStore()
    book = _book("mayor")
    found: list[SourceIndex] = []

    def ask() -> None:
        barrier.wait()
        found.append(store.index(book))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert store.builds == 1
    assert all(index is found[0] for index in found)


def test_workers_in_other_processes_sharing_the_folder_build_a_text_once_and_load_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two stores on one folder stand for two processes: each has its own memory and text locks,
    # and the lock file is opened by each, as another process would.
    original = SourceIndex.build.__func__  # type: ignore[attr-defined]
    barrier = threading.Barrier(2)

    def slow_build(cls: type[SourceIndex], pages: tuple[Page, ...]) -> SourceIndex:
        time.sleep(0.3)  # long enough for the other worker to ask meanwhile
        return original(cls, pages)  # type: ignore[no-any-return]

    monkeypatch.setattr(SourceIndex, "build", classmethod(slow_build))
    stores = [IndexStore(tmp_path), IndexStore(tmp_path)]
    book = _book("mayor")

    def ask(store: IndexStore) -> None:
        barrier.wait()
        store.index(book)

    threads = [threading.Thread(target=ask, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted((store.builds, store.loads) for store in stores) == [(0, 1), (1, 0)]


def test_the_same_text_in_other_page_objects_is_the_same_index() -> None:
    store = IndexStore()
    first = store.index(_book("mayor"))
    assert store.index(list(_book("mayor"))) is first
    assert store.builds == 1


def test_the_cache_is_bounded_by_memory_not_by_a_count_of_books() -> None:
    small = _book("mayor", pages=5)
    size = estimated_bytes(SourceIndex.build(small))
    store = IndexStore(memory=int(size * 3.5))
    for word in ("mayor", "baker", "miller", "smith", "tailor", "weaver"):
        store.index(_book(word, pages=5))
    assert len(store) == 3
    assert store.held_bytes <= store.memory
    store.index(_book("tailor", pages=5))
    assert store.builds == 6


def test_an_index_kept_in_the_folder_is_loaded_by_a_later_run_not_built(tmp_path: Path) -> None:
    book = _book("mayor")
    first = IndexStore(tmp_path).index(book)
    later = IndexStore(tmp_path)
    loaded = later.index(book)
    assert (later.builds, later.loads) == (0, 1)
    assert list(loaded.ids) == list(first.ids)
    assert loaded.words == first.words
    alignment = locate("the mayor said that the council would meet again", loaded)
    assert alignment is not None
    assert alignment.found


def test_a_damaged_or_foreign_index_file_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    book = _book("mayor")
    IndexStore(tmp_path).index(book)
    (kept,) = tmp_path.glob("*.index")
    kept.write_bytes(kept.read_bytes()[:100])
    later = IndexStore(tmp_path)
    later.index(book)
    assert (later.builds, later.loads) == (1, 0)


def test_the_key_changes_with_the_text_its_page_labels_and_its_ocr_mark() -> None:
    book = _book("mayor")
    assert text_key(book) == text_key(list(book))
    assert text_key(book) != text_key(_book("baker"))
    relabelled = (Page(book[0].text, "xi"), *book[1:])
    assert text_key(book) != text_key(relabelled)
    scanned = (Page(book[0].text, book[0].printed, ocr=True), *book[1:])
    assert text_key(book) != text_key(scanned)
