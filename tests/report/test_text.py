"""The plain-text report for a terminal."""

from __future__ import annotations

from citecheck.model import Report
from citecheck.report import render
from citecheck.report.text import cited_work, short_quote


def row(text: str, cid: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(cid + " "))


def test_the_summary_line_counts_each_wording_verdict(rich_report: Report) -> None:
    text = render(rich_report, "text")
    assert (
        "8 quotations checked: 4 exact, 1 altered, 1 omission, 1 truncated, 1 unverifiable" in text
    )


def test_a_row_gives_id_quote_work_page_verdicts_found_page_and_source(rich_report: Report) -> None:
    line = row(render(rich_report, "text", width=200), "q6")
    for cell in (
        "“The conspiracy was real.”",
        "Sayers, The Great Conspiracy",
        "20 → 25",
        "exact, other page",
    ):
        assert cell in line
    assert row(render(rich_report, "text", width=200), "q2").endswith("internetarchive")


def test_long_quotations_are_cut_with_an_ellipsis() -> None:
    cut = short_quote("The collective farms must drive off all their cattle and grain.", 30)
    assert cut == "The collective farms must dri…"


def test_the_table_fits_the_width_and_wraps_quotations_within_their_column(
    rich_report: Report,
) -> None:
    text = render(rich_report, "text", width=72)
    table = text.split("\n\n")[1].splitlines()
    assert all(len(line) <= 72 for line in table)
    q3 = table.index(row(text, "q3"))
    assert table[q3 + 1].startswith("     ")
    assert "collective" in table[q3] and "farms" in " ".join(table[q3 : q3 + 3])


def test_titles_and_scare_quotes_get_no_row(rich_report: Report) -> None:
    assert not any(line.startswith("q1 ") for line in render(rich_report, "text").splitlines())


def test_findings_and_their_evidence_are_listed(rich_report: Report) -> None:
    text = render(rich_report, "text")
    assert "[info] sayers1946: page 326 exists only in some editions" in text
    assert "      Collins: 320 pages" in text


def test_a_failed_service_gets_one_line_saying_how_many_requests_failed(
    rich_report: Report,
) -> None:
    text = render(rich_report, "text")
    failed = text.split("Services that failed:")[1]
    assert "  web: 1 of 1 request failed (1× HTTP 503: the service is unavailable)" in failed
    assert "text of stalin1929 (failed)" not in text


def test_verbose_lists_every_failed_request_once_with_its_detail(rich_report: Report) -> None:
    text = render(rich_report, "text", verbose=True)
    failed = text.split("Every failed request:")[1]
    assert failed.count("text of stalin1929 (failed): HTTP 503") == 1


def test_problems_in_the_input_are_listed(rich_report: Report) -> None:
    assert "talk.md, line 3: a quotation opens here and never closes" in render(rich_report, "text")


def test_no_ansi_colours_unless_asked(rich_report: Report) -> None:
    assert "\x1b[" not in render(rich_report, "text")


def test_colours_mark_the_verdicts_when_asked(rich_report: Report) -> None:
    line = row(render(rich_report, "text", color=True), "q3")
    assert "\x1b[1;31maltered" in line
    assert line.endswith("\x1b[0m") or "\x1b[0m" in line


def test_a_secondhand_quotation_names_the_work_it_was_quoted_in(rich_report: Report) -> None:
    (citation,) = [c for c in rich_report.citations if c.id == "q7"]
    named = cited_work(rich_report, citation, rich_report.verification_for("q7"))
    assert named == "Lockhart, British Agent, quoted in The Great Conspiracy"


def test_no_colour_codes_with_colour_off_even_for_verdicts(rich_report: Report) -> None:
    text = render(rich_report, "text", color=False, width=200)
    assert "altered, as cited" in row(text, "q3")
    assert "\x1b" not in text
