"""Notes and reference lists: what each note cites, with ibid., supra and short titles resolved.

A note is read in one of the common styles: a humanities note ("Martin Luther King, A Testament of
Hope (New York, 1986), 219."), a reference-list entry ("Fromkin, David (1989). A Peace to End All
Peace. p. 565."), or a short form that points at a note before it ("Ibid., 52.", "Hale, supra
note 1, at 52.", "Hale, History of the Common Law, 52.", "Hale, op. cit., 52."). A short form takes
the author, work and year of the full note it points at and keeps its own locator, so a quotation
marked with it is attributed as fully as one marked with the full note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from citecheck.extract.layout import Layout, NoteDefinition, link_words
from citecheck.extract.locators import (
    Reference,
    ShortForm,
    parse_locator,
    parse_source,
)
from citecheck.extract.names import norm_title, surname

_APPARATUS_TAIL = re.compile(
    r"\s*(?:\b(?:ISBN|ISSN|OCLC|doi|DOI|Retrieved|Archived|Accessed|accessed)\b|https?://|<https?:).*$",
    re.S,
)
_PUBLICATION = re.compile(r"\s*\((?P<inside>[^()]*?\b(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\b[^()]*)\)")
_INVERTED_AUTHOR = re.compile(
    r"^(?P<surname>[A-Z\u00c0-\u00de][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+)?),[ \t]+"
    r"(?!(?:The|A|An)\b)"
    r"(?P<given>(?:[A-Z][a-z\u00e0-\u00ff'\u2019-]+|[A-Z]\.)(?:[ \t]*(?:[A-Z][a-z\u00e0-\u00ff'\u2019-]+|[A-Z]\.))*)"
    r"(?:(?:;|,?[ \t]+(?:and|&))[ \t]+[^.]*?)?(?:[ \t]+et[ \t]+al\.?)?(?:(?<=\.)|\.)[ \t]+(?P<rest>\S.*)$",
    re.S,
)
_NAME_FIRST = re.compile(
    r"^(?P<author>(?:[A-Z][a-z\u00e0-\u00ff'\u2019-]+|[A-Z]\.(?:[ \t]?[A-Z]\.)*)"
    r"(?:[ \t]+(?:[A-Z][a-z\u00e0-\u00ff'\u2019-]+|[A-Z]\.|van|von|de|der)){1,4})"
    r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][^.,\"\u201c]*?)?\.[ \t]+(?P<rest>\S.*)$",
    re.S,
)
_SUPRA = re.compile(
    r"^(?P<author>[^,]+?),?\s+supra(?:,?\s+(?:note|n\.)\s*(?P<note>\d{1,4}))?\b", re.I
)
_IBID_NOTE = re.compile(r"^(?:ibid|ibidem|id)\b\.?", re.I)
_OP_CIT_NOTE = re.compile(r"\b(?:op|loc)\.?\s*cit\b\.?", re.I)
_PAGE_AFTER_PUBLICATION = re.compile(
    r"\((?=[^()]*\b(?:1[5-9]\d\d|20\d\d)\b)[^()]*\)[ \t]*[.,][ \t]*"
    r"(?P<page>\d{1,5}(?:[ \t]*[-\u2013][ \t]*\d{1,5})?)$"
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_QUOTED_TITLE = re.compile(r"[\"\u201c](?P<title>[^\"\u201c\u201d]{2,200}?)[,.]?[\"\u201d]")
_BACKLINKS = re.compile(r"^a[*_]*[ \t]+(?:[*_]*[b-z][*_]*[ \t]+)+[*_]*")
"""The letters of an encyclopedia note cited more than once ("a b "Mozilla Manifesto"...)."""
_NAME_BEFORE_TITLE = re.compile(r"^[^:;()\[\]\d]{1,60}$")
_ITALIC = re.compile(r"(?<![\w*])[*_](?P<title>[^*_\n]{2,200})[*_](?![\w*])")


@dataclass(frozen=True, slots=True)
class _Pointer:
    """A short-form note before it is resolved: which note, or whose last work, it points at."""

    kind: str
    """"ibid", "supra", "short" (author and short title) or "author" (author alone, op. cit.)."""
    author: str | None = None
    title: str | None = None
    note: str | None = None


def resolve_notes(layout: Layout) -> dict[str, Reference]:
    """Every note's reference by label, short forms resolved to the full notes they point at."""
    resolved: dict[str, Reference] = {}
    order: list[Reference] = []
    for note in layout.notes:
        reference, pointer = _read_note(note)
        if pointer is not None:
            target = _target(pointer, order, resolved)
            if target is None and pointer.author and reference is not None:
                reference = replace(reference, author=pointer.author)
            elif target is not None and reference is not None:
                reference = replace(
                    reference,
                    author=target.author,
                    work=target.work,
                    year=target.year,
                    short_form=ShortForm.NONE,
                    intermediary=target.intermediary if pointer.kind == "ibid" else None,
                )
        if reference is not None and pointer is None and reference.year and not reference.work:
            reference = _with_work_of_same_author_and_year(reference, order)
        if reference is None:
            continue
        resolved[note.label] = reference
        if reference.author or reference.work:
            order.append(reference)
    return resolved


def _with_work_of_same_author_and_year(reference: Reference, order: list[Reference]) -> Reference:
    """'Marx Engles 2014, 16.': the work of the earlier note by those authors in that year."""
    names = _NAME_WORD.findall(reference.author or "")
    if not names:
        return reference
    for earlier in reversed(order):
        if earlier.year != reference.year or not earlier.work or not earlier.author:
            continue
        # The first author's surname leads a short form: "Marx Engles 2014" for "Karl Marx".
        if names[0] in _NAME_WORD.findall(earlier.author):
            return replace(reference, author=earlier.author, work=earlier.work)
    return reference


_NAME_WORD = re.compile(r"[A-Z][\w'\u2019-]+")


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """The entries of a document's reference list or bibliography, found by their authors, so
    that "(Smith, 1994, p. 12)", "(Smith 12)" or a note "Smith, 12." can name the work the list
    gives for Smith."""

    by_surname: dict[str, tuple[Reference, ...]]

    def entry_for(self, author: str, year: int | None = None) -> Reference | None:
        """The one entry by this author (of this year, when given), or None when there is none
        or several could be meant. A surname one letter off the list's ("Phillips" for
        "Phillis") is the same author when no other surname is as close."""
        key = first_surname(author)
        if not key:
            return None
        candidates = self.by_surname.get(key) or self._near(key)
        if year is not None:
            candidates = tuple(c for c in candidates if c.year == year)
        return candidates[0] if len(candidates) == 1 else None

    def only_work_of(self, speaker: str) -> Reference | None:
        """The entry of the speaker's only work in the list, by exact surname."""
        found = self.by_surname.get(surname(speaker), ())
        return found[0] if len(found) == 1 else None

    def _near(self, key: str) -> tuple[Reference, ...]:
        if len(key) < _NEAR_SURNAME_LENGTH:
            return ()
        near = [
            name
            for name in self.by_surname
            if name[:1] == key[:1] and Levenshtein.distance(name, key, score_cutoff=1) <= 1
        ]
        return self.by_surname[near[0]] if len(near) == 1 else ()


_NEAR_SURNAME_LENGTH = 5
_DITTO_AUTHOR = re.compile(r"^(?:[\u2014\u2013-]{2,}|_{3,})[ \t]*[.,]?[ \t]*")
""""———. *Another Book*": the author of the entry before."""
_COMMA_ENTRY = re.compile(
    r"^(?P<author>[A-Z\u00c0-\u00de][\w.'\u2019-]*(?:[ \t]+[A-Z\u00c0-\u00de][\w.'\u2019-]*){1,4}),"
    r"[ \t]+(?P<title>[^.\"\u201c*_]+?),[ \t]+(?P<year>1[5-9]\d\d|20\d\d)\b"
)
""" "M.C. Lemon, Philosophy of History A Guide for Students, 2003, Routledge": name, title, year,
with commas inside the title ("Machiavelli, Gucciardini, and the Tradition ..., 1979, ...")."""
_ANY_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")
_INVERTED_WITH_COMMAS = re.compile(
    r"^(?P<surname>[A-Z\u00c0-\u00de][\w'\u2019\u0300-\u036f-]+),[ \t]+"
    r"(?P<given>[A-Z\u00c0-\u00de][\w.'\u2019\u0300-\u036f-]*"
    r"(?:[ \t]+[A-Z\u00c0-\u00de][\w.'\u2019\u0300-\u036f-]*){0,3}),[ \t]+"
    r"(?P<rest>[*_\"\u201c].*)$",
    re.S,
)
""" "Cochrane, Eric, *Historians and Historiography ...* (Chicago, 1981).": surname, given name
and the title set off, all after commas."""
_NAME_WORD_OR_INITIAL = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w'\u2019\u0300-\u036f-]*\.?|(?:[A-Z]\.)+|van|von|de|der|da|di|le|la|du)$"
)


