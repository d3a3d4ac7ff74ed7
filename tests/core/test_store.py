"""The source store keeps the texts a check relied on and notices when a source changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.model import Page, Provenance, Service
from citecheck.store import SourceStore, text_hash

PROVENANCE = Provenance(Service.INTERNET_ARCHIVE, "https://archive.org/download/x/x_djvu.xml")


def test_a_stored_text_is_read_back_with_its_pages_and_provenance(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    pages = [Page("First page.", "1", 7), Page("Second page.", "2", 8)]
    store.put("grey1979", "ia:stalinmanofhist00grey", pages, PROVENANCE)

    stored = store.get("grey1979", "ia:stalinmanofhist00grey")

    assert stored is not None
    assert [(p.printed, p.leaf, p.text) for p in stored.pages] == [
        ("1", 7, "First page."),
        ("2", 8, "Second page."),
    ]
    assert stored.provenance.url == PROVENANCE.url
    assert stored.sha256 == text_hash(pages)


def test_storing_the_same_text_again_reports_no_change(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    pages = [Page("Text.", "5")]
    assert store.put("w", "s", pages, PROVENANCE) is None
    assert store.put("w", "s", pages, PROVENANCE) is None


def test_a_source_that_now_reads_differently_is_reported_as_changed(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    store.put("w", "s", [Page("The old wording.", "5")], PROVENANCE)

    change = store.put("w", "s", [Page("The new wording.", "5")], PROVENANCE)

    assert change is not None
    assert change.old_sha256 != change.new_sha256
    assert store.get("w", "s").pages[0].text == "The new wording."  # type: ignore[union-attr]


def test_a_damaged_store_file_is_named_in_the_error(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    store.put("w", "s", [Page("Text.", "5")], PROVENANCE)
    damaged = next(tmp_path.rglob("*.json"))
    damaged.write_text("{not json", encoding="utf-8")

    with pytest.raises(InputError, match=damaged.name):
        store.get("w", "s")


def test_keys_with_slashes_and_colons_stay_inside_the_store(tmp_path: Path) -> None:
    store = SourceStore(tmp_path / "store")
    store.put("../evil", "https://x/y:z", [Page("Text.", None)], PROVENANCE)
    written = list((tmp_path / "store").rglob("*.json"))
    assert len(written) == 1
    assert (tmp_path / "store") in written[0].parents


def test_a_stored_excerpt_says_what_part_of_the_work_it_is(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    store.put("w", "s", [Page("One paragraph of a long speech.", None)], PROVENANCE)
    path = next(tmp_path.rglob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["excerpt"] = "the second paragraph only"
    path.write_text(json.dumps(data), encoding="utf-8")

    stored = store.get("w", "s")

    assert stored is not None
    assert stored.excerpt == "the second paragraph only"


def test_a_whole_stored_text_has_no_excerpt_mark(tmp_path: Path) -> None:
    store = SourceStore(tmp_path)
    store.put("w", "s", [Page("All of it.", None)], PROVENANCE)
    assert store.get("w", "s").excerpt == ""  # type: ignore[union-attr]
