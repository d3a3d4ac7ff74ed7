"""A quotation is "not found" only when a text or a search answered; a failure makes it unverifiable.

One test per text provider, each with the real provider and HTTP client: when every request of
the provider fails, the verdict is ``unverifiable`` and lists what was tried; when the provider
answers and the passage is not in the answer, it is ``not_found`` (the control that shows the
first test could fail).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import responses

from citecheck.bib import parse_bibliography
from citecheck.check import Checker
from citecheck.config import Settings
from citecheck.extract import extract_citations
from citecheck.http import HttpClient
from citecheck.model import (
    AttemptOutcome,
    Edition,
    Identifiers,
    Report,
    TextAccess,
    Verification,
    WordingVerdict,
)
from citecheck.testing import FakeCatalog
from citecheck.texts import (
    GoogleBooksSnippets,
    HathiTrustSearch,
    InternetArchiveFullText,
    InternetArchiveSearchInside,
    ItemTextFiles,
    TextProvider,
    WebText,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
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
WEB_BIB = """@misc{smith1950,
  author = {Smith, John},
  title = {A Life of Lenin},
  year = {1950},
  url = {https://www.marxists.org/reference/archive/smith/lenin.htm},
}
"""
EDITION = Edition(
    title="A life of Lenin",
    authors=("Smith, John",),
    year=1950,
    identifiers=Identifiers(
        internetarchive=("lifeoflenin00smit",),
        hathitrust=("mdp.39015012345678",),
        isbn=("0385147414",),
    ),
    access=TextAccess.PUBLIC,
)
METADATA = {
    "server": "ia800300.us.archive.org",
    "dir": "/12/items/lifeoflenin00smit",
    "files": [{"name": "lifeoflenin00smit_djvu.xml"}],
    "metadata": {"identifier": "lifeoflenin00smit", "mediatype": "texts", "title": "A life"},
}
ANY = re.compile(r".*")


LONG_DOCUMENT = (
    'In his life of Lenin, Smith wrote: "The congress voted for the motion without a debate. '
    "Then the delegates went home to their provinces, before the winter closed the mountain "
    'roads to every traveller." (page 12)\n'
)


def run(
    provider: Callable[[HttpClient], TextProvider], *, web: bool = False, document: str = DOCUMENT
) -> Verification:
    http = HttpClient(Settings(use_cache=False, max_retries=0), sleep=lambda _s: None)
    checker = Checker(
        settings=http.settings,
        http=http,
        catalogs=[FakeCatalog([EDITION])],
        providers=[] if web else [provider(http)],
        web=WebText(http) if web else provider(http),
        full_text_search=None,
    )
    bibliography = parse_bibliography(WEB_BIB if web else BIB, name="references.bib")
    extraction = extract_citations(document, name="talk.txt", bibliography=bibliography)
    report: Report = checker.check_extraction(extraction, bibliography)
    (verification,) = report.verifications
    return verification


def full_text(http: HttpClient) -> TextProvider:
    return InternetArchiveFullText(http, ItemTextFiles(http))


def search_inside(http: HttpClient) -> TextProvider:
    return InternetArchiveSearchInside(http, ItemTextFiles(http))


PROVIDERS: dict[str, Callable[[HttpClient], TextProvider]] = {
    "internet archive full text": full_text,
    "internet archive search inside": search_inside,
    "hathitrust full-text search": HathiTrustSearch,
    "google books snippets": GoogleBooksSnippets,
    "web text": WebText,
}


@pytest.mark.parametrize("name", sorted(PROVIDERS))
@responses.activate
def test_a_provider_that_fails_leaves_the_quotation_unverifiable(name: str) -> None:
    responses.get(ANY, status=503, body="<html>down</html>")
    verification = run(PROVIDERS[name], web=name == "web text")
    assert verification.wording is WordingVerdict.UNVERIFIABLE
    assert any(a.outcome is AttemptOutcome.FAILED for a in verification.attempts)
    assert not verification.found_pages


@responses.activate
def test_search_inside_that_only_found_the_book_searchable_is_no_search() -> None:
    # The item's metadata answers (a lending book: no text files), every search fails.
    lending = {
        **METADATA,
        "files": [],
        "metadata": {**METADATA["metadata"], "access-restricted-item": "true"},
    }
    responses.get("https://archive.org/metadata/lifeoflenin00smit", json=lending)
    responses.get(ANY, status=503, body="down")
    verification = run(search_inside)
    assert verification.wording is WordingVerdict.UNVERIFIABLE
    assert any(a.outcome is AttemptOutcome.AVAILABLE for a in verification.attempts)
    assert "no search inside the text answered" in " ".join(verification.notes)


@responses.activate
def test_search_inside_that_answered_without_the_passage_is_not_found() -> None:
    responses.get("https://archive.org/metadata/lifeoflenin00smit", json=METADATA)
    responses.get(
        re.compile(r"https://ia800300\.us\.archive\.org/fulltext/inside\.php.*"),
        json={"ia": "lifeoflenin00smit", "q": "x", "indexed": True, "matches": []},
    )
    verification = run(search_inside)
    assert verification.wording is WordingVerdict.NOT_FOUND


@responses.activate
def test_one_failed_search_among_answered_ones_is_not_enough_for_not_found() -> None:
    responses.get("https://archive.org/metadata/lifeoflenin00smit", json=METADATA)
    empty = {"ia": "lifeoflenin00smit", "q": "x", "indexed": True, "matches": []}
    inside = re.compile(r"https://ia800300\.us\.archive\.org/fulltext/inside\.php.*")
    responses.get(inside, json=empty)
    responses.get(inside, status=503, body="down")
    verification = run(search_inside, document=LONG_DOCUMENT)
    searches = [a for a in verification.attempts if "hit(s)" in a.detail or "503" in a.detail]
    assert len(searches) == 3
    assert verification.wording is WordingVerdict.UNVERIFIABLE
    assert "failed" in " ".join(verification.notes)


@responses.activate
def test_google_books_that_answered_nothing_is_not_found() -> None:
    responses.get(ANY, json={"kind": "books#volumes", "totalItems": 0})
    assert run(GoogleBooksSnippets).wording is WordingVerdict.NOT_FOUND


@responses.activate
def test_hathitrust_search_that_answered_no_match_is_not_found() -> None:
    html = (FIXTURES / "texts" / "hathitrust" / "pt-search_no-match.html").read_text()
    responses.get(ANY, body=html, content_type="text/html")
    assert run(HathiTrustSearch).wording is WordingVerdict.NOT_FOUND


@responses.activate
def test_a_web_text_that_answered_without_the_passage_is_not_found() -> None:
    text = "<p>The delegates argued for three days about the agrarian question.</p>" * 4
    responses.get(ANY, body=f"<html><body>{text}</body></html>", content_type="text/html")
    assert run(WebText, web=True).wording is WordingVerdict.NOT_FOUND


@responses.activate
def test_a_full_text_that_answered_without_the_passage_is_not_found() -> None:
    responses.get("https://archive.org/metadata/lifeoflenin00smit", json=METADATA)
    djvu = (
        "<?xml version='1.0' encoding='utf-8'?><DjVuXML><BODY>"
        '<OBJECT usemap="lifeoflenin00smit_0021.djvu"><HIDDENTEXT><PAGECOLUMN><REGION>'
        "<PARAGRAPH><LINE><WORD>Nobody</WORD><WORD>spoke</WORD><WORD>at</WORD>"
        "<WORD>all.</WORD></LINE></PARAGRAPH></REGION></PAGECOLUMN></HIDDENTEXT></OBJECT>"
        "</BODY></DjVuXML>"
    )
    responses.get(
        "https://archive.org/download/lifeoflenin00smit/lifeoflenin00smit_djvu.xml",
        body=djvu,
        content_type="application/xml",
    )
    assert run(full_text).wording is WordingVerdict.NOT_FOUND
