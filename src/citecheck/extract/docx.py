"""Word documents (.docx) as text: paragraphs, italics, block quotations, footnotes and endnotes.

python-docx opens the package (zip, relationships, content types) and parses the main part with
entities left unresolved; the note parts, which python-docx does not model, are parsed here with
the same precautions (no entities, no DTD, no network). The body is walked in document order:

- tracked changes read as if accepted: inserted text (``w:ins``, ``w:moveTo``) is kept, deleted
  text (``w:del``, ``w:moveFrom``, ``w:delText``) dropped, a deleted paragraph mark joins the
  paragraph to the next; formatting is the current one;
- comments, field codes (their results are read), hidden text, headers and footers, text boxes
  and drawings are not read;
- italics are direct formatting or a character style that is italic (a paragraph style's italics
  are not: Word's *Quote* style is italic as a whole);
- a paragraph in a code style (Source Code, HTML Preformatted, ...) is a fenced code block, whose
  quotation marks are not quotations;
- block quotations are paragraphs in a quotation style (Quote, Intense Quote, Block Text, or a
  style based on one) or indented on the left by 1 cm or more and not a list item.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from citecheck.errors import InputError
from citecheck.extract.textmap import (
    QUOTE_STYLES,
    BuiltText,
    Inline,
    Paragraph,
    build_text,
    note_reference,
)
from citecheck.extract.textmap import plain_text as _plain_text
from citecheck.model import Document, DocumentFormat, Problem, Severity

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"

_CODE_STYLES = frozenset(
    {"sourcecode", "code", "codeblock", "htmlpreformatted", "plaintext", "macrotext", "verbatim",
     "preformattedtext"}
)  # fmt: skip
_NOT_QUOTE_PREFIXES = ("heading", "title", "subtitle", "toc", "list", "caption", "footnote")
_QUOTE_INDENT_TWIPS = 567  # 1 cm
_FALSE = frozenset({"0", "false", "off", "none"})
# Containers whose content is the text as it stands (tracked insertions included).
_TRANSPARENT = frozenset(
    f"{_W}{name}"
    for name in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "sdt", "sdtContent",
                 "fldSimple", "dir", "bdo")
)  # fmt: skip
_DROPPED = frozenset(f"{_W}{name}" for name in ("del", "moveFrom"))


def safe_parser() -> etree.XMLParser:
    """An XML parser that resolves no entities, loads no DTD and never reaches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True, slots=True)
class WordText:
    """A Word document's text as the extractor reads it, and where each piece came from."""

    built: BuiltText
    tracked_insertions: int = 0
    tracked_deletions: int = 0
    comments: int = 0


