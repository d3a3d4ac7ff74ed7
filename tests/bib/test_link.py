"""Tying the work a document names (title, author, occasion, date) to a bibliography entry."""

from __future__ import annotations

import pytest

from citecheck.bib import Bibliography, link_work, normalise_title, parse_bibliography
from citecheck.model import BibMatchKind

BIB = """\
@book{grey1979, author = {Grey, Ian}, title = {Stalin: Man of History}, year = 1979}
@book{lockhart1932, author = {Lockhart, R. H. Bruce}, title = {Memoirs of a British Agent},
      alttitle = {British Agent}, year = 1932}
@book{sayers1946, author = {Sayers, Michael and Kahn, Albert E.},
      title = {The Great Conspiracy: The Secret War Against Soviet Russia}, year = 1946}
@book{trotsky1930, author = {Trotsky, Leon}, title = {My Life: An Attempt at an Autobiography},
      year = 1930}
@misc{stalin1929, author = {Stalin, J. V.}, title = {Concerning Questions of Agrarian Policy},
      howpublished = {Speech}, date = {1929-12-27}}
@article{stalin1930, author = {Stalin, J. V.}, title = {Dizzy with Success}, journal = {Pravda},
      date = {1930-03-02}}
@misc{stalin1941, author = {Stalin, J. V.}, title = {Radio Broadcast of 3 July 1941},
      howpublished = {Radio broadcast}, date = {1941-07-03}}
@misc{stalin1942, author = {Stalin, J. V.}, title = {Reply to Henry C. Cassidy},
      howpublished = {Letter to the Associated Press correspondent}, date = {1942-11-13}}
"""


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return parse_bibliography(BIB, name="references.bib")


# --- titles ----------------------------------------------------------------------------------


def test_a_title_with_a_dash_for_a_colon_fits_with_the_author(bib: Bibliography) -> None:
    link = link_work(work="Stalin - Man of History", speaker="Ian Grey", bibliography=bib)

    assert (link.key, link.kind) == ("grey1979", BibMatchKind.AUTHOR_AND_TITLE)
    assert "Stalin: Man of History" in link.explanation


def test_a_title_fits_without_its_subtitle(bib: Bibliography) -> None:
    link = link_work(work="The Great Conspiracy", speaker=None, bibliography=bib)

    assert (link.key, link.kind) == ("sayers1946", BibMatchKind.TITLE)


def test_case_and_punctuation_do_not_matter(bib: Bibliography) -> None:
    link = link_work(work="MY LIFE!", speaker=None, bibliography=bib)

    assert link.key == "trotsky1930"


def test_an_alternative_title_fits_and_says_so(bib: Bibliography) -> None:
    link = link_work(work="British Agent", speaker=None, bibliography=bib)

    assert (link.key, link.kind) == ("lockhart1932", BibMatchKind.ALTERNATIVE_TITLE)
    assert "alternative title 'British Agent'" in link.explanation


def test_a_slightly_misspelt_title_still_fits_and_the_explanation_gives_how_close(
    bib: Bibliography,
) -> None:
    link = link_work(work="Stalin, Man of Histroy", speaker=None, bibliography=bib)

    assert link.key == "grey1979"
    assert "closely" in link.explanation


def test_a_title_in_quotation_marks_or_italics_markers_fits(bib: Bibliography) -> None:
    link = link_work(work="\u201c*My Life*\u201d", speaker=None, bibliography=bib)

    assert link.key == "trotsky1930"


def test_a_title_fits_even_when_the_speaker_is_someone_quoted_there(bib: Bibliography) -> None:
    link = link_work(work="The Great Conspiracy", speaker="Joseph E. Davies", bibliography=bib)

    assert (link.key, link.kind) == ("sayers1946", BibMatchKind.TITLE)
    assert "'Joseph E. Davies' is not among its authors" in link.explanation


def test_a_shorter_title_that_is_only_part_of_a_longer_one_does_not_fit(bib: Bibliography) -> None:
    link = link_work(work="Conspiracy", speaker=None, bibliography=bib)

    assert (link.key, link.kind) == (None, BibMatchKind.NONE)


def test_when_two_entries_share_a_title_the_author_chooses() -> None:
    bib = parse_bibliography(
        "@book{a, author = {Trotsky, Leon}, title = {My Life}}\n"
        "@book{b, author = {Chaplin, Charles}, title = {My Life}}\n",
        name="references.bib",
    )

    assert link_work(work="My Life", speaker="Charlie Chaplin", bibliography=bib).key == "b"


def test_when_two_entries_share_a_title_and_nothing_else_chooses_it_is_ambiguous() -> None:
    bib = parse_bibliography(
        "@book{a, author = {Trotsky, Leon}, title = {My Life}}\n"
        "@book{b, author = {Chaplin, Charles}, title = {My Life}}\n",
        name="references.bib",
    )

    link = link_work(work="My Life", speaker=None, bibliography=bib)

    assert (link.key, link.kind) == (None, BibMatchKind.NONE)
    assert "a ('My Life')" in link.explanation and "b ('My Life')" in link.explanation


# --- authors ---------------------------------------------------------------------------------


