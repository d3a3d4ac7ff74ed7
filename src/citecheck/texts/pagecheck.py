"""Is a web page that answered 200 really the text, and is its text read in the right charset?

A site in trouble often answers 200 with an error page ("Service Unavailable", a login wall, an
empty shell) or cuts the page off half-way; a server that labels UTF-8 as ISO-8859-1 turns every
dash and quote into mojibake ("â€”"), which changes verdicts. Either would be taken for the text
and verified against. So a page is refused with a named reason when:

- its title reads like an error (not found, unavailable, forbidden, error, 404/500/503, ...);
- it has no body text, or too little to be a text page (under ``MIN_TEXT_CHARS``);
- its markup stops before ``</html>`` (a truncated body);
- its text is much shorter than the other text pages of the same site read in this run;
- its text is still mojibake after decoding.

A body labelled Latin-1 (or cp1252) that is valid UTF-8 with non-ASCII bytes is already read as
UTF-8 by the HTTP client (``citecheck.http.mislabelled_utf8``); the mojibake check catches the rest.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urlsplit

from citecheck.errors import MalformedResponse
from citecheck.model import Service

MIN_TEXT_CHARS = 80
"""Fewer characters of main text than this is an error page or a stub, not a speech or article."""

SITE_SHARE = 0.1
"""A page under this share of the shortest text page already read from its site looks cut off."""

_ERROR_TITLE = re.compile(
    r"\b(?:not\s+found|page\s+not|unavailable|forbidden|access\s+denied|error|bad\s+gateway|"
    r"gateway\s+time-?out|too\s+many\s+requests|temporarily|maintenance|captcha|"
    r"just\s+a\s+moment|attention\s+required|[45]\d\d)\b",
    re.IGNORECASE,
)
# UTF-8 bytes of common punctuation and accented letters read as Latin-1 or cp1252.
_MOJIBAKE = re.compile(r"â€[\x80-\xbf\u0152-\u2122”™œ\x9d˜]|Ã[\x80-\xbf\u00a0-\u00bf]|Â[\xa0-\xbf]")
_LATIN1_LABELS = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "windows-1252", "cp1252"}
)


def mojibake_share(text: str) -> float:
    """Garbled sequences per 1,000 characters of text."""
    return 1000 * len(_MOJIBAKE.findall(text)) / max(1, len(text))


class WebPageCheck:
    """Checks pages as they arrive and remembers, per site, how long its text pages are."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shortest: dict[str, int] = {}

    def check(self, url: str, body: str, title: str, text: str) -> None:
        """Raise MalformedResponse naming what is wrong with the page; record it when it is fine."""
        problem = self.problem(url, body, title, text)
        if problem:
            raise MalformedResponse(
                f"{url} answered, but not with its text: {problem}",
                service=Service.WEB.value,
                url=url,
            )
        host = urlsplit(url).netloc.lower()
        with self._lock:
            self._shortest[host] = min(self._shortest.get(host, len(text)), len(text))

    def problem(self, url: str, body: str, title: str, text: str) -> str:
        """Why the page is not a text page, or empty when it looks like one."""
        is_html = "<html" in body[:4000].lower() or "<body" in body[:4000].lower()
        if is_html and _ERROR_TITLE.search(title):
            return f"the page is titled {title!r}, an error page"
        if not text.strip():
            return "the page has no body text"
        if len(text) < MIN_TEXT_CHARS:
            return f"the page holds only {len(text)} characters of text, too few for a text page"
        if is_html and "</html>" not in body[-4000:].lower() and "</body>" not in body.lower():
            return "the page stops before its end (no </body> or </html>): the body was cut off"
        if mojibake_share(text) > 1.0:
            return "its text is garbled (UTF-8 read in another charset: 'â€”', 'Ã©')"
        host = urlsplit(url).netloc.lower()
        with self._lock:
            shortest = self._shortest.get(host)
        if shortest and len(text) < SITE_SHARE * shortest:
            return (
                f"its text ({len(text)} characters) is a small part of this site's other text "
                f"pages (the shortest had {shortest}): it looks cut off or replaced"
            )
        return ""
