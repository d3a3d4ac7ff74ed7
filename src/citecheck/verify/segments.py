"""A quotation's segments: the stretches between its ellipses and bracketed interpolations.

"We hold [the council] that ... the people shall decide" is three segments, joined once by an
interpolation and once by an ellipsis. Each segment is sought in the source on its own, in order;
what stands between them decides whether a gap in the source is an omission the document admits.
Bracketed letters that only adjust a word ("[T]he", "decide[s]") are put back into their word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from citecheck.model import Interpolation, Quotation, Segment, Span

__all__ = ["GapKind", "QuotationParts", "parse_quotation_text", "split_quotation"]

_ELLIPSIS = r"\[\s*(?:\u2026|\.{3}|\.(?: \.){2})\s*\]|\u2026|\.{3,4}|\.(?: \.){2,3}"


_INTERPOLATION = r"\[[^\]]*\]"


_SPLITTER = re.compile(rf"(?P<ellipsis>{_ELLIPSIS})|(?P<interpolation>{_INTERPOLATION})")


_LETTERS = re.compile(r"[^\W\d_]{1,3}")


_ATTACHED_LETTERS = re.compile(r"\[([^\W\d_]{1,3})\](?=[^\W\d_])|(?<=[^\W\d_])\[([^\W\d_]{1,3})\]")


class GapKind(StrEnum):
    """What stands between two segments of a quotation in the document."""

    ELLIPSIS = "ellipsis"
    INTERPOLATION = "interpolation"
    NONE = "none"
    """Nothing: the document runs on where the source does not (found by ``locate``: a splice)."""


@dataclass(frozen=True, slots=True)
class QuotationParts:
    """A quotation split at its ellipses and interpolations."""

    segments: tuple[str, ...]
    gaps: tuple[GapKind, ...]
    """``gaps[i]`` stands between ``segments[i]`` and ``segments[i + 1]``."""
    interpolations: tuple[str, ...]
    """The bracketed text standing in each gap, or ``""``."""
    leading_ellipsis: bool = False
    trailing_ellipsis: bool = False
    leading_interpolation: str = ""
    """Bracketed text before the first segment, e.g. ``[The Party]`` standing for "It"."""
    trailing_interpolation: str = ""


def split_quotation(quotation: Quotation) -> QuotationParts:
    """The quotation's segments and what separates them (ellipsis or interpolation)."""
    if quotation.segments and _segment_spans_usable(quotation):
        return _parts_from_spans(quotation)
    return parse_quotation_text(quotation.text)


def _segment_spans_usable(quotation: Quotation) -> bool:
    spans = [s.span for s in quotation.segments]
    return all(a.end <= b.start for a, b in itertools.pairwise(spans)) and any(
        len(s) for s in spans
    )


def _parts_from_spans(quotation: Quotation) -> QuotationParts:
    segments, interpolations = _merge_letter_interpolations(quotation)
    gaps: list[GapKind] = []
    fillers: list[str] = []
    for before, after in itertools.pairwise(segments):
        lo, hi = before.span.end, after.span.start
        inside = [i for i in interpolations if lo <= i.span.start and i.span.end <= hi]
        has_ellipsis = any(lo <= e.start and e.end <= hi for e in quotation.ellipses)
        if inside and not has_ellipsis:
            gaps.append(GapKind.INTERPOLATION)
            fillers.append(" ".join(i.text for i in inside))
        else:
            gaps.append(GapKind.ELLIPSIS)
            fillers.append("")
    first, last = segments[0].span, segments[-1].span
    return QuotationParts(
        segments=tuple(s.text for s in segments),
        gaps=tuple(gaps),
        interpolations=tuple(fillers),
        leading_ellipsis=any(e.end <= first.start for e in quotation.ellipses),
        trailing_ellipsis=any(e.start >= last.end for e in quotation.ellipses),
        leading_interpolation=" ".join(i.text for i in interpolations if i.span.end <= first.start),
        trailing_interpolation=" ".join(i.text for i in interpolations if i.span.start >= last.end),
    )


