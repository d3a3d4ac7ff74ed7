"""Who is quoted, from which work, through which intermediary, and when: per the document.

The lead-in of a quotation (the sentence before it, or the last sentence of the paragraph before a
block quotation) is read with the quotations in it masked out. The speaker is the subject of the
last verb of saying or writing ("Stalin said", "Joseph E. Davies, former ... Ambassador ... wrote");
the work is a title named there (in quotation marks or in italics) or the speaker's last named work
("his memoirs", "Grey writes"); dates and occasions ("a Radio address to the Soviet People") come
from the same sentence. A reference after the quotation adds the locator and may name a work: a work
that the text does not tie to the speaker is where the document found the passage, the intermediary.
Short forms (ibid., op. cit., idem) resolve through a stack of works cited before; intermediaries
never enter that stack.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from citecheck.extract import speakers
from citecheck.extract.books import owned_book
from citecheck.extract.interviews import entry_interviewee, is_question
from citecheck.extract.layout import Layout
from citecheck.extract.locators import FoundReference, Reference, ShortForm
from citecheck.extract.names import (
    Antecedents,
    given_and_surname,
    norm_title,
    people,
    surname,
    without_titles,
)
from citecheck.extract.notes import ReferenceList, reads_as_name
from citecheck.extract.periodicals import names_a_periodical, periodical_speaker
from citecheck.extract.quotes import FoundQuotation
from citecheck.extract.reviews import ReviewedBook, reviewed_book
from citecheck.extract.signatures import signer
from citecheck.model import Attribution, Evidence, LocatorTarget, QuotationKind, Span

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?,?\s+\d{{4}}"
    r"|(?:1[5-9]|20)\d\d)\b"
)
_VERB = speakers.VERB
WRITING_VERBS = frozenset(
    {
        "wrote",
        "writes",
        "write",
        "written",
        "recorded",
        "records",
        "notes",
        "noted",
        "describes",
        "described",
    }
)
_GENERIC_WORK = re.compile(
    r"\b(?:(?:his|her|their)|(?P<owner>[A-Z][\w-]+)['\u2019]s)\s+(?:own\s+|famous\s+|later\s+)?"
    r"(?:memoirs|memoir|book|biography|autobiography|diary|diaries|article|history|study)\b"
)
_GOES_ON = re.compile(
    r"\s*(?:He|She|They)\s+(?:is|was|are|were|says|said|writes|wrote|calls|called)\b"
)
_WORK_NAMED = re.compile(
    r"\b(?:article|essay|pamphlet|book|letter|speech|paper|treatise|lecture)\s+"
    r"(?:entitled|titled|called)?\s*[,:]?\s*\S?$",
    re.I,
)
"""A title introduced as a work ("an article entitled '...'"), up to its opening mark."""
_ITALIC_TITLE = re.compile(
    r"(?<![\w*_])(?P<mark>[*_])(?P<title>[A-Z0-9][^*_\n\"\u201c\u201d]{0,80}?)(?P=mark)(?![\w*_])"
)
_OCCASION = re.compile(
    r"\b(?P<occ>(?:[Rr]adio\s+|[Bb]roadcast\s+|[Ww]ireless\s+)?(?:[Aa]ddress|[Ss]peech|[Bb]roadcast|[Ii]nterview|[Ll]etter|"
    r"[Mm]essage|[Ss]tatement|[Ll]ecture|[Aa]rticle|[Ee]ditorial|[Tt]elegram|[Rr]eport)\b"
    r"(?:\s+(?:to|in|at|on|before|for|of)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*)*)?"
    r"|[Rr]eplying\s+to\s+[^,;:#]{3,140}?(?=\s+on\s+[A-Z0-9]|\s+in\s+\d|,|:|$))"
)
_INTERLOCUTOR = re.compile(r"\b(?:correspondent|interviewer|journalist|reporter|editor)\b")
_AUTHORING = re.compile(
    r"\b(?:writes|wrote|argues|argued|contends|edited by|written by|translated by|"
    r"who has published|has published)\b"
)
_ENDS_SENTENCE = re.compile(
    r"(?<![A-Z])(?<!\bMr)(?<!\bDr)(?<!\bMrs)(?<!\bSt)[.!?][\"\u201d')\]]*\s+$"
)
_TURN_LABEL = re.compile(
    r"^[ \t]*(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?[ \t]+)?(?P<name>[A-Z][A-Z'\u2019.-]{2,}(?:[ \t]+[A-Z][A-Z'\u2019.-]+){0,3})"
    r"(?:,[^:\n]{0,80})?:",
    re.M,
)
_TURN_REACH = 6000
"""How far back a transcript's turn label is looked for."""
_ATX_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t][^\n]*", re.M)
_KNIGHTED = re.compile(r"\b(?:Sir|Dame)\s+$")
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her)\b", re.I)
_WRITERS_OWN = re.compile(
    r"\b(?:I|we)\s+(?:\w+ly\s+)?(?:had\s+|have\s+)?(?:delivered|said|wrote|written|replied|"
    r"answered|spoke|declared|gave|given|made|read|sent)\b"
    r"|\b(?:my|our)\s+(?:own\s+)?(?:address|speech|words|letter|reply|answer|remarks|telegram)\b"
)
"""A lead-in in which the writer delivers the words: they are the writer's, not the speaker's
before."""
_READS_DOCUMENT = re.compile(
    r"\bread(?:s|ing)?\s+(?:aloud\s+|out\s+)?(?:from\s+)?(?:the|a|an|his|her|their|one)\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}?(?:letter|note|message|telegram|statement|e-?mail|cable|"
    r"petition|report|inscription|will|proclamation|decree|order|dispatch)\b"
)
"""A lead-in in which someone reads out a document: the words are the document's writer's."""
_READER_CUES = frozenset(
    {
        speakers.Cue.SUBJECT,
        speakers.Cue.INTRODUCED,
        speakers.Cue.SENTENCE,
        speakers.Cue.FOLLOWS,
        speakers.Cue.FIRST_PERSON,
    }
)
_STAFF_OF = re.compile(
    r"\b(?:editor|editors|publisher|reporter|correspondent|columnist|critic|owner|founder|"
    r"proprietor|staff|editor-in-chief)\s+(?:of|for|at|with|on)\s+(?:the\s+)?[\"\u201c*_]*$"
)
"""A publication named as where a person works ("the editor of the *Atlanta Constitution*") is
not the work quoted."""
_NOTE_MARKS_OR_SPACE = re.compile(r"[\s*_>]*(?:\[\d{1,3}\][\s*_>]*)*")
"""What may stand between the end of a quotation and the end of its paragraph when the quotation
is the whole paragraph."""
_QUESTION_CUE = re.compile(r"\b(?:question|asked|asking)\b[^.!?]{0,60}$", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"\u201d')\]]*\s+(?=[\"\u201c*(\[]?[A-Z0-9])")


