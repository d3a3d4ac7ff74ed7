"""From an alignment to verdicts: how the document's wording and page compare with the source.

Wording verdicts, when several apply, are ranked (the first that applies is the verdict; every
finding is still listed in the ``Verification``'s fields and notes)::

    ALTERED > SPLICED > TRUNCATED > OMISSION > VARIANT > EXACT

- EXACT: the same characters, apart from layout: line breaks and spacing, hyphenation at a line
  break, ligatures. VARIANT: the same words, but quote marks, dashes, case, punctuation, spelling or
  OCR-level differences (each named in the notes). ALTERED: words changed, added or removed
  (``changes``), a segment that is not in the source, or text left out without an ellipsis.
- OMISSION: an ellipsis hides text (``omissions``), also a leading or trailing ellipsis that cuts a
  sentence. TRUNCATED: the quotation starts or stops inside a sentence without an ellipsis saying
  so (``truncated_before`` / ``truncated_after``). SPLICED: segments out of order, or more than
  ``FAR_WORDS`` words apart.
- NOT_FOUND only when a text was searched; UNVERIFIABLE when no text could be reached.

Page verdicts: AS_CITED when the passage begins on the cited page (or lies within a cited range);
ADJACENT when the cited page holds only a later part of the passage, or is one off; OTHER_PAGE;
IMPOSSIBLE when the cited page cannot exist in the edition (beyond its page count or its last page
label), which takes precedence, with the page where the passage really is in ``found_pages``;
UNKNOWN when the document gives no page or the source's pages carry no printed numbers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.model import (
    AttemptOutcome,
    Attribution,
    ChangeKind,
    Citation,
    Edition,
    Hit,
    OmittedText,
    Page,
    PageVerdict,
    Provenance,
    Quotation,
    QuotationKind,
    SegmentMatch,
    SourceAttempt,
    Span,
    Verification,
    WordChange,
    WordingVerdict,
)
from citecheck.verify.locate import (
    DiffKind,
    SegmentAlignment,
    SourceIndex,
    SourceText,
    TokenDiff,
    align_segment,
    is_page_furniture,
    locate,
)
from citecheck.verify.meaning import MEANING_WORDS, NEGATIONS, TURNING_WORDS, meaning_of
from citecheck.verify.normalise import exact_form, iter_tokens, typographic_form
from citecheck.verify.pages import (
    cited_pages,
    labels_between,
    page_phrase,
    page_verdict,
    pages_phrase,
)
from citecheck.verify.segments import GapKind, QuotationParts, split_quotation
from citecheck.verify.sentences import (
    context_after,
    context_before,
    has_paragraph_break,
    has_sentence_end,
    sentence_end,
    sentence_start,
)
from citecheck.verify.spelling import is_common, similar_words

__all__ = [
    "FAR_WORDS",
    "compare_chain",
    "unverifiable",
    "verify_against_hits",
    "verify_against_pages",
]

FAR_WORDS = 150
"""Segments further apart than this in the source are spliced, not joined by an omission."""
_INTERPOLATION_WORDS = 8
"""An interpolation may stand for this many words of the source; more is an unmarked cut."""
_MIN_FOUND_SHARE = 0.3
"""Below this share of the quotation's words found, the passage counts as not found."""
_CLOSING_PUNCTUATION = ".,;:!?\u2026\"'\u201d\u2019)"
_RANK = (
    WordingVerdict.ALTERED,
    WordingVerdict.SPLICED,
    WordingVerdict.TRUNCATED,
    WordingVerdict.OMISSION,
    WordingVerdict.VARIANT,
    WordingVerdict.EXACT,
)
_SNIPPET_BREAK = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def verify_against_pages(
    citation: Citation,
    pages: Sequence[Page],
    *,
    edition: Edition | None = None,
    text_source: Provenance | None = None,
    attempts: Sequence[SourceAttempt] = (),
    page_count: int | None = None,
    index: SourceIndex | None = None,
) -> Verification:
    """Verify a citation's passage and page against an edition's whole text, page by page.

    ``index`` is the pages' word index when the caller already has one (else it is built once and
    cached for the same pages).
    """
    cited_first, cited_last = cited_pages(citation)
    if not pages or not any(p.text.strip() for p in pages):
        reason = "the source's pages hold no text" if pages else "no page of the text was given"
        return unverifiable(citation, attempts, reason=reason, edition=edition)
    index = SourceIndex.of(pages) if index is None else index
    provenance = text_source or next((p.provenance for p in pages if p.provenance), None)
    cited_labels = labels_between(pages, cited_first, cited_last)
    alignment = locate(citation.quotation, index, prefer_pages=cited_labels)
    found = [(s, index) if s is not None else None for s in alignment.segments] if alignment else []
    base = Verification(
        citation_id=citation.id,
        wording=WordingVerdict.NOT_FOUND,
        page=PageVerdict.UNKNOWN,
        cited_page=cited_first,
        edition=edition,
        text_source=provenance,
        attempts=tuple(attempts),
    )
    searched = f"searched {len(pages)} pages ({len(index)} words)"
    if _too_little_found(citation.quotation, found):
        page, page_notes = page_verdict(cited_first, cited_last, [], pages, page_count)
        notes = [f"the passage is not in this text: {searched}", *page_notes]
        notes += _weak_match_notes(found)
        return replace(base, page=page, notes=tuple(notes))
    parts = alignment.parts if alignment else split_quotation(citation.quotation)
    return _judge(
        base,
        parts,
        found,
        pages,
        cited=(cited_first, cited_last),
        page_count=page_count,
        snippets=False,
    )


