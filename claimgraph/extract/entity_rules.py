"""Rule-based entity candidates: names the statistical model misses or mistypes.

Every rule reads the document's own wording (cue words, apposition, speech verbs, datelines,
acronyms); none lists the names of one document.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.entity_gazetteer import country_first_words, country_of, demonym_country, is_known_place
from claimgraph.extract.entity_kinds import after_brackets, names_a_feature, one_word_name
from claimgraph.extract.scope_speech import speech_verb_forms
from claimgraph.resolve.aliases import AliasTable, acronym_candidates
from claimgraph.resolve.names import is_acronym

# the last (or first, for Camp X) word of a name that says what kind of thing it names
ORG_CUES = words("entity_org_cues")
EVENT_CUES = words("entity_event_cues")
PLACE_CUES = words("entity_place_cues")
# the last word of a building's or site's name ('White House', 'Changi Prison'): a place, never a person
BUILDING_HEADS = words("entity_building_heads")
# nouns of 'X is a political organization' / 'X, a former leader' that type X
ORG_NOUNS = words("entity_org_nouns")
PERSON_NOUNS = words("entity_person_nouns")
PLACE_NOUNS = words("entity_place_nouns")
# speech verbs in every written form: scope_speech owns the family (lexicon scope_speech_verbs)
SPEECH_VERBS = speech_verb_forms()
PERSON_TITLES = words("entity_person_titles")
_PLACE_OF_NOUNS = alternation("entity_place_of_nouns")
_LOCATED_WORDS = alternation("entity_located_words")
_LED_BY_VERBS = alternation("entity_led_by_verbs")
# 'city of X', 'base in X', 'near the town of X': X is a place
PLACE_CONTEXT = re.compile(rf"\b(?:{_PLACE_OF_NOUNS})\s+of\s+$"
                           rf"|\b(?:{_LOCATED_WORDS})\s+(?:in|at|near)\s+$", re.I)
# 'led by X', 'founded by X': a name shaped like a person's there is a person (the model may read it as a body)
LED_BY_CONTEXT = re.compile(rf"\b(?:{_LED_BY_VERBS})\s+by\s+$", re.I)
# 'the control of X', 'the leadership of X': X acts, so X is no place
AGENT_CONTEXT = re.compile(r"\b(?:control|leadership|command|rule|orders|authority)\s+of\s+$", re.I)
# nouns after a nationality adjective that make 'Iranian X' speak for the state
STATE_HEADS = words("entity_state_heads")
# nouns after a nationality adjective that name a group of its own ('Israeli lobby')
PEOPLE_HEADS = words("entity_people_heads")
COLLECTIVE_HEADS = words("entity_collective_heads")
_DATELINE_MONTHS = alternation("entity_dateline_months")
DATELINE = re.compile(r"(?:^|(?<=\s\.\s)|(?<=\n))([A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,3})\s*,?\s+"
                      rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\((?:Reuters|AP|AFP)\)|(?:{_DATELINE_MONTHS})"
                      r"[a-z]*\.?\s+\d{1,2}\b)")
# a wire story's opening 'TOWN (Agency) -': the bracket names the agency that filed it, not a participant
WIRE_AGENCY = re.compile(r"^[ \t]*[A-Z][A-Za-z.'\-]+(?:[ ,]+[A-Za-z.'\-]+){0,4}[ \t]*\(([^()\n]{1,30})\)[ \t]*"
                         r"(?:[-\u2013\u2014]+|:)", re.MULTILINE)


def wire_agency_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the agencies named in wire datelines ('KAMPALA (Wirenews) -')."""
    return [m.span(1) for m in WIRE_AGENCY.finditer(text)]


