"""Files not in UTF-8 are read in the code page their text makes plausible, not the detector's whim."""

from __future__ import annotations

import pytest

from citecheck.encoding import decode_guessing

WESTERN = [
    'The old se\u00f1or said "no" to Pe\u00f1a.\n',
    "Se\u00f1or P\u00e9rez wrote that the caf\u00e9 was closed.\n",
    "Gr\u00fc\u00dfe aus M\u00fcnchen, sagte der B\u00fcrgermeister.\n",
    "It\u2019s the \u201ctruth\u201d \u2013 about Stalin.\n",
    "\u00c7a a \u00e9t\u00e9 tr\u00e8s bien, na\u00efve c\u0153ur.\n",
]


def _encodable(encoding: str) -> list[tuple[str, str]]:
    cases = []
    for text in WESTERN:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            continue
        cases.append((text, encoding))
    return cases


@pytest.mark.parametrize(("text", "encoding"), _encodable("latin-1") + _encodable("cp1252"))
def test_western_european_text_in_latin_1_or_windows_1252_reads_back_unchanged(
    text: str, encoding: str
) -> None:
    decoded = decode_guessing(text.encode(encoding))
    assert decoded is not None and decoded.text == text and decoded.detected


def test_central_european_text_is_not_forced_into_windows_1252() -> None:
    text = "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144, powiedzia\u0142 Kowalski.\n"
    decoded = decode_guessing(text.encode("cp1250"))
    assert decoded is not None and decoded.text == text and decoded.encoding == "cp1250"


def test_cyrillic_text_in_windows_1251_is_read_as_cyrillic() -> None:
    text = "\u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b: \u00ab\u041c\u044b \u0434\u043e\u043b\u0436\u043d\u044b \u0438\u0434\u0442\u0438 \u0432\u043f\u0435\u0440\u0451\u0434\u00bb.\n"
    decoded = decode_guessing(text.encode("cp1251"))
    assert decoded is not None and decoded.text == text


def test_utf8_is_taken_as_it_is_and_not_called_detected() -> None:
    decoded = decode_guessing("se\u00f1or".encode())
    assert decoded is not None and decoded.text == "se\u00f1or" and not decoded.detected
