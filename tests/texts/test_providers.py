"""The texts package: one interface, the providers in order, and the names it promises."""

from __future__ import annotations

from citecheck import texts
from citecheck.http import HttpClient
from citecheck.model import Page
from citecheck.texts import TextProvider, providers_for
from citecheck.texts.local import LocalFileText
from citecheck.texts.pagesearch import search_pages


def test_public_names_are_exactly_those_promised() -> None:
    assert sorted(texts.__all__) == [
        "GoogleBooksSnippets",
        "HathiTrustSearch",
        "InternetArchiveFullText",
        "InternetArchiveSearchInside",
        "LocalFileText",
        "PageMap",
        "TextProvider",
        "WebText",
        "distinctive_phrases",
        "load_pages",
        "providers_for",
    ]
    for name in texts.__all__:
        assert hasattr(texts, name)


def test_every_network_provider_implements_the_interface(http: HttpClient) -> None:
    assert all(isinstance(p, TextProvider) for p in providers_for(http))


def test_providers_come_whole_pages_first_and_snippets_last(http: HttpClient) -> None:
    names = [p.name for p in providers_for(http)]
    assert names[0] == "Internet Archive full text"
    assert names[-1] == "Google Books snippets"


def test_local_file_provider_implements_the_interface() -> None:
    assert isinstance(LocalFileText("talk-sources/book.pdf"), TextProvider)


def test_page_search_ignores_case_and_punctuation() -> None:
    pages = [
        Page(text="He said: “There were NO Fifth-Columnists in Russia.”", printed="326", leaf=350)
    ]
    assert [(h.printed, h.leaf) for h in search_pages(pages, "no fifth columnists")] == [
        ("326", 350)
    ]


def test_page_search_gives_one_hit_per_page() -> None:
    pages = [
        Page(text="the trials the trials", printed="1"),
        Page(text="no trials here", printed="2"),
    ]
    assert [h.printed for h in search_pages(pages, "the trials")] == ["1"]


def test_page_search_for_nothing_finds_nothing() -> None:
    assert search_pages([Page(text="text", printed="1")], " ... ") == []
