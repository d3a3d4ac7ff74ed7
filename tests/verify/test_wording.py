"""The wording verdicts: each classification on a passage written for it."""

from __future__ import annotations

from citecheck.model import ChangeKind, Page, WordingVerdict
from citecheck.verify.judge import verify_against_pages

from .conftest import Cite

# --- exact and variant ------------------------------------------------------------------------


def test_a_quotation_with_the_sources_very_words_is_exact(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("Its members were tired and hungry, and none of them wished to speak first."), book
    )
    assert v.wording is WordingVerdict.EXACT
    assert v.changes == ()


def test_line_break_hyphenation_and_ligatures_in_the_source_still_count_as_exact(
    cite: Cite,
) -> None:
    pages = [Page("The oﬃcers of the ﬂeet met the indus-\ntrial delegates at noon.", "5")]
    v = verify_against_pages(
        cite("The officers of the fleet met the industrial delegates at noon."), pages
    )
    assert v.wording is WordingVerdict.EXACT


def test_ocr_noise_in_an_ocr_source_makes_a_variant_not_a_change(cite: Cite) -> None:
    pages = [
        Page(
            "The govemment of the provinee waa in tlie hands of a srnall comrnittee.", "5", ocr=True
        )
    ]
    v = verify_against_pages(
        cite("The government of the province was in the hands of a small committee."), pages
    )
    assert v.wording is WordingVerdict.VARIANT
    assert v.changes == ()
    assert any("spelling or OCR" in note for note in v.notes)


def test_curly_quotes_against_straight_ones_are_a_variant(cite: Cite) -> None:
    pages = [
        Page(
            "He said that the men \u201cwould not\u201d return, and the council\u2019s doors closed.",
            "5",
        )
    ]
    v = verify_against_pages(
        cite('He said that the men "would not" return, and the council\'s doors closed.'), pages
    )
    assert v.wording is WordingVerdict.VARIANT
    assert any("quote marks" in note for note in v.notes)


def test_a_hyphenated_spelling_against_a_solid_one_is_a_variant(cite: Cite) -> None:
    pages = [Page("We shall meet to-day at the station, as the letter asked.", "5")]
    v = verify_against_pages(
        cite("We shall meet today at the station, as the letter asked."), pages
    )
    assert v.wording is WordingVerdict.VARIANT


def test_different_punctuation_is_a_variant(cite: Cite) -> None:
    pages = [Page("The harvest failed; the towns went hungry. That was all.", "5")]
    v = verify_against_pages(cite("The harvest failed, the towns went hungry."), pages)
    assert v.wording is WordingVerdict.VARIANT
    assert any("punctuation" in note for note in v.notes)


# --- altered ---------------------------------------------------------------------------------


def test_a_changed_word_is_an_alteration_listing_both_words(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("Its members were weary and hungry, and none of them wished to speak first."), book
    )
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.kind, c.document_words, c.source_words) for c in v.changes] == [
        (ChangeKind.REPLACED, "weary", "tired")
    ]
    assert not v.changes[0].meaning_bearing


def test_an_added_word_is_an_alteration(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("Its members were tired and very hungry, and none of them wished to speak first."),
        book,
    )
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.kind, c.document_words) for c in v.changes] == [(ChangeKind.ADDED, "very")]


def test_a_removed_word_is_an_alteration(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(cite("the long lines at the doors of the shops were gone."), book)
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.kind, c.source_words) for c in v.changes] == [(ChangeKind.REMOVED, "bread")]


def test_dropping_a_negation_is_a_meaning_bearing_alteration(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("The farmers would take money; they asked for nails, cloth and lamp oil"), book
    )
    assert v.wording is WordingVerdict.ALTERED
    assert v.meaning_changed
    assert "negation 'not'" in v.changes[0].note


def test_adding_a_negation_is_a_meaning_bearing_alteration(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite(
            "Engineers were sent to the old reservoir in the hills, and they reported that the dam was not sound."
        ),
        book,
    )
    assert v.changes[0].kind is ChangeKind.ADDED
    assert v.changes[0].meaning_bearing
    assert "added" in v.changes[0].note


