"""The whole check: extract -> resolve -> fetch text -> align -> judge -> Report.

Works are resolved concurrently and their texts fetched concurrently (the HTTP client keeps each
service within its rate limit, and its cache answers a second run). Every text a verdict rests on
can be kept in a source store, so a later run reproduces the result offline.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from citecheck import __version__
from citecheck.bib import Bibliography, load_bibliography
from citecheck.config import Settings, load_settings
from citecheck.errors import InputError, SourceError
from citecheck.extract import extract_citations
from citecheck.extract.reader import read_document
from citecheck.http import HttpClient, default_cache_dir
from citecheck.model import (
    AttemptOutcome,
    Citation,
    Document,
    Edition,
    Extraction,
    Finding,
    FindingCode,
    Hit,
    Identifiers,
    Page,
    PageVerdict,
    Problem,
    Provenance,
    Report,
    Resolution,
    Service,
    Severity,
    SourceAttempt,
    Verification,
    WordingVerdict,
    WorkQuery,
)
from citecheck.resolve import (
    citation_findings,
    locator_belongs_to_intermediary,
    outcome_of,
    queries_for,
    resolve_work,
    slug,
)
from citecheck.services import default_catalogs
from citecheck.store import SourceStore
from citecheck.texts import WebText, distinctive_phrases, load_pages, providers_for
from citecheck.texts.base import TextProvider
from citecheck.texts.ia_fts import InternetArchiveFullTextSearch
from citecheck.verify import (
    IndexStore,
    TextVersion,
    index_folder,
    judge,
    verify_against_versions,
)

MAX_WORKERS = 8
EDITIONS_TRIED = 4
PROPOSALS_TRIED = 2
"""How many books a site-wide full-text search proposes for an unattributed quotation."""
"""How many of the best-ranked editions are tried for a text before giving up."""

Progress = Callable[[str], None]
SEARCH_PREFIX = "search-"
PROPOSAL_PREFIX = "proposal-"
"""Source-store ids of search hits (snippets), as opposed to whole texts."""


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A text file the user owns, tied to a bibliography key or searched for every quotation."""

    path: Path
    key: str | None = None

    @classmethod
    def parse(cls, text: str) -> SourceSpec:
        """``"KEY=FILE"`` or ``"FILE"``; a key is letters, digits, ``-_:.`` before the first ``=``."""
        key, sep, path = text.partition("=")
        if sep and key and all(ch.isalnum() or ch in "-_:." for ch in key) and path:
            return cls(Path(path), key)
        return cls(Path(text))


@dataclass
class WorkText:
    """What could be reached of one work's text."""

    work_key: str
    pages: tuple[Page, ...] = ()
    edition: Edition | None = None
    provenance: Provenance | None = None
    searchable: list[tuple[TextProvider, Edition]] = field(default_factory=list)
    stored_hits: list[Hit] = field(default_factory=list)
    attempts: list[SourceAttempt] = field(default_factory=list)
    excerpt: str = ""
    """Set when the pages are only a part of the work (a stored excerpt): what part, from where."""
    versions: list[TextVersion] = field(default_factory=list)
    """Every version of the text at hand when there are several (files given for one work)."""


