"""Locators and the references that carry them: "(page 253)", "(The Great Conspiracy page 326)",
"(quoted in The Great Conspiracy pg31)", "(Grey 1979: 253)", "Ibid., p. 254", note markers.

``parse_reference`` reads the text of one parenthesis or one note; ``reference_after`` finds what
follows a quotation's closing mark (a parenthesis, or a note marker resolved through the notes).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from citecheck.extract.layout import Layout
from citecheck.extract.names import NOT_NAMES
from citecheck.model import Locator, LocatorKind, Span

_PAGE = r"(?:\d{1,5}|[ivxlcdm]{1,8})"
_LOCATOR = re.compile(
    # Every form opens with p, a(t) or n(ote): the look-ahead lets a search over a long note skip
    # the other characters (two to four times faster, the same matches).
    r"(?=[pan])(?:(?P<pre>pp\.?|pgs?\.?|pages?|p\.|p(?=\d)|at)\s*(?P<first>" + _PAGE + r")"
    r"(?:\s*(?:-|\u2013|\u2014|to)\s*(?P<last>" + _PAGE + r"))?(?P<ff>\s*ff?\.?(?!\w))?"
    r"|(?<![A-Za-z])(?P<nkw>n\.|nn\.|note)\s*(?P<note>\d{1,4}))\s*\.?\s*$",
    re.I,
)
_BARE_LOCATOR = re.compile(
    r"(?:^|[,:]\s*)(?P<first>\d{1,5})(?:\s*(?:-|\u2013)\s*(?P<last>\d{1,5}))?(?P<ff>\s*ff?\.?)?\s*\.?\s*$"
    # "(Foner, xix)": a front-matter page after a comma.
    r"|(?<=[,:])\s*(?P<roman>[ivxlc]{1,7})(?:\s*(?:-|\u2013)\s*(?P<roman_last>[ivxlc]{1,7}))?"
    r"(?:\s+(?:preface|prologue|foreword|introduction|intro))?\s*\.?\s*$"
)
_PARAGRAPHS = re.compile(
    r"[,;]?\s*(?:paras?\.|pars?\.|paragraphs?|\u00b6{1,2})\s*\d{1,4}(?:\s*[-\u2013,]\s*\d{1,4})*\s*\.?\s*$",
    re.I,
)
""""(Song, par. 5, 10)": paragraphs of a web text, which has no pages."""
_SECONDHAND = re.compile(
    r"\b(?:as\s+)?(?:quoted|qtd\.?|cited|reproduced|reprinted)\s+(?:in|by)\b[:,]?\s*", re.I
)
_IBID = re.compile(r"^(?:ibid|ibidem|ib)\.?$", re.I)
_OP_CIT = re.compile(r"\b(?:op\.?\s*cit|loc\.?\s*cit)\.?", re.I)
_IDEM = re.compile(r"^(?:idem|id)\.?$", re.I)
_AUTHOR_YEAR = re.compile(
    r"^(?P<author>[A-Z][\w'\u2019-]+(?:(?:,?\s+(?:and|&)\s+|,\s*|\s+)[A-Z][\w'\u2019-]+){0,3}"
    r"(?:\s+et\s+al\.?)?)(?:,)?\s+(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\s*$"
)
_AUTHOR_YEAR_PAGE = re.compile(
    r"^(?P<author>[A-Z][\w'\u2019-]+(?:\s+(?:and|&)\s+[A-Z][\w'\u2019-]+|\s+et\s+al\.?)?),?\s+"
    r"(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\s*:\s*(?P<page>\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?(?:\s*ff?\.?)?)\s*$"
)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)[a-z]?$")
_AUTHOR_PAGE = re.compile(
    r"^(?P<author>[A-Z][\w'\u2019-]+(?:\s+(?:and|&)\s+[A-Z][\w'\u2019-]+|\s+et\s+al\.?)?)\s+"
    r"(?P<page>\d{1,4}(?:\s*[-\u2013]\s*\d{1,4})?)$"
)
_LEADING_LOCATOR = re.compile(
    r"^\s*(?P<loc>(?:pp?\.|pages?|pgs?\.?)\s*\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?)\s*[,;:]\s*(?=\S)",
    re.I,
)
_SURNAME = re.compile(
    r"^(?:Mc|Mac|O['\u2019]|D['\u2019])?[A-Z][a-z\u00e0-\u00ff'\u2019-]+"
    r"(?:\s+(?:and|&)\s+(?:Mc|Mac)?[A-Z][a-z\u00e0-\u00ff'\u2019-]+|\s+et\s+al\.?)?$"
)
_NAMEISH = re.compile(r"^[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|&|de|von|van))*$")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.I)
_PRICE = re.compile(r"[$\u00a3\u20ac][ \t]?\d")


class ShortForm(StrEnum):
    NONE = "none"
    IBID = "ibid"
    OP_CIT = "op_cit"
    IDEM = "idem"


@dataclass(frozen=True, slots=True)
class Reference:
    """What one parenthesis or note says about a quotation's source."""

    text: str
    span: Span
    locator: Locator | None = None
    author: str | None = None
    work: str | None = None
    year: int | None = None
    intermediary: str | None = None
    intermediary_author: str | None = None
    locator_on_intermediary: bool = False
    short_form: ShortForm = ShortForm.NONE
    listed: Reference | None = None
    """The reference-list entry that gave the work of a reference naming only its author
    ("(Dennis, 245)" and "Rutledge M. Dennis, *Social Darwinism, ...*" in the bibliography)."""


