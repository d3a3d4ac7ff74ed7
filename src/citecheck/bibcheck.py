"""Check a .bib file against the catalogs, and apply what the catalogs confirm.

For each entry the best-fitting edition is chosen as in a check; each field is then confirmed,
missing (the catalogs know a value the entry lacks) or disagreeing, with the services behind
each value. ``--write`` adds missing values and applies a correction only when at least two
services agree on it. The file is patched as text, entry by entry, so comments, field order,
unknown fields and string macros stay exactly as they were.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from rapidfuzz import fuzz

from citecheck.atomic import write_text_atomically
from citecheck.bib import decode_bib
from citecheck.errors import InputError
from citecheck.model import (
    Edition,
    Extraction,
    Resolution,
    Service,
    SourceAttempt,
)
from citecheck.resolve import (
    edition_keys,
    query_from_entry,
    resolve_work_with_records,
)
from citecheck.services.fields import surname

if TYPE_CHECKING:
    from citecheck.bib import Bibliography
    from citecheck.model import BibEntry

CONFIRMATIONS_FOR_A_CORRECTION = 2


class FieldStatus(StrEnum):
    CONFIRMED = "confirmed"
    MISSING = "missing"
    DISAGREES = "disagrees"
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field of an entry against what the catalogs say, with the services that say it."""

    field: str
    status: FieldStatus
    entry_value: str
    catalog_value: str
    services: tuple[Service, ...]

    @property
    def applicable(self) -> bool:
        """Whether --write applies it: an addition, or a correction two services agree on."""
        if self.status == FieldStatus.MISSING:
            return bool(self.services)
        if self.status == FieldStatus.DISAGREES:
            return len(set(self.services)) >= CONFIRMATIONS_FOR_A_CORRECTION
        return False


@dataclass(frozen=True, slots=True)
class EntryCheck:
    key: str
    title: str
    edition: Edition | None
    fields: tuple[FieldCheck, ...]
    resolution: Resolution

    @property
    def changes(self) -> tuple[FieldCheck, ...]:
        return tuple(f for f in self.fields if f.applicable)


# The bib fields we check, and how an edition gives their value.
_EDITION_VALUES: dict[str, Callable[[Edition], Sequence[str]]] = {
    "title": lambda e: [e.title] if e.title else [],
    "author": lambda e: [" and ".join(e.authors)] if e.authors else [],
    "year": lambda e: [str(e.year)] if e.year else [],
    "publisher": lambda e: [e.publisher] if e.publisher else [],
    "address": lambda e: [e.place] if e.place else [],
    "pagetotal": lambda e: [str(e.page_count)] if e.page_count else [],
    "isbn": lambda e: list(e.identifiers.isbn),
    "lccn": lambda e: list(e.identifiers.lccn),
    "oclc": lambda e: list(e.identifiers.oclc),
    "openlibrary": lambda e: [k for k in e.identifiers.openlibrary if k.endswith("M")],
    "internetarchive": lambda e: list(e.identifiers.internetarchive),
    "hathitrust": lambda e: list(e.identifiers.hathitrust),
}
_ALIASES = {"address": ("address", "location"), "internetarchive": ("internetarchive", "ia")}
_LIST_FIELDS = {"isbn", "lccn", "oclc", "openlibrary", "internetarchive", "hathitrust"}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", "and")).strip()


def _surnames(authors: str) -> set[str]:
    names = [n.strip() for n in re.split(r"\band\b|;", authors) if n.strip()]
    return {_norm(surname(n)) for n in names}


def values_agree(field: str, entry_value: str, catalog_value: str) -> bool:
    """Whether an entry's value and a catalog's value say the same thing for this field."""
    if field == "author":
        return bool(_surnames(entry_value)) and _surnames(entry_value) == _surnames(catalog_value)
    if field in _LIST_FIELDS:
        entry_ids = {re.sub(r"[^0-9a-z]", "", v.lower()) for v in re.split(r"[,;\s]+", entry_value)}
        return re.sub(r"[^0-9a-z]", "", catalog_value.lower()) in entry_ids
    if field == "title":
        entry_main = _norm(entry_value.split(":", maxsplit=1)[0])
        return fuzz.token_set_ratio(_norm(entry_value), _norm(catalog_value)) >= 90 or (
            entry_main == _norm(catalog_value.split(":", maxsplit=1)[0])
        )
    if field in ("publisher", "address"):
        return fuzz.token_set_ratio(_norm(entry_value), _norm(catalog_value)) >= 85
    return _norm(entry_value) == _norm(catalog_value)


