"""The analysis stages: place mentions the text implies, then gazetteer and relative resolution."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import DEMONYMS, Gazetteer, Place
from claimgraph.geo.named import division_spans, named_site_spans, town_site_spans
from claimgraph.geo.parts import part_geo, split_part
from claimgraph.geo.relative import ANCHOR, CITY_OF, Phrase, Sentence, find_phrases, list_head, sentences, unnamed_site
from claimgraph.geo.resolve import (
    SETTLED,
    TRANSLIT_MATCH,
    DocPlaces,
    Resolution,
    is_facility,
    polity_use,
    resolve_country,
    resolve_place,
)
from claimgraph.geo.retype import retype_places
from claimgraph.geo.sites import OWNERS, contained_sites, dateline_sites, place_sites
from claimgraph.geo.solve import Constraint, Estimate, solve
from claimgraph.geo.store import gazetteer_for
from claimgraph.model import Entity, Mention

log = logging.getLogger(__name__)

PLACE_TYPES = ("Place", "Country")
LOCATIVE_POPULATION = 5000  # a town's own name after "in/at/near" is a mention even in a country not named
LOCATIVE_LOOSE = 0.85  # an untagged name after "in/at/near" read as a loose spelling of a town
# verbs that link a place to where it is ("X lies 20 km ...") rather than start a new statement
LINK_LEMMAS = words("geo_link_lemmas")
_LINK_WORDS = words("geo_link_words")
_LOCATIVE_PREPOSITIONS = alternation("geo_locative_prepositions")
# "in X", "fled to X", and verbs whose object is a place ("the convoy reached X")
_PLACE_OBJECT_VERBS = alternation("geo_place_object_verbs")
LOCATIVE = re.compile(rf"\b(?:{_LOCATIVE_PREPOSITIONS}|{_PLACE_OBJECT_VERBS})\s+{CITY_OF}{ANCHOR}")
_CONTAINER_AFTER = re.compile(r"^(?:\s*,\s*(?:in\s+)?|\s+in\s+(?:the\s+)?(?:(?:province|governorate|region)\s+of\s+)?|"
                              r"\s+(?:district|province|county|area)\s+(?:of|in)\s+(?:the\s+)?)")
_DEMONYM_WORD = re.compile(r"(?<!\w)(?:" + "|".join(d.capitalize() for d in DEMONYMS) + r")(?!\w)")
_NOT_NAMES = words("geo_not_names")
_OWNED = words("geo_owned_site_nouns")
_ARTICLE_LEAD = re.compile(r"(?:The|A|An|This|That|These|Those|Its|Their|His|Her)\s+")
# particles that join the words of a romanised name ("Bandar e Rig", "Sistan va Balochistan"); English
# writes none of them between two capitalised words, so a run holding one is a name whatever the tags say
_FOREIGN_JOINS = frozenset(words("geo_name_connectors")) - {"and"}
_ARTICLE_NAME = re.compile(r"^(?:al|el|ol|ul)-[A-Z]")
# "Laar on Monday" typed one organisation: a time the tagger glued onto the name after it
_END_MARKS = frozenset(".!?:;\"'\u201d\u2019)]")
_GLUED_TIME = re.compile(r"\s+(?:on|in|at|last|this|next|since|until|by)\s+(\w+)")


def _gazetteer(ctx: DocContext, given: Gazetteer | None) -> Gazetteer:
    # the stage's own gazetteer when it was built with one (tests), else the process's, loaded once by gazetteer_for
    if given is not None:
        return given
    return gazetteer_for(ctx.settings.store.url, ctx.settings.geo.min_population, ctx.settings.geo.cache_dir)


def place_entities(ctx: DocContext) -> dict[str, Entity]:
    """Representative Place and Country entities of the document."""
    out: dict[str, Entity] = {}
    for key in list(ctx.analysis.entities):
        rep = ctx.find(key)
        ent = ctx.analysis.entities[rep]
        if ent.type in PLACE_TYPES:
            out[rep] = ent
    return out


def entity_names(ent: Entity) -> list[str]:
    """An entity's name first, then its other surface forms."""
    return [ent.name] + sorted(a for a in ent.aliases if a != ent.name)