# a capitalised word (with hyphenated parts: 'Mojahedin-e', 'Al-Qaeda') or initials ('U.S.', 'W.');
# a full stop ends a word only in initials, so a name never runs over a sentence end
_NAME_WORD = r"(?:(?:[A-Z]\.)+(?![\w'\u2019])|[A-Z][\w\u2019']*(?:-(?:[a-z]{1,3}|[A-Z][\w]*))*)"
CAPITALISED_NAME = re.compile(rf"{_NAME_WORD}(?:(?:[ \t]+(?:of|for|on)(?:[ \t]+the)?)?[ \t]+{_NAME_WORD})*")
# "Camp Liberty on Thursday", "the Council of May": a day or month after a linking word is when, not a name's part
_CALENDAR_LINK = re.compile(r"[ \t]+(?:of|for|on)(?:[ \t]+the)?[ \t]+(?:"
                            + "|".join([*calendar.day_name, *calendar.month_name[1:]]) + r")\b")
_TYPE_NOUN_AFTER = re.compile(r"^\s*(?:,\s*(?:a|an)|\s+(?:is|was|are|were|remains|became)\s+(?:a|an|the))\s+"
                              r"(?:[\w\-]+\s+){0,3}?([a-z]+)\b")
# 'X is a Norwegian football club from Y', 'X, a town in Z': the head noun of the phrase that says what X is
_TYPE_NOUN_FOLLOWERS = alternation("entity_type_noun_followers")
WHAT_IT_IS = re.compile(r"^\s*(?:,\s*(?:a|an)|\s+(?:is|was|are|were|remains|became)\s+(?:a|an))\s+((?:[\w\-]+\s+){0,4}?)"
                        rf"([a-z]+)(?=\s*(?:,|\.|$|\s(?:{_TYPE_NOUN_FOLLOWERS})\b))")
# 'X, the Shah's former intelligence service, ...': an apposition with 'the' says what X is when its words before
# the noun are modifiers only (never 'the head of the agency', 'the man who led the party': those name a person)
_APPOSITION_STOPS = alternation("entity_apposition_stop_words")
_THE_WHAT_IT_IS = re.compile(rf"^\s*,\s*the\s+((?:(?!(?:{_APPOSITION_STOPS})\b)"
                             r"[\w\-]+(?:['\u2019]s)?\s+){0,3}?)"
                             rf"([a-z]+)(?=\s*(?:,|\.|$|\s(?:{_TYPE_NOUN_FOLLOWERS})\b))")


def what_it_is(text: str) -> re.Match[str] | None:
    """The phrase after a name that says what it is ('X, a militant group', 'X is a party', 'X, the former
    intelligence service of Y'): group 2 is its head noun."""
    return WHAT_IT_IS.match(text) or _THE_WHAT_IT_IS.match(text)
COMPASS = {"west", "east", "north", "south", "western", "eastern", "northern", "southern"}
# words for religious and ethnic communities that, like nationalities, name a group (CoNLL MISC)
COMMUNITY_WORDS = words("entity_community_words")
# capitals that abbreviate common terms, not organizations
COMMON_ABBREVIATIONS = words("entity_common_abbreviations")
# capitalised words that open a sentence or a date, not a name ('August National Association ...')
LEADING_NON_NAME_WORDS = words("entity_leading_non_name_words")
ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass
class Candidate:
    """A span that may name an entity, with the type a rule or the model gave it."""

    start: int
    end: int
    type: str
    source: str
    priority: float  # strong rules 3, the model 2, weak guesses 1
    name: str | None = None  # canonical name where a table gave one
    note: str = ""  # 'norp', 'demonym' ... for later stages