def _entry_value(entry: BibEntry, field: str) -> str:
    fields = dict(entry.fields)
    for name in _ALIASES.get(field, (field,)):
        if name in fields:
            return str(fields[name])
    return ""


def _services_of(record: Edition) -> tuple[Service, ...]:
    return tuple(dict.fromkeys(p.service for p in record.provenance))


def check_fields(
    entry: BibEntry, best: Edition, records: Iterable[Edition]
) -> tuple[FieldCheck, ...]:
    """Each checked field of the entry against the records of the best edition."""
    same_edition = [r for r in records if edition_keys(r) & edition_keys(best)] or [best]
    checks = []
    for field, values_of in _EDITION_VALUES.items():
        entry_value = _entry_value(entry, field)
        by_value: dict[str, list[Service]] = {}
        for record in same_edition:
            for value in values_of(record):
                by_value.setdefault(value, []).extend(_services_of(record))
        if not by_value:
            checks.append(FieldCheck(field, FieldStatus.UNCHECKED, entry_value, "", ()))
            continue
        if entry_value:
            agreeing = [v for v in by_value if values_agree(field, entry_value, v)]
            if agreeing:
                services = tuple(dict.fromkeys(s for v in agreeing for s in by_value[v]))
                checks.append(
                    FieldCheck(field, FieldStatus.CONFIRMED, entry_value, agreeing[0], services)
                )
                continue
        value, supporting = max(by_value.items(), key=lambda item: len(set(item[1])))
        status = FieldStatus.DISAGREES if entry_value else FieldStatus.MISSING
        checks.append(
            FieldCheck(field, status, entry_value, value, tuple(dict.fromkeys(supporting)))
        )
    return tuple(checks)


def check_bibliography(bibliography: Bibliography, catalogs: Sequence[object]) -> list[EntryCheck]:
    """Check every entry of a bibliography against the catalogs."""
    results = []
    for entry in bibliography.entries:
        resolution, records = resolve_work_with_records(query_from_entry(entry), catalogs)
        best = resolution.best
        fields = check_fields(entry, best, records) if best else ()
        results.append(EntryCheck(entry.key, entry.title, best, fields, resolution))
    return results


# --------------------------------------------------------------------------------------------
# Presenting and writing
# --------------------------------------------------------------------------------------------


def format_checks(checks: Sequence[EntryCheck]) -> str:
    """A readable account per entry: confirmed, missing, disagreeing, and who says so."""
    lines = []
    for check in checks:
        lines.append(f"{check.key}: {check.title}")
        if check.edition is None:
            lines.extend(f"  ! {f.message}" for f in check.resolution.findings)
        else:
            edition = check.edition
            lines.append(
                f"  edition: {edition.title}, {edition.publisher or '?'}, {edition.year or '?'}"
            )
            for field in check.fields:
                if field.status == FieldStatus.UNCHECKED:
                    continue
                services = ", ".join(s.value for s in field.services)
                mark = {"confirmed": "ok", "missing": "+", "disagrees": "≠"}[field.status.value]
                detail = field.catalog_value
                if field.status == FieldStatus.DISAGREES:
                    detail = f"{field.entry_value!r} but the catalogs say {field.catalog_value!r}"
                    if not field.applicable:
                        detail += " (one service only: not applied)"
                lines.append(
                    f"  {mark:2} {field.status.value:9} {field.field:15} {detail}  [{services}]"
                )
            lines.extend(f"  ! {f.message}" for f in check.resolution.findings)
        failed = [a for a in check.resolution.attempts if a.outcome.value not in ("ok", "empty")]
        lines.extend(_attempt_line(a) for a in failed)
    return "\n".join(lines) + "\n"


def _attempt_line(attempt: SourceAttempt) -> str:
    return f"  source failed: {attempt.service.value}: {attempt.outcome.value} {attempt.detail}"


def _bib_value(text: str) -> str:
    return "{" + text.replace("{", "").replace("}", "") + "}"


