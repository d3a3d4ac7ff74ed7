"""Internet Archive / Open Library search inside, for lending-library books whose text cannot be downloaded.

``https://{server}/fulltext/inside.php?item_id=&doc=&path=&q=`` answers with snippets and word boxes.
``par[].page`` and ``boxes[].page`` are scan LEAF numbers (the ``_NNNN`` of the image files and of
djvu.xml's ``usemap``), never printed page numbers; the printed page comes from the item's
page-number mapping when that can be fetched, else it is None. ``leaf0_missing`` only moves the
viewer's image index (the leaves then start at 1), not the leaf itself: IA's own generator adds one
to the ABBYY page index exactly when leaf 0 is missing, so that ``page`` stays the leaf number.

Matching is exact-word only (no stemming, no wildcards), so the caller searches distinctive phrases
of the quotation (``distinctive_phrases``) rather than the whole quotation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from citecheck.errors import MalformedResponse, NotSearchable, ServiceError
from citecheck.http import HttpClient
from citecheck.model import Edition, Hit, Page, Provenance, Service
from citecheck.texts.ia_fulltext import IATextFiles, ItemTextFiles, fetch_page_map
from citecheck.texts.pagemap import EMPTY_PAGE_MAP, PageMap

# --------------------------------------------------------------------------------------------
# Choosing what to search for
# --------------------------------------------------------------------------------------------

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "shall",
        "may",
        "might",
        "must",
        "one",
        "also",
        "said",
    ]
)

# Ellipses and bracketed interpolations are gaps in the quotation: a phrase must not span them.
_GAP = re.compile(r"\.\s?\.\s?\.|…|\[[^\]]*\]|[—–]|\s-{1,2}\s|--|\n\s*\n")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MIN_WORDS, _MAX_WORDS = 4, 8


def _word_weight(word: str) -> float:
    if word.casefold() in STOPWORDS:
        return 0.1
    if any(ch.isdigit() for ch in word):
        return 0.3  # OCR mangles figures; they make poor anchors
    return 1.0 + min(len(word), 12) / 4


def distinctive_phrases(quotation_text: str, n: int = 3) -> list[str]:
    """Up to n non-overlapping runs of 4-8 words that best identify the quotation, best first.

    Runs never cross an ellipsis, an interpolation in brackets or a dash; long, rare (non-stopword)
    words score high, runs that begin or end with a stopword score lower. A quotation shorter than
    four words is returned whole. Punctuation is dropped: search inside matches exact words only.
    """
    runs = [_WORD.findall(part) for part in _GAP.split(quotation_text)]
    runs = [run for run in runs if run]
    if not runs:
        return []
    if sum(len(r) for r in runs) < _MIN_WORDS:
        return [" ".join(w for run in runs for w in run)]
    candidates: list[tuple[float, int, int, int]] = []  # (score, run, start, end)
    for r, run in enumerate(runs):
        if len(run) < _MIN_WORDS:
            continue
        for size in range(_MIN_WORDS, min(_MAX_WORDS, len(run)) + 1):
            for start in range(len(run) - size + 1):
                window = run[start : start + size]
                score = sum(_word_weight(w) for w in window)
                if window[0].casefold() in STOPWORDS:
                    score -= 0.5
                if window[-1].casefold() in STOPWORDS:
                    score -= 0.5
                if sum(w.casefold() not in STOPWORDS for w in window) < 2:
                    continue
                candidates.append((score, r, start, start + size))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen: list[tuple[int, int, int]] = []
    for _, r, start, end in candidates:
        if any(r == cr and start < ce and cs < end for cr, cs, ce in chosen):
            continue
        chosen.append((r, start, end))
        if len(chosen) == n:
            break
    if not chosen:  # every run is shorter than four words
        longest = max(runs, key=len)
        return [" ".join(longest)]
    return [" ".join(runs[r][s:e]) for r, s, e in chosen]


# --------------------------------------------------------------------------------------------
# Parsing inside.php
# --------------------------------------------------------------------------------------------

_MARKERS = re.compile(r"</?IA_FTS_MATCH>|\{\{\{|\}\}\}")


@dataclass(frozen=True, slots=True)
class InsideMatch:
    """One match of inside.php: its snippet (markers removed) and the leaves its words are on."""

    snippet: str
    leaves: tuple[int, ...]
    marked_terms: tuple[str, ...] = ()
    """The words the service marked as the hit, when it marked any."""


@dataclass(frozen=True, slots=True)
class InsideResult:
    """The whole answer of inside.php for one query."""

    matches: tuple[InsideMatch, ...]
    indexed: bool = True
    leaf0_missing: bool = False
    error: str = ""


def clean_snippet(text: str) -> str:
    """A snippet without hit markers (``<IA_FTS_MATCH>`` or ``{{{ }}}``) and with single spaces."""
    return " ".join(_MARKERS.sub("", text).split())


def _marked_terms(text: str) -> tuple[str, ...]:
    found = re.findall(r"<IA_FTS_MATCH>(.*?)</IA_FTS_MATCH>|\{\{\{(.*?)\}\}\}", text, re.DOTALL)
    return tuple(" ".join((a or b).split()) for a, b in found)


def _leaves_of(match: Mapping[str, Any]) -> tuple[int, ...]:
    leaves: list[int] = []
    for par in match.get("par") or ():
        if not isinstance(par, Mapping):
            continue
        # Word boxes say where the hit words are; the paragraph's page is the fallback.
        for box in par.get("boxes") or ():
            if isinstance(box, Mapping) and isinstance(box.get("page"), int):
                leaves.append(box["page"])
        if isinstance(par.get("page"), int):
            leaves.append(par["page"])
    return tuple(dict.fromkeys(leaves))


def parse_inside_response(data: Any) -> InsideResult:
    """Parse inside.php's JSON; raises MalformedResponse when it is not the documented shape."""
    if not isinstance(data, Mapping):
        raise MalformedResponse("inside.php did not answer with a JSON object")
    error = data.get("error")
    raw_matches = data.get("matches", [])
    if not isinstance(raw_matches, list):
        raise MalformedResponse("inside.php: 'matches' is not a list")
    if "matches" not in data and not error and data.get("indexed", True) is not False:
        raise MalformedResponse("inside.php: the answer has no 'matches'")
    matches = []
    for match in raw_matches:
        if not isinstance(match, Mapping) or not isinstance(match.get("text", ""), str):
            raise MalformedResponse("inside.php: a match is not an object with a 'text'")
        text = match.get("text", "")
        matches.append(
            InsideMatch(
                snippet=clean_snippet(text),
                leaves=_leaves_of(match),
                marked_terms=_marked_terms(text),
            )
        )
    return InsideResult(
        matches=tuple(matches),
        indexed=data.get("indexed", True) is not False,
        leaf0_missing=data.get("leaf0_missing") is True,
        error=str(error) if error else "",
    )


