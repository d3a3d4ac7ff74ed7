"""Quotation spans: pairing quotation marks, block quotations over paragraphs, segments, kinds.

Straight ``"`` marks are told apart by what stands on either side (an opening mark follows a space
and precedes a word; a closing one the reverse). Inside an open quotation a mark at the start of a
paragraph continues it (the convention for quotations over several paragraphs), other marks nest.
A quotation opened inside running text may cross a blank line only where a page break fell
mid-sentence; one that runs on without closing is reported and its marks are read again, so the
other quotations are still found. Every scan is linear in the text (the look-ahead of an
unclosed quotation is bounded).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from citecheck.extract.layout import Layout, link_words
from citecheck.model import Interpolation, Problem, QuotationKind, Segment, Span

_MARKS = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_OPENERS = "\u201c\u201e\u00ab"
_CLOSERS = "\u201d\u00bb"
_BEFORE_OPEN = " \t\r\n([{\u2014\u2013-/*_>"
_AFTER_CLOSE = " \t\r\n.,;:!?)]}*_-\u2014\u2013'\u2019"
_MAX_QUOTATION_CHARS = 20_000
_MAX_PARAGRAPHS = 24

_ELLIPSIS = re.compile(r"\[\s*(?:\.\s?){3,4}\s*\]|\.(?:[ \u00a0]?\.){2,3}|\u2026")
_INTERPOLATION = re.compile(r"\[(?!\^)(?!\d+\])([^\[\]\n]{1,120})\]")
_NOTE_REF = re.compile(r"\[\^[\w-]+\]|\[\d{1,3}\]")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\w)")
_WORDS = re.compile(r"[\w'\u2019-]+")
_TITLE_CUE_WORDS = (
    "entitled", "titled", "article", "book", "biography", "memoirs", "autobiography", "novel",
    "pamphlet", "essay", "poem", "lecture", "film", "play", "newspaper", "journal", "magazine",
    "chapter", "treatise", "study", "history", "work", "diary", "song", "paper",
)  # fmt: skip
_LONGEST_TITLE_CUE = max(map(len, _TITLE_CUE_WORDS))
_TITLE_CUE = re.compile(rf"\b(?:{'|'.join(_TITLE_CUE_WORDS)})\s*[,:]?\s*[*_]*\s*$", re.I)

_MENTION_CUE = re.compile(
    r"\b(?:slogans?|mottos?|mottoes|watchwords?|catchphrases?|catchwords?|battle[ -]cry|"
    r"rallying[ -]cry|war[ -]cry|maxims?|mantras?|taglines?|bywords?|principle(?:s)?\s+of|"
    r"principle\s+that|dictum|adage)\b[^.;:!?\"\u201c\u201d]{0,40}?[,:]?\s*(?:that\s+)?[*_]*"
    r"[\s\u2014\u2013-]*$"
    r"|\b(?:talk|cry|cries|chants?|shouts?|banners?|placards?|signs?)\s+(?:of|reading|saying)\s*[,:]?\s*$",
    re.I,
)
"""A slogan or motto is mentioned, not quoted from a work: there is nothing to check it against."""

_NAMING_CUE = re.compile(
    r"\b(?:(?:translated|translates|rendered|glossed)\s+as|meaning|literally|known\s+as|"
    r"nicknamed|dubbed|so-called)\s*[,:]?\s*[*_]*$",
    re.I,
)
"""A name or a translation ("often translated as", "known as") is given, not quoted, even with a
note after it."""


def _ends_with_title_cue(lead_in: str) -> bool:
    """Whether the lead-in ends with a word that names a work ("in his book", "entitled:")."""
    # Only spaces, commas, colons and emphasis marks follow the cue word, so it ends where they
    # begin and the pattern need only be tried over the longest cue word's length before that.
    end = len(lead_in)
    while end and (lead_in[end - 1] in ",:*_" or lead_in[end - 1].isspace()):
        end -= 1
    return _TITLE_CUE.search(lead_in, max(0, end - _LONGEST_TITLE_CUE - 1)) is not None


def _without_emphasis(text: str) -> str:
    # Most text has no * or _ at all; looking for them is far cheaper than trying the pattern.
    return _EMPHASIS.sub("", text) if "*" in text or "_" in text else text


_MENTION_WORDS = (
    "slogan", "motto", "watchword", "catch", "cry", "cries", "maxim", "mantra", "tagline",
    "byword", "principle", "dictum", "adage", "talk", "chant", "shout", "banner", "placard",
    "sign",
)  # fmt: skip


def _mentions(lead_in: str) -> bool:
    lower = lead_in.lower()
    # The words first (a cheap test most lead-ins fail), the pattern only when one is there.
    return any(w in lower for w in _MENTION_WORDS) and _MENTION_CUE.search(lead_in) is not None


class _Mark:
    OPEN = 1
    CLOSE = 2
    EITHER = 3


@dataclass(frozen=True, slots=True)
class FoundQuotation:
    """A quotation as found: its marks, inner span, and the marks inside it."""

    open_at: int
    close_at: int
    """Offset just past the closing mark (and any italic marker after it)."""
    inner: Span
    italic: bool
    at_paragraph_start: bool
    paragraphs: int
    hidden: tuple[Span, ...] = ()
    """Continuation marks and block-quote prefixes that are not part of the quoted words."""
    from_block_markup: bool = False
    nested: tuple[tuple[int, int], ...] = ()
    """(opening mark, closing mark) of each quotation in double marks inside this one."""
    enclosed_by: Span | None = None
    """The words of the quotation this one stands in, for a quotation inside another."""


def find_quotations(
    text: str, layout: Layout, *, name: str
) -> tuple[list[FoundQuotation], list[Problem]]:
    """Every top-level quotation of the text, in order, and the unclosed ones as Problems."""
    found: list[FoundQuotation] = []
    problems: list[Problem] = []
    blocks = _unmarked_blocks(text, layout)
    marks: list[tuple[int, int]] = []
    block_index = 0
    for match in _MARKS.finditer(text):
        pos = match.start()
        while block_index < len(blocks) and blocks[block_index].end <= pos:
            block_index += 1
        if block_index < len(blocks) and blocks[block_index].start <= pos:
            continue
        if layout.excluded and layout.is_excluded(pos):
            continue
        if _ELIDED_T.match(text, pos + 1):
            continue  # "“Twas then": an apostrophe set as a quotation mark
        marks.append((pos, _classify_mark(text, pos)))
    unclosed: set[int] = set()
    nested_pairs: list[tuple[int, int]] = []
    i = 0
    while i < len(marks):
        pos, kind = marks[i]
        if kind == _Mark.CLOSE and not _same_mark_opens(text, layout, marks, i):
            i += 1
            continue
        if i in unclosed:
            line = layout.line_of(pos)
            problems.append(
                Problem("a quotation opens here and never closes", source=name, line=line)
            )
            i += 1
            continue
        quotation, next_index, still_open, pairs = _close_quotation(text, layout, marks, i)
        if quotation is None:
            line = layout.line_of(pos)
            problems.append(
                Problem("a quotation opens here and never closes", source=name, line=line)
            )
            # Marks that opened inside it and never closed cannot close on their own either;
            # skipping them keeps a text full of unclosed marks linear.
            unclosed.update(still_open)
        else:
            found.append(quotation)
            nested_pairs.extend(pairs)
        i = next_index
    found = _with_single_quotations(text, layout, found)
    found.extend(_markup_block_quotations(text, layout, blocks))
    found.extend(_template_quotations(text))
    # Marks around nothing ("", " - ") quote no words: they are typography, not quotations.
    found = [q for q in found if _has_words(text, q.inner)]
    found.sort(key=lambda q: q.open_at)
    return found, problems


def may_hold_quotations(text: str, quotation: FoundQuotation) -> bool:
    """Whether a quotation has quotations inside it: marks paired inside, or single marks."""
    if quotation.nested:
        return True
    inner = quotation.inner
    return any(text.find(mark, inner.start, inner.end) != -1 for mark in "'\u2018`")


def find_nested_quotations(
    text: str, layout: Layout, outer: list[FoundQuotation]
) -> list[FoundQuotation]:
    """The quotations inside the top-level ones ("Lincoln said, 'The world will little note'"),
    each with the span of the one it stands in; in double marks, or in single marks inside
    double ones."""
    nested: list[FoundQuotation] = []
    for quotation in outer:
        if quotation.from_block_markup or quotation.enclosed_by is not None:
            continue
        for open_at, close_mark in quotation.nested:
            nested.append(_inside(text, open_at, close_mark, quotation))
        if text[quotation.open_at] in "\u2018`":
            continue
        for open_at, close_mark in _single_pairs(text, quotation.inner):
            if not any(a <= open_at < b for a, b in quotation.nested):
                nested.append(_inside(text, open_at, close_mark, quotation))
    nested = [q for q in nested if _has_words(text, q.inner)]
    nested.sort(key=lambda q: q.open_at)
    return nested


def _inside(text: str, open_at: int, close_mark: int, outer: FoundQuotation) -> FoundQuotation:
    found = _finish(text, open_at, close_mark, paragraphs=1, block_like=False, hidden=[])
    return FoundQuotation(
        open_at=found.open_at,
        close_at=found.close_at,
        inner=found.inner,
        italic=found.italic,
        at_paragraph_start=False,
        paragraphs=1,
        enclosed_by=outer.inner,
    )


def _single_pairs(text: str, span: Span) -> list[tuple[int, int]]:
    """Quotations in single marks (curly, or straight) within ``span``."""
    pairs: list[tuple[int, int]] = []
    position = span.start
    for match in _ANY_SINGLE_OPEN.finditer(text, span.start, span.end):
        pos = match.start("mark")
        if pos < position or not _opens_single(text, pos):
            continue
        close = (
            _straight_single_close(text, pos, span.end)
            if text[pos] == "'"
            else _single_close(text, pos, span.end)
        )
        if close == -1:
            continue
        pairs.append((pos, close))
        position = close + 1
    return pairs


_ANY_SINGLE_OPEN = re.compile(
    "(?P<mark>[\u2018`'])(?:(?<=\\A.)|(?<=[ \t\r\n(\\[{\u2014\u2013/*_>-].))(?=\\S)"
)
"""A single mark that may open a quotation: at the start or after a space or an opening bracket,
before a word. The mark comes first in the pattern, so a scan jumps from mark to mark and looks
behind only there (three times faster than matching the character before)."""


def _opens_single(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else "\n"
    after = text[pos + 1 : pos + 2]
    return (
        before in _BEFORE_OPEN
        and bool(after)
        and not after.isspace()
        and _DECADE.match(text, pos + 1) is None
        and _ELISION.match(text, pos + 1) is None
    )


_ELIDED_T = re.compile(r"[Tt](?:was|is|were|will|would)\b")
_ELISION = re.compile(r"(?:t(?:was|is|were|will|would)|em|n|cause|til|tween|twixt)\b", re.I)
"""Words printed with a leading apostrophe ('Twas, 'em, rock 'n' roll): the mark is no quotation."""


def _in_code_span(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a Markdown code span (an odd number of backticks before it
    on its line): ``print('hello')`` is code, not a quotation."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text.count("`", line_start, pos) % 2 == 1


def _straight_single_close(text: str, pos: int, limit: int) -> int:
    """The closing ``'`` of a quotation opened by a straight ``'``: one after a word or a mark and
    before punctuation, a note mark or the end ("workers' party" and "don't" are apostrophes)."""
    close = pos
    while True:
        close = text.find("'", close + 1, limit)
        if close == -1:
            return -1
        after = text[close + 1 : close + 2]
        if text[close - 1].isspace() or after.isalnum():
            continue
        if text[close - 1] in ",.;:!?" or not after or after in '.,;:!?)]\u2014\u2013\n"\u201d[':
            return close


def _same_mark_opens(text: str, layout: Layout, marks: list[tuple[int, int]], i: int) -> bool:
    """Whether a closing mark with no quotation open opens one: the text prints the same mark on
    both sides (”...”), and the next mark in the paragraph is that mark again."""
    if i + 1 >= len(marks):
        return False
    pos, next_pos = marks[i][0], marks[i + 1][0]
    return (
        text[pos] == text[next_pos]
        and marks[i + 1][1] != _Mark.OPEN
        and layout.paragraph_index(pos) == layout.paragraph_index(next_pos)
        and _has_words(text, Span(pos + 1, next_pos))
    )


_TEMPLATE_QUOTE = re.compile(
    r"\{%[^%]*?\b(?:class|style|type)=\"[^\"]*quote[^\"]*\"[^%]*?\btext=\"(?P<text>[^\"]{20,})\"[^%]*?%\}",
    re.S,
)


def _template_quotations(text: str) -> list[FoundQuotation]:
    """The words of a site-generator tag styled as a quotation ({% include aside.html
    class="pullquote" text="..." %}): a block quotation shown to the reader."""
    if "{%" not in text:
        return []
    found: list[FoundQuotation] = []
    for match in _TEMPLATE_QUOTE.finditer(text):
        start, end = match.start("text"), match.end("text")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        note = _TRAILING_NOTE.search(text, start, end)
        close_at = end + 1
        if note:
            close_at = end = note.start()
            while end > start and text[end - 1].isspace():
                end -= 1
        found.append(
            FoundQuotation(
                open_at=match.start(),
                close_at=close_at,
                inner=Span(start, end),
                italic=False,
                # The tag stands in the paragraph that introduces it ("... description that:").
                at_paragraph_start=False,
                paragraphs=1,
                from_block_markup=True,
            )
        )
    return found


_DECADE = re.compile(r"\d\ds\b")


def _with_single_quotations(
    text: str, layout: Layout, doubles: list[FoundQuotation]
) -> list[FoundQuotation]:
    """Add quotations in curly single marks (British style) that are not inside double ones.

    A closing ``\u2019`` must not be followed by a letter (``Stalin\u2019s`` is an apostrophe);
    a single quotation stays within its paragraph. Double quotations inside it are nested.
    """
    singles: list[FoundQuotation] = []
    closes = [q.close_at for q in doubles]
    position = 0
    for match in _ANY_SINGLE_OPEN.finditer(text):
        pos = match.start("mark")
        if pos < position or layout.is_excluded(pos):
            continue
        index = bisect_right(closes, pos)
        if index < len(doubles) and doubles[index].open_at < pos:
            continue
        if not _opens_single(text, pos) or (text[pos] == "'" and _in_code_span(text, pos)):
            continue
        para = layout.paragraph_at(pos)
        limit = min(para.end, pos + 3000)
        if text[pos] == "'":
            close = _straight_single_close(text, pos, limit)
        else:
            close = _single_close(text, pos, limit)
        if close == -1:
            continue
        block_like = _at_paragraph_start(text, layout, pos)
        singles.append(_finish(text, pos, close, paragraphs=1, block_like=block_like, hidden=[]))
        position = close + 1
    if not singles:
        return doubles
    # Singles do not overlap one another: the one opening last before a double is the only one
    # that can hold it.
    opens = [s.open_at for s in singles]
    kept = []
    for double in doubles:
        k = bisect_right(opens, double.open_at) - 1
        if k < 0 or singles[k].close_at < double.close_at:
            kept.append(double)
    return kept + singles


_NEXT_SINGLE_OPEN = re.compile("(?<=[\\s(\u2014])[\u2018`](?!\\d\\ds)")


def _single_close(text: str, pos: int, limit: int) -> int:
    """The closing mark of a single quotation: before the next opening one, preferring a mark
    followed by punctuation ("workers\u2019 party" is a plural possessive, "task\u2019." a close)."""
    following = _NEXT_SINGLE_OPEN.search(text, pos + 1, limit)
    if following:
        limit = following.start()
    weak = -1
    close = pos
    # An ASCII quotation opened by a backtick closes with a straight mark: `like this'.
    closer = "'" if text[pos] == "`" else "\u2019"
    if closer == "'":
        code = text.find("`", pos + 1, limit)
        if code != -1:
            return -1  # `code` in Markdown: a code span, not a quotation
    while True:
        close = text.find(closer, close + 1, limit)
        if close == -1:
            return weak
        after = text[close + 1 : close + 3]
        if text[close - 1].isspace() or after[:1].isalpha():
            continue
        if not after or after[0] in ".,;:!?)]\u2014\u2013-\n" or after == " (":
            return close
        if weak == -1:
            weak = close


def _has_words(text: str, span: Span) -> bool:
    return any(ch.isalnum() for ch in text[span.start : span.end])


def _classify_mark(text: str, pos: int) -> int:
    char = text[pos]
    if char in _OPENERS:
        return _Mark.OPEN
    before = text[pos - 1] if pos else "\n"
    after = text[pos + 1] if pos + 1 < len(text) else "\n"
    if char in _CLOSERS:
        # "to ”trying to catch": a right-hand mark set where a left-hand one belongs (texts
        # that print one curly mark on both sides) opens when a word follows it.
        if char == "\u201d" and before in _BEFORE_OPEN and after.isalnum():
            return _Mark.OPEN
        return _Mark.CLOSE
    if before in _BEFORE_OPEN and not after.isspace() and after not in ".,;:!?)]}":
        return _Mark.OPEN
    if not before.isspace() and after in _AFTER_CLOSE:
        return _Mark.CLOSE
    return _Mark.EITHER


def _at_paragraph_start(text: str, layout: Layout, pos: int) -> bool:
    para = layout.paragraph_at(pos)
    return para.start <= pos <= para.start + 8 and not text[para.start : pos].strip(" \t*_>")


_Closing = tuple[FoundQuotation | None, int, list[int], list[tuple[int, int]]]


def _close_quotation(text: str, layout: Layout, marks: list[tuple[int, int]], i: int) -> _Closing:
    """The quotation opened by ``marks[i]`` (None when it never closes), the index to go on
    from, the nested marks still open when it gave up, and the nested quotations' marks."""
    open_at = marks[i][0]
    block_like = _at_paragraph_start(text, layout, open_at)
    first_para = layout.paragraph_index(open_at)
    last_para = first_para
    nested: list[int] = []
    pairs: list[tuple[int, int]] = []
    continuations: list[int] = []
    hidden: list[Span] = []
    unmarked = False

    outermost_closes: list[int] = []
    """Marks that closed a quotation inside this one and left no other open."""

    def gave_up() -> _Closing:
        # One closing mark may end a quotation and the one inside it at once ('...truly "of the
        # people, for the people."' at the end of a line): the first such mark ends the outer too.
        for k in outermost_closes:
            close = marks[k][0]
            if unmarked or not _ends_line(text, layout, close):
                continue
            paragraphs = layout.paragraph_index(close) - first_para + 1
            quotation = _finish(
                text, open_at, close, paragraphs=paragraphs, block_like=block_like, hidden=hidden
            )
            kept = [p for p in pairs if p[1] <= close]
            return _with_nested(quotation, kept), k + 1, [], kept
        return None, i + 1, nested + continuations, []

    j = i + 1
    while j < len(marks):
        pos, kind = marks[j]
        if pos - open_at > _MAX_QUOTATION_CHARS:
            return None, i + 1, nested + continuations, []
        para = layout.paragraph_index(pos)
        if para != last_para:
            if para - first_para > _MAX_PARAGRAPHS:
                return None, i + 1, nested + continuations, []
            opens_para = _at_paragraph_start(text, layout, pos) and kind != _Mark.CLOSE
            for boundary in range(last_para, para):
                follows_with_mark = opens_para and boundary == para - 1
                if not _may_cross(text, layout, boundary, block_like, follows_with_mark):
                    return gave_up()
                if not follows_with_mark and not _page_break(text, layout, boundary):
                    unmarked = True
            last_para = para
            if opens_para:
                hidden.append(Span(pos, pos + 1))
                continuations.append(j)
                nested.clear()
                j += 1
                continue
        if unmarked and (kind == _Mark.OPEN or nested or not _ends_paragraph(text, layout, pos)):
            # A displayed quotation whose later paragraphs open without a mark runs on only to a
            # mark that ends a paragraph, with no quotation opening on the way; otherwise its
            # closing mark is missing and it stops at its own paragraph.
            return None, i + 1, nested + continuations, []
        if kind == _Mark.OPEN:
            nested.append(j)
        elif nested:
            pairs.append((marks[nested.pop()][0], pos))
            if not nested:
                outermost_closes.append(j)
        else:
            quotation = _finish(
                text,
                open_at,
                pos,
                paragraphs=para - first_para + 1,
                block_like=block_like,
                hidden=hidden,
            )
            return _with_nested(quotation, pairs), j + 1, [], pairs
        j += 1
    return gave_up()


