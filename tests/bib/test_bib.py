"""Reading a .bib file: entries as plain text, and bad input reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.bib import Bibliography, load_bibliography, parse_bibliography
from citecheck.errors import InputError
from citecheck.model import Severity

GREY = """\
@book{grey1979,
  author    = {Grey, Ian},
  title     = {Stalin: Man of History},
  year      = {1979},
  publisher = {Weidenfeld and Nicolson},
  address   = {London},
  isbn      = {0-00-000000-0},
  oclc      = {111 ; 222},
  lccn      = {79-0000},
  openlibrary = {OL1M},
  ia        = {stalinmanofhist00grey},
  url       = {https://example.org/a_b~c},
}
"""


def write(tmp_path: Path, content: bytes | str, name: str = "refs.bib") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- entries --------------------------------------------------------------------------------


def test_an_entry_gives_its_key_type_title_author_year_publisher_and_place() -> None:
    entry = parse_bibliography(GREY, name="refs.bib").entries[0]

    assert (entry.key, entry.entry_type, entry.title) == (
        "grey1979",
        "book",
        "Stalin: Man of History",
    )
    assert entry.authors == ("Grey, Ian",)
    assert (entry.year, entry.publisher, entry.place) == (1979, "Weidenfeld and Nicolson", "London")


def test_identifier_fields_become_identifiers_and_a_list_splits_at_separators() -> None:
    ids = parse_bibliography(GREY, name="refs.bib").entries[0].identifiers

    assert ids.isbn == ("0-00-000000-0",)
    assert ids.oclc == ("111", "222")
    assert ids.lccn == ("79-0000",)
    assert ids.openlibrary == ("OL1M",)
    assert ids.internetarchive == ("stalinmanofhist00grey",)


def test_a_url_is_kept_exactly_as_written_not_read_as_latex() -> None:
    entry = parse_bibliography(GREY, name="refs.bib").entries[0]

    assert entry.url == "https://example.org/a_b~c"


def test_fields_keep_file_order_with_lower_case_names() -> None:
    text = "@Book{k, TITLE = {T}, Author = {A, B}, Year = 1900}"

    entry = parse_bibliography(text, name="x.bib").entries[0]

    assert [name for name, _ in entry.fields] == ["title", "author", "year"]
    assert entry.field_value("Title") == "T"


def test_the_entry_records_the_one_based_line_where_it_starts() -> None:
    text = "% a comment\n\n@book{k, title = {T}}\n"

    assert parse_bibliography(text, name="x.bib").entries[0].line == 3


def test_alternative_titles_come_from_alttitle_separated_by_semicolons() -> None:
    text = "@book{k, title = {Memoirs of a British Agent}, alttitle = {British Agent ; Agent}}"

    entry = parse_bibliography(text, name="x.bib").entries[0]

    assert entry.alternative_titles == ("British Agent", "Agent")
    assert entry.titles == ("Memoirs of a British Agent", "British Agent", "Agent")


def test_several_authors_each_become_last_comma_first() -> None:
    text = "@book{k, title = {T}, author = {Michael Sayers and Kahn, Albert E.}}"

    entry = parse_bibliography(text, name="x.bib").entries[0]

    assert entry.authors == ("Sayers, Michael", "Kahn, Albert E.")


def test_a_braced_corporate_author_stays_one_name() -> None:
    text = "@misc{k, title = {T}, author = {{Associated Press}}}"

    assert parse_bibliography(text, name="x.bib").entries[0].authors == ("Associated Press",)


def test_latex_accents_and_protecting_braces_are_decoded_in_titles() -> None:
    text = r"@book{k, title = {Die {T}{\"u}binger {UdSSR}}, author = {M{\"u}ller, Hans}}"

    entry = parse_bibliography(text, name="x.bib").entries[0]

    assert entry.title == "Die Tübinger UdSSR"
    assert entry.authors == ("Müller, Hans",)


def test_a_percent_sign_in_a_title_is_a_character_not_a_latex_comment() -> None:
    text = r"@book{k, title = {A {R}ise of 50% in {1930}}}"

    assert parse_bibliography(text, name="x.bib").entries[0].title == "A Rise of 50% in 1930"


def test_string_macros_are_resolved() -> None:
    text = '@string{lb = "Little, Brown"}\n@book{k, title = {T}, publisher = lb}'

    assert parse_bibliography(text, name="x.bib").entries[0].publisher == "Little, Brown"


def test_location_is_read_as_the_place_when_there_is_no_address() -> None:
    text = "@book{k, title = {T}, location = {Boston}}"

    assert parse_bibliography(text, name="x.bib").entries[0].place == "Boston"


def test_a_biblatex_date_gives_the_year() -> None:
    text = "@article{k, title = {T}, date = {1930-03-02}}"

    assert parse_bibliography(text, name="x.bib").entries[0].year == 1930


def test_get_finds_an_entry_by_key_ignoring_case_as_bibtex_does() -> None:
    bibliography = parse_bibliography(GREY, name="refs.bib")

    assert bibliography.get("grey1979") is bibliography.entries[0]
    assert bibliography.get("Grey1979") is bibliography.entries[0]
    assert bibliography.get("nobody") is None


# --- malformed input: a problem with its line, the rest kept --------------------------------

BROKEN_AMONG_GOOD = """\
@book{first, title = {First}}

@book{broken,
  title = {Unbalanced,
}

@book{last, title = {Last}}
"""


def test_a_broken_entry_among_good_ones_is_reported_with_its_line_and_the_others_are_kept() -> None:
    bibliography = parse_bibliography(BROKEN_AMONG_GOOD, name="refs.bib")

    assert bibliography.keys == ("first", "last")
    [problem] = bibliography.problems
    assert problem.line == 3
    assert problem.severity == Severity.ERROR
    assert "'broken'" in problem.message
    assert str(problem).startswith("refs.bib, line 3: ")


def test_an_unclosed_last_entry_is_reported_and_earlier_entries_are_kept() -> None:
    text = "@book{good, title = {Good}}\n@book{open, title = {Never closed}\n"

    bibliography = parse_bibliography(text, name="refs.bib")

    assert bibliography.keys == ("good",)
    assert [p.line for p in bibliography.problems] == [2]


def test_a_duplicate_key_names_both_lines_and_the_first_entry_wins() -> None:
    text = "@book{k, title = {First}}\n@book{k, title = {Second}}\n"

    bibliography = parse_bibliography(text, name="refs.bib")

    assert [e.title for e in bibliography.entries] == ["First"]
    [problem] = bibliography.problems
    assert problem.line == 2
    assert "duplicate key 'k'" in problem.message
    assert "line 1" in problem.message


def test_an_entry_without_a_title_is_kept_with_a_warning() -> None:
    bibliography = parse_bibliography("@book{k, author = {A, B}}", name="refs.bib")

    assert bibliography.keys == ("k",)
    assert [p.message for p in bibliography.problems] == ["entry 'k' has no title"]


def test_a_year_that_is_not_a_year_is_reported_and_left_empty() -> None:
    bibliography = parse_bibliography("@book{k, title = {T}, year = {n.d.}}", name="refs.bib")

    assert bibliography.entries[0].year is None
    assert "'n.d.' is not a year" in bibliography.problems[0].message


def test_text_without_entries_is_an_empty_bibliography_with_a_warning_not_an_error() -> None:
    bibliography = parse_bibliography("just some words\n", name="refs.bib")

    assert bibliography.entries == ()
    assert [p.message for p in bibliography.problems] == ["no entries found"]


# --- files ---------------------------------------------------------------------------------


def test_load_bibliography_reads_a_utf8_file_and_names_it(tmp_path: Path) -> None:
    path = write(tmp_path, "@book{k, title = {Caf\u00e9}}\n")

    bibliography = load_bibliography(path)

    assert isinstance(bibliography, Bibliography)
    assert bibliography.entries[0].title == "Caf\u00e9"
    assert bibliography.path == str(path)
    assert bibliography.problems == ()


def test_a_byte_order_mark_is_not_part_of_the_first_entry(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf@book{k, title = {T}}\n")

    assert load_bibliography(path).keys == ("k",)


def test_a_non_utf8_file_is_read_and_the_line_of_the_first_bad_byte_reported(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, b"@book{k,\n  title = {Caf\xe9 Society},\n}\n")

    bibliography = load_bibliography(path)

    assert bibliography.entries[0].title == "Caf\u00e9 Society"
    [problem] = bibliography.problems
    assert problem.line == 2
    assert problem.source == str(path)
    assert "not UTF-8" in problem.message


def test_a_missing_file_raises_input_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.bib"

    with pytest.raises(InputError, match=r"nowhere\.bib: no such file"):
        load_bibliography(path)


def test_a_directory_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        load_bibliography(tmp_path)


def test_a_binary_file_raises_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x00\x01\x02PK\x03\x04")

    with pytest.raises(InputError, match="binary"):
        load_bibliography(path)


def test_an_unreadable_file_raises_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "@book{k, title = {T}}")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)

    with pytest.raises(InputError, match="cannot be read \\(Permission denied\\)"):
        load_bibliography(path)


def test_problems_of_a_file_carry_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN_AMONG_GOOD)

    bibliography = load_bibliography(path)

    assert [p.source for p in bibliography.problems] == [str(path)]
    assert bibliography.keys == ("first", "last")
