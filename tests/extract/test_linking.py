"""Linking cited works to the bibliography (``citecheck.bib.link_work``) during extraction."""

from __future__ import annotations

from citecheck.bib import parse_bibliography
from citecheck.extract import extract_citations
from citecheck.model import LocatorTarget

BIB = """
@book{grey1979,
  author = {Grey, Ian},
  title = {Stalin, Man of History},
  year = {1979},
}
@book{sayers1946,
  author = {Sayers, Michael and Kahn, Albert E.},
  title = {The Great Conspiracy},
  year = {1946},
}
@book{carr1961,
  author = {Carr, Edward Hallett},
  title = {What is History?},
  year = {1961},
}
"""


def test_each_citation_is_linked_to_its_bibliography_entry() -> None:
    bibliography = parse_bibliography(BIB, name="references.bib")
    text = 'Ian Grey in his book "Stalin - Man of History" wrote: "the redistribution of industry led to growth" (page 253).'
    [citation] = extract_citations(text, bibliography=bibliography).checkable
    assert citation.bib is not None and citation.bib.key == "grey1979"


def test_intermediary_is_linked_to_its_own_entry() -> None:
    bibliography = parse_bibliography(BIB, name="references.bib")
    text = (
        "In 1941 Joseph E. Davies, former Ambassador, wrote:-\n\n"
        '"All of these trials were part of a determined effort to protect itself." (The Great Conspiracy page 326)\n'
    )
    [citation] = extract_citations(text, bibliography=bibliography).checkable
    assert citation.intermediary_bib is not None and citation.intermediary_bib.key == "sayers1946"
    assert citation.locator_work is LocatorTarget.INTERMEDIARY


def test_book_in_the_locator_that_the_bibliography_gives_to_the_speaker_is_the_work_not_an_intermediary() -> (
    None
):
    bibliography = parse_bibliography(BIB, name="references.bib")
    text = 'As Carr put it, "the historian is engaged in a continuous process of moulding his facts" (What is History?, p. 29).'
    [citation] = extract_citations(text, bibliography=bibliography).checkable
    assert citation.attribution.work == "What is History?"
    assert citation.attribution.intermediary is None
    assert citation.locator_work is LocatorTarget.WORK
    assert citation.bib is not None and citation.bib.key == "carr1961"


def test_without_a_bibliography_nothing_is_linked() -> None:
    text = 'Grey wrote: "the redistribution of industry led to growth" (page 253).'
    [citation] = extract_citations(text).checkable
    assert citation.bib is None and citation.intermediary_bib is None
