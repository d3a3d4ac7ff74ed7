"""The example talk, "The Truth about Stalin": every quotation in it, pinned."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from citecheck.extract import extract_file
from citecheck.model import Citation, Extraction, LocatorTarget, QuotationKind

TALK = Path(__file__).resolve().parents[2] / "examples" / "truth-about-stalin.txt"
B, INL, T, S = QuotationKind.BLOCK, QuotationKind.INLINE, QuotationKind.TITLE, QuotationKind.SCARE
CASSIDY = "Replying to the Moscow correspondent of Associated press Henry C. Cassidy"

# id, line, kind, text starts with, speaker, work, intermediary, locator, claimed date, occasion
EXPECTED = [
    ("q1", 24, T, "The truth about Stalin", None, None, None, None, None, None),
    ("q2", 32, S, "The Implacable.", None, None, None, None, None, None),
    (
        "q3",
        52,
        INL,
        "we have passed from a policy",
        "Stalin",
        None,
        None,
        None,
        "December 27th 1929",
        None,
    ),
    ("q4", 52, T, "Dizziness from Success", None, None, None, None, None, None),
    ("q5", 60, T, "Stalin - Man of History", None, None, None, None, None, None),
    (
        "q6",
        62,
        B,
        "The redistribution of industry",
        "Ian Grey",
        "Stalin - Man of History",
        None,
        "page 253",
        None,
        None,
    ),
    ("q7", 86, S, "treatments", None, None, None, None, None, None),
    ("q8", 90, S, "a worthwhile book", None, None, None, None, None, None),
    ("q9", 90, S, "top sergeant", None, None, None, None, None, None),
    (
        "q10",
        100,
        B,
        "All of these trials, purges",
        "Joseph E. Davies",
        None,
        "The Great Conspiracy",
        "page 326",
        "1941",
        None,
    ),
    ("q11", 106, T, "British Agent", None, None, None, None, None, None),
    (
        "q12",
        106,
        INL,
        "dissensions between Lenin and Trotsky",
        "R.H. Bruce Lockhart",
        "British Agent",
        None,
        None,
        None,
        None,
    ),
    (
        "q13",
        108,
        B,
        "He strikes me as a man",
        "R.H. Bruce Lockhart",
        "British Agent",
        "The Great Conspiracy",
        "pg31",
        None,
        None,
    ),
    ("q14", 112, S, "left", None, None, None, None, None, None),
    ("q15", 114, T, "Stalin - Man of History", None, None, None, None, None, None),
    (
        "q16",
        116,
        B,
        "He insisted that labour",
        "Ian Grey",
        "Stalin - Man of History",
        None,
        "page 144",
        None,
        None,
    ),
    (
        "q17",
        134,
        INL,
        "During 1926 the Party struggle",
        "Trotsky",
        "My Life",
        None,
        None,
        None,
        None,
    ),
    ("q18", 134, INL, "We must restore the tactics", "Trotsky", None, None, None, "1927", None),
    ("q19", 134, INL, "Something like a united front", "Stalin", None, None, None, None, None),
    ("q20", 136, S, "backward Russia", None, None, None, None, None, None),
    ("q21", 136, S, "leftist", None, None, None, None, None, None),
    ("q22", 144, S, "own", None, None, None, None, None, None),
    (
        "q23",
        164,
        B,
        "The collective farms must drive",
        "Stalin",
        None,
        None,
        None,
        "July 3rd",
        "Radio address to the Soviet People",
    ),
    (
        "q24",
        176,
        INL,
        "....represents an outstanding fact",
        "Stalin",
        None,
        None,
        None,
        "November 13th, 1942",
        CASSIDY,
    ),
    (
        "q25",
        176,
        INL,
        "What possibility is there",
        "Henry C. Cassidy",
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "q26",
        176,
        INL,
        "There need be no doubt",
        "Stalin",
        None,
        None,
        None,
        "November 13th, 1942",
        CASSIDY,
    ),
    ("q27", 180, S, "D", None, None, None, None, None, None),
]


@pytest.fixture(scope="module")
def talk() -> Extraction:
    return extract_file(TALK)


def by_id(extraction: Extraction, citation_id: str) -> Citation:
    return next(c for c in extraction.citations if c.id == citation_id)


def test_the_talk_has_27_quotations_counted_by_kind(talk: Extraction) -> None:
    assert len(talk.citations) == len(EXPECTED) == 27
    assert Counter(c.quotation.kind for c in talk.citations) == {S: 9, INL: 8, T: 5, B: 5}


def test_the_talk_reads_without_problems(talk: Extraction) -> None:
    assert talk.problems == ()


@pytest.mark.parametrize("expected", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_every_quotation_of_the_talk_is_pinned(talk: Extraction, expected: tuple) -> None:
    cid, line, kind, start, speaker, work, intermediary, locator, date, occasion = expected
    citation = by_id(talk, cid)
    a = citation.attribution
    assert citation.line == line
    assert citation.quotation.kind is kind
    assert citation.quotation.text.startswith(start)
    assert (a.speaker, a.work, a.intermediary) == (speaker, work, intermediary)
    assert (citation.locator.text if citation.locator else None) == locator
    assert (a.claimed_date, a.occasion) == (date, occasion)


def test_grey_block_quotation_runs_across_the_page_break(talk: Extraction) -> None:
    segment = by_id(talk, "q6").quotation.segments[0].text
    assert "who were building the furnaces and rolling mills;" in segment
    assert segment.endswith("in the same brief period.")


def test_grey_three_paragraph_quotation_keeps_the_nested_liberal(talk: Extraction) -> None:
    quotation = by_id(talk, "q16").quotation
    assert 'opposed such "liberal" policies' in quotation.text
    assert quotation.text.endswith("the party Secretariat.")
    assert '"Trotsky came into direct conflict' not in quotation.segments[0].text
    assert "Trotsky came into direct conflict" in quotation.segments[0].text


def test_davies_quotation_is_split_at_its_four_dot_ellipsis(talk: Extraction) -> None:
    quotation = by_id(talk, "q10").quotation
    first, second = quotation.segments
    assert first.text.endswith("the Stalin government to protect itself")
    assert second.text == "There were no Fifth columnists in Russia in 1941."
    assert len(quotation.ellipses) == 1


def test_secondhand_pages_belong_to_the_great_conspiracy(talk: Extraction) -> None:
    assert by_id(talk, "q10").locator_work is LocatorTarget.INTERMEDIARY
    assert by_id(talk, "q13").locator_work is LocatorTarget.INTERMEDIARY
    assert by_id(talk, "q6").locator_work is LocatorTarget.WORK


def test_radio_address_runs_over_five_paragraphs_to_its_one_closing_mark(talk: Extraction) -> None:
    quotation = by_id(talk, "q23").quotation
    assert quotation.text.endswith("groaning under the yoke of German fascism.")
    assert "drive off all their cattle, and turn over their grain" in quotation.segments[0].text


def test_cassidy_reply_starts_with_an_ellipsis_and_is_in_italics(talk: Extraction) -> None:
    quotation = by_id(talk, "q24").quotation
    assert quotation.italic
    assert quotation.ellipses[0].start == quotation.span.start
    assert quotation.segments[0].text.startswith("represents an outstanding fact")


def test_every_attributed_claim_of_the_talk_has_evidence_in_the_text(talk: Extraction) -> None:
    text = talk.document.text
    for citation in talk.checkable:
        a = citation.attribution
        for value, evidence in (
            (a.speaker, a.speaker_evidence),
            (a.work, a.work_evidence),
            (a.intermediary, a.intermediary_evidence),
            (a.claimed_date, a.date_evidence),
        ):
            if value is not None:
                assert evidence is not None, citation.id
                assert text[evidence.span.start : evidence.span.end] == evidence.phrase
        assert 0.0 < citation.confidence <= 1.0
