"""Specification: a passage is judged against the closest of several versions of a text, and
differences that are only between the versions are not the document's."""

from __future__ import annotations

from pathlib import Path

from citecheck.bib import parse_bibliography
from citecheck.check import Checker, SourceSpec
from citecheck.config import Settings
from citecheck.extract import extract_citations
from citecheck.model import Page, WordingVerdict
from citecheck.testing import FakeCatalog, FakeTextProvider
from citecheck.verify.versions import TextVersion, verify_against_versions

from .conftest import Cite

VERSIONS = Path(__file__).parent.parent / "fixtures" / "versions"
TALK = (
    "....represents an outstanding fact of major importance demonstrating the growing might of "
    "the armed forces of the Allies and opening the prospect of the disintegration of the "
    "Italo-German coalition in the very near future."
)


def _version(name: str, file: str, *, ocr: bool = False) -> TextVersion:
    text = (VERSIONS / file).read_text(encoding="utf-8")
    return TextVersion(name, [Page(text, None, ocr=ocr)])


def _cassidy() -> list[TextVersion]:
    return [
        _version("the press telegram", "cassidy-1942_press-telegram.txt", ocr=True),
        _version("the Embassy's Information Bulletin", "cassidy-1942_embassy-bulletin.txt"),
        _version("a web transcription", "cassidy-1942_legendofhistory.txt"),
    ]


def test_the_verdict_is_against_the_closest_version_and_says_which(cite: Cite) -> None:
    v = verify_against_versions(cite(TALK), _cassidy())
    assert any("the closest is the Embassy's Information Bulletin" in note for note in v.notes), (
        v.notes
    )
    assert "Italo-German coalition" in v.source_text


def test_a_wording_one_version_has_is_a_difference_between_versions_not_a_change(
    cite: Cite,
) -> None:
    v = verify_against_versions(cite(TALK), _cassidy())
    assert v.changes == ()
    (between,) = [n for n in v.notes if "difference between the versions" in n]
    assert "'very near'" in between
    assert "the press telegram" in between
    assert "'nearest'" in between
    assert v.wording is WordingVerdict.OMISSION
    assert not any(note.startswith("spliced") for note in v.notes)
    assert v.truncated_after == ""


def test_a_change_no_version_has_stays_the_documents_change(cite: Cite) -> None:
    changed = TALK.replace("growing might", "waning might")
    v = verify_against_versions(cite(changed), _cassidy())
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.document_words, c.source_words) for c in v.changes] == [("waning", "growing")]


def test_one_version_is_just_a_verification(cite: Cite) -> None:
    (bulletin,) = [v for v in _cassidy() if "Bulletin" in v.name]
    v = verify_against_versions(cite(TALK), [bulletin])
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.document_words, c.source_words) for c in v.changes] == [("very near", "nearest")]


def test_a_check_with_two_files_for_one_work_judges_against_the_closer_one(
    tmp_path: Path,
) -> None:
    first = tmp_path / "smith-1950.txt"
    first.write_text("--- page 12 ---\nThe congress voted for the motion without any debate.\n")
    second = tmp_path / "smith-1962.txt"
    second.write_text("--- page 14 ---\nThe congress voted for the motion without a debate.\n")
    bib = "@book{smith1950, author = {Smith, John}, title = {A Life of Lenin}, year = {1950}}\n"
    document = (
        'In his life of Lenin, Smith wrote: "The congress voted for the motion without a debate." '
        "(page 14)\n"
    )
    checker = Checker(
        settings=Settings(use_cache=False, max_retries=0),
        catalogs=[FakeCatalog([])],
        providers=[FakeTextProvider({})],
        full_text_search=None,
        local_sources=[SourceSpec(first, "smith1950"), SourceSpec(second, "smith1950")],
    )
    bibliography = parse_bibliography(bib, name="references.bib")
    extraction = extract_citations(document, name="talk.txt", bibliography=bibliography)
    (verification,) = checker.check_extraction(extraction, bibliography).verifications
    assert verification.wording is WordingVerdict.EXACT
    assert verification.found_pages == ("14",)
    assert any("the closest is smith-1962.txt" in note for note in verification.notes)
