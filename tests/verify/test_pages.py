"""The page verdicts: where the passage is against where the document says it is."""

from __future__ import annotations

from citecheck.model import Hit, Page, PageVerdict
from citecheck.verify.judge import verify_against_hits, verify_against_pages

from .conftest import Cite

COUNCIL = "The council met on the first day of March."
ROADS = "In the spring the roads opened again."
ACROSS = "The council now turned to the harder question of the water supply, which had been cut since the autumn."


def test_a_passage_on_the_cited_page_is_as_cited(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite(COUNCIL, "1"), book)
    assert v.page is PageVerdict.AS_CITED
    assert v.found_pages == ("1",)


def test_a_passage_on_a_cited_roman_page_is_as_cited(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("These notes were written in the winter of the siege.", "xi"), book
    )
    assert v.page is PageVerdict.AS_CITED
    assert v.matches[0].printed_page == "xi"


def test_a_passage_within_a_cited_range_is_as_cited(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite(ACROSS, "1", last="3"), book)
    assert v.page is PageVerdict.AS_CITED


def test_a_passage_running_over_the_break_and_cited_by_its_first_page_is_as_cited(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite(ACROSS, "2"), book)
    assert v.page is PageVerdict.AS_CITED
    assert v.found_pages == ("2", "3")


def test_a_passage_running_over_the_break_cited_by_its_second_page_is_adjacent(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite(ACROSS, "3"), book)
    assert v.page is PageVerdict.ADJACENT
    assert any("begins on p. 2" in note for note in v.notes)


def test_a_page_off_by_one_is_adjacent(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite(COUNCIL, "2"), book)
    assert v.page is PageVerdict.ADJACENT


def test_a_passage_on_a_distant_page_is_on_another_page_which_is_named(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite("Work began at once.", "1"), book)
    assert v.page is PageVerdict.OTHER_PAGE
    assert v.found_pages == ("3",)


def test_a_cited_page_beyond_the_page_count_is_impossible(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite(COUNCIL, "412"), book, page_count=320)
    assert v.page is PageVerdict.IMPOSSIBLE
    assert v.found_pages == ("1",)
    assert any("320 pages" in note for note in v.notes)


def test_a_cited_page_label_the_edition_does_not_have_is_impossible(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite(ROADS, "9"), book)
    assert v.page is PageVerdict.IMPOSSIBLE
    assert any("no page is labelled 9" in note for note in v.notes)


def test_a_roman_page_past_the_front_matter_is_impossible(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite(ROADS, "xiv"), book)
    assert v.page is PageVerdict.IMPOSSIBLE


def test_an_impossible_page_is_reported_even_when_the_passage_is_missing(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("Words that the memoir never contains anywhere at all.", "500"), book, page_count=320
    )
    assert v.page is PageVerdict.IMPOSSIBLE


def test_pages_without_printed_numbers_leave_the_page_unknown(cite: Cite) -> None:
    pages = [Page("The council met on the first day of March.", None, leaf=7)]
    v = verify_against_pages(cite(COUNCIL, "1"), pages)
    assert v.page is PageVerdict.UNKNOWN


def test_a_citation_without_a_page_leaves_the_page_unknown_but_says_where_it_is(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite(COUNCIL), book)
    assert v.page is PageVerdict.UNKNOWN
    assert v.found_pages == ("1",)
    assert any("gives no page" in note for note in v.notes)


def test_hits_without_pages_leave_the_page_unknown(cite: Cite) -> None:
    hits = [Hit("... the council met on the first day of March. Its members ...", None)]
    v = verify_against_hits(cite(COUNCIL, "1"), hits)
    assert v.page is PageVerdict.UNKNOWN


def test_hits_with_pages_are_judged_like_pages(cite: Cite) -> None:
    hits = [Hit("The council met on the first day of March. Its members were", "14")]
    v = verify_against_hits(cite(COUNCIL, "15"), hits)
    assert v.page is PageVerdict.ADJACENT


def test_a_passage_printed_twice_is_taken_from_the_cited_page(cite: Cite) -> None:
    motto = "Bread and peace for every house in the land."
    pages = [
        Page(f"{motto} So said the poster.", "3"),
        Page("Other words entirely.", "4"),
        Page(f"The crowd read: {motto}", "9"),
    ]
    assert verify_against_pages(cite(motto, "9"), pages).found_pages == ("9",)
    assert verify_against_pages(cite(motto, "3"), pages).found_pages == ("3",)
