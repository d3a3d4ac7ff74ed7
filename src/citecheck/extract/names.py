"""People's names in running text, and what the document has named so far.

A name is a run of capitalised words and initials ("R.H. Bruce Lockhart", "Joseph E. Davies")
with the words that begin sentences or name places, bodies, offices and months taken out. A
surname alone is the person named in full before it ("Grey" -> "Ian Grey").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_WORD = r"(?:Mc|Mac|O['\u2019]|D['\u2019])?[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z\u00e0-\u00ff]+)?"
# Every name opens with a capital; the look-ahead says so first, which lets a scan skip the
# lower-case text between names about five times faster (the match is the same).
_NAME = re.compile(
    rf"(?=[A-Z])(?:(?:[A-Z]\.[ \t]?){{1,3}}|{_WORD}[ \t]+(?:(?:de|von|van|der|la|le)[ \t]+)?)*"
    rf"{_WORD}(?:[ \t]+(?:[IVX]{{2,5}}|V|I(?=[ \t]+of\b))(?![\w]))?(?P<poss>['\u2019]s)?(?![\w])"
)
"""A name, with a regnal number after it ("Wilhelm II", "Louis XIV's", "Peter I of Russia")."""

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

# Capitalised words that begin sentences or name places, bodies, offices and times, not people.
NOT_NAMES = frozenset((
    "The", "A", "An", "In", "On", "At", "This", "That", "These", "Those", "However", "According",
    "After", "Before", "When", "While", "Following", "Replying", "Despite", "Even", "Yet", "But",
    "And", "Or", "Of", "For", "To", "By", "As", "Like", "Although", "Though", "Since", "Then",
    "Thus", "So", "If", "It", "He", "She", "They", "We", "I", "His", "Her", "Their", "Its",
    "Our", "My", "Your", "There", "Here", "What", "Who", "Which", "Where", "Why", "How", "Later",
    "Earlier", "Again", "Elsewhere", "Now", "Today", "Finally", "Indeed", "Moreover",
    "Meanwhile", "Similarly", "Still", "Instead", "Accordingly", "Hence", "Therefore",
    "Nevertheless", "Furthermore", "Besides", "Certainly", "Clearly", "Nor", "Only", "Also",
    "Already", "Throughout", "Shortly", "Further", "Perhaps", "Someone", "Somebody", "Everyone",
    "Everybody", "Anyone", "Anybody", "Nobody", "None", "One", "Many", "Most", "Some", "Others",
    "Both", "All", "Each", "Few", "Several", "Another", "Such", "Every", "No", "Yes",
    "Soviet", "Soviets", "Union", "Russian", "Russians", "Russia",
    "British", "Britain", "American", "America", "Americans", "German", "Germans", "Germany",
    "French", "France", "English", "England", "Japanese", "Japan", "Italian", "Italy", "Polish",
    "Poland", "Nazi", "Nazis", "Party", "Army", "Red", "White", "Government", "Committee",
    "Central", "Congress", "Office", "War", "Cabinet", "Foreign", "Ambassador", "Commissar",
    "Kommissar", "Secretary", "General", "President", "Chairman", "Minister", "Prime", "Premier",
    "Moscow", "Pravda", "Radio", "People", "Peoples", "Associated", "Press", "Allied", "Allies",
    "Africa", "Institute", "Square", "Revolution", "Society", "Republic", "Socialist",
    "Socialism", "Communist", "Communism", "Marxism", "Marxist", "Bolshevik", "Bolsheviks",
    "Opposition", "State", "States", "United", "Kingdom", "Empire", "Europe", "European",
    "Western", "Eastern", "West", "East", "North", "South", "Northern", "Southern", "Siberia",
    "Dr", "Mr", "Mrs", "Ms", "Sir", "Lord", "Lady", "Professor", "Prof", "Comrade", "Marshal",
    "Colonel", "Captain", "Tsar", "Emperor", "King", "Queen", "Pope", "Saint", "St", "Secular",
    "Stalinist", "Trotskyite", "Trotskyites", "Kulaks", "Academy", "University", "Times",
    "Herald", "Tribune", "Gazette", "Journal", "Review", "Magazine", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Spring", "Summer", "Autumn",
    "Winter", "Christmas", "Easter", "Day", "Conference", "Treaty", "Pact", "Plan", "Council",
    "Parliament", "Senate", "Assembly", "Bureau", "Department", "|",
    # Labels and captions that stand before a colon.
    "Source", "Sources", "Note", "Notes", "Caption", "Figure", "Fig", "Table", "Photo", "Credit",
    "Quote", "Update", "Editor", "Summary", "Abstract", "Epigraph", "Motto", "Slogan", "Excerpt",
    "Transcript", "Translation", "Chapter", "Section", "Part", "Appendix", "Introduction",
    "Preface", "Foreword", "Conclusion", "Contents", "Message", "Information", "Read", "See",
    "Also", "Related", "Advertisement", "Image", "Video", "Watch", "Listen",
)) | frozenset(_MONTH_NAMES)  # fmt: skip


ENTITY_HEADS = frozenset((
    "War", "Wars", "Union", "Party", "Army", "Government", "Committee", "Congress", "Office",
    "Revolution", "Republic", "Society", "Institute", "Square", "Academy", "University",
    "Times", "Herald", "Tribune", "Gazette", "Journal", "Review", "Magazine", "Conference",
    "Treaty", "Pact", "Plan", "Council", "Parliament", "Senate", "Assembly", "Bureau",
    "Department", "Day", "Empire", "Kingdom", "States", "Press", "House", "Street", "Avenue",
    "Road", "River", "Mountains", "Lake", "Bay", "Island", "Islands", "Hall", "Church",
    "Cathedral", "Bridge", "Park", "Center", "Centre", "Museum", "Library", "College",
    "School", "Hospital", "Prize", "Award", "Act", "Address", "Declaration", "Movement",
    "Front", "League", "Company", "Corporation", "Foundation", "Association", "Court", "Bank",
    "Agency", "Board", "Ministry", "Commission", "Federation", "Group", "Network", "Service",
    "Fund", "Trust", "Club", "Team", "Station", "Airport", "Port", "County", "Province",
    "District", "Region", "Valley", "Ocean", "Sea", "Coast", "Front", "Battle", "Campaign",
    "Crisis", "Era", "Age", "Period", "Dynasty", "Festival", "Summit", "Manifesto", "Doctrine",
    "Constitution", "Charter", "Amendment", "Bill", "Code", "Gospel", "Bible", "Authority",
    "Alliance", "Coalition", "Consortium", "Partnership", "Initiative", "Institution",
    "Organisation", "Organization", "Guild", "Caucus", "Quarterly", "Weekly", "Monthly",
    "Bulletin", "Digest", "Chronicle", "Courier", "Mercury",
))  # fmt: skip
"""Words that end the name of a thing: the capitalised words before them name it, not a person."""

_NOT_PERSON_OPENERS = frozenset((
    "With", "Without", "Within", "Among", "Upon", "From", "Into", "Through", "During", "Under",
    "Over", "About", "Against", "Between", "Beyond", "Towards", "Toward", "Across", "Behind",
    "Beginning", "Unlike", "Because", "Unless", "Until", "Whether", "Whereas", "Once", "Where",
))  # fmt: skip

_DEMONYMS = frozenset((
    "Greek", "Greeks", "Roman", "Romans", "Latin", "Spanish", "Chinese", "Indian", "Arab",
    "Arabs", "Jewish", "Jews", "Irish", "Scottish", "Scots", "Welsh", "Dutch", "Swedish",
    "Norwegian", "Danish", "Austrian", "Turkish", "Persian", "Egyptian", "Athenian", "Spartan",
    "Christian", "Christians", "Catholic", "Protestant", "Muslim", "Muslims", "Hindu",
    "Buddhist", "Canadian", "Mexican", "Australian", "African", "Asian", "Korean", "Vietnamese",
    "Israeli", "Israelis", "Palestinian", "Palestinians", "Iranian", "Iraqi", "Syrian",
    "Ukrainian", "Hungarian", "Czech", "Portuguese", "Brazilian", "Cuban", "Sudanese",
    "Kenyan", "Nigerian", "Medieval", "Renaissance", "Victorian", "Republican", "Republicans",
    "Democrat", "Democrats", "Democratic", "Conservative", "Liberal", "Labour", "Tory",
))  # fmt: skip

_HONORIFICS = frozenset((
    "Senator", "Sen", "Governor", "Gov", "Rep", "Representative", "Congressman",
    "Congresswoman", "Judge", "Justice", "Mayor", "Bishop", "Archbishop", "Cardinal", "Rabbi",
    "Father", "Reverend", "Rev", "Sheriff", "Chancellor", "Count", "Countess", "Duke",
    "Duchess", "Prince", "Princess", "Baron", "Baroness", "Lieutenant", "Lt", "Sergeant", "Sgt",
    "Admiral", "Commander", "Corporal", "Brigadier", "Dame", "Madame", "Mme",
    "Monsieur", "Herr", "Frau", "Senhor", "Signor", "Sheikh", "Ayatollah",
    "Chief", "Vice", "Deputy", "Speaker", "Attorney", "Commissioner", "Director",
))  # fmt: skip

NOT_NAMES = NOT_NAMES | ENTITY_HEADS | _NOT_PERSON_OPENERS | _DEMONYMS | _HONORIFICS

TITLES = _HONORIFICS | frozenset((
    "President", "Secretary", "Minister", "Chairman", "Premier", "Prime", "Ambassador",
    "General", "Marshal", "Colonel", "Captain", "Professor", "Prof", "Commissar", "Dr", "Mr",
    "Mrs", "Ms", "Sir", "Lord", "Lady", "King", "Queen", "Emperor", "Tsar", "Pope",
))  # fmt: skip
"""Titles before a name: the capitalised words just before one qualify the title
("Charlottesville Mayor Nikuyah Walker", "Labour Leader ..."), they name no person."""


_PLURAL_HEADS = frozenset((
    "Committees", "Councils", "Parties", "Societies", "Unions", "Commissions", "Assemblies",
    "Armies", "Governments", "Ministries", "Departments", "Associations", "Leagues",
    "Companies", "Corporations", "Boards", "Bureaus", "Agencies", "Federations", "Groups",
    "Networks", "Services", "Funds", "Trusts", "Clubs", "Teams", "Conferences", "Treaties",
    "Congresses", "Parliaments", "Institutes", "Academies", "Universities", "Colleges",
    "Schools", "Movements", "Fronts", "Soviets", "Authorities",
))  # fmt: skip
"""Heads of named things in the plural ("the Shop Committees"); plurals that are also surnames
("Parks", "Banks", "Halls") are left out."""


def without_titles(name: str) -> str:
    """ "Lieutenant Brian Murphy" -> "Brian Murphy"."""
    return " ".join(w for w in name.split() if w.rstrip(".") not in TITLES)


def given_and_surname(name: str) -> tuple[str, str] | None:
    """ "Lieutenant Brian Murphy" -> ("Brian", "Murphy"): the first and last word of a full name
    once titles are set aside; None for a single word."""
    words = without_titles(name).split()
    return (words[0], words[-1]) if len(words) >= 2 else None


def _head_of_thing(word: str) -> bool:
    """A word that ends the name of a thing, in the singular or the plural, or names a creed
    ("Nationalist sentiments", "the Marxists", "Darwinism")."""
    return word in ENTITY_HEADS or word in _PLURAL_HEADS or bool(_CREED.search(word))


_CREED = re.compile(r"(?:isms?|(?<!qu)(?<!qv)(?<=\w{4})ists?)$")
""""Nationalist", "Marxists", "Darwinism"; not a Swedish "Lindquist"."""


@dataclass
class Antecedents:
    """What the document has named so far: people by surname, their works, works cited in order."""

    people: dict[str, str] = field(default_factory=dict)
    works_by: dict[str, list[str]] = field(default_factory=dict)
    cited: list[tuple[str | None, str | None, int | None]] = field(default_factory=list)

    def person(self, name: str) -> str:
        """The fullest form of a name seen so far: "Grey" -> "Ian Grey"."""
        words = name.split()
        surname = words[-1]
        known = self.people.get(surname)
        if len(words) > 1:
            # "Later Grey" after "Ian Grey": a capitalised word that is not part of the known name.
            if known and not set(words[:-1]) & set(known.split()[:-1]):
                return known
            self.people.setdefault(surname, name)
            return name
        return known or name

    def add_work(self, speaker: str | None, work: str | None) -> None:
        if speaker and work:
            works = self.works_by.setdefault(speaker, [])
            if work not in works:
                works.append(work)

    def last_work(self, speaker: str | None) -> str | None:
        works = self.works_by.get(speaker or "", [])
        return works[-1] if works else None

    def owns(self, speaker: str | None, work: str) -> bool:
        return norm_title(work) in {norm_title(w) for w in self.works_by.get(speaker or "", [])}


def norm_title(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.lower()))


@lru_cache(maxsize=4096)
def surname(name: str) -> str:
    # Cached: a short-form note is matched against every full note before it by surname.
    return (
        name.rsplit(maxsplit=1)[-1].lower().removesuffix("'s").removesuffix("\u2019s")
        if name.split()
        else ""
    )


_TOKEN = re.compile(r"\S+")
_REGNAL = re.compile(r"[IVX]+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def people(text: str) -> list[tuple[str, int, bool]]:
    """Runs of capitalised words that can be people's names: (name, offset, possessive)."""
    found: list[tuple[str, int, bool]] = []
    for match in _NAME.finditer(text):
        raw = match.group()
        poss = match.group("poss")
        if poss:
            raw = raw[: -len(poss)]
        begin = match.start()
        if " " not in raw and "\t" not in raw:
            # One word, the usual case: "Stalin", "The", "However".
            word = raw.rstrip(".")
            if word not in NOT_NAMES and not _head_of_thing(word) and not _INITIALS.fullmatch(raw):
                found.append((raw, begin, bool(poss)))
            continue
        run: list[re.Match[str]] = []
        runs: list[list[re.Match[str]]] = []
        for token in _TOKEN.finditer(raw):
            word = token.group().rstrip(".")
            if run and _INITIALS.fullmatch(token.group()):
                run.append(token)  # "Robert A. Caro": a middle initial, not the article "A"
                continue
            if word in NOT_NAMES or _head_of_thing(word):
                # "the American Revolutionary War", "the Red Army": capitalised words before the
                # head of a named thing are part of its name, not a person; those before a title
                # are its place or body.
                if run and not _head_of_thing(word) and word not in TITLES:
                    runs.append(run)
                run = []
            else:
                run.append(token)
        if run:
            runs.append(run)
        for k, piece in enumerate(runs):
            if all(_INITIALS.fullmatch(t.group()) or _REGNAL.fullmatch(t.group()) for t in piece):
                continue  # "J. R." or the "II" of "World War II": no name
            start = begin + piece[0].start()
            name = text[start : begin + piece[-1].end()]
            found.append((name, start, bool(poss) and k == len(runs) - 1))
    return found