class Checker:
    """Runs checks with one configured set of catalogs, text providers and stores."""

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        http: HttpClient | None = None,
        catalogs: Sequence[object] | None = None,
        providers: Sequence[TextProvider] | None = None,
        web: object | None = None,
        full_text_search: InternetArchiveFullTextSearch | bool | None = True,
        store: SourceStore | None = None,
        local_sources: Sequence[SourceSpec] = (),
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.http = http or HttpClient(self.settings)
        if catalogs is None:
            catalogs = default_catalogs(self.http)
        if providers is None:
            providers = providers_for(self.http)
        if web is None:
            web = WebText(self.http)
        self.catalogs = list(catalogs)
        self.providers = list(providers)
        self.web = web
        self.full_text_search = (
            InternetArchiveFullTextSearch(self.http)
            if full_text_search is True
            else full_text_search or None
        )
        self.store = store
        self.progress = progress or (lambda _message: None)
        self.local_sources = list(local_sources)
        self._local_pages: dict[Path, tuple[Page, ...]] = {}
        self._lock = threading.Lock()
        self._changes: list[Finding] = []
        cached = self.settings.use_cache or self.settings.offline
        cache_dir = self.settings.cache_dir or default_cache_dir()
        self.indexes = IndexStore(index_folder(cache_dir) if cached else None)
        """The word index of every text, built once and kept beside the HTTP cache."""

    # ---------------------------------------------------------------- the run

    def check_extraction(
        self, extraction: Extraction, bibliography: Bibliography | None = None
    ) -> Report:
        """Resolve, fetch and verify every checkable citation of an extraction."""
        queries = queries_for(extraction, bibliography)
        self.progress(f"resolving {len(queries)} work(s) and fetching their texts")
        with ThreadPoolExecutor(MAX_WORKERS) as pool:
            found = list(pool.map(self._resolve_and_fetch, queries))
        resolutions = [resolution for resolution, _text in found]
        texts = {q.key: text for q, (_resolution, text) in zip(queries, found, strict=True)}
        citations = extraction.checkable
        self.progress(f"verifying {len(citations)} quotation(s)")
        with ThreadPoolExecutor(MAX_WORKERS) as pool:
            verifications = list(pool.map(lambda c: self._verify(c, queries, texts), citations))
        findings = [f for r in resolutions for f in r.findings]
        findings += citation_findings(extraction, resolutions, bibliography)
        findings += self._changes
        findings += _failed_source_findings(resolutions, texts.values())
        findings += _down_host_findings(self.http)
        attempts = [a for r in resolutions for a in r.attempts]
        attempts += [a for t in texts.values() for a in t.attempts]
        return Report(
            document=extraction.document,
            citations=extraction.citations,
            resolutions=tuple(resolutions),
            verifications=tuple(verifications),
            findings=tuple(findings),
            problems=extraction.problems + (bibliography.problems if bibliography else ()),
            attempts=tuple(attempts),
            generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            tool_version=__version__,
        )

    def _resolve_and_fetch(self, query: WorkQuery) -> tuple[Resolution, WorkText]:
        """One work from catalog to text, so no work waits for the others' catalogs."""
        resolution = self._resolve(query)
        return resolution, self._text_for(query, resolution)

    def _resolve(self, query: WorkQuery) -> Resolution:
        if not self._needs_catalog(query):
            return Resolution(query.key, query.title, query.authors, ())
        resolution = resolve_work(query, self.catalogs)
        self.progress(f"resolved {query.title}")
        return resolution

    def _needs_catalog(self, query: WorkQuery) -> bool:
        """Speeches, articles and letters with a web text are not books to look up in catalogs."""
        return not (
            query.url and query.entry_type.lower() in {"article", "misc", "online", "speech"}
        )

    # ---------------------------------------------------------------- texts

    def _text_for(self, query: WorkQuery, resolution: Resolution) -> WorkText:
        text = WorkText(query.key)
        tied = [s for s in self.local_sources if s.key == query.key]
        for spec in tied:
            pages = self._load_local(spec, text)
            if pages:
                provenance = Provenance(Service.LOCAL_FILE, str(spec.path))
                text.versions.append(TextVersion(spec.path.name, pages, text_source=provenance))
        if text.versions:
            text.pages = tuple(text.versions[0].pages)
            text.provenance = text.versions[0].text_source
            return text
        if query.url and not _is_book(query):
            self._fetch_web(query, text)
            if text.pages:
                return text
        for ranked in resolution.editions[:EDITIONS_TRIED]:
            if self._try_edition(query.key, ranked.edition, text):
                return text
        if not text.pages and not text.searchable:
            self._from_store_only(query.key, text)
        return text

    def _try_edition(self, work_key: str, edition: Edition, text: WorkText) -> bool:
        """Whole pages of the edition from the first provider that has them (search-only noted)."""
        for provider in self.providers:
            if provider.can_serve(edition) and self._fetch_pages(work_key, provider, edition, text):
                return True
        return False

    def _load_local(self, spec: SourceSpec, text: WorkText) -> tuple[Page, ...]:
        with self._lock:
            cached = self._local_pages.get(spec.path)
        if cached is not None:
            return cached
        try:
            pages = tuple(load_pages(spec.path))
        except InputError as error:
            text.attempts.append(
                SourceAttempt(Service.LOCAL_FILE, str(spec.path), AttemptOutcome.FAILED, str(error))
            )
            return ()
        text.attempts.append(
            SourceAttempt(
                Service.LOCAL_FILE, str(spec.path), AttemptOutcome.OK, f"{len(pages)} page(s)"
            )
        )
        with self._lock:
            self._local_pages[spec.path] = pages
        return pages

    def _fetch_web(self, query: WorkQuery, text: WorkText) -> None:
        source_id = f"web:{query.url}"
        try:
            pages = tuple(self.web.fetch_pages(query.url))  # type: ignore[attr-defined]
        except SourceError as error:
            text.attempts.append(
                SourceAttempt(Service.WEB, query.url, outcome_of(error), str(error))
            )
            self._use_stored(query.key, source_id, text)
            return
        outcome = AttemptOutcome.OK if pages else AttemptOutcome.EMPTY
        text.attempts.append(
            SourceAttempt(Service.WEB, query.url, outcome, f"{len(pages)} page(s)")
        )
        if pages:
            text.pages = pages
            text.provenance = pages[0].provenance or Provenance(Service.WEB, query.url)
            self._keep(query.key, source_id, pages, text.provenance)

    def _fetch_pages(
        self, work_key: str, provider: TextProvider, edition: Edition, text: WorkText
    ) -> bool:
        source_id = f"{provider.service.value}:{_edition_id(edition)}"
        what = f"{provider.name}: {edition.title}"
        try:
            pages = provider.pages(edition)
        except SourceError as error:
            text.attempts.append(
                SourceAttempt(provider.service, what, outcome_of(error), str(error))
            )
            return self._use_stored(work_key, source_id, text, edition)
        if pages is None:
            text.searchable.append((provider, edition))
            text.attempts.append(
                SourceAttempt(
                    provider.service, what, AttemptOutcome.AVAILABLE, "search inside only"
                )
            )
            return False
        if not pages:
            text.attempts.append(
                SourceAttempt(provider.service, what, AttemptOutcome.EMPTY, "no pages")
            )
            return False
        text.attempts.append(
            SourceAttempt(provider.service, what, AttemptOutcome.OK, f"{len(pages)} page(s)")
        )
        text.pages = tuple(pages)
        text.edition = edition
        text.provenance = pages[0].provenance or Provenance(provider.service, edition.record_url)
        self._keep(work_key, source_id, text.pages, text.provenance)
        return True

    def _keep(
        self, work_key: str, source_id: str, pages: Sequence[Page], provenance: Provenance
    ) -> None:
        if self.store is None:
            return
        change = self.store.put(work_key, source_id, pages, provenance)
        if change is not None:
            with self._lock:
                self._changes.append(
                    Finding(
                        FindingCode.SOURCE_CHANGED,
                        Severity.WARNING,
                        f"the text of {source_id} differs from the copy in the source store",
                        (f"stored sha256 {change.old_sha256}", f"now sha256 {change.new_sha256}"),
                        work_key=work_key,
                    )
                )

    def _use_stored(
        self, work_key: str, source_id: str, text: WorkText, edition: Edition | None = None
    ) -> bool:
        if self.store is None:
            return False
        stored = self.store.get(work_key, source_id)
        if stored is None:
            return False
        text.pages = stored.pages
        text.edition = edition
        text.provenance = replace(stored.provenance, service=Service.SOURCE_STORE)
        text.excerpt = stored.excerpt
        detail = "a stored excerpt was used" if stored.excerpt else ""
        text.attempts.append(
            SourceAttempt(
                Service.SOURCE_STORE,
                source_id,
                AttemptOutcome.OK,
                detail or "the stored copy was used",
            )
        )
        return True

    def _stored_excerpt(self, work_key: str, source_id: str) -> bool:
        stored = self.store.get(work_key, source_id) if self.store else None
        return stored is not None and bool(stored.excerpt)

    def _from_store_only(self, work_key: str, text: WorkText) -> None:
        """When nothing could be fetched, the stored copy of the work (or its stored hits) stands in."""
        if self.store is None:
            return
        folder = self.store.root / work_key
        if not folder.is_dir():
            return
        stored_files = sorted(folder.glob("*.json"))
        texts = [path.stem for path in stored_files if not path.stem.startswith(SEARCH_PREFIX)]
        # A whole text stored by an earlier run answers before an excerpt shipped by hand.
        whole = [s for s in texts if not self._stored_excerpt(work_key, s)]
        for source_id in whole + [s for s in texts if s not in whole]:
            if self._use_stored(work_key, source_id, text):
                return
        for path in stored_files:
            stored = self.store.get(work_key, path.stem)
            if stored is None or not path.stem.startswith(SEARCH_PREFIX):
                continue
            text.stored_hits.extend(
                Hit(
                    snippet=p.text,
                    printed=p.printed,
                    leaf=p.leaf,
                    provenance=stored.provenance,
                    ocr=p.ocr,
                )
                for p in stored.pages
            )
        if text.stored_hits:
            text.attempts.append(
                SourceAttempt(
                    Service.SOURCE_STORE,
                    f"stored search hits of {work_key}",
                    AttemptOutcome.OK,
                    f"{len(text.stored_hits)} hit(s) kept by an earlier run",
                )
            )

    # ---------------------------------------------------------------- verification

    def _verify(
        self, citation: Citation, queries: Sequence[WorkQuery], texts: dict[str, WorkText]
    ) -> Verification:
        work_key, intermediary_key = _work_keys(citation, queries)
        on_intermediary = locator_belongs_to_intermediary(citation)
        cited_key = intermediary_key if on_intermediary and intermediary_key else work_key
        if cited_key is None:
            return self._propose(citation, texts)
        verification = self._verify_in(citation, texts.get(cited_key))
        verification = replace(verification, work_key=cited_key)
        if intermediary_key and work_key and cited_key == intermediary_key:
            original_text = texts.get(work_key)
            if original_text is not None and (original_text.pages or original_text.searchable):
                original = replace(
                    self._verify_in(_without_locator(citation), original_text), work_key=work_key
                )
                if _only_the_original_answered(verification, original):
                    return _checked_in_the_original(verification, original)
                verification = judge.compare_chain(verification, original)
        return verification

    def _verify_in(self, citation: Citation, text: WorkText | None) -> Verification:
        attempts = tuple(text.attempts) if text else ()
        if text is not None and len(text.versions) > 1:
            return verify_against_versions(
                citation, text.versions, attempts=attempts, indexes=self.indexes
            )
        if text is not None and text.pages:
            page_count = text.edition.page_count if text.edition else None
            verification = judge.verify_against_pages(
                citation,
                text.pages,
                edition=text.edition,
                text_source=text.provenance,
                attempts=attempts,
                page_count=page_count,
                index=self.indexes.index(text.pages),
            )
            if text.excerpt and verification.wording is WordingVerdict.NOT_FOUND:
                # Absent from a part of the work says nothing about the rest of it.
                return judge.unverifiable(
                    citation,
                    attempts,
                    reason=f"the passage is not in the part of the work at hand: {text.excerpt}",
                    edition=text.edition,
                )
            if verification.scan_url:
                return verification
            return replace(verification, scan_url=self._scan_url(text, verification.found_pages))
        if text is not None and text.searchable:
            hits, search_attempts = self._search(citation, text.work_key, text.searchable)
            edition = text.searchable[0][1]
            return judge.verify_against_hits(
                citation,
                hits,
                edition=edition,
                attempts=attempts + tuple(search_attempts),
                searches=search_attempts,
            )
        if text is not None and text.stored_hits:
            return judge.verify_against_hits(citation, text.stored_hits, attempts=attempts)
        for spec in (s for s in self.local_sources if s.key is None):
            found = self._verify_in_local(citation, spec, attempts)
            if found is not None:
                return found
        reason = (
            "no text of the cited work could be reached" if text else "the cited work is unknown"
        )
        return judge.unverifiable(citation, attempts, reason=reason)

    def _scan_url(self, text: WorkText, found_pages: Sequence[str]) -> str:
        """The scanned page in the Internet Archive's viewer, when the text came from a scan."""
        identifiers = text.edition.identifiers.internetarchive if text.edition else ()
        if not identifiers or not found_pages:
            return ""
        leaf = next(
            (p.leaf for p in text.pages if p.printed == found_pages[0] and p.leaf is not None), None
        )
        if leaf is None:
            return ""
        details = f"{self.http.base_url(Service.INTERNET_ARCHIVE)}/details/{identifiers[0]}"
        return f"{details}/page/n{leaf}"

    def _verify_in_local(
        self, citation: Citation, spec: SourceSpec, attempts: tuple[SourceAttempt, ...]
    ) -> Verification | None:
        scratch = WorkText(str(spec.path))
        pages = self._load_local(spec, scratch)
        if not pages:
            return None
        verification = judge.verify_against_pages(
            citation,
            pages,
            text_source=Provenance(Service.LOCAL_FILE, str(spec.path)),
            attempts=attempts + tuple(scratch.attempts),
            index=self.indexes.index(pages),
        )
        return None if verification.wording == WordingVerdict.NOT_FOUND else verification

    def _search(
        self,
        citation: Citation,
        work_key: str,
        searchable: Sequence[tuple[TextProvider, Edition]],
    ) -> tuple[list[Hit], list[SourceAttempt]]:
        hits: list[Hit] = []
        attempts: list[SourceAttempt] = []
        phrases = distinctive_phrases(citation.quotation.text)
        for provider, edition in searchable:
            for phrase in phrases:
                found, attempt = self._search_one(work_key, provider, edition, phrase)
                attempts.append(attempt)
                hits.extend(found)
            if hits:
                break
        return hits, attempts

    def _search_one(
        self, work_key: str, provider: TextProvider, edition: Edition, phrase: str
    ) -> tuple[list[Hit], SourceAttempt]:
        """One search; its hits are kept in the store, which answers when the search fails."""
        what = f"{provider.name}: {edition.title}: {phrase!r}"
        source_id = (
            f"{SEARCH_PREFIX}{provider.service.value}-{_edition_id(edition)}-{slug(phrase)[:60]}"
        )
        try:
            found = list(provider.search(edition, phrase))
        except SourceError as error:
            stored = self.store.get(work_key, source_id) if self.store else None
            if stored is None:
                return [], SourceAttempt(provider.service, what, outcome_of(error), str(error))
            hits = [
                Hit(
                    snippet=p.text,
                    printed=p.printed,
                    leaf=p.leaf,
                    provenance=stored.provenance,
                    ocr=p.ocr,
                )
                for p in stored.pages
            ]
            detail = f"{error}; the stored hits were used"
            return hits, SourceAttempt(Service.SOURCE_STORE, what, AttemptOutcome.OK, detail)
        if found:
            provenance = found[0].provenance or Provenance(provider.service, edition.record_url)
            pages = [Page(text=h.snippet, printed=h.printed, leaf=h.leaf, ocr=h.ocr) for h in found]
            self._keep(work_key, source_id, pages, provenance)
        outcome = AttemptOutcome.OK if found else AttemptOutcome.EMPTY
        return found, SourceAttempt(provider.service, what, outcome, f"{len(found)} hit(s)")

    def _propose(self, citation: Citation, texts: dict[str, WorkText]) -> Verification:
        """A quotation with no work named: search every text at hand and propose what is found."""
        tried: list[SourceAttempt] = []
        for key, text in texts.items():
            if not text.pages:
                continue
            found = judge.verify_against_pages(
                citation, text.pages, edition=text.edition, text_source=text.provenance
            )
            tried.append(
                SourceAttempt(
                    text.provenance.service if text.provenance else Service.WEB,
                    f"text of {key}",
                    AttemptOutcome.OK
                    if found.wording != WordingVerdict.NOT_FOUND
                    else AttemptOutcome.EMPTY,
                )
            )
            if found.wording != WordingVerdict.NOT_FOUND:
                return replace(found, work_key=key, proposal=True, attempts=tuple(tried))
        for spec in (s for s in self.local_sources if s.key is None):
            found_local = self._verify_in_local(citation, spec, tuple(tried))
            if found_local is not None:
                return replace(found_local, proposal=True)
        proposed = self._propose_from_store(citation, tried) or self._propose_from_full_text_search(
            citation, tried
        )
        if proposed is not None:
            return proposed
        return judge.unverifiable(
            citation,
            tuple(tried),
            reason="the document names no work for this quotation and no text searched contains it",
        )

    def _propose_from_store(
        self, citation: Citation, tried: list[SourceAttempt]
    ) -> Verification | None:
        """Books an earlier run proposed and kept in the source store, searched again."""
        if self.store is None or not self.store.root.is_dir():
            return None
        for folder in sorted(self.store.root.glob(f"{PROPOSAL_PREFIX}*")):
            text = WorkText(folder.name)
            self._from_store_only(folder.name, text)
            if not text.pages:
                continue
            found = self._verify_in(citation, text)
            tried.extend(text.attempts)
            if found.wording not in (WordingVerdict.NOT_FOUND, WordingVerdict.UNVERIFIABLE):
                note = f"proposed source, kept in the source store by an earlier run: {folder.name}"
                return replace(
                    found, proposal=True, attempts=tuple(tried), notes=(note, *found.notes)
                )
        return None

    def _propose_from_full_text_search(
        self, citation: Citation, tried: list[SourceAttempt]
    ) -> Verification | None:
        """Scanned books that contain the passage, found by site-wide search, checked in turn."""
        if self.full_text_search is None:
            return None
        phrases = distinctive_phrases(citation.quotation.text, n=1)
        if not phrases:
            return None
        what = f"{self.full_text_search.name}: {phrases[0]!r}"
        try:
            matches = self.full_text_search.find(phrases[0])
        except SourceError as error:
            tried.append(
                SourceAttempt(self.full_text_search.service, what, outcome_of(error), str(error))
            )
            return None
        outcome = AttemptOutcome.OK if matches else AttemptOutcome.EMPTY
        tried.append(
            SourceAttempt(self.full_text_search.service, what, outcome, f"{len(matches)} item(s)")
        )
        for match in matches[:PROPOSALS_TRIED]:
            edition = Edition(
                title=match.title,
                authors=match.creators,
                year=match.year,
                identifiers=Identifiers(internetarchive=(match.identifier,)),
                record_url=f"{self.http.base_url(Service.INTERNET_ARCHIVE)}/details/{match.identifier}",
            )
            key = f"{PROPOSAL_PREFIX}{match.identifier}"
            text = WorkText(key)
            self._try_edition(key, edition, text)
            found = self._verify_in(citation, text)
            tried.extend(text.attempts)
            if found.wording not in (WordingVerdict.NOT_FOUND, WordingVerdict.UNVERIFIABLE):
                return replace(
                    found,
                    work_key=None,
                    edition=edition,
                    proposal=True,
                    attempts=tuple(tried),
                    notes=(
                        f"proposed source, found by full-text search: {match.description}",
                        *found.notes,
                    ),
                )
        return None


