"""Who is quoted: every person or body named near a quotation, scored by named features.

Attribution is a ranking, not a first match (as in the PARC attribution corpus and Quotebank's
speaker model). Each candidate carries the cue that ties it to the quotation (the subject of a verb
of saying, a name after the quotation, "according to", "X's testimony", a signature line, the object
of "X quotes"), its side and distance, and what it is (a person, a body acting as author; never a
place after a preposition, a heading, a label or a word of a title). ``score`` turns those features
into one number; the best candidate wins only above ``THRESHOLD``, otherwise there is no speaker.
The cue weights are the confidences the rest of extraction adds up, so a weak guess stays weak.
"""

from __future__ import annotations

import importlib.machinery
import re
from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from citecheck.extract.names import NOT_NAMES, organisations, people, surname
from citecheck.model import Span

_VERBS_OF_SAYING = (  # noqa: SIM905 - a word list reads better as prose
    "acknowledged added adding adds admits admitted announced announces announcing answered "
    "answering answers argued argues arguing asked asking asks asserted asserts boasted boasts "
    "called calls characterised characterises characterized characterizes claimed claiming "
    "claims commented comments complained complains conceded concedes concluded concludes "
    "concluding confessed contended contends continued continues cried crying declared declares "
    "declaring defined defines denounced described describes emphasised emphasises emphasized "
    "emphasizes exclaimed exclaiming explained explaining explains expressed expresses insisted "
    "insisting insists "
    "joked jokes maintained maintains mentioned mentions mused muses noted notes noting observed "
    "observes observing opined pointed_out points_out predicted predicts proclaimed proclaiming "
    "proclaims promised promises proposed proposes put_it puts_it quipped quips recalled "
    "recalling recalls recorded records recounted recounts reflected reflects remarked remarking "
    "remarks replied replies replying reported reports responded responds said say saying says "
    "speaks spoke stated states stating stressed stresses suggested suggests summarised "
    "summarises summarized summarizes telling tells testified testifying told urged urges vowed "
    "vows warned warning warns write writes writing written wrote identifies identified "
    "believes believed thinks thought feels felt considers considered affirms affirmed "
    "reveals revealed recognizes recognized recognises recognised acknowledges disagree "
    "disagrees disagreed objected objects countered counters retorted retorts "
    "alluded alludes alluding accused accuses accusing composed composes composing "
    "details detailed detailing chanted chanting chants shouted shouting shouts yelled "
    "yelling sang sings singing reads "
    "with_the_words with_these_words in_these_words in_the_following_words "
).split()


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: list[str]) -> str:
    """One alternation as a prefix tree: "sa(?:id|ys|y)" is tried far faster than a flat list."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return render(tree)


VERB = re.compile(rf"\b(?:{_trie_pattern([w.replace('_', ' ') for w in _VERBS_OF_SAYING])})\b")
_QUOTES = re.compile(r"\b(?:quotes|quoted|quoting|cites|cited|citing)\s+(?=[A-Z])")
_QUOTED_BY = re.compile(r"\b(?:as\s+)?(?:quoted|cited|reported)\s+by\s+(?=[A-Z])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_TESTIMONY_NOUNS = (
    r"(?:testimony|words|account|quote|quotation|remark|observation|assessment|advice|"
    r"statement|evidence|letter|diary|deposition|reply|answer|speech|remarks|memorandum|memo|"
    r"affidavit|confession|report|recollection|verdict|summary|conclusion|view|comment|poem|"
    r"poems|lines?|verses?|novel|essay|song|play|memoirs?|diary|diaries|book|dictum|maxim|"
    r"phrase|saying|motto|prayer|sermon|telegram|message|note|tweet|post|goal|aim|mission|"
    r"promise|pledge|position|stance|creed|response|retort|rejoinder|plea|appeal|outburst|"
    r"address|warning|description|definition)\b"
)
_TESTIMONY = re.compile(r"['\u2019]s\s+(?:[a-z-]+\s+)?" + _TESTIMONY_NOUNS)
_OWN_TESTIMONY = re.compile(
    r"\b(?:[Hh]is|[Hh]er)\s+(?:[a-z-]+\s+)?" + _TESTIMONY_NOUNS + r"[,:]?[ \t]*$"
)
""""His famous quote, “...”": the words of the person the pronoun stands for."""
_QUOTE_FROM = re.compile(
    r"\b(?:quote|quotation|words|remark|line|lines|phrase|saying|passage|message|telegram|"
    r"letter|note|tweet|chorus|cry|refrain|call|assessment|observation|comment|judgement|"
    r"judgment|verdict|advice|warning),?\s+(?:from|by|of)\s+(?:the\s+)?(?=[A-Z])"
)
_NAMES_PER_VERB = 3
_CLAUSE_WITH_SUBJECT = re.compile(
    r"(?:\b(?:that|which|whom|where|when|while|whereupon)|,\s*(?:and|but))\s+"
    r"(?:the|a|an|his|her|their|its|our|"
    r"my|your|these|those|this|he|she|they|we|I|you|it|[A-Z][a-z]+)\b"
)
"""A clause with a subject of its own: the verb after it is not the earlier name's."""
_UNNAMED_SUBJECT = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our|my|this|these|those)"
    r"|\b(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*['\u2019]s)"
    r"(?:\s+(?!(?:and|or|as|but|that|which|who|this|it)\b)[a-z][\w-]*){1,4}\s+$"
)
"""A verb of saying whose subject is a noun phrase ("the crowd shouted"): someone unnamed speaks."""
_CLAUSE_OPENS = re.compile(
    r"(?:^|[,;:.!?\"\u201c\u201d(]|\b(?:that|when|while|because|after|before|if|though|"
    r"although|and|but|so|then|once|since|until|whereupon|where|as)\b)\s*$",
    re.I,
)
"""What stands before a noun phrase that opens a clause and so can be its subject."""


def _unnamed_subject(text: str, verb_at: int) -> bool:
    """Whether the verb of saying at ``verb_at`` has a noun phrase for its subject ("the crowd
    shouted", "her teacher used to say"), not one that follows a preposition ("of the board")."""
    subject = _UNNAMED_SUBJECT.search(text, max(0, verb_at - 80), verb_at)
    if subject is None:
        return False
    owner = re.search(r"['\u2019]s\s", subject.group())
    if owner and _TESTIMONY.match(text, subject.start() + owner.start()):
        return False  # "Crane's testimony reads": Crane's own words
    # "the crowd shouted", "that her teacher used to say"; not "denounced the statements as
    # treasonable and declared" (an object) nor "of the board said" (after a preposition).
    return _CLAUSE_OPENS.search(text, max(0, subject.start() - 16), subject.start()) is not None


