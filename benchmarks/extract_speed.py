"""How fast extraction runs on a large talk-like document.

    python benchmarks/extract_speed.py            # 1 MB and 5 MB documents
    python benchmarks/extract_speed.py --mb 20    # also a 20 MB one

Builds the document from templates like the example talk (prose, block quotations over paragraphs
and page breaks, inline quotations with dates and occasions, titles, scare quotes, page locators,
secondhand references, footnote-style short forms, and now and then an unclosed quotation), then
prints words per second and the time per megabyte, after an untimed warm-up on a small document
(``WARM_UP_BYTES``).
"""

from __future__ import annotations

import argparse
import random
import time

from citecheck.extract import extract_citations

PEOPLE = [
    "Ian Grey",
    "Joseph E. Davies",
    "R.H. Bruce Lockhart",
    "Anna Louise Strong",
    "Henry C. Cassidy",
]
WORKS = [
    "Stalin - Man of History",
    "Mission to Moscow",
    "British Agent",
    "The Great Conspiracy",
    "My Life",
]
MONTHS = ["January", "March", "July", "November"]
PROSE = (
    "Collectivization was central to the first five year plan launched in 1929 and without it there "
    "could have been no assault on the backwardness of the economy. By the year 1928 the number of "
    "collective farms had risen from 14,830 to 33,258, involving a rise in membership of many peasant "
    "households. Stalin's critics and the workers' leaders of the '20s argued about the \"left\" phrases "
    "of the opposition, and the Party answered them in its own way."
)


def paragraph(rng: random.Random) -> str:
    """One paragraph of talk-like prose, with or without a quotation."""
    person = rng.choice(PEOPLE)
    surname = person.split()[-1]
    work = rng.choice(WORKS)
    page = rng.randint(1, 600)
    choice = rng.randrange(9)
    if choice == 0:
        return (
            f'{PROSE} {person} in his book *"{work}"* wrote:-\n\n'
            f'"The redistribution of industry led to the development of a second coal and steel industry '
            f"in the Urals, housing the workers who were building the\n\nfurnaces and rolling mills.... "
            f'Kuznetsk grew into a great [industrial] city." (page {page})'
        )
    if choice == 1:
        return (
            f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}th, 19{rng.randint(20, 53)}, in a Radio address "
            f'to the Soviet People, Stalin said that "the collective farms must drive off all their cattle '
            f'and turn over their grain to the state" and more. {PROSE}'
        )
    if choice == 2:
        return (
            f"{PROSE} According to {surname}'s memoirs he recorded in his diary:\n\n\"He strikes me as a man "
            f'who would willingly die fighting for Russia" (quoted in The Great Conspiracy pg{page})'
        )
    if choice == 3:
        return f'{PROSE} Later {surname} writes that "{PROSE[:120]}" ({surname} 1979: {page}).'
    if choice == 4:
        return f'{PROSE} He said that "this quotation runs on and is never closed by its author.'
    if choice == 5:
        return f'{PROSE} As {surname} put it, "the trials were part of a determined effort" (ibid., p. {page}).'
    return PROSE


def build_document(target_bytes: int, seed: int = 1994) -> str:
    """Paragraphs until the text is at least ``target_bytes`` long."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        part = paragraph(rng)
        parts.append(part)
        size += len(part.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


WARM_UP_BYTES = 20_000
"""A small document extracted first, untimed: word lists that extraction loads on first use
(the dictionary that tells a capitalised common word from a name) are then loaded, so the
figure is the time the extraction itself takes, as for every document of a batch but the first,
and compares with versions that loaded those lists on import."""


def measure(megabytes: float) -> None:
    """Extract a generated document of the given size and print the figures."""
    extract_citations(build_document(WARM_UP_BYTES, seed=1), name="warm-up")
    text = build_document(int(megabytes * 1_000_000))
    words = len(text.split())
    start = time.perf_counter()
    extraction = extract_citations(text, name=f"generated-{megabytes:g}MB")
    elapsed = time.perf_counter() - start
    per_mb = elapsed / (len(text.encode("utf-8")) / 1_000_000)
    print(
        f"{megabytes:>5g} MB  {words:>10,} words  {len(extraction.citations):>7,} quotations  "
        f"{len(extraction.problems):>6,} problems  {elapsed:7.2f} s  {words / elapsed:>12,.0f} words/s  "
        f"{per_mb:5.2f} s per MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mb", type=float, action="append", help="document size in MB (repeatable)"
    )
    args = parser.parse_args()
    for size in args.mb or [1.0, 5.0]:
        measure(size)


if __name__ == "__main__":
    main()
