"""OpenDocument text: styles resolved through their parents, notes by class, changes accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from odfpackage import write_odt

from citecheck.errors import InputError
from citecheck.extract import extract_file
from citecheck.extract.reader import read_document
from citecheck.model import DocumentFormat, QuotationKind

STYLES = (
    '<style:style style:name="Quotations" style:display-name="Quotations" style:family="paragraph">'
    '<style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm"/></style:style>'
    '<style:style style:name="Emphasis" style:family="text">'
    '<style:text-properties fo:font-style="italic"/></style:style>'
)
AUTOMATIC = (
    '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Quotations"/>'
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
    '<style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
)


def test_a_paragraph_whose_style_descends_from_quotations_is_a_block_quotation_with_its_endnote(
    tmp_path: Path,
) -> None:
    body = (
        "<text:p>Lockhart recorded:</text:p>"
        '<text:p text:style-name="P1">\u201cHe strikes me as a man who would willingly be torn to pieces '
        'for his party.\u201d<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation>'
        '<text:note-body><text:p>Lockhart, <text:span text:style-name="Emphasis">British Agent</text:span>, '
        "p. 226.</text:p></text:note-body></text:note></text:p>"
    )
    path = write_odt(tmp_path / "block.odt", body, automatic_styles=AUTOMATIC, styles=STYLES)
    [citation] = extract_file(path).checkable
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.attribution.work == "British Agent"
    assert citation.locator is not None and citation.locator.first == "226"


def test_italics_come_from_automatic_and_named_styles_and_a_bold_span_inside_keeps_them(
    tmp_path: Path,
) -> None:
    body = (
        '<text:p>In <text:span text:style-name="T1">My <text:span text:style-name="T2">Life</text:span>'
        '</text:span> and <text:span text:style-name="Emphasis">Stalin</text:span><text:s/> he wrote.</text:p>'
    )
    document, _ = read_document(
        write_odt(tmp_path / "italic.odt", body, automatic_styles=AUTOMATIC, styles=STYLES)
    )
    assert document.format is DocumentFormat.ODT
    assert document.text == "In *My Life* and *Stalin*  he wrote.\n"


def test_deleted_text_in_tracked_changes_is_not_read_and_the_reading_says_so(
    tmp_path: Path,
) -> None:
    body = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator>Editor</dc:creator></office:change-info>"
        "<text:p>old </text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:p>The <text:change text:change-id="ct1"/>new factories stood far away.</text:p>'
    )
    document, problems = read_document(write_odt(tmp_path / "changes.odt", body))
    assert document.text == "The new factories stood far away.\n"
    assert problems[0].message == "tracked changes read as if accepted (1 changed region)"


def test_notes_without_a_printed_number_are_numbered_by_class(tmp_path: Path) -> None:
    def note(kind: str, text: str) -> str:
        return (
            f'<text:note text:note-class="{kind}"><text:note-citation/>'
            f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>"
        )

    body = f"<text:p>One{note('footnote', 'A.')} two{note('endnote', 'B.')} three{note('footnote', 'C.')}.</text:p>"
    document, _ = read_document(write_odt(tmp_path / "notes.odt", body))
    assert document.text == "One[^1] two[^i] three[^2].\n\n[^1]: A.\n[^i]: B.\n[^2]: C.\n"


def test_a_password_protected_odt_asks_for_the_password_to_be_removed(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "secret.odt", "<text:p>x</text:p>", encrypted=True)
    with pytest.raises(InputError, match=r"secret\.odt: is password-protected"):
        read_document(path)


def test_an_odt_without_content_is_not_readable(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "empty.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(InputError, match=r"empty\.odt: is not a readable OpenDocument text"):
        read_document(path)


def test_quotation_marks_in_preformatted_text_are_not_quotations(tmp_path: Path) -> None:
    styles = '<style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" style:family="paragraph"/>'
    body = (
        '<text:p text:style-name="Preformatted_20_Text">x = "a string in a program, not a quotation"</text:p>'
        '<text:p>Grey wrote that "industry moved east in the thirties" (Grey 1979: 253).</text:p>'
    )
    extraction = extract_file(write_odt(tmp_path / "code.odt", body, styles=styles))
    assert [c.quotation.text for c in extraction.citations] == [
        "industry moved east in the thirties"
    ]


def test_a_note_keeps_the_number_the_document_prints_for_it(tmp_path: Path) -> None:
    def note(kind: str, citation: str, text: str) -> str:
        return (
            f'<text:note text:note-class="{kind}"><text:note-citation>{citation}</text:note-citation>'
            f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>"
        )

    body = f"<text:p>One{note('footnote', '7', 'A.')} two{note('endnote', '7', 'B.')} three{note('footnote', '*', 'C.')}.</text:p>"
    document, _ = read_document(write_odt(tmp_path / "numbers.odt", body))
    assert document.text == "One[^7] two[^i] three[^2].\n\n[^7]: A.\n[^i]: B.\n[^2]: C.\n"