def heading_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of short lines that read as headings: no sentence end, closed by ':' or title case."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        words = stripped.split()
        if 1 <= len(words) <= 10 and not stripped.endswith((".", "?", "!", '"', "\u201d")):
            capitalised = sum(1 for w in words if w[:1].isupper())
            if stripped.endswith(":") or capitalised >= max(2, 0.6 * len(words)):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def covers_heading(start: int, end: int, headings: list[tuple[int, int]], text: str) -> bool:
    """True when a span covers most of a heading line, or opens it with two words or more
    (spaCy tags 'X's Ties with Y:' and 'Group's Ties' as ORG)."""
    for hs, he in headings:
        if start >= hs and end <= he:
            line = text[hs:he]
            if _title_is_the_name(line, text[start:end]):
                return False
            line_words = len(line.split())
            span_words = len(text[start:end].split())
            # a label line ('Group's Ties with Israeli Lobby:') is opened by no name
            opens_line = not text[hs:start].strip() and line.rstrip().endswith(":")
            return line_words > 1 and span_words >= 2 and (span_words >= 0.5 * line_words or opens_line)
    return False


_BRACKETED_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z0-9.\-]{1,9}\)\s*$")


def _title_is_the_name(line: str, name: str) -> bool:
    """A title line that is an organization's name, with or without its acronym in brackets ('Abu Sayyaf Group
    (ASG)'): the line names it, it is no heading phrase to skip."""
    bare = _BRACKETED_ACRONYM.sub("", line).strip()
    words_ = name.split()
    return bare == name.strip() and len(words_) >= 2 and words_[-1].lower() in ORG_CUES


def table_candidates(text: str, pattern: re.Pattern[str] | None, table: AliasTable) -> list[Candidate]:
    """Every form of the alias table found in the text, typed by the table."""
    if pattern is None:
        return []
    out = []
    caseless = bool(pattern.flags & re.I)
    for m in pattern.finditer(text):
        if m.group(0).lower() in STOP_WORDS and (caseless or in_capitals_line(text, m.start(), m.end())):
            continue  # 'IS', 'US' written like 'is', 'us': a word of the sentence, not a name
        hit = table.lookup(m.group(0))
        if hit and hit[1] == "Group" and re.match(r"[ \t]+[A-Z]", text[m.end(): m.end() + 3]):
            continue  # 'West Bromwich', 'Western Europe': part of a longer name
        if hit:
            start = m.start()
            if text[start: start + 4].lower() == "the ":  # the mention itself is 'West', not 'the West'
                start += 4
            priority = 2 if hit[1] == "Group" else 3  # 'West' gives way to a longer 'West Bank'
            out.append(Candidate(start, m.end(), hit[1], "table", priority, name=hit[0]))
    return out


