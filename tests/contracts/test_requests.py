"""Every request citecheck's clients build, checked against what each service documents it accepts.

The clients run for real (the whole check of the example talk, plus the lookups the talk does not
need) against the stand-in services of tests/e2e/talk_world.py; every request that goes out is
recorded and must match one documented endpoint, with only documented parameters and values. A
request the real service would refuse (Crossref's 400 for a field ``select`` does not offer, a
``maxResults`` over Google's 40, an id type HathiTrust does not know) fails here, not in use.

The documented lists, with their sources:
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import requests
import responses

from citecheck.check import check
from citecheck.config import Settings
from citecheck.errors import SourceError
from citecheck.http import HttpClient
from citecheck.services.crossref import CrossrefClient
from citecheck.services.googlebooks import GoogleBooksClient
from citecheck.services.loc import LibraryOfCongressClient
from citecheck.services.openlibrary import OpenLibraryClient
from citecheck.texts.hathitrust_search import HathiTrustSearch
from citecheck.texts.web import WebText

E2E = Path(__file__).resolve().parents[1] / "e2e"
sys.path.insert(0, str(E2E))
import talk_world  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Crossref --------------------------------------------------------------------------------
# Parameters of /works: CrossRef/rest-api-doc, rest_api.md ("Parameters", "Field Queries",
# "Deep Paging with Cursors"), and https://www.crossref.org/documentation/retrieve-metadata/rest-api/
# for query.bibliographic and select; mailto: .../rest-api/access-and-authentication/.
CROSSREF_WORKS_PARAMETERS = frozenset(
    {
        "query",
        "query.bibliographic",
        "query.title",
        "query.container-title",
        "query.author",
        "query.editor",
        "query.chair",
        "query.translator",
        "query.contributor",
        "filter",
        "rows",
        "offset",
        "sample",
        "sort",
        "order",
        "facet",
        "cursor",
        "select",
        "mailto",
    }
)
# The fields Crossref lets a client select, as its own refusal lists them; quoted verbatim in
# public clients (REST::Client::CrossRef's documentation, "Fields that may be use for selection are
# (October 2018)", and the crossref R helpers' "Valid selects for crossref API are"). No
# ``language``: asking for it is what made every search of citecheck's fail with a 400.
CROSSREF_SELECTABLE = _names(
    "abstract URL resource member posted score created degree update-policy short-title license "
    "ISSN container-title issued update-to issue prefix approved indexed article-number "
    "clinical-trial-number accepted author group-title DOI is-referenced-by-count updated-by "
    "event chair standards-body original-title funder translator published archive "
    "published-print alternative-id subject subtitle published-online publisher-location "
    "content-domain reference title link type publisher volume references-count ISBN issn-type "
    "assertion deposited page content-created short-container-title relation editor"
)
CROSSREF_MAX_ROWS = 1000  # rest_api.md, "Rows"
# /works/{doi} takes no field queries: the recorded 400 "parameter-not-allowed" says so
# (../shared/api-samples/crossref/works-doi_query-author_400_validation-failure_*.json).
CROSSREF_WORK_PARAMETERS = frozenset({"mailto"})

# --- Open Library ----------------------------------------------------------------------------
# search.json: internetarchive/openlibrary, openlibrary/plugins/worksearch/code.py (q, title,
# author, fields, page, limit, offset, sort, ...); the fields a work document has: the SolrDocument
# of openlibrary/solr/solr_types.py. editions.json: limit, offset (same repository,
# openlibrary/plugins/openlibrary/api.py). Books API: https://openlibrary.org/dev/docs/api/books
# (bibkeys, format, jscmd).
OPENLIBRARY_SEARCH_PARAMETERS = frozenset(
    {
        "q",
        "title",
        "author",
        "subject",
        "isbn",
        "publisher",
        "fields",
        "page",
        "limit",
        "offset",
        "sort",
        "lang",
    }
)
OPENLIBRARY_SOLR_FIELDS = _names(
    "key type redirects has_fulltext title title_suggest title_sort subtitle alternative_title "
    "alternative_subtitle edition_count edition_key cover_edition_key by_statement publish_date "
    "publish_year first_publish_year first_edition first_publisher language number_of_pages_median "
    "lccn ia ia_box_id ia_loaded_id ia_count ia_collection oclc isbn ebook_access lcc lcc_sort ddc "
    "ddc_sort lexile contributor publish_place publisher format publisher_facet first_sentence "
    "author_key author_name author_alternative_name author_facet subject subject_facet subject_key "
    "place place_facet place_key person person_facet person_key time time_facet time_key "
    "ratings_average ratings_count public_scan_b lending_edition_s lending_identifier_s "
    "ia_collection_s ebook_count_i printdisabled_s"
)
OPENLIBRARY_EDITIONS_PARAMETERS = frozenset({"limit", "offset"})
OPENLIBRARY_BOOKS_PARAMETERS = frozenset({"bibkeys", "format", "jscmd"})

# --- Library of Congress ---------------------------------------------------------------------
# https://www.loc.gov/apis/json-and-yaml/requests/ (fo, at, q, fa, c, sp, sb); ``all=true``
# (include records without digital content) is described only in third-party guides.
LOC_PARAMETERS = frozenset({"fo", "at", "q", "fa", "c", "sp", "sb", "all"})
LOC_FORMATS = frozenset({"json", "yaml"})

# --- Google Books ----------------------------------------------------------------------------
# https://developers.google.com/books/docs/v1/reference/volumes/list: q (required), download,
# filter, langRestrict, libraryRestrict, maxAllowedMaturityRating, maxResults (0-40), orderBy,
# partner, printType (all, books, magazines), projection, showPreorders, source, startIndex; plus
# the standard key and country parameters.
GOOGLE_VOLUMES_PARAMETERS = frozenset(
    {
        "q",
        "download",
        "filter",
        "langRestrict",
        "libraryRestrict",
        "maxAllowedMaturityRating",
        "maxResults",
        "orderBy",
        "partner",
        "printType",
        "projection",
        "showPreorders",
        "source",
        "startIndex",
        "key",
        "country",
    }
)
GOOGLE_PRINT_TYPES = frozenset({"all", "books", "magazines"})
GOOGLE_MAX_RESULTS = 40

# --- HathiTrust ------------------------------------------------------------------------------
# Bibliographic API: https://www.hathitrust.org/bib_api (ENDPOINTS.md 3.1): /api/volumes/
# {brief|full}/json/{idtype}:{id}[|...], idtype one of oclc, isbn, lccn, issn, htid, recordnumber.
HATHI_ID_TYPES = frozenset({"oclc", "isbn", "lccn", "issn", "htid", "recordnumber"})
# Search in a volume: hathitrust/babel pt/lib/PT/PIFiller/Search.pm (q1, id, start, size, sort).
HATHI_SEARCH_PARAMETERS = frozenset({"q1", "id", "start", "size", "sort", "anyall"})

# --- Internet Archive ------------------------------------------------------------------------
# advancedsearch.php: ENDPOINTS.md 1.5 and the recorded request of
# ../shared/api-samples/internetarchive/advancedsearch_collection-nasa_rows50.json
# (q, fl[], sort[], rows, page/start, output).
IA_ADVANCEDSEARCH_PARAMETERS = frozenset({"q", "fl[]", "sort[]", "rows", "page", "start", "output"})
# inside.php: internetarchive/bookreader src/plugins/search/plugin.search.js and ENDPOINTS.md 1.1.
IA_INSIDE_PARAMETERS = frozenset({"item_id", "doc", "path", "q", "pre_tag", "post_tag", "callback"})
# Full-text search: ENDPOINTS.md 1.2 (SERGIUSH-UA/nyshporka src/nyshporka/sources/ia.py).
IA_FTS_PARAMETERS = frozenset(
    {"user_query", "service_backend", "hits_per_page", "page", "filter_map", "sort"}
)

# --- Gutendex --------------------------------------------------------------------------------
# https://gutendex.com (README of garethbjohnson/gutendex): search, languages, topic, ids,
# author_year_start, author_year_end, copyright, mime_type, sort, page.
GUTENDEX_PARAMETERS = frozenset(
    {
        "search",
        "languages",
        "topic",
        "ids",
        "author_year_start",
        "author_year_end",
        "copyright",
        "mime_type",
        "sort",
        "page",
    }
)


# --------------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str
    host: re.Pattern[str]
    path: re.Pattern[str]
    parameters: frozenset[str]
    values: Callable[[dict[str, list[str]], str], list[str]] = field(default=lambda _p, _path: [])


def _crossref_values(params: dict[str, list[str]], _path: str) -> list[str]:
    problems = []
    for value in params.get("select", []):
        unknown = set(value.split(",")) - CROSSREF_SELECTABLE
        if unknown:
            problems.append(f"select names fields Crossref does not offer: {sorted(unknown)}")
    for value in params.get("rows", []):
        if not value.isdigit() or int(value) > CROSSREF_MAX_ROWS:
            problems.append(f"rows={value} is not an integer up to {CROSSREF_MAX_ROWS}")
    if "cursor" in params and ("offset" in params or "sample" in params):
        problems.append("cursor cannot be combined with offset or sample")
    return problems


def _openlibrary_values(params: dict[str, list[str]], _path: str) -> list[str]:
    problems = []
    for value in params.get("fields", []):
        unknown = set(value.split(",")) - OPENLIBRARY_SOLR_FIELDS - {"*"}
        if unknown:
            problems.append(f"fields names no work field: {sorted(unknown)}")
    for value in params.get("limit", []):
        if not value.isdigit():
            problems.append(f"limit={value} is not a number")
    return problems


def _loc_values(params: dict[str, list[str]], _path: str) -> list[str]:
    problems = [f"fo={v}" for v in params.get("fo", []) if v not in LOC_FORMATS]
    if not params.get("fo"):
        problems.append("fo=json is missing: loc.gov would answer with a web page")
    problems += [f"c={v}" for v in params.get("c", []) if not v.isdigit()]
    return problems


def _google_values(params: dict[str, list[str]], _path: str) -> list[str]:
    problems = [
        f"printType={v}" for v in params.get("printType", []) if v not in GOOGLE_PRINT_TYPES
    ]
    for value in params.get("maxResults", []):
        if not value.isdigit() or int(value) > GOOGLE_MAX_RESULTS:
            problems.append(f"maxResults={value} is over {GOOGLE_MAX_RESULTS}")
    if not params.get("q", [""])[0].strip():
        problems.append("q is required")
    return problems


def _hathi_values(_params: dict[str, list[str]], path: str) -> list[str]:
    ids = unquote(path.rsplit("/", 1)[-1]).split("|")
    return [
        f"{i!r} has no known id type"
        for i in ids
        if ":" not in i or i.split(":", 1)[0] not in HATHI_ID_TYPES or not i.split(":", 1)[1]
    ]


def _ia_values(params: dict[str, list[str]], path: str) -> list[str]:
    if path.endswith("advancedsearch.php") and params.get("output") != ["json"]:
        return ["output=json is missing"]
    return []


ENDPOINTS = (
    Endpoint("crossref works", re.compile(r"api\.crossref\.org"), re.compile(r"^/works$"), CROSSREF_WORKS_PARAMETERS, _crossref_values),
    Endpoint("crossref work", re.compile(r"api\.crossref\.org"), re.compile(r"^/works/10\.\S+"), CROSSREF_WORK_PARAMETERS),
    Endpoint("openlibrary search", re.compile(r"openlibrary\.org"), re.compile(r"^/search\.json$"), OPENLIBRARY_SEARCH_PARAMETERS, _openlibrary_values),
    Endpoint("openlibrary editions", re.compile(r"openlibrary\.org"), re.compile(r"^/works/OL\d+W/editions\.json$"), OPENLIBRARY_EDITIONS_PARAMETERS, _openlibrary_values),
    Endpoint("openlibrary record", re.compile(r"openlibrary\.org"), re.compile(r"^/(works/OL\d+W|books/OL\d+M|authors/OL\d+A)\.json$"), frozenset()),
    Endpoint("openlibrary books api", re.compile(r"openlibrary\.org"), re.compile(r"^/api/books$"), OPENLIBRARY_BOOKS_PARAMETERS),
    Endpoint("loc search", re.compile(r"www\.loc\.gov"), re.compile(r"^/(books|search)/$"), LOC_PARAMETERS, _loc_values),
    Endpoint("loc item", re.compile(r"www\.loc\.gov"), re.compile(r"^/item/[a-z0-9]+/$"), LOC_PARAMETERS, _loc_values),
    Endpoint("google volumes", re.compile(r"www\.googleapis\.com"), re.compile(r"^/books/v1/volumes$"), GOOGLE_VOLUMES_PARAMETERS, _google_values),
    Endpoint("google volume", re.compile(r"www\.googleapis\.com"), re.compile(r"^/books/v1/volumes/[\w-]+$"), frozenset({"key", "projection", "country"})),
    Endpoint("hathitrust brief", re.compile(r"catalog\.hathitrust\.org"), re.compile(r"^/api/volumes/(brief|full)/json/.+$"), frozenset(), _hathi_values),
    Endpoint("hathitrust search", re.compile(r"babel\.hathitrust\.org"), re.compile(r"^/cgi/pt/search$"), HATHI_SEARCH_PARAMETERS),
    Endpoint("ia advancedsearch", re.compile(r"^archive\.org$"), re.compile(r"^/advancedsearch\.php$"), IA_ADVANCEDSEARCH_PARAMETERS, _ia_values),
    Endpoint("ia metadata", re.compile(r"^archive\.org$"), re.compile(r"^/metadata/[\w.-]+$"), frozenset()),
    Endpoint("ia download", re.compile(r"^archive\.org$"), re.compile(r"^/download/[\w.-]+/[\w.-]+$"), frozenset()),
    Endpoint("ia inside", re.compile(r"^ia\d+\.us\.archive\.org$"), re.compile(r"^/fulltext/inside\.php$"), IA_INSIDE_PARAMETERS),
    Endpoint("ia full-text search", re.compile(r"^archive\.org$"), re.compile(r"^/services/search/beta/page_production/$"), IA_FTS_PARAMETERS),
    Endpoint("gutendex", re.compile(r"gutendex\.com"), re.compile(r"^/books/?$"), GUTENDEX_PARAMETERS),
)  # fmt: skip


def problems_of(url: str, web_urls: frozenset[str] = frozenset()) -> list[str]:
    """What the documented API of the URL's service would refuse in it; [] when nothing."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}{parts.path}" in web_urls:
        return []  # a web text the bibliography names: fetched as given
    params: dict[str, list[str]] = {}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        params.setdefault(name, []).append(value)
    for endpoint in ENDPOINTS:
        if endpoint.host.search(parts.netloc) and endpoint.path.search(parts.path):
            problems = [
                f"{endpoint.name}: undocumented parameter {name!r}"
                for name in params
                if name not in endpoint.parameters
            ]
            return problems + [f"{endpoint.name}: {p}" for p in endpoint.values(params, parts.path)]
    return [f"no documented endpoint for {parts.netloc}{parts.path}"]