def parse_locator(text: str, *, offset: int = 0) -> Locator | None:
    """A locator at the end of ``text``: "page 253", "pg31", "pp. 3-5", "253 ff.", "p. xii", "n. 4"."""
    match = _LOCATOR.search(text)
    if match is None:
        bare = _BARE_LOCATOR.search(text)
        if bare is None or (
            bare.group("first") and bare.group("last") is None and _YEAR.match(bare.group("first"))
        ):
            # "(Smith, 1994)", "Wikipedia, November 5, 2019": a bare year is no page.
            return None
        if bare.group("roman"):
            return _roman_locator(bare, text, offset)
        return _page_locator(bare, text, offset)
    if match.group("note"):
        span = Span(offset + match.start(), offset + match.end())
        return Locator(
            text[match.start() : match.end()].strip(),
            span,
            LocatorKind.NOTE,
            note=match.group("note"),
        )
    return _page_locator(match, text, offset)


def _page_locator(match: re.Match[str], text: str, offset: int) -> Locator | None:
    first = match.group("first")
    last = match.group("last")
    pre = match.groupdict().get("pre")
    roman = bool(_ROMAN.match(first))
    if roman and not pre:
        return None
    start = match.start("pre") if pre else match.start("first")
    end = match.end()
    raw = text[start:end].strip().rstrip(".") if not match.group("ff") else text[start:end].strip()
    span = Span(offset + start, offset + start + len(raw))
    kind = LocatorKind.PAGE_RANGE if last else LocatorKind.PAGE
    return Locator(
        raw, span, kind, first=first, last=last, following=bool(match.group("ff")), roman=roman
    )


def _roman_locator(match: re.Match[str], text: str, offset: int) -> Locator:
    first, last = match.group("roman"), match.group("roman_last")
    start = match.start("roman")
    raw = text[start : match.end()].strip().rstrip(".")
    kind = LocatorKind.PAGE_RANGE if last else LocatorKind.PAGE
    return Locator(
        raw,
        Span(offset + start, offset + start + len(raw)),
        kind,
        first=first,
        last=last,
        roman=True,
    )


def parse_reference(text: str, *, offset: int) -> Reference | None:
    """The reference in one parenthesis or note, or None when it does not look like one."""
    body = text.strip()
    if _PRICE.search(body):
        return None  # "(Knopf, $35)": the publisher and price of a book under review
    lead = text.find(body) if body else 0
    span = Span(offset + lead, offset + lead + len(body))
    body_offset = offset + lead
    secondhand = _SECONDHAND.search(body)
    if secondhand:
        original = body[: secondhand.start()].rstrip(" ,;:")
        via = body[secondhand.end() :]
        first = parse_source(original, body_offset) if original else Source()
        second = parse_source(via, body_offset + secondhand.end())
        return Reference(
            text=body,
            span=span,
            locator=second.locator or first.locator,
            author=first.author,
            work=first.work,
            year=first.year,
            intermediary=second.work or second.author,
            intermediary_author=second.author if second.work else None,
            locator_on_intermediary=second.locator is not None or first.locator is None,
            short_form=first.short_form,
        )
    paragraphs = _PARAGRAPHS.search(body)
    source = parse_source(body[: paragraphs.start()] if paragraphs else body, body_offset)
    if paragraphs and source.work and not source.author and _SURNAME.match(source.work):
        source = replace(source, author=source.work, work=None)
    bare = (
        source.locator is None
        and source.short_form is ShortForm.NONE
        and source.year is None
        and not (paragraphs and source.author)
    )
    # Without a page, a short form or a year, only a title-like name is a reference: "(The Great Conspiracy)".
    if bare and (
        not source.work or not _NAMEISH.match(source.work) or len(source.work.split()) > 8
    ):
        return None
    return Reference(
        text=body,
        span=span,
        locator=source.locator,
        author=source.author,
        work=source.work,
        year=source.year,
        short_form=source.short_form,
    )


