"""Evidence in the source's own characters: matches, context, and the map back from normalised text."""

from __future__ import annotations

from citecheck.model import AttemptOutcome, Page, Service, SourceAttempt, WordingVerdict
from citecheck.verify.judge import unverifiable, verify_against_pages

from .conftest import Cite


def test_the_match_quotes_the_sources_exact_characters_with_ligatures_and_hyphenation(
    cite: Cite,
) -> None:
    pages = [
        Page("Before that. The ﬁrst oﬃcers of the ﬂeet were indus-\ntrious men. After that.", "3")
    ]
    v = verify_against_pages(cite("The first officers of the fleet were industrious men."), pages)
    assert v.matches[0].source_text == "The ﬁrst oﬃcers of the ﬂeet were indus-\ntrious men"
    assert v.source_text == "The ﬁrst oﬃcers of the ﬂeet were indus-\ntrious men"
    start, end = v.matches[0].start, v.matches[0].end
    assert pages[0].text[start:end] == v.matches[0].source_text


def test_a_changed_word_is_quoted_as_the_source_prints_it(cite: Cite) -> None:
    pages = [Page("The ﬂeet sailed at dawn.", "3")]
    v = verify_against_pages(cite("The army sailed at dawn."), pages)
    assert v.changes[0].source_words == "ﬂeet"


def test_the_context_gives_a_sentence_before_and_after(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite("Nobody answered him."), book)
    assert v.context_before.endswith("but only after a long and open debate.")
    assert v.context_before.startswith("The chairman said")
    assert v.context_after == "In the spring the roads opened again."


def test_the_context_of_a_truncated_quotation_includes_the_rest_of_its_sentence(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite("Engineers were sent to the old reservoir"), book)
    assert v.context_after.startswith("in the hills, and they reported that the dam was sound.")
    assert v.context_after.endswith("Work began at once.")


def test_a_verdict_lists_the_sources_consulted(cite: Cite, book: list[Page]) -> None:
    attempt = SourceAttempt(Service.INTERNET_ARCHIVE, "full text of memoir00", AttemptOutcome.OK)
    v = verify_against_pages(cite("Work began at once."), book, attempts=[attempt])
    assert v.attempts == (attempt,)


def test_unverifiable_says_what_was_tried_and_how_it_failed(cite: Cite) -> None:
    attempts = [
        SourceAttempt(
            Service.INTERNET_ARCHIVE, "full text", AttemptOutcome.TIMED_OUT, "after 30 s"
        ),
        SourceAttempt(Service.GOOGLE_BOOKS, "snippets", AttemptOutcome.RATE_LIMITED),
    ]
    v = unverifiable(
        cite("Work began at once.", "3"), attempts, reason="no text of the edition could be reached"
    )
    assert v.wording is WordingVerdict.UNVERIFIABLE
    assert v.cited_page == "3"
    assert v.attempts == tuple(attempts)
    assert (
        v.notes[1]
        == "tried: internetarchive full text: timed_out (after 30 s); googlebooks snippets: rate_limited"
    )


def test_a_running_head_inside_a_passage_over_a_page_break_is_not_a_removed_word(
    cite: Cite,
) -> None:
    pages = [
        Page("THE LONG WINTER\nThe snow came early that year.\nThe wells froze and the", "44"),
        Page("THE LONG WINTER 45\ncattle were brought into the houses.\nNobody complained.", "45"),
        Page("46 THE LONG WINTER\nSpring was late.\nThe end.", "46"),
    ]
    v = verify_against_pages(
        cite("The wells froze and the cattle were brought into the houses."), pages
    )
    assert v.wording is WordingVerdict.EXACT
    assert v.changes == ()
    assert any("running head" in note for note in v.notes)


def test_a_first_line_too_long_for_a_running_head_is_the_authors_text_though_it_holds_the_page_number(
    cite: Cite,
) -> None:
    pages = [
        Page("THE LONG WINTER\nThe snow came early that year.\nThe wells froze and the", "44"),
        Page(
            "old cattle that had stood in the yard for 45 days were brought into the houses one by"
            " one, and the boys who had driven them down slept\nbeside them in the straw.\nNo more.",
            "45",
        ),
        Page("46 THE LONG WINTER\nSpring was late.\nThe end.", "46"),
    ]
    v = verify_against_pages(
        cite(
            "The wells froze and the cattle that had stood in the yard for 45 days were brought"
            " into the houses one by one."
        ),
        pages,
    )
    assert v.wording is WordingVerdict.ALTERED
    assert [c.source_words for c in v.changes] == ["old"]
    assert not any("running head" in note for note in v.notes)


def test_the_first_line_of_a_page_that_is_the_authors_text_still_counts_as_left_out(
    cite: Cite,
) -> None:
    pages = [
        Page("THE LONG WINTER\nThe snow came early that year.\nThe wells froze and the", "44"),
        Page("old cattle\nwere brought into the houses.\nNobody complained.", "45"),
    ]
    v = verify_against_pages(
        cite("The wells froze and the cattle were brought into the houses."), pages
    )
    assert v.wording is WordingVerdict.ALTERED
    assert v.changes[0].source_words == "old"
