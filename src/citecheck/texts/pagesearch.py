"""Finding a phrase in pages already in hand, for providers that hold whole pages (files, full texts)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.model import Hit, Page

_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_NON_WORD = re.compile(r"[^\w]+")
_CONTEXT_CHARS = 80


def _words_with_offsets(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for found in re.finditer(r"\w+", text):
        words.append(found.group(0).casefold())
        spans.append((found.start(), found.end()))
    return words, spans


def search_pages(pages: Sequence[Page], phrase: str) -> list[Hit]:
    """Hits for every page whose words contain the phrase's words in order (case and punctuation ignored)."""
    wanted = [w.casefold() for w in _NON_WORD.split(phrase) if w]
    if not wanted:
        return []
    hits: list[Hit] = []
    for page in pages:
        # OCR breaks words at line ends ("conspir-\nacy"); join them so a phrase across a line is found.
        text = _HYPHEN_BREAK.sub(r"\1\2", page.text)
        words, spans = _words_with_offsets(text)
        for i in range(len(words) - len(wanted) + 1):
            if words[i : i + len(wanted)] == wanted:
                start = spans[i][0]
                end = spans[i + len(wanted) - 1][1]
                snippet = " ".join(
                    text[max(0, start - _CONTEXT_CHARS) : end + _CONTEXT_CHARS].split()
                )
                hits.append(
                    Hit(
                        snippet=snippet,
                        printed=page.printed,
                        leaf=page.leaf,
                        provenance=page.provenance,
                    )
                )
                break
    return hits
