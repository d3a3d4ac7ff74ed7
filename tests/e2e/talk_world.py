"""A stand-in for the services the example talk needs, answering in their real formats.

Test data written for the project, not recordings. Every answer follows the shape of a real
recorded response in ``../shared/api-samples`` (Open Library search.json and work editions,
Internet Archive metadata, advancedsearch, djvu.xml, _page_numbers.json and inside.php, the
HathiTrust brief API, Crossref works) or, where no sample exists, the service's documentation
(loc.gov ``fo=json``: https://www.loc.gov/apis/json-and-yaml/; Google Books volumes:
https://developers.google.com/books/docs/v1/reference/volumes/list). The identifiers and page
texts are invented: the talk's quotations stand in them as the books print them (or as these
fixtures say the books print them), with invented sentences around them. One text is real: the
Cassidy bulletin is loaded from the example's stored copy of the page (see ``CASSIDY``). Leaves and printed pages
differ by an offset that changes inside a book, as in real scans.

``answer(service, path, params)`` is the whole stand-in: the end-to-end test routes ``responses``
to it, and ``benchmarks/check_network.py`` serves it on loopback.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

EXAMPLE_SOURCES = Path(__file__).resolve().parents[2] / "examples" / "sources"


# ------------------------------------------------------------------------------------------
# The books
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Book:
    identifier: str
    """The Internet Archive item, or "" when no scan exists."""
    title: str
    authors: tuple[str, ...]
    year: int
    publisher: str
    place: str
    page_count: int
    isbn: tuple[str, ...]
    ol_work: str
    ol_edition: str
    lending: bool = False
    other_editions: tuple[dict[str, object], ...] = ()
    """Further Open Library edition records of the same work (without a scan)."""
    pages: dict[int, tuple[str, str]] = field(default_factory=dict)
    """leaf -> (printed page, text); paragraphs separated by blank lines."""


GREY_253 = (
    "The Second Five-Year Plan carried the work further and set new centres of industry far "
    "from the western frontier.\n\n"
    "The redistribution of industry led to the development of a second coal and steel industry "
    "in the Ural-Kuznetsk combine. Magnitogorsk, the center of a new industrial region of the "
    "Urals began in 1931 as a collection of huts, housing the workers who were building the "
    "furnaces and rolling mills; eight years later it was a city of 146,000 inhabitants. "
    "Kuznetsk in Siberia, known in 1932 as Stalinsk, and Karaganda in Kazakhstan, grew into "
    "great industrial cities in the same brief period. The cost in human suffering was "
    "immense."
)
GREY_144 = (
    "The Civil War was ending and Trotsky turned his energy to the economy.\n\n"
    "He insisted that labour must be subject to the same strict discipline as the Red Army. "
    "Wholly authoritarian in outlook and without the least understanding of or feeling for "
    "human needs and emotions, he set about imposing this discipline. The immediate result "
    "was an angry storm of protest and rebellion.\n\n"
    "Trotsky came into direct conflict with the trade unions. In 1920 he had mobilized the "
    "railwaymen under army discipline. Then, again in the face of union opposition, he had "
    "set up his own transport authority, the Central Transport Committee, known as Tsektran. "
    "His highhanded treatment of this union and his threats that he would deal likewise with "
    "other unions infuriated unionist members of the Party.\n\n"
    "Lenin, supported by ten members of the nineteen Central Committee members, including "
    "Stalin, Zinoviev, and Kamenev, proposed some moderating of party rule. Immediate "
    "abolition of Trotsky's hated Tsektran was to be the first step. Trotsky violently "
    'opposed such "liberal" policies. He was supported by Bukharin, Dzerzhinsky, and the '
    "three members then in charge of the party Secretariat."
)
CONSPIRACY_31 = (
    "Lockhart saw Trotsky for two hours in his private office at Smolny. That same night he "
    "recorded his impressions in his diary:\n\n"
    '"He strikes me as a man who would willingly die fighting for Russia provided there was a '
    'big enough audience to see him do it."'
)
CONSPIRACY_318 = (
    "Writing in 1941, after the Nazi invasion, the former Ambassador looked back on the trials.\n\n"
    '"All of these trials, purges and liquidations, which seemed so violent at the time and '
    "shocked the world, are now quite clearly a part of a vigorous and determined effort of "
    "the Stalin government to protect itself not only from revolution from within but from "
    "attack from without. They went to work thoroughly to clean up and clean out all "
    "treasonable elements within the country. All doubts were resolved in favor of the "
    'government. There were no Fifth Columnists in Russia in 1941. They had shot them."'
)
LOCKHART_226 = (
    "The Foreign Office was very interested in these dissensions between Lenin and Trotsky — "
    "dissensions from which our Government hoped much. I saw Trotsky for the first time on "
    "my return from Brest."
)
LOCKHART_232 = (
    "That night I wrote in my diary: He strikes me as a man who would willingly die fighting "
    "for Russia provided there was a big enough audience to see him do it."
)

MY_LIFE = (
    "During 1926 the Party struggle developed with increased intensity. In the autumn the "
    "Opposition even made an open sortie at the meetings of the Party locals, but the "
    "apparatus answered it with a fury that left no doubt of what was coming."
)

GREY = Book(
    identifier="stalinmanofhisto00grey",
    title="Stalin, man of history",
    authors=("Ian Grey",),
    year=1979,
    publisher="Doubleday",
    place="Garden City, N.Y.",
    page_count=548,
    isbn=("0385147414",),
    ol_work="OL1968474W",
    ol_edition="OL4730150M",
    pages={
        5: ("", "STALIN\n\nMan of History\n\nIAN GREY"),
        160: ("142", "Filler text on page one hundred and forty-two about the Civil War."),
        161: ("143", "Filler text on page one hundred and forty-three about war communism."),
        162: ("144", GREY_144),
        163: ("145", "At the Tenth Congress the trade union debate was settled."),
        # a plate between leaves 163 and 166 shifts the offset from 18 to 19
        164: ("", "Plate: Stalin in 1920."),
        271: ("252", "Magnitogorsk was the pride of the plan."),
        272: ("253", GREY_253),
        273: ("254", "The Seventeenth Congress met in January 1934."),
    },
)
CONSPIRACY = Book(
    identifier="greatconspiracyse00saye",
    title="The great conspiracy; the secret war against Soviet Russia",
    authors=("Michael Sayers", "Albert E. Kahn"),
    year=1946,
    publisher="Little, Brown",
    place="Boston",
    page_count=433,
    isbn=(),
    ol_work="OL4461372W",
    ol_edition="OL6495122M",
    other_editions=(
        {
            "key": "/books/OL9990001M",
            "title": "The great conspiracy against Russia",
            "authors": [{"key": "/authors/OL1234567A"}],
            "publishers": ["Collins"],
            "publish_places": ["London"],
            "publish_date": "1946",
            "number_of_pages": 320,
            "works": [{"key": "/works/OL4461372W"}],
            "type": {"key": "/type/edition"},
        },
    ),
    pages={
        3: ("v", "CONTENTS"),
        41: ("31", CONSPIRACY_31),
        42: ("", "Plate: R. H. Bruce Lockhart."),
        43: ("32", "Lockhart's reports went to the War Cabinet."),
        342: ("318", CONSPIRACY_318),
        350: ("326", "The fifth column in Russia had been destroyed before the invasion."),
    },
)
LOCKHART = Book(
    identifier="britishagent00lock",
    title="British agent",
    authors=("R. H. Bruce Lockhart",),
    year=1933,
    publisher="G.P. Putnam's Sons",
    place="New York",
    page_count=355,
    isbn=(),
    ol_work="OL1170541W",
    ol_edition="OL6289571M",
    lending=True,
    pages={244: ("226", LOCKHART_226), 250: ("232", LOCKHART_232)},
)
DAVIES = Book(
    identifier="",
    title="Mission to Moscow",
    authors=("Joseph E. Davies",),
    year=1941,
    publisher="Simon and Schuster",
    place="New York",
    page_count=683,
    isbn=(),
    ol_work="OL1834623W",
    ol_edition="OL6415362M",
)
TROTSKY = Book(
    identifier="mylifeattempt00trot",
    title="My life; an attempt at an autobiography",
    authors=("Leon Trotsky",),
    year=1930,
    publisher="C. Scribner's Sons",
    place="New York",
    page_count=599,
    isbn=(),
    ol_work="OL1145036W",
    ol_edition="OL6746813M",
    pages={
        530: ("519", "The Fifteenth Conference met in the autumn of 1926."),
        531: ("520", MY_LIFE),
    },
)
STALIN_WORKS_10_53 = (
    "The bourgeoisie is forming a united front against the U.S.S.R. Something like a united "
    "front from Chamberlain to Trotsky is being formed. Such is the situation in the Party."
)
STALIN_WORKS_10 = Book(
    identifier="worksofstalin10stal",
    title="Works, volume 10: August-December 1927",
    authors=("J. V. Stalin",),
    year=1954,
    publisher="Foreign Languages Publishing House",
    place="Moscow",
    page_count=412,
    isbn=(),
    ol_work="OL1000010W",
    ol_edition="OL1000010M",
    pages={
        60: ("52", "Speech at the joint plenum, 1 August 1927."),
        61: ("53", STALIN_WORKS_10_53),
    },
)
BOOKS = (GREY, CONSPIRACY, LOCKHART, DAVIES, TROTSKY, STALIN_WORKS_10)
"""Stalin's Works are reachable only by full-text search: no citation of the talk names them."""

