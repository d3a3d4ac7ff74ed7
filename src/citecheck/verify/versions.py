"""A passage checked against every version of a work's text: translations, editions, printings.

Where a work's text comes in more than one version (two translations of a speech, a newspaper's
telegram and the official bulletin, two editions of a book), the quotation is verified against
each and the verdict is the one against the closest version, which the notes name. A change the
document shares with another version ("in the very near future" where the closest version has "in
the nearest future" and another has "very near") is a difference between the versions, not the
document's: it is taken out of ``changes`` and named in the notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.model import (
    Citation,
    Edition,
    Page,
    Provenance,
    SourceAttempt,
    Verification,
    WordChange,
    WordingVerdict,
)
from citecheck.verify.indexes import IndexStore, default_store
from citecheck.verify.judge import verify_against_pages
from citecheck.verify.normalise import iter_tokens

__all__ = ["TextVersion", "verify_against_versions"]

_CLOSENESS = (
    WordingVerdict.EXACT,
    WordingVerdict.VARIANT,
    WordingVerdict.OMISSION,
    WordingVerdict.TRUNCATED,
    WordingVerdict.SPLICED,
    WordingVerdict.ALTERED,
    WordingVerdict.NOT_FOUND,
    WordingVerdict.UNVERIFIABLE,
)


@dataclass(frozen=True, slots=True)
class TextVersion:
    """One version of a work's text: its name as the notes give it, and its pages."""

    name: str
    pages: Sequence[Page]
    edition: Edition | None = None
    text_source: Provenance | None = None
    page_count: int | None = None


def verify_against_versions(
    citation: Citation,
    versions: Sequence[TextVersion],
    *,
    attempts: Sequence[SourceAttempt] = (),
    indexes: IndexStore | None = None,
) -> Verification:
    """The verdict against the closest version, with the differences that are only between versions."""
    if not versions:
        raise ValueError("no version of the text to verify against")
    store = indexes or default_store()
    checked = [
        (
            version,
            verify_against_pages(
                citation,
                version.pages,
                edition=version.edition,
                text_source=version.text_source,
                attempts=attempts,
                page_count=version.page_count,
                index=store.index(version.pages) if version.pages else None,
            ),
        )
        for version in versions
    ]
    if len(checked) == 1:
        return checked[0][1]
    ranked = sorted(range(len(checked)), key=lambda n: _distance(checked[n][1]))
    closest_version, closest = checked[ranked[0]]
    others = [checked[n] for n in ranked[1:]]
    kept: list[WordChange] = []
    between: list[str] = []
    for change in closest.changes:
        follows = _version_with(change, others)
        if follows is None:
            kept.append(change)
        else:
            between.append(
                f"'{change.document_words or '…'}' is as {follows} has it, where "
                f"{closest_version.name} has '{change.source_words or '…'}': a difference between "
                "the versions of the text, not the document's"
            )
    summary = "; ".join(f"{v.name}: {found.wording}" for v, found in checked)
    notes = [
        f"checked against {len(checked)} versions of the text; the closest is "
        f"{closest_version.name} ({summary})",
        *between,
    ]
    wording = closest.wording
    if between and not kept and wording is WordingVerdict.ALTERED:
        wording = _without_changes(closest)
    return replace(
        closest,
        wording=wording,
        changes=tuple(kept),
        notes=(*closest.notes, *notes),
    )


def _distance(found: Verification) -> tuple[int, int, float]:
    """How far a verification is from the document: its verdict, its changes, its match."""
    score = sum(m.score for m in found.matches)
    return _CLOSENESS.index(found.wording), len(found.changes), -score


def _version_with(
    change: WordChange, others: Sequence[tuple[TextVersion, Verification]]
) -> str | None:
    """The name of another version that has the document's words where this change stands."""
    words = _canonical(change.document_words)
    for version, found in others:
        if found.wording in (WordingVerdict.NOT_FOUND, WordingVerdict.UNVERIFIABLE):
            continue
        source = _canonical(found.source_text)
        if words and not _contains(source, words):
            continue
        if not words and _contains(source, _canonical(change.source_words)):
            continue
        if any(_canonical(c.document_words) == words for c in found.changes):
            continue
        return version.name
    return None


def _without_changes(found: Verification) -> WordingVerdict:
    """The verdict a verification would have without its word changes."""
    if any(note.startswith("spliced") for note in found.notes):
        return WordingVerdict.SPLICED
    # The rest of a sentence is kept for a cut at an ellipsis too: only the note tells truncation.
    if any(
        note.startswith("the quotation st") and "inside a sentence" in note for note in found.notes
    ):
        return WordingVerdict.TRUNCATED
    if found.omissions:
        return WordingVerdict.OMISSION
    return WordingVerdict.VARIANT


def _canonical(text: str) -> list[str]:
    return [t.canon for t in iter_tokens(text)]


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    size = len(part)
    return any(list(words[i : i + size]) == list(part) for i in range(len(words) - size + 1))
