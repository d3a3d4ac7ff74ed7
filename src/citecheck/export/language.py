"""Language codes as CSL, Zotero and RIS expect them: ISO 639-1 ("en"), from what catalogs give.

Catalogs give MARC / ISO 639-2 codes ("eng", "ger", "rus"; Open Library, the Library of Congress,
the Internet Archive), ISO 639-1 ("en"; Google Books, Crossref) or English names ("English").
CSL-JSON's ``language`` and Zotero's ``language`` field take a BCP 47 tag, whose primary subtag is
the two-letter code where one exists; biblatex's ``langid`` takes a babel language name.
"""

from __future__ import annotations

import re

# ISO 639-2 (bibliographic and terminology forms) to ISO 639-1, for the languages a history
# bibliography is likely to meet; a code not listed is kept as given (still a valid BCP 47 tag).
_TWO_LETTER = {
    "eng": "en",
    "rus": "ru",
    "ger": "de",
    "deu": "de",
    "fre": "fr",
    "fra": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "pol": "pl",
    "ukr": "uk",
    "bel": "be",
    "cze": "cs",
    "ces": "cs",
    "slo": "sk",
    "slk": "sk",
    "hun": "hu",
    "rum": "ro",
    "ron": "ro",
    "bul": "bg",
    "srp": "sr",
    "hrv": "hr",
    "slv": "sl",
    "mac": "mk",
    "mkd": "mk",
    "gre": "el",
    "ell": "el",
    "tur": "tr",
    "ara": "ar",
    "heb": "he",
    "yid": "yi",
    "per": "fa",
    "fas": "fa",
    "chi": "zh",
    "zho": "zh",
    "jpn": "ja",
    "kor": "ko",
    "vie": "vi",
    "hin": "hi",
    "dut": "nl",
    "nld": "nl",
    "swe": "sv",
    "nor": "no",
    "dan": "da",
    "fin": "fi",
    "est": "et",
    "lav": "lv",
    "lit": "lt",
    "geo": "ka",
    "kat": "ka",
    "arm": "hy",
    "hye": "hy",
    "aze": "az",
    "kaz": "kk",
    "uzb": "uz",
    "lat": "la",
    "gle": "ga",
    "wel": "cy",
    "cym": "cy",
    "ice": "is",
    "isl": "is",
    "alb": "sq",
    "sqi": "sq",
    "ind": "id",
    "may": "ms",
    "msa": "ms",
    "cat": "ca",
    "baq": "eu",
    "eus": "eu",
    "glg": "gl",
    "epo": "eo",
    "afr": "af",
}
_NAMES = {
    "english": "en",
    "russian": "ru",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "polish": "pl",
    "ukrainian": "uk",
    "czech": "cs",
    "hungarian": "hu",
    "romanian": "ro",
    "bulgarian": "bg",
    "serbian": "sr",
    "croatian": "hr",
    "greek": "el",
    "turkish": "tr",
    "arabic": "ar",
    "hebrew": "he",
    "yiddish": "yi",
    "persian": "fa",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "dutch": "nl",
    "swedish": "sv",
    "norwegian": "no",
    "danish": "da",
    "finnish": "fi",
    "georgian": "ka",
    "armenian": "hy",
    "latin": "la",
    "welsh": "cy",
    "catalan": "ca",
}
# babel's names for biblatex's langid, by ISO 639-1 code.
_BABEL = {
    "en": "english", "ru": "russian", "de": "ngerman", "fr": "french", "es": "spanish",
    "it": "italian", "pt": "portuguese", "pl": "polish", "uk": "ukrainian", "cs": "czech",
    "hu": "magyar", "ro": "romanian", "bg": "bulgarian", "sr": "serbian", "hr": "croatian",
    "el": "greek", "tr": "turkish", "he": "hebrew", "nl": "dutch", "sv": "swedish",
    "no": "norsk", "da": "danish", "fi": "finnish", "la": "latin", "cy": "welsh",
    "ca": "catalan", "ja": "japanese", "zh": "chinese",
}  # fmt: skip


def iso639_1(language: str) -> str:
    """ "eng" / "English" / "en-GB" as "en" (a region is kept: "en-GB"); unknown codes as given."""
    text = language.strip()
    if not text:
        return ""
    primary, sep, region = text.replace("_", "-").partition("-")
    lowered = primary.lower()
    code = _TWO_LETTER.get(lowered) or _NAMES.get(lowered)
    if code is None:
        code = lowered if re.fullmatch(r"[a-z]{2,3}", lowered) else text
        return code if code == text else f"{code}{sep}{region}"
    return f"{code}-{region}" if sep and region else code


def babel_name(language: str) -> str:
    """The babel language name for biblatex's ``langid`` ("russian"), or "" when unknown."""
    return _BABEL.get(iso639_1(language).split("-")[0], "")
