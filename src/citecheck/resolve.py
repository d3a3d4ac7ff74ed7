"""Cited works -> catalog editions ranked by fit, and the findings that follow from them.

A work is asked of every catalog under each of its titles (a book published under different
titles in the UK and the US is one work). Editions that share an identifier, or title, year and
publisher, are merged so each fact keeps the service that said it. A catalog that fails is
recorded as an attempt and the others go on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from citecheck.errors import NotInCache, RateLimited, SourceError, SourceTimedOut
from citecheck.model import (
    AttemptOutcome,
    BibLink,
    Citation,
    Edition,
    Extraction,
    Finding,
    FindingCode,
    Identifiers,
    LocatorTarget,
    RankedEdition,
    Resolution,
    Severity,
    SourceAttempt,
    TextAccess,
    WorkQuery,
    page_label_to_int,
)
from citecheck.services import Catalog, IdentifierCatalog
from citecheck.services.fields import surname

if TYPE_CHECKING:
    from citecheck.bib import Bibliography
    from citecheck.model import BibEntry


CATALOG_WORKERS = 8
"""Catalog searches for one work run at once (each service keeps to its own rate)."""

TITLE_FIT_THRESHOLD = 70.0
"""Below this title similarity (0..100) a record is not taken for the cited work."""

_ACCESS_BONUS = {
    TextAccess.PUBLIC: 0.15,
    TextAccess.SEARCH_ONLY: 0.08,
    TextAccess.SNIPPETS: 0.03,
}


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """A key made of the words of a text: ``"The Great Conspiracy"`` -> ``"the-great-conspiracy"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "work"


def query_from_entry(entry: BibEntry) -> WorkQuery:
    """The catalog query for one bibliography entry."""
    return WorkQuery(
        key=entry.key,
        title=entry.title,
        authors=tuple(entry.authors),
        year=entry.year,
        alternative_titles=tuple(entry.alternative_titles),
        identifiers=entry.identifiers,
        entry_type=entry.entry_type,
        url=entry.url or "",
    )


def locator_belongs_to_intermediary(citation: Citation) -> bool:
    """Whether the citation's page refers to the intermediary ("quoted in X pg31") and not the work."""
    return citation.locator_work == LocatorTarget.INTERMEDIARY


def queries_for(extraction: Extraction, bibliography: Bibliography | None) -> tuple[WorkQuery, ...]:
    """One query per work the document cites (intermediaries included), keyed as the .bib is."""
    queries: dict[str, WorkQuery] = {}

    def add(key: str, base: WorkQuery, citation: Citation, page: str | None) -> None:
        current = queries.get(key, base)
        pages = current.cited_pages + ((page,) if page and page not in current.cited_pages else ())
        date = citation.attribution.claimed_date
        dates = current.claimed_dates + (
            (date,) if date and date not in current.claimed_dates else ()
        )
        queries[key] = replace(
            current,
            cited_pages=pages,
            claimed_dates=dates,
            citation_ids=(*current.citation_ids, citation.id),
        )

    for citation in extraction.checkable:
        page = citation.locator.first if citation.locator else None
        on_intermediary = locator_belongs_to_intermediary(citation)
        work_query = _query_for_link(
            citation.bib.key if citation.bib else None,
            citation.attribution.work,
            citation.attribution.speaker,
            bibliography,
        )
        if work_query is not None:
            add(work_query.key, work_query, citation, None if on_intermediary else page)
        if citation.intermediary_bib is not None:
            inter = _query_for_link(
                citation.intermediary_bib.key, citation.attribution.intermediary, None, bibliography
            )
            if inter is not None:
                add(inter.key, inter, citation, page if on_intermediary else None)
    return tuple(queries.values())


def _query_for_link(
    key: str | None, title: str | None, speaker: str | None, bibliography: Bibliography | None
) -> WorkQuery | None:
    if key and bibliography is not None:
        entry = bibliography.get(key)
        if entry is not None:
            return query_from_entry(entry)
    if title:
        authors = (speaker,) if speaker else ()
        return WorkQuery(key=slug(title), title=title, authors=authors)
    return None


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------