def _is_book(query: WorkQuery) -> bool:
    """A book's url is a record or a table of contents, not the text a passage is checked in."""
    return query.entry_type.lower() in {"book", "inbook", "incollection", "collection"}


def _edition_id(edition: Edition) -> str:
    ids = edition.identifiers
    for prefix, values in (
        ("ia", ids.internetarchive),
        ("ht", ids.hathitrust),
        ("gb", ids.googlebooks),
        ("isbn", ids.isbn),
        ("oclc", ids.oclc),
    ):
        if values:
            return f"{prefix}-{values[0]}"
    return slug(edition.title)


def _work_keys(citation: Citation, queries: Sequence[WorkQuery]) -> tuple[str | None, str | None]:
    def key_for(link_key: str | None, title: str | None) -> str | None:
        known = {q.key for q in queries}
        if link_key and link_key in known:
            return link_key
        if title and slug(title) in known:
            return slug(title)
        return None

    work = key_for(citation.bib.key if citation.bib else None, citation.attribution.work)
    intermediary = key_for(
        citation.intermediary_bib.key if citation.intermediary_bib else None,
        citation.attribution.intermediary,
    )
    return work, intermediary


def _only_the_original_answered(secondhand: Verification, original: Verification) -> bool:
    unanswered = (WordingVerdict.UNVERIFIABLE, WordingVerdict.NOT_FOUND)
    return secondhand.wording is WordingVerdict.UNVERIFIABLE and original.wording not in unanswered


