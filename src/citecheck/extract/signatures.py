"""Who signed a quoted letter: the name under its closing ("Yours very truly, / Jane Smith").

A letter quoted whole ends with its valediction and its writer's signature; the signature names
the writer, and so the speaker of the letter, whatever the sentence before it says. Only the end
of the quoted words is read, so the cost does not grow with the document.
"""

from __future__ import annotations

import re
from collections.abc import Container

from citecheck.extract.speakers import Entity, names

_VALEDICTION = re.compile(
    r"(?:\bYours[ \t]+(?:(?:very|most|ever|always)[ \t]+)?"
    r"(?:truly|sincerely|faithfully|respectfully|cordially|affectionately|gratefully)"
    r"|\b(?:(?:Very|Most|Ever)[ \t]+)?(?:[Tt]ruly|[Ss]incerely|[Ff]aithfully|[Rr]espectfully|"
    r"[Cc]ordially|[Aa]ffectionately|[Gg]ratefully)[ \t]+yours"
    r"|\bYour[ \t]+(?:(?:most|very)[ \t]+)?(?:obedient|humble|faithful|devoted|affectionate)"
    r"(?:[ \t]+(?:and[ \t]+)?(?:obedient|humble|faithful|devoted))?[ \t]+(?:servant|friend)"
    r"|\b(?:Yours|Sincerely|Faithfully|Respectfully|Cordially|Affectionately))"
    r"[ \t]*[,.]?[ \t]*\n?(?:[ \t>]*\n)*[ \t>]*"
)
_TAIL = 240
"""How much of the end of a quotation is read for its valediction and signature."""


def signer(quoted: str, *, proper: Container[str] = frozenset()) -> tuple[str, int, int] | None:
    """The person whose signature ends ``quoted`` after a valediction, with the offsets (into
    ``quoted``) of the valediction's start and the signature's end; ``None`` when the words do
    not end as a signed letter does."""
    start = max(0, len(quoted) - _TAIL)
    closings = list(_VALEDICTION.finditer(quoted, start))
    if not closings:
        return None
    closing = closings[-1]
    signature = quoted[closing.end() :].rstrip(" \t\n.*_")
    if not signature or "\n" in signature:
        return None
    named = names(signature, proper=proper, initial=False)
    if not named or named[0][1] != 0 or named[0][2] is not Entity.PERSON:
        return None
    name = named[0][0]
    rest = signature[len(name) :].strip(" ,.")
    if rest and not re.fullmatch(r"(?:[A-Z][\w.]*\.?(?:[ \t]+|$)){1,4}", rest + " "):
        return None  # prose after the name, not a signature ("Yours, Smith went on ...")
    return name, closing.start(), closing.end() + len(name)
