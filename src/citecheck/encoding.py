"""Bytes of a file whose encoding nobody stated: UTF-8 when they are, else the likeliest legacy one.

A detector alone goes wrong on the short, mostly English files citecheck reads: a Latin-1
"señor" scores the same as Central European "seńor", and the detector's pick between equals is
arbitrary. So each plausible code page is tried, and its text is judged by what a reader would
notice: symbols or control characters inside words ("Se±or", "Za¿ó³æ"), or letters of two
scripts in one word. The cleanest reading wins; between equally clean readings the detector's
language evidence decides when it is clear, else Windows-1252, which is what browsers take a
"Latin-1" label to mean and the commonest legacy encoding of Western text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_CANDIDATES = ("cp1252", "cp1250", "cp1251", "iso8859_15")
_SAMPLE = 200_000
_CLEAR_LANGUAGE_LEAD = 0.1
# Punctuation that does stand between two letters in real text: apostrophes, hyphens, a middle dot.
_INSIDE_WORDS = frozenset("\u2019\u2018\u02bc\u2032\u2010\u2011\u2013\u2014\u00b7\u00ad")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text and the encoding it was read in."""

    text: str
    encoding: str
    detected: bool
    """True when the encoding was guessed (the bytes were not UTF-8)."""


def decode_guessing(data: bytes) -> DecodedText | None:
    """UTF-8 (with or without a byte-order mark) when the bytes are, else the likeliest code page.

    None when no candidate reads the bytes as text.
    """
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8", detected=False)
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16", detected=True)
        except UnicodeDecodeError:
            pass
    readings: dict[str, str] = {}
    for encoding in _CANDIDATES:
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    detector_pick, language_lead = _detector_pick(data)
    if detector_pick is not None and detector_pick[0] not in readings:
        readings[detector_pick[0]] = detector_pick[1]
    if not readings:
        return None
    oddities = {encoding: _oddities(text[:_SAMPLE]) for encoding, text in readings.items()}
    fewest = min(oddities.values())
    cleanest = [encoding for encoding in readings if oddities[encoding] == fewest]
    chosen = cleanest[0]
    if (
        detector_pick is not None
        and detector_pick[0] in cleanest
        and (language_lead >= _CLEAR_LANGUAGE_LEAD or "cp1252" not in cleanest)
    ):
        chosen = detector_pick[0]
    return DecodedText(readings[chosen], chosen, detected=True)


def _detector_pick(data: bytes) -> tuple[tuple[str, str] | None, float]:
    """charset-normalizer's best reading, and how far its language evidence leads Windows-1252's."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:_SAMPLE])
    best = results.best()
    if best is None:
        return None, 0.0
    western = max(
        (m.coherence for m in results if "cp1252" in m.could_be_from_charset), default=0.0
    )
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None, 0.0
    return (best.encoding, text), best.coherence - western


def _oddities(text: str) -> int:
    """How many characters a reader would take for a wrong encoding."""
    count = 0
    for at, char in enumerate(text):
        if char.isascii():
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Co", "Cn"):
            count += 1
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        inside_a_word = before.isalpha() and after.isalpha()
        if not char.isalpha():
            count += inside_a_word and char not in _INSIDE_WORDS
        elif _script(char) != "LATIN" and (_is_latin(before) or _is_latin(after)):
            count += 1
    return count


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0]


def _is_latin(char: str) -> bool:
    return char.isalpha() and (char.isascii() or _script(char) == "LATIN")
