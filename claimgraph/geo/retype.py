"""Names a tagger typed as a person or group that the gazetteer and their context show to be places.

A small model often types a town Person or Organization ("in Jaffna", "fled to Tunis"); a name is
retyped Place only when the gazetteer holds it exactly and some mention of it stands where only a
place can (after a preposition of place, "the town of", a movement verb with from/to) and no mention
of it acts as a speaker.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import Gazetteer
from claimgraph.geo.named import marked_division
from claimgraph.geo.resolve import NOT_PLACES, DocPlaces, is_facility, resolve_place
from claimgraph.geo.translit import norm_place

RETYPABLE = ("Person", "Organization", "Group", "Misc", "Other", "Event", "Facility", "Location", "GPE", "Norp")
# an exact alternate name of a hamlet is too weak to overrule a tagger
MIN_POPULATION = 5000
LOOSE_MIN_SCORE = 0.85


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    prepositions, nouns = alternation("geo_place_prepositions"), alternation("geo_place_nouns")
    movements, speech = alternation("geo_movement_verbs"), alternation("geo_speech_verbs")
    objects, origins = alternation("geo_place_object_verbs"), alternation("geo_origin_nouns")
    cardinals, appositions = alternation("geo_cardinal_points"), alternation("geo_apposition_nouns")
    facilities = alternation("geo_facility_nouns")
    # "in X", "north of X", "the capital, X", "rebels captured X"
    preposition = re.compile(rf"\b(?:(?:{prepositions})\s+(?:the\s+)?|"
                             rf"(?:{cardinals})(?:[- ]?(?:east|west))?(?:ern)?\s+of\s+|"
                             rf"(?:{appositions})\s*,\s*|(?:{objects})\s+(?:the\s+)?|"
                             rf"(?:{origins})\s+(?:of|from)\s+)$", re.I)
    # "the town of X", "the villages of Y and X"
    noun_of = re.compile(rf"\b(?:{nouns})\s+of\s+(?:[A-Z][\w'-]*\s+){{0,3}}(?:and\s+)?$|"
                         rf"\b(?-i:[A-Z][\w'-]*\s+)(?:{facilities})\s+of\s+$", re.I)
    movement = re.compile(rf"\b(?:{movements})\b[^.;]{{0,30}}\b(?:from|to)\s+(?:the\s+)?$", re.I)
    speaker = re.compile(rf"^\W{{0,2}}\s*(?:{speech})\b", re.I)
    return preposition, noun_of, movement, speaker


def place_context(text: str, start: int, end: int) -> bool:
    """True when the words around text[start:end] fit a place: 'in X', 'the town of X', 'fled to X', 'X province'."""
    preposition, noun_of, movement, _ = _patterns()
    before = text[max(0, start - 60):start]
    if preposition.search(before) or noun_of.search(before) or movement.search(before):
        return True
    after = text[end:end + 20].lower().split()
    if not after:
        return False
    head = after[0].strip(",.;:")
    # "X province", "Y and X provinces"; "the X bombing" happened in X
    return (head in words("geo_place_nouns") and head != "capital") or (
        head in words("geo_event_nouns") and bool(re.search(r"\bthe\s+$", text[max(0, start - 6):start], re.I)))


def preposition_before(text: str, start: int) -> bool:
    """True when a preposition of place ('in', 'near') stands right before the name."""
    return bool(_patterns()[0].search(text[max(0, start - 40):start]))


def speaker_context(text: str, end: int) -> bool:
    """True when the name is followed by a speech verb ('X said')."""
    return bool(_patterns()[3].match(text[end:end + 20]))


def strong_match(gaz: Gazetteer, name: str) -> bool:
    """True when the gazetteer holds the name exactly as a sizeable town or a province."""
    if norm_place(name) in NOT_PLACES or is_facility([name]):
        return False
    return any(c.name_score >= 0.95 and c.place.kind in ("city", "admin", "region")
               and (c.place.kind != "city" or c.place.population >= MIN_POPULATION)
               for c in gaz.lookup(name))


def loose_match(gaz: Gazetteer, name: str, min_score: float = LOOSE_MIN_SCORE) -> bool:
    """True when a transliteration of the name has one clear reading, with no context at all."""
    if norm_place(name) in NOT_PLACES or is_facility([name]):
        return False
    res = resolve_place(gaz, "", [name], DocPlaces(), min_score)
    return res is not None and res.place.kind in ("city", "admin", "region")


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "\u2019s")


def retype_places(ctx: DocContext, gaz: Gazetteer) -> list[str]:
    """Retype to Place the non-place entities that are gazetteer towns used as places; their keys."""
    by_key: dict[str, list[tuple[int, int]]] = {}
    for m in ctx.analysis.mentions:
        by_key.setdefault(ctx.find(m.entity_key), []).append((m.start, m.end))
    changed: list[str] = []
    for key, spans in by_key.items():
        ent = ctx.analysis.entities[key]
        if ent.type not in RETYPABLE:
            continue
        # "X said" speaks, but in "officials in X said" the speakers are the officials
        if any(speaker_context(ctx.text, e) and not preposition_before(ctx.text, s) for s, e in spans):
            continue
        # "County Armagh", "Wardak Province": the name's own words say it is a place
        marked = any(marked_division(gaz, ctx.text[s:e]) for s, e in spans)
        if not marked and not any(place_context(ctx.text, s, e) for s, e in spans):
            continue
        # the surface form as written (the entity's name may be a longer merged form); a looser
        # spelling needs every mention in a place's position and a reading with a clear lead
        exact = marked or any(strong_match(gaz, ctx.text[s:e]) for s, e in spans)
        if not exact and not (all(place_context(ctx.text, s, e) and not _possessive(ctx.text, e) for s, e in spans)
                              and any(loose_match(gaz, ctx.text[s:e], ctx.settings.geo.min_score)
                                      for s, e in spans)):
            continue
        ent.type = "Place"
        for m in ctx.analysis.mentions:
            if ctx.find(m.entity_key) == key:
                m.type = "Place"
        changed.append(key)
    return changed
