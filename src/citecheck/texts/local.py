"""Files the user owns: plain text, PDF, EPUB and HTML, read as pages with printed page numbers where known.

Plain text (``.txt`` or any file that is not PDF, EPUB or HTML):

- **Page-marker lines** (checked first). A line that is nothing but one of these starts the page it
  names, and is not part of the text: ``--- page 253 ---`` (also ``-- p. 253 --``),
  ``=== 253 ===`` (also ``=== page 253 ===``), ``[p. 253]`` (also ``[page 253]``, ``[pg 253]``).
  Labels are Arabic or Roman numerals (``[p. xii]``). Text before the first marker is a page with no
  printed number.
- **Form feeds** (as ``pdftotext`` writes them): each form feed ends a page. A page whose first or last
  non-blank line is only a number (``253``, or a lower-case Roman ``xii``) takes it as its printed
  number; otherwise its printed number is None. A lone number anywhere else is NOT taken for a page
  number: lists, years and chapter numbers look the same.
- Otherwise the whole file is one page with printed None.

PDF: one page per PDF page, marked as OCR text when its text is an invisible layer over scans
(as OCR tools write it); the printed number is the PDF's page label where the file defines page
labels (``/PageLabels``), else a lone number on the first or last line as for form feeds, else None.
EPUB: pages split at ``epub:type="pagebreak"`` markers when the book has them (printed page numbers of
the print edition), else one page per spine document with printed None.
HTML: the main content, split at page-break markers (see ``markup``) when present.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.encoding import decode_guessing
from citecheck.errors import InputError
from citecheck.model import Edition, Hit, Page, Provenance, Service, roman_to_int
from citecheck.texts.markup import html_to_parts
from citecheck.texts.pagesearch import search_pages
from citecheck.texts.web import looks_like_html

if TYPE_CHECKING:
    from pypdf import PdfReader

_LABEL = r"(\d{1,5}|[ivxlcdm]{1,8})"
_MARKERS = (
    re.compile(rf"^-{{2,}}\s*(?:page|p\.?)\s*{_LABEL}\s*-{{2,}}$", re.IGNORECASE),
    re.compile(rf"^={{2,}}\s*(?:page\s+|p\.\s*)?{_LABEL}\s*={{2,}}$", re.IGNORECASE),
    re.compile(rf"^\[\s*(?:page|pg\.?|p\.)\s*{_LABEL}\s*\]$", re.IGNORECASE),
)
_RUNNING_NUMBER = re.compile(r"^(\d{1,5}|[ivxlcdm]{1,8})$")
_MAX_ROMAN_PAGE = 200
_ROMAN_STEPS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def decode_text(raw: bytes, *, name: str) -> str:
    """Bytes of a text file as str: UTF-8 when it is, else the likeliest legacy code page."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("this is a binary file, not text", path=name)
    decoded = decode_guessing(raw)
    if decoded is None:
        raise InputError("cannot tell the text encoding of this file", path=name)
    return decoded.text


def marker_label(line: str) -> str | None:
    """The page a page-marker line names (``--- page 253 ---`` -> ``"253"``), or None."""
    stripped = line.strip()
    for pattern in _MARKERS:
        found = pattern.match(stripped)
        if found:
            return found.group(1)
    return None


def _is_front_matter_roman(label: str) -> bool:
    # Lower case, canonical and small: "xii" yes; "mix" (1009), "civil" (not canonical), "IV" no.
    value = roman_to_int(label) if label.islower() else None
    return value is not None and value <= _MAX_ROMAN_PAGE and int_to_roman(value) == label


def int_to_roman(value: int) -> str:
    """14 -> ``"xiv"`` (lower case, as front matter prints it)."""
    out = []
    for number, letters in _ROMAN_STEPS:
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)


def running_page_number(text: str) -> str | None:
    """A number alone on the first or last non-blank line of a page (a running head or foot)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in (lines[0], lines[-1]) if lines else ():
        if _RUNNING_NUMBER.match(line) and (line.isdigit() or _is_front_matter_roman(line)):
            return line
    return None


def split_text_pages(text: str) -> list[tuple[str | None, str]]:
    """Plain text as (printed, text) pages, by marker lines, else form feeds, else one page."""
    lines = text.splitlines(keepends=True)
    if any(marker_label(line) for line in lines):
        pages: list[tuple[str | None, str]] = []
        label: str | None = None
        current: list[str] = []
        for line in lines:
            found = marker_label(line)
            if found is None:
                current.append(line)
                continue
            body = "".join(current).strip("\n")
            if label is not None or body.strip():
                pages.append((label, body))
            label, current = found, []
        pages.append((label, "".join(current).strip("\n")))
        return pages
    if "\f" in text:
        chunks = text.split("\f")
        if chunks and not chunks[-1].strip():
            chunks.pop()
        return [(running_page_number(c), c.strip("\n")) for c in chunks]
    return [(None, text.strip("\n"))]


def _text_pages(path: Path, provenance: Provenance) -> list[Page]:
    text = decode_text(_read_bytes(path), name=str(path))
    if looks_like_html(text):
        return _html_pages(text, provenance)
    return [
        Page(text=body, printed=printed, leaf=i, provenance=provenance)
        for i, (printed, body) in enumerate(split_text_pages(text), start=1)
    ]


def _html_pages(html: str, provenance: Provenance) -> list[Page]:
    return [
        Page(text=part.text, printed=part.printed, leaf=i, provenance=provenance)
        for i, part in enumerate(html_to_parts(html), start=1)
        if part.text or part.printed
    ]


def _pdf_pages(path: Path, provenance: Provenance) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is encrypted with a password", path=str(path))
        labels = list(reader.page_labels) if "/PageLabels" in reader.root_object else []
        texts = [page.extract_text() or "" for page in reader.pages]
        ocr = _has_ocr_layer(reader)
    except InputError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read this PDF: {exc}", path=str(path)) from exc
    pages = []
    for i, text in enumerate(texts):
        printed = labels[i] if i < len(labels) and labels[i] else running_page_number(text)
        pages.append(Page(text=text, printed=printed, leaf=i + 1, provenance=provenance, ocr=ocr))
    return pages


def _has_ocr_layer(reader: PdfReader) -> bool:
    """Whether the PDF's text is an OCR layer over scans: invisible text (render mode 3), as OCR tools write it."""
    for page in reader.pages[:5]:
        contents = page.get_contents()
        if contents is not None and b"3 Tr" in contents.get_data():
            return True
    return False


