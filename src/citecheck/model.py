"""The data model of citecheck: small frozen records shared by every stage of the pipeline.

Stages: a ``Document`` yields ``Citation``s (extract); a citation's work resolves to ranked
``Edition``s (resolve); the edition's text yields ``Page``s and ``Hit``s (texts); alignment and
judgement yield a ``Verification`` (align, judge); everything ends in a ``Report``.

Every fact that came from outside records its ``Provenance``; every attempt to reach a source is
kept as a ``SourceAttempt``, including the ones that failed, so a verdict can say what it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# --------------------------------------------------------------------------------------------
# Documents and spans
# --------------------------------------------------------------------------------------------


class DocumentFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"
    ODT = "odt"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Document:
    """A document's text as citecheck reads it (markup removed), with where it came from."""

    name: str
    text: str
    format: DocumentFormat = DocumentFormat.TEXT
    encoding: str = "utf-8"

    def line_of(self, offset: int) -> int:
        """The 1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1

    def excerpt(self, span: Span) -> str:
        return self.text[span.start : span.end]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The phrase of the document that justifies a claim about a citation."""

    phrase: str
    span: Span


# --------------------------------------------------------------------------------------------
# Quotations, locators, attributions, citations
# --------------------------------------------------------------------------------------------


class QuotationKind(StrEnum):
    BLOCK = "block"
    """A displayed quotation, possibly over several paragraphs."""
    INLINE = "inline"
    """A quotation inside running text."""
    TITLE = "title"
    """A title of a work in quotation marks: not a quotation to check."""
    SCARE = "scare"
    """Scare quotes, a single word or a short phrase used at a distance: not a quotation to check."""

    @property
    def is_checkable(self) -> bool:
        return self in (QuotationKind.BLOCK, QuotationKind.INLINE)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of quoted text between ellipses or interpolations."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Interpolation:
    """Text the quoting author inserted in brackets, e.g. ``[sic]`` or ``[the Party]``."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Quotation:
    """A stretch of the document in quotation marks, exactly as the document prints it."""

    text: str
    span: Span
    kind: QuotationKind
    segments: tuple[Segment, ...] = ()
    ellipses: tuple[Span, ...] = ()
    interpolations: tuple[Interpolation, ...] = ()
    italic: bool = False

    @property
    def word_count(self) -> int:
        return len(self.text.split())


class LocatorKind(StrEnum):
    PAGE = "page"
    PAGE_RANGE = "page_range"
    NOTE = "note"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Locator:
    """Where in a work a passage is said to be: "(page 253)", "pp. 3-5", "xii", "253 ff.", "n. 4"."""

    text: str
    span: Span
    kind: LocatorKind
    first: str | None = None
    last: str | None = None
    following: bool = False
    note: str | None = None
    roman: bool = False

    @property
    def first_page_number(self) -> int | None:
        """The first page as an integer (Roman numerals converted), or None."""
        return page_label_to_int(self.first) if self.first else None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who is quoted, from which work, through which intermediary, and when, per the document."""

    speaker: str | None = None
    speaker_evidence: Evidence | None = None
    work: str | None = None
    work_evidence: Evidence | None = None
    intermediary: str | None = None
    intermediary_evidence: Evidence | None = None
    claimed_date: str | None = None
    date_evidence: Evidence | None = None
    occasion: str | None = None
    """A speech, broadcast, article or letter named by occasion, e.g. "radio address of July 3rd"."""
    occasion_evidence: Evidence | None = None
    work_year: int | None = None
    """The year of the work as an author-date reference gives it ("Grey 1979"), not the statement's date."""


class LocatorTarget(StrEnum):
    """Which work a citation's locator refers to."""

    WORK = "work"
    INTERMEDIARY = "intermediary"


