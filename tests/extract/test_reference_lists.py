"""An author-date citation names the work its reference list gives for that author.

"(Dennis, 245)" says only whose words and which page; the bibliography at the end says which of
Dennis's works. An editor reads the two together, so extraction does too, and keeps the entry
as the evidence for the work. Where the list cannot tell which work is meant (two entries by the
author and no year to choose), no work is claimed.

Every passage here is written for its test, with invented names and titles; the shapes of the
entries follow real student essays and bibliographies (a held-out essay of the corpus among them,
which the held-out figures then count as a development document).
"""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import Citation, DocumentFormat


def checkable(text: str) -> list[Citation]:
    return list(extract_citations(text, format=DocumentFormat.MARKDOWN).checkable)


def essay(body: str, bibliography: str, heading: str = "## Bibliography") -> str:
    return f"# The Harbour Question\n\n{body}\n\n{heading}\n\n{bibliography}\n"


def test_an_author_page_citation_takes_the_work_of_the_authors_entry() -> None:
    text = essay(
        "Trade followed the tides, \u201cbecause the harbour board answered to the merchants "
        "and never to the fishermen\u201d (Marrow, 245).",
        "Ada Marrow, *The Board and the Boats: Harbours, Tides, and Trade.*\n\n"
        "Ben Quill, *Salt Roads.*",
    )
    [citation] = checkable(text)
    attribution = citation.attribution
    assert attribution.speaker == "Ada Marrow"
    assert attribution.work == "The Board and the Boats: Harbours, Tides, and Trade"
    assert attribution.work_evidence is not None
    assert attribution.work_evidence.phrase.startswith("Ada Marrow, *The Board")
    assert citation.locator is not None and citation.locator.first == "245"