_TRAILING_YEAR = re.compile(r"\s*\((?P<year>1[4-9]\d\d|20\d\d)\)\s*$")
_WEB_ADDRESS = re.compile(r"\s*\b(?:https?://|www\.)\S*")


def parse_tag_source(text: str, *, offset: int) -> Reference | None:
    """The words of a block quotation tag, "Sir Arthur Conan Doyle, The Sign of the Four (1890)":
    the author, then after a comma the work, with its year; a web address is no part of them."""
    body = _WEB_ADDRESS.sub("", text).strip()
    if not body:
        return None
    author, _, work = (part.strip() for part in body.partition(","))
    year = _TRAILING_YEAR.search(work)
    if year:
        work = work[: year.start()].strip()
    span = Span(offset, offset + len(text))
    return Reference(
        text=text,
        span=span,
        author=author or None,
        work=_strip_title(work) or None,
        year=int(year.group("year")) if year else None,
    )


@dataclass(frozen=True, slots=True)
class Source:
    author: str | None = None
    work: str | None = None
    year: int | None = None
    locator: Locator | None = None
    short_form: ShortForm = ShortForm.NONE


_PUBLICATION = re.compile(r"\s*\((?=[^()]*[A-Za-z])[^()]*\b1[4-9]\d\d\)")


def parse_source(text: str, offset: int) -> Source:
    """ "Grey, Stalin, p. 253" / "The Great Conspiracy page 326" / "Grey 1979: 253" / "Ibid., p. 4"."""
    body = text.rstrip(" .;")
    author_year_page = _AUTHOR_YEAR_PAGE.match(body.strip())
    if author_year_page:
        page = author_year_page.group("page")
        lead = len(body) - len(body.lstrip())
        locator = parse_locator("p. " + page)
        if locator is not None:
            start = offset + lead + author_year_page.start("page")
            locator = Locator(
                page, Span(start, start + len(page)), locator.kind, first=locator.first,
                last=locator.last, following=locator.following,
            )  # fmt: skip
        return Source(
            author=author_year_page.group("author"),
            year=int(author_year_page.group("year")),
            locator=locator,
        )
    locator = parse_locator(body, offset=offset)
    rest = body[: locator.span.start - offset] if locator else body
    leading = _LEADING_LOCATOR.match(body) if locator is None else None
    if leading:
        # "(p. 130, The Prince)": the page first, then the work.
        locator = parse_locator(leading.group("loc"), offset=offset + leading.start("loc"))
        rest = body[leading.end() :]
    rest = re.sub(r"\b(?:on|at)\s*$", "", rest.rstrip(" ,;:")).rstrip(" ,;:")
    # A note's publication facts after the title, "(London, 1979)", are not part of the title.
    published = _PUBLICATION.search(rest)
    if published:
        rest = rest[: published.start()] + rest[published.end() :]
    pieces = [p.strip() for p in rest.split(",") if p.strip()]
    short = ShortForm.NONE
    author: str | None = None
    year: int | None = None
    work: str | None = None
    kept: list[str] = []
    for piece in pieces:
        if _YEAR.match(piece) and year is None and (kept or len(pieces) == 1):
            year = int(piece[:4])
        elif _IBID.match(piece):
            short = ShortForm.IBID
        elif _OP_CIT.search(piece):
            short = ShortForm.OP_CIT
            before = _OP_CIT.split(piece)[0].strip(" ,")
            if before:
                kept.append(before)
        elif _IDEM.match(piece):
            short = ShortForm.IDEM
        else:
            kept.append(piece)
    author_page = _AUTHOR_PAGE.match(body.strip()) if locator is None else None
    if (
        author_page
        and author_page.group("author").split()[0] not in NOT_NAMES
        and not _YEAR.match(author_page.group("page"))
    ):
        # MLA: "(Marsh 12)", "(Marsh and Lowe 12-14)".
        page = author_page.group("page")
        at = offset + len(body) - len(body.lstrip()) + author_page.start("page")
        found = parse_locator("p. " + page)
        locator = (
            Locator(page, Span(at, at + len(page)), found.kind, first=found.first, last=found.last)
            if found
            else None
        )
        return Source(author=author_page.group("author"), locator=locator)
    if len(kept) == 1:
        author_year = _AUTHOR_YEAR.match(kept[0])
        if author_year:
            author, year = author_year.group("author"), int(author_year.group("year"))
        elif (
            short is ShortForm.OP_CIT
            or (year is not None and _NAMEISH.match(kept[0]))
            or (locator is not None and _SURNAME.match(kept[0]))
        ):
            # "Grey, op. cit." / APA "(Marsh, 1994, p. 12)" / MLA "(Lemon, 94)": the author.
            author = kept[0]
        else:
            work = _strip_title(kept[0])
    elif len(kept) >= 2:
        author_year = _AUTHOR_YEAR.match(kept[0])
        if author_year:
            author, year = author_year.group("author"), int(author_year.group("year"))
        else:
            author = kept[0]
        work = _strip_title(kept[1])
    return Source(author=author, work=work or None, year=year, locator=locator, short_form=short)


