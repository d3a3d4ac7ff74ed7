"""What runs on a worker: planning documents, resolving and fetching works, checking documents.

Each worker builds its state once per batch (one HTTP client on the shared cache and the shared
limiter, one checker) and keeps the works it has resolved and the texts it has read, so a book
quoted by a thousand documents is parsed once per worker and asked for once per batch.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from citecheck.batch.cache import open_shared_cache
from citecheck.batch.limiter import RedisLimiter, RemoteLimiter
from citecheck.batch.results import LineStatus
from citecheck.bib import Bibliography, load_bibliography
from citecheck.check import EDITIONS_TRIED, MAX_WORKERS, Checker, SourceSpec, WorkText
from citecheck.config import Settings
from citecheck.errors import CitecheckError
from citecheck.extract import extract_citations
from citecheck.extract.reader import read_document
from citecheck.http import HttpClient, SharedLimiter
from citecheck.model import Extraction, FindingCode, Resolution, WorkQuery
from citecheck.report.json import report_to_dict
from citecheck.resolve import queries_for

MEMO_WORKS = 512
"""Works (and their texts) a worker keeps in memory; beyond that the least recently used go."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Everything a worker needs, sent once to each; ``token`` names the batch run."""

    settings: Settings
    token: str
    bibliography: Path | None = None
    """One .bib for every document; else references.bib beside each, else ``fallback_bibliography``."""
    fallback_bibliography: Path | None = None
    redis_url: str | None = None
    limiter: Any = None
    """A handle on the coordinating limiter (when there is no Redis), or None."""
    sources: tuple[SourceSpec, ...] = ()
    """Texts the user owns, as ``check --source`` takes them."""