class BibMatchKind(StrEnum):
    AUTHOR_AND_TITLE = "author_and_title"
    TITLE = "title"
    ALTERNATIVE_TITLE = "alternative_title"
    AUTHOR = "author"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class BibLink:
    """How a citation's work was tied to an entry of the bibliography, or why it was not."""

    key: str | None
    kind: BibMatchKind
    explanation: str


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One entry of a .bib file, its fields read as plain text (LaTeX decoded, braces removed)."""

    key: str
    entry_type: str
    """Lower case, e.g. "book", "article", "misc"."""
    title: str
    authors: tuple[str, ...] = ()
    """Each as "Last, First"."""
    year: int | None = None
    alternative_titles: tuple[str, ...] = ()
    """From the custom field ``alttitle`` (several separated by " ; ")."""
    publisher: str | None = None
    place: str | None = None
    """From ``address`` (BibTeX) or ``location`` (BibLaTeX)."""
    url: str | None = None
    identifiers: Identifiers = field(default_factory=lambda: Identifiers())  # noqa: PLW0108 - defined below
    fields: tuple[tuple[str, str], ...] = ()
    """Every field as (lower-case name, text), in file order."""
    line: int | None = None
    """The 1-based line of the file where the entry starts."""
    raw_fields: tuple[tuple[str, str], ...] = ()
    """Every field as written: (name as written, ``{value}`` with its LaTeX, or a bare macro)."""

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.alternative_titles) if self.title else self.alternative_titles

    def field_value(self, name: str) -> str | None:
        """The text of a field by (case-insensitive) name, or None."""
        wanted = name.lower()
        return next((value for key, value in self.fields if key == wanted), None)


@dataclass(frozen=True, slots=True)
class Citation:
    """A quotation with everything the document claims about it."""

    id: str
    quotation: Quotation
    locator: Locator | None
    attribution: Attribution
    confidence: float
    """How sure extraction is of the attribution, 0..1."""
    bib: BibLink | None = None
    intermediary_bib: BibLink | None = None
    line: int = 0
    locator_work: LocatorTarget = LocatorTarget.WORK
    """The work whose pages the locator counts: "(quoted in X pg31)" -> the intermediary X."""


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input that did not stop the run (e.g. an unclosed quotation)."""

    message: str
    source: str
    line: int | None = None
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        where = f"{self.source}, line {self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Extraction:
    """All quotations of a document with their citations, and the problems met on the way."""

    document: Document
    citations: tuple[Citation, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def checkable(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.quotation.kind.is_checkable)


# --------------------------------------------------------------------------------------------
# Provenance and catalog records
# --------------------------------------------------------------------------------------------


class Service(StrEnum):
    OPEN_LIBRARY = "openlibrary"
    INTERNET_ARCHIVE = "internetarchive"
    LIBRARY_OF_CONGRESS = "loc"
    HATHITRUST = "hathitrust"
    GOOGLE_BOOKS = "googlebooks"
    CROSSREF = "crossref"
    WEB = "web"
    LOCAL_FILE = "file"
    SOURCE_STORE = "store"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which service, and which request, said a thing."""

    service: Service
    url: str
    retrieved_at: str = ""
    """ISO 8601 time of the response, or empty when unknown."""
    from_cache: bool = False


class AttemptOutcome(StrEnum):
    OK = "ok"
    EMPTY = "empty"
    NOT_FOUND = "not_found"
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    RATE_LIMITED = "rate_limited"
    SKIPPED = "skipped"
    OFFLINE = "offline"
    AVAILABLE = "available"
    """The source holds the text and can search it; nothing was searched by this attempt."""


@dataclass(frozen=True, slots=True)
class SourceAttempt:
    """One attempt to consult a source, and what came of it."""

    service: Service
    what: str
    outcome: AttemptOutcome
    detail: str = ""
    url: str = ""


class TextAccess(StrEnum):
    PUBLIC = "public"
    """Full text can be read and downloaded."""
    SEARCH_ONLY = "search_only"
    """The text can be searched (search inside, HathiTrust search-only) but not read whole."""
    SNIPPETS = "snippets"
    """Only short snippets are shown (Google Books)."""
    NONE = "none"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Identifiers:
    isbn: tuple[str, ...] = ()
    oclc: tuple[str, ...] = ()
    lccn: tuple[str, ...] = ()
    openlibrary: tuple[str, ...] = ()
    """Open Library edition (OL…M) or work (OL…W) keys."""
    internetarchive: tuple[str, ...] = ()
    hathitrust: tuple[str, ...] = ()
    """HathiTrust volume ids (htid) or record numbers."""
    googlebooks: tuple[str, ...] = ()
    doi: tuple[str, ...] = ()

    def merged(self, other: Identifiers) -> Identifiers:
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*a, *b)))

        return Identifiers(
            isbn=union(self.isbn, other.isbn),
            oclc=union(self.oclc, other.oclc),
            lccn=union(self.lccn, other.lccn),
            openlibrary=union(self.openlibrary, other.openlibrary),
            internetarchive=union(self.internetarchive, other.internetarchive),
            hathitrust=union(self.hathitrust, other.hathitrust),
            googlebooks=union(self.googlebooks, other.googlebooks),
            doi=union(self.doi, other.doi),
        )


@dataclass(frozen=True, slots=True)
class Fact:
    """One catalog fact with the service that said it, e.g. ``Fact("page_count", "320", prov)``."""

    name: str
    value: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition (or volume, or article) as a catalog describes it."""

    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    publisher: str | None = None
    place: str | None = None
    page_count: int | None = None
    language: str | None = None
    translated_from: str | None = None
    edition_statement: str | None = None
    identifiers: Identifiers = field(default_factory=Identifiers)
    access: TextAccess = TextAccess.UNKNOWN
    record_url: str = ""
    provenance: tuple[Provenance, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class RankedEdition:
    edition: Edition
    score: float
    reasons: tuple[str, ...] = ()


class FindingCode(StrEnum):
    WORK_NOT_FOUND = "work_not_found"
    AUTHOR_TITLE_MISMATCH = "author_title_mismatch"
    PAGE_BEYOND_EVERY_EDITION = "page_beyond_every_edition"
    PAGE_FITS_SOME_EDITIONS = "page_fits_some_editions"
    DATE_MISMATCH = "date_mismatch"
    SECONDHAND = "secondhand"
    NO_BIB_ENTRY = "no_bib_entry"
    SOURCE_FAILED = "source_failed"
    SOURCE_CHANGED = "source_changed"
    CACHE_FAILED = "cache_failed"
    """The HTTP cache could not be read or written; the answers came from the services."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A checkable fact about a citation or a work that an editor should see, with its evidence."""

    code: FindingCode
    severity: Severity
    message: str
    evidence: tuple[str, ...] = ()
    citation_id: str | None = None
    work_key: str | None = None


@dataclass(frozen=True, slots=True)
class WorkQuery:
    """One cited work as the document and the bibliography describe it, ready for the catalogs."""

    key: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    alternative_titles: tuple[str, ...] = ()
    identifiers: Identifiers = field(default_factory=Identifiers)
    entry_type: str = "book"
    url: str = ""
    cited_pages: tuple[str, ...] = ()
    claimed_dates: tuple[str, ...] = ()
    citation_ids: tuple[str, ...] = ()

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.alternative_titles)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A cited work resolved in the catalogs: candidate editions ranked by fit."""

    work_key: str
    """The bibliography key, or a key derived from author and title."""
    query_title: str
    query_authors: tuple[str, ...]
    editions: tuple[RankedEdition, ...]
    alternative_titles: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    attempts: tuple[SourceAttempt, ...] = ()

    @property
    def best(self) -> Edition | None:
        return self.editions[0].edition if self.editions else None


# --------------------------------------------------------------------------------------------
# Source texts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a source text. ``leaf`` counts scans; ``printed`` is the number printed on it."""

    text: str
    printed: str | None
    leaf: int | None = None
    provenance: Provenance | None = None
    ocr: bool = False
    """The text was read from a scan by OCR (not born digital): OCR's misreadings are forgiven in it."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A search-inside result: a snippet and the page it is on, as far as the service says."""

    snippet: str
    printed: str | None
    leaf: int | None = None
    provenance: Provenance | None = None
    scan_url: str = ""
    ocr: bool = False
    """The snippet is OCR text of a scan."""


# --------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------


class WordingVerdict(StrEnum):
    EXACT = "exact"
    VARIANT = "variant"
    ALTERED = "altered"
    OMISSION = "omission"
    TRUNCATED = "truncated"
    SPLICED = "spliced"
    NOT_FOUND = "not_found"
    UNVERIFIABLE = "unverifiable"


class PageVerdict(StrEnum):
    AS_CITED = "as_cited"
    ADJACENT = "adjacent"
    OTHER_PAGE = "other_page"
    IMPOSSIBLE = "impossible"
    UNKNOWN = "unknown"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    REPLACED = "replaced"
    MOVED = "moved"
    """The same words, put elsewhere in the sentence by the document."""


@dataclass(frozen=True, slots=True)
class WordChange:
    """A difference in words between the document and the source."""

    kind: ChangeKind
    document_words: str
    source_words: str
    meaning_bearing: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class OmittedText:
    """What an ellipsis in the document hides in the source."""

    text: str
    word_count: int
    crosses_sentence: bool
    crosses_paragraph: bool
    crosses_page: bool = False


@dataclass(frozen=True, slots=True)
class SegmentMatch:
    """Where one segment of a quotation was found in the source."""

    segment: str
    source_text: str
    """The source's exact characters (not normalised)."""
    printed_page: str | None
    score: float
    start: int = 0
    """Offset in the concatenated source text the alignment ran over."""
    end: int = 0


@dataclass(frozen=True, slots=True)
class Verification:
    """What the source says for one citation, and the verdicts that follow."""

    citation_id: str
    wording: WordingVerdict
    page: PageVerdict
    cited_page: str | None = None
    found_pages: tuple[str, ...] = ()
    source_text: str = ""
    matches: tuple[SegmentMatch, ...] = ()
    changes: tuple[WordChange, ...] = ()
    omissions: tuple[OmittedText, ...] = ()
    truncated_before: str = ""
    """The rest of the sentence before the quotation starts, when it starts mid-sentence."""
    truncated_after: str = ""
    """The rest of the sentence after the quotation stops, when it stops mid-sentence."""
    context_before: str = ""
    context_after: str = ""
    work_key: str | None = None
    edition: Edition | None = None
    text_source: Provenance | None = None
    scan_url: str = ""
    attempts: tuple[SourceAttempt, ...] = ()
    proposal: bool = False
    """True when the source was proposed by search, not named by the document."""
    chain: tuple[Verification, ...] = ()
    """For secondhand quotations: the check of the same passage in the original."""
    notes: tuple[str, ...] = ()

    @property
    def meaning_changed(self) -> bool:
        return any(c.meaning_bearing for c in self.changes)


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a check found: citations, resolutions, verifications, findings, attempts."""

    document: Document
    citations: tuple[Citation, ...]
    resolutions: tuple[Resolution, ...] = ()
    verifications: tuple[Verification, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    attempts: tuple[SourceAttempt, ...] = ()
    generated_at: str = ""
    tool_version: str = ""

    def verification_for(self, citation_id: str) -> Verification | None:
        return next((v for v in self.verifications if v.citation_id == citation_id), None)

    def resolution_for(self, work_key: str) -> Resolution | None:
        return next((r for r in self.resolutions if r.work_key == work_key), None)


# --------------------------------------------------------------------------------------------
# Small pure helpers that belong to the model's vocabulary
# --------------------------------------------------------------------------------------------

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_to_int(label: str) -> int | None:
    """``"xiv"`` -> 14; None when the label is not a Roman numeral."""
    s = label.strip().lower()
    if not s or any(ch not in _ROMAN for ch in s):
        return None
    total = 0
    for i, ch in enumerate(s):
        value = _ROMAN[ch]
        if i + 1 < len(s) and _ROMAN[s[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def page_label_to_int(label: str) -> int | None:
    """A printed page label as an integer: ``"253"`` -> 253, ``"xii"`` -> 12, else None."""
    s = label.strip()
    if s.isdigit():
        return int(s)
    return roman_to_int(s)
