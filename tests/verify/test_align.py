"""Locating a quotation: its segments found in order, in a long text, without a scan of it all."""

from __future__ import annotations

import random

from citecheck.model import Interpolation, Page, Quotation, QuotationKind, Segment, Span
from citecheck.verify.locate import GapKind, SourceIndex, locate, similar_words, split_quotation


def _long_book(pages: int = 60, seed: int = 7) -> list[Page]:
    rng = random.Random(seed)
    words = [
        f"{a}{b}{c}" for a in "bdgklmnprstv" for b in "aeiou" for c in ("n", "r", "s", "th", "")
    ]
    return [
        Page(" ".join(rng.choice(words) for _ in range(300)) + ".", str(number + 1))
        for number in range(pages)
    ]


def test_a_quotation_is_split_at_ellipses_and_interpolations() -> None:
    parts = split_quotation(
        Quotation("… we were [the council] tired … and hungry …", Span(0, 44), QuotationKind.INLINE)
    )
    assert parts.segments == ("we were", "tired", "and hungry")
    assert parts.gaps == (GapKind.INTERPOLATION, GapKind.ELLIPSIS)
    assert parts.interpolations == ("the council", "")
    assert parts.leading_ellipsis and parts.trailing_ellipsis


def test_the_segments_extraction_found_are_used_with_their_gaps() -> None:
    text = "we were [the council] tired"
    quotation = Quotation(
        text,
        Span(10, 10 + len(text)),
        QuotationKind.INLINE,
        segments=(Segment("we were", Span(10, 17)), Segment("tired", Span(32, 37))),
        interpolations=(Interpolation("the council", Span(18, 31)),),
    )
    parts = split_quotation(quotation)
    assert parts.segments == ("we were", "tired")
    assert parts.gaps == (GapKind.INTERPOLATION,)


def test_a_sentence_period_before_an_ellipsis_stays_with_the_sentence() -> None:
    parts = split_quotation(Quotation("It ended. ... Then", Span(0, 18), QuotationKind.INLINE))
    assert parts.segments == ("It ended.", "Then")


def test_a_passage_deep_in_a_long_text_is_found_on_its_page() -> None:
    pages = _long_book()
    passage = " ".join(pages[41].text.split()[100:140])
    alignment = locate(passage, pages)
    assert alignment is not None
    (match,) = alignment.found
    assert alignment.source.printed_at(match.start) == "42"
    assert match.score == 1.0


def test_a_passage_with_ocr_noise_in_every_fifth_word_is_still_found() -> None:
    pages = _long_book()
    words = pages[20].text.split()[50:90]
    noisy = [w[:-1] + "x" if i % 5 == 0 and len(w) > 3 else w for i, w in enumerate(words)]
    alignment = locate(" ".join(words), [*pages[:20], Page(" ".join(noisy), "21"), *pages[21:]])
    assert alignment is not None
    assert alignment.source.printed_at(alignment.found[0].start) == "21"


def test_a_short_segment_after_an_ellipsis_is_sought_right_after_the_one_before() -> None:
    pages = [
        Page(
            "and so it was. " * 20
            + "The mill burned down, and so it was rebuilt. "
            + "and so it was. " * 20,
            "1",
        )
    ]
    alignment = locate("The mill burned down ... and so it was", pages)
    assert alignment is not None
    first, second = alignment.found
    assert 0 <= second.first_word - first.last_word <= 1


def test_words_not_in_the_text_at_all_are_not_located() -> None:
    assert locate("Zebra quokka xylophone marmalade", _long_book(pages=5)) is None


def test_the_index_of_the_same_pages_is_built_once() -> None:
    pages = tuple(_long_book(pages=3))
    assert SourceIndex.of(pages) is SourceIndex.of(list(pages))


def test_spelling_and_ocr_variants_are_similar_words_but_grammar_and_negation_are_not() -> None:
    assert similar_words("govemment", "government")
    assert similar_words("colour", "color")
    assert not similar_words("decide", "decided")
    assert not similar_words("not", "now")
    assert not similar_words("1917", "1918")


def test_bracketed_letters_that_adjust_a_word_stay_in_the_word() -> None:
    parts = split_quotation(
        Quotation("[T]he people decide[s] it", Span(0, 25), QuotationKind.INLINE)
    )
    assert parts.segments == ("The people decides it",)
    assert parts.gaps == ()


def test_bracketed_letters_from_extraction_are_put_back_into_their_word() -> None:
    # "[T]he people [the nation] decide": extraction split at both brackets.
    quotation = Quotation(
        "[T]he people [the nation] decide",
        Span(100, 132),
        QuotationKind.INLINE,
        segments=(
            Segment("he people", Span(103, 112)),
            Segment("decide", Span(126, 132)),
        ),
        interpolations=(
            Interpolation("T", Span(100, 103)),
            Interpolation("the nation", Span(113, 125)),
        ),
    )
    parts = split_quotation(quotation)
    assert parts.segments == ("The people", "decide")
    assert parts.gaps == (GapKind.INTERPOLATION,)
    assert parts.leading_interpolation == ""