def reference_list(layout: Layout) -> ReferenceList | None:
    """The document's reference-list entries that name an author and a work; None when it has
    none."""
    entries: list[Reference] = []
    previous_author: str | None = None
    for definition in layout.entries:
        entry = read_entry(definition, previous_author=previous_author)
        if entry is None:
            continue
        previous_author = entry.author
        if entry.author and entry.work and reads_as_name(entry.author):
            entries.append(entry)
    grouped: dict[str, list[Reference]] = {}
    for entry in entries:
        grouped.setdefault(first_surname(entry.author or ""), []).append(entry)
    by_surname = {k: tuple(v) for k, v in grouped.items() if k}
    return ReferenceList(by_surname=by_surname) if by_surname else None


def with_listed_work(reference: Reference, listing: ReferenceList) -> Reference:
    """A reference that names an author but no work ("(Dennis, 245)", "(Marsh, 1994, p. 12)",
    the note "Hale, 52.") with the work of that author's entry in the reference list."""
    if reference.work or not reference.author or reference.short_form is not ShortForm.NONE:
        return reference
    entry = listing.entry_for(reference.author, reference.year)
    if entry is None or not entry.work:
        return reference
    author = reference.author
    if entry.author and surname(entry.author) == surname(author):
        author = entry.author  # the list's full name; a misspelt citation keeps its own
    return replace(reference, author=author, work=entry.work, year=entry.year, listed=entry)


