"""A PDF article: reading order, pages, footnotes at the foot of the page, hyphens at line ends."""

from __future__ import annotations

from pathlib import Path

from citecheck.extract.pdf import pdf_text


def test_body_pieces_know_their_page_and_the_notes_follow_the_body(documents_dir: Path) -> None:
    result = pdf_text((documents_dir / "manuscript.pdf").read_bytes(), name="manuscript.pdf")
    text = result.built.text
    assert result.pages == 2
    assert result.page_at(text.index("Ian Grey writes")) == 1
    assert text.index("[^1]: Ian Grey") > text.index("another thread.")
    assert result.page_at(text.index("[^1]: Ian Grey")) is None


def test_a_footnote_mark_in_the_text_becomes_a_note_reference(documents_dir: Path) -> None:
    text = pdf_text((documents_dir / "manuscript.pdf").read_bytes(), name="m.pdf").built.text
    assert "Urals and Siberia.\u201d[^1] The new factories" in text
    assert "\n\n> \u201cHe strikes me" in text
    assert "willingly be torn to pieces" in text


def test_a_hyphen_at_a_line_end_is_undone_unless_the_document_hyphenates_that_word(
    tmp_path: Path,
) -> None:
    import shutil
    import subprocess

    import pytest
    from manuscript import WordManuscript

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    manuscript = WordManuscript()
    manuscript.add(
        "Grey saw \u201cthe redistribution of indus-\ntry to the east\u201d as a well-known plan, "
        "a plan well-\nknown to all (Grey 1979: 253)."
    )
    source = manuscript.save(tmp_path / "hyphens.docx")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = pdf_text((tmp_path / "hyphens.pdf").read_bytes(), name="hyphens.pdf").built.text
    assert "the redistribution of industry to the east" in text
    assert "a plan well-known to all" in text
