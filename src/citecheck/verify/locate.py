"""Finding a quotation in a source text: segments located in order, word by word, despite OCR noise.

The source's pages are joined into one text and indexed once (``SourceIndex``): every canonical word
(see ``citecheck.verify.normalise``) with its positions. A segment is found by letting its rarest words vote
for where the segment would start; only the few best-voted places are aligned word by word
(``rapidfuzz`` longest common subsequence), so a book of a million words is never scanned end to end.
The alignment of each segment lists its differences from the source (``TokenDiff``) in both texts'
own characters; ``citecheck.verify.judge`` turns them into verdicts.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import repeat
from operator import rshift, sub

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from citecheck.model import Page, Quotation
from citecheck.verify.normalise import (
    WORD_PATTERN,
    NormalisedText,
    Token,
    canonical_word,
    iter_tokens,
    normalise,
)
from citecheck.verify.segments import GapKind, QuotationParts, parse_quotation_text, split_quotation
from citecheck.verify.spelling import similar_words

__all__ = [
    "Alignment",
    "DiffKind",
    "GapKind",
    "NormalisedText",
    "QuotationParts",
    "SegmentAlignment",
    "SourceIndex",
    "SourceText",
    "TokenDiff",
    "align_segment",
    "locate",
    "normalise",
    "similar_words",
    "split_quotation",
]

PAGE_SEPARATOR = "\n"
"""Pages are joined with a line break: a word hyphenated at the foot of a page joins the next page."""


_NEAR_TOKENS = 400
_GLOBAL_VOTE_BUDGET = 20000
_BUCKET_SHIFT = 3


@dataclass(frozen=True, slots=True)
class SourceText:
    """An edition's pages joined into one text, with where each page starts."""

    text: str
    pages: tuple[Page, ...]
    page_starts: tuple[int, ...]
    label_pages: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    """The numbers of the pages with each printed label (folded), for finding the cited page."""

    @classmethod
    def from_pages(cls, pages: Sequence[Page]) -> SourceText:
        """The pages joined into one text, with their offsets."""
        starts: list[int] = []
        position = 0
        for page in pages:
            starts.append(position)
            position += len(page.text) + len(PAGE_SEPARATOR)
        labels: dict[str, list[int]] = {}
        for number, page in enumerate(pages):
            if page.printed:
                labels.setdefault(page.printed.strip().casefold(), []).append(number)
        return cls(
            PAGE_SEPARATOR.join(p.text for p in pages),
            tuple(pages),
            tuple(starts),
            {label: tuple(numbers) for label, numbers in labels.items()},
        )

    def page_index(self, offset: int) -> int:
        """The index of the page holding the character at ``offset``."""
        return max(bisect_right(self.page_starts, offset) - 1, 0)

    def printed_at(self, offset: int) -> str | None:
        """The printed label of the page holding ``offset``."""
        return self.pages[self.page_index(offset)].printed if self.pages else None

    def page_breaks_between(self, start: int, end: int) -> int:
        """How many page breaks lie between two offsets."""
        return self.page_index(max(end - 1, start)) - self.page_index(start)


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """Every word of a source text in canonical form, with its positions, for fast candidate search."""

    source: SourceText
    ids: array[int] = field(repr=False, compare=False)
    starts: array[int] = field(repr=False, compare=False)
    vocabulary: dict[str, int] = field(repr=False, compare=False)
    words: list[str] = field(repr=False, compare=False)
    positions: list[array[int]] = field(repr=False, compare=False)
    ocr: bool = False
    """The text was read by OCR: its misreadings are forgiven (``citecheck.verify.spelling``)."""

    @classmethod
    def build(cls, pages: Sequence[Page]) -> SourceIndex:
        """Index the words of ``pages``."""
        source = SourceText.from_pages(pages)
        vocabulary: dict[str, int] = {}
        words: list[str] = []
        ids: array[int] = array("i")
        starts: array[int] = array("q")
        # The hot loop of a million-word book: each surface form is folded once, not per word,
        # and only starts are kept (a word's end is found again by matching at its start).
        surface_ids: dict[str, int] = {}
        add_id, add_start, known = ids.append, starts.append, surface_ids.get
        for match in WORD_PATTERN.finditer(source.text):
            word = match.group()
            word_id = known(word)
            if word_id is None:
                canon = canonical_word(word) or word.lower()
                word_id = vocabulary.get(canon)
                if word_id is None:
                    word_id = vocabulary[canon] = len(words)
                    words.append(canon)
                surface_ids[word] = word_id
            add_id(word_id)
            add_start(match.start())
        positions: list[array[int]] = [array("i") for _ in words]
        for number, word_id in enumerate(ids):
            positions[word_id].append(number)
        ocr = any(page.ocr for page in pages)
        return cls(source, ids, starts, vocabulary, words, positions, ocr)

    @staticmethod
    def of(pages: Sequence[Page]) -> SourceIndex:
        """The index of ``pages``, built once for the same text however often and by however many threads."""
        # A late import: the indexes module builds on this one.
        from citecheck.verify.indexes import default_store

        return default_store().index(pages)

    def __len__(self) -> int:
        return len(self.ids)

    def span_text(self, first: int, last: int) -> str:
        """The source's characters from word ``first`` to word ``last - 1``."""
        if first >= last:
            return ""
        return self.source.text[self.starts[first] : self.end_of(last - 1)]

    def words_on_pages(self, labels: Sequence[str]) -> tuple[int, int] | None:
        """The word range ``[first, last)`` of the pages with these printed labels, or None."""
        wanted = {label.strip().casefold() for label in labels if label}
        if not wanted:
            return None
        numbers = sorted(n for label in wanted for n in self.source.label_pages.get(label, ()))
        if not numbers:
            return None
        start = self.source.page_starts[numbers[0]]
        end = self.source.page_starts[numbers[-1]] + len(self.source.pages[numbers[-1]].text)
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def end_of(self, word: int) -> int:
        """The offset just after word number ``word``."""
        match = WORD_PATTERN.match(self.source.text, self.starts[word])
        return match.end() if match else self.starts[word]