_NOUN_SUBJECT_AFTER = re.compile(
    r"\s+[a-z][^,;:]*,\s+(?:the|a|an|his|her|their|its|our|my|this|these|those)"
    r"(?:\s+[a-z][\w-]*){1,2}\s*$"
)
"""After a name and a clause of its own, a noun phrase right before the verb is its subject."""
_RELATIVE_WORD = re.compile(r"\b(?:which|who|whom|whose|that)\b|\bwho['\u2019]")
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose|that)\b[^,;:]*$")
_WORDS_BEFORE_NAME_AFTER = 3
"""At most this many words between a quotation and the name of its speaker after it."""
_VERBS_READ = 3
"""How many verbs of saying of a lead-in give candidates (the nearest ones)."""
DOCUMENT_WORDS = frozenset(
    [
        "Address",
        "Inaugural",
        "Oration",
        "Sermon",
        "Eulogy",
        "Lecture",
        "Treaty",
        "Pact",
        "Speech",
        "Declaration",
        "Manifesto",
        "Act",
        "Report",
        "Letter",
        "Constitution",
        "Charter",
        "Doctrine",
        "Proclamation",
        "Amendment",
        "Bill",
        "Resolution",
        "Statement",
        "Memorandum",
        "Communique",
        "Communiqué",
        "Decree",
        "Order",
        "Law",
        "Code",
        "Gospel",
        "Bible",
        "Book",
        "Article",
        "Edict",
        "Testament",
        "Papers",
    ]
)
_OBJECT_VERBS = frozenset(
    [
        "met",
        "saw",
        "told",
        "left",
        "led",
        "beat",
        "joined",
        "visited",
        "sent",
        "took",
        "found",
        "made",
        "gave",
        "meet",
        "see",
        "tell",
        "visit",
        "meets",
        "sees",
        "tells",
        "visits",
        "leaves",
        "leads",
        "joins",
        "sends",
        "takes",
        "finds",
        "makes",
        "gives",
        "hit",
        "won",
        "lost",
    ]
)
_WORD_CHARS = re.compile(r"[\w'#]+")  # a masked quotation or title counts as a word
_SINGLE_NOUN_DETERMINERS = frozenset({"a", "an", "the", "this", "every", "each", "some"})
"""Not "that": before a name it is nearly always the conjunction ("argued that Marx was")."""
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "his", "her", "its", "my", "your"})
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+"
    r"(?:(?:\w+ly|best|first|once|often|well|never|always|also|later|so)\s+)?$",
    re.I,
)
_BY_AGENT = re.compile(r"[ \t]+by[ \t]+(?:(?:the|a)[ \t]+)?(?=[A-Z])")
_PRONOUN_BEFORE = re.compile(r"\b(he|she|they|you|the author|the writer)\s+(?:\w+\s+){0,2}$", re.I)
_PRONOUN_AFTER = re.compile(r"\b(he|she|they|you|the author|the writer)\b")
_WHO_BEFORE = re.compile(r",\s*who\s+(?:[\w']+,?\s+){0,4}$")
_AS_FOLLOWS = re.compile(r"\b(?:as follows|the following|thus|these words)\s*:-?\s*$", re.I)
_OWN_WORK = re.compile(
    r"\b(?:his|her)\s+(?:own\s+|new\s+|latest\s+|first\s+|last\s+)?(?:book|study|memoirs?|"
    r"article|essay|novel|poem|diary|letter|speech|account|biography|autobiography)\b"
)
_AFTER_VERB_START = re.compile(r"\s+(?:the (?:author|writer)\b|[A-Z])")
_AUTHOR_AFTER_VERB = re.compile(r"\s+(the author|the writer|he|she)\b(?!'|\u2019)")
_AUTHORS_VIEW = re.compile(
    r"\b(the author|the writer)['\u2019]s\s+(?:view|words|account|opinion|phrase|judgment|judgement)\b"
)
SELF = "I"
"""The name of a pronoun candidate in the first person: the speaker of a transcript's turn."""
_FIRST_PERSON = re.compile(r"\b(?:I|myself)\b")
BOOK_AUTHOR = "the author"
"""The name of a pronoun candidate that stands for the author of the book under discussion."""
INTERVIEWEE = "you"
"""The name of a pronoun candidate that stands for the person an interviewer questions."""
_INTERVIEW_HEADING = re.compile(
    r"\b(?:Q\s?&\s?A|[Ii]nterview|[Cc]onversation)\s+with\s+(?:the\s+)?(?:[a-z]+\s+){0,2}"
)
_INTERVIEW_REACH = 2000
"""How far into a document its heading or standfirst names who is interviewed."""
_NOTE_MARKS = re.compile(
    r"(?:\s*(?:\[\d{1,3}\]|\^\d{1,3}|[\u00b9\u00b2\u00b3\u2070-\u2079]+))+\s*$"
)
_AFTER_SENTENCE_END = re.compile(
    # The look-ahead for the mark first: eight look-behinds are tried only where a mark stands.
    r"(?=[.!?;])(?<![A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGen)"
    r"[.!?;](?=\s|$)"
)
_ACCORDING_AFTER = re.compile(r"[ \t,\u2014-]*according to\s+(?:the\s+)?", re.I)
_EXAMPLE_OF = re.compile(
    r"\b(?:[Cc]onsider|[Tt]ake|[Rr]ecall|[Rr]emember|[Ll]ook at|[Ii]magine)\b"
    r"|\bthe (?:fate|case|story|example|death|plight|career) of\b"
)
""""Consider the fate of General Zollicoffer at Mill Springs:": what follows tells of him; it
is not his to say."""
_REPORTING_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[.!?](?:[ \t]|$)|$)")
_NEW_CLAUSE = re.compile(r"\b(?:but|yet|while|whereas|although|though)\b")
"""A conjunction after a quotation opens a clause of its own, whose subject is not the speaker."""
_SIGNATURE = re.compile(
    r"[ \t]*\n?[ \t>]*(?:\n[ \t>]*)?(?:(?:\u2014|\u2013|\u2015|--|-)[ \t]*[*_]*|(?<=>)[ \t]*[*_]+)(?=[A-Z])"
)
_PREPOSITIONS = frozenset(
    ["in", "at", "for", "from", "to", "near", "into", "onto", "across", "of", "on", "outside", "inside", "throughout", "towards", "toward", "by", "over", "under", "through", "via", "within", "around", "against", "between", "with", "without", "among", "during", "about", "beyond", "upon", "like", "unlike"]
)  # fmt: skip
_ITALIC = re.compile(r"(?<![\w*])([*_])[^*_\n]{1,120}?\1(?![\w*])")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d')\]]*\s+(?=[A-Z\"\u201c])")