def read_docx(data: bytes, *, name: str) -> tuple[Document, tuple[Problem, ...]]:
    """A .docx file's bytes -> Document (Markdown-like text) and what the reader noticed."""
    word = word_text(open_docx(data, name=name), name=name)
    problems: list[Problem] = []
    if word.tracked_insertions or word.tracked_deletions:
        problems.append(
            Problem(
                "tracked changes read as if accepted "
                f"({_count(word.tracked_insertions, 'insertion')} kept, "
                f"{_count(word.tracked_deletions, 'deletion')} dropped)",
                source=name,
                severity=Severity.INFO,
            )
        )
    if word.comments:
        problems.append(
            Problem(
                f"{_count(word.comments, 'Word comment')} not read",
                source=name,
                severity=Severity.INFO,
            )
        )
    if not word.built.text.strip():
        raise InputError("the Word document has no text", path=name)
    document = Document(name=name, text=word.built.text, format=DocumentFormat.DOCX)
    return document, tuple(problems)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def open_docx(data: bytes, *, name: str) -> Any:
    """The python-docx Document of a package; InputError when it is not a readable .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        etree.XMLSyntaxError,
        zlib.error,
        EOFError,
        NotImplementedError,  # a compression method zipfile lacks
    ) as error:
        raise InputError(
            f"is not a readable Word document ({_reason(error)}); "
            "open it in Word or LibreOffice and save it again as .docx",
            path=name,
        ) from None
    except ValueError as error:
        raise InputError(f"is not a Word document ({error}); save it as .docx", path=name) from None


def _reason(error: Exception) -> str:
    text = str(error).strip("'\"") or type(error).__name__
    return text[:120]


def word_text(document: Any, *, name: str) -> WordText:
    """The text of an open python-docx Document (the annotator walks the same text)."""
    styles = _Styles(document.styles.element)
    notes = _Notes(
        footnotes=_note_part(document, _FOOTNOTES, "footnote", name),
        endnotes=_note_part(document, _ENDNOTES, "endnote", name),
        styles=styles,
        formats=note_formats(document, name),
    )
    body = document.element.find(f"{_W}body")
    walker = _Walker(styles, notes)
    paragraphs = walker.paragraphs(body) if body is not None else []
    built = build_text(paragraphs, notes.texts())
    comments = _count_comments(document, name)
    return WordText(
        built,
        tracked_insertions=walker.insertions + notes.walker.insertions,
        tracked_deletions=walker.deletions + notes.walker.deletions,
        comments=comments,
    )


def _part_xml(document: Any, reltype: str, name: str) -> Any | None:
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            try:
                return etree.fromstring(rel.target_part.blob, safe_parser())
            except etree.XMLSyntaxError as error:
                raise InputError(
                    f"is not a readable Word document (its {rel.target_ref} is broken: "
                    f"{_reason(error)}); open it in Word and save it again",
                    path=name,
                ) from None
    return None


def _note_part(document: Any, reltype: str, kind: str, name: str) -> dict[str, Any]:
    root = _part_xml(document, reltype, name)
    if root is None:
        return {}
    notes: dict[str, Any] = {}
    for note in root.iter(f"{_W}{kind}"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[note.get(f"{_W}id", "")] = note
    return notes


def _count_comments(document: Any, name: str) -> int:
    root = _part_xml(document, _COMMENTS, name)
    return 0 if root is None else len(root.findall(f"{_W}comment"))


def _on(element: Any | None) -> bool:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``) is on."""
    return element is not None and element.get(f"{_W}val", "true").lower() not in _FALSE