class DiffKind(StrEnum):
    """How a stretch of the document compares with the source."""

    SAME = "same"
    VARIANT = "variant"
    """Same word, spelt differently or misread by OCR."""
    ADDED = "added"
    """Words in the document that the source does not have."""
    REMOVED = "removed"
    """Words of the source that the document leaves out."""
    REPLACED = "replaced"
    PAGE_FURNITURE = "page_furniture"
    """A running head, folio or page number of the source inside the passage: not the author's text."""
    UNCOVERED = "uncovered"
    """Words of the document beyond the end of the available source text (snippets)."""


@dataclass(frozen=True, slots=True)
class TokenDiff:
    """One stretch of a segment compared with the source, in both texts' own characters."""

    kind: DiffKind
    document: str
    source: str
    document_words: tuple[str, ...] = ()
    source_words: tuple[str, ...] = ()
    """Canonical forms, for deciding whether a change bears on meaning."""
    source_start: int = 0
    source_end: int = 0
    """The source's stretch as offsets in ``SourceText.text`` (empty for added words)."""


@dataclass(frozen=True, slots=True)
class SegmentAlignment:
    """Where one segment of a quotation stands in the source, and how its words compare."""

    index: int
    segment: str
    start: int
    """Offset of the first matched character in ``SourceText.text``."""
    end: int
    first_word: int
    last_word: int
    """Word positions ``[first_word, last_word)`` in the source index."""
    score: float
    """Share of the segment's words found as they are or as spelling/OCR variants."""
    diffs: tuple[TokenDiff, ...]

    @property
    def word_count(self) -> int:
        return self.last_word - self.first_word


@dataclass(frozen=True, slots=True)
class Alignment:
    """A quotation located in a source: one alignment (or None) per segment."""

    parts: QuotationParts
    source: SourceText
    segments: tuple[SegmentAlignment | None, ...]
    index: SourceIndex = field(repr=False, compare=False)

    @property
    def found(self) -> tuple[SegmentAlignment, ...]:
        return tuple(s for s in self.segments if s is not None)


def locate(
    quotation: Quotation | str,
    pages: Sequence[Page] | SourceIndex,
    *,
    open_edges: bool = False,
    prefer_pages: Sequence[str] = (),
) -> Alignment | None:
    """Find each segment of ``quotation`` in ``pages``, in order; None when no segment is there.

    ``open_edges`` is for texts that are fragments (search snippets): document words beyond the
    fragment's ends count as uncovered, not as added. ``prefer_pages`` (printed labels, e.g. the
    cited page) decides between equally good places of a passage the text holds more than once.
    """
    if isinstance(quotation, str):
        parts = parse_quotation_text(quotation)
    else:
        parts = split_quotation(quotation)
    index = pages if isinstance(pages, SourceIndex) else SourceIndex.of(pages)
    prefer = index.words_on_pages(prefer_pages)
    found: list[SegmentAlignment | None] = []
    segments: list[str] = []
    gaps: list[GapKind] = []
    fillers: list[str] = []
    after: int | None = None
    for number, segment in enumerate(parts.segments):
        if number:
            gaps.append(parts.gaps[number - 1])
            fillers.append(parts.interpolations[number - 1])
        match = align_segment(
            index,
            segment,
            number=len(found),
            after=after,
            open_edges=open_edges,
            prefer=prefer if after is None else None,
        )
        pieces = [(segment, match)]
        if match is not None and not open_edges:
            pieces = (
                _spliced_pieces(
                    index,
                    segment,
                    match,
                    first=len(found),
                    prefer=prefer if after is None else None,
                )
                or pieces
            )
        for k, (text, piece) in enumerate(pieces):
            if k:
                gaps.append(GapKind.NONE)
                fillers.append("")
            segments.append(text)
            found.append(piece)
            if piece is not None:
                after = piece.last_word
    if not any(found):
        return None
    if len(segments) > len(parts.segments):
        parts = replace(
            parts, segments=tuple(segments), gaps=tuple(gaps), interpolations=tuple(fillers)
        )
    return Alignment(parts, index.source, tuple(found), index)


