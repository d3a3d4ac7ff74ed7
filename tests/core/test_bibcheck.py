"""Checking a .bib against the catalogs, and writing back only what the catalogs confirm."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.bibcheck import (
    EntryCheck,
    FieldCheck,
    FieldStatus,
    patch_entry,
    values_agree,
    write_corrections,
)
from citecheck.errors import InputError
from citecheck.model import Resolution, Service

OL, LOC = Service.OPEN_LIBRARY, Service.LIBRARY_OF_CONGRESS

BIB = """% Davies: title and publisher from the Library of Congress record.
@string{ss = "Simon and Schuster"}

@book{davies1941,
    author = {Davies, Joseph E.},
    title = {Mission to Moscow},
    publisher = ss,
    year = {1940},
    x-reading-notes = {chapter on the trials},
}

% Grey: nothing to change here.
@book{grey1979,
  author = {Grey, Ian},
  title = {Stalin: Man of History},
}
"""


def entry_check(key: str, *fields: FieldCheck) -> EntryCheck:
    return EntryCheck(key, "t", None, fields, Resolution(key, "t", (), ()))


def test_an_addition_needs_one_service_and_a_correction_two() -> None:
    addition = FieldCheck("lccn", FieldStatus.MISSING, "", "41003741", (LOC,))
    lone_correction = FieldCheck("year", FieldStatus.DISAGREES, "1940", "1941", (OL,))
    agreed_correction = FieldCheck("year", FieldStatus.DISAGREES, "1940", "1941", (OL, LOC))

    assert addition.applicable
    assert not lone_correction.applicable
    assert agreed_correction.applicable


def test_values_agree_across_catalog_spelling() -> None:
    assert values_agree("publisher", "Simon and Schuster", "Simon & Schuster")
    assert values_agree(
        "author", "Sayers, Michael and Kahn, Albert E.", "Michael Sayers and Albert E. Kahn"
    )
    assert values_agree("title", "Stalin: Man of History", "Stalin, man of history")
    assert values_agree("isbn", "0385147414, 9780385147415", "0-385-14741-4")
    assert not values_agree("year", "1940", "1941")


def test_patching_adds_fields_before_the_closing_brace_in_the_entry_s_own_indent() -> None:
    raw = "@book{grey1979,\n  author = {Grey, Ian},\n  title = {Stalin: Man of History}\n}"
    patched = patch_entry(raw, [FieldCheck("lccn", FieldStatus.MISSING, "", "78022339", (LOC,))])

    assert patched == (
        "@book{grey1979,\n  author = {Grey, Ian},\n  title = {Stalin: Man of History},\n"
        "  lccn = {78022339}\n}"
    )


def test_writing_keeps_comments_macros_order_and_unknown_fields(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    checks = [
        entry_check(
            "davies1941",
            FieldCheck("year", FieldStatus.DISAGREES, "1940", "1941", (OL, LOC)),
            FieldCheck("lccn", FieldStatus.MISSING, "", "41003741", (LOC,)),
        ),
        entry_check("grey1979"),
    ]

    applied = write_corrections(path, checks)

    written = path.read_text(encoding="utf-8")
    assert applied == ["davies1941: disagrees year = 1941", "davies1941: missing lccn = 41003741"]
    assert written == BIB.replace("year = {1940},", "year = {1941},").replace(
        "    x-reading-notes = {chapter on the trials},\n}",
        "    x-reading-notes = {chapter on the trials},\n    lccn = {41003741}\n}",
    )
    assert (tmp_path / "references.bib.bak").read_text(encoding="utf-8") == BIB


def test_nothing_confirmed_leaves_the_file_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    lone = FieldCheck("year", FieldStatus.DISAGREES, "1940", "1941", (OL,))

    assert write_corrections(path, [entry_check("davies1941", lone)]) == []
    assert path.read_text(encoding="utf-8") == BIB
    assert not (tmp_path / "references.bib.bak").exists()


def test_each_field_is_confirmed_missing_or_disagreeing_with_the_services_behind_it() -> None:
    from citecheck.bib import parse_bibliography
    from citecheck.bibcheck import check_bibliography
    from citecheck.model import Edition, Identifiers
    from citecheck.testing import FakeCatalog

    bibliography = parse_bibliography(BIB, name="references.bib")
    record = Edition(
        title="Mission to Moscow",
        authors=("Joseph E. Davies",),
        year=1941,
        publisher="Simon & Schuster",
        place="New York",
        page_count=659,
        identifiers=Identifiers(lccn=("41003741",)),
    )
    catalogs = [
        FakeCatalog([replace_provenance(record, OL)], service=OL),
        FakeCatalog([replace_provenance(record, LOC)], service=LOC),
    ]

    (davies, grey) = check_bibliography(bibliography, catalogs)
    fields = {f.field: f for f in davies.fields}

    assert fields["publisher"].status == FieldStatus.CONFIRMED
    assert fields["year"].status == FieldStatus.DISAGREES
    assert set(fields["year"].services) == {OL, LOC}
    assert fields["year"].applicable
    assert fields["lccn"].status == FieldStatus.MISSING
    assert fields["lccn"].catalog_value == "41003741"
    assert grey.edition is None
    assert "not found" in grey.resolution.findings[0].message


def replace_provenance(edition: object, service: Service) -> object:
    from dataclasses import replace

    from citecheck.model import Provenance

    return replace(edition, provenance=(Provenance(service, f"https://{service.value}.example/x"),))  # type: ignore[type-var]


def test_a_bib_of_the_works_a_document_cites_is_written_from_their_best_editions() -> None:
    import bibtexparser

    from citecheck.bibcheck import bib_for_document
    from citecheck.extract import extract_citations
    from citecheck.model import Edition, Identifiers, RankedEdition

    extraction = extract_citations(
        'Davies wrote in Mission to Moscow: "The trials were genuine." (page 5)\n'
    )
    edition = Edition(
        title="Mission to Moscow",
        authors=("Davies, Joseph E.",),
        year=1941,
        publisher="Simon and Schuster",
        page_count=659,
        identifiers=Identifiers(lccn=("41003741",)),
    )
    resolution = Resolution(
        "mission-to-moscow",
        "Mission to Moscow",
        ("Davies, Joseph E.",),
        (RankedEdition(edition, 1.0),),
    )

    written = bibtexparser.parse_string(bib_for_document(extraction, [resolution]))

    (entry,) = written.entries
    assert entry.key == "mission-to-moscow"
    assert entry["publisher"] == "Simon and Schuster"
    assert entry["year"] == "1941"
    assert entry["lccn"] == "41003741"


LATIN_1_BIB = (
    "@book{pena1950,\n  author = {Pe\u00f1a, Jos\u00e9},\n  title = {El se\u00f1or presidente}\n}\n"
)


def test_writing_a_latin_1_file_keeps_it_latin_1(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(LATIN_1_BIB.encode("latin-1"))
    checks = [entry_check("pena1950", FieldCheck("year", FieldStatus.MISSING, "", "1950", (LOC,)))]

    assert write_corrections(path, checks) == ["pena1950: missing year = 1950"]

    written = path.read_bytes().decode("cp1252")
    assert "Pe\u00f1a, Jos\u00e9" in written and "year = {1950}" in written
    assert (tmp_path / "references.bib.bak").read_bytes() == LATIN_1_BIB.encode("latin-1")


def test_a_value_the_file_s_encoding_cannot_hold_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(LATIN_1_BIB.encode("latin-1"))
    checks = [
        entry_check(
            "pena1950", FieldCheck("publisher", FieldStatus.MISSING, "", "Pa\u0144stwowy", (LOC,))
        )
    ]

    with pytest.raises(InputError, match=r"cannot hold '\u0144'.*save it as UTF-8"):
        write_corrections(path, checks)
    assert path.read_bytes() == LATIN_1_BIB.encode("latin-1")
    assert not (tmp_path / "references.bib.bak").exists()
