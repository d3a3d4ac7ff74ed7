"""Verification: find a quoted passage in a source text and judge how faithfully it is quoted.

The steps, one module each::

    normalise   source text -> canonical tokens with their character positions
    segments    quotation -> the parts between its ellipses and interpolations
    locate      parts -> where each stands in the source (an index of rare words, then alignment)
    sentences   where the source's sentences start and end, for truncation and context
    meaning     words whose change alters the meaning (negations, modals, turning words)
    spelling    which differences are one word spelt two ways (OCR, British/American, rare words)
    pages       found pages against the cited page
    judge       all of it -> a Verification with its wording and page verdicts
    indexes     the word index of each text: built once, shared by threads, kept between runs
    versions    the verdict against the closest of several versions (translations, editions)
"""

from __future__ import annotations

from citecheck.verify import judge
from citecheck.verify.indexes import IndexStore, index_folder
from citecheck.verify.judge import (
    compare_chain,
    unverifiable,
    verify_against_hits,
    verify_against_pages,
)
from citecheck.verify.versions import TextVersion, verify_against_versions

__all__ = [
    "IndexStore",
    "TextVersion",
    "compare_chain",
    "index_folder",
    "judge",
    "unverifiable",
    "verify_against_hits",
    "verify_against_pages",
    "verify_against_versions",
]
