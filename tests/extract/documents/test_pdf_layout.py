"""A PDF laid out as Word prints one: raised note marks, notes at the foot, page numbers,
hyphenated line ends, a paragraph over a page break, an indented quotation, italic titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfpages import ITALIC, Run, Seg, line, write_pdf

from citecheck.extract import extract_file
from citecheck.extract.pdf import pdf_text

MARK = {"size": 7.0, "rise": 4.0}


def page_one() -> list[Run]:
    return [
        *line(
            72,
            700,
            "Grey describes the eastward move in ",
            Seg("Stalin: Man of History", font=ITALIC),
            ".",
        ),
        *line(72, 686, "He writes that \u201cthe redistribution of indus-"),
        *line(
            72,
            672,
            "try led to a second coal and steel industry in the Urals.\u201d",
            Seg("1", **MARK),
            " The",
        ),
        *line(72, 658, "towns grew quickly, and the work of the planners went on through the"),
        # the footnote, in 10 pt with a raised label and no space after it, and the page number
        *line(
            72,
            90,
            Seg("1", size=6.0, rise=3.5),
            Seg("Ian Grey, ", size=10),
            Seg("Stalin: Man of History", size=10, font=ITALIC),
            Seg(", p. 253.", size=10),
        ),
        *line(300, 40, "1"),
    ]


def page_two() -> list[Run]:
    return [
        *line(300, 752, "2"),
        *line(72, 700, "winter of that year, as the second plan began."),
        *line(72, 672, "Lockhart recorded of Trotsky:"),
        *line(108, 650, "\u201cHe strikes me as a man who would willingly be torn to pieces for"),
        *line(108, 636, "his party.\u201d", Seg("2", **MARK)),
        *line(72, 612, "A last paragraph of the article."),
        *line(
            72,
            90,
            Seg("2", size=6.0, rise=3.5),
            Seg(" R. H. Bruce Lockhart, British Agent, p. 226.", size=10),
        ),
    ]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "article.pdf", [page_one(), page_two()])


def test_a_raised_mark_and_the_note_at_the_foot_of_its_page_give_work_and_page(
    article: Path,
) -> None:
    first, second = extract_file(article).checkable
    assert (first.attribution.work, first.locator and first.locator.first) == (
        "Stalin: Man of History",
        "253",
    )
    assert (second.attribution.work, second.locator and second.locator.first) == (
        "British Agent",
        "226",
    )


def test_notes_follow_the_body_and_the_page_numbers_are_gone(article: Path) -> None:
    text = pdf_text(article.read_bytes(), name="article.pdf").built.text
    assert text.endswith(
        "[^1]: Ian Grey, *Stalin: Man of History*, p. 253.\n[^2]: R. H. Bruce Lockhart, British Agent, p. 226.\n"
    )
    assert "\n1\n" not in text and "\n\n2\n" not in text


def test_a_hyphen_at_a_line_end_is_undone(article: Path) -> None:
    [citation, _] = extract_file(article).checkable
    assert citation.quotation.text.startswith("the redistribution of industry led to a second coal")


def test_a_paragraph_running_over_the_page_break_is_one_paragraph(article: Path) -> None:
    result = pdf_text(article.read_bytes(), name="article.pdf")
    text = result.built.text
    assert "went on through the winter of that year" in text
    assert result.page_at(text.index("winter of that year")) == 2
    assert result.page_at(text.index("went on through")) == 1


def test_an_indented_paragraph_is_a_block_quotation_and_italic_type_a_title(article: Path) -> None:
    text = pdf_text(article.read_bytes(), name="article.pdf").built.text
    assert (
        "\n\n> \u201cHe strikes me as a man who would willingly be torn to pieces for his party.\u201d[^2]\n\n"
        in text
    )
    assert "eastward move in *Stalin: Man of History*." in text


def test_a_page_without_text_among_pages_with_text_is_named_in_a_warning(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "partly.pdf", [page_one(), [], page_two()])
    extraction = extract_file(path)
    assert len(extraction.checkable) == 2
    assert [p.message for p in extraction.problems] == [
        "page 2 has no text layer (scanned?) and so no text was read there; it needs OCR"
    ]


def test_a_running_head_on_every_page_is_not_read_into_the_text(tmp_path: Path) -> None:
    head = "JOURNAL OF SOVIET INDUSTRY, VOL. 3"
    pages = [
        [*line(72, 752, f"{head}, {number}"), *body]
        for number, body in ((5, page_one()), (6, page_two()))
    ]
    text = pdf_text(
        write_pdf(tmp_path / "heads.pdf", pages).read_bytes(), name="heads.pdf"
    ).built.text
    assert "JOURNAL" not in text
    assert "went on through the winter of that year" in text


def test_the_same_short_note_at_the_foot_of_two_pages_is_kept_as_a_note(tmp_path: Path) -> None:
    def page(mark: str, y_text: str) -> list[Run]:
        return [
            *line(72, 700, f"He wrote that \u201c{y_text}\u201d.", Seg(mark, **MARK)),
            *line(72, 90, Seg(mark, size=6.0, rise=3.5), Seg(" Ibid., p. 12.", size=10)),
        ]

    pages = [
        [
            *line(72, 720, "Grey, in Stalin: Man of History, p. 11, says so."),
            *page("1", "the first words quoted here at length"),
        ],
        page("2", "the second words quoted here at length"),
    ]
    text = pdf_text(
        write_pdf(tmp_path / "ibid.pdf", pages).read_bytes(), name="ibid.pdf"
    ).built.text
    assert text.endswith("[^1]: Ibid., p. 12.\n[^2]: Ibid., p. 12.\n")


def test_an_indented_first_line_and_a_short_last_line_stay_one_paragraph(tmp_path: Path) -> None:
    # Laid out as pdfLaTeX sets a paragraph: a full first line indented by the paragraph indent
    # (pdfminer then boxes the short last line apart), the next paragraph indented again.
    first = "WinEdt is a powerful and versatile text editor for Windows with a strong"
    pages = [
        [
            *line(120, 699, first),
            *line(103, 684, "predisposition towards the creation of LaTeX documents."),
            *line(
                120,
                670,
                "WinEdt is used as a front-end for compilers and typesetting systems, such",
            ),
            *line(
                103, 655, "as TeX, HTML or NSIS, and its highlighting schemes can be customized for"
            ),
            *line(103, 641, "different modes."),
        ]
    ]
    text = pdf_text(
        write_pdf(tmp_path / "latex.pdf", pages).read_bytes(), name="latex.pdf"
    ).built.text
    assert text.startswith(
        f"{first} predisposition towards the creation of LaTeX documents.\n\nWinEdt is used"
    )


def test_notes_longer_than_the_text_above_them_are_still_notes(tmp_path: Path) -> None:
    note = "Grey, Stalin: Man of History, p. 253, where the same point is made at length about the towns"
    page = [
        *line(72, 742, "The towns of the Urals grew in the first plan, and their growth is the"),
        *line(72, 728, "subject of this section, which follows the planners from year to year as"),
        *line(72, 714, "they moved the works of the west to the east of the country, far away."),
        *line(
            72,
            700,
            "Grey wrote that \u201cindustry moved east in those years\u201d.",
            Seg("1", **MARK),
        ),
        *line(72, 200, Seg("1", size=6.0, rise=3.5), Seg(" " + note, size=10)),
        *[run for y in range(186, 60, -14) for run in line(72, y, Seg(note, size=10))],
    ]
    text = pdf_text(
        write_pdf(tmp_path / "long-notes.pdf", [page]).read_bytes(), name="l.pdf"
    ).built.text
    assert "in those years\u201d.[^1]\n\n[^1]: Grey, Stalin: Man of History, p. 253, where" in text


def test_a_footnote_running_over_to_the_foot_of_the_next_page_is_one_note(tmp_path: Path) -> None:
    pages = [
        [
            *line(
                72,
                700,
                "Grey wrote that \u201cindustry moved east in those years\u201d.",
                Seg("1", **MARK),
            ),
            *line(
                72,
                90,
                Seg("1", size=6.0, rise=3.5),
                Seg(" Ian Grey, Stalin: Man of History (London,", size=10),
            ),
        ],
        [
            *line(72, 700, "The next page goes on with the argument of the article."),
            *line(72, 90, Seg("1979), p. 253.", size=10)),
        ],
    ]
    text = pdf_text(
        write_pdf(tmp_path / "run-over.pdf", pages).read_bytes(), name="r.pdf"
    ).built.text
    assert text.endswith("[^1]: Ian Grey, Stalin: Man of History (London, 1979), p. 253.\n")
    assert "The next page goes on with the argument of the article.\n\n[^1]" in text
