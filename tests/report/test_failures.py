"""The short account of failed services: one line each, and a first line when nothing answered."""

from __future__ import annotations

from citecheck.model import (
    AttemptOutcome,
    Document,
    PageVerdict,
    Provenance,
    Report,
    Service,
    SourceAttempt,
    Verification,
    WordingVerdict,
)
from citecheck.report import render
from citecheck.report.failures import no_network_line, service_failures

REFUSED = (
    "openlibrary: cannot connect for https://openlibrary.org/search.json?q=x (ConnectionError)"
)


def report_with(*attempts: SourceAttempt, verifications: tuple[Verification, ...] = ()) -> Report:
    return Report(
        document=Document(name="talk.txt", text=""),
        citations=(),
        verifications=verifications,
        attempts=attempts,
    )


def refused(service: Service, what: str) -> SourceAttempt:
    return SourceAttempt(service, what, AttemptOutcome.FAILED, REFUSED)


def test_failed_requests_are_counted_per_service_with_a_short_reason() -> None:
    report = report_with(
        refused(Service.OPEN_LIBRARY, "search a"),
        refused(Service.OPEN_LIBRARY, "search b"),
        SourceAttempt(Service.OPEN_LIBRARY, "search c", AttemptOutcome.OK),
    )
    (failure,) = service_failures(report)
    assert failure.line == "openlibrary: 2 of 3 requests failed (2× cannot connect)"


def test_when_no_service_answered_the_first_line_says_so_and_what_verdicts_rest_on() -> None:
    stored = Verification(
        "q1",
        WordingVerdict.EXACT,
        PageVerdict.UNKNOWN,
        text_source=Provenance(Service.SOURCE_STORE, "https://x.test/"),
    )
    report = report_with(
        refused(Service.OPEN_LIBRARY, "search a"),
        refused(Service.WEB, "text of x"),
        verifications=(stored,),
    )
    first = " ".join(render(report, "text").split("citecheck report:")[0].split())
    assert first.startswith("No network: none of the 2 requests to 2 services was answered")
    assert "rest only on texts at hand (store)" in first


def test_no_such_line_when_some_service_answered() -> None:
    report = report_with(
        refused(Service.OPEN_LIBRARY, "search a"),
        SourceAttempt(Service.LIBRARY_OF_CONGRESS, "search a", AttemptOutcome.EMPTY),
    )
    assert no_network_line(report) is None
    assert render(report, "text").startswith("citecheck report:")


def test_requests_not_sent_to_a_host_that_refused_are_not_counted_as_made() -> None:
    not_sent = SourceAttempt(
        Service.INTERNET_ARCHIVE,
        "search b",
        AttemptOutcome.FAILED,
        "internetarchive: archive.org could not be reached earlier in this run (refused)",
    )
    report = report_with(refused(Service.INTERNET_ARCHIVE, "search a"), not_sent)
    line = no_network_line(report)
    assert line is not None and "the one request to 1 service was not answered" in line
    (failure,) = service_failures(report)
    assert "1× not sent, the host had refused" in failure.line
