"""Resolution: a cited work becomes catalog editions ranked by fit, with findings and evidence."""

from __future__ import annotations

from citecheck.errors import RateLimited
from citecheck.model import (
    AttemptOutcome,
    Edition,
    FindingCode,
    Identifiers,
    Provenance,
    Service,
    TextAccess,
    WorkQuery,
)
from citecheck.resolve import merge_editions, resolve_work
from citecheck.testing import FakeCatalog

OL = Provenance(Service.OPEN_LIBRARY, "https://openlibrary.org/search.json?q=x")
LOC = Provenance(Service.LIBRARY_OF_CONGRESS, "https://www.loc.gov/books/?q=x&fo=json")

GREY_UK = Edition(
    title="Stalin: Man of History",
    authors=("Grey, Ian",),
    year=1979,
    publisher="Weidenfeld and Nicolson",
    place="London",
    page_count=524,
    identifiers=Identifiers(isbn=("0297776304",)),
    provenance=(OL,),
)
GREY_US = Edition(
    title="Stalin, man of history",
    authors=("Ian Grey",),
    year=1979,
    publisher="Doubleday",
    place="Garden City, N.Y.",
    page_count=548,
    identifiers=Identifiers(isbn=("0385147414",), lccn=("78022339",)),
    access=TextAccess.SEARCH_ONLY,
    provenance=(OL,),
)
OTHER_STALIN = Edition(title="Stalin", authors=("Trotsky, Leon",), year=1941, provenance=(OL,))


def grey(cited_pages: tuple[str, ...] = ()) -> WorkQuery:
    return WorkQuery(
        key="grey1979",
        title="Stalin: Man of History",
        authors=("Grey, Ian",),
        year=1979,
        cited_pages=cited_pages,
    )


def test_editions_of_the_cited_work_are_ranked_and_other_books_set_aside() -> None:
    resolution = resolve_work(grey(), [FakeCatalog([OTHER_STALIN, GREY_UK, GREY_US])])

    titles = {r.edition.publisher for r in resolution.editions}
    assert titles == {"Weidenfeld and Nicolson", "Doubleday"}
    assert resolution.best is not None
    assert resolution.best.authors[0].startswith("Grey") or "Grey" in resolution.best.authors[0]


def test_a_search_only_edition_ranks_above_one_without_text() -> None:
    resolution = resolve_work(grey(), [FakeCatalog([GREY_UK, GREY_US])])
    assert resolution.best is not None
    assert resolution.best.publisher == "Doubleday"


def test_records_of_one_edition_from_two_catalogs_are_merged_keeping_both_sources() -> None:
    from_loc = Edition(
        title="Stalin, man of history",
        authors=("Grey, Ian, 1918-",),
        year=1979,
        identifiers=Identifiers(lccn=("78022339",), oclc=("4639622",)),
        provenance=(LOC,),
    )
    merged = merge_editions([GREY_US, from_loc])

    assert len(merged) == 1
    assert merged[0].identifiers.oclc == ("4639622",)
    assert {p.service for p in merged[0].provenance} == {
        Service.OPEN_LIBRARY,
        Service.LIBRARY_OF_CONGRESS,
    }


def test_a_work_under_its_uk_and_us_titles_resolves_to_one_work() -> None:
    uk = Edition(title="Memoirs of a British Agent", authors=("Lockhart, R. H. Bruce",), year=1932)
    us = Edition(title="British Agent", authors=("Lockhart, R. H. Bruce",), year=1933)
    query = WorkQuery(
        key="lockhart1932",
        title="Memoirs of a British Agent",
        authors=("Lockhart, R. H. Bruce",),
        alternative_titles=("British Agent",),
    )

    resolution = resolve_work(query, [FakeCatalog([uk, us])])

    assert {r.edition.year for r in resolution.editions} == {1932, 1933}
    assert resolution.alternative_titles == ("British Agent",)


def test_a_work_no_catalog_knows_is_a_finding() -> None:
    resolution = resolve_work(grey(), [FakeCatalog([OTHER_STALIN])])

    assert resolution.editions == ()
    assert [f.code for f in resolution.findings] == [FindingCode.WORK_NOT_FOUND]


def test_a_cited_page_beyond_every_edition_is_a_finding_with_the_page_counts() -> None:
    resolution = resolve_work(grey(("612",)), [FakeCatalog([GREY_UK, GREY_US])])

    finding = next(
        f for f in resolution.findings if f.code == FindingCode.PAGE_BEYOND_EVERY_EDITION
    )
    assert "612" in finding.message
    assert any("524 pages" in e for e in finding.evidence)
    assert any("548 pages" in e for e in finding.evidence)


def test_a_cited_page_that_fits_only_some_editions_names_them() -> None:
    resolution = resolve_work(grey(("530",)), [FakeCatalog([GREY_UK, GREY_US])])

    finding = next(f for f in resolution.findings if f.code == FindingCode.PAGE_FITS_SOME_EDITIONS)
    assert "Doubleday" in finding.message
    assert "Weidenfeld" not in finding.message


def test_a_catalog_that_fails_is_recorded_and_the_others_still_answer() -> None:
    failing = FakeCatalog(
        [], service=Service.GOOGLE_BOOKS, fail_with=RateLimited("429", service="googlebooks")
    )
    resolution = resolve_work(grey(), [failing, FakeCatalog([GREY_UK])])

    outcomes = {a.service: a.outcome for a in resolution.attempts}
    assert outcomes[Service.GOOGLE_BOOKS] == AttemptOutcome.RATE_LIMITED
    assert outcomes[Service.OPEN_LIBRARY] == AttemptOutcome.OK
    assert resolution.best is not None


def test_author_disagreeing_with_every_record_is_a_finding() -> None:
    query = WorkQuery(key="x", title="Stalin: Man of History", authors=("Deutscher, Isaac",))
    resolution = resolve_work(query, [FakeCatalog([GREY_UK])])

    assert FindingCode.AUTHOR_TITLE_MISMATCH in {f.code for f in resolution.findings}
