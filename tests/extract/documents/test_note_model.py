"""The text model the rich readers write, read by the extractor as Markdown: two cases it needed."""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import DocumentFormat, QuotationKind


def test_a_block_quotation_ending_in_a_note_mark_takes_its_reference_from_the_note() -> None:
    text = (
        "Lockhart recorded:\n\n"
        "> \u201cHe strikes me as a man who would willingly be torn to pieces for his party.\u201d[^2]\n\n"
        "The essay goes on.\n\n[^2]: Lockhart, British Agent, p. 226.\n"
    )
    [citation] = extract_citations(text, format=DocumentFormat.MARKDOWN).checkable
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.quotation.text.endswith("for his party.")
    assert citation.attribution.work == "British Agent"
    assert citation.locator is not None and citation.locator.first == "226"


def test_a_notes_publication_facts_are_not_part_of_the_title() -> None:
    text = (
        "Grey writes that \u201cthe redistribution of industry led to a second coal and steel "
        "industry\u201d.[^1]\n\n[^1]: Ian Grey, *Stalin: Man of History* (London: Weidenfeld, 1979), p. 253.\n"
    )
    [citation] = extract_citations(text, format=DocumentFormat.MARKDOWN).checkable
    assert citation.attribution.work == "Stalin: Man of History"
    assert citation.locator is not None and citation.locator.first == "253"
