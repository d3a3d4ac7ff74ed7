"""Reading documents: encodings, Markdown, HTML, and bad input that gets a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.extract import extract_file
from citecheck.extract.reader import html_to_text, read_document
from citecheck.model import DocumentFormat, Severity


def test_empty_file_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        read_document(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_binary_file_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_cp1252_file_is_decoded_and_the_encoding_reported(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "Grey wrote \u201cthe caf\u00e9 workers\u2019 cr\u00e8me of the industry grew\u201d (p. 5).\n".encode(
            "cp1252"
        )
    )
    document, problems = read_document(path)
    assert "caf\u00e9 workers\u2019 cr\u00e8me" in document.text
    assert document.encoding == "cp1252"
    assert [p.severity for p in problems] == [Severity.INFO]
    assert "cp1252" in problems[0].message


def test_latin_1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        'Il \u00e9crit que "la r\u00e9volution na\u00eet de la d\u00e9faite des arm\u00e9es" (p. 12).\n'.encode(
            "latin-1"
        )
    )
    extraction = extract_file(path)
    assert (
        extraction.citations[0].quotation.text
        == "la r\u00e9volution na\u00eet de la d\u00e9faite des arm\u00e9es"
    )


def test_markdown_keeps_its_markers_so_offsets_point_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    source = 'Stalin proclaimed that *"we have passed to a policy of liquidation of the kulaks"*.\n'
    path.write_text(source, encoding="utf-8")
    document, _ = read_document(path)
    assert document.format is DocumentFormat.MARKDOWN
    assert document.text == source


def test_html_body_becomes_paragraphs_separated_by_blank_lines() -> None:
    text = html_to_text(
        "<html><head><title>x</title><script>var a;</script></head><body><h1>Title</h1>"
        "<p>First <em>paragraph</em>.</p><p>Second paragraph.</p></body></html>"
    )
    assert text == "Title\n\nFirst *paragraph*.\n\nSecond paragraph.\n"


def test_html_file_is_read_as_html_and_its_blockquote_is_a_block_quotation(tmp_path: Path) -> None:
    path = tmp_path / "talk.html"
    path.write_text(
        "<!DOCTYPE html><html><body><p>Ian Grey wrote:</p><blockquote><p>The redistribution of industry "
        "led to the development of a second coal and steel industry.</p><p>Magnitogorsk grew.</p>"
        "</blockquote></body></html>",
        encoding="utf-8",
    )
    extraction = extract_file(path)
    assert extraction.document.format is DocumentFormat.HTML
    [citation] = extraction.citations
    assert citation.quotation.kind.value == "block"
    assert citation.quotation.segments[0].text.endswith("steel industry. Magnitogorsk grew.")


def test_unbalanced_file_reports_the_line_and_keeps_the_other_quotations(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(
        'Intro.\n\nHe said "this never closes.\n\nShe wrote "this one closes well enough" (p. 2).\n',
        encoding="utf-8",
    )
    extraction = extract_file(path)
    assert [str(p) for p in extraction.problems] == [
        f"{path}, line 3: a quotation opens here and never closes"
    ]
    assert len(extraction.citations) == 1


def test_extract_citations_given_html_text_reads_its_body() -> None:
    from citecheck.extract import extract_citations

    html = '<html><body><p>Stalin said that <em>"the life of the workers has become better"</em>.</p></body></html>'
    [citation] = extract_citations(html, format=DocumentFormat.HTML).citations
    assert citation.quotation.text == "the life of the workers has become better"
    assert citation.quotation.italic


def test_windows_line_ends_separate_paragraphs_like_unix_ones(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_bytes(
        b'Grey wrote:-\r\n\r\n"The redistribution of industry led to a second\r\nsteel industry." (page 253)\r\n'
    )
    [citation] = extract_file(path).citations
    assert citation.quotation.kind.value == "block"
    assert citation.line == 3


def test_html_nested_thousands_of_levels_deep_is_read_not_a_recursion_error() -> None:
    depth = 5000
    html = (
        "<html><body>"
        + "<div>" * depth
        + '<p>He said "hello there" to me.</p><blockquote><p>A <i>quoted</i> line.</p></blockquote>'
        + "</div>" * depth
        + "</body></html>"
    )
    assert html_to_text(html) == 'He said "hello there" to me.\n\n> A *quoted* line.\n'


def test_a_latin_1_file_with_spanish_names_is_not_read_as_central_european(tmp_path: Path) -> None:
    path = tmp_path / "essay.txt"
    path.write_bytes('The old se\u00f1or said: "Pe\u00f1a was right."\n'.encode("latin-1"))
    document, problems = read_document(path)
    assert "se\u00f1or" in document.text and "Pe\u00f1a" in document.text
    assert document.encoding == "cp1252" and "read as cp1252" in problems[0].message


def test_ordered_list_items_are_numbered_as_a_browser_shows_them() -> None:
    html = (
        '<body><ol start="4"><li>Fourth</li><li value="9">Ninth</li><li>Tenth</li></ol>'
        "<ol><li>One<ol><li>Inner one</li></ol></li><li>Two</li></ol></body>"
    )
    assert html_to_text(html).split("\n\n") == [
        "4. Fourth",
        "9. Ninth",
        "10. Tenth",
        "1. One",
        "1. Inner one",
        "2. Two\n",
    ]