class Cue(StrEnum):
    """What ties a candidate to the quotation."""

    SUBJECT = "subject of a verb of saying"
    AFTER = "named with a verb of saying after the quotation"
    SIGNATURE = "signed under the quotation"
    ACCORDING = "according to"
    TESTIMONY = "testimony, words or account of"
    QUOTED = "quoted by an intermediary"
    PRONOUN = "pronoun of a person named before"
    INTRODUCED = "named before a colon, without a verb"
    FOLLOWS = "subject of a sentence ending 'as follows:'"
    QUESTION = "a question put by the interviewer named before"
    SENTENCE = "the one person of the sentence, its subject, with no verb of saying"
    FIRST_PERSON = "the one person of the sentence of words in the first person"
    ANSWER = "an interview's answer, the interviewee's"


class Side(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class Entity(StrEnum):
    PERSON = "person"
    BODY = "body"
    """An organisation acting as author: "The Royal Society declared"."""


WEIGHTS: dict[Cue, float] = {
    Cue.SUBJECT: 0.45,
    Cue.SIGNATURE: 0.45,
    Cue.QUOTED: 0.45,
    Cue.QUESTION: 0.45,
    Cue.AFTER: 0.4,
    Cue.TESTIMONY: 0.4,
    Cue.ACCORDING: 0.35,
    Cue.PRONOUN: 0.3,
    Cue.INTRODUCED: 0.25,
    Cue.FOLLOWS: 0.35,
    Cue.SENTENCE: 0.25,
    Cue.FIRST_PERSON: 0.25,
    Cue.ANSWER: 0.3,
}
"""How much each cue says about who spoke; these become the speaker's share of the confidence."""
BODY_PENALTY = 0.05
"""A body is a less usual speaker than a person; with two equal cues the person wins."""
DISTANCE_PENALTY = 0.0004
"""Per character between the cue and the quotation: the nearer of two equal cues wins."""
INDIRECT_PENALTY = 0.1
"""A subject separated from its verb by more than a short appositive is less certainly its subject."""
ACROSS_PENALTY = 0.15
"""A cue in the paragraph before that does not introduce the quotation (no colon) is weaker than
one beside it: a new paragraph often opens with a new speaker's words."""
ACROSS_SENTENCE_PENALTY = 0.05
"""A cue in the sentence before a lead-in that names nobody ("Machiavelli details his metaphor.
As stated below:") is a little weaker than one in the lead-in itself."""
THRESHOLD = 0.2
"""Below this no candidate is a speaker: no speaker is better than a wrong one."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible speaker of a quotation and the features that score it."""

    name: str
    evidence: Span
    """The phrase that ties the name to the quotation ("Grey writes", "said Smith")."""
    cue: Cue
    side: Side
    distance: int
    entity: Entity = Entity.PERSON
    direct: bool = True
    """The name stands right before its verb or after it, or with only an appositive between."""
    intermediary: str | None = None
    """Who quotes the speaker ("X quotes Y", "quoted by X")."""
    pronoun: bool = False
    """The name is a pronoun's antecedent: the caller finds it in the text before."""
    across_paragraph: bool = False
    """The cue is in the paragraph before, which does not introduce the quotation with a colon."""
    across_sentence: bool = False
    """The cue is in the sentence before the lead-in, which names nobody."""

    @property
    def score(self) -> float:
        value = WEIGHTS[self.cue] - DISTANCE_PENALTY * min(self.distance, 400)
        if self.entity is Entity.BODY:
            value -= BODY_PENALTY
        if not self.direct:
            value -= INDIRECT_PENALTY
        if self.across_paragraph:
            value -= ACROSS_PENALTY
        if self.across_sentence:
            value -= ACROSS_SENTENCE_PENALTY
        return round(max(value, 0.0), 3)


def best(candidates: list[Candidate]) -> Candidate | None:
    """The highest-scoring candidate above the threshold (the earlier-found one on a tie)."""
    winner = None
    for candidate in candidates:
        if candidate.score >= THRESHOLD and (winner is None or candidate.score > winner.score):
            winner = candidate
    return winner


def before(masked: str, offset: int, *, proper: Container[str] = frozenset()) -> list[Candidate]:
    """Candidates in a lead-in (quotations in it masked), which ends where the quotation opens."""
    text = _hide_titles(masked)
    found: list[Candidate] = []
    end = len(text)
    verbs = list(VERB.finditer(text))
    every_name = [m for m in names(text, proper=proper) if not m[3]] if verbs else []
    for verb in verbs[-_VERBS_READ:]:
        head = text[: verb.start()]
        inverted = _inverted_subject(text, verb, offset, end, proper)
        if inverted is not None:
            # '"...," writes the author, "..."' / 'says Smith': the subject follows its verb.
            found.append(inverted)
            continue
        # These patterns end at the verb: searching the last words is enough, and linear.
        tail = max(0, verb.start() - 40)
        relative = _WHO_BEFORE.search(head, tail)
        if relative:
            # "close to Senator McCain, who I think said": the name before "who" said it.
            owners = names(head[: relative.start()], proper=proper, objects=True)
            if owners and owners[-1][1] + len(owners[-1][0]) == relative.start():
                name, at, entity, _ = owners[-1]
                found.append(
                    Candidate(
                        name,
                        Span(offset + at, offset + verb.end()),
                        Cue.SUBJECT,
                        Side.BEFORE,
                        distance=end - verb.end(),
                        entity=entity,
                    )
                )
                continue
        named = [m for m in every_name if m[1] + len(m[0]) <= verb.start()]
        pronoun = _PRONOUN_BEFORE.search(head, tail)
        if _PASSIVE.search(head, tail):
            # "Machiavelli was described as ...": the subject of a passive verb is spoken about;
            # "... which was best expressed by Benjamin Franklin:": its agent speaks.
            named = []
            agent = _BY_AGENT.match(text, verb.end())
            by = names(text[agent.end() :], proper=proper, initial=False) if agent else []
            if agent and by and by[0][1] == 0:
                name, at, entity, _ = by[0]
                at += agent.end()
                found.append(
                    Candidate(
                        name,
                        Span(offset + verb.start(), offset + at + len(name)),
                        Cue.SUBJECT,
                        Side.BEFORE,
                        distance=end - (at + len(name)),
                        entity=entity,
                    )
                )
                continue
        if named and not (pronoun and pronoun.start() > named[-1][1]):
            # The nearest names are candidates; a name inside a relative clause ("which opposes
            # the Soviet Government, has this to say") or far from its verb scores less.
            for name, at, entity, _ in named[-_NAMES_PER_VERB:]:
                gap = head[at + len(name) :]
                if _CLAUSE_WITH_SUBJECT.search(gap):
                    continue  # "Hale signed the bill that the protesters called": theirs
                if _NOUN_SUBJECT_AFTER.match(gap):
                    continue  # "When Smith arrived, the crowd shouted": the crowd's
                if not _direct(gap) and _in_relative_clause(head[:at]):
                    continue  # "The report, which Smith had commissioned, concluded": its
                found.append(
                    Candidate(
                        name,
                        Span(offset + at, offset + verb.end()),
                        Cue.SUBJECT,
                        Side.BEFORE,
                        # The nearer of two names before one verb is more likely its subject.
                        distance=end - verb.end() + len(gap),
                        entity=entity,
                        direct=_direct(gap) and not _in_relative_clause(head[:at]),
                    )
                )
        elif pronoun:
            found.append(
                Candidate(
                    _pronoun_name(pronoun.group(1)),
                    Span(offset + pronoun.start(), offset + verb.end()),
                    Cue.PRONOUN,
                    Side.BEFORE,
                    distance=end - verb.end(),
                    pronoun=True,
                )
            )
    according = _ACCORDING.search(text)
    if according:
        after_cue = text[according.end() : according.end() + 60]
        named = names(after_cue, proper=proper, initial=False, objects=True)
        lead = re.match(r"(?:the\s+)?", after_cue)
        if named and named[0][1] == (lead.end() if lead else 0):
            name, at, entity, _ = named[0]
            found.append(
                _named_after(according, name, at, entity, Cue.ACCORDING, offset=offset, end=end)
            )
    for testimony in _TESTIMONY.finditer(text):
        named = [
            m
            for m in names(text[: testimony.start()], proper=proper, objects=True)
            if m[1] + len(m[0]) == testimony.start()
        ]
        if named:
            name, at, entity, _ = named[-1]
            found.append(
                Candidate(
                    name,
                    Span(offset + at, offset + testimony.end()),
                    Cue.TESTIMONY,
                    Side.BEFORE,
                    distance=end - testimony.end(),
                    entity=entity,
                )
            )
    own = _OWN_TESTIMONY.search(text, max(0, len(text) - 60))
    if own and not found:
        found.append(
            Candidate(
                "",
                Span(offset + own.start(), offset + own.end()),
                Cue.PRONOUN,
                Side.BEFORE,
                distance=end - own.end(),
                pronoun=True,
            )
        )
    for quotes in _QUOTES.finditer(text):
        # "Robert Hume quotes Anna Pike: ..." - Pike's words, through Hume.
        quoted = names(text[quotes.end() : quotes.end() + 80], proper=proper, initial=False)
        quoting = [
            m
            for m in names(text[: quotes.start()], proper=proper)
            if quotes.start() - m[1] - len(m[0]) <= 2
        ]
        if quoted and quoted[0][1] == 0 and quoting:
            name, _, entity, _ = quoted[0]
            stop = quotes.end() + len(name)
            found.append(
                Candidate(
                    name,
                    Span(offset + quoting[-1][1], offset + stop),
                    Cue.QUOTED,
                    Side.BEFORE,
                    distance=end - stop,
                    entity=entity,
                    intermediary=quoting[-1][0],
                )
            )
    if verbs:
        first_person = _FIRST_PERSON.search(
            text, max(0, verbs[-1].start() - 24), verbs[-1].end() + 20
        )
        if first_person and not found:
            # "I said,", "saying to myself,": the speaker of this turn of a transcript.
            lo, hi = (
                min(first_person.start(), verbs[-1].start()),
                max(first_person.end(), verbs[-1].end()),
            )
            found.append(
                Candidate(
                    SELF,
                    Span(offset + lo, offset + hi),
                    Cue.PRONOUN,
                    Side.BEFORE,
                    distance=end - hi,
                    pronoun=True,
                )
            )
    for owned in _OWN_WORK.finditer(text):
        # "her book deploys archival sources to explore ...": the work's author, named before.
        found.append(
            Candidate(
                "",
                Span(offset + owned.start(), offset + owned.end()),
                Cue.PRONOUN,
                Side.BEFORE,
                distance=end - owned.end(),
                pronoun=True,
            )
        )
    for view in _AUTHORS_VIEW.finditer(text):
        found.append(
            Candidate(
                BOOK_AUTHOR,
                Span(offset + view.start(), offset + view.end()),
                Cue.PRONOUN,
                Side.BEFORE,
                distance=end - view.end(),
                pronoun=True,
            )
        )
    for source in _QUOTE_FROM.finditer(text):
        # "the famous quote from Sir Launcelot Kiggell, who ... crying": whose words they are.
        after_cue = text[source.end() : source.end() + 80]
        named = names(after_cue, proper=proper, initial=False, objects=True)
        if named and _only_titles(after_cue[: named[0][1]]) and named[0][1] <= 12:
            name, at, entity, _ = named[0]
            found.append(
                _named_after(source, name, at, entity, Cue.TESTIMONY, offset=offset, end=end)
            )
    if not found and _AS_FOLLOWS.search(text):
        # "A Congress of delegates ... passed a resolution which began as follows:"
        named = [m for m in names(text, proper=proper) if not m[3]]
        if named:
            name, at, entity, _ = named[0]
            found.append(
                Candidate(
                    name,
                    Span(offset + at, offset + len(text.rstrip())),
                    Cue.FOLLOWS,
                    Side.BEFORE,
                    distance=0,
                    entity=entity,
                )
            )
    if (
        not found
        and introduces(text)
        and not (verbs and _UNNAMED_SUBJECT.search(text, 0, verbs[-1].start()))
        and not _EXAMPLE_OF.search(text)
    ):
        named = [
            m
            for m in (every_name if verbs else names(text, proper=proper))
            if not m[3]
            and m[2] is Entity.PERSON
            and (" " in m[0] or not is_common_word(m[0]))
            and not _COPULA.match(text, m[1] + len(m[0]))  # "Smith is, as one put it, ..."
        ]
        if named:
            name, at, entity, _ = named[0]
            found.append(
                Candidate(
                    name,
                    Span(offset + at, offset + at + len(name)),
                    Cue.INTRODUCED,
                    Side.BEFORE,
                    distance=0,  # the colon is the cue, and it stands right before the quotation
                    entity=entity,
                )
            )
    if verbs and _unnamed_subject(text, verbs[-1].start()):
        # "Smith told me that her teacher used to say, '...'": the words go with the nearest
        # verb, whose subject nobody names; an earlier verb's subject did not say them.
        last = offset + verbs[-1].start()
        found = [
            c for c in found if c.evidence.start > last and c.cue not in (Cue.SUBJECT, Cue.PRONOUN)
        ]
    return found


_FIRST_PERSON_WORDS = re.compile(r"\b(?:I|me|my|myself|I['\u2019]m|I['\u2019]ve)\b")
_COPULA = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:is|was|are|were|has\s+been|had\s+been|have\s+been|became|"
    r"becomes|remains|remained|seems|seemed)\b"
)
_SUBJECT_FOLLOWS = re.compile(r"\s*(?:,|[a-z])")


