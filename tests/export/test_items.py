"""A report's cited works as export items: one per work, the settled edition, quotations as notes."""

from __future__ import annotations

from citecheck.export.items import (
    Creator,
    CreatorRole,
    ItemType,
    creator_from_name,
    item_type_for,
    items_from_report,
    note_html,
    note_key,
    parse_note_html,
    read_extra_lines,
)


def _item(items, key: str):
    return next(i for i in items if i.key == key)


def test_each_cited_work_becomes_one_item_with_its_quotations_as_notes(report, bibliography):
    selection = items_from_report(report, bibliography)
    assert [i.key for i in selection.items] == ["carr-1951", "pravda-1937", "stalin-radio-1941"]
    assert [n.citation_id for n in selection.items[0].notes] == ["q1", "q2"]


def test_a_quotation_with_no_cited_work_is_reported_as_skipped_not_dropped_silently(
    report, bibliography
):
    selection = items_from_report(report, bibliography)
    assert [s.citation_id for s in selection.skipped] == ["q5"]


def test_titles_in_quotation_marks_are_not_exported_as_quotations(report, bibliography):
    selection = items_from_report(report, bibliography)
    assert "t1" not in {n.citation_id for i in selection.items for n in i.notes}


def test_the_edition_is_the_one_the_quotations_were_verified_in_not_the_best_ranked(export_items):
    item = _item(export_items, "carr-1951")
    assert item.date == "1951"
    assert item.page_count == 430
    assert item.publisher == "Macmillan"


def test_identifiers_without_a_field_of_their_own_go_to_extra_lines(export_items):
    lines = _item(export_items, "carr-1951").extra_lines()
    assert "OCLC: 2518207" in lines
    assert "LCCN: 51001876" in lines
    assert lines[-1] == "citecheck-key: carr-1951"


def test_the_url_is_the_scan_and_the_catalog_record_is_kept_in_extra(export_items):
    item = _item(export_items, "carr-1951")
    assert item.url == "https://archive.org/details/bolshevikrevolut0001carr"
    assert "Catalog record: https://openlibrary.org/books/OL6092475M" in item.extra_lines()
    assert item.catalog == "Open Library"


def test_a_work_only_in_the_bibliography_is_exported_from_its_entry(export_items):
    item = _item(export_items, "pravda-1937")
    assert item.item_type is ItemType.NEWSPAPER_ARTICLE
    assert item.container_title == "Pravda"
    assert item.date == "1937-03-29"
    assert item.pages == "2-3"


def test_translators_and_editors_of_the_entry_keep_their_roles(export_items):
    item = _item(export_items, "pravda-1937")
    assert item.creators == (
        Creator("Stalin", "Joseph", CreatorRole.AUTHOR),
        Creator("Hill", "Christopher", CreatorRole.TRANSLATOR),
        Creator("Foreign Languages Publishing House", "", CreatorRole.TRANSLATOR),
    )


def test_a_radio_address_named_by_its_occasion_becomes_a_radio_broadcast(make_citation):
    assert (
        item_type_for(None, [make_citation("q", "x", occasion="radio address of July 3rd")])
        is ItemType.RADIO_BROADCAST
    )


def test_a_speech_a_letter_and_an_interview_are_told_apart_by_the_occasion(make_citation):
    kinds = [
        item_type_for(None, [make_citation("q", "x", occasion=o)])
        for o in ("speech at the Congress", "his letter to Lenin", "an interview with Wells")
    ]
    assert kinds == [ItemType.PRESENTATION, ItemType.LETTER, ItemType.INTERVIEW]


def test_a_work_with_no_hint_of_its_kind_is_a_book(make_citation):
    assert item_type_for(None, [make_citation("q", "x")]) is ItemType.BOOK


def test_a_bib_incollection_is_a_book_section(make_entry):
    entry = make_entry(key="k", entry_type="incollection", title="A chapter")
    assert item_type_for(entry, []) is ItemType.BOOK_SECTION


def test_names_with_a_comma_split_into_last_and_first_and_a_single_word_stays_one_field():
    assert creator_from_name("Carr, Edward Hallett", CreatorRole.AUTHOR) == Creator(
        "Carr", "Edward Hallett"
    )
    assert creator_from_name("Edward Hallett Carr", CreatorRole.AUTHOR) == Creator(
        "Carr", "Edward Hallett"
    )
    assert creator_from_name("Pravda", CreatorRole.AUTHOR).single_field


def test_a_quotation_note_holds_both_pages_the_verdicts_and_the_scan_link(export_items):
    note = _item(export_items, "carr-1951").notes[0]
    assert (note.cited_page, note.found_pages, note.wording, note.page) == (
        "253",
        ("254",),
        "altered",
        "adjacent",
    )
    assert note.scan_url.endswith("/page/254")
    assert note.document == "talk.txt, line 3"
    assert any("changes the meaning" in d for d in note.details)