def outcome_of(error: SourceError) -> AttemptOutcome:
    """How a failed request is recorded as an attempt."""
    if isinstance(error, RateLimited):
        return AttemptOutcome.RATE_LIMITED
    if isinstance(error, NotInCache):
        return AttemptOutcome.OFFLINE
    if isinstance(error, SourceTimedOut):
        return AttemptOutcome.TIMED_OUT
    return AttemptOutcome.FAILED


def _ask_catalogs(
    query: WorkQuery, catalogs: Sequence[object]
) -> tuple[list[Edition], list[SourceAttempt]]:
    """Every title catalog under every title at once; then identifier-only catalogs."""
    searches = [
        (catalog, title)
        for catalog in catalogs
        if isinstance(catalog, Catalog)
        for title in query.titles
    ]
    with ThreadPoolExecutor(max(1, min(CATALOG_WORKERS, len(searches)))) as pool:
        answers = list(pool.map(lambda search: _search_catalog(query, *search), searches))
    editions = [e for found, _attempt in answers for e in found]
    attempts = [attempt for _found, attempt in answers]
    for catalog in catalogs:
        if isinstance(catalog, IdentifierCatalog):
            found, attempt = _look_up_identifiers(query, catalog, editions)
            editions.extend(found)
            if attempt is not None:
                attempts.append(attempt)
    return editions, attempts


def _search_catalog(
    query: WorkQuery, catalog: Catalog, title: str
) -> tuple[list[Edition], SourceAttempt]:
    what = f"editions of {title!r}"
    try:
        found = catalog.find_editions(title, query.authors, year=query.year)
    except SourceError as error:
        return [], SourceAttempt(catalog.service, what, outcome_of(error), str(error))
    outcome = AttemptOutcome.OK if found else AttemptOutcome.EMPTY
    return found, SourceAttempt(catalog.service, what, outcome, f"{len(found)} record(s)")


def _look_up_identifiers(
    query: WorkQuery, catalog: IdentifierCatalog, editions: Sequence[Edition]
) -> tuple[list[Edition], SourceAttempt | None]:
    identifiers = _identifiers_to_ask(query, editions)
    if identifiers == Identifiers():
        return [], None
    what = f"volumes for the identifiers of {query.title!r}"
    try:
        found = catalog.editions_for_identifiers(identifiers)
    except SourceError as error:
        return [], SourceAttempt(catalog.service, what, outcome_of(error), str(error))
    outcome = AttemptOutcome.OK if found else AttemptOutcome.EMPTY
    return found, SourceAttempt(catalog.service, what, outcome, f"{len(found)} record(s)")


def _identifiers_to_ask(query: WorkQuery, editions: Iterable[Edition]) -> Identifiers:
    """The query's identifiers and those the title catalogs found (for identifier-only catalogs)."""
    found = query.identifiers
    for edition in editions:
        found = found.merged(
            Identifiers(
                isbn=edition.identifiers.isbn,
                oclc=edition.identifiers.oclc,
                lccn=edition.identifiers.lccn,
            )
        )
    return Identifiers(isbn=found.isbn[:10], oclc=found.oclc[:10], lccn=found.lccn[:10])


def edition_keys(edition: Edition) -> set[str]:
    """Identifiers that make two records one edition (or title, year and publisher)."""
    ids = edition.identifiers
    keys = {f"isbn:{v}" for v in ids.isbn} | {f"oclc:{v}" for v in ids.oclc}
    keys |= {f"lccn:{v}" for v in ids.lccn} | {f"ia:{v}" for v in ids.internetarchive}
    keys |= {f"ol:{v}" for v in ids.openlibrary if v.endswith("M")}
    if not keys:
        keys.add(f"t:{slug(edition.title)}|{edition.year}|{slug(edition.publisher or '')}")
    return keys