def _with_nested(quotation: FoundQuotation, pairs: list[tuple[int, int]]) -> FoundQuotation:
    if not pairs:
        return quotation
    inside = tuple(p for p in pairs if quotation.inner.start <= p[0] < quotation.close_at)
    return replace(quotation, nested=inside)


def _page_break(text: str, layout: Layout, boundary: int) -> bool:
    """A blank line that fell mid-sentence: "who were building the\n\nfurnaces"."""
    before = layout.paragraphs[boundary]
    after = layout.paragraphs[boundary + 1]
    return text[before.end - 1] not in '.!?:;"\u201d' and text[after.start].islower()


_REST_OF_PARAGRAPH = re.compile(
    r"[\s.,;:!?*_\u2019'\u201d\"]*(?:\([^()\n]{1,200}\)|\[\^?[\w-]+\]|\d{1,3})?[\s.,;:]*"
)


def _ends_line(text: str, layout: Layout, pos: int) -> bool:
    """Whether only punctuation and a reference follow the mark at ``pos`` on its line."""
    end = layout.paragraph_at(pos).end
    newline = text.find("\n", pos, end)
    end = end if newline == -1 else newline
    rest = _REST_OF_PARAGRAPH.match(text, pos + 1, end)
    return rest is not None and rest.end() >= end