def doc_countries(ctx: DocContext, gaz: Gazetteer) -> Counter[str]:
    """How often each country is mentioned (by name) in the document."""
    counts: Counter[str] = Counter()
    by_key: dict[str, str | None] = {}
    for m in ctx.analysis.mentions:
        key = ctx.find(m.entity_key)
        if key not in by_key:
            ent = ctx.analysis.entities[key]
            res = resolve_country(gaz, entity_names(ent)) if ent.type in PLACE_TYPES else None
            by_key[key] = res.place.country if res else None
        code = by_key[key]
        if code:
            counts[code] += 1
    # "Iraqi police", "Iranian borders": adjectives place a document as surely as names do
    for dm in _DEMONYM_WORD.finditer(ctx.text):
        counts[DEMONYMS[dm.group(0).lower()]] += 1
    return counts


def _prefix_ends(text: str, start: int, end: int) -> list[int]:
    """End offsets of the word prefixes of text[start:end], longest first."""
    # a prefix ends on a word of the name, never on a particle between two ("Bandar e" of "Bandar e Rig")
    ends = [start + m.end() for m in re.finditer(r"\S+", text[start:end]) if not m.group(0).islower()]
    return ends[::-1]


def _anchor_mention(ctx: DocContext, start: int, end: int) -> Mention | None:
    # the mention of the anchor itself, not a longer one that contains it ("camp near the city of X")
    inside = [m for m in ctx.analysis.mentions if m.type in PLACE_TYPES and m.start >= start and m.end <= end]
    if inside:
        return max(inside, key=lambda m: m.end - m.start)
    m = ctx.mention_at(start, end)
    if m is None or m.type not in PLACE_TYPES or (m.start < start - 25 or m.end > end + 25):
        return None
    return m


def _rejoined(text: str, sents: Iterable[Sentence]) -> Iterator[Sentence]:
    """Sentences with the parser's false breaks undone: a break after no end mark inside one line
    ('in Alsaidabad e' | 'Jajrud said ...') cut a name in two."""
    held: Sentence | None = None
    for sent in sents:
        if held is not None and held.text[-1:] not in _END_MARKS and "\n" not in text[held.end:sent.start]:
            held = Sentence(held.start, sent.end, text[held.start:sent.end])
            continue
        if held is not None:
            yield held
        held = sent
    if held is not None:
        yield held