def _checked_in_the_original(secondhand: Verification, original: Verification) -> Verification:
    """The wording as the original gives it; the page, which is the intermediary's, stays unknown."""
    note = (
        f"the intermediary ({secondhand.work_key}) could not be read, so its page "
        f"{secondhand.cited_page or '(none cited)'} and its fidelity are unchecked; "
        f"the wording was checked in the original ({original.work_key})"
    )
    return replace(
        original,
        page=PageVerdict.UNKNOWN,
        cited_page=secondhand.cited_page,
        attempts=(*secondhand.attempts, *original.attempts),
        notes=(*original.notes, note),
    )


def _without_locator(citation: Citation) -> Citation:
    """The citation as asked of the original: the page cited belongs to the intermediary."""
    return replace(citation, locator=None)


def _failed_source_findings(
    resolutions: Iterable[Resolution], texts: Iterable[WorkText]
) -> list[Finding]:
    """One finding per service that failed, with how often and how, and a few examples."""
    failing = {
        AttemptOutcome.FAILED,
        AttemptOutcome.TIMED_OUT,
        AttemptOutcome.RATE_LIMITED,
        AttemptOutcome.OFFLINE,
    }
    attempts = [a for r in resolutions for a in r.attempts] + [a for t in texts for a in t.attempts]
    by_service: dict[Service, list[SourceAttempt]] = {}
    for attempt in attempts:
        if attempt.outcome in failing:
            by_service.setdefault(attempt.service, []).append(attempt)
    findings = []
    for service, failed in by_service.items():
        outcomes = Counter(a.outcome.value for a in failed)
        how = ", ".join(f"{count} {outcome}" for outcome, count in outcomes.items())
        examples = tuple(dict.fromkeys(_shorten(a.detail or a.what) for a in failed))[:3]
        findings.append(
            Finding(
                FindingCode.SOURCE_FAILED,
                Severity.WARNING,
                f"{service.value} failed {len(failed)} time(s) ({how}); verdicts that needed it say so",
                examples,
            )
        )
    return findings


