"""Synthetic books and documents for batch runs, and loopback stand-ins that count what they get.

Synthetic load, not real material: the books' titles, authors and page texts are pseudo-words
drawn from a fixed seed, and each document quotes a few of them with page numbers. The stand-in
services are those of the end-to-end test (``tests/e2e/talk_world.py``, whose answers follow the
real services' recorded formats), serving these books instead of the talk's, each service on its
own loopback address, answering after ``delay`` seconds and counting the requests it receives in
each second.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))

import pytest
import talk_world

from citecheck.config import DEFAULT_BASE_URLS, Settings

SERVICES = ("openlibrary", "internetarchive", "loc", "hathitrust", "googlebooks", "crossref", "web")
LOOPBACK_HOSTS = tuple(f"127.0.0.{n}" for n in range(1, len(SERVICES) + 1))
LOOPBACK = pytest.mark.allow_hosts(list(LOOPBACK_HOSTS))
"""Sockets stay blocked except to the stand-ins' loopback addresses (Redis is on 127.0.0.1)."""

_SYLLABLES = (
    "ba", "dor", "el", "fen", "gar", "hal", "ir", "jun", "kel", "lom", "mar", "nev", "or",
    "pal", "quin", "ros", "sel", "tam", "ur", "val", "wen", "xan", "yor", "zel",
)  # fmt: skip
_FIRST_NAMES = ("Anna", "Karl", "Maria", "Peter", "Helen", "Georg", "Clara", "Jonas", "Edith")
_PAGES = 20
_LEAF_OFFSET = 9


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(_word(rng, rng.randint(1, 3)) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_books(count: int, *, seed: int = 15) -> tuple[talk_world.Book, ...]:
    """``count`` books with distinct titles and authors and 20 pages of pseudo-word text each."""
    rng = random.Random(seed)
    books = []
    titles: set[str] = set()
    # One author per surname: a document naming two authors of one surname is another test.
    surnames: set[str] = set()
    for number in range(count):
        title = ""
        while not title or title in titles:
            title = f"The {_word(rng, 3).capitalize()} of {_word(rng, 3).capitalize()}"
        titles.add(title)
        surname = ""
        while not surname or surname in surnames:
            surname = _word(rng, 3).capitalize()
        surnames.add(surname)
        author = f"{rng.choice(_FIRST_NAMES)} {surname}"
        pages = {
            leaf: (
                str(leaf - _LEAF_OFFSET),
                " ".join(_sentence(rng, rng.randint(14, 22)) for _ in range(6)),
            )
            for leaf in range(_LEAF_OFFSET + 1, _LEAF_OFFSET + 1 + _PAGES)
        }
        books.append(
            talk_world.Book(
                identifier=f"synthetic{number:04d}item",
                title=title,
                authors=(author,),
                year=1900 + rng.randint(0, 99),
                publisher="Synthetic Press",
                place="Nowhere",
                page_count=_PAGES + 10,
                isbn=(),
                ol_work=f"OL{900000 + number}W",
                ol_edition=f"OL{900000 + number}M",
                pages=pages,
            )
        )
    return tuple(books)


@dataclass(frozen=True)
class SyntheticDocument:
    name: str
    text: str
    altered: int
    """How many of its quotations have a word changed (the rest are exact)."""


def synthetic_documents(
    books: Sequence[talk_world.Book], count: int, *, per_document: int = 3, seed: int = 15
) -> list[SyntheticDocument]:
    """Documents each quoting ``per_document`` of the books, with the page; one in five alters a word."""
    rng = random.Random(seed + 1)
    documents = []
    for number in range(count):
        paragraphs = [f"Notes on the archive, part {number}."]
        altered = 0
        for book in rng.sample(list(books), per_document):
            leaf = rng.choice(sorted(book.pages))
            printed, text = book.pages[leaf]
            sentence = rng.choice(text.split(". ")).rstrip(".")
            words = sentence.split()
            if rng.random() < 0.2:
                words[len(words) // 2] = "notably"
                altered += 1
            author = book.authors[0]
            pronoun = (
                "her"
                if author.split()[0] in {"Anna", "Maria", "Helen", "Clara", "Edith"}
                else "his"
            )
            paragraphs.append(
                f'{author} in {pronoun} book "*{book.title}*", writes: '
                f'"{" ".join(words)}" (p. {printed}).'
            )
        documents.append(
            SyntheticDocument(f"doc{number:05d}.txt", "\n\n".join(paragraphs) + "\n", altered)
        )
    return documents


def write_documents(documents: Sequence[SyntheticDocument], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in documents:
        path = folder / document.name
        path.write_text(document.text, encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Counts:
    """Requests each service received, by the second (wall clock) they arrived in."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    arrivals: dict[str, list[float]] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)

    def add(self, service: str, path: str) -> None:
        with self.lock:
            self.arrivals.setdefault(service, []).append(time.time())
            self.paths.append(f"{service}{path}")

    def busiest_second(self, service: str) -> int:
        """The most requests the service received within one calendar second."""
        with self.lock:
            seconds = Counter(int(t) for t in self.arrivals.get(service, ()))
        return max(seconds.values(), default=0)

    def busiest_window(self, service: str, window: float = 1.0) -> int:
        """The most requests the service received within any ``window`` seconds (sliding)."""
        with self.lock:
            times = sorted(self.arrivals.get(service, ()))
        best = start = 0
        for end, at in enumerate(times):
            while times[start] <= at - window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def total(self) -> int:
        with self.lock:
            return len(self.paths)

    def repeated(self) -> dict[str, int]:
        with self.lock:
            return {p: n for p, n in Counter(self.paths).items() if n > 1}


def _handler(service: str, delay: float, counts: Counts, ia_host: list[str]) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            counts.add(service, self.path)
            if delay:
                time.sleep(delay)
            status, headers, body = talk_world.answer_request(
                service, self.path, ia_host=ia_host[0]
            )
            talk_world.send_answer(self, status, headers, body.encode("utf-8"))

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def loopback_services(
    books: Sequence[talk_world.Book], *, delay: float = 0.0
) -> Iterator[tuple[dict[str, str], Counts]]:
    """Serve ``books`` from every stand-in service; yields their base URLs and the counts."""
    saved = talk_world.BOOKS
    talk_world.BOOKS = tuple(books)
    counts = Counts()
    ia_host = [""]
    servers = {}
    try:
        for address, service in zip(LOOPBACK_HOSTS, SERVICES, strict=True):
            server = ThreadingHTTPServer((address, 0), _handler(service, delay, counts, ia_host))
            server.daemon_threads = True
            servers[service] = server
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        bases = {
            s: f"http://{srv.server_address[0]}:{srv.server_address[1]}"
            for s, srv in servers.items()
        }
        ia_host[0] = bases["internetarchive"].removeprefix("http://")
        yield bases, counts
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
        talk_world.BOOKS = saved


def settings_for(bases: dict[str, str], cache_dir: Path, *, rate_scale: float = 1.0) -> Settings:
    """Settings that send every service's requests to its stand-in."""
    catalogs = {s.value: s for s in DEFAULT_BASE_URLS}
    return Settings(
        base_urls={catalogs[name]: url for name, url in bases.items() if name in catalogs},
        extra_base_urls={"ia_fulltext_search": bases["internetarchive"]},
        cache_dir=cache_dir,
        rate_scale=rate_scale,
        max_retries=0,
        timeout=10.0,
        progress=False,
    )


@dataclass
class World:
    """Synthetic books served by loopback stand-ins, and documents quoting them in a folder."""

    books: tuple[talk_world.Book, ...]
    documents: list[SyntheticDocument]
    folder: Path
    bases: dict[str, str]
    counts: Counts
    root: Path

    def settings(self, *, rate_scale: float = 50.0, **changes: object) -> Settings:
        settings = settings_for(self.bases, self.root / "cache", rate_scale=rate_scale)
        return replace(settings, **changes)  # type: ignore[arg-type]


def make_world(tmp_path: Path, *, books: int = 6, documents: int = 12) -> Iterator[World]:
    shelf = synthetic_books(books)
    written = synthetic_documents(shelf, documents)
    folder = tmp_path / "documents"
    write_documents(written, folder)
    with loopback_services(shelf) as (bases, counts):
        yield World(shelf, written, folder, bases, counts, tmp_path)
