"""How fast Word and PDF manuscripts are read into text, and how fast --annotate writes comments.

    python benchmarks/read_documents.py               # a 200-paragraph manuscript, 100 notes
    python benchmarks/read_documents.py --paragraphs 1000

Builds a .docx with the test suite's manuscript builder (prose paragraphs, each second one with a
quotation cited in a footnote), then a PDF of the same text laid out page by page with the test
suite's PDF writer (12 pt body, raised marks, 10 pt footnotes at the foot of each page). Prints
the time to read each, the time to extract, and the time to annotate every quotation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "documents"))

from manuscript import Footnote, Italic, WordManuscript  # noqa: E402
from pdfpages import ITALIC, Run, Seg, line, write_pdf  # noqa: E402

from citecheck.extract import extract_document  # noqa: E402
from citecheck.extract.reader import read_document  # noqa: E402
from citecheck.model import PageVerdict, Report, Verification, WordingVerdict  # noqa: E402
from citecheck.report.docx_comments import annotate_docx  # noqa: E402

PROSE = (
    "The argument of this section turns on the growth of the new industrial towns, their housing "
    "and their supply, and on what the planners of the time wrote about them in their reports."
)
QUOTE = "the redistribution of industry led to a second coal and steel industry in the Urals"


def build_docx(path: Path, paragraphs: int) -> Path:
    manuscript = WordManuscript()
    for index in range(paragraphs):
        if index % 2:
            manuscript.add(
                f"Grey writes that \u201c{QUOTE} ({index})\u201d.",
                Footnote(("Ian Grey, ", Italic("Stalin: Man of History"), f", p. {index}.")),
            )
        else:
            manuscript.add(PROSE)
    return manuscript.save(path)


def build_pdf(path: Path, paragraphs: int) -> Path:
    pages: list[list[Run]] = []
    runs: list[Run] = []
    notes: list[Run] = []
    y = 720.0
    mark = 0
    for index in range(paragraphs):
        if index % 2:
            mark += 1
            runs += line(72, y, f"Grey writes that \u201c{QUOTE[:40]}", Seg("", 12))
            runs += line(72, y - 14, f"{QUOTE[40:]} ({index})\u201d.", Seg(str(mark), 7, rise=4))
            notes += line(72, 60 + 12 * len(notes) // 3, Seg(str(mark), 6, rise=3.5),
                          Seg(" Ian Grey, ", 10), Seg("Stalin: Man of History", 10, ITALIC),
                          Seg(f", p. {index}.", 10))  # fmt: skip
        else:
            runs += line(72, y, PROSE[:80]) + line(72, y - 14, PROSE[80:])
        y -= 40
        if y < 200:
            pages.append(runs + notes)
            runs, notes, y = [], [], 720.0
    pages.append(runs + notes)
    return write_pdf(path, pages)


def timed(label: str, action: object) -> object:
    start = time.perf_counter()
    result = action()  # type: ignore[operator]
    print(f"{label:<34} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        docx_path = build_docx(folder / "long.docx", args.paragraphs)
        pdf_path = build_pdf(folder / "long.pdf", args.paragraphs)
        print(f"{args.paragraphs} paragraphs, {args.paragraphs // 2} footnotes; "
              f".docx {docx_path.stat().st_size:,} bytes, PDF {pdf_path.stat().st_size:,} bytes")  # fmt: skip
        document, _ = timed("read .docx", lambda: read_document(docx_path))  # type: ignore[misc]
        extraction = timed("extract from the .docx text", lambda: extract_document(document))
        timed("read PDF", lambda: read_document(pdf_path))
        citations = extraction.checkable  # type: ignore[attr-defined]
        report = Report(
            document=document,
            citations=extraction.citations,  # type: ignore[attr-defined]
            verifications=tuple(
                Verification(c.id, WordingVerdict.EXACT, PageVerdict.AS_CITED) for c in citations
            ),
        )
        count = timed(
            f"annotate {len(citations)} quotations",
            lambda: annotate_docx(docx_path, folder / "checked.docx", report),
        )
        print(f"comments written: {count}")


if __name__ == "__main__":
    main()
