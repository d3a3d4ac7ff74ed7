"""One canonical form of a text's words for matching, with a map back to the original characters.

Both the document's quotation and the source pass through the same folding, so differences that are
only typography or scanning vanish before alignment: Unicode quotes and dashes, case, whitespace,
hyphenation across line breaks ("indus-\\nry"), ligatures (ﬁ ﬂ), the long s (ſ), accents, and the
commonest OCR confusions (rn/m, vv/w, 0/o, 1/l). Punctuation is dropped: the canonical text is the
words alone, separated by single spaces. Every word keeps the offsets of its characters in the
original, so evidence can always be quoted in the source's own characters.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

# A word: letters and digits (with combining accents), joined across apostrophes, hyphens, soft
# hyphens and hyphenation at a line break, so "indus-\ntry", "to-day" and "don't" are one word each.
WORD_PATTERN = re.compile(
    r"[^\W_][\w\u0300-\u036f]*"
    r"(?:(?:-[ \t]*\r?\n\s*|[-\u00ad\u2010\u2011'\u2019\u02bc])[^\W_][\w\u0300-\u036f]*)*"
)
_JOINERS = frozenset("-\u00ad\u2010\u2011'\u2019\u02bc_")
_DIGIT_OCR = str.maketrans({"0": "o", "1": "l"})
_MULTI_OCR = (("rn", "m"), ("vv", "w"))

# Characters that are the same letter set differently, for the exact comparison of wording.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,
    }
)
_LINE_BREAK_HYPHEN = re.compile(r"[-\u00ad\u2010\u2011][ \t]*\r?\n\s*")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = (
    " \t\r\n\f\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb.,;:!?()[]\u2026-\u2013\u2014"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its canonical form and the half-open range of its characters in the original."""

    canon: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A text's canonical words joined by single spaces, and the original offsets of each word."""

    original: str
    text: str
    tokens: tuple[Token, ...]
    _canon_starts: array[int] = field(repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original character range of the canonical range ``[start, end)``.

        Exact to the character inside words whose canonical form has the original's length; inside
        words that changed length (ligatures, hyphenation, rn->m) the range snaps to the word.
        """
        if not self.tokens or start >= end:
            at = self._offset(start, is_end=False) if self.tokens else 0
            return at, at
        return self._offset(start, is_end=False), self._offset(end, is_end=True)

    def _offset(self, position: int, *, is_end: bool) -> int:
        probe = position - 1 if is_end else position
        index = max(bisect_right(self._canon_starts, probe) - 1, 0)
        token = self.tokens[index]
        inside = probe - self._canon_starts[index]
        if inside >= len(token.canon):
            # A separating space: it stands for whatever lies between two words.
            return token.end
        if len(token.canon) == token.end - token.start:
            return token.start + inside + (1 if is_end else 0)
        return token.end if is_end else token.start


def canonical_word(word: str) -> str:
    """The canonical form of one word as it appears in a text (apostrophes and hyphens removed)."""
    if word.isascii() and word.isalnum():
        folded = word.lower().translate(_DIGIT_OCR)
    else:
        kept = "".join(ch for ch in word if ch not in _JOINERS and not ch.isspace())
        decomposed = unicodedata.normalize("NFKD", kept)
        folded = (
            "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            .lower()
            .translate(_DIGIT_OCR)
        )
    for pair, single in _MULTI_OCR:
        if pair in folded:
            folded = folded.replace(pair, single)
    return folded


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """The words of ``text[start:end]`` with their canonical forms and original offsets."""
    for match in WORD_PATTERN.finditer(text, start, len(text) if end is None else end):
        canon = canonical_word(match.group())
        if canon:
            yield Token(canon, match.start(), match.end())


def normalise(text: str) -> NormalisedText:
    """Fold ``text`` to its canonical words, keeping the map back to the original characters."""
    tokens = tuple(iter_tokens(text))
    starts: array[int] = array("q")
    position = 0
    for token in tokens:
        starts.append(position)
        position += len(token.canon) + 1
    return NormalisedText(
        original=text,
        text=" ".join(token.canon for token in tokens),
        tokens=tokens,
        _canon_starts=starts,
    )


def exact_form(text: str) -> str:
    """Text as typeset characters: line-break hyphenation, ligatures and spacing undone, edges trimmed."""
    text = _LINE_BREAK_HYPHEN.sub("", text.replace("\u00ad", ""))
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub(" ", text).strip(_EDGE_PUNCTUATION)


def typographic_form(text: str) -> str:
    """``exact_form`` with quote marks and dashes unified: differences left are spelling or wording."""
    return _SPACE.sub(" ", exact_form(text).translate(_TYPOGRAPHY)).strip(_EDGE_PUNCTUATION)
