"""The bibliography (.bib) and how a document's words tie a quotation to one of its entries.

Reading keeps what it can: a malformed entry, a duplicate key or a name that cannot be split
becomes a ``Problem`` with its line, and every other entry is kept (bibtexparser v2 keeps what it
cannot parse as failed blocks). Only a file that cannot be read at all raises ``InputError``.

Linking (``link_work``) compares the document's words with the entries, strongest evidence first:

1. a title or alternative title (``alttitle``) that fits, normalised ("Stalin - Man of History"
   fits "Stalin: Man of History"; the subtitle is optional), preferring entries whose author
   also fits;
2. otherwise the speaker's surname; when the author wrote several entries (Stalin's speeches,
   articles, letters), the words of the work or occasion and the date choose among them;
3. otherwise no link, with the reason.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    Field,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)
from rapidfuzz import fuzz

from citecheck.encoding import DecodedText, decode_guessing
from citecheck.errors import InputError
from citecheck.model import (
    BibEntry,
    BibLink,
    BibMatchKind,
    Identifiers,
    Problem,
    Severity,
)

__all__ = [
    "Bibliography",
    "link_work",
    "load_bibliography",
    "normalise_title",
    "parse_bibliography",
]

# A normalised title fits when it is this similar (rapidfuzz ratio, 0..100) to an entry's.
TITLE_FIT = 88.0

# Fields whose text is prose (LaTeX decoded); identifiers and URLs are kept exactly as written.
_TEXT_FIELDS = frozenset(
    {
        "author",
        "editor",
        "translator",
        "title",
        "subtitle",
        "booktitle",
        "journal",
        "journaltitle",
        "publisher",
        "address",
        "location",
        "edition",
        "series",
        "note",
        "howpublished",
        "alttitle",
        "origtitle",
        "eventtitle",
        "venue",
        "institution",
        "organization",
        "type",
        "entrysubtype",
        "addendum",
    }
)
_NAME_FIELDS = frozenset({"author", "editor"})
_IDENTIFIER_FIELDS = {
    "isbn": "isbn",
    "oclc": "oclc",
    "lccn": "lccn",
    "openlibrary": "openlibrary",
    "internetarchive": "internetarchive",
    "ia": "internetarchive",
    "hathitrust": "hathitrust",
    "googlebooks": "googlebooks",
    "doi": "doi",
}
_LATEX = LatexDecodingMiddleware()

# bibtexparser logs each malformed block with 0-based line numbers; without a handler Python
# prints that to stderr. The Problems below say the same with 1-based lines, so keep it quiet
# unless the application configures logging (records still propagate to its handlers).
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


# --------------------------------------------------------------------------------------------
# The bibliography
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bibliography:
    """The entries of a .bib file, and what was wrong with it."""

    entries: tuple[BibEntry, ...]
    problems: tuple[Problem, ...] = ()
    path: str = "<bib>"

    def get(self, key: str) -> BibEntry | None:
        """The entry with this key (exact, else case-insensitive as in BibTeX), or None."""
        exact = next((e for e in self.entries if e.key == key), None)
        if exact is not None:
            return exact
        folded = key.casefold()
        return next((e for e in self.entries if e.key.casefold() == folded), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entries)

    def __iter__(self) -> Iterator[BibEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def load_bibliography(path: str | Path) -> Bibliography:
    """Read a .bib file; InputError only if it cannot be read at all."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file", path=name)
    if p.is_dir():
        raise InputError("is a directory, not a .bib file", path=name)
    try:
        data = p.read_bytes()
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", path=name) from error
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not a .bib file", path=name)
    text, problems = _decode(data, name)
    bibliography = parse_bibliography(text, name=name)
    return Bibliography(
        entries=bibliography.entries,
        problems=(*problems, *bibliography.problems),
        path=name,
    )


def _decode(data: bytes, name: str) -> tuple[str, tuple[Problem, ...]]:
    """The file's text: UTF-8 (with or without BOM), else the detected encoding, said so."""
    decoded = decode_bib(data)
    if not decoded.detected:
        return decoded.text, ()
    line: int | None = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    problem = Problem(
        f"not UTF-8 (first invalid byte on this line); read as {decoded.encoding}: "
        "check accented letters, and save the file as UTF-8",
        source=name,
        line=line,
    )
    return decoded.text, (problem,)


