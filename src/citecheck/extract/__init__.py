"""Document -> citations: find quotations, their kinds, locators and attributions. Pure, no I/O.

The pipeline: ``analyse_layout`` (lines, paragraphs, notes) -> ``find_quotations`` (marks paired,
unclosed ones reported) -> ``classify_quotation`` (block, inline, title, scare) -> ``reference_after``
(locator, work named in it, intermediary) -> ``Attributor`` (speaker, work, date, occasion, short
forms) -> ``link_work`` when a bibliography is given. Only ``reader`` touches files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.extract.attribution import WRITING_VERBS, Attributor
from citecheck.extract.layout import Layout, analyse_layout
from citecheck.extract.locators import (
    FoundReference,
    Reference,
    bare_numbers_are_pages,
    parse_tag_source,
    reference_after,
    reference_before,
)
from citecheck.extract.notes import reference_list, resolve_notes, with_listed_work
from citecheck.extract.quotes import (
    FoundQuotation,
    classify_quotation,
    find_nested_quotations,
    find_quotations,
    may_hold_quotations,
    split_segments,
)
from citecheck.model import (
    Attribution,
    BibLink,
    Citation,
    Document,
    DocumentFormat,
    Extraction,
    LocatorTarget,
    Quotation,
    QuotationKind,
)

if TYPE_CHECKING:
    from citecheck.bib import Bibliography

__all__ = ["extract_citations", "extract_document", "extract_file"]


def extract_citations(
    text: str,
    *,
    name: str = "<text>",
    format: DocumentFormat = DocumentFormat.TEXT,
    bibliography: Bibliography | None = None,
) -> Extraction:
    """Every quotation of a text with what the text claims about it, ids "q1", "q2", ... in order."""
    if format is DocumentFormat.HTML:
        from citecheck.extract.reader import html_to_text, looks_like_html

        if looks_like_html(text):
            text = html_to_text(text)
    return extract_document(
        Document(name=name, text=text, format=format), bibliography=bibliography
    )


def extract_document(document: Document, *, bibliography: Bibliography | None = None) -> Extraction:
    """Extraction over a Document already read (its text is what offsets point into)."""
    text = document.text
    layout = analyse_layout(text)
    found, problems = find_quotations(text, layout, name=document.name)
    notes = resolve_notes(layout) if layout.notes else {}
    citations = _citations(text, layout, found, notes, bibliography)
    enclosing = {
        c.quotation.span: c
        for q, c in zip(found, citations, strict=True)
        if c.quotation.kind.is_checkable and may_hold_quotations(text, q)
    }
    outer = [q for q in found if q.inner in enclosing]
    nested = find_nested_quotations(text, layout, outer) if outer else []
    if not nested:
        return Extraction(document=document, citations=tuple(citations), problems=tuple(problems))
    inner = [
        _through_writer(c, enclosing[q.enclosed_by])
        for q, c in zip(nested, _citations(text, layout, nested, notes, bibliography), strict=True)
        if c.quotation.kind.is_checkable and q.enclosed_by is not None
    ]
    ordered = sorted(
        citations + inner, key=lambda c: (c.quotation.span.start, -c.quotation.span.end)
    )
    numbered = tuple(replace(c, id=f"q{n}") for n, c in enumerate(ordered, start=1))
    return Extraction(document=document, citations=numbered, problems=tuple(problems))


def _citations(
    text: str,
    layout: Layout,
    found: list[FoundQuotation],
    notes: dict[str, Reference],
    bibliography: Bibliography | None,
) -> list[Citation]:
    """The citations of quotations that do not overlap one another, in order (ids to be given)."""
    limits = [
        _reference_limit(q, limit)
        for q, limit in zip(found, [q.open_at for q in found[1:]] + [len(text)], strict=False)
    ]
    bare_pages = bare_numbers_are_pages(text, layout, [q.close_at for q in found])
    references = [
        reference_after(text, layout, q.close_at, limit=limit, notes=notes, bare_pages=bare_pages)
        or _tag_reference(text, layout, q)
        for q, limit in zip(found, limits, strict=True)
    ]
    kinds = [
        classify_quotation(
            text,
            layout,
            q,
            reference=_reference_range(q, r),
            paged=r is not None and r.reference.locator is not None,
        )
        for q, r in zip(found, references, strict=True)
    ]
    listing = reference_list(layout) if layout.entries else None
    attributor = Attributor(
        text,
        layout,
        found,
        kinds,
        reference_ends=[r.end if r else 0 for r in references],
        listing=listing,
    )
    if layout.notes:
        references = _with_references_before(text, layout, found, kinds, references, notes=notes)
    if listing is not None:
        references = [
            replace(r, reference=with_listed_work(r.reference, listing)) if r else None
            for r in references
        ]
    citations: list[Citation] = []
    for index, (quotation, kind, reference) in enumerate(
        zip(found, kinds, references, strict=True)
    ):
        parts = split_segments(text, quotation)
        model_quotation = Quotation(
            text=text[quotation.inner.start : quotation.inner.end],
            span=quotation.inner,
            kind=kind,
            segments=parts.segments,
            ellipses=parts.ellipses,
            interpolations=parts.interpolations,
            italic=quotation.italic,
        )
        if kind.is_checkable:
            result = attributor.attribute(index, reference)
            attribution, target, confidence = (
                result.attribution,
                result.locator_target,
                result.confidence,
            )
            inferred = result.inferred_intermediary
        else:
            attribution, target, confidence = Attribution(), LocatorTarget.WORK, 0.0
            inferred = False
        locator = reference.reference.locator if reference and kind.is_checkable else None
        bib, intermediary_bib = (
            _link(attribution, bibliography) if kind.is_checkable else (None, None)
        )
        if inferred and _written_by_speaker(attribution, intermediary_bib, bibliography):
            # The bibliography says the speaker wrote the book the locator names: it is the work.
            attribution = replace(
                attribution,
                work=attribution.intermediary,
                work_evidence=attribution.intermediary_evidence,
                intermediary=None,
                intermediary_evidence=None,
            )
            target, bib, intermediary_bib = LocatorTarget.WORK, intermediary_bib, None
        citations.append(
            Citation(
                id=f"q{index + 1}",
                quotation=model_quotation,
                locator=locator,
                attribution=attribution,
                confidence=confidence,
                bib=bib,
                intermediary_bib=intermediary_bib,
                line=layout.line_of(quotation.inner.start),
                locator_work=target,
            )
        )
    return citations


def extract_file(path: str | Path, *, bibliography: Bibliography | None = None) -> Extraction:
    """Read a file (any supported format and encoding) and extract its citations."""
    from citecheck.extract.reader import read_document

    document, read_problems = read_document(path)
    extraction = extract_document(document, bibliography=bibliography)
    return Extraction(
        document=extraction.document,
        citations=extraction.citations,
        problems=read_problems + extraction.problems,
    )


def _through_writer(citation: Citation, outer: Citation) -> Citation:
    """Words quoted inside a writer's quotation ('writes Miller, "... comparing a poem to 'trying
    to catch a lizard'"') reach the reader through that writer: the writer is the intermediary."""
    writer, evidence = outer.attribution.speaker, outer.attribution.speaker_evidence
    attribution = citation.attribution
    if writer is None or evidence is None:
        return citation
    if attribution.speaker == writer:
        # Words someone quotes inside her own quotation are not hers: say nothing of whose.
        attribution = replace(attribution, speaker=None, speaker_evidence=None)
    if attribution.intermediary is None and WRITING_VERBS.intersection(
        evidence.phrase.lower().split()
    ):
        attribution = replace(attribution, intermediary=writer, intermediary_evidence=evidence)
    return replace(citation, attribution=attribution)


def _with_references_before(
    text: str,
    layout: Layout,
    found: list[FoundQuotation],
    kinds: list[QuotationKind],
    references: list[FoundReference | None],
    *,
    notes: dict[str, Reference],
) -> list[FoundReference | None]:
    """For a quotation with no reference after it, a note mark on the words introducing it."""
    completed = list(references)
    floor = 0
    for index, (quotation, kind) in enumerate(zip(found, kinds, strict=True)):
        if completed[index] is None and kind.is_checkable:
            completed[index] = reference_before(
                text, layout, quotation.open_at, floor=floor, notes=notes
            )
        after = references[index]
        floor = max(floor, quotation.close_at, after.end if after else 0)
    return completed


def _tag_reference(text: str, layout: Layout, quotation: FoundQuotation) -> FoundReference | None:
    """What a block quotation's own tag says of its source ("{% blockquote Author, Work %}")."""
    source = layout.block_sources.get(quotation.open_at) if quotation.from_block_markup else None
    if source is None:
        return None
    reference = parse_tag_source(text[source.start : source.end], offset=source.start)
    return FoundReference(reference, end=quotation.close_at) if reference else None