@dataclass
class GeoMentions:
    """Adds the place mentions relative phrases need: anchors, list-item sites, unnamed camps, 'in Dihok'."""

    name: str = "geo.mentions"
    requires: tuple[str, ...] = ("entities",)
    provides: tuple[str, ...] = ("entities", "places")
    # a gazetteer of the stage's own (tests build small ones); None: the machine's cached gazetteer
    gazetteer: Gazetteer | None = None

    def run(self, ctx: DocContext) -> None:
        """Add missing Place mentions (source 'geo')."""
        gaz = _gazetteer(ctx, self.gazetteer)
        retype_places(ctx, gaz)
        countries = doc_countries(ctx, gaz)
        for sent in sentences(ctx.text, ctx.doc):
            phrases = find_phrases(sent.text, sent.start)
            for p in phrases:
                if (p.anchor_start is not None and p.anchor_end is not None
                        and ctx.mention_at(p.anchor_start, p.anchor_end) is None):
                    self._anchor(ctx, gaz, p)
                if (p.anchor2_start is not None and p.anchor2_end is not None
                        and ctx.mention_at(p.anchor2_start, p.anchor2_end) is None):
                    second = Phrase(p.kind, p.anchor2_start, p.end, p.anchor2_start, p.anchor2_end, p.anchor2_text,
                                    None, None, None, None)
                    self._anchor(ctx, gaz, second)
            if phrases:
                self._subject(ctx, sent, phrases)
        for sent in _rejoined(ctx.text, sentences(ctx.text, ctx.doc)):
            self._locatives(ctx, gaz, sent, countries)
        self._divisions(ctx, gaz)
        self._sites(ctx, gaz)

    def _sites(self, ctx: DocContext, gaz: Gazetteer) -> None:
        """Named sites the tagger missed: 'Dar-ul-Aman road in Kabul', 'a Nairobi bus station'."""
        text = ctx.text
        for start, end, name_end, box in named_site_spans(text):
            lead = _ARTICLE_LEAD.match(text, start, name_end)
            start = lead.end() if lead else start
            if text[name_end - 2:name_end] in ("'s", "\u2019s"):
                continue  # "Hezbollah's base in X": the owner and its site, not a site named after the owner
            other = ctx.mention_at(box, box + 1)
            if (other is None or other.start != box or other.type not in PLACE_TYPES or "\n" in text[start:end]
                    or start >= name_end):
                continue
            over = [m for m in ctx.analysis.mentions if m.start < end and m.end > start]
            if any(m.start < start or m.end > name_end for m in over):
                continue  # a mention reaching past the name is the tagger's reading: keep it
            if text[name_end:end].split()[0].lower() in _OWNED and any(
                    m.type in OWNERS and self._acts_elsewhere(ctx, m) for m in over):
                continue  # "the Hezbollah base in X": the group and the base it owns, not a base named after it
            if over:  # pieces of the name ("Qasr" of "Qasr-ul-Malik") give way to the site
                ctx.analysis.mentions = [m for m in ctx.analysis.mentions if all(m is not o for o in over)]
            ctx.add_mention(start, end, "Place", source="geo")
        for start, end, town_end in town_site_spans(text, gaz):
            if "\n" not in text[start:end] and self._proper(ctx, start, town_end):
                longest = ctx.mention_at(start, end)
                # the town's own mention stays; a site around it is a second place
                if longest is None or (longest.start >= start and longest.end <= town_end):
                    ctx.add_mention(start, end, "Place", source="geo")

    @staticmethod
    def _acts_elsewhere(ctx: DocContext, mention: Mention) -> bool:
        """True when the group of this mention is named elsewhere in the text too: a group the text is about,
        not a name given to a site ('the Evangelos Florakis naval base')."""
        key = ctx.find(mention.entity_key)
        return any(m is not mention and ctx.find(m.entity_key) == key for m in ctx.analysis.mentions)

    @staticmethod
    def _divisions(ctx: DocContext, gaz: Gazetteer) -> None:
        """'the Jammu and Kashmir state', 'County Armagh', 'Pakistani Balochistan': one place, whatever the tagger cut."""
        for start, end in division_spans(ctx.text, gaz):
            if "\n" in ctx.text[start:end]:
                continue
            over = [m for m in ctx.analysis.mentions if m.start < end and m.end > start]
            # a tagger's pieces inside the name ("Jammu", "Kashmir"; the adjective "Pakistani") give way to it;
            # a mention reaching outside it, or one of exactly this span, is left alone
            if any(m.start < start or m.end > end or (m.start == start and m.end == end) for m in over):
                continue
            if over:
                ctx.analysis.mentions = [m for m in ctx.analysis.mentions if all(m is not o for o in over)]
            ctx.add_mention(start, end, "Place", source="geo")

    def _anchor(self, ctx: DocContext, gaz: Gazetteer, p: Phrase) -> None:
        assert p.anchor_start is not None and p.anchor_end is not None and p.anchor_text
        for end in _prefix_ends(ctx.text, p.anchor_start, p.anchor_end):
            text = ctx.text[p.anchor_start:end]
            if text in _NOT_NAMES:
                continue
            if resolve_country(gaz, [text]) is not None:
                ctx.add_mention(p.anchor_start, end, "Country", source="geo")
                return
            if any(c.name_score >= 0.92 for c in gaz.lookup(text, kind="city")):
                ctx.add_mention(p.anchor_start, end, "Place", source="geo")
                return

    def _subject(self, ctx: DocContext, sent: Sentence, phrases: list[Phrase]) -> None:
        first = phrases[0]
        site = unnamed_site(sent.text, first.start - sent.start)
        if site is not None and first.anchor_text:
            noun_start, noun_end = (sent.start + site.start("noun"), sent.start + site.end("noun"))
            if ctx.mention_at(noun_start, noun_end) is None:
                noun = re.sub(r"\s+", " ", site.group("noun").lower())
                relation = ctx.text[first.start:first.anchor_start].strip()
                relation = re.sub(r"\s+the\s+(?:city|town|village|capital)(?:\s+of)?$", "", relation, flags=re.I)
                name = f"{noun} {relation} {first.anchor_text}"
                key = ctx.add_entity(name, "Place")
                ctx.add_mention(noun_start, noun_end, "Place", source="geo", key=key)
                ctx.place_sites.add(key)
                # the bare noun is no name of this place: keep it out of the aliases
                ctx.entity(key).aliases.discard(ctx.text[noun_start:noun_end])
            return
        head = list_head(sent.text)
        if head is not None:
            start, end = sent.start + head[0], sent.start + head[1]
            if ctx.mention_at(start, end) is None and ctx.text[start:end][:1].isupper():
                ctx.add_mention(start, end, "Place", source="geo")

    @staticmethod
    def _romanised(text: str) -> bool:
        """True when a run of two or more capitalised words is joined like a romanised name ('Qasr e Shirin')."""
        parts = text.split()
        if sum(1 for w in parts if w[:1].isupper()) < 2:
            return False
        return any(w in _FOREIGN_JOINS for w in parts[1:-1]) or _ARTICLE_NAME.match(text) is not None

    @staticmethod
    def _whole_name(gaz: Gazetteer, text: str) -> bool:
        """True when a run of two or more words is, as a whole, a town's name or its transliteration ('Per Mahal'
        for Pir Mahal): a tagger that reads one of its words as a common word ('per') does not unmake it."""
        return " " in text and any(c.name_score >= TRANSLIT_MATCH for c in gaz.lookup(text, kind="city"))

    @staticmethod
    def _glued_time(ctx: DocContext, mention: Mention, start: int, end: int) -> bool:
        """True when a mention not typed a place is the run plus a time ('Laar on Monday')."""
        tail = _GLUED_TIME.fullmatch(ctx.text, end, mention.end)
        return (mention.type not in PLACE_TYPES and mention.start == start and tail is not None
                and tail.group(1) in _NOT_NAMES)

    @staticmethod
    def _proper(ctx: DocContext, start: int, end: int) -> bool:
        """True unless a tagger says the words are not a proper name ("in the approach to Spring")."""
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not any(t.tag_ or t.pos_ for t in span):
            return True
        # the capitalised words must be proper nouns; particles and hyphens between them ("Auvers-sur-Oise") may not be
        return all(t.pos_ == "PROPN" for t in span if t.text[:1].isupper())

    def _locatives(self, ctx: DocContext, gaz: Gazetteer, sent: Sentence, countries: Counter[str]) -> None:
        min_score = ctx.settings.geo.min_score
        for m in LOCATIVE.finditer(sent.text):
            start = sent.start + m.start("anchor")
            stop = sent.start + m.end("anchor")
            if ctx.text[stop - 2:stop] in ("'s", "\u2019s"):
                stop -= 2  # "at Madrid's airport": the town is Madrid
            # "in Baghdad Saddam Hussein ...": the longest run of words that names a town
            for end in _prefix_ends(ctx.text, start, stop):
                text = ctx.text[start:end]
                if text in _NOT_NAMES or not (self._proper(ctx, start, end) or self._romanised(text)
                                              or self._whole_name(gaz, text)):
                    continue
                over = [o for o in ctx.analysis.mentions if o.start < end and o.end > start]
                # a mention reaching outside the run, or one of the whole run, is the tagger's reading
                if any((o.start < start or o.end > end or (o.start == start and o.end == end))
                       and not self._glued_time(ctx, o, start, end) for o in over):
                    break
                # exact names of towns in a country the document talks about, or a sizeable town's own
                # name ("headquarters in Auvers-sur-Oise"); else one clear transliteration ("fled to Paqdasht")
                exact = any(c.name_score >= 0.95 and (c.place.country in countries or (
                    c.name_score >= 1.0 and c.place.population >= LOCATIVE_POPULATION))
                    for c in gaz.lookup(text, kind="city"))
                if not exact and (len(text) < 4 or resolve_place(gaz, "", [text], DocPlaces(countries=countries),
                                                                 max(min_score, LOCATIVE_LOOSE)) is None):
                    continue
                if over:  # the tagger's pieces of the name ("Tar" of "Tar Kallaki") give way to it
                    ctx.analysis.mentions = [o for o in ctx.analysis.mentions if all(o is not x for x in over)]
                ctx.add_mention(start, end, "Place", source="geo")
                break


