"""A report's cited works as neutral export items: one work, its edition, its checked quotations.

Every writer (Zotero Web API, desktop connector, BibTeX, CSL-JSON, RIS) starts from the
``ExportItem``s built here, so a work looks the same in every target.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from citecheck.bib import latex_to_text
from citecheck.export.language import iso639_1
from citecheck.model import (
    Citation,
    Edition,
    Identifiers,
    Report,
    Resolution,
    Service,
    Verification,
)

CITECHECK_TAG = "citecheck"
"""The tag on every item and note citecheck writes, so a re-run can find them again."""
KEY_LINE = "citecheck-key"
"""The ``extra`` line (``citecheck-key: <work key>``) that ties a Zotero item to a cited work."""
RECORD_LINE = "Catalog record"
NOTE_KEY_LINE = "citecheck-note"
"""The last line of a quotation note (``citecheck-note: <note key>``), stable across re-runs."""


class ItemType(StrEnum):
    """The kinds of work citecheck exports, named as Zotero names its item types."""

    BOOK = "book"
    BOOK_SECTION = "bookSection"
    NEWSPAPER_ARTICLE = "newspaperArticle"
    JOURNAL_ARTICLE = "journalArticle"
    RADIO_BROADCAST = "radioBroadcast"
    LETTER = "letter"
    INTERVIEW = "interview"
    PRESENTATION = "presentation"


class CreatorRole(StrEnum):
    AUTHOR = "author"
    EDITOR = "editor"
    TRANSLATOR = "translator"
    RECIPIENT = "recipient"
    """The person a letter is addressed to."""
    INTERVIEWER = "interviewer"


@dataclass(frozen=True, slots=True)
class Creator:
    """A person or body in a role; ``first`` is empty for a single-field name (an organisation)."""

    last: str
    first: str = ""
    role: CreatorRole = CreatorRole.AUTHOR

    @property
    def single_field(self) -> bool:
        return not self.first

    @property
    def display(self) -> str:
        return f"{self.last}, {self.first}" if self.first else self.last


@dataclass(frozen=True, slots=True)
class QuotationNote:
    """One checked quotation of a work, with its verdicts, as it becomes a child note."""

    key: str
    """Stable across re-runs: the work key and a hash of the quotation's words."""
    citation_id: str
    quotation: str
    cited_page: str | None = None
    found_pages: tuple[str, ...] = ()
    wording: str = "not checked"
    page: str = "unknown"
    scan_url: str = ""
    document: str = ""
    """Where the quotation stands, e.g. "talk.txt, line 88"."""
    details: tuple[str, ...] = ()
    """Changed words, omissions and the judge's notes, one sentence each."""


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One cited work with the edition the check settled on, ready for any export format."""

    key: str
    item_type: ItemType
    title: str
    creators: tuple[Creator, ...] = ()
    container_title: str = ""
    """The book of a section, the newspaper or journal of an article, the programme of a broadcast."""
    date: str = ""
    place: str = ""
    publisher: str = ""
    pages: str = ""
    """Page range of a section or article."""
    page_count: int | None = None
    edition: str = ""
    language: str = ""
    volume: str = ""
    issue: str = ""
    isbn: tuple[str, ...] = ()
    oclc: tuple[str, ...] = ()
    lccn: tuple[str, ...] = ()
    doi: tuple[str, ...] = ()
    record_url: str = ""
    """The catalog record of the edition."""
    scan_url: str = ""
    """The scanned or online text of the edition."""
    catalog: str = ""
    """The catalog the record comes from, e.g. "Open Library"."""
    notes: tuple[QuotationNote, ...] = ()
    genre: str = ""
    """What kind of speech, letter or broadcast it is, in the user's words (``howpublished``)."""
    note: str = ""
    """The user's own note on the work (``note`` of the .bib, not citecheck's lines)."""
    original_title: str = ""
    """The title of the original (``origtitle``), e.g. of the Russian first edition."""
    bib_type: str = ""
    """The entry type of the user's .bib entry ("misc"), kept as the user chose it."""
    bib_fields: tuple[tuple[str, str], ...] = ()
    """The user's .bib fields as written (LaTeX, ``{braced}`` or a bare macro), in file order."""
    zotero_key: str = ""
    """The Zotero item the work was read from: notes go under it, the item itself stays as is."""

    @property
    def url(self) -> str:
        """The one URL a reference manager shows: the scan when there is one, else the record."""
        return self.scan_url or self.record_url

    @property
    def year(self) -> int | None:
        match = re.match(r"\d{4}", self.date)
        return int(match.group()) if match else None

    def extra_lines(self) -> tuple[str, ...]:
        """Identifiers with no field of their own, as ``Label: value`` lines Zotero understands."""
        lines = [f"OCLC: {value}" for value in self.oclc]
        lines += [f"LCCN: {value}" for value in self.lccn]
        if self.record_url:
            lines.append(f"{RECORD_LINE}: {self.record_url}")
        lines.append(f"{KEY_LINE}: {self.key}")
        return tuple(lines)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A checked quotation that could not be exported, and why."""

    citation_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ExportSelection:
    """What an export will write: the items, and the quotations left out with the reason."""

    items: tuple[ExportItem, ...]
    skipped: tuple[Skipped, ...] = ()
    notices: tuple[str, ...] = ()
    """Where a catalog's facts were not used because the user's entry says otherwise."""


class BibEntryLike(Protocol):
    """The fields of ``citecheck.model.BibEntry`` an export reads."""

    @property
    def key(self) -> str: ...
    @property
    def entry_type(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def authors(self) -> tuple[str, ...]: ...
    @property
    def year(self) -> int | None: ...
    @property
    def publisher(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def identifiers(self) -> Identifiers: ...
    @property
    def fields(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def raw_fields(self) -> tuple[tuple[str, str], ...]: ...


class BibliographyLike(Protocol):
    """What an export needs of ``citecheck.bib.Bibliography``."""

    def get(self, key: str) -> BibEntryLike | None: ...


_CATALOG_NAMES = {
    Service.OPEN_LIBRARY: "Open Library",
    Service.INTERNET_ARCHIVE: "Internet Archive",
    Service.LIBRARY_OF_CONGRESS: "Library of Congress",
    Service.HATHITRUST: "HathiTrust",
    Service.GOOGLE_BOOKS: "Google Books",
    Service.CROSSREF: "Crossref",
}

_BIB_TYPES = {
    "book": ItemType.BOOK,
    "mvbook": ItemType.BOOK,
    "collection": ItemType.BOOK,
    "booklet": ItemType.BOOK,
    "incollection": ItemType.BOOK_SECTION,
    "inbook": ItemType.BOOK_SECTION,
    "inproceedings": ItemType.BOOK_SECTION,
    "letter": ItemType.LETTER,
}

# Words of the occasion a document names ("radio address of July 3rd", "his letter to Lenin"),
# the last resort when no entry says what the work is; first match wins, so the act (a speech)
# comes before the paper that printed it.
_KIND_WORDS: tuple[tuple[str, ItemType], ...] = (
    ("radio", ItemType.RADIO_BROADCAST),
    ("broadcast", ItemType.RADIO_BROADCAST),
    ("interview", ItemType.INTERVIEW),
    ("letter", ItemType.LETTER),
    ("telegram", ItemType.LETTER),
    ("speech", ItemType.PRESENTATION),
    ("address", ItemType.PRESENTATION),
    ("lecture", ItemType.PRESENTATION),
    ("report to", ItemType.PRESENTATION),
    ("newspaper", ItemType.NEWSPAPER_ARTICLE),
    ("pravda", ItemType.NEWSPAPER_ARTICLE),
    ("izvestia", ItemType.NEWSPAPER_ARTICLE),
    ("journal", ItemType.JOURNAL_ARTICLE),
    ("article", ItemType.NEWSPAPER_ARTICLE),
)


def items_from_report(
    report: Report, bibliography: BibliographyLike | None = None
) -> ExportSelection:
    """Every cited work of a report as an export item, its checked quotations as notes."""
    by_work: dict[str, list[Citation]] = {}
    skipped: list[Skipped] = []
    for citation in report.citations:
        if not citation.quotation.kind.is_checkable:
            continue
        key = work_key_of(citation, report)
        if key is None:
            skipped.append(Skipped(citation.id, "no cited work could be named for it"))
            continue
        by_work.setdefault(key, []).append(citation)
    for resolved in report.resolutions:
        by_work.setdefault(resolved.work_key, [])

    items: list[ExportItem] = []
    notices: list[str] = []
    for key, citations in by_work.items():
        resolution = report.resolution_for(key)
        entry = bibliography.get(key) if bibliography is not None else None
        verifications = [v for c in citations if (v := report.verification_for(c.id))]
        edition = settled_edition(resolution, verifications)
        if edition is None and entry is None and resolution is None:
            skipped.extend(
                Skipped(c.id, f"work {key!r} is in neither the catalogs nor the .bib")
                for c in citations
            )
            continue
        if edition is not None and entry is not None and not _describes(entry, edition):
            notices.append(
                f"{key}: the quotations were checked in {_edition_words(edition)}, not the "
                f"edition the entry describes ({_entry_words(entry)}); the entry is exported as "
                "given, without that edition's identifiers, pages or links "
                "(`citecheck bib` lists the differences)"
            )
        notes = tuple(
            quotation_note(
                key, citation, report.verification_for(citation.id), report.document.name
            )
            for citation in citations
        )
        items.append(
            export_item(
                key,
                edition=edition,
                entry=entry,
                resolution=resolution,
                citations=citations,
                notes=notes,
            )
        )
    return ExportSelection(items=tuple(items), skipped=tuple(skipped), notices=tuple(notices))


def _edition_words(edition: Edition) -> str:
    return ", ".join(str(p) for p in (edition.publisher, edition.year) if p) or edition.title


def _entry_words(entry: BibEntryLike) -> str:
    return ", ".join(str(p) for p in (entry.publisher, entry.year) if p)


def work_key_of(citation: Citation, report: Report) -> str | None:
    """The work a citation quotes: its verification's work, else its bibliography entry."""
    verification = report.verification_for(citation.id)
    if verification is not None and verification.work_key:
        return verification.work_key
    if citation.bib is not None and citation.bib.key:
        return citation.bib.key
    return None