def test_shall_turned_into_may_is_a_meaning_bearing_change_of_modal(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("The chairman said that the people may decide every question of the state"), book
    )
    assert v.wording is WordingVerdict.ALTERED
    change = v.changes[0]
    assert (change.source_words, change.document_words, change.meaning_bearing) == (
        "shall",
        "may",
        True,
    )
    assert "modal verb 'shall' changed to 'may'" in change.note


def test_and_turned_into_or_is_a_meaning_bearing_change(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("they asked for nails, cloth or lamp oil, and they went home"), book
    )
    assert v.meaning_changed
    assert "'and' changed to 'or'" in v.changes[0].note


def test_a_one_letter_change_of_a_short_word_is_not_taken_for_ocr_noise(cite: Cite) -> None:
    pages = [Page("The army is now ready to march on the capital.", "5")]
    v = verify_against_pages(cite("The army is not ready to march on the capital."), pages)
    assert v.wording is WordingVerdict.ALTERED
    assert v.meaning_changed


def test_a_changed_grammatical_ending_is_an_alteration(cite: Cite) -> None:
    pages = [Page("The committee will decide the matter of the bridge in May.", "5")]
    v = verify_against_pages(
        cite("The committee will decided the matter of the bridge in May."), pages
    )
    assert v.wording is WordingVerdict.ALTERED


# --- omission ---------------------------------------------------------------------------------


def test_an_ellipsis_hiding_a_sentence_is_an_omission_giving_the_hidden_text(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite(
            "The council met on the first day of March. ... The chairman said that the people "
            "shall decide every question of the state, but only after a long and open debate."
        ),
        book,
    )
    assert v.wording is WordingVerdict.OMISSION
    (omitted,) = v.omissions
    assert (
        omitted.text == "Its members were tired and hungry, and none of them wished to speak first."
    )
    assert omitted.word_count == 14
    assert omitted.crosses_sentence
    assert not omitted.crosses_paragraph


def test_an_omission_within_a_sentence_does_not_cross_it(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("Its members were tired . . . and none of them wished to speak first."), book
    )
    (omitted,) = v.omissions
    assert omitted.text == "and hungry,"
    assert not omitted.crosses_sentence


def test_an_omission_across_a_paragraph_says_so(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite(
            "Nobody answered him. … The first carts brought flour and salt from the villages "
            "in the south, and the market was full for the first time in months."
        ),
        book,
    )
    assert v.wording is WordingVerdict.OMISSION
    assert v.omissions[0].crosses_paragraph
    assert v.omissions[0].text == "In the spring the roads opened again."


def test_an_omission_across_a_page_break_says_so(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite(
            "The first carts brought flour and salt from the villages in the south, and the market "
            "was full for the first time in months. ... The farmers would not take money; they asked "
            "for nails, cloth and lamp oil, and they went home with whatever the town could spare."
        ),
        book,
    )
    assert v.wording is WordingVerdict.OMISSION
    assert v.omissions[0].crosses_page
    assert v.omissions[0].text == "We never learned who had sent them."


def test_a_closing_ellipsis_that_hides_the_rest_of_the_sentence_is_an_omission(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("The chairman said that the people shall decide every question of the state ..."), book
    )
    assert v.wording is WordingVerdict.OMISSION
    assert v.omissions[0].text == "but only after a long and open debate."
    assert any("just before 'but'" in note for note in v.notes)


# --- truncated --------------------------------------------------------------------------------