def _epub_pages(path: Path, provenance: Provenance) -> list[Page]:
    from ebooklib import ITEM_DOCUMENT, epub

    try:
        book = epub.read_epub(str(path), options={"ignore_ncx": True})
        documents = []
        for idref, *_ in book.spine:
            item = book.get_item_with_id(idref)
            # The navigation document (table of contents) is not part of the text.
            if isinstance(item, epub.EpubNav) or "nav" in (getattr(item, "properties", None) or ()):
                continue
            if item is not None and item.get_type() == ITEM_DOCUMENT:
                documents.append(item.get_content())
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, epub.EpubException) as exc:
        raise InputError(f"cannot read this EPUB: {exc}", path=str(path)) from exc
    chapters = [html_to_parts(doc) for doc in documents]
    if not any(part.printed for parts in chapters for part in parts):
        texts = [" ".join(p.text for p in parts).strip() for parts in chapters]
        return [
            Page(text=text, printed=None, leaf=i, provenance=provenance)
            for i, text in enumerate(texts, start=1)
            if text
        ]
    # Page breaks of the print edition: a page runs on across chapter files until the next marker.
    pages: list[tuple[str | None, list[str]]] = []
    for parts in chapters:
        for n, part in enumerate(parts):
            if n == 0 and part.printed is None and pages:
                pages[-1][1].append(part.text)
            else:
                pages.append((part.printed, [part.text]))
    return [
        Page(
            text="\n\n".join(t for t in texts if t), printed=printed, leaf=i, provenance=provenance
        )
        for i, (printed, texts) in enumerate(pages, start=1)
        if printed is not None or any(texts)
    ]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read this file: {exc.strerror or exc}", path=str(path)) from exc


def _sniff_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".epub":
        return "epub"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = _read_bytes(path)[:64]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK") and b"epub" in head:
        return "epub"
    return "text"


def load_pages(path: str | Path, *, ocr: bool | None = None) -> list[Page]:
    """The pages of a text, PDF, EPUB or HTML file; InputError naming the file when it cannot be read.

    ``ocr`` marks the text as read from scans by OCR (True) or born digital (False); None: only a
    PDF whose text is an invisible OCR layer counts as OCR.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    provenance = Provenance(service=Service.LOCAL_FILE, url=str(path))
    kind = _sniff_kind(path)
    if kind == "pdf":
        pages = _pdf_pages(path, provenance)
    elif kind == "epub":
        pages = _epub_pages(path, provenance)
    elif kind == "html":
        pages = _html_pages(decode_text(_read_bytes(path), name=str(path)), provenance)
    else:
        pages = _text_pages(path, provenance)
    if not any(page.text.strip() for page in pages):
        raise InputError("the file holds no text (a scanned PDF without OCR?)", path=str(path))
    if ocr is not None:
        pages = [replace(page, ocr=ocr) for page in pages]
    return pages


class LocalFileText:
    """A file the user owns, standing for the edition named by ``key`` (a bibliography key) or any."""

    service = Service.LOCAL_FILE

    def __init__(self, path: str | Path, key: str | None = None) -> None:
        self.path = Path(path)
        self.key = key
        self.name = f"file {self.path.name}"
        self._lock = threading.Lock()
        self._pages: list[Page] | None = None

    def can_serve(self, edition: Edition) -> bool:
        """Always True: the caller decides which work a file belongs to (by ``key``)."""
        return True

    def load_pages(self, path: str | Path | None = None) -> list[Page]:
        """The file's pages (read once); with a path, the pages of that file instead."""
        if path is not None and Path(path) != self.path:
            return load_pages(path)
        with self._lock:
            if self._pages is None:
                self._pages = load_pages(self.path)
            return self._pages

    def pages(self, edition: Edition) -> Sequence[Page]:
        """The file's pages, whatever the edition."""
        return self.load_pages()

    def search(self, edition: Edition, phrase: str) -> list[Hit]:
        """Pages of the file that contain the phrase."""
        return search_pages(self.load_pages(), phrase)