def _ends_paragraph(text: str, layout: Layout, pos: int) -> bool:
    """Whether only punctuation and a reference follow the mark at ``pos`` in its paragraph."""
    end = layout.paragraph_at(pos).end
    rest = _REST_OF_PARAGRAPH.match(text, pos + 1, end)
    return rest is not None and rest.end() >= end


def _may_cross(
    text: str, layout: Layout, boundary: int, block_like: bool, follows_with_mark: bool
) -> bool:
    """Whether a quotation may run on from paragraph ``boundary`` into the next one."""
    if block_like or follows_with_mark:
        return True
    before = layout.paragraphs[boundary]
    after = layout.paragraphs[boundary + 1]
    last = text[before.end - 1]
    first = text[after.start]
    # A page break that fell mid-sentence: "who were building the\n\nfurnaces and rolling mills".
    return last not in '.!?:;"\u201d' and first.islower()


def _finish(
    text: str,
    open_at: int,
    close_mark: int,
    *,
    paragraphs: int,
    block_like: bool,
    hidden: list[Span],
) -> FoundQuotation:
    start, end = open_at + 1, close_mark
    close_at = close_mark + 1
    italic = False
    if (
        open_at
        and text[open_at - 1] in "*_"
        and close_at < len(text)
        and text[close_at] == text[open_at - 1]
    ):
        italic = True
        close_at += 1
    while start < end and text[start] in "*_":
        italic = True
        start += 1
    while end > start and text[end - 1] in "*_":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return FoundQuotation(
        open_at=open_at,
        close_at=close_at,
        inner=Span(start, end),
        italic=italic,
        at_paragraph_start=block_like,
        paragraphs=paragraphs,
        hidden=tuple(hidden),
    )