def test_the_only_entry_of_an_author_is_linked_by_surname_when_no_work_is_named(
    bib: Bibliography,
) -> None:
    link = link_work(work=None, speaker="Lockhart", bibliography=bib)

    assert (link.key, link.kind) == ("lockhart1932", BibMatchKind.AUTHOR)
    assert "names no work" in link.explanation


def test_a_speaker_with_initials_and_a_possessive_fits_by_surname(bib: Bibliography) -> None:
    link = link_work(work=None, speaker="R.H. Bruce Lockhart's", bibliography=bib)

    assert link.key == "lockhart1932"


def test_joint_authors_named_together_fit_their_entry(bib: Bibliography) -> None:
    assert link_work(work=None, speaker="Sayers and Kahn", bibliography=bib).key == "sayers1946"


def test_an_author_of_several_entries_without_any_clue_is_ambiguous_and_lists_them(
    bib: Bibliography,
) -> None:
    link = link_work(work=None, speaker="Stalin", bibliography=bib)

    assert (link.key, link.kind) == (None, BibMatchKind.NONE)
    assert link.explanation.startswith("ambiguous: author 'Stalin' fits 4 entries")
    assert "stalin1941" in link.explanation


def test_the_words_of_a_loosely_given_title_choose_among_an_authors_entries(
    bib: Bibliography,
) -> None:
    link = link_work(work="Dizziness from Success", speaker="Stalin", bibliography=bib)

    assert (link.key, link.kind) == ("stalin1930", BibMatchKind.AUTHOR)
    assert "'dizziness', 'success'" in link.explanation


def test_the_words_of_an_occasion_choose_among_an_authors_entries(bib: Bibliography) -> None:
    link = link_work(
        work=None,
        speaker="Stalin",
        occasion="replying to the Moscow correspondent of Associated Press",
        bibliography=bib,
    )

    assert link.key == "stalin1942"


def test_a_date_chooses_among_an_authors_entries(bib: Bibliography) -> None:
    link = link_work(work=None, speaker="Stalin", date="December 27th 1929", bibliography=bib)

    assert (link.key, link.kind) == ("stalin1929", BibMatchKind.AUTHOR)
    assert "dated 27 December 1929" in link.explanation


def test_a_date_without_a_year_chooses_by_day_and_month(bib: Bibliography) -> None:
    link = link_work(work=None, speaker="Stalin", date="July 3rd", bibliography=bib)

    assert link.key == "stalin1941"


def test_a_year_alone_chooses_when_one_entry_of_the_author_has_it(bib: Bibliography) -> None:
    assert link_work(work=None, speaker="Stalin", date="1942", bibliography=bib).key == "stalin1942"


def test_words_dated_after_the_authors_only_work_appeared_are_not_linked_to_it(
    bib: Bibliography,
) -> None:
    link = link_work(work=None, speaker="Trotsky", date="1935", bibliography=bib)

    assert (link.key, link.kind) == (None, BibMatchKind.NONE)
    assert "after it appeared" in link.explanation


def test_words_dated_before_the_authors_only_work_may_be_quoted_in_it(bib: Bibliography) -> None:
    link = link_work(work=None, speaker="Trotsky", date="1927", bibliography=bib)

    assert (link.key, link.kind) == ("trotsky1930", BibMatchKind.AUTHOR)


def test_a_title_that_fits_none_of_the_authors_entries_is_no_link(bib: Bibliography) -> None:
    link = link_work(work="The Revolution Betrayed", speaker="Trotsky", bibliography=bib)

    assert (link.key, link.kind) == (None, BibMatchKind.NONE)
    assert "no title there fits 'The Revolution Betrayed'" in link.explanation


# --- nothing fits ----------------------------------------------------------------------------


def test_nothing_fits_says_which_author_and_title_were_looked_for(bib: Bibliography) -> None:
    link = link_work(work="Das Kapital", speaker="Marx", bibliography=bib)

    assert link.key is None
    assert link.kind == BibMatchKind.NONE
    assert (
        link.explanation == "no entry of references.bib fits author 'Marx' or title 'Das Kapital'"
    )


def test_no_author_and_no_work_is_no_link(bib: Bibliography) -> None:
    link = link_work(work=None, speaker="  ", bibliography=bib)

    assert (link.key, link.kind) == (None, BibMatchKind.NONE)
    assert "neither an author nor a work" in link.explanation


def test_an_empty_bibliography_says_it_is_empty() -> None:
    empty = parse_bibliography("", name="references.bib")

    link = link_work(work="My Life", speaker="Trotsky", bibliography=empty)

    assert link.explanation == "references.bib has no entries"


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "normalised"),
    [
        ("Stalin - Man of History", "stalin man of history"),
        ("Stalin: Man of History", "stalin man of history"),
        ("The Great Conspiracy", "great conspiracy"),
        ("Sabotage & Sedition", "sabotage and sedition"),
        ("Mémoires d\u2019un agent", "memoires dun agent"),
    ],
)
def test_normalised_titles_ignore_case_accents_punctuation_and_a_leading_article(
    title: str, normalised: str
) -> None:
    assert normalise_title(title) == normalised