# ------------------------------------------------------------------------------------------
# Web texts (the references.bib URLs)
# ------------------------------------------------------------------------------------------

BROADCAST = (
    "In case of a forced retreat of Red Army units, all rolling stock must be evacuated. The "
    "collective farmers must drive off all their cattle and turn over their grain to the "
    "safe-keeping of State authorities for transportation to the rear. All valuable property, "
    "including non-ferrous metals, grain and fuel which cannot be withdrawn, must be destroyed "
    "without fail.\n\n"
    "In areas occupied by the enemy, guerrilla units, mounted and foot, must be formed, "
    "diversionist groups must be organized to combat enemy units, to foment guerrilla warfare "
    "everywhere, to blow up bridges and roads, damage telephone and telegraph lines, set fire "
    "to forests, stores, transports. In occupied regions conditions must be made unbearable "
    "for the enemy and all his accomplices. They must be hounded and annihilated at every "
    "step, and all their measures frustrated.\n\n"
    "This war with fascist Germany cannot be considered an ordinary war. It is not only a war "
    "between two armies, it is also a great war of the entire Soviet people against the German "
    "fascist forces.\n\n"
    "The aim of this national war in defense of our country against the fascist oppressors is "
    "not only elimination of the danger hanging over our country, but also aid to all European "
    "peoples groaning under the yoke of German fascism."
)
# The Embassy's Information Bulletin as the ibiblio page prints it ("in the nearest future"),
# copied verbatim with its provenance into the example's source store. That copy stops before the
# third answer, which the talk also quotes: the last paragraph is this fixture's own (the talk's
# words, with "honor" for the talk's "honour" as this fixture supposes), not copied from the page.
CASSIDY = (
    json.loads(
        (EXAMPLE_SOURCES / "stalin1942cassidy" / "excerpt_www.ibiblio.org.json").read_text("utf-8")
    )["pages"][0]["text"].rstrip()
    + "\n\nThere need be no doubt that the Red Army will fulfil its task with honor as it "
    "has been fulfilling it throughout the war."
)
WEB_TEXTS = {
    "https://www.marxists.org/reference/archive/stalin/works/1941/07/03.htm": (
        "Radio Broadcast, July 3, 1941",
        BROADCAST,
    ),
    "http://www.ibiblio.org/pha/policy/1942/421113a.html": ("Stalin to Cassidy", CASSIDY),
}
FAILING_WEB = {
    # The agrarian speech's page answers 503 every time: its quotation stays unverifiable.
    "https://www.marxists.org/reference/archive/stalin/works/1929/12/27.htm": 503,
}


