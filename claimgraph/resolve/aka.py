"""Alias statements: names a text itself declares to be one entity's ('X, also known as Y or Z', 'a.k.a. Y; Z',
'(Lang: Y, lit. "Z")', 'X (Y or Z)', 'the group began using the new name Y').

Each declared name becomes a mention of the entity it renames (an existing mention of it is merged when the types
may name one thing), so later stages and the store see one entity with all its names. A country or place is never
made another name of an organization or person, nor the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from claimgraph.core.lexicon import alternation, rows, words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import country_of, is_known_place
from claimgraph.extract.entity_rules import ORG_CUES, looks_like_person_name
from claimgraph.model import Mention
from claimgraph.resolve.aliases import _compatible, acronym_matches
from claimgraph.resolve.names import is_acronym, norm_name

CUES = {row["cue"]: row["owner"] for row in rows("entity_alias_cues")}
# lower-case words a name may contain (particles of its language: 'Friends of the X', 'al Harakat al Islamiyya')
PARTICLES = words("entity_skippable_words") | words("entity_foreign_articles")
# lower-case words that may open a name ('al Harakat', 'el Aguila'): articles of other languages only
ARTICLES = words("entity_foreign_articles")
ACTOR_TYPES = frozenset({"Organization", "Group", "Person"})
PLACE_TYPES = frozenset({"Place", "Country"})
MAX_WORDS = 8
# an opening line longer than this is a paragraph, not a title
_TITLE_MAX = 200


def _cue_regex() -> re.Pattern[str]:
    alternatives = []
    for cue in sorted(CUES, key=len, reverse=True):
        parts = [re.escape(w) for w in cue.split()]
        alternatives.append(r"\s+".join(parts))
    # a cue is a phrase of its own: not inside a word ('Baka'), not 'aka' as part of a name in capitals
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)


_CUE = _cue_regex()
# where the names after a cue end: a line end, a bracket, a sentence end (not the dot of initials: 'A.I.C.')
_SEGMENT_END = re.compile(r"\n|[()\[\]]|(?<![A-Z])(?<!\b[a-z])\.(?=\s|$)|,\s+(?=[a-z])|\s+(?:was|is|were|are|has|had|"
                          r"which|who|that|in)\s")
# separators between names of one list
_SEPARATOR = re.compile(r"\s*(?:;|,\s*or\s+|,\s*and\s+|,|\s+or\s+|\s+and\s+|/)\s*")
_QUOTES = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb"
_LANGUAGE_LABEL = re.compile(r"^\s*(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*:|in\s+[A-Z][a-z]+\b:?)\s*")
_IN_LANGUAGE = re.compile(r",?\s+in\s+[A-Z][a-z]+\s*$")


def latin(text: str) -> bool:
    """True when every letter of the text is Latin (a name in another script is no matching form)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def name_bounds(text: str, start: int, end: int, caseless: bool) -> tuple[int, int] | None:
    """Offsets of the name in text[start:end] without quotes, a leading article or a trailing full stop, or None
    when the piece does not read as a name (a word in lower case, a country, another script)."""
    while start < end and (text[start].isspace() or text[start] in _QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES + ".,:;"):
        end -= 1
    lead = re.match(r"(?:the|an?)\s+", text[start:end], re.I)
    if lead:
        start += lead.end()
        while start < end and text[start] in _QUOTES:
            start += 1  # 'the "Free Emirate"'
    piece = text[start:end]
    tokens = piece.split()
    if not tokens or len(tokens) > MAX_WORDS or len(piece) < 2 or not latin(piece):
        return None
    if piece.lower() in STOP_WORDS or not any(ch.isalpha() for ch in piece):
        return None  # 'IN', '613'
    if caseless:
        return (start, end) if not country_of(piece.title()) else None
    if not any(ch.isupper() for ch in piece):
        return None  # '31st': a rank, no name
    first = tokens[0]
    if not (first[:1].isupper() or first[:1].isdigit()) and not (
            first.lower() in ARTICLES and len(tokens) > 1 and tokens[1][:1].isupper()):
        return None
    for tok in tokens:
        bare = tok.strip(_QUOTES + ".,'")
        if bare and not any(ch.isupper() or ch.isdigit() for ch in bare) and bare.lower() not in PARTICLES:
            return None  # 'the organization was founded': a phrase, not a name
    if country_of(piece) and not is_acronym(piece):
        return None
    return start, end


