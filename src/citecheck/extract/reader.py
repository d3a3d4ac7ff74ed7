"""File -> Document: bytes to text (UTF-8 or a detected legacy encoding), HTML to plain text.

Markdown is kept as it is written: its ``*italics*`` and ``> `` markers are part of the text the
extractor reads, so every offset points into the file as the author sees it. HTML is turned into
text with one blank line between blocks; ``<blockquote>`` paragraphs are prefixed with ``> `` and
``<em>``/``<i>`` become ``*...*``, so the extractor treats them exactly like their Markdown forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.extract.formats import RICH_SUFFIXES, read_rich_document

if TYPE_CHECKING:
    from bs4.element import Tag
from citecheck.model import Document, DocumentFormat, Problem, Severity

if TYPE_CHECKING:
    from bs4.element import PageElement

_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", *_MARKDOWN_SUFFIXES, *_HTML_SUFFIXES, *RICH_SUFFIXES}
)
"""The suffixes of the documents citecheck reads, or refuses with a way out (.doc, .rtf)."""
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SNIFF = 8192


def read_document(path: str | Path) -> tuple[Document, tuple[Problem, ...]]:
    """Read a text, Markdown, HTML, Word, OpenDocument or PDF file; InputError when unreadable."""
    file = Path(path)
    name = str(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document", path=name) from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", path=name) from None
    rich = read_rich_document(data, name=name, suffix=file.suffix)
    if rich is not None:
        return rich
    text, encoding, problems = decode_bytes(data, name=name)
    fmt = document_format(file, text)
    if fmt is DocumentFormat.HTML:
        text = html_to_text(text)
        if not text.strip():
            raise InputError("the HTML page has no text in its body", path=name)
    return Document(name=name, text=text, format=fmt, encoding=encoding), problems


def decode_bytes(data: bytes, *, name: str) -> tuple[str, str, tuple[Problem, ...]]:
    """Bytes -> (text, encoding, problems): UTF-8 first, else the likeliest legacy code page."""
    if not data.strip():
        raise InputError("the file is empty", path=name)
    head = data[:_SNIFF]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("looks like a binary file, not a text document", path=name)
    from citecheck.encoding import decode_guessing

    decoded = decode_guessing(data)
    if decoded is None:
        raise InputError("looks like a binary file, not a text document", path=name)
    text = repair_mis_decoded_marks(_unix_newlines(decoded.text))
    if not decoded.detected:
        return text, decoded.encoding, ()
    if len(_CONTROL.findall(text[:_SNIFF])) > 8:
        raise InputError("looks like a binary file, not a text document", path=name)
    problem = Problem(
        f"not UTF-8; read as {decoded.encoding} (detected)", source=name, severity=Severity.INFO
    )
    return text, decoded.encoding, (problem,)


_MIS_DECODED = re.compile(
    "\u00e2\u20ac(?P<tail>[\u0153\u2122\u02dc\u201d\u201c\u2013\u2014\u00a6\u009d]?)"
)
_MIS_DECODED_AS = {
    "\u0153": "\u201c",  # "â€œ": a left double mark read as Windows-1252
    "\u2122": "\u2019",
    "\u02dc": "\u2018",
    "\u201c": "\u2014",
    "\u201d": "\u2013",
    "\u00a6": "\u2026",
    "\u009d": "\u201d",
    "": "\u201d",  # the right double mark's last byte (0x9D) has no Windows-1252 character
}


def repair_mis_decoded_marks(text: str) -> str:
    """Quotation marks and dashes whose UTF-8 bytes were once read as Windows-1252 ("â€œ" for
    "\u201c", "â€" left of a lost byte for "\u201d"), put back; other text is left alone."""
    if "\u00e2\u20ac" not in text:
        return text
    return _MIS_DECODED.sub(lambda m: _MIS_DECODED_AS[m.group("tail")], text)


def _unix_newlines(text: str) -> str:
    """Windows and old Mac line ends as ``\\n``, so lines and paragraphs are found the same way."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def document_format(path: Path, text: str) -> DocumentFormat:
    """The format from the file name, or from the text when the name says nothing."""
    suffix = path.suffix.lower()
    if suffix in _MARKDOWN_SUFFIXES:
        return DocumentFormat.MARKDOWN
    if suffix in _HTML_SUFFIXES or _HTML_START.match(text[:_SNIFF]):
        return DocumentFormat.HTML
    return DocumentFormat.TEXT


