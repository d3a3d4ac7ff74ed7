"""Word documents: paragraphs, italics, block quotations, real footnotes and endnotes, revisions."""

from __future__ import annotations

from pathlib import Path

from manuscript import DAVIES_QUOTE, GREY_QUOTE, Deleted, Footnote, Inserted, Italic, WordManuscript

from citecheck.extract import extract_file
from citecheck.extract.reader import read_document
from citecheck.model import DocumentFormat, QuotationKind, Severity


def test_a_quotation_cited_in_a_real_footnote_takes_its_work_and_page_from_the_note(
    manuscript_docx: Path,
) -> None:
    citation = extract_file(manuscript_docx).checkable[0]
    assert citation.quotation.text == GREY_QUOTE + "."
    assert citation.attribution.speaker == "Ian Grey"
    assert citation.attribution.work == "Stalin: Man of History"
    assert citation.locator is not None and citation.locator.first == "253"


def test_an_author_date_reference_in_the_text_gives_author_year_and_page(
    manuscript_docx: Path,
) -> None:
    citation = extract_file(manuscript_docx).checkable[1]
    assert citation.quotation.text == DAVIES_QUOTE
    assert (citation.attribution.speaker, citation.attribution.work_year) == ("Davies", 1941)
    assert citation.locator is not None and citation.locator.first == "326"


def test_a_paragraph_in_the_quote_style_is_a_block_quotation_cited_by_its_endnote(
    manuscript_docx: Path,
) -> None:
    citation = extract_file(manuscript_docx).checkable[2]
    assert citation.quotation.kind is QuotationKind.BLOCK
    assert citation.attribution.work == "British Agent"
    assert citation.locator is not None and citation.locator.first == "226"


def test_the_text_reads_like_markdown_with_notes_after_the_body(manuscript_docx: Path) -> None:
    document, _ = read_document(manuscript_docx)
    assert document.format is DocumentFormat.DOCX
    assert "Ian Grey writes in *Stalin: Man of History* that" in document.text
    assert "\n\n> \u201cHe strikes me" in document.text
    assert document.text.endswith(
        "[^1]: Ian Grey, *Stalin: Man of History* (London, 1979), p. 253.\n"
        "[^i]: R. H. Bruce Lockhart, *British Agent* (New York, 1933), p. 226.\n"
    )


def test_tracked_changes_read_as_accepted_and_the_extraction_says_so(
    manuscript_docx: Path,
) -> None:
    extraction = extract_file(manuscript_docx)
    assert "The new factories stood" in extraction.document.text
    assert "old" not in extraction.document.text
    [note] = [p for p in extraction.problems if "tracked changes" in p.message]
    assert note.severity is Severity.INFO
    assert "1 insertion kept, 1 deletion dropped" in note.message


def test_comments_are_not_read_into_the_text(manuscript_docx: Path) -> None:
    extraction = extract_file(manuscript_docx)
    assert "Cut this sentence" not in extraction.document.text
    assert any("1 Word comment not read" in p.message for p in extraction.problems)


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next(tmp_path: Path) -> None:
    manuscript = WordManuscript()
    manuscript.add("First half of a sentence")
    manuscript.add(" and its second half.")
    path = manuscript.save(tmp_path / "joined.docx")
    _delete_first_paragraph_mark(path)
    document, problems = read_document(path)
    assert document.text == "First half of a sentence and its second half.\n"
    assert "1 deletion dropped" in problems[0].message


def test_an_indented_paragraph_is_a_block_quotation_but_a_list_item_is_not(
    tmp_path: Path,
) -> None:
    manuscript = WordManuscript()
    manuscript.add("He wrote:")
    manuscript.add("An indented passage set off from the text.", indent_cm=1.5)
    manuscript.add("A bulleted point.", style="List Bullet")
    document, _ = read_document(manuscript.save(tmp_path / "indent.docx"))
    assert "\n\n> An indented passage set off from the text.\n\nA bulleted point." in document.text


def test_italic_runs_are_marked_outside_their_spaces(tmp_path: Path) -> None:
    manuscript = WordManuscript()
    manuscript.add("In", Italic(" My Life "), "Trotsky says so.")
    document, _ = read_document(manuscript.save(tmp_path / "italic.docx"))
    assert document.text == "In *My Life* Trotsky says so.\n"


