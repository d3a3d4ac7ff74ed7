"""Attribution on documents of other kinds: notes and reference lists, speakers before or after the
quotation, intermediaries, unclosed marks, non-quotations, author-date and author-page citations.

Every passage here is written for its test; none is taken from a real document.
"""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import Citation, DocumentFormat, LocatorTarget, QuotationKind


def checkable(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list[Citation]:
    return list(extract_citations(text, format=fmt).checkable)


# ---------------------------------------------------------------------------------------------
# Notes and reference lists


def test_bare_note_number_after_the_closing_mark_links_to_the_endnote() -> None:
    text = (
        "The speech ended on a hope: \u201cI still have a dream that one day this nation will rise.\u201d 3\n\n"
        "Notes\n\n"
        "3. Martin Luther King, A Testament of Hope (New York, 1986), 219.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Martin Luther King"
    assert citation.attribution.work == "A Testament of Hope"
    assert citation.locator is not None and citation.locator.first == "219"


def test_bracketed_number_links_to_a_numbered_reference_list() -> None:
    text = (
        'The historian called the treaty "a peace to end all peace, signed in haste and regretted at leisure."[2]\n\n'
        "References\n\n"
        "1. ^ Keynes, John Maynard (1919). The Economic Consequences of the Peace. p. 8.\n"
        "2. ^ Fromkin, David (1989). A Peace to End All Peace. p. 565.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "David Fromkin"
    assert citation.attribution.work == "A Peace to End All Peace"
    assert citation.attribution.work_year == 1989
    assert citation.locator is not None and citation.locator.first == "565"


def test_superscript_mark_in_html_links_to_the_ordered_list_of_notes() -> None:
    html = (
        "<html><body><p>She wrote that \u201cthe archive is never neutral, and never complete.\u201d"
        "<sup>2</sup></p><h2>Notes</h2><ol><li>Jane Doe, Paper Trails (Boston, 2001), 14.</li>"
        "<li>Mary Roe, The Silent Archive (London, 2004), 77.</li></ol></body></html>"
    )
    [citation] = checkable(html, DocumentFormat.HTML)
    assert citation.attribution.work == "The Silent Archive"
    assert citation.locator is not None and citation.locator.first == "77"


def test_markdown_footnote_with_a_name_label_links_to_its_definition() -> None:
    text = (
        "The minister was blunt: \u201cWe shall not give way on the tariff, not this year and not next.\u201d[^tariff]\n\n"
        "[^tariff]: Arthur Black, The Tariff Wars (Leeds, 1932), p. 41.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.work == "The Tariff Wars"
    assert citation.locator is not None and citation.locator.first == "41"


def test_supra_note_resolves_to_the_full_note_it_points_at() -> None:
    text = (
        'Hale argued that "the common law grows by accretion, never by decree."1 '
        'He later added that "a judge is a trustee of the past and not its owner."2\n\n'
        "Notes\n\n"
        "1. Matthew Hale, The History of the Common Law (London, 1713), 45.\n"
        "2. Hale, supra note 1, at 52.\n"
    )
    _, second = checkable(text)
    assert second.attribution.work == "The History of the Common Law"
    assert second.attribution.speaker == "Matthew Hale"
    assert second.locator is not None and second.locator.first == "52"


def test_short_title_note_resolves_to_the_full_note_of_that_work() -> None:
    text = (
        'Hale argued that "the common law grows by accretion, never by decree."1 '
        'Blackstone thought that "the law of England is a fortress that no king may storm."2 '
        'Hale also said that "a judge is a trustee of the past and not its owner."3\n\n'
        "Notes\n\n"
        "1. Matthew Hale, The History of the Common Law (London, 1713), 45.\n"
        "2. William Blackstone, Commentaries on the Laws of England (Oxford, 1765), 12.\n"
        "3. Hale, History of the Common Law, 52.\n"
    )
    third = checkable(text)[2]
    assert third.attribution.work == "The History of the Common Law"
    assert third.locator is not None and third.locator.first == "52"


def test_ibid_note_repeats_the_work_of_the_note_before() -> None:
    text = (
        'Hale argued that "the common law grows by accretion, never by decree."1 '
        'He later added that "a judge is a trustee of the past and not its owner."2\n\n'
        "Notes\n\n"
        "1. Matthew Hale, The History of the Common Law (London, 1713), 45.\n"
        "2. Ibid., 52.\n"
    )
    _, second = checkable(text)
    assert second.attribution.work == "The History of the Common Law"
    assert second.locator is not None and second.locator.first == "52"


# ---------------------------------------------------------------------------------------------
# Unclosed quotation marks


def test_unclosed_quotation_does_not_run_past_its_paragraph() -> None:
    text = (
        '"The harvest failed in every province that summer, and the towns went hungry.\n\n'
        'The next winter was worse. The governor wrote that "no grain remained in the stores at all."\n'
    )
    extraction = extract_citations(text)
    [citation] = extraction.checkable
    assert citation.quotation.text == "no grain remained in the stores at all."
    assert citation.attribution.speaker == "The governor" or citation.attribution.speaker is None
    assert len(extraction.problems) == 1


def test_unclosed_displayed_quotation_does_not_swallow_the_quotations_of_later_paragraphs() -> None:
    text = (
        "The governor wrote:\n\n"
        '"No grain remained in the stores, and the mills stood idle all winter.\n\n'
        'In March the bishop said that "the people ate the seed corn and then the bark."\n\n'
        '"We shall starve before the harvest," said Tom Avery, a farmer.\n'
    )
    extraction = extract_citations(text)
    bishop, farmer = extraction.checkable
    assert bishop.quotation.text == "the people ate the seed corn and then the bark."
    assert farmer.quotation.text == "We shall starve before the harvest,"
    assert farmer.attribution.speaker == "Tom Avery"
    assert len(extraction.problems) == 1


def test_quotation_over_paragraphs_that_each_open_with_a_mark_still_runs_on() -> None:
    text = (
        "The governor wrote:\n\n"
        '"No grain remained in the stores, and the mills stood idle all winter.\n\n'
        '"The people ate the seed corn and then the bark of the trees."\n'
    )
    [citation] = checkable(text)
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.quotation.text.endswith("bark of the trees.")


# ---------------------------------------------------------------------------------------------
# Who the speaker is (and is not)


def test_place_named_before_the_verb_is_not_the_speaker() -> None:
    [citation] = checkable(
        'In Vienna the ambassador said that "the emperor will never accept a partition of the empire."'
    )
    assert citation.attribution.speaker != "Vienna"


def test_heading_above_the_paragraph_is_not_the_speaker() -> None:
    text = (
        "Early Life\n\n"
        '"I was born poor and I meant to die rich, and I nearly managed both," the memoir begins.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker != "Early Life"


def test_words_of_a_book_title_are_not_the_speaker() -> None:
    [citation] = checkable(
        'In *Hard Times* the narrator insists, "Now, what I want is Facts, nothing but Facts."'
    )
    assert citation.attribution.speaker not in ("Hard Times", "Hard", "Times", "Now")


def test_label_before_a_colon_is_not_the_speaker() -> None:
    [citation] = checkable(
        'Source: "The river rose nine feet in a single night and carried off the bridge."'
    )
    assert citation.attribution.speaker != "Source"


def test_organisation_acting_as_author_can_be_the_speaker() -> None:
    [citation] = checkable(
        'The Royal Society declared that "the experiment was repeated before witnesses and found true."'
    )
    assert citation.attribution.speaker == "Royal Society"


def test_speaker_named_after_the_quotation_is_found() -> None:
    [citation] = checkable(
        '"We will rebuild the bridge before the spring floods come," said Margaret Hollis, the mayor.'
    )
    assert citation.attribution.speaker == "Margaret Hollis"
    assert citation.attribution.speaker_evidence is not None
    assert "said Margaret Hollis" in citation.attribution.speaker_evidence.phrase


def test_pull_quote_signed_with_a_dash_names_its_speaker() -> None:
    text = '"Every archive is a quarrel with forgetting, and every quarrel is worth having."\n\u2014 Jane Smith\n'
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Jane Smith"


def test_speaker_in_an_interview_after_the_quotation_is_found() -> None:
    text = (
        'The mill closed in March. "Nobody told us anything until the gates were locked," '
        "Tom Avery, in an interview with the local paper, recalled years later."
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Tom Avery"


def test_according_to_names_the_speaker() -> None:
    [citation] = checkable(
        'According to Helen Marsh, "the strike was lost in the newspapers before it was lost in the streets."'
    )
    assert citation.attribution.speaker == "Helen Marsh"
    assert citation.attribution.speaker_evidence is not None
    assert citation.attribution.speaker_evidence.phrase.startswith("According to")


def test_testimony_of_a_person_reads_as_that_persons_words() -> None:
    [citation] = checkable(
        'Walter Crane\u2019s testimony reads: "I saw the foreman lock the door from the outside at noon."'
    )
    assert citation.attribution.speaker == "Walter Crane"


def test_person_wrote_that_is_the_speaker() -> None:
    [citation] = checkable(
        'Years later Edith Lowe wrote that "the school was the only warm building in the village."'
    )
    assert citation.attribution.speaker == "Edith Lowe"


def test_x_quotes_y_reads_as_ys_words_through_x() -> None:
    [citation] = checkable(
        "Robert Hume quotes Anna Pike: \u201cthe mill owners never once came down to the floor.\u201d"
    )
    assert citation.attribution.speaker == "Anna Pike"
    assert citation.attribution.intermediary == "Robert Hume"


def test_as_y_put_it_quoted_by_x_reads_as_ys_words_through_x() -> None:
    [citation] = checkable(
        'As Anna Pike put it, quoted by Robert Hume, "the mill owners never once came down to the floor."'
    )
    assert citation.attribution.speaker == "Anna Pike"
    assert citation.attribution.intermediary == "Robert Hume"


def test_no_candidate_with_a_cue_means_no_speaker_rather_than_a_guess() -> None:
    [citation] = checkable(
        'London was quiet that week. "The trains ran late and the markets were half empty on Monday."'
    )
    assert citation.attribution.speaker is None


def test_a_speaker_without_a_cue_has_a_lower_confidence_than_one_with_a_cue() -> None:
    cued = checkable(
        'Harriet Vane said that "the body was found on the beach at low tide, quite cold."'
    )[0]
    bare = checkable(
        'Harriet Vane, at the inquest: "the body was found on the beach at low tide, quite cold."'
    )[0]
    assert cued.attribution.speaker == "Harriet Vane"
    assert bare.confidence < cued.confidence


# ---------------------------------------------------------------------------------------------
# Non-quotations


def test_titles_in_a_reference_list_are_not_quotations() -> None:
    text = (
        'Smith wrote that "the frontier closed long before the census said so" (Smith 1994, p. 12).\n\n'
        "Bibliography\n\n"
        'Smith, John. "The Closing of the Frontier Before the Census." Western History 12 (1994): 1-20.\n'
        'Brown, Ann. "Frontier Myths and the Men Who Made Them, Again and Again." Plains Review 3 (2001).\n'
    )
    extraction = extract_citations(text)
    assert len(extraction.citations) == 1


def test_slogan_after_the_slogan_is_not_a_checkable_quotation() -> None:
    [citation] = extract_citations(
        'The marchers carried banners with the slogan "Bread for all, and roses too, for every worker."'
    ).citations
    assert not citation.quotation.kind.is_checkable


def test_motto_after_the_principle_of_is_not_a_checkable_quotation() -> None:
    [citation] = extract_citations(
        'The cooperative was run on the principle of "from each according to ability, to each according to need."'
    ).citations
    assert not citation.quotation.kind.is_checkable


# ---------------------------------------------------------------------------------------------
# Parenthetical citations


def test_apa_parenthetical_citation_gives_author_year_and_page() -> None:
    [citation] = checkable(
        'Reform came slowly, and "the new schools were opened only where the parish paid" (Marsh, 1994, p. 12).'
    )
    assert citation.attribution.speaker == "Marsh"
    assert citation.attribution.work_year == 1994
    assert citation.locator is not None and citation.locator.first == "12"


def test_mla_parenthetical_citation_gives_author_and_page() -> None:
    [citation] = checkable(
        'Reform came slowly, and "the new schools were opened only where the parish paid" (Marsh 12).'
    )
    assert citation.attribution.speaker == "Marsh"
    assert citation.locator is not None and citation.locator.first == "12"


def test_mla_citation_after_a_signal_phrase_keeps_the_speaker_and_reads_the_page() -> None:
    [citation] = checkable(
        'As Helen Marsh observes, "the new schools were opened only where the parish paid" (12).'
    )
    assert citation.attribution.speaker == "Helen Marsh"
    assert citation.locator is not None and citation.locator.first == "12"
    assert citation.locator_work is LocatorTarget.WORK


# ---------------------------------------------------------------------------------------------
# More of the same ranking, each on its own passage


def test_agent_of_a_passive_verb_after_the_quotation_is_the_speaker() -> None:
    [citation] = checkable(
        '"The cleverest man in the cabinet, and the least trusted" is how Dalton was described '
        "by Hugh Gaitskell in his diary."
    )
    assert citation.attribution.speaker == "Hugh Gaitskell"


def test_quotation_without_a_cue_after_one_by_the_same_speaker_is_theirs() -> None:
    [first, second] = checkable(
        '"The mills will reopen in the spring, whatever the banks decide," said Margaret Hollis, '
        'the mayor of the town. "We have waited long enough for them to make up their minds."'
    )
    assert second.attribution.speaker == first.attribution.speaker == "Margaret Hollis"
    assert second.confidence < first.confidence


def test_pronoun_after_the_quotation_is_the_speaker_named_before() -> None:
    text = (
        'Margaret Hollis spoke first. "The mills will reopen in the spring, whatever happens," she said.\n\n'
        'Children in the town had not seen the looms running for years. "We have waited long enough '
        'for the banks to make up their minds," she added.\n'
    )
    _, second = checkable(text)
    assert second.attribution.speaker == "Margaret Hollis"


def test_author_and_page_with_a_comma_name_the_author() -> None:
    [citation] = checkable(
        'Reform came slowly, and "the new schools were opened only where the parish paid" (Marsh, 12).'
    )
    assert citation.attribution.speaker == "Marsh"
    assert citation.attribution.work is None
    assert citation.locator is not None and citation.locator.first == "12"


def test_person_named_in_the_text_is_the_speaker_and_the_cited_author_the_intermediary() -> None:
    [citation] = checkable(
        'Matthew Hale stated that "the common law grows by accretion, never by decree" (Marsh, 12).'
    )
    assert citation.attribution.speaker == "Matthew Hale"
    assert citation.attribution.intermediary == "Marsh"
    assert citation.locator_work is LocatorTarget.INTERMEDIARY


def test_words_before_the_name_of_a_thing_are_not_a_person() -> None:
    [citation] = checkable(
        '"The harvest was the worst in living memory," the veterans of the American Revolutionary '
        "War recalled."
    )
    assert citation.attribution.speaker is None


def test_capitalised_common_word_opening_a_sentence_is_not_a_speaker() -> None:
    [citation] = checkable(
        'Children growing up in the valley "will never know what the river was like before the dam," '
        "the report concluded."
    )
    assert citation.attribution.speaker is None


def test_title_case_phrase_without_final_punctuation_is_a_title() -> None:
    [citation] = extract_citations(
        'He sang "The Wreck of the Edmund Fitzgerald" at every wedding in the county.'
    ).citations
    assert citation.quotation.kind is QuotationKind.TITLE


def test_short_phrase_with_a_note_but_no_page_is_held_at_a_distance() -> None:
    text = (
        'Critics called the plan "a gift to landlords".[1]\n\n'
        "Notes\n\n1. Arthur Black, The Tariff Wars (Leeds, 1932).\n"
    )
    [citation] = extract_citations(text).citations
    assert citation.quotation.kind is QuotationKind.SCARE


def test_markdown_block_quotation_with_lazy_continuation_lines_is_one_block() -> None:
    text = (
        "White put it plainly:\n\n"
        "> Within professional historical studies the narrative has been viewed\n"
        "as a form of discourse which may or may not be used.\n\n"
        "That view was not new.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.quotation.text.endswith("may or may not be used.")


def test_quotation_marks_inside_site_generator_tags_are_not_quotations() -> None:
    text = (
        '{% include figure.html caption="Niccolo Machiavelli, a mediating figure in Florentine history" %}\n\n'
        'Machiavelli wrote that "men are by nature fickle, and it is easy to persuade them of something."\n'
    )
    [citation] = extract_citations(text, format=DocumentFormat.MARKDOWN).citations
    assert citation.quotation.text.startswith("men are by nature fickle")


def test_document_titled_by_a_speech_quotes_that_speech_when_the_text_says_whose_it_is() -> None:
    text = (
        "Gettysburg Address\n\n"
        "Lincoln's short address followed a two-hour oration. "
        'Lincoln began with the words "Four score and seven years ago our fathers brought forth '
        'on this continent a new nation."\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.work == "Gettysburg Address"


def test_the_author_of_a_reviewed_book_is_the_person_the_review_names_as_writing() -> None:
    text = (
        "Dallek looks back at the presidents of the last century. Dallek argues that character "
        "matters more than policy, and Dallek writes with verve. The president of the day barely "
        'appears. "Leadership is a matter of persuasion, not of command," writes the author.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Dallek"


def test_ascii_quotation_opened_by_a_backtick_closes_with_a_straight_mark() -> None:
    [citation] = checkable(
        "And I said to myself, `I just know what's gonna happen to this book when it comes out.' "
        "And it did."
    )
    assert (
        citation.quotation.text == "I just know what's gonna happen to this book when it comes out."
    )


def test_markdown_code_spans_are_not_backtick_quotations() -> None:
    text = "Run `print('hello')` and then `exit` to leave the interpreter, he wrote.\n"
    assert extract_citations(text, format=DocumentFormat.MARKDOWN).citations == ()


def test_name_before_who_is_the_subject_of_the_verb_after_it() -> None:
    [citation] = checkable(
        'I feel close to Senator Ada Marsh, who I think said, "whatever happened is over, and we go on."'
    )
    assert citation.attribution.speaker == "Ada Marsh"


def test_pronoun_refers_to_the_subject_of_the_sentence_before_not_its_object() -> None:
    [citation] = checkable(
        "The Dutch explorer Abel Tasman sighted New Zealand in 1642. He wrote, "
        '"it is possible that this land joins to the Staten Landt, but it is uncertain."'
    )
    assert citation.attribution.speaker == "Abel Tasman"


def test_verb_of_saying_in_its_ing_form_is_a_cue() -> None:
    [citation] = checkable(
        "The country declared war with Prime Minister Michael Savage proclaiming, "
        '"Where she goes, we go; where she stands, we stand."'
    )
    assert citation.attribution.speaker == "Michael Savage"


def test_first_person_in_a_transcript_is_the_speaker_of_the_turn() -> None:
    text = (
        "ANNA PIKE, host:\n\n"
        'I remember reading about the strike, and saying to myself, "this is going to be the '
        'story of the decade, whatever the papers say."\n\n'
        "TOM AVERY: It was.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Anna Pike"


def test_epigraph_signed_on_its_own_line_names_its_speaker_and_the_name_is_not_quoted() -> None:
    text = (
        "Chapter III\n\n"
        "> Hereditary bondsmen! Know ye not\n"
        "> Who would be free themselves must strike the blow?\n\n"
        "> *Byron*\n\n"
        "The most striking thing in the history of the period is the rise of one man.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Byron"
    assert citation.quotation.text.endswith("strike the blow?")


def test_subject_of_a_sentence_ending_as_follows_is_the_speaker() -> None:
    text = (
        "The Royal Society, at its meeting in May, passed a resolution which began as follows:\n\n"
        '"We hold that the experiment was repeated before witnesses and found true in every part."\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Royal Society"


def test_according_to_the_body_names_the_body() -> None:
    [citation] = checkable(
        'According to the Royal Society, "the experiment was repeated before witnesses and found true."'
    )
    assert citation.attribution.speaker == "Royal Society"


def test_a_possessive_goal_or_mission_is_the_owners_words() -> None:
    [citation] = checkable(
        'Webmaker\u2019s goal is to "help millions of people move from using the web to making the web."'
    )
    assert citation.attribution.speaker == "Webmaker"


def test_title_in_underscore_italics_before_the_quotation_is_its_work() -> None:
    [citation] = checkable(
        'In _Marxism and the National Question_, Stalin described the nation as "a historically '
        'constituted, stable community of people."'
    )
    assert citation.attribution.work == "Marxism and the National Question"


def test_her_book_stands_for_its_author_named_before_and_inflected_words_are_not_names() -> None:
    text = (
        "In Market Encounters, Bianca Murillo offers a corrective. Presented as a study of Ghana, "
        'her book deploys archival sources to explore "the complex social terrains that made '
        'consumption possible" (6).'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Bianca Murillo"


def test_sentence_naming_someone_after_a_finished_quotation_introduces_the_next() -> None:
    text = (
        'An artist, in Faulkner\u2019s view, is "completely immoral in that he will rob from anybody '
        'to get the work done." Toni Morrison would disagree. "Why should I get to steal from you? '
        'I do not want to."'
    )
    faulkner, morrison = checkable(text)
    assert faulkner.attribution.speaker == "Faulkner"
    assert morrison.attribution.speaker == "Toni Morrison"
