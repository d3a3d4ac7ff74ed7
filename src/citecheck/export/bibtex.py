"""Export items as BibTeX for biblatex and biber, keeping the user's own entries as they wrote them.

A work from the user's .bib is written from its own fields, as written (its LaTeX, its macros,
its entry type): the user's bibliography wins. Three repairs keep LaTeX and biber from stumbling
over what the file meant: an unescaped ``& % # _`` in text is escaped, the capitals of a title
without braces are protected, and an ``and`` inside one publisher's or place's name becomes
``{and}`` (biblatex reads ``publisher`` and ``location`` as lists). Facts the entry lacks are then
filled from the edition the check settled on (``items.export_item`` decides which), encoded by
bibtexparser's ``LatexEncodingMiddleware`` so that ``& % $ # _ { } ~ ^ \\`` arrive as text; letters
stay UTF-8, which biber reads.

biblatex's data model decides the field names (with the BibTeX names biber maps, ``journal`` and
``address``, so that BibTeX styles read the file too): ``pagetotal`` for a book's pages, ``entrysubtype`` for a newspaper article, a speech, a letter; ``namea`` with
``nameatype`` for a letter's recipient or an interviewer. A field biblatex does not know (the
user's ``alttitle``, an OCLC number) would make biber warn and drop it, so it travels in ``annote``
as a ``field NAME = {VALUE}`` line, which ``citecheck.bib`` reads back into the entry; the checked
quotations follow there too, one line each, escaped like any text. Zotero's BibTeX import makes a
child note of ``annote``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexEncodingMiddleware
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import (
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
)

from citecheck.bib import parse_bibliography
from citecheck.errors import InputError
from citecheck.export.items import (
    CITECHECK_TAG,
    NOTE_KEY_LINE,
    RECORD_LINE,
    Creator,
    CreatorRole,
    ExportItem,
    ItemType,
    QuotationNote,
    export_item,
    note_lines,
    parse_note_lines,
    read_extra_lines,
)
from citecheck.export.language import babel_name

BIBTEX_TYPES = {
    ItemType.BOOK: "book",
    ItemType.BOOK_SECTION: "incollection",
    ItemType.NEWSPAPER_ARTICLE: "article",
    ItemType.JOURNAL_ARTICLE: "article",
    ItemType.RADIO_BROADCAST: "misc",
    ItemType.LETTER: "misc",
    ItemType.INTERVIEW: "misc",
    ItemType.PRESENTATION: "misc",
}
"""Entry types of works that do not come from the user's .bib. biblatex's ``@letter`` accepts
neither author nor title in biber's data model, so a letter is a ``@misc`` with a subtype."""
SUBTYPES = {
    ItemType.NEWSPAPER_ARTICLE: "newspaper",
    ItemType.RADIO_BROADCAST: "radio broadcast",
    ItemType.LETTER: "letter",
    ItemType.INTERVIEW: "interview",
    ItemType.PRESENTATION: "speech",
}
_CONTAINER = {
    ItemType.BOOK_SECTION: "booktitle",
    ItemType.NEWSPAPER_ARTICLE: "journal",
    ItemType.JOURNAL_ARTICLE: "journal",
}
"""Where the book, paper or journal goes; a broadcast's station is its ``organization``.
BibTeX's ``journal`` and ``address`` are what BibTeX styles read, and biber reads them as
``journaltitle`` and ``location``: one file serves both."""
# Fields biber's data model refuses for a @misc (it warns "Invalid field"); citecheck carries
# them in annote instead.
_NOT_FOR_MISC = frozenset(
    {"publisher", "edition", "volume", "number", "pages", "pagetotal", "isbn", "series"}
)

