"""The book a review reviews, from the review's heading.

A book review opens with a heading that names the book and its author before the publication
details: "Market Days: Trade in Old Accra. By Jane Doe. (Athens: Ohio University Press, 2017.
Pp. 232. $32.95.)". Words the review quotes with nobody named are that book's: its author's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import Span

_NAME = r"[A-Z][\w.'\u2019-]*(?:[ \t]+(?:[A-Z][\w.'\u2019-]*|de|von|van|der|la|le)){0,4}"
_HEADING = re.compile(
    rf"^[ \t]*(?P<title>[A-Z0-9\"\u201c*_][^\n]{{2,200}}?)\.[ \t]+"
    rf"(?:By|Edited[ \t]+by|Ed\.[ \t]+by)[ \t]+(?P<author>{_NAME}(?:[ \t]+and[ \t]+{_NAME})?)"
    r"\.[ \t]*(?=\(|\n|$)",
    re.M,
)
_REACH = 5000
"""How far into a document its heading stands (a journal's masthead may come first)."""


@dataclass(frozen=True, slots=True)
class ReviewedBook:
    title: str
    author: str
    evidence: Span
    """The heading that names the book and its author."""


def reviewed_book(text: str) -> ReviewedBook | None:
    """The book named by a review heading near the top of ``text``, if there is one."""
    heading = _HEADING.search(text, 0, min(len(text), _REACH))
    if heading is None:
        return None
    title = heading.group("title").strip(' *_"\u201c\u201d')
    return ReviewedBook(title, heading.group("author"), Span(heading.start(), heading.end()))
