"""Real Word files from a public repository (mammoth.js test data; see the fixtures' README)."""

from __future__ import annotations

from pathlib import Path

from citecheck.extract.reader import read_document


def test_real_footnotes_are_numbered_and_listed_after_the_body(documents_dir: Path) -> None:
    document, _ = read_document(documents_dir / "mammoth" / "footnotes.docx")
    assert document.text == ("Ouch[^1].[^2]\n\n[^1]: A tachyon walks into a bar.\n[^2]: Fin.\n")


def test_real_endnotes_are_numbered_as_word_numbers_them(documents_dir: Path) -> None:
    document, _ = read_document(documents_dir / "mammoth" / "endnotes.docx")
    assert document.text == ("Ouch[^i].[^ii]\n\n[^i]: A tachyon walks into a bar.\n[^ii]: Fin.\n")


def test_a_real_footnote_holding_a_hyperlink_keeps_the_link_text(documents_dir: Path) -> None:
    document, _ = read_document(documents_dir / "mammoth" / "footnote-hyperlink.docx")
    assert document.text.endswith("[^1]: Example\n")


def test_real_comments_are_counted_and_left_out(documents_dir: Path) -> None:
    document, problems = read_document(documents_dir / "mammoth" / "comments.docx")
    assert document.text == "Ouch.\n"
    assert [p.message for p in problems] == ["2 Word comments not read"]


def test_real_tracked_changes_read_as_accepted_deleted_rows_and_list_items_gone(
    documents_dir: Path,
) -> None:
    document, problems = read_document(documents_dir / "mammoth" / "track-changes-test.docx")
    assert "This is the content." in document.text
    assert "And here is much more content." in document.text
    assert "Link 2: www.hlx.live" in document.text
    for deleted in ("default", "Item 1", "Point two", "B1", "Link 2: www.adobe.com"):
        assert deleted not in document.text
    assert "Point one\n\nPoint three" in document.text
    assert "tracked changes read as if accepted" in problems[0].message


def test_a_real_libreoffice_docx_with_a_footnote_and_an_endnote_in_one_sentence(
    documents_dir: Path,
) -> None:
    document, problems = read_document(documents_dir / "pydocx" / "footnotes.docx")
    assert document.text == (
        "To jest zdanie z dwoma[^1] przypisami[^i].\n\n"
        "[^1]: Treść pierwszego przypisu\n[^i]: A to jest treść przypisu końcowego\n"
    )
    assert problems == ()