def sentence_person(
    before: str,
    after: str,
    quotation: str,
    *,
    offset: int,
    close_at: int,
    proper: Container[str] = frozenset(),
) -> Candidate | None:
    """The one person a sentence names around a quotation with no cue: its subject ("In three
    minutes Lincoln redefined the war as 'a new birth of freedom'", "Beginning with 'Four
    score,' Lincoln recalled ..."), or anyone it names if the words are in the first person
    ("the phrase 'I have not controlled events' shows Lincoln as passive"). ``before`` is the
    lead-in (starting at ``offset``), ``after`` the rest of the sentence (from ``close_at``),
    both with quotations masked. Two people, or none, and nobody is guessed."""
    if VERB.search(before) or VERB.search(after, 0, 60):
        return None  # a verb of saying with nobody named: someone unnamed speaks
    if _CLAUSE_WITH_SUBJECT.search(before):
        return None  # "where the banners read": the words belong to that clause
    first_person = _FIRST_PERSON_WORDS.search(quotation) is not None
    found = [(n, Side.BEFORE) for n in names(before, proper=proper, objects=first_person)]
    found += [
        (n, Side.AFTER) for n in names(after, proper=proper, initial=False, objects=first_person)
    ]
    # A lone capitalised dictionary word ("Economic prophecy is ...") is too weak a name here.
    found = [
        (n, side)
        for n, side in found
        if " " in n[0]
        or not is_common_word(n[0])
        or not _opens_sentence(before if side is Side.BEFORE else after, n[1], side is Side.BEFORE)
    ]
    # Everyone the sentence names, places and objects after a preposition aside.
    everyone = names(before, proper=proper) + names(after, proper=proper, initial=False)
    if len({surname(n[0]) for n in everyone if not n[3] or first_person}) != 1:
        return None
    for (name, at, entity, possessive), side in found:
        text = before if side is Side.BEFORE else after
        if possessive and not first_person:
            continue
        if not first_person:
            if after_verb(text, at) or not _SUBJECT_FOLLOWS.match(text, at + len(name)):
                continue
            if _RELATIVE_WORD.search(text, max(0, at - 40), at):
                continue  # "a claim that Le Goff doubted": the subject of another clause
            if _COPULA.match(text, at + len(name)):
                continue  # 'Beard is, in one critic's phrase, "the most famous ..."': about her
            if side is Side.AFTER and not _opens(after, at):
                continue
        base = offset if side is Side.BEFORE else close_at
        cue = Cue.FIRST_PERSON if first_person else Cue.SENTENCE
        # The sentence is the cue, wherever in it the name stands.
        return Candidate(name, Span(base + at, base + at + len(name)), cue, side, 0, entity=entity)
    return None


