"""Interview answers: words with no cue of their own that answer a question are the interviewee's.

Two layouts name the interviewee once and then quote the answers bare:

- a question and answer: a heading or standfirst names the person ("The Conversation with Jane
  Smith", "Q&A with Jane Smith"); a paragraph that is a question is followed by a paragraph that
  is all one quotation, the answer;
- an entry of a list of interviews: "Jane Smith, author of *Title*. Interview by John Doe. '...'":
  the words after the interviewer's credit are those of the person the entry opens with, never
  the interviewer's.

Only the quotation's paragraph and the one before it are read (and, once, the document's head).
"""

from __future__ import annotations

import re
from collections.abc import Container

from citecheck.extract.speakers import Entity, names
from citecheck.model import Span

_INTERVIEWER_CREDIT = re.compile(
    r"\b(?:[Ii]nterview(?:ed)?|[Cc]onversation|Q\s?&\s?A)\s+(?:conducted\s+)?by\s+"
    r"[A-Z][^.!?\n]{0,60}[.!?]?\s*$"
)
_ENTRY_SUBJECT = re.compile(r"\s*[*_]*(?P<name>[A-Z][^,\n]{1,60}?)[*_]*,\s+(?:the\s+)?[a-z]")
_QUESTION_END = re.compile(r"\?[\"\u201d'\u2019*_)\]]*\s*$")


def entry_interviewee(
    paragraph: str, lead_in_end: int, *, proper: Container[str] = frozenset()
) -> tuple[str, Span] | None:
    """The person an interview entry opens with, when the words at ``lead_in_end`` (an offset
    into ``paragraph``) follow the interviewer's credit ("Interview by John Doe."); the span is
    that of the name and the credit, as offsets into ``paragraph``."""
    credit = _INTERVIEWER_CREDIT.search(paragraph, 0, lead_in_end)
    if credit is None:
        return None
    subject = _ENTRY_SUBJECT.match(paragraph, 0, credit.start())
    if subject is None:
        return None
    named = names(subject.group("name"), proper=proper, initial=False)
    if not named or named[0][1] != 0 or named[0][2] is not Entity.PERSON:
        return None
    name = named[0][0]
    if len(name) < len(subject.group("name").strip()) - 1:
        return None  # "Harbour Press, publisher of ...": more than a name before the comma
    return name, Span(subject.start("name"), credit.end())


def is_question(paragraph: str) -> bool:
    """Whether a paragraph is a question put to the interviewee: it ends with a question mark
    and is a line or two, not a paragraph of prose that happens to end asking something."""
    return bool(_QUESTION_END.search(paragraph)) and len(paragraph) <= 400
