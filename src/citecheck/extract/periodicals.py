"""A newspaper or magazine as the subject of a verb of saying: it speaks as a body.

"The *Boston Transcript* said editorially", "the Evening Post remarked": an editorial has no
signed writer; the paper is the author of its words. A title in italics is otherwise hidden from
the speaker search (a book's title is not its author), so a paper is recognised by the word that
ends its name ("Times", "Herald", "Gazette") or by the verb's "editorially".
"""

from __future__ import annotations

import re

from citecheck.extract.speakers import VERB, Candidate, Cue, Entity, Side
from citecheck.model import Span

_PERIODICAL_WORDS = (  # noqa: SIM905 - a word list reads better as prose
    "Times Post Transcript Herald Tribune Journal Gazette Chronicle News Review Magazine Courier "
    "Observer Guardian Telegraph Mail Express Star Sun Globe Inquirer Register Examiner Bulletin "
    "Advertiser Dispatch Ledger Monitor Economist Spectator Independent Mercury Argus Standard "
    "Clarion Sentinel Enquirer Leader Banner Daily Weekly Quarterly Monthly"
).split()
_ITALIC_NAME = r"(?P<mark>[*_])(?P<italic>[A-Z][^*_\n]{1,80}?)(?P=mark)"
_PLAIN_NAME = rf"(?P<plain>(?:[A-Z][\w.'\u2019-]*[ \t]+){{0,4}}(?:{'|'.join(_PERIODICAL_WORDS)}))"
_SUBJECT = re.compile(
    rf"(?:(?<=\s)|^)(?:[Tt]he[ \t]+)?(?:{_ITALIC_NAME}|{_PLAIN_NAME})[ \t]+"
    r"(?:(?:also|once|later|then|had|has|have)[ \t]+)?$"
)
_EDITORIALLY = re.compile(r"[ \t]+editorially\b")
_PERIODICAL_TITLE = re.compile(rf"\b(?:{'|'.join(_PERIODICAL_WORDS)})$")


def names_a_periodical(title: str) -> bool:
    """ "The Maryland Gazette", "Weekly Register": a paper's name, by the word that ends it."""
    return _PERIODICAL_TITLE.search(title.strip(" .,*_")) is not None


def periodical_speaker(masked: str, offset: int) -> Candidate | None:
    """The paper that is the subject of the last verb of saying of a lead-in (``masked``, which
    starts at ``offset`` in the document), when the lead-in has one."""
    verbs = list(VERB.finditer(masked))
    if not verbs:
        return None
    verb = verbs[-1]
    subject = _SUBJECT.search(masked, max(0, verb.start() - 120), verb.start())
    if subject is None:
        return None
    name = subject.group("italic") or subject.group("plain")
    editorially = _EDITORIALLY.match(masked, verb.end())
    if subject.group("italic") and not (
        editorially or name.rsplit(maxsplit=1)[-1] in _PERIODICAL_WORDS
    ):
        return None  # "*The Prince* says": a book, whose author speaks through it
    stop = editorially.end() if editorially else verb.end()
    return Candidate(
        name.strip(),
        Span(offset + subject.start(), offset + stop),
        Cue.SUBJECT,
        Side.BEFORE,
        distance=len(masked) - stop,
        entity=Entity.BODY,
    )
