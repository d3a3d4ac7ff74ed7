"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, no outside resources.

The page is the Jinja2 template ``templates/report.html`` (with ``report.css``), rendered with
autoescaping: every string from the document, a source or a service is escaped by the template.
This module only prepares what the template shows (the word diff as segments, the parts of the
source around the passage, the chart's bars).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from citecheck.model import (
    AttemptOutcome,
    Citation,
    Edition,
    PageVerdict,
    Report,
    SourceAttempt,
    Verification,
    WordingVerdict,
)
from citecheck.report.text import cited_work, failed_attempts, page_cell, summary_line

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["VERDICT_COLOURS", "render_html", "scan_links", "word_diff"]

VERDICT_COLOURS: dict[str, str] = {
    WordingVerdict.EXACT: "#1a7f37",
    WordingVerdict.VARIANT: "#0b7285",
    WordingVerdict.ALTERED: "#cf222e",
    WordingVerdict.OMISSION: "#bc4c00",
    WordingVerdict.TRUNCATED: "#9a6700",
    WordingVerdict.SPLICED: "#a40e26",
    WordingVerdict.NOT_FOUND: "#8250df",
    WordingVerdict.UNVERIFIABLE: "#6e7781",
    PageVerdict.AS_CITED: "#1a7f37",
    PageVerdict.ADJACENT: "#0b7285",
    PageVerdict.OTHER_PAGE: "#cf222e",
    PageVerdict.IMPOSSIBLE: "#a40e26",
    PageVerdict.UNKNOWN: "#6e7781",
}
_VERDICT_HELP: dict[str, str] = {
    WordingVerdict.EXACT: "the source prints these words",
    WordingVerdict.VARIANT: "differs only in spelling, capitals, punctuation or OCR",
    WordingVerdict.ALTERED: "words differ from the source",
    WordingVerdict.OMISSION: "an ellipsis hides text of the source",
    WordingVerdict.TRUNCATED: "the quotation cuts a sentence of the source",
    WordingVerdict.SPLICED: "pieces from different places joined as one passage",
    WordingVerdict.NOT_FOUND: "the passage is not in the text searched",
    WordingVerdict.UNVERIFIABLE: "no text could be reached to check it",
}
_TROUBLE = (
    AttemptOutcome.FAILED,
    AttemptOutcome.TIMED_OUT,
    AttemptOutcome.RATE_LIMITED,
    AttemptOutcome.OFFLINE,
)
_NO_SPACE_BEFORE = frozenset(".,;:!?)]’”'\"")
_WORD = re.compile(r"\S+")
_KEY_STRIP = re.compile(r"[^\w]+")


def _label(value: str) -> str:
    return value.replace("_", " ")


# --------------------------------------------------------------------------------------------
# Word diff
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    omitted: bool = False
    ellipsis: bool = False


def _key(word: str) -> str:
    return _KEY_STRIP.sub("", word.casefold())