def looks_like_html(text: str) -> bool:
    """Whether a string is an HTML page rather than text already taken out of one."""
    return bool(_HTML_START.match(text[:_SNIFF]))


_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "section", "article",
     "header", "footer", "aside", "tr", "dt", "dd", "figcaption", "address", "main", "ol", "ul",
     "table", "nav", "hr"}
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class _AfterChildren:
    """What to do once an element's children have been read (close its paragraph, its quotation)."""

    action: Callable[[], None]


def html_to_text(html: str) -> str:
    """The text of an HTML body: blocks separated by blank lines, blockquotes as ``> `` lines."""
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, Tag

    soup = BeautifulSoup(html, "html.parser")
    root = soup.body or soup
    paragraphs: list[tuple[str, bool]] = []
    current: list[str] = []
    quoted = [False]
    list_numbers: dict[int, dict[int, int]] = {}

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(current)).strip()
        text = re.sub(r" *\n *", "\n", text)
        if text:
            paragraphs.append((text, quoted[0]))
        current.clear()

    def leave_quotation(outer: bool) -> Callable[[], None]:
        def leave() -> None:
            flush()
            quoted[0] = outer

        return leave

    # An explicit stack rather than recursion: a page nested a thousand levels deep is still a page.
    pending: list[PageElement | _AfterChildren] = list(reversed(list(root.children)))
    while pending:
        child = pending.pop()
        if isinstance(child, _AfterChildren):
            child.action()
            continue
        if isinstance(child, NavigableString):
            if type(child).__name__ not in ("Comment", "Doctype", "Declaration"):
                current.append(str(child).replace("\n", " "))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP_TAGS:
            continue
        name = child.name
        if name == "br":
            current.append("\n")
            continue
        if name in ("em", "i", "cite"):
            inner = child.get_text()
            if inner.strip():
                current.append(f"*{inner}*")
            continue
        if name == "sup" and child.get_text().strip().isdigit():
            current.append(f"[{child.get_text().strip()}]")
            continue
        if name == "li" and isinstance(child.parent, Tag) and child.parent.name == "ol":
            # Numbered as a browser shows it, so "<sup>2</sup>" finds note 2 of a notes list.
            flush()
            numbers = list_numbers.get(id(child.parent))
            if numbers is None:
                numbers = list_numbers[id(child.parent)] = _list_numbers(child.parent)
            current.append(f"{numbers[id(child)]}. ")
            pending.append(_AfterChildren(flush))
        elif name == "blockquote":
            flush()
            pending.append(_AfterChildren(leave_quotation(quoted[0])))
            quoted[0] = True
        elif name in _BLOCK_TAGS:
            flush()
            pending.append(_AfterChildren(flush))
        pending.extend(reversed(list(child.children)))

    flush()
    blocks = []
    for paragraph, is_quote in paragraphs:
        if is_quote:
            paragraph = "\n".join(f"> {line}" for line in paragraph.split("\n"))  # noqa: PLW2901
        blocks.append(paragraph)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _list_numbers(ordered: Tag) -> dict[int, int]:
    """The number a browser shows for each item of an ``<ol>`` (``start`` and ``value``
    honoured), by the item's ``id``: a list is numbered once, not once per item."""
    raw = ordered.get("start")
    number = int(raw) - 1 if isinstance(raw, str) and raw.strip().isdigit() else 0
    numbers: dict[int, int] = {}
    for item in ordered.find_all("li", recursive=False):
        value = item.get("value")
        number = int(value) if isinstance(value, str) and value.strip().isdigit() else number + 1
        numbers[id(item)] = number
    return numbers
