"""The book a review reviews, from the review's heading.

A book review opens with a heading that names the book and its author before the publication
details: "Market Days: Trade in Old Accra. By Jane Doe. (Athens: Ohio University Press, 2017.
Pp. 232. $32.95.)", or, on a blog, "Review of *Market Days* by Jane Doe". Words the review quotes with nobody named are that book's: its author's.
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
_REVIEW_OF = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|title:[ \t]*[\"']?|<h[1-6][^>\n]*>)?(?:[Aa][ \t]+)?[Rr]eview[ \t]+of[ \t]+"
    r"(?P<title>(?:<i>|<em>|[*_\"\u201c])?[A-Z0-9][^\n]{1,150}?(?:</i>|</em>|[*_\"\u201d])?),?"
    rf"[ \t]+by[ \t]+(?P<author>{_NAME})",
    re.M,
)
""""Review of *Hillbilly Elegy* by J. D. Vance" (a blog's heading, or its front matter's title)."""
_MARKUP = re.compile(r"</?(?:i|em|b|strong)>")
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
    reach = min(len(text), _REACH)
    heading = _HEADING.search(text, 0, reach) or _REVIEW_OF.search(text, 0, reach)
    if heading is None:
        return None
    title = _MARKUP.sub("", heading.group("title")).strip(' *_"\u201c\u201d')
    author = heading.group("author").rstrip(".,")
    return ReviewedBook(title, author, Span(heading.start(), heading.end()))
