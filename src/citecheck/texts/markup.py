"""HTML to page texts: the main content only, paragraphs kept, split at printed page-break markers.

Shared by web pages, local HTML files and EPUB chapters. Page-break markers recognised (each starts
the page it names): ``epub:type="pagebreak"`` (EPUB 3), ``role="doc-pagebreak"`` (DPUB-ARIA) and
Project Gutenberg's ``<span class="pagenum">[Pg 253]</span>``. The label is taken from the marker's
``title`` or ``aria-label``, else its text, else its ``id`` (``page253``, ``Page_253``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, PageElement

# Elements that never hold the text of a speech, article or chapter.
_NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "head",
)
_NOISE_SELECTORS = (
    ".mw-editsection",
    ".noprint",
    "#toc",
    ".toc",
    ".navbox",
    ".ws-noexport",
    "sup.reference",
    ".mw-cite-backlink",
    "#pg-header",
    "#pg-footer",
    "section.pg-boilerplate",
    ".pg-boilerplate",
    "p.footer",
    ".footer",
    ".linkback",
    "#footer",
    "#header",
    "#navigation",
    ".navigation",
    ".breadcrumb",
    ".ws-header",
    "#headertemplate",
    ".mw-jump-link",
    ".mw-references-wrap",
    "ol.references",
    ".toplink",
)
# Where the main content lives, most specific first (Wikisource/MediaWiki, then generic).
_MAIN_SELECTORS = (
    ".mw-parser-output",
    "#mw-content-text",
    "main",
    "article",
    "[role=main]",
    "#content",
    "body",
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "section",
        "article",
        "table",
        "tr",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "hr",
        "center",
        "address",
    ]
)
_PAGE_SENTINEL = "\x00PAGE\x01{}\x00"
_PAGE_SPLIT = re.compile("\x00PAGE\x01(.*?)\x00")
_LABEL = re.compile(
    r"(?:^|\b)(?:page|pg|p)?[\s._\-:]*\[?\s*([0-9]+|[ivxlcdm]+)\s*\]?\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class TextPart:
    """A stretch of text and the printed page it is on (None before the first marker, or none at all)."""

    printed: str | None
    text: str


def make_soup(markup: str | bytes) -> BeautifulSoup:
    """Parse HTML or XHTML leniently; short strings and XHTML are expected here, not warned about."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(markup, "html.parser")


def _is_page_break(tag: Tag) -> bool:
    if tag.get("epub:type") and "pagebreak" in str(tag.get("epub:type")):
        return True
    if str(tag.get("role", "")) == "doc-pagebreak":
        return True
    classes = tag.get_attribute_list("class")
    return tag.name == "span" and "pagenum" in classes


def page_label(tag: Tag) -> str | None:
    """The printed page a page-break marker names, e.g. ``[Pg 253]`` -> ``"253"``."""
    for raw in (tag.get("title"), tag.get("aria-label"), tag.get_text(" "), tag.get("id")):
        if not raw:
            continue
        found = _LABEL.search(str(raw).strip())
        if found:
            return found.group(1)
    return None


def _main_content(soup: BeautifulSoup) -> Tag:
    for selector in _MAIN_SELECTORS:
        found = soup.select_one(selector)
        if isinstance(found, Tag) and found.get_text(strip=True):
            return found
    return soup


def _block_text(root: Tag) -> str:
    """The text of ``root``: blocks set apart by blank lines, ``<br>`` as a line break, and each
    page-break marker as a sentinel naming its page.

    One walk that leaves the tree alone: inserting separators into the tree costs a search of the
    parent's children for each, quadratic in a book whose thousands of paragraphs share one parent.
    """
    wanted = root.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
    pieces: list[str] = []
    # Plain ``str`` items are separators; the stack spares recursion on deeply nested markup.
    stack: list[PageElement | str] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if type(node) is str:
            pieces.append(node)
        elif isinstance(node, NavigableString):
            if type(node) in wanted:
                pieces.append(node)
        elif isinstance(node, Tag):
            if _is_page_break(node):
                pieces.append(_PAGE_SENTINEL.format(page_label(node) or ""))
            elif node.name == "br":
                pieces.append("\n")
            else:
                if node.name in _BLOCKS:
                    pieces.append("\n\n")
                    stack.append("\n\n")
                stack.extend(reversed(node.contents))
    lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_parts(html: str | bytes, *, main_only: bool = True) -> list[TextPart]:
    """The readable text of an HTML document, split at page-break markers (one part when there are none)."""
    soup = make_soup(html)
    # One pass over the tree for all the noise (a match inside one already removed is skipped).
    for tag in [*soup.find_all(_NOISE_TAGS), *soup.select(", ".join(_NOISE_SELECTORS))]:
        if not tag.decomposed:
            tag.decompose()
    root = _main_content(soup) if main_only else soup
    text = _block_text(root)
    pieces = _PAGE_SPLIT.split(text)
    parts: list[TextPart] = []
    head = pieces[0].strip()
    if head or len(pieces) == 1:
        parts.append(TextPart(printed=None, text=head))
    for label, body in zip(pieces[1::2], pieces[2::2], strict=True):
        parts.append(TextPart(printed=label or None, text=body.strip()))
    return parts


def html_title(html: str) -> str:
    """The document's <title>, or empty."""
    title = make_soup(html).find("title")
    return " ".join(title.get_text().split()) if isinstance(title, Tag) else ""
