"""Helpers for the matcher's specification: citations of a passage, and pages of a source."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.model import (
    Attribution,
    Citation,
    Locator,
    LocatorKind,
    Page,
    Quotation,
    QuotationKind,
    Span,
    roman_to_int,
)

Cite = Callable[..., Citation]


def make_citation(text: str, page: str | None = None, *, last: str | None = None) -> Citation:
    quotation = Quotation(text=text, span=Span(0, len(text)), kind=QuotationKind.INLINE)
    locator = None
    if page is not None:
        locator = Locator(
            text=f"p. {page}",
            span=Span(0, 0),
            kind=LocatorKind.PAGE_RANGE if last else LocatorKind.PAGE,
            first=page,
            last=last,
            roman=not page.isdigit() and roman_to_int(page) is not None,
        )
    return Citation(
        id="q1", quotation=quotation, locator=locator, attribution=Attribution(), confidence=1.0
    )


@pytest.fixture
def cite() -> Cite:
    """``cite("quoted words", "12")``: a citation of a quotation, with its page if given."""
    return make_citation


@pytest.fixture
def book() -> list[Page]:
    """Four pages of a made-up memoir: Roman front matter, then Arabic; a sentence runs over 2-3."""
    return [
        Page(
            "PREFACE\n\nThese notes were written in the winter of the siege. "
            "I have changed nothing in them but the spelling of a few names.",
            "xi",
        ),
        Page(
            "The council met on the first day of March. Its members were tired and hungry, "
            "and none of them wished to speak first. The chairman said that the people shall "
            "decide every question of the state, but only after a long and open debate. "
            "Nobody answered him.\n\n"
            "In the spring the roads opened again. The first carts brought flour and salt "
            "from the villages in the south, and the market was full for the first time in months.",
            "1",
        ),
        Page(
            "We never learned who had sent them. The farmers would not take money; they asked "
            "for nails, cloth and lamp oil, and they went home with whatever the town could "
            "spare. By the end of the month the bakers were working again and the long lines "
            "at the doors of the bread shops were gone. The council now turned to the harder "
            "question of the water supply, which had been",
            "2",
        ),
        Page(
            "cut since the autumn. Engineers were sent to the old reservoir in the hills, and "
            "they reported that the dam was sound. Work began at once.",
            "3",
        ),
    ]
