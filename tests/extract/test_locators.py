"""Locators after a quotation: pages, ranges, "pg31", "ff.", Roman numerals, notes; works named in them."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_citations
from citecheck.extract.locators import parse_locator
from citecheck.model import Citation, LocatorKind, LocatorTarget


def cited(reference: str) -> Citation:
    text = f'Ian Grey in his book "Stalin - Man of History" wrote: "the redistribution of industry led to growth" ({reference}).'
    return extract_citations(text).checkable[0]


def test_page_after_the_quotation_is_its_locator() -> None:
    locator = cited("page 253").locator
    assert locator is not None
    assert (locator.kind, locator.first, locator.text) == (LocatorKind.PAGE, "253", "page 253")


@pytest.mark.parametrize(
    ("written", "kind", "first", "last"),
    [
        ("p. 12", LocatorKind.PAGE, "12", None),
        ("pg31", LocatorKind.PAGE, "31", None),
        ("pp. 3-5", LocatorKind.PAGE_RANGE, "3", "5"),
        ("pages 10\u201312", LocatorKind.PAGE_RANGE, "10", "12"),
    ],
)
def test_page_and_range_spellings_are_read(
    written: str, kind: LocatorKind, first: str, last: str | None
) -> None:
    locator = parse_locator(written)
    assert locator is not None
    assert (locator.kind, locator.first, locator.last) == (kind, first, last)


def test_following_pages_are_marked() -> None:
    locator = parse_locator("p. 253 ff.")
    assert locator is not None and locator.following and locator.first == "253"


def test_roman_numeral_pages_are_marked_roman_and_convert() -> None:
    locator = parse_locator("p. xii")
    assert locator is not None and locator.roman and locator.first_page_number == 12


def test_note_numbers_are_note_locators() -> None:
    locator = parse_locator("n. 4")
    assert locator is not None and locator.kind is LocatorKind.NOTE and locator.note == "4"


def test_a_parenthesis_that_is_not_a_reference_is_no_locator() -> None:
    assert cited("free health care, social insurance, factory legislation").locator is None


def test_work_named_in_the_locator_is_the_cited_work_when_no_speaker_is_named() -> None:
    text = 'It was said that "all of these trials were part of a determined effort" (The Great Conspiracy page 326).'
    citation = extract_citations(text).checkable[0]
    assert citation.attribution.work == "The Great Conspiracy"
    assert citation.locator is not None and citation.locator.first == "326"
    assert citation.locator_work is LocatorTarget.WORK


def test_locator_span_points_at_the_locator_text() -> None:
    text = 'Grey wrote: "the redistribution of industry led to growth" (page 253).'
    citation = extract_citations(text).checkable[0]
    assert citation.locator is not None
    assert text[citation.locator.span.start : citation.locator.span.end] == "page 253"
