"""How often verification is right on real books: wording and page verdicts against known truth.

The books are Project Gutenberg HTML editions with their printed page numbers as anchors, kept
under ``benchmarks/data/gutenberg`` (see the README there for provenance). From each book a
generator with a fixed seed draws quotations of every kind a document makes of its sources, each
with its true wording and page verdict:

    exact, wrong page, substituted word (an unrelated word, or a near one: "farmers" -> "farms"),
    negation added, negation dropped, ellipsis cut, silent cut, truncation, splice without ellipsis,
    moved phrase, modernised spelling, fabrication (a sentence of another book)

Each quotation is verified against the clean book (born-digital text) and against a copy passed
through an OCR noise model (letter confusions as OCR engines make them: rn/m, cl/d, e/c, s/a, li/h,
l/1, O/0, a/o, f/t, u/n; broken and joined words; hyphenation at line ends; running heads with the
page number), whose pages are marked as OCR text. It prints the confusion table of truth against
verdict for both, the share right, the count of changed quotations called exact, and, for the index
stage, "index builds: N for B books" with the cold and warm times of a run of 200 quotations over
the books on 8 worker threads (``--repeats`` times, each with a fresh cache: median and range of
warm/cold). Last, what a user re-runs: ``citecheck check`` of a document quoting the books, given
as ``--source`` files, offline, cold over a fresh cache and then warm over the same one.

Run: python benchmarks/verify_accuracy.py                 (about a minute)
     python benchmarks/verify_accuracy.py --per-kind 2 --books 4    (quicker)
     python benchmarks/verify_accuracy.py --data DIR        (other Gutenberg HTML files, .htm[.gz])
"""

from __future__ import annotations

import argparse
import gc
import gzip
import html
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from citecheck.model import (
    Attribution,
    Citation,
    Locator,
    LocatorKind,
    Page,
    PageVerdict,
    Quotation,
    QuotationKind,
    Span,
    Verification,
    WordingVerdict,
)
from citecheck.verify import judge
from citecheck.verify.locate import SourceIndex

SEED = 20261202
DATA = Path(__file__).parent / "data" / "gutenberg"
KINDS = (
    "exact",
    "wrong_page",
    "substituted",
    "near_word",
    "negation_added",
    "negation_dropped",
    "ellipsis_cut",
    "silent_cut",
    "truncation",
    "splice",
    "moved",
    "modernised",
    "fabrication",
)
W = WordingVerdict
FAITHFUL = {W.EXACT}
RIGHT: dict[str, set[WordingVerdict]] = {
    "exact": {W.EXACT},
    "wrong_page": {W.EXACT},
    "substituted": {W.ALTERED},
    "near_word": {W.ALTERED},
    "negation_added": {W.ALTERED},
    "negation_dropped": {W.ALTERED},
    "ellipsis_cut": {W.OMISSION},
    "silent_cut": {W.ALTERED},
    "truncation": {W.TRUNCATED},
    "splice": {W.SPLICED},
    "moved": {W.ALTERED},
    "modernised": {W.VARIANT},
    "fabrication": {W.NOT_FOUND},
}
"""Right wording verdicts on the clean text; on OCR text a faithful quotation may also be a variant."""
UNCHANGED = {"exact", "wrong_page"}
NEGATIONS = {"not", "never", "no", "nothing", "nor"}
AUXILIARIES = {
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "has",
    "have",
    "had",
    "does",
    "did",
    "may",
    "might",
}
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Messrs|Dr|St|Mme|Mlle|Rev|Capt|Col|Gen|Prof|No|Vol|vol|pp?|cf|viz|[A-Z])\.\s*$"
)
_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"'\u2019\u201d)]\s))[A-Z][^.!?]*[.!?](?=\s+[\"'\u2018\u201c(]?[A-Z]|\s*$)"
)
WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")


# --------------------------------------------------------------------------------------------
# The books
# --------------------------------------------------------------------------------------------

