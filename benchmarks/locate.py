"""How fast and how well citecheck.verify.locate finds quotations in a long noisy book, against difflib.

Builds a text of 1,000,000 words (pages of about 400 words, printed labels i..xii then 1, 2, ...;
Zipf-distributed made-up words), an OCR-noisy copy of it (a share of the words with one OCR
substitution, line-break hyphenation) and 100 quotations of 30 to 120 words taken from the clean
text, with omissions at ellipses and a few altered words. Twenty decoy quotations that are not in
the book check that nothing is found where nothing is. Prints quotations located per second, peak
memory, localisation precision and recall, page accuracy, and the same for a difflib window scan.

Run: python benchmarks/locate.py            (about a minute; the baseline runs on a subset)
     python benchmarks/locate.py --words 200000 --baseline 5   (quicker)
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import re
import resource
import sys
import time
import tracemalloc
from bisect import bisect_right
from dataclasses import dataclass

from citecheck.model import Attribution, Citation, Page, Quotation, QuotationKind, Span
from citecheck.verify.judge import verify_against_pages
from citecheck.verify.locate import SourceIndex, locate
from citecheck.verify.spelling import zipf

SEED = 20251129
WORDS_PER_PAGE = 400
WORDS_PER_LINE = 11
FRONT_MATTER_PAGES = 12
OCR_CONFUSIONS = (
    ("m", "rn"),
    ("rn", "m"),
    ("e", "c"),
    ("c", "e"),
    ("l", "1"),
    ("i", "l"),
    ("o", "0"),
    ("h", "b"),
    ("n", "u"),
    ("u", "n"),
    ("t", "f"),
    ("a", "o"),
    ("s", "f"),
)
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "was",
    "he",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
]


@dataclass(frozen=True)
class Book:
    pages: list[Page]
    word_starts: list[int]
    """Offset of each word in the joined text ("\\n" between pages), for scoring."""
    page_starts: list[int]


@dataclass(frozen=True)
class Quote:
    text: str
    first_word: int
    last_word: int
    decoy: bool = False


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        word += rng.choice(("", "", "n", "s", "r", "t", "nd"))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_words(rng: random.Random, vocabulary: list[str], count: int) -> list[str]:
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))]
    return rng.choices(vocabulary, weights=weights, k=count)


def roman(value: int) -> str:
    out = ""
    for amount, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= amount:
            out += numeral
            value -= amount
    return out


def ocr_noise(rng: random.Random, word: str) -> str:
    options = [(a, b) for a, b in OCR_CONFUSIONS if a in word]
    if not options:
        return word
    a, b = rng.choice(options)
    at = rng.choice([m.start() for m in re.finditer(re.escape(a), word)])
    return word[:at] + b + word[at + len(a) :]


def typeset(
    rng: random.Random, words: list[str], *, noise: float, hyphenate: bool
) -> tuple[Book, list[str]]:
    """Pages of text with sentences, paragraphs and lines; returns the book and its surface words."""
    pages: list[Page] = []
    word_starts: list[int] = []
    page_starts: list[int] = []
    surface: list[str] = []
    offset = 0
    sentence_left = 0
    paragraph_left = rng.randint(3, 8)
    for page_number, first in enumerate(range(0, len(words), WORDS_PER_PAGE)):
        chunk = words[first : first + WORDS_PER_PAGE]
        parts: list[str] = []
        length = 0
        for k, plain in enumerate(chunk):
            word = plain
            if sentence_left == 0:
                word = word.capitalize()
                sentence_left = rng.randint(8, 30)
            if rng.random() < noise:
                word = ocr_noise(rng, word)
            sentence_left -= 1
            tail = ""
            if sentence_left == 0:
                tail = "."
                paragraph_left -= 1
            elif rng.random() < 0.06:
                tail = ","
            surface.append(word)
            if parts:
                end_of_line = k % WORDS_PER_LINE == 0
                separator = "\n" if end_of_line else " "
                if parts[-1].endswith(".") and paragraph_left == 0:
                    separator = "\n\n"
                    paragraph_left = rng.randint(3, 8)
                previous = parts[-1]
                if end_of_line and hyphenate and len(previous) >= 7 and previous[-1].isalpha():
                    cut = len(previous) // 2
                    parts[-1] = previous[:cut] + "-\n" + previous[cut:]
                    length += 2
                    separator = " "
                parts.append(separator)
                length += len(separator)
            word_starts.append(offset + length)
            parts.append(word + tail)
            length += len(word) + len(tail)
        text = "".join(parts)
        label = (
            roman(page_number + 1)
            if page_number < FRONT_MATTER_PAGES
            else str(page_number - FRONT_MATTER_PAGES + 1)
        )
        page_starts.append(offset)
        # The noisy copy stands for a scan's OCR text, and says so (citecheck.verify.spelling).
        pages.append(Page(text, label, leaf=page_number + 1, ocr=noise > 0))
        offset += len(text) + 1
    return Book(pages, word_starts, page_starts), surface


def make_quotes(
    rng: random.Random, words: list[str], vocabulary: list[str], count: int
) -> list[Quote]:
    quotes: list[Quote] = []
    for _ in range(count):
        length = rng.randint(30, 120)
        first = rng.randrange(0, len(words) - length)
        chosen = list(words[first : first + length])
        if rng.random() < 0.3:
            cut = rng.randint(8, length - 14)
            gap = rng.randint(3, min(20, length - cut - 6))
            chosen = [*chosen[:cut], "...", *chosen[cut + gap :]]
        if rng.random() < 0.2:
            for _ in range(rng.randint(1, 2)):
                at = rng.randrange(1, len(chosen) - 1)
                if chosen[at] != "...":
                    chosen[at] = rng.choice(("not", rng.choice(vocabulary[200:])))
        quotes.append(Quote(" ".join(chosen), first, first + length))
    for _ in range(count // 5):
        length = rng.randint(30, 120)
        decoy = make_words(rng, vocabulary, length)
        quotes.append(Quote(" ".join(decoy), -1, -1, decoy=True))
    return quotes


@dataclass
class Score:
    located: int = 0
    correct: int = 0
    page_correct: int = 0
    decoys_located: int = 0
    decoys_searched: int = 0
    positives: int = 0
    seconds: float = 0.0

    def line(self, name: str) -> str:
        precision = self.correct / self.located if self.located else 0.0
        recall = self.correct / self.positives if self.positives else 0.0
        pages = self.page_correct / self.correct if self.correct else 0.0
        searched = self.positives + self.decoys_searched
        rate = searched / self.seconds if self.seconds else 0.0
        return (
            f"{name:<34} {rate:>10.1f} q/s  precision {precision:.3f}  recall {recall:.3f}  "
            f"pages {pages:.3f}  decoys located {self.decoys_located}"
        )


def truth_span(book: Book, quote: Quote, surface: list[str]) -> tuple[int, int]:
    last = quote.last_word - 1
    return book.word_starts[quote.first_word], book.word_starts[last] + len(surface[last])


def score_one(
    score: Score, book: Book, quote: Quote, surface: list[str], span: tuple[int, int] | None
) -> None:
    if quote.decoy:
        score.decoys_searched += 1
        score.decoys_located += span is not None
        return
    score.positives += 1
    if span is None:
        return
    score.located += 1
    lo, hi = truth_span(book, quote, surface)
    overlap = max(0, min(hi, span[1]) - max(lo, span[0]))
    if overlap >= 0.5 * (hi - lo) and overlap >= 0.5 * (span[1] - span[0]):
        score.correct += 1
        page_of = book.pages[bisect_right(book.page_starts, span[0]) - 1].printed
        truth = book.pages[bisect_right(book.page_starts, lo) - 1].printed
        score.page_correct += page_of == truth


def run_citecheck(book: Book, quotes: list[Quote], surface: list[str]) -> tuple[Score, float]:
    started = time.perf_counter()
    index = SourceIndex.build(book.pages)
    built = time.perf_counter() - started
    score = Score()
    spans: list[tuple[int, int] | None] = []
    started = time.perf_counter()
    for quote in quotes:
        alignment = locate(quote.text, index)
        found = alignment.found if alignment else ()
        spans.append((found[0].start, found[-1].end) if found else None)
    score.seconds = time.perf_counter() - started
    for quote, span in zip(quotes, spans, strict=True):
        score_one(score, book, quote, surface, span)
    return score, built


def verify_all(book: Book, quotes: list[Quote]) -> float:
    """Seconds to verify every quotation, once the book's index is built and cached."""
    verify_against_pages(make_citation(quotes[0].text), book.pages)
    started = time.perf_counter()
    for quote in quotes:
        verify_against_pages(make_citation(quote.text), book.pages)
    return time.perf_counter() - started