_TRAILING_REFERENCE = re.compile(r"\s*\(([^()\n]{1,160})\)[.,;]?[\s>]*$")
_BLOCK_SIGNATURE = re.compile(
    r"\n[ \t]*>?[ \t]*(?:>[ \t]*\n[ \t]*>?[ \t]*)?(?:(?:\u2014|\u2013|\u2015|--|-)[ \t]*[*_]*|[*_]+)"
    r"(?P<name>[A-Z][^\n*_]{1,60}?)[*_]*[ \t]*\Z"
)


def _is_name(words: str) -> bool:
    from citecheck.extract.names import people

    found = people(words.strip().rstrip(".,"))
    return bool(found) and found[0][1] == 0 and found[0][0] == words.strip().rstrip(".,")


_TRAILING_NOTE = re.compile(r"\[\^?([\w-]+)\]\s*$")
_BLOCK_PREFIX = re.compile(r"^[ \t]*>[ \t]?", re.M)
_TRAILING_NOTE_MARK = re.compile(r"\[\^([\w-]+)\][ \t]*$|\[(\d{1,4})\][ \t]*$")


_INTERRUPTED = re.compile(
    r"[ \t>]*[\"\u201c][^\"\u201c\u201d\n]{1,600}?[\"\u201d][ \t]*,?[ \t]+"
    r"(?:(?:he|she|they|I|we)|[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})[ \t]+"
    r"(?:said|says|wrote|writes|noted|notes|added|adds|continued|continues|went on|asked|asks|"
    r"replied|replies|remarked|observed|declared|exclaimed|cried|recalled|explained)"
    r"[^\"\u201c\u201d\n]{0,60}[,:;][ \t]*[\"\u201c]"
)
"""A block that quotes in marks and is interrupted by its attribution ('> “I have ...,” she
noted, “and ...”'): its marks, not its display, say where the quotations are."""