_ANCHOR = re.compile(
    r"<a\b[^>]*?\b(?:id|name)\s*=\s*[\"'][Pp]age_?([0-9]+|[ivxlcdmIVXLCDM]+)[\"'][^>]*>",
    re.IGNORECASE,
)
_PAGENUM = re.compile(
    r"<span[^>]*class\s*=\s*[\"'][^\"']*pagenum[^\"']*[\"'][^>]*>.*?</span>", re.S | re.I
)
_DROP = re.compile(r"<(script|style|head)\b.*?</\1>", re.S | re.I)
_BLOCK = re.compile(r"</?(p|div|h[1-6]|br|li|tr|blockquote|table|hr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Book:
    name: str
    title: str
    pages: tuple[Page, ...]


def load_book(path: Path) -> Book:
    """A Gutenberg HTML edition split at its page anchors; the text before the first anchor is dropped."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    charset = re.search(rb"charset=[\"']?([\w-]+)", raw[:3000])
    markup = raw.decode(charset.group(1).decode() if charset else "utf-8", errors="replace")
    title = re.search(r"Title:\s*([^\n<]+)", markup)
    start = re.search(r"\*\*\* ?START OF[^\n]*", markup)
    end = re.search(r"\*\*\* ?END OF", markup)
    body = markup[start.end() if start else 0 : end.start() if end else len(markup)]
    body = _DROP.sub("", body)
    body = _PAGENUM.sub(lambda m: "".join(a.group() for a in _ANCHOR.finditer(m.group())), body)
    pieces = _ANCHOR.split(body)
    pages: list[Page] = []
    seen: set[str] = set()
    for label, chunk in zip(pieces[1::2], pieces[2::2], strict=True):
        text = _html_text(chunk)
        if label in seen:
            # Both id and name anchors, or an index entry: keep the page once.
            if pages and text:
                pages[-1] = replace(pages[-1], text=f"{pages[-1].text}\n\n{text}".strip())
            continue
        seen.add(label)
        pages.append(Page(text, label, leaf=len(pages) + 1))
    name = path.name.split("-")[0]
    return Book(name, (title.group(1).strip() if title else name)[:60], tuple(pages))


def _html_text(chunk: str) -> str:
    text = _BLOCK.sub("\n\n", chunk)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


# --------------------------------------------------------------------------------------------
# The OCR noise model
# --------------------------------------------------------------------------------------------

CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("m", "rn"),
    ("rn", "m"),
    ("d", "cl"),
    ("cl", "d"),
    ("e", "c"),
    ("c", "e"),
    ("s", "a"),
    ("a", "s"),
    ("h", "li"),
    ("li", "h"),
    ("l", "1"),
    ("I", "l"),
    ("O", "0"),
    ("o", "0"),
    ("a", "o"),
    ("f", "t"),
    ("t", "f"),
    ("u", "n"),
    ("n", "u"),
    ("i", "l"),
)


@dataclass(frozen=True)
class Noise:
    letters: float = 0.02
    """Chance that a letter with a known confusion is misread."""
    broken: float = 0.004
    joined: float = 0.004
    hyphenate: float = 0.3
    """Chance that a long word at a line end is hyphenated there."""
    line: int = 62


def ocr_copy(book: Book, noise: Noise, rng: random.Random) -> Book:
    """The book as an OCR engine would read its scans: misread letters, line ends, running heads."""
    pages = []
    head = book.title.split(",")[0].split(" A ")[0].upper()[:40]
    for number, page in enumerate(book.pages):
        words = [_misread(w, noise, rng) for w in page.text.replace("\n\n", " \u00b6 ").split(" ")]
        words = _break_and_join(words, noise, rng)
        lines = _wrap(words, noise, rng)
        label = page.printed or ""
        running = f"{label}  {head}" if number % 2 else f"{head}  {label}"
        pages.append(replace(page, text=running + "\n" + "\n".join(lines), **_ocr_field()))
    return Book(book.name, book.title, tuple(pages))


def _ocr_field() -> dict[str, Any]:
    return {"ocr": True} if "ocr" in {f.name for f in fields(Page)} else {}


NOISE_COUNTS: Counter[str] = Counter()


def _misread(word: str, noise: Noise, rng: random.Random) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        for source, read in CONFUSIONS:
            if word.startswith(source, i) and rng.random() < noise.letters / 2:
                out.append(read)
                i += len(source)
                break
        else:
            out.append(word[i])
            i += 1
    read = "".join(out)
    NOISE_COUNTS["misread"] += read != word
    return read


def _break_and_join(words: list[str], noise: Noise, rng: random.Random) -> list[str]:
    out: list[str] = []
    for word in words:
        if len(word) >= 6 and rng.random() < noise.broken:
            cut = rng.randint(2, len(word) - 2)
            out += [word[:cut], word[cut:]]
            NOISE_COUNTS["broken"] += 1
        elif out and out[-1][-1:].isalpha() and word[:1].isalpha() and rng.random() < noise.joined:
            out[-1] += word
            NOISE_COUNTS["joined"] += 1
        else:
            out.append(word)
    return out


def _wrap(words: list[str], noise: Noise, rng: random.Random) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        if word == "\u00b6":
            # OCR text keeps paragraphs as blank lines, as the Internet Archive's djvu text does.
            lines += [current, ""]
            current = ""
            continue
        if current and len(current) + 1 + len(word) > noise.line:
            alpha = word.isalpha() and len(word) >= 6
            if alpha and rng.random() < noise.hyphenate:
                cut = rng.randint(3, len(word) - 3)
                lines.append(f"{current} {word[:cut]}-")
                NOISE_COUNTS["hyphenated"] += 1
                current = word[cut:]
                continue
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [line for line, after in zip(lines, [*lines[1:], "x"], strict=True) if line or after]


# --------------------------------------------------------------------------------------------
# Quotations of known truth
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    book: str
    kind: str
    text: str
    cited: str
    page_truth: PageVerdict | None
    """None where no page verdict is owed (a fabrication)."""


@dataclass(frozen=True)
class Sentence:
    text: str
    page: int
    words: int
    offset: int


def sentences(book: Book) -> list[Sentence]:
    """The book's sentences of plain prose, 12 to 60 words, with the page each starts on."""
    out: list[Sentence] = []
    offset = 0
    joined_parts: list[str] = []
    starts: list[int] = []
    for page in book.pages:
        starts.append(offset)
        joined_parts.append(page.text)
        offset += len(page.text) + 1
    text = "\n".join(joined_parts)
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        for match in _SENTENCE.finditer(paragraph.group()):
            raw = match.group()
            sentence = " ".join(raw.split())
            words = sentence.split()
            if not 12 <= len(words) <= 60:
                continue
            if re.search(r"[\[\]…\d{}|<>*_]|\.\.|[A-Z]{3,}", sentence):
                continue
            if sum(1 for w in words if WORD.fullmatch(w.strip(".,;:!?\"'()"))) < 0.9 * len(words):
                continue
            before = paragraph.group()[: match.start()]
            if _ABBREVIATION.search(before) or _ABBREVIATION.search(sentence):
                continue
            at = paragraph.start() + match.start()
            page = bisect_right(starts, at) - 1
            if book.pages[page].printed is None:
                continue
            out.append(Sentence(sentence, page, len(words), at))
    return out


def make_cases(
    books: Sequence[Book], per_kind: int, rng: random.Random, vocabulary: Sequence[str]
) -> list[Case]:
    """``per_kind`` quotations of every kind from every book."""
    cases: list[Case] = []
    all_sentences = {book.name: sentences(book) for book in books}
    for book in books:
        pool = all_sentences[book.name]
        if len(pool) < 50:
            continue
        others = [s for b in books if b.name != book.name for s in all_sentences[b.name]]
        for kind in KINDS:
            made = 0
            for _ in range(400):
                if made == per_kind:
                    break
                case = _make(
                    kind, book=book, pool=pool, others=others, rng=rng, vocabulary=vocabulary
                )
                if case is not None:
                    cases.append(case)
                    made += 1
    return cases


def _label(book: Book, page: int) -> str:
    return book.pages[page].printed or ""


def _make(
    kind: str,
    *,
    book: Book,
    pool: Sequence[Sentence],
    others: Sequence[Sentence],
    rng: random.Random,
    vocabulary: Sequence[str],
) -> Case | None:
    s = rng.choice(pool)
    words = s.text.split()
    cited = _label(book, s.page)
    as_cited = PageVerdict.AS_CITED

    def case(text: str, page_truth: PageVerdict | None = as_cited, at: str = cited) -> Case:
        return Case(book.name, kind, text, at, page_truth)

    if kind == "exact":
        return case(s.text)
    if kind == "wrong_page":
        shift = rng.choice((-6, -5, -4, -3, 3, 4, 5, 6))
        other = s.page + shift
        if not 0 <= other < len(book.pages) or not book.pages[other].printed:
            return None
        return case(s.text, PageVerdict.OTHER_PAGE, _label(book, other))
    if kind in ("substituted", "near_word"):
        spots = [i for i in range(2, len(words) - 2) if _plain(words[i]) and len(words[i]) >= 4]
        if not spots:
            return None
        i = rng.choice(spots)
        bare = _bare(words[i])
        if kind == "near_word":
            near = [v for v in vocabulary if v != bare.lower() and _near(v, bare.lower())]
            if not near:
                return None
            new = rng.choice(near)
        else:
            new = rng.choice([v for v in vocabulary if len(v) >= 4 and v[:2] != bare[:2].lower()])
        words[i] = words[i].replace(bare, new)
        return case(" ".join(words))
    if kind == "negation_added":
        spots = [i for i in range(1, len(words) - 2) if words[i].lower() in AUXILIARIES]
        if not spots:
            return None
        i = rng.choice(spots)
        words.insert(i + 1, "not")
        return case(" ".join(words))
    if kind == "negation_dropped":
        spots = [i for i in range(1, len(words) - 1) if words[i].lower() in NEGATIONS]
        if not spots:
            return None
        del words[rng.choice(spots)]
        return case(" ".join(words))
    if kind in ("ellipsis_cut", "silent_cut"):
        if len(words) < 20:
            return None
        i = rng.randint(5, len(words) - 12)
        j = i + rng.randint(4, 8)
        if kind == "ellipsis_cut":
            mark = rng.choice(("...", "\u2026", ". . ."))
            return case(" ".join([*words[:i], mark, *words[j:]]))
        return case(" ".join(words[:i] + words[j:]))
    if kind == "truncation":
        cut = rng.randint(4, 7)
        if len(words) < cut + 10:
            return None
        return case(" ".join(words[:-cut]).rstrip(",;:"))
    if kind == "splice":
        later = [t for t in pool if t.offset > s.offset + 6000 and t.page > s.page + 2]
        if not later:
            return None
        second = rng.choice(later[:200])
        return case(f"{s.text} {second.text}")
    if kind == "moved":
        if len(words) < 14:
            return None
        size = rng.randint(2, 3)
        i = rng.randint(3, len(words) - size - 4)
        phrase = words[i : i + size]
        if not all(_plain(w) for w in phrase):
            return None
        rest = words[:i] + words[i + size :]
        j = rng.choice([k for k in range(2, len(rest) - 2) if abs(k - i) >= 3] or [0])
        if j == 0:
            return None
        return case(" ".join(rest[:j] + phrase + rest[j:]))
    if kind == "modernised":
        spots = [(i, _respelt(_bare(w))) for i, w in enumerate(words)]
        spots = [(i, new) for i, new in spots if new]
        if not spots:
            return None
        i, new = rng.choice(spots)
        words[i] = words[i].replace(_bare(words[i]), new)
        return case(" ".join(words))
    if kind == "fabrication":
        return case(rng.choice(others).text, None)
    raise ValueError(kind)


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'()\u2018\u2019\u201c\u201d")


def _plain(word: str) -> bool:
    bare = _bare(word)
    return bare.isalpha() and bare.islower() and bare not in NEGATIONS | AUXILIARIES


def _near(a: str, b: str) -> bool:
    """Another ordinary word one or two letters away that is not the same word inflected."""
    if a[:3] != b[:3] or abs(len(a) - len(b)) > 2 or a.startswith(b) or b.startswith(a):
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=2) <= 2