def test_a_quotation_that_stops_inside_a_sentence_is_truncated_with_the_rest_given(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(cite("By the end of the month the bakers were working again"), book)
    assert v.wording is WordingVerdict.TRUNCATED
    assert v.truncated_after == "and the long lines at the doors of the bread shops were gone."
    assert v.truncated_before == ""


def test_a_quotation_that_starts_inside_a_sentence_is_truncated_with_the_start_given(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite(
            "the bakers were working again and the long lines at the doors of the bread shops were gone."
        ),
        book,
    )
    assert v.wording is WordingVerdict.TRUNCATED
    assert v.truncated_before == "By the end of the month"


def test_a_cut_just_before_but_is_flagged_as_bearing_on_meaning(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("The chairman said that the people shall decide every question of the state"), book
    )
    assert v.wording is WordingVerdict.TRUNCATED
    assert v.truncated_after.startswith("but only after")
    assert any("just before 'but'" in note for note in v.notes)


def test_a_truncation_running_over_a_page_gives_the_rest_from_the_next_page(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("The council now turned to the harder question of the water supply"), book
    )
    assert v.truncated_after == "which had been\ncut since the autumn."


# --- spliced ----------------------------------------------------------------------------------


def test_segments_in_reverse_order_are_spliced(cite: Cite, book: list[Page]) -> None:
    v = verify_against_pages(
        cite("Work began at once. ... The council met on the first day of March."), book
    )
    assert v.wording is WordingVerdict.SPLICED
    assert any("comes before segment 1" in note for note in v.notes)


def test_segments_far_apart_are_spliced(cite: Cite) -> None:
    filler = " ".join(f"Line {n} of the long report says little of note." for n in range(40))
    pages = [Page(f"The river rose in the night. {filler} The bridge held until dawn.", "7")]
    v = verify_against_pages(
        cite("The river rose in the night ... the bridge held until dawn."), pages
    )
    assert v.wording is WordingVerdict.SPLICED
    assert any("words after segment 1" in note for note in v.notes)


def test_an_alteration_outranks_a_splice_but_both_are_reported(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("Work began at once. ... The council met on the last day of March."), book
    )
    assert v.wording is WordingVerdict.ALTERED
    assert any("comes before segment 1" in note for note in v.notes)


# --- not found and unverifiable ---------------------------------------------------------------


def test_a_passage_that_is_not_in_the_searched_text_is_not_found(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("The generals of the northern army demanded an immediate surrender of the fortress."),
        book,
    )
    assert v.wording is WordingVerdict.NOT_FOUND
    assert v.matches == ()
    assert any("searched 4 pages" in note for note in v.notes)


def test_a_segment_missing_from_an_otherwise_found_passage_is_an_alteration(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite(
            "The council met on the first day of March. ... The generals demanded an immediate surrender of the fortress."
        ),
        book,
    )
    assert v.wording is WordingVerdict.ALTERED
    assert "segment 2 of the quotation is not in the source" in v.changes[0].note


def test_pages_without_text_make_the_passage_unverifiable_not_missing(cite: Cite) -> None:
    v = verify_against_pages(cite("Anything at all said here."), [Page("", "1"), Page("  ", "2")])
    assert v.wording is WordingVerdict.UNVERIFIABLE


def test_an_interpolation_standing_for_the_first_words_is_not_a_truncation(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite(
            "[The council] now turned to the harder question of the water supply, which had been cut since the autumn."
        ),
        book,
    )
    assert v.wording is WordingVerdict.EXACT
    assert v.truncated_before == ""
    assert "the interpolation [The council] stands for 'The council'" in v.notes


def test_an_interpolation_between_segments_may_stand_for_a_few_words(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite(
            "The farmers would not take money; they asked for [goods], and they went home with whatever the town could spare."
        ),
        book,
    )
    assert v.wording is WordingVerdict.EXACT
    assert "the interpolation [goods] stands for 'nails, cloth and lamp oil,'" in v.notes


def test_a_capital_at_the_start_of_a_quotation_is_not_a_variant(
    cite: Cite, book: list[Page]
) -> None:
    v = verify_against_pages(
        cite("Nobody answered him."), [Page("And then? nobody answered him.", "1")]
    )
    assert v.wording is not WordingVerdict.VARIANT
    assert not any("capitals" in note for note in v.notes)


def test_a_capital_inside_a_quotation_is_a_variant(cite: Cite) -> None:
    v = verify_against_pages(
        cite("He met the Council at noon."), [Page("He met the council at noon.", "1")]
    )
    assert v.wording is WordingVerdict.VARIANT
    assert any("capitals" in note for note in v.notes)
