"""How well extraction reads documents nobody tuned it for: the annotated corpus in tests/corpus.

    python benchmarks/extract_corpus.py              # figures overall and per kind, then the misses
    python benchmarks/extract_corpus.py --json       # the same, machine-readable
    python benchmarks/extract_corpus.py --doc news-bbc-obama-gun-laws   # one document (repeatable)

Each document of ``tests/corpus`` has a sidecar ``<name>.json`` written by hand from the
document's own words (the schema is in ``tests/corpus/README.md``). This script runs
``citecheck.extract.extract_file`` on each document and compares.

The matching rules, meant to be fair to the extractor and to the annotator:

- **Words.** Text is compared as lower-case word tokens (letters and digits). Quotation marks,
  apostrophes, dashes, Markdown and HTML markup, ellipses and bracketed ellipses never count,
  so ``"…dream."`` and ``dream`` compare equal, and so do curly and straight marks.
- **A quotation is found** when one extracted citation *starts* with the gold ``start`` words and
  *ends* with the gold ``end`` words, allowing up to two stray tokens at either edge (a leading
  note number, an ellipsis word). Each extracted citation matches at most one gold quotation,
  in document order. A quotation found but classified ``title`` or ``scare`` is a miss.
- **Recall** = gold quotations found / gold quotations.
- **Precision** = extracted block/inline citations that match a gold quotation / all extracted
  block/inline citations, leaving out those that match an entry of ``left_out`` (stretches a
  careful editor would not agree on: they count neither way). A stretch matches an annotated
  text when the words are the same, when the annotation gives its first six or more words, or
  when one lies inside the other and covers at least 60% of it. An extracted block/inline citation
  that is a gold non-quotation (a title, a scare quote, a motto or slogan), or that matches
  nothing annotated at all (e.g. marks paired across a paragraph), is a false positive. Titles
  and scare quotes that extraction itself marks ``title``/``scare`` are never counted.
- **Fields** are scored on found quotations only, and only where the annotation has the field
  (an annotator leaves a field out when editors would disagree; ``null`` means the document does
  not say, and then the extractor must say nothing either):
  - ``speaker``: the surnames agree (last word of each name, ignoring initials and honorifics),
    or for an organisation one name contains the other; a list in the annotation gives
    acceptable alternatives.
  - ``work`` and ``intermediary``: normalised titles agree (articles, punctuation and case
    ignored) by a fuzzy ratio of at least 0.85, or the main titles (before a colon) agree, or one
    of two words or more contains the other and is at least half its length (so "Mozilla" is not
    "Mozilla Manifesto"); an intermediary that is a person is compared like a speaker.
  - ``page``: the first page (and the last, for a range) of the extracted locator equal the
    annotated page(s), Roman or Arabic as printed.

Accuracy of a field = correct / scored (a ``null`` rightly left empty counts as correct); the
figures "where the document names it" count only annotations that are not ``null``. The
figures per kind use the ``kind`` of each document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from citecheck.extract import extract_file
from citecheck.model import Citation

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
FIELDS = ("speaker", "work", "page", "intermediary")
EDGE_SLACK = 2
TITLE_RATIO = 85.0
PREFIX_WORDS = 6
COVERAGE = 0.6

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "prof", "professor", "president", "comrade"}
_ARTICLES = {"the", "a", "an"}


# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case word tokens: no marks, no markup, no ellipses, accents folded."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("’", "'").replace("'", "")
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w.lower() for w in _WORD.findall(folded)]


def _at_start(tokens: Sequence[str], wanted: Sequence[str]) -> bool:
    return any(
        list(tokens[skip : skip + len(wanted)]) == list(wanted)
        for skip in range(min(EDGE_SLACK, max(len(tokens) - len(wanted), 0)) + 1)
    )


def _at_end(tokens: Sequence[str], wanted: Sequence[str]) -> bool:
    n = len(tokens)
    return any(
        list(tokens[n - skip - len(wanted) : n - skip]) == list(wanted)
        for skip in range(min(EDGE_SLACK, max(n - len(wanted), 0)) + 1)
    )


def spans_match(extracted: str, start: str, end: str) -> bool:
    """Does an extracted quotation begin with ``start`` and end with ``end`` (see the rules)?"""
    tokens = words(extracted)
    first, last = words(start), words(end)
    if not tokens or not first or not last:
        return False
    return _at_start(tokens, first) and _at_end(tokens, last)


def text_matches(extracted: str, annotated: str) -> bool:
    """A non-quotation or left-out stretch: the same words, the annotated opening words (six or
    more) of the extracted stretch, or one inside the other covering most (60%) of it."""
    got, wanted = words(extracted), words(annotated)
    if not got or not wanted:
        return False
    if got == wanted or (len(wanted) >= PREFIX_WORDS and got[: len(wanted)] == wanted):
        return True
    shorter, longer = sorted((got, wanted), key=len)
    inside = f" {' '.join(shorter)} " in f" {' '.join(longer)} "
    return inside and len(shorter) >= COVERAGE * len(longer)


# --------------------------------------------------------------------------------------------
# Field comparison
# --------------------------------------------------------------------------------------------


def _surname(name: str) -> str:
    tokens = [t for t in words(name) if t not in _HONORIFICS and len(t) > 1]
    return tokens[-1] if tokens else ""


def same_speaker(gold: str | list[str], got: str | None) -> bool:
    """Surnames agree, or (organisations) one name contains the other."""
    if not got:
        return False
    for option in [gold] if isinstance(gold, str) else gold:
        a, b = " ".join(words(option)), " ".join(words(got))
        if _surname(option) and _surname(option) == _surname(got):
            return True
        if a and b and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
            return True
    return False


def _title(text: str) -> str:
    return " ".join(w for w in words(text) if w not in _ARTICLES)


def _main_title(text: str) -> str:
    return _title(re.split(r":|\s[-–—]\s|\.\s", text, maxsplit=1)[0])


def same_title(gold: str | list[str], got: str | None) -> bool:
    """Normalised titles agree by a fuzzy ratio, by main title, or by substantial containment."""
    if not got:
        return False
    for option in [gold] if isinstance(gold, str) else gold:
        a, b = _title(option), _title(got)
        if not a or not b:
            continue
        if fuzz.ratio(a, b) >= TITLE_RATIO or _main_title(option) == _main_title(got):
            return True
        shorter, longer = sorted((a, b), key=len)
        inside = f" {shorter} " in f" {longer} "
        if inside and len(shorter.split()) >= 2 and len(shorter) >= len(longer) / 2:
            return True
    return False


def _pages(text: str) -> list[str]:
    return [p.lower() for p in re.findall(r"[0-9]+|[ivxlcdm]+", text.lower())]


def same_page(gold: str, citation: Citation) -> bool:
    locator = citation.locator
    if locator is None:
        return False
    wanted = _pages(gold)
    got = [p for p in (locator.first, locator.last) if p] or _pages(locator.text)
    got = [p.lower() for p in got]
    if len(wanted) == 1:
        return bool(got) and got[0] == wanted[0]
    return got[: len(wanted)] == wanted


def field_value(citation: Citation, name: str) -> str | None:
    a = citation.attribution
    if name == "page":
        return citation.locator.text if citation.locator else None
    value: str | None = getattr(a, name)
    return value


def field_correct(name: str, gold: Any, citation: Citation) -> bool:
    got = field_value(citation, name)
    if gold is None:
        return got is None
    if name == "speaker":
        return same_speaker(gold, got)
    if name == "page":
        return same_page(str(gold), citation)
    if name == "intermediary":
        return same_title(gold, got) or same_speaker(gold, got)
    return same_title(gold, got)


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    extracted: int = 0
    true_positive: int = 0
    false_positive: int = 0
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    named: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    """Scored quotations where the document names the field (the annotation is not null)."""
    named_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.extracted += other.extracted
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        for name in FIELDS:
            self.scored[name] += other.scored[name]
            self.correct[name] += other.correct[name]
            self.named[name] += other.named[name]
            self.named_correct[name] += other.named_correct[name]

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        counted = self.true_positive + self.false_positive
        return self.true_positive / counted if counted else 1.0

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.scored[name] if self.scored[name] else 1.0

    def named_accuracy(self, name: str) -> float:
        return self.named_correct[name] / self.named[name] if self.named[name] else 1.0

    def figures(self) -> dict[str, Any]:
        return {
            "quotations": self.gold,
            "found": self.found,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "false_positives": self.false_positive,
            **{name: round(self.accuracy(name), 4) for name in FIELDS},
            "scored": dict(self.scored),
            "where_named": {name: round(self.named_accuracy(name), 4) for name in FIELDS},
            "named": dict(self.named),
        }


@dataclass
class Finding:
    """One thing that went wrong: a miss, a false positive or a wrong field."""

    document: str
    what: str
    quotation: str
    detail: str


@dataclass
class DocumentScore:
    name: str
    kind: str
    tally: Tally
    findings: list[Finding]


def load_annotations(corpus: Path = CORPUS) -> list[tuple[Path, dict[str, Any]]]:
    """Every (document, annotation) pair of the corpus, by name."""
    pairs = []
    for sidecar in sorted(corpus.glob("*.json")):
        annotation = json.loads(sidecar.read_text(encoding="utf-8"))
        pairs.append((corpus / annotation["document"], annotation))
    return pairs


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def score_document(path: Path, annotation: dict[str, Any]) -> DocumentScore:
    """Run extraction on one document and compare it with its annotation."""
    citations = list(extract_file(path).citations)
    name = path.name
    tally = Tally()
    findings: list[Finding] = []
    used: set[int] = set()
    gold = annotation.get("quotations", [])
    tally.gold = len(gold)
    for quotation in gold:
        label = f"{quotation['start']} … {quotation['end']}"
        hit = next(
            (
                i
                for i, c in enumerate(citations)
                if i not in used
                and spans_match(c.quotation.text, quotation["start"], quotation["end"])
            ),
            None,
        )
        if hit is None:
            findings.append(Finding(name, "miss", label, "not extracted with these boundaries"))
            continue
        used.add(hit)
        citation = citations[hit]
        if not citation.quotation.kind.is_checkable:
            findings.append(
                Finding(name, "miss", label, f"extracted as {citation.quotation.kind.value}")
            )
            continue
        tally.found += 1
        for field_name in FIELDS:
            if field_name not in quotation:
                continue
            tally.scored[field_name] += 1
            named = quotation[field_name] is not None
            tally.named[field_name] += named
            if field_correct(field_name, quotation[field_name], citation):
                tally.correct[field_name] += 1
                tally.named_correct[field_name] += named
            else:
                findings.append(
                    Finding(
                        name,
                        f"wrong {field_name}",
                        label,
                        f"gold {quotation[field_name]!r}, got {field_value(citation, field_name)!r}",
                    )
                )
    left_out = [entry["text"] for entry in annotation.get("left_out", [])]
    non_quotations = [entry["text"] for entry in annotation.get("non_quotations", [])]
    for i, citation in enumerate(citations):
        if not citation.quotation.kind.is_checkable:
            continue
        tally.extracted += 1
        if i in used:
            tally.true_positive += 1
            continue
        text = citation.quotation.text
        if any(text_matches(text, stretch) for stretch in left_out):
            continue
        tally.false_positive += 1
        is_non_quotation = any(text_matches(text, stretch) for stretch in non_quotations)
        findings.append(
            Finding(
                name,
                "false positive",
                _short(text),
                "an annotated non-quotation" if is_non_quotation else "matches no annotation",
            )
        )
    return DocumentScore(name, annotation["kind"], tally, findings)


def score_corpus(
    corpus: Path = CORPUS, only: Iterable[str] = ()
) -> tuple[Tally, dict[str, Tally], list[DocumentScore]]:
    """The whole corpus: the overall tally, a tally per kind, and each document's score."""
    wanted = set(only)
    overall, per_kind, documents = Tally(), {}, []
    for path, annotation in load_annotations(corpus):
        if wanted and path.stem not in wanted and path.name not in wanted:
            continue
        result = score_document(path, annotation)
        documents.append(result)
        overall.add(result.tally)
        per_kind.setdefault(result.kind, Tally()).add(result.tally)
    return overall, per_kind, documents