def merge_editions(editions: Sequence[Edition]) -> list[Edition]:
    """Merge records of the same edition from several catalogs; the first record's facts lead."""
    merged: list[Edition] = []
    keys_of: list[set[str]] = []
    for edition in editions:
        keys = edition_keys(edition)
        index = next((i for i, known in enumerate(keys_of) if known & keys), None)
        if index is None:
            merged.append(edition)
            keys_of.append(keys)
            continue
        merged[index] = _merge_two(merged[index], edition)
        keys_of[index] |= keys
    return merged


def _merge_two(first: Edition, second: Edition) -> Edition:
    access_rank = [
        TextAccess.PUBLIC,
        TextAccess.SEARCH_ONLY,
        TextAccess.SNIPPETS,
        TextAccess.NONE,
        TextAccess.UNKNOWN,
    ]
    access = min(first.access, second.access, key=access_rank.index)
    return replace(
        first,
        authors=first.authors or second.authors,
        year=first.year or second.year,
        publisher=first.publisher or second.publisher,
        place=first.place or second.place,
        page_count=first.page_count or second.page_count,
        language=first.language or second.language,
        translated_from=first.translated_from or second.translated_from,
        edition_statement=first.edition_statement or second.edition_statement,
        identifiers=first.identifiers.merged(second.identifiers),
        access=access,
        record_url=first.record_url or second.record_url,
        provenance=tuple(dict.fromkeys((*first.provenance, *second.provenance))),
        facts=tuple(dict.fromkeys((*first.facts, *second.facts))),
    )


def _surnames(names: Iterable[str]) -> set[str]:
    return {surname(name).lower().strip(". ") for name in names if name.strip()}


def title_fit(query: WorkQuery, edition: Edition) -> float:
    """How well an edition's title fits any of the query's titles, 0..100 (subtitles optional)."""
    main = _plain(re.split(r"[:;]| - ", edition.title)[0])
    candidate = _plain(edition.title)
    return max(
        max(fuzz.token_set_ratio(_plain(title), candidate), fuzz.ratio(_plain(title), main))
        for title in query.titles
    )


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def author_fits(query: WorkQuery, edition: Edition) -> bool:
    if not query.authors or not edition.authors:
        return not query.authors
    return bool(_surnames(query.authors) & _surnames(edition.authors))


def rank_editions(query: WorkQuery, editions: Sequence[Edition]) -> list[RankedEdition]:
    """Editions scored by title, author, year, page fit and text access; best first."""
    pages = [p for p in (page_label_to_int(p) for p in query.cited_pages) if p is not None]
    ranked = []
    for edition in editions:
        title_score = title_fit(query, edition)
        reasons = [f"title fits {title_score:.0f}%"]
        score = title_score / 100
        if author_fits(query, edition):
            score += 0.4
            reasons.append("author matches")
        elif query.authors and edition.authors:
            score -= 0.4
            reasons.append("author differs: " + "; ".join(edition.authors))
        if query.year and edition.year:
            distance = abs(edition.year - query.year)
            score += 0.3 if distance == 0 else max(0.0, 0.2 - 0.02 * distance)
            reasons.append(f"year {edition.year} (cited {query.year})")
        if pages and edition.page_count:
            if all(p <= edition.page_count for p in pages):
                score += 0.2
                reasons.append(f"cited pages fit {edition.page_count} pages")
            else:
                score -= 0.3
                reasons.append(f"cited page beyond its {edition.page_count} pages")
        bonus = _ACCESS_BONUS.get(edition.access, 0.0)
        if bonus:
            score += bonus
            reasons.append(f"text access: {edition.access}")
        ranked.append(RankedEdition(edition, round(score, 4), tuple(reasons)))
    ranked.sort(key=lambda r: r.score, reverse=True)
    return ranked


def fitting_records(
    query: WorkQuery, catalogs: Sequence[object]
) -> tuple[list[Edition], int, list[SourceAttempt]]:
    """Every catalog record whose title fits the work (unmerged), how many were set aside, attempts."""
    found, attempts = _ask_catalogs(query, catalogs)
    fitting = [e for e in found if title_fit(query, e) >= TITLE_FIT_THRESHOLD]
    return fitting, len(found) - len(fitting), attempts


