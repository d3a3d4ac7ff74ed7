"""What failed, service by service: the short account a report gives when sources could not be reached.

A run with no network makes dozens of failed requests (every catalog for every work); the reader needs
one line per service and one sentence on what the verdicts then rest on. The full list of attempts
stays in the JSON report, the HTML report and ``--verbose``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from citecheck.model import AttemptOutcome, Report, Service, SourceAttempt, WordingVerdict

__all__ = [
    "ServiceFailure",
    "failed_requests",
    "no_network_line",
    "service_failures",
    "unverified_reasons",
]

TROUBLE = frozenset(
    {
        AttemptOutcome.FAILED,
        AttemptOutcome.TIMED_OUT,
        AttemptOutcome.RATE_LIMITED,
        AttemptOutcome.OFFLINE,
    }
)
_ANSWERED = frozenset({AttemptOutcome.OK, AttemptOutcome.EMPTY, AttemptOutcome.NOT_FOUND})
_UNREACHABLE = frozenset({AttemptOutcome.FAILED, AttemptOutcome.TIMED_OUT, AttemptOutcome.OFFLINE})
_OWN_TEXTS = frozenset({Service.LOCAL_FILE, Service.SOURCE_STORE})
_NOT_SENT = "not sent, the host had refused"
# "openlibrary: cannot connect for https://... (ConnectionError); check ..." -> "cannot connect"
_REASON_END = re.compile(r"\s+(?:for|at|from)\s+https?://|\s*\(|;|:\s*https?://")


@dataclass(frozen=True, slots=True)
class ServiceFailure:
    """How the requests to one service went wrong in one run."""

    service: Service
    failed: int
    answered: int
    reasons: tuple[tuple[str, int], ...]
    """Short reasons ("cannot connect", "timed out") with how many requests each, most frequent first."""

    @property
    def line(self) -> str:
        """``openlibrary: 7 of 7 requests failed (7× cannot connect)``."""
        total = self.failed + self.answered
        noun = "request" if total == 1 else "requests"
        why = ", ".join(f"{count}× {reason}" for reason, count in self.reasons)
        return f"{self.service.value}: {self.failed} of {total} {noun} failed ({why})"


def _every_attempt(report: Report) -> list[SourceAttempt]:
    every = [*report.attempts, *(a for v in report.verifications for a in v.attempts)]
    every += [a for r in report.resolutions for a in r.attempts]
    seen: dict[tuple[str, str, str, str], SourceAttempt] = {}
    for attempt in every:
        seen.setdefault((attempt.service, attempt.what, attempt.url, attempt.outcome), attempt)
    return list(seen.values())


def failed_requests(report: Report) -> list[SourceAttempt]:
    """Every attempt that failed, timed out or was refused, each once, in the order made."""
    return [a for a in _every_attempt(report) if a.outcome in TROUBLE]


def _reason(attempt: SourceAttempt) -> str:
    detail = attempt.detail or attempt.outcome.value.replace("_", " ")
    prefix = f"{attempt.service.value}: "
    if detail.startswith(prefix):
        detail = detail[len(prefix) :]
    short = _REASON_END.split(detail, maxsplit=1)[0].strip()
    if "could not be reached earlier" in short:
        return _NOT_SENT
    return short or attempt.outcome.value.replace("_", " ")


def service_failures(report: Report) -> list[ServiceFailure]:
    """One entry per service with a failed request, in the order the services were first asked."""
    attempts = _every_attempt(report)
    order = list(dict.fromkeys(a.service for a in attempts))
    result = []
    for service in order:
        mine = [a for a in attempts if a.service is service]
        failed = [a for a in mine if a.outcome in TROUBLE]
        if not failed:
            continue
        answered = sum(1 for a in mine if a.outcome in _ANSWERED)
        reasons = Counter(_reason(a) for a in failed).most_common()
        result.append(ServiceFailure(service, len(failed), answered, tuple(reasons)))
    return result


def no_network_line(report: Report) -> str | None:
    """A sentence for the top of the report when no service answered at all; None otherwise."""
    remote = [a for a in _every_attempt(report) if a.service not in _OWN_TEXTS]
    if not remote or any(a.outcome not in _UNREACHABLE for a in remote):
        return None
    services = len({a.service for a in remote})
    sent = [a for a in remote if _reason(a) != _NOT_SENT]
    checked = [
        v
        for v in report.verifications
        if v.wording is not WordingVerdict.UNVERIFIABLE and v.text_source is not None
    ]
    own = sorted({v.text_source.service.value for v in checked if v.text_source is not None})
    rest = (
        f"the {len(checked)} verdict(s) other than unverifiable rest only on texts at hand "
        f"({', '.join(own)})"
        if checked
        else "no quotation could be checked"
    )
    asked = f"{services} service" + ("" if services == 1 else "s")
    if len(sent) == 1:
        unanswered = f"the one request to {asked} was not answered"
    else:
        unanswered = f"none of the {len(sent)} requests to {asked} was answered"
    return f"No network: {unanswered}; {rest}."


def unverified_reasons(report: Report) -> list[tuple[str, str]]:
    """(citation id, why) for each unverifiable quotation: the reason and the services asked."""
    result = []
    for verification in report.verifications:
        if verification.wording is not WordingVerdict.UNVERIFIABLE:
            continue
        reason = verification.notes[0] if verification.notes else "no text could be checked"
        reason = reason.split(": ", 1)[0] if len(reason) > 90 else reason
        asked = [a.service.value for a in verification.attempts]
        resolution = report.resolution_for(verification.work_key) if verification.work_key else None
        if resolution is not None:
            asked = [a.service.value for a in resolution.attempts] + asked
        services = list(dict.fromkeys(asked))
        where = f" ({verification.work_key})" if verification.work_key else ""
        why = f"{reason}; asked {', '.join(services)}" if services else reason
        result.append((f"{verification.citation_id}{where}", why))
    return result
