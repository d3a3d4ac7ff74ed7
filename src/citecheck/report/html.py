"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, no outside resources.

Every string that comes from the document or a source is untrusted and goes through ``escape``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import escape
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


def _badge(verdict: WordingVerdict | PageVerdict, prefix: str = "") -> str:
    colour = VERDICT_COLOURS[verdict]
    help_text = _VERDICT_HELP.get(verdict, f"page {_label(verdict.value)}")
    return (
        f'<span class="badge" style="--c:{colour}" title="{escape(help_text)}">'
        f"{escape(prefix)}{escape(_label(verdict.value))}</span>"
    )


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


def _render_tokens(tokens: list[_Token], changed: set[int], tag: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.omitted:
            j = i
            while j < len(tokens) and tokens[j].omitted:
                j += 1
            hidden = " ".join(escape(t.text) for t in tokens[i:j])
            out.append(f'<mark class="omitted" title="hidden by the ellipsis">{hidden}</mark>')
            i = j
        elif token.ellipsis:
            out.append(f'<span class="ellipsis">{escape(token.text)}</span>')
            i += 1
        elif i in changed:
            j = i
            while j < len(tokens) and j in changed and not tokens[j].omitted:
                j += 1
            out.append(f"<{tag}>{' '.join(escape(t.text) for t in tokens[i:j])}</{tag}>")
            i = j
        else:
            out.append(escape(token.text))
            i += 1
    return " ".join(out)


def word_diff(document: list[_Token], source: list[_Token]) -> tuple[str, str]:
    """The two wordings as HTML: document-only words in <ins>, source-only words in <del>.

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
    return _render_tokens(document, doc_changed, "ins"), _render_tokens(marked, src_changed, "del")


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


def _link(url: str, label: str, css: str = "") -> str:
    if not url.startswith(("http://", "https://")):
        return escape(label)
    css_attr = f' class="{css}"' if css else ""
    return f'<a{css_attr} href="{escape(url)}" rel="noreferrer">{escape(label)}</a>'


def _edition_line(edition: Edition) -> str:
    parts = [f"<cite>{escape(edition.title)}</cite>"]
    if edition.authors:
        parts.append(escape("; ".join(edition.authors)))
    imprint = ", ".join(
        escape(str(x)) for x in (edition.place, edition.publisher, edition.year) if x
    )
    if imprint:
        parts.append(imprint)
    if edition.page_count:
        parts.append(f"{edition.page_count} pages")
    if edition.edition_statement:
        parts.append(escape(edition.edition_statement))
    parts.append(f'<span class="muted">text: {escape(_label(edition.access.value))}</span>')
    line = ", ".join(parts)
    if edition.record_url:
        line += " · " + _link(edition.record_url, "catalog record")
    return line


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def _chart(report: Report) -> str:
    from citecheck.report import summary_counts

    counts = summary_counts(report)
    biggest = max(counts.values(), default=0) or 1
    row_h, label_w, bar_w = 26, 110, 300
    height = row_h * len(counts) + 4
    rows: list[str] = []
    for i, (verdict, n) in enumerate(counts.items()):
        y = i * row_h + 2
        width = max(round(bar_w * n / biggest), 2 if n else 0)
        colour = VERDICT_COLOURS[verdict]
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(_label(verdict.value))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 8}" rx="3" fill="{colour}"/>'
            f'<text x="{label_w + width + 6}" y="{y + 16}" class="n">{n}</text>'
        )
    return (
        f'<svg class="chart" role="img" aria-label="quotations per wording verdict" '
        f'viewBox="0 0 {label_w + bar_w + 40} {height}" width="{label_w + bar_w + 40}" height="{height}">'
        f"<title>quotations per wording verdict</title>{''.join(rows)}</svg>"
    )


def _summary(report: Report) -> str:
    from citecheck.report import summary_counts

    counts = summary_counts(report)
    cards = "".join(
        f'<div class="card" style="--c:{VERDICT_COLOURS[v]}"><b>{n}</b>{escape(_label(v.value))}</div>'
        for v, n in counts.items()
        if n
    )
    wrong_pages = sum(
        v.page in (PageVerdict.OTHER_PAGE, PageVerdict.IMPOSSIBLE) for v in report.verifications
    )
    meaning = sum(v.meaning_changed for v in report.verifications)
    facts = [
        f"{len(report.findings)} finding(s)",
        f"{wrong_pages} quotation(s) on another page than cited",
        f"{meaning} with a change of meaning",
        f"{len(failed_attempts(report))} source request(s) failed",
    ]
    return (
        '<section class="summary"><div class="summary-text">'
        f'<p class="lead">{escape(summary_line(report))}</p>'
        f'<div class="cards">{cards}</div>'
        f'<ul class="facts">{"".join(f"<li>{escape(f)}</li>" for f in facts)}</ul></div>'
        f"{_chart(report)}</section>"
    )


def _overview(report: Report) -> str:
    rows: list[str] = []
    for citation in report.citations:
        verification = report.verification_for(citation.id)
        if verification is None:
            continue
        quote_text = " ".join(citation.quotation.text.split())
        short = quote_text if len(quote_text) <= 70 else quote_text[:69] + "…"
        found = ", ".join(verification.found_pages) or "—"
        rows.append(
            f'<tr><td><a href="#{escape(citation.id)}">{escape(citation.id)}</a></td>'
            f"<td>“{escape(short)}”</td><td>{escape(cited_work(report, citation, verification))}</td>"
            f"<td>{escape(page_cell(verification, citation))}</td><td>{_badge(verification.wording)}</td>"
            f'<td>{_badge(verification.page)} <span class="muted">{escape(found)}</span></td></tr>'
        )
    if not rows:
        return "<p>No quotations were checked.</p>"
    return (
        '<table class="overview"><thead><tr><th>id</th><th>quotation</th><th>cited work</th>'
        "<th>cited p.</th><th>wording</th><th>page (found)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _attempt_items(attempts: tuple[SourceAttempt, ...]) -> str:
    items: list[str] = []
    for attempt in attempts:
        trouble = " trouble" if attempt.outcome in _TROUBLE else ""
        what = _link(attempt.url, attempt.what) if attempt.url else escape(attempt.what)
        detail = f' <span class="muted">{escape(attempt.detail)}</span>' if attempt.detail else ""
        items.append(
            f'<li class="attempt{trouble}"><span class="outcome">{escape(_label(attempt.outcome.value))}</span> '
            f"{escape(attempt.service.value)}: {what}{detail}</li>"
        )
    return "".join(items)


def _attempts(attempts: tuple[SourceAttempt, ...]) -> str:
    if not attempts:
        return ""
    return (
        f'<details class="attempts"{" open" if any(a.outcome in _TROUBLE for a in attempts) else ""}>'
        f"<summary>Sources consulted ({len(attempts)})</summary><ul>{_attempt_items(attempts)}</ul></details>"
    )


def _chain(report: Report, citation: Citation, verification: Verification) -> str:
    if not verification.chain:
        return ""
    steps: list[str] = []
    for original in verification.chain:
        steps.append(_chain_step(report, "Original", original))
    steps.append(_chain_step(report, "Intermediary", verification))
    steps.append(
        f'<li><span class="step">This document</span> quotes it as {escape(citation.id)}, '
        f"attributed to {escape(citation.attribution.speaker or 'nobody named')}</li>"
    )
    return (
        '<div class="chain"><h4>Secondhand: the chain of quotation</h4>'
        f"<ol>{''.join(steps)}</ol></div>"
    )


def _chain_step(report: Report, role: str, verification: Verification) -> str:
    resolution = report.resolution_for(verification.work_key) if verification.work_key else None
    work = resolution.query_title if resolution else (verification.work_key or "unknown work")
    pages = ", ".join(verification.found_pages)
    where = f", p. {escape(pages)}" if pages else ""
    return (
        f'<li><span class="step">{escape(role)}</span> <cite>{escape(work)}</cite>{where} '
        f"{_badge(verification.wording)} {_badge(verification.page, 'page: ')}</li>"
    )


def _changes(verification: Verification) -> str:
    if not verification.changes:
        return ""
    rows = "".join(
        f'<tr class="{"meaning" if c.meaning_bearing else ""}"><td>{escape(c.kind.value)}</td>'
        f"<td>{escape(c.document_words) or '—'}</td><td>{escape(c.source_words) or '—'}</td>"
        f"<td>{'<strong>changes the meaning</strong> ' if c.meaning_bearing else ''}{escape(c.note)}</td></tr>"
        for c in verification.changes
    )
    return (
        '<table class="changes"><thead><tr><th>change</th><th>document</th><th>source</th>'
        f"<th>note</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _entry(report: Report, citation: Citation, verification: Verification) -> str:
    document_tokens = _document_tokens(citation, verification)
    source_tokens = _tokens(verification.source_text)
    if source_tokens:
        doc_html, src_html = word_diff(document_tokens, source_tokens)
        before = verification.context_before.rstrip()
        after = verification.context_after.lstrip()
        # the rest of a cut sentence is part of the context too: show it once, marked
        cut_before = verification.truncated_before.strip()
        cut_after = verification.truncated_after.strip()
        if cut_before and before.endswith(cut_before):
            before = before[: -len(cut_before)]
        if cut_after and after.startswith(cut_after):
            after = after[len(cut_after) :]
        src_html = _join_source(
            [
                (before, _context(before, "before")),
                (cut_before, _truncated(cut_before, "before")),
                (verification.source_text, f'<span class="passage">{src_html}</span>'),
                (cut_after, _truncated(cut_after, "after")),
                (after, _context(after, "after")),
            ]
        )
    else:
        doc_html = _render_tokens(document_tokens, set(), "ins")
        src_html = '<span class="muted">No text of the source shows this passage.</span>'
    pages = [f"cited p. <b>{escape(page_cell(verification, citation))}</b>"]
    pages.append(f"found p. <b>{escape(', '.join(verification.found_pages) or '—')}</b>")
    links = scan_links(verification)
    if links:
        pages.append(
            '<span class="scan-links">'
            + " · ".join(_link(url, f"{label} ↗", "scan") for label, url in links)
            + "</span>"
        )
    provenance = ""
    if verification.edition is not None:
        provenance += f'<p class="edition">Edition used: {_edition_line(verification.edition)}</p>'
    if verification.text_source is not None:
        source = verification.text_source
        provenance += (
            f'<p class="edition">Text from {escape(source.service.value)}: '
            f"{_link(source.url, _short_url(source.url))}</p>"
        )
    proposal = (
        '<p class="proposal">Proposal: this source was found by search; the document does not name it.</p>'
        if verification.proposal
        else ""
    )
    meaning = (
        '<span class="badge meaning-flag" style="--c:#a40e26">meaning changed</span>'
        if verification.meaning_changed
        else ""
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in verification.notes)
    findings = "".join(
        f'<li class="sev-{escape(f.severity.value)}">{escape(f.message)}</li>'
        for f in report.findings
        if f.citation_id == citation.id
    )
    colour = VERDICT_COLOURS[verification.wording]
    return (
        f'<article class="entry" id="{escape(citation.id)}" style="--c:{colour}">'
        f'<header><a class="id" href="#{escape(citation.id)}">{escape(citation.id)}</a> '
        f"{_badge(verification.wording)} {_badge(verification.page, 'page: ')} {meaning}"
        f'<span class="work">{escape(cited_work(report, citation, verification))}</span>'
        f'<a class="back" href="#doc-{escape(citation.id)}">in the document ↓</a></header>'
        f"{proposal}"
        '<div class="sides side-by-side">'
        f'<div class="side doc"><h4>The document prints (line {citation.line})</h4><p>{doc_html}</p></div>'
        f'<div class="side src"><h4>The source prints</h4><p>{src_html}</p></div></div>'
        f'<p class="pages">{" · ".join(pages)}</p>'
        f"{provenance}{_chain(report, citation, verification)}{_changes(verification)}"
        f"{f'<ul class=notes>{notes}</ul>' if notes else ''}"
        f"{f'<ul class=findings>{findings}</ul>' if findings else ''}"
        f"{_attempts(verification.attempts)}</article>"
    )


def _join_source(parts: list[tuple[str, str]]) -> str:
    """Join (plain text, html) pieces of the source with a space, but none before punctuation."""
    out = ""
    for plain, html in parts:
        if not html:
            continue
        if out and plain.lstrip()[:1] not in _NO_SPACE_BEFORE:
            out += " "
        out += html
    return out


def _context(text: str, where: str) -> str:
    if not text.strip():
        return ""
    words = text.split()
    cut = " ".join(words[-30:]) if where == "before" else " ".join(words[:30])
    cut = ("… " + cut) if where == "before" and len(words) > 30 else cut
    cut = (cut + " …") if where == "after" and len(words) > 30 else cut
    return f'<span class="context" title="context {where} the passage">{escape(cut)}</span>'


def _truncated(text: str, where: str) -> str:
    if not text.strip():
        return ""
    title = (
        "the sentence begins before the quotation" if where == "before" else "the sentence goes on"
    )
    return f'<span class="truncated" title="{title}">{escape(text.strip())}</span>'


def _short_url(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"


def _document_view(report: Report) -> str:
    text = report.document.text
    marks: list[tuple[int, int, Citation, Verification]] = []
    for citation in report.citations:
        verification = report.verification_for(citation.id)
        span = citation.quotation.span
        if verification is not None and span.end <= len(text):
            marks.append((span.start, span.end, citation, verification))
    marks.sort(key=lambda m: m[0])
    out: list[str] = []
    cursor = 0
    for start, end, citation, verification in marks:
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        colour = VERDICT_COLOURS[verification.wording]
        out.append(
            f'<a class="hl" id="doc-{escape(citation.id)}" href="#{escape(citation.id)}" '
            f'style="--c:{colour}" title="{escape(citation.id)}: {escape(_label(verification.wording.value))}">'
            f"<sup>{escape(citation.id)}</sup>{escape(text[start:end])}</a>"
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return f'<div class="document">{"".join(out)}</div>'


def _findings(report: Report) -> str:
    if not report.findings:
        return "<p>No findings.</p>"
    items: list[str] = []
    for finding in report.findings:
        where = ""
        if finding.citation_id:
            where = f'<a href="#{escape(finding.citation_id)}">{escape(finding.citation_id)}</a> '
        elif finding.work_key:
            where = f"<code>{escape(finding.work_key)}</code> "
        evidence = "".join(f"<li>{escape(line)}</li>" for line in finding.evidence)
        items.append(
            f'<li class="finding sev-{escape(finding.severity.value)}">'
            f'<span class="sev">{escape(finding.severity.value)}</span> {where}'
            f"{escape(finding.message)}{f'<ul>{evidence}</ul>' if evidence else ''}</li>"
        )
    return f'<ul class="finding-list">{"".join(items)}</ul>'


def _failures(report: Report) -> str:
    failed = failed_attempts(report)
    if not failed:
        return ""
    return (
        '<section><h2 id="failures">Sources that failed</h2>'
        f'<ul class="failures">{_attempt_items(tuple(failed))}</ul></section>'
    )


def _problems(report: Report) -> str:
    if not report.problems:
        return ""
    items = "".join(f"<li>{escape(str(problem))}</li>" for problem in report.problems)
    return f'<section><h2 id="problems">Problems in the input</h2><ul>{items}</ul></section>'


def render_html(report: Report) -> str:
    """The HTML report: summary and chart, an entry per quotation, findings, the annotated document."""
    entries = "".join(
        _entry(report, citation, verification)
        for citation in report.citations
        if (verification := report.verification_for(citation.id)) is not None
    )
    meta = " · ".join(
        escape(x)
        for x in (
            report.generated_at and f"generated {report.generated_at}",
            report.tool_version and f"citecheck {report.tool_version}",
        )
        if x
    )
    name = escape(report.document.name)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>citecheck: {name}</title><style>{_CSS}</style></head><body>"
        f'<header class="top"><h1>Source check of <span class="docname">{name}</span></h1>'
        f'<p class="muted">{meta}</p>'
        '<nav><a href="#quotations">Quotations</a> <a href="#findings">Findings</a> '
        '<a href="#document">The document</a></nav></header><main>'
        f"{_summary(report)}"
        f'<section><h2 id="overview">Overview</h2>{_overview(report)}</section>'
        f'<section><h2 id="quotations">Quotations</h2>{entries or "<p>No quotations were checked.</p>"}</section>'
        f'<section><h2 id="findings">Findings</h2>{_findings(report)}</section>'
        f"{_failures(report)}{_problems(report)}"
        f'<section class="doc-view"><h2 id="document">The document</h2>'
        '<p class="muted">Each checked quotation is marked in the colour of its wording verdict and links to its entry.</p>'
        f"{_document_view(report)}</section>"
        "</main></body></html>\n"
    )


_CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--paper:#fff;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--soft)}
header.top{background:#24292f;color:#fff;padding:18px 32px}
header.top h1{margin:0;font-size:22px;font-weight:600}
header.top .docname{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:18px;color:#ffd8a8}
header.top .muted{color:#afb8c1;margin:4px 0 8px}
header.top nav a{color:#fff;margin-right:18px;text-decoration:none;border-bottom:1px solid #57606a}
main{max-width:1180px;margin:0 auto;padding:20px 32px 60px}
h2{font-size:19px;border-bottom:1px solid var(--line);padding-bottom:6px;margin-top:34px}
h4{margin:0 0 6px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
a{color:#0969da}
.muted{color:var(--muted)}
.summary{display:flex;gap:28px;align-items:center;flex-wrap:wrap;background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:18px 22px}
.summary-text{flex:1 1 380px}
.lead{font-size:17px;font-weight:600;margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border-left:5px solid var(--c);background:var(--soft);padding:6px 10px;border-radius:6px;min-width:72px;font-size:13px}
.card b{display:block;font-size:22px;color:var(--c);line-height:1.1}
.facts{margin:12px 0 0;padding-left:18px;color:var(--muted);font-size:13px}
.chart text{font-size:12px;fill:#424a53}
.chart text.n{font-weight:600}
.badge{display:inline-block;background:var(--c);color:#fff;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
table{border-collapse:collapse;width:100%;background:var(--paper);font-size:13.5px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
.entry{background:var(--paper);border:1px solid var(--line);border-left:6px solid var(--c);border-radius:8px;padding:14px 18px;margin:16px 0;break-inside:avoid}
.entry header{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:10px}
.entry .id{font-weight:700;font-size:16px;text-decoration:none;color:var(--ink);font-family:ui-monospace,Menlo,Consolas,monospace}
.entry .work{color:var(--muted);font-style:italic}
.entry .back{margin-left:auto;font-size:12px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.side{background:var(--soft);border-radius:6px;padding:10px 14px;font-family:Georgia,"Times New Roman",serif;font-size:15.5px}
.side p{margin:0}
ins{background:#fff1b3;text-decoration:none;border-bottom:2px solid #d4a72c;padding:0 1px}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through;padding:0 1px}
.ellipsis{font-weight:700;color:#bc4c00}
mark.omitted{background:#ffe5cc;color:#953800;border:1px dashed #bc4c00;border-radius:3px;padding:0 3px}
mark.omitted::before{content:"[hidden: ";font-family:sans-serif;font-size:11px}
mark.omitted::after{content:"]";font-family:sans-serif;font-size:11px}
.truncated{background:#fff8c5;color:#7d4e00;border-bottom:2px dotted #9a6700}
.context{color:#8c959f}
.passage{color:var(--ink)}
.pages{margin:10px 0 4px;font-size:14px}
.scan-links a{font-weight:600}
.edition{margin:2px 0;font-size:13.5px;color:#424a53}
.proposal{background:#ddf4ff;border:1px solid #54aeff;border-radius:6px;padding:6px 10px;font-size:13.5px}
.chain{border:1px solid #d8b9ff;background:#fbefff;border-radius:6px;padding:8px 14px;margin:8px 0}
.chain ol{margin:0;padding-left:22px}
.chain .step{font-weight:600}
.changes{margin:8px 0}
.changes tr.meaning td{background:#ffebe9;font-weight:600}
ul.notes{margin:8px 0;padding-left:20px;font-size:13.5px}
ul.findings{margin:6px 0;padding-left:20px;font-size:13.5px;color:#7d4e00}
details.attempts{font-size:13px;margin-top:8px}
details.attempts summary{cursor:pointer;color:var(--muted)}
details.attempts ul{list-style:none;padding-left:6px;margin:6px 0}
ul.failures{list-style:none;padding:10px 14px;background:var(--paper);border:1px solid var(--line);border-radius:6px;font-size:13.5px}
.attempt .outcome{display:inline-block;min-width:70px;font-weight:600;color:#1a7f37}
.attempt.trouble{color:#82071e}
.attempt.trouble .outcome{color:#cf222e}
.finding-list{padding-left:0;list-style:none}
.finding{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0}
.finding ul{color:var(--muted);font-size:13px;margin:4px 0 0}
.sev{display:inline-block;text-transform:uppercase;font-size:11px;font-weight:700;letter-spacing:.05em;padding:0 6px;border-radius:4px;background:#ddf4ff;color:#0969da}
.sev-warning .sev{background:#fff8c5;color:#9a6700}
.sev-error .sev{background:#ffebe9;color:#cf222e}
.document{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:20px 26px;white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:15px;line-height:1.65}
a.hl{color:inherit;text-decoration:none;background:color-mix(in srgb,var(--c) 16%,transparent);border-bottom:3px solid var(--c);-webkit-print-color-adjust:exact;print-color-adjust:exact}
a.hl sup{font-family:sans-serif;font-size:10px;font-weight:700;color:var(--c);margin-right:2px}
:target{scroll-margin-top:12px}
.entry:target{box-shadow:0 0 0 3px #54aeff}
@media (max-width:760px){.sides{grid-template-columns:1fr}main{padding:12px}}
@media print{
 body{background:#fff;font-size:11pt}
 header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
 header.top .docname{color:#000}
 header.top nav,.entry .back{display:none}
 main{max-width:none;padding:0}
 .entry,.finding,.summary,tr{break-inside:avoid}
 details.attempts>ul{display:block}
 a{color:inherit}
 .scan-links a::after{content:" (" attr(href) ")";font-weight:400;font-size:9pt;word-break:break-all}
 .doc-view{break-before:page}
}
"""