def in_capitals_line(text: str, start: int, end: int) -> bool:
    """True when a word's neighbours on its line are written in capitals too ('THE ARMY IS READY')."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = re.findall(r"[A-Za-z]{2,}", text[line_start:start])[-2:]
    after = re.findall(r"[A-Za-z]{2,}", text[end:line_end])[:2]
    near = before + after
    return bool(near) and sum(1 for w in near if w.isupper()) >= max(1, len(near) // 2)


def country_candidates(doc: Doc, caseless: bool = False) -> list[Candidate]:
    """Country names written out ('Romania', 'ROMANIA', 'South Korea'), whatever the model said; in a text
    without capitals ('south korea') the gazetteer is asked about the capitalised form."""
    out = []
    tokens = list(doc)
    first_words = country_first_words()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.text.capitalize() if caseless else tok.text
        if not word[:1].isupper() or word not in first_words:
            i += 1
            continue
        for n in (4, 3, 2, 1):
            if i + n > len(tokens):
                continue
            span = doc[i: i + n]
            if country_of(span.text.title() if caseless else span.text):
                out.append(Candidate(span.start_char, span.end_char, "Country", "gazetteer", 3))
                i += n - 1
                break
        i += 1
    return out


# in a text without capitals: 'abu nidal organization (ano)', the bracketed letters of a name
_CASELESS_BRACKET = re.compile(r"\(([a-z]{2,6})\)")
_CASELESS_WORDS = re.compile(r"[a-z][a-z'\u2019]*(?:-[a-z]+)*")


def caseless_acronym_candidates(text: str) -> list[Candidate]:
    """In a text without capitals, 'x y front (xyf)': the shortest run of words before the brackets whose
    initials spell the letters names an organization when its head word is an organization cue, and so do the
    letters (case says nothing there, so the fit of the letters is the evidence)."""
    out = []
    for m in _CASELESS_BRACKET.finditer(text):
        letters = m.group(1)
        if letters in STOP_WORDS or country_of(letters.upper()):
            continue
        window_start = max(0, m.start() - 160)
        before = text[window_start: m.start()]
        words = list(_CASELESS_WORDS.finditer(before))
        for k in range(2, min(len(words), 8) + 1):
            first = words[-k]
            if first.group() in STOP_WORDS or not re.fullmatch(r"[\w'\u2019\- ]+\s*", before[first.start():]):
                continue
            name = before[first.start():].rstrip()
            lowered = [w.group() for w in words[-k:]]
            head = lowered[lowered.index("of", 1) - 1] if "of" in lowered[1:] else lowered[-1]
            if head in ORG_CUES and letters.upper() in acronym_candidates(name.title()):
                start = window_start + first.start()
                out.append(Candidate(start, start + len(name), "Organization", "rule", 2.5))
                out.append(Candidate(m.start(1), m.end(1), "Organization", "acronym", 2))
                break
    return out


def dateline_candidates(text: str) -> list[Candidate]:
    """Wire-copy datelines ('BAGHDAD 1996-08-30', 'PARIS, March 3'): the capitals name a place."""
    out = []
    for m in DATELINE.finditer(text):
        name = m.group(1).strip(" ,")
        type_ = "Country" if country_of(name) else "Place"
        out.append(Candidate(m.start(1), m.start(1) + len(name), type_, "dateline", 3))
    return out


def _mostly_capitals(sent: Span) -> bool:
    letters = [t for t in sent if t.is_alpha]
    return bool(letters) and sum(1 for t in letters if t.is_upper) >= 0.6 * len(letters)


def _after(doc: Doc, tok: Token) -> str:
    """The whitespace and next two tokens after a token (for label checks)."""
    nxt = doc[tok.i + 1: tok.i + 3]
    return tok.whitespace_ + nxt.text_with_ws if len(nxt) else tok.whitespace_


def in_capitals_run(doc: Doc, start: int, end: int, either_side: bool = False) -> bool:
    """True when the words next to tokens [start, end) are in capitals too: a headline, not a name
    (`either_side`: one neighbour of three capitals or more is enough)."""
    def neighbour(i: int, step: int) -> str | None:
        while 0 <= i < len(doc):
            if doc[i].is_alpha:
                return doc[i].text
            i += step
        return None

    sides = [neighbour(start - 1, -1), neighbour(end, 1)]
    capitals = [w for w in sides if w is not None and w.isupper() and len(w) > 1]
    if either_side and any(len(w) >= 3 for w in capitals):
        return True
    return len(capitals) == 2 or (len(capitals) == 1 and None in sides)


def acronym_candidates_in(doc: Doc) -> list[Candidate]:
    """All-capital tokens (MKO, KDP) in ordinary sentences: most are organizations."""
    out = []
    for sent in doc.sents:
        if _mostly_capitals(sent):
            continue  # a headline in capitals: every word looks like an acronym
        for tok in sent:
            text = tok.text
            if not is_acronym(text) or len(text.replace(".", "")) > 6 or ROMAN.match(text):
                continue
            if in_capitals_run(doc, tok.i, tok.i + 1, either_side=True):
                continue
            if re.match(r"\s+[-:]\s", _after(doc, tok)):
                continue  # 'NOTE - ...', 'AMT : 1,200,000': a label, not a name
            if text.lower() in STOP_WORDS or text.replace(".", "") in COMMON_ABBREVIATIONS \
                    or (tok.i == sent.start and len(text) < 3):
                continue
            type_ = "Country" if country_of(text) else "Organization"
            out.append(Candidate(tok.idx, tok.idx + len(text), type_, "acronym", 1))
    return out


def _trim_leading_stopwords(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial capitalised function words ('Before', 'The', 'Thus') from a name."""
    while True:
        m = re.match(r"([A-Z][a-z]*)\s+", text[start:end])
        if not m or m.group(1).lower() not in STOP_WORDS | LEADING_NON_NAME_WORDS:
            return start, end
        start += m.end()


