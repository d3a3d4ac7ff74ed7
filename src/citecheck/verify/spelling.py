"""Whether two different words are one word spelt two ways, or a change of wording.

Three kinds of difference are forgiven, each only where it can arise:

- **OCR misreadings**, only in text read from scans by OCR (``Page.ocr``), and only where the
  difference is made of confusions OCR engines make between letters of like shape (``rn``/``m``,
  ``cl``/``d``, ``li``/``h``, ``e``/``c``, ``s``/``a``, ``u``/``n``, ...), a few per word. A misreading
  that produces a common word rarer than the quoted one is still a misreading (``of`` read ``ot``);
  one that produces a different word of meaning (a negation, a modal) is not forgiven.
- **Known spelling variants** in any text: British and American spellings (``colour``/``color``,
  ``catalogue``/``catalog``), from the lists of the ``breame`` package.
- **Spellings of rare words** in any text: an old or odd spelling, a name, a typo (``shew``/``show``),
  a letter or two apart, when at least one of the two is not an ordinary English word.

Two different ordinary words (by the ``wordfreq`` frequency lists) are a change, however alike:
"farms" for "farmers", "measure" for "measures". Words are compared in canonical form
(``citecheck.verify.normalise.canonical_word``: lower case, apostrophes and hyphens dropped).
"""

from __future__ import annotations

import math
import sys
from functools import cache, lru_cache
from pathlib import Path

from breame.data import spelling_constants
from rapidfuzz.distance import Levenshtein

from citecheck.verify.meaning import MEANING_WORDS

__all__ = ["is_common", "is_ordinary", "is_spelling_pair", "ocr_explains", "similar_words"]

ORDINARY_ZIPF = 2.5
"""A word at least this frequent (about once in three million words of English) is an ordinary word."""
_ENDINGS = frozenset(
    [
        "s",
        "es",
        "ed",
        "d",
        "ing",
        "er",
        "ers",
        "est",
        "ly",
        "ity",
        "ities",
        "ant",
        "ance",
        "ent",
        "ence",
        "ion",
        "ions",
        "ive",
        "al",
        "ness",
        "ment",
        "ments",
        "y",
        "ies",
        "ied",
        "ful",
        "less",
        "ous",
    ]
) | {""}

_OCR_SINGLE = frozenset(
    frozenset(pair)
    for pair in ("ce", "sa", "ao", "ft", "li", "un", "hb", "oc", "ij", "tl", "fs", "eo", "nh", "yv")
)
_OCR_MULTI = (
    ("cl", "d"),
    ("li", "h"),
    ("ri", "n"),
    ("in", "m"),
    ("ni", "m"),
    ("ii", "u"),
    ("ii", "n"),
    ("lo", "b"),
    ("rn", "m"),
)
"""Letter groups OCR reads as one letter and back (canonical forms already fold rn->m and vv->w)."""


def similar_words(a: str, b: str, *, ocr: bool = False) -> bool:
    """Whether document word ``a`` and source word ``b`` are one word spelt differently or misread.

    ``ocr`` says the source is OCR text, where OCR's confusions of letters are forgiven.
    """
    if a == b:
        return True
    if not (a.isalpha() and b.isalpha()) and any(ch.isdigit() for ch in a + b):
        return False
    if is_spelling_pair(a, b):
        return True
    respelt = _spelling_pairs().get(a)
    if ocr and respelt is not None and ocr_explains(respelt, b):
        # The other spelling, misread: "tyres" quoted for the scan's "tires" read "tlres".
        return True
    if ocr and b not in MEANING_WORDS and ocr_explains(a, b):
        # A misreading of the source's word; unless the source's word is as common as the
        # document's, which makes it more likely the document's change than OCR's.
        return not is_ordinary(b) or zipf(b) + 1 <= zipf(a)
    if a in MEANING_WORDS or b in MEANING_WORDS:
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) <= 3 or longer.startswith(shorter) or _other_ending(a, b):
        # Short words are too alike to tell spelling from change; another ending of one stem
        # ("decide" -> "decided", "snatches" -> "snatched") changes the sentence, not the spelling.
        return False
    allowed = 1 if len(longer) <= 6 else 2
    if Levenshtein.distance(a, b, score_cutoff=allowed) > allowed:
        return False
    return not (is_ordinary(a) and is_ordinary(b))