def settled_edition(
    resolution: Resolution | None, verifications: Sequence[Verification]
) -> Edition | None:
    """The edition the check settled on: the one most quotations were verified in, else the best-ranked."""
    checked = Counter(v.edition for v in verifications if v.edition is not None)
    if checked:
        return checked.most_common(1)[0][0]
    return resolution.best if resolution is not None else None


def export_item(
    key: str,
    *,
    edition: Edition | None = None,
    entry: BibEntryLike | None = None,
    resolution: Resolution | None = None,
    citations: Sequence[Citation] = (),
    notes: tuple[QuotationNote, ...] = (),
) -> ExportItem:
    """One work as an export item: the user's entry as given, the edition filling only its gaps.

    The edition fills gaps only when it is the edition the entry describes (no publisher or year
    of the entry contradicts it): the ISBN or page count of another edition would describe a book
    the user did not cite. Disagreements are ``citecheck bib``'s to report, never swapped in here.
    """
    fields = {name.lower(): value for name, value in entry.fields} if entry is not None else {}
    fill = edition if edition is not None and _describes(entry, edition) else None
    title = (entry.title if entry else "") or (fill.title if fill else "")
    if not title:
        title = (edition.title if edition else "") or (resolution.query_title if resolution else "")
    creators = _entry_creators(entry) if entry is not None else []
    if not any(c.role is CreatorRole.AUTHOR for c in creators):
        author_names: Sequence[str] = (fill.authors if fill else ()) or (
            resolution.query_authors if resolution else ()
        )
        creators = [creator_from_name(n, CreatorRole.AUTHOR) for n in author_names] + creators
    identifiers = entry.identifiers if entry is not None else Identifiers()
    if fill is not None:
        identifiers = identifiers.merged(fill.identifiers)
    entry_url = entry.url if entry is not None and entry.url else ""
    return ExportItem(
        key=key,
        item_type=item_type_for(entry, citations),
        title=title,
        creators=tuple(creators),
        container_title=fields.get("booktitle")
        or fields.get("journaltitle")
        or fields.get("journal")
        or (fields.get("organization", "") if entry and entry.entry_type == "misc" else ""),
        date=_entry_date(fields, entry.year if entry else None)
        or (str(fill.year) if fill and fill.year else ""),
        place=(entry.place if entry else None) or (fill.place if fill else None) or "",
        publisher=(entry.publisher if entry else None) or (fill.publisher if fill else None) or "",
        pages=fields.get("pages", "").replace("--", "-"),
        page_count=_int_or_none(fields.get("pagetotal", "")) or (fill.page_count if fill else None),
        edition=fields.get("edition", "") or (fill.edition_statement if fill else None) or "",
        language=iso639_1(
            fields.get("language", "")
            or fields.get("langid", "")
            or (fill.language if fill else None)
            or ""
        ),
        volume=fields.get("volume", ""),
        issue=fields.get("number", "") or fields.get("issue", ""),
        isbn=identifiers.isbn,
        oclc=identifiers.oclc,
        lccn=identifiers.lccn,
        doi=identifiers.doi,
        record_url=(fill.record_url if fill else "") or "",
        scan_url=entry_url or (scan_url_for(identifiers) if fill or entry is None else ""),
        catalog=_catalog_name(fill),
        notes=notes,
        genre=fields.get("howpublished", "") or fields.get("type", ""),
        note=fields.get("note", ""),
        original_title=fields.get("origtitle", ""),
        bib_type=entry.entry_type if entry is not None and not fields.get(ZOTERO_KEY) else "",
        bib_fields=entry.raw_fields if entry is not None and not fields.get(ZOTERO_KEY) else (),
        zotero_key=fields.get(ZOTERO_KEY, ""),
    )