_DOCUMENT_QUOTING = re.compile(
    r"\b(?:letter|note|message|telegram|cable|speech|address|article|memo|memorandum|sermon|"
    r"essay|broadcast)\s+(?:quoting|citing)\b"
)
_SENDER = re.compile(r"\b(?:from|by)\s+((?:\S+\s+){0,3})$")


def quoted_by(masked: str) -> str | None:
    """The intermediary named in a lead-in by "quoted by X" / "as cited by X", or the sender of
    a document that quotes ("received from X a letter quoting Y", "X's speech citing Y")."""
    document = _DOCUMENT_QUOTING.search(masked)
    if document is not None:
        head = masked[max(0, document.start() - 80) : document.start()]
        persons = [n for n in names(head, objects=True, initial=False) if n[2] is Entity.PERSON]
        if persons:
            name, at, _, possessive = persons[-1]
            sender = _SENDER.search(head, 0, at)
            if possessive or (sender and _only_titles(sender.group(1))):
                return name
    match = _QUOTED_BY.search(masked)
    if match is None:
        return None
    named = names(masked[match.end() : match.end() + 80], initial=False)
    return named[0][0] if named and named[0][1] == 0 else None


def after(
    text: str, close_at: int, limit: int, *, proper: Container[str] = frozenset()
) -> list[Candidate]:
    """Candidates right after a quotation: '," said Smith', '," Smith, the mayor, said', a
    signature line ('— Jane Smith'), or a pronoun ('," he wrote')."""
    found: list[Candidate] = []
    signature = _SIGNATURE.match(text, close_at, min(limit, close_at + 100))
    if signature:
        line_end = text.find("\n", signature.end())
        line = text[signature.end() : line_end if line_end != -1 else min(len(text), limit)]
        named = names(line, proper=proper, initial=False)
        rest = line[len(named[0][0]) :].strip(" *_") if named else ""
        # A signature ends its line ("— Jane Smith", "— Jane Smith, historian"); a dash followed
        # by a name and a verb ("- Stalin answered") is prose.
        if named and named[0][1] == 0 and (not rest or rest[0] in ",(;"):
            name, _, entity, _ = named[0]
            stop = signature.end() + len(name)
            lo = close_at + len(text[close_at:stop]) - len(text[close_at:stop].lstrip(" \t\n>"))
            found.append(
                Candidate(name, Span(lo, stop), Cue.SIGNATURE, Side.AFTER, 0, entity=entity)
            )
            return found
    window = text[close_at : min(limit, close_at + 160)]
    according = _ACCORDING_AFTER.match(window)
    if according:
        # '"...," according to Jane Smith, the mayor.'
        named = names(window[according.end() :], proper=proper, initial=False, objects=True)
        if named and _only_titles(window[according.end() : according.end() + named[0][1]]):
            name, at, entity, _ = named[0]
            stop = according.end() + at + len(name)
            lo = close_at + len(window) - len(window.lstrip(" \t,\u2014-"))
            found.append(
                Candidate(
                    name, Span(lo, close_at + stop), Cue.ACCORDING, Side.AFTER, 0, entity=entity
                )
            )
            return found
    stop = len(window)
    for stopper in ("\n", '"', "\u201c", "\u201d"):
        at = window.find(stopper)
        if at != -1:
            stop = min(stop, at)
    end = _AFTER_SENTENCE_END.search(window, 0, stop)
    if end is None and window[:stop].rstrip().endswith((",", ":", ":-")) and stop < len(window):
        # '..."[8]  Marx continues, "...': the words introduce the next quotation.
        return found
    window = window[: end.start() if end else stop]
    closed = text[max(0, close_at - 3) : close_at]
    first_word = re.match(r"[\s\[\]\d^.,;:)(*_]*([A-Za-z])", window)
    if any(c in closed for c in ".!?") and first_word and first_word.group(1).isupper():
        verb_first = VERB.match(window, first_word.start(1))
        if verb_first is None:
            # A full stop ends the quotation's sentence; a capitalised word starts the next one.
            return found
    verb = VERB.search(window)
    if verb is None or verb.start() > 100:
        return found
    named = [m for m in names(window, proper=proper, initial=False) if not m[3]]
    following = [
        m
        for m, next_name in zip(named, [*named[1:], None], strict=False)
        if m[1] >= verb.end()
        and _opens(window, verb.start())
        and _only_titles(window[verb.end() : m[1]])
        and not _qualifies(window, m, next_name)
        and not _RELATIVE_WORD.search(window, verb.end(), m[1])
    ]
    leading = [
        m
        for m in named
        if m[1] + len(m[0]) <= verb.start()
        and _leads(window, m[1], window[m[1] + len(m[0]) : verb.start()])
    ]
    if _PASSIVE.search(window[: verb.start()]):
        # '"..." is how Trotsky was described by Raymond Robins': the agent is the speaker.
        agent = re.match(r"\s+by\s+", window[verb.end() :])
        leading = []
        following = []
        if agent:
            at = verb.end() + agent.end()
            by = names(window[at:], proper=proper, initial=False, objects=True)
            following = [(n, at + o, e, p) for n, o, e, p in by[:1] if o == 0]
    pronoun = _PRONOUN_AFTER.search(window, 0, verb.start()) or _AUTHOR_AFTER_VERB.match(
        window, verb.end()
    )
    if (
        pronoun
        and pronoun.end() <= verb.start()
        and not _direct(window[pronoun.end() : verb.start()])
    ):
        pronoun = None
    if leading and pronoun and pronoun.start() > leading[-1][1]:
        leading = []
    clause = _NEW_CLAUSE.search(window, 0, verb.start())
    if clause and not (
        leading
        and "," in window[clause.end() : leading[-1][1]]
        and _REPORTING_CLAUSE_ENDS.match(window, verb.end())
    ):
        # '"...," but Smith disagreed': the name is the subject of a clause of its own; not
        # '"..." while they were in power, Azzouz said.', where a reporting clause ends the
        # sentence after the subordinate one.
        leading, following, pronoun = [], [], None
    if leading or following:
        name, at, entity, _ = leading[-1] if leading else following[0]
        lo = close_at + min(at, verb.start())
        hi = close_at + max(at + len(name), verb.end())
        found.append(
            Candidate(
                name,
                Span(lo, hi),
                Cue.AFTER,
                Side.AFTER,
                distance=min(at, verb.start()),
                entity=entity,
            )
        )
    elif pronoun:
        found.append(
            Candidate(
                _pronoun_name(pronoun.group(1)),
                Span(
                    close_at + min(pronoun.start(1), verb.start()),
                    close_at + max(pronoun.end(1), verb.end()),
                ),
                Cue.PRONOUN,
                Side.AFTER,
                distance=pronoun.start(1),
                pronoun=True,
            )
        )
    return found