def resolve_work(query: WorkQuery, catalogs: Sequence[object]) -> Resolution:
    """Ask every catalog for the work and rank the editions found; never raises for a catalog."""
    return resolve_work_with_records(query, catalogs)[0]


def resolve_work_with_records(
    query: WorkQuery, catalogs: Sequence[object]
) -> tuple[Resolution, list[Edition]]:
    """The resolution, and the catalog records (unmerged) it was made from."""
    fitting, rejected, attempts = fitting_records(query, catalogs)
    ranked = rank_editions(query, merge_editions(fitting))
    findings = work_findings(query, ranked, rejected=rejected, attempts=attempts)
    resolution = Resolution(
        work_key=query.key,
        query_title=query.title,
        query_authors=query.authors,
        editions=tuple(ranked),
        alternative_titles=query.alternative_titles,
        findings=tuple(findings),
        attempts=tuple(attempts),
    )
    return resolution, fitting


def _describe(edition: Edition) -> str:
    parts = [edition.title]
    if edition.publisher:
        parts.append(edition.publisher)
    if edition.year:
        parts.append(str(edition.year))
    services = sorted({p.service.value for p in edition.provenance})
    where = f" [{', '.join(services)}]" if services else ""
    return ", ".join(parts) + where


def work_findings(
    query: WorkQuery,
    ranked: Sequence[RankedEdition],
    *,
    rejected: int = 0,
    attempts: Sequence[SourceAttempt] = (),
) -> list[Finding]:
    """Findings about one work: not found, author/title mismatch, cited pages and page counts."""
    findings: list[Finding] = []
    failed = [a for a in attempts if a.outcome not in (AttemptOutcome.OK, AttemptOutcome.EMPTY)]
    evidence_failed = tuple(
        f"{service}: {count} request(s) {outcome}"
        for (service, outcome), count in Counter(
            (a.service.value, a.outcome.value) for a in failed
        ).items()
    )
    if not ranked:
        asked = sorted({a.service.value for a in attempts})
        answered = sorted({a.service.value for a in attempts if a not in failed})
        if not answered:
            message = f"{query.title!r} could not be looked up: no catalog answered ({', '.join(asked) or 'none asked'})"
        else:
            message = f"{query.title!r} was not found in the catalogs that answered ({', '.join(answered)})"
        if rejected:
            message += f"; {rejected} record(s) with other titles were set aside"
        severity = Severity.WARNING if failed else Severity.ERROR
        findings.append(
            Finding(
                FindingCode.WORK_NOT_FOUND, severity, message, evidence_failed, work_key=query.key
            )
        )
        return findings
    if not any(author_fits(query, r.edition) for r in ranked):
        authors = "; ".join(sorted({a for r in ranked for a in r.edition.authors})[:5])
        findings.append(
            Finding(
                FindingCode.AUTHOR_TITLE_MISMATCH,
                Severity.WARNING,
                f"no catalog record of {query.title!r} names {', '.join(query.authors)} as author",
                (f"catalog authors: {authors}",),
                work_key=query.key,
            )
        )
    findings.extend(page_findings(query, [r.edition for r in ranked]))
    return findings


def page_findings(query: WorkQuery, editions: Sequence[Edition]) -> list[Finding]:
    """Whether each cited page can exist in the known editions (those with a page count)."""
    counted = [e for e in editions if e.page_count]
    findings = []
    for label in query.cited_pages:
        page = page_label_to_int(label)
        if page is None or not counted:
            continue
        fits = [e for e in counted if page <= (e.page_count or 0)]
        evidence = tuple(f"{_describe(e)}: {e.page_count} pages" for e in counted)
        if not fits:
            findings.append(
                Finding(
                    FindingCode.PAGE_BEYOND_EVERY_EDITION,
                    Severity.ERROR,
                    f"page {label} of {query.title!r} is beyond the page count of every known edition",
                    evidence,
                    work_key=query.key,
                )
            )
        elif len(fits) < len(counted):
            findings.append(
                Finding(
                    FindingCode.PAGE_FITS_SOME_EDITIONS,
                    Severity.INFO,
                    f"page {label} of {query.title!r} exists only in some editions: "
                    + "; ".join(_describe(e) for e in fits),
                    evidence,
                    work_key=query.key,
                )
            )
    return findings