def decode_bib(data: bytes) -> DecodedText:
    """A .bib file's text and encoding; one that no code page reads is taken as Latin-1."""
    return decode_guessing(data) or DecodedText(data.decode("latin-1"), "latin-1", detected=True)


def parse_bibliography(text: str, *, name: str = "<bib>") -> Bibliography:
    """Parse .bib text; malformed blocks become Problems with their line, the rest is kept."""
    library = parse_string(text)
    problems: list[Problem] = []
    entries: list[BibEntry] = []
    first_line = {e.key: _line(e.start_line) for e in library.entries}
    for block in library.failed_blocks:
        problems.append(_failed_block_problem(block, text, name, first_line))
    strings = {block.key.lower(): str(block.value) for block in library.strings}
    for entry in library.entries:
        bib_entry, entry_problems = _bib_entry(entry, name, strings)
        entries.append(bib_entry)
        problems.extend(entry_problems)
    if not entries and not problems:
        problems.append(Problem("no entries found", source=name, severity=Severity.WARNING))
    problems.sort(key=lambda p: p.line or 0)
    return Bibliography(entries=tuple(entries), problems=tuple(problems), path=name)


def _line(start_line: int | None) -> int | None:
    # bibtexparser counts lines from 0.
    return None if start_line is None else start_line + 1


def _failed_block_problem(
    block: ParsingFailedBlock, text: str, name: str, first_line: dict[str, int | None]
) -> Problem:
    line = _line(block.start_line)
    if isinstance(block, DuplicateBlockKeyBlock):
        key = block.key
        where = f" (first on line {first_line[key]})" if first_line.get(key) else ""
        return Problem(
            f"duplicate key {key!r}{where}: this later entry is ignored",
            source=name,
            line=line,
        )
    head = _block_head(block.raw or "")
    if isinstance(block, MiddlewareErrorBlock):
        return Problem(f"{head} could not be read: {block.error}", source=name, line=line)
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
    end_index = getattr(block.error, "end_index", None)
    stop = ""
    if isinstance(end_index, int):
        stop = f", noticed on line {text.count(chr(10), 0, end_index) + 1}"
    return Problem(
        f"{head} is malformed and was skipped ({_sentence(reason)}{stop}); "
        "look for an unbalanced brace or quote, or a missing comma",
        source=name,
        line=line,
        severity=Severity.ERROR,
    )


def _block_head(raw: str) -> str:
    m = re.match(r"\s*@(\w+)\s*[{(]\s*([^,\s={}()]*)", raw)
    if not m:
        return "a block"
    return f"entry {m.group(2)!r} (@{m.group(1).lower()})" if m.group(2) else f"an @{m.group(1)}"


def _sentence(reason: str) -> str:
    one_line = " ".join(reason.split())
    return one_line[:1].lower() + one_line[1:].rstrip(".")


def _bib_entry(
    entry: Entry, name: str, strings: dict[str, str] | None = None
) -> tuple[BibEntry, list[Problem]]:
    line = _line(entry.start_line)
    problems: list[Problem] = []
    where = f"entry {entry.key!r}"
    values: list[tuple[str, str]] = []
    raw_names: dict[str, str] = {}
    raw_fields = [(f.key, _as_written(f, strings or {})) for f in entry.fields]
    for f in (*entry.fields, *_carried_fields(entry, raw_fields)):
        key = f.key.lower()
        raw = str(f.value).strip()
        if "#" in raw and getattr(f, "enclosing", None) == "no-enclosing":
            raw = _concatenated(raw, strings or {})
        if key in _NAME_FIELDS:
            # Split names before decoding: braces group a name ("{Associated Press}").
            raw_names.setdefault(key, raw)
        if key in _TEXT_FIELDS:
            decoded = _decode_latex(raw)
            if decoded is None:
                problems.append(
                    Problem(
                        f"{where}: field {key!r} has LaTeX that cannot be read; kept as written",
                        source=name,
                        line=_line(f.start_line) or line,
                    )
                )
                decoded = _strip_braces(raw)
            values.append((key, " ".join(decoded.split())))
        else:
            values.append((key, raw))
    fields = tuple(values)
    text = dict(reversed(fields))  # the first occurrence of a field wins, as in BibTeX

    authors, name_problems = _authors(raw_names.get("author", ""), where)
    if not authors and "editor" in raw_names:
        authors, name_problems = _authors(raw_names["editor"], where)
    problems.extend(Problem(m, source=name, line=line) for m in name_problems)

    title = text.get("title", "")
    if text.get("subtitle"):
        title = f"{title}: {text['subtitle']}"
    if not title:
        problems.append(Problem(f"{where} has no title", source=name, line=line))

    year, year_problem = _year(text)
    if year_problem:
        problems.append(Problem(f"{where}: {year_problem}", source=name, line=line))

    return (
        BibEntry(
            key=entry.key,
            entry_type=entry.entry_type.lower(),
            title=title,
            authors=authors,
            year=year,
            alternative_titles=_alternative_titles(text.get("alttitle", "")),
            publisher=text.get("publisher") or text.get("institution") or None,
            place=text.get("address") or text.get("location") or None,
            url=text.get("url") or None,
            identifiers=_identifiers(fields),
            fields=fields,
            line=line,
            raw_fields=tuple(raw_fields),
        ),
        problems,
    )


