"""Which differences in wording bear on meaning: negations, qualifiers, modal verbs, connectives.

A changed adjective is an alteration; a dropped "not", a "shall" that became "may", an "and" that
became "or", or a quotation cut just before "but" changes what the source claims. The word lists
are in canonical form (``citecheck.verify.normalise.canonical_word``: lower case, apostrophes dropped).
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import ChangeKind

__all__ = [
    "CONNECTIVES",
    "MEANING_WORDS",
    "MODALS",
    "NEGATIONS",
    "QUALIFIERS",
    "TURNING_WORDS",
    "category_of",
    "meaning_of",
]

NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "neither",
        "none",
        "nothing",
        "nobody",
        "nowhere",
        "without",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "shouldnt",
        "wouldnt",
        "couldnt",
        "mustnt",
        "neednt",
        "havent",
        "hasnt",
        "hadnt",
        "shant",
        "hardly",
        "scarcely",
        "barely",
    ]
)


QUALIFIERS = frozenset(
    [
        "only",
        "all",
        "some",
        "any",
        "every",
        "each",
        "most",
        "many",
        "few",
        "always",
        "sometimes",
        "often",
        "seldom",
        "rarely",
        "usually",
        "perhaps",
        "possibly",
        "probably",
        "certainly",
        "merely",
        "mostly",
        "partly",
        "entirely",
        "wholly",
        "almost",
        "nearly",
        "more",
        "less",
        "least",
        "just",
        "even",
    ]
)


MODALS = frozenset(
    ["shall", "should", "will", "would", "may", "might", "must", "can", "could", "ought", "need"]
)


CONNECTIVES = frozenset(
    [
        "and",
        "or",
        "but",
        "unless",
        "although",
        "though",
        "however",
        "yet",
        "except",
        "if",
        "whereas",
        "nevertheless",
    ]
)


TURNING_WORDS = frozenset(
    [
        "but",
        "unless",
        "although",
        "though",
        "however",
        "yet",
        "except",
        "save",
        "nevertheless",
        "nonetheless",
        "whereas",
        "provided",
        "still",
    ]
)
"""Words that, right after a cut, show the sentence went on to qualify or reverse itself."""


MEANING_WORDS = NEGATIONS | QUALIFIERS | MODALS | CONNECTIVES
"""Words whose change alters what a sentence claims, in canonical form (``canonical_word``)."""


def meaning_of(
    kind: ChangeKind, document_words: Sequence[str], source_words: Sequence[str]
) -> tuple[bool, str]:
    """Whether a change touches a negation, qualifier, modal verb or connective, and a note saying how."""
    doc_set, src_set = set(document_words), set(source_words)
    touched = [w for w in (*source_words, *document_words) if w in MEANING_WORDS]
    if not touched:
        return False, ""
    word = touched[0]
    category = category_of(word)
    if kind is ChangeKind.ADDED:
        return True, f"{category} '{word}' added"
    if kind is ChangeKind.REMOVED:
        return True, f"{category} '{word}' dropped"
    before = [w for w in source_words if w in MEANING_WORDS and w not in doc_set]
    after = [w for w in document_words if w in MEANING_WORDS and w not in src_set]
    if before and after:
        return True, f"{category_of(before[0])} '{before[0]}' changed to '{after[0]}'"
    if before:
        return True, f"{category_of(before[0])} '{before[0]}' dropped"
    if after:
        return True, f"{category_of(after[0])} '{after[0]}' added"
    return True, f"{category} '{word}' in a changed phrase"


def category_of(word: str) -> str:
    """What kind of meaning-bearing word this is: negation, modal verb, qualifier, connective."""
    if word in NEGATIONS:
        return "negation"
    if word in MODALS:
        return "modal verb"
    if word in QUALIFIERS:
        return "qualifier"
    if word in CONNECTIVES:
        return "connective"
    return "word"