# The fields of biblatex's data model (biblatex manual §2.2: data fields, special fields, custom
# fields) and the BibTeX names biber's default source map renames (address, annote, journal, key,
# pdf, school, archiveprefix, primaryclass). Any other field is carried in ``annote``.
BIBLATEX_FIELDS = frozenset(
    """
    abstract addendum afterword annotation annotator author authortype bookauthor bookpagination
    booksubtitle booktitle booktitleaddon chapter commentator date doi edition editor editora
    editorb editorc editortype editoratype editorbtype editorctype eid entrysubtype eprint
    eprintclass eprinttype eventdate eventtitle eventtitleaddon file foreword holder howpublished
    indextitle institution introduction isan isbn ismn isrn issn issue issuesubtitle issuetitle
    issuetitleaddon iswc journalsubtitle journaltitle journaltitleaddon label language library
    location mainsubtitle maintitle maintitleaddon month nameaddon note number organization
    origdate origlanguage origlocation origpublisher origtitle pages pagetotal pagination part
    publisher pubstate reprinttitle series shortauthor shorteditor shorthand shorthandintro
    shortjournal shortseries shorttitle subtitle title titleaddon translator type url urldate
    venue version volume volumes year
    crossref entryset execute gender langid langidopts ids indexsorttitle keywords options presort
    related relatedoptions relatedtype relatedstring sortkey sortname sortshorthand sorttitle
    sortyear xdata xref
    namea nameb namec nameatype namebtype namectype lista listb listc listd liste listf usera
    userb userc userd usere userf verba verbb verbc
    address annote journal key pdf school archiveprefix primaryclass
    """.split()  # noqa: SIM905
)
_TITLE_FIELDS = frozenset(
    {"title", "subtitle", "booktitle", "maintitle", "origtitle", "eventtitle", "titleaddon"}
)
_LIST_FIELDS = frozenset(
    {"publisher", "location", "address", "institution", "organization", "origlocation"}
)
_VERBATIM_FIELDS = frozenset(
    {"url", "doi", "eprint", "file", "pdf", "isbn", "issn", "verba", "verbb", "verbc", "ids"}
)
_NAME_FIELDS = frozenset({"author", "editor", "translator", "namea", "nameb", "namec"})
# A user's field that stands for one citecheck would add (BibTeX and biblatex names alike).
_SAME_AS = {
    "address": "location",
    "journal": "journaltitle",
    "annotation": "annote",
    "year": "date",
    "langid": "language",
    "issue": "number",
}

_SPECIALS = {
    ord("&"): r"\&",
    ord("%"): r"\%",
    ord("$"): r"\$",
    ord("#"): r"\#",
    ord("_"): r"\_",
    # An escaped brace still counts for BibTeX's brace matching; these commands do not.
    ord("{"): r"\textbraceleft{}",
    ord("}"): r"\textbraceright{}",
    ord("~"): r"\textasciitilde{}",
    ord("^"): r"\textasciicircum{}",
    ord("\\"): r"\textbackslash{}",
}
_ENCODING = LatexEncodingMiddleware(
    encoder=UnicodeToLatexEncoder(
        conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, _SPECIALS)],
        replacement_latex_protection="none",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    ),
    allow_inplace_modification=True,
)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def to_bibtex(items: Sequence[ExportItem]) -> str:
    """The items as a BibTeX file for biblatex (UTF-8)."""
    return str(write_string(Library([bibtex_entry(item) for item in items])))


def bibtex_entry(item: ExportItem) -> Entry:
    """One export item as a bibtexparser entry: the user's fields as given, gaps filled."""
    fields: list[Field] = []
    carried: list[str] = []
    user_annote = ""
    user_keywords: list[str] = []
    for name, written in item.bib_fields:
        lower = name.lower()
        if lower in ("annote", "annotation"):
            user_annote = _inner(written)
        elif lower == "keywords":
            user_keywords = [k.strip() for k in _inner(written).split(",") if k.strip()]
        elif lower not in BIBLATEX_FIELDS:
            carried.append(f"field {name} = {{{_inner(written)}}}")
        else:
            fields.append(_user_field(name, written))
    present = {_SAME_AS.get(f.key.lower(), f.key.lower()) for f in fields}
    if present & {"date", "year"}:
        present |= {"date", "year"}
    entry_type = item.bib_type or BIBTEX_TYPES[item.item_type]
    added: list[Field] = []
    for name, value in _derived_fields(item):
        if _SAME_AS.get(name, name) in present or not value:
            continue
        if entry_type == "misc" and name in _NOT_FOR_MISC:
            carried.append(f"field {name} = {{{_encoded(value)}}}")
        else:
            added.append(Field(name, value))
    _encode(added)
    for f in added:
        if f.key in _TITLE_FIELDS:
            f.value = protect_capitals(str(f.value))
        elif f.key in _LIST_FIELDS:
            f.value = _escape_and(str(f.value))
    fields += added
    keywords = list(dict.fromkeys([*user_keywords, CITECHECK_TAG]))
    fields.append(Field("keywords", ", ".join(keywords)))
    annote = "\n".join(
        part for part in (user_annote, *carried, *_encoded_lines(_annote_lines(item))) if part
    )
    if annote:
        fields.append(Field("annote", annote))
    return Entry(entry_type, item.key, fields)