def hits_from_inside(
    result: InsideResult,
    page_map: PageMap,
    *,
    identifier: str,
    provenance: Provenance | None = None,
    details_url: str = "https://archive.org/details",
) -> list[Hit]:
    """One Hit per match: the leaf of its first word box, the printed page that leaf carries (or None)."""
    hits: list[Hit] = []
    for match in result.matches:
        leaf = match.leaves[0] if match.leaves else None
        printed = page_map.printed_for(leaf) if leaf is not None else None
        scan_url = ""
        if leaf is not None:
            index = page_map.viewer_index(leaf, leaf0_missing=result.leaf0_missing)
            scan_url = f"{details_url}/{identifier}/page/n{index}"
        hits.append(
            Hit(
                snippet=match.snippet,
                printed=printed,
                leaf=leaf,
                provenance=provenance,
                scan_url=scan_url,
                ocr=True,
            )
        )
    return hits


# --------------------------------------------------------------------------------------------
# The provider
# --------------------------------------------------------------------------------------------


def _query(phrase: str) -> str:
    words = phrase.replace('"', " ").split()
    return f'"{" ".join(words)}"' if len(words) > 1 else " ".join(words)


class InternetArchiveSearchInside:
    """Search inside one Internet Archive book: hits with their leaf and, when mapped, printed page."""

    service = Service.INTERNET_ARCHIVE
    name = "Internet Archive search inside"

    def __init__(self, http: HttpClient, files: ItemTextFiles | None = None) -> None:
        self.http = http
        self._lock = threading.Lock()
        self._files = files or ItemTextFiles(http)
        self._maps: dict[str, PageMap] = {}

    def can_serve(self, edition: Edition) -> bool:
        """True for any edition with an Internet Archive identifier (lending items included)."""
        return bool(edition.identifiers.internetarchive)

    def pages(self, edition: Edition) -> Sequence[Page] | None:
        """Always None: search inside never gives whole pages."""
        return None

    def search(self, edition: Edition, phrase: str) -> list[Hit]:
        """Hits for the phrase in the edition's first item that the archive knows."""
        for identifier in edition.identifiers.internetarchive:
            files = self._item_files(identifier)
            if files is not None:
                return self.search_item(files, phrase)
        return []

    def search_item(self, files: IATextFiles, phrase: str, doc: str | None = None) -> list[Hit]:
        """Hits for the phrase in one item (one doc of it); raises ServiceError when inside.php reports one."""
        doc = doc or files.main_doc()
        default = f"https://{files.server}" if files.server else "https://archive.org"
        base = self.http.base_url_for("ia_fulltext_search", default).rstrip("/")
        data, provenance = self.http.get_json(
            Service.INTERNET_ARCHIVE,
            f"{base}/fulltext/inside.php",
            {
                "item_id": files.identifier,
                "doc": doc,
                "path": files.dir,
                "q": _query(phrase),
                "pre_tag": "{{{",
                "post_tag": "}}}",
            },
        )
        with self.http.accepting(provenance):
            result = parse_inside_response(data)
            if result.error and not result.matches:
                # An error reported with status 200 is not an answer to keep.
                raise ServiceError(
                    f"search inside {files.identifier} failed: {result.error}",
                    service=str(Service.INTERNET_ARCHIVE),
                    url=provenance.url,
                )
        if not result.indexed:
            raise NotSearchable(
                f"{files.identifier}: its text is not indexed for search inside",
                service=str(Service.INTERNET_ARCHIVE),
                url=provenance.url,
            )
        if not result.matches:
            return []
        page_map = self._page_map(files, doc)
        return hits_from_inside(
            result,
            page_map,
            identifier=files.identifier,
            provenance=provenance,
            details_url=f"{self.http.base_url(Service.INTERNET_ARCHIVE)}/details",
        )

    def _item_files(self, identifier: str) -> IATextFiles | None:
        return self._files.get(identifier)

    def _page_map(self, files: IATextFiles, doc: str) -> PageMap:
        key = f"{files.identifier}/{doc}"
        with self._lock:
            if key in self._maps:
                return self._maps[key]
        page_map = fetch_page_map(self.http, files, doc) if files.docs else EMPTY_PAGE_MAP
        with self._lock:
            self._maps[key] = page_map
        return page_map
