"""The book a review reviews, from the review's heading.

A book review opens with a heading that names the book and its author before the publication
details: "Market Days: Trade in Old Accra. By Jane Doe. (Athens: Ohio University Press, 2017.
Pp. 232. $32.95.)", or, on a blog, "Review of *Market Days* by Jane Doe". Words the review
quotes with nobody named are that book's: its author's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.extract.names import people
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
_PLAIN_NAME = r"(?:[A-Z]\.[ \t]?)*[A-Z][a-z'\u2019-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z'\u2019-]+)){0,3}"
"""A name whose full stops are its initials' only: "John Reeves", "J. R. Pole"."""
_PUBLICATION_FACTS = r"[^\n]*?(?:\b(?:1[89]\d\d|20\d\d)\b|\bPress\b|\bpp\.|\$[ \t]?\d)"
_TITLE_BY_AUTHOR = re.compile(
    r"^[ \t]*(?:(?=[A-Z])[\w ]{0,30}?\b(?:[Bb]ooks?|[Rr]eview(?:ed|s)?)\b[\w ]{0,20}:[ \t]+)?(?P<title>[A-Z0-9\"\u201c*_][^\n]{2,200}?)[ \t]+by[ \t]+"
    rf"(?P<author>{_PLAIN_NAME}(?:,?[ \t]+Jr\.?)?)(?:(?P<facts>[.,;])[ \t]*(?={_PUBLICATION_FACTS})|\.?[ \t]*$)",
    re.M,
)
""""Gold and Freedom: ... by Nicolas Barreyre. University of Virginia Press, 2015." or the title
line "Book of the week: The Passage of Power ... by Robert A. Caro" (a label naming a book or a
review is no part of the title)."""
_TITLE_THEN_AUTHOR = re.compile(
    rf"^[ \t]*(?P<title>[A-Z0-9\"\u201c*_][^\n]{{2,200}}?)(?<=[a-z0-9)?!\u201d\"*_])\.[ \t]+"
    rf"(?P<author>{_PLAIN_NAME})(?P<facts>\.)[ \t]+"
    r"(?=[A-Z][^\n]*?:[^\n]*?\b(?:1[89]\d\d|20\d\d)\b)",
    re.M,
)
""""Soldier of Destiny: ... Ulysses S. Grant. John Reeves. New York: Pegasus Books, 2023.": title
(which does not end in an initial), author, then the place and publisher."""
_TITLE_LINE_THEN_AUTHOR = re.compile(
    rf"^[ \t]*(?P<title>[A-Z0-9\"\u201c*_][^\n]{{2,200}}?)[ \t]*\n(?:[ \t]*\n)*[ \t]*"
    rf"(?P<author>{_PLAIN_NAME})(?P<facts>\.)[ \t]+[A-Z][^\n]*?(?:\bISBN\b|\$[ \t]?\d|\b(?:1[89]\d\d|20\d\d)\b)",
    re.M,
)
""""Klan War: Ulysses S. Grant and ...", then on a line of its own "Fergus M. Bordewich. Knopf,
$35 (480p) ISBN ...": a trade review's heading."""
_POST_TITLE = re.compile(
    r"\A---[ \t]*\n(?:[^\n]*\n)*?title:[ \t]*[\"']?(?P<title>[^\"'\n]+?)[\"']?[ \t]*\n"
    r"|\A\s*#[ \t]+(?P<heading>[^\n]+)"
)
"""A post's title (its front matter's ``title:``, or its first heading)."""
_HEADER_REACH = 1500
"""How far into a review a line naming its book stands (a date or a site's name may come first)."""
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
    near = min(len(text), _HEADER_REACH)
    heading = _HEADING.search(text, 0, reach) or _REVIEW_OF.search(text, 0, reach)
    if heading is None:
        top = _end_of_line(text, _TOP_LINES)
        heading = next(
            (
                m
                for pattern in (_TITLE_BY_AUTHOR, _TITLE_THEN_AUTHOR, _TITLE_LINE_THEN_AUTHOR)
                for m in pattern.finditer(text, 0, near)
                if _names_a_person(m.group("author"))
                and _reads_as_title(m.group("title"))
                # A line that ends with the author names the book only at the document's top.
                and (m.group("facts") is not None or m.start() <= top)
            ),
            None,
        )
    if heading is None:
        return _post_about_a_book(text, near)
    title = _MARKUP.sub("", heading.group("title")).strip(' *_"\u201c\u201d')
    author = heading.group("author").rstrip(".,")
    return ReviewedBook(title, author, Span(heading.start(), heading.end()))


def _reads_as_title(title: str) -> bool:
    """A book's title, not a sentence: no quotation marks but around it, not "Edited by", at
    most thirty words."""
    words = title.split()
    inner = title.strip().strip('"\u201c\u201d*_')
    balanced = not any(mark in inner for mark in '"\u201c\u201d')
    return balanced and 0 < len(words) <= _TITLE_WORDS and words[0].lower() not in _NOT_TITLES


_TITLE_WORDS = 30
_NOT_TITLES = frozenset(("edited", "translated", "introduced", "foreword", "illustrated"))


def _names_a_person(author: str) -> bool:
    found = people(author.rstrip(".,"))
    return bool(found) and " " in found[0][0]


_TOP_LINES = 3


def _end_of_line(text: str, lines: int) -> int:
    """Where the ``lines``-th non-empty line of the text ends."""
    at, seen = 0, 0
    while seen < lines:
        newline = text.find("\n", at)
        if newline == -1:
            return len(text)
        if text[at:newline].strip():
            seen += 1
        at = newline + 1
    return at


def _post_about_a_book(text: str, near: int) -> ReviewedBook | None:
    """A post titled with a book's title whose opening names that book's author: "title: The
    Civil War: A Narrative (Volume I)", then "The first volume of Shelby Foote's *The Civil War:
    A Narrative* ..."."""
    post = _POST_TITLE.match(text)
    if post is None:
        return None
    title = (post.group("title") or post.group("heading") or "").strip(" *_")
    key = _title_key(title)
    if not key:
        return None
    for mention in _AUTHORS_BOOK.finditer(text, post.end(), near):
        named = (mention.group("title") or mention.group("title2")).strip(" *_")
        author = mention.group("author") or mention.group("author2")
        mentioned = _title_key(named)
        same = mentioned and (key.startswith(mentioned) or mentioned.startswith(key))
        if same and _names_a_person(author):
            return ReviewedBook(named, author, Span(mention.start(), mention.end()))
    return None


_AUTHORS_BOOK = re.compile(
    rf"(?P<author>{_PLAIN_NAME})['\u2019]s[ \t]+(?P<title>[*_][^*_\n]{{2,150}}[*_])"
    rf"|(?P<title2>[*_][^*_\n]{{2,150}}[*_])[ \t]+by[ \t]+(?P<author2>{_PLAIN_NAME})"
)


def _title_key(title: str) -> str:
    return " ".join(re.findall(r"\w+", re.sub(r"\([^)]*\)", "", title).lower()))
