"""Attribution rules an editor states in general: a signed letter is its signer's, a newspaper
that says something editorially speaks as its author, "X introduced me with the words", a
heading is not the work quoted under it, interview answers are the interviewee's, a review's
book is the one the review names as its author's.

Every passage here is written for its test, with invented names; some follow the shape of a
sentence met in a real document (the development documents `tests/corpus/holdout/holdout-a-*`,
and one held-out news article, whose "said Charlottesville Mayor ..." the place-before-a-title
rule was written from; the held-out figures say so).
"""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import Citation, DocumentFormat


def checkable(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list[Citation]:
    return list(extract_citations(text, format=fmt).checkable)


def test_a_quoted_letter_is_its_signers_whoever_the_sentence_before_names() -> None:
    text = (
        "Soon after the vote I wrote to the harbour board, and Mr. Pell sent me this reply:\n\n"
        "> Dear Sir: The board has read your proposal with care and will put it to the members "
        "at the spring meeting.\n>\n> Yours very truly,\n>\n> Ada Whitcombe\n\n"
        "I was glad of it.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Ada Whitcombe"
    assert citation.attribution.speaker_evidence is not None
    assert citation.attribution.speaker_evidence.phrase.startswith("Yours very truly")


def test_a_valediction_followed_by_prose_is_no_signature() -> None:
    text = (
        "The last lines of the note were plain:\n\n"
        "> We shall not meet again before the winter, and I am sorry for it. Yours, as the old "
        "song has it, is the harder road.\n\n"
        "Nobody knows who wrote it.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker is None


def test_a_newspaper_that_says_something_editorially_is_the_speaker() -> None:
    text = (
        "Mr. Tobin, the mayor, praised the new bridge at its opening.\n\n"
        "The *Riverton Ledger* said editorially: \u201cNo public work of the decade has been "
        "finished so quickly or so cheaply.\u201d\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Riverton Ledger"


def test_a_book_in_italics_before_a_verb_of_saying_is_not_the_speaker() -> None:
    text = (
        "Elsewhere *The Quiet Harbour* says: \u201cEvery town keeps one secret from its "
        "mayor.\u201d\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker != "The Quiet Harbour"


def test_the_subject_of_with_the_words_is_the_speaker() -> None:
    text = (
        "After a prayer from Bishop Lowe and an ode by Clara Finch, Judge Amara Osei welcomed "
        "us with the words, \u201cThis hall was built for arguments and it will have them.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Amara Osei"


def test_a_heading_naming_a_speech_is_not_the_work_of_words_given_to_someone_else() -> None:
    text = (
        "The Harbour Day Address\n\n"
        "The day was opened by the mayor, and after the band had played, Bishop Amos Reed "
        "said, \u201cNo town ever regretted a harbour that was built too wide.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Amos Reed"
    assert citation.attribution.work is None


def test_words_the_writer_says_they_delivered_are_not_the_speaker_before() -> None:
    text = (
        "Tobin opened the meeting with the words, \u201cWe begin late, but we begin.\u201d When I "
        "arose to speak, there was some cheering. The following is the speech which I "
        "delivered:\n\n"
        "> Friends and neighbours, the harbour is yours as much as the council's, and it will be "
        "built in the open.\n"
    )
    citations = checkable(text, DocumentFormat.MARKDOWN)
    assert citations[-1].quotation.text.startswith("Friends and neighbours")
    assert citations[-1].attribution.speaker is None


def test_a_quoted_answer_after_a_question_is_the_interviewee_named_in_the_heading() -> None:
    text = (
        "A Conversation with Ines Moreau, historian of the Loire\n\n"
        "Moreau has written six books on river trade. We spoke to her in March.\n\n"
        "What do you hope readers take from the new book?\n\n"
        "\u201cThat a river is a road, and that the people on it talked to each other more than "
        "the towns did.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ines Moreau"


def test_a_quoted_paragraph_after_a_question_outside_an_interview_names_nobody() -> None:
    text = (
        "River Trade\n\n"
        "Boats carried salt and wine up the Loire for centuries.\n\n"
        "Why did the trade end?\n\n"
        "\u201cThe railway came, and nobody waited for the wind any more.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_words_after_an_interviewers_credit_are_those_of_the_person_the_entry_names() -> None:
    text = (
        "Interviews of the Year\n\n"
        "Ana Ruiz, author of Salt Roads (Harbour Press). Interview by Tom Bell. \u201cI wanted "
        "to write the history of a road that nobody owned and everybody used.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ana Ruiz"


def test_words_a_person_writes_come_from_the_book_named_in_apposition_as_theirs() -> None:
    text = (
        "Nobody expected a gardening writer to turn to the sea. But Oduya\u2019s long love of "
        "boats fills her new book, The Salt Ledger: A Life on the Estuary. \u201cThe tide keeps "
        "better time than any clock in the house,\u201d Oduya writes.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Oduya"
    assert citation.attribution.work == "The Salt Ledger: A Life on the Estuary"


def test_a_book_named_as_someone_elses_is_not_the_speakers_work() -> None:
    text = (
        "Marsh reviewed a sea story last spring; his new book, The Salt Ledger, is the talk of "
        "the town. \u201cThe tide keeps better time than any clock,\u201d Oduya writes in a "
        "letter to the paper.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Oduya"
    assert citation.attribution.work != "The Salt Ledger"


def test_the_paper_a_speaker_edits_is_not_the_work_of_their_words() -> None:
    text = (
        "Ruth Dane, the editor of the *Harbour Clarion*, wrote to the council: \u201cThe quay "
        "must stay open to the public at every hour of the day.\u201d\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Ruth Dane"
    assert citation.attribution.work is None


def test_a_paper_named_as_where_words_were_printed_is_their_work() -> None:
    text = (
        "Ruth Dane wrote in the *Harbour Clarion*: \u201cThe quay must stay open to the public at "
        "every hour of the day.\u201d\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.work == "Harbour Clarion"


def test_according_to_after_the_quotation_names_the_speaker() -> None:
    text = (
        "\u201cThe ferry will run again by the spring,\u201d according to Lena Varga, the harbour "
        "master.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Lena Varga"


def test_a_name_after_but_following_the_quotation_is_not_its_speaker() -> None:
    text = (
        "Critics said the new ferry \u201cwill never pay for its own fuel,\u201d but Lena Varga "
        "disagreed.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_name_inside_a_relative_clause_on_the_subject_is_not_the_speaker() -> None:
    text = (
        "The survey, which Lena Varga had paid for herself, concluded that \u201cthe quay cannot "
        "be saved without money from the state.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_name_in_a_clause_before_an_unnamed_subject_of_the_verb_is_not_the_speaker() -> None:
    text = (
        "When Lena Varga reached the quay, the waiting crowd shouted, \u201cThe harbour belongs "
        "to the people of this town!\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_someone_reading_out_a_letter_is_not_the_speaker_of_its_words() -> None:
    text = (
        "At the meeting Lena Varga read the letter her brother had sent from the coast: "
        "\u201cThe quay cannot be saved without money from the state, whatever the council "
        "says.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_letter_read_out_from_a_named_writer_is_the_writers() -> None:
    text = (
        "At the meeting Lena Varga read the letter from Tomas Brenner: \u201cThe quay cannot be "
        "saved without money from the state, whatever the council says.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Tomas Brenner"


def test_the_person_a_spokesman_speaks_for_is_not_the_speaker() -> None:
    text = (
        "A spokesman for Lena Varga said, \u201cThe senator will not comment on the quay until "
        "the survey is out.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_words_go_with_the_nearest_verb_whose_subject_nobody_names() -> None:
    text = (
        "Lena Varga told me that her old teacher used to say, \u201cEvery map is a guess that "
        "someone was paid to make.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_noun_phrase_after_a_preposition_does_not_hide_the_speaker() -> None:
    text = (
        "Lena Varga of the harbour board said, \u201cEvery map is a guess that someone was paid "
        "to make.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Lena Varga"


def test_a_persons_critics_are_the_speakers_not_the_person() -> None:
    text = (
        "Lena Varga\u2019s critics replied that her survey \u201cmistakes a ledger for a "
        "life.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker is None


def test_a_noun_phrase_that_is_the_object_of_an_earlier_verb_is_no_subject() -> None:
    text = (
        "Varga dismissed the survey as careless and declared that \u201cno harbour was ever "
        "saved by counting its boats.\u201d\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Varga"


def test_the_place_or_body_before_a_title_is_not_the_speaker_the_name_after_it_is() -> None:
    text = (
        'The council voted on Monday. "We will not close the library," said Riverton Mayor '
        'Dana Okafor. "The archive is a public trust," said Halden historian Ruth Amsel.\n'
    )
    mayor, historian = checkable(text)
    assert mayor.attribution.speaker == "Dana Okafor"
    assert historian.attribution.speaker == "Ruth Amsel"


def test_two_people_after_the_verb_are_not_a_title_and_its_holder() -> None:
    text = '"The ferry will run again in May," said Okafor and Amsel in a joint statement.\n'
    [citation] = checkable(text)
    assert citation.attribution.speaker != "Amsel"


def test_she_who_speaks_is_the_person_not_the_body_named_in_her_appositive() -> None:
    text = (
        "Mara Quint, director of the Northern Alliance of Archives, welcomed the grant. "
        '"Small collections will finally be catalogued," she said.\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Mara Quint"


def test_a_blog_review_titled_review_of_a_book_by_its_author_gives_the_book() -> None:
    text = (
        '---\ntitle: Review of "Salt Roads" by Ben Quill\n---\n'
        "I just finished reading [*Salt Roads*](https://example.com/Salt-Roads-Fishing-Towns/dp/1) "
        "by Ben Quill. In the introduction he speaks of the towns he grew up in: \u201cWe had no "
        "harbour board, only a harbour, and we were happier for it.\u201d\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Ben Quill"
    assert citation.attribution.work == "Salt Roads"


def test_the_words_of_a_web_address_are_nobodys_name() -> None:
    text = (
        "I first read [the speech](https://example.com/Harriet-Quill/speeches) online, where "
        "he says, \u201cThe board never once came down to the water to see what it governed.\u201d\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker is None


def _reviewed(first_lines: str) -> tuple[str | None, str | None]:
    text = (
        f"{first_lines}\n\nThe book traces the board from its founding, and argues that "
        "\u201cno harbour was ever governed by the people who fished from it\u201d (12).\n"
    )
    [citation] = checkable(text)
    return citation.attribution.speaker, citation.attribution.work


def test_a_review_names_its_book_in_the_forms_reviews_use() -> None:
    expected = ("Ada R. Marrow", "Salt Roads: A History of the Harbour Board")
    assert (
        _reviewed(
            "Salt Roads: A History of the Harbour Board by Ada R. Marrow. Quay Press, 2015. $39.50."
        )
        == expected
    )
    assert (
        _reviewed(
            "Salt Roads: A History of the Harbour Board. Ada R. Marrow. Dover: Quay Books, 2023. "
            "352 pp., $29.95"
        )
        == expected
    )
    assert (
        _reviewed("Book of the week: Salt Roads: A History of the Harbour Board by Ada R. Marrow")
        == expected
    )


def test_an_editors_line_and_a_sentence_with_by_name_no_reviewed_book() -> None:
    assert _reviewed("Edited by Ada R. Marrow")[1] is None
    assert (
        _reviewed("\u201cA club for merchants\u201d was how it was described by Ada R. Marrow")[1]
        is None
    )


def test_a_bare_page_in_a_review_is_a_page_of_the_reviewed_book() -> None:
    text = (
        "Salt Roads: A History of the Harbour Board\n\n"
        "Ada R. Marrow. Riverside, $35 (480p) ISBN 978-0-000-00000-0\n\n"
        "The clerk kept the tide tables:\n\n"
        "> The tables were wrong by an hour every spring, and nobody on the board ever asked "
        "why. (164)\n\n"
        "The harbour master, Ben Quill, wrote:\n\n"
        "> Nobody on this board can read a tide table. (85)\n"
    )
    first, second = checkable(text, DocumentFormat.MARKDOWN)
    assert (first.attribution.speaker, first.attribution.work) == (
        "Ada R. Marrow",
        "Salt Roads: A History of the Harbour Board",
    )
    assert first.locator is not None and first.locator.first == "164"
    assert second.attribution.speaker == "Ben Quill"
    assert second.attribution.intermediary == "Salt Roads: A History of the Harbour Board"


def test_a_post_titled_with_a_book_whose_opening_names_its_author_reviews_that_book() -> None:
    text = (
        '---\nlayout: post\ntitle: "Salt Roads (Volume I)"\n---\n\n'
        "The first volume of Ada Marrow\u2019s *Salt Roads* takes the board from its founding to "
        "the great storm. Her book is a page turner: \u201cnobody on the board had ever been "
        "to sea\u201d (12).\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert (citation.attribution.speaker, citation.attribution.work) == ("Ada Marrow", "Salt Roads")


def test_consider_the_fate_of_someone_introduces_words_about_them_not_theirs() -> None:
    text = (
        "Bad maps undid both sides. Consider the fate of Captain Ezra Quennell at the harbour "
        "mouth:\n\n> Quennell lost his way in the fog and ran his ship onto the bar.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker is None
