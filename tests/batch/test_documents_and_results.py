"""Which documents a batch covers, and how its results file is read back to resume."""

from __future__ import annotations

import json
from pathlib import Path

from citecheck.batch.documents import content_hash, find_documents
from citecheck.batch.results import ResultsWriter, compact_results, is_done, read_results


def test_a_folder_yields_its_documents_in_name_order_without_hidden_files_or_other_kinds(
    tmp_path: Path,
) -> None:
    (tmp_path / "b.md").write_text("b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text("<p>c</p>", encoding="utf-8")
    (tmp_path / "references.bib").write_text("@book{x, title={X}}", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("d", encoding="utf-8")

    found = find_documents([tmp_path])

    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b.md", "sub/c.html"]


def test_word_opendocument_and_pdf_manuscripts_in_a_folder_are_documents_too(
    tmp_path: Path,
) -> None:
    for name in ("a.docx", "b.odt", "c.pdf", "d.doc", "e.rtf", "f.png", "g.zip"):
        (tmp_path / name).write_bytes(b"")

    found = find_documents([tmp_path])

    # .doc and .rtf are taken so that their lines say how to convert them, not left out unsaid.
    assert [p.name for p in found] == ["a.docx", "b.odt", "c.pdf", "d.doc", "e.rtf"]


def test_a_list_file_names_documents_relative_to_itself_and_skips_comments(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("1", encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text("# the corpus\none.txt\n\n/elsewhere/two.txt\none.txt\n", encoding="utf-8")

    found = find_documents([], listing)

    assert found == [tmp_path / "one.txt", Path("/elsewhere/two.txt")]


def test_a_path_named_outright_is_kept_even_when_missing_so_its_line_says_why(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone.txt"

    assert find_documents([missing]) == [missing]
    assert content_hash(missing) is None


def test_the_content_hash_changes_with_the_bytes_only(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("same words", encoding="utf-8")
    second.write_text("same words", encoding="utf-8")
    before = content_hash(first)

    assert before == content_hash(second)
    first.write_text("same words!", encoding="utf-8")
    assert content_hash(first) != before


def test_an_earlier_line_stands_while_the_content_is_the_same() -> None:
    line = {"path": "a.txt", "sha256": "abc", "status": "ok"}

    assert is_done(line, "abc", retry_failed=False)
    assert not is_done(line, "abd", retry_failed=False)
    assert not is_done(None, "abc", retry_failed=False)


def test_retry_failed_redoes_failed_and_unreadable_documents_but_not_good_ones() -> None:
    ok = {"path": "a", "sha256": "h", "status": "ok"}
    failed = {"path": "b", "sha256": "h", "status": "failed"}
    error = {"path": "c", "sha256": None, "status": "error"}

    assert is_done(failed, "h", retry_failed=False)
    assert is_done(error, None, retry_failed=False)
    assert is_done(ok, "h", retry_failed=True)
    assert not is_done(failed, "h", retry_failed=True)
    assert not is_done(error, None, retry_failed=True)


def test_a_line_cut_short_by_a_crash_is_counted_and_its_document_checked_again(
    tmp_path: Path,
) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text(
        json.dumps({"path": "a.txt", "sha256": "1", "status": "ok"}) + "\n" + '{"path": "b.t',
        encoding="utf-8",
    )

    previous = read_results(results)

    assert set(previous.lines) == {"a.txt"}
    assert previous.unreadable == 1


def test_compacting_keeps_the_latest_line_of_each_document_in_the_batch_order(
    tmp_path: Path,
) -> None:
    results = tmp_path / "results.jsonl"
    writer = ResultsWriter(results)
    writer.write({"path": "b.txt", "sha256": "1", "status": "failed"})
    writer.write({"path": "a.txt", "sha256": "1", "status": "ok"})
    writer.write({"path": "b.txt", "sha256": "1", "status": "ok"})
    writer.close()

    kept = compact_results(results, ["a.txt", "b.txt"])

    lines = [json.loads(text) for text in results.read_text(encoding="utf-8").splitlines()]
    assert [(line["path"], line["status"]) for line in lines] == [("a.txt", "ok"), ("b.txt", "ok")]
    assert list(kept) == ["a.txt", "b.txt"]
