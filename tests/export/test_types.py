"""The kind of work comes from the data model, and every format says it the same way."""

from __future__ import annotations

import json

from citecheck.bib import parse_bibliography
from citecheck.export.bibtex import to_bibtex
from citecheck.export.csljson import to_csljson, validation_errors
from citecheck.export.items import (
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    export_item,
    item_type_for,
)
from citecheck.export.ris import parse_ris, to_ris
from citecheck.export.zotero import zotero_item_data

SPEECH_PRINTED_IN_PRAVDA = """@misc{stalin1929agrarian,
  author       = {Stalin, J. V.},
  title        = {Concerning Questions of Agrarian Policy in the U.S.S.R.},
  howpublished = {Speech delivered at a conference of Marxist students of agrarian questions,
                  27 December 1929; first published in Pravda, No. 309, 29 December 1929},
  entrysubtype = {speech},
  date         = {1929-12-27},
}"""
LETTER = """@misc{cassidy, author = {Stalin, J. V.}, title = {Reply to Henry C. Cassidy},
  namea = {Cassidy, Henry C.}, nameatype = {recipient}, entrysubtype = {letter},
  howpublished = {Letter to Henry C. Cassidy (Associated Press)}, date = {1942-11-13}}"""


def _item(bib: str) -> ExportItem:
    (entry,) = parse_bibliography(bib).entries
    return export_item(entry.key, entry=entry)


def test_a_speech_printed_in_pravda_is_a_speech_not_a_newspaper_article():
    assert _item(SPEECH_PRINTED_IN_PRAVDA).item_type is ItemType.PRESENTATION


def test_the_speech_exports_as_a_speech_in_every_format():
    item = _item(SPEECH_PRINTED_IN_PRAVDA)
    (csl,) = json.loads(to_csljson([item]))
    zotero = zotero_item_data(item)
    assert csl["type"] == "speech"
    assert csl["genre"].startswith("Speech delivered at a conference")
    assert zotero["itemType"] == "presentation"
    assert zotero["presentationType"].startswith("Speech delivered")
    assert zotero["creators"][0]["creatorType"] == "presenter"
    assert to_ris([item]).startswith("TY  - SLIDE\r\n")
    assert "entrysubtype = {speech}" in to_bibtex([item])
    assert to_bibtex([item]).startswith("@misc{")


def test_howpublished_names_the_kind_when_there_is_no_subtype():
    item = _item("@misc{r, title = {Radio Address}, howpublished = {Radio broadcast, Moscow}}")
    assert item.item_type is ItemType.RADIO_BROADCAST


def test_a_word_inside_howpublished_is_not_taken_for_the_kind():
    item = _item("@misc{r, title = {T}, howpublished = {Printed in a newspaper, 1930}}")
    assert item.item_type is ItemType.BOOK


def test_a_zotero_item_type_wins_over_everything_else(make_entry):
    entry = make_entry(
        key="k",
        entry_type="misc",
        title="T",
        fields=(("zotero-item-type", "interview"), ("entrysubtype", "speech")),
    )
    assert item_type_for(entry, ()) is ItemType.INTERVIEW


def test_a_letter_has_its_recipient_in_every_format():
    item = _item(LETTER)
    assert Creator("Cassidy", "Henry C.", CreatorRole.RECIPIENT) in item.creators
    (csl,) = json.loads(to_csljson([item]))
    assert csl["type"] == "personal_communication"
    assert csl["recipient"] == [{"family": "Cassidy", "given": "Henry C."}]
    zotero = zotero_item_data(item)
    assert {"creatorType": "recipient", "firstName": "Henry C.", "lastName": "Cassidy"} in zotero[
        "creators"
    ]
    assert "A2  - Cassidy, Henry C." in to_ris([item])
    assert "nameatype = {recipient}" in to_bibtex([item])
    assert validation_errors(to_csljson([item])) == []


def test_an_interview_has_its_interviewer():
    item = ExportItem(
        key="wells",
        item_type=ItemType.INTERVIEW,
        title="Marxism versus Liberalism",
        creators=(Creator("Stalin", "J. V."), Creator("Wells", "H. G.", CreatorRole.INTERVIEWER)),
        date="1934-07-23",
    )
    (csl,) = json.loads(to_csljson([item]))
    assert csl["interviewer"] == [{"family": "Wells", "given": "H. G."}]
    creators = zotero_item_data(item)["creators"]
    assert [c["creatorType"] for c in creators] == ["interviewee", "interviewer"]


def test_language_codes_are_iso_639_1_in_csl_json_zotero_and_ris():
    item = ExportItem(key="k", item_type=ItemType.BOOK, title="T", language="rus")
    (csl,) = json.loads(to_csljson([item]))
    assert csl["language"] == "ru"
    assert zotero_item_data(item)["language"] == "ru"
    assert "LA  - ru" in to_ris([item]).split("\r\n")


def test_ris_never_breaks_a_field_across_lines_and_reads_back_what_it_wrote():
    item = ExportItem(
        key="k",
        item_type=ItemType.BOOK,
        title="A title\nover two lines",
        note="first line\nsecond line",
    )
    text = to_ris([item])
    assert all(line == "" or line[2:6] == "  - " for line in text.split("\r\n")), (
        "every line is a tag line"
    )
    (back,) = parse_ris(text)
    assert (back.title, back.note) == ("A title over two lines", "first line second line")
