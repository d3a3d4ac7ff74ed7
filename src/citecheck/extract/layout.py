"""The shape of a text: lines, paragraphs, Markdown block quotations and notes sections.

Everything is computed once per document with linear scans, so later stages can ask "which line",
"which paragraph" or "is this inside the notes" by bisection instead of re-reading the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from citecheck.model import Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")
_NOTES_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?\**(?:notes|endnotes|footnotes)\**[ \t]*:?[ \t]*$", re.I | re.M
)
_NOTE_LINE = re.compile(r"^[ \t]*\[?(\d{1,4})[.)\]][ \t]+(\S.*)$")
_FENCED_CODE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
_MARKDOWN_NOTE = re.compile(r"^[ \t]*\[\^([\w-]+)\]:[ \t]*(.*)$", re.M)


@dataclass(frozen=True, slots=True)
class NoteDefinition:
    """The text of a footnote or endnote: ``[^1]: Grey, Stalin, p. 253.`` or ``1. Ibid.``."""

    label: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Layout:
    """Line starts, paragraphs, block-quoted regions and note definitions of one text."""

    line_starts: tuple[int, ...]
    paragraphs: tuple[Span, ...]
    paragraph_starts: tuple[int, ...]
    block_quotes: tuple[Span, ...]
    notes: tuple[NoteDefinition, ...]
    excluded: tuple[Span, ...]
    """Regions where quotation marks are not quotations of the text (notes sections)."""

    def line_of(self, offset: int) -> int:
        """The 1-based line of an offset."""
        return bisect_right(self.line_starts, offset)

    def paragraph_index(self, offset: int) -> int:
        """The index of the paragraph an offset falls in (or the one before a gap)."""
        return max(0, bisect_right(self.paragraph_starts, offset) - 1)

    def paragraph_at(self, offset: int) -> Span:
        return self.paragraphs[self.paragraph_index(offset)] if self.paragraphs else Span(0, 0)

    excluded_starts: tuple[int, ...] = ()
    notes_by_label: dict[str, NoteDefinition] = field(
        default_factory=dict, compare=False, hash=False
    )

    def note(self, label: str) -> NoteDefinition | None:
        """The note with this label (the last one when a label is defined twice)."""
        return self.notes_by_label.get(label)

    def is_excluded(self, offset: int) -> bool:
        index = bisect_right(self.excluded_starts, offset) - 1
        return index >= 0 and offset < self.excluded[index].end


def analyse_layout(text: str) -> Layout:
    """Lines, paragraphs, ``>`` block quotations and notes of a text, in one pass each."""
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    paragraphs: list[Span] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _add_paragraph(text, position, match.start(), paragraphs)
        position = match.end()
    _add_paragraph(text, position, len(text), paragraphs)
    notes, excluded = _find_notes(text)
    excluded.extend(Span(m.start(), m.end()) for m in _FENCED_CODE.finditer(text))
    excluded_spans = _merged(excluded)
    return Layout(
        line_starts=tuple(line_starts),
        paragraphs=tuple(paragraphs),
        paragraph_starts=tuple(p.start for p in paragraphs),
        block_quotes=tuple(_block_quotes(text, paragraphs)),
        notes=tuple(notes),
        excluded=excluded_spans,
        excluded_starts=tuple(s.start for s in excluded_spans),
        notes_by_label={n.label: n for n in notes},
    )


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def _add_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    if end > start:
        out.append(Span(start, end))


def _block_quotes(text: str, paragraphs: list[Span]) -> list[Span]:
    """Runs of paragraphs whose every line starts with ``>`` (Markdown, and HTML blockquotes)."""
    regions: list[Span] = []
    for para in paragraphs:
        chunk = text[para.start : para.end]
        if chunk.startswith(">") and all(
            line.lstrip().startswith(">") for line in chunk.split("\n")
        ):
            if regions and not text[regions[-1].end : para.start].strip():
                regions[-1] = Span(regions[-1].start, para.end)
            else:
                regions.append(para)
    return regions


def _find_notes(text: str) -> tuple[list[NoteDefinition], list[Span]]:
    notes: list[NoteDefinition] = []
    excluded: list[Span] = []
    for match in _MARKDOWN_NOTE.finditer(text):
        span = Span(match.start(2), match.end(2))
        notes.append(NoteDefinition(match.group(1), match.group(2).strip(), span))
        excluded.append(Span(match.start(), match.end()))
    headings = list(_NOTES_HEADING.finditer(text))
    heading = headings[-1] if headings else None
    if heading is not None:
        offset = heading.end()
        found = False
        for line in text[heading.end() :].splitlines(keepends=True):
            note_line = _NOTE_LINE.match(line.rstrip("\r\n"))
            if note_line:
                found = True
                start = offset + note_line.start(2)
                notes.append(
                    NoteDefinition(
                        note_line.group(1),
                        note_line.group(2).strip(),
                        Span(start, start + len(note_line.group(2))),
                    )
                )
            offset += len(line)
        if found:
            excluded.append(Span(heading.start(), len(text)))
    return notes, excluded