def _down_host_findings(http: HttpClient) -> list[Finding]:
    """One finding per host the circuit breaker or the time budget took out of the run, one per
    service whose answers the client had to reject or correct (error pages, mislabelled charsets,
    refused requests asked again), and one when the cache itself failed (locked, full)."""
    findings = [
        Finding(FindingCode.SOURCE_FAILED, Severity.WARNING, f"{host}: {reason}", ())
        for host, reason in sorted(http.down_hosts().items())
    ]
    by_service: dict[Service, list[SourceAttempt]] = {}
    for note in http.notes:
        by_service.setdefault(note.service, []).append(note)
    for service, notes in by_service.items():
        details = tuple(dict.fromkeys(_shorten(n.detail) for n in notes))
        findings.append(
            Finding(
                FindingCode.SOURCE_FAILED,
                Severity.WARNING,
                f"{service.value}: {len(notes)} answer(s) were not what the service's format "
                "promises, and were rejected or corrected",
                details[:3],
            )
        )
    problems = http.cache_problems
    if problems:
        findings.append(
            Finding(
                FindingCode.CACHE_FAILED,
                Severity.WARNING,
                f"the HTTP cache failed {len(problems)} time(s); those answers were asked of the "
                "services again or not kept",
                tuple(dict.fromkeys(_shorten(p) for p in problems))[:3],
            )
        )
    return findings


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check(
    document: str | Path | Document,
    *,
    bibliography: Bibliography | str | Path | None = None,
    sources: Sequence[str | SourceSpec] = (),
    settings: Settings | None = None,
    store: SourceStore | str | Path | None = None,
    progress: Progress | None = None,
    **components: object,
) -> Report:
    """Check every quotation of a document (a path, or a Document already read).

    ``components`` may replace ``http``, ``catalogs``, ``providers`` or ``web`` (tests, mirrors).
    """
    problems: tuple[Problem, ...] = ()
    if isinstance(document, Document):
        doc = document
    else:
        doc, problems = read_document(document)
    bib = load_bibliography(bibliography) if isinstance(bibliography, str | Path) else bibliography
    extraction = extract_citations(doc.text, name=doc.name, format=doc.format, bibliography=bib)
    extraction = replace(extraction, document=doc, problems=tuple(problems) + extraction.problems)
    specs = [s if isinstance(s, SourceSpec) else SourceSpec.parse(s) for s in sources]
    for spec in specs:
        if not spec.path.is_file():
            raise InputError("no such source file", path=str(spec.path))
    source_store = SourceStore(store) if isinstance(store, str | Path) else store
    checker = Checker(
        settings=settings,
        store=source_store,
        local_sources=specs,
        progress=progress,
        **components,  # type: ignore[arg-type]
    )
    return checker.check_extraction(extraction, bib)


__all__ = ["Checker", "SourceSpec", "check"]
