"""The orchestration: which text each quotation is checked against, and what is kept of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.bib import parse_bibliography
from citecheck.check import Checker, SourceSpec, check
from citecheck.config import Settings
from citecheck.errors import InputError, SourceUnavailable
from citecheck.extract import extract_citations
from citecheck.model import (
    AttemptOutcome,
    Edition,
    FindingCode,
    Identifiers,
    Page,
    PageVerdict,
    Provenance,
    Report,
    Service,
    TextAccess,
    WordingVerdict,
)
from citecheck.store import SourceStore
from citecheck.testing import FakeCatalog, FakeTextProvider

DOCUMENT = (
    'In his life of Lenin, Smith wrote: "The congress voted for the motion without a debate." '
    "(page 12)\n"
)
BIB = """@book{smith1950,
  author = {Smith, John},
  title = {A Life of Lenin},
  year = {1950},
}
"""
EDITION = Edition(
    title="A life of Lenin",
    authors=("Smith, John",),
    year=1950,
    page_count=300,
    identifiers=Identifiers(internetarchive=("lifeoflenin00smit",)),
    access=TextAccess.PUBLIC,
)
PAGES = [
    Page("Before the vote the hall was full.", "11", 20),
    Page("The congress voted for the motion without a debate. Nobody spoke.", "12", 21),
]


class NoWeb:
    def fetch_pages(self, url: str) -> list[Page]:
        raise SourceUnavailable("no web in this test", service="web", url=url)


def checker(provider: FakeTextProvider | None = None, **options: object) -> Checker:
    return Checker(
        settings=Settings(use_cache=False, max_retries=0),
        catalogs=[FakeCatalog([EDITION])],
        providers=[provider or FakeTextProvider({"lifeoflenin00smit": PAGES})],
        web=NoWeb(),
        full_text_search=None,
        **options,  # type: ignore[arg-type]
    )


def run(check_with: Checker, document: str = DOCUMENT) -> Report:
    bibliography = parse_bibliography(BIB, name="references.bib")
    extraction = extract_citations(document, name="talk.txt", bibliography=bibliography)
    return check_with.check_extraction(extraction, bibliography)


def test_a_quotation_is_checked_in_the_text_of_the_best_edition_of_its_work() -> None:
    report = run(checker())
    (verification,) = report.verifications
    assert verification.wording == WordingVerdict.EXACT
    assert verification.page == PageVerdict.AS_CITED
    assert verification.work_key == "smith1950"


def test_a_text_source_that_fails_is_recorded_and_the_quotation_is_unverifiable() -> None:
    failing = FakeTextProvider({"lifeoflenin00smit": PAGES}, fail_with=SourceUnavailable("down"))
    report = run(checker(failing))
    (verification,) = report.verifications
    assert verification.wording == WordingVerdict.UNVERIFIABLE
    assert any(a.outcome == AttemptOutcome.FAILED for a in verification.attempts)
    assert FindingCode.SOURCE_FAILED in {f.code for f in report.findings}


def test_a_search_only_book_is_checked_through_its_search_hits() -> None:
    search_only = FakeTextProvider({"lifeoflenin00smit": PAGES}, searchable_only=True)
    report = run(checker(search_only))
    (verification,) = report.verifications
    assert verification.found_pages == ("12",)
    assert any(r.startswith("search") for r in search_only.requests)


def test_a_file_tied_to_a_bib_key_is_used_instead_of_the_catalogs_texts(tmp_path: Path) -> None:
    own = tmp_path / "smith.txt"
    own.write_text(
        "--- page 40 ---\nThe congress voted for the motion without any debate.\n", encoding="utf-8"
    )
    provider = FakeTextProvider({"lifeoflenin00smit": PAGES})
    report = run(checker(provider, local_sources=[SourceSpec(own, "smith1950")]))
    (verification,) = report.verifications
    assert verification.found_pages == ("40",)
    assert verification.wording == WordingVerdict.ALTERED
    assert provider.requests == []


def test_an_untied_file_is_searched_when_the_work_has_no_text(tmp_path: Path) -> None:
    own = tmp_path / "notes.txt"
    own.write_text(
        "=== 7 ===\nThe congress voted for the motion without a debate.\n", encoding="utf-8"
    )
    nothing = FakeTextProvider({})
    report = run(checker(nothing, local_sources=[SourceSpec(own)]))
    (verification,) = report.verifications
    assert verification.found_pages == ("7",)
    assert verification.text_source is not None
    assert verification.text_source.service == Service.LOCAL_FILE


def test_the_store_keeps_the_text_and_says_when_the_source_changed(tmp_path: Path) -> None:
    store = SourceStore(tmp_path / "sources")
    run(checker(store=store))
    changed = FakeTextProvider(
        {"lifeoflenin00smit": [PAGES[0], Page("The congress voted against it.", "12", 21)]}
    )
    report = run(checker(changed, store=store))
    assert FindingCode.SOURCE_CHANGED in {f.code for f in report.findings}


def test_source_specs_tie_a_key_only_when_one_is_given() -> None:
    assert SourceSpec.parse("grey1979=scans/grey.pdf") == SourceSpec(
        Path("scans/grey.pdf"), "grey1979"
    )
    assert SourceSpec.parse("scans/a=b.txt").key is None
    assert SourceSpec.parse("notes.txt") == SourceSpec(Path("notes.txt"))


def test_a_source_spec_marked_as_ocr_keeps_its_key_and_the_mark() -> None:
    assert SourceSpec.parse("grey1979=scans/grey.txt", ocr=True) == SourceSpec(
        Path("scans/grey.txt"), "grey1979", ocr=True
    )
    assert SourceSpec.parse("notes.txt").ocr is None


def test_a_missing_source_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    talk = tmp_path / "talk.txt"
    talk.write_text(DOCUMENT, encoding="utf-8")
    with pytest.raises(InputError, match=r"missing\.pdf"):
        check(talk, sources=[str(tmp_path / "missing.pdf")], settings=Settings(use_cache=False))


def _store_excerpt(root: Path, text: str) -> SourceStore:
    store = SourceStore(root)
    store.put(
        "smith1950", "excerpt:test", [Page(text, None)], Provenance(Service.WEB, "https://x.test/")
    )
    path = next(root.rglob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["excerpt"] = "one paragraph of chapter 2"
    path.write_text(json.dumps(data), encoding="utf-8")
    return store


def test_a_passage_missing_from_a_stored_excerpt_is_unverifiable_not_absent(
    tmp_path: Path,
) -> None:
    store = _store_excerpt(tmp_path / "sources", "Elsewhere in the book the hall was empty.")
    failing = FakeTextProvider({"lifeoflenin00smit": PAGES}, fail_with=SourceUnavailable("down"))
    (verification,) = run(checker(failing, store=store)).verifications
    assert verification.wording == WordingVerdict.UNVERIFIABLE
    assert any("one paragraph of chapter 2" in note for note in verification.notes)


def test_a_passage_found_in_a_stored_excerpt_is_judged_on_its_words(tmp_path: Path) -> None:
    store = _store_excerpt(
        tmp_path / "sources", "The congress voted for the motion without any debate."
    )
    failing = FakeTextProvider({"lifeoflenin00smit": PAGES}, fail_with=SourceUnavailable("down"))
    (verification,) = run(checker(failing, store=store)).verifications
    assert verification.wording == WordingVerdict.ALTERED
    assert verification.text_source is not None
    assert verification.text_source.service == Service.SOURCE_STORE


def test_a_whole_stored_text_answers_before_a_stored_excerpt(tmp_path: Path) -> None:
    store = _store_excerpt(tmp_path / "sources", "Only a paragraph of chapter 2.")
    store.put(
        "smith1950",
        "internetarchive:lifeoflenin00smit",
        PAGES,
        Provenance(Service.INTERNET_ARCHIVE, "https://archive.org/download/x"),
    )
    failing = FakeTextProvider({"lifeoflenin00smit": PAGES}, fail_with=SourceUnavailable("down"))
    no_catalog = Checker(
        settings=Settings(use_cache=False, max_retries=0),
        catalogs=[FakeCatalog([])],
        providers=[failing],
        web=NoWeb(),
        full_text_search=None,
        store=store,
    )
    (verification,) = run(no_catalog).verifications
    assert verification.wording == WordingVerdict.EXACT
    assert verification.found_pages == ("12",)
