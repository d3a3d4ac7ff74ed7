"""Verification: find a quoted passage in a source text and judge how faithfully it is quoted.

The steps, one module each::

    normalise   source text -> canonical tokens with their character positions
    segments    quotation -> the parts between its ellipses and interpolations
    locate      parts -> where each stands in the source (an index of rare words, then alignment)
    sentences   where the source's sentences start and end, for truncation and context
    meaning     words whose change alters the meaning (negations, modals, turning words)
    pages       found pages against the cited page
    judge       all of it -> a Verification with its wording and page verdicts
"""

from __future__ import annotations

from citecheck.verify import judge
from citecheck.verify.judge import (
    compare_chain,
    unverifiable,
    verify_against_hits,
    verify_against_pages,
)

__all__ = [
    "compare_chain",
    "judge",
    "unverifiable",
    "verify_against_hits",
    "verify_against_pages",
]