def verify_against_hits(
    citation: Citation,
    hits: Sequence[Hit],
    *,
    edition: Edition | None = None,
    attempts: Sequence[SourceAttempt] = (),
    searches: Sequence[SourceAttempt] | None = None,
) -> Verification:
    """Verify a citation against search-inside snippets: as far as the snippets show, and no further.

    ``searches`` are the attempts that were searches (``attempts`` when not given). With no hits,
    the passage is "not found" only when searches answered and none failed: a search that never
    answered, or a step that only found out that searching is possible, is not a search.
    """
    cited_first, cited_last = cited_pages(citation)
    base = Verification(
        citation_id=citation.id,
        wording=WordingVerdict.NOT_FOUND,
        page=PageVerdict.UNKNOWN,
        cited_page=cited_first,
        edition=edition,
        attempts=tuple(attempts),
    )
    if not hits:
        asked = list(attempts if searches is None else searches)
        answered = [a for a in asked if a.outcome in _ANSWERED]
        failed = [a for a in asked if a.outcome in _FAILING]
        if not answered:
            return unverifiable(
                citation, attempts, reason="no search inside the text answered", edition=edition
            )
        if failed:
            return unverifiable(
                citation,
                attempts,
                reason=f"{len(failed)} of {len(asked)} searches inside the text failed, "
                "so the passage may be in the part that was not searched",
                edition=edition,
            )
        return replace(base, notes=("the search inside the text found no passage like this",))
    fragments: list[tuple[Page, SourceIndex, Hit]] = []
    for hit in hits:
        for piece in _SNIPPET_BREAK.split(hit.snippet):
            if piece.strip():
                page = Page(piece, hit.printed, hit.leaf, hit.provenance, ocr=hit.ocr)
                fragments.append((page, SourceIndex.build([page]), hit))
    parts = split_quotation(citation.quotation)
    found: list[tuple[SegmentAlignment, SourceIndex] | None] = []
    hit_of: dict[int, Hit] = {}
    for number, segment in enumerate(parts.segments):
        best: tuple[SegmentAlignment, SourceIndex, Hit] | None = None
        for _, index, hit in fragments:
            match = align_segment(index, segment, number=number, open_edges=True)
            if match is not None and (best is None or _coverage(match) > _coverage(best[0])):
                best = (match, index, hit)
        found.append((best[0], best[1]) if best else None)
        if best:
            hit_of[number] = best[2]
    if _too_little_found(citation.quotation, found):
        textless = [hit for hit in hits if not hit.snippet.strip()]
        if textless:
            return _pages_without_text(base, textless, cited_first, cited_last)
        notes = [
            f"the search inside the text returned {len(hits)} snippets; none holds the passage",
            *_weak_match_notes(found),
        ]
        return replace(base, notes=tuple(notes))
    first_hit = next(iter(hit_of.values()))
    base = replace(base, text_source=first_hit.provenance, scan_url=first_hit.scan_url)
    pages = [page for page, _, _ in fragments]
    verification = _judge(
        base,
        parts,
        found,
        pages,
        cited=(cited_first, cited_last),
        page_count=None,
        snippets=True,
    )
    return verification