def _other_ending(a: str, b: str) -> bool:
    """Whether two words are one stem with different grammatical endings."""
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    return stem >= 3 and a[stem:] in _ENDINGS and b[stem:] in _ENDINGS


def zipf(word: str) -> float:
    """How common ``word`` is in English, on the Zipf scale (log10 of uses per billion words)."""
    frequency = _frequencies().get(word, 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


@cache
def _frequencies() -> dict[str, float]:
    # wordfreq's own look-up tokenises every word it is given; canonical words need none, so
    # its table is read once and looked up directly. wordfreq imports a top-level module named
    # "locate": a script of that name in a folder on the path (as benchmarks/locate.py puts its
    # own folder there) must not stand in for it.
    saved = sys.path[:]
    sys.path[:] = [p for p in saved if not (Path(p or ".") / "locate.py").is_file()]
    other = sys.modules.get("locate")
    if other is not None and not hasattr(other, "this_dir"):
        del sys.modules["locate"]
    try:
        from wordfreq import get_frequency_dict
    finally:
        sys.path[:] = saved
        if other is not None and not hasattr(other, "this_dir"):
            sys.modules["locate"] = other
    frequencies: dict[str, float] = get_frequency_dict("en")
    return frequencies


def is_ordinary(word: str) -> bool:
    """Whether ``word`` is an ordinary English word, not a name, an old spelling or a misprint."""
    return zipf(word) >= ORDINARY_ZIPF


COMMON_ZIPF = 5.8
"""A word at least this frequent (the, of, it, also, ...) says little about which passage it is in."""


def is_common(word: str) -> bool:
    """Whether ``word`` is one of the commonest words of English, found in any passage."""
    return zipf(word) >= COMMON_ZIPF


def is_spelling_pair(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the British and American spellings of one word."""
    pairs = _spelling_pairs()
    return pairs.get(a) == b or pairs.get(b) == a


@cache
def _spelling_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for table in (
        spelling_constants.BRITISH_ENGLISH_SPELLINGS,
        spelling_constants.AMERICAN_ENGLISH_SPELLINGS,
    ):
        for one, other in table.items():
            pairs[one.lower()] = other.lower()
    return pairs


@lru_cache(maxsize=65536)
def ocr_explains(a: str, b: str) -> bool:
    """Whether OCR could have read word ``a`` as ``b``: only confusions of like letters, a few per word."""
    if a == b:
        return True
    budget = 1 if len(a) <= 4 else 2 if len(a) <= 9 else 3
    if abs(len(a) - len(b)) > budget:
        return False
    if len(a) == len(b):
        # Letter for letter (the usual case): every difference must be a confusion of its own.
        pairs = [frozenset((x, y)) for x, y in zip(a, b, strict=True) if x != y]
        return len(pairs) <= budget and all(pair in _OCR_SINGLE for pair in pairs)
    # Each confusion is at most two edits: most pairs of different words are rejected here, fast.
    if Levenshtein.distance(a, b, score_cutoff=2 * budget) > 2 * budget:
        return False
    # Fewest confusions turning a[:i] into b[:j]; a confusion replaces one letter group by another.
    inf = budget + 1
    best = [[inf] * (len(b) + 1) for _ in range(len(a) + 1)]
    best[0][0] = 0
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            here = best[i][j]
            if here >= inf:
                continue
            if i < len(a) and j < len(b):
                if a[i] == b[j]:
                    best[i + 1][j + 1] = min(best[i + 1][j + 1], here)
                elif frozenset((a[i], b[j])) in _OCR_SINGLE:
                    best[i + 1][j + 1] = min(best[i + 1][j + 1], here + 1)
            for group, letter in _OCR_MULTI:
                for x, y in ((group, letter), (letter, group)):
                    if a.startswith(x, i) and b.startswith(y, j):
                        k, m = i + len(x), j + len(y)
                        best[k][m] = min(best[k][m], here + 1)
    return best[len(a)][len(b)] <= budget