def _opens(window: str, at: int) -> bool:
    """Whether ``at`` stands near the start of what follows a quotation: at most a few words,
    or only titles ("White House press secretary"), before it."""
    head = window[:at]
    return len(_WORD_CHARS.findall(head)) <= _WORDS_BEFORE_NAME_AFTER or _only_titles(head)


def _leads(window: str, at: int, gap: str) -> bool:
    """Whether a name before a verb after a quotation is that verb's subject: right before it
    ('... plans, Indyk said'), or opening what follows with an appositive ('," Smith, the
    mayor, said'; not '," X admired Mark Twain, Kurt Vonnegut was hurt when ... asked')."""
    stripped = gap.strip()
    if len(stripped.split()) <= 2 and "," not in stripped:
        return True
    return _direct(gap) and _opens(window, at)


_NOT_ROLES = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "for",
        "from",
        "with",
        "by",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "while",
        "as",
        "at",
        "in",
        "on",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "this",
        "these",
        "those",
    ]
)


def _only_titles(gap: str) -> bool:
    """ "said Mr. Reeves", "said White House press secretary Josh Earnest": only titles between,
    and the place or body a title belongs to ("said Charlottesville Mayor Nikuyah Walker", "said
    Leeds historian Ana Smith"); not "said Smith and Jones"."""
    words = [w.rstrip(".,") for w in gap.split()]
    lower = [w for w in words if w.islower()]
    if len(gap) > 60 or len(lower) > 4 or any(w in _NOT_ROLES for w in lower):
        return False
    return all(
        w in NOT_NAMES or w.islower() or any(t in NOT_NAMES or t.islower() for t in words[k + 1 :])
        for k, w in enumerate(words)
    )