_BODY_WORDS = (
    "Society|Committee|Council|Commission|Government|Ministry|Department|Office|Party|University|"
    "Institute|Institution|Academy|Association|League|Foundation|Trust|Company|Corporation|Bank|"
    "Board|Bureau|Agency|Court|Church|Senate|Congress|Parliament|Assembly|Federation|Organisation|"
    "Organization|Times|Post|Press|Tribune|Herald|Guardian|Journal|Review|Magazine|Gazette|"
    "Telegraph|Observer|Chronicle|Reuters|Inc|Ltd|Group|Centre|Center|Network|Service|Fund|"
    "Quarterly|Weekly|Monthly|Bulletin|Digest|Courier|Mercury|Alliance|Coalition"
)
_LEADING_ARTICLE = re.compile(r"(?:A|An|The)[ \t]+")
_BODY_WORD = re.compile(rf"\b(?:{_BODY_WORDS})\b")
_BODY = re.compile(
    rf"(?:\b[Tt]he[ \t]+)?(?P<name>(?:[A-Z][\w&'\u2019.-]*[ \t]+){{0,4}}(?:{_BODY_WORDS})\b"
    r"(?:[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,3})?)"
    r"(?P<poss>['\u2019]s)?"
)


def organisations(text: str) -> list[tuple[str, int, bool]]:
    """Names of bodies that may act as authors ("the Royal Society", "The New York Times"):
    (name without a leading article, offset, possessive)."""
    found: list[tuple[str, int, bool]] = []
    seen = -1
    # The full pattern is slow to try at every position; try it only around each body word.
    for word in _BODY_WORD.finditer(text):
        lo = max(seen, word.start() - 80, 0)
        for m in _BODY.finditer(text, lo, min(len(text), word.end() + 80)):
            if m.start("name") < seen or not m.group("name")[0].isupper():
                continue
            if m.start("name") <= word.start() < m.end("name"):
                name, at = m.group("name"), m.start("name")
                article = _LEADING_ARTICLE.match(name)
                if article and article.end() < len(name):
                    name, at = name[article.end() :], at + article.end()
                found.append((name, at, bool(m.group("poss"))))
                seen = m.end()
                break
    return found