def _entry_creators(entry: BibEntryLike) -> list[Creator]:
    """Every person of an entry in their role, split as written (braces keep a body whole)."""
    raw = {name.lower(): value for name, value in entry.raw_fields}
    fields = {name.lower(): value for name, value in entry.fields}
    roles = {role.value: role for role in CreatorRole}
    named = [
        (field, roles.get(field, CreatorRole.AUTHOR))
        for field in ("author", "editor", "translator", "recipient", "interviewer")
    ]
    if fields.get("nameatype", "").lower() in (CreatorRole.RECIPIENT, CreatorRole.INTERVIEWER):
        named.append(("namea", CreatorRole(fields["nameatype"].lower())))
    creators: list[Creator] = []
    for field, role in named:
        if field in raw:
            for name in split_names(raw[field].removeprefix("{").removesuffix("}")):
                person = creator_from_name(name, role)
                creators.append(
                    Creator(latex_to_text(person.last), latex_to_text(person.first), role)
                )
        elif field == "author" and entry.authors:
            creators += [creator_from_name(n, role) for n in entry.authors]
        else:
            creators += [creator_from_name(n, role) for n in split_names(fields.get(field, ""))]
    return creators


ZOTERO_KEY = "zotero-key"
"""The field of an entry read from Zotero that holds the item's key."""
ZOTERO_ITEM_TYPE = "zotero-item-type"
"""The field of an entry read from Zotero that holds its item type ("presentation")."""


