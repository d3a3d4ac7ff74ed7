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
_LINE_BREAK = re.compile(r"\n\s*")
_PARAGRAPH_LINE = 80
"""Lines this long on average, with no blank line between any, are paragraphs (a web page kept
as text, one paragraph per line), not the hard-wrapped lines of one."""
_APPARATUS_HEADING = re.compile(
    # Starting with the newline lets the scan jump from line to line instead of trying every
    # character; the text is searched with a newline put in front of it.
    r"\n[ \t]*(?:#{1,6}[ \t]*)?[*_]*(?:notes|endnotes|footnotes|notes and references|references and notes|"
    r"references|reference list|bibliography|select bibliography|works cited|works consulted|"
    r"literature cited|sources|citations|further reading)[*_]*(?:[ \t]*\[edit\])?[ \t]*:?[ \t]*(?=\n|\Z)",
    re.I,
)
_NOTE_LINE = re.compile(r"^[ \t]*\[?(\d{1,4})[.)\]][ \t]+(?:\^[ \t]*(?:[a-z][ \t]+)*)?(\S.*)$")
_CARET_LINE = re.compile(r"^[ \t]*[\^\u2191][ \t]*(?:[a-z][ \t]+)*(\S.*)$")
_ENTRY_START = re.compile(
    r"[A-Z\u00c0-\u00de][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+)?,|[*_\"\u201c]?[A-Z][^,.]{0,80}\((?:1[5-9]|20)\d\d"
)
_REFERENCE_LIKE = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)\b|\bpp?\.\s*\d|\b(?:ibid|op\. cit|supra)\b", re.I
)
_TITLED_ENTRY = re.compile(
    r"^[A-Z\u00c0-\u00de][\w.'\u2019-]*(?:,?[ \t]+[A-Z\u00c0-\u00de][\w.'\u2019-]*){0,4}[,.][ \t]+[*_\"\u201c]"
)
""""Carol M. Taylor, *W.E.B DuBois's Challenge ...*", "Foner, Eric. “Title”": a name, then a
title set off by italics or quotation marks."""
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")
"""A Markdown link, ``[words](address)``; group 1 is its words."""
_FENCED_CODE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*$", re.M | re.S)
_LOOSE_MARKDOWN_NOTE = re.compile(r"^[ \t]*\[\^([\w-]+)\][ \t]+(\S.*)$", re.M)
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
    """Regions where quotation marks are not quotations of the text (notes sections, reference
    lists, bibliographies)."""

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
    entries: tuple[NoteDefinition, ...] = ()
    """Unnumbered entries of a reference list or bibliography, one per line or paragraph."""
    block_sources: dict[int, Span] = field(default_factory=dict, compare=False, hash=False)
    """Where a block quotation's own tag names its author and work ("{% blockquote Arthur
    Conan Doyle, The Sign of the Four %}"), by the start of the block."""

    def note(self, label: str) -> NoteDefinition | None:
        """The note with this label (the last one when a label is defined twice)."""
        return self.notes_by_label.get(label)

    def is_excluded(self, offset: int) -> bool:
        index = bisect_right(self.excluded_starts, offset) - 1
        return index >= 0 and offset < self.excluded[index].end


def link_words(text: str) -> str:
    """The text with each Markdown link replaced by its words."""
    return MARKDOWN_LINK.sub(r"\1", text) if "](" in text else text


def analyse_layout(text: str) -> Layout:
    """Lines, paragraphs, ``>`` block quotations and notes of a text, in one pass each."""
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    paragraphs: list[Span] = []
    position = 0
    breaks = _LINE_BREAK if _lines_are_paragraphs(text, len(line_starts)) else _PARAGRAPH_BREAK
    for match in breaks.finditer(text):
        _add_paragraph(text, position, match.start(), paragraphs)
        position = match.end()
    _add_paragraph(text, position, len(text), paragraphs)
    notes, entries, excluded = _find_notes(text)
    if "```" in text or "~~~" in text:  # far cheaper than trying the pattern at every line
        excluded.extend(Span(m.start(), m.end()) for m in _FENCED_CODE.finditer(text))
    # Site-generator markup: YAML front matter and {% include ... caption="..." %} tags.
    excluded.extend(Span(m.start(), m.end()) for m in _FRONT_MATTER.finditer(text))
    if "{" in text:
        excluded.extend(Span(m.start(), m.end()) for m in _TEMPLATE_TAG.finditer(text))
    excluded_spans = _merged(excluded)
    tagged = _tagged_block_quotes(text) if "{%" in text else []
    return Layout(
        line_starts=tuple(line_starts),
        paragraphs=tuple(paragraphs),
        paragraph_starts=tuple(p.start for p in paragraphs),
        block_quotes=_merged(_block_quotes(text, paragraphs) + [b for b, _ in tagged]),
        block_sources={body.start: source for body, source in tagged if source is not None},
        notes=tuple(notes),
        excluded=excluded_spans,
        excluded_starts=tuple(s.start for s in excluded_spans),
        notes_by_label={n.label: n for n in notes},
        entries=tuple(entries),
    )


def _lines_are_paragraphs(text: str, lines: int) -> bool:
    if lines < 2 or _PARAGRAPH_BREAK.search(text):
        return False
    return len(text) / lines >= _PARAGRAPH_LINE