def _twips(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    italic: bool | None
    left_indent: int | None
    hanging: bool
    numbered: bool


class _Styles:
    """The style sheet: names through ``w:basedOn``, italics and indents as inherited."""

    def __init__(self, root: Any) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        for style in root.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            name_el = style.find(f"{_W}name")
            based = style.find(f"{_W}basedOn")
            italic_el = style.find(f"{_W}rPr/{_W}i")
            indent = style.find(f"{_W}pPr/{_W}ind")
            left = None
            hanging = False
            if indent is not None:
                raw = indent.get(f"{_W}left") or indent.get(f"{_W}start")
                left = _twips(raw) if raw is not None else None
                hanging = _twips(indent.get(f"{_W}hanging")) > 0
            self._styles[style_id] = _Style(
                name=(name_el.get(f"{_W}val", "") if name_el is not None else style_id),
                based_on=based.get(f"{_W}val") if based is not None else None,
                italic=_on(italic_el) if italic_el is not None else None,
                left_indent=left,
                hanging=hanging,
                numbered=style.find(f"{_W}pPr/{_W}numPr") is not None,
            )
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def italic(self, style_id: str | None) -> bool:
        for style in self.chain(style_id):
            if style.italic is not None:
                return style.italic
        return False

    def is_code(self, style_id: str | None) -> bool:
        return any(s.name.lower().replace(" ", "") in _CODE_STYLES for s in self.chain(style_id))

    def is_quotation(self, style_id: str | None) -> bool:
        names = [s.name.lower().replace(" ", "") for s in self.chain(style_id)]
        if names and names[0].startswith(_NOT_QUOTE_PREFIXES):
            return False
        return any(n in QUOTE_STYLES for n in names)

    def indent(self, style_id: str | None) -> tuple[int, bool, bool]:
        """(left indent in twips, hanging, numbered) as the style chain gives them."""
        left, hanging, numbered = 0, False, False
        for style in self.chain(style_id):
            numbered = numbered or style.numbered
            if style.left_indent is not None:
                return style.left_indent, style.hanging, numbered
        return left, hanging, numbered

    def name(self, style_id: str | None) -> str:
        for style in self.chain(style_id):
            return style.name.lower()
        return ""


@dataclass
class _Walker:
    """Walks paragraphs and runs in order, collecting inlines and counting tracked changes."""

    styles: _Styles
    notes: _Notes | None
    insertions: int = 0
    deletions: int = 0

    def paragraphs(self, container: Any) -> list[Paragraph]:
        out: list[Paragraph] = []
        carried: list[Inline] = []
        for element in self._blocks(container):
            inlines = carried + self._inlines(element)
            mark = element.find(f"{_W}pPr/{_W}rPr")
            if mark is not None and mark.find(f"{_W}ins") is not None:
                self.insertions += 1
            if mark is not None and mark.find(f"{_W}del") is not None:
                # A deleted paragraph mark: once accepted, this paragraph runs on into the next.
                self.deletions += 1
                carried = inlines
                continue
            carried = []
            style_el = element.find(f"{_W}pPr/{_W}pStyle")
            style_id = style_el.get(f"{_W}val") if style_el is not None else None
            if self.styles.is_code(style_id):
                out.append(Paragraph(tuple(inlines), code=True))
            else:
                out.append(Paragraph(tuple(inlines), block_quote=self._is_block_quote(element)))
        if carried:
            out.append(Paragraph(tuple(carried)))
        return out

    def _blocks(self, container: Any) -> Iterator[Any]:
        """Paragraphs in document order, including those in tables and content controls."""
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                yield child
            elif tag in _DROPPED:
                self.deletions += 1
            elif tag in (f"{_W}tbl", f"{_W}tr", f"{_W}tc", *_TRANSPARENT):
                if tag == f"{_W}ins":
                    self.insertions += 1
                yield from self._blocks(child)

    def _is_block_quote(self, paragraph: Any) -> bool:
        style_el = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style_el.get(f"{_W}val") if style_el is not None else None
        style_id = style_id or self.styles.default_paragraph
        if self.styles.is_quotation(style_id):
            return True
        if self.styles.name(style_id).startswith(_NOT_QUOTE_PREFIXES):
            return False
        left, hanging, numbered = self.styles.indent(style_id)
        indent = paragraph.find(f"{_W}pPr/{_W}ind")
        if indent is not None:
            raw = indent.get(f"{_W}left") or indent.get(f"{_W}start")
            if raw is not None:
                left = _twips(raw)
            if indent.get(f"{_W}hanging") is not None:
                hanging = _twips(indent.get(f"{_W}hanging")) > 0
        numbered = numbered or paragraph.find(f"{_W}pPr/{_W}numPr") is not None
        return left >= _QUOTE_INDENT_TWIPS and not hanging and not numbered

    def _inlines(self, paragraph: Any) -> list[Inline]:
        out: list[Inline] = []
        self._collect(paragraph, out)
        return out

    def _collect(self, element: Any, out: list[Inline]) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, out)
            elif tag in _DROPPED:
                self.deletions += 1
            elif tag in _TRANSPARENT:
                if tag in (f"{_W}ins", f"{_W}moveTo"):
                    self.insertions += 1
                self._collect(child, out)
            elif tag == f"{_W}ruby":
                base = child.find(f"{_W}rubyBase")
                if base is not None:
                    self._collect(base, out)

    def _run(self, run: Any, out: list[Inline]) -> None:
        if _on(run.find(f"{_W}rPr/{_W}vanish")):
            return  # hidden text is not part of the text the reader sees
        italic = self._italic(run)
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                out.append(Inline(child.text or "", italic, child))
            elif tag == f"{_W}tab":
                out.append(Inline("\t", italic))
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append(Inline("\n"))
            elif tag == f"{_W}noBreakHyphen":
                out.append(Inline("-", italic))
            elif tag == f"{_W}footnoteReference" and self.notes is not None:
                out.append(note_reference(self.notes.label("footnote", child.get(f"{_W}id", ""))))
            elif tag == f"{_W}endnoteReference" and self.notes is not None:
                out.append(note_reference(self.notes.label("endnote", child.get(f"{_W}id", ""))))

    def _italic(self, run: Any) -> bool:
        properties = run.find(f"{_W}rPr")
        if properties is not None:
            direct = properties.find(f"{_W}i")
            if direct is not None:
                return _on(direct)
            style = properties.find(f"{_W}rStyle")
            if style is not None:
                return self.styles.italic(style.get(f"{_W}val"))
        return False