# ------------------------------------------------------------------------------------------
# Answers, service by service
# ------------------------------------------------------------------------------------------

Answer = tuple[int, dict[str, str], str]
_JSON = {"Content-Type": "application/json"}
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in {"the", "and"}}


def _json(data: object, status: int = 200) -> Answer:
    return status, dict(_JSON), json.dumps(data)


def _matching_books(query: str) -> list[Book]:
    wanted = _words(query)
    found = []
    for book in BOOKS:
        have = _words(book.title) | _words(" ".join(book.authors))
        title_words = _words(book.title.split(";")[0])
        if (
            wanted and title_words and len(title_words & wanted) >= max(1, len(title_words) // 2)
        ) or (wanted and wanted <= have):
            found.append(book)
    return found


def _ol_search(params: dict[str, str]) -> Answer:
    query = " ".join(params.get(k, "") for k in ("q", "title", "author"))
    docs = [
        {
            "key": f"/works/{b.ol_work}",
            "title": b.title.split(";")[0].capitalize(),
            "author_name": list(b.authors),
            "first_publish_year": b.year,
            "publish_year": [b.year],
            "edition_count": 1,
            "edition_key": [b.ol_edition],
            "publisher": [b.publisher],
            "publish_place": [b.place],
            "number_of_pages_median": b.page_count,
            "isbn": list(b.isbn),
            "ia": [b.identifier] if b.identifier else [],
            "has_fulltext": bool(b.identifier),
            "ebook_access": ("borrowable" if b.lending else "public")
            if b.identifier
            else "no_ebook",
            "language": ["eng"],
        }
        for b in _matching_books(query)
    ]
    return _json({"start": 0, "num_found": len(docs), "numFound": len(docs), "docs": docs})


def _ol_edition(book: Book) -> dict[str, object]:
    record: dict[str, object] = {
        "key": f"/books/{book.ol_edition}",
        "title": book.title.split(";")[0].capitalize(),
        "authors": [
            {"key": f"/authors/OL{zlib.crc32(a.encode()) % 10_000_000}A"} for a in book.authors
        ],
        "publishers": [book.publisher],
        "publish_places": [book.place],
        "publish_date": str(book.year),
        "number_of_pages": book.page_count,
        "works": [{"key": f"/works/{book.ol_work}"}],
        "languages": [{"key": "/languages/eng"}],
        "type": {"key": "/type/edition"},
    }
    if book.isbn:
        record["isbn_10"] = list(book.isbn)
    if book.identifier:
        record["ocaid"] = book.identifier
    return record


def _openlibrary(path: str, params: dict[str, str]) -> Answer:
    if path.endswith("/search.json"):
        return _ol_search(params)
    for book in BOOKS:
        if path.endswith(f"/works/{book.ol_work}/editions.json"):
            return _json(
                {
                    "links": {"self": path, "work": f"/works/{book.ol_work}"},
                    "size": 1 + len(book.other_editions),
                    "entries": [_ol_edition(book), *book.other_editions],
                }
            )
        if path.endswith(f"/works/{book.ol_work}.json"):
            return _json({"key": f"/works/{book.ol_work}", "title": book.title})
        if path.endswith(f"/books/{book.ol_edition}.json"):
            return _json(_ol_edition(book))
    if path.endswith("/api/books"):
        return _json({})
    return 404, {"Content-Type": "text/html"}, "<html>Not found</html>"


def _ia_book(identifier: str) -> Book | None:
    return next((b for b in BOOKS if b.identifier and b.identifier == identifier), None)


def _ia_metadata(book: Book, server: str) -> dict[str, object]:
    names = [f"{book.identifier}_page_numbers.json", f"{book.identifier}_jp2.zip"]
    if not book.lending:
        names += [f"{book.identifier}_djvu.xml", f"{book.identifier}_djvu.txt"]
    metadata: dict[str, object] = {
        "identifier": book.identifier,
        "mediatype": "texts",
        "collection": ["inlibrary", "printdisabled"] if book.lending else ["americana"],
        "title": book.title,
        "creator": list(book.authors) if len(book.authors) > 1 else book.authors[0],
        "date": str(book.year),
        "publisher": book.publisher,
        "imagecount": str(max(book.pages) + 10),
        "language": "eng",
    }
    if book.lending:
        metadata["access-restricted-item"] = "true"
    return {
        "created": 1789481779,
        "d1": server,
        "dir": f"/12/items/{book.identifier}",
        "server": server,
        "workable_servers": [server],
        "files": [
            {"name": n, "source": "derivative", "format": "", "size": "1000", "mtime": "1391474057"}
            for n in names
        ],
        "files_count": len(names),
        "metadata": metadata,
        "uniq": 1,
    }


def _djvu_xml(book: Book) -> str:
    objects = []
    for leaf, (_printed, text) in sorted(book.pages.items()):
        paragraphs = []
        for paragraph in text.split("\n\n"):
            words = "".join(
                f'<WORD coords="100,200,180,150,190">{escape(w)}</WORD>' for w in paragraph.split()
            )
            paragraphs.append(f"<PARAGRAPH><LINE>{words}</LINE></PARAGRAPH>")
        objects.append(
            f'<OBJECT data="file://localhost//t/{book.identifier}.djvu" height="3300" '
            f'type="image/x.djvu" usemap="{book.identifier}_{leaf:04d}.djvu" width="2200">'
            f'<PARAM name="PAGE" value="{book.identifier}_{leaf:04d}.djvu" />'
            f"<HIDDENTEXT><PAGECOLUMN><REGION>{''.join(paragraphs)}</REGION></PAGECOLUMN>"
            "</HIDDENTEXT></OBJECT>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n<DjVuXML><BODY>"
        + "".join(objects)
        + "</BODY></DjVuXML>"
    )


def _page_numbers(book: Book) -> dict[str, object]:
    return {
        "identifier": book.identifier,
        "format-version": "2",
        "archive-hocr-tools-version": "1.1.54",
        "confidence": 88,
        "pages": [
            {
                "leafNum": leaf,
                "pageNumber": printed,
                "confidence": 90 if printed else None,
                "pageProb": 95 if printed else None,
                "wordConf": 87 if printed else None,
            }
            for leaf, (printed, _text) in sorted(book.pages.items())
        ],
    }


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def _inside(book: Book, query: str) -> dict[str, object]:
    wanted = _flat(query.strip('"'))
    matches = []
    for leaf, (_printed, text) in sorted(book.pages.items()):
        if wanted and wanted in _flat(text):
            at = text.lower().find(query.strip('"').split()[0].lower())
            snippet = text[max(0, at - 60) : at + len(query) + 60]
            matches.append(
                {
                    "text": snippet,
                    "par": [
                        {
                            "page": leaf,
                            "page_width": 2200,
                            "page_height": 3300,
                            "l": 100,
                            "t": 150,
                            "r": 2000,
                            "b": 400,
                            "boxes": [{"page": leaf, "l": 100, "t": 150, "r": 400, "b": 200}],
                        }
                    ],
                }
            )
    return {
        "ia": book.identifier,
        "q": query,
        "indexed": True,
        "page_count": max(book.pages) + 10,
        "leaf0_missing": False,
        "matches": matches,
    }


def _full_text_search(query: str) -> dict[str, object]:
    wanted = _flat(query.strip('"'))
    hits = [
        {
            "index": "fts_main",
            "service_backend": "fts",
            "hit_type": "text",
            "fields": {
                "identifier": book.identifier,
                "file_basename": book.identifier,
                "page_num": max(book.pages) + 10,
                "mediatype": "texts",
                "title": book.title,
                "creator": list(book.authors),
                "year": book.year,
            },
            "highlight": {"text": [f"{{{{{{{query.strip(chr(34))}}}}}}}"]},
            "_score": 20.0,
        }
        for book in BOOKS
        if book.identifier
        and not book.lending
        and any(wanted and wanted in _flat(text) for _printed, text in book.pages.values())
    ]
    return {
        "response": {"body": {"hits": {"total": len(hits), "returned": len(hits), "hits": hits}}}
    }


def _internetarchive(path: str, params: dict[str, str], server: str) -> Answer:
    if path.endswith("/advancedsearch.php"):
        books = [b for b in _matching_books(params.get("q", "")) if b.identifier]
        docs = [
            {
                "identifier": b.identifier,
                "title": b.title,
                "creator": list(b.authors),
                "date": f"{b.year}-01-01T00:00:00Z",
                "year": b.year,
                "publisher": [b.publisher],
                "mediatype": "texts",
                "language": ["eng"],
            }
            for b in books
        ]
        return _json(
            {
                "responseHeader": {"status": 0, "QTime": 5, "params": params},
                "response": {"numFound": len(docs), "start": 0, "docs": docs},
            }
        )
    match = re.search(r"/metadata/([^/]+)$", path)
    if match:
        book = _ia_book(match.group(1))
        return _json(_ia_metadata(book, server) if book else {})
    match = re.search(r"/download/([^/]+)/([^/]+)$", path)
    if match:
        book = _ia_book(match.group(1))
        name = match.group(2)
        if book is None:
            return 404, {}, ""
        if name.endswith("_page_numbers.json"):
            return _json(_page_numbers(book))
        if name.endswith("_djvu.xml") and not book.lending:
            return 200, {"Content-Type": "application/xml"}, _djvu_xml(book)
        return 403, {"Content-Type": "text/html"}, "<html>Forbidden</html>"
    if path.endswith("/services/search/beta/page_production/"):
        return _json(_full_text_search(unquote(params.get("user_query", ""))))
    if path.endswith("/fulltext/inside.php"):
        book = _ia_book(params.get("item_id", ""))
        if book is None:
            return _json({"error": "item not found", "matches": []})
        return _json(_inside(book, unquote(params.get("q", ""))))
    return 404, {}, ""


def _empty_catalog(service: str, path: str) -> Answer:
    if service == "loc":
        return _json({"results": [], "pagination": {"total": 0, "current": 1, "next": None}})
    if service == "googlebooks":
        return _json({"kind": "books#volumes", "totalItems": 0})
    if service == "crossref":
        return _json(
            {
                "status": "ok",
                "message-type": "work-list",
                "message-version": "1.0.0",
                "message": {"facets": {}, "total-results": 0, "items": [], "items-per-page": 20},
            }
        )
    if service == "hathitrust":
        ids = unquote(path.rsplit("/", 1)[-1]).split("|")
        return _json({i: {"records": [], "items": []} for i in ids})
    return 404, {}, ""


def _web(url: str) -> Answer:
    if url in FAILING_WEB:
        return FAILING_WEB[url], {"Content-Type": "text/html"}, "<html>Service Unavailable</html>"
    if url not in WEB_TEXTS:
        return 404, {"Content-Type": "text/html"}, "<html>Not found</html>"
    title, text = WEB_TEXTS[url]
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    html = (
        f"<html><head><title>{escape(title)}</title></head><body>"
        '<div class="nav"><a href="../index.htm">Index</a></div>'
        f"<h1>{escape(title)}</h1>{paragraphs}"
        '<p class="footer">Transcription for the Internet Archive of political writings.</p>'
        "</body></html>"
    )
    return 200, {"Content-Type": "text/html; charset=utf-8"}, html


def answer(
    service: str, path: str, params: dict[str, str], *, server: str = "ia800300.us.archive.org"
) -> Answer:
    """The stand-in's answer to one GET: status, headers and body."""
    if service == "openlibrary":
        return _openlibrary(path, params)
    if service == "internetarchive":
        return _internetarchive(path, params, server)
    if service == "web":
        return _web(path)
    return _empty_catalog(service, path)


HOST_SERVICES = {
    "openlibrary.org": "openlibrary",
    "archive.org": "internetarchive",
    "ia800300.us.archive.org": "internetarchive",
    "www.loc.gov": "loc",
    "catalog.hathitrust.org": "hathitrust",
    "babel.hathitrust.org": "hathitrust",
    "www.googleapis.com": "googlebooks",
    "api.crossref.org": "crossref",
}


def answer_request(
    service: str,
    request_path: str,
    *,
    ia_host: str,
    answer: Callable[..., Answer] = answer,
) -> Answer:
    """The answer to a request line's path as a loopback stand-in receives it.

    The web stand-in takes the page's URL, quoted, as its path; the catalogs take the service's
    own path and query. ``ia_host`` is the loopback address the archive's answers point at.
    """
    url = urlsplit(request_path)
    params = dict(parse_qsl(url.query))
    if service == "web":
        return answer("web", unquote(url.path[1:]), params)
    return answer(service, url.path, params, server=ia_host)


def send_answer(
    handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], data: bytes
) -> None:
    """Write one whole answer with its Content-Length."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def answer_mocked(request: Any) -> Answer:
    """The answer to a request caught by ``responses`` at the real services' addresses.

    A host that is none of the catalogs' is the web: the page's whole URL is the web stand-in's key.
    Usable as a ``responses`` callback (it reads only ``request.url``).
    """
    url = urlsplit(request.url or "")
    params = dict(parse_qsl(url.query))
    service = HOST_SERVICES.get(url.netloc)
    if service is None:
        return answer("web", f"{url.scheme}://{url.netloc}{url.path}", params)
    return answer(service, url.path, params)