_BLOCKQUOTE_TAG = re.compile(
    r"\{%-?[ \t]*blockquote\b(?P<source>[^%]*?)-?%\}(?P<body>.*?)\{%-?\s*endblockquote\s*-?%\}",
    re.S,
)
"""A site generator's block quotation tag (Octopress and Jekyll plugins): its body is a block
quotation, and the words in the opening tag, "Author, Work (year)", say whose and from what."""


def _tagged_block_quotes(text: str) -> list[tuple[Span, Span | None]]:
    found: list[tuple[Span, Span | None]] = []
    for match in _BLOCKQUOTE_TAG.finditer(text):
        body = Span(match.start("body"), match.end("body"))
        source = match.group("source").strip()
        span = None
        if source:
            at = match.start("source") + match.group("source").find(source)
            span = Span(at, at + len(source))
        found.append((body, span))
    return found


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
    """Runs of paragraphs that start with ``>`` (Markdown, and HTML blockquotes)."""
    regions: list[Span] = []
    for para in paragraphs:
        chunk = text[para.start : para.end]
        # Later lines may drop the ">" (Markdown's lazy continuation lines).
        if chunk.startswith(">"):
            if regions and not text[regions[-1].end : para.start].strip():
                regions[-1] = Span(regions[-1].start, para.end)
            else:
                regions.append(para)
    return regions


def _find_notes(
    text: str,
) -> tuple[list[NoteDefinition], list[NoteDefinition], list[Span]]:
    """Markdown footnotes, numbered notes and unnumbered reference-list entries, and the regions
    they fill (quotation marks there are titles of works, not quotations of the text)."""
    notes: list[NoteDefinition] = []
    entries: list[NoteDefinition] = []
    excluded: list[Span] = []
    for match in _MARKDOWN_NOTE.finditer(text) if "[^" in text else ():
        span = Span(match.start(2), match.end(2))
        notes.append(NoteDefinition(match.group(1), match.group(2).strip(), span))
        excluded.append(Span(match.start(), match.end()))
    if not notes and "[^" in text:
        # "[^13] Thompson, 54." without the colon: definitions only when there is a list of them.
        loose = list(_LOOSE_MARKDOWN_NOTE.finditer(text))
        if len(loose) >= 2:
            for match in loose:
                span = Span(match.start(2), match.end(2))
                notes.append(NoteDefinition(match.group(1), match.group(2).strip(), span))
                excluded.append(Span(match.start(), match.end()))
    # (start, end) of each heading line; offsets in "\n" + text are one past those in text.
    headings = [(m.start(), m.end() - 1) for m in _APPARATUS_HEADING.finditer("\n" + text)]
    for k, (heading_start, heading_end) in enumerate(headings):
        end = headings[k + 1][0] if k + 1 < len(headings) else len(text)
        section_notes, section_entries = _section_items(text, heading_end, end)
        items = section_notes + section_entries
        if not items:
            continue
        if not section_notes:
            # An unnumbered list is apparatus only when it reads like one (years, pages, ibid.).
            looking = sum(
                bool(_REFERENCE_LIKE.search(e.text) or _TITLED_ENTRY.match(e.text))
                for e in section_entries
            )
            if looking * 2 < len(section_entries):
                continue
        notes.extend(section_notes)
        entries.extend(section_entries)
        excluded.append(Span(heading_start, end))
    return notes, entries, excluded


def _section_items(
    text: str, start: int, end: int
) -> tuple[list[NoteDefinition], list[NoteDefinition]]:
    """The numbered notes (``1. ...``, ``[1] ...``, ``^ ...``) and other entries of one section.

    A line that is not a new note or entry (no number; for a bibliography, no "Surname," at its
    start) continues the one before it unless a blank line comes between."""
    notes: list[NoteDefinition] = []
    entries: list[NoteDefinition] = []
    current: list[NoteDefinition] | None = None
    carets = 0
    offset = start
    for line in text[start:end].splitlines(keepends=True):
        body = line.rstrip("\r\n").rstrip()
        line_start, offset = offset, offset + len(line)
        if not body.strip():
            current = None
            continue
        numbered = _NOTE_LINE.match(body)
        caret = None if numbered else _CARET_LINE.match(body)
        if numbered is not None:
            label, begin = numbered.group(1), line_start + numbered.start(2)
        elif caret is not None:
            carets += 1
            label, begin = str(carets), line_start + caret.start(1)
        if numbered is not None or caret is not None:
            notes.append(
                NoteDefinition(
                    label, text[begin : line_start + len(body)], Span(begin, line_start + len(body))
                )
            )
            current = notes
            continue
        stripped = body.lstrip()
        new_entry = current is not entries or _ENTRY_START.match(stripped)
        if current and not new_entry:
            last = current[-1]
            joined = Span(last.span.start, line_start + len(body))
            current[-1] = NoteDefinition(last.label, text[joined.start : joined.end], joined)
            continue
        if stripped.startswith("#") or len(stripped) < 12:
            current = None
            continue
        begin = line_start + len(body) - len(stripped)
        entries.append(NoteDefinition("", stripped, Span(begin, line_start + len(body))))
        current = entries
    return notes, entries