@cache
def _spellings() -> dict[str, str]:
    """British spellings to American ones and back, from breame's lists."""
    from breame.data import spelling_constants  # type: ignore[import-untyped]

    return {
        **spelling_constants.AMERICAN_ENGLISH_SPELLINGS,
        **spelling_constants.BRITISH_ENGLISH_SPELLINGS,
    }


def _respelt(word: str) -> str | None:
    """The British or American spelling of ``word``, where the other one exists."""
    other = _spellings().get(word) if word.islower() else None
    return other if other and other != word else None


def ordinary_vocabulary(books: Sequence[Book]) -> list[str]:
    """Lower-case words of at least four letters that occur in the books at least five times."""
    counts: Counter[str] = Counter()
    for book in books:
        for page in book.pages:
            counts.update(w for w in WORD.findall(page.text) if w.islower() and len(w) >= 4)
    return sorted(w for w, n in counts.items() if n >= 5 and w.isalpha())


# --------------------------------------------------------------------------------------------
# Running and scoring
# --------------------------------------------------------------------------------------------


def citation(case: Case, number: int) -> Citation:
    quotation = Quotation(text=case.text, span=Span(0, len(case.text)), kind=QuotationKind.INLINE)
    locator = Locator(
        text=f"p. {case.cited}", span=Span(0, 0), kind=LocatorKind.PAGE, first=case.cited
    )
    return Citation(
        id=f"q{number}",
        quotation=quotation,
        locator=locator,
        attribution=Attribution(),
        confidence=1.0,
    )


