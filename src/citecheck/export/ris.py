"""Export items as RIS, tagged the way Zotero's own RIS translator reads and writes them.

Types: BOOK, CHAP, NEWS, JOUR, SOUND (radio broadcast), PCOMM (letter, interview), SLIDE
(presentation, which Zotero reads back as a presentation). Creators: AU (author; the interviewee
of an interview), A2 (editor of a chapter or article; the presenter of a presentation, the
recipient of a letter, the interviewer), A3 (editor of a book), A4 (translator); ``M3`` is the kind
of speech or letter, ``T2`` the book, paper, programme or meeting. This follows the tag map of
Zotero's RIS translator (zotero/translators, RIS.js, ``fieldMap``, commit 02364441cf8f).
``M2`` lines carry identifiers without a tag of their own (OCLC, LCCN), the catalog record and the
work key: Zotero puts them into ``extra``. Each checked quotation is one ``N1`` note in HTML,
which Zotero imports as a child note; the user's own note is an ``N1`` of plain text.

A tag line ends at its line end: every value is written on one line (a line break inside a title
or note becomes a space), so that any RIS reader, citecheck's among them, reads the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.errors import InputError
from citecheck.export.items import (
    CITECHECK_TAG,
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    note_html,
    parse_note_html,
    read_extra_lines,
)
from citecheck.export.language import iso639_1

RIS_TYPES = {
    ItemType.BOOK: "BOOK",
    ItemType.BOOK_SECTION: "CHAP",
    ItemType.NEWSPAPER_ARTICLE: "NEWS",
    ItemType.JOURNAL_ARTICLE: "JOUR",
    ItemType.RADIO_BROADCAST: "SOUND",
    ItemType.LETTER: "PCOMM",
    ItemType.INTERVIEW: "PCOMM",
    ItemType.PRESENTATION: "SLIDE",
}
_ITEM_TYPES = {
    "BOOK": ItemType.BOOK,
    "CHAP": ItemType.BOOK_SECTION,
    "NEWS": ItemType.NEWSPAPER_ARTICLE,
    "JOUR": ItemType.JOURNAL_ARTICLE,
    "SOUND": ItemType.RADIO_BROADCAST,
    "PCOMM": ItemType.LETTER,
    "SLIDE": ItemType.PRESENTATION,
}
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")


def _editor_tag(item_type: ItemType) -> str:
    return "A3" if item_type is ItemType.BOOK else "A2"


def _creator_tags(item_type: ItemType) -> dict[CreatorRole, str]:
    return {
        CreatorRole.AUTHOR: "A2" if item_type is ItemType.PRESENTATION else "AU",
        CreatorRole.EDITOR: _editor_tag(item_type),
        CreatorRole.TRANSLATOR: "A4",
        CreatorRole.RECIPIENT: "A2",
        CreatorRole.INTERVIEWER: "A2",
    }


def _reading_roles(item_type: ItemType) -> dict[str, CreatorRole]:
    if item_type is ItemType.PRESENTATION:
        return {"AU": CreatorRole.AUTHOR, "A2": CreatorRole.AUTHOR, "A4": CreatorRole.TRANSLATOR}
    if item_type is ItemType.LETTER:
        return {"AU": CreatorRole.AUTHOR, "A2": CreatorRole.RECIPIENT, "A4": CreatorRole.TRANSLATOR}
    return {
        "AU": CreatorRole.AUTHOR,
        _editor_tag(item_type): CreatorRole.EDITOR,
        "A4": CreatorRole.TRANSLATOR,
    }


def _line(tag: str, value: str) -> str:
    # A line break would end the tag line; RIS has no continuation lines.
    return f"{tag}  - {' '.join(value.split())}"


def ris_record(item: ExportItem) -> list[str]:
    """One item as RIS lines, from ``TY`` to ``ER``."""
    lines = [f"TY  - {RIS_TYPES[item.item_type]}", _line("TI", item.title)]
    tags = _creator_tags(item.item_type)
    lines += [_line(tags[c.role], c.display) for c in item.creators]
    pages_tag = "SP"
    fields = [
        ("T2", item.container_title),
        ("M3", item.genre),
        ("DA", item.date.replace("-", "/")),
        ("PY", str(item.year or "")),
        ("CY", item.place),
        ("PB", item.publisher),
        ("ET", item.edition),
        ("VL", item.volume),
        ("IS", item.issue),
        (pages_tag, str(item.page_count or "") if item.item_type is ItemType.BOOK else item.pages),
        ("LA", iso639_1(item.language)),
        ("UR", item.url),
        ("DP", item.catalog),
    ]
    lines += [_line(tag, value) for tag, value in fields if value]
    lines += [_line("SN", isbn) for isbn in item.isbn]
    lines += [_line("DO", doi) for doi in item.doi]
    lines += [_line("M2", line) for line in item.extra_lines()]
    lines.append(f"KW  - {CITECHECK_TAG}")
    if item.note.strip():
        lines.append(_line("N1", item.note))
    lines += [_line("N1", note_html(note)) for note in item.notes]
    lines.append("ER  - ")
    return lines


def to_ris(items: Sequence[ExportItem]) -> str:
    """The items as an RIS file (CRLF line ends, as the format prescribes)."""
    return "".join("\r\n".join(ris_record(item)) + "\r\n\r\n" for item in items)


def parse_ris(text: str, *, name: str = "<ris>") -> tuple[ExportItem, ...]:
    """RIS that citecheck wrote, read back as export items."""
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TAG_LINE.match(line)
        if not match:
            raise InputError("not an RIS tag line", path=name, line=number)
        tag, value = match.groups()
        if tag == "TY":
            current = [(tag, value)]
        elif current is None:
            raise InputError(f"{tag} before the first TY", path=name, line=number)
        elif tag == "ER":
            records.append(current)
            current = None
        else:
            current.append((tag, value))
    return tuple(_export_item(record) for record in records)


def _export_item(record: list[tuple[str, str]]) -> ExportItem:
    values: dict[str, list[str]] = {}
    for tag, value in record:
        values.setdefault(tag, []).append(value)

    def one(tag: str) -> str:
        return values.get(tag, [""])[0]

    item_type = _ITEM_TYPES.get(one("TY"), ItemType.BOOK)
    roles = _reading_roles(item_type)
    creators = tuple(_creator(value, roles[tag]) for tag, value in record if tag in roles)
    extra = read_extra_lines(values.get("M2", []))
    url = one("UR")
    notes = tuple(n for html in values.get("N1", []) if (n := parse_note_html(html)) is not None)
    own_notes = [text for text in values.get("N1", []) if parse_note_html(text) is None]
    pages = one("SP")
    return ExportItem(
        key=extra.key,
        item_type=item_type,
        title=one("TI"),
        creators=creators,
        container_title=one("T2"),
        date=one("DA").replace("/", "-") or one("PY"),
        place=one("CY"),
        publisher=one("PB"),
        pages="" if item_type is ItemType.BOOK else pages,
        page_count=int(pages) if item_type is ItemType.BOOK and pages.isdigit() else None,
        edition=one("ET"),
        language=one("LA"),
        volume=one("VL"),
        issue=one("IS"),
        isbn=tuple(values.get("SN", [])),
        oclc=extra.oclc,
        lccn=extra.lccn,
        doi=tuple(values.get("DO", [])),
        record_url=extra.record_url,
        scan_url="" if url == extra.record_url else url,
        catalog=one("DP"),
        notes=notes,
        genre=one("M3"),
        note="\n".join(own_notes),
    )


def _creator(value: str, role: CreatorRole) -> Creator:
    last, sep, first = value.partition(", ")
    return Creator(last=last, first=first if sep else "", role=role)
