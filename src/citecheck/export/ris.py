"""Export items as RIS, tagged the way Zotero's own RIS translator reads and writes them.

Types: BOOK, CHAP, NEWS, JOUR, SOUND (radio broadcast), PCOMM (letter, interview), SLIDE
(presentation). Creators: AU (author; the interviewee of an interview), A2 (editor of a chapter or
article), A3 (editor of a book), A4 (translator). ``M2`` lines carry identifiers without a tag of
their own (OCLC, LCCN), the catalog record and the work key: Zotero puts them into ``extra``. Each
checked quotation is one ``N1`` note in HTML, which Zotero imports as a child note.
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


def ris_record(item: ExportItem) -> list[str]:
    """One item as RIS lines, from ``TY`` to ``ER``."""
    lines = [f"TY  - {RIS_TYPES[item.item_type]}", f"TI  - {item.title}"]
    for creator in item.creators:
        tag = {
            CreatorRole.AUTHOR: "AU",
            CreatorRole.EDITOR: _editor_tag(item.item_type),
            CreatorRole.TRANSLATOR: "A4",
        }[creator.role]
        lines.append(f"{tag}  - {creator.display}")
    pages_tag = "SP"
    fields = [
        ("T2", item.container_title),
        ("DA", item.date.replace("-", "/")),
        ("PY", str(item.year or "")),
        ("CY", item.place),
        ("PB", item.publisher),
        ("ET", item.edition),
        ("VL", item.volume),
        ("IS", item.issue),
        (pages_tag, str(item.page_count or "") if item.item_type is ItemType.BOOK else item.pages),
        ("LA", item.language),
        ("UR", item.url),
        ("DP", item.catalog),
    ]
    lines += [f"{tag}  - {value}" for tag, value in fields if value]
    lines += [f"SN  - {isbn}" for isbn in item.isbn]
    lines += [f"DO  - {doi}" for doi in item.doi]
    lines += [f"M2  - {line}" for line in item.extra_lines()]
    lines.append(f"KW  - {CITECHECK_TAG}")
    lines += [f"N1  - {note_html(note)}" for note in item.notes]
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
    roles = {
        "AU": CreatorRole.AUTHOR,
        _editor_tag(item_type): CreatorRole.EDITOR,
        "A4": CreatorRole.TRANSLATOR,
    }
    creators = tuple(_creator(value, roles[tag]) for tag, value in record if tag in roles)
    extra = read_extra_lines(values.get("M2", []))
    url = one("UR")
    notes = tuple(n for html in values.get("N1", []) if (n := parse_note_html(html)) is not None)
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
    )


def _creator(value: str, role: CreatorRole) -> Creator:
    last, sep, first = value.partition(", ")
    return Creator(last=last, first=first if sep else "", role=role)