def verify_all(cases: Sequence[Case], books: dict[str, Book]) -> list[Verification]:
    return [
        judge.verify_against_pages(citation(case, n), books[case.book].pages)
        for n, case in enumerate(cases)
    ]


def right_wording(case: Case, verdict: WordingVerdict, *, noisy: bool) -> bool:
    allowed = set(RIGHT[case.kind])
    if noisy and case.kind in UNCHANGED:
        allowed.add(W.VARIANT)
    return verdict in allowed


def report(
    title: str, cases: Sequence[Case], found: Sequence[Verification], *, noisy: bool
) -> None:
    columns = [v for v in WordingVerdict if any(f.wording is v for f in found)]
    print(f"\n{title}: {len(cases)} quotations")
    header = f"{'truth':<17}" + "".join(f"{c!s:>13}" for c in columns) + f"{'right':>8}"
    print(header)
    print("-" * len(header))
    right = page_right = page_total = changed_exact = moves = moved = 0
    for kind in KINDS:
        rows = [(c, f) for c, f in zip(cases, found, strict=True) if c.kind == kind]
        if not rows:
            continue
        counts = Counter(f.wording for _, f in rows)
        ok = sum(right_wording(c, f.wording, noisy=noisy) for c, f in rows)
        right += ok
        line = f"{kind:<17}" + "".join(f"{counts.get(c, 0):>13}" for c in columns)
        print(f"{line}{ok:>5}/{len(rows)}")
        for c, f in rows:
            if c.kind not in UNCHANGED and f.wording is W.EXACT:
                changed_exact += 1
            if c.page_truth is not None and f.wording is not W.NOT_FOUND:
                page_total += 1
                page_right += f.page is c.page_truth
            elif c.page_truth is not None:
                page_total += 1
            if c.kind == "moved":
                moved += 1
                moves += any("moved" in (ch.note or "") for ch in f.changes)
    print(f"wording right: {right}/{len(cases)} = {right / len(cases):.3f}")
    print(f"page right:    {page_right}/{page_total} = {page_right / max(page_total, 1):.3f}")
    print(f"changed quotations called exact: {changed_exact}")
    print(f"moved phrases reported as moves: {moves}/{moved}")