def _pages_without_text(
    base: Verification, hits: Sequence[Hit], cited_first: str | None, cited_last: str | None
) -> Verification:
    """Hits that name pages but withhold their text: the page can be judged, the wording cannot."""
    labels = tuple(dict.fromkeys(hit.printed for hit in hits if hit.printed))
    page, page_notes = page_verdict(cited_first, cited_last, labels, [], None, snippets=True)
    where = f"on {pages_phrase(labels)}" if labels else "on pages without printed numbers"
    note = (
        f"the search inside the text finds the searched words {where} but shows no text, "
        "so the wording cannot be compared"
    )
    return replace(
        base,
        wording=WordingVerdict.UNVERIFIABLE,
        page=page,
        found_pages=labels,
        text_source=hits[0].provenance,
        scan_url=hits[0].scan_url,
        notes=(*base.notes, note, *page_notes),
    )


def unverifiable(
    citation: Citation,
    attempts: Sequence[SourceAttempt],
    *,
    reason: str,
    edition: Edition | None = None,
) -> Verification:
    """The verdict when no text of the source could be reached, saying what was tried."""
    tried = [_describe_attempt(a) for a in attempts]
    notes = [reason]
    notes.append("tried: " + "; ".join(tried) if tried else "no source of text was tried")
    return Verification(
        citation_id=citation.id,
        wording=WordingVerdict.UNVERIFIABLE,
        page=PageVerdict.UNKNOWN,
        cited_page=cited_pages(citation)[0],
        edition=edition,
        attempts=tuple(attempts),
        notes=tuple(notes),
    )


def compare_chain(secondhand: Verification, original: Verification) -> Verification:
    """The secondhand verification with the original's check in ``chain`` and whether the intermediary was faithful."""
    if original.wording is WordingVerdict.UNVERIFIABLE:
        note = "the original could not be checked, so the intermediary's fidelity is unknown"
    elif original.wording is WordingVerdict.NOT_FOUND:
        note = "the intermediary did not quote faithfully: the passage is not in the original as searched"
    elif not secondhand.source_text:
        note = f"the intermediary's text could not be checked; against the original the document's wording is {original.wording}"
    else:
        note = _chain_note(secondhand.source_text, original)
    return replace(secondhand, chain=(*secondhand.chain, original), notes=(*secondhand.notes, note))


# --------------------------------------------------------------------------------------------
# Judging an alignment
# --------------------------------------------------------------------------------------------

_ANSWERED = (AttemptOutcome.OK, AttemptOutcome.EMPTY, AttemptOutcome.NOT_FOUND)
_FAILING = (
    AttemptOutcome.FAILED,
    AttemptOutcome.TIMED_OUT,
    AttemptOutcome.RATE_LIMITED,
    AttemptOutcome.OFFLINE,
)
_Located = tuple[SegmentAlignment, SourceIndex]


@dataclass(frozen=True, slots=True)
class _Findings:
    changes: list[WordChange]
    omissions: list[OmittedText]
    notes: list[str]
    verdicts: set[WordingVerdict]


