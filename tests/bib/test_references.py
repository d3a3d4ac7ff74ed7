"""The project's references.bib: the works the example talk quotes, each linked from its words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.bib import Bibliography, link_work, load_bibliography
from citecheck.model import BibMatchKind

REFERENCES = Path(__file__).resolve().parents[2] / "references.bib"


@pytest.fixture(scope="module")
def references() -> Bibliography:
    return load_bibliography(REFERENCES)


def test_references_bib_reads_without_problems(references: Bibliography) -> None:
    assert references.problems == ()
    assert len(references) == 10


def test_every_entry_has_a_comment_naming_its_sources_just_above_it() -> None:
    lines = REFERENCES.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if re.match(r"@\w+\{", line)]

    for i in starts:
        assert lines[i - 1].startswith("%"), f"no source comment above line {i + 1}"


@pytest.mark.parametrize(
    ("work", "speaker", "key", "kind"),
    [
        ("Stalin - Man of History", "Ian Grey", "grey1979", BibMatchKind.AUTHOR_AND_TITLE),
        ("Stalin - Man of History", None, "grey1979", BibMatchKind.TITLE),
        ("British Agent", "R.H. Bruce Lockhart", "lockhart1932", BibMatchKind.ALTERNATIVE_TITLE),
        ("The Great Conspiracy", None, "sayers1946", BibMatchKind.TITLE),
        ("The Great Conspiracy", "Joseph E. Davies", "sayers1946", BibMatchKind.TITLE),
        ("Mission to Moscow", None, "davies1941", BibMatchKind.TITLE),
        ("My Life", "Trotsky", "trotsky1930", BibMatchKind.AUTHOR_AND_TITLE),
        (None, "Davies", "davies1941", BibMatchKind.AUTHOR),
        (None, "Lockhart", "lockhart1932", BibMatchKind.AUTHOR),
        (None, "Grey", "grey1979", BibMatchKind.AUTHOR),
        ("Dizziness from Success", "Stalin", "stalin1930dizzy", BibMatchKind.AUTHOR),
    ],
)
def test_the_talks_phrases_link_to_their_entries(
    references: Bibliography, work: str | None, speaker: str | None, key: str, kind: BibMatchKind
) -> None:
    link = link_work(work=work, speaker=speaker, bibliography=references)

    assert (link.key, link.kind) == (key, kind), link.explanation


@pytest.mark.parametrize(
    ("occasion", "date", "key"),
    [
        (None, "December 27th 1929", "stalin1929agrarian"),
        ("Radio address to the Soviet People", "July 3rd", "stalin1941broadcast"),
        (
            "Replying to the Moscow correspondent of Associated press Henry C. Cassidy",
            None,
            "stalin1942cassidy",
        ),
        (None, "November 13th, 1942", "stalin1942cassidy"),
        (None, "1927", "stalin1927international"),
    ],
)
def test_stalins_texts_link_by_the_occasion_and_date_the_talk_gives(
    references: Bibliography, occasion: str | None, date: str | None, key: str
) -> None:
    link = link_work(
        work=None, speaker="Stalin", occasion=occasion, date=date, bibliography=references
    )

    assert link.key == key, link.explanation


def test_the_lockhart_memoirs_are_one_work_under_both_titles(references: Bibliography) -> None:
    entry = references.get("lockhart1932")

    assert entry is not None
    assert entry.titles == ("Memoirs of a British Agent", "British Agent")
