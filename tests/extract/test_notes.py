"""Other citation styles: footnotes and endnotes, author-date, ibid., op. cit., idem, qtd. in, cited in."""

from __future__ import annotations

from citecheck.extract import extract_citations
from citecheck.model import Citation, DocumentFormat, LocatorTarget


def checkable(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> list[Citation]:
    return list(extract_citations(text, format=fmt).checkable)


def test_markdown_footnote_gives_author_work_and_page() -> None:
    text = (
        'Magnitogorsk grew fast: "it was a city of 146,000 inhabitants eight years later".[^1]\n\n'
        "[^1]: Grey, Stalin, p. 253.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert (citation.attribution.speaker, citation.attribution.work) == ("Grey", "Stalin")
    assert citation.locator is not None and citation.locator.first == "253"


def test_plain_numbered_note_after_the_closing_mark_resolves_through_the_notes_section() -> None:
    text = (
        'Magnitogorsk grew fast: "it was a city of 146,000 inhabitants eight years later".1\n\n'
        'Trotsky had "a fully developed position on terrorism and war".[2]\n\n'
        "Notes\n\n1. Grey, Stalin, p. 253.\n2. Sayers and Kahn, The Great Conspiracy, p. 200.\n"
    )
    first, second = checkable(text)
    assert first.locator is not None and first.locator.first == "253"
    assert second.attribution.work == "The Great Conspiracy"
    assert second.locator is not None and second.locator.first == "200"


def test_quotation_marks_inside_the_notes_section_are_not_quotations_of_the_text() -> None:
    text = 'He said "the party struggle developed with increased intensity".1\n\nNotes\n\n1. Trotsky, "My Life", p. 5.\n'
    assert len(extract_citations(text).citations) == 1


def test_author_date_reference_with_colon_page() -> None:
    [citation] = checkable(
        'Industry moved east, "a second coal and steel industry in the Urals" (Grey 1979: 253).'
    )
    assert citation.attribution.speaker == "Grey"
    assert citation.attribution.work_year == 1979
    assert citation.locator is not None and citation.locator.first == "253"


def test_author_date_reference_with_comma_and_p() -> None:
    [citation] = checkable(
        'Industry moved east, "a second coal and steel industry in the Urals" (Grey 1979, p. 253).'
    )
    assert (citation.attribution.speaker, citation.attribution.work_year) == ("Grey", 1979)
    assert citation.locator is not None and citation.locator.first == "253"


def test_ibid_repeats_the_previous_work_with_its_own_page() -> None:
    text = (
        'Grey wrote that "the redistribution of industry led to growth" (Grey, Stalin - Man of History, p. 253). '
        'And "Magnitogorsk began as a collection of huts" (ibid., p. 254).'
    )
    _, second = checkable(text)
    assert second.attribution.work == "Stalin - Man of History"
    assert second.attribution.speaker == "Grey"
    assert second.locator is not None and second.locator.first == "254"


def test_op_cit_finds_the_last_work_by_that_author() -> None:
    text = (
        '"The redistribution of industry led to growth" (Grey, Stalin - Man of History, p. 253). '
        '"The Party struggle developed with intensity" (Trotsky, My Life, p. 520). '
        '"Magnitogorsk began as a collection of huts" (Grey, op. cit., p. 254).'
    )
    third = checkable(text)[2]
    assert (third.attribution.speaker, third.attribution.work) == (
        "Grey",
        "Stalin - Man of History",
    )


def test_idem_keeps_the_author_and_names_a_new_work() -> None:
    text = (
        '"The Party struggle developed with increased intensity" (Trotsky, My Life, p. 520). '
        '"The revolution betrayed its own founders at every step" (idem, The Revolution Betrayed, p. 12).'
    )
    second = checkable(text)[1]
    assert (second.attribution.speaker, second.attribution.work) == (
        "Trotsky",
        "The Revolution Betrayed",
    )


def test_qtd_in_makes_the_second_work_the_intermediary() -> None:
    [citation] = checkable(
        '"He would willingly die fighting for Russia before an audience" (Lockhart, British Agent, qtd. in Sayers and Kahn, The Great Conspiracy, p. 31).'
    )
    assert (citation.attribution.speaker, citation.attribution.work) == (
        "Lockhart",
        "British Agent",
    )
    assert citation.attribution.intermediary == "The Great Conspiracy"
    assert citation.locator_work is LocatorTarget.INTERMEDIARY


def test_cited_in_makes_the_named_work_the_intermediary() -> None:
    [citation] = checkable(
        'Davies wrote that "there were no Fifth columnists in Russia in 1941" (cited in The Great Conspiracy, p. 326).'
    )
    assert citation.attribution.intermediary == "The Great Conspiracy"
    assert citation.locator_work is LocatorTarget.INTERMEDIARY


def test_ibid_after_a_secondhand_citation_points_at_the_original_never_the_intermediary() -> None:
    text = (
        '"He would willingly die fighting for Russia before an audience" (Lockhart, British Agent, quoted in The Great Conspiracy, p. 31). '
        '"Trotsky granted him a two hour interview at Smolny" (ibid., p. 226).'
    )
    _, second = checkable(text)
    assert second.attribution.work == "British Agent"
    assert second.attribution.intermediary is None
    assert second.locator_work is LocatorTarget.WORK


def test_note_marker_at_the_end_of_the_sentence_belongs_to_the_quotation_before_it() -> None:
    text = (
        '"Magnitogorsk began as a collection of huts," Grey writes.3\n\n'
        "Notes\n\n3. Grey, Stalin - Man of History, p. 253.\n"
    )
    [citation] = checkable(text)
    assert citation.attribution.speaker == "Grey"
    assert citation.attribution.work == "Stalin - Man of History"
    assert citation.locator is not None and citation.locator.first == "253"


def test_superscript_note_marker_is_read_like_a_number() -> None:
    text = 'Grey wrote that "Magnitogorsk began as a collection of huts".\u00b2\n\nNotes\n\n2. Grey, Stalin, p. 253.\n'
    [citation] = checkable(text)
    assert citation.locator is not None and citation.locator.first == "253"


def test_a_note_by_two_authors_keeps_the_title_in_quotation_marks() -> None:
    text = (
        "The new state \u201cprovoked counter-claims in the name of every smaller nation around "
        "it.\u201d[^9]\n\n"
        "[^9]: Ada Marrow and Ben Quill, \u201c1848 in 1898: The Harbour Towns Remember,\u201d "
        "*Journal of Coastal History* 44, no. 4 (2002): 705.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.work == "1848 in 1898: The Harbour Towns Remember"
    assert citation.locator is not None and citation.locator.first == "705"


def test_a_note_mark_after_a_space_still_points_at_its_note() -> None:
    text = (
        "The revolution \u201cabolished the old tolls in favour of the merchants' own.\u201d "
        "[^3].\n\n[^3]: Ada Marrow, *The Board and the Boats* (London: Riverside, 2001), 34.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.work == "The Board and the Boats"
    assert citation.locator is not None and citation.locator.first == "34"


def test_a_page_after_the_publication_facts_is_the_page_not_a_note_number() -> None:
    text = (
        "Quill called the board \u201ca club for merchants and the sons of merchants.\u201d[^1]\n\n"
        "[^1]: Ben Quill, The Harbour Board of Louis Napoleon (Paris: Quay Books, 1852). 5.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.locator is not None
    assert (citation.locator.kind.value, citation.locator.first) == ("page", "5")


def test_an_edition_named_in_a_note_is_no_author() -> None:
    text = (
        "Quennell wrote to his brother that \u201cthe board would rather drown the town than pay for "
        "a sea wall.\u201d[^4]\n\n"
        "[^4]: Harbour edition of *Quennell's Letters*, III, p. 244.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Quennell"
    assert citation.attribution.work == "Quennell's Letters"


def test_a_newspaper_in_a_note_is_where_the_words_were_printed() -> None:
    text = (
        "Ezra Quennell, the mill's owner, expressed it plainly: \u201cIt is the interest of "
        "every gentleman to keep his tenants poor.\u201d[^7]\n\n"
        "[^7]: *The Harbour Gazette*, March 20, 1755.\n"
    )
    [citation] = checkable(text, DocumentFormat.MARKDOWN)
    assert citation.attribution.speaker == "Ezra Quennell"
    assert citation.attribution.work == "The Harbour Gazette"
    assert citation.attribution.intermediary is None