def read_entry(definition: NoteDefinition, *, previous_author: str | None) -> Reference | None:
    """One reference-list entry: its author, work and year of publication."""
    original = definition.text.strip()
    span = definition.span
    # "[*The Faces of History*](https://...)": the title is the link's words.
    text = link_words(original)
    ditto = _DITTO_AUTHOR.match(text)
    if ditto:
        work = _first_title(text[ditto.end() :])
        if not previous_author or not work:
            return None
        year = _year_outside(text[ditto.end() :], work)
        return Reference(text=original, span=span, author=previous_author, work=work, year=year)
    inverted = _INVERTED_WITH_COMMAS.match(text)
    if inverted:
        work = _first_title(inverted.group("rest"))
        if work:
            author = f"{inverted.group('given')} {inverted.group('surname')}"
            year = _year_outside(inverted.group("rest"), work)
            return Reference(text=original, span=span, author=author, work=work, year=year)
    comma = _COMMA_ENTRY.match(text)
    if comma and not _BACKLINKS.match(text):
        return Reference(
            text=original,
            span=span,
            author=comma.group("author"),
            work=comma.group("title").strip(),
            year=int(comma.group("year")),
        )
    if text != original:
        definition = NoteDefinition(definition.label, text, span)
    reference, _ = _read_note(definition)
    if reference is None or not reference.work:
        return reference
    return replace(reference, text=original, year=_year_outside(text, reference.work))