def make_citation(text: str) -> Citation:
    quotation = Quotation(text=text, span=Span(0, len(text)), kind=QuotationKind.BLOCK)
    return Citation("q", quotation, None, Attribution(), 1.0)


_WORD = re.compile(r"\w+")


def run_difflib(
    book: Book, quotes: list[Quote], surface: list[str], subset: int
) -> tuple[Score, int]:
    """A straightforward search: slide a window over the words, keep the best SequenceMatcher ratio."""
    text = "\n".join(p.text for p in book.pages)
    matches = list(_WORD.finditer(text))
    words = [m.group().lower() for m in matches]
    positives = [q for q in quotes if not q.decoy][:subset]
    score = Score()
    started = time.perf_counter()
    for quote in positives:
        needle = [w.lower() for w in _WORD.findall(quote.text)]
        size = len(needle)
        step = max(1, size // 4)
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(needle)
        best, best_at = 0.0, -1
        for at in range(0, len(words) - size, step):
            matcher.set_seq1(words[at : at + size])
            if matcher.quick_ratio() > best and matcher.ratio() > best:
                best, best_at = matcher.ratio(), at
        span = None
        if best >= 0.5:
            span = (matches[best_at].start(), matches[best_at + size - 1].end())
        score_one(score, book, quote, surface, span)
    score.seconds = time.perf_counter() - started
    return score, len(positives)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--quotes", type=int, default=100)
    parser.add_argument(
        "--noise", type=float, default=0.05, help="share of words with an OCR error"
    )
    parser.add_argument("--baseline", type=int, default=5, help="quotations for the difflib scan")
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    vocabulary = make_vocabulary(rng, 40_000)
    words = make_words(rng, vocabulary, args.words)
    clean, clean_surface = typeset(random.Random(SEED + 1), words, noise=0.0, hyphenate=False)
    noisy, noisy_surface = typeset(random.Random(SEED + 1), words, noise=args.noise, hyphenate=True)
    quotes = make_quotes(rng, clean_surface, vocabulary, args.quotes)
    print(
        f"text: {args.words:,} words on {len(noisy.pages):,} pages; {args.quotes} quotations of "
        f"30-120 words (30% with an omission at an ellipsis, 20% with 1-2 altered words) "
        f"and {args.quotes // 5} decoys; seed {SEED}"
    )
    print(f"noisy copy: {args.noise:.0%} of words with an OCR substitution, line-break hyphenation")
    print()

    started = time.perf_counter()
    zipf("the")
    # The collector's one pass over the lists' many objects is not searching: done before timing.
    gc.collect()
    print(f"word-frequency lists loaded before timing: {time.perf_counter() - started:.2f} s, once")
    noisy_score, noisy_build = run_citecheck(noisy, quotes, noisy_surface)
    clean_score, clean_build = run_citecheck(clean, quotes, clean_surface)
    print(
        f"index build: {noisy_build:.2f} s (noisy text), {clean_build:.2f} s (clean text), once per book"
    )
    print(noisy_score.line("citecheck.verify.locate, noisy text"))
    print(clean_score.line("citecheck.verify.locate, clean text"))
    print(
        f"{len(quotes)} searches ({args.quotes} quotations + {len(quotes) - args.quotes} decoys) "
        f"in {noisy_score.seconds:.3f} s (noisy) and {clean_score.seconds:.3f} s (clean), one core"
    )

    verify_seconds = verify_all(noisy, quotes)
    print(
        f"full verification (verify_against_pages: wording, pages, context) of the {len(quotes)} "
        f"quotations and decoys: {verify_seconds:.3f} s, index cached"
    )

    tracemalloc.start()
    run_citecheck(noisy, quotes[:10], noisy_surface)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory of index + search (tracemalloc): {peak / 2**20:.0f} MiB; process max RSS {rss:.0f} MiB"
    )
    print()

    base, measured = run_difflib(noisy, quotes, noisy_surface, args.baseline)
    print(base.line(f"difflib window scan ({measured} quotes)"))
    per_quote = base.seconds / measured if measured else 0.0
    print(
        f"difflib: {per_quote:.2f} s per quotation, measured on {measured} of {args.quotes} "
        f"(extrapolated to all: {per_quote * args.quotes:.0f} s)"
    )
    if per_quote and noisy_score.seconds:
        ours = noisy_score.seconds / len(quotes)
        print(f"speed-up over difflib: {per_quote / ours:,.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
