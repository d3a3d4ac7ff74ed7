"""Export items as BibTeX (written with bibtexparser v2), in the form Zotero's BibTeX import reads.

Entry types as Zotero's translator maps them: ``@book``, ``@incollection`` (book section),
``@article`` (newspaper and journal articles; ``entrysubtype = {newspaper}`` tells them apart for
biblatex and for citecheck), ``@letter``, ``@misc`` (broadcast, interview, speech; ``type`` says
which). The entry key is the work key. ``lccn`` is read by Zotero into ``extra``; the other
``extra`` lines (OCLC, catalog record, work key) go to ``note``, as Zotero's own BibTeX export does;
the checked quotations go to ``annote``, which Zotero imports as a child note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from citecheck.errors import InputError
from citecheck.export.items import (
    CITECHECK_TAG,
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    QuotationNote,
    note_lines,
    parse_note_lines,
    read_extra_lines,
    split_names,
)

BIBTEX_TYPES = {
    ItemType.BOOK: "book",
    ItemType.BOOK_SECTION: "incollection",
    ItemType.NEWSPAPER_ARTICLE: "article",
    ItemType.JOURNAL_ARTICLE: "article",
    ItemType.RADIO_BROADCAST: "misc",
    ItemType.LETTER: "letter",
    ItemType.INTERVIEW: "misc",
    ItemType.PRESENTATION: "misc",
}
_MISC_TYPES = {
    ItemType.RADIO_BROADCAST: "radio broadcast",
    ItemType.INTERVIEW: "interview",
    ItemType.PRESENTATION: "speech",
}
_CONTAINER = {
    ItemType.BOOK_SECTION: "booktitle",
    ItemType.NEWSPAPER_ARTICLE: "journal",
    ItemType.JOURNAL_ARTICLE: "journal",
}


def bibtex_entry(item: ExportItem) -> Entry:
    """One export item as a bibtexparser entry."""
    fields: list[tuple[str, str]] = [("title", item.title)]
    for role in CreatorRole:
        names = [c.display for c in item.creators if c.role is role]
        if names:
            fields.append((role.value, " and ".join(_protect(n) for n in names)))
    if item.container_title:
        fields.append((_CONTAINER.get(item.item_type, "howpublished"), item.container_title))
    if item.item_type is ItemType.NEWSPAPER_ARTICLE:
        fields.append(("entrysubtype", "newspaper"))
    if item.item_type in _MISC_TYPES:
        fields.append(("type", _MISC_TYPES[item.item_type]))
    fields += [
        ("date" if item.date and not item.date.isdigit() else "year", item.date),
        ("address", item.place),
        ("publisher", item.publisher),
        ("edition", item.edition),
        ("volume", item.volume),
        ("number", item.issue),
        (
            "pages",
            str(item.page_count or "")
            if item.item_type is ItemType.BOOK
            else item.pages.replace("-", "--"),
        ),
        ("language", item.language),
        ("isbn", ", ".join(item.isbn)),
        ("doi", " ".join(item.doi)),
        ("lccn", ", ".join(item.lccn)),
        ("url", item.url),
        ("note", "\n".join(line for line in item.extra_lines() if not line.startswith("LCCN: "))),
        ("keywords", CITECHECK_TAG),
        ("annote", "\n\n".join("\n".join(note_lines(n)) for n in item.notes)),
    ]
    return Entry(
        BIBTEX_TYPES[item.item_type],
        item.key,
        [Field(name, _balanced(value)) for name, value in fields if value],
    )


def to_bibtex(items: Sequence[ExportItem]) -> str:
    """The items as a BibTeX file."""
    return str(write_string(Library([bibtex_entry(item) for item in items])))


def parse_bibtex(text: str, *, name: str = "<bibtex>") -> tuple[ExportItem, ...]:
    """BibTeX that citecheck wrote, read back as export items."""
    library = parse_string(text)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise InputError(
            "a BibTeX block could not be parsed",
            path=name,
            line=block.start_line + 1 if block.start_line is not None else None,
        )
    return tuple(_export_item(entry) for entry in library.entries)


def _export_item(entry: Entry) -> ExportItem:
    values = {f.key.lower(): str(f.value) for f in entry.fields}
    item_type = _item_type(entry.entry_type.lower(), values)
    creators = tuple(
        _creator(name, role)
        for role in CreatorRole
        for name in split_names(values.get(role.value, ""))
    )
    extra = read_extra_lines(values.get("note", "").splitlines())
    url = values.get("url", "")
    notes: list[QuotationNote] = []
    for block in re.split(r"\n\s*\n", values.get("annote", "")):
        note = parse_note_lines(block.splitlines())
        if note is not None:
            notes.append(note)
    pages = values.get("pages", "")
    container = next(
        (values[k] for k in ("booktitle", "journal", "howpublished") if k in values), ""
    )
    return ExportItem(
        key=extra.key or entry.key,
        item_type=item_type,
        title=values.get("title", ""),
        creators=creators,
        container_title=container,
        date=values.get("date", "") or values.get("year", ""),
        place=values.get("address", ""),
        publisher=values.get("publisher", ""),
        pages="" if item_type is ItemType.BOOK else pages.replace("--", "-"),
        page_count=int(pages) if item_type is ItemType.BOOK and pages.isdigit() else None,
        edition=values.get("edition", ""),
        language=values.get("language", ""),
        volume=values.get("volume", ""),
        issue=values.get("number", ""),
        isbn=tuple(v for v in values.get("isbn", "").split(", ") if v),
        oclc=extra.oclc,
        lccn=tuple(v for v in values.get("lccn", "").split(", ") if v),
        doi=tuple(values.get("doi", "").split()),
        record_url=extra.record_url,
        scan_url="" if url == extra.record_url else url,
        notes=tuple(notes),
    )


def _item_type(entry_type: str, values: dict[str, str]) -> ItemType:
    if entry_type == "article":
        newspaper = values.get("entrysubtype", "") == "newspaper"
        return ItemType.NEWSPAPER_ARTICLE if newspaper else ItemType.JOURNAL_ARTICLE
    if entry_type == "misc":
        kinds = {label: kind for kind, label in _MISC_TYPES.items()}
        return kinds.get(values.get("type", ""), ItemType.BOOK)
    by_entry = {
        label: kind for kind, label in BIBTEX_TYPES.items() if label not in ("article", "misc")
    }
    return by_entry.get(entry_type, ItemType.BOOK)


def _protect(name: str) -> str:
    # A name without a comma is a body ("Institute of Physics"): braces keep BibTeX from
    # splitting it into first and last names.
    return name if "," in name else f"{{{name}}}"


def _creator(name: str, role: CreatorRole) -> Creator:
    if name.startswith("{") and name.endswith("}"):
        return Creator(last=name[1:-1], role=role)
    last, _, first = name.partition(", ")
    return Creator(last=last, first=first, role=role)


def _balanced(value: str) -> str:
    """A value BibTeX can hold: braces that do not pair would end the field early."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    return value if depth == 0 else value.replace("{", "(").replace("}", ")")
