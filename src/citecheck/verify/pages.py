"""The page verdict: where the passage is in the edition against where the document says it is.

Pages are compared by their printed labels, never by scan leaf; Roman front matter and Arabic
pages are kept apart. An impossible page (beyond the page count, or past the last label of its
kind) takes precedence over where the passage was found, which is still reported.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import Citation, Page, PageVerdict, page_label_to_int, roman_to_int

__all__ = ["cited_pages", "labels_between", "page_phrase", "page_verdict", "pages_phrase"]


def cited_pages(citation: Citation) -> tuple[str | None, str | None]:
    """The first and last page the citation names, or (None, None)."""
    locator = citation.locator
    if locator is None or not locator.first:
        return None, None
    return locator.first, locator.last or locator.first


def labels_between(pages: Sequence[Page], first: str | None, last: str | None) -> tuple[str, ...]:
    """The printed labels of the cited page or range, as the edition prints them."""
    if first is None:
        return ()
    if last is None or _same_label(first, last):
        return (first,)
    labels = [p.printed for p in pages if p.printed]
    folded = [label.strip().casefold() for label in labels]
    lo, hi = first.strip().casefold(), last.strip().casefold()
    if lo in folded and hi in folded and folded.index(lo) <= folded.index(hi):
        return tuple(labels[folded.index(lo) : folded.index(hi) + 1])
    return (first, last)


def page_verdict(
    cited_first: str | None,
    cited_last: str | None,
    found_pages: Sequence[str],
    pages: Sequence[Page],
    page_count: int | None,
    *,
    snippets: bool = False,
) -> tuple[PageVerdict, list[str]]:
    """The page verdict for a passage found on ``found_pages``, with notes saying why."""
    where = f"; the passage is on {pages_phrase(found_pages)}" if found_pages else ""
    if cited_first is None:
        return PageVerdict.UNKNOWN, [f"the document gives no page{where}"] if found_pages else []
    impossible = None if snippets else _impossible_page(cited_first, pages, page_count)
    if impossible:
        return PageVerdict.IMPOSSIBLE, [impossible + where]
    if not found_pages:
        return PageVerdict.UNKNOWN, []
    cited_last = cited_last or cited_first
    if _same_label(found_pages[0], cited_first):
        return PageVerdict.AS_CITED, []
    first_n, last_n = _label_number(cited_first), _label_number(cited_last)
    numbers = [_label_number(label) for label in found_pages]
    same_kind = all(n and n[1] == first_n[1] for n in numbers) if first_n else False
    if (
        first_n
        and last_n
        and same_kind
        and all(first_n[0] <= n[0] <= last_n[0] for n in numbers if n)
    ):
        return PageVerdict.AS_CITED, []
    if any(_same_label(label, cited_first) for label in found_pages):
        return PageVerdict.ADJACENT, [
            f"the passage begins on p. {found_pages[0]} and runs onto the cited p. {cited_first}"
        ]
    if first_n and any(n and n[1] == first_n[1] and abs(n[0] - first_n[0]) == 1 for n in numbers):
        return PageVerdict.ADJACENT, [f"off by one page{where}"]
    return PageVerdict.OTHER_PAGE, [f"not on the cited p. {cited_first}{where}"]


def _impossible_page(cited: str, pages: Sequence[Page], page_count: int | None) -> str | None:
    number = _label_number(cited)
    if number is None:
        return None
    value, roman = number
    if page_count and not roman and value > page_count:
        return f"p. {cited} cannot exist in this edition of {page_count} pages"
    labels = [p.printed for p in pages if p.printed]
    if not labels or any(_same_label(label, cited) for label in labels):
        return None
    same_kind = [n[0] for n in map(_label_number, labels) if n and n[1] == roman]
    if same_kind and value > max(same_kind):
        last = max(same_kind)
        shown = _int_to_roman(last) if roman else str(last)
        return f"no page is labelled {cited} in this edition (its last is {shown})"
    return None


def _label_number(label: str) -> tuple[int, bool] | None:
    """A page label's value and whether it is Roman."""
    stripped = label.strip()
    value = page_label_to_int(stripped)
    if value is None:
        return None
    return value, not stripped.isdigit() and roman_to_int(stripped) is not None


def _same_label(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _int_to_roman(value: int) -> str:
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    out = []
    for amount, numeral in numerals:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)


def pages_phrase(labels: Sequence[str]) -> str:
    """``p. 12`` or ``pp. 12, 13``."""
    if len(labels) == 1:
        return f"p. {labels[0]}"
    return "pp. " + ", ".join(labels)


def page_phrase(label: str | None) -> str:
    """`` (p. 12)``, or nothing without a label."""
    return f" (p. {label})" if label else ""