@dataclass(frozen=True, slots=True)
class DocumentPlan:
    """A document's works, or why it cannot be read."""

    path: str
    queries: tuple[WorkQuery, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class WorkFetched:
    """What became of one work in the fetching phase."""

    title: str
    editions: int
    has_text: bool


class _Memo:
    """A thread-safe LRU that computes each key once, however many threads ask at once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[str, object] = OrderedDict()
        self._computing: dict[str, threading.Lock] = {}

    def get(self, key: str, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                self._values[key] = value
                self._computing.pop(key, None)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            return value


def work_identity(query: WorkQuery) -> WorkQuery:
    """The query as the catalogs are asked it: without its key and what only its document claims.

    The pages and dates a document cites rank the editions and make findings, but ask nothing
    of a catalog; two documents citing one book at different pages ask the same questions.
    """
    return replace(query, key="", cited_pages=(), claimed_dates=(), citation_ids=())


class RememberingCatalog:
    """A catalog that answers each search once per worker and then from memory.

    The shared HTTP cache would answer too, but reading and parsing the same records again for
    every document that cites the book is what would cost a batch its time. Failures are not
    remembered: the next document asks again.
    """

    _REMEMBERED = frozenset({"find_editions", "editions_for_identifiers"})

    def __init__(self, catalog: object, memo_size: int = MEMO_WORKS) -> None:
        self._catalog = catalog
        self._memo = _Memo(memo_size)

    def __getattr__(self, name: str) -> Any:
        # Only what the catalog has is offered, so isinstance checks of its protocol still hold.
        found = getattr(self._catalog, name)
        if name not in self._REMEMBERED:
            return found

        def remembered(*args: Any, **kwargs: Any) -> Any:
            key = repr((name, args, sorted(kwargs.items())))
            return list(self._memo.get(key, lambda: found(*args, **kwargs)))

        return remembered


class BatchChecker(Checker):
    """A Checker that asks the catalogs about each work and reads each text once for all documents.

    Catalog answers are remembered per question (each document's query is still ranked and
    judged on its own, with the pages it cites); texts are kept per edition tried, whichever
    document asked.
    """

    def __init__(self, *, memo_size: int = MEMO_WORKS, **components: Any) -> None:
        super().__init__(**components)
        self.catalogs = [RememberingCatalog(c, memo_size) for c in self.catalogs]
        self._texts = _Memo(memo_size)

    def _text_for(self, query: WorkQuery, resolution: Resolution) -> WorkText:
        editions = tuple(ranked.edition for ranked in resolution.editions[:EDITIONS_TRIED])
        key = repr((query.url, query.entry_type.lower(), editions))
        text = self._texts.get(key, lambda: Checker._text_for(self, query, resolution))
        return replace(text, work_key=query.key)


class WorkerState:
    """One worker's client, checker and bibliographies for one batch."""

    def __init__(self, config: BatchConfig) -> None:
        self.config = config
        shared: SharedLimiter | None = (
            RedisLimiter(config.redis_url) if config.redis_url else config.limiter
        )
        if isinstance(shared, RemoteLimiter):
            shared.bind()
        self.http = HttpClient(
            config.settings,
            cache=open_shared_cache(config.settings, config.redis_url),
            shared_limiter=shared,
        )
        self.checker = BatchChecker(
            settings=config.settings,
            http=self.http,
            full_text_search=True,
            local_sources=config.sources,
        )
        self._bibliographies = _Memo(64)

    def bibliography_for(self, document: Path) -> Bibliography | None:
        """The batch's .bib, else references.bib beside the document, else the fallback."""
        path = self.config.bibliography
        if path is None:
            beside = document.parent / "references.bib"
            path = beside if beside.is_file() else self.config.fallback_bibliography
        if path is None:
            return None
        return self._bibliographies.get(str(path), lambda: load_bibliography(path))

    def extraction_of(self, path: str) -> tuple[Extraction, Bibliography | None]:
        """The document read and its quotations extracted; InputError when it cannot be read."""
        document, problems = read_document(path)
        bib = self.bibliography_for(Path(path))
        extraction = extract_citations(
            document.text, name=document.name, format=document.format, bibliography=bib
        )
        return (
            replace(extraction, document=document, problems=tuple(problems) + extraction.problems),
            bib,
        )


_STATES: dict[tuple[str, str], WorkerState] = {}
_STATES_LOCK = threading.Lock()


def _worker_identity() -> str:
    """This worker: the Dask worker's address (several may share a process), else the process."""
    if "distributed" in sys.modules:
        from distributed import get_worker

        try:
            return str(get_worker().address)
        except ValueError:
            pass
    return str(os.getpid())


def state_for(config: BatchConfig) -> WorkerState:
    """The state of this worker for this batch, built on first use."""
    key = (config.token, _worker_identity())
    with _STATES_LOCK:
        state = _STATES.get(key)
        if state is None:
            state = WorkerState(config)
            _STATES[key] = state
        return state


# ------------------------------------------------------------------------------------ tasks


def plan_documents(config: BatchConfig, paths: Sequence[str]) -> list[DocumentPlan]:
    """Each document's works (the queries its citations make), or the error that stops it."""
    state = state_for(config)
    plans = []
    for path in paths:
        try:
            extraction, bib = state.extraction_of(path)
        except CitecheckError as error:
            plans.append(DocumentPlan(path, error=str(error)))
            continue
        except Exception as error:  # one document must not stop a batch of thousands
            plans.append(DocumentPlan(path, error=_internal(error)))
            continue
        plans.append(DocumentPlan(path, tuple(queries_for(extraction, bib))))
    return plans


def fetch_works(config: BatchConfig, queries: Sequence[WorkQuery]) -> list[WorkFetched]:
    """Resolve each work and fetch its text, a few at once; the answers land in the shared cache."""
    checker = state_for(config).checker
    with ThreadPoolExecutor(MAX_WORKERS) as pool:
        found = list(pool.map(checker._resolve_and_fetch, queries))
    return [
        WorkFetched(query.title, len(resolution.editions), bool(text.pages or text.searchable))
        for query, (resolution, text) in zip(queries, found, strict=True)
    ]


def check_document(config: BatchConfig, path: str, sha256: str | None) -> dict[str, Any]:
    """One document's result line: its report, or the error that stopped it."""
    state = state_for(config)
    started = time.perf_counter()
    line: dict[str, Any] = {"path": path, "sha256": sha256}
    try:
        extraction, bib = state.extraction_of(path)
        report = state.checker.check_extraction(extraction, bib)
    except CitecheckError as error:
        line.update(status=LineStatus.ERROR.value, error=str(error))
    except Exception as error:  # one document must not stop a batch of thousands
        line.update(status=LineStatus.ERROR.value, error=_internal(error))
    else:
        failed = any(f.code == FindingCode.SOURCE_FAILED for f in report.findings)
        line["status"] = (LineStatus.FAILED if failed else LineStatus.OK).value
        line["report"] = report_to_dict(report)
    line["seconds"] = round(time.perf_counter() - started, 3)
    line["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return line


def _internal(error: Exception) -> str:
    return (
        f"internal error ({type(error).__name__}: {error}); the other documents were checked. "
        "Please report it with this document"
    )


def error_line(path: str, sha256: str | None, error: str) -> dict[str, Any]:
    """The line of a document that could not be read."""
    return {
        "path": path,
        "sha256": sha256,
        "status": LineStatus.ERROR.value,
        "error": error,
        "seconds": 0.0,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