CARRIED_FIELD = re.compile(r"^field (?P<name>[A-Za-z][\w-]*) = (?P<value>\{.*\})\s*$")
"""A line of ``annote`` carrying a field biblatex's data model lacks (``field alttitle = {…}``):
citecheck's BibTeX export moves such fields there so that biber accepts the file."""


def _as_written(f: Field, strings: dict[str, str]) -> str:
    """A field's value as the file writes it: ``{braced}``, or a bare month macro or number.

    A concatenation (``ss # { 1941}``) is written out resolved: the ``@string`` it names does
    not travel with the entry."""
    value = str(f.value)
    if getattr(f, "enclosing", None) != "no-enclosing":
        return "{" + value + "}"
    if value.lower() in _MONTHS or value.isdigit():
        return value
    return "{" + _concatenated(value, strings) + "}"


def _concatenated(value: str, strings: dict[str, str]) -> str:
    """``ss # { 1941}`` as one text, with ``@string`` and month macros resolved."""
    parts = re.findall(r'\{(?:[^{}]|\{[^{}]*\})*\}|"[^"]*"|[^\s#]+', value)
    text = []
    for part in parts:
        if part[0] in '{"':
            text.append(part[1:-1])
        elif part.lower() in strings:
            text.append(strings[part.lower()])
        elif part.lower() in _MONTHS:
            text.append(_MONTH_NAMES[_MONTHS[part.lower()] - 1])
        else:
            text.append(part)
    return "".join(text)


def _carried_fields(entry: Entry, raw_fields: list[tuple[str, str]]) -> list[Field]:
    """The fields citecheck's export carried in ``annote``, unless the entry has them itself."""
    present = {name.lower() for name, _ in raw_fields}
    carried: list[Field] = []
    for f in entry.fields:
        if f.key.lower() not in ("annote", "annotation"):
            continue
        for line in str(f.value).splitlines():
            match = CARRIED_FIELD.match(line.strip())
            if match and match["name"].lower() not in present:
                present.add(match["name"].lower())
                raw_fields.append((match["name"], match["value"]))
                carried.append(Field(match["name"], match["value"][1:-1]))
    return carried


def latex_to_text(value: str) -> str:
    """A BibTeX value's LaTeX as plain text (accents, escapes), braces removed."""
    decoded = _decode_latex(value)
    return decoded if decoded is not None else _strip_braces(value)


def _decode_latex(value: str) -> str | None:
    if "\\" not in value and "{" not in value and "$" not in value and "~" not in value:
        return value
    # "%" starts a comment in LaTeX but is a literal character in a BibTeX field.
    value = re.sub(r"(?<!\\)%", r"\\%", value)
    probe = Entry("misc", "probe", [Field("value", value)])
    result = _LATEX.transform_entry(probe, Library())
    if isinstance(result, MiddlewareErrorBlock) or not isinstance(result, Entry):
        return None
    return _strip_braces(str(result["value"]))