_SPLICE_MIN_WORDS = 4
"""A run of the document's words at least this long that does not match may be a splice."""


def _spliced_pieces(
    index: SourceIndex,
    segment: str,
    match: SegmentAlignment,
    *,
    first: int,
    prefer: tuple[int, int] | None,
) -> list[tuple[str, SegmentAlignment | None]] | None:
    """The segment as two passages of the source joined without an ellipsis, or None.

    When the words at one end of a segment do not match where the rest does, they are sought on
    their own elsewhere in the source; found there, the segment is two pieces (a splice).
    """
    matched: list[bool] = []
    for diff in match.diffs:
        hit = diff.kind in (DiffKind.SAME, DiffKind.VARIANT)
        matched += [hit] * len(diff.document_words)
    if all(matched):
        return None
    tokens = list(iter_tokens(segment))
    if len(matched) != len(tokens):
        return None
    cut, tail = _changepoint(matched)
    if cut is None:
        return None
    cut = _clause_boundary(segment, tokens, cut)
    kept, rest = (segment[: tokens[cut].start], segment[tokens[cut].start :])
    if not tail:
        kept, rest = rest, kept
    # The passage the document starts with is the one on the cited page, where there are several.
    other = align_segment(index, rest, number=first, prefer=None if tail else prefer)
    if other is None or other.score < 0.8:
        return None
    near = match.first_word - 8 <= other.first_word <= match.last_word + 8
    if near:
        return None
    again = align_segment(index, kept, number=first, prefer=(match.first_word, match.last_word))
    if again is None:
        return None
    if tail:
        return [(kept.rstrip(), again), (rest, replace(other, index=first + 1))]
    return [(rest.rstrip(), other), (kept, replace(again, index=first + 1))]


_CLAUSE_ENDS = (".!?", ";:", ",\u2014")


def _clause_boundary(segment: str, tokens: Sequence[Token], cut: int) -> int:
    """The cut moved to the nearest end of a sentence (else of a clause) within a few words."""
    for ends in _CLAUSE_ENDS:
        near = [
            c
            for c in range(max(1, cut - 4), min(len(tokens), cut + 5))
            if segment[tokens[c - 1].end : tokens[c].start].strip(" \t\r\n\"'\u201d\u2019)")[:1]
            in tuple(ends)
        ]
        if near:
            return min(near, key=lambda c: abs(c - cut))
    return cut


def _changepoint(matched: Sequence[bool]) -> tuple[int | None, bool]:
    """Where a well-matched run of words gives way to an unmatched one at an end of the segment.

    Returns the index of the first word of the second run, and whether the unmatched run is the
    tail (else the head); None when neither end has such a run.
    """
    n = len(matched)
    best: tuple[float, int, bool] | None = None
    for cut in range(_SPLICE_MIN_WORDS, n - _SPLICE_MIN_WORDS + 1):
        head, tail = matched[:cut], matched[cut:]
        for unmatched_tail in (True, False):
            bad, good = (tail, head) if unmatched_tail else (head, tail)
            miss = 1 - sum(bad) / len(bad)
            fit = sum(good) / len(good)
            if miss >= 0.7 and fit >= 0.8:
                score = miss * len(bad) + fit * len(good)
                if best is None or score > best[0]:
                    best = (score, cut, unmatched_tail)
    if best is None:
        return None, False
    return best[1], best[2]


