"""Web texts: the main content of a page only, one page with no printed number, Gutenberg via Gutendex."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import responses

from citecheck.errors import MalformedResponse, RateLimited, ServiceError, SourceUnavailable
from citecheck.http import HttpClient
from citecheck.model import Edition, Service
from citecheck.texts.markup import html_to_parts, make_soup, page_label
from citecheck.texts.web import (
    WebText,
    is_text_site,
    pages_from_web_body,
    parse_gutendex_books,
    strip_gutenberg_boilerplate,
)

WIKISOURCE = "https://en.wikisource.org/wiki/Radio_Address"


def _read(texts_dir: Path, name: str) -> str:
    return (texts_dir / "web" / name).read_text(encoding="utf-8")


def test_wikisource_page_keeps_only_the_text_of_the_work(texts_dir: Path) -> None:
    [page] = pages_from_web_body(_read(texts_dir, "wikisource_speech.html"))
    assert "Comrades! Citizens! Brothers and sisters!" in page.text
    for chrome in (
        "by an invented speaker",
        "A note of the edition",
        "Main menu",
        "Jump to content",
        "[edit]",
        "last edited",
        "wgBackendResponseTime",
        "previous next",
    ):
        assert chrome not in page.text


def test_wikisource_reference_markers_do_not_break_the_sentence(texts_dir: Path) -> None:
    [page] = pages_from_web_body(_read(texts_dir, "wikisource_speech.html"))
    assert "written for a test, in the shape of a speech" in page.text


def test_web_page_keeps_paragraphs_and_line_breaks(texts_dir: Path) -> None:
    [page] = pages_from_web_body(_read(texts_dir, "wikisource_speech.html"))
    assert "a speech.\n\nIt has a second paragraph,\nwith a line break" in page.text


def test_web_page_has_no_printed_page(texts_dir: Path) -> None:
    [page] = pages_from_web_body(_read(texts_dir, "wikisource_speech.html"))
    assert page.printed is None and page.leaf is None


def test_marxists_article_drops_the_navigation_and_the_footer(texts_dir: Path) -> None:
    [page] = pages_from_web_body(_read(texts_dir, "marxists_article.html"))
    assert "The first paragraph of the article" in page.text
    assert "Works Index" not in page.text


def test_gutenberg_html_drops_the_licence_and_splits_at_print_page_numbers(texts_dir: Path) -> None:
    pages = pages_from_web_body(_read(texts_dir, "gutenberg_book_with_pagenums.html"))
    assert [p.printed for p in pages] == [None, "11", "12"]
    assert pages[1].text.startswith("The book begins on page eleven")
    assert pages[2].text.startswith("which ends on page twelve")
    assert not any("PROJECT GUTENBERG" in p.text for p in pages)


def test_gutenberg_plain_text_drops_the_licence() -> None:
    body = "Licence header\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\nThe text.\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\nLicence"
    assert strip_gutenberg_boilerplate(body) == "The text."


def test_plain_text_body_is_one_page() -> None:
    [page] = pages_from_web_body("Just a letter.\n\nSigned.")
    assert page.text == "Just a letter.\n\nSigned."


def test_page_break_label_is_read_from_the_marker() -> None:
    soup = make_soup(
        '<span epub:type="pagebreak" title="xii" id="p12"></span><span class="pagenum">[Pg 253]</span>'
    )
    labels = [page_label(tag) for tag in soup.find_all("span")]
    assert labels == ["xii", "253"]


def test_aria_page_break_splits_the_text() -> None:
    parts = html_to_parts(
        '<body><p>one</p><div role="doc-pagebreak" aria-label="Page 7"></div><p>two</p></body>'
    )
    assert [(p.printed, p.text) for p in parts] == [(None, "one"), ("7", "two")]


def test_text_sites_are_told_from_catalog_records() -> None:
    assert is_text_site("https://www.marxists.org/reference/archive/x.htm")
    assert is_text_site(WIKISOURCE)
    assert not is_text_site("https://openlibrary.org/books/OL1M")


def test_gutendex_books_list_their_formats(texts_dir: Path) -> None:
    [found] = parse_gutendex_books(json.loads(_read(texts_dir, "gutendex_books_search.json")))
    assert found.id == 99901 and found.authors == ("Author, Invented",)
    assert found.text_url() == "https://www.gutenberg.org/ebooks/99901.html.images"


def test_gutendex_answer_without_results_is_malformed() -> None:
    with pytest.raises(MalformedResponse):
        parse_gutendex_books({"detail": "Not found."})


# ------------------------------------------------------------------ the provider


@responses.activate
def test_fetch_pages_gives_one_page_with_provenance(http: HttpClient, texts_dir: Path) -> None:
    responses.get(
        WIKISOURCE, body=_read(texts_dir, "wikisource_speech.html"), content_type="text/html"
    )
    [page] = WebText(http).fetch_pages(WIKISOURCE)
    assert page.provenance is not None and page.provenance.service is Service.WEB
    assert page.provenance.url.startswith(WIKISOURCE)


@responses.activate
def test_provider_reads_the_record_url_of_a_text_site_edition(
    http: HttpClient, texts_dir: Path
) -> None:
    responses.get(
        WIKISOURCE, body=_read(texts_dir, "wikisource_speech.html"), content_type="text/html"
    )
    pages = WebText(http).pages(Edition(title="Radio Address", record_url=WIKISOURCE))
    assert pages is not None and "Brothers and sisters" in pages[0].text


@responses.activate
def test_gutenberg_book_is_found_and_read(http: HttpClient, texts_dir: Path) -> None:
    responses.get(
        "https://gutendex.com/books",
        json=json.loads(_read(texts_dir, "gutendex_books_search.json")),
    )
    responses.get(
        "https://www.gutenberg.org/ebooks/99901.html.images",
        body=_read(texts_dir, "gutenberg_book_with_pagenums.html"),
        content_type="text/html",
    )
    web = WebText(http)
    [found] = web.find_gutenberg("invented book")
    pages = web.gutenberg_pages(found)
    assert responses.calls[0].request.params == {"search": "invented book"}
    assert pages is not None and pages[1].printed == "11"


@responses.activate
def test_timeout_becomes_source_unavailable(http: HttpClient) -> None:
    responses.get(WIKISOURCE, body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(SourceUnavailable):
        WebText(http).fetch_pages(WIKISOURCE)


@responses.activate
def test_429_becomes_rate_limited(http: HttpClient) -> None:
    responses.get(WIKISOURCE, status=429, headers={"Retry-After": "0"})
    with pytest.raises(RateLimited):
        WebText(http).fetch_pages(WIKISOURCE)


@responses.activate
def test_404_becomes_service_error(http: HttpClient) -> None:
    responses.get(WIKISOURCE, status=404)
    with pytest.raises(ServiceError):
        WebText(http).fetch_pages(WIKISOURCE)


@responses.activate
def test_a_page_without_body_text_is_refused_not_read_as_an_empty_text(http: HttpClient) -> None:
    responses.get(
        WIKISOURCE, body="<html><body><nav>Menu only</nav></body></html>", content_type="text/html"
    )
    with pytest.raises(MalformedResponse, match="no body text"):
        WebText(http).fetch_pages(WIKISOURCE)