def _describes(entry: BibEntryLike | None, edition: Edition) -> bool:
    """Whether the edition is the one the entry describes: no publisher or year disagrees."""
    if entry is None:
        return True
    if entry.year and edition.year and entry.year != edition.year:
        return False
    if entry.publisher and edition.publisher:
        ours, theirs = (_bare(p) for p in (entry.publisher, edition.publisher))
        return bool(ours & theirs)
    return True


_PUBLISHER_NOISE = frozenset({"and", "co", "company", "inc", "ltd", "publishers", "press", "sons"})


def _bare(publisher: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", publisher.lower().replace("&", " and ")))
    return (words - _PUBLISHER_NOISE) or words


def _entry_date(fields: dict[str, str], year: int | None) -> str:
    """The entry's date: ``date``, else ``year`` with ``month`` ("1946-02")."""
    if fields.get("date"):
        return fields["date"]
    if not year:
        return ""
    month = fields.get("month", "").strip().lower()
    number = int(month) if month.isdigit() else _MONTHS.get(month[:3], 0)
    return f"{year}-{number:02d}" if 1 <= number <= 12 else str(year)


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}

# What an entry's ``entrysubtype``, ``type``, Zotero item type or the first words of its
# ``howpublished`` name: the kind of work, read as a value, not searched for as a substring.
_KIND_NAMES: dict[str, ItemType] = {
    "speech": ItemType.PRESENTATION,
    "address": ItemType.PRESENTATION,
    "lecture": ItemType.PRESENTATION,
    "talk": ItemType.PRESENTATION,
    "presentation": ItemType.PRESENTATION,
    "letter": ItemType.LETTER,
    "telegram": ItemType.LETTER,
    "interview": ItemType.INTERVIEW,
    "radio broadcast": ItemType.RADIO_BROADCAST,
    "radio address": ItemType.RADIO_BROADCAST,
    "broadcast": ItemType.RADIO_BROADCAST,
    "radiobroadcast": ItemType.RADIO_BROADCAST,
    "newspaper": ItemType.NEWSPAPER_ARTICLE,
    "newspaperarticle": ItemType.NEWSPAPER_ARTICLE,
    "journalarticle": ItemType.JOURNAL_ARTICLE,
    "book": ItemType.BOOK,
    "booksection": ItemType.BOOK_SECTION,
}