@dataclass
class Located:
    """A subject place and what the text says about where it is."""

    key: str
    constraints: list[Constraint] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GeoResolve:
    """Resolves Place/Country entities to coordinates and adds located_near claims from relative phrases."""

    name: str = "geo.resolve"
    requires: tuple[str, ...] = ("places", "claims")
    provides: tuple[str, ...] = ("places", "claims")
    # a gazetteer of the stage's own (tests build small ones); None: the machine's cached gazetteer
    gazetteer: Gazetteer | None = None

    def run(self, ctx: DocContext) -> None:
        """Set geo and external_ids.geonames on the document's places; add located_near claims."""
        gaz = _gazetteer(ctx, self.gazetteer)
        self._merge_sites(ctx)
        places = place_entities(ctx)
        doc = DocPlaces(countries=doc_countries(ctx, gaz))
        resolved: dict[str, Resolution] = {}
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in ctx.analysis.mentions:
            spans.setdefault(ctx.find(m.entity_key), []).append((m.start, m.end))
        for key, ent in places.items():
            try:
                names = entity_names(ent)
                res = resolve_country(gaz, names) or resolve_country(gaz, names, kind="continent")
            except Exception:  # one bad name never spoils the others
                log.exception("geo: country look-up failed for %r", ent.name)
                continue
            if res is not None:
                resolved[key] = res
        containers = self._containers(ctx, places, resolved)
        cities = {k: e for k, e in places.items() if k not in resolved and not is_facility(entity_names(e))
                  and not polity_use(ctx.text, spans.get(k, []))}
        for _pass_no in (1, 2):
            for key, ent in cities.items():
                try:
                    boxes = [resolved[c].place for c in containers.get(key, []) if c in resolved]
                    res = resolve_place(gaz, key, entity_names(ent), doc, ctx.settings.geo.min_score, boxes)
                except Exception:
                    log.exception("geo: place look-up failed for %r", ent.name)
                    continue
                if res is not None:
                    resolved[key] = res
                else:
                    resolved.pop(key, None)
            # the second pass sees where the first pass put the document's other places; a name whose
            # mentions gave way to a longer one ("Shahrak" of "Shahrak e Mohandese ye Zerai") is no place of the text
            doc.points = [(k, r.place.lat, r.place.lon) for k, r in resolved.items()
                          if r.place.kind == "city" and r.name_score >= 0.95 and k in spans]
        for key, res in resolved.items():
            self._apply(ctx, key, res)
        self._parts(ctx, gaz, {k: e for k, e in places.items() if k not in resolved}, doc)
        self._relative(ctx, resolved)
        place_sites(ctx, gaz)
        contained_sites(ctx, {k: r.place for k, r in resolved.items() if r.place.kind in SETTLED})
        dateline_sites(ctx, gaz, doc.countries)

    @staticmethod
    def _parts(ctx: DocContext, gaz: Gazetteer, unresolved: dict[str, Entity], doc: DocPlaces) -> None:
        """'Northern Cyprus', 'eastern Anbar': a side of a place the gazetteer knows, placed on that side."""
        for key, ent in unresolved.items():
            split = split_part(ent.name)
            if split is None or ent.geo:
                continue
            side, rest = split
            whole = resolve_country(gaz, [rest]) or resolve_place(gaz, key, [rest], doc, ctx.settings.geo.min_score)
            if whole is None or whole.name_score < 0.95:
                continue  # a side of a loosely spelled place is too far from the text to trust
            ent.geo = part_geo(whole, side)
            ent.attrs["part_of"] = whole.place.name

    def _merge_sites(self, ctx: DocContext) -> None:
        """An unnamed site this plugin named that a later stage also recognised is one entity: theirs."""
        sites = ctx.place_sites
        if not sites:
            return
        for m in list(ctx.analysis.mentions):
            if m.source != "geo" or m.entity_key not in sites:
                continue
            for other in ctx.analysis.mentions:
                if (other.source != "geo" and other.type in PLACE_TYPES and other.start <= m.start
                        and other.end >= m.end):
                    ctx.merge(other.entity_key, m.entity_key)
                    break

    def _containers(self, ctx: DocContext, places: dict[str, Entity],
                    countries: dict[str, Resolution]) -> dict[str, list[str]]:
        """'X, Iraq' and 'X in Y': the places a mention says it lies in."""
        out: dict[str, list[str]] = {}
        starts = {m.start: m for m in ctx.analysis.mentions if m.type in PLACE_TYPES}
        for m in ctx.analysis.mentions:
            key = ctx.find(m.entity_key)
            if key not in places:
                continue
            after = _CONTAINER_AFTER.match(ctx.text[m.end:m.end + 40])
            if not after:
                continue
            other = starts.get(m.end + after.end())
            if other is None:
                continue
            okey = ctx.find(other.entity_key)
            comma = "," in after.group(0) and " in " not in after.group(0)
            # a comma list ("Baghdad, Basra and Mosul") is no container; a country after a comma is
            if okey != key and (not comma or okey in countries):
                out.setdefault(key, []).append(okey)
        return out

    def _apply(self, ctx: DocContext, key: str, res: Resolution) -> None:
        ent = ctx.analysis.entities[key]
        ent.geo = res.geo()
        ent.external_ids["geonames"] = str(res.place.geonameid)
        # the gazetteer knows whether a name is a country or a town better than a tagger does
        new_type = "Country" if res.place.kind == "country" else "Place"
        if ent.type != new_type and res.name_score >= 0.95:
            ent.type = new_type
            for m in ctx.analysis.mentions:
                if ctx.find(m.entity_key) == key:
                    m.type = new_type

    def _relative(self, ctx: DocContext, resolved: dict[str, Resolution]) -> None:
        located: dict[str, Located] = {}
        for sent in sentences(ctx.text, ctx.doc):
            phrases = find_phrases(sent.text, sent.start)
            previous: str | None = None
            prev_end = sent.start
            for p in phrases:
                subject = self._subject_of(ctx, sent, p, phrases, previous, prev_end, resolved)
                previous, prev_end = subject, p.end
                if subject is None:
                    continue
                try:
                    self._constrain(ctx, sent, p, subject, resolved, located)
                except Exception:
                    log.exception("geo: relative phrase failed: %r", ctx.text[p.start:p.end])
        for key, loc in located.items():
            res = resolved.get(key)
            if res is not None and res.place.kind != "city":
                continue
            ent = ctx.analysis.entities[key]
            ent.attrs["geo_constraints"] = [c.describe() for c in loc.constraints]
            if res is not None and res.name_score >= 0.95:
                continue  # a town the gazetteer knows by name keeps its own coordinates
            est: Estimate | None = solve(loc.constraints)
            if est is None:
                continue
            ent.geo = {"lat": est.lat, "lon": est.lon, "uncertainty_km": est.uncertainty_km, "method": "relative",
                       "source_id": ctx.analysis.document.doc_id}
            ent.external_ids.pop("geonames", None)

    def _subject_of(self, ctx: DocContext, sent: Sentence, p: Phrase, phrases: list[Phrase], previous: str | None,
                    prev_end: int, resolved: dict[str, Resolution]) -> str | None:
        # "120 km from Baghdad and 40 km from the border": the second phrase describes the same place
        if previous is not None and re.fullmatch(r"[\s,]*(?:and|,)?[\s,]*", ctx.text[prev_end:p.start]):
            return previous
        anchors = {(q.anchor_start, q.anchor_end) for q in phrases}
        anchors |= {(q.anchor2_start, q.anchor2_end) for q in phrases}
        site = unnamed_site(sent.text, p.start - sent.start)
        if site is not None:
            m = ctx.mention_at(sent.start + site.start("noun"), sent.start + site.end("noun"))
            return ctx.find(m.entity_key) if m else None
        head = list_head(sent.text)
        if head is not None:
            m = ctx.mention_at(sent.start + head[0], sent.start + head[1])
            if m is not None and m.type in PLACE_TYPES:
                return ctx.find(m.entity_key)
        def is_country(m: Mention) -> bool:
            res = resolved.get(ctx.find(m.entity_key))
            return res is not None and res.place.kind != "city"

        before = [m for m in ctx.mentions_in(sent.start, p.start)
                  if m.type in PLACE_TYPES and (m.start, m.end) not in anchors and not is_country(m)]
        if not before:
            return None
        m = before[-1]
        if not self._linked(ctx, m.end, p.start):
            return None
        return ctx.find(m.entity_key)

    def _linked(self, ctx: DocContext, start: int, end: int) -> bool:
        """True when the words between a place and a phrase only link the two (no new clause)."""
        between = ctx.text[start:end]
        if len(between) > 90 or ";" in between:
            return False
        span = ctx.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        tokens = list(span) if span is not None else []
        if tokens and any(t.pos_ for t in tokens):
            return not any(t.pos_ == "VERB" and t.lemma_.lower() not in LINK_LEMMAS for t in tokens)
        words = re.findall(r"[A-Za-z]+", between.lower())
        # without a tagger: an apposition after a comma, or only linking words
        return between.lstrip().startswith(",") or all(w in _LINK_WORDS for w in words)

    def _constrain(self, ctx: DocContext, sent: Sentence, p: Phrase, subject: str,
                   resolved: dict[str, Resolution], located: dict[str, Located]) -> None:
        anchor_key: str | None = None
        anchor_place: Place | None = None
        if p.anchor_start is not None and p.anchor_end is not None:
            m = _anchor_mention(ctx, p.anchor_start, p.anchor_end)
            if m is not None:
                anchor_key = ctx.find(m.entity_key)
                res = resolved.get(anchor_key)
                anchor_place = res.place if res else None
        if anchor_key == subject:
            return
        loc = located.setdefault(subject, Located(subject))
        text = ctx.text[p.start:p.end]
        if p.kind in ("distance_border", "on_border"):
            country = p.border_of or (anchor_place.country if anchor_place and anchor_place.kind == "country"
                                      else None)
            if country:
                # "near the border" allows some kilometres; "on the border" none
                distance = p.distance_km if p.distance_km is not None else (15.0 if p.near_border else 0.0)
                loc.constraints.append(Constraint("border", distance_km=distance, country=country, side=p.side,
                                                  anchor_key=anchor_key, text=text,
                                                  extra={"near": p.near_border}))
            return
        if anchor_key is None:
            return
        kind = {"distance_dir": "distance", "distance": "distance", "near": "near", "direction": "direction",
                "between": "between"}[p.kind]
        second_key, second_place = self._second_anchor(ctx, p, resolved)
        if kind == "between":
            if (anchor_place is not None and second_place is not None and anchor_place.kind == "city"
                    and second_place.kind == "city"):
                loc.constraints.append(Constraint(kind, anchor_place.lat, anchor_place.lon,
                                                  max(anchor_place.radius_km, second_place.radius_km),
                                                  anchor_key=anchor_key, text=text, lat2=second_place.lat,
                                                  lon2=second_place.lon))
        elif anchor_place is not None and anchor_place.kind == "city":
            loc.constraints.append(Constraint(kind, anchor_place.lat, anchor_place.lon, anchor_place.radius_km,
                                              p.distance_km, p.direction, anchor_key=anchor_key, text=text))
        qualifiers: dict[str, Any] = {}
        if p.distance_km is not None:
            qualifiers["distance_km"] = int(p.distance_km) if float(p.distance_km).is_integer() else p.distance_km
        if p.direction:
            qualifiers["direction"] = p.direction
        evidence = (sent.start, sent.end)
        if evidence not in loc.evidence:
            loc.evidence.append(evidence)
        if kind == "between":
            qualifiers["relation"] = "between"
        ctx.add_claim(subject, "located_near", anchor_key, evidence, extractor="geo.relative",
                      qualifiers=qualifiers, confidence=0.8)
        if second_key is not None and second_key != subject:
            ctx.add_claim(subject, "located_near", second_key, evidence, extractor="geo.relative",
                          qualifiers=dict(qualifiers), confidence=0.8)

    @staticmethod
    def _second_anchor(ctx: DocContext, p: Phrase,
                       resolved: dict[str, Resolution]) -> tuple[str | None, Place | None]:
        """The second reference place of 'between X and Y', with where it is when known."""
        if p.anchor2_start is None or p.anchor2_end is None:
            return None, None
        m = _anchor_mention(ctx, p.anchor2_start, p.anchor2_end)
        if m is None:
            return None, None
        key = ctx.find(m.entity_key)
        res = resolved.get(key)
        return key, (res.place if res else None)