def align_segment(
    index: SourceIndex,
    segment: str,
    *,
    number: int = 0,
    after: int | None = None,
    open_edges: bool = False,
    prefer: tuple[int, int] | None = None,
) -> SegmentAlignment | None:
    """The best place of one segment in the indexed source.

    Of equally good places, the one nearest after word ``after`` (the previous segment's end) wins,
    else one within the words ``prefer`` (the cited pages).
    """
    tokens = list(iter_tokens(segment))
    if not tokens or not len(index):
        return None
    ids = [index.vocabulary.get(t.canon, -1 - k) for k, t in enumerate(tokens)]
    diagonals: list[int] = []
    if after is not None:
        diagonals += _vote_near(index, ids, after, after + _NEAR_TOKENS + len(ids))
    elif prefer is not None:
        diagonals += _vote_near(index, ids, max(prefer[0] - len(ids), 0), prefer[1])
    diagonals += _vote(index, ids)
    if not diagonals:
        diagonals = _fuzzy_vote(index, tokens)
    best: SegmentAlignment | None = None
    tried: list[int] = []
    for diagonal in diagonals:
        if any(abs(diagonal - t) < 4 for t in tried):
            continue
        tried.append(diagonal)
        candidate = _align_at(
            index, segment, tokens, ids, diagonal, number=number, open_edges=open_edges
        )
        if candidate is None:
            continue
        if best is None or _preferable(candidate, best, after, prefer):
            best = candidate
    if best is None or not _acceptable(best, len(tokens)):
        return None
    return best


def _preferable(
    candidate: SegmentAlignment,
    best: SegmentAlignment,
    after: int | None,
    prefer: tuple[int, int] | None,
) -> bool:
    """A clearly better match wins; of equally good ones, the nearest after the previous segment."""
    if abs(candidate.score - best.score) > 0.02:
        return candidate.score > best.score
    if after is not None:
        return _distance(candidate, after) < _distance(best, after)
    if prefer is not None:
        return _within(candidate, prefer) and not _within(best, prefer)
    return False


def _within(match: SegmentAlignment, words: tuple[int, int]) -> bool:
    return words[0] <= match.last_word and match.first_word < words[1]


def _distance(match: SegmentAlignment, after: int) -> int:
    gap = match.first_word - after
    return gap if gap >= 0 else 10 * -gap + _NEAR_TOKENS


def _acceptable(match: SegmentAlignment, word_count: int) -> bool:
    matched = round(match.score * word_count)
    if word_count <= 3:
        return match.score >= 0.99
    return match.score >= 0.5 and matched >= 3


def _vote(index: SourceIndex, ids: list[int]) -> list[int]:
    """Likely start positions of a segment: where its rarest words agree on one diagonal."""
    known = sorted((len(index.positions[w]), i, w) for i, w in enumerate(ids) if w >= 0)
    votes: Counter[int] = Counter()
    total = 0
    for used, (frequency, i, word) in enumerate(known):
        if used >= 3 and (total + frequency > _GLOBAL_VOTE_BUDGET or used >= 16):
            break
        total += frequency
        # (p - i) >> shift for every position p, in C: this loop is the search's hot spot.
        votes.update(map(rshift, map(sub, index.positions[word], repeat(i)), repeat(_BUCKET_SHIFT)))
    top = [bucket for bucket, _ in votes.most_common(8)]
    ranked = sorted(
        top, key=lambda b: votes[b] + max(votes.get(b - 1, 0), votes.get(b + 1, 0)), reverse=True
    )
    return [(b << _BUCKET_SHIFT) + (1 << (_BUCKET_SHIFT - 1)) for b in ranked[:3]]


def _vote_near(index: SourceIndex, ids: list[int], after: int, hi: int) -> list[int]:
    """Start positions between words ``after`` and ``hi``: the nearest well-supported ones first."""
    votes: Counter[int] = Counter()
    for i, word in enumerate(ids):
        if word < 0:
            continue
        positions = index.positions[word]
        votes.update(
            p - i for p in positions[bisect_left(positions, after) : bisect_left(positions, hi)]
        )
    if not votes:
        return []
    strongest = max(votes.values())
    supported = sorted(d for d, n in votes.items() if n >= 0.6 * strongest and d >= after - 2)
    return supported[:2] + [d for d, _ in votes.most_common(2)]


def _fuzzy_vote(index: SourceIndex, tokens: list[Token]) -> list[int]:
    """Start positions voted by the nearest spellings of words the source does not have at all."""
    votes: Counter[int] = Counter()
    for i, token in enumerate(tokens[:12]):
        if len(token.canon) < 4:
            continue
        hit = process.extractOne(token.canon, index.words, scorer=fuzz.ratio, score_cutoff=80)
        if hit is not None:
            votes.update((p - i) >> _BUCKET_SHIFT for p in index.positions[hit[2]])
    return [(b << _BUCKET_SHIFT) + (1 << (_BUCKET_SHIFT - 1)) for b, _ in votes.most_common(3)]