def _reference_limit(quotation: FoundQuotation, limit: int) -> int:
    """How far the reference after a quotation may be: for one inside another that goes on after
    it, no further than the other's end (what follows that belongs to the other)."""
    outer = quotation.enclosed_by
    if outer is not None and quotation.inner.end < outer.end:
        return min(limit, outer.end)
    return limit


def _written_by_speaker(
    attribution: Attribution, link: BibLink | None, bibliography: Bibliography | None
) -> bool:
    if bibliography is None or link is None or link.key is None or not attribution.speaker:
        return False
    entry = bibliography.get(link.key)
    surname = attribution.speaker.split()[-1].lower()
    return entry is not None and any(
        a.split(",")[0].strip().lower() == surname for a in entry.authors
    )


def _reference_range(
    quotation: FoundQuotation, found: FoundReference | None
) -> tuple[int, int] | None:
    """Where the reference after a quotation stands in the text (a note marker: right after it)."""
    if found is None:
        return None
    if found.via_note is not None:
        return quotation.close_at, found.end
    return max(quotation.close_at, found.reference.span.start - 1), found.end


def _link(
    attribution: Attribution, bibliography: Bibliography | None
) -> tuple[BibLink | None, BibLink | None]:
    if bibliography is None:
        return None, None
    from citecheck.bib import link_work

    bib = None
    if attribution.work or attribution.speaker:
        bib = link_work(
            work=attribution.work,
            speaker=attribution.speaker,
            bibliography=bibliography,
            occasion=attribution.occasion,
            date=attribution.claimed_date,
        )
    intermediary = None
    if attribution.intermediary:
        intermediary = link_work(
            work=attribution.intermediary, speaker=None, bibliography=bibliography
        )
    return bib, intermediary
