"""Word comments out: a copy of the manuscript with one comment per checked quotation, nothing else changed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from manuscript import GREY_QUOTE, LOCKHART_QUOTE

from citecheck.check import check
from citecheck.config import Settings
from citecheck.errors import InputError, SourceUnavailable
from citecheck.extract.docx import word_text
from citecheck.model import Edition, Identifiers, Page, Report, TextAccess, WordingVerdict
from citecheck.report.docx_comments import annotate_docx
from citecheck.testing import FakeCatalog, FakeTextProvider

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GREY = Edition(
    title="Stalin: Man of History",
    authors=("Grey, Ian",),
    year=1979,
    page_count=550,
    identifiers=Identifiers(internetarchive=("stalinmanofhisto00grey",)),
    access=TextAccess.PUBLIC,
)
LOCKHART = Edition(
    title="British Agent",
    authors=("Lockhart, R. H. Bruce",),
    year=1933,
    page_count=400,
    identifiers=Identifiers(internetarchive=("britishagent00lock",)),
    access=TextAccess.PUBLIC,
)
# Page texts written for this test around the manuscript's quotations; Grey's has one word more.
PAGES = {
    "stalinmanofhisto00grey": [
        Page("Industry moved east.", "252", 260),
        Page(
            "In the east the redistribution of industry led to the creation of a second coal "
            "and steel industry in the Urals and in Siberia. It was a vast undertaking.",
            "253",
            261,
        ),
    ],
    "britishagent00lock": [
        Page(f"Of Trotsky I wrote: {LOCKHART_QUOTE}. I was not alone.", "226", 230),
    ],
}


class NoWeb:
    def fetch_pages(self, url: str) -> list[Page]:
        raise SourceUnavailable("no web in this test", service="web", url=url)


def checked(path: Path) -> Report:
    return check(
        path,
        settings=Settings(use_cache=False, max_retries=0),
        catalogs=[FakeCatalog([GREY, LOCKHART])],
        providers=[FakeTextProvider(PAGES)],
        web=NoWeb(),
        full_text_search=None,
    )


def comments(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(c.author, c.text) for c in document.comments]


def anchored_text(path: Path) -> dict[str, str]:
    """The text between each comment's range start and end in the main part."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    open_ids: set[str] = set()
    texts: dict[str, str] = {}
    for element in root.iter():
        if element.tag == f"{W}commentRangeStart":
            open_ids.add(element.get(f"{W}id"))
            texts.setdefault(element.get(f"{W}id"), "")
        elif element.tag == f"{W}commentRangeEnd":
            open_ids.discard(element.get(f"{W}id"))
        elif element.tag == f"{W}t" and element.getparent().getparent().tag != f"{W}del":
            for comment_id in open_ids:
                texts[comment_id] += element.text or ""
    return texts


@pytest.fixture
def annotated(manuscript_docx: Path, tmp_path: Path) -> tuple[Path, Report]:
    report = checked(manuscript_docx)
    out = tmp_path / "checked.docx"
    annotate_docx(manuscript_docx, out, report)
    return out, report


def test_each_checked_quotation_gets_one_comment_by_citecheck(
    annotated: tuple[Path, Report],
) -> None:
    out, report = annotated
    ours = [text for author, text in comments(out) if author == "citecheck"]
    assert len(ours) == len(report.verifications) == 3
    assert [author for author, _ in comments(out)].count("A. Reviewer") == 1


def test_each_comment_is_anchored_on_its_quotation(annotated: tuple[Path, Report]) -> None:
    out, _ = annotated
    anchored = sorted(anchored_text(out).values())
    assert GREY_QUOTE + "." in anchored
    assert LOCKHART_QUOTE + "." in anchored


def test_the_comment_says_the_verdict_in_words_and_what_the_source_prints(
    annotated: tuple[Path, Report],
) -> None:
    out, report = annotated
    grey = next(v for v in report.verifications if v.citation_id == "q1")
    assert grey.wording is WordingVerdict.ALTERED
    [text] = [t for a, t in comments(out) if a == "citecheck" and t.startswith("citecheck q1")]
    assert "Altered: words differ from the source." in text
    assert "Left out: the source prints “in” here." in text
    assert "Page: as cited (p. 253)." in text
    assert "Scan: p. 253 in the scan: https://archive.org/details/stalinmanofhisto00grey/" in text


def test_an_unverifiable_quotation_lists_the_sources_consulted(
    annotated: tuple[Path, Report],
) -> None:
    out, report = annotated
    davies = next(v for v in report.verifications if v.citation_id == "q2")
    assert davies.wording is WordingVerdict.UNVERIFIABLE
    [text] = [t for a, t in comments(out) if a == "citecheck" and t.startswith("citecheck q2")]
    assert text.startswith("citecheck q2: Unverifiable")
    assert "Sources consulted: " in text