def _kind_named(value: str, *, leading: bool = False) -> ItemType | None:
    """The kind a value names exactly ("speech"), or with ``leading`` by its first words."""
    text = " ".join(re.findall(r"[a-z]+", value.lower()))
    if text in _KIND_NAMES:
        return _KIND_NAMES[text]
    if leading:
        for name in sorted(_KIND_NAMES, key=len, reverse=True):
            if text.startswith(name + " "):
                return _KIND_NAMES[name]
    return None


def item_type_for(entry: BibEntryLike | None, citations: Sequence[Citation]) -> ItemType:
    """The kind of work from the data model: Zotero's item type, the entry type and subtype,
    ``type``, the first words of ``howpublished``; only then the occasion the document names."""
    if entry is not None:
        entry_type = entry.entry_type.lower()
        fields = {name.lower(): value for name, value in entry.fields}
        zotero_type = fields.get(ZOTERO_ITEM_TYPE, "")
        if zotero_type in {t.value for t in ItemType}:
            return ItemType(zotero_type)
        subtype = _kind_named(fields.get("entrysubtype", ""))
        if entry_type == "article":
            return (
                ItemType.NEWSPAPER_ARTICLE
                if subtype is ItemType.NEWSPAPER_ARTICLE
                else ItemType.JOURNAL_ARTICLE
            )
        if entry_type in _BIB_TYPES:
            return _BIB_TYPES[entry_type]
        kind = (
            subtype
            or _kind_named(fields.get("type", ""))
            or _kind_named(fields.get("howpublished", ""), leading=True)
        )
        if kind is not None:
            return kind
    for citation in citations:
        occasion = citation.attribution.occasion or ""
        if kind := _kind_from_words(occasion.lower()):
            return kind
    return ItemType.BOOK