def reads_as_name(author: str) -> bool:
    """ "Rutledge M. Dennis", "M.C. Lemon", "Ludwig von Mises", "Sayers and Kahn": not "All
    figures via Wikimedia" or "Ford edition of"."""
    people = re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.?$", author.strip())
    return all(_one_name(person) for person in people if person) and bool(author.strip())


def _one_name(person: str) -> bool:
    words = person.replace(",", " ").split()
    return 1 <= len(words) <= 5 and all(_NAME_WORD_OR_INITIAL.match(w) for w in words)


def _year_outside(text: str, title: str) -> int | None:
    """The year an entry was published: the last year in it that is not part of its title
    ("Reconstruction, ... 1863-1877" has none; "... London, 2014." has 2014)."""
    at = text.find(title)
    rest = text[:at] + text[at + len(title) :] if at != -1 else text
    rest = _APPARATUS_TAIL.sub("", rest)
    years = _ANY_YEAR.findall(rest)
    return int(years[-1]) if years else None


def first_surname(author: str) -> str:
    """The surname of an author, or of the first of several ("Marsh and Lowe", "Marsh et al.")."""
    first = re.split(r"\s+(?:and|&)\s+|\s+et\s+al\b|,|;", author.strip(), maxsplit=1)[0]
    return surname(first)


def _read_note(note: NoteDefinition) -> tuple[Reference, _Pointer | None] | tuple[None, None]:
    raw = note.text
    offset = note.span.start
    body = _APPARATUS_TAIL.sub("", _BACKLINKS.sub("", _unwrapped(raw))).rstrip(" .;,")
    if body[-1:] in ("*", "_") and body.count(body[-1]) % 2:
        body = body[:-1].rstrip(" .;,")
    if not body:
        return None, None
    locator = parse_locator(_PUBLICATION.sub("", body), offset=offset)
    after_publication = _PAGE_AFTER_PUBLICATION.search(body) if locator is None else None
    if after_publication:
        # "Karl Marx, 18th Brumaire (Moscow: Progress, 1852). 5.": the page after the facts.
        locator = parse_locator(after_publication.group("page"), offset=offset)
    # Offsets of a locator found after publication data was taken out no longer point into the
    # note; find the locator's text again in the note itself.
    if locator is not None:
        at = raw.rfind(locator.text)
        if at != -1:
            locator = replace(
                locator, span=type(locator.span)(offset + at, offset + at + len(locator.text))
            )
    span = note.span
    ibid = _IBID_NOTE.match(body)
    if ibid:
        return Reference(text=raw, span=span, locator=locator, short_form=ShortForm.IBID), _Pointer(
            "ibid"
        )
    supra = _SUPRA.match(body)
    if supra:
        return Reference(text=raw, span=span, locator=locator), _Pointer(
            "supra", author=supra.group("author").strip(), note=supra.group("note")
        )
    year_match = _PUBLICATION.search(body)
    year = int(year_match.group("year")) if year_match else None
    plain = _PUBLICATION.sub("", body)
    if locator is not None:
        plain = _without_locator(plain, locator.text)
    plain = re.sub(r"\s+([,.;:])", r"\1", plain).strip(" ,.;:")
    if _OP_CIT_NOTE.search(plain):
        author = _OP_CIT_NOTE.split(plain)[0].strip(" ,.")
        return Reference(text=raw, span=span, locator=locator), _Pointer("author", author=author)
    inverted = _INVERTED_AUTHOR.match(plain)
    if inverted and not _QUOTED_TITLE.match(plain):
        author = f"{inverted.group('given')} {inverted.group('surname')}".replace("  ", " ")
        work = _first_title(inverted.group("rest"))
        if work:
            return Reference(
                text=raw, span=span, locator=locator, author=author, work=work, year=year
            ), None
    named = _NAME_FIRST.match(plain)
    if named and not _QUOTED_TITLE.match(plain):
        # "Vladimir I. Lenin. What Is to Be Done? (Martino, 2013), 20." (bibliography-style note)
        work = _first_title(named.group("rest"))
        if work:
            return Reference(
                text=raw,
                span=span,
                locator=locator,
                author=named.group("author"),
                work=work,
                year=year,
            ), None
    parsed = parse_source(plain, offset)
    author, work = parsed.author, parsed.work
    quoted = _QUOTED_TITLE.search(plain)
    italic = _ITALIC.search(plain)
    marked = quoted or italic
    before = plain[: marked.start()].strip(" ,.") if marked else ""
    if marked and (not before or _NAME_BEFORE_TITLE.match(before)):
        # 'Thompson. "Exploitation", ...': a name, then the title in marks. Marks after words
        # that are no name ('International Trends: The Witch "She"') are inside the title.
        author = before or None
        work = marked.group("title").strip().rstrip(".,;:")
    if work and not author and not marked and _looks_like_author(work):
        # "Hale, 52": a name and a page, the author's work cited before.
        return Reference(text=raw, span=span, locator=locator), _Pointer("author", author=work)
    if author and work and not year:
        return Reference(text=raw, span=span, locator=locator, author=author, work=work), (
            _Pointer("short", author=author, title=work)
        )
    if not (work or author or locator):
        return None, None
    reference = Reference(
        text=raw, span=span, locator=locator, author=author, work=work, year=year or parsed.year
    )
    return reference, None


