"""based_in read from an organisation's own name or the words right before it.

"the Royal Danish Library", "Turkish Airlines", "University of Alberta", "the Swedish pop group X": the name (or
its description) names the country or place the body belongs to; so does a politician's nationality word for the
party or assembly named right after ("a Norwegian politician for the Labour Party"). Only kinds of institution that sit
where they are named for count (`relations_seated_nouns`); councils, parties and movements, often seated in
exile, do not. The place must be a country (by name or demonym) or a place the document names itself.
"""

from __future__ import annotations

import re

from claimgraph.core.lexicon import alternation
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.extract.places_index import EXTRACTOR, PLACE_TYPES, is_country
from claimgraph.model import Mention

_SEATED_WORDS = alternation("relations_seated_nouns")
_PLACE_NAMED_WORDS = alternation("relations_place_named_nouns")
SEATED = f"(?:{_SEATED_WORDS})"
PLACE_NAMED = re.compile(rf"\b(?:{_PLACE_NAMED_WORDS})s?$", re.I)
# the head noun ends the name ("Royal Danish Library") or comes right before "of" ("University of Connecticut")
HEAD_END = re.compile(rf"\b{SEATED}s?$", re.I)
HEAD_OF = re.compile(rf"\b{SEATED}\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}})$", re.I)
# "the Swedish pop group X", "a Norwegian football club, X": a demonym before the kind, the name right after it
DESCRIBED = re.compile(rf"\b(?P<dem>[A-Z][a-z]+)\s+(?:[\w-]+\s+){{0,2}}?{SEATED}\s*,?\s*$")
_POLITICIAN_WORDS = alternation("relations_politician_nouns")
# "a Norwegian politician for the Labour Party", "a Swedish Christian democratic politician, member of the Riksdag":
# a politician's nationality word names the country of the party or assembly named right after
POLITICIAN = re.compile(rf"\b(?P<dem>[A-Z][a-z]+)\s+(?:[\w-]+\s+){{0,3}}?(?:{_POLITICIAN_WORDS})\s*"
                        r"(?:,\s*(?:a\s+)?(?:former\s+)?member\s+of|for|of|from|with|in)\s+(?:the\s+)?$")
CONFIDENCE = 0.5
# "the American University in Kabul", "the British Council of Pakistan": a place told right after the name is where
# the body sits, whatever the name's own words say
PLACE_AFTER = re.compile(r"^\s+(?:in|of|at)\s+(?:the\s+)?[A-Z]")


def _place_key(ctx: DocContext, name: str) -> str | None:
    """A country named or described by `name`, or a place the document names with exactly that name."""
    country = demonym_country(name)
    if country is not None:
        key = ctx.add_entity(country, "Country")
        ctx.entity(key).aliases.add(name)
        return key
    if is_country(name):
        return ctx.add_entity(name, "Country")
    for key, ent in ctx.analysis.entities.items():
        if ent.type in PLACE_TYPES and ctx.find(key) == key and ent.name == name:
            return key
    return None


def _seat_in_name(ctx: DocContext, name: str) -> str | None:
    """The place an institution's name gives: after its head noun's "of", else a word before the head."""
    hit = HEAD_OF.search(name)
    if hit:
        return _place_key(ctx, hit.group("place"))
    hit = HEAD_END.search(name)
    if hit is None:
        return None
    words = name[:hit.start()].split()
    # a nationality word before the head ("Royal Danish Library", "Turkish Airlines"); a place's own name only
    # before the kinds that stay where they were founded ("Karachi University", not "Sierra Leone Ore Company")
    places_too = PLACE_NAMED.search(name) is not None
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            chunk = " ".join(words[i:i + size])
            if not chunk[:1].isupper():
                continue
            if demonym_country(chunk) is not None:
                return _place_key(ctx, chunk)
            if places_too and (key := _place_key(ctx, chunk)) is not None:
                return key
    return None


def name_seats(ctx: DocContext) -> None:
    """based_in claims from organisations' names and the descriptions right before them."""
    text = ctx.text
    done: set[tuple[str, str]] = set()
    mentions: list[Mention] = sorted(ctx.analysis.mentions, key=lambda m: m.start)
    for m in mentions:
        ent = ctx.entity(m.entity_key)
        if ent.type != "Organization" or "\n" in m.text:
            continue
        org = ctx.find(m.entity_key)
        if PLACE_AFTER.match(text[m.end:m.end + 30]):
            continue
        place = _seat_in_name(ctx, " ".join(text[m.start:m.end].split()))
        if place is None:
            before = text[max(0, m.start - 80):m.start]
            lead = DESCRIBED.search(before) or POLITICIAN.search(before)
            if lead and demonym_country(lead.group("dem")):
                place = _place_key(ctx, lead.group("dem"))
        if place is None or ctx.find(place) == org or (org, ctx.find(place)) in done:
            continue
        done.add((org, ctx.find(place)))
        ctx.add_claim(org, "based_in", place, (m.start, m.end), EXTRACTOR, confidence=CONFIDENCE)