def capitalised_name_candidates(doc: Doc, doc_acronyms: set[str]) -> list[Candidate]:
    """Capitalised word sequences typed by a cue word, by what the text calls them, or as the
    spelled-out form of an acronym used in the same document."""
    text = doc.text
    out = []
    for m in CAPITALISED_NAME.finditer(text):
        start, end = _trim_leading_stopwords(text, m.start(), m.end())
        prefix = re.match(r"[A-Z][\w'\u2019.]*\s+", text[start:end])
        if prefix and re.search(r"\b(?:anti|pro|non|ex|post|pre)-$", text[max(0, start - 8):start]):
            # 'the anti-Varnian Front': the word ends an adjective, not a name ('al-Aqsa' keeps its article)
            start += prefix.end()
        possessive = list(re.finditer(r"['\u2019]s\s+", text[start:end]))
        if possessive:  # "Manchester's Trafford Centre": the name is what follows the possessive
            start += possessive[-1].end()
        if text[end - 2: end] in ("'s", "\u2019s"):
            end -= 2  # 'Khalq's' → 'Khalq'
        while end > start and text[end - 1] in "\u2019'":
            end -= 1
        end = _trim_trailing_stopwords(text, start, end)
        dated = _CALENDAR_LINK.search(text, start, end)
        end = dated.start() if dated else end
        span_text = text[start:end]
        words = re.split(r"[\s\-]+", span_text)
        if len(words) < 2 and not span_text.isupper():
            # a one-word name the sentence defines ('Calueque is a town in', 'X (; formerly Y ) is a village')
            what = WHAT_IT_IS.match(after_brackets(text, end)[:90]) if one_word_name(doc, start, end) else None
            kind = what.group(2) if what and what.group(1).split()[-1:] != ["of"] else None
            single = "Place" if kind in PLACE_NOUNS else "Organization" if kind in ORG_NOUNS else None
            if single:
                out.append(Candidate(start, end, single, "rule", 2.5))
            continue
        if span_text.isupper():
            continue
        lower_words = [w.lower().strip(".\u2019'") for w in words]
        titled = _person_after_inner_title(span_text)
        if titled is not None:
            out.append(Candidate(start + titled, end, "Person", "rule", 2.5))  # 'PSNI Chief Hugh Orde'
            continue
        if lower_words[0] in PERSON_TITLES and all(w[:1].isupper() for w in words[1:]) and len(words) <= 4 \
                and not set(lower_words) & ORG_CUES:
            n_titles = 1
            while n_titles < len(words) - 1 and lower_words[n_titles] in PERSON_TITLES:
                n_titles += 1  # 'Prime Minister Thaksin Shinawatra'
            name_start = start + span_text.index(words[n_titles], len(" ".join(words[:n_titles])))
            out.append(Candidate(name_start, end, "Person", "rule", 2.5))  # 'Brigadier Anatoly Sverdin'
            continue
        # 'Intelligence Service of Iran': the words before 'of' say what it is
        head_word = lower_words[lower_words.index("of") - 1] if "of" in lower_words[1:] else lower_words[-1]
        type_ = None
        if head_word in EVENT_CUES:
            type_ = "Event"  # 'U.S. Open', 'World Series of Golf', 'Islamic Revolution'
        elif head_word in ORG_CUES:
            type_ = "Organization"
        elif lower_words[0] == "camp" or head_word in PLACE_CUES or head_word in BUILDING_HEADS \
                or names_a_feature(span_text, read_as_person=True):
            type_ = "Place"
            of = span_text.find(" of ")
            if of > 0 and " " in span_text[:of] and head_word in PLACE_CUES and country_of(span_text[of + 4:]):
                end = start + of  # 'the Kotayk Province of Armenia': the province, then the country it lies in
        else:
            # the head of 'X, a regional military spokeswoman,' (the last word before the phrase ends), else the
            # first lower-case word after the article
            # right after the name (past a bracket, 'X ( 1954 - 2009 ) was a guerrilla' would make a person a body)
            what = what_it_is(text[end: end + 90])
            first = _TYPE_NOUN_AFTER.match(text[end: end + 80])
            noun = what.group(2) if what else first.group(1) if first else None
            if noun in ORG_NOUNS:
                type_ = "Organization"
            elif noun in PERSON_NOUNS:
                type_ = "Person"
            elif noun in PLACE_NOUNS:
                type_ = "Place"
            elif acronym_candidates(span_text) & doc_acronyms:
                type_ = "Organization"
            elif looks_like_person_name(span_text) and (
                    _speech_verb_after(text, end) or re.search(r"\baccording to\s+$", text[max(0, start - 20): start])
                    or _TITLE_BEFORE.search(text[max(0, start - 60): start])):
                type_ = "Person"  # 'Rodney Eyles said', 'according to Rodney Eyles', 'the defence minister, R. Eyles'
        if type_ == "Organization":
            number = _NAME_NUMBER.search(text[max(0, start - 12): start])
            if number:
                start -= len(text[max(0, start - 12): start]) - number.start(1)  # '32 County Sovereignty Movement'
        if type_:
            out.append(Candidate(start, end, type_, "rule", 2.5))
    return out


