"""Sentences and paragraphs of a source text: where a quotation's sentence begins and ends, and its context.

Sentence ends are found with a rule of thumb, not a parser: a full stop, question or exclamation
mark or ellipsis (with any closing quote or bracket) before white space, unless it follows a
common abbreviation or an initial, or the next word starts in lower case.
"""

from __future__ import annotations

import re

from citecheck.verify.locate import SourceText

__all__ = [
    "context_after",
    "context_before",
    "has_paragraph_break",
    "has_sentence_end",
    "sentence_end",
    "sentence_start",
]

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s|$)")


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vol",
        "vols",
        "pp",
        "p",
        "cf",
        "vs",
        "jr",
        "sr",
        "prof",
        "gen",
        "col",
        "capt",
        "lt",
        "rev",
        "hon",
        "ed",
        "eds",
        "ch",
        "fig",
        "op",
        "ibid",
        "viz",
        "i.e",
        "e.g",
    ]
)


_CAPITAL_I_MISREAD = frozenset(["l", "ln", "lt", "lf", "ls", "lts", "lnto", "lndeed"])

_CONTEXT_CHARS = 400


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12) : match.start()])
    if match.group()[0] == ".":
        if word and (word.group(1).casefold().rstrip(".") in _ABBREVIATIONS):
            return False
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            return False
    following = re.match(r"\s*(\S+)", text[match.end() : match.end() + 40])
    if following is None:
        return True
    next_word = following.group(1)
    # OCR reads a capital I as l: "ln the case" still starts a sentence.
    return not next_word[0].islower() or next_word.rstrip(",;:") in _CAPITAL_I_MISREAD


def sentence_start(text: str, offset: int, limit: int = 2000) -> int:
    """The offset where the sentence holding ``offset`` begins."""
    floor = max(0, offset - limit)
    # Look back a little first and further only when no sentence ends there: the last end
    # before the offset is nearly always close.
    for reach in (300, limit):
        lo = max(floor, offset - reach)
        start = lo
        found = False
        for match in _SENTENCE_END.finditer(text, lo, offset):
            if match.end() < offset and _is_sentence_end(text, match):
                start = match.end()
                found = True
        for match in _PARAGRAPH_BREAK.finditer(text, lo, offset):
            start = max(start, match.end())
            found = True
        if found or lo == floor:
            break
    while start < offset and text[start].isspace():
        start += 1
    return start


def sentence_end(text: str, offset: int, limit: int = 2000) -> int:
    """The offset just after the end of the sentence holding ``offset``."""
    hi = min(len(text), offset + limit)
    paragraph = _PARAGRAPH_BREAK.search(text, offset, hi)
    bound = paragraph.start() if paragraph else hi
    for match in _SENTENCE_END.finditer(text, offset, bound):
        if _is_sentence_end(text, match):
            return match.end()
    return bound


def has_sentence_end(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends between two offsets."""
    return any(_is_sentence_end(text, m) for m in _SENTENCE_END.finditer(text, start, end))


def has_paragraph_break(source: SourceText, start: int, end: int) -> bool:
    """Whether a blank line lies between two offsets (within a page: page seams are not paragraphs)."""
    for number in range(source.page_index(start), source.page_index(max(end - 1, start)) + 1):
        page_start = source.page_starts[number]
        page_text = source.pages[number].text
        lo = max(start - page_start, 0)
        hi = min(end - page_start, len(page_text))
        if lo < hi and _PARAGRAPH_BREAK.search(page_text, lo, hi):
            return True
    return False


def context_before(text: str, start: int) -> str:
    """The sentence before ``start`` and the part of its own sentence that leads up to it."""
    sentence = sentence_start(text, start)
    previous = sentence_start(text, max(sentence - 1, 0)) if sentence > 0 else sentence
    context = text[previous:start]
    if len(context) > _CONTEXT_CHARS:
        context = "… " + context[-_CONTEXT_CHARS:].split(" ", 1)[-1]
    return context.strip()


def context_after(text: str, end: int) -> str:
    """The rest of the sentence after ``end`` and the sentence that follows."""
    sentence = sentence_end(text, end)
    following = sentence_end(text, sentence + 1) if sentence < len(text) else sentence
    context = text[end:following]
    if len(context) > _CONTEXT_CHARS:
        context = context[:_CONTEXT_CHARS].rsplit(" ", 1)[0] + " …"
    return context.strip()