def wrong_examples(
    cases: Sequence[Case], found: Sequence[Verification], *, noisy: bool, n: int
) -> None:
    shown = 0
    for case, f in zip(cases, found, strict=True):
        wrong_page = (
            case.page_truth is not None
            and f.wording is not W.NOT_FOUND
            and f.page is not case.page_truth
        )
        if right_wording(case, f.wording, noisy=noisy) and not wrong_page:
            continue
        print(f"  [{case.kind}] {f.wording}/{f.page} p.{case.cited}: {case.text[:150]}")
        for note in (
            *[c.note or f"{c.kind} {c.document_words!r}/{c.source_words!r}" for c in f.changes],
            *f.notes,
        )[:4]:
            print(f"      - {note[:160]}")
        shown += 1
        if shown >= n:
            return


# --------------------------------------------------------------------------------------------
# Index builds: one per book, and kept between runs
# --------------------------------------------------------------------------------------------


def count_builds() -> tuple[Callable[[], int], Callable[[], None]]:
    """Counts calls of ``SourceIndex.build`` from now on; the second function stops counting."""
    original = SourceIndex.build.__func__  # type: ignore[attr-defined]
    calls = [0]

    def build(cls: type[SourceIndex], pages: Sequence[Page]) -> SourceIndex:
        calls[0] += 1
        return original(cls, pages)  # type: ignore[no-any-return]

    SourceIndex.build = classmethod(build)  # type: ignore[method-assign,assignment]
    return (lambda: calls[0]), lambda: setattr(SourceIndex, "build", classmethod(original))


