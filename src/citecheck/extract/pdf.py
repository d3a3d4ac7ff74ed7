"""A PDF article (the document to check, not a source) as text, with its own notes recognised.

pdfminer.six gives every character with its font, size and position. From these:

- body type is the commonest size; a run of smaller lines at the end of a page whose first line
  starts with a label that a superscript mark in the text uses is that page's footnotes (or, on
  the last pages, the endnotes); each note becomes a ``[^label]: ...`` line, each mark ``[^label]``;
- lines join into paragraphs by pdfminer's text boxes, split again at an indented first line; a
  paragraph that runs over a page break is joined across it; running heads and page numbers (a
  line that is only a number, first or last on its page) are dropped;
- a hyphen at a line end is undone when the next line goes on in lower case, unless the document
  spells the same compound with a hyphen elsewhere; a soft hyphen always is;
- a paragraph indented on the left against the body margin is a block quotation; italic fonts are
  ``*...*``, except a paragraph set wholly in italics (a quotation style, not a title).

Each piece of the text keeps its physical page number (``pdf_text(...).page_at(offset)``).
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from citecheck.errors import InputError
from citecheck.extract.textmap import BuiltText, Inline, Paragraph, build_text, note_reference
from citecheck.extract.textmap import plain_text as _plain_text
from citecheck.model import Document, DocumentFormat, Problem

_ITALIC_FONT = re.compile(r"italic|oblique|[-,]it(?:[A-Z]|$)|\bcmti|\bcmsl", re.I)
_LABEL = r"(?:\d{1,3}|[ivxlc]{1,6}|[*\u2020\u2021\u00a7])"
_NOTE_START = re.compile(rf"^\s*({_LABEL})[.)]?\s+(?=\S)")
_PAGE_NUMBER = re.compile(
    r"^\s*[-\u2013\u2014]?\s*(\d{1,4}|[ivxlcdm]{1,8})\s*[-\u2013\u2014]?\s*$", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019)\]]\s*(?:\[\^[\w-]+\])?$")
_MIN_TEXT_CHARS = 20
# Typographic ligatures as the letters they join, so "ﬁrst" is read as "first".
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    size: float
    italic: bool
    raised: bool


@dataclass
class _Line:
    page: int
    box: int
    x0: float
    x1: float
    y0: float
    size: float
    chars: list[_Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


@dataclass(frozen=True, slots=True)
class PdfText:
    """A PDF's text as the extractor reads it; each body piece knows its page (1-based)."""

    built: BuiltText
    pages: int
    pages_without_text: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The physical page (1-based) of a body offset; None in the notes or added marks."""
        for piece in self.built.pieces:
            if piece.start <= offset < piece.start + piece.length:
                return piece.origin if isinstance(piece.origin, int) else None
        return None


def read_pdf(data: bytes, *, name: str) -> tuple[Document, tuple[Problem, ...]]:
    """A PDF's bytes -> Document (Markdown-like text); InputError for a scan without text."""
    result = pdf_text(data, name=name)
    problems: list[Problem] = []
    if result.pages_without_text:
        pages = ", ".join(str(p) for p in result.pages_without_text)
        which = f"pages {pages} have" if len(result.pages_without_text) > 1 else f"page {pages} has"
        problems.append(
            Problem(
                f"{which} no text layer (scanned?) and so no text was read there; it needs OCR",
                source=name,
            )
        )
    return Document(name=name, text=result.built.text, format=DocumentFormat.PDF), tuple(problems)


def pdf_text(data: bytes, *, name: str) -> PdfText:
    """The text of a PDF article with notes, paragraphs and hyphenation worked out."""
    lines, page_count = _lines(data, name)
    chars = sum(len(line.text.strip()) for line in lines)
    if chars < _MIN_TEXT_CHARS:
        raise InputError(
            "has no text layer (a scanned PDF?); it needs OCR first, e.g. "
            "`ocrmypdf input.pdf output.pdf`, then check the OCRed file",
            path=name,
        )
    with_text = {line.page for line in lines if line.text.strip()}
    missing = tuple(p for p in range(1, page_count + 1) if p not in with_text)
    layout = _Layout(lines)
    return PdfText(layout.built(), page_count, missing)