def _unwrapped(raw: str) -> str:
    """A note printed in italics as a whole (an HTML <cite>) without its markers; a note with an
    italic title in it ("Foner, *Reconstruction, 1863-1877.*") keeps them, so the title is
    still marked and its years are not read as pages."""
    stripped = raw.strip()
    marker = stripped[:1]
    if marker not in ("*", "_") or not stripped.endswith(marker):
        return stripped
    inner = _BACKLINKS.sub("", stripped.strip(marker + " "))
    return stripped if marker in inner else inner


def _without_locator(text: str, locator: str) -> str:
    at = text.rfind(locator)
    return text[:at] if at != -1 else text


_LEADING_DATE = re.compile(r"^(?:n\.[ \t]?d\.|\(?(?:1[5-9]\d\d|20\d\d)[a-z]?\)?\.)[ \t]*")
""" "Iggers, Georg G. n.d. “From Macro- ...”", "Smith, Ann. 2005. Title.": no date, or the year, before the title."""


def _first_title(rest: str) -> str | None:
    """The title at the start of what follows an entry's author: quoted, italic, or to the first period."""
    rest = _LEADING_DATE.sub("", rest.strip())
    quoted = _QUOTED_TITLE.match(rest)
    if quoted:
        return quoted.group("title").strip()
    italic = _ITALIC.match(rest)
    if italic:
        return italic.group("title").strip()
    title = re.split(r"(?<=[a-z0-9\u00e0-\u00ff)\]])\.\s|\.$", rest, maxsplit=1)[0]
    title = re.sub(r"\s*\[[^\]]*\]\s*$", "", title.strip(" ,.*_"))  # "[Burning Questions ...]"
    title = title.strip(" ,.*_")
    return title or None


def _looks_like_author(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def _target(
    pointer: _Pointer, order: list[Reference], by_label: dict[str, Reference]
) -> Reference | None:
    if pointer.kind == "ibid":
        return order[-1] if order else None
    if pointer.kind == "supra" and pointer.note:
        return by_label.get(pointer.note)
    name = surname(pointer.author or "")
    for earlier in reversed(order):
        if not earlier.author or surname(earlier.author) != name:
            continue
        if pointer.kind == "short" and not _short_title_of(pointer.title or "", earlier.work or ""):
            continue
        return earlier
    return None


def _short_title_of(short: str, full: str) -> bool:
    """ "History of the Common Law" is a short title of "The History of the Common Law (1713)"."""
    a = norm_title(_LEADING_ARTICLE.sub("", short))
    b = norm_title(_LEADING_ARTICLE.sub("", full))
    return bool(a) and (b == a or b.startswith(a + " ") or b.startswith(a))