def _judge(
    base: Verification,
    parts: QuotationParts,
    found: Sequence[_Located | None],
    pages: Sequence[Page],
    *,
    cited: tuple[str | None, str | None],
    page_count: int | None,
    snippets: bool,
) -> Verification:
    cited_first, cited_last = cited
    findings = _Findings([], [], [], set())
    located = [f for f in found if f is not None]
    for number, item in enumerate(found):
        if item is None:
            segment = parts.segments[number]
            findings.changes.append(
                WordChange(
                    ChangeKind.ADDED,
                    segment,
                    "",
                    meaning_bearing=_has_meaning_word(_words(segment)),
                    note=f"segment {number + 1} of the quotation is not in the source",
                )
            )
            findings.verdicts.add(WordingVerdict.ALTERED)
        else:
            _judge_words(item[0], findings, ocr=item[1].ocr)
    _judge_gaps(parts, found, findings)
    first_match, first_index = located[0]
    last_match, last_index = located[-1]
    truncated_before = truncated_after = ""
    if found[0] is not None:
        truncated_before = _judge_start(parts, first_match, first_index, findings, snippets)
    if found[-1] is not None:
        truncated_after = _judge_end(parts, last_match, last_index, findings, snippets)
    if not findings.verdicts - {WordingVerdict.EXACT}:
        findings.verdicts.add(WordingVerdict.EXACT)
    wording = next(v for v in _RANK if v in findings.verdicts)
    if snippets:
        _note_coverage(parts, found, findings, wording)

    found_pages = _passage_pages(located)
    page, page_notes = page_verdict(
        cited_first, cited_last, found_pages, pages, page_count, snippets=snippets
    )
    if not found_pages and page is PageVerdict.UNKNOWN:
        page_notes.append("the source's pages where the passage stands carry no printed number")
    same_text = all(index is first_index for _, index in located)
    in_order = same_text and all(
        a.last_word <= b.first_word for (a, _), (b, _) in itertools.pairwise(located)
    )
    if in_order and WordingVerdict.SPLICED not in findings.verdicts:
        source_text = first_index.source.text[first_match.start : last_match.end]
    else:
        source_text = " … ".join(m.source_text for m in _segment_matches(located))
    before_text = first_index.source.text
    after_text = last_index.source.text
    return replace(
        base,
        wording=wording,
        page=page,
        found_pages=found_pages,
        source_text=source_text,
        matches=tuple(_segment_matches(located)),
        changes=tuple(findings.changes),
        omissions=tuple(findings.omissions),
        truncated_before=truncated_before,
        truncated_after=truncated_after,
        context_before=context_before(before_text, first_match.start),
        context_after=_omitted_text(last_match.segment, context_after(after_text, last_match.end)),
        notes=(*base.notes, *findings.notes, *page_notes),
    )


def _judge_words(match: SegmentAlignment, findings: _Findings, *, ocr: bool) -> None:
    """Word changes of one segment, and the spelling, typography and OCR differences of the rest."""
    variants: list[str] = []
    document_parts: list[str] = []
    source_parts: list[str] = []
    changed: list[TokenDiff] = []
    for diff in match.diffs:
        if diff.kind is DiffKind.SAME:
            document_parts.append(diff.document)
            source_parts.append(diff.source)
        elif diff.kind is DiffKind.VARIANT:
            variants.append(f"'{diff.source}' for '{diff.document}'")
        elif diff.kind is DiffKind.PAGE_FURNITURE:
            findings.notes.append(
                f"segment {match.index + 1} runs over a page break; the page's own line "
                f"'{diff.source.strip()}' (running head or page number) is not counted as left out"
            )
        elif diff.kind is not DiffKind.UNCOVERED:
            changed.append(diff)
            findings.verdicts.add(WordingVerdict.ALTERED)
    findings.changes.extend(_changes_with_moves(changed, ocr=ocr))
    kinds = _variant_kinds(
        " ".join(document_parts), " ".join(source_parts), bool(variants), ocr=ocr
    )
    if not kinds:
        findings.verdicts.add(WordingVerdict.EXACT)
        return
    findings.verdicts.add(WordingVerdict.VARIANT)
    detail = f": {', '.join(variants[:5])}" if variants else ""
    scope = "also" if WordingVerdict.ALTERED in findings.verdicts else "only"
    findings.notes.append(
        f"segment {match.index + 1} differs from the source {scope} in {' and '.join(kinds)}{detail}"
    )


def _changes_with_moves(diffs: Sequence[TokenDiff], *, ocr: bool) -> list[WordChange]:
    """The word changes of a segment, with words the document only put elsewhere as one move.

    Words left out at one place and the same words added at another are a move ("must without
    fail be destroyed" quoted as "must be destroyed without fail"), not a negation dropped and
    added; where they are part of a longer change, the rest of it stays a change.
    """
    changes: list[WordChange | None] = [_word_change(d) for d in diffs]
    for i, added in enumerate(diffs):
        if added.kind is not DiffKind.ADDED and added.kind is not DiffKind.REPLACED:
            continue
        for j, removed in enumerate(diffs):
            if i == j or changes[i] is None or changes[j] is None:
                continue
            if removed.kind is not DiffKind.REMOVED and removed.kind is not DiffKind.REPLACED:
                continue
            if not added.document_words or not removed.source_words:
                continue
            if added.kind is DiffKind.REPLACED and removed.kind is DiffKind.REPLACED:
                continue
            move = _moved_words(added, removed, ocr=ocr)
            if move is None:
                continue
            changes[i] = _move_change(added, removed, move, document_first=i < j)
            changes[j] = _rest_of_change(
                added if added.kind is DiffKind.REPLACED else removed, move
            )
            break
    return [c for c in changes if c is not None]


