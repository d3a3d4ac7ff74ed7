"""BibTeX, CSL-JSON and RIS files: written, read back, the same data; CSL-JSON valid by the schema."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from citecheck.errors import InputError
from citecheck.export.bibtex import parse_bibtex, to_bibtex
from citecheck.export.csljson import parse_csljson, to_csljson, validation_errors
from citecheck.export.items import Creator, CreatorRole, ExportItem, ItemType, QuotationNote
from citecheck.export.ris import parse_ris, to_ris

SECTION = ExportItem(
    key="deutscher-1949",
    item_type=ItemType.BOOK_SECTION,
    title="The General Secretary",
    creators=(Creator("Deutscher", "Isaac"), Creator("Hill", "Christopher", CreatorRole.EDITOR)),
    container_title="Stalin: A Political Biography",
    date="1949",
    place="Oxford",
    publisher="Oxford University Press",
    pages="228-262",
    edition="2nd ed.",
    language="en",
    isbn=("9780195002737",),
    oclc=("1172412",),
    record_url="https://catalog.hathitrust.org/Record/001261426",
    scan_url="https://babel.hathitrust.org/cgi/pt?id=mdp.39015003836455",
    catalog="HathiTrust",
    notes=(
        QuotationNote(
            key="deutscher-1949#0a1b2c3d4e",
            citation_id="q7",
            quotation="he had {no} use for theory; only for power",
            cited_page="230",
            found_pages=("231", "232"),
            wording="omission",
            page="adjacent",
            scan_url="https://babel.hathitrust.org/cgi/pt?id=mdp.39015003836455&seq=245",
            document="talk.md, line 40",
            details=("the ellipsis leaves out 12 words: “and for the Party”",),
        ),
    ),
)
JOURNAL = ExportItem(
    key="pipes-1960",
    item_type=ItemType.JOURNAL_ARTICLE,
    title="Max Weber and Russia",
    creators=(Creator("Pipes", "Richard"),),
    container_title="World Politics",
    date="1955-04",
    volume="7",
    issue="3",
    pages="371-401",
    doi=("10.2307/2009073",),
    lccn=("51001876",),
)
LETTER = ExportItem(
    key="lenin-1922",
    item_type=ItemType.LETTER,
    title="Letter to the Congress",
    creators=(Creator("Lenin", "V. I."),),
    date="1922-12-24",
)
RADIO = ExportItem(
    key="radio-1941",
    item_type=ItemType.RADIO_BROADCAST,
    title="Radio address",
    creators=(Creator("Soviet Information Bureau"),),
    date="1941-07-03",
    container_title="Moscow Radio",
)

FORMATS = {
    "bibtex": (to_bibtex, parse_bibtex),
    "csljson": (to_csljson, parse_csljson),
    "ris": (to_ris, parse_ris),
}


def _catalog_only_in(fmt: str, item: ExportItem) -> ExportItem:
    # BibTeX has no field for the library catalog; Zotero's own BibTeX export drops it too.
    return replace(item, catalog="") if fmt == "bibtex" else item


def _as_read(fmt: str, items: tuple[ExportItem, ...]) -> tuple[ExportItem, ...]:
    # The .bib entry as written travels only in BibTeX, where it is the file itself.
    return tuple(replace(i, bib_type="", bib_fields=()) for i in items)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_book_section_with_a_quotation_note_reads_back_the_same(fmt):
    write, read = FORMATS[fmt]
    assert _as_read(fmt, read(write([SECTION]))) == (_catalog_only_in(fmt, SECTION),)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_journal_article_a_letter_and_a_broadcast_read_back_the_same(fmt):
    write, read = FORMATS[fmt]
    assert _as_read(fmt, read(write([JOURNAL, LETTER, RADIO]))) == (JOURNAL, LETTER, RADIO)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_s_works_read_back_the_same(fmt, export_items):
    write, read = FORMATS[fmt]
    assert _as_read(fmt, read(write(export_items))) == _as_read(
        fmt, tuple(_catalog_only_in(fmt, i) for i in export_items)
    )


def test_exported_csl_json_is_valid_by_the_official_schema(export_items):
    assert validation_errors(to_csljson([*export_items, SECTION, JOURNAL, LETTER, RADIO])) == []


def test_the_schema_check_catches_a_variable_csl_does_not_have():
    bad = json.dumps([{"id": "x", "type": "book", "pagecount": 3}])
    assert any("pagecount" in e for e in validation_errors(bad))


def test_csl_json_types_follow_zotero_s_mapping(export_items):
    types = [i["type"] for i in json.loads(to_csljson([*export_items, SECTION, LETTER]))]
    assert types == ["book", "article-newspaper", "broadcast", "chapter", "personal_communication"]


def test_csl_json_dates_are_date_parts():
    (item,) = json.loads(to_csljson([JOURNAL]))
    assert item["issued"] == {"date-parts": [[1955, 4]]}


def test_bibtex_marks_a_newspaper_article_with_entrysubtype(export_items):
    text = to_bibtex([i for i in export_items if i.key == "pravda-1937"])
    assert text.startswith("@article{pravda-1937,")
    assert "entrysubtype = {newspaper}" in text


def test_bibtex_writes_a_body_in_braces_so_it_is_not_split_into_names():
    assert "author = {{Soviet Information Bureau}}" in to_bibtex([RADIO])


def test_bibtex_puts_identifiers_biblatex_has_no_field_for_into_annote():
    text = to_bibtex([JOURNAL, SECTION])
    assert "lccn = " not in text and "oclc = " not in text
    assert "LCCN: 51001876" in text and "OCLC: 1172412" in text


def test_bibtex_survives_a_quotation_with_an_unpaired_brace():
    item = ExportItem(
        key="k",
        item_type=ItemType.BOOK,
        title="T",
        notes=(QuotationNote(key="k#1", citation_id="q1", quotation="a } stray brace"),),
    )
    (back,) = parse_bibtex(to_bibtex([item]))
    assert back.notes[0].quotation == "a } stray brace"


def test_ris_puts_each_quotation_in_its_own_n1_note_and_ends_records_with_er():
    text = to_ris([SECTION])
    lines = text.split("\r\n")
    assert lines[0] == "TY  - CHAP"
    assert sum(line.startswith("N1  - ") for line in lines) == 1
    assert "ER  - " in lines
    assert "KW  - citecheck" in lines


def test_ris_cannot_tell_an_interview_from_a_letter():
    interview = ExportItem(key="i", item_type=ItemType.INTERVIEW, title="Talk with Wells")
    (back,) = parse_ris(to_ris([interview]))
    assert back.item_type is ItemType.LETTER


def test_unreadable_csl_json_names_the_line():
    with pytest.raises(InputError, match="line 2"):
        parse_csljson('[\n{"id": }]', name="works.json")


def test_ris_with_a_tag_before_ty_is_refused():
    with pytest.raises(InputError, match="before the first TY"):
        parse_ris("TI  - lost\r\nER  - \r\n")
