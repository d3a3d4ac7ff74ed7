"""Quotation spans on real-world typography, and the work and page a document gives for them.

Every passage here is written for its test; some follow the shape of markup met in the corpus's
real documents (a Liquid pull-quote tag, an encyclopedia's "Retrieved ..." reference lines), with
words of the test's own.
"""

from __future__ import annotations

from pathlib import Path

from citecheck.extract import extract_citations, extract_file
from citecheck.model import Citation, DocumentFormat, QuotationKind


def checkable(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list[Citation]:
    return list(extract_citations(text, format=fmt).checkable)


def words(citation: Citation) -> str:
    return " ".join(segment.text for segment in citation.quotation.segments)


# ---------------------------------------------------------------------------------------------
# Spans


def test_a_right_hand_mark_before_a_word_opens_a_quotation() -> None:
    text = "The reviewer called the novel \u201dan orchard of small cruelties, tended with care,\u201d and moved on.\n"
    [citation] = checkable(text)
    assert words(citation) == "an orchard of small cruelties, tended with care,"


def test_a_text_printing_the_same_mark_on_both_sides_still_pairs_them() -> None:
    text = "His aim in writing was to \u201d show the court how the old charters were kept\u201d and no more.\n"
    [citation] = checkable(text)
    assert words(citation) == "show the court how the old charters were kept"


def test_a_quotation_inside_another_is_reported_on_its_own() -> None:
    text = (
        "\u201cThe archive rewards patience,\u201d writes Marsh, \u201cas when the diarist calls the winter "
        "\u201cthe long starving of the valley and its dogs,\u201d and you see it.\u201d\n"
    )
    texts = [words(c) for c in checkable(text)]
    assert "the long starving of the valley and its dogs," in texts
    assert any(t.startswith("as when the diarist calls the winter") for t in texts)


def test_words_quoted_inside_a_writers_quotation_come_through_that_writer() -> None:
    text = (
        "\u201cThe archive rewards patience,\u201d writes Ada Marsh, \u201cas when Tom Reed compares the "
        "winter to \u201cthe long starving of the valley and its dogs,\u201d and you see it.\u201d\n"
    )
    inner = next(c for c in checkable(text) if words(c).startswith("the long starving"))
    assert inner.attribution.intermediary == "Ada Marsh"


def test_one_closing_mark_at_the_end_of_a_line_ends_both_quotations() -> None:
    text = (
        '"They ask us to go on," she said. "They ask us to finish what we began, and to keep a '
        'government "of the parish, by the parish, for the parish."\n'
        "The crowd was silent.\n"
    )
    texts = [words(c) for c in checkable(text)]
    assert any(
        t.startswith("They ask us to finish") and t.endswith("for the parish.") for t in texts
    )
    assert "of the parish, by the parish, for the parish." in texts


def test_single_marks_inside_double_ones_are_a_quotation_of_their_own() -> None:
    text = (
        "\"Long ago, the founder said, 'We build this house for those who come after us,' and he was "
        'right," the mayor said.\n'
    )
    texts = [words(c) for c in checkable(text)]
    assert "We build this house for those who come after us," in texts


def test_an_apostrophe_set_as_an_opening_mark_before_twas_is_no_quotation() -> None:
    text = (
        "The verses run (\u201cOur cabin stood beside the creek, / \u201cTwas there the winter found "
        "us out\u201d) and end in snow.\n"
    )
    [citation] = checkable(text)
    assert words(citation).startswith("Our cabin stood beside the creek")
    assert words(citation).endswith("found us out")


def test_a_pullquote_tag_of_a_site_generator_is_a_block_quotation() -> None:
    text = (
        "Following Ada Marsh\u2019s description that:\n"
        "{% include aside.html\n"
        '  class="pullquote"\n'
        '  text=" The poorest of the parish, the widows and the old, were the first accused. [^4]"\n'
        "  %}\n"
        "The rest of the essay follows.\n\n"
        "[^4]: Ada Marsh, The Parish Trials, p. 79.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert words(citation).endswith("were the first accused.")
    assert citation.locator is not None and citation.locator.first == "79"


def test_a_closing_mark_garbled_by_a_wrong_encoding_still_closes(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    text = "She said: \u201cWe walked to the river and back before the rain came on.\u00e2\u20ac\n"
    path.write_text(text, encoding="utf-8")
    [citation] = extract_file(path).checkable
    assert words(citation) == "We walked to the river and back before the rain came on."


def test_words_in_marks_after_translated_as_are_a_gloss_not_a_quotation() -> None:
    text = 'The valley is called Glenmor (often translated as "the great glen of the west")[3].\n'
    assert checkable(text) == []


def test_words_in_marks_repeating_a_title_printed_before_name_the_book() -> None:
    text = (
        "Ada Marsh wrote Harvest Year: The Long Winter of the Valley Towns in 2019.\n\n"
        'Q: Why did you call it "the long winter of the valley towns"?\n'
    )
    assert checkable(text) == []


# ---------------------------------------------------------------------------------------------
# Notes


def test_marks_inside_a_notes_title_do_not_split_it_into_author_and_title() -> None:
    text = (
        "She saw the accused as \u201cthe weakest of the village, the poor and the old and the odd.\u201d[^1]\n\n"
        "[^1]: Essays in Trials: The Witch \u201cShe\u201d and the Judge \u201cHe\u201d pg. 12\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker is None
    assert citation.locator is not None and citation.locator.first == "12"


def test_straight_single_marks_quote_when_they_open_before_a_word_and_close_after_one() -> None:
    text = (
        "The critic held that 'a ledger of small griefs is still a history, and a true one.'[^1] "
        "The workers' hall stood empty.\n\n"
        "[^1]: Ada Marsh, Ledgers, p. 12.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert words(citation) == "a ledger of small griefs is still a history, and a true one."
    assert citation.locator is not None and citation.locator.first == "12"


def test_a_bare_year_after_a_quotation_is_no_page() -> None:
    text = 'The charter promised "a fair hearing to every tenant of the manor" (Marsh, 1994).\n'
    [citation] = checkable(text)
    assert citation.locator is None
    assert citation.attribution.speaker == "Marsh"


def test_a_note_dated_with_a_year_gives_no_page() -> None:
    text = (
        "It aims at \u201cthe story that lies under the record of what was done\u201d [^1].\n\n"
        "[^1]: \u201cThe Record.\u201d Encyclopedia of Things, November 5, 2019.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.locator is None


def test_a_gloss_in_parentheses_gives_way_to_the_reference_after_it() -> None:
    text = (
        'The problem was "the true sense of the old words and where they came from" '
        "(**Meaning**). (Kelly, 51) It stayed a problem.\n"
    )
    [citation] = checkable(text)
    assert citation.locator is not None and citation.locator.first == "51"
    assert citation.attribution.work is None


def test_a_footnote_mark_written_with_a_space_still_links() -> None:
    text = (
        "They provoked \u201cthe fear of the neighbour into a real factor in the trials\u201d [^ 4].\n\n"
        "[^4]: On Studying the Trials p. 16\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.locator is not None and citation.locator.first == "16"


def test_an_author_year_note_takes_the_work_of_the_earlier_note_by_that_author_and_year() -> None:
    text = (
        "Marsh sets out her plan.[^1] Marsh continues, \u201cThe mill has made the village into a "
        "street of tenants of one master.\u201d[^2]\n\n"
        "[^1]: Ada Marsh and Tom Reed. _The Mill Villages_. (Leeds Press, 2014).\n"
        "[^2]: Marsh Reed 2014, 16.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.work == "The Mill Villages"
    assert citation.locator is not None and citation.locator.first == "16"


def test_the_speakers_own_work_in_the_note_outranks_a_title_in_the_lead_in() -> None:
    text = (
        "The navigator Ada Marsh named the cape *Cape Storm*. She wrote, \u201cit may be that this "
        "coast runs on to the cape, but we could not tell\u201d,[1] and sailed on.\n\n"
        "References\n\n"
        '1. ^ Marsh, Ada. "Journal of a Voyage to the Southern Capes". Retrieved 2 May 2018.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Journal of a Voyage to the Southern Capes"


def test_a_note_titled_with_the_speakers_name_gives_the_work_not_an_intermediary() -> None:
    text = (
        'The mayor, Ada Marsh, declared, "Where the river goes, the town goes with it."[1]\n\n'
        "References\n\n"
        '1. ^ "Ada Marsh". Town Archive. July 2010. Retrieved 29 January 2011.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Ada Marsh"
    assert citation.attribution.intermediary is None


def test_encyclopedia_back_link_letters_are_not_the_notes_author() -> None:
    text = (
        "According to the Guild's charter,[1] which sets out its aims, \"The Guild brings makers "
        'together to teach and to learn from one another".\n\n'
        "References\n\n"
        '1. ^ *a* *b* *"Guild Charter". Guild.org. Retrieved 2012-03-21.*\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Guild Charter"


def test_a_note_mark_on_the_source_before_a_block_quotation_cites_it() -> None:
    text = (
        "According to the Guild:[2]\n\n"
        "> The Guild pledges to support the charter in all its work, and to teach.\n\n"
        "References\n\n"
        '2. ^ "The Guild Charter". Retrieved 24 July 2015.\n'
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.work == "The Guild Charter"


def test_a_note_mark_on_another_word_of_the_lead_in_does_not_cite_the_quotation() -> None:
    text = (
        "Ada Marsh, a trained medievalist[^1], held that 'the chronicle is a story told to the "
        "living, and for them.'\n\n"
        "[^1]: Reed, Tom. _Ada Marsh_. (London, 2011), 10.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.locator is None


def test_a_work_the_document_gives_to_the_speaker_is_the_work_of_a_reference_naming_it() -> None:
    text = (
        "In Marsh's The Mill, the argument is plain. Marsh explains that \u201cthe village is fickle "
        "and easily led, but hard to keep led\u201d (The Mill). We see this still.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "The Mill"
    assert citation.attribution.intermediary is None


def test_a_year_alone_in_parentheses_after_a_quotation_is_the_works_year_not_a_page() -> None:
    text = 'Marsh called the mills "a street of tenants of one master, and no more" (1957).\n'
    [citation] = checkable(text)
    assert citation.locator is None
    assert citation.attribution.work_year == 1957


def test_a_few_words_broken_off_for_the_attribution_after_them_are_a_quotation() -> None:
    text = 'Criticism came at once \u2013 "@CityBus stop this now," one reply began \u2013 and fares fell.\n'
    [citation] = checkable(text)
    assert words(citation) == "@CityBus stop this now,"


def test_a_few_words_in_marks_without_an_attribution_stay_a_phrase() -> None:
    text = 'The mayor promised "a fair deal," and the council voted for it.\n'
    assert checkable(text) == []


def test_a_biography_titled_with_the_speakers_name_stays_the_intermediary() -> None:
    text = (
        'Ada Marsh said, "We will keep the mill open through the winter."[1]\n\n'
        "References\n\n"
        "1. ^ Reed, Tom (1995). Marsh. p. 212.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.work is None
    assert citation.attribution.intermediary == "Marsh"


def test_a_work_named_by_the_subject_in_the_sentence_before_is_the_work_of_his_words() -> None:
    text = (
        "Reed broke with Marsh soon after. In an article entitled \u2018Mills or Markets\u2019 he "
        "accused Marsh of greed. He is \u2018ready to sell the valley field by field to whoever "
        "pays the most for it.\u2019\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Mills or Markets"


def test_a_title_in_the_sentence_before_is_not_the_work_without_a_subject_going_on() -> None:
    text = (
        "Reed wrote an article entitled \u2018Mills or Markets\u2019 in 1904. The mayor replied, "
        "\u2018we will sell nothing of the valley to anyone, field or mill.\u2019\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.work is None


def test_a_block_quotation_interrupted_by_its_attribution_is_two_quotations() -> None:
    text = (
        "She weighed the offer for a year.\n\n"
        "> \u201cI have a restless nature which wants the sea,\u201d she noted, \u201cand that "
        "would not find it in a harbour board.\u201d\n\n"
        "So she refused him.\n"
    )
    first, second = [c for c in extract_citations(text, format=DocumentFormat.MARKDOWN).checkable]
    assert first.quotation.text == "I have a restless nature which wants the sea,"
    assert second.quotation.text.startswith("and that would not find it")


def test_a_text_with_one_paragraph_per_line_and_no_blank_lines_breaks_at_each_line() -> None:
    from citecheck.extract.layout import analyse_layout

    lines = [
        "Book of the week: Salt Roads by Ada Marrow",
        "Thirty years on, Marrow writes the history of the harbour board that its members never "
        "wanted written, and she writes it with a patience that the board itself never showed.",
        "It is \u201cthe finest history of a harbour ever written,\u201d said Ben Quill in The "
        "Coastal Review, who admired most its chapter on the great storm and its aftermath.",
    ]
    assert len(analyse_layout("\n".join(lines) + "\n").paragraphs) == 3
    hard_wrapped = "The board met twice a year\nand never in winter.\n\nIt kept no minutes.\n"
    assert len(analyse_layout(hard_wrapped).paragraphs) == 2


def test_a_site_generators_blockquote_tag_is_a_block_quotation_of_the_author_and_work_it_names() -> (
    None
):
    text = (
        "{% blockquote Ada Marrow, The Board and the Boats (1890) %}\n"
        "\u201cNobody on the board had been to sea,\u201d said the clerk. \u201cNobody needed "
        "to.\u201d\n{% endblockquote %}\n\n"
        "The name of this blog comes from that passage.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.quotation.text.startswith("Nobody on the board")
    assert citation.attribution.speaker == "Ada Marrow"
    assert citation.attribution.work == "The Board and the Boats"
    assert citation.attribution.work_year == 1890