def _moved_words(added: TokenDiff, removed: TokenDiff, *, ocr: bool) -> tuple[str, ...] | None:
    """The words that one diff adds and the other removes, when one holds the other whole."""
    new, old = added.document_words, removed.source_words
    shorter, longer = sorted((new, old), key=len)
    if len(shorter) < 1 or (
        len(shorter) == 1 and shorter[0] not in MEANING_WORDS and len(longer) > 1
    ):
        return None
    for start in range(len(longer) - len(shorter) + 1):
        window = longer[start : start + len(shorter)]
        if all(similar_words(a, b, ocr=ocr) for a, b in zip(window, shorter, strict=True)):
            if (
                added.kind is DiffKind.ADDED
                and removed.kind is DiffKind.REMOVED
                and len(new) != len(old)
            ):
                return None
            return tuple(shorter)
    return None


def _move_change(
    added: TokenDiff, removed: TokenDiff, words: tuple[str, ...], *, document_first: bool
) -> WordChange:
    phrase = " ".join(words)
    direction = "earlier" if document_first else "later"
    return WordChange(
        ChangeKind.MOVED,
        added.document if added.kind is DiffKind.ADDED else phrase,
        removed.source if removed.kind is DiffKind.REMOVED else phrase,
        meaning_bearing=False,
        note=f"moved: '{phrase}' stands {direction} in the document than in the source; no word is dropped",
    )


def _rest_of_change(diff: TokenDiff, words: tuple[str, ...]) -> WordChange | None:
    """What remains of a replacement once the moved words are taken out of it, or None."""
    if diff.kind is not DiffKind.REPLACED:
        return None
    doc = _without(diff.document_words, words)
    src = _without(diff.source_words, words)
    if not doc and not src:
        return None
    kind = ChangeKind.REPLACED if doc and src else ChangeKind.ADDED if doc else ChangeKind.REMOVED
    meaning, note = meaning_of(kind, doc, src)
    return WordChange(kind, " ".join(doc), " ".join(src), meaning_bearing=meaning, note=note)


def _without(words: tuple[str, ...], part: tuple[str, ...]) -> tuple[str, ...]:
    for start in range(len(words) - len(part) + 1):
        if words[start : start + len(part)] == part:
            return words[:start] + words[start + len(part) :]
    return words


def _variant_kinds(document: str, source: str, spelling: bool, *, ocr: bool) -> list[str]:
    kinds: list[str] = []
    respelt = "spelling or OCR" if ocr else "spelling"
    # Quoting may silently change the case of a quotation's first letter (Chicago 13.7).
    doc_exact, src_exact = _lower_first(exact_form(document)), _lower_first(exact_form(source))
    if doc_exact == src_exact:
        return [respelt] if spelling else []
    doc_typo, src_typo = (
        _lower_first(typographic_form(document)),
        _lower_first(typographic_form(source)),
    )
    if doc_typo != doc_exact or src_typo != src_exact:
        if doc_typo == src_typo:
            return ["quote marks or dashes"]
        kinds.append("quote marks or dashes")
    if doc_typo.casefold() != src_typo.casefold():
        doc_words = " ".join(doc_typo.casefold().split())
        src_words = " ".join(src_typo.casefold().split())
        if _strip_punctuation(doc_words) == _strip_punctuation(src_words):
            kinds.append("punctuation")
        elif spelling:
            kinds.append(respelt)
        else:
            kinds.append("punctuation or hyphenation")
    else:
        kinds.append("capitals")
    if spelling and respelt not in kinds:
        kinds.append(respelt)
    return kinds


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _strip_punctuation(text: str) -> str:
    return " ".join("".join(ch for ch in text if ch.isalnum() or ch.isspace()).split())


def _word_change(diff: TokenDiff) -> WordChange:
    kind = {
        DiffKind.ADDED: ChangeKind.ADDED,
        DiffKind.REMOVED: ChangeKind.REMOVED,
        DiffKind.REPLACED: ChangeKind.REPLACED,
    }[diff.kind]
    meaning, note = meaning_of(kind, diff.document_words, diff.source_words)
    return WordChange(kind, diff.document, diff.source, meaning_bearing=meaning, note=note)


