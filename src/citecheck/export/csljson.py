"""Export items as CSL-JSON, the input format of citation processors, which Zotero imports as is.

Types and variables follow the Zotero↔CSL mapping of the Zotero schema (``csl`` block): a speech is
``speech``, a letter ``personal_communication`` with its ``recipient``, an interview ``interview``
with its ``interviewer``; what kind of speech or letter it is (the .bib's ``howpublished``) is
``genre``; ``language`` is ISO 639-1. The user's own note, then the identifiers with no CSL variable
(OCLC, LCCN), the catalog record and the work key go to ``note``, the latter as ``Label: value``
lines, which Zotero's import puts into ``extra``; the checked quotations go to
``annote``, one paragraph each. Output is validated against the official CSL-JSON schema, shipped as
``csl-data.schema.json`` (schemas/input/csl-data.json of github.com/citation-style-language/schema,
MIT licence, see ``csl-data.schema.LICENSE``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from citecheck.errors import InputError
from citecheck.export.items import (
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    QuotationNote,
    note_lines,
    parse_note_lines,
    read_extra_lines,
)
from citecheck.export.language import iso639_1

CSL_TYPES = {
    ItemType.BOOK: "book",
    ItemType.BOOK_SECTION: "chapter",
    ItemType.NEWSPAPER_ARTICLE: "article-newspaper",
    ItemType.JOURNAL_ARTICLE: "article-journal",
    ItemType.RADIO_BROADCAST: "broadcast",
    ItemType.LETTER: "personal_communication",
    ItemType.INTERVIEW: "interview",
    ItemType.PRESENTATION: "speech",
}
_ITEM_TYPES = {csl: item_type for item_type, csl in CSL_TYPES.items()}
_ROLES = {
    CreatorRole.AUTHOR: "author",
    CreatorRole.EDITOR: "editor",
    CreatorRole.TRANSLATOR: "translator",
    CreatorRole.RECIPIENT: "recipient",
    CreatorRole.INTERVIEWER: "interviewer",
}


def csl_item(item: ExportItem) -> dict[str, Any]:
    """One export item as a CSL-JSON item."""
    data: dict[str, Any] = {"id": item.key, "type": CSL_TYPES[item.item_type], "title": item.title}
    for role, variable in _ROLES.items():
        names = [_csl_name(c) for c in item.creators if c.role is role]
        if names:
            data[variable] = names
    text = {
        "container-title": item.container_title,
        "publisher": item.publisher,
        "publisher-place": item.place,
        "page": item.pages,
        "edition": item.edition,
        "language": iso639_1(item.language),
        "genre": item.genre,
        "original-title": item.original_title,
        "volume": item.volume,
        "issue": item.issue,
        "ISBN": " ".join(item.isbn),
        "DOI": " ".join(item.doi),
        "URL": item.url,
        "source": item.catalog,
    }
    data.update({name: value for name, value in text.items() if value})
    if item.page_count:
        data["number-of-pages"] = str(item.page_count)
    if item.date:
        data["issued"] = _csl_date(item.date)
    data["note"] = "\n".join([*item.note.splitlines(), *item.extra_lines()])
    if item.notes:
        data["annote"] = "\n\n".join("\n".join(note_lines(n)) for n in item.notes)
    return data


def to_csljson(items: Sequence[ExportItem]) -> str:
    """The items as a CSL-JSON document (an array), pretty-printed UTF-8."""
    return json.dumps([csl_item(item) for item in items], ensure_ascii=False, indent=2) + "\n"


def validation_errors(text: str) -> list[str]:
    """Where a CSL-JSON document breaks the official schema; empty when it is valid."""
    validator = jsonschema.Draft7Validator(_schema())
    document = json.loads(text)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def parse_csljson(text: str, *, name: str = "<csl-json>") -> tuple[ExportItem, ...]:
    """CSL-JSON that citecheck wrote, read back as export items."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg}", path=name, line=error.lineno) from None
    if not isinstance(document, list):
        raise InputError("a CSL-JSON document is an array of items", path=name)
    return tuple(_export_item(entry) for entry in document if isinstance(entry, dict))


def _export_item(data: dict[str, Any]) -> ExportItem:
    extra = read_extra_lines(str(data.get("note", "")).splitlines())
    creators = tuple(
        _creator(name, role) for role, variable in _ROLES.items() for name in data.get(variable, [])
    )
    url = str(data.get("URL", ""))
    notes: list[QuotationNote] = []
    for block in re.split(r"\n\s*\n", str(data.get("annote", ""))):
        note = parse_note_lines(block.splitlines())
        if note is not None:
            notes.append(note)
    pages = data.get("number-of-pages")
    return ExportItem(
        key=extra.key or str(data.get("id", "")),
        item_type=_ITEM_TYPES.get(str(data.get("type")), ItemType.BOOK),
        title=str(data.get("title", "")),
        creators=creators,
        container_title=str(data.get("container-title", "")),
        date=_date_text(data.get("issued")),
        place=str(data.get("publisher-place", "")),
        publisher=str(data.get("publisher", "")),
        pages=str(data.get("page", "")),
        page_count=int(pages) if pages is not None and str(pages).isdigit() else None,
        edition=str(data.get("edition", "")),
        language=str(data.get("language", "")),
        volume=str(data.get("volume", "")),
        issue=str(data.get("issue", "")),
        isbn=tuple(str(data.get("ISBN", "")).split()),
        oclc=extra.oclc,
        lccn=extra.lccn,
        doi=tuple(str(data.get("DOI", "")).split()),
        record_url=extra.record_url,
        scan_url="" if url == extra.record_url else url,
        catalog=str(data.get("source", "")),
        notes=tuple(notes),
        genre=str(data.get("genre", "")),
        note="\n".join(extra.other),
        original_title=str(data.get("original-title", "")),
    )


def _csl_name(creator: Creator) -> dict[str, str]:
    if creator.single_field:
        return {"literal": creator.last}
    return {"family": creator.last, "given": creator.first}


def _creator(name: dict[str, str], role: CreatorRole) -> Creator:
    if "literal" in name:
        return Creator(last=name["literal"], role=role)
    return Creator(last=name.get("family", ""), first=name.get("given", ""), role=role)


def _csl_date(date: str) -> dict[str, Any]:
    """ "1941-07-03" / "1941-07" / "1941" as date-parts; anything else as a raw date."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date.strip())
    if not match:
        return {"raw": date}
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def _date_text(issued: Any) -> str:
    if not isinstance(issued, dict):
        return ""
    if "raw" in issued:
        return str(issued["raw"])
    parts = (issued.get("date-parts") or [[]])[0]
    return "-".join(f"{int(p):04d}" if i == 0 else f"{int(p):02d}" for i, p in enumerate(parts))


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("citecheck.export").joinpath("csl-data.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