def _qualifies(text: str, name: tuple[str, int, object, bool], following: object) -> bool:
    """Whether ``name`` qualifies a title before the next name ("Leeds historian Ana Smith")."""
    if not isinstance(following, tuple):
        return False
    gap = text[name[1] + len(name[0]) : following[1]]
    return bool(gap.strip()) and _only_titles(gap)


def _inverted_subject(
    text: str, verb: re.Match[str], offset: int, end: int, proper: Container[str]
) -> Candidate | None:
    after_verb = text[verb.end() : verb.end() + 60]
    if not _AFTER_VERB_START.match(after_verb):
        return None  # "said that ...", "wrote:": nobody named right after the verb
    author = re.match(r"\s+(the author|the writer)\b", after_verb)
    if author:
        stop = verb.end() + author.end()
        return Candidate(
            BOOK_AUTHOR,
            Span(offset + verb.start(), offset + stop),
            Cue.PRONOUN,
            Side.BEFORE,
            distance=end - stop,
            pronoun=True,
        )
    found = names(after_verb, proper=proper, initial=False)
    named = [
        n
        for n, following in zip(found, [*found[1:], None], strict=False)
        if _only_titles(after_verb[: n[1]]) and not _qualifies(after_verb, n, following)
    ]
    # "says Smith", "said Sir George": nothing but a title between the verb and the name.
    if named:
        name, at, entity, _ = named[0]
        stop = verb.end() + at + len(name)
        # "writes Smith, ...", "writes Smith (Chair, ...; Earlier Book, 2011)": an appositive;
        # '"...," said Smith. "...': the speaker goes on into the next quotation.
        if (
            text[stop : stop + 2].strip(" ")[:1] in (",", ":", "(", "")
            or text[stop:].strip() == "."
            or (verb.group().lower() in _INVERTING_VERBS and _AFFILIATION.match(text, stop))
        ):
            return _named_after(verb, name, at, entity, Cue.SUBJECT, offset=offset, end=end)
    return None


_INVERTING_VERBS = frozenset(
    ("said", "says", "wrote", "writes", "added", "adds", "noted", "notes", "observed", "observes",
     "argued", "argues", "explained", "explains", "concluded", "concludes", "commented")
)  # fmt: skip
"""Verbs a reviewer or reporter puts before the speaker ("said Smith in ..."); "accused Lenin
of ..." names an object, not a speaker."""
_AFFILIATION = re.compile(
    r"[ \t]+(?:in|of|at|for|on)[ \t]+(?:(?:the|an?)[ \t]+)?"
    r"(?:[A-Z]|interview|statement|speech|letter|e-?mail|press|televised|radio)"
)
""" "said Ariel Gonzalez in The Miami Herald", "says Smith of the Brookings Institution", "said
Smith in an interview": where the speaker wrote or works, after the name."""


def _named_after(
    cue_match: re.Match[str], name: str, at: int, entity: Entity, cue: Cue, *, offset: int, end: int
) -> Candidate:
    """The candidate named ``at`` characters after its cue, before the quotation ending at ``end``."""
    stop = cue_match.end() + at + len(name)
    return Candidate(
        name,
        Span(offset + cue_match.start(), offset + stop),
        cue,
        Side.BEFORE,
        distance=end - stop,
        entity=entity,
    )


def _pronoun_name(word: str) -> str:
    if word.lower() == "you":
        return INTERVIEWEE
    return BOOK_AUTHOR if word.lower().startswith("the ") else ""


def introduces(lead_in: str) -> bool:
    """Whether a lead-in ends by introducing what follows: a colon or a comma, with any note
    mark after it ("According to the Foundation:[41]")."""
    return _NOTE_MARKS.sub("", lead_in.rstrip(" \t\n*_>")).endswith((":", ":-", ","))


def interviewee(text: str, *, proper: Container[str] = frozenset()) -> tuple[str, Span] | None:
    """The person a document interviews, as its heading or standfirst names them ("Q&A with
    Jane Smith", "An interview with the historian Jane Smith", "In conversation with ...")."""
    for heading in _INTERVIEW_HEADING.finditer(text, 0, _INTERVIEW_REACH):
        named = names(text[heading.end() : heading.end() + 60], proper=proper, initial=False)
        if named and named[0][1] == 0 and named[0][2] is Entity.PERSON:
            name = named[0][0]
            return name, Span(heading.start(), heading.end() + len(name))
    return None


def _in_relative_clause(before: str) -> bool:
    """ "..., which opposes the" before a name: it belongs to a relative clause."""
    return _RELATIVE.search(before[-80:]) is not None


def _direct(gap: str) -> bool:
    """Whether what stands between a name and its verb leaves the name the verb's subject:
    nothing, an adverb or two, or an appositive ("Davies, former Ambassador to Moscow, wrote")."""
    stripped = gap.strip()
    if len(stripped.split()) <= 2 and "," not in stripped:
        return True
    return stripped.startswith(",") and len(stripped) <= 110 and not _SENTENCE_END.search(stripped)


def _hide_titles(text: str) -> str:
    """Italic titles and web addresses masked, so "In *Hard Times* the narrator insists" and
    "(https://example.com/Hillbilly-Elegy-Memoir)" name nobody; the brackets of a Markdown link
    blanked."""
    if "://" in text:
        text = _ADDRESS.sub(lambda m: "#" * len(m.group()), text)
    if "](" in text:
        # "[Georg Iggers](...), a historian, believed": the link's words read as plain text.
        text = _LINK_SYNTAX.sub(lambda m: " " * len(m.group()), text)
    if "*" not in text and "_" not in text:
        return text
    return _ITALIC.sub(lambda m: "#" * len(m.group()), text)


_LINK_SYNTAX = re.compile(r"\[(?=[^\[\]\n]*\]\()|\]\([^()\s]*\)")
_ADDRESS = re.compile(r"\b(?:https?|ftp)://[^\s)\]>\"'\u201d]+")