def _derived_fields(item: ExportItem) -> list[tuple[str, str]]:
    """Everything citecheck knows of the work, as biblatex fields of plain text."""
    names: dict[str, list[str]] = {}
    for creator in item.creators:
        field = {
            CreatorRole.AUTHOR: "author",
            CreatorRole.EDITOR: "editor",
            CreatorRole.TRANSLATOR: "translator",
        }.get(creator.role, "namea")
        names.setdefault(field, []).append(_name(creator))
    other_roles = {
        c.role.value
        for c in item.creators
        if c.role in (CreatorRole.RECIPIENT, CreatorRole.INTERVIEWER)
    }
    fields: list[tuple[str, str]] = [("title", item.title)]
    fields += [(field, " and ".join(people)) for field, people in names.items()]
    if "namea" in names and len(other_roles) == 1:
        fields.append(("nameatype", other_roles.pop()))
    if item.container_title:
        fields.append((_CONTAINER.get(item.item_type, "organization"), item.container_title))
    if item.item_type in SUBTYPES:
        fields.append(("entrysubtype", SUBTYPES[item.item_type]))
    if item.genre and BIBTEX_TYPES[item.item_type] == "misc":
        fields.append(("howpublished", item.genre))
    book = item.item_type is ItemType.BOOK
    year = str(item.year or "")
    fields += [
        # BibTeX styles read the year; biblatex reads a full date from date.
        ("date", item.date if item.date != year else ""),
        ("year", year),
        ("address", item.place),
        ("publisher", item.publisher),
        ("edition", item.edition),
        ("volume", item.volume),
        ("number", item.issue),
        ("pages", "" if book else item.pages.replace("-", "--")),
        ("pagetotal", str(item.page_count or "") if book else ""),
        ("origtitle", item.original_title),
        ("langid", babel_name(item.language)),
        ("isbn", ", ".join(item.isbn)),
        ("doi", " ".join(item.doi)),
        ("url", item.url),
        ("note", item.note),
    ]
    return fields


def _name(creator: Creator) -> str:
    # A name without a first name is a body ("Associated Press"): braces keep BibTeX from
    # splitting it into first and last names, or at an "and" inside it.
    return creator.display if creator.first else f"{{{creator.last}}}"


def _annote_lines(item: ExportItem) -> list[str]:
    """Identifiers without a biblatex field, the catalog record, then each checked quotation."""
    lines = [f"OCLC: {value}" for value in item.oclc]
    lines += [f"LCCN: {value}" for value in item.lccn]
    if item.record_url:
        lines.append(f"{RECORD_LINE}: {item.record_url}")
    for note in item.notes:
        lines += note_lines(note)
    return lines


def _encode(fields: list[Field]) -> None:
    """LaTeX-escape plain text in place with bibtexparser's encoding middleware; names keep the
    braces that make them one name, URLs and identifiers stay verbatim."""
    text = [f for f in fields if f.key not in _VERBATIM_FIELDS]
    for f in text:
        if f.key in _NAME_FIELDS:
            f.value = _encode_names(str(f.value))
    plain = [f for f in text if f.key not in _NAME_FIELDS]
    if plain:
        _ENCODING.transform_entry(Entry("misc", "encoding", plain), Library())


def _encode_names(value: str) -> str:
    parts = re.split(r"(\{[^{}]*\}| and )", value)
    return "".join(
        part
        if part == " and "
        else "{" + _encoded(part[1:-1]) + "}"
        if part.startswith("{")
        else _encoded(part)
        for part in parts
    )