def _lines(data: bytes, name: str) -> tuple[list[_Line], int]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    lines: list[_Line] = []
    page_count = 0
    # pdfminer logs each repair of a damaged file as a warning; the reader reports what matters.
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        for page_number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
            page_count = page_number
            box_index = 0
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                box_index += 1
                for line in box:
                    if isinstance(line, LTTextLine):
                        record = _line(line, page_number, box_index, LTChar)
                        if record is not None:
                            lines.append(record)
    except PDFPasswordIncorrect:
        raise InputError(
            "is password-protected; save an unprotected copy of the PDF and check that",
            path=name,
        ) from None
    except PDFEncryptionError as error:
        raise InputError(
            f"is encrypted in a way that cannot be read ({error})", path=name
        ) from None
    except (PSException, ValueError, KeyError, TypeError, IndexError, zlib.error) as error:
        raise InputError(
            f"is not a readable PDF ({type(error).__name__}: {str(error)[:100]}); "
            "export it again from the program that made it",
            path=name,
        ) from None
    finally:
        logger.setLevel(level)
    return lines, page_count


def _line(line: Any, page: int, box: int, char_type: Any) -> _Line | None:
    glyphs: list[Any] = [c for c in line if isinstance(c, char_type)]
    if not glyphs:
        return None
    sizes = Counter(round(c.size, 1) for c in glyphs if c.get_text().strip())
    size = sizes.most_common(1)[0][0] if sizes else round(glyphs[0].size, 1)
    full = [c.y0 for c in glyphs if round(c.size, 1) >= size * 0.95]
    baseline = sorted(full)[len(full) // 2] if full else line.y0
    chars: list[_Char] = []
    item: Any
    for item in line:
        text = item.get_text().translate(_LIGATURES)
        if text == "\n":
            continue
        if isinstance(item, char_type):
            raised = item.size <= size * 0.8 and item.y0 > baseline + size * 0.15
            italic = bool(_ITALIC_FONT.search(item.fontname or ""))
            chars.append(_Char(text, item.size, italic, raised))
        else:
            chars.append(_Char(text, size, False, False))
    return _Line(page, box, line.x0, line.x1, line.y0, size, chars)


@dataclass
class _Note:
    label: str
    page: int
    lines: list[_Line] = field(default_factory=list)
    output_label: str = ""
    used: bool = False


class _Layout:
    """Body size and margin, notes, paragraphs: the reading of one PDF."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.body_size = _body_size(lines)
        margins = Counter(round(line.x0) for line in lines if line.size >= self.body_size * 0.95)
        self.margin = float(margins.most_common(1)[0][0]) if margins else 0.0
        rights = Counter(round(line.x1) for line in lines if line.size >= self.body_size * 0.95)
        self.right = float(rights.most_common(1)[0][0]) if rights else 0.0
        self.marks = {
            label
            for line in lines
            for label in _raised_labels(line)
            if line.size >= self.body_size * 0.95
        }
        self.notes: list[_Note] = []
        self.body: list[_Line] = []
        by_page: dict[int, list[_Line]] = {}
        for line in lines:
            by_page.setdefault(line.page, []).append(line)
        self._by_page = by_page
        repeated = _repeated_heads(by_page, self.marks)
        for page in sorted(by_page):
            self._read_page(_without_running_heads(by_page[page], repeated))

    def _read_page(self, lines: list[_Line]) -> None:
        small_from = len(lines)
        while small_from > 0 and lines[small_from - 1].size < self.body_size * 0.95:
            small_from -= 1
        first_note = next(
            (i for i in range(small_from, len(lines)) if self._note_label(lines[i]) is not None),
            len(lines),
        )
        carried = self._carried_over(lines[small_from:first_note])
        if carried:
            # The foot of this page goes on with the last note of the page before.
            self.notes[-1].lines.extend(carried)
        if first_note == len(lines):
            self.body.extend(lines[: len(lines) - len(carried)])
            return
        self.body.extend(lines[: first_note - len(carried)])
        for line in lines[first_note:]:
            label = self._note_label(line)
            if label is not None:
                self.notes.append(_Note(label, line.page))
            self.notes[-1].lines.append(line)

    def _carried_over(self, small: list[_Line]) -> list[_Line]:
        """The small lines ending a page before its first note (or with no note) that continue
        the previous page's last note: that note stopped mid-sentence, or they go on in lower
        case, and they stand below every line of body type on the page."""
        if not small or not self.notes:
            return []
        last = self.notes[-1]
        if last.page != small[0].page - 1:
            return []
        unfinished = not _SENTENCE_END.search(last.lines[-1].text.rstrip())
        lower = small[0].text.lstrip()[:1].islower()
        body_lines = [
            line for line in self._page_lines(small[0].page) if line.size >= self.body_size * 0.95
        ]
        below = all(small[0].y0 < line.y0 for line in body_lines)
        return small if (unfinished or lower) and below else []

    def _page_lines(self, page: int) -> list[_Line]:
        return self._by_page.get(page, [])

    def _note_label(self, line: _Line) -> str | None:
        found = _label_prefix(line)
        return found[0] if found and found[0] in self.marks else None

    def built(self) -> BuiltText:
        labels = Counter(note.label for note in self.notes)
        seen: Counter[str] = Counter()
        for note in self.notes:
            seen[note.label] += 1
            suffix = (
                f"-{seen[note.label]}" if labels[note.label] > 1 and seen[note.label] > 1 else ""
            )
            note.output_label = note.label + suffix
        paragraphs = list(self._paragraphs())
        hyphenated = _hyphenated_words(self.lines)
        out = [
            Paragraph(tuple(_joined(p, hyphenated, self)), block_quote=self._indented(p))
            for p in paragraphs
        ]
        notes = []
        for note in self.notes:
            text = _plain_text(_joined(note.lines, hyphenated, self, strip_label=True))
            notes.append((note.output_label, text))
        return build_text(out, notes)

    def _paragraphs(self) -> Iterator[list[_Line]]:
        current: list[_Line] = []
        for line in self.body:
            if current and self._starts_paragraph(current, line):
                yield current
                current = []
            current.append(line)
        if current:
            yield current

    def _starts_paragraph(self, current: list[_Line], line: _Line) -> bool:
        previous = current[-1]
        if line.page != previous.page:
            ends = _SENTENCE_END.search(previous.text.rstrip()) is not None
            first = line.text.lstrip()[:1]
            return ends or not first.islower() or self._indented([line]) != self._indented(current)
        if abs(line.size - previous.size) > 0.5:
            return True
        if line.box != previous.box:
            return not self._runs_on(previous, line)
        left = min(item.x0 for item in current)
        return (
            line.x0 - left >= self.body_size
            and len(current) >= 1
            and previous.x1 < max(item.x1 for item in current) - self.body_size * 2
        )

    def _runs_on(self, previous: _Line, line: _Line) -> bool:
        """A line pdfminer put in a new box that still goes on with the paragraph: the line
        before it is full, it starts at the margin, and no more than a line's space between."""
        full = previous.x1 >= self.right - self.body_size
        at_margin = abs(line.x0 - previous.x0) < 2 or abs(line.x0 - self.margin) < 2
        close = 0 < previous.y0 - line.y0 <= line.size * 1.6
        return full and at_margin and close and not _SENTENCE_END.search(previous.text.rstrip())

    def _indented(self, lines: list[_Line]) -> bool:
        return all(line.x0 >= self.margin + 18 for line in lines)

    def note_for(self, label: str, page: int) -> _Note | None:
        candidates = [n for n in self.notes if n.label == label and not n.used]
        same_page = [n for n in candidates if n.page == page]
        later = [n for n in candidates if n.page >= page]
        if not (same_page or later):
            return None
        choice = (same_page or later)[0]
        choice.used = True
        return choice


def _label_prefix(line: _Line) -> tuple[str, int] | None:
    """The note label a line starts with, and how many of its characters it takes with its
    space: "1 Grey, ..." or "12. Grey, ...", or a raised label, with or without a space after."""
    chars = line.chars
    lead = next((i for i, c in enumerate(chars) if c.text.strip()), len(chars))
    raised = lead
    while raised < len(chars) and chars[raised].raised and chars[raised].text.strip():
        raised += 1
    if raised > lead:
        label = "".join(c.text for c in chars[lead:raised])
        if re.fullmatch(_LABEL, label):
            end = raised
            while end < len(chars) and not chars[end].text.strip():
                end += 1
            return label, end
    match = _NOTE_START.match(line.text)
    return (match.group(1), _char_index(line, match.end())) if match else None


def _char_index(line: _Line, offset: int) -> int:
    """The index of the character at a text offset (a character may hold several letters)."""
    position = 0
    for index, char in enumerate(line.chars):
        if position >= offset:
            return index
        position += len(char.text)
    return len(line.chars)


def _body_size(lines: list[_Line]) -> float:
    """The body's type size: the largest size that sets a tenth of the text or more. Not simply
    the commonest size, since the notes of a learned article can run longer than its text."""
    sizes = Counter(round(c.size, 1) for line in lines for c in line.chars if c.text.strip())
    total = sum(sizes.values())
    if not total:
        return 10.0
    common = [size for size, count in sizes.items() if count >= total * 0.1]
    return max(common) if common else sizes.most_common(1)[0][0]


def _raised_labels(line: _Line) -> Iterator[str]:
    run = ""
    for char in [*line.chars, _Char(" ", 0, False, False)]:
        if char.raised and char.text.strip():
            run += char.text
        elif run:
            if re.fullmatch(_LABEL, run):
                yield run
            run = ""


def _without_running_heads(lines: list[_Line], repeated: set[str]) -> list[_Line]:
    """Without a bare page number, or a line that heads or foots other pages too (a running
    head such as "JOURNAL OF SOVIET HISTORY 23"), as the first or last line of the page."""
    if len(lines) < 2:
        return lines
    by_height = sorted(lines, key=lambda line: line.y0)
    drop = {
        id(line)
        for line in (by_height[0], by_height[-1])
        if _PAGE_NUMBER.match(line.text) or _head_key(line) in repeated
    }
    return [line for line in lines if id(line) not in drop]


def _head_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).lower()


