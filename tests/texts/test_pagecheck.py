"""Web pages that answer 200 but are not the text: error pages, stubs, cut-off and garbled pages."""

from __future__ import annotations

import pytest

from citecheck.errors import MalformedResponse
from citecheck.http import decode_body
from citecheck.texts.pagecheck import WebPageCheck, mojibake_share

SPEECH = "In case of a forced retreat of Red Army units, all rolling stock must be evacuated. " * 4
URL = "https://www.marxists.org/reference/archive/stalin/works/1941/07/03.htm"


def page(title: str, text: str, *, end: str = "</body></html>") -> str:
    return f"<html><head><title>{title}</title></head><body><p>{text}</p>{end}"


@pytest.mark.parametrize(
    "title",
    ["404 Not Found", "Service Unavailable", "Error", "Access Denied", "Just a moment..."],
)
def test_an_error_title_names_an_error_page(title: str) -> None:
    with pytest.raises(MalformedResponse, match="error page"):
        WebPageCheck().check(URL, page(title, SPEECH), title, SPEECH)


def test_a_page_without_text_is_refused() -> None:
    with pytest.raises(MalformedResponse, match="no body text"):
        WebPageCheck().check(URL, page("Radio Broadcast", ""), "Radio Broadcast", "")


def test_a_stub_is_too_short_for_a_text_page() -> None:
    with pytest.raises(MalformedResponse, match="too few"):
        WebPageCheck().check(URL, page("Radio Broadcast", "Loading"), "Radio Broadcast", "Loading")


def test_a_body_cut_off_before_its_end_is_refused() -> None:
    body = page("Radio Broadcast", SPEECH, end="")[:-10]
    with pytest.raises(MalformedResponse, match="cut off"):
        WebPageCheck().check(URL, body, "Radio Broadcast", SPEECH)


def test_a_page_far_shorter_than_the_sites_other_text_pages_is_refused() -> None:
    check = WebPageCheck()
    check.check(URL, page("Radio Broadcast", SPEECH * 10), "Radio Broadcast", SPEECH * 10)
    short = SPEECH[:120]
    with pytest.raises(MalformedResponse, match="other text"):
        check.check(URL.replace("03.htm", "04.htm"), page("Speech", short), "Speech", short)


def test_a_text_page_passes() -> None:
    WebPageCheck().check(URL, page("Radio Broadcast, July 3, 1941", SPEECH), "Radio", SPEECH)


def test_utf8_labelled_latin1_is_read_as_utf8() -> None:
    raw = "Lenin and Trotsky — dissensions".encode()
    assert decode_body(raw, "text/html; charset=ISO-8859-1") == "Lenin and Trotsky — dissensions"


def test_real_latin1_stays_latin1() -> None:
    raw = "señor".encode("latin-1")
    assert decode_body(raw, "text/html; charset=iso-8859-1") == "señor"


def test_garbled_text_is_refused() -> None:
    garbled = "Lenin and Trotsky â€” dissensions from which our Government hoped much â€™ " * 3
    assert mojibake_share(garbled) > 1.0
    with pytest.raises(MalformedResponse, match="garbled"):
        WebPageCheck().check(URL, page("British agent", garbled), "British agent", garbled)
