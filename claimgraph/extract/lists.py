"""List items read with the sentence that introduces them ('had some bases in the country:' + items)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.core.lexicon import rows, words
from claimgraph.extract import frames as F
from claimgraph.extract.context import DocContext
from claimgraph.extract.frames import Found
from claimgraph.extract.nominal import ArgResolver
from claimgraph.extract.structure import (
    ATTACK_ITEM_NOUNS,
    BASE_ITEM_NOUNS,
    BULLET,
    ITEM_TRIGGERS,
    Line,
    ListBlock,
    layout_of,
)
from claimgraph.extract.timeinfo import parse_time
from claimgraph.extract.units import parsed, record, resolver_for, span_doc, unit_at, units_of
from claimgraph.model import Mention

FACILITY_NOUNS = words("claims_facility_nouns")
ATTACK_PREDICATES = {"attacked", "bombed", "assassinated", "killed", "kidnapped"}
ACTOR_TYPES = ("Organization", "Person", "Country", "Group")
HQ_WORDS = re.compile(r"\b(headquarters?|hq|main base|command centre|command center)\b", re.I)
MARKS = re.compile(r"(\*+|\u2020|\u2021|\[\d{1,3}\])")
PHRASE_END = re.compile(r"\s*(?:[,;(:]|\s+in which\b|\s+which\b|\s+that\b|\s+where\b|\s+when\b|\s+by\b)")
UNNAMED = re.compile(r"^(?:a|an|one|another)\s+(?:\w+\s+){0,2}?(" + "|".join(sorted(BASE_ITEM_NOUNS)) + r")s?\b",
                     re.I)


class ListItems:
    """Claims for list items that inherit the subject and predicate of their introducing sentence."""

    name = "claims.list_items"
    requires = ("entities", "coref", "claims")
    provides = ("claims", "layout")

    def run(self, ctx: DocContext) -> None:
        """Read every list whose introducer enumerates attacks or bases."""
        layout = layout_of(ctx)
        if not layout.lists:
            return
        self.ctx = ctx
        self.args: ArgResolver = resolver_for(ctx)
        for block in layout.lists:
            kind, subjects = self.introducer(block)
            if kind is None:
                self.entity_items(block)
                continue
            if not subjects:
                continue
            for item in block.items:
                if any(c.extractor == "claims.frames" and c.evidence and item.start <= c.evidence[0].start < item.end + 1
                       for c in ctx.analysis.claims):
                    continue  # the item is a sentence of its own and said its claim already
                if kind == "attack":
                    self.attack_item(item, subjects)
                else:
                    self.base_item(item, subjects)

    # ------------------------------------------------------------ items that fill a slot
    def entity_items(self, block: ListBlock) -> None:
        """'Hezbollah is supported by the following countries:' + '- Iran' + '- Syria': each item fills the slot."""
        from claimgraph.extract.claims import FrameExtractor

        units = [u for u in units_of(self.ctx) if block.intro.start <= u.start_char < block.intro.end + 1]
        if not units:
            return
        intro = parsed(self.ctx, units[-1])
        toks = intro.tokens
        slot = next((t for t in toks if t.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in ("following", "these", "those", "such") for c in t.children)), None)
        if slot is None and len(toks) > 1 and toks[-1].text == ":" and toks[-2].pos_ == "NOUN":
            slot = toks[-2]
        if slot is None:
            return
        filled: list[tuple[str, Line]] = []
        for item in block.items:
            start, text = self.body(item)
            first = sorted((m for m in self.ctx.analysis.mentions if start <= m.start <= start + 4),
                           key=lambda m: (m.start, m.start - m.end))
            if first:
                filled.append((self.ctx.find(first[0].entity_key), item))
        if not filled:
            return
        args = resolver_for(self.ctx, intro)
        args.overrides[slot.i] = [key for key, _ in filled]
        extractor = FrameExtractor()
        extractor.ctx, extractor.args = self.ctx, args
        try:
            found = [f for t in extractor.triggers(intro) for f in extractor.frames(t)]
        finally:
            args.overrides.pop(slot.i, None)
        for f in found:
            for key, item in filled:
                if key in (f.subject, f.object):
                    self.store(f, item)

    # ------------------------------------------------------------ introducer
    def introducer(self, block: ListBlock) -> tuple[str | None, list[str]]:
        """What the list enumerates ('attack' or 'base') and who its items are about."""
        units = [u for u in units_of(self.ctx) if block.intro.start <= u.start_char < block.intro.end + 1]
        if not units:
            return None, []
        intro = parsed(self.ctx, units[-1])
        args = resolver_for(self.ctx, intro)
        toks = intro.tokens
        nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN") and _noun_lemma(t) in ATTACK_ITEM_NOUNS | BASE_ITEM_NOUNS]
        if not nouns:
            return None, []
        noun = nouns[-1]
        kind = "attack" if _noun_lemma(noun) in ATTACK_ITEM_NOUNS else "base"
        subjects: list[str] = []
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            subjects = args.resolve(poss[0], "agent", nominal_ok=False)
        else:
            verb = F.clause_verb(noun)
            if verb is not None and noun.dep_ in ("dobj", "pobj") and verb.lemma_ not in ("be", "follow"):
                agent = F.agent_of(verb)
                subjects = args.resolve(agent, "agent", nominal_ok=False) if agent is not None else []
        if not subjects:
            subjects = self.previous_subject(intro.start_char, kind)
        return kind, [s for s in subjects if self.args.etype(s) in ACTOR_TYPES]

    def previous_subject(self, before: int, kind: str) -> list[str]:
        """The actor the text was talking about just before the list (for 'The attacks are as follows:')."""
        earlier = [c for c in self.ctx.analysis.claims if c.evidence and c.evidence[0].start < before]
        wanted = ATTACK_PREDICATES if kind == "attack" else {"based_in", "has_base", "headquarters_in"}
        for claim in sorted(earlier, key=lambda c: c.evidence[0].start, reverse=True):
            if claim.predicate in wanted:
                return [self.ctx.find(claim.subject)]
        topic = self.args.topic_org(self.doc_token(before).i)
        return [topic] if topic else []

    # ------------------------------------------------------------ items
    def body(self, item: Line) -> tuple[int, str]:
        """Offset and text of an item without its bullet."""
        m = BULLET.match(item.text)
        skip = m.end() if m else 0
        return item.start + skip, item.text[skip:]

    def attack_item(self, item: Line, subjects: list[str]) -> None:
        """'- Assassination of leaders and officials of X.' -> subject assassinated that group."""
        start, text = self.body(item)
        words = list(re.finditer(r"[\w'\u2019-]+", text))[:3]
        trigger = next((w for w in words if w.group(0).lower() in ITEM_TRIGGERS), None)
        if trigger is None:
            return
        predicate = ITEM_TRIGGERS[trigger.group(0).lower()]
        rest_start = trigger.end()
        rest = text[rest_start:]
        lead = re.match(r"\s*(?:of|on|against|at|in|up)?\s*", rest)
        rest_start += lead.end() if lead else 0
        rest = text[rest_start:]
        cut = PHRASE_END.search(rest)
        phrase = rest[: cut.start()] if cut else rest
        phrase = MARKS.sub(lambda m: " " * len(m.group(0)), phrase).rstrip(" .")
        if not phrase.strip():
            return
        keys = self.resolve_phrase(start + rest_start, phrase)
        anchor = self.doc_token(start + trigger.start())
        for key in keys:
            for subj in subjects:
                if subj != key:
                    self.store(Found(subj, predicate, key, anchor, confidence=0.6), item)

    def base_item(self, item: Line, subjects: list[str]) -> None:
        """'- Camp X: the headquarters of the group' -> headquarters_in; '- A camp near Y' -> has_base."""
        start, text = self.body(item)
        colon = text.find(":")
        if 0 < colon < 80:
            name, desc = text[:colon].strip(), text[colon + 1:]
            name_start = start + text.index(name)
            place = self.place_named(name_start, name_start + len(name))
            predicate = "headquarters_in" if HQ_WORDS.search(desc) else "has_base"
        else:
            desc = text
            stripped = MARKS.sub("", text).strip().rstrip(".,;")
            unnamed = UNNAMED.match(stripped)
            if unnamed:
                words = stripped.split(None, 1)
                name = words[1] if len(words) > 1 else stripped
                name_start = start + text.index(name)
                place = self.ctx.find(self.ctx.add_mention(name_start, name_start + len(name), "Place",
                                                           source="structure").entity_key)
            else:
                place = self.place_named(start, start + len(stripped))
            predicate = "headquarters_in" if HQ_WORDS.search(desc) else "has_base"
        if place is None:
            return
        anchor = self.doc_token(start)
        for subj in subjects:
            if self.args.etype(subj) in ("Organization", "Group", "Person"):
                self.store(Found(subj, predicate, place, anchor, confidence=0.65), item)

    # ------------------------------------------------------------ helpers
    def place_named(self, start: int, end: int) -> str | None:
        """The place a name span refers to: its mention, or a new place when it is a proper name."""
        inside = self.ctx.mentions_in(start, end) or [m for m in [self.ctx.mention_at(start, end)] if m]
        if inside:
            best = max(inside, key=lambda m: m.end - m.start)
            return self.ctx.find(best.entity_key)
        name = self.ctx.text[start:end]
        if name[:1].isupper() and len(name.split()) <= 6:
            return self.ctx.find(self.ctx.add_mention(start, end, "Place", source="structure").entity_key)
        return None

    def resolve_phrase(self, start: int, phrase: str) -> list[str]:
        """Entities a noun phrase names, read from the document's parse of the phrase alone."""
        cut = span_doc(self.ctx, start, start + len(phrase))
        if cut is None:
            return []
        sub, offset = cut
        roots = [t for t in sub if t.head.i == t.i and not t.is_punct and not t.is_space]
        if not roots:
            return []
        resolver = ArgResolver(self.ctx, sub, offset=offset)
        # the phrase's head is the root that covers most of it (cut-off modifiers become roots too)
        root = max(roots, key=lambda t: (len(list(t.subtree)), -t.i))
        if root.pos_ == "VERB":  # "Bombing X" read as a verb: take its object
            objs = [c for c in root.children if c.dep_ in ("dobj", "nsubj", "npadvmod", "attr")]
            root = objs[0] if objs else root
        keys = [k for k in resolver.resolve(root, "patient") if resolver.etype(k) in ACTOR_TYPES]
        if not keys and root.lemma_.lower() in FACILITY_NOUNS:
            keys = [resolver.nominal(root, "Place")]  # "Bombing of a police station": the facility itself
        return keys

    def doc_token(self, char: int) -> Token:
        """The token of the analysed document at a character offset."""
        return doc_token(self.ctx, char)

    def store(self, found: Found, item: Line) -> None:
        """Record a list claim with the item line as evidence."""
        store_on_line(self.ctx, found, item, self.name)