def _strip_title(title: str) -> str:
    return title.strip().strip("*_\"\u201c\u201d'\u2018\u2019 ").strip()


_PARENTHESIS = re.compile(r"[ \t]*[.,;:]?[ \t]*\(([^()\n]{1,200})\)")
_NOTE_MARKER = re.compile(
    r"[.,;:]?(?:\[\^[ \t]?(?P<md>[\w-]+)\]|\[(?P<br>\d{1,4})\]|(?P<plain>\d{1,3})(?=[\s.,;:)]|$)|"
    r"[ \t](?P<spaced>\d{1,3})(?=[ \t]*$|[ \t]+[A-Z\"\u201c(])|\[(?P<named>[A-Za-z][\w-]*)\](?!\()|(?P<sup>[\u00b9\u00b2\u00b3\u2070-\u2079]+))"
)
_SUPERSCRIPT = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"
)


@dataclass(frozen=True, slots=True)
class FoundReference:
    reference: Reference
    via_note: str | None = None
    """The note label when the reference came from a footnote or endnote."""
    end: int = 0


_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d']?\s+[A-Z\"\u201c]")
_LATER_PARENTHESIS = re.compile(r"\(([^()\n]{1,200})\)")


def reference_after(
    text: str,
    layout: Layout,
    position: int,
    *,
    limit: int | None = None,
    notes: Mapping[str, Reference] | None = None,
    bare_pages: bool = False,
) -> FoundReference | None:
    """The reference after a closing quotation mark: a parenthesis or a note marker right after
    it, else a parenthesis before the end of the sentence ('"...," he wrote (p. 5).').
    ``limit`` is where the next quotation opens; ``notes`` are the document's notes already read
    (with their short forms resolved), else each note is read on its own; ``bare_pages`` says
    that a number standing alone after a closing mark is a page (see ``bare_numbers_are_pages``)."""
    window_end = min(len(text), position + 240, limit if limit is not None else len(text))
    newline = text.find("\n", position, window_end)
    if newline != -1:
        window_end = newline
    window = text[position:window_end]
    marker = _NOTE_MARKER.match(window)
    if marker:
        label = (
            marker.group("md")
            or marker.group("named")
            or marker.group("br")
            or marker.group("plain")
            or marker.group("spaced")
            or ""
        )
        if marker.group("sup"):
            label = marker.group("sup").translate(_SUPERSCRIPT)
        reference = _note_reference(layout, label, notes)
        if reference is not None:
            return FoundReference(reference, via_note=label, end=position + marker.end())
        if bare_pages and marker.group("spaced"):
            at = position + marker.start("spaced")
            page = marker.group("spaced")
            locator = Locator(page, Span(at, at + len(page)), LocatorKind.PAGE, first=page)
            return FoundReference(
                Reference(text=page, span=locator.span, locator=locator),
                end=position + marker.end(),
            )
    match = _PARENTHESIS.match(window)
    if match:
        reference = parse_reference(match.group(1), offset=position + match.start(1))
        if reference is not None and reference.locator is None and reference.year is None:
            # '"..." (**Understanding**). (Kelly, 51)': a gloss, then the reference.
            following = _PARENTHESIS.match(window, match.end())
            if following is not None:
                cited = parse_reference(following.group(1), offset=position + following.start(1))
                if cited is not None and cited.locator is not None:
                    return FoundReference(cited, end=position + following.end())
        if reference is not None:
            return FoundReference(reference, end=position + match.end())
    later = _LATER_PARENTHESIS.search(window)
    if later:
        sentence_break = _SENTENCE_BREAK.search(window, 0, later.start())
        if sentence_break is None:
            reference = parse_reference(later.group(1), offset=position + later.start(1))
            if reference is not None and (
                reference.locator or reference.intermediary or reference.year
            ):
                return FoundReference(reference, end=position + later.end())
    if layout.notes:
        return _later_note_marker(window, layout, position, notes)
    return None