# a small number opening a body's name in a list or after 'the' ('; 32 County Sovereignty Movement;')
_NAME_NUMBER = re.compile(r"(?:^|[;,\n]\s*|\b[Tt]he\s+)(\d{1,2})\s+$")


# 'the defence minister of Varnia, ', 'a spokesman, ': a rank and a comma before a name that reads as a person's
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(PERSON_TITLES, key=len, reverse=True)) + r")"
                           r"(?:\s+of\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})?\s*,\s*$", re.I)


def _person_after_inner_title(name: str) -> int | None:
    """Offset of the person's name in 'DIG FC Brigadier Khalid Javed' / 'PSNI Chief Hugh Orde': a run of capitalised
    words with a rank inside it, followed by a person's two or three name words; None otherwise."""
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", name)]
    for k in range(len(spans) - 2, 0, -1):
        if spans[k][1].lower().strip(".\u2019'") not in PERSON_TITLES:
            continue
        tail = name[spans[k + 1][0]:]
        if 2 <= len(tail.split()) <= 3 and looks_like_person_name(tail):
            return spans[k + 1][0]
        return None
    return None


# 'Lieutenant General ', 'Lt. Gen. ': capitalised ranks written right before a person's name
_TITLES_BEFORE = re.compile(r"(?:\b[A-Z][a-z]*\.?[ \t]+)+$")


def titled_start(text: str, start: int) -> int | None:
    """Where the ranks written right before a person's name begin ('Brigadier Khalid Javed'); None without one.

    A name told with its rank is one more form of it: the rank is part of how the text names the person."""
    run = _TITLES_BEFORE.search(text[max(0, start - 60):start])
    if run is None:
        return None
    at = start
    for word in reversed(run.group(0).split()):
        if word.lower().rstrip(".") not in PERSON_TITLES:
            break  # only the ranks next to the name: 'Sunday Colonel X' keeps 'Sunday' out
        at = text.rfind(word, 0, at)
    return at if at < start else None


