"""A book the text names as a person's in apposition: "Koontz's latest book, A Big Little Life".

Stored web pages lose the italics of titles, so a title often stands bare. One place names it
reliably: right after "X's book" or "his new novel", set off by a comma, in title case. That
book is the person's; words the person "writes" with no other work named come from it.
"""

from __future__ import annotations

import re

from citecheck.model import Span

_SMALL = r"(?:a|an|the|of|and|in|on|to|for|with|at|by|or|from|as|&)"
_BIG = r"(?:[A-Z0-9][\w'\u2019-]*)"
_TITLE = rf"{_BIG}(?:[ \t]+(?:{_BIG}|{_SMALL}))*(?::[ \t]+{_BIG}(?:[ \t]+(?:{_BIG}|{_SMALL}))*)?"
_KIND = (
    r"(?:book|novel|memoir|biography|autobiography|history|study|collection|account|essay|"
    r"poem|play|chronicle)"
)
_OWNED_BOOK = re.compile(
    r"(?P<owner>\b(?:his|her|their)|(?P<name>[A-Z][\w'\u2019-]+)['\u2019]s)[ \t]+"
    r"(?:(?:latest|new|newest|recent|first|second|third|last|own|debut|best-selling|bestselling)"
    r"[ \t]+){0,2}"
    rf"{_KIND},[ \t]+(?P<title>{_TITLE})(?=[ \t]*(?:[.,;:!?)\u2014]|$))",
    re.M,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"\u201d'\u2019)]*\s+)(?=[A-Z\"\u201c])", re.M)
REACH = 3000
"""How far into a document the book is looked for (the review's or article's opening)."""


def owned_book(text: str, surname: str) -> tuple[str, Span] | None:
    """The first book the opening of ``text`` names in apposition as the person's whose surname
    is ``surname`` ("Smith's new book, The Long Road"; "his latest novel, The Long Road" in a
    sentence that names Smith before it), with the span of the phrase."""
    if not surname:
        return None
    wanted = surname.lower()
    head = text[:REACH]
    for found in _OWNED_BOOK.finditer(head):
        name = found.group("name")
        if name is not None:
            if name.lower() != wanted:
                continue
        else:
            starts = [m.end() for m in _SENTENCE_START.finditer(head, 0, found.start())]
            sentence = head[starts[-1] if starts else 0 : found.start()]
            if not re.search(rf"\b{re.escape(surname)}\b", sentence, re.I):
                continue  # "his" may be anyone's: only the sentence's own subject is sure
        title = _trim(found.group("title"))
        if len(title.split()) >= 2 or title.isupper():
            return title, Span(found.start(), found.start("title") + len(title))
    return None


def _trim(title: str) -> str:
    """A title does not end in a small word ("The Long Road and" before "the sequel")."""
    words = title.split()
    while words and re.fullmatch(_SMALL, words[-1]):
        words.pop()
    return " ".join(words)
