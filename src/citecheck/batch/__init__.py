"""Checking many documents at once: one JSON line per document, resumable, on a pool or a cluster.

A batch runs in three phases, each a set of tasks on the engine's workers:

1. **plan**: read each document and list the works it cites;
2. **fetch**: group the works of all documents (the same book cited by many documents is one
   work, with the pages they all cite) and resolve and fetch each once; the answers land in the
   shared HTTP cache (Redis, or one SQLite file);
3. **check**: verify each document, its works answered from that cache, and write its line.

Rate limits hold for the whole batch: every request is booked with one shared limiter (Redis, a
manager process or a Dask actor; see ``limiter``), on top of each worker's own.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from citecheck.batch.cache import prepare_shared_cache
from citecheck.batch.documents import content_hash, find_documents
from citecheck.batch.engine import DaskEngine, Engine, LocalEngine, chunks
from citecheck.batch.results import (
    ResultsWriter,
    compact_results,
    is_done,
    read_results,
)
from citecheck.batch.summary import BatchSummary, summarise
from citecheck.batch.worker import (
    BatchConfig,
    DocumentPlan,
    WorkFetched,
    check_document,
    error_line,
    fetch_works,
    plan_documents,
    work_identity,
)
from citecheck.check import SourceSpec
from citecheck.config import Settings, load_settings
from citecheck.model import WorkQuery

__all__ = [
    "BatchResult",
    "BatchSummary",
    "DaskEngine",
    "LocalEngine",
    "group_works",
    "run_batch",
]

TASKS_PER_WORKER = 4
"""Planning and fetching are cut into this many slices per worker, so no worker idles long."""

Progress = Callable[[int, int], None]
"""Called with (documents finished, documents to check) as each line is written."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch run did, and the summary over every document of the batch."""

    output: Path
    documents: int
    checked: int
    skipped: int
    works: int
    summary: BatchSummary
    phase_seconds: Mapping[str, float] = field(default_factory=dict)
    """Wall time of each phase that ran: plan, fetch, check."""
    paths: tuple[str, ...] = ()
    """The documents of the batch, as their lines name them (the file may hold others)."""


def group_works(plans: Iterable[DocumentPlan]) -> list[WorkQuery]:
    """The distinct works of many documents: one query per work, with every page any of them cites.

    Two documents cite the same work when they ask the catalogs the same thing (title, authors,
    year, identifiers, entry type, URL: :func:`work_identity`), whatever key their
    bibliographies give it.
    """
    grouped: dict[WorkQuery, WorkQuery] = {}
    for plan in plans:
        for query in plan.queries:
            identity = work_identity(query)
            known = grouped.get(identity)
            if known is None:
                grouped[identity] = replace(query, citation_ids=())
                continue
            grouped[identity] = replace(
                known,
                cited_pages=tuple(dict.fromkeys(known.cited_pages + query.cited_pages)),
                claimed_dates=tuple(dict.fromkeys(known.claimed_dates + query.claimed_dates)),
            )
    return list(grouped.values())