# --------------------------------------------------------------------------------------------
# Findings that join citations and resolutions
# --------------------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _year_of(text: str | None) -> int | None:
    match = _YEAR.search(text or "")
    return int(match.group(1)) if match else None


def citation_findings(
    extraction: Extraction,
    resolutions: Sequence[Resolution],
    bibliography: Bibliography | None = None,
) -> tuple[Finding, ...]:
    """Date mismatches and secondhand citations, from the citations and the resolved works."""
    by_key = {r.work_key: r for r in resolutions}
    findings: list[Finding] = []
    for citation in extraction.checkable:
        work = _resolution_for(citation.bib, citation.attribution.work, by_key)
        intermediary = _resolution_for(
            citation.intermediary_bib, citation.attribution.intermediary, by_key
        )
        cited = intermediary if locator_belongs_to_intermediary(citation) else work
        if work is not None:
            findings.extend(_date_findings(citation, work))
        if cited is not None:
            secondhand = _secondhand_finding(citation, cited, resolutions)
            if secondhand is not None:
                findings.append(secondhand)
    return tuple(findings)


def _resolution_for(
    link: BibLink | None, title: str | None, by_key: Mapping[str, Resolution]
) -> Resolution | None:
    if link is not None and link.key and link.key in by_key:
        return by_key[link.key]
    return by_key.get(slug(title)) if title else None


def _date_findings(citation: Citation, resolution: Resolution) -> list[Finding]:
    claimed = _year_of(citation.attribution.claimed_date)
    years = [r.edition.year for r in resolution.editions if r.edition.year]
    if claimed is None or not years:
        return []
    first = min(years)
    evidence = (
        f"the document dates the statement {citation.attribution.claimed_date!r}",
        f"earliest known edition of {resolution.query_title!r}: {first}",
    )
    if claimed > first and not citation.attribution.intermediary:
        return [
            Finding(
                FindingCode.DATE_MISMATCH,
                Severity.WARNING,
                f"the statement is dated {claimed}, after {resolution.query_title!r} "
                f"was first published ({first})",
                evidence,
                citation_id=citation.id,
                work_key=resolution.work_key,
            )
        ]
    return []


def _secondhand_finding(
    citation: Citation, resolution: Resolution, resolutions: Sequence[Resolution]
) -> Finding | None:
    speaker = citation.attribution.speaker
    if not speaker or not resolution.editions:
        return None
    catalog_authors = set(resolution.query_authors) or {
        a for r in resolution.editions for a in r.edition.authors
    }
    if _surnames([speaker]) & _surnames(catalog_authors):
        return None
    own_works = [
        r.query_title
        for r in resolutions
        if r is not resolution and _surnames([speaker]) & _surnames(r.query_authors)
    ]
    message = (
        f"the passage is attributed to {speaker} but cited to {resolution.query_title!r} "
        f"by {', '.join(sorted(catalog_authors)) or 'other authors'}: it is secondhand"
    )
    evidence = [
        f"catalog authors of {resolution.query_title!r}: {', '.join(sorted(catalog_authors))}"
    ]
    if own_works:
        message += f"; {speaker}'s own work cited in the document: {', '.join(own_works)}"
        evidence.append(f"{speaker} wrote {', '.join(own_works)}")
    return Finding(
        FindingCode.SECONDHAND,
        Severity.INFO if citation.attribution.intermediary else Severity.WARNING,
        message,
        tuple(evidence),
        citation_id=citation.id,
        work_key=resolution.work_key,
    )