def _unmarked_blocks(text: str, layout: Layout) -> list[Span]:
    """The block quotations taken as displayed quotations; those whose own marks interrupt them
    with an attribution are read by their marks instead."""
    return [
        block
        for block in layout.block_quotes
        if not _INTERRUPTED.match(text, block.start, min(block.end, block.start + 800))
    ]


def _markup_block_quotations(text: str, layout: Layout, blocks: list[Span]) -> list[FoundQuotation]:
    """Markdown ``>`` paragraphs (and HTML blockquotes) as block quotations without marks."""
    found: list[FoundQuotation] = []
    for region in blocks:
        chunk = text[region.start : region.end]
        hidden = [
            Span(region.start + m.start(), region.start + m.end())
            for m in _BLOCK_PREFIX.finditer(chunk)
        ]
        end = region.end
        from citecheck.extract.locators import parse_reference

        trailing = _TRAILING_REFERENCE.search(chunk)
        if trailing and parse_reference(trailing.group(1), offset=0) is not None:
            end = region.start + trailing.start()
        close_at = None
        marker = _TRAILING_NOTE.search(chunk)
        if marker and layout.note(marker.group(1)) is not None:
            end = region.start + marker.start()
        signed = _BLOCK_SIGNATURE.search(text, region.start, end)
        if signed and _is_name(signed.group("name")):
            # "> *Byron*" or "> — Jane Smith" closing an epigraph: who said it, not what.
            end = signed.start()
        start = region.start
        while start < end and (text[start] in " \t>\n" or text[start] in '"\u201c'):
            start += 1
        while end > start and text[end - 1] in ' \t\n"\u201d':
            end -= 1
        found.append(
            FoundQuotation(
                open_at=region.start,
                close_at=end if close_at is None else close_at,
                inner=Span(start, end),
                italic=False,
                at_paragraph_start=True,
                paragraphs=chunk.count("\n\n") + 1,
                hidden=tuple(hidden),
                from_block_markup=True,
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class QuotationParts:
    segments: tuple[Segment, ...]
    ellipses: tuple[Span, ...]
    interpolations: tuple[Interpolation, ...]


def split_segments(text: str, quotation: FoundQuotation) -> QuotationParts:
    """Segments between ellipses and bracketed interpolations, with their spans."""
    start, end = quotation.inner.start, quotation.inner.end
    inner = text[start:end]
    cuts: list[tuple[int, int]] = []
    ellipses: list[Span] = []
    interpolations: list[Interpolation] = []
    for match in _ELLIPSIS.finditer(inner):
        span = Span(start + match.start(), start + match.end())
        ellipses.append(span)
        cuts.append((span.start, span.end))
    for match in _INTERPOLATION.finditer(inner):
        span = Span(start + match.start(), start + match.end())
        if any(e.start < span.end and span.start < e.end for e in ellipses):
            continue
        interpolations.append(Interpolation(match.group(1), span))
        cuts.append((span.start, span.end))
    for match in _NOTE_REF.finditer(inner):
        cuts.append((start + match.start(), start + match.end()))
    cuts.sort()
    segments: list[Segment] = []
    position = start
    for cut_start, cut_end in cuts:
        _add_segment(text, position, cut_start, quotation.hidden, segments)
        position = max(position, cut_end)
    _add_segment(text, position, end, quotation.hidden, segments)
    return QuotationParts(tuple(segments), tuple(ellipses), tuple(interpolations))


def _add_segment(
    text: str, start: int, end: int, hidden: tuple[Span, ...], out: list[Segment]
) -> None:
    while start < end and text[start] in " \t\r\n*_":
        start += 1
    while end > start and text[end - 1] in " \t\r\n*_":
        end -= 1
    if end <= start:
        return
    pieces: list[str] = []
    position = start
    for span in hidden:
        if span.end <= start or span.start >= end:
            continue
        pieces.append(text[position : span.start])
        position = span.end
    pieces.append(text[position:end])
    clean = _without_emphasis("".join(pieces))
    clean = " ".join(clean.split())
    if any(ch.isalnum() for ch in clean):
        out.append(Segment(clean, Span(start, end)))


_MINOR_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "-",
        "that",
        "as",
        "but",
        "nor",
        "into",
        "upon",
        "than",
        "vs",
    }
)