def run_batch(
    paths: Sequence[Path],
    output: Path,
    *,
    list_file: Path | None = None,
    engine: Engine | None = None,
    make_engine: Callable[[], Engine] | None = None,
    settings: Settings | None = None,
    bibliography: Path | None = None,
    fallback_bibliography: Path | None = None,
    redis_url: str | None = None,
    retry_failed: bool = False,
    progress: Progress | None = None,
    sources: Sequence[str | SourceSpec] = (),
) -> BatchResult:
    """Check every document under ``paths`` (and in ``list_file``), one line each in ``output``.

    Documents whose line in ``output`` is there with the same content hash are not checked again
    (with ``retry_failed``, those whose line failed are). The tasks run on ``engine``, or on one
    made by ``make_engine`` (default: a process pool of two) only when there is something to
    check, and closed at the end. ``sources`` are texts the user owns, as for ``check`` (every
    worker must reach their paths: a shared disk for a cluster).
    """
    settings = settings or load_settings()
    documents = [str(p) for p in find_documents(paths, list_file) if not _written_by_us(p, output)]
    earlier = read_results(output)
    previous = earlier.lines
    hashes = {path: content_hash(Path(path)) for path in documents}
    todo = [
        path
        for path in documents
        if not is_done(previous.get(path), hashes[path], retry_failed=retry_failed)
    ]
    works: list[WorkQuery] = []
    phases: dict[str, float] = {}
    if todo:
        running = engine or (make_engine or (lambda: LocalEngine(2)))()
        try:
            works = _run(
                running,
                todo=todo,
                hashes=hashes,
                output=output,
                settings=settings,
                bibliography=bibliography,
                fallback_bibliography=fallback_bibliography,
                redis_url=redis_url,
                progress=progress,
                phases=phases,
                sources=tuple(_absolute(s) for s in sources),
            )
        finally:
            if engine is None:
                running.close()
    # Nothing appended, torn or superseded: the file is as compact as it was.
    untidy = earlier.unreadable or earlier.superseded
    lines = compact_results(output, documents) if todo or untidy else previous
    in_batch = [lines[path] for path in documents if path in lines]
    return BatchResult(
        output=output,
        documents=len(documents),
        checked=len(todo),
        skipped=len(documents) - len(todo),
        works=len(works),
        summary=summarise(in_batch, skipped=len(documents) - len(todo)),
        phase_seconds=phases,
        paths=tuple(documents),
    )


def _absolute(source: str | SourceSpec) -> SourceSpec:
    spec = source if isinstance(source, SourceSpec) else SourceSpec.parse(source)
    return replace(spec, path=spec.path.expanduser().absolute())


def _written_by_us(path: Path, output: Path) -> bool:
    """The HTML summary and reports a batch writes beside its results are not documents."""
    reports = output.with_name(f"{output.stem}-reports")
    return path == output.with_suffix(".html") or reports in path.parents


def _run(
    engine: Engine,
    *,
    todo: Sequence[str],
    hashes: dict[str, str | None],
    output: Path,
    settings: Settings,
    bibliography: Path | None,
    fallback_bibliography: Path | None,
    redis_url: str | None,
    progress: Progress | None,
    phases: dict[str, float],
    sources: tuple[SourceSpec, ...],
) -> list[WorkQuery]:
    config = BatchConfig(
        settings=replace(settings, progress=False),
        token=uuid.uuid4().hex,
        bibliography=bibliography,
        fallback_bibliography=fallback_bibliography,
        redis_url=redis_url,
        limiter=None if redis_url else engine.coordinating_limiter(),
        sources=sources,
    )
    prepare_shared_cache(config.settings, redis_url)
    slices = engine.workers * TASKS_PER_WORKER
    writer = ResultsWriter(output)
    done = 0
    started = time.perf_counter()
    try:
        plans: list[DocumentPlan] = []
        for planned in engine.map_unordered(plan_documents, config, chunks(todo, slices)):
            for plan in planned:
                if plan.error is not None:
                    writer.write(error_line(plan.path, hashes[plan.path], plan.error))
                    done += 1
                    if progress:
                        progress(done, len(todo))
                else:
                    plans.append(plan)
        works = group_works(plans)
        phases["plan"] = time.perf_counter() - started
        started = time.perf_counter()
        fetched: list[WorkFetched] = []
        for part in engine.map_unordered(fetch_works, config, chunks(works, slices)):
            fetched.extend(part)
        phases["fetch"] = time.perf_counter() - started
        started = time.perf_counter()
        check_config = config
        if config.settings.refresh:
            # The answers are fresh in the cache now: refreshing again would ask twice.
            check_config = replace(
                config,
                settings=replace(config.settings, refresh=False),
                token=f"{config.token}-check",
            )
        items = [(plan.path, hashes[plan.path]) for plan in plans]
        for line in engine.map_unordered(check_document, check_config, items):
            writer.write(line)
            done += 1
            if progress:
                progress(done, len(todo))
        phases["check"] = time.perf_counter() - started
    finally:
        writer.close()
    return works
