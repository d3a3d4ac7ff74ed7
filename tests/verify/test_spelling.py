"""Specification: which differences of spelling are forgiven, and in which texts."""

from __future__ import annotations

from citecheck.model import Page, WordingVerdict
from citecheck.verify.judge import verify_against_pages
from citecheck.verify.spelling import is_ordinary, ocr_explains, similar_words

from .conftest import Cite


def test_two_different_ordinary_words_are_a_change_however_alike() -> None:
    assert not similar_words("farms", "farmers")
    assert not similar_words("measure", "measures")
    assert not similar_words("wary", "warm")
    assert not similar_words("farms", "farmers", ocr=True)


def test_other_endings_of_one_stem_are_a_change_even_in_rarer_words() -> None:
    assert not similar_words("snatches", "snatched")
    assert not similar_words("rapidly", "rapidity")
    assert not similar_words("exulting", "exultant", ocr=True)


def test_british_and_american_spellings_are_one_word_in_any_text() -> None:
    assert similar_words("colour", "color")
    assert similar_words("catalog", "catalogue")
    assert similar_words("dialogue", "dialog", ocr=True)


def test_ocr_misreadings_are_forgiven_only_in_ocr_text() -> None:
    for document, source in (("was", "waa"), ("may", "moy"), ("and", "ancl"), ("of", "ot")):
        assert similar_words(document, source, ocr=True), (document, source)
        assert not similar_words(document, source), (document, source)
    assert similar_words("his", "hia", ocr=True)
    assert similar_words("the", "tlie", ocr=True)


def test_only_confusions_ocr_makes_are_forgiven_as_ocr() -> None:
    assert ocr_explains("and", "ancl")
    assert ocr_explains("hand", "liand")
    assert not ocr_explains("farms", "farmers")
    assert not ocr_explains("not", "now")
    assert not similar_words("not", "now", ocr=True)


def test_an_ocr_reading_that_is_another_word_of_meaning_is_not_forgiven() -> None:
    assert not similar_words("nor", "not", ocr=True)


def test_rare_spellings_and_misprints_stay_variants_in_born_digital_text() -> None:
    assert similar_words("shew", "show")
    assert similar_words("govemment", "government")
    assert not similar_words("decide", "decided")
    assert is_ordinary("farmers")
    assert not is_ordinary("govemment")


def test_a_near_ordinary_word_in_a_quotation_is_reported_as_the_documents_change(
    cite: Cite,
) -> None:
    pages = [Page("The collective farmers must drive off all the idlers from the fields.", "9")]
    v = verify_against_pages(cite("The collective farms must drive off all the idlers."), pages)
    assert v.wording is WordingVerdict.ALTERED
    assert [(c.document_words, c.source_words) for c in v.changes] == [("farms", "farmers")]


def test_ocr_noise_in_born_digital_text_is_not_forgiven_in_short_words(cite: Cite) -> None:
    pages = [Page("It waa a long winter in the hills that year.", "3")]
    v = verify_against_pages(cite("It was a long winter in the hills that year."), pages)
    assert v.wording is WordingVerdict.ALTERED
    ocr_pages = [Page("It waa a long winter in the hills that year.", "3", ocr=True)]
    v = verify_against_pages(cite("It was a long winter in the hills that year."), ocr_pages)
    assert v.wording is WordingVerdict.VARIANT
    assert any("OCR" in note for note in v.notes)