def test_the_manuscripts_text_is_unchanged_and_the_original_is_never_written(
    manuscript_docx: Path, tmp_path: Path
) -> None:
    before = hashlib.sha256(manuscript_docx.read_bytes()).hexdigest()
    report = checked(manuscript_docx)
    out = tmp_path / "checked.docx"
    annotate_docx(manuscript_docx, out, report)
    assert hashlib.sha256(manuscript_docx.read_bytes()).hexdigest() == before
    original, copy = docx.Document(str(manuscript_docx)), docx.Document(str(out))
    assert [p.text for p in copy.paragraphs] == [p.text for p in original.paragraphs]
    assert word_text(copy, name="copy").built.text == report.document.text
    with zipfile.ZipFile(manuscript_docx) as a, zipfile.ZipFile(out) as b:
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
    assert changed <= {"word/document.xml", "word/comments.xml"}


def test_annotating_onto_the_manuscript_itself_is_refused(manuscript_docx: Path) -> None:
    report = checked(manuscript_docx)
    with pytest.raises(InputError, match="never the manuscript"):
        annotate_docx(manuscript_docx, manuscript_docx, report)


def test_annotating_needs_a_word_manuscript(documents_dir: Path, tmp_path: Path) -> None:
    report = checked(documents_dir / "manuscript.odt")
    with pytest.raises(InputError, match=r"needs a Word \(\.docx\) manuscript"):
        annotate_docx(documents_dir / "manuscript.odt", tmp_path / "out.docx", report)


def test_the_comments_survive_libreoffice_converting_the_copy(
    annotated: tuple[Path, Report], tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out, _ = annotated
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "odt" / "checked.odt") as package:
        content = etree.fromstring(package.read("content.xml"))
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    creators = [
        "".join(a.find("{http://purl.org/dc/elements/1.1/}creator").itertext())
        for a in content.iter(f"{office}annotation")
    ]
    assert creators.count("citecheck") == 3


def test_the_check_command_writes_the_annotated_copy_and_says_how_many_comments(
    manuscript_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from citecheck.cli import main

    out = tmp_path / "checked.docx"
    main(["check", str(manuscript_docx), "--offline", "-q", "--annotate", str(out)])
    assert f"3 comments written to {out}" in capsys.readouterr().err
    texts = [text for author, text in comments(out) if author == "citecheck"]
    assert len(texts) == 3
    assert all("Unverifiable" in text and "Sources consulted: " in text for text in texts)


def test_a_quotation_over_several_runs_with_an_italic_word_is_anchored_whole(
    tmp_path: Path,
) -> None:
    from manuscript import Inserted, Italic, WordManuscript

    from citecheck.extract import extract_file
    from citecheck.model import PageVerdict, Verification

    manuscript = WordManuscript()
    manuscript.add(
        "Strong reported that \u201cthe readers of ",
        Italic("Pravda"),
        " were told ",
        Inserted("at once "),
        "of the decision\u201d (Strong 1935: 12).",
    )
    path = manuscript.save(tmp_path / "runs.docx")
    extraction = extract_file(path)
    report = Report(
        document=extraction.document,
        citations=extraction.citations,
        verifications=tuple(
            Verification(c.id, WordingVerdict.EXACT, PageVerdict.AS_CITED, cited_page="12")
            for c in extraction.checkable
        ),
    )
    out = tmp_path / "checked.docx"
    assert annotate_docx(path, out, report) == 1
    assert list(anchored_text(out).values()) == [
        "the readers of Pravda were told at once of the decision"
    ]
    assert [p.text for p in docx.Document(str(out)).paragraphs] == [
        p.text for p in docx.Document(str(path)).paragraphs
    ]


def test_on_a_real_word_file_with_comments_theirs_stay_and_every_other_part_is_copied_as_is(
    documents_dir: Path, tmp_path: Path
) -> None:
    from citecheck.extract.reader import read_document
    from citecheck.model import (
        Attribution,
        Citation,
        PageVerdict,
        Quotation,
        QuotationKind,
        Span,
        Verification,
    )

    source = documents_dir / "mammoth" / "comments.docx"
    document, _ = read_document(source)
    assert document.text == "Ouch.\n"
    # The file holds no quotation; one is placed on its only word to see what annotating changes.
    citation = Citation(
        "q1", Quotation("Ouch", Span(0, 4), QuotationKind.INLINE), None, Attribution(), 1.0
    )
    report = Report(
        document=document,
        citations=(citation,),
        verifications=(Verification("q1", WordingVerdict.NOT_FOUND, PageVerdict.UNKNOWN),),
    )
    out = tmp_path / "checked.docx"
    assert annotate_docx(source, out, report) == 1
    authors = [author for author, _ in comments(out)]
    assert authors.count("citecheck") == 1 and len(authors) == 3
    assert anchored_text(out)[str(max(int(i) for i in anchored_text(out)))] == "Ouch"
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        assert b.namelist() == a.namelist()
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
    assert changed == {"word/document.xml", "word/comments.xml"}