def _strip_braces(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def _authors(value: str, where: str) -> tuple[tuple[str, ...], list[str]]:
    """Names as "Last, First"; a name that cannot be split is kept whole, with a problem."""
    if not value.strip():
        return (), []
    names: list[str] = []
    problems: list[str] = []
    for person in split_multiple_persons_names(value):
        if person.strip().lower() == "others":
            continue
        try:
            parts = parse_single_name_into_parts(person, strict=True)
        except InvalidNameError as error:
            problems.append(f"{where}: the name {person!r} cannot be split ({error.reason})")
            full = person
        else:
            last = " ".join([*parts.von, *parts.last])
            first = " ".join([*parts.first, *parts.jr])
            full = f"{last}, {first}" if first else last
        decoded = _decode_latex(full)
        names.append(" ".join((decoded if decoded is not None else _strip_braces(full)).split()))
    return tuple(n for n in names if n), problems


def _year(text: dict[str, str]) -> tuple[int | None, str | None]:
    raw = text.get("year") or text.get("date") or ""
    if not raw:
        return None, None
    m = re.search(r"\b(\d{4})\b", raw)
    if not m:
        return None, f"year {raw!r} is not a year"
    return int(m.group(1)), None


def _alternative_titles(value: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in value.split(";") if t.strip())


def _identifiers(fields: Sequence[tuple[str, str]]) -> Identifiers:
    found: dict[str, list[str]] = {}
    for key, value in fields:
        target = _IDENTIFIER_FIELDS.get(key)
        if target is None:
            continue
        separators = r"[,;\s]+" if target != "doi" else r"[,;]\s*|\s+"
        for item in (i.strip() for i in re.split(separators, value)):
            if item and item not in found.setdefault(target, []):
                found[target].append(item)
    return Identifiers(**{k: tuple(v) for k, v in found.items()})


# --------------------------------------------------------------------------------------------
# Linking a document's words to an entry
# --------------------------------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        )
    )
    for m in names
}
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Words that say nothing about which work is meant.
_STOPWORDS = frozenset(
    """a an and as at by for from in into of on or the to with his her their its this that
    these those was were is be been which who whom what when where he she it they we our
    your my me him them said wrote writes says quoted quoting book work famous published""".split()  # noqa: SIM905
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def normalise_title(title: str) -> str:
    """A title reduced for comparison: case, accents, punctuation, "&", a leading article."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^\w\s]|_", " ", text)
    words = text.split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _main_title(title: str) -> str:
    """The title without its subtitle: before the first colon or dash."""
    dashes = "".join(_DASHES)
    parts = re.split(rf"\s*:\s*|\s+-+\s+|\s*[{dashes}]\s*", title, maxsplit=1)
    return parts[0]


@dataclass(frozen=True, slots=True)
class _TitleFit:
    entry: BibEntry
    score: float
    matched: str
    alternative: bool


def _title_fit(entry: BibEntry, work: str) -> _TitleFit | None:
    query_full = normalise_title(work)
    query_main = normalise_title(_main_title(work))
    if not query_full:
        return None
    best: _TitleFit | None = None
    for index, candidate in enumerate(entry.titles):
        if not candidate:
            continue
        # entry.titles starts with the title proper when there is one
        alternative = index > 0 or not entry.title
        cand_full = normalise_title(candidate)
        cand_main = normalise_title(_main_title(candidate))
        score = max(
            fuzz.ratio(query_full, cand_full),
            fuzz.ratio(query_full, cand_main),
            fuzz.ratio(query_main, cand_main) if query_main != query_full else 0.0,
        )
        if best is None or score > best.score:
            best = _TitleFit(entry, float(score), candidate, alternative)
    return best if best is not None and best.score >= TITLE_FIT else None


def _words(text: str) -> list[str]:
    return [w for w in normalise_title(text).split() if len(w) > 2 and w not in _STOPWORDS]


def _surnames(entry: BibEntry) -> set[str]:
    names = set()
    for author in entry.authors:
        last = author.split(",", 1)[0] if "," in author else (author.split() or [""])[-1]
        words = normalise_title(last).split()
        if words:
            names.add(words[-1])
    return names


def _speaker_words(speaker: str) -> set[str]:
    text = re.sub(r"['\u2019]s\b", "", speaker)
    return set(normalise_title(text).split())


def _words_fit(a: str, b: str) -> bool:
    """Two words name the same thing: equal, or sharing a stem ("dizziness", "dizzy")."""
    if a == b:
        return True
    common = len(_common_prefix(a, b))
    return common >= 4 and common >= 0.6 * min(len(a), len(b))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


@dataclass(frozen=True, slots=True)
class _Date:
    year: int | None
    month: int | None
    day: int | None

    def __str__(self) -> str:
        month = _MONTH_NAMES[self.month - 1] if self.month else ""
        return " ".join(str(p) for p in (self.day, month, self.year) if p)

    @property
    def parts(self) -> tuple[int | None, int | None, int | None]:
        return (self.year, self.month, self.day)


def _parse_date(text: str) -> _Date | None:
    """A date as the document writes it: "December 27th 1929", "July 3rd", "1942-11-13", "1927"."""
    iso = re.search(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b", text)
    if iso:
        day = int(iso.group(3)) if iso.group(3) else None
        return _Date(int(iso.group(1)), int(iso.group(2)), day)
    lowered = text.lower()
    year_m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", lowered)
    year = int(year_m.group(1)) if year_m else None
    month = day = None
    for m in re.finditer(r"[a-z]+", lowered):
        if m.group(0) in _MONTHS:
            month = _MONTHS[m.group(0)]
            after = re.match(r"\s*(\d{1,2})(?:st|nd|rd|th)?\b", lowered[m.end() :])
            before = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$", lowered[: m.start()])
            found = after or before
            day = int(found.group(1)) if found else None
            break
    if year is None and month is None:
        return None
    return _Date(year, month, day)


def _entry_date(entry: BibEntry) -> _Date | None:
    date = entry.field_value("date")
    if date:
        parsed = _parse_date(date)
        if parsed:
            return parsed
    month_text = entry.field_value("month") or ""
    month = _MONTHS.get(month_text.lower()[:3]) if month_text and not month_text.isdigit() else None
    if month_text.isdigit():
        month = int(month_text)
    day_text = entry.field_value("day") or ""
    day = int(day_text) if day_text.isdigit() else None
    if entry.year is None and month is None:
        return None
    return _Date(entry.year, month, day)


def _dates_fit(claimed: _Date, entry: _Date) -> bool:
    """Every part the document states agrees with the entry (and the entry states it)."""
    for said, known in zip(claimed.parts, entry.parts, strict=True):
        if said is not None and said != known:
            return False
    return True


def _describe(entry: BibEntry) -> str:
    return f"{entry.key} ({entry.title!r})" if entry.title else entry.key


def _describe_all(entries: Sequence[BibEntry], limit: int = 6) -> str:
    shown = ", ".join(_describe(e) for e in entries[:limit])
    more = len(entries) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def link_work(
    *,
    work: str | None,
    speaker: str | None,
    bibliography: Bibliography,
    occasion: str | None = None,
    date: str | None = None,
) -> BibLink:
    """The entry a citation's work (title), speaker (author), occasion and date point to."""
    work = (work or "").strip(" \t\n\"'*_\u201c\u201d\u2018\u2019") or None
    speaker = (speaker or "").strip() or None
    if not work and not speaker:
        return BibLink(None, BibMatchKind.NONE, "the document names neither an author nor a work")
    entries = bibliography.entries
    by_author = _by_author(entries, speaker) if speaker else []
    claimed = _parse_date(date) if date else None

    if work:
        fits = [f for e in entries if (f := _title_fit(e, work)) is not None]
        if fits:
            return _link_by_title(fits, work, speaker, by_author, claimed)
    if by_author:
        return _link_by_author(by_author, work, speaker or "", occasion, claimed)
    return BibLink(None, BibMatchKind.NONE, _no_fit(work, speaker, bibliography))


def _by_author(entries: Sequence[BibEntry], speaker: str) -> list[BibEntry]:
    words = _speaker_words(speaker)
    return [e for e in entries if _surnames(e) & words]


def _link_by_title(
    fits: list[_TitleFit],
    work: str,
    speaker: str | None,
    by_author: list[BibEntry],
    claimed: _Date | None,
) -> BibLink:
    authored = [f for f in fits if f.entry in by_author]
    pool = authored or fits
    best_score = max(f.score for f in pool)
    top = [f for f in pool if f.score == best_score]
    if len(top) > 1 and claimed is not None:
        dated = [f for f in top if (d := _entry_date(f.entry)) and _dates_fit(claimed, d)]
        top = dated or top
    if len(top) > 1:
        return BibLink(
            None,
            BibMatchKind.NONE,
            f"the title {work!r} fits several entries equally: "
            f"{_describe_all([f.entry for f in top])}; give the author or add a distinguishing title",
        )
    fit = top[0]
    how = "exactly" if fit.score >= 100 else f"closely ({fit.score:.0f}%)"
    if fit.alternative:
        kind = BibMatchKind.ALTERNATIVE_TITLE
        said = (
            f"{work!r} fits {how} the alternative title {fit.matched!r} of {_describe(fit.entry)}"
        )
    elif authored:
        kind = BibMatchKind.AUTHOR_AND_TITLE
        said = f"{work!r} fits {how} the title of {_describe(fit.entry)}"
    else:
        kind = BibMatchKind.TITLE
        said = f"{work!r} fits {how} the title of {_describe(fit.entry)}"
    if speaker and authored:
        said += f", and {speaker!r} is its author"
    elif speaker:
        authors = "; ".join(fit.entry.authors) or "no author"
        said += f"; {speaker!r} is not among its authors ({authors}): perhaps quoted there"
    return BibLink(fit.entry.key, kind, said)


def _link_by_author(
    candidates: list[BibEntry],
    work: str | None,
    speaker: str,
    occasion: str | None,
    claimed: _Date | None,
) -> BibLink:
    clue_words = _words(" ".join(t for t in (work, occasion) if t))
    speaker_words = _speaker_words(speaker)
    clue_words = [w for w in clue_words if w not in speaker_words]

    scored: list[tuple[int, bool, list[str], BibEntry]] = []
    for entry in candidates:
        text = " ".join(
            [
                *entry.titles,
                *(entry.field_value(n) or "" for n in ("howpublished", "journal", "journaltitle")),
                *(entry.field_value(n) or "" for n in ("eventtitle", "note", "entrysubtype")),
            ]
        )
        entry_words = set(_words(text))
        shared = [
            w for w in dict.fromkeys(clue_words) if any(_words_fit(w, e) for e in entry_words)
        ]
        entry_date = _entry_date(entry)
        dated = bool(claimed and entry_date and _dates_fit(claimed, entry_date))
        scored.append((len(shared), dated, shared, entry))

    who = f"author {speaker!r}"
    fits_how_many = (
        f"{who} fits one entry" if len(candidates) == 1 else f"{who} fits {len(candidates)} entries"
    )
    if claimed is not None:
        dated_entries = [s for s in scored if s[1]]
        if len(dated_entries) == 1:
            _, _, shared, entry = dated_entries[0]
            also = f" and shares the words {_quoted(shared)}" if shared else ""
            return BibLink(
                entry.key,
                BibMatchKind.AUTHOR,
                f"{fits_how_many}; only {_describe(entry)} is dated {claimed}{also}",
            )
    if clue_words:
        most = max(s[0] for s in scored)
        best = [s for s in scored if s[0] == most]
        if most > 0 and len(best) == 1:
            _, _, shared, entry = best[0]
            said = f"{_quoted(shared)} with {(work or occasion)!r}"
            if len(candidates) == 1:
                explanation = (
                    f"{who} fits one entry, {_describe(entry)}, which shares the words {said}"
                )
            else:
                explanation = f"{fits_how_many}; only {_describe(entry)} shares the words {said}"
            return BibLink(entry.key, BibMatchKind.AUTHOR, explanation)
        if work and most == 0:
            return BibLink(
                None,
                BibMatchKind.NONE,
                f"{who} fits {_describe_all(candidates)}, but no title there fits {work!r}",
            )
    if len(candidates) == 1:
        entry = candidates[0]
        if claimed and claimed.year and entry.year and claimed.year > entry.year:
            # Words dated after the work appeared cannot be quoted from it.
            return BibLink(
                None,
                BibMatchKind.NONE,
                f"{who} fits only {_describe(entry)}, of {entry.year}, but the document dates "
                f"the words {claimed}, after it appeared",
            )
        return BibLink(
            entry.key,
            BibMatchKind.AUTHOR,
            f"only the author fits: {_describe(entry)} is the one entry by {speaker!r}"
            + ("" if work else "; the document names no work"),
        )
    return BibLink(
        None,
        BibMatchKind.NONE,
        f"ambiguous: {who} fits {len(candidates)} entries ({_describe_all(candidates)}) "
        "and nothing the document says (title, occasion, date) chooses among them",
    )


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(repr(w) for w in words)


def _no_fit(work: str | None, speaker: str | None, bibliography: Bibliography) -> str:
    name = Path(bibliography.path).name or bibliography.path
    if not bibliography.entries:
        return f"{name} has no entries"
    said = []
    if speaker:
        said.append(f"author {speaker!r}")
    if work:
        said.append(f"title {work!r}")
    return f"no entry of {name} fits {' or '.join(said)}"