def _tokens(text: str, omitted: bool = False) -> list[_Token]:
    return [_Token(m.group(), omitted) for m in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words of one wording, as the template marks it."""

    kind: str
    """"plain", "ins" (only the document has it), "del" (only the source), "omitted" (what an
    ellipsis hides), "ellipsis"."""
    text: str


def _segments(tokens: list[_Token], changed: set[int], kind: str) -> list[Segment]:
    out: list[Segment] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.omitted:
            j = i
            while j < len(tokens) and tokens[j].omitted:
                j += 1
            out.append(Segment("omitted", " ".join(t.text for t in tokens[i:j])))
            i = j
        elif token.ellipsis:
            out.append(Segment("ellipsis", token.text))
            i += 1
        elif i in changed:
            j = i
            while j < len(tokens) and j in changed and not tokens[j].omitted:
                j += 1
            out.append(Segment(kind, " ".join(t.text for t in tokens[i:j])))
            i = j
        else:
            out.append(Segment("plain", token.text))
            i += 1
    return out


def word_diff(document: list[_Token], source: list[_Token]) -> tuple[list[Segment], list[Segment]]:
    """The two wordings as segments: document-only words "ins", source-only words "del".

    Words compare without case or punctuation; tokens of punctuation alone (an ellipsis, a dash)
    take no part in the diff.
    """
    doc_words = [i for i, t in enumerate(document) if _key(t.text)]
    src_words = [i for i, t in enumerate(source) if _key(t.text)]
    matcher = difflib.SequenceMatcher(
        None,
        [_key(document[i].text) for i in doc_words],
        [_key(source[i].text) for i in src_words],
        autojunk=False,
    )
    doc_changed: set[int] = set()
    src_changed: set[int] = set()
    marked = list(source)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            doc_changed.update(doc_words[a1:a2])
            src_changed.update(src_words[b1:b2])
            continue
        # the words an ellipsis hides are marked on the source's side too
        for a, b in zip(doc_words[a1:a2], src_words[b1:b2], strict=True):
            if document[a].omitted:
                marked[b] = _Token(source[b].text, omitted=True)
    return _segments(document, doc_changed, "ins"), _segments(marked, src_changed, "del")


def _document_tokens(citation: Citation, verification: Verification) -> list[_Token]:
    """The quotation's words, with the text each ellipsis hides put in place and marked."""
    quotation = citation.quotation
    text = quotation.text
    ellipses = sorted(quotation.ellipses, key=lambda s: s.start)
    if not verification.omissions or len(ellipses) != len(verification.omissions):
        return _tokens(text)
    tokens: list[_Token] = []
    cursor = 0
    for span, omitted in zip(ellipses, verification.omissions, strict=True):
        start = span.start - quotation.span.start
        end = span.end - quotation.span.start
        if not 0 <= cursor <= start <= end <= len(text):
            return _tokens(text)
        tokens += _tokens(text[cursor:start])
        tokens.append(_Token(text[start:end], ellipsis=True))
        tokens += _tokens(omitted.text, omitted=True)
        cursor = end
    tokens += _tokens(text[cursor:])
    return tokens


# --------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------


def scan_links(verification: Verification) -> list[tuple[str, str]]:
    """(label, url) for the page(s) in a scan viewer: the verification's own, else from identifiers."""
    pages = verification.found_pages or (
        (verification.cited_page,) if verification.cited_page else ()
    )
    if verification.scan_url:
        label = f"p. {pages[0]} in the scan" if pages else "the scan"
        return [(label, verification.scan_url)]
    edition = verification.edition
    if edition is None:
        return []
    ids = edition.identifiers
    links: list[tuple[str, str]] = []
    for page in pages:
        if ids.internetarchive:
            item = quote(ids.internetarchive[0], safe="")
            links.append(
                (
                    f"p. {page} at Internet Archive",
                    f"https://archive.org/details/{item}/page/{quote(page, safe='')}",
                )
            )
        if ids.googlebooks:
            book = quote(ids.googlebooks[0], safe="")
            links.append(
                (
                    f"p. {page} at Google Books",
                    f"https://books.google.com/books?id={book}&pg=PA{quote(page, safe='')}",
                )
            )
    if ids.hathitrust:
        links.append(
            (
                "HathiTrust volume",
                f"https://babel.hathitrust.org/cgi/pt?id={quote(ids.hathitrust[0], safe='')}",
            )
        )
    return links


# --------------------------------------------------------------------------------------------
# The source around the passage
# --------------------------------------------------------------------------------------------

_CONTEXT_WORDS = 30
_SENTENCE_CLOSE = tuple(".!?…:;\"'’”)]")


@dataclass(frozen=True, slots=True)
class SourcePart:
    """A piece of the source's side: context, the rest of a cut sentence, or the passage."""

    kind: str
    """"context", "truncated" or "passage"."""
    where: str = ""
    """"before" or "after" the passage."""
    text: str = ""
    segments: tuple[Segment, ...] = ()
    space_before: bool = False


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _after_the_cut(context: str, cut: str) -> str:
    """The context that follows the rest of a cut sentence, which is shown on its own.

    Spacing and punctuation may differ between the two (", but the" against "but the"), so the
    letters and digits are compared, not the characters.
    """
    wanted = _alnum(cut)
    if not wanted:
        return context
    position, found = 0, 0
    while position < len(context) and found < len(wanted):
        ch = context[position].casefold()
        if ch.isalnum():
            if ch != wanted[found]:
                return context
            found += 1
        position += 1
    return context[position:] if found == len(wanted) else context


def _before_the_cut(context: str, cut: str) -> str:
    """The context that leads up to the rest of a cut sentence (see ``_after_the_cut``)."""
    return _after_the_cut(context[::-1], cut[::-1])[::-1]


def _context_text(text: str, where: str) -> str:
    """At most 30 words of context, never ending (or starting) inside a word that was cut off."""
    words = text.split()
    if not words:
        return ""
    if where == "before":
        cut = len(words) > _CONTEXT_WORDS
        words = words[-_CONTEXT_WORDS:]
        # A context meant to start at a sentence that starts in lower case was cut mid-sentence:
        # its first word may be the tail of a word.
        if words[0][:1].islower() and words[0] != "…":
            words, cut = words[1:], True
        if cut and words and words[0] != "…":
            words.insert(0, "…")
        return " ".join(words)
    cut = len(words) > _CONTEXT_WORDS
    words = words[:_CONTEXT_WORDS]
    if not words[-1].endswith(_SENTENCE_CLOSE):
        # The context stops short of a sentence's end, maybe inside a word: drop the fragment.
        words, cut = words[:-1], True
    if cut and words and words[-1] != "…":
        words.append("…")
    return " ".join(words)


def _source_parts(verification: Verification, passage: list[Segment]) -> list[SourcePart]:
    cut_before = verification.truncated_before.strip()
    cut_after = verification.truncated_after.strip()
    before = verification.context_before.strip()
    after = verification.context_after.strip()
    if cut_before:
        before = _before_the_cut(before, cut_before).rstrip()
    if cut_after:
        after = _after_the_cut(after, cut_after).lstrip()
    pieces = [
        SourcePart("context", "before", _context_text(before, "before")),
        SourcePart("truncated", "before", cut_before),
        SourcePart("passage", "", verification.source_text, tuple(passage)),
        SourcePart("truncated", "after", cut_after),
        SourcePart("context", "after", _context_text(after, "after")),
    ]
    parts: list[SourcePart] = []
    for piece in pieces:
        if not piece.text.strip():
            continue
        space = bool(parts) and piece.text.lstrip()[:1] not in _NO_SPACE_BEFORE
        parts.append(replace(piece, space_before=space))
    return parts


# --------------------------------------------------------------------------------------------
# What the template shows
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttemptView:
    service: str
    what: str
    outcome: str
    detail: str
    url: str
    trouble: bool


def _attempt_view(attempt: SourceAttempt) -> AttemptView:
    """An attempt whose detail does not say again what the line already says (service, URL)."""
    detail = attempt.detail
    prefix = f"{attempt.service.value}: "
    if detail.startswith(prefix):
        detail = detail[len(prefix) :]
    for named in {attempt.url, attempt.what} - {""}:
        detail = detail.replace(f" for {named}", "").replace(f" at {named}", "")
    return AttemptView(
        attempt.service.value,
        attempt.what,
        attempt.outcome.value,
        detail,
        attempt.url,
        attempt.outcome in _TROUBLE,
    )


def _edition_view(edition: Edition) -> dict[str, Any]:
    imprint = ", ".join(str(x) for x in (edition.place, edition.publisher, edition.year) if x)
    parts = [
        "; ".join(edition.authors),
        imprint,
        f"{edition.page_count} pages" if edition.page_count else "",
        edition.edition_statement or "",
    ]
    return {
        "title": edition.title,
        "parts": [part for part in parts if part],
        "access": _label(edition.access.value),
        "record_url": edition.record_url or "",
    }


def _chain_step(report: Report, role: str, verification: Verification) -> dict[str, Any]:
    resolution = report.resolution_for(verification.work_key) if verification.work_key else None
    work = resolution.query_title if resolution else (verification.work_key or "unknown work")
    return {
        "role": role,
        "work": work,
        "pages": ", ".join(verification.found_pages),
        "wording": verification.wording,
        "page": verification.page,
    }


def _entry(report: Report, citation: Citation, verification: Verification) -> dict[str, Any]:
    document_tokens = _document_tokens(citation, verification)
    source_tokens = _tokens(verification.source_text)
    if source_tokens:
        document, passage = word_diff(document_tokens, source_tokens)
        source = _source_parts(verification, passage)
    else:
        document, source = _segments(document_tokens, set(), "ins"), []
    chain = [_chain_step(report, "Original", original) for original in verification.chain]
    if chain:
        chain.append(_chain_step(report, "Intermediary", verification))
    text_source = None
    if verification.text_source is not None:
        url = verification.text_source.url
        text_source = {
            "service": verification.text_source.service.value,
            "url": url,
            "short_url": url if len(url) <= 80 else url[:77] + "…",
        }
    attempts = [_attempt_view(a) for a in verification.attempts]
    return {
        "id": citation.id,
        "line": citation.line,
        "work": cited_work(report, citation, verification),
        "wording": verification.wording,
        "page": verification.page,
        "meaning_changed": verification.meaning_changed,
        "proposal": verification.proposal,
        "document": document,
        "source": source,
        "cited_page": page_cell(verification, citation),
        "found_pages": ", ".join(verification.found_pages) or "—",
        "scan_links": scan_links(verification),
        "edition": _edition_view(verification.edition) if verification.edition else None,
        "text_source": text_source,
        "chain": chain,
        "speaker": citation.attribution.speaker or "nobody named",
        "changes": verification.changes,
        # The list of sources consulted below says what was tried; the note would repeat it.
        "notes": [note for note in verification.notes if not note.startswith("tried: ")],
        "findings": [f for f in report.findings if f.citation_id == citation.id],
        "attempts": attempts,
        "attempts_in_trouble": any(a.trouble for a in attempts),
    }


def _overview(report: Report) -> list[dict[str, Any]]:
    rows = []
    for citation in report.citations:
        verification = report.verification_for(citation.id)
        if verification is None:
            continue
        quote_text = " ".join(citation.quotation.text.split())
        rows.append(
            {
                "id": citation.id,
                "quote": quote_text if len(quote_text) <= 70 else quote_text[:69] + "…",
                "work": cited_work(report, citation, verification),
                "cited_page": page_cell(verification, citation),
                "wording": verification.wording,
                "page": verification.page,
                "found": ", ".join(verification.found_pages) or "—",
            }
        )
    return rows


def _chart(counts: dict[WordingVerdict, int]) -> dict[str, Any]:
    biggest = max(counts.values(), default=0) or 1
    row_h, label_w, bar_w = 26, 110, 300
    bars = [
        {
            "verdict": verdict,
            "n": n,
            "y": i * row_h + 2,
            "width": max(round(bar_w * n / biggest), 2 if n else 0),
        }
        for i, (verdict, n) in enumerate(counts.items())
    ]
    return {
        "bars": bars,
        "label_width": label_w,
        "bar_height": row_h - 8,
        "width": label_w + bar_w + 40,
        "height": row_h * len(counts) + 4,
    }


def _document_pieces(report: Report) -> list[dict[str, Any]]:
    text = report.document.text
    marks: list[tuple[int, int, Citation, Verification]] = []
    for citation in report.citations:
        verification = report.verification_for(citation.id)
        span = citation.quotation.span
        if verification is not None and span.end <= len(text):
            marks.append((span.start, span.end, citation, verification))
    marks.sort(key=lambda m: m[0])
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for start, end, citation, verification in marks:
        if start < cursor:
            continue
        pieces.append({"text": text[cursor:start], "id": ""})
        pieces.append({"text": text[start:end], "id": citation.id, "wording": verification.wording})
        cursor = end
    pieces.append({"text": text[cursor:], "id": ""})
    return pieces


_ENVIRONMENT: list[Environment] = []


def _environment() -> Environment:
    if not _ENVIRONMENT:
        from jinja2 import Environment, PackageLoader, StrictUndefined

        _ENVIRONMENT.append(
            Environment(
                loader=PackageLoader("citecheck.report", "templates"),
                autoescape=True,
                undefined=StrictUndefined,
                keep_trailing_newline=True,
            )
        )
    return _ENVIRONMENT[0]


def render_html(report: Report) -> str:
    """The HTML report: summary and chart, an entry per quotation, findings, the annotated document."""
    from citecheck.report import summary_counts
    from citecheck.report.failures import no_network_line, service_failures

    counts = summary_counts(report)
    wrong_pages = sum(
        v.page in (PageVerdict.OTHER_PAGE, PageVerdict.IMPOSSIBLE) for v in report.verifications
    )
    failed = [_attempt_view(a) for a in failed_attempts(report)]
    facts = [
        f"{len(report.findings)} finding(s)",
        f"{wrong_pages} quotation(s) on another page than cited",
        f"{sum(v.meaning_changed for v in report.verifications)} with a change of meaning",
        f"{len(failed)} source request(s) failed",
    ]
    meta = " · ".join(
        x
        for x in (
            report.generated_at and f"generated {report.generated_at}",
            report.tool_version and f"citecheck {report.tool_version}",
        )
        if x
    )
    entries = [
        _entry(report, citation, verification)
        for citation in report.citations
        if (verification := report.verification_for(citation.id)) is not None
    ]
    template = _environment().get_template("report.html")
    return template.render(
        colours=VERDICT_COLOURS,
        verdict_help=_VERDICT_HELP,
        name=report.document.name,
        meta=meta,
        offline=no_network_line(report),
        summary=summary_line(report),
        counts=list(counts.items()),
        facts=facts,
        chart=_chart(counts),
        overview=_overview(report),
        entries=entries,
        findings=report.findings,
        failed=failed,
        service_lines=[failure.line for failure in service_failures(report)],
        problems=[str(problem) for problem in report.problems],
        document=_document_pieces(report),
    )
