"""The HTML report: one self-contained page, an entry per quotation, and the annotated document."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest

from citecheck.model import Report
from citecheck.report import render
from citecheck.report.html import scan_links


def entry(html: str, cid: str) -> str:
    match = re.search(rf'<article class="entry" id="{cid}".*?</article>', html, re.S)
    assert match, f"no entry {cid}"
    return match.group()


@pytest.fixture
def html(rich_report: Report) -> str:
    return render(rich_report, "html")


def test_the_page_loads_nothing_from_outside(html: str) -> None:
    assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(css|js|png|woff2?)', html)
    assert "<script" not in html
    assert "<link" not in html
    assert "default-src 'none'" in html


def test_the_summary_has_counts_and_an_inline_svg_chart(html: str) -> None:
    summary = html.split('<section class="summary">')[1].split("</section>", maxsplit=1)[0]
    assert '<div class="card" style="--c:#1a7f37"><b>4</b>exact</div>' in summary
    assert '<svg class="chart"' in summary
    assert summary.count("<rect ") == 8


def test_each_quotation_has_an_entry_with_a_verdict_badge(html: str) -> None:
    altered = entry(html, "q3")
    assert 'class="badge" style="--c:#cf222e"' in altered
    assert ">altered</span>" in altered
    assert ">page: as cited</span>" in altered


def test_the_wordings_are_side_by_side_with_a_word_diff(html: str) -> None:
    altered = entry(html, "q3")
    assert "<ins>farms</ins>" in altered
    assert "<del>farmers</del>" in altered


def test_a_meaning_bearing_change_is_highlighted(html: str) -> None:
    altered = entry(html, "q3")
    assert "meaning changed" in altered
    assert '<tr class="meaning">' in altered
    assert "<strong>changes the meaning</strong> the farmers, not the farms" in altered


def test_the_text_an_ellipsis_hides_is_shown_in_place_and_marked(html: str) -> None:
    omission = entry(html, "q4")
    doc_side = omission.split('class="side doc"')[1].split('class="side src"')[0]
    assert re.search(
        r"<span class=\"ellipsis\">\.\.\.</span> <mark class=\"omitted\"[^>]*>hid what was coming\. Nobody asked\.</mark> were part",
        doc_side,
    )


def test_the_rest_of_a_truncated_sentence_is_shown(html: str) -> None:
    assert (
        '<span class="truncated" title="the sentence goes on">but the apparatus answered it.</span>'
        in entry(html, "q5")
    )


def test_context_around_the_passage_is_shown(html: str) -> None:
    exact = entry(html, "q2")
    assert 'title="context before the passage">Chapter nine.</span>' in exact
    assert 'title="context after the passage">It went on.</span>' in exact


def test_cited_and_found_pages_are_both_shown(html: str) -> None:
    assert "cited p. <b>20</b> · found p. <b>25</b>" in entry(html, "q6")


def test_internet_archive_pages_link_to_the_scan_viewer(html: str) -> None:
    assert 'href="https://archive.org/details/stalinmanofhisto00grey/page/253"' in entry(html, "q2")


def test_google_books_and_hathitrust_links_come_from_the_identifiers(rich_report: Report) -> None:
    other_page = rich_report.verification_for("q6")
    assert other_page is not None
    assert scan_links(other_page) == [
        ("p. 25 at Google Books", "https://books.google.com/books?id=gbSAYERS&pg=PA25"),
        ("HathiTrust volume", "https://babel.hathitrust.org/cgi/pt?id=mdp.39015000000001"),
    ]


def test_the_verifications_own_scan_url_wins(html: str) -> None:
    assert 'href="https://archive.org/details/britishagent00lock/page/n240"' in entry(html, "q8")


def test_the_catalog_record_and_edition_are_linked(html: str) -> None:
    exact = entry(html, "q2")
    assert "Edition used: <cite>Stalin, Man of History</cite>" in exact
    assert (
        '<a href="https://openlibrary.org/books/OL4730150M" rel="noreferrer">catalog record</a>'
        in exact
    )


def test_a_secondhand_quotation_shows_the_chain_with_each_verdict(html: str) -> None:
    chain = entry(html, "q7").split('<div class="chain">')[1].split("</div>")[0]
    steps = re.findall(r'<span class="step">(.*?)</span>', chain)
    assert steps == ["Original", "Intermediary", "This document"]
    assert "<cite>Memoirs of a British Agent</cite>, p. 232" in chain
    assert ">truncated</span>" in chain
    assert ">exact</span>" in chain


def test_a_search_inside_only_check_still_shows_its_snippet_and_page(html: str) -> None:
    search_only = entry(html, "q8")
    assert "found p. <b>226</b>" in search_only
    assert "checked through search inside: no page text" in search_only


def test_an_unverifiable_quotation_shows_the_failed_source_openly(html: str) -> None:
    unverifiable = entry(html, "q9")
    assert "No text of the source shows this passage." in unverifiable
    assert '<details class="attempts" open>' in unverifiable
    assert '<li class="attempt trouble"><span class="outcome">failed</span>' in unverifiable


def test_a_proposed_source_is_marked_as_a_proposal(rich_report: Report) -> None:
    import dataclasses

    proposed = tuple(
        dataclasses.replace(v, proposal=True) if v.citation_id == "q2" else v
        for v in rich_report.verifications
    )
    html = render(dataclasses.replace(rich_report, verifications=proposed), "html")
    assert '<p class="proposal">Proposal:' in entry(html, "q2")
    assert "Proposal:" not in entry(html, "q3")


def test_the_document_view_highlights_each_quotation_and_links_to_its_entry(html: str) -> None:
    view = html.split('<h2 id="document">')[1]
    assert re.search(
        r'<a class="hl" id="doc-q3" href="#q3" style="--c:#cf222e"[^>]*><sup>q3</sup>The collective farms',
        view,
    )
    assert 'id="doc-q1"' not in view


def test_findings_are_listed_and_link_to_their_quotation(html: str) -> None:
    findings = html.split('<h2 id="findings">')[1].split("</section>", maxsplit=1)[0]
    assert '<a href="#q7">q7</a> Lockhart is quoted through Sayers' in findings
    assert "<li>Collins: 320 pages</li>" in findings


def test_hostile_text_in_a_quotation_is_escaped_everywhere(hostile_report: Report) -> None:
    html = render(hostile_report, "html")
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more." in html


class _Balance(HTMLParser):
    VOID = frozenset({"meta", "br", "rect", "img"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_the_markup_is_balanced_even_with_hostile_text(hostile_report: Report) -> None:
    parser = _Balance()
    parser.feed(render(hostile_report, "html"))
    assert parser.errors == []
    assert parser.stack == []


def test_failed_sources_have_their_own_section(html: str) -> None:
    failures = html.split('<h2 id="failures">')[1].split("</section>", maxsplit=1)[0]
    assert failures.count('<li class="attempt trouble">') == 1
    assert "HTTP 503: the service is unavailable" in failures


def test_problems_in_the_input_are_listed(html: str) -> None:
    assert "<li>talk.md, line 3: a quotation opens here and never closes</li>" in html


def _source_side(**fields: object) -> str:
    from citecheck.model import PageVerdict, Verification, WordingVerdict
    from citecheck.report.html import _source_parts, _tokens, word_diff

    verification = Verification("q1", WordingVerdict.TRUNCATED, PageVerdict.UNKNOWN, **fields)  # type: ignore[arg-type]
    _, passage = word_diff(_tokens(verification.source_text), _tokens(verification.source_text))
    return " | ".join(
        f"{part.kind}:{part.text if part.kind != 'passage' else '…'}"
        for part in _source_parts(verification, passage)
    )


def test_the_rest_of_a_cut_sentence_is_shown_once_not_again_as_context() -> None:
    side = _source_side(
        source_text="In the autumn the Opposition made a sortie",
        truncated_after="but the apparatus answered it",
        context_after=", but the apparatus answered it. The next day was quiet.",
    )
    assert side == (
        "passage:… | truncated:but the apparatus answered it | context:. The next day was quiet."
    )


def test_the_start_of_a_cut_sentence_is_shown_once_too() -> None:
    side = _source_side(
        source_text="dissensions between Lenin and Trotsky",
        truncated_before="was very interested in these",
        context_before="The Office was very interested in these",
    )
    assert side.startswith("context:The Office | truncated:was very interested in these")


def test_context_that_stops_inside_a_word_drops_the_fragment() -> None:
    side = _source_side(
        source_text="He strikes me as a man",
        context_after=". I saw Trotsky for th",
    )
    assert side.endswith("context:. I saw Trotsky for …")


def test_context_that_starts_inside_a_word_drops_the_fragment() -> None:
    side = _source_side(source_text="He strikes me", context_before="ould say. And then")
    assert side.startswith("context:… say. And then")


def test_a_failed_request_is_told_once_in_an_entry(rich_report: Report) -> None:
    from dataclasses import replace

    verifications = tuple(
        replace(v, notes=(*v.notes, "tried: web text of stalin1929: failed (HTTP 503)"))
        if v.citation_id == "q9"
        else v
        for v in rich_report.verifications
    )
    unverifiable = entry(render(replace(rich_report, verifications=verifications), "html"), "q9")
    assert "tried: " not in unverifiable
    assert unverifiable.count("HTTP 503") == 1


def test_a_failure_detail_does_not_repeat_the_service_and_the_url() -> None:
    from citecheck.model import AttemptOutcome, Service, SourceAttempt
    from citecheck.report.html import _attempt_view

    url = "https://www.marxists.org/reference/archive/stalin/works/1929/12/27.htm"
    attempt = SourceAttempt(
        Service.WEB, url, AttemptOutcome.FAILED, f"web: HTTP 503 for {url}: unavailable", url
    )
    assert _attempt_view(attempt).detail == "HTTP 503: unavailable"


def test_headings_go_down_one_level_at_a_time(html: str) -> None:
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
