"""Attribution: speaker, work, intermediary, date and occasion as the document claims them, with evidence."""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import Citation, LocatorTarget


def checkable(text: str) -> list[Citation]:
    return list(extract_citations(text).checkable)


def test_work_named_sentences_before_a_block_quotation_is_its_work() -> None:
    text = (
        'Industry developed fast. Ian Grey in his biography *"Stalin - Man of History"* wrote:-\n\n'
        '"Magnitogorsk began in 1931 as a collection of huts housing the workers." (page 253)\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ian Grey"
    assert citation.attribution.work == "Stalin - Man of History"
    assert citation.attribution.work_evidence is not None
    assert "his biography" in citation.attribution.work_evidence.phrase


def test_author_later_named_by_surname_alone_is_the_same_person_and_keeps_his_work() -> None:
    text = (
        'Ian Grey in his book "Stalin - Man of History" wrote: "the redistribution of industry led to growth" (page 253).\n\n'
        'Later Grey writes that "he set about imposing this discipline on the unions" (page 144).\n'
    )
    second = checkable(text)[1]
    assert second.attribution.speaker == "Ian Grey"
    assert second.attribution.work == "Stalin - Man of History"
    assert second.attribution.speaker_evidence is not None
    assert second.attribution.speaker_evidence.phrase == "Grey writes"


def test_work_named_only_by_its_title_in_italics() -> None:
    [citation] = checkable(
        'In *My Life* Trotsky writes that "During 1926 the Party struggle developed with increased intensity".'
    )
    assert (citation.attribution.speaker, citation.attribution.work) == ("Trotsky", "My Life")


def test_speech_named_by_its_occasion_and_date() -> None:
    text = (
        "On July 3rd in a Radio address to the Soviet People, Stalin gave guidance to the people:-\n\n"
        '"The collective farms must drive off all their cattle and turn over their grain."\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Stalin"
    assert citation.attribution.occasion == "Radio address to the Soviet People"
    assert citation.attribution.claimed_date == "July 3rd"


def test_article_named_by_the_newspaper_it_appeared_in() -> None:
    [citation] = checkable(
        'In an article in Pravda on March 2nd, 1930, Stalin wrote that "success breeds a spirit of conceit".'
    )
    assert citation.attribution.occasion == "article in Pravda"
    assert citation.attribution.claimed_date == "March 2nd, 1930"


def test_reply_to_a_correspondent_gives_occasion_and_date() -> None:
    text = (
        "Replying to the Moscow correspondent of Associated press Henry C. Cassidy on November 13th, 1942, "
        'Stalin said of the campaign that it "represents an outstanding fact of major importance".'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Stalin"
    assert citation.attribution.claimed_date == "November 13th, 1942"
    assert (
        citation.attribution.occasion
        == "Replying to the Moscow correspondent of Associated press Henry C. Cassidy"
    )


def test_second_answer_in_the_same_interview_keeps_its_occasion_and_the_question_is_the_correspondents() -> (
    None
):
    text = (
        "Replying to the correspondent Henry C. Cassidy on November 13th, 1942, Stalin said that it "
        '"represents an outstanding fact of major importance". In answer to the question - "What possibility '
        'is there of Soviet offensive power joining the Allies?" - Stalin answered, "There need be no doubt '
        'that the Red Army will fulfil its task".'
    )
    first, question, answer = checkable(text)
    assert question.attribution.speaker == "Henry C. Cassidy"
    assert answer.attribution.speaker == "Stalin"
    assert (
        answer.attribution.claimed_date == first.attribution.claimed_date == "November 13th, 1942"
    )


def test_date_the_document_claims_for_a_statement() -> None:
    text = (
        "In 1941, following the Nazi invasion, Joseph E. Davies, former American Ambassador to the Soviet Union wrote:-\n\n"
        '"All of these trials were part of a determined effort to protect itself." (page 326)\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Joseph E. Davies"
    assert citation.attribution.claimed_date == "1941"
    assert citation.attribution.date_evidence is not None
    assert (
        text[
            citation.attribution.date_evidence.span.start : citation.attribution.date_evidence.span.end
        ]
        == "1941"
    )


def test_book_named_in_the_locator_but_not_tied_to_the_speaker_is_the_intermediary() -> None:
    text = (
        "In 1941 Joseph E. Davies, former Ambassador, wrote:-\n\n"
        '"All of these trials were part of a determined effort to protect itself." (The Great Conspiracy page 326)\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.work is None
    assert citation.attribution.intermediary == "The Great Conspiracy"
    assert citation.locator_work is LocatorTarget.INTERMEDIARY


def test_quoted_in_makes_the_named_book_the_intermediary_and_the_page_its_page() -> None:
    text = (
        'R.H. Bruce Lockhart wrote in his memoirs "British Agent" that the Office was interested in "these '
        "dissensions from which our Government hoped much\". According to Lockhart's memoirs, that night he "
        "recorded in his diary his impressions of Trotsky:\n\n"
        '"He strikes me as a man who would willingly die fighting for Russia" (quoted in The Great Conspiracy pg31)\n'
    )
    citation = checkable(text)[1]
    assert citation.attribution.speaker == "R.H. Bruce Lockhart"
    assert citation.attribution.work == "British Agent"
    assert citation.attribution.intermediary == "The Great Conspiracy"
    assert citation.locator is not None and citation.locator.text == "pg31"
    assert citation.locator_work is LocatorTarget.INTERMEDIARY


def test_subject_is_not_the_person_named_in_a_possessive() -> None:
    [citation] = checkable(
        'Stalin denounced Trotsky\'s statements as treasonable and declared that "something like a united front is being formed".'
    )
    assert citation.attribution.speaker == "Stalin"


def test_evidence_spans_point_at_the_phrases_in_the_document() -> None:
    text = 'On December 27th 1929, Stalin proclaimed that "we have passed to a policy of liquidation of the kulaks".'
    [citation] = checkable(text)
    evidence = citation.attribution.speaker_evidence
    assert evidence is not None
    assert text[evidence.span.start : evidence.span.end] == evidence.phrase == "Stalin proclaimed"


def test_confidence_is_higher_when_speaker_work_and_page_are_all_stated() -> None:
    full = checkable(
        'Ian Grey in his book "Stalin - Man of History" wrote: "the redistribution of industry led to growth" (page 253).'
    )[0]
    bare = checkable(
        'It was "the redistribution of industry that led to such growth everywhere" in those years.'
    )[0]
    assert 0.0 <= bare.confidence < full.confidence <= 1.0


def test_titles_and_scare_quotes_carry_no_attribution() -> None:
    result = extract_citations('Grey wrote the book "Stalin - Man of History" about the "left".')
    assert all(c.attribution.speaker is None and c.confidence == 0.0 for c in result.citations)


def test_speaker_named_after_the_quotation() -> None:
    [citation] = checkable(
        '"We must restore the tactics of Clemenceau against the government," Trotsky declared in 1927.'
    )
    assert citation.attribution.speaker == "Trotsky"
    assert citation.attribution.speaker_evidence is not None
    assert citation.attribution.speaker_evidence.phrase == "Trotsky declared"


def test_speaker_named_after_the_verb_after_the_quotation() -> None:
    [citation] = checkable(
        '"The life of the workers has become better and more joyous," said Stalin at the congress.'
    )
    assert citation.attribution.speaker == "Stalin"


def test_work_named_in_an_earlier_sentence_of_the_lead_in() -> None:
    text = (
        'Ian Grey wrote a biography, "Stalin - Man of History". In it he describes the Urals:-\n\n'
        '"Magnitogorsk began in 1931 as a collection of huts housing the workers." (page 253)\n'
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Ian Grey"
    assert citation.attribution.work == "Stalin - Man of History"