_PARAGRAPHS_BACK = 2
"""How many paragraphs back a speaker carries over, when nobody else is named in between."""
_TOPIC_WORK = 0.1
"""The score of a work taken from the document's title, not from the quotation's own sentence."""
_TITLE_AUTHOR_REACH = 8000
"""How far into a document the text is read for whose the document in its title is."""
_PRONOUN_CHAIN = 6000
"""How far "she" goes on standing for the person it stood for last, when nobody is named near it."""
_THIRD_PERSON_WORD = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_CARRY_CHARS = 1500
"""A speaker carries over at most this far: beyond it the reader has lost the thread."""
_CONTINUED = 0.25
"""The score of a speaker carried over from the quotation before (no cue of its own)."""
_WEAK = 0.25
"""The score of a speaker guessed as the first name of the lead-in, which a reference may override."""
_REPEATED_WORDS = 6
"""At least this many words quoted again make a repetition of an earlier quotation."""
_REPEATS_BACK = 50
"""How many earlier attributed quotations a repetition is looked for among."""
_WORD = re.compile(r"[^\W_]+")
_OF_THE_BOOK = re.compile(
    r"\b(?:book|study|volume|author|chapter|memoir|biography|history|narrative|account|"
    r"argument|analysis|introduction|conclusion|monograph|novel|he|she|his|her|its)\b",
    re.I,
)
"""Words by which a review's sentence speaks of the reviewed book or its author."""
_REVIEWED = 0.2
"""The score of the reviewed book's author as the speaker of words nobody is named for."""
_RECENT = 6
"""How many earlier citations an inheritance looks back over (keeps long paragraphs linear)."""


_CAPITAL_WORD = r"[A-Z\u00c0-\u00de][\w.'\u2019-]*"
_CAPITALISED_BEFORE = re.compile(rf"(?:{_CAPITAL_WORD}[ \t]+){{1,3}}$")
_CAPITALISED_AFTER = re.compile(rf"(?:[ \t]+{_CAPITAL_WORD}){{1,3}}")
"""The capitalised words next to a name: the full name it may be part of ("Brian" in
"Lieutenant Brian Murphy")."""


@dataclass(frozen=True, slots=True)
class PriorCitation:
    """What extraction already decided about an earlier quotation (for inheritance)."""

    paragraph: int
    attribution: Attribution


@dataclass(frozen=True, slots=True)
class AttributionResult:
    attribution: Attribution
    locator_target: LocatorTarget
    confidence: float
    inferred_intermediary: bool = False
    """The intermediary is a work named in the reference that the text does not give the speaker."""


@dataclass
class _Claims:
    speaker: tuple[str, Evidence] | None = None
    speaker_score: float = 0.0
    work: tuple[str, Evidence] | None = None
    work_score: float = 0.0
    intermediary: tuple[str, Evidence] | None = None
    date: tuple[str, Evidence] | None = None
    occasion: tuple[str, Evidence] | None = None
    work_year: int | None = None
    inferred_intermediary: bool = False