def split_names(text: str, start: int, end: int, caseless: bool) -> list[tuple[int, int]]:
    """The names of a list 'A; B, C or D' in text[start:end], each as offsets; the list stops at a piece
    that is no name."""
    out: list[tuple[int, int]] = []
    pos = start
    for sep in list(_SEPARATOR.finditer(text, start, end)) + [None]:
        piece_end = sep.start() if sep else end
        if piece_end > pos:
            bounds = name_bounds(text, pos, piece_end, caseless)
            if bounds is None:
                if out:
                    break
            else:
                out.append(bounds)
        pos = sep.end() if sep else end
    return out


class AliasStatements:
    """Merge the names a document declares to be one entity's ('also known as', 'a.k.a.', renamings, brackets)."""

    name = "resolve.alias_statements"
    requires = ("entities", "aliases")
    provides = ("aliases",)

    def run(self, ctx: DocContext) -> None:
        """Read every alias statement of the text and give its names to the entity they rename."""
        text = ctx.text
        if not ctx.analysis.mentions:
            return
        caseless = not any(ch.isupper() for ch in text[:20000])
        names = [m for m in ctx.analysis.mentions if m.source not in ("coref", "nominal", "norp", "demonym")]
        names.sort(key=lambda m: (m.start, -(m.end - m.start)))
        starts = [m.start for m in names]
        topic = self._topic(ctx, names)
        given: set[str] = set()
        relatives = _relatives(text)
        for cue in _CUE.finditer(text):
            owner = self._owner(ctx, names, starts, cue.start(), CUES.get(_cue_key(cue.group(0)), "near"), topic,
                                caseless)
            if owner is None:
                continue
            seg_start = cue.end()
            while seg_start < len(text) and text[seg_start] in " \t:" + _QUOTES:
                seg_start += 1
            stop = _SEGMENT_END.search(text, seg_start)
            seg_end = stop.start() if stop else len(text)
            for s, e in split_names(text, seg_start, seg_end, caseless):
                if norm_name(text[s:e]) in relatives:
                    continue  # 'Aka ...; Kach; ...' where the text calls Kach the precursor to KC: another body
                self._give(ctx, owner, s, e, given)
                given.add(owner)
        self._brackets(ctx, names, caseless, given)
        for key in {ctx.find(k) for k in given}:
            _organization_shaped(ctx, key)

    @staticmethod
    def _topic(ctx: DocContext, names: list[Mention]) -> str | None:
        """The organization the text is about: the one its title names (the one named most of those), else the one
        named most (the earliest among equals)."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        text = ctx.text
        opening = len(text) - len(text.lstrip())
        first_line_end = text.find("\n", opening)
        first_line_end = len(text) if first_line_end < 0 else first_line_end
        titled: set[str] = set()
        for m in names:
            key = ctx.find(m.entity_key)
            if ctx.entity(key).type in ("Organization", "Group") and not ctx.entity(key).attrs.get("nationality"):
                counts[key] += 1
                first.setdefault(key, m.start)
                if m.start < first_line_end:
                    titled.add(key)
        # the title or opening line names what the text is about; of two bodies it names ('X Amendments to the
        # Designation of Y'), the subject is the one the text goes on to name most (the earlier among equals)
        if len(titled) > 1 and first_line_end - opening > _TITLE_MAX:
            titled = {min(titled, key=lambda k: first[k])}  # an opening paragraph, no title: its first body
        pool = titled or set(counts)
        if not pool:
            return None
        return max(pool, key=lambda k: (counts[k], -first[k]))

    @staticmethod
    def _owner(ctx: DocContext, names: list[Mention], starts: list[int], at: int, kind: str,
               topic: str | None, caseless: bool) -> str | None:
        """The entity a cue at offset `at` gives names to: the name just before it ('X, also known as', a name of
        its own when nothing was recognized there), else the subject of the cue's clause (a description or pronoun
        standing for the text's topic), else the topic when the cue opens its line ('aka X; Y' under a title)."""
        text = ctx.text
        back = _before_brackets(text, at)
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip():
            return topic
        if kind == "near":
            i = bisect_right(starts, back) - 1
            while i >= 0 and names[i].end > back:
                i -= 1
            if i >= 0 and names[i].end >= back - 1:
                key = ctx.find(names[i].entity_key)
                return key if ctx.entity(key).type != "Country" else None
            made = _name_before(ctx, line_start, back, caseless)
            if made is not None:
                return made
        return _clause_subject(ctx, at, topic)

    def _brackets(self, ctx: DocContext, names: list[Mention], caseless: bool, given: set[str]) -> None:
        """'X (Y or Z)', 'X (Lang: Y, or Z, in Lang)', 'X, (Y), (Z)': names in brackets right after a name."""
        text = ctx.text
        for m in names:
            owner = ctx.find(m.entity_key)
            if ctx.entity(owner).type not in ("Organization", "Group", "Place", "Person") \
                    or ctx.entity(owner).attrs.get("nationality") or (m.text.isupper() and " " in m.text):
                continue  # 'LATEST PREVIOUS ACTUAL ( Parent )': a table header, not a name
            pos = _long_form_end(ctx, m, owner)
            start_pos = pos
            while True:
                gap = re.match(r"[ \t]*,?[ \t]*\(", text[pos: pos + 4])  # 'X (Y)', 'X, (Y), (Z)'
                if not gap:
                    break
                open_at = pos + gap.end()
                close_at = text.find(")", open_at, open_at + 200)
                if close_at < 0 or "(" in text[open_at:close_at] or "\n" in text[open_at:close_at]:
                    break
                inner_start, inner_end = open_at, close_at
                label = _LANGUAGE_LABEL.match(text[inner_start:inner_end])
                if label:
                    inner_start += label.end()
                tail = _IN_LANGUAGE.search(text[inner_start:inner_end])
                if tail:
                    inner_end = inner_start + tail.start()
                if _CUE.match(text, inner_start):
                    break  # '(a.k.a. Y)' is read with the cues
                head = re.match(r"(?:or|also)\s+", text[inner_start:inner_end])
                if head:
                    inner_start += head.end()
                # the recognizer's rule read a bracket that follows the name directly and holds one name
                plain = pos == start_pos and "," not in gap.group(0) and not head and not label
                pieces = split_names(text, inner_start, inner_end, caseless)
                if ctx.entity(owner).type == "Person" and not any(_org_shaped(text[a:b]) for a, b in pieces):
                    break  # a person's brackets hold a country, a party or a rank; a nickname needs a cue
                for s, e in pieces:
                    if plain and len(pieces) == 1 and any(n.start == s and n.end == e for n in ctx.mentions_in(s, e)):
                        continue  # 'Long Name (LN)': the recognizer's bracket rule decided it
                    if is_acronym(text[s:e]) and is_acronym(ctx.entity(owner).name):
                        continue  # 'NCRI (MEK)': two acronyms are two bodies
                    if not plain and _used_elsewhere(ctx, s, e, open_at, close_at):
                        continue  # 'Camp A, (Camp B)' where the text speaks of Camp B on its own: another camp
                    if ctx.entity(owner).type == "Place" and not _shares_a_word(ctx.entity(owner).name, text[s:e]):
                        continue  # 'London (The Oval)': a place inside it; 'Camp A (Camp B)': another name
                    if not _names_something_else(ctx, owner, s, e):
                        self._give(ctx, owner, s, e, given)
                        given.add(owner)
                pos = close_at + 1

    @staticmethod
    def _give(ctx: DocContext, owner: str, start: int, end: int, owners: set[str]) -> None:
        """Make text[start:end] a name of `owner`: merge the entity already named there when the types allow."""
        owner = ctx.find(owner)
        owner_type = ctx.entity(owner).type
        exact = [m for m in ctx.mentions_in(start, end) if m.start == start and m.end == end
                 and m.source not in ("coref", "nominal", "norp", "demonym")]
        for m in exact:
            other = ctx.find(m.entity_key)
            if other == owner:
                return
            if other in owners:
                # 'A a.k.a. El Gemelo', 'B a.k.a. El Gemelo': a nickname two people share joins neither to the other
                m.entity_key = owner
                ctx.entity(owner).aliases.add(m.text)
                return
            other_type = ctx.entity(other).type
            if other_type == "Place" and owner_type in ACTOR_TYPES and not is_known_place(m.text) \
                    and not re.match(r"(?i)camp\b|.*\bcamp$", m.text):
                # 'Javier Montanez a.k.a. Macaco': the model's guess of a place yields to the text's own word
                ctx.entity(other).type = owner_type
                other_type = owner_type
            if not _compatible(owner_type, other_type) and (
                    other_type == "Country" or (owner_type in PLACE_TYPES) != (other_type in PLACE_TYPES)):
                return  # a country or place is never another name of an actor, nor an actor of a place
            if other_type != owner_type and len({norm_name(n) for n in ctx.entity(other).aliases}) > 1:
                # an entity of another type with names of its own: this name is the owner's wherever the text
                # uses it alone ('Sabri al-Banna (a.k.a. Abu Nidal)'), and no longer the other's
                declared = norm_name(m.text)
                for n in ctx.analysis.mentions:
                    if ctx.find(n.entity_key) == other and norm_name(n.text) == declared:
                        n.entity_key = owner
                        n.type = owner_type
                ctx.entity(owner).aliases.add(m.text)
                other_ent = ctx.entity(other)
                if norm_name(other_ent.name) != declared:
                    other_ent.aliases = {a for a in other_ent.aliases if norm_name(a) != declared}
                return
            # the text says the name is the owner's: 'Sabri al-Banna (a.k.a. Abu Nidal)' makes Abu Nidal a person
            ctx.merge(owner, other)
            return
        if country_of(ctx.text[start:end]):
            return
        ctx.add_mention(start, end, owner_type, source="rule", key=owner)