def _title_case(words: list[str], *, longest: int = 8) -> bool:
    """2-8 words, each capitalised but the small ones: "Foundations of Leninism"."""
    significant = [w for w in words if w.lower() not in _MINOR_WORDS]
    return (
        2 <= len(words) <= longest
        and bool(significant)
        and all(w[0].isupper() for w in significant)
    )


_TITLE_REACH = 3000
_SAID_AFTER = re.compile(
    r"[ \t]*(?:[\w@'\u2019.-]+[ \t]+){0,4}?(?:said|says|began|begins|wrote|writes|asked|asks|"
    r"tweeted|tweets|replied|replies|added|adds|told|read|reads|ran|runs|went|goes)\b"
)


def _said(text: str, quotation: FoundQuotation, inner: str) -> bool:
    """Whether short words in marks are someone's, broken off for the attribution that follows
    ('"@Ada stop this now," one reply began'): a quotation, not a phrase held at a distance."""
    stripped = inner.rstrip("*_ ")
    if len(stripped.split()) < 2 or stripped[-1:] not in ",!?":
        return False
    return _SAID_AFTER.match(text, quotation.close_at, quotation.close_at + 60) is not None


def _goes_on_speaking(text: str, layout: Layout, quotation: FoundQuotation, inner: str) -> bool:
    """Whether short words in marks are a whole sentence that goes on from a quotation just
    attributed ('"The issue has just disappeared," said Senator Warner. "There's collective
    amnesia."'): the speaker's next sentence, not a phrase held at a distance."""
    stripped = inner.strip("*_ ")
    if len(stripped.split()) < 2 or not stripped[:1].isupper() or stripped[-1:] not in ".!?":
        return False
    para = layout.paragraph_at(quotation.open_at)
    before = text[max(para.start, quotation.open_at - _GOES_ON_REACH) : quotation.open_at]
    return _ATTRIBUTED_JUST_BEFORE.search(before) is not None


