"""Who is quoted, on passages of the kinds where the speaker is easy to misread: interviews,
reviews, block quotations introduced a sentence earlier, speakers named far from the words.

Every passage here is written for its test; none is taken from a real document.
"""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import Citation, DocumentFormat


def checkable(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list[Citation]:
    return list(extract_citations(text, format=fmt).checkable)


def test_you_said_in_an_interviewers_question_is_the_interviewee_named_in_the_heading() -> None:
    text = (
        "Q&A with Marta Kowalczyk\n\n"
        "Marta Kowalczyk is the author of a history of the Baltic grain trade.\n\n"
        'Q: In an earlier conversation you said, "Every ledger is a diary of someone who never '
        'meant to keep one." What did you mean?\n\n'
        "A: That merchants wrote more about themselves than they knew.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Marta Kowalczyk"
    assert citation.attribution.speaker_evidence is not None
    assert citation.attribution.speaker_evidence.phrase == "you said"


def test_you_said_outside_an_interview_names_nobody() -> None:
    text = (
        'Friends, last spring you said, "We will rebuild the bridge before the floods come back," '
        "and we did.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_colon_before_a_note_mark_still_introduces_the_block_quotation() -> None:
    text = (
        "Aims\n\n"
        "According to the Harbour Trust:[12]\n\n"
        "> The Harbour Trust undertakes to keep the old quays open to the public and to publish "
        "its accounts every year without exception.\n\n"
        "Other matters follow.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Harbour Trust"


def test_a_parenthesis_after_an_inverted_subject_does_not_hide_it() -> None:
    text = (
        "When the guilds first met to draft their charter, writes Okafor (Professor of Economic "
        "History; The Weavers, 2009, etc.), they agreed that the town \u201cneeded one purse and "
        "many hands to fill it.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Okafor"


def test_a_name_far_into_the_next_clause_after_the_quotation_is_not_its_speaker() -> None:
    text = (
        'From the letters we learn that Ada Byron kept bees, Lena Ortiz "hated the sound of '
        'trains at night," the poet Ilse Brandt admired Goethe, Karl Weiss was angry when a '
        "critic asked readers to forget him, and more.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_name_right_before_the_verb_at_the_end_of_the_sentence_is_the_speaker() -> None:
    text = (
        "\u201cNobody can hold the river back for long\u201d without new levees, Haruto Sato said "
        "on Monday.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Haruto Sato"


def test_a_persons_angry_response_is_that_persons_words() -> None:
    text = (
        "The biography leaves out Nkrumah's angry response \"we did not wait a century to be "
        'told to wait another" and the crowd that heard it.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Nkrumah"


def test_the_chorus_of_a_party_is_that_partys_words() -> None:
    text = (
        "Through all the noise one demand was heard, the rising chorus of the Levellers, \u201cNo "
        "law without consent, no tax without a vote, no army without a parliament!\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Levellers"


def test_a_pronoun_before_a_verb_of_alluding_is_the_person_named_before() -> None:
    text = (
        "Critics have not always been fair to Mrs. Okonjo. Once, at a dinner in Lagos, she "
        "alluded to the debt that was \u201cdrinking the wells of the poor dry,\u201d and the papers "
        "were furious.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Okonjo"


def test_a_lead_in_naming_nobody_leans_on_the_subject_of_the_sentence_before() -> None:
    text = (
        "In the third book of The Orchard, Tomasz Lenk details his image of patience. As he "
        "puts it below,\n\n"
        "> A tree does not hurry its fruit, and a gardener who shakes the branches will only "
        "gather what was never ripe.\n\n"
        "The image stayed with his readers.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Tomasz Lenk"


def test_a_quoted_predicate_after_a_pronoun_is_the_accuser_of_the_sentence_before() -> None:
    text = (
        "Voss broke with the council in the spring. In a pamphlet he accused Brandt of vanity, "
        "his plan being only a monument to himself. He is \u2018ready to pull down every house in "
        "the street to widen the road to his own door.\u2019\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Voss"


def test_a_lead_in_that_names_someone_does_not_borrow_the_sentence_before() -> None:
    text = (
        "Marek Holub describes the winter of the siege. The bakers in the lower town were "
        'still selling "bread made of chestnut flour and sawdust" to anyone who could pay.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_work_named_in_a_bare_reference_is_the_speakers_own_when_the_text_says_so() -> None:
    text = (
        "In chapter 4 of The Lantern, Ines Poll describes the night watch. She writes: "
        '"The watchman counts the hours so that the town may forget them." (p. 51, The Lantern)\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ines Poll"
    assert citation.attribution.work == "The Lantern"
    assert citation.attribution.intermediary is None


def test_the_subject_of_a_quoted_predicate_does_not_stop_the_speaker_going_on() -> None:
    text = (
        '"The harbour is open again," Ama Boateng said in her address. Port Authority chief '
        'Tariq Mensah "has cleared every wreck from the channel and asked nothing in return."\n'
    )
    first, second = checkable(text)
    assert first.attribution.speaker == "Ama Boateng"
    assert second.attribution.speaker == "Ama Boateng"


def test_a_body_named_in_the_plural_is_not_a_person_between_two_quotations() -> None:
    text = (
        '"We will not sell the mills," Anton Riedl said.\n\n'
        "Mr. Riedl would not let the Works Committees share in the management.\n\n"
        '"Whoever owns the looms decides what they weave, and that will not change."\n'
    )
    _first, second = checkable(text)
    assert second.attribution.speaker == "Anton Riedl"


def test_a_possessive_already_taken_up_by_a_pronoun_is_the_pronouns_antecedent() -> None:
    text = (
        "The letters were gathered by Dorota Wilk. As Wilk admits, \u201cthey were never meant "
        "for print.\u201d We share the young Emil Sand\u2019s joy when he sells his first painting, "
        "and his grief (his studio was \u201ca cold room full of borrowed light,\u201d he notes) "
        "when it burns.\n"
    )
    first, second = checkable(text)
    assert first.attribution.speaker == "Dorota Wilk", "the full name the text gave just before"
    assert second.attribution.speaker == "Emil Sand"


def test_the_one_person_of_the_sentence_as_its_subject_speaks_a_quoted_fragment() -> None:
    text = (
        "In a speech of four minutes, Okoro recast the strike as a contest not of wages but of "
        '"the right to be heard before the bell rings" and sat down.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Okoro"
    assert citation.confidence < 0.5


def test_a_fragment_in_a_sentence_naming_two_people_has_no_speaker() -> None:
    text = (
        "In a speech of four minutes, Okoro and Adeyemi recast the strike as a contest of "
        '"the right to be heard before the bell rings" and sat down.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_words_in_the_first_person_are_those_of_the_one_person_the_sentence_names() -> None:
    text = (
        'Everybody knows the line "I never asked to be believed, only to be heard" and how it '
        "made Maud Gonne seem aloof.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Maud Gonne"


def test_a_capitalised_word_opening_the_sentence_is_not_its_one_person() -> None:
    text = (
        "The Council of Economic Advisers met. Economic forecasting is an uncertain art, as the "
        'prediction that this would be "the best year in a generation" showed.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


REVIEW = (
    "BOOK REVIEWS\n\n"
    "Salt and Silver: The Tide Mills of Brittany. By Yann Morvan. (Rennes: Presses de la Mer, "
    "2015. Pp. xii, 310. $40.00.)\n\n"
    "Mills have long interested historians of the coast. Presented as \u201ca history of the "
    "tides told by the people who sold them,\u201d the study follows the millers through three "
    "centuries. Like Anne Le Goff before him, the author sees the mills as \u201cengines of "
    "debt\u201d (288).\n"
)


def test_words_a_review_quotes_with_nobody_named_are_the_reviewed_books_author_s() -> None:
    first, _second = checkable(REVIEW)
    assert first.attribution.speaker == "Yann Morvan"
    assert first.attribution.work == "Salt and Silver: The Tide Mills of Brittany"
    assert first.attribution.speaker_evidence is not None
    assert "By Yann Morvan" in first.attribution.speaker_evidence.phrase
    assert first.confidence < 0.5


def test_a_review_quotation_in_a_sentence_naming_someone_else_is_not_given_to_the_author() -> None:
    _first, second = checkable(REVIEW)
    assert second.attribution.speaker is None


def test_without_a_review_heading_words_nobody_is_named_for_have_no_speaker() -> None:
    text = REVIEW.split("\n\n", 2)[2]
    first, _second = checkable(text)
    assert first.attribution.speaker is None


def test_a_block_quotation_is_introduced_by_the_paragraph_before_it_without_a_colon() -> None:
    text = (
        "Herodas thought the old tellers of tales had failed their cities. He claimed that "
        "only a history of the whole could teach anyone.\n\n"
        "> It is only by weighing every part against every other that a reader may come to "
        "see the whole and profit from it.\n\n"
        "Later writers agreed.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Herodas"


def test_an_author_already_cited_for_someones_words_stays_their_intermediary() -> None:
    text = (
        'Herodas wrote much about method. He wrote that "a history of one city is a limb cut '
        'from a body" (Varga, 155). He believed that partial histories, however learned and '
        "however carefully made, could teach nobody anything about the world that would last "
        "beyond a single generation of readers.\n\n"
        '> "It is only by weighing every part against every other that a reader may come to '
        'see the whole and profit from it." (Varga, 156)\n\n'
        "Later writers agreed.\n"
    )
    first, second = checkable(text, DocumentFormat.MARKDOWN)
    assert first.attribution.speaker == "Herodas"
    assert first.attribution.intermediary == "Varga"
    assert second.attribution.speaker == "Herodas"
    assert second.attribution.intermediary == "Varga"


def test_an_author_cited_with_no_speaker_in_the_text_is_the_speaker() -> None:
    text = (
        'Herodas wrote that "a history of one city is a limb cut from a body" (Varga, 155). '
        'Scholars disagree: "the limb was never cut, only bandaged" (Varga, 160).\n'
    )
    _first, second = checkable(text)
    assert second.attribution.speaker == "Varga"


def test_words_quoted_again_after_they_were_attributed_are_the_same_speakers() -> None:
    text = (
        "Northway Ferries announced: \u201cWe share your concern about the storm. Fares "
        "have risen so that more crews will sail tonight.\u201d\n\n"
        "Mara Quist read it twice.\n\n"
        "\u201c\u2026 Fares have risen so that more crews will sail tonight.\u201d\n\n"
        "Nothing in it speaks of the passengers.\n"
    )
    first, second = checkable(text)
    assert first.attribution.speaker is not None
    assert second.attribution.speaker == first.attribution.speaker


def test_the_sender_of_a_letter_quoting_a_poem_is_the_intermediary() -> None:
    text = (
        "In the worst winter of the war the admiral received from Governor Alvarado a short "
        "letter quoting Rosalind Vane's famous poem: \"Hold fast, old hull, the harbour lights "
        'are burning still."\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Rosalind Vane"
    assert citation.attribution.intermediary == "Alvarado"


def test_a_knight_called_by_his_given_name_is_the_knight_named_in_full_before() -> None:
    text = (
        "In March the delegates called on Sir Edmund Hale, the British envoy, and left "
        "quickly.\n\n"
        "\u201cStrange times,\u201d said Sir Edmund. \u201cA year ago my instructions forbade me even "
        "to shake their hands!\u201d\n"
    )
    last = checkable(text)[-1]
    assert last.attribution.speaker == "Edmund Hale"


def test_words_of_a_clause_with_its_own_subject_are_not_the_earlier_names() -> None:
    for text in (
        'Mayor Pell arrived late at the rally, where the banners read "No more cuts to the '
        'schools of this city".\n',
        'Governor Hart signed the bill that the farmers had called "a betrayal of every family '
        'in the valley".\n',
        'Ruth Imre found the diary in 1988, and its first line reads "I have buried my brother '
        'and my hopes today".\n',
    ):
        [citation] = checkable(text)
        assert citation.attribution.speaker is None, text


def test_a_verb_of_saying_with_nobody_named_leaves_the_words_unattributed() -> None:
    text = 'The crowd chanted "we want our jobs back now" as Premier Duval walked past the gates.\n'
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_speaker_named_with_a_title_after_one_quotation_goes_on_into_the_next() -> None:
    text = '"And so the war ends for us," said Sir Hugh Mole. "We go home with nothing in our hands."\n'
    last = checkable(text)[-1]
    assert last.attribution.speaker == "Hugh Mole"


def test_a_quoted_description_of_the_subject_after_a_copula_is_not_the_subjects_words() -> None:
    text = 'Ilse Brandt is, in one critic\'s phrase, "the most stubborn archivist in Europe".\n'
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_review_quotation_in_a_sentence_not_about_the_book_is_not_given_to_the_author() -> None:
    text = REVIEW.replace(
        "Mills have long interested historians of the coast.",
        "Every miller knew the old refrain, \u201cthe tide gives and the tide takes away.\u201d",
    )
    first = checkable(text)[0]
    assert first.quotation.text.startswith("the tide gives")
    assert first.attribution.speaker is None


def test_a_given_name_alone_is_the_person_the_text_named_in_full_just_before() -> None:
    text = (
        "Sergeant Ilse Marrow reached the pier first. Asked later how she did it, Ilse said, "
        "\u201cYou do not think about the water when somebody is in it.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ilse Marrow"


def test_a_given_name_two_people_share_stays_as_the_text_gives_it() -> None:
    text = (
        "Ilse Marrow and Ilse Penhallow reached the pier together. Later, Ilse said, "
        "\u201cYou do not think about the water when somebody is in it.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ilse"


def test_places_after_a_preposition_do_not_take_the_pronoun_from_the_speaker_before() -> None:
    text = (
        "Quill wrote that \u201cthe board was a club for merchants and their sons\u201d (Quill, "
        "12). Using cases from both Harwich and Dunmore, he traced the quarrel back a century. He "
        "also wrote in his memoir, \u201cNo board ever drowned; only boats do.\u201d\n"
    )
    _first, second = checkable(text)
    assert second.attribution.speaker == "Quill"


def test_a_name_in_a_markdown_link_is_the_subject_before_its_appositive() -> None:
    text = (
        "[Ada Marrow](https://example.org/wiki/Ada_Marrow), a historian known for her work on "
        "the harbour towns and Quill specifically, believed that \u201cthe board had outlived every reason it "
        "was ever given\u201d (Marrow, 14).\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker is not None
    assert citation.attribution.speaker.endswith("Marrow")


def test_his_famous_quote_is_the_words_of_the_man_named_before() -> None:
    text = (
        "King Harald III of Norway was a restless ruler. Nationalist poets loved him. His famous "
        "quote, \u201cA king who stays at home is no king at all,\u201d is still taught.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Harald III"


def test_a_regnal_number_belongs_to_the_name_and_a_war_is_nobody() -> None:
    text = (
        "After World War II ended, Louis XIV was remembered by Quill, who wrote that \u201cno "
        "king ever governed a harbour as badly as a board does.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Quill"


def test_said_he_after_the_quotation_is_the_man_named_before() -> None:
    text = (
        "At the dinner that famous Liberal, Mr. Bright, had a fling at the harbour board. "
        "\u201cPeople who talk about what they call a board!\u201d said he, contemptuously.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Bright"


def test_an_assessment_from_someone_gives_the_words_that_follow_to_them() -> None:
    text = (
        "Best of all is this shrewd assessment, from Ada Marrow, of those who copy the old "
        "harbour masters: they forget \u201cthat the old masters had spent thirty years on the "
        "water before anyone let them near a chart.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ada Marrow"


def test_she_goes_on_standing_for_the_woman_she_stood_for_when_nobody_else_is_named() -> None:
    filler = "The winter was long and the work was hard, and the letters grew fewer. " * 12
    text = (
        f"Ada Marrow came home in March. \u201cI shall never go to sea again,\u201d she said.\n\n"
        f"{filler}\n\n"
        f"{filler}\n\n"
        "\u201cThe thoughts I have now are the thoughts I had at six,\u201d she wrote.\n"
    )
    _first, second = checkable(text)
    assert second.attribution.speaker == "Ada Marrow"


def test_a_title_after_a_determiner_and_an_adjective_is_no_name() -> None:
    text = (
        "John Eliot, the Indian Apostle, drank water, and said of wine\u2014\u201cIt is a noble, "
        "generous liquor, but water was made before it.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "John Eliot"


def test_the_publisher_and_price_of_a_reviewed_book_are_no_reference() -> None:
    text = (
        "Quill rolls out \u201cthe finest history of a harbour board ever written.\u201d\n"
        "(Riverside, $35)\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker != "Riverside"
    assert citation.locator is None


def test_someones_observation_introduced_before_the_quotation_is_theirs() -> None:
    text = (
        "The image of Pell reading Plutarch as he shivered at Valley Forge is paradigmatic. "
        "Marrow of course was interested in ships but I think Ben Quill\u2019s observation speaks most "
        "to the point: \u201cI must study tides,\u201d he said, \u201cthat my sons may study "
        "ships.\u201d\n"
    )
    first, second = checkable(text)
    assert (first.attribution.speaker, second.attribution.speaker) == ("Ben Quill", "Ben Quill")


def test_said_someone_in_a_paper_gives_them_the_quotation_in_the_next_sentence() -> None:
    text = (
        "Marrow rarely lets us forget the board's flaws, said Ben Quill in The Coastal Review. "
        "Yet \u201cshe lays much of the blame\u201d on the merchants.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ben Quill"


def test_accused_someone_of_names_no_speaker_after_the_verb() -> None:
    text = (
        "Quennell, who broke with Marrow shortly after the Second Congress, went even further. In an "
        "article entitled \u2018Centralism or Tyranny\u2019 he accused Marrow of tyranny, his "
        "idea of a board being really that of a tyrant. He is \u2018ready with a light heart to "
        "tear away from the board one member after another.\u2019\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Quennell"


def test_a_reporting_clause_after_a_subordinate_one_still_names_the_speaker() -> None:
    text = (
        "\u201cThe board is responsible for the flooding, because it was careless with the "
        "sluices\u201d while it was in charge, Quennell said.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Quennell"


def test_a_short_whole_sentence_after_an_attributed_quotation_goes_on_quoting() -> None:
    text = (
        "\u201cThe issue has just disappeared,\u201d said Senator Ada Marrow, a coastal "
        "Democrat. \u201cThere\u2019s collective amnesia.\u201d\n"
    )
    _first, second = checkable(text)
    assert second.quotation.text.startswith("There")
    assert second.attribution.speaker == "Ada Marrow"


def test_words_best_expressed_by_someone_are_theirs() -> None:
    text = (
        "Our policy rests on the plain principle which was best expressed by Ada Marrow on the "
        "day the board first met: \u201cWe must all row together, or we shall all sink "
        "separately.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ada Marrow"