@dataclass
class _Notes:
    """Footnotes and endnotes, numbered in the order their references appear, in the document's
    number format (by default 1, 2, ... and i, ii, ...)."""

    footnotes: dict[str, Any]
    endnotes: dict[str, Any]
    styles: _Styles
    walker: _Walker = field(init=False)
    _labels: dict[tuple[str, str], str] = field(default_factory=dict)
    _order: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.walker = _Walker(self.styles, None)

    formats: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Per kind, Word's number format and first number (w:footnotePr / w:endnotePr)."""

    def label(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self._labels:
            fmt, start = self.formats.get(kind, _DEFAULT_NOTE_FORMATS[kind])
            count = sum(1 for k, _ in self._order if k == kind) + start
            label = _numbered(count, fmt)
            other = "endnote" if kind == "footnote" else "footnote"
            if (
                kind == "endnote"
                and fmt == self.formats.get(other, _DEFAULT_NOTE_FORMATS[other])[0]
            ):
                label = f"e{label}"  # endnotes numbered like footnotes: keep the labels apart
            self._labels[key] = label
            self._order.append(key)
        return self._labels[key]

    def texts(self) -> list[tuple[str, str]]:
        out = []
        for kind, note_id in self._order:
            note = (self.footnotes if kind == "footnote" else self.endnotes).get(note_id)
            if note is None:
                continue
            paragraphs = self.walker.paragraphs(note)
            text = " ".join(_plain_text(p.inlines) for p in paragraphs)
            out.append((self._labels[(kind, note_id)], text))
        return out


_DEFAULT_NOTE_FORMATS = {"footnote": ("decimal", 1), "endnote": ("lowerRoman", 1)}


def note_formats(document: Any, name: str) -> dict[str, tuple[str, int]]:
    """Word's numbering of footnotes and endnotes from the settings part: (format, start)."""
    formats: dict[str, tuple[str, int]] = {}
    # Read from the package, not python-docx's ``settings``, which adds a part when there is none.
    settings = _part_xml(document, _SETTINGS, name)
    if settings is None:
        return formats
    for kind in ("footnote", "endnote"):
        fmt, start = _DEFAULT_NOTE_FORMATS[kind]
        properties = settings.find(f"{_W}{kind}Pr")
        if properties is not None:
            numbering = properties.find(f"{_W}numFmt")
            if numbering is not None and numbering.get(f"{_W}val") in _NUMBER_FORMATS:
                fmt = numbering.get(f"{_W}val")
            first = properties.find(f"{_W}numStart")
            if first is not None and (first.get(f"{_W}val") or "").isdigit():
                start = max(1, int(first.get(f"{_W}val")))
        formats[kind] = (fmt, start)
    return formats


_NUMBER_FORMATS = frozenset({"decimal", "lowerRoman", "upperRoman", "lowerLetter", "upperLetter"})


def _numbered(number: int, fmt: str) -> str:
    """A note number as Word prints it (symbol formats fall back to digits)."""
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters: a..z, then aa..zz, and so on.
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(number)


def _roman(number: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
    out = ""
    for value, numeral in numerals:
        while number >= value:
            out += numeral
            number -= value
    return out