def _align_at(
    index: SourceIndex,
    segment: str,
    tokens: list[Token],
    ids: list[int],
    diagonal: int,
    *,
    number: int,
    open_edges: bool,
) -> SegmentAlignment | None:
    count = len(ids)
    slack = 8 + count // 4
    w0 = max(0, diagonal - slack)
    w1 = min(len(index), diagonal + count + slack)
    if w0 >= w1:
        return None
    window = index.ids[w0:w1]
    blocks = [op for op in LCSseq.opcodes(ids, window) if op.tag == "equal"]
    if not blocks:
        return None
    # Keep the densest run of matches: stray matches of common words far off the diagonal are noise.
    clusters: list[list[tuple[int, int, int, int]]] = [[]]
    limit = max(12, count // 2)
    previous: tuple[int, int, int, int] | None = None
    for op in blocks:
        block = (op.src_start, op.src_end, op.dest_start, op.dest_end)
        if previous is not None and (block[2] - previous[3]) - (block[0] - previous[1]) > limit:
            clusters.append([])
        clusters[-1].append(block)
        previous = block
    cluster = max(clusters, key=lambda c: sum(b[1] - b[0] for b in c))
    # A short match at either edge that skips more source words than it gains is a tie of the
    # subsequence, not part of the passage (a "the" a sentence earlier).
    while len(cluster) > 1 and _stray(cluster[0], cluster[1]):
        cluster = cluster[1:]
    while len(cluster) > 1 and _stray(cluster[-1], cluster[-2]):
        cluster = cluster[:-1]
    # The same for a few short matches together at the end ("meeting of" found in the next
    # sentence when the scan misread the passage's own "meeting").
    cluster = _without_stray_tail(cluster)
    if len(cluster) > 1:
        # Of equally long subsequences, prefer the edge words that sit right next to the rest.
        cluster[0] = _shift_towards(cluster[0], cluster[1], ids, window)
        cluster[-1] = _shift_towards(cluster[-1], cluster[-2], ids, window)
    doc_lo, doc_hi = cluster[0][0], cluster[-1][1]
    src_lo, src_hi = cluster[0][2], cluster[-1][3]
    doc_words = [t.canon for t in tokens]
    src_words = [index.words[w] for w in window]
    ocr = index.ocr
    while True:
        step = _edge_step(doc_words, src_words, doc_lo, src_lo, forward=False, ocr=ocr)
        if step is None:
            # Past the running head or folio of a page the passage runs on.
            skip = _furniture_run(index, w0 + src_lo, forward=False)
            if skip:
                step = _edge_step(
                    doc_words, src_words, doc_lo, src_lo - skip, forward=False, ocr=ocr
                )
            if step is None:
                break
            src_lo -= skip
        doc_lo -= step[0]
        src_lo -= step[1]
    while True:
        step = _edge_step(doc_words, src_words, doc_hi, src_hi, forward=True, ocr=ocr)
        if step is None:
            skip = _furniture_run(index, w0 + src_hi, forward=True)
            if skip:
                step = _edge_step(
                    doc_words, src_words, doc_hi, src_hi + skip, forward=True, ocr=ocr
                )
            if step is None:
                break
            src_hi += skip
        doc_hi += step[0]
        src_hi += step[1]
    first, last = w0 + src_lo, w0 + src_hi
    # A word or two at an edge of the document that differ from the source's words standing
    # there, in the same sentence, replace them: "by the army." for "by the troops."
    head_words = _edge_replacement(index, first, doc_lo, before=True)
    tail_words = _edge_replacement(index, last, count - doc_hi, before=False)
    diffs: list[TokenDiff] = []
    if head_words:
        diffs.append(
            _diff(DiffKind.REPLACED, segment, tokens[:doc_lo], index, (first - head_words, first))
        )
        first -= head_words
    elif doc_lo > 0:
        at_text_start = first == 0
        kind = DiffKind.UNCOVERED if open_edges and at_text_start else DiffKind.ADDED
        diffs.append(_diff(kind, segment, tokens[:doc_lo], index, (first, first)))
    inside = (first + head_words if head_words else first, last)
    diffs += _diffs_inside(index, segment, tokens[doc_lo:doc_hi], ids[doc_lo:doc_hi], inside)
    if tail_words:
        diffs.append(
            _diff(DiffKind.REPLACED, segment, tokens[doc_hi:], index, (last, last + tail_words))
        )
        last += tail_words
    elif doc_hi < count:
        kind = DiffKind.UNCOVERED if open_edges and last == len(index) else DiffKind.ADDED
        diffs.append(_diff(kind, segment, tokens[doc_hi:], index, (last, last)))
    covered = sum(
        len(d.document_words) for d in diffs if d.kind in (DiffKind.SAME, DiffKind.VARIANT)
    )
    uncovered = sum(len(d.document_words) for d in diffs if d.kind is DiffKind.UNCOVERED)
    judged = max(count - uncovered, 1)
    return SegmentAlignment(
        index=number,
        segment=segment,
        start=index.starts[first],
        end=index.end_of(last - 1),
        first_word=first,
        last_word=last,
        score=covered / judged,
        diffs=tuple(diffs),
    )


def _edge_step(
    doc: Sequence[str], src: Sequence[str], i: int, j: int, *, forward: bool, ocr: bool
) -> tuple[int, int] | None:
    """How many words of each text extend a match at its edge: one for one, or a word that
    one text splits in two or runs together with the next ("still he" for "stillhe")."""
    if forward:
        d, s = doc[i : i + 2], src[j : j + 2]
    else:
        d, s = doc[max(i - 2, 0) : i][::-1], src[max(j - 2, 0) : j][::-1]
    if not d or not s:
        return None
    if similar_words(d[0], s[0], ocr=ocr):
        return 1, 1
    if len(d) == 2 and _same_word(_joined(d, forward=forward), s[0], ocr=ocr):
        return 2, 1
    if len(s) == 2 and _same_word(d[0], _joined(s, forward=forward), ocr=ocr):
        return 1, 2
    return None


_FURNITURE_WORDS = 10
"""The most words a running head with its folio may have."""
_FURNITURE_CHARS = 120
"""The longest line that may be a running head: longer lines are the author's text (in born-digital
text a page's first line is often a whole paragraph, too long to be worth comparing)."""


def _furniture_run(index: SourceIndex, at: int, *, forward: bool) -> int:
    """How many words after word ``at`` (or before it) are a page's running head or folio, or 0."""
    first = at if forward else at - 1
    if not 0 <= first < len(index) or not _on_short_edge_line(index.source, index.starts[first]):
        return 0
    longest = 0
    for size in range(1, _FURNITURE_WORDS + 1):
        lo, hi = (at, at + size) if forward else (at - size, at)
        if lo < 0 or hi > len(index):
            break
        if is_page_furniture(index.source, index.starts[lo], index.end_of(hi - 1)):
            longest = size
    return longest


def _on_short_edge_line(source: SourceText, offset: int) -> bool:
    """Whether ``offset`` lies on the first or the last line of its page, short as a running head."""
    number = source.page_index(offset)
    text = source.pages[number].text
    inside = offset - source.page_starts[number]
    head, foot = _edge_lines(text)
    return any(
        edge is not None and edge[0] <= inside < edge[1] and _short(edge) for edge in (head, foot)
    )


def _short(line: tuple[int, int]) -> bool:
    return line[1] - line[0] <= _FURNITURE_CHARS


def _joined_alike(doc: Sequence[str], src: Sequence[str], *, ocr: bool) -> bool:
    """Whether two stretches are the same words spaced differently (the scan split or joined them)."""
    doc_text, src_text = "".join(doc), "".join(src)
    if doc_text == src_text:
        return True
    if len(doc) == len(src) or abs(len(doc_text) - len(src_text)) > 3:
        return False
    return _same_word(doc_text, src_text, ocr=ocr)


def _joined(words: Sequence[str], *, forward: bool) -> str:
    """Two neighbouring words as one, in the text's order (backwards edges list them reversed)."""
    return words[0] + words[1] if forward else words[1] + words[0]


def _same_word(a: str, b: str, *, ocr: bool) -> bool:
    """One word, however spaced: exactly the same letters, or in OCR text an OCR reading of it."""
    return a == b or (ocr and similar_words(a, b, ocr=True))


_EDGE_REPLACEMENT_WORDS = 3
_CLAUSE_END = re.compile(r"[.!?;:]\s")


def _edge_replacement(index: SourceIndex, at: int, words: int, *, before: bool) -> int:
    """How many source words the document's ``words`` unmatched edge words replace (0: none).

    Only a few words, and only source words of the same sentence as the matched passage: past a
    sentence's end the document's words are its own, not a replacement.
    """
    if not 0 < words <= _EDGE_REPLACEMENT_WORDS:
        return 0
    lo, hi = (at - words, at) if before else (at, at + words)
    if lo < 0 or hi > len(index):
        return 0
    text = index.source.text
    if before:
        between = text[index.starts[lo] : index.starts[at]]
    else:
        between = text[index.end_of(at - 1) : index.starts[hi - 1]]
    if _CLAUSE_END.search(between) or "\n\n" in between:
        return 0
    start, end = index.starts[lo], index.end_of(hi - 1)
    if index.source.page_breaks_between(start, end) or is_page_furniture(index.source, start, end):
        return 0
    return words


def _without_stray_tail(
    cluster: list[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int]]:
    """The cluster less its shortest run of last blocks that skips more source words than it matches."""
    for k in range(max(1, len(cluster) - 3), len(cluster)):
        tail = cluster[k:]
        matched = sum(b[1] - b[0] for b in tail)
        before = cluster[k - 1]
        skipped = (tail[0][2] - before[3]) - (tail[0][0] - before[1])
        if matched <= 3 and skipped > 2 * matched + 1:
            return cluster[:k]
    return cluster


def _stray(edge: tuple[int, int, int, int], neighbour: tuple[int, int, int, int]) -> bool:
    """Whether an edge block of matches is cut off from its neighbour by more than it is worth."""
    first, second = sorted((edge, neighbour))
    extra = (second[2] - first[3]) - (second[0] - first[1])
    return extra > 2 * (edge[1] - edge[0]) + 1


def _shift_towards(
    edge: tuple[int, int, int, int],
    neighbour: tuple[int, int, int, int],
    ids: Sequence[int],
    window: Sequence[int],
) -> tuple[int, int, int, int]:
    """The edge block moved next to its neighbour, in the source or in the document, where the same words stand there."""
    a0, a1, b0, b1 = edge
    size = a1 - a0
    before = a1 <= neighbour[0]
    doc_gap = neighbour[0] - a1 if before else a0 - neighbour[1]
    src_gap = neighbour[2] - b1 if before else b0 - neighbour[3]
    if src_gap > doc_gap:
        # Same words nearer in the source: keep the document's place, move the source's.
        s0 = neighbour[2] - doc_gap - size if before else neighbour[3] + doc_gap
        if (
            s0 >= 0
            and s0 + size <= len(window)
            and list(window[s0 : s0 + size]) == list(ids[a0:a1])
        ):
            return (a0, a1, s0, s0 + size)
    elif doc_gap > src_gap:
        d0 = neighbour[0] - src_gap - size if before else neighbour[1] + src_gap
        if d0 >= 0 and d0 + size <= len(ids) and list(ids[d0 : d0 + size]) == list(window[b0:b1]):
            return (d0, d0 + size, b0, b1)
    return edge


def _diffs_inside(
    index: SourceIndex,
    segment: str,
    tokens: list[Token],
    ids: list[int],
    span: tuple[int, int],
) -> list[TokenDiff]:
    first, last = span
    source_ids = index.ids[first:last]
    diffs: list[TokenDiff] = []
    pending_doc: list[int] = []
    pending_src: list[int] = []

    def flush() -> None:
        if pending_doc or pending_src:
            diffs.extend(
                _compare_stretch(index, segment, tokens, pending_doc, pending_src, first=first)
            )
            pending_doc.clear()
            pending_src.clear()

    for op in LCSseq.opcodes(ids, source_ids):
        if op.tag == "equal":
            flush()
            diffs.append(
                _diff(
                    DiffKind.SAME,
                    segment,
                    tokens[op.src_start : op.src_end],
                    index,
                    (first + op.dest_start, first + op.dest_end),
                )
            )
        else:
            pending_doc.extend(range(op.src_start, op.src_end))
            pending_src.extend(range(op.dest_start, op.dest_end))
    flush()
    return diffs


def _compare_stretch(
    index: SourceIndex,
    segment: str,
    tokens: list[Token],
    doc: list[int],
    src: list[int],
    *,
    first: int,
) -> list[TokenDiff]:
    """Differences between a stretch of the document and of the source that did not match as words."""
    doc_words = [tokens[i].canon for i in doc]
    src_words = [index.words[index.ids[first + j]] for j in src]
    doc_tokens = [tokens[i] for i in doc]
    src_lo = first + src[0] if src else 0
    src_hi = first + src[-1] + 1 if src else 0
    if doc and src and _joined_alike(doc_words, src_words, ocr=index.ocr):
        return [_diff(DiffKind.VARIANT, segment, doc_tokens, index, (src_lo, src_hi))]
    # Pair words from both ends while they are spelling or OCR variants of each other.
    head = 0
    ocr = index.ocr
    while head < min(len(doc), len(src)) and similar_words(
        doc_words[head], src_words[head], ocr=ocr
    ):
        head += 1
    tail = 0
    while tail < min(len(doc), len(src)) - head and similar_words(
        doc_words[-1 - tail], src_words[-1 - tail], ocr=ocr
    ):
        tail += 1
    out: list[TokenDiff] = []
    for k in range(head):
        at = src_lo + k
        out.append(_diff(DiffKind.VARIANT, segment, [doc_tokens[k]], index, (at, at + 1)))
    mid_doc = doc_tokens[head : len(doc_tokens) - tail]
    mid_lo, mid_hi = src_lo + head, src_hi - tail
    if mid_doc and mid_hi > mid_lo:
        out.append(_diff(DiffKind.REPLACED, segment, mid_doc, index, (mid_lo, mid_hi)))
    elif mid_doc:
        out.append(_diff(DiffKind.ADDED, segment, mid_doc, index, (mid_lo, mid_lo)))
    elif mid_hi > mid_lo:
        out.append(_diff(DiffKind.REMOVED, segment, [], index, (mid_lo, mid_hi)))
    for k in range(tail, 0, -1):
        at = src_hi - k
        out.append(_diff(DiffKind.VARIANT, segment, [doc_tokens[-k]], index, (at, at + 1)))
    return out


def _diff(
    kind: DiffKind,
    segment: str,
    doc_tokens: Sequence[Token],
    index: SourceIndex,
    span: tuple[int, int],
) -> TokenDiff:
    first, last = span
    document = segment[doc_tokens[0].start : doc_tokens[-1].end] if doc_tokens else ""
    start = index.starts[first] if first < last else 0
    end = index.end_of(last - 1) if first < last else 0
    if kind is DiffKind.REMOVED and is_page_furniture(index.source, start, end):
        kind = DiffKind.PAGE_FURNITURE
    return TokenDiff(
        kind=kind,
        document=document,
        source=index.source.text[start:end],
        document_words=tuple(t.canon for t in doc_tokens),
        source_words=tuple(index.words[w] for w in index.ids[first:last]),
        source_start=start,
        source_end=end,
    )


def is_page_furniture(source: SourceText, start: int, end: int) -> bool:
    """Whether a stretch of the source is only the head or foot line of pages (running head, folio).

    Such a line counts only when it looks like furniture: it holds the page's printed number, or
    the same line (less its figures) heads or foots a page nearby. A first line that is the
    author's own text is never skipped.
    """
    if start >= end:
        return False
    first_page, last_page = source.page_index(start), source.page_index(end - 1)
    if last_page - first_page > 1:
        return False
    for number in range(first_page, last_page + 1):
        page_start = source.page_starts[number]
        text = source.pages[number].text
        lo, hi = max(start, page_start) - page_start, min(end, page_start + len(text)) - page_start
        if lo >= hi:
            continue
        head, foot = _edge_lines(text)
        if (
            head is not None
            and hi <= head[1]
            and _short(head)
            and number > 0
            and _looks_like_furniture(source, number, text[head[0] : head[1]], at_head=True)
        ):
            continue
        if (
            foot is not None
            and lo >= foot[0]
            and _short(foot)
            and number < len(source.pages) - 1
            and (_looks_like_furniture(source, number, text[foot[0] : foot[1]], at_head=False))
        ):
            continue
        return False
    return True


@functools.lru_cache(maxsize=1024)
def _edge_lines(text: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The spans of a page's first and last non-blank lines, when it has more than one line."""
    body = text.strip()
    if "\n" not in body:
        return None, None
    head_start = text.index(body[0])
    head_end = text.index("\n", head_start)
    foot_end = head_start + len(body)
    foot_start = text.rindex("\n", 0, foot_end) + 1
    return (head_start, head_end), (foot_start, foot_end)


_FIGURES = re.compile(r"\b[\dixvlc]+\b", re.IGNORECASE)


def _looks_like_furniture(source: SourceText, number: int, line: str, *, at_head: bool) -> bool:
    label = source.pages[number].printed
    words = line.split()
    if label and any(w.strip(".,;:-[]()").casefold() == label.casefold() for w in words):
        return True
    shape = _FIGURES.sub("", line).strip().casefold()
    if not shape:
        return False
    for other in (number - 2, number - 1, number + 1, number + 2):
        if 0 <= other < len(source.pages) and other != number:
            head, foot = _edge_lines(source.pages[other].text)
            edge = head if at_head else foot
            text = source.pages[other].text
            if (
                edge
                and _short(edge)
                and _FIGURES.sub("", text[edge[0] : edge[1]]).strip().casefold() == shape
            ):
                return True
    return False
