"""The exports as the programs that consume them read them: biber, pybtex, citeproc-py, rispy.

Two bibliographies go through every consumer: the talk's works (checked against the stand-in
services of tests/e2e/talk_world.py, exported with references.bib) and one written for these
tests, full of LaTeX specials, accents and non-Latin names, partly as a user's .bib would have
them (LaTeX) and partly as catalogs give them (plain text). biber's data-model validation needs
Debian's biber (scripts/test installs it); compiling a biblatex document needs TeX Live and
biblatex, which CI does not install: those tests say so when they skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pybtex.database
import pybtex.errors
import pybtex.plugin
import pytest
import responses
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from citecheck.bib import load_bibliography, parse_bibliography
from citecheck.check import check
from citecheck.config import Settings
from citecheck.export import items_from_report, to_bibtex, to_csljson, to_ris
from citecheck.export.items import (
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    QuotationNote,
    export_item,
)
from citecheck.export.ris import parse_ris
from citecheck.http import HttpClient

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
import talk_world  # noqa: E402

SPECIALS_BIB = r"""
@book{profits,
  author    = {M{\"u}ller, J{\"u}rgen and {\L}{\'o}d{\'z}ka, Ewa},
  title     = {Profits \& Losses: 100\% of \$5 \#1 under\_score in the U.S.S.R.},
  publisher = {Simon and Schuster},
  address   = {New York},
  year      = {1999},
  month     = feb,
}
@book{trotsky-ru,
  author    = {Троцкий, Лев},
  title     = {Моя жизнь: Опыт автобиографии},
  publisher = {Гранит},
  address   = {Берлин},
  year      = {1930},
  origtitle = {Моя жизнь},
  alttitle  = {My Life},
}
@article{mao,
  author    = {毛泽东},
  title     = {Report on an Investigation of the Peasant Movement in Hunan},
  journal   = {Xiangdao Zhoubao},
  year      = {1927},
  pages     = {1--12},
}
@misc{ap,
  author       = {{Associated Press} and {Simon and Schuster}},
  namea        = {Cassidy, Henry C.},
  nameatype    = {recipient},
  title        = {A Wire from Moscow, 1942},
  howpublished = {Telegram, Moscow to New York},
  entrysubtype = {letter},
  date         = {1942-11-13},
}
"""
CATALOG_ITEMS = (
    ExportItem(
        key="catalog-specials",
        item_type=ItemType.BOOK,
        title="Profits & Losses: 100% of $5 #1 under_score, {braces}, ~tilde ^caret \\ in the U.S.S.R.",
        creators=(Creator("Dvořák", "Antonín"), Creator("Société Générale & Cie")),
        publisher="Little, Brown and Company",
        place="Zürich",
        date="1951",
        page_count=430,
        language="ger",
        notes=(
            QuotationNote(
                key="catalog-specials#1",
                citation_id="q1",
                quotation="we lost 100% of $5 & #1 — {all} of it ~ ^ \\ _",
                cited_page="3",
                found_pages=("3",),
                wording="exact",
                page="as_cited",
                document="talk.md, line 4",
            ),
        ),
    ),
    ExportItem(
        key="catalog-speech",
        item_type=ItemType.PRESENTATION,
        title="Речь на приёме\nв Кремле",
        creators=(Creator("Сталин", "Иосиф"),),
        date="1945-05-24",
        genre="Speech at a reception\nin the Kremlin",
        language="rus",
        note="First line of a note\nand its second line",
    ),
)


# --------------------------------------------------------------------------------------------
# The two bibliographies
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def talk_items(tmp_path_factory: pytest.TempPathFactory) -> tuple[ExportItem, ...]:
    cache = tmp_path_factory.mktemp("cache")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.GET, re.compile(r".*"), callback=talk_world.answer_mocked)
        settings = Settings(cache_dir=cache, max_retries=1)
        report = check(
            REPO / "examples" / "truth-about-stalin.txt",
            bibliography=REPO / "references.bib",
            settings=settings,
            http=HttpClient(settings, sleep=lambda _seconds: None),
        )
    return items_from_report(report, load_bibliography(REPO / "references.bib")).items


@pytest.fixture(scope="module")
def special_items() -> tuple[ExportItem, ...]:
    bibliography = parse_bibliography(SPECIALS_BIB, name="specials.bib")
    assert bibliography.problems == ()
    return (*(export_item(e.key, entry=e) for e in bibliography), *CATALOG_ITEMS)


@pytest.fixture(params=["talk", "specials"])
def items(request: pytest.FixtureRequest) -> tuple[ExportItem, ...]:
    fixture = "talk_items" if request.param == "talk" else "special_items"
    found: tuple[ExportItem, ...] = request.getfixturevalue(fixture)
    return found


# --------------------------------------------------------------------------------------------
# biber
# --------------------------------------------------------------------------------------------


def biber_messages(bib: Path) -> list[str]:
    run = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", f"--output-file={bib}.out", str(bib)],
        cwd=bib.parent,  # biber writes its log (.blg) into the working directory
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return [line for line in run.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]


needs_biber = pytest.mark.skipif(
    shutil.which("biber") is None, reason="biber is not installed (scripts/test installs it)"
)


@needs_biber
def test_biber_finds_no_error_and_no_data_model_warning(items, tmp_path):
    bib = tmp_path / "works.bib"
    bib.write_text(to_bibtex(items), encoding="utf-8")
    assert biber_messages(bib) == []


@needs_biber
def test_biber_would_warn_about_the_user_s_custom_field_left_in_place(tmp_path):
    # The check above can fail: the user's own file, as written, makes biber warn.
    bib = tmp_path / "references.bib"
    bib.write_text((REPO / "references.bib").read_text("utf-8"), encoding="utf-8")
    assert any("alttitle" in message for message in biber_messages(bib))


def _biblatex_available() -> bool:
    if shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None:
        return False
    found = subprocess.run(
        ["kpsewhich", "biblatex.sty", "etoolbox.sty"], capture_output=True, text=True, check=False
    )
    return len(found.stdout.split()) == 2


@needs_biber
@pytest.mark.skipif(
    not _biblatex_available(),
    reason="TeX Live with biblatex is not installed (too large for CI; biber's validation runs)",
)
def test_a_biblatex_document_citing_every_work_compiles_without_an_error(items, tmp_path):
    (tmp_path / "works.bib").write_text(to_bibtex(items), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        "\\usepackage[backend=biber,style=authoryear]{biblatex}\n\\addbibresource{works.bib}\n"
        "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    for command in (["pdflatex"], ["biber"], ["pdflatex"]):
        subprocess.run(
            [*command, *(["-interaction=nonstopmode"] if command == ["pdflatex"] else []), "doc"],
            cwd=tmp_path,
            capture_output=True,
            timeout=180,
            check=False,
        )
    log = (tmp_path / "doc.log").read_text("latin-1")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    # Letters outside T1 (Cyrillic, Chinese) need fonts of their own: that is not the file's
    # fault, and pdflatex says so in its own words.
    errors = [e for e in errors if "Unicode character" not in e and "not set up" not in e]
    assert errors == []


# --------------------------------------------------------------------------------------------
# pybtex
# --------------------------------------------------------------------------------------------


def pybtex_plain(text: str) -> list[str]:
    pybtex.errors.set_strict_mode(True)
    data = pybtex.database.parse_string(text, "bibtex")
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")()
    return [entry.text.render_as("text") for entry in style.format_bibliography(data).entries]


def test_pybtex_reads_and_formats_every_entry_in_strict_mode(items):
    assert len(pybtex_plain(to_bibtex(items))) == len(items)


def test_pybtex_keeps_the_capitals_and_prints_the_specials_as_text(special_items):
    rendered = " | ".join(pybtex_plain(to_bibtex(special_items)))
    assert "Report on an Investigation of the Peasant Movement in Hunan" in rendered
    # pybtex turns \& \% \# \_ into text; \$ it leaves as written (LaTeX prints "$").
    assert "Profits & Losses: 100% of" in rendered
    assert "#1 under_score" in rendered
    assert "U.S.S.R." in rendered
    assert "Simon and Schuster" in rendered


def test_pybtex_reads_one_publisher_not_two(special_items):
    pybtex.errors.set_strict_mode(True)
    data = pybtex.database.parse_string(to_bibtex(special_items), "bibtex")
    assert data.entries["profits"].fields["publisher"] == "Simon {and} Schuster"
    assert len(data.entries["ap"].persons["author"]) == 2


# --------------------------------------------------------------------------------------------
# citeproc-py
# --------------------------------------------------------------------------------------------


def citeproc_bibliography(text: str) -> list[str]:
    source = CiteProcJSON(json.loads(text))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for key in source:
        bibliography.register(Citation([CitationItem(key)]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_citeproc_renders_every_item_without_a_warning(items):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(citeproc_bibliography(to_csljson(items))) == len(items)


def test_citeproc_renders_the_user_s_titles_not_the_catalog_s(talk_items):
    rendered = " | ".join(citeproc_bibliography(to_csljson(talk_items)))
    assert "Mission to Moscow" in rendered
    assert "My Life: An Attempt at an Autobiography" in rendered
    assert "Mission to moscow" not in rendered


def test_citeproc_renders_accents_and_non_latin_names(special_items):
    rendered = " | ".join(citeproc_bibliography(to_csljson(special_items)))
    for words in ("Müller", "Łódźka", "Троцкий", "毛泽东", "Dvořák", "Zürich"):
        assert words in rendered


def test_the_talk_s_speech_is_a_speech_for_citeproc(talk_items):
    speeches = [i for i in json.loads(to_csljson(talk_items)) if i["type"] == "speech"]
    assert [s["id"] for s in speeches] == ["stalin1929agrarian"]


# --------------------------------------------------------------------------------------------
# rispy
# --------------------------------------------------------------------------------------------


def rispy_records(text: str) -> Sequence[dict[str, object]]:
    records: Sequence[dict[str, object]] = rispy.loads(text)
    return records


def test_rispy_reads_every_record(items):
    assert len(rispy_records(to_ris(items))) == len(items)


def test_rispy_and_citecheck_read_a_title_and_a_note_given_over_two_lines(special_items):
    text = to_ris(special_items)
    speech = next(r for r in rispy_records(text) if r.get("type_of_reference") == "SLIDE")
    assert speech["title"] == "Речь на приёме в Кремле"
    assert speech["language"] == "ru"
    back = next(i for i in parse_ris(text) if i.item_type is ItemType.PRESENTATION)
    assert (back.title, back.note) == (
        "Речь на приёме в Кремле",
        "First line of a note and its second line",
    )


def test_the_talk_s_speech_is_a_presentation_for_rispy(talk_items):
    types = {i.key: i.item_type for i in talk_items}
    records = rispy_records(to_ris(talk_items))
    slides = [r for r in records if r.get("type_of_reference") == "SLIDE"]
    assert len(slides) == sum(1 for t in types.values() if t is ItemType.PRESENTATION) == 1


def test_a_letter_s_recipient_is_the_second_author_for_rispy(special_items):
    record = next(
        r
        for r in rispy_records(to_ris(special_items))
        if r.get("title") == "A Wire from Moscow, 1942"
    )
    assert record["type_of_reference"] == "PCOMM"
    assert record["authors"] == ["Associated Press", "Simon and Schuster"]
    assert record["secondary_authors"] == ["Cassidy, Henry C."]
    letter = next(i for i in special_items if i.key == "ap")
    assert Creator("Cassidy", "Henry C.", CreatorRole.RECIPIENT) in letter.creators