# 'Kach — the precursor to KC —', 'X, a splinter of Y': a name the text relates to another body as its
# forerunner, heir or branch is a distinct entity, never one of that body's aliases
_RELATIVE_NOUNS = alternation("entity_relative_nouns")
_RELATIVE = re.compile(
    r"\b(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s*(?:[,—–(]|\s-)\s*(?:the|a|an|its)\s+"
    rf"(?:\w+\s+)?(?:{_RELATIVE_NOUNS})s?\b"
    r"(?:\s+(?:group|organi[sz]ation|movement|faction))?\s+(?:to|of|from)\b")


_PART_NOUNS = alternation("entity_part_nouns")
# 'the clandestine armed wing of the 32 County X Movement', 'a front for Y': the body a group is a part or a cover
# of is another body, even where a list of aliases names it too
_PARENT = re.compile(rf"\b(?:{_PART_NOUNS})\s+(?:of|for)\s+(?:the\s+)?"
                     r"(?P<name>(?:\d+\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w'’.-]*){0,6})")


def _relatives(text: str) -> set[str]:
    """Normalized names the text calls the precursor, successor, offshoot, parent or cover of another body."""
    return {norm_name(m.group("name")) for m in _RELATIVE.finditer(text)} | {
        norm_name(m.group("name")) for m in _PARENT.finditer(text)}