# --------------------------------------------------------------------------------------------
# The requests the clients build
# --------------------------------------------------------------------------------------------

WEB_URLS = frozenset({*talk_world.WEB_TEXTS, *talk_world.FAILING_WEB})


def _route(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
    url = urlsplit(request.url or "")
    params = dict(parse_qsl(url.query))
    service = talk_world.HOST_SERVICES.get(url.netloc)
    if url.netloc == "gutendex.com":
        return (
            200,
            {"Content-Type": "application/json"},
            '{"count": 0, "next": null, "previous": null, "results": []}',
        )
    if service is None:
        return talk_world.answer("web", f"{url.scheme}://{url.netloc}{url.path}", params)
    return talk_world.answer(service, url.path, params)


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """Every URL the clients ask for: a whole check of the talk, then the other lookups."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.GET, re.compile(r".*"), callback=_route)
        settings = Settings(
            cache_dir=tmp_path_factory.mktemp("cache"), max_retries=0, contact="me@example.org"
        )
        http = HttpClient(settings, sleep=lambda _s: None)
        check(
            REPO / "examples" / "truth-about-stalin.txt",
            bibliography=REPO / "references.bib",
            settings=settings,
            http=http,
        )
        lookups: list[Callable[[], object]] = [
            lambda: CrossrefClient(http).work("10.2307/125311"),
            lambda: OpenLibraryClient(http).books(["ISBN:0385147414", "LCCN:46001735"]),
            lambda: OpenLibraryClient(http).edition("OL4730150M"),
            lambda: OpenLibraryClient(http).work("OL1968474W"),
            lambda: LibraryOfCongressClient(http).item("41-51617"),
            lambda: GoogleBooksClient(http).find_editions(
                "Mission to Moscow", ["Davies"], limit=100
            ),
            lambda: HathiTrustSearch(http).search_volume("mdp.39015000000000", "a phrase"),
            lambda: WebText(http).find_gutenberg("My Life Trotsky"),
        ]
        for lookup in lookups:
            # The stand-in may not know the record: only the request matters here.
            with contextlib.suppress(SourceError):
                lookup()
        yield [call.request.url or "" for call in mock.calls]


def test_the_clients_ask_every_documented_kind_of_request(sent: list[str]) -> None:
    asked = {
        e.name
        for url in sent
        for e in ENDPOINTS
        if e.host.search(urlsplit(url).netloc) and e.path.search(urlsplit(url).path)
    }
    assert asked >= {
        "crossref works",
        "crossref work",
        "openlibrary search",
        "openlibrary editions",
        "openlibrary books api",
        "loc search",
        "loc item",
        "google volumes",
        "hathitrust brief",
        "hathitrust search",
        "ia advancedsearch",
        "ia metadata",
        "ia download",
        "ia inside",
        "ia full-text search",
        "gutendex",
    }


def test_every_request_is_one_the_service_documents(sent: list[str]) -> None:
    refused = {url: problems_of(url, WEB_URLS) for url in sent}
    assert {url: p for url, p in refused.items() if p} == {}


# --- the checker refuses what the services refuse -------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://api.crossref.org/works?query.bibliographic=x&select=DOI,title,language",
        "https://api.crossref.org/works?query.bibliographic=x&rows=things",
        "https://api.crossref.org/works/10.1371/journal.pone.0033693?query.author=carl+boettiger",
        "https://api.crossref.org/works?query.bibliographic=x&cursor=*&offset=20",
        "https://openlibrary.org/search.json?title=x&fields=key,pages",
        "https://www.loc.gov/books/?q=x",
        "https://www.googleapis.com/books/v1/volumes?q=x&maxResults=100",
        "https://www.googleapis.com/books/v1/volumes?q=x&printType=book",
        "https://catalog.hathitrust.org/api/volumes/brief/json/0385147414",
        "https://archive.org/advancedsearch.php?q=x&fl=identifier&output=json",
        "https://example.org/unknown/api",
    ],
)
def test_a_request_the_service_would_refuse_is_caught(url: str) -> None:
    assert problems_of(url) != []


def test_a_documented_request_passes() -> None:
    assert (
        problems_of(
            "https://api.crossref.org/works?query.bibliographic=x&rows=5&select=DOI,title,ISBN"
        )
        == []
    )
