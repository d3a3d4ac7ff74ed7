"""Exit status, --fail-on parsing, summary counts and the format switch."""

from __future__ import annotations

import dataclasses

import pytest

from citecheck.model import PageVerdict, Report, WordingVerdict
from citecheck.report import (
    DEFAULT_FAIL_ON,
    FAIL_ON_CHOICES,
    FORMATS,
    exit_code,
    parse_fail_on,
    render,
    summary_counts,
)


def only(report: Report, *ids: str) -> Report:
    return dataclasses.replace(
        report, verifications=tuple(v for v in report.verifications if v.citation_id in ids)
    )


def test_the_default_fail_on_levels_are_choices(rich_report: Report) -> None:
    assert set(FAIL_ON_CHOICES) >= DEFAULT_FAIL_ON
    assert {"altered", "spliced", "not-found", "page"} == DEFAULT_FAIL_ON


def test_a_report_of_exact_quotations_on_their_cited_pages_exits_zero(rich_report: Report) -> None:
    assert exit_code(only(rich_report, "q2", "q7", "q8"), DEFAULT_FAIL_ON) == 0


def test_an_altered_quotation_exits_one_by_default(rich_report: Report) -> None:
    assert exit_code(only(rich_report, "q2", "q3"), DEFAULT_FAIL_ON) == 1


def test_an_exact_quotation_on_another_page_fails_on_page(rich_report: Report) -> None:
    report = only(rich_report, "q6")
    assert exit_code(report, {"page"}) == 1
    assert exit_code(report, {"altered"}) == 0


def test_an_impossible_page_fails_on_page(rich_report: Report) -> None:
    (exact,) = only(rich_report, "q2").verifications
    impossible = dataclasses.replace(exact, page=PageVerdict.IMPOSSIBLE)
    assert exit_code(dataclasses.replace(rich_report, verifications=(impossible,)), {"page"}) == 1


def test_an_adjacent_page_does_not_fail_on_page(rich_report: Report) -> None:
    (exact,) = only(rich_report, "q2").verifications
    adjacent = dataclasses.replace(exact, page=PageVerdict.ADJACENT)
    assert exit_code(dataclasses.replace(rich_report, verifications=(adjacent,)), {"page"}) == 0


def test_unverifiable_quotations_fail_only_when_asked(rich_report: Report) -> None:
    report = only(rich_report, "q9")
    assert exit_code(report, DEFAULT_FAIL_ON) == 0
    assert exit_code(report, {"unverifiable"}) == 1


def test_a_not_found_quotation_fails_on_not_found(rich_report: Report) -> None:
    (exact,) = only(rich_report, "q2").verifications
    missing = dataclasses.replace(exact, wording=WordingVerdict.NOT_FOUND)
    report = dataclasses.replace(rich_report, verifications=(missing,))
    assert exit_code(report, parse_fail_on("not-found")) == 1


def test_an_empty_fail_on_never_fails(rich_report: Report) -> None:
    assert exit_code(rich_report, frozenset()) == 0


def test_parse_fail_on_reads_a_comma_list_with_spaces_and_case() -> None:
    assert parse_fail_on(" Altered, page ,not_found") == {"altered", "page", "not-found"}


def test_parse_fail_on_accepts_every_choice() -> None:
    assert parse_fail_on(",".join(FAIL_ON_CHOICES)) == set(FAIL_ON_CHOICES)


def test_parse_fail_on_names_the_unknown_level() -> None:
    with pytest.raises(ValueError, match="'typo'"):
        parse_fail_on("altered,typo")


def test_summary_counts_lists_every_wording_verdict(rich_report: Report) -> None:
    counts = summary_counts(rich_report)
    assert list(counts) == list(WordingVerdict)
    assert counts[WordingVerdict.EXACT] == 4
    assert counts[WordingVerdict.SPLICED] == 0
    assert sum(counts.values()) == 8


def test_render_refuses_an_unknown_format(rich_report: Report) -> None:
    with pytest.raises(ValueError, match="pdf"):
        render(rich_report, "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_report(fmt: str, rich_report: Report) -> None:
    empty = dataclasses.replace(
        rich_report, citations=(), verifications=(), findings=(), attempts=(), problems=()
    )
    assert render(empty, fmt).strip()