def report(overall: Tally, per_kind: dict[str, Tally], documents: list[DocumentScore]) -> str:
    """The figures as a table, then every miss, false positive and wrong field."""
    header = f"{'kind':<14}{'docs':>5}{'quot':>6}{'recall':>8}{'prec':>7}" + "".join(
        f"{name[:8]:>9}" for name in FIELDS
    )
    lines = [header, "-" * len(header)]
    counts = {kind: sum(1 for d in documents if d.kind == kind) for kind in per_kind}
    rows = [*sorted(per_kind.items()), ("ALL", overall)]
    for kind, tally in rows:
        docs = len(documents) if kind == "ALL" else counts[kind]
        lines.append(
            f"{kind:<14}{docs:>5}{tally.gold:>6}{tally.recall:>8.2f}{tally.precision:>7.2f}"
            + "".join(f"{tally.accuracy(name):>9.2f}" for name in FIELDS)
        )
    lines.append("")
    lines.append("where the document names it (correct / named):")
    for kind, tally in rows:
        lines.append(
            f"{kind:<14}"
            + "".join(
                f"{name[:8]:>9} {tally.named_correct[name]:>3}/{tally.named[name]:<3}"
                for name in FIELDS
            )
        )
    lines.append("")
    for document in documents:
        for finding in document.findings:
            lines.append(
                f"{finding.document}: {finding.what}: {_short(finding.quotation)}: {finding.detail}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    parser.add_argument("--doc", action="append", default=[], help="only this document")
    args = parser.parse_args(argv)
    overall, per_kind, documents = score_corpus(args.corpus, args.doc)
    if args.json:
        payload = {
            "overall": overall.figures(),
            "per_kind": {kind: tally.figures() for kind, tally in sorted(per_kind.items())},
            "documents": {d.name: d.tally.figures() for d in documents},
            "findings": [asdict(f) for d in documents for f in d.findings],
        }
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(report(overall, per_kind, documents))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