def quotation_note(
    work_key: str, citation: Citation, verification: Verification | None, document_name: str
) -> QuotationNote:
    """A checked quotation as a note: the words, both pages, the verdicts and a link to the scan."""
    text = citation.quotation.text
    cited_page = citation.locator.first if citation.locator and citation.locator.first else None
    where = f"{document_name}, line {citation.line}" if citation.line else document_name
    if verification is None:
        return QuotationNote(
            key=note_key(work_key, text),
            citation_id=citation.id,
            quotation=_one_line(text),
            cited_page=cited_page,
            document=where,
        )
    details = [
        f"{change.kind.value}: “{change.document_words}” in the document, “{change.source_words}” in the source"
        + (" (changes the meaning)" if change.meaning_bearing else "")
        for change in verification.changes
    ]
    details += [
        f"the ellipsis leaves out {o.word_count} words: “{o.text}”" for o in verification.omissions
    ]
    details += list(verification.notes)
    details = [_one_line(d) for d in details if d.strip()]
    return QuotationNote(
        key=note_key(work_key, text),
        citation_id=citation.id,
        quotation=_one_line(text),
        cited_page=verification.cited_page or cited_page,
        found_pages=verification.found_pages,
        wording=verification.wording.value,
        page=verification.page.value,
        scan_url=verification.scan_url,
        document=where,
        details=tuple(details),
    )


def note_key(work_key: str, quotation: str) -> str:
    """A key for a quotation note that survives re-runs and edits elsewhere in the document."""
    words = " ".join(re.findall(r"\w+", quotation.lower()))
    return f"{work_key}#{hashlib.sha1(words.encode()).hexdigest()[:10]}"


def note_lines(note: QuotationNote) -> tuple[str, ...]:
    """The note as plain lines, for formats that carry notes as text (RIS, BibTeX, CSL-JSON)."""
    found = ", ".join(note.found_pages) or "not found"
    lines = [
        f"citecheck {note.citation_id}: “{note.quotation}”",
        f"Cited page: {note.cited_page or 'none'}; found on page: {found}",
        f"Wording: {note.wording}; page: {note.page}",
        *note.details,
    ]
    if note.scan_url:
        lines.append(f"Scanned page: {note.scan_url}")
    if note.document:
        lines.append(f"Quoted in: {note.document}")
    lines.append(f"{NOTE_KEY_LINE}: {note.key}")
    return tuple(lines)


def creator_from_name(name: str, role: CreatorRole) -> Creator:
    """ "Carr, Edward Hallett" or "Edward Hallett Carr" as a creator; one word stays one field."""
    name = " ".join(name.split())
    if name.startswith("{") and name.endswith("}"):  # BibTeX's braces: a body, not a person
        return Creator(last=name[1:-1], role=role)
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
        return Creator(last=last, first=first, role=role)
    parts = name.rsplit(" ", 1)
    if len(parts) == 1:
        return Creator(last=name, role=role)
    return Creator(last=parts[1], first=parts[0], role=role)


def split_names(value: str) -> tuple[str, ...]:
    """BibTeX's "A and B" name lists; an "and" inside braces belongs to a name."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group()
        if token in "{}":
            depth += 1 if token == "{" else -1
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return tuple(n.strip() for n in names if n.strip())


def scan_url_for(identifiers: Identifiers) -> str:
    """The scanned text of an edition: Internet Archive, then HathiTrust, then Google Books."""
    if identifiers.internetarchive:
        return f"https://archive.org/details/{identifiers.internetarchive[0]}"
    if identifiers.hathitrust:
        return f"https://babel.hathitrust.org/cgi/pt?id={identifiers.hathitrust[0]}"
    if identifiers.googlebooks:
        return f"https://books.google.com/books?id={identifiers.googlebooks[0]}"
    return ""


def parse_extra(extra: str) -> dict[str, list[str]]:
    """``Label: value`` lines of a Zotero ``extra`` field, by label."""
    values: dict[str, list[str]] = {}
    for line in extra.splitlines():
        label, sep, value = line.partition(":")
        if sep and label.strip() and value.strip():
            values.setdefault(label.strip(), []).append(value.strip())
    return values


def _one_line(text: str) -> str:
    # Notes travel as lines (RIS, BibTeX annote); paragraph breaks of a block quotation would
    # split one note into two.
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class ExtraFacts:
    """What citecheck's ``extra`` lines say: identifiers, the record URL, the work key."""

    oclc: tuple[str, ...] = ()
    lccn: tuple[str, ...] = ()
    doi: tuple[str, ...] = ()
    record_url: str = ""
    key: str = ""
    other: tuple[str, ...] = ()
    """Lines that are none of these."""