def test_an_inserted_note_reference_and_a_deleted_one(tmp_path: Path) -> None:
    manuscript = WordManuscript()
    manuscript.add(
        "Trotsky recalled that \u201cduring 1926 the party struggle developed with increased intensity\u201d",
        Footnote(("Trotsky, ", Italic("My Life"), ", p. 520.")),
        Inserted(" in his memoirs"),
        Deleted(" at length"),
        ".",
    )
    extraction = extract_file(manuscript.save(tmp_path / "notes.docx"))
    [citation] = extraction.checkable
    assert citation.attribution.work == "My Life"
    assert citation.locator is not None and citation.locator.first == "520"
    assert "intensity\u201d[^1] in his memoirs." in extraction.document.text


def _delete_first_paragraph_mark(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document(str(path))
    first = document.paragraphs[0]._p
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    properties = first.get_or_add_pPr()
    properties.append(
        parse_xml(
            f'<w:rPr xmlns:w="{w}"><w:del w:id="1" w:author="Editor" w:date="2024-05-01T10:00:00Z"/></w:rPr>'
        )
    )
    document.save(str(path))


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    import docx

    path = WordManuscript().save(tmp_path / "hidden.docx")
    document = docx.Document(str(path))
    paragraph = document.add_paragraph("Shown. ")
    paragraph.add_run("Hidden.").font.hidden = True
    document.save(str(path))
    text, _ = read_document(path)
    assert text.text == "Shown.\n"


def test_quotation_marks_in_a_code_paragraph_are_not_quotations(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    path = WordManuscript().save(tmp_path / "code.docx")
    document = docx.Document(str(path))
    document.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph(
        'print("a string in a program, not a quotation of a book")', style="Source Code"
    )
    document.add_paragraph(
        'Grey wrote that "industry moved east in the thirties" (Grey 1979: 253).'
    )
    document.save(str(path))
    extraction = extract_file(path)
    assert extraction.document.text.startswith('```\nprint("a string in a program')
    assert [c.quotation.text for c in extraction.citations] == [
        "industry moved east in the thirties"
    ]


def test_each_of_words_quotation_styles_makes_a_block_quotation(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    path = WordManuscript().save(tmp_path / "styles.docx")
    document = docx.Document(str(path))
    document.styles.add_style("Block Text", WD_STYLE_TYPE.PARAGRAPH)
    based = document.styles.add_style("Extract Quote", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = document.styles["Quote"]
    for style in ("Quote", "Intense Quote", "Block Text", "Extract Quote"):
        document.add_paragraph("He wrote:")
        document.add_paragraph(f"A passage set in {style}.", style=style)
    document.save(str(path))
    text, _ = read_document(path)
    for style in ("Quote", "Intense Quote", "Block Text", "Extract Quote"):
        assert f"\n\n> A passage set in {style}.\n" in text.text


def test_notes_are_numbered_in_the_documents_own_number_format(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from manuscript import Endnote

    manuscript = WordManuscript()
    manuscript.add(
        "One.", Footnote(("A.",)), " Two.", Endnote(("B.",)), " Three.", Endnote(("C.",))
    )
    path = manuscript.save(tmp_path / "formats.docx")
    document = docx.Document(str(path))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    settings = document.settings.element
    settings.append(
        parse_xml(f'<w:footnotePr xmlns:w="{w}"><w:numFmt w:val="upperLetter"/></w:footnotePr>')
    )
    settings.append(
        parse_xml(
            f'<w:endnotePr xmlns:w="{w}"><w:numFmt w:val="decimal"/><w:numStart w:val="5"/></w:endnotePr>'
        )
    )
    document.save(str(path))
    text, _ = read_document(path)
    assert text.text == "One.[^A] Two.[^5] Three.[^6]\n\n[^A]: A.\n[^5]: B.\n[^6]: C.\n"


def test_endnotes_numbered_like_the_footnotes_get_labels_of_their_own(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from manuscript import Endnote

    manuscript = WordManuscript()
    manuscript.add("One.", Footnote(("A.",)), " Two.", Endnote(("B.",)))
    path = manuscript.save(tmp_path / "same.docx")
    document = docx.Document(str(path))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document.settings.element.append(
        parse_xml(f'<w:endnotePr xmlns:w="{w}"><w:numFmt w:val="decimal"/></w:endnotePr>')
    )
    document.save(str(path))
    text, _ = read_document(path)
    assert text.text == "One.[^1] Two.[^e1]\n\n[^1]: A.\n[^e1]: B.\n"
