"""Works grouped across documents; the summary over every document's line."""

from __future__ import annotations

from citecheck.batch import group_works
from citecheck.batch.summary import render_summary_html, render_summary_text, summarise
from citecheck.batch.worker import DocumentPlan
from citecheck.model import WorkQuery


def test_the_same_book_cited_by_two_documents_is_one_work_with_the_pages_of_both() -> None:
    first = WorkQuery(
        "grey1979", "Stalin: Man of History", ("Ian Grey",), 1979, cited_pages=("253",)
    )
    second = WorkQuery(
        "grey", "Stalin: Man of History", ("Ian Grey",), 1979, cited_pages=("144", "253")
    )

    works = group_works([DocumentPlan("a.txt", (first,)), DocumentPlan("b.txt", (second,))])

    assert len(works) == 1
    assert works[0].cited_pages == ("253", "144")


def test_works_the_catalogs_would_be_asked_for_differently_stay_apart() -> None:
    book = WorkQuery("k", "British Agent", ("R. H. Bruce Lockhart",), 1933)
    other_year = WorkQuery("k", "British Agent", ("R. H. Bruce Lockhart",), 1932)

    assert len(group_works([DocumentPlan("a.txt", (book, other_year))])) == 2


def _line(path: str, verifications: list[dict[str, str]], **extra: object) -> dict[str, object]:
    report = {"verifications": verifications, "findings": [], "attempts": []}
    report.update(extra)  # type: ignore[arg-type]
    return {"path": path, "status": "ok", "report": report}


def test_the_summary_counts_verdicts_and_puts_the_worst_findings_first() -> None:
    lines = [
        _line("a.txt", [{"citation_id": "q1", "wording": "exact", "page": "as_cited"}]),
        _line(
            "b.txt",
            [
                {"citation_id": "q1", "wording": "altered", "page": "other_page"},
                {"citation_id": "q2", "wording": "not_found", "page": "unknown"},
                {"citation_id": "q3", "wording": "variant", "page": "as_cited"},
            ],
        ),
        {"path": "c.txt", "status": "error", "error": "c.txt: the file is empty"},
    ]

    summary = summarise(lines)

    assert summary.documents == 3
    assert summary.statuses == {"ok": 2, "error": 1}
    assert summary.verdicts["exact"] == 1 and summary.verdicts["altered"] == 1
    assert [(w.path, w.what) for w in summary.worst] == [
        ("b.txt", "q1: altered, page other page"),
        ("b.txt", "q2: not_found"),
    ]
    assert summary.errors == (("c.txt", "c.txt: the file is empty"),)


def test_services_that_failed_are_counted_with_the_documents_they_touched() -> None:
    failed = {"service": "internetarchive", "outcome": "failed", "what": "x"}
    timed_out = {"service": "internetarchive", "outcome": "timed_out", "what": "y"}
    fine = {"service": "openlibrary", "outcome": "ok", "what": "z"}
    lines = [
        _line("a.txt", [], attempts=[failed, timed_out, fine]),
        _line("b.txt", [], attempts=[failed]),
    ]

    summary = summarise(lines)

    [failure] = summary.failed_services
    assert (failure.service, failure.failures, failure.documents) == ("internetarchive", 3, 2)
    assert "internetarchive: 3 request(s) failed, in 2 document(s)" in render_summary_text(summary)


def test_the_html_summary_links_each_document_to_its_report() -> None:
    summary = summarise([_line("a & b.txt", [])])

    page = render_summary_html(summary, {"a & b.txt": "results-reports/000001-a.html"})

    assert '<a href="results-reports/000001-a.html">a &amp; b.txt</a>' in page