def _repeated_heads(pages: dict[int, list[_Line]], marks: set[str]) -> set[str]:
    """Texts (digits aside) that stand first, or last, on at least two pages; never a note."""
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for lines in pages.values():
        if len(lines) < 2:
            continue
        by_height = sorted(lines, key=lambda line: line.y0)
        for line, seen in ((by_height[-1], tops), (by_height[0], bottoms)):
            label = _label_prefix(line)
            if label is None or label[0] not in marks:
                seen[_head_key(line)] += 1
    return {
        key for counter in (tops, bottoms) for key, count in counter.items()
        if count >= 2 and key.strip("# ")
    }  # fmt: skip


def _hyphenated_words(lines: list[_Line]) -> set[str]:
    """Compounds the document prints with a hyphen inside a line ("well-known")."""
    words: set[str] = set()
    for line in lines:
        words.update(m.group(0).lower() for m in re.finditer(r"\w+-\w+", line.text))
    return words


def _joined(
    lines: list[_Line], hyphenated: set[str], layout: _Layout, *, strip_label: bool = False
) -> list[Inline]:
    """The inlines of lines read as one paragraph: marks as note references, hyphens undone."""
    inlines: list[Inline] = []
    whole_italic = all(c.italic for line in lines for c in line.chars if c.text.strip())
    for index, line in enumerate(lines):
        chars = list(line.chars)
        if strip_label and index == 0:
            found = _label_prefix(line)
            chars = chars[found[1] :] if found else chars
        text_inlines = _line_inlines(chars, line, layout, italic_allowed=not whole_italic)
        if index + 1 < len(lines) and text_inlines:
            next_text = lines[index + 1].text.lstrip()
            last = text_inlines[-1]
            stripped = last.text.rstrip()
            if stripped.endswith("\u00ad"):
                text_inlines[-1] = _replace(last, stripped[:-1])
            elif stripped.endswith("-") and stripped[-2:-1].isalpha() and next_text[:1].islower():
                head = re.search(r"(\w+)-$", stripped)
                tail = re.match(r"\w+", next_text)
                compound = f"{head.group(1)}-{tail.group(0)}".lower() if head and tail else ""
                if compound not in hyphenated:
                    text_inlines[-1] = _replace(last, stripped[:-1])
                else:
                    text_inlines[-1] = _replace(last, stripped)
            elif not last.text.endswith((" ", "\t")):
                text_inlines.append(Inline(" "))
        inlines.extend(text_inlines)
    return inlines


def _replace(inline: Inline, text: str) -> Inline:
    return Inline(text, inline.italic, inline.origin, inline.offset, inline.markup)


def _line_inlines(
    chars: list[_Char], line: _Line, layout: _Layout, *, italic_allowed: bool
) -> list[Inline]:
    out: list[Inline] = []
    index = 0
    while index < len(chars):
        char = chars[index]
        if char.raised and char.text.strip():
            end = index
            while end < len(chars) and chars[end].raised and chars[end].text.strip():
                end += 1
            label = "".join(c.text for c in chars[index:end])
            note = layout.note_for(label, line.page) if re.fullmatch(_LABEL, label) else None
            if note is not None:
                out.append(note_reference(note.output_label))
            else:
                out.append(Inline(label, origin=line.page))
            index = end
            continue
        end = index
        italic = char.italic and italic_allowed
        while (
            end < len(chars)
            and not (chars[end].raised and chars[end].text.strip())
            and ((chars[end].italic and italic_allowed) == italic or not chars[end].text.strip())
        ):
            end += 1
        out.append(Inline("".join(c.text for c in chars[index:end]), italic, origin=line.page))
        index = end
    return out


__all__ = ["PdfText", "pdf_text", "read_pdf"]