def names(
    text: str,
    *,
    proper: Container[str] = frozenset(),
    initial: bool = True,
    objects: bool = False,
    known: list[tuple[str, int, bool]] | None = None,
) -> list[tuple[str, int, Entity, bool]]:
    """People and bodies in a stretch of text, in order: (name, offset, entity, possessive).

    A name after a preposition ("In Vienna", "to Moscow") is a place or an object, never a
    subject. A single capitalised word that opens a sentence and is an English dictionary word
    ("Children growing up ...", "Talking about ...") is a name only if the document also
    capitalises it mid-sentence (``proper``); ``initial`` says whether the text itself begins a
    sentence. With ``objects``, names after prepositions are kept (a pronoun's antecedent may be
    one: "it appeared to Polybius ... He wrote"). ``known`` are the people of the text already
    found (by ``people``), so a long document is scanned for names once."""
    text = _hide_titles(text)
    if known is not None:
        # People found once over the whole document, offsets into ``text``: drop those blanked out.
        candidates = [p for p in known if text[p[1] : p[1] + len(p[0])] == p[0]]
    else:
        candidates = people(text)
    bodies = organisations(text)
    covered = [(at, at + len(name)) for name, at, _ in bodies]
    found: list[tuple[str, int, Entity, bool]] = [
        (name, at, Entity.BODY, possessive)
        for name, at, possessive in bodies
        if not after_preposition(text, at)
    ]
    for name, at, possessive in candidates:
        if any(lo <= at < hi for lo, hi in covered) or (
            not objects and after_preposition(text, at)
        ):
            continue
        if name.rsplit(maxsplit=1)[-1] in DOCUMENT_WORDS:
            continue  # "the Gettysburg Address tells": a document, not its author
        if " " not in name and _after_determiner(text, at):
            continue  # "a Cadet by political faith", "the Professor": a noun, not a name
        if (
            " " not in name
            and _opens_sentence(text, at, initial)
            and is_common_word(name)
            and name not in proper
        ):
            continue
        found.append((name, at, Entity.PERSON, possessive))
    found.sort(key=lambda m: m[1])
    return found


_DICTIONARY_FILE = ("data", "gcide_alpha_lower.pickle")
"""Where english_words keeps the list ``get_english_words_set(["gcide"], alpha=True, lower=True)``
returns, relative to the package."""


@cache
def _dictionary() -> set[str]:
    # GCIDE's headwords (Webster's 1913 and WordNet), lower-cased: ordinary words, few surnames.
    # The package's own file is read directly when it is where the package keeps it: importing
    # english_words loads importlib.resources (zipfile, tempfile, lzma, ...) and its function
    # copies the set, which together cost about as much as reading the list.
    spec = importlib.machinery.PathFinder.find_spec("english_words")
    if spec is not None and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0], *_DICTIONARY_FILE)
        if path.is_file():
            import pickle

            words = pickle.loads(path.read_bytes())
            if isinstance(words, set):
                return words
    from english_words import get_english_words_set

    listed: set[str] = get_english_words_set(["gcide"], lower=True, alpha=True)
    return listed


def is_common_word(word: str) -> bool:
    """Whether a capitalised word is also an ordinary English word ("Children", "Talking",
    "Presented": the dictionary lists headwords, so inflected forms are tried by their stem)."""
    lower = word.lower()
    words = _dictionary()
    if lower in words:
        return True
    return any(
        lower.endswith(suffix)
        and len(lower) - len(suffix) + len(replacement) >= 3  # "Using": "use"
        and lower[: len(lower) - len(suffix)] + replacement in words
        for suffix, replacement in _INFLECTIONS
    )


_INFLECTIONS = (
    ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("ies", "y"), ("es", ""),
    ("s", ""), ("ly", ""),
)  # fmt: skip


# A capital after a lower-case word, a digit or a comma and a space. The capital comes first in
# the pattern and the look-behind after it, so the scan over the whole document jumps from
# capital to capital (seven times faster than trying the look-behind at every character).
_MID_SENTENCE_CAPITAL = re.compile(r"[A-Z](?<=[a-z0-9,;:)] [A-Z])[\w'\u2019-]+")


class ProperNames:
    """Capitalised words a document uses in mid-sentence: its proper names, not sentence openers.
    Read from the whole text the first time a word is looked up."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = frozenset(
                word.removesuffix("'s").removesuffix("\u2019s")
                for word in _MID_SENTENCE_CAPITAL.findall(self._text)
            )
        return word in self._words


def _opens_sentence(text: str, at: int, initial: bool) -> bool:
    head = text[max(0, at - 40) : at].rstrip(' \t"\u201c\u201d\u2019*_(#')
    if not head:
        return initial or at > 40
    if head.endswith(".") and _TITLE_ABBREVIATION.search(head):
        return False  # "Mr. Bright": the full stop ends a title, not a sentence
    return head[-1] in ".!?\n:,"


_TITLE_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Messrs|Dr|Prof|St|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Rev|Hon|Fr)\.$"
)


def _words_before(text: str, at: int, reach: int) -> list[str]:
    """The words just before ``at``, punctuation and dashes aside ("—a Cadet" -> ["a"])."""
    return _WORD_CHARS.findall(text, max(0, at - reach), at)


def _after_determiner(text: str, at: int) -> bool:
    words = _words_before(text, at, 40)
    while len(words) > 1 and words[-1] in NOT_NAMES and words[-1][:1].isupper():
        words = words[:-1]  # "the Indian Apostle", "a Liberal Senator": still after "the", "a"
    if not words or words[-1].lower() not in _SINGLE_NOUN_DETERMINERS:
        return False
    between = text[text.rfind(words[-1], max(0, at - 40), at) + len(words[-1]) : at]
    return not any(mark in between for mark in ",.;:!?")  # "how he did that, Brian said"


def after_verb(text: str, at: int) -> bool:
    """ "sighted New Zealand", "met Churchill": a name right after a verb is its object (a noun
    before it, "explorer Abel Tasman", is an apposition)."""
    words = text[max(0, at - 24) : at].split()
    if not words or not words[-1].isalpha() or not words[-1].islower():
        return False
    word = words[-1]
    return word.endswith("ed") or word in _OBJECT_VERBS


def after_preposition(text: str, at: int, *, and_list: bool = False) -> bool:
    """Whether a name is the object of a preposition ("in Vienna"); with ``and_list``, also the
    last of a pair after one ("from both Florence and Rome")."""
    words = _words_before(text, at, 24 if not and_list else 48)
    if words and words[-1].lower() in _DETERMINERS:
        words = words[:-1]
    if and_list and len(words) >= 3 and words[-1].lower() in ("and", "or"):
        words = words[:-2]  # the word before "and" is the first of the pair
    if and_list and words and words[-1].lower() in ("both", "either"):
        words = words[:-1]
    return bool(words) and words[-1].lower() in _PREPOSITIONS
