"""The editor's report: one ``Report`` rendered as text, Markdown, HTML or JSON, and the exit status.

``render(report, "html")`` gives one self-contained page; ``exit_code(report, fail_on)`` says whether
every checked quotation holds at the levels the caller cares about.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The data model is loaded when a report is made, not for `citecheck check --help`.
    from citecheck.model import Report, Verification, WordingVerdict

__all__ = [
    "DEFAULT_FAIL_ON",
    "FAIL_ON_CHOICES",
    "FORMATS",
    "exit_code",
    "failed_levels",
    "parse_fail_on",
    "render",
    "summary_counts",
]

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json")

FAIL_ON_CHOICES: tuple[str, ...] = (
    "altered",
    "omission",
    "truncated",
    "spliced",
    "variant",
    "page",
    "not-found",
    "unverifiable",
)

DEFAULT_FAIL_ON: frozenset[str] = frozenset({"altered", "spliced", "not-found", "page"})

_WRONG_PAGE = frozenset({"other_page", "impossible"})
"""The page verdicts (their values) that the "page" level fails on."""


def parse_fail_on(text: str) -> frozenset[str]:
    """``"altered, page"`` -> ``{"altered", "page"}``; ValueError naming any unknown level."""
    levels = [part.strip().lower().replace("_", "-") for part in text.split(",")]
    levels = [level for level in levels if level]
    unknown = [level for level in levels if level not in FAIL_ON_CHOICES]
    if unknown:
        raise ValueError(
            f"unknown level {', '.join(repr(u) for u in unknown)}; "
            f"choose from {', '.join(FAIL_ON_CHOICES)}"
        )
    return frozenset(levels)


def failed_levels(verification: Verification) -> frozenset[str]:
    """The fail-on levels a verification reaches: its wording verdict, and "page" for a wrong page."""
    levels = {verification.wording.value.replace("_", "-")}
    if verification.page.value in _WRONG_PAGE:
        levels.add("page")
    return frozenset(levels & set(FAIL_ON_CHOICES))


def exit_code(report: Report, fail_on: Collection[str]) -> int:
    """0 when no verification reaches a level in ``fail_on``, else 1."""
    wanted = set(fail_on)
    return 1 if any(failed_levels(v) & wanted for v in report.verifications) else 0


def summary_counts(report: Report) -> dict[WordingVerdict, int]:
    """How many verifications got each wording verdict, every verdict listed in order."""
    from citecheck.model import WordingVerdict

    counts = dict.fromkeys(WordingVerdict, 0)
    for verification in report.verifications:
        counts[verification.wording] += 1
    return counts


def render(
    report: Report,
    fmt: str,
    *,
    color: bool = False,
    verbose: bool = False,
    width: int | None = None,
) -> str:
    """The report in one of FORMATS; ``color``, ``verbose`` (every failed request) and ``width``
    (columns) apply to the text format only."""
    if fmt == "text":
        from citecheck.report.text import render_text

        return render_text(report, color=color, verbose=verbose, width=width)
    if fmt == "markdown":
        from citecheck.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from citecheck.report.html import render_html

        return render_html(report)
    if fmt == "json":
        from citecheck.report.json import render_json

        return render_json(report)
    raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
