"""OpenDocument text (.odt) as text: paragraphs, italics, block quotations, footnotes, endnotes.

An .odt is a zip of XML parts (OASIS ODF 1.2/1.3); ``content.xml`` holds the body with each note
inline (``text:note`` with its citation and body), and the styles it uses, which are resolved
through ``styles.xml``. Read with lxml's safe parser rather than odfpy, whose last release is from
2020 and which would add nothing here but a second XML tree. Tracked changes: the body already
holds inserted text; deleted text lives only in ``text:tracked-changes``, which is skipped, so the
text reads as if every change were accepted.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from citecheck.errors import InputError
from citecheck.extract.docx import safe_parser
from citecheck.extract.textmap import QUOTE_STYLES, Inline, Paragraph, build_text, note_reference
from citecheck.extract.textmap import plain_text as _plain_text
from citecheck.model import Document, DocumentFormat, Problem, Severity

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"

_CODE_STYLES = frozenset(
    {"preformattedtext", "sourcecode", "code", "codeblock", "verbatim", "htmlpreformatted"}
)  # fmt: skip
_QUOTE_INDENT_CM = 1.0
_BLOCKS = frozenset({f"{_TEXT}p", f"{_TEXT}h"})
_CONTAINERS = frozenset(
    {f"{_TEXT}list", f"{_TEXT}list-item", f"{_TEXT}list-header", f"{_TEXT}section",
     f"{_TABLE}table", f"{_TABLE}table-row", f"{_TABLE}table-cell", f"{_TABLE}table-header-rows",
     f"{_TABLE}table-rows", f"{_TEXT}index-body"}
)  # fmt: skip
_SKIPPED = frozenset(
    {f"{_TEXT}tracked-changes", f"{_OFFICE}annotation", f"{_TEXT}note-citation",
     f"{_TEXT}sequence-decls", f"{_TEXT}variable-decls", f"{_TEXT}user-field-decls",
     f"{_TEXT}table-of-content"}
)  # fmt: skip
_INLINE_CONTAINERS = frozenset(
    {f"{_TEXT}span", f"{_TEXT}a", f"{_TEXT}bookmark-ref", f"{_TEXT}reference-ref",
     f"{_TEXT}sequence", f"{_TEXT}ruby-base", f"{_TEXT}meta", f"{_TEXT}date", f"{_TEXT}time",
     f"{_TEXT}page-number", f"{_TEXT}author-name", f"{_TEXT}title", f"{_TEXT}chapter"}
)  # fmt: skip


def read_odt(data: bytes, *, name: str) -> tuple[Document, tuple[Problem, ...]]:
    """An .odt file's bytes -> Document (Markdown-like text) and what the reader noticed."""
    content, styles = _parts(data, name)
    sheet = _StyleSheet()
    if styles is not None:
        sheet.add(styles)
    sheet.add(content)
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise InputError("is not an OpenDocument text (no text body)", path=name)
    walker = _Walker(sheet)
    paragraphs = list(walker.paragraphs(body))
    built = build_text(paragraphs, walker.note_texts)
    if not built.text.strip():
        raise InputError("the OpenDocument text has no text", path=name)
    problems = []
    changes = body.find(f"{_TEXT}tracked-changes")
    if changes is not None and len(changes):
        problems.append(
            Problem(
                "tracked changes read as if accepted "
                f"({len(changes)} changed region{'' if len(changes) == 1 else 's'})",
                source=name,
                severity=Severity.INFO,
            )
        )
    return Document(name=name, text=built.text, format=DocumentFormat.ODT), tuple(problems)


def _parts(data: bytes, name: str) -> tuple[Any, Any | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "META-INF/manifest.xml" in names:
                manifest = etree.fromstring(package.read("META-INF/manifest.xml"), safe_parser())
                if manifest.find(f".//{_MANIFEST}encryption-data") is not None:
                    raise InputError(
                        "is password-protected; open it in LibreOffice, remove the password "
                        "(File > Properties > Security) and save again",
                        path=name,
                    )
            content = etree.fromstring(package.read("content.xml"), safe_parser())
            styles = (
                etree.fromstring(package.read("styles.xml"), safe_parser())
                if "styles.xml" in names
                else None
            )
            return content, styles
    except (
        zipfile.BadZipFile,
        KeyError,
        etree.XMLSyntaxError,
        EOFError,
        zlib.error,
        ValueError,  # also a member name that is not UTF-8
        NotImplementedError,  # a compression method zipfile lacks
    ) as error:
        raise InputError(
            f"is not a readable OpenDocument text ({str(error)[:120]}); "
            "open it in LibreOffice and save it again",
            path=name,
        ) from None


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    display: str
    parent: str | None
    italic: bool | None
    margin_left_cm: float | None


def _centimetres(value: str | None) -> float | None:
    if not value:
        return None
    units = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "pc": 2.54 / 6}
    for unit, factor in units.items():
        if value.endswith(unit):
            try:
                return float(value[: -len(unit)]) * factor
            except ValueError:
                return None
    return None


