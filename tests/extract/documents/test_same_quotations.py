"""The same manuscript as .docx, .odt and PDF yields the same quotations with the same claims."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from manuscript import standard_manuscript

from citecheck.extract import extract_file
from citecheck.model import Citation, Extraction


def claims(extraction: Extraction) -> list[tuple[str, str, str | None, str | None, str | None]]:
    def row(c: Citation) -> tuple[str, str, str | None, str | None, str | None]:
        page = c.locator.first if c.locator else None
        return (
            c.quotation.kind.value,
            c.quotation.text,
            c.attribution.speaker,
            c.attribution.work,
            page,
        )

    return [row(c) for c in extraction.checkable]


EXPECTED_PAGES = ["253", "326", "226"]


@pytest.mark.parametrize("name", ["manuscript.docx", "manuscript.odt", "manuscript.pdf"])
def test_each_committed_form_of_the_manuscript_gives_work_and_page_of_each_quotation(
    documents_dir: Path, name: str
) -> None:
    rows = claims(extract_file(documents_dir / name))
    assert [page for *_, page in rows] == EXPECTED_PAGES
    assert [work for *_, work, _ in rows] == ["Stalin: Man of History", None, "British Agent"]


def test_the_odt_and_the_pdf_give_exactly_the_quotations_of_the_docx(documents_dir: Path) -> None:
    word = claims(extract_file(documents_dir / "manuscript.docx"))
    assert claims(extract_file(documents_dir / "manuscript.odt")) == word
    assert claims(extract_file(documents_dir / "manuscript.pdf")) == word


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def test_a_manuscript_converted_now_by_libreoffice_reads_the_same_in_each_format(
    tmp_path: Path,
) -> None:
    soffice = _soffice()
    source = standard_manuscript(revisions=False).save(tmp_path / "fresh.docx")
    for target in ("odt", "pdf"):
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
             "--convert-to", target, "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    word = claims(extract_file(source))
    assert [page for *_, page in word] == EXPECTED_PAGES
    assert claims(extract_file(tmp_path / "fresh.odt")) == word
    assert claims(extract_file(tmp_path / "fresh.pdf")) == word