def _shares_a_word(a: str, b: str) -> bool:
    """True when two names share a word (case-folded)."""
    return bool(set(norm_name(a).split()) & set(norm_name(b).split()))


def _used_elsewhere(ctx: DocContext, start: int, end: int, open_at: int, close_at: int) -> bool:
    """True when text[start:end] is a mention of an entity the text also names outside this bracket."""
    for m in ctx.mentions_in(start, end):
        if m.start == start and m.end == end:
            key = ctx.find(m.entity_key)
            return any(ctx.find(n.entity_key) == key and not open_at <= n.start < close_at
                       and n.source not in ("coref", "nominal") for n in ctx.analysis.mentions
                       if n.text == m.text)
    return False


def _long_form_end(ctx: DocContext, m: Mention, owner: str) -> int:
    """Where the name `m` really ends before a bracketed acronym: 'People's Front of Varnia (PFV)' is one name
    although the place was recognized on its own; the whole long form becomes a mention of the owner."""
    text = ctx.text
    tail = re.match(r"\s+of\s+(?:the\s+)?", text[m.end: m.end + 12])
    if not tail:
        return m.end
    place = ctx.mention_at(m.end + tail.end(), m.end + tail.end() + 1)
    if place is None or place.start != m.end + tail.end() or ctx.entity(place.entity_key).type not in PLACE_TYPES:
        return m.end
    acronym = re.match(r"\s*\(\s*[\"']?([A-Z][A-Za-z.]{1,8})\b", text[place.end: place.end + 14])
    long_form = text[m.start: place.end]
    if not acronym or not is_acronym(acronym.group(1)) or not acronym_matches(acronym.group(1), long_form):
        return m.end
    ctx.add_mention(m.start, place.end, ctx.entity(owner).type, source="rule", key=owner)
    return place.end