def camp_candidates(text: str) -> list[Candidate]:
    """'Camp Ashraf', 'Anzali Camp': a camp is a place."""
    out = []
    for m in re.finditer(r"\bCamp\s+[A-Z][\w\-]+|\b[A-Z][\w\-]+\s+Camp\b", text):
        out.append(Candidate(m.start(), m.end(), "Place", "rule", 2.5))
    return out


_FOREIGN_ARTICLES = words("entity_foreign_articles")
_NON_NAME_WORDS = words("entity_non_name_words")


def looks_like_person_name(name: str) -> bool:
    """Two or three capitalised words, none a cue word, country, nationality or connector: 'Rodney Eyles'
    may be a person; 'Swiss Re', 'Agence France Presse', 'Lloyds of London' may not."""
    words = name.split()
    if not 2 <= len(words) <= 3 or name.isupper():
        return False
    lower = [w.lower().strip(".\u2019'") for w in words]
    if lower[0] in _FOREIGN_ARTICLES or set(lower) & (ORG_CUES | PLACE_CUES | EVENT_CUES | _NON_NAME_WORDS | BUILDING_HEADS
                                                      | {"of", "for", "and", "the", "on"}):
        return False
    # an accented word ('Germán') is no English nationality word, whatever its letters without the accent
    return all(w[:1].isupper() and not country_of(w) and not (w.isascii() and demonym_country(w)) for w in words)


def _trim_trailing_stopwords(text: str, start: int, end: int) -> int:
    """Drop trailing capitalised function words ('U.S. The' → 'U.S.')."""
    while True:
        m = re.search(r"\s+([A-Z][a-z]*)$", text[start:end])
        if not m or m.group(1).lower() not in STOP_WORDS:
            return end
        end = start + m.start()


def _speech_verb_after(text: str, end: int) -> bool:
    """True when a speech verb ('said', 'told') follows offset `end` directly."""
    m = re.match(r"\s+([a-z]+)\b", text[end: end + 20])
    return bool(m and m.group(1) in SPEECH_VERBS)


def retype(cand: Candidate, text: str, table: AliasTable) -> Candidate:
    """Correct a model label from the words around the span (speech verbs, titles, 'city of X')."""
    if cand.source in ("table", "gazetteer", "dateline") or cand.note:
        return cand
    name = text[cand.start: cand.end]
    words = name.split()
    before = text[max(0, cand.start - 40): cand.start]
    after = text[cand.end: cand.end + 30]
    lower_words = [w.lower().strip(".,\u2019'") for w in words]
    if cand.type in ("Place", "Country") and country_of(name):
        cand.type = "Country"
        return cand
    if lower_words and lower_words[-1] in ORG_CUES and cand.type != "Person" and lower_words[0] not in COMPASS:
        cand.type = "Organization"
        return cand
    if cand.type in ("Organization", "Person") and names_a_feature(name, read_as_person=cand.type == "Person"):
        cand.type = "Place"  # 'Big Muddy Creek', 'Mount Tyree', 'Pond of Safety': a feature's kind word names a place
        return cand
    if lower_words and (lower_words[0] == "camp" or lower_words[-1] == "camp") or cand.type == "Person" \
            and len(words) >= 2 and words[-1][:1].isupper() and lower_words[-1] in PLACE_CUES | BUILDING_HEADS:
        cand.type = "Place"  # 'Changi Prison', 'Kansai Airport': a site's noun ends no person's name
        return cand
    if PLACE_CONTEXT.search(before) and cand.type in ("Organization", "Person") and len(words) <= 2:
        cand.type = "Place"
        return cand
    if (cand.type in ("Place", "Country") and len(words) == 1 and AGENT_CONTEXT.search(before)
            and not is_known_place(name)):
        cand.type = "Person"
        return cand
    speech = re.match(r"^\s+([a-z]+)\b", after)
    if (speech and speech.group(1) in SPEECH_VERBS and looks_like_person_name(name) and cand.type == "Organization"
            and not table.lookup(name)):
        cand.type = "Person"
        return cand
    what = what_it_is(text[cand.end: cand.end + 90]) if cand.source == "ner" else None
    if what and not table.lookup(name):
        head = what.group(2)
        if head in ORG_NOUNS and cand.type in ("Person", "Place"):
            cand.type = "Organization"
            return cand
        if head in PLACE_NOUNS and cand.type in ("Person", "Organization"):
            cand.type = "Place"
            return cand
    if cand.type == "Organization" and LED_BY_CONTEXT.search(before) and looks_like_person_name(name) \
            and not table.lookup(name):
        cand.type = "Person"
        return cand
    title = re.search(r"\b([A-Z][a-z]+)\.?\s+$", before)
    if title and title.group(1).lower() in PERSON_TITLES and cand.type in ("Organization", "Place"):
        cand.type = "Person"
    return cand


