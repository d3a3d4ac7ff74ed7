"""Finding quotations: marks, paragraphs, italics, nesting, ellipses, interpolations, kinds."""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import DocumentFormat, QuotationKind


def quotations(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list:
    return [c.quotation for c in extract_citations(text, format=fmt).citations]


def test_block_quotation_over_paragraphs_closes_at_the_last_one() -> None:
    text = (
        "Grey wrote:\n\n"
        '"First paragraph of the passage runs on here.\n\n'
        '"Second paragraph of the same passage.\n\n'
        '"Third and last paragraph closes it." (page 144)\n\n'
        "After the quotation the talk goes on.\n"
    )
    [quotation] = quotations(text)
    assert quotation.kind is QuotationKind.BLOCK
    assert quotation.text.startswith("First paragraph")
    assert quotation.text.endswith("closes it.")
    assert [s.text for s in quotation.segments] == [
        "First paragraph of the passage runs on here. Second paragraph of the same passage. "
        "Third and last paragraph closes it."
    ]


def test_page_break_blank_line_mid_sentence_does_not_end_the_quotation() -> None:
    text = (
        'He wrote that "the workers who were building the\n\n'
        'furnaces and rolling mills lived in huts" and went on.\n'
    )
    [quotation] = quotations(text)
    assert (
        quotation.segments[0].text
        == "the workers who were building the furnaces and rolling mills lived in huts"
    )


def test_block_quotation_whose_later_paragraphs_open_without_a_mark_runs_to_its_closing_mark() -> (
    None
):
    text = (
        "In a radio address he said:-\n\n"
        '" The farms must drive off all their cattle,\n\n'
        "and turn over their grain to the state.\n\n"
        "In occupied areas guerrilla units must be formed.\n\n"
        'The aim of this war is the defence of our country."\n\n'
        "The Germans came within 15km of Moscow.\n"
    )
    [quotation] = quotations(text)
    assert quotation.kind is QuotationKind.BLOCK
    assert quotation.text.startswith("The farms must")
    assert quotation.text.endswith("our country.")
    assert "guerrilla units" in quotation.segments[0].text


def test_quotation_in_italics_outside_the_marks_is_italic_and_keeps_its_words() -> None:
    [quotation] = quotations(
        'Stalin proclaimed that *"we have passed to a new policy of liquidation"*. Then more.'
    )
    assert quotation.italic
    assert quotation.text == "we have passed to a new policy of liquidation"


def test_quotation_in_italics_inside_the_marks_is_italic_and_keeps_its_words() -> None:
    [quotation] = quotations(
        'Stalin answered, "*There need be no doubt that the army will fulfil its task.*" Then.'
    )
    assert quotation.italic
    assert quotation.text == "There need be no doubt that the army will fulfil its task."


def test_curly_quotation_marks_pair_like_straight_ones() -> None:
    [quotation] = quotations(
        "Stalin said \u201cthe life of the workers has become better and more joyous\u201d in 1935."
    )
    assert quotation.text == "the life of the workers has become better and more joyous"


def test_apostrophes_inside_a_quotation_do_not_end_it() -> None:
    text = (
        "Grey wrote \u201cStalin's plan and the workers' party of the '20s were one\u201d (p. 4)."
    )
    [quotation] = quotations(text)
    assert quotation.text == "Stalin's plan and the workers' party of the '20s were one"


def test_nested_scare_quote_stays_inside_the_block_quotation() -> None:
    text = (
        "Grey writes:-\n\n"
        '"Immediate abolition of the hated Tsektran was the first step. Trotsky violently opposed such '
        '"liberal" policies. He was supported by Bukharin." (page 144)\n'
    )
    result = extract_citations(text)
    assert len(result.citations) == 1
    assert 'such "liberal" policies' in result.citations[0].quotation.text


def test_ellipses_of_three_or_four_dots_or_a_character_split_the_quotation_into_segments() -> None:
    text = '"One stretch of words... second stretch here.... third stretch \u2026 fourth stretch." (p. 1)'
    [quotation] = quotations(text)
    assert [s.text for s in quotation.segments] == [
        "One stretch of words",
        "second stretch here",
        "third stretch",
        "fourth stretch.",
    ]
    assert [text[e.start : e.end] for e in quotation.ellipses] == ["...", "....", "\u2026"]


def test_quotation_may_start_with_an_ellipsis() -> None:
    text = (
        'Stalin said that it "*....represents an outstanding fact of major importance.*" in 1942.'
    )
    [quotation] = quotations(text)
    assert quotation.ellipses[0].start == quotation.span.start
    assert quotation.segments[0].text == "represents an outstanding fact of major importance."


def test_bracketed_interpolation_is_recorded_and_separates_segments() -> None:
    text = 'Grey wrote: "He [Trotsky] insisted that labour must be subject to discipline." (p. 144)'
    [quotation] = quotations(text)
    assert [i.text for i in quotation.interpolations] == ["Trotsky"]
    assert [s.text for s in quotation.segments] == [
        "He",
        "insisted that labour must be subject to discipline.",
    ]


def test_title_in_quotation_marks_after_a_cue_word_is_a_title() -> None:
    text = 'My talk is entitled "The truth about Stalin". He published his article "Dizziness from Success".'
    kinds = [q.kind for q in quotations(text)]
    assert kinds == [QuotationKind.TITLE, QuotationKind.TITLE]


def test_single_words_and_short_phrases_are_scare_quotes_and_still_reported() -> None:
    text = 'He played with "left" phrases, found Mein Kampf "a worthwhile book", and the "top sergeant" rose.'
    found = quotations(text)
    assert [(q.text, q.kind) for q in found] == [
        ("left", QuotationKind.SCARE),
        ("a worthwhile book", QuotationKind.SCARE),
        ("top sergeant", QuotationKind.SCARE),
    ]


def test_sentence_quoted_in_running_text_is_inline() -> None:
    [quotation] = quotations(
        'Stalin declared that "something like a united front is being formed" then.'
    )
    assert quotation.kind is QuotationKind.INLINE


def test_unclosed_quotation_is_a_problem_with_its_line_and_the_others_are_still_reported() -> None:
    text = 'First line is fine.\nHe said "this never closes.\n\nLater she wrote "this one closes properly here" (p. 9).\n'
    result = extract_citations(text, name="talk.txt")
    assert [str(p) for p in result.problems] == [
        "talk.txt, line 2: a quotation opens here and never closes"
    ]
    assert [c.quotation.text for c in result.citations] == ["this one closes properly here"]


def test_quotation_span_points_at_its_text_in_the_document() -> None:
    text = 'Intro.\n\nGrey wrote "the redistribution of industry led to a second coal industry" (page 253).'
    [quotation] = quotations(text)
    assert text[quotation.span.start : quotation.span.end] == quotation.text


def test_markdown_block_quotation_is_a_block_and_its_locator_is_read() -> None:
    text = "Grey wrote:\n\n> The redistribution of industry led to a second coal\n> and steel industry. (page 253)\n\nThen.\n"
    result = extract_citations(text, format=DocumentFormat.MARKDOWN)
    [citation] = result.citations
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.quotation.segments[0].text == (
        "The redistribution of industry led to a second coal and steel industry."
    )
    assert citation.locator is not None and citation.locator.first == "253"


def test_html_blockquote_is_a_block_quotation() -> None:
    html = (
        "<html><body><p>Ian Grey wrote:</p><blockquote><p>The redistribution of industry led to a "
        "second coal and steel industry in the Urals.</p></blockquote><p>Then more.</p></body></html>"
    )
    result = extract_citations(html, format=DocumentFormat.HTML)
    [citation] = result.citations
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.attribution.speaker == "Ian Grey"


def test_curly_single_quotation_marks_quote_and_apostrophes_inside_do_not_end_them() -> None:
    text = "Grey wrote that \u2018Stalin\u2019s plan gave the workers\u2019 party of the \u201820s its \u201clong\u201d task\u2019 (p. 9)."
    [quotation] = quotations(text)
    assert (
        quotation.text
        == "Stalin\u2019s plan gave the workers\u2019 party of the \u201820s its \u201clong\u201d task"
    )


def test_text_without_quotation_marks_has_no_citations_and_no_problems() -> None:
    result = extract_citations("Plain prose with no quotation in it at all.\n")
    assert (result.citations, result.problems) == ((), ())


def test_marks_around_no_words_are_not_quotations() -> None:
    assert extract_citations('He typed "" and then " - " by mistake.').citations == ()


def test_every_mark_that_never_closes_is_reported_once() -> None:
    result = extract_citations('He wrote "a ' * 50)
    assert len(result.problems) == 50
    assert result.citations == ()


def test_title_case_phrase_in_italic_quotation_marks_is_a_title_without_a_cue_word() -> None:
    [quotation] = quotations('Stalin\'s *"Foundations of Leninism"* answered the opposition.')
    assert quotation.kind is QuotationKind.TITLE