def test_commas_inside_a_title_stay_in_it_when_the_year_follows_the_title() -> None:
    text = essay(
        "The board \u201cnever once asked the fishermen what the tides had cost them\u201d "
        "(Quill, 12).",
        "Ben Quill, Salt, Tide, and the Merchant Towns of the North, 1988, Harbour Press.\n\n"
        "Ada Marrow, The Board and the Boats, 2001, Riverside.",
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Salt, Tide, and the Merchant Towns of the North"
    assert citation.attribution.work_year == 1988


def test_a_ditto_dash_entry_is_by_the_author_of_the_entry_before() -> None:
    text = essay(
        "Later she wrote that \u201cthe tide tables were the board's only honest document\u201d "
        "(Marrow 2004, 9).",
        "Marrow, Ada. *The Board and the Boats*. London: Riverside, 2001.\n\n"
        "\u2014\u2014\u2014. *Tide Tables and Their Keepers*. London: Riverside, 2004.",
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Tide Tables and Their Keepers"


def test_the_year_chooses_between_two_works_of_one_author() -> None:
    bibliography = (
        "Marrow, Ada. *The Board and the Boats*. London: Riverside, 2001.\n\n"
        "Marrow, Ada. *Tide Tables and Their Keepers*. London: Riverside, 2004."
    )
    dated = essay(
        "The board \u201ckept its minutes in a hand nobody else could read\u201d (Marrow, 2001, "
        "p. 30).",
        bibliography,
    )
    undated = essay(
        "The board \u201ckept its minutes in a hand nobody else could read\u201d (Marrow, 30).",
        bibliography,
    )
    assert checkable(dated)[0].attribution.work == "The Board and the Boats"
    [citation] = checkable(undated)
    assert citation.attribution.work is None, "two works by Marrow and no year: say nothing"


def test_a_surname_misspelt_by_one_letter_still_finds_its_entry() -> None:
    text = essay(
        "The merchants called it \u201ca board of tides and a board of tolls, but never a board "
        "of boats\u201d (Phillips, 88).",
        "Edmund Phillipson, *Tolls*, 1970, Quay Books.\n\n"
        "Mark Phillis, The Merchant Towns, 1979, Quay Books.",
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "The Merchant Towns"
    assert citation.attribution.speaker == "Phillips", "the citation keeps its own spelling"


def test_a_named_writer_with_one_work_in_the_list_is_quoted_from_it() -> None:
    text = essay(
        "Quill saw it differently. Quill writes, \u201cThe fishermen had no vote, and so they "
        "had no harbour.\u201d",
        "Ben Quill, *Salt Roads: A History of the Fishing Towns.*\n\n"
        "Ada Marrow, *The Board and the Boats.*",
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Quill"
    assert citation.attribution.work == "Salt Roads: A History of the Fishing Towns"
    assert citation.attribution.work_evidence is not None
    assert citation.attribution.work_evidence.phrase.startswith("Ben Quill")


def test_words_of_someone_cited_through_a_listed_book_come_through_that_book() -> None:
    text = essay(
        "The old harbour master put it plainly. He said that \u201cno board ever drowned, only "
        "boats\u201d (Marrow, 14).",
        "Ada Marrow, *The Board and the Boats.*\n\nBen Quill, *Salt Roads.*",
    )
    text = text.replace("The old harbour master", "Silas Penhallow, the old harbour master,")
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Silas Penhallow"
    assert citation.attribution.intermediary == "The Board and the Boats"


def test_a_front_matter_page_and_paragraph_numbers_are_read_as_such() -> None:
    bibliography = (
        "Ada Marrow, *The Board and the Boats.*\n\nBen Quill, \u201cHarbours of the North\u201d."
    )
    roman = checkable(
        essay(
            "Her preface says \u201cthis is a book about tides, not boards\u201d (Marrow, xix).",
            bibliography,
        )
    )
    paragraphs = checkable(
        essay(
            "The article calls the board \u201ca club for the merchants and their sons\u201d "
            "(Quill, par. 5, 10).",
            bibliography,
        )
    )
    assert roman[0].locator is not None and roman[0].locator.first == "xix"
    assert roman[0].attribution.work == "The Board and the Boats"
    assert paragraphs[0].locator is None, "paragraphs of a web text are not pages"
    assert paragraphs[0].attribution.work == "Harbours of the North"


def test_titles_in_a_bibliography_without_years_are_not_quotations() -> None:
    text = essay(
        "The board met twice a year.",
        "Ben Quill, \u201cWhen the board stopped listening, the fishermen stopped paying\u201d.\n\n"
        "Ada Marrow, *The Board and the Boats.*\n\n"
        "Carys Venn, \u201cNobody asked the tide what it thought of the tolls\u201d.",
    )
    assert checkable(text) == []


def test_a_link_in_quotation_marks_is_a_name_not_a_quotation() -> None:
    text = (
        "Historians of the board speak of the \u201c[Tide Compact](https://example.org/wiki/"
        "Tide_Compact)\u201d as its founding act.\n"
    )
    assert checkable(text) == []


def test_numbers_after_closing_marks_that_jump_about_are_pages() -> None:
    text = (
        "\u201cThe harbour board met in a room with no windows, which says everything.\u201d 121\n\n"
        "\u201cNobody on the board had ever been to sea, and nobody thought it mattered.\u201d 199\n"
    )
    first, second = checkable(text)
    assert first.locator is not None and first.locator.first == "121"
    assert second.locator is not None and second.locator.first == "199"


def test_numbers_after_closing_marks_that_run_on_by_one_are_notes_not_pages() -> None:
    text = (
        "\u201cThe harbour board met in a room with no windows, which says everything.\u201d 1\n\n"
        "\u201cNobody on the board had ever been to sea, and nobody thought it mattered.\u201d 2\n"
    )
    assert [c.locator for c in checkable(text)] == [None, None]


def test_a_block_quotation_ending_with_its_reference_and_a_full_stop_takes_the_reference() -> None:
    text = essay(
        "> \u201cThe central concern of the harbour board was, quite simply, the merchants, and "
        "the fishermen were an afterthought to be managed.\u201d (Marrow, 1).\n\n"
        "Her preface goes further.\n\n"
        "> \u201cNobody on the board had ever been to sea.\u201d (Marrow, xv prologue).",
        "Marrow, Ada. \u201cThe Board and the Boats.\u201d Riverside, 2017.",
    )
    first, second = checkable(text)
    assert first.locator is not None and first.locator.first == "1"
    assert first.attribution.work == "The Board and the Boats"
    assert first.quotation.text.endswith("managed.")
    assert second.locator is not None and second.locator.first == "xv"