def patch_entry(raw: str, changes: Sequence[FieldCheck]) -> str:
    """The entry's text with additions inserted before its closing brace and corrections applied."""
    patched = raw
    for change in changes:
        if change.status == FieldStatus.DISAGREES:
            pattern = re.compile(
                rf"(\b{re.escape(change.field)}\s*=\s*)(\{{(?:[^{{}}]|\{{[^{{}}]*\}})*\}}|\"[^\"]*\"|\d+)",
                re.IGNORECASE,
            )
            replacement = _bib_value(change.catalog_value).replace("\\", "\\\\")
            patched = pattern.sub(r"\g<1>" + replacement, patched, count=1)
    additions = [c for c in changes if c.status == FieldStatus.MISSING]
    if additions:
        body = patched.rstrip()
        assert body.endswith("}")
        head = body[:-1].rstrip()
        indent = _field_indent(raw)
        separator = "" if head.endswith(",") else ","
        new_lines = "".join(
            f"\n{indent}{c.field} = {_bib_value(c.catalog_value)}," for c in additions
        )
        patched = head + separator + new_lines.rstrip(",") + "\n}" + patched[len(body) :]
    return patched


def _field_indent(raw: str) -> str:
    match = re.search(r"\n([ \t]+)\w+\s*=", raw)
    return match.group(1) if match else "  "


def write_corrections(path: Path, checks: Sequence[EntryCheck]) -> list[str]:
    """Apply the applicable changes to the file atomically, keeping a .bak; returns what changed."""
    try:
        decoded = decode_bib(path.read_bytes())
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", path=str(path)) from None
    text = decoded.text
    library = parse_string(text)
    changes_by_key = {c.key: c.changes for c in checks if c.changes}
    lines = text.splitlines(keepends=True)
    applied: list[str] = []
    # Patch from the end so earlier line numbers stay valid.
    for entry in sorted(library.entries, key=lambda e: e.start_line or 0, reverse=True):
        changes = changes_by_key.get(entry.key)
        if not changes or entry.raw is None or entry.start_line is None:
            continue
        start = sum(len(line) for line in lines[: entry.start_line])
        at = text.find(entry.raw, start)
        if at < 0:
            raise InputError(f"entry {entry.key} could not be located for writing", path=str(path))
        text = text[:at] + patch_entry(entry.raw, changes) + text[at + len(entry.raw) :]
        lines = text.splitlines(keepends=True)
        applied.extend(
            f"{entry.key}: {c.status.value} {c.field} = {c.catalog_value}" for c in changes
        )
    if not applied:
        return []
    encoding = "utf-8" if decoded.encoding == "utf-8" else decoded.encoding
    try:
        text.encode(encoding)
    except UnicodeEncodeError as error:
        # The file stays in the encoding its user's LaTeX set-up expects; a value it cannot hold is
        # refused rather than written as something else.
        raise InputError(
            f"the file is {encoding}, which cannot hold {error.object[error.start : error.end]!r} "
            "from the catalogs; save it as UTF-8 and run again (nothing was written)",
            path=str(path),
        ) from None
    shutil.copy2(path, path.with_name(path.name + ".bak"))
    write_text_atomically(path, text, encoding=encoding)
    return sorted(applied)


def bib_for_document(extraction: Extraction, resolutions: Sequence[Resolution]) -> str:
    """A .bib of the works a document cites, from the best edition of each resolved work."""
    library = Library()
    for resolution in resolutions:
        edition = resolution.best
        fields = {"title": resolution.query_title}
        if resolution.query_authors:
            fields["author"] = " and ".join(resolution.query_authors)
        if edition is not None:
            for name, values_of in _EDITION_VALUES.items():
                values = values_of(edition)
                if values and name not in fields:
                    fields[name] = ", ".join(values) if name in _LIST_FIELDS else values[0]
        cited = sorted({c.id for c in extraction.citations if _cites(c, resolution.work_key)})
        if cited:
            fields["note"] = "cited for quotations " + ", ".join(cited)
        entry = Entry(
            "book",
            resolution.work_key,
            [Field(k, v) for k, v in fields.items()],
        )
        library.add(entry)
    return write_string(library)


def _cites(citation: object, key: str) -> bool:
    bib = getattr(citation, "bib", None)
    inter = getattr(citation, "intermediary_bib", None)
    return (bib is not None and bib.key == key) or (inter is not None and inter.key == key)
