"""What a comment says, for each kind of verdict (the text of the comment alone)."""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import (
    AttemptOutcome,
    ChangeKind,
    Citation,
    Edition,
    OmittedText,
    PageVerdict,
    Report,
    Service,
    SourceAttempt,
    Verification,
    WordChange,
    WordingVerdict,
)
from citecheck.report.docx_comments import comment_text

TEXT = 'Grey wrote that "the factories moved east ... to the Urals" (Grey, Stalin, p. 253).\n'


def citation_and_report(verification: Verification) -> tuple[Citation, Report]:
    extraction = extract_citations(TEXT, name="talk.txt")
    citation = extraction.citations[0]
    return citation, Report(
        document=extraction.document, citations=extraction.citations, verifications=(verification,)
    )


def text_of(verification: Verification) -> list[str]:
    citation, report = citation_and_report(verification)
    return comment_text(report, citation, verification)


def test_an_exact_quotation_on_its_page_says_so_in_two_sentences_and_names_the_text() -> None:
    lines = text_of(
        Verification(
            "q1",
            WordingVerdict.EXACT,
            PageVerdict.AS_CITED,
            cited_page="253",
            found_pages=("253",),
            edition=Edition(title="Stalin, man of history", year=1979),
        )
    )
    assert lines[0] == "citecheck q1: Exact: the source prints these words."
    assert "Page: as cited (p. 253)." in lines
    assert "Text checked: Stalin, man of history (1979)." in lines


def test_a_passage_found_on_another_page_gives_both_pages() -> None:
    lines = text_of(
        Verification(
            "q1",
            WordingVerdict.EXACT,
            PageVerdict.OTHER_PAGE,
            cited_page="253",
            found_pages=("318",),
        )
    )
    assert "Page: found on p. 318, not on p. 253 as cited." in lines


def test_an_omission_says_what_the_ellipsis_leaves_out() -> None:
    lines = text_of(
        Verification(
            "q1",
            WordingVerdict.OMISSION,
            PageVerdict.AS_CITED,
            cited_page="253",
            omissions=(
                OmittedText("and the mines", 3, crosses_sentence=False, crosses_paragraph=False),
            ),
        )
    )
    assert "The ellipsis leaves out 3 words: “and the mines”." in lines


def test_a_changed_word_that_bears_meaning_is_flagged() -> None:
    change = WordChange(ChangeKind.REPLACED, "never", "always", meaning_bearing=True)
    lines = text_of(
        Verification("q1", WordingVerdict.ALTERED, PageVerdict.UNKNOWN, changes=(change,))
    )
    assert (
        "Changed: the text has “never” where the source prints “always”. This changes the meaning."
        in lines
    )
    assert "Page: not established." in lines


def test_an_unverifiable_quotation_lists_each_source_tried_with_its_answer() -> None:
    attempts = (
        SourceAttempt(
            Service.INTERNET_ARCHIVE,
            "full text of stalinmanofhisto00grey",
            AttemptOutcome.TIMED_OUT,
            "after 3 tries",
        ),
        SourceAttempt(Service.GOOGLE_BOOKS, "snippets", AttemptOutcome.NOT_FOUND),
    )
    lines = text_of(
        Verification("q1", WordingVerdict.UNVERIFIABLE, PageVerdict.UNKNOWN, attempts=attempts)
    )
    assert lines[-1] == (
        "Sources consulted: internetarchive full text of stalinmanofhisto00grey (timed out: after 3 tries); "
        "googlebooks snippets (not found)."
    )


def test_a_secondhand_quotation_also_gives_the_verdict_on_the_original() -> None:
    original = Verification("q1", WordingVerdict.TRUNCATED, PageVerdict.UNKNOWN)
    lines = text_of(
        Verification(
            "q1", WordingVerdict.EXACT, PageVerdict.AS_CITED, cited_page="253", chain=(original,)
        )
    )
    assert "In the original: Truncated: the quotation cuts a sentence of the source." in lines