def _names_something_else(ctx: DocContext, owner: str, start: int, end: int) -> bool:
    """True when a bracketed piece is a mention of a place, country or person other than the owner
    ('Hamas (Gaza)', 'the front (Colombia)')."""
    owner_type = ctx.entity(owner).type
    for m in ctx.mentions_in(start, end):
        if (m.end - m.start) < 0.8 * (end - start):
            continue  # 'Autodefensas Unidas de Colombia': a country inside a longer name is part of it
        key = ctx.find(m.entity_key)
        if key == owner:
            continue
        other = ctx.entity(key).type
        if other in PLACE_TYPES and owner_type not in PLACE_TYPES or other == "Person" and owner_type != "Person":
            return True
    piece = ctx.text[start:end]
    if is_acronym(piece):  # the city list holds airport codes ('UDR'): an acronym is a place only as a country
        return owner_type not in PLACE_TYPES and bool(country_of(piece))
    return owner_type not in PLACE_TYPES and is_known_place(piece)


def _before_brackets(text: str, at: int) -> int:
    """The offset a look-back from a cue starts at: before spaces, commas, quotes and one bracketed aside
    ('X (Greek: ...), also known as' looks back from before the bracket)."""
    back = at
    while back > 0 and text[back - 1] in " \t,(\"'\u2019\u201d":
        back -= 1
    if back > 0 and text[back - 1] == ")":
        depth, i = 0, back - 1
        while i >= 0:
            depth += {")": 1, "(": -1}.get(text[i], 0)
            if depth == 0:
                break
            i -= 1
        back = max(i, 0)
        while back > 0 and text[back - 1] in " \t":
            back -= 1
    return back


