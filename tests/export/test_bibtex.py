"""BibTeX for biblatex: the user's entries kept as written, everything else escaped and protected."""

from __future__ import annotations

from pathlib import Path

from citecheck.bib import load_bibliography, parse_bibliography
from citecheck.export.bibtex import parse_bibtex, protect_capitals, to_bibtex
from citecheck.export.items import Creator, CreatorRole, ExportItem, ItemType, export_item

REPO = Path(__file__).resolve().parents[2]


def _exported(bib_text: str) -> str:
    bibliography = parse_bibliography(bib_text)
    return to_bibtex([export_item(e.key, entry=e) for e in bibliography])


def test_a_round_trip_of_the_talk_s_references_keeps_every_field_and_entry_type():
    original = load_bibliography(REPO / "references.bib")
    text = to_bibtex([export_item(e.key, entry=e) for e in original])
    back = parse_bibliography(text)
    assert back.problems == ()
    for entry in original:
        again = back.get(entry.key)
        assert again is not None
        assert again.entry_type == entry.entry_type
        assert set(entry.fields) <= set(again.fields), entry.key


def test_the_user_s_misc_speech_stays_a_misc_with_its_howpublished_note_and_both_dates():
    text = _exported(
        "@misc{s, author = {Stalin, J. V.}, title = {Concerning Questions of Agrarian Policy},"
        " howpublished = {Speech delivered at a conference}, entrysubtype = {speech},"
        " date = {1929-12-27}, year = {1929}, note = {Works, vol. 12, pp. 147--178}}"
    )
    assert text.startswith("@misc{s,")
    for field in (
        "howpublished = {Speech delivered at a conference}",
        "entrysubtype = {speech}",
        "date = {1929-12-27}",
        "year = {1929}",
        "note = {Works, vol. 12, pp. 147--178}",
    ):
        assert field in text


def test_a_month_macro_stays_a_macro():
    assert "month = feb," in _exported("@book{b, title = {T}, year = {1946}, month = feb}")


def test_an_escaped_ampersand_of_the_user_stays_escaped_and_a_raw_one_is_escaped():
    text = _exported(
        "@book{a, title = {War \\& Peace}, publisher = {Simon & Schuster}}\n"
        "@book{b, title = {Rise & Fall}}"
    )
    assert "title = {{War} \\& {Peace}}" in text
    assert "publisher = {Simon \\& Schuster}" in text
    assert "title = {{Rise} \\& {Fall}}" in text


def test_a_title_the_user_braced_is_left_exactly_as_written():
    assert "title = {The {USSR} in 1941}" in _exported("@book{a, title = {The {USSR} in 1941}}")


def test_one_publisher_with_and_in_its_name_is_not_read_as_two():
    text = _exported("@book{a, title = {T}, publisher = {Simon and Schuster}}")
    assert "publisher = {Simon {and} Schuster}" in text


def test_a_catalog_title_with_latex_specials_and_capitals_comes_out_escaped_and_protected():
    item = ExportItem(
        key="k",
        item_type=ItemType.BOOK,
        title="Profits & Losses: 100% of $5 #1 under_score in the U.S.S.R.",
    )
    text = to_bibtex([item])
    assert (
        "title = {{Profits} \\& {Losses}: 100\\% of \\$5 \\#1 under\\_score in the "
        "{U}.{S}.{S}.{R}.}" in text
    )
    (back,) = parse_bibtex(text)
    assert back.title == item.title


def test_accents_and_non_latin_names_stay_utf_8_and_read_back_the_same():
    item = ExportItem(
        key="k",
        item_type=ItemType.BOOK,
        title="Моя жизнь: опыт автобиографии",
        creators=(Creator("Троцкий", "Лев"), Creator("Żeromski", "Stefan", CreatorRole.EDITOR)),
        place="Berlin",
        publisher="Granit",
    )
    text = to_bibtex([item])
    assert "author = {Троцкий, Лев}" in text
    (back,) = parse_bibtex(text)
    assert (back.title, back.creators) == (item.title, item.creators)


def test_a_book_s_page_count_is_pagetotal_not_pages():
    item = ExportItem(key="k", item_type=ItemType.BOOK, title="T", page_count=659)
    text = to_bibtex([item])
    assert "pagetotal = {659}" in text and "pages = " not in text


def test_a_field_biblatex_does_not_know_travels_in_annote_and_reads_back_into_the_entry():
    text = _exported("@book{a, title = {T}, alttitle = {British Agent}}")
    assert "alttitle = " not in text.split("annote")[0]
    assert "field alttitle = {British Agent}" in text
    assert dict(parse_bibliography(text).entries[0].fields)["alttitle"] == "British Agent"


def test_a_speech_a_letter_with_its_recipient_and_an_interview_are_misc_with_a_subtype():
    items = [
        ExportItem(key="s", item_type=ItemType.PRESENTATION, title="Speech"),
        ExportItem(
            key="l",
            item_type=ItemType.LETTER,
            title="Reply",
            creators=(
                Creator("Stalin", "J. V."),
                Creator("Cassidy", "Henry C.", CreatorRole.RECIPIENT),
            ),
        ),
        ExportItem(
            key="i",
            item_type=ItemType.INTERVIEW,
            title="Talk",
            creators=(
                Creator("Stalin", "J. V."),
                Creator("Wells", "H. G.", CreatorRole.INTERVIEWER),
            ),
        ),
    ]
    text = to_bibtex(items)
    assert text.count("@misc{") == 3
    assert "entrysubtype = {speech}" in text and "entrysubtype = {letter}" in text
    assert "namea = {Cassidy, Henry C.}" in text and "nameatype = {recipient}" in text
    assert "namea = {Wells, H. G.}" in text and "nameatype = {interviewer}" in text
    assert [i.item_type for i in parse_bibtex(text)] == [i.item_type for i in items]
    assert parse_bibtex(text)[1].creators == items[1].creators


def test_capitals_are_protected_word_by_word_and_commands_are_left_alone():
    assert protect_capitals(r"Radio Broadcast of 3 July 1941 \& more") == (
        r"{Radio} {Broadcast} of 3 {July} 1941 \& more"
    )


def test_a_concatenation_with_a_string_macro_is_written_out_since_the_macro_does_not_travel():
    text = _exported(
        '@string{works = "J. V. Stalin, Works"}\n@misc{s, title = {T}, note = works # {, vol. 12}}'
    )
    assert "note = {J. V. Stalin, Works, vol. 12}" in text
    assert "works #" not in text