def norp_candidates(ent: Span) -> list[Candidate]:
    """A nationality adjective: the state it speaks for ('Iranian regime'), a group of its own
    ('Israeli lobby', 'American military officers'), and the nationality itself (CoNLL-style MISC)."""
    doc = ent.doc
    out = [Candidate(ent.start_char, ent.end_char, "Group", "ner", 2, note="norp")]
    last = ent[-1]
    # the noun the adjective qualifies: its syntactic head, or the next word ('Israeli lobby groups')
    heads = [t for t in (last.head, doc[ent.end] if ent.end < len(doc) else None)
             if t is not None and ent.end <= t.i <= ent.end + 2 and t.pos_ in ("NOUN", "PROPN")]
    country = demonym_country(ent.text)
    collective = [t for t in heads if t.lower_ in COLLECTIVE_HEADS or t.lower_ in PEOPLE_HEADS]
    if collective:
        end_tok = max(collective, key=lambda t: t.i)
        if end_tok.i + 1 < len(doc) and doc[end_tok.i + 1].lower_ in ("groups", "group"):
            end_tok = doc[end_tok.i + 1]
        out.insert(0, Candidate(ent.start_char, end_tok.idx + len(end_tok.text), "Group", "rule", 2.5,
                                note="collective"))
    elif country and any(t.lower_ in STATE_HEADS for t in heads):
        out.insert(0, Candidate(ent.start_char, ent.end_char, "Country", "demonym", 2, name=country,
                                note="demonym"))
    return out


def regime_candidates(doc: Doc) -> list[Candidate]:
    """'Pahlavi regime', 'Shah's regime': a ruling house or regime named after a ruler is an organization
    (a nationality's regime, 'Iranian regime', speaks for the state instead)."""
    out = []
    text = doc.text
    for m in re.finditer(r"\b([A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)(?:['\u2019]s)?\s+(?:regime|dynasty)\b", text):
        start, _ = _trim_leading_stopwords(text, m.start(1), m.end())
        name = text[start: m.start(1) + len(m.group(1))].strip()
        if not name or demonym_country(name) or country_of(name) or name.lower() in STOP_WORDS:
            continue
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        if span is not None and any(t.ent_type_ == "PERSON" for t in span):
            continue  # 'Saddam's regime' stays a mention of Saddam
        out.append(Candidate(start, m.end(), "Organization", "rule", 2.5))
    return out


def nationality_candidates(doc: Doc) -> list[Candidate]:
    """Nationality and community words the model missed ('English', 'Moslem', 'SCOTTISH'): weak
    Group candidates, kept only where nothing else claims the span."""
    out = []
    for tok in doc:
        text = tok.text
        if not text[:1].isupper():
            continue
        word = text.title() if text.isupper() else text
        if word in COMMUNITY_WORDS or (demonym_country(word) and not country_of(word)
                                       and len(word) > 4 and tok.pos_ in ("ADJ", "PROPN", "NOUN")):
            for cand in norp_candidates(doc[tok.i: tok.i + 1]):
                if cand.note == "norp":
                    cand.priority = 1.2
                out.append(cand)
    return out

