"""Rich documents (Word, OpenDocument, PDF) as the text the extractor reads, built from inline pieces.

The readers turn each format into the same text a Markdown author would write: paragraphs
separated by a blank line, italics as ``*...*``, block quotations as ``> `` lines, a note reference
as ``[^label]`` and each note's text as a ``[^label]: ...`` line after the body. The extractor then
reads every format the same way. Each piece taken from the file keeps where it came from (an
``origin``), so an annotator can map an offset of the text back onto the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Inline:
    """A stretch of a paragraph: its text, whether it is italic, and where it came from."""

    text: str
    italic: bool = False
    origin: object | None = None
    """The file's element holding this text (None for marks citecheck writes, like ``[^1]``)."""
    offset: int = 0
    """Where this text starts in the origin's text."""
    markup: bool = False
    """A note reference written by the reader: never wrapped in italics."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    block_quote: bool = False
    code: bool = False
    """Program code (a code style): written as a fenced block, where marks are not quotations."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Where a stretch ``[start, start + length)`` of the built text came from in the file."""

    start: int
    length: int
    origin: object
    offset: int = 0


@dataclass(frozen=True, slots=True)
class BuiltText:
    text: str
    pieces: tuple[Piece, ...]


QUOTE_STYLES = frozenset(
    {"quote", "intensequote", "blocktext", "blockquote", "blockquotation", "quotation",
     "quotations", "extract"}
)  # fmt: skip
"""Paragraph style names (lower case, no spaces) that word processors give block quotations."""


def note_reference(label: str) -> Inline:
    return Inline(f"[^{label}]", markup=True)


def build_text(paragraphs: Sequence[Paragraph], notes: Iterable[tuple[str, str]]) -> BuiltText:
    """The body's paragraphs, then one ``[^label]: text`` line per note."""
    parts: list[str] = []
    pieces: list[Piece] = []
    length = 0

    def add(text: str, origin: object | None = None, offset: int = 0) -> None:
        nonlocal length
        if not text:
            return
        if origin is not None:
            pieces.append(Piece(length, len(text), origin, offset))
        parts.append(text)
        length += len(text)

    first = True
    for paragraph in paragraphs:
        runs = _trimmed(paragraph.inlines)
        if not runs:
            continue
        if not first:
            add("\n\n")
        first = False
        if paragraph.code:
            add("```\n")
            for run in runs:
                add(run.text, run.origin, run.offset)
            add("\n```")
            continue
        prefix = "> " if paragraph.block_quote else ""
        add(prefix)
        for run in _with_italic_marks(runs):
            if prefix and "\n" in run.text:
                position = run.offset
                for index, line in enumerate(run.text.split("\n")):
                    if index:
                        add("\n" + prefix)
                        position += 1
                    add(line, run.origin, position)
                    position += len(line)
            else:
                add(run.text, run.origin, run.offset)
    note_lines = [(label, " ".join(text.split())) for label, text in notes]
    note_lines = [(label, text) for label, text in note_lines if text]
    if note_lines:
        add("\n\n" if parts else "")
        add("\n".join(f"[^{label}]: {text}" for label, text in note_lines))
    if parts:
        add("\n")
    return BuiltText("".join(parts), tuple(pieces))


def plain_text(inlines: Iterable[Inline]) -> str:
    """A note's text with its italics marked, on one line."""
    return "".join(run.text for run in _with_italic_marks(_trimmed(tuple(inlines))))


def _trimmed(inlines: tuple[Inline, ...]) -> list[Inline]:
    """Without leading and trailing whitespace (kept as pieces so origins stay exact)."""
    runs = [i for i in inlines if i.text]
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if not runs:
        return []
    head, tail = runs[0], runs[-1]
    runs[0] = _slice(head, len(head.text) - len(head.text.lstrip()), len(head.text))
    tail = runs[-1]
    runs[-1] = _slice(tail, 0, len(tail.text.rstrip()))
    return runs


def _slice(inline: Inline, start: int, end: int) -> Inline:
    if start == 0 and end == len(inline.text):
        return inline
    return Inline(
        inline.text[start:end], inline.italic, inline.origin, inline.offset + start, inline.markup
    )


_MARK = Inline("*", markup=True)


def _with_italic_marks(runs: Sequence[Inline]) -> list[Inline]:
    """Runs of italic text wrapped in ``*``, the marks outside their leading/trailing spaces."""
    out: list[Inline] = []
    index = 0
    while index < len(runs):
        run = runs[index]
        if not run.italic or run.markup or not run.text.strip():
            out.append(run)
            index += 1
            continue
        group = [run]
        index += 1
        while index < len(runs) and runs[index].italic and not runs[index].markup:
            group.append(runs[index])
            index += 1
        trailing: list[Inline] = []
        while not group[-1].text.strip():
            trailing.insert(0, group.pop())
        first = group[0]
        lead = len(first.text) - len(first.text.lstrip())
        if lead:
            out.append(_slice(first, 0, lead))
            group[0] = _slice(first, lead, len(first.text))
        last = group[-1]
        trail = len(last.text) - len(last.text.rstrip())
        if trail:
            group[-1] = _slice(last, 0, len(last.text) - trail)
            trailing.insert(0, _slice(last, len(last.text) - trail, len(last.text)))
        out += [_MARK, *group, _MARK, *trailing]
    return out