@dataclass
class _StyleSheet:
    styles: dict[tuple[str, str], _Style] = field(default_factory=dict)

    def add(self, root: Any) -> None:
        for style in root.iter(f"{_STYLE}style"):
            family = style.get(f"{_STYLE}family", "")
            name = style.get(f"{_STYLE}name", "")
            text = style.find(f"{_STYLE}text-properties")
            paragraph = style.find(f"{_STYLE}paragraph-properties")
            italic = None
            if text is not None and text.get(f"{_FO}font-style") is not None:
                italic = text.get(f"{_FO}font-style") in ("italic", "oblique")
            margin = None
            if paragraph is not None:
                margin = _centimetres(paragraph.get(f"{_FO}margin-left"))
            self.styles[(family, name)] = _Style(
                name=name,
                display=style.get(f"{_STYLE}display-name", name),
                parent=style.get(f"{_STYLE}parent-style-name"),
                italic=italic,
                margin_left_cm=margin,
            )

    def chain(self, family: str, name: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while name and name not in seen and (family, name) in self.styles:
            seen.add(name)
            style = self.styles[(family, name)]
            yield style
            name = style.parent

    def italic(self, name: str | None) -> bool | None:
        """Whether a text style sets italics (None: it leaves them as they are)."""
        for style in self.chain("text", name):
            if style.italic is not None:
                return style.italic
        return None

    def is_code(self, name: str | None) -> bool:
        keys = set()
        for style in self.chain("paragraph", name):
            keys.add(style.name.lower().replace("_20_", "").replace(" ", ""))
            keys.add(style.display.lower().replace(" ", ""))
        return bool(keys & _CODE_STYLES)

    def is_block_quote(self, name: str | None) -> bool:
        styles = list(self.chain("paragraph", name))
        keys = {s.name.lower().replace("_20_", "").replace(" ", "") for s in styles}
        keys |= {s.display.lower().replace(" ", "") for s in styles}
        if keys & QUOTE_STYLES:
            return True
        if any(k.startswith(("heading", "title", "list", "footnote", "endnote")) for k in keys):
            return False
        for style in styles:
            if style.margin_left_cm is not None:
                return style.margin_left_cm >= _QUOTE_INDENT_CM
        return False


@dataclass
class _Walker:
    sheet: _StyleSheet
    note_texts: list[tuple[str, str]] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)

    def paragraphs(self, container: Any, *, in_list: bool = False) -> Iterator[Paragraph]:
        for child in container:
            tag = child.tag
            if tag in _BLOCKS:
                inlines: list[Inline] = []
                self._collect(child, inlines, italic=False)
                style = child.get(f"{_TEXT}style-name")
                if tag == f"{_TEXT}p" and self.sheet.is_code(style):
                    yield Paragraph(tuple(inlines), code=True)
                    continue
                quote = tag == f"{_TEXT}p" and not in_list and self.sheet.is_block_quote(style)
                yield Paragraph(tuple(inlines), block_quote=quote)
            elif tag in _CONTAINERS:
                yield from self.paragraphs(child, in_list=in_list or tag == f"{_TEXT}list")

    def _collect(self, element: Any, out: list[Inline], *, italic: bool) -> None:
        if element.text:
            out.append(Inline(element.text, italic))
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                pass
            elif tag in _INLINE_CONTAINERS:
                style = child.get(f"{_TEXT}style-name")
                inner = self.sheet.italic(style) if style else None
                self._collect(child, out, italic=italic if inner is None else inner)
            elif tag == f"{_TEXT}s":
                out.append(Inline(" " * int(child.get(f"{_TEXT}c", "1") or 1), italic))
            elif tag == f"{_TEXT}tab":
                out.append(Inline("\t", italic))
            elif tag == f"{_TEXT}line-break":
                out.append(Inline("\n"))
            elif tag == f"{_TEXT}soft-page-break":
                pass
            elif tag == f"{_TEXT}note":
                out.append(note_reference(self._note(child)))
            if child.tail:
                out.append(Inline(child.tail, italic))

    def _note(self, note: Any) -> str:
        kind = note.get(f"{_TEXT}note-class", "footnote")
        count = self._counts.get(kind, 0) + 1
        self._counts[kind] = count
        # The number the document prints, when it can serve as a label; else our own count.
        citation = "".join(note.findtext(f"{_TEXT}note-citation") or "").strip()
        label = str(count) if kind == "footnote" else _roman(count)
        if re.fullmatch(r"\w{1,8}", citation) and citation not in self._used:
            label = citation
        elif label in self._used:
            label = f"{kind[0]}{label}"
        self._used.add(label)
        body = note.find(f"{_TEXT}note-body")
        paragraphs = list(self.paragraphs(body)) if body is not None else []
        self.note_texts.append((label, " ".join(_plain_text(p.inlines) for p in paragraphs)))
        return label


def _roman(number: int) -> str:
    from citecheck.extract.docx import _roman as roman

    return roman(number)