def _judge_gaps(
    parts: QuotationParts, found: Sequence[_Located | None], findings: _Findings
) -> None:
    """Omissions at ellipses, unmarked cuts, and splices between consecutive segments."""
    previous: tuple[int, _Located] | None = None
    for number, item in enumerate(found):
        if item is None:
            continue
        if previous is not None:
            before_number, (before, before_index) = previous
            after, after_index = item
            adjacent = before_number == number - 1
            gap = parts.gaps[number - 1] if adjacent else GapKind.ELLIPSIS
            filler = parts.interpolations[number - 1] if adjacent else ""
            if after_index is not before_index:
                findings.notes.append(
                    f"segments {before_number + 1} and {number + 1} are in different snippets: "
                    "what lies between them cannot be seen"
                )
            else:
                _judge_gap(before, after, before_index, gap, filler=filler, findings=findings)
        previous = (number, item)


def _judge_gap(
    before: SegmentAlignment,
    after: SegmentAlignment,
    index: SourceIndex,
    gap: GapKind,
    *,
    filler: str,
    findings: _Findings,
) -> None:
    first, second = before.index + 1, after.index + 1
    source = index.source
    words = after.first_word - before.last_word
    if words < 0 or words > FAR_WORDS:
        findings.verdicts.add(WordingVerdict.SPLICED)
        findings.notes.append(_splice_note(before, after, source, words, gap))
        return
    omitted = source.text[before.end : after.start]
    if words == 0:
        if gap is GapKind.ELLIPSIS:
            findings.notes.append(
                f"the ellipsis between segments {first} and {second} leaves out no words"
            )
        return
    if gap is GapKind.NONE:
        findings.verdicts.add(WordingVerdict.ALTERED)
        meaning, note = meaning_of(ChangeKind.REMOVED, (), _words(omitted))
        findings.changes.append(
            WordChange(
                ChangeKind.REMOVED,
                "",
                omitted.strip(),
                meaning_bearing=meaning,
                note="; ".join(
                    n for n in (f"{words} words left out without an ellipsis", note) if n
                ),
            )
        )
        return
    if gap is GapKind.INTERPOLATION:
        if words <= _INTERPOLATION_WORDS:
            findings.notes.append(f"the interpolation [{filler}] stands for '{omitted.strip()}'")
            return
        findings.verdicts.add(WordingVerdict.ALTERED)
        canon = _words(omitted)
        meaning, note = meaning_of(ChangeKind.REMOVED, (), canon)
        findings.changes.append(
            WordChange(
                ChangeKind.REMOVED,
                f"[{filler}]",
                omitted.strip(),
                meaning_bearing=meaning,
                note="; ".join(
                    n for n in (f"{words} words left out without an ellipsis", note) if n
                ),
            )
        )
        return
    findings.verdicts.add(WordingVerdict.OMISSION)
    findings.omissions.append(
        OmittedText(
            text=_omitted_text(before.segment, omitted),
            word_count=words,
            crosses_sentence=has_sentence_end(source.text, before.end, after.start),
            crosses_paragraph=has_paragraph_break(index.source, before.end, after.start),
            crosses_page=source.page_index(after.start) > source.page_index(max(before.end - 1, 0)),
        )
    )
    _note_meaningful_cut(omitted, f"the ellipsis after segment {first}", findings)


def _splice_note(
    before: SegmentAlignment,
    after: SegmentAlignment,
    source: SourceText,
    words: int,
    gap: GapKind,
) -> str:
    """Both places of a splice, with their pages and how far apart they are."""
    first, second = before.index + 1, after.index + 1
    joined = "without an ellipsis" if gap is GapKind.NONE else f"at an {gap}"
    first_place = (
        f"'{_edge_words(before.segment, last=True)}'{page_phrase(source.printed_at(before.start))}"
    )
    second_place = (
        f"'{_edge_words(after.segment, last=False)}'{page_phrase(source.printed_at(after.start))}"
    )
    if words < 0:
        where = (
            f"comes before segment {first} ({first_place}) in the source, {-words} words earlier"
        )
    else:
        where = f"comes {words} words after segment {first} ({first_place})"
    return f"spliced {joined}: segment {second} ({second_place}) {where}"