def index_run(books: Sequence[Book], quotations: int, cache: Path | None) -> None:
    """One check of ``quotations`` quotations spread over the books, on 8 worker threads."""
    rng = random.Random(SEED + 7)
    pools = {b.name: sentences(b) for b in books}
    work = [(b, rng.choice(pools[b.name])) for b in books for _ in range(quotations // len(books))]
    rng.shuffle(work)
    store = _index_store(cache)
    loaded = time.perf_counter()
    _load_word_lists()
    print(
        f"word lists loaded before timing: {time.perf_counter() - loaded:.2f} s "
        "(the same in every run, and not part of the index stage)"
    )
    builds, stop = count_builds()
    started = time.perf_counter()

    def one(item: tuple[Book, Sentence]) -> Verification:
        book, s = item
        cite = citation(Case(book.name, "exact", s.text, _label(book, s.page), None), 0)
        index = store(book.pages) if store else None
        return judge.verify_against_pages(cite, book.pages, index=index)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, work))
    elapsed = time.perf_counter() - started
    stop()
    exact = sum(r.wording is W.EXACT for r in results)
    print(f"index builds: {builds()} for {len(books)} books")
    print(f"{len(work)} quotations on 8 threads: {elapsed:.2f} s ({exact} exact)")


def _load_word_lists() -> None:
    """Load the word-frequency lists the spelling rules use, where this version has them."""
    try:
        from citecheck.verify.spelling import zipf
    except ImportError:
        return
    zipf("the")
    # The collector's one pass over the lists' many objects is not part of the check: before timing.
    gc.collect()