_GOES_ON_REACH = 120
_ATTRIBUTED_JUST_BEFORE = re.compile(
    r"[,!?][\"\u201d][ \t]+[^\"\u201c\u201d\n]{2,80}?\b(?:said|says|added|adds|wrote|writes|"
    r"asked|continued|told)\b[^\"\u201c\u201d\n]{0,60}[.:;][ \t]*$"
    r"|[,!?][\"\u201d][ \t]+(?:said|says|added|wrote|asked|continued)\b[^\"\u201c\u201d\n]{1,80}[.:;][ \t]*$"
)


def _repeats_a_title(text: str, quotation: FoundQuotation, inner: str) -> bool:
    """Whether the words repeat a title printed shortly before, capitalised as titles are:
    'the author of Passchendaele: The Lost Victory of World War I ... why was it "the lost
    victory of World War I"?' names the book, it does not quote it."""
    phrase = inner.strip(" *_")
    if not phrase or phrase[-1] in ".,;:!?":
        return False
    start = max(0, quotation.open_at - _TITLE_REACH)
    match = re.search(re.escape(phrase), text[start : quotation.open_at], re.I)
    if match is None:
        return False
    printed = match.group()
    before = text[start + match.start() - 1] if start + match.start() else " "
    return before not in "\"\u201c\u2018'" and _title_case(_WORDS.findall(printed), longest=12)