def doc_token(ctx: DocContext, char: int) -> Token:
    """The token of the analysed document at a character offset."""
    span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else ctx.doc[0]


def store_on_line(ctx: DocContext, found: Found, line: Line, extractor: str) -> None:
    """Record a claim whose evidence is one line of the text (a list item, a field)."""
    text = line.text
    lo = line.start + (len(text) - len(text.lstrip()))
    hi = line.start + len(text.rstrip())
    unit = unit_at(ctx, lo) or units_of(ctx)[0]
    record(ctx, found, unit, extractor, evidence=(lo, hi), offset=0)


def _noun_lemma(tok: Token) -> str:
    """Lemma of a noun, mending the tagger's 'bases' -> 'basis'."""
    return "base" if tok.lower_ == "bases" else tok.lemma_.lower()


# ---------------------------------------------------------------- fact-sheet and infobox fields
FIELD_LABELS = {row["label"]: (row["kind"], row["predicate"]) for row in rows("claims_field_labels")}
FIELD_SEPARATOR = re.compile(r"\s*(?::|\|)\s*|\s+")
PERIOD_SPLIT = re.compile(r"\s*(?:[\u2013\u2014-]|\bto\b|\buntil\b)\s*")
PLACE_KINDS = ("Place", "Country")
MAX_FIELD_LINE = 160  # a field's line is short; prose that opens with a label word is not a field
MAX_COLON_FIELD = 400  # "Label: value" may hold a sentence of its own