_SPACED_NUMBER = re.compile(r"[ \t](\d{1,4})(?=[ \t]*$|[ \t]+[A-Z\"\u201c(])", re.M)
_PAGE_LIKE = 100
"""A number this high after a closing mark is a page, not the number of a note."""


def bare_numbers_are_pages(text: str, layout: Layout, closing_marks: list[int]) -> bool:
    """Whether the numbers standing alone after closing marks ('...the time.” 121') are pages.

    Notes are numbered 1, 2, 3 ... through a text; the pages a reviewer cites jump about. So the
    numbers are pages when none is the label of a note of the document and they do not run on by
    one: two or more that do not, or one of at least a hundred."""
    numbers: list[int] = []
    for position in closing_marks:
        found = _SPACED_NUMBER.match(text, position, min(len(text), position + 8))
        if found is None:
            continue
        if layout.note(found.group(1)) is not None:
            return False
        numbers.append(int(found.group(1)))
    if not numbers:
        return False
    if len(numbers) == 1:
        return numbers[0] >= _PAGE_LIKE
    steps = sum(b == a + 1 for a, b in itertools.pairwise(numbers))
    return steps * 2 < len(numbers) - 1


def _note_reference(
    layout: Layout, label: str, notes: Mapping[str, Reference] | None
) -> Reference | None:
    if notes is not None:
        return notes.get(label)
    note = layout.note(label)
    return parse_reference(note.text, offset=note.span.start) if note is not None else None


_LATER_NOTE = re.compile(
    r"(?:\[\^[ \t]?(?P<md>[\w-]+)\]|\[(?P<br>\d{1,4})\]|(?<=[.,;:])(?P<plain>\d{1,3})(?=\s|$))"
)


def _later_note_marker(
    window: str, layout: Layout, position: int, notes: Mapping[str, Reference] | None
) -> FoundReference | None:
    """A note marker at the end of the sentence: '"...," he wrote.3'."""
    for marker in _LATER_NOTE.finditer(window):
        if _SENTENCE_BREAK.search(window, 0, marker.start()):
            return None
        label = marker.group("md") or marker.group("br") or marker.group("plain") or ""
        reference = _note_reference(layout, label, notes)
        if reference is not None:
            return FoundReference(reference, via_note=label, end=position + marker.end())
    return None


_LEAD_IN_NOTE = re.compile(r"\[\^[ \t]?(?P<md>[\w-]+)\]|\[(?P<br>\d{1,4})\]")
_LEAD_IN_REACH = 200
_SOURCE_CUE = re.compile(
    r"\b(?:[Aa]ccording to|as (?:stated|written|set out|put) in|in the words of)\b[^.;!?\n\[]{1,60}$"
)


def reference_before(
    text: str,
    layout: Layout,
    position: int,
    *,
    floor: int,
    notes: Mapping[str, Reference] | None = None,
) -> FoundReference | None:
    """A note mark on the words that introduce a quotation, in the same sentence ('According to
    Mozilla's manifesto,[40] which ..., "..."', 'According to the Foundation:[41]' before a block
    quotation): the note cites what is quoted. ``floor`` is where the text before may begin (the
    end of the quotation or reference before)."""
    start = max(floor, position - _LEAD_IN_REACH)
    window = text[start:position]
    markers = list(_LEAD_IN_NOTE.finditer(window))
    if not markers:
        return None
    marker = markers[-1]
    if _SENTENCE_BREAK.search(window, marker.end()) or "\n\n" in window[marker.end() :].strip():
        return None
    between = window[marker.end() :]
    on_source = _SOURCE_CUE.search(window, max(0, marker.start() - 80), marker.start())
    # The mark must sit on the source the lead-in names, or end a lead-in that runs straight
    # into the quotation; a mark on some other word of the sentence cites that word.
    if on_source is None and between.strip(" \t\n:>\u2014\u2013-*_"):
        return None
    label = marker.group("md") or marker.group("br") or ""
    reference = _note_reference(layout, label, notes)
    if reference is None:
        return None
    return FoundReference(reference, via_note=label, end=start + marker.end())