def _edge_words(text: str, *, last: bool, count: int = 6) -> str:
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return "… " + " ".join(words[-count:]) if last else " ".join(words[:count]) + " …"


def _judge_start(
    parts: QuotationParts,
    match: SegmentAlignment,
    index: SourceIndex,
    findings: _Findings,
    snippets: bool,
) -> str:
    text = index.source.text
    start = sentence_start(text, match.start)
    before = _without_furniture(index.source, start, match.start)
    if not any(ch.isalnum() for ch in before):
        return ""
    rest = _strip_edges(before)
    if parts.leading_interpolation and len(_words(rest)) <= _INTERPOLATION_WORDS:
        findings.notes.append(
            f"the interpolation [{parts.leading_interpolation}] stands for '{rest}'"
        )
        return ""
    if parts.leading_ellipsis:
        findings.verdicts.add(WordingVerdict.OMISSION)
        findings.omissions.append(_edge_omission(index, start, match.start, rest))
    else:
        findings.verdicts.add(WordingVerdict.TRUNCATED)
        where = " (as far as the snippet shows)" if snippets else ""
        findings.notes.append(f"the quotation starts inside a sentence{where}: '{rest} …'")
    return rest


def _judge_end(
    parts: QuotationParts,
    match: SegmentAlignment,
    index: SourceIndex,
    findings: _Findings,
    snippets: bool,
) -> str:
    text = index.source.text
    end = sentence_end(text, match.end)
    after = text[match.end : end]
    if not any(ch.isalnum() for ch in after):
        return ""
    rest = _strip_edges(after)
    if parts.trailing_interpolation and len(_words(rest)) <= _INTERPOLATION_WORDS:
        findings.notes.append(
            f"the interpolation [{parts.trailing_interpolation}] stands for '{rest}'"
        )
        return ""
    if parts.trailing_ellipsis:
        findings.verdicts.add(WordingVerdict.OMISSION)
        findings.omissions.append(_edge_omission(index, match.end, end, rest))
        _note_meaningful_cut(after, "the closing ellipsis", findings)
    else:
        findings.verdicts.add(WordingVerdict.TRUNCATED)
        where = " (as far as the snippet shows)" if snippets else ""
        findings.notes.append(f"the quotation stops inside a sentence{where}: '… {rest}'")
        _note_meaningful_cut(after, "the end of the quotation", findings)
    return rest


def _without_furniture(source: SourceText, start: int, end: int) -> str:
    """The source's text between two offsets, less the running heads and folios of its pages."""
    text = source.text[start:end]
    if source.page_breaks_between(start, end) == 0 and "\n" not in text:
        return text
    kept: list[str] = []
    at = start
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if not body or not is_page_furniture(
            source, at + line.index(body[0]), at + len(line.rstrip())
        ):
            kept.append(line)
        at += len(line)
    return "".join(kept)


def _edge_omission(index: SourceIndex, start: int, end: int, text: str) -> OmittedText:
    source = index.source
    return OmittedText(
        text=text,
        word_count=len(_words(text)),
        crosses_sentence=False,
        crosses_paragraph=has_paragraph_break(index.source, start, end),
        crosses_page=source.page_index(max(end - 1, start)) > source.page_index(start),
    )


def _note_meaningful_cut(hidden: str, where: str, findings: _Findings) -> None:
    words = _words(hidden)
    if not words:
        return
    if words[0] in TURNING_WORDS:
        findings.notes.append(
            f"meaning: {where} cuts the sentence just before '{words[0]}', which turns it"
        )
    negations = [w for w in words[:12] if w in NEGATIONS]
    if negations and len(words) <= 12:
        findings.notes.append(f"meaning: {where} hides the negation '{negations[0]}'")


def _note_coverage(
    parts: QuotationParts,
    found: Sequence[_Located | None],
    findings: _Findings,
    wording: WordingVerdict,
) -> None:
    total = sum(len(_words(s)) for s in parts.segments)
    covered = 0
    for item in found:
        if item is not None:
            covered += sum(
                len(d.document_words)
                for d in item[0].diffs
                if d.kind is not DiffKind.UNCOVERED and d.kind is not DiffKind.ADDED
            )
    if covered < total:
        findings.notes.append(
            f"the snippets show {covered} of the quotation's {total} words; the verdict "
            f"'{wording}' holds only for those, the rest cannot be checked here"
        )