def test_an_unchecked_quotation_note_says_not_checked(export_items):
    note = _item(export_items, "pravda-1937").notes[0]
    assert note.wording == "not checked"
    assert note.found_pages == ()


def test_a_note_key_survives_renumbering_and_changes_of_case_and_punctuation():
    assert note_key("carr", "A party of a new type!") == note_key("carr", "a party, of a new type")
    assert note_key("carr", "a party of a new type") != note_key("carr", "a party of an old type")


def test_note_html_reads_back_to_the_same_note(export_items):
    note = _item(export_items, "carr-1951").notes[0]
    assert parse_note_html(note_html(note)) == note


def test_note_html_reads_back_after_zotero_wraps_it_in_a_div(export_items):
    note = _item(export_items, "carr-1951").notes[1]
    wrapped = f'<div data-schema-version="9">{note_html(note)}</div>'
    assert parse_note_html(wrapped) == note


def test_a_note_someone_else_wrote_is_not_taken_for_a_citecheck_note():
    assert parse_note_html("<p>My reading notes</p><p>p. 12</p>") is None


def test_extra_lines_read_back_to_identifiers_and_key():
    facts = read_extra_lines(
        ["OCLC: 1", "LCCN: 2", "Catalog record: https://x", "citecheck-key: k", "Mine: 3"]
    )
    assert (facts.oclc, facts.lccn, facts.record_url, facts.key, facts.other) == (
        ("1",),
        ("2",),
        "https://x",
        "k",
        ("Mine: 3",),
    )


def test_the_user_s_entry_wins_over_the_edition_for_the_facts_both_have(
    report, bibliography, make_entry
):
    entry = make_entry(
        key="carr-1951",
        entry_type="book",
        title="The Bolshevik Revolution: 1917-1923",
        publisher="Macmillan & Co.",
        year=1951,
        fields=(("date", "1951-05"),),
    )
    bib = bibliography.__class__((entry,))
    item = next(i for i in items_from_report(report, bib).items if i.key == "carr-1951")
    assert (item.title, item.publisher, item.date) == (
        "The Bolshevik Revolution: 1917-1923",
        "Macmillan & Co.",
        "1951-05",
    )


def test_the_edition_fills_only_what_the_entry_lacks(report, bibliography, make_entry):
    entry = make_entry(key="carr-1951", entry_type="book", title="The Bolshevik Revolution")
    bib = bibliography.__class__((entry,))
    item = next(i for i in items_from_report(report, bib).items if i.key == "carr-1951")
    assert (item.title, item.publisher, item.page_count, item.isbn) == (
        "The Bolshevik Revolution",
        "Macmillan",
        430,
        ("9780393301953",),
    )


def test_another_edition_s_isbn_and_page_count_are_not_put_on_the_user_s_edition(
    report, bibliography, make_entry
):
    entry = make_entry(
        key="carr-1951",
        entry_type="book",
        title="The Bolshevik Revolution",
        publisher="Penguin",
        year=1966,
    )
    bib = bibliography.__class__((entry,))
    item = next(i for i in items_from_report(report, bib).items if i.key == "carr-1951")
    assert (item.publisher, item.date, item.page_count, item.isbn, item.url) == (
        "Penguin",
        "1966",
        None,
        (),
        "",
    )


def test_an_export_says_when_the_checked_edition_is_not_the_one_the_entry_describes(
    report, bibliography, make_entry
):
    entry = make_entry(key="carr-1951", entry_type="book", title="T", publisher="Penguin")
    selection = items_from_report(report, bibliography.__class__((entry,)))
    (notice,) = selection.notices
    assert notice.startswith("carr-1951: the quotations were checked in Macmillan, 1951")
    assert "(Penguin)" in notice


def test_a_catalog_language_code_becomes_iso_639_1(export_items):
    carr = next(i for i in export_items if i.key == "carr-1951")
    assert carr.language == "en"


def test_an_entry_read_by_citecheck_bib_exports_as_a_newspaper_article(report):
    from citecheck.bib import parse_bibliography

    bib = parse_bibliography(
        "@article{pravda-1937,\n  author = {Stalin, Joseph},\n"
        "  title = {On the Shortcomings of Party Work},\n  journaltitle = {Pravda},\n"
        "  entrysubtype = {newspaper},\n  date = {1937-03-29},\n  pages = {2--3},\n"
        "  translator = {Hill, Christopher},\n}\n",
        name="references.bib",
    )
    item = next(i for i in items_from_report(report, bib).items if i.key == "pravda-1937")
    assert (item.item_type, item.container_title, item.date, item.pages) == (
        ItemType.NEWSPAPER_ARTICLE,
        "Pravda",
        "1937-03-29",
        "2-3",
    )
    assert Creator("Hill", "Christopher", CreatorRole.TRANSLATOR) in item.creators