def classify_quotation(
    text: str,
    layout: Layout,
    quotation: FoundQuotation,
    *,
    reference: tuple[int, int] | None,
    paged: bool = False,
) -> QuotationKind:
    """BLOCK, INLINE, TITLE or SCARE, from the quotation's length, position and lead-in.

    ``reference`` is where the reference after the quotation starts and ends, if there is one;
    ``paged`` whether that reference gives a page."""
    inner = text[quotation.inner.start : quotation.inner.end]
    # '"[Lost Cause](https://...)"': the words of a Markdown link, not its address.
    inner = link_words(inner)
    words = _WORDS.findall(_without_emphasis(inner))
    if quotation.from_block_markup:
        return QuotationKind.BLOCK
    para = layout.paragraph_at(quotation.open_at)
    lead_in = text[max(para.start, quotation.open_at - 80) : quotation.open_at]
    if (
        len(words) <= 15
        and _ends_with_title_cue(lead_in)
        and (
            not inner.rstrip("*_ ").endswith((".", ","))
            or _title_case(_WORDS.findall(inner.rstrip("*_ ,")), longest=15)
        )
    ):
        return QuotationKind.TITLE
    if reference is None and _mentions(lead_in):
        return QuotationKind.SCARE
    if _NAMING_CUE.search(lead_in, max(0, len(lead_in) - 30)):
        return QuotationKind.SCARE
    if quotation.italic and reference is None and _title_case(words) and inner[-1:].isalnum():
        return QuotationKind.TITLE
    if reference is None and _title_case(words, longest=12) and inner.rstrip("*_ ")[-1:].isalnum():
        # "The Wreck of the Edmund Fitzgerald", "Mosaic and Godzilla": a name, not a sentence.
        return QuotationKind.TITLE
    if reference is None and 5 <= len(words) <= 12 and _repeats_a_title(text, quotation, inner):
        return QuotationKind.TITLE
    if (
        len(words) <= 4
        and not (len(words) >= 3 and reference and paged)
        and not _said(text, quotation, inner)
        and not _goes_on_speaking(text, layout, quotation, inner)
    ):
        # A word or a short phrase, even with a note after it, is held at a distance; only a
        # phrase of some length cited to a page is a quotation to check.
        return QuotationKind.SCARE
    if quotation.at_paragraph_start:
        # Displayed: it fills its paragraph, give or take the reference after it.
        between = text[quotation.close_at : reference[0]] if reference else ""
        after = reference[1] if reference else quotation.close_at
        end = layout.paragraph_at(quotation.close_at).end
        rest = between + (text[after : min(end, after + 200)] if after < end else "")
        if quotation.paragraphs > 1 or not any(ch.isalpha() for ch in rest):
            return QuotationKind.BLOCK
    return QuotationKind.INLINE