def _merge_letter_interpolations(
    quotation: Quotation,
) -> tuple[list[Segment], list[Interpolation]]:
    """Segments with bracketed letters that only adjust a word ("[T]he", "decide[s]") put back in."""
    segments = list(quotation.segments)
    kept: list[Interpolation] = []
    for interpolation in quotation.interpolations:
        letters = interpolation.text.strip("[]")
        span = interpolation.span
        attached = next((k for k, s in enumerate(segments) if s.span.start == span.end), None)
        if _is_word_letters(letters) and attached is not None:
            segment = segments[attached]
            segments[attached] = Segment(letters + segment.text, Span(span.start, segment.span.end))
            continue
        attached = next((k for k, s in enumerate(segments) if s.span.end == span.start), None)
        if _is_word_letters(letters) and attached is not None:
            segment = segments[attached]
            segments[attached] = Segment(segment.text + letters, Span(segment.span.start, span.end))
            continue
        kept.append(interpolation)
    merged: list[Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if previous is not None and not _separated(previous, segment, quotation.ellipses, kept):
            joiner = " " if segment.span.start > previous.span.end else ""
            merged[-1] = Segment(
                previous.text + joiner + segment.text,
                Span(previous.span.start, segment.span.end),
            )
        else:
            merged.append(segment)
    return merged, kept


def _is_word_letters(text: str) -> bool:
    return bool(_LETTERS.fullmatch(text)) and text.casefold() != "sic"


def _unbracket(match: re.Match[str]) -> str:
    letters = match.group(1) or match.group(2)
    return match.group() if letters.casefold() == "sic" else letters


def _separated(
    before: Segment,
    after: Segment,
    ellipses: Sequence[Span],
    interpolations: Sequence[Interpolation],
) -> bool:
    lo, hi = before.span.end, after.span.start
    return any(lo <= e.start and e.end <= hi for e in ellipses) or any(
        lo <= i.span.start and i.span.end <= hi for i in interpolations
    )


def parse_quotation_text(text: str) -> QuotationParts:
    """A quotation's parts from its text alone, when extraction gave no segments."""
    text = _ATTACHED_LETTERS.sub(_unbracket, text)
    segments: list[str] = []
    gaps: list[GapKind] = []
    fillers: list[str] = []
    leading = trailing = False
    leading_filler = trailing_filler = ""
    position = 0
    pending: list[tuple[GapKind, str]] = []
    for match in _SPLITTER.finditer(text):
        piece = text[position : match.start()]
        kind = GapKind.ELLIPSIS if match.group("ellipsis") else GapKind.INTERPOLATION
        position = match.end()
        if any(ch.isalnum() for ch in piece):
            if segments:
                gaps.append(_gap_of(pending))
                fillers.append(" ".join(t for k, t in pending if k is GapKind.INTERPOLATION))
            else:
                leading = any(k is GapKind.ELLIPSIS for k, _ in pending)
                leading_filler = " ".join(t for k, t in pending if k is GapKind.INTERPOLATION)
            segments.append(piece.strip())
            pending = []
        pending.append((kind, match.group().strip("[]") if kind is GapKind.INTERPOLATION else ""))
    piece = text[position:]
    if any(ch.isalnum() for ch in piece):
        if segments:
            gaps.append(_gap_of(pending))
            fillers.append(" ".join(t for k, t in pending if k is GapKind.INTERPOLATION))
        else:
            leading = any(k is GapKind.ELLIPSIS for k, _ in pending)
            leading_filler = " ".join(t for k, t in pending if k is GapKind.INTERPOLATION)
        segments.append(piece.strip())
    else:
        trailing = any(k is GapKind.ELLIPSIS for k, _ in pending)
        trailing_filler = " ".join(t for k, t in pending if k is GapKind.INTERPOLATION)
    return QuotationParts(
        tuple(segments),
        tuple(gaps),
        tuple(fillers),
        leading,
        trailing,
        leading_filler,
        trailing_filler,
    )


def _gap_of(pending: list[tuple[GapKind, str]]) -> GapKind:
    if any(kind is GapKind.ELLIPSIS for kind, _ in pending):
        return GapKind.ELLIPSIS
    return GapKind.INTERPOLATION