def _segment_matches(located: Sequence[_Located]) -> list[SegmentMatch]:
    return [
        SegmentMatch(
            segment=match.segment,
            source_text=index.source.text[match.start : match.end],
            printed_page=index.source.printed_at(match.start),
            score=round(match.score, 3),
            start=match.start,
            end=match.end,
        )
        for match, index in located
    ]


def _passage_pages(located: Sequence[_Located]) -> tuple[str, ...]:
    labels: list[str] = []
    for match, index in located:
        source = index.source
        for page_number in range(
            source.page_index(match.start), source.page_index(max(match.end - 1, match.start)) + 1
        ):
            label = source.pages[page_number].printed
            if label is not None and label not in labels:
                labels.append(label)
    return tuple(labels)


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Sentences and context
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [t.canon for t in iter_tokens(text)]


def _has_meaning_word(words: Sequence[str]) -> bool:
    return any(w in MEANING_WORDS for w in words)


def _omitted_text(segment: str, gap: str) -> str:
    """The source's text between two segments, less the punctuation the first segment already ends with."""
    stripped = segment.rstrip()
    ending = stripped[len(stripped.rstrip(_CLOSING_PUNCTUATION)) :]
    text = gap.lstrip()
    if ending and text.startswith(ending):
        text = text[len(ending) :]
    return text.strip()


def _strip_edges(text: str) -> str:
    return text.strip(" \t\r\n\f,;:")


def _coverage(match: SegmentAlignment) -> float:
    return match.score * sum(
        len(d.document_words) for d in match.diffs if d.kind is not DiffKind.UNCOVERED
    )


def _too_little_found(quotation: Quotation, found: Sequence[_Located | None]) -> bool:
    located = [f for f in found if f is not None]
    if not located:
        return True
    words = [w for s in split_quotation(quotation).segments for w in _words(s)]
    found_words = [
        w
        for match, _ in located
        for d in match.diffs
        if d.kind in (DiffKind.SAME, DiffKind.VARIANT)
        for w in d.document_words
    ]
    if len(found_words) / (len(words) or 1) < _MIN_FOUND_SHARE:
        return True
    # Words like "the", "it", "to" are in every book: a passage is found by its other words.
    content = [w for w in words if not is_common(w)]
    found_content = [w for w in found_words if not is_common(w)]
    return len(content) >= 3 and len(found_content) / len(content) < _MIN_FOUND_SHARE


def _weak_match_notes(found: Sequence[_Located | None]) -> list[str]:
    located = [f for f in found if f is not None]
    return [
        f"only a fragment resembles segment {m.index + 1}: '{index.source.text[m.start : m.end]}'"
        for m, index in located
    ]


def _describe_attempt(attempt: SourceAttempt) -> str:
    detail = f" ({attempt.detail})" if attempt.detail else ""
    return f"{attempt.service} {attempt.what}: {attempt.outcome}{detail}"


def _chain_note(intermediary_text: str, original: Verification) -> str:
    """Whether the intermediary's text of the passage is the original's, from its own alignment."""
    original_text = " ".join(
        t for t in (original.context_before, original.source_text, original.context_after) if t
    )
    if not original.source_text:
        return "the original's text of the passage is not known, so the intermediary cannot be compared"
    quotation = Quotation(
        text=intermediary_text, span=Span(0, len(intermediary_text)), kind=QuotationKind.BLOCK
    )
    citation = Citation(
        id=original.citation_id,
        quotation=quotation,
        locator=None,
        attribution=Attribution(),
        confidence=1.0,
    )
    page = Page(original_text, None)
    check = verify_against_pages(citation, [page], index=SourceIndex.build([page]))
    verdict = check.wording
    faithful = verdict in (
        WordingVerdict.EXACT,
        WordingVerdict.VARIANT,
        WordingVerdict.OMISSION,
        WordingVerdict.TRUNCATED,
    )
    summary = "; ".join(
        f"'{c.source_words}' -> '{c.document_words}'" + (f" ({c.note})" if c.note else "")
        for c in check.changes[:5]
    )
    if faithful:
        return f"the intermediary quoted the original faithfully (its text against the original: {verdict})"
    detail = f": {summary}" if summary else ""
    meaning = " - the meaning changes" if check.meaning_changed else ""
    return f"the intermediary did not quote faithfully (its text against the original: {verdict}){detail}{meaning}"