def read_extra_lines(lines: Sequence[str]) -> ExtraFacts:
    """The inverse of ``ExportItem.extra_lines``; lines it does not know are kept in ``other``."""
    oclc: list[str] = []
    lccn: list[str] = []
    doi: list[str] = []
    record = key = ""
    other: list[str] = []
    for line in lines:
        label, _, value = line.partition(": ")
        if label == "OCLC":
            oclc.append(value)
        elif label == "LCCN":
            lccn.append(value)
        elif label == "DOI":
            doi.append(value)
        elif label == RECORD_LINE:
            record = value
        elif label == KEY_LINE:
            key = value
        elif line.strip():
            other.append(line)
    return ExtraFacts(tuple(oclc), tuple(lccn), tuple(doi), record, key, tuple(other))


def _kind_from_words(text: str) -> ItemType | None:
    return next((kind for word, kind in _KIND_WORDS if word in text), None)


def _catalog_name(edition: Edition | None) -> str:
    if edition is None or not edition.provenance:
        return ""
    return _CATALOG_NAMES.get(edition.provenance[0].service, "")


def _int_or_none(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def note_html(note: QuotationNote) -> str:
    """The note as Zotero note HTML: a heading with the quotation, then one paragraph a line."""
    first, *rest = note_lines(note)
    parts = [f"<h2>{html.escape(first, quote=False)}</h2>"]
    for line in rest:
        if note.scan_url and line == f"Scanned page: {note.scan_url}":
            url = html.escape(note.scan_url)
            parts.append(f'<p>Scanned page: <a href="{url}">{url}</a></p>')
        else:
            parts.append(f"<p>{html.escape(line, quote=False)}</p>")
    return "".join(parts)


def parse_note_html(text: str) -> QuotationNote | None:
    """A note citecheck wrote, read back from its HTML (also after Zotero rewrapped it)."""
    lines = [
        html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        for _, body in re.findall(r"<(h2|p)\b[^>]*>(.*?)</\1>", text, flags=re.S)
    ]
    return parse_note_lines(lines)


_FIRST_LINE = re.compile(r"citecheck (?P<id>\S+): “(?P<quotation>.*)”$", re.S)
_PAGES_LINE = re.compile(r"Cited page: (?P<cited>.*); found on page: (?P<found>.*)$")
_VERDICT_LINE = re.compile(r"Wording: (?P<wording>.*); page: (?P<page>.*)$")


def parse_note_lines(lines: Sequence[str]) -> QuotationNote | None:
    """The inverse of ``note_lines``; None when the lines are not a citecheck note."""
    lines = [line for line in lines if line.strip()]
    if len(lines) < 4 or not lines[-1].startswith(f"{NOTE_KEY_LINE}: "):
        return None
    first = _FIRST_LINE.match(lines[0])
    pages = _PAGES_LINE.match(lines[1])
    verdicts = _VERDICT_LINE.match(lines[2])
    if not (first and pages and verdicts):
        return None
    scan_url = document = ""
    details: list[str] = []
    for line in lines[3:-1]:
        if line.startswith("Scanned page: "):
            scan_url = line.removeprefix("Scanned page: ")
        elif line.startswith("Quoted in: "):
            document = line.removeprefix("Quoted in: ")
        else:
            details.append(line)
    found = pages["found"]
    return QuotationNote(
        key=lines[-1].removeprefix(f"{NOTE_KEY_LINE}: "),
        citation_id=first["id"],
        quotation=first["quotation"],
        cited_page=None if pages["cited"] == "none" else pages["cited"],
        found_pages=() if found == "not found" else tuple(found.split(", ")),
        wording=verdicts["wording"],
        page=verdicts["page"],
        scan_url=scan_url,
        document=document,
        details=tuple(details),
    )