class Attributor:
    """Attributes quotations in document order, remembering names, works and prior citations."""

    def __init__(
        self,
        text: str,
        layout: Layout,
        quotations: list[FoundQuotation],
        kinds: list[QuotationKind],
        *,
        reference_ends: list[int] | None = None,
        listing: ReferenceList | None = None,
    ) -> None:
        self.text = text
        self.listing = listing
        """The document's reference list, when it has one."""
        self.layout = layout
        self.quotations = quotations
        self.kinds = kinds
        self.antecedents = Antecedents()
        self.prior: list[PriorCitation] = []
        self._prior_by_index: dict[int, PriorCitation] = {}
        self._ties: dict[tuple[str, str], bool] = {}
        self._focus: str | None = None
        self._interviewee: tuple[str, Span] | None = None
        self._interviewee_read = False
        self._owned_books: dict[str, tuple[str, Span] | None] = {}
        self._referents: dict[str, tuple[str, int]] = {}
        """The person "he" and "she" last stood for, and where: a pronoun with no antecedent
        near it goes on standing for them."""
        self._spoken: list[tuple[str, str, Evidence]] = []
        """The words of earlier quotations that have a speaker, and their attributions."""
        self._secondary: set[tuple[str, str]] = set()
        """(author, speaker) surnames: an author the document cites for that speaker's words."""
        self.reviewed = reviewed_book(text)
        if self.reviewed is not None:
            # "her book" in the review is the book its heading names.
            self.antecedents.add_work(
                self.antecedents.person(self.reviewed.author), self.reviewed.title
            )
        self._people_by_paragraph: dict[int, tuple[list[tuple[str, int, bool]], list[int]]] = {}
        self._title: tuple[str, Span] | None = None
        self._title_read = False
        self._title_author: str | None = None
        self._body_end = layout.excluded[-1].start if layout.excluded else len(text)
        self.proper = speakers.ProperNames(text)
        # A quotation and the reference after it are masked together: "(Deutscher 1954: 212)"
        # is neither a date nor a name of the next lead-in.
        ends = reference_ends or [0] * len(quotations)
        self.closes = [max(q.close_at, e) for q, e in zip(quotations, ends, strict=True)]

    def attribute(self, index: int, reference: FoundReference | None) -> AttributionResult:
        """The attribution of quotation ``index`` (a checkable one) and how sure it is."""
        quotation = self.quotations[index]
        start, end = self._lead_in(index)
        masked = self._masked(start, end)
        claims = _Claims()
        self._speaker(masked, start, claims, index)
        self._work(masked, start, end, claims)
        self._date_and_occasion(masked, start, claims)
        self._inherit(quotation, claims)
        target = self._apply_reference(reference, claims)
        self._continue_speaker(index, claims, masked)
        self._fuller_name(quotation.open_at, claims)
        self._only_listed_work(claims)
        self._repeated_words(index, claims)
        if self.reviewed is not None:
            paged = bool(reference and _only_a_page(reference.reference))
            self._reviewed_book(index, masked, start, claims, self.reviewed, paged=paged)
        self._topic_work(claims)
        attribution = Attribution(
            speaker=claims.speaker[0] if claims.speaker else None,
            speaker_evidence=claims.speaker[1] if claims.speaker else None,
            work=claims.work[0] if claims.work else None,
            work_evidence=claims.work[1] if claims.work else None,
            intermediary=claims.intermediary[0] if claims.intermediary else None,
            intermediary_evidence=claims.intermediary[1] if claims.intermediary else None,
            claimed_date=claims.date[0] if claims.date else None,
            date_evidence=claims.date[1] if claims.date else None,
            occasion=claims.occasion[0] if claims.occasion else None,
            occasion_evidence=claims.occasion[1] if claims.occasion else None,
            work_year=claims.work_year,
        )
        if attribution.speaker and attribution.work:
            self.antecedents.add_work(attribution.speaker, attribution.work)
        if attribution.speaker and attribution.speaker_evidence:
            self._spoken.append(
                (self._words_of(index), attribution.speaker, attribution.speaker_evidence)
            )
            del self._spoken[:-_REPEATS_BACK]
        if attribution.speaker or attribution.work:
            self.antecedents.cited.append(
                (attribution.speaker, attribution.work, attribution.work_year)
            )
        self.prior.append(
            PriorCitation(self.layout.paragraph_index(quotation.open_at), attribution)
        )
        self._prior_by_index[index] = self.prior[-1]
        confidence = 0.1 + claims.speaker_score + claims.work_score
        if reference and reference.reference.locator:
            confidence += 0.15
        if claims.date or claims.occasion:
            confidence += 0.05
        return AttributionResult(
            attribution,
            target,
            round(min(confidence, 0.98), 2),
            inferred_intermediary=claims.inferred_intermediary,
        )

    # ---------------------------------------------------------------------------------------
    # Where the lead-in is

    def _lead_in(self, index: int) -> tuple[int, int]:
        quotation = self.quotations[index]
        layout = self.layout
        para_index = layout.paragraph_index(quotation.open_at)
        para = layout.paragraphs[para_index] if layout.paragraphs else Span(0, 0)
        if quotation.at_paragraph_start and para_index > 0:
            before = layout.paragraphs[para_index - 1]
            start, end = max(before.start, before.end - 800), before.end
            for j in range(index - 1, -1, -1):
                if self.closes[j] <= start:
                    break
                if self.closes[j] <= end and self.kinds[j].is_checkable:
                    start = self.closes[j]
                    break
        else:
            start, end = max(para.start, quotation.open_at - 800), quotation.open_at
            after_prior = False
            for j in range(index - 1, -1, -1):
                if self.closes[j] <= start:
                    break
                if self.kinds[j].is_checkable and self.closes[j] <= end:
                    start = max(start, self.closes[j])
                    after_prior = start == self.closes[j]
                    break
            tail = self.text[start:end].lstrip(" \t\n*_\u2060\u200a")
            if (
                after_prior
                and tail[:1]
                and not tail[0].isupper()
                and _ENDS_SENTENCE.search(self._masked(max(start, end - 12), end))
            ):
                # '," said Hollis, the mayor. "We have waited ..."': the sentence before finishes
                # the quotation before; this one opens a sentence of its own. ('... his art."
                # Toni Morrison would disagree. "Why ..."' is introduced by the sentence before.)
                return end, end
        return self._sentence_start(start, end), end

    def _sentence_start(self, start: int, end: int) -> int:
        masked = self._masked(start, end)
        trimmed = masked.rstrip(" \t\n:-\u2013\u2014,")
        best = start
        for match in _SENTENCE_END.finditer(trimmed):
            stop = match.start()
            head = trimmed[max(0, stop - 40) : stop].split()
            token = head[-1] if head else ""
            # "R.H. Bruce Lockhart", "Joseph E. Davies", "Dr. Levin": an initial is no sentence end.
            if re.fullmatch(
                r"(?:[A-Z]\.)*[A-Z]|Dr|Mr|Mrs|Ms|St|Gen|Prof|No|Vol|pp?|cf|ed|ca", token
            ):
                continue
            best = start + match.end()
        return best

    def _masked(self, start: int, end: int) -> str:
        """The text between two offsets with quotations, their references and Markdown headings
        blanked out (a heading names a section, never a speaker)."""
        chars = list(self.text[start:end])
        if "#" in self.text[start:end]:
            for heading in _ATX_HEADING.finditer(self.text, start, end):
                for c in range(heading.start(), heading.end()):
                    chars[c - start] = "#"
        for k in range(bisect_right(self.closes, start), len(self.quotations)):
            quotation = self.quotations[k]
            if quotation.open_at >= end:
                break
            for c in range(max(quotation.open_at, start), min(self.closes[k], end)):
                chars[c - start] = "#"
        return "".join(chars)

    # ---------------------------------------------------------------------------------------
    # Speaker

    def _speaker(self, masked: str, offset: int, claims: _Claims, index: int) -> None:
        """The best-scoring candidate before or after the quotation (see ``speakers``), else the
        correspondent of a quoted question, else the speaker of the quotation just before."""
        quotation = self.quotations[index]
        candidates = speakers.before(masked, offset, proper=self.proper)
        own_para = self.layout.paragraph_at(quotation.open_at).start
        if not candidates and (speakers.introduces(masked) or len(masked.split()) <= 4):
            # "Machiavelli details his metaphor. As stated below: ...", "In an article he
            # accused Lenin of it. He is '...'": a lead-in naming nobody leans on the sentence
            # before.
            candidates = self._candidates_before_lead_in(offset, index, len(masked))
        if (
            offset < own_para
            and not speakers.introduces(masked)
            and self.kinds[index] is not QuotationKind.BLOCK
        ):
            # A displayed quotation is introduced by the paragraph before it, colon or not; an
            # inline one that opens a paragraph often brings a new speaker.
            candidates = [replace(c, across_paragraph=True) for c in candidates]
        limit = (
            self.quotations[index + 1].open_at
            if index + 1 < len(self.quotations)
            else len(self.text)
        )
        candidates.extend(speakers.after(self.text, quotation.close_at, limit, proper=self.proper))
        signed = self._signer(index)
        if signed is not None:
            candidates.append(signed)
        paper = periodical_speaker(masked, offset)
        if paper is not None:
            candidates.append(paper)
        # A pronoun is resolved only when it could win: resolving reads the text before it.
        named = [c.score for c in candidates if not c.pronoun and c.name]
        beaten_by = max(named, default=-1.0)
        resolved = [
            self._resolve_pronoun(c, index) if c.pronoun and c.score >= beaten_by else c
            for c in candidates
            if not (c.pronoun and c.score < beaten_by)
        ]
        if _QUESTION_CUE.search(masked):
            interlocutor = self._interlocutor(index)
            if interlocutor:
                name, evidence = interlocutor
                resolved.append(
                    speakers.Candidate(
                        name, evidence.span, speakers.Cue.QUESTION, speakers.Side.BEFORE, 0
                    )
                )
        reads = _READS_DOCUMENT.search(masked)
        if reads:
            # "Smith read the letter her brother had sent:": a reader lends only a voice.
            resolved = [
                c
                for c in resolved
                if c.cue not in _READER_CUES or c.evidence.start >= offset + reads.start()
            ]
        winner = speakers.best([c for c in resolved if c.name])
        if winner is None and not reads and not any(c.name for c in resolved):
            winner = speakers.best([c for c in [self._sentence_person(index, masked, offset)] if c])
        if winner is None and not any(c.name for c in resolved):
            winner = speakers.best([c for c in [self._interview_answer(index)] if c])
        if winner is None:
            return
        span = winner.evidence
        evidence = Evidence(self.text[span.start : span.end], span)
        claims.speaker = (
            self._knighted(winner.name, span) or self.antecedents.person(winner.name),
            evidence,
        )
        claims.speaker_score = winner.score
        via = winner.intermediary or speakers.quoted_by(masked)
        if via:
            claims.intermediary = (self.antecedents.person(via), evidence)

    def _signer(self, index: int) -> speakers.Candidate | None:
        """A quoted letter that ends with its valediction and signature is the signer's."""
        inner = self.quotations[index].inner
        signed = signer(self.text[inner.start : inner.end], proper=self.proper)
        if signed is None:
            return None
        name, lo, hi = signed
        return speakers.Candidate(
            name,
            Span(inner.start + lo, inner.start + hi),
            speakers.Cue.SIGNATURE,
            speakers.Side.AFTER,
            0,
        )

    def _heading_interviewee(self) -> tuple[str, Span] | None:
        """The person the document's heading or standfirst says it interviews (read once)."""
        if not self._interviewee_read:
            heading = speakers.interviewee(self.text, proper=self.proper)
            if heading is not None:
                self._interviewee = (self.antecedents.person(heading[0]), heading[1])
            self._interviewee_read = True
        return self._interviewee

    def _interview_answer(self, index: int) -> speakers.Candidate | None:
        """Words that answer an interview's question, with no cue of their own: those of the
        person an entry opens with ("Jane Smith, author of ... Interview by John Doe. '...'"),
        or, when the quotation is the whole paragraph after a question, of the person the
        heading says is interviewed."""
        quotation = self.quotations[index]
        if not self.layout.paragraphs:
            return None
        para_index = self.layout.paragraph_index(quotation.open_at)
        para = self.layout.paragraphs[para_index]
        chunk = self.text[para.start : para.end]
        entry = entry_interviewee(chunk, quotation.open_at - para.start, proper=self.proper)
        if entry is not None:
            name, span = entry
            return speakers.Candidate(
                name,
                Span(para.start + span.start, para.start + span.end),
                speakers.Cue.ANSWER,
                speakers.Side.BEFORE,
                0,
            )
        if not quotation.at_paragraph_start or para_index == 0:
            return None
        if _NOTE_MARKS_OR_SPACE.fullmatch(self.text, self.closes[index], para.end) is None:
            return None  # the paragraph goes on after the words: they are not all the answer
        question = self.layout.paragraphs[para_index - 1]
        if not is_question(self.text[question.start : question.end]):
            return None
        heading = self._heading_interviewee()
        if heading is None:
            return None
        return speakers.Candidate(
            heading[0], heading[1], speakers.Cue.ANSWER, speakers.Side.BEFORE, 0
        )

    def _knighted(self, name: str, span: Span) -> str | None:
        """ "said Sir George": a knight or dame is called by the given name, so the person is the
        one named in full before ("Sir George Buchanan")."""
        at = self.text.rfind(name, span.start, span.end)
        if " " in name or at < 0 or not _KNIGHTED.search(self.text, max(0, at - 6), at):
            return None
        pattern = rf"\b(?:Sir|Dame)\s+{re.escape(name)}\s+([A-Z][\w'\u2019-]+)"
        named = list(re.finditer(pattern, self.text[:at]))
        return f"{name} {named[-1].group(1)}" if named else None

    def _sentence_person(self, index: int, masked: str, offset: int) -> speakers.Candidate | None:
        """The one person of the quotation's sentence, when no cue names anyone."""
        before, after, words, offset = self._sentence(index, masked, offset)
        return speakers.sentence_person(
            before, after, words, offset=offset, close_at=self.closes[index], proper=self.proper
        )

    def _sentence(self, index: int, masked: str, offset: int) -> tuple[str, str, str, int]:
        """The quotation's own sentence around it, quotations masked: the part before it (from
        ``offset``), the part after it, the quoted words, and where the part before starts."""
        quotation = self.quotations[index]
        close = self.closes[index]
        stop = min(len(self.text), close + 300, self.layout.paragraph_at(quotation.open_at).end)
        if index + 1 < len(self.quotations):
            stop = min(stop, self.quotations[index + 1].open_at)
        words = self.text[quotation.inner.start : quotation.inner.end]
        end = _SENTENCE_END.search(self.text, close, stop)
        if words.rstrip(" \u2026")[-1:] in (".", "!", "?"):
            end_at = close  # the quotation ends its sentence
        else:
            end_at = end.start() + 1 if end else stop
        after = self._masked(close, end_at)
        own = self.layout.paragraph_at(quotation.open_at).start
        if offset < own:
            # A lead-in in the paragraph before (a heading, the sentence before a block): not
            # this sentence.
            masked, offset = masked[own - offset :], own
        return masked, after, words, offset

    def _candidates_before_lead_in(
        self, offset: int, index: int, lead_in: int
    ) -> list[speakers.Candidate]:
        """Candidates of the sentence before the lead-in that starts at ``offset``, in the same
        paragraph and after the quotation before."""
        start = max(self.layout.paragraph_at(offset).start, offset - 600)
        for j in range(index - 1, -1, -1):
            if self.closes[j] <= offset and self.kinds[j].is_checkable:
                start = max(start, self.closes[j])
                break
        if start >= offset:
            return []
        start = self._sentence_start(start, offset)
        return [
            replace(c, distance=c.distance + lead_in, across_sentence=True)
            for c in speakers.before(self._masked(start, offset), start, proper=self.proper)
        ]

    def _continue_speaker(self, index: int, claims: _Claims, masked: str) -> None:
        """No cue of its own and no reference naming an author: the speaker carried over, unless
        the lead-in gives the words to the writer ("the address which I delivered")."""
        if claims.speaker is None and not _WRITERS_OWN.search(masked):
            continued = self._continued(index)
            if continued is not None:
                claims.speaker, claims.speaker_score = continued, _CONTINUED

    def _words_of(self, index: int) -> str:
        inner = self.quotations[index].inner
        return " ".join(_WORD.findall(self.text[inner.start : inner.end].lower()))

    def _repeated_words(self, index: int, claims: _Claims) -> None:
        """Words already quoted and attributed, quoted again (a passage picked apart after it
        was given in full): the same speaker's."""
        if claims.speaker is not None:
            return
        words = self._words_of(index)
        if words.count(" ") + 1 < _REPEATED_WORDS:
            return
        for earlier, speaker, evidence in reversed(self._spoken):
            if words in earlier or (earlier.count(" ") + 1 >= _REPEATED_WORDS and earlier in words):
                claims.speaker, claims.speaker_score = (speaker, evidence), _CONTINUED
                return

    def _reviewed_book(
        self,
        index: int,
        masked: str,
        offset: int,
        claims: _Claims,
        book: ReviewedBook,
        *,
        paged: bool = False,
    ) -> None:
        """In a review, words quoted with nobody named in their sentence are the reviewed book's,
        its author's; words of that author come from that book unless another work is named.
        Words cited to a bare page, "(164)", come from the reviewed book whoever speaks in it."""
        author = self.antecedents.person(book.author)
        evidence = Evidence(self.text[book.evidence.start : book.evidence.end], book.evidence)
        before, after = ("", "")
        if claims.speaker is None:
            before, after, _, _ = self._sentence(index, masked, offset)
        if paged and claims.work is None and claims.intermediary is None:
            if claims.speaker is None or surname(claims.speaker[0]) == surname(author):
                claims.work, claims.work_score = (book.title, evidence), _TOPIC_WORK
            else:
                # "Sherman wrote ... (310)": his words, as the reviewed book gives them.
                claims.intermediary = (book.title, evidence)
            if claims.speaker is None and not self._names_another(before, after, author):
                claims.speaker, claims.speaker_score = (author, evidence), _REVIEWED
            return
        if claims.speaker is None:
            if self._names_another(before, after, author):
                return
            if not _OF_THE_BOOK.search(before) and not _OF_THE_BOOK.search(after):
                return  # the sentence does not speak of the book: an old hymn, a slogan
            claims.speaker, claims.speaker_score = (author, evidence), _REVIEWED
        if (
            surname(claims.speaker[0]) == surname(author)
            and claims.work is None
            and claims.intermediary is None
        ):
            claims.work, claims.work_score = (book.title, evidence), _TOPIC_WORK

    def _names_another(self, before: str, after: str, author: str) -> bool:
        """Whether the quotation's sentence, ``before`` and ``after`` it, names someone other
        than ``author``."""
        named = speakers.names(before, proper=self.proper, objects=True) + speakers.names(
            after, proper=self.proper, initial=False, objects=True
        )
        return any(surname(n[0]) != surname(author) for n in named)

    def _resolve_pronoun(self, candidate: speakers.Candidate, index: int) -> speakers.Candidate:
        """'he said': the speaker of the quotation just before, if nobody else was named since;
        else the last person named before the pronoun in this paragraph or the one before;
        else, with nobody named there, whom the same pronoun stood for last, not long before."""
        resolved = self._antecedent(candidate, index)
        word = _THIRD_PERSON_WORD.search(
            self.text, candidate.evidence.start, candidate.evidence.end
        )
        if word is None or candidate.name:
            return resolved
        pronoun = word.group().lower()
        at = candidate.evidence.start
        if resolved.name:
            self._referents[pronoun] = (resolved.name, at)
            return resolved
        last = self._referents.get(pronoun)
        if last is not None and at - last[1] <= _PRONOUN_CHAIN:
            self._referents[pronoun] = (last[0], at)
            return replace(candidate, name=last[0])
        return resolved

    def _antecedent(self, candidate: speakers.Candidate, index: int) -> speakers.Candidate:
        at = candidate.evidence.start
        if candidate.name == speakers.SELF:
            return replace(candidate, name=self._turn_speaker(at) or "")
        if candidate.name == speakers.BOOK_AUTHOR:
            focus = self._focus_person()
            return replace(candidate, name=focus or "")
        if candidate.name == speakers.INTERVIEWEE:
            # "In a 2016 interview you said, '...'": the interviewee the interviewer addresses.
            heading = self._heading_interviewee()
            return replace(candidate, name=heading[0] if heading else "")
        taken_up = self._possessive_taken_up(at)
        if taken_up is not None:
            return replace(candidate, name=taken_up)
        previous = self._previous_speaker(index, at)
        if previous is not None:
            return replace(candidate, name=previous)
        para = self.layout.paragraph_index(at)
        first = self.layout.paragraphs[max(0, para - 1)].start if self.layout.paragraphs else 0
        # The nearest 200 characters first: most antecedents stand there, and it is cheaper.
        for reach in (200, 600):
            start = max(first, at - reach)
            masked = self._masked(start, at)
            named = [
                n
                for n in speakers.names(
                    masked, proper=self.proper, objects=True, known=self._people_in(start, at)
                )
                if n[2] is speakers.Entity.PERSON
            ]
            # Subjects of a clause first ("Abel Tasman sighted New Zealand ... He wrote", "Mr
            # Obama lands in Kenya ... he said"), then any name not after a preposition, then
            # objects ("it appeared to Polybius ... He wrote"), then possessives.
            for subjects, objects, possessive in (
                (True, False, False),
                (False, False, False),
                (False, True, False),
                (False, True, True),
            ):
                found = [
                    n
                    for n in named
                    if (possessive or not n[3])
                    and (objects or not speakers.after_preposition(masked, n[1]))
                    and not (subjects and speakers.after_verb(masked, n[1]))
                ]
                if found:
                    return replace(candidate, name=found[-1][0])
            if start == first:
                break
        return candidate

    def _possessive_taken_up(self, at: int) -> str | None:
        """ "the young Smith's delight when he earns his first dollar; ... he notes": the nearest
        person before a pronoun, named in the possessive and already taken up by a pronoun since,
        is its antecedent (a possessive is otherwise passed over for a subject further back)."""
        start = max(self.layout.paragraph_at(at).start, at - 400)
        masked = self._masked(start, at)
        named = [
            n
            for n in speakers.names(
                masked, proper=self.proper, objects=True, known=self._people_in(start, at)
            )
            if n[2] is speakers.Entity.PERSON
        ]
        if not named or not named[-1][3]:
            return None
        name, offset, _, _ = named[-1]
        since = masked[offset + len(name) :]
        return name if _THIRD_PERSON.search(since) else None

    def _people_in(self, start: int, end: int) -> list[tuple[str, int, bool]]:
        """The document's people that lie within ``start:end``, offsets from ``start``. Names
        never cross a paragraph break, so each paragraph is scanned once, when first needed."""
        found: list[tuple[str, int, bool]] = []
        paragraphs = self.layout.paragraphs
        if not paragraphs:
            return found
        for index in range(self.layout.paragraph_index(start), len(paragraphs)):
            paragraph = paragraphs[index]
            if paragraph.start >= end:
                break
            cached = self._people_by_paragraph.get(index)
            if cached is None:
                chunk = self.text[paragraph.start : paragraph.end]
                known = [(n, paragraph.start + at, poss) for n, at, poss in people(chunk)]
                cached = (known, [k[1] for k in known])
                self._people_by_paragraph[index] = cached
            known, starts = cached
            for name, at, possessive in known[bisect_right(starts, start - 1) :]:
                if at >= end:
                    break
                if at + len(name) <= end:
                    found.append((name, at - start, possessive))
        return found

    def _turn_speaker(self, at: int) -> str | None:
        """Who speaks at ``at`` in a transcript: the last turn label before it ("BRIAN LAMB,
        host:", "Mr. ROBERT TIMBERG, AUTHOR:", "LAMB:"), in title case."""
        labels = list(_TURN_LABEL.finditer(self.text, max(0, at - _TURN_REACH), at))
        if not labels:
            return None
        last = labels[-1]
        return " ".join(w.capitalize() for w in last.group("name").split())

    def _topic_work(self, claims: _Claims) -> None:
        """A document titled by a document's name ("Gettysburg Address", "The Communist
        Manifesto") quotes that document when it names no other work."""
        if claims.work is not None or claims.intermediary is not None:
            return
        if not self._title_read:
            self._title, self._title_read = self._document_title(), True
            self._title_author = self._author_of_title(self._title[0]) if self._title else None
        if not self._title or not self._title_author or claims.speaker is None:
            return
        if surname(claims.speaker[0]) != surname(self._title_author):
            return  # a heading is not the work of words the text gives to someone else
        title, span = self._title
        claims.work, claims.work_score = (title, Evidence(title, span)), _TOPIC_WORK

    def _author_of_title(self, title: str) -> str | None:
        """Whose the document named by the title is, as the text near the top says: "Lincoln's
        carefully crafted address", "the address by Lincoln" (for the title "Gettysburg
        Address"). A document whose author the text does not name is nobody's topic work."""
        head = f"(?i:{re.escape(title.rsplit(maxsplit=1)[-1])})"
        body = self.text[: min(self._body_end, _TITLE_AUTHOR_REACH)]
        pattern = re.compile(
            rf"\b(?P<owner>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){{0,3}})['\u2019]s[ \t]+"
            rf"(?:[\w-]+[ \t]+){{0,4}}?{head}\b"
            rf"|\b{head}[ \t]+(?:(?:delivered|given|written|made)[ \t]+)?by[ \t]+"
            rf"(?P<agent>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){{0,3}})"
        )
        for found in pattern.finditer(body):
            name = found.group("owner") or found.group("agent")
            persons = [n for n in people(name) if n[1] == 0]
            if persons:
                return persons[0][0]
        return None

    def _document_title(self) -> tuple[str, Span] | None:
        for paragraph in self.layout.paragraphs[:5]:
            line = self.text[paragraph.start : paragraph.end].strip("# *_")
            words = line.split()
            if (
                1 < len(words) <= 8
                and "\n" not in line
                and line[-1:].isalpha()
                and words[-1] in speakers.DOCUMENT_WORDS
            ):
                at = self.text.index(line, paragraph.start)
                return line, Span(at, at + len(line))
        return None

    def _focus_person(self) -> str | None:
        """The author a document discusses ("the author" of a reviewed book): of the people the
        document names as writing or speaking ("writes Suri", "Dallek argues", "edited by Zall"),
        the one it names most often."""
        if self._focus is None:
            body = self.text[: self._body_end]
            authors: dict[str, str] = {}
            for cue in _AUTHORING.finditer(body):
                lo, hi = max(0, cue.start() - 40), min(len(body), cue.end() + 40)
                for name, at, entity, _ in speakers.names(
                    body[lo:hi], proper=self.proper, objects=True
                ):
                    near = lo + at + len(name) >= cue.start() - 2 and lo + at <= cue.end() + 2
                    if entity is speakers.Entity.PERSON and near:
                        key = surname(name)
                        if len(name) > len(authors.get(key, "")):
                            authors[key] = name
            counts = {k: len(re.findall(rf"\b{re.escape(k)}\b", body, re.I)) for k in authors}
            best = max(counts, key=lambda k: counts[k], default=None)
            self._focus = authors[best] if best is not None else ""
        return self._focus or None

    def _previous_speaker(self, index: int, at: int) -> str | None:
        """The speaker of the checkable quotation before ``index`` when it stands at most two
        paragraphs back and no other person is named between it and ``at``."""
        for j in range(index - 1, max(-1, index - _RECENT - 1), -1):
            if not self.kinds[j].is_checkable:
                continue
            prior = self._prior_by_index.get(j)
            if prior is None or not prior.attribution.speaker:
                return None
            para = self.layout.paragraph_index(self.quotations[index].open_at)
            if para - prior.paragraph > _PARAGRAPHS_BACK:
                return None
            start = self.closes[j]
            evidence = prior.attribution.speaker_evidence
            if evidence is not None and start <= evidence.span.end < at:
                # The rest of the sentence that names the prior speaker describes them ("said
                # Mr. Reeves, a senior fellow at the ... Center for Human Rights").
                stop = _SENTENCE_END.search(self.text, evidence.span.end, at)
                start = stop.end() if stop else at
            if at - start > _CARRY_CHARS:
                return None
            between = self._masked(start, at) if start < at else ""
            others = [
                n
                for n in speakers.names(
                    between, proper=self.proper, objects=True, known=self._people_in(start, at)
                )
                if n[2] is speakers.Entity.PERSON
                and not n[3]  # "Kenya's records", "Smith's book": named, but not speaking
                and surname(n[0]) != surname(prior.attribution.speaker)
                # "Using events from both Florence and Rome, he discussed": places and things
                # after a preposition do not take the pronoun from the speaker before.
                and not (
                    " " not in n[0] and speakers.after_preposition(between, n[1], and_list=True)
                )
                # 'Obama said. Abbas "has put aside ...": the subject of the quoted predicate
                # is spoken about, by the speaker who goes on.
                and between[n[1] + len(n[0]) :].strip(" \t*_")
            ]
            return None if others else prior.attribution.speaker
        return None

    def _continued(self, index: int) -> tuple[str, Evidence] | None:
        """A quotation with no cue of its own that follows another by the same speaker: '"...,"
        said Indyk. "It can't be repaired."' or a paragraph that only goes on quoting."""
        quotation = self.quotations[index]
        speaker = self._previous_speaker(index, quotation.open_at)
        if speaker is None:
            return None
        for j in range(index - 1, -1, -1):
            prior = self._prior_by_index.get(j)
            if prior is not None and prior.attribution.speaker_evidence is not None:
                return speaker, prior.attribution.speaker_evidence
        return None

    def _interlocutor(self, index: int) -> tuple[str, Evidence] | None:
        """The questioner of an interview named earlier in the paragraph ("correspondent ... Henry C. Cassidy")."""
        para = self.layout.paragraph_index(self.quotations[index].open_at)
        for prior in reversed(self.prior[-_RECENT:]):
            if prior.paragraph != para:
                break
            if not prior.attribution.occasion_evidence:
                continue
            evidence = prior.attribution.occasion_evidence
            if not _INTERLOCUTOR.search(evidence.phrase):
                continue
            names = people(evidence.phrase)
            if names:
                name, start, _ = names[-1]
                span = Span(evidence.span.start + start, evidence.span.start + start + len(name))
                return self.antecedents.person(name), Evidence(name, span)
        return None

    # ---------------------------------------------------------------------------------------
    # Work

    def _work(self, masked: str, start: int, end: int, claims: _Claims) -> None:
        speaker = claims.speaker[0] if claims.speaker else None
        named = self._title_in(masked, start, end)
        if named:
            claims.work, claims.work_score = named, 0.25
            return
        generic = _GENERIC_WORK.search(masked)
        if generic:
            owner = (
                self.antecedents.person(generic.group("owner"))
                if generic.group("owner")
                else speaker
            )
            owned = self.antecedents.last_work(owner)
            if owned:
                span = Span(start + generic.start(), start + generic.end())
                claims.work = (owned, Evidence(self.text[span.start : span.end], span))
                claims.work_score = 0.15
                return
        verbs = list(_VERB.finditer(masked))
        if _GOES_ON.match(masked):
            # 'In an article entitled "X" he accused Lenin ... . He is "..."': the sentence goes on
            # with the subject of the one before, which named the work.
            earlier = max(self.layout.paragraph_at(start).start, start - 400)
            named = self._title_in(self._masked(earlier, start), earlier, start)
            if named and _WORK_NAMED.search(
                self.text, max(earlier, named[1].span.start - 40), named[1].span.start + 1
            ):
                claims.work, claims.work_score = named, 0.12
                return
        writes = bool(verbs) and verbs[-1].group() in WRITING_VERBS
        if claims.speaker and not writes:
            # '"...," Koontz writes': the verb of a speaker named after the words.
            cue = claims.speaker[1].phrase
            writes = any(v.group() in WRITING_VERBS for v in _VERB.finditer(cue))
        if not (speaker and claims.speaker and writes):
            return
        last = self.antecedents.last_work(speaker)
        if last:
            claims.work, claims.work_score = (last, claims.speaker[1]), 0.12
            return
        # 'Grey wrote a biography, "Stalin - Man of History". In it he describes ...:'
        earlier = max(self.layout.paragraph_at(start).start, start - 400)
        named = self._title_in(self._masked(earlier, start), earlier, start)
        if named:
            claims.work, claims.work_score = named, 0.15
            return
        book = self._owned_book(speaker)
        if book is not None:
            # "Koontz's latest book, A Big Little Life ... 'Most of us ...,' Koontz writes".
            title, at = book
            claims.work = (title, Evidence(self.text[at.start : at.end], at))
            claims.work_score = 0.12

    def _owned_book(self, speaker: str) -> tuple[str, Span] | None:
        key = surname(speaker)
        if key not in self._owned_books:
            self._owned_books[key] = owned_book(self.text[: self._body_end], key)
        return self._owned_books[key]

    def _title_in(self, masked: str, start: int, end: int) -> tuple[str, Evidence] | None:
        """The last title named between ``start`` and ``end``: in quotation marks or in italics."""
        title = None
        for i in range(bisect_right(self.closes, start), len(self.quotations)):
            q = self.quotations[i]
            if q.open_at >= end:
                break
            if start <= q.open_at and q.close_at <= end and self.kinds[i] is QuotationKind.TITLE:
                title = q
        if title is not None and _STAFF_OF.search(
            self.text, max(start, title.open_at - 40), title.open_at
        ):
            title = None  # '"the editor of "The Clarion"': where the speaker works
        if title is not None:
            work = self.text[title.inner.start : title.inner.end].strip("*_ ")
            cue_start = max(start, title.open_at - 40)
            word = re.search(
                r"(?:his|her|their|the|in)\s+\w+\s*[*_]*\s*$", self.text[cue_start : title.open_at]
            )
            span = Span(cue_start + word.start() if word else title.open_at, title.close_at)
            return work, Evidence(self.text[span.start : span.end], span)
        found = None
        raw = self.text[start:end]
        for match in _ITALIC_TITLE.finditer(raw):
            words = match.group("title").split()
            if "#" in masked[match.start() : match.end()] or not words:
                continue
            if _STAFF_OF.search(raw, max(0, match.start() - 40), match.start()):
                continue  # "the editor of the *Constitution*": where the speaker works
            if sum(w[0].isupper() for w in words) * 2 >= len(words):
                span = Span(start + match.start(), start + match.end())
                found = (
                    match.group("title").strip(),
                    Evidence(self.text[span.start : span.end], span),
                )
        return found

    # ---------------------------------------------------------------------------------------
    # Date and occasion

    def _date_and_occasion(self, masked: str, offset: int, claims: _Claims) -> None:
        dates = list(_DATE.finditer(masked))
        if dates:
            date = dates[-1]
            span = Span(offset + date.start(), offset + date.end())
            claims.date = (date.group(), Evidence(date.group(), span))
        occasion = _OCCASION.search(masked)
        if occasion:
            phrase = occasion.group("occ").strip()
            span = Span(
                offset + occasion.start("occ"), offset + occasion.start("occ") + len(phrase)
            )
            claims.occasion = (phrase, Evidence(phrase, span))

    def _inherit(self, quotation: FoundQuotation, claims: _Claims) -> None:
        """A second answer in the same interview: same paragraph, same speaker, no date of its own."""
        if claims.date or claims.occasion or not claims.speaker:
            return
        para = self.layout.paragraph_index(quotation.open_at)
        for prior in reversed(self.prior[-_RECENT:]):
            if prior.paragraph != para:
                break
            if prior.attribution.speaker == claims.speaker[0] and (
                prior.attribution.occasion or prior.attribution.claimed_date
            ):
                a = prior.attribution
                if a.occasion and a.occasion_evidence:
                    claims.occasion = (a.occasion, a.occasion_evidence)
                if a.claimed_date and a.date_evidence:
                    claims.date = (a.claimed_date, a.date_evidence)
                if a.work and a.work_evidence and not claims.work:
                    claims.work = (a.work, a.work_evidence)
                return

    # ---------------------------------------------------------------------------------------
    # The reference after the quotation

    def _apply_reference(self, found: FoundReference | None, claims: _Claims) -> LocatorTarget:
        if found is None:
            return LocatorTarget.WORK
        ref = found.reference
        if ref.author and not reads_as_name(ref.author):
            ref = replace(ref, author=None)  # "Ford edition of *Jefferson's Writings*"
        evidence = Evidence(ref.text, ref.span)
        listed = Evidence(ref.listed.text, ref.listed.span) if ref.listed else None
        speaker = claims.speaker[0] if claims.speaker else None
        if ref.short_form is ShortForm.IBID:
            self._resolve_antecedent(claims, evidence, None)
        elif ref.short_form is ShortForm.OP_CIT:
            self._resolve_antecedent(claims, evidence, ref.author)
        elif ref.short_form is ShortForm.IDEM and self.antecedents.cited:
            previous_speaker = self.antecedents.cited[-1][0]
            if previous_speaker and not claims.speaker:
                claims.speaker = (previous_speaker, evidence)
                claims.speaker_score = 0.35
        if ref.short_form is not ShortForm.IBID and ref.short_form is not ShortForm.OP_CIT:
            self._source_from_reference(
                ref.author,
                ref.work,
                ref.year,
                evidence,
                claims=claims,
                speaker=speaker,
                work_evidence=listed,
            )
            speaker = claims.speaker[0] if claims.speaker else None
        if ref.intermediary:
            claims.intermediary = (ref.intermediary, evidence)
            return LocatorTarget.INTERMEDIARY if ref.locator_on_intermediary else LocatorTarget.WORK
        return self._intermediary_by_inference(
            ref.work, ref.author, listed or evidence, claims=claims, speaker=speaker
        )

    def _source_from_reference(
        self,
        author: str | None,
        work: str | None,
        year: int | None,
        evidence: Evidence,
        *,
        claims: _Claims,
        speaker: str | None,
        work_evidence: Evidence | None = None,
    ) -> None:
        if (
            author
            and (not claims.speaker or claims.speaker_score <= _WEAK)
            and not (claims.speaker and self._cited_through(author, claims.speaker[0]))
        ):
            claims.speaker = (self.antecedents.person(author), evidence)
            claims.speaker_score = 0.4
            speaker = claims.speaker[0]
        elif (
            author
            and claims.speaker
            and surname(author) == surname(claims.speaker[0])
            and len(author.split()) > len(claims.speaker[0].split())
        ):
            # "Hale argued ..." with the note "Matthew Hale, The History ...": the note's full name.
            claims.speaker = (self.antecedents.person(author), claims.speaker[1])
            speaker = claims.speaker[0]
        if year:
            claims.work_year = year
        by_speaker = bool(speaker and author and _among_authors(speaker, author))
        if (
            work
            and (not claims.work or by_speaker)
            and not (speaker and author and not by_speaker)
            and (
                not speaker
                or author
                or self.antecedents.owns(speaker, work)
                or self._document_ties(speaker, work)
                or _among_authors(speaker, work)
            )
        ):
            # The speaker's own work in the quotation's note outranks a title in the lead-in.
            claims.work = (work, work_evidence or evidence)
            claims.work_score = 0.25

    def _fuller_name(self, at: int, claims: _Claims) -> None:
        """'Brian said' or 'Murphy said' after the text has named Lieutenant Brian Murphy: the
        full name, when exactly one person named shortly before has that given name or surname."""
        if not claims.speaker or " " in claims.speaker[0].strip():
            return
        word = claims.speaker[0].strip()
        start = max(0, at - _CARRY_CHARS)
        stop = claims.speaker[1].span.start
        fuller = set()
        found = self.text.find(word, start, stop)
        while found != -1:
            after = found + len(word)
            before = _CAPITALISED_BEFORE.search(self.text, max(start, found - 60), found)
            following = _CAPITALISED_AFTER.match(self.text, after, min(len(self.text), after + 60))
            if before or following:
                around = self.text[
                    before.start() if before else found : (following.end() if following else after)
                ]
                for name, _, _ in people(around):
                    parts = given_and_surname(name)
                    if parts is not None and word in parts:
                        fuller.add(without_titles(name))
            found = self.text.find(word, after, stop)
        if len(fuller) == 1:
            claims.speaker = (fuller.pop(), claims.speaker[1])

    def _only_listed_work(self, claims: _Claims) -> None:
        """'Foner writes, "..."' in an essay whose bibliography lists one work by Foner: the
        quotation is taken from that work. Weaker than a work the text or a reference names."""
        if (
            self.listing is None
            or claims.work
            or claims.intermediary
            or not claims.speaker
            or claims.speaker_score <= _WEAK
        ):
            return
        entry = self.listing.only_work_of(claims.speaker[0])
        if entry is not None and entry.work:
            claims.work = (entry.work, Evidence(entry.text, entry.span))
            claims.work_score = 0.15

    def _cited_through(self, author: str, speaker: str) -> bool:
        """Whether the document has already cited ``author`` for ``speaker``'s words ('He wrote
        that "..." (McGing, 155)'): a weak cue for the speaker then holds against the author."""
        return (surname(author), surname(speaker)) in self._secondary

    def _intermediary_by_inference(
        self,
        work: str | None,
        author: str | None,
        evidence: Evidence,
        *,
        claims: _Claims,
        speaker: str | None,
    ) -> LocatorTarget:
        """A work named in the reference that the text does not give to the speaker: the intermediary."""
        if not work and author and speaker and not _among_authors(speaker, author):
            # 'Machiavelli stated that "..." (McRoberts, 9)': his words, found in McRoberts.
            claims.intermediary = (self.antecedents.person(author), evidence)
            self._secondary.add((surname(author), surname(speaker)))
            return LocatorTarget.INTERMEDIARY
        if not work or (claims.work and norm_title(claims.work[0]) == norm_title(work)):
            return LocatorTarget.WORK
        if speaker is None:
            return LocatorTarget.WORK
        if author and surname(author) == surname(speaker):
            return LocatorTarget.WORK
        if (
            self.antecedents.owns(speaker, work)
            or (not author and _among_authors(speaker, work))
            or (not author and names_a_periodical(work))  # where the words were printed
            or self._document_ties(speaker, work)
        ):
            if not claims.work:
                claims.work = (work, evidence)
                claims.work_score = 0.2
            return LocatorTarget.WORK
        claims.intermediary = (work, evidence)
        claims.inferred_intermediary = True
        if author:
            self._secondary.add((surname(author), surname(speaker)))
        return LocatorTarget.INTERMEDIARY

    def _document_ties(self, speaker: str, work: str) -> bool:
        """Whether the document gives the work to the speaker anywhere: "Machiavelli's The
        Prince", "The Prince by Machiavelli", "Machiavelli's book *The Prince*", "In chapter 3
        of The Prince, Machiavelli argues"."""
        key = (surname(speaker), norm_title(work))
        if key not in self._ties:
            name = re.escape(key[0])
            title = r"\W+".join(re.escape(w) for w in work.split())
            if not title or not name:
                self._ties[key] = False
            else:
                pattern = re.compile(
                    rf"\b{name}['\u2019]s\W+(?:\w+\W+){{0,2}}?{title}\b"
                    rf"|\b{title}\W{{0,3}}\s+by\s+(?:\w+\s+){{0,2}}{name}\b"
                    rf"|\bIn\W+(?:[\w-]+\W+){{0,4}}?{title}\b[^.!?\n]{{0,200}}?,"
                    rf"\s+(?:[\w.]+\s+){{0,3}}?{name}\s+[a-z]",
                    re.I,
                )
                self._ties[key] = pattern.search(self.text) is not None
        return self._ties[key]

    def _resolve_antecedent(self, claims: _Claims, evidence: Evidence, author: str | None) -> None:
        for cited_speaker, cited_work, cited_year in reversed(self.antecedents.cited):
            if author and (not cited_speaker or surname(cited_speaker) != surname(author)):
                continue
            if cited_speaker and not claims.speaker:
                claims.speaker = (cited_speaker, evidence)
                claims.speaker_score = 0.35
            if cited_work and not claims.work:
                claims.work = (cited_work, evidence)
                claims.work_score = 0.2
            if cited_year and not claims.work_year:
                claims.work_year = cited_year
            return


def _only_a_page(reference: Reference) -> bool:
    """ "(164)", "(p. 12)": a page and nothing else, so the page of the work in hand."""
    return (
        reference.locator is not None
        and not reference.author
        and not reference.work
        and not reference.intermediary
        and reference.short_form is ShortForm.NONE
    )


def _among_authors(speaker: str, authors: str) -> bool:
    """ "Marx" is among "Marx and Engels"; "Hale" among "Matthew Hale". Also whether a work's
    title names the speaker ("Mozilla Manifesto" for Mozilla, a page titled "Michael Joseph
    Savage" for Savage, "Jefferson's Writings" for Jefferson): the speaker's own words, or the
    page that gives them."""
    words = re.findall(r"[\w'\u2019-]+", authors)
    return surname(speaker) in {re.sub(r"['\u2019]s$", "", w.lower()) for w in words}