def _index_store(cache: Path | None) -> Callable[[Sequence[Page]], SourceIndex] | None:
    """The index store of the verification stage, where this version of citecheck has one."""
    if cache is None:
        return None
    try:
        from citecheck.verify import IndexStore  # type: ignore[attr-defined]
    except ImportError:
        return None
    store = IndexStore(cache)
    return store.index  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DATA, help="folder of Gutenberg .htm(.gz) files"
    )
    parser.add_argument("--books", type=int, default=10)
    parser.add_argument("--per-kind", type=int, default=3, help="quotations of each kind per book")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of quotations and noise")
    parser.add_argument("--letters", type=float, default=0.02, help="OCR: share of letters misread")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong verdicts")
    parser.add_argument("--index-quotations", type=int, default=200)
    parser.add_argument(
        "--repeats", type=int, default=3, help="cold and warm runs of the index stage, each"
    )
    parser.add_argument("--index-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    paths = sorted(p for p in args.data.iterdir() if p.name.endswith((".htm", ".htm.gz", ".html")))
    books = [load_book(p) for p in paths[: args.books]]
    if args.index_only:
        index_run(books, args.index_quotations, args.cache)
        return
    if args.per_kind > 0:
        print(
            f"{len(books)} books, {sum(len(b.pages) for b in books)} pages, "
            f"{sum(len(p.text.split()) for b in books for p in b.pages)} words"
        )
        rng = random.Random(args.seed)
        cases = make_cases(books, args.per_kind, rng, ordinary_vocabulary(books))
        clean = {b.name: b for b in books}
        noise = Noise(letters=args.letters)
        noisy = {b.name: ocr_copy(b, noise, random.Random(args.seed + 1)) for b in books}
        total_words = sum(len(p.text.split()) for b in books for p in b.pages)
        misread = NOISE_COUNTS["misread"] / max(total_words, 1)
        started = time.perf_counter()
        found_clean = verify_all(cases, clean)
        found_noisy = verify_all(cases, noisy)
        elapsed = time.perf_counter() - started
        report("clean text (born digital)", cases, found_clean, noisy=False)
        if args.show:
            wrong_examples(cases, found_clean, noisy=False, n=args.show)
        report(
            f"OCR copies ({misread:.1%} of words misread, {NOISE_COUNTS['broken']} broken, "
            f"{NOISE_COUNTS['joined']} joined, {NOISE_COUNTS['hyphenated']} hyphenated at line "
            "ends, running heads)",
            cases,
            found_noisy,
            noisy=True,
        )
        if args.show:
            wrong_examples(cases, found_noisy, noisy=True, n=args.show)
        print(f"\n{2 * len(cases)} verifications in {elapsed:.1f} s")

    index_stage(args)
    user_stage(paths[: args.books], books, args.index_quotations, args.repeats)


def index_stage(args: argparse.Namespace) -> None:
    """The index stage in new processes: cold over a fresh cache, then warm over the same one."""
    print(
        f"\nIndex stage: a cold run, then a warm re-run in a new process with the same index cache;"
        f" {args.repeats} pair(s), each with a fresh cache"
    )
    command = [sys.executable, __file__, "--index-only", "--books", str(args.books)]
    command += ["--data", str(args.data), "--index-quotations", str(args.index_quotations)]
    checks: list[tuple[float, float]] = []
    processes: list[tuple[float, float]] = []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory() as cache:
            (cold, cold_out), (warm, warm_out) = (
                _timed([*command, "--cache", cache]) for _ in ("cold", "warm")
            )
        checks.append((_check_seconds(cold_out), _check_seconds(warm_out)))
        processes.append((cold, warm))
        builds = [_builds(cold_out), _builds(warm_out)]
        print(
            f"  cold: {builds[0]}, check {checks[-1][0]:.2f} s, process {cold:.2f} s;"
            f"  warm: {builds[1]}, check {checks[-1][1]:.2f} s, process {warm:.2f} s"
        )
    print(f"warm re-run / cold run, {_ratios(checks)} for the check (indexes and quotations)")
    print(
        f"warm re-run / cold run, {_ratios(processes)} for the whole process "
        "(with imports, reading the books' HTML and drawing the quotations)"
    )


def user_stage(paths: Sequence[Path], books: Sequence[Book], quotations: int, repeats: int) -> None:
    """What a user re-runs: ``citecheck check`` of a document quoting the books, given as
    ``--source`` files, offline, cold over a fresh cache and then warm over the same cache."""
    rng = random.Random(SEED + 11)
    lines = ["Notes on some books and what they say.", ""]
    for book in books:
        pool = [s for s in sentences(book) if not re.search('["“”]', s.text)]
        for s in rng.sample(pool, min(len(pool), quotations // len(books))):
            lines += [f'As the book has it, "{s.text}" (p. {_label(book, s.page)}).', ""]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources: list[str] = []
        for path in paths:
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            book_file = root / path.name.removesuffix(".gz")
            book_file.write_bytes(raw)
            sources += ["--source", str(book_file)]
        document = root / "notes.txt"
        document.write_text("\n".join(lines), encoding="utf-8")
        print(
            f"\nA user's re-run: citecheck check of a document of {len(lines) // 2 - 1} quotations"
            f" with the {len(paths)} books as --source files, offline; cold over a fresh cache,"
            f" then warm over the same cache; {repeats} pair(s)"
        )
        times: list[tuple[float, float]] = []
        for n in range(repeats):
            env = {**os.environ, "CITECHECK_CACHE_DIR": str(root / f"cache{n}")}
            verdicts = []
            pair = []
            for label in ("cold", "warm"):
                report = root / f"{label}{n}.json"
                command = [sys.executable, "-m", "citecheck", "check", str(document), *sources]
                command += ["--offline", "--format", "json", "-o", str(report), "-q"]
                pair.append(_timed(command, env=env, allowed=(0, 1))[0])
                found = json.loads(report.read_text(encoding="utf-8"))["verifications"]
                verdicts.append([(v["wording"], v["page"], v["found_pages"]) for v in found])
            times.append((pair[0], pair[1]))
            same = "the same verdicts" if verdicts[0] == verdicts[1] else "DIFFERENT verdicts"
            print(f"  cold {pair[0]:.2f} s, warm {pair[1]:.2f} s ({same})")
        print(f"warm re-run / cold run, {_ratios(times)} for the user's whole check")


def _timed(
    command: Sequence[str], *, env: dict[str, str] | None = None, allowed: tuple[int, ...] = (0,)
) -> tuple[float, str]:
    """The wall time and output of a command, which must end with one of the ``allowed`` codes."""
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode not in allowed:
        raise RuntimeError(f"{command[:4]} ended with {run.returncode}: {run.stderr[-2000:]}")
    return elapsed, run.stdout


def _check_seconds(output: str) -> float:
    timed = re.search(r"on 8 threads: ([\d.]+) s", output)
    return float(timed.group(1)) if timed else float("nan")


def _builds(output: str) -> str:
    found = re.search(r"index builds: \d+ for \d+ books", output)
    return found.group() if found else "index builds: ?"


def _ratios(pairs: Sequence[tuple[float, float]]) -> str:
    """The median of warm/cold over the repeats, with its range."""
    ratios = sorted(warm / cold for cold, warm in pairs)
    return (
        f"median of {len(ratios)}: {statistics.median(ratios):.2f}"
        f" (range {ratios[0]:.2f}-{ratios[-1]:.2f})"
    )


if __name__ == "__main__":
    main()