def _encoded(text: str) -> str:
    probe = Entry("misc", "encoding", [Field("value", text)])
    _ENCODING.transform_entry(probe, Library())
    return str(probe["value"])


def _encoded_lines(lines: Iterable[str]) -> list[str]:
    return [_encoded(line) for line in lines]


def protect_capitals(value: str) -> str:
    """Braces around each word with a capital, so that no style lower-cases "July" or "U.S.S.R."."""
    return re.sub(
        r"(\\[A-Za-z]+(?:\{\})?|\\.)|([^\W\d_][\w'’]*)",
        lambda m: m[1] or (f"{{{m[2]}}}" if any(c.isupper() for c in m[2]) else m[2]),
        value,
    )


def _inner(written: str) -> str:
    return written[1:-1] if written.startswith("{") and written.endswith("}") else written


def _user_field(name: str, written: str) -> Field:
    """A field of the user's entry as written, with the three repairs (see the module doc)."""
    if not (written.startswith("{") and written.endswith("}")):
        return Field(name, written, enclosing="no-enclosing")
    value = written[1:-1]
    lower = name.lower()
    if lower not in _VERBATIM_FIELDS:
        value = _escape_specials(value)
    if lower in _TITLE_FIELDS and "{" not in value:
        value = protect_capitals(value)
    if lower in _LIST_FIELDS and "{" not in value:
        value = _escape_and(value)
    return Field(name, value)


def _escape_specials(value: str) -> str:
    """``& # % _`` not already escaped and not inside ``$…$`` math, escaped."""
    parts = re.split(r"(?<!\\)(\$[^$]*(?<!\\)\$)", value)
    return "".join(
        part if i % 2 else re.sub(r"(?<!\\)([&#%_])", r"\\\1", part) for i, part in enumerate(parts)
    )


def _escape_and(value: str) -> str:
    # One publisher or place whose name has "and" in it: biblatex would read two.
    return re.sub(r"(?<=\s)and(?=\s)", "{and}", value)


# --------------------------------------------------------------------------------------------
# Reading back
# --------------------------------------------------------------------------------------------


def parse_bibtex(text: str, *, name: str = "<bibtex>") -> tuple[ExportItem, ...]:
    """BibTeX that citecheck wrote, read back as export items (through ``citecheck.bib``)."""
    bibliography = parse_bibliography(text, name=name)
    errors = [p for p in bibliography.problems if p.severity.value == "error"]
    if errors:
        raise InputError(
            errors[0].message.split(" is malformed")[0] + ": a BibTeX block could not be parsed",
            path=name,
            line=errors[0].line,
        )
    items = []
    for entry in bibliography.entries:
        fields = dict(entry.fields)
        annote = fields.get("annote", "") or fields.get("annotation", "")
        notes, extra_lines = _split_annote(_unescaped(annote))
        extra = read_extra_lines(extra_lines)
        item = export_item(entry.key, entry=entry)
        items.append(
            replace(
                item,
                oclc=extra.oclc,
                lccn=(*item.lccn, *(v for v in extra.lccn if v not in item.lccn)),
                record_url=extra.record_url,
                scan_url="" if item.scan_url == extra.record_url else item.scan_url,
                notes=notes,
            )
        )
    return tuple(items)


def _unescaped(text: str) -> str:
    """The inverse of the encoding above, exactly: annote lines are citecheck's own."""
    for char, latex in sorted(_SPECIALS.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(latex, chr(char))
    return text


def _split_annote(annote: str) -> tuple[tuple[QuotationNote, ...], list[str]]:
    """The quotation notes in an ``annote`` (each ends with its ``citecheck-note:`` line), and
    the lines before them."""
    notes: list[QuotationNote] = []
    before: list[str] = []
    block: list[str] = []
    for line in annote.splitlines():
        if not notes and not block and not line.startswith("citecheck "):
            before.append(line)
            continue
        block.append(line)
        if line.startswith(f"{NOTE_KEY_LINE}: "):
            note = parse_note_lines(block)
            if note is not None:
                notes.append(note)
            block = []
    return tuple(notes), before