class FieldValues:
    """Claims of fact-sheet and infobox fields about the document's topic.

    "Headquarters: Paris", "Headquarters | Paris |", "HeadquartersParis" (an infobox copied without its
    table), "Founded 1975", and a label alone on its line with the value on the next one
    ("Location/Area of Operation" + "Syria, Lebanon"). The topic is the entity the title line names,
    else the organisation the text was talking about before the field.
    """

    name = "claims.fields"
    requires = ("entities", "coref", "claims")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Read every line that is a labelled field."""
        layout = layout_of(ctx)
        self.ctx = ctx
        self.args: ArgResolver = resolver_for(ctx)
        content = [ln for ln in layout.lines if ln.kind != "blank"]
        title = self.title_entity(content)
        for n, line in enumerate(content):
            field = self.field(line)
            if field is None:
                continue
            kind, predicate, value_start = field
            target = line
            if value_start >= line.end:  # the label alone: the value is the next line
                if n + 1 >= len(content) or self.field(content[n + 1]) is not None:
                    continue
                target = content[n + 1]
                if len(target.text.strip()) > MAX_FIELD_LINE:
                    continue
                value_start = target.start + len(target.text) - len(target.text.lstrip())
            topic = title or self.args.topic_org(self.doc_token(line.start).i) or self.first_subject()
            if topic is None:
                continue
            self.value(topic, kind, predicate, value_start, target)

    def title_entity(self, content: list[Line]) -> str | None:
        """The entity the first line names when the line is little more than its name."""
        if not content:
            return None
        first = content[0]
        inside = self.ctx.mentions_in(first.start, first.end)
        if not inside:
            return None
        best = max(inside, key=lambda m: m.end - m.start)
        key = self.ctx.find(best.entity_key)
        if (best.end - best.start) < 0.6 * len(PARENTHETICAL_MARKS.sub("", first.text).strip()) or self.args.etype(key) not in ACTOR_TYPES + PLACE_KINDS:
            return None
        return key

    def first_subject(self) -> str | None:
        """The first organisation that is a clause subject in the text."""
        orgs: list[tuple[int, str]] = self.ctx.memo.get("nominal.subject_orgs", [])
        return orgs[0][1] if orgs else None

    @staticmethod
    def field(line: Line) -> tuple[str, str, int] | None:
        """(kind, predicate, where the value starts) when a line opens with a field label."""
        m = BULLET.match(line.text)
        skip = m.end() if m else 0
        text = line.text[skip:]
        stripped = text.strip()
        if not stripped or len(stripped) > MAX_COLON_FIELD:
            return None
        lead = len(text) - len(text.lstrip())
        low = stripped.lower()
        for label in sorted(FIELD_LABELS, key=len, reverse=True):
            if not low.startswith(label):
                continue
            rest = stripped[len(label):]
            kind, predicate = FIELD_LABELS[label]
            if not rest.strip(" :|"):
                return kind, predicate, line.end  # the label alone on its line
            sep = FIELD_SEPARATOR.match(rest)
            glued = rest[:1].isupper() or rest[:1].isdigit()
            if sep and sep.group(0).strip() in (":", "|"):
                pass  # "Label: value", "Label | value |"
            elif len(stripped) > MAX_FIELD_LINE:
                return None
            elif glued and stripped[:1].isupper():
                sep = None  # "HeadquartersParis": an infobox that lost its table cells
            elif sep and (rest.lstrip()[:1].isupper() or rest.lstrip()[:1].isdigit()) and stripped[:1].isupper() \
                    and not stripped.endswith("."):
                pass  # "Active April 1997 - 2006": a short line, label and value
            else:
                return None
            offset = line.start + skip + lead + len(label) + (sep.end() if sep else 0)
            return kind, predicate, offset
        return None

    def value(self, topic: str, kind: str, predicate: str, start: int, line: Line) -> None:
        """Claims from one field value."""
        end = line.start + len(line.text.rstrip(" |"))
        raw = self.ctx.text[start:end]
        anchor = self.doc_token(start)
        if kind in ("date", "period"):
            text = PARENTHETICAL_MARKS.sub("", MARKS.sub("", raw)).strip()
            parts = PERIOD_SPLIT.split(text, maxsplit=1) if kind == "period" else [text]
            preds = [predicate, "dissolved_in"] if kind == "period" else [predicate]
            for part, pred in zip(parts, preds, strict=False):
                when = parse_time(part)
                if when and when.get("start"):
                    self.store(Found(topic, pred, ("date", when["text"]), anchor, qualifiers={"time": when},
                                     confidence=0.7), line)
            return
        if kind == "text":
            text = MARKS.sub("", raw).strip(" .;|")
            if text and len(text) <= 60:
                self.store(Found(topic, predicate, ("text", text), anchor, confidence=0.6), line)
            return
        keys: list[str] = []
        mentions = sorted(self.value_mentions(start, end, kind), key=lambda m: m.start)
        for m in mentions:
            key = self.ctx.find(m.entity_key)
            if key != topic and key not in keys:
                keys.append(key)
        if kind == "place" and len(mentions) == 2 and len(keys) == 2 and self.address(mentions):
            keys = keys[:1]  # "Paris, France": the seat is the city; the country only says where the city is
        for key in keys:
            etype = self.args.etype(key)
            if kind == "place" and etype in PLACE_KINDS:
                pred = "located_in" if self.args.etype(topic) in PLACE_KINDS and predicate == "based_in" else predicate
                self.store(Found(topic, pred, key, anchor, confidence=0.65), line)
            elif kind == "person" and etype == "Person":
                subj, obj = (topic, key) if predicate == "founded_by" else (key, topic)
                self.store(Found(subj, predicate, obj, anchor, confidence=0.65), line)
            elif kind == "actor" and etype in ACTOR_TYPES:
                self.store(Found(topic, predicate, key, anchor, confidence=0.6), line)

    def address(self, mentions: list[Mention]) -> bool:
        """True for a value 'City, Country' (one place, then the country it lies in), not a list of countries."""
        from claimgraph.extract.places_index import is_country

        first, second = mentions
        names = [self.ctx.entity(self.ctx.find(m.entity_key)).name for m in mentions]
        return (self.ctx.text[first.end:second.start].strip() == "," and not is_country(names[0])
                and is_country(names[1]))

    def value_mentions(self, start: int, end: int, kind: str) -> list[Mention]:
        """Mentions of a value. A name the tagger ran into its glued label ("FounderMassoud Rajavi") is cut
        out, and a value the tagger missed that is a short proper name becomes one; either takes the type
        the field gives (the tagger's type of a glued span is a guess)."""
        type_ = {"place": "Place", "person": "Person"}.get(kind)
        out = [m for m in self.ctx.mentions_in(start, end) if not (m.start == start and type_)]
        if type_ is None:
            return out
        for m in list(self.ctx.analysis.mentions):
            if m.start < start < m.end <= end and start - m.start <= 30 or m.start == start and m.end <= end:
                out.append(self.ctx.add_mention(start, m.end, self.name_type(self.ctx.text[start:m.end], type_),
                                                source="structure"))
        if not out:
            text = MARKS.sub(lambda m: " " * len(m.group(0)), self.ctx.text[start:end])
            name = re.match(r"\s*((?:[A-Z][\w'’.-]*\s?){1,5})\s*$", text)
            if name and name.group(1).strip().lower() not in NO_VALUE:
                lo, hi = start + name.start(1), start + name.start(1) + len(name.group(1).rstrip())
                out.append(self.ctx.add_mention(lo, hi, self.name_type(self.ctx.text[lo:hi], type_),
                                                source="structure"))
        return out

    @staticmethod
    def name_type(name: str, type_: str) -> str:
        """Country for a country's name, else the field's type."""
        from claimgraph.extract.places_index import is_country

        return "Country" if type_ == "Place" and is_country(name) else type_

    def doc_token(self, char: int) -> Token:
        """The token of the analysed document at a character offset."""
        return doc_token(self.ctx, char)

    def store(self, found: Found, line: Line) -> None:
        """Record a field claim with the value's line as evidence."""
        store_on_line(self.ctx, found, line, self.name)


PARENTHETICAL_MARKS = re.compile(r"\([^()]*\)")
# a field's placeholder for a value it does not know ("Garrison/HQ Unknown"): no name
NO_VALUE = {"unknown", "none", "n/a", "na", "not known", "not applicable", "various", "unclear", "undisclosed"}
