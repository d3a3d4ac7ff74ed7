"""Files the user owns: text with page markers or form feeds, PDF with page labels, EPUB, HTML."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from ebooklib import epub
from pypdf import PdfReader, PdfWriter

from citecheck.errors import InputError
from citecheck.model import Edition, Service
from citecheck.texts.local import (
    LocalFileText,
    load_pages,
    marker_label,
    running_page_number,
    split_text_pages,
)

# The PDFs are written line by line by the document fixtures' builder (tests/fixtures/documents).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
from pdfpages import Run, write_pdf

EDITION = Edition(title="The Great Conspiracy")


def _pdf(tmp_path: Path, texts: list[str], *, labels: bool) -> Path:
    plain = tmp_path / "plain.pdf"
    write_pdf(plain, [[Run(72, 720, text)] for text in texts])
    if not labels:
        return plain
    writer = PdfWriter(clone_from=PdfReader(plain))
    # Front matter in Roman numerals, then the body numbered from 325, like a scan of pages 325-326.
    writer.set_page_label(0, 0, style="/r", start=12)
    writer.set_page_label(1, len(texts) - 1, style="/D", start=325)
    labelled = tmp_path / "labelled.pdf"
    with labelled.open("wb") as handle:
        writer.write(handle)
    return labelled


def _epub(tmp_path: Path, chapters: list[str]) -> Path:
    book = epub.EpubBook()
    book.set_identifier("citecheck-test-epub")
    book.set_title("An Invented Book")
    book.set_language("en")
    items = []
    for number, body in enumerate(chapters, start=1):
        chapter = epub.EpubHtml(title=f"Chapter {number}", file_name=f"c{number}.xhtml", lang="en")
        chapter.content = f"<html><body>{body}</body></html>"
        book.add_item(chapter)
        items.append(chapter)
    book.toc = tuple(items)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    path = tmp_path / "book.epub"
    epub.write_epub(str(path), book)
    return path


# ------------------------------------------------------------------ plain text


def test_marker_lines_of_each_documented_form_name_the_page() -> None:
    assert marker_label("--- page 253 ---") == "253"
    assert marker_label("-- p. 12 --") == "12"
    assert marker_label("=== 253 ===") == "253"
    assert marker_label("=== Page xii ===") == "xii"
    assert marker_label("[p. 253]") == "253"
    assert marker_label("[Pg 253]") == "253"


def test_ordinary_lines_are_not_markers() -> None:
    assert marker_label("253") is None
    assert marker_label("[253]") is None
    assert marker_label("--- see page 253 for more ---") is None


def test_text_with_marker_lines_is_split_at_each_marker(texts_dir: Path) -> None:
    pages = load_pages(texts_dir / "local" / "markers.txt")
    assert [p.printed for p in pages] == [None, "252", "253", "254", "255"]
    assert pages[2].text == '"There were no Fifth Columnists in Russia in 1941."'


def test_marker_lines_are_not_part_of_the_page_text(texts_dir: Path) -> None:
    pages = load_pages(texts_dir / "local" / "markers.txt")
    assert not any("---" in p.text or "[p." in p.text for p in pages)


def test_form_feeds_separate_pages_and_a_lone_number_at_top_or_foot_is_the_page(
    texts_dir: Path,
) -> None:
    pages = load_pages(texts_dir / "local" / "formfeeds.txt")
    assert [p.printed for p in pages] == ["xii", "30", None]


def test_form_feed_pages_count_leaves_from_one(texts_dir: Path) -> None:
    pages = load_pages(texts_dir / "local" / "formfeeds.txt")
    assert [p.leaf for p in pages] == [1, 2, 3]


def test_a_year_alone_in_the_middle_of_a_page_is_not_a_page_number() -> None:
    assert running_page_number("Text above.\n\n1941\n\nText below.") is None


def test_a_capital_roman_heading_is_not_a_page_number() -> None:
    assert running_page_number("IV\n\nThe chapter begins.") is None


def test_a_word_made_of_roman_letters_is_not_a_page_number() -> None:
    assert running_page_number("The end of the paragraph on the\ncivil") is None
    assert running_page_number("The end of a recipe, then\nmix") is None


def test_text_without_markers_or_form_feeds_is_one_unnumbered_page() -> None:
    assert split_text_pages("One letter.\n\n253\n\nSigned.") == [
        (None, "One letter.\n\n253\n\nSigned.")
    ]


def test_text_in_latin_1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "--- page 3 ---\nLa révolution trahie, déjà célèbre à l'époque.\n".encode("latin-1")
    )
    assert "révolution" in load_pages(path)[0].text


def test_pages_record_the_file_they_came_from(texts_dir: Path) -> None:
    page = load_pages(texts_dir / "local" / "markers.txt")[0]
    assert page.provenance is not None
    assert page.provenance.service is Service.LOCAL_FILE
    assert page.provenance.url.endswith("markers.txt")


# ------------------------------------------------------------------ PDF


def test_pdf_pages_take_the_printed_page_labels(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path,
        ["Preface text", "Davies had watched the trials", "There were no Fifth Columnists"],
        labels=True,
    )
    pages = load_pages(path)
    assert [p.printed for p in pages] == ["xii", "325", "326"]
    assert "no Fifth Columnists" in pages[2].text


def test_pdf_leaf_is_the_pdf_page_index_from_one(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ["one", "two"], labels=True)
    assert [p.leaf for p in load_pages(path)] == [1, 2]


def test_pdf_without_page_labels_does_not_pretend_pdf_pages_are_printed_pages(
    tmp_path: Path,
) -> None:
    pages = load_pages(_pdf(tmp_path, ["Some text of a page", "More text"], labels=False))
    assert [p.printed for p in pages] == [None, None]


def test_pdf_locked_with_a_password_is_an_input_error(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(_pdf(tmp_path, ["secret text"], labels=False)))
    writer.encrypt(user_password="pw", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="password"):
        load_pages(path)


def test_corrupt_pdf_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf body at all")
    with pytest.raises(InputError, match=r"broken\.pdf"):
        load_pages(path)


# ------------------------------------------------------------------ EPUB


def test_epub_without_page_breaks_gives_one_page_per_chapter(tmp_path: Path) -> None:
    path = _epub(
        tmp_path,
        ["<h1>One</h1><p>The first chapter.</p>", "<h1>Two</h1><p>The second chapter.</p>"],
    )
    pages = load_pages(path)
    assert [(p.leaf, p.printed) for p in pages] == [(1, None), (2, None)]
    assert "The second chapter." in pages[1].text


def test_epub_page_breaks_give_the_print_edition_pages_across_chapters(tmp_path: Path) -> None:
    path = _epub(
        tmp_path,
        [
            '<p><span epub:type="pagebreak" id="page325" title="325"/>Davies had watched the trials.</p>',
            '<p>The chapter runs on.</p><p><span epub:type="pagebreak" id="page326" title="326"/>There were no Fifth Columnists.</p>',
        ],
    )
    pages = [p for p in load_pages(path) if p.printed]
    assert [p.printed for p in pages] == ["325", "326"]
    assert "The chapter runs on." in pages[0].text
    assert pages[1].text == "There were no Fifth Columnists."


def test_corrupt_epub_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.epub"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken\.epub"):
        load_pages(path)


# ------------------------------------------------------------------ HTML and errors


def test_html_file_is_read_for_its_main_content(tmp_path: Path) -> None:
    path = tmp_path / "letter.html"
    path.write_text(
        "<html><body><nav>Home</nav><main><p>Dear Sir,</p><p>Yours.</p></main></body></html>",
        encoding="utf-8",
    )
    [page] = load_pages(path)
    assert page.text == "Dear Sir,\n\nYours."


def test_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.txt"):
        load_pages(tmp_path / "nowhere.txt")


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError, match="binary"):
        load_pages(path)


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        load_pages(path)


# ------------------------------------------------------------------ the provider


def test_provider_gives_the_file_pages_for_any_edition(tmp_path: Path, texts_dir: Path) -> None:
    path = tmp_path / "markers.txt"
    shutil.copy(texts_dir / "local" / "markers.txt", path)
    provider = LocalFileText(path, key="sayers1946")
    assert provider.can_serve(EDITION) and provider.key == "sayers1946"
    assert [p.printed for p in provider.pages(EDITION)][:3] == [None, "252", "253"]


def test_provider_search_finds_the_page_of_a_phrase(texts_dir: Path) -> None:
    hits = LocalFileText(texts_dir / "local" / "markers.txt").search(EDITION, "no fifth columnists")
    assert [h.printed for h in hits] == ["253"]


def test_provider_reads_the_file_once(tmp_path: Path, texts_dir: Path) -> None:
    path = tmp_path / "markers.txt"
    shutil.copy(texts_dir / "local" / "markers.txt", path)
    provider = LocalFileText(path)
    first = provider.load_pages()
    path.unlink()
    assert provider.load_pages() is first
