"""A Report built by hand with one verification of every kind the editor's report must show."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import responses

from citecheck.model import (
    AttemptOutcome,
    Attribution,
    ChangeKind,
    Citation,
    Document,
    Edition,
    Finding,
    FindingCode,
    Identifiers,
    Locator,
    LocatorKind,
    OmittedText,
    PageVerdict,
    Problem,
    Provenance,
    Quotation,
    QuotationKind,
    RankedEdition,
    Report,
    Resolution,
    Segment,
    Service,
    Severity,
    SourceAttempt,
    Span,
    TextAccess,
    Verification,
    WordChange,
    WordingVerdict,
)

GREY = Edition(
    title="Stalin, Man of History",
    authors=("Grey, Ian",),
    year=1979,
    publisher="Doubleday",
    place="Garden City",
    page_count=548,
    identifiers=Identifiers(internetarchive=("stalinmanofhisto00grey",), oclc=("4497599",)),
    access=TextAccess.PUBLIC,
    record_url="https://openlibrary.org/books/OL4730150M",
    provenance=(Provenance(Service.OPEN_LIBRARY, "https://openlibrary.org/search.json?q=grey"),),
)
SAYERS = Edition(
    title="The Great Conspiracy",
    authors=("Sayers, Michael", "Kahn, Albert E."),
    year=1946,
    page_count=433,
    identifiers=Identifiers(googlebooks=("gbSAYERS",), hathitrust=("mdp.39015000000001",)),
    access=TextAccess.SNIPPETS,
    record_url="https://catalog.hathitrust.org/Record/001",
)
LOCKHART = Edition(
    title="British Agent",
    authors=("Lockhart, R. H. Bruce",),
    year=1933,
    identifiers=Identifiers(internetarchive=("britishagent00lock",)),
    access=TextAccess.SEARCH_ONLY,
    record_url="https://openlibrary.org/books/OL6289571M",
)
IA_TEXT = Provenance(
    Service.INTERNET_ARCHIVE,
    "https://archive.org/download/stalinmanofhisto00grey/stalinmanofhisto00grey_djvu.xml",
    "2026-11-28T10:00:00+00:00",
)
FAILED_WEB = SourceAttempt(
    Service.WEB,
    "text of stalin1929",
    AttemptOutcome.FAILED,
    "HTTP 503: the service is unavailable",
    "https://www.marxists.org/reference/archive/stalin/works/1929/12/27.htm",
)


class DocumentBuilder:
    """Writes a document piece by piece and remembers where each quotation landed."""

    def __init__(self) -> None:
        self.text = ""
        self.citations: list[Citation] = []

    def prose(self, text: str) -> None:
        self.text += text

    def quote(
        self,
        cid: str,
        quoted: str,
        *,
        speaker: str | None = None,
        work: str | None = None,
        page: str | None = None,
        kind: QuotationKind = QuotationKind.INLINE,
        intermediary: str | None = None,
    ) -> Citation:
        self.text += "“"
        start = len(self.text)
        self.text += quoted
        span = Span(start, len(self.text))
        self.text += "”"
        ellipses = tuple(
            Span(start + i, start + i + 3)
            for i in range(len(quoted))
            if quoted.startswith("...", i)
        )
        locator = None
        if page is not None:
            self.text += f" (p. {page})"
            at = len(self.text) - len(page) - 1
            locator = Locator(
                f"p. {page}", Span(at - 3, at + len(page)), LocatorKind.PAGE, first=page
            )
        citation = Citation(
            id=cid,
            quotation=Quotation(
                quoted, span, kind, segments=(Segment(quoted, span),), ellipses=ellipses
            ),
            locator=locator,
            attribution=Attribution(speaker=speaker, work=work, intermediary=intermediary),
            confidence=0.9,
            line=self.text.count("\n", 0, start) + 1,
        )
        self.citations.append(citation)
        return citation


def build_rich_report(hostile: str = "") -> Report:
    """Eight verifications (exact, altered, omission, truncated, other page, secondhand, search inside
    only, unverifiable), an unchecked title, findings, failed attempts and a problem."""
    doc = DocumentBuilder()
    doc.prose("# A talk\n\nIan Grey writes in ")
    title = doc.quote("q1", "Stalin, Man of History", kind=QuotationKind.TITLE)
    doc.prose(":\n")
    q2 = doc.quote(
        "q2",
        "The redistribution of industry led to growth.",
        speaker="Ian Grey",
        work="Stalin, Man of History",
        page="253",
    )
    doc.prose("\nLater: ")
    q3 = doc.quote(
        "q3",
        "The collective farms must drive off all cattle.",
        speaker="Stalin",
        work="Radio address",
        page="144",
    )
    doc.prose("\nDavies: ")
    q4 = doc.quote(
        "q4",
        "All of these trials ... were part of a plan.",
        speaker="Davies",
        work="The Great Conspiracy",
        page="318",
    )
    doc.prose("\nTrotsky: ")
    q5 = doc.quote("q5", "During 1926 the Party struggle grew", speaker="Trotsky", work="My Life")
    doc.prose("\nSayers: ")
    q6 = doc.quote(
        "q6", "The conspiracy was real.", speaker="Sayers", work="The Great Conspiracy", page="20"
    )
    doc.prose("\nLockhart said ")
    q7 = doc.quote(
        "q7",
        "He strikes me as a man who would die fighting.",
        speaker="Lockhart",
        work="British Agent",
        page="31",
        intermediary="The Great Conspiracy",
    )
    doc.prose("\nAnd ")
    q8 = doc.quote(
        "q8",
        "dissensions between Lenin and Trotsky",
        speaker="Lockhart",
        work="British Agent",
        page="226",
    )
    doc.prose("\nFinally ")
    q9 = doc.quote(
        "q9",
        hostile or "we have passed from a policy of limiting",
        speaker="Stalin",
        work="Agrarian Policy",
    )
    doc.prose(" <b>not bold</b> & more.\n")

    exact = Verification(
        q2.id,
        WordingVerdict.EXACT,
        PageVerdict.AS_CITED,
        cited_page="253",
        found_pages=("253",),
        source_text="The redistribution of industry led to growth.",
        context_before="Chapter nine.",
        context_after="It went on.",
        work_key="grey1979",
        edition=GREY,
        text_source=IA_TEXT,
        attempts=(
            SourceAttempt(
                Service.INTERNET_ARCHIVE, "text of grey1979", AttemptOutcome.OK, url=IA_TEXT.url
            ),
        ),
    )
    altered = Verification(
        q3.id,
        WordingVerdict.ALTERED,
        PageVerdict.AS_CITED,
        cited_page="144",
        found_pages=("144",),
        source_text="The collective farmers must drive off all cattle.",
        changes=(
            WordChange(
                ChangeKind.REPLACED,
                "farms",
                "farmers",
                meaning_bearing=True,
                note="the farmers, not the farms",
            ),
        ),
        work_key="grey1979",
        edition=GREY,
        text_source=IA_TEXT,
        notes=("'farmers' for 'farms'",),
    )
    omission = Verification(
        q4.id,
        WordingVerdict.OMISSION,
        PageVerdict.AS_CITED,
        cited_page="318",
        found_pages=("318",),
        source_text="All of these trials hid what was coming. Nobody asked. were part of a plan.",
        omissions=(OmittedText("hid what was coming. Nobody asked.", 6, True, False),),
        work_key="sayers1946",
        edition=SAYERS,
    )
    truncated = Verification(
        q5.id,
        WordingVerdict.TRUNCATED,
        PageVerdict.UNKNOWN,
        source_text="During 1926 the Party struggle grew",
        truncated_after="but the apparatus answered it.",
        work_key="trotsky1930",
        text_source=Provenance(
            Service.WEB, "https://www.marxists.org/archive/trotsky/1930/mylife/"
        ),
        notes=("the quotation stops inside a sentence",),
    )
    other_page = Verification(
        q6.id,
        WordingVerdict.EXACT,
        PageVerdict.OTHER_PAGE,
        cited_page="20",
        found_pages=("25",),
        source_text="The conspiracy was real.",
        work_key="sayers1946",
        edition=SAYERS,
        notes=("not on the cited p. 20; the passage is on p. 25",),
    )
    original = Verification(
        q7.id,
        WordingVerdict.TRUNCATED,
        PageVerdict.UNKNOWN,
        found_pages=("232",),
        source_text="He strikes me as a man who would die fighting, and gladly.",
        work_key="lockhart1932",
        edition=LOCKHART,
    )
    secondhand = Verification(
        q7.id,
        WordingVerdict.EXACT,
        PageVerdict.AS_CITED,
        cited_page="31",
        found_pages=("31",),
        source_text="He strikes me as a man who would die fighting.",
        work_key="sayers1946",
        edition=SAYERS,
        chain=(original,),
        notes=("the intermediary quoted the original faithfully",),
    )
    search_only = Verification(
        q8.id,
        WordingVerdict.EXACT,
        PageVerdict.AS_CITED,
        cited_page="226",
        found_pages=("226",),
        source_text="dissensions between Lenin and Trotsky",
        work_key="lockhart1932",
        edition=LOCKHART,
        scan_url="https://archive.org/details/britishagent00lock/page/n240",
        attempts=(
            SourceAttempt(
                Service.INTERNET_ARCHIVE, "search inside britishagent00lock", AttemptOutcome.OK
            ),
        ),
        notes=("checked through search inside: no page text",),
    )
    unverifiable = Verification(
        q9.id,
        WordingVerdict.UNVERIFIABLE,
        PageVerdict.UNKNOWN,
        work_key="stalin1929",
        attempts=(FAILED_WEB,),
        notes=("no text of the cited work could be reached",),
    )
    verifications = (
        exact,
        altered,
        omission,
        truncated,
        other_page,
        secondhand,
        search_only,
        unverifiable,
    )
    findings = (
        Finding(
            FindingCode.PAGE_FITS_SOME_EDITIONS,
            Severity.INFO,
            "page 326 exists only in some editions",
            evidence=("Little, Brown: 433 pages", "Collins: 320 pages"),
            work_key="sayers1946",
        ),
        Finding(
            FindingCode.SECONDHAND,
            Severity.WARNING,
            "Lockhart is quoted through Sayers",
            citation_id=q7.id,
        ),
        Finding(
            FindingCode.SOURCE_FAILED,
            Severity.WARNING,
            "web failed 1 time(s)",
            evidence=(FAILED_WEB.url,),
        ),
    )
    resolutions = (
        Resolution(
            "grey1979",
            "Stalin, Man of History",
            ("Grey, Ian",),
            (RankedEdition(GREY, 0.95, ("title", "year")),),
        ),
        Resolution(
            "sayers1946",
            "The Great Conspiracy",
            ("Sayers, Michael",),
            (RankedEdition(SAYERS, 0.8),),
            findings=(findings[0],),
        ),
        Resolution(
            "lockhart1932",
            "Memoirs of a British Agent",
            ("Lockhart",),
            (RankedEdition(LOCKHART, 0.7),),
            alternative_titles=("British Agent",),
        ),
        Resolution("stalin1929", "Agrarian Policy", ("Stalin",), (), attempts=(FAILED_WEB,)),
    )
    return Report(
        document=Document("talk.md", doc.text),
        citations=(title, *doc.citations[1:]),
        resolutions=resolutions,
        verifications=verifications,
        findings=findings,
        problems=(Problem("a quotation opens here and never closes", "talk.md", line=3),),
        attempts=(
            FAILED_WEB,
            SourceAttempt(Service.OPEN_LIBRARY, "search grey", AttemptOutcome.OK),
        ),
        generated_at="2026-11-28T10:00:00+00:00",
        tool_version="0.1.0",
    )


@pytest.fixture
def rich_report() -> Report:
    return build_rich_report()


HOSTILE = "<script>alert('x')</script> | and </p><img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_report() -> Report:
    return build_rich_report(hostile=HOSTILE)


REPO = Path(__file__).resolve().parents[2]


def _e2e_module(filename: str, name: str) -> ModuleType:
    """A module of the end-to-end suite, loaded by path under a name of its own."""
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "e2e" / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# the end-to-end suite's stand-in services and its mocked run of the example talk
_E2E_SERVICES = _e2e_module("conftest.py", "report_e2e_services")
_E2E_CHECK = _e2e_module("test_talk_check.py", "report_e2e_talk_check")
talk_services = _E2E_SERVICES.talk_services


@pytest.fixture
def talk_report(tmp_path: Path, talk_services: responses.RequestsMock) -> Report:
    """The Report of the example talk from the mocked end-to-end run."""
    report: Report = _E2E_CHECK.run_check(tmp_path)[0]
    return report