def _name_before(ctx: DocContext, line_start: int, back: int, caseless: bool) -> str | None:
    """'Rodrigo Tovar a.k.a. Jorge 40' where nothing was recognized before the cue: the name that opens the line
    (or follows a list separator) up to the cue becomes an entity, a person when it reads as one."""
    text = ctx.text
    start = max(line_start, *(text.rfind(sep, line_start, back) + 1 for sep in ";|,(\u2022"))
    bounds = name_bounds(text, start, back, caseless)
    if bounds is None:
        return None
    # a nationality word inside a full name ('Hector German Buitrago' read 'German') is part of the name
    inside = [m for m in ctx.mentions_in(bounds[0], bounds[1]) if m.source not in ("coref", "nominal", "norp", "demonym")]
    if inside:
        # 'Revolutionary Organization 17 November, also known as': the recognized name opening the piece is
        # the entity, and the whole piece one more of its names
        head = inside[0]
        key = ctx.find(head.entity_key)
        if head.start != bounds[0] or ctx.entity(key).type not in ACTOR_TYPES:
            return None
        ctx.add_mention(bounds[0], bounds[1], ctx.entity(key).type, source="rule", key=key)
        return key
    piece = text[bounds[0]: bounds[1]]
    type_ = "Person" if _reads_as_person(piece) else "Organization"
    return ctx.find(ctx.add_mention(bounds[0], bounds[1], type_, source="rule").entity_key)


def _reads_as_person(piece: str) -> bool:
    """Two to five capitalised words with no organization word: a person's full name ('Ana María Ruiz Gómez')."""
    words_ = piece.split()
    if not 2 <= len(words_) <= 5:
        return False
    if len(words_) <= 3:
        return looks_like_person_name(piece)
    return looks_like_person_name(" ".join(words_[:3])) and looks_like_person_name(" ".join(words_[-2:]))


def _clause_subject(ctx: DocContext, at: int, topic: str | None) -> str | None:
    """The subject of the clause a cue lies in, through the parse: a named actor, or the topic for a description
    or pronoun ('The cult is now known by the name Y', 'It began using the name Y'); None otherwise."""
    span = ctx.doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = span[0]
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    for _ in range(3):
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            found = ctx.mention_at(child.idx, child.idx + len(child.text))
            if found is None and child.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                # 'the Varnian Front, which refers to itself as Y': the relative pronoun stands for the noun it follows
                head = verb.head
                found = ctx.mention_at(head.idx, head.idx + len(head.text))
            if found is not None and found.source not in ("coref", "nominal", "norp", "demonym"):
                key = ctx.find(found.entity_key)
                return key if ctx.entity(key).type in ACTOR_TYPES else None
            described = child.pos_ == "PRON" or any(d.dep_ == "det" and d.lower_ in ("the", "this", "that")
                                                    for d in child.children)
            return topic if described else None
        if verb.dep_ not in ("conj", "xcomp", "ccomp") or verb.head.i == verb.i:
            break
        verb = verb.head  # 'X was founded in 1990 and renamed Y': the subject of the first verb
    return None


def _org_shaped(name: str) -> bool:
    """True for a name whose head word says it is an organization ('Islamic Group', 'Front of the Free')."""
    words_ = [w.lower().strip(".,'\u2019") for w in name.split()]
    if not words_ or is_acronym(name):
        return False
    head = words_[words_.index("of") - 1] if "of" in words_[1:] else words_[-1]
    return head in ORG_CUES


def _organization_shaped(ctx: DocContext, key: str) -> None:
    """A 'person' one of whose declared names is organization-shaped ('... Resistance Movement of Iran') is an
    organization (the model reads a one-word group name as a person)."""
    ent = ctx.entity(key)
    if ent.type != "Person":
        return
    for name in ent.aliases | {ent.name}:
        if _org_shaped(name):
            ent.type = "Organization"
            for m in ctx.analysis.mentions:
                if ctx.find(m.entity_key) == key:
                    m.type = "Organization"
            return


def _cue_key(found: str) -> str:
    """The lexicon entry of a matched cue (spaces and case as in the file)."""
    return re.sub(r"\s+", " ", found).lower()
