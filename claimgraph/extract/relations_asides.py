"""Places told in asides and in lists of pairs: "Altamira ( Caracas )", "Los Angeles, California and Detroit, Michigan".

Wordings the gap patterns of `relations` do not read:

* a place named in a bracket right after another name says where that one lies: "an avenue in Altamira ( Caracas )",
  "Angleton, Texas ( United States )", "Haines High School ( Alaska )". A country before the bracket is left alone
  ("Germany ( East Prussia )" names a part of the country, not what holds it), and so is a bracket that holds no
  country, US state or big city (it is mostly another name: "Chukyo Area ( Nagoya Area )"), or one after a list;
* a list of "town, region" pairs: each town lies in the region after it ("offices in Los Angeles, California and
  Detroit, Michigan"). The chain reader skips lists ("France, Germany and Italy"), so the pairs are read here, and
  only where every second name is a country or a US state and no first one is;
* a legislator's seat: "U.S. Representative from Illinois", "a US senator for New York": the state lies in the
  country whose legislature the title names;
* a place whose name ends with its kind, "of", then the place that holds it: "the Kunene Province of southern
  Angola" (a bare "of" only before a country or US state: "the London Borough of Hillingdon" is one name); the kinds
  in the plural before a list: "the U.S. states of Arizona and New Mexico"; "a memorial in the state of Missouri";
* names before their kind in the plural: "the Rhineland - Palatinate and Saarland states of Germany"; an institution
  that stays where it was founded, "at" its town: "the United States Naval Academy at Annapolis";
* a site owned by the town before it: "Tehran 's Central Railway Station";
* a body a sentence defines by its kind and the place that kind is in: "X is a major international medical school in
  Cuba", "X is the largest weekly newspaper in western Pennsylvania".
"""

from __future__ import annotations

import re

from claimgraph.core.lexicon import alternation
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.extract.places_index import ACTOR_TYPES, BIG_CITY, EXTRACTOR, PLACE_TYPES, geo_index, is_country
from claimgraph.extract.relations_spelling import relation_type
from claimgraph.model import Mention

CONFIDENCE = 0.55
OPEN = re.compile(r"^\s*\(\s*$")
CLOSE = re.compile(r"^\s*\)")
LIST_BEFORE = re.compile(r"(?:,|\band|\bor|&)\s*$", re.I)
PAIR_COMMA = re.compile(r"^\s*,\s*$")
PAIR_JOIN = re.compile(r"^\s*(?:,\s*)?(?:and|or|&)\s+$|^\s*,\s*$", re.I)
_PLACE_NOUNS = alternation("claims_relations_place_nouns")
_DIRECTIONS = alternation("claims_relations_directions")
_AREA_KINDS = alternation("relations_area_kinds")
# "the Kunene Province of southern Angola", "the Wrangell Mountains of eastern Alaska": a name that ends with its kind
AREA_NAMED = re.compile(rf"\s(?:{_AREA_KINDS}|{_PLACE_NOUNS})$", re.I)
OF_AREA = re.compile(rf"^\s+of\s+(?:the\s+)?(?:(?:{_DIRECTIONS})\s+)?$", re.I)
# "the U.S. states of Arizona and New Mexico", "the Mexican states of Chihuahua and Sonora"
KINDS_OF = re.compile(rf"^(?:\s*['’]s)?\s+(?:[\w-]+\s+)?(?:{_PLACE_NOUNS})s\s+of\s+(?:the\s+)?$", re.I)
# "a memorial in the state of Missouri": a body in the place the kind names
IN_KIND_OF = re.compile(rf"^\s+in\s+the\s+(?:{_PLACE_NOUNS})\s+of\s+$", re.I)
_ORG_NOUNS = alternation("claims_relations_org_nouns")
# "X is a major international medical school in Cuba", "X is the largest weekly newspaper in western Pennsylvania":
# a definition that ends with the kind of body and the place it is in (nationality words may stand in the kind)
DEFINED_IN = re.compile(rf"^\s*(?:\([^()]{{0,120}}\)\s*){{0,2}},?\s*(?:is|was)\s+(?:a|an|the)\s+(?:[\w'-]+\s+){{0,5}}?"
                        rf"(?:{_ORG_NOUNS})\s+in\s+(?:the\s+)?(?:(?:{_DIRECTIONS})\s+)?$", re.I)
# "the Rhineland - Palatinate and Saarland states of Germany": the names of a list, then their kind and the country
NAMED_KINDS_OF = re.compile(rf"^\s+(?:{_PLACE_NOUNS})s\s+of\s+(?:the\s+)?$", re.I)
_SEATED = alternation("relations_seated_nouns")
# "the United States Naval Academy at Annapolis": an institution that stays where it was founded, "at" its town
SEATED_NAME = re.compile(rf"\s(?:{_SEATED})$", re.I)
AT_PLACE = re.compile(r"^\s+at\s+$")
# "Tehran 's Central Railway Station", "Iraq's Kurdistan Region": a place owned by the place before it
PLACE_OWNED = re.compile(r"^\s*(?:'s|’s)\s+$")
_LEGISLATORS = alternation("relations_legislator_titles")
SEAT_OF_TITLE = re.compile(rf"^\s+(?:{_LEGISLATORS})s?\s+(?:from|for)\s+(?:the\s+)?(?:state\s+of\s+)?$", re.I)


def read_asides(ctx: DocContext, mentions: list[Mention], sent: tuple[int, int]) -> None:
    """Claims of the three wordings above for one sentence's mentions (in text order)."""
    for a, b in zip(mentions, mentions[1:]):
        gap = ctx.text[a.end:b.start]
        if OPEN.match(gap) and CLOSE.match(ctx.text[b.end:b.end + 3]):
            _bracketed(ctx, a, b, sent)
        elif SEAT_OF_TITLE.match(gap):
            _legislature(ctx, a, b, sent)
        elif OF_AREA.match(gap) and AREA_NAMED.search(ctx.entity(a.entity_key).name) \
                and relation_type(ctx, a.entity_key) in PLACE_TYPES and relation_type(ctx, b.entity_key) in PLACE_TYPES \
                and b.source != "norp" and (_region(ctx, b) or gap.split()[-1].lower() not in ("of", "the")):
            # "the London Borough of Hillingdon" is one name: a bare "of" counts before a country or US state only
            _claim(ctx, a, "located_in", b, sent)
        elif PLACE_OWNED.match(gap) and _owned_place(ctx, a, b):
            _claim(ctx, b, "located_in", a, sent)
        elif _body_at(ctx, a, b, gap):
            _claim(ctx, a, "based_in", b, sent)
    _kinds_of(ctx, mentions, sent)
    _named_kinds_of(ctx, mentions, sent)
    _defined_in(ctx, mentions, sent)
    _pair_lists(ctx, mentions, sent)


def _body_at(ctx: DocContext, a: Mention, b: Mention, gap: str) -> bool:
    """'a memorial in the state of Missouri', 'the United States Naval Academy at Annapolis': a body and its seat."""
    if relation_type(ctx, a.entity_key) != "Organization" or relation_type(ctx, b.entity_key) not in PLACE_TYPES \
            or b.source == "norp":
        return False
    return bool(IN_KIND_OF.match(gap) or AT_PLACE.match(gap) and SEATED_NAME.search(ctx.entity(a.entity_key).name))


def _owned_place(ctx: DocContext, owner: Mention, place: Mention) -> bool:
    """True for "Town's Place" naming a site inside a town: no country or US state on either side, no demonym."""
    if owner.source == "norp" or place.source == "norp":
        return False
    if relation_type(ctx, owner.entity_key) not in PLACE_TYPES or relation_type(ctx, place.entity_key) != "Place":
        return False
    # a country's own towns ("Syria's Damascus") are told for emphasis, not to place them: left to the gazetteer
    return not _region(ctx, place) and not _region(ctx, owner)


def _region(ctx: DocContext, m: Mention) -> bool:
    """A country or a US state: what the second name of a "town, region" pair must be."""
    name = ctx.entity(m.entity_key).name
    return relation_type(ctx, m.entity_key) in PLACE_TYPES and (is_country(name) or name.lower() in geo_index().us_states)


def _bracketed(ctx: DocContext, a: Mention, b: Mention, sent: tuple[int, int]) -> None:
    """'Altamira ( Caracas )': the first name lies in (or a body is based in) the bracketed place."""
    ta, tb = relation_type(ctx, a.entity_key), relation_type(ctx, b.entity_key)
    if tb not in PLACE_TYPES or a.source == "norp" or b.source == "norp" or not _holder(ctx, a, b):
        return
    if ta in PLACE_TYPES and not is_country(ctx.entity(a.entity_key).name):
        _claim(ctx, a, "located_in", b, sent)  # "Angleton , Texas ( United States )": a chain, no list
    elif ta == "Organization" and not LIST_BEFORE.search(ctx.text[max(sent[0], a.start - 12):a.start]):
        # "RADIKAL, HURRIYET, DOGAN NEWS AGENCY ( Turkey )": after a list the bracket may tell all of it
        _claim(ctx, a, "based_in", b, sent)


def _holder(ctx: DocContext, inner: Mention, outer: Mention) -> bool:
    """True when the bracketed name can hold the one before it: a country, a US state or a big city, and no bigger city
    before it ("Washington Place ( William Washington House )", "the Chukyo Area ( Nagoya Area )" are other names)."""
    index = geo_index()
    name = ctx.entity(outer.entity_key).name
    if is_country(name) or name.lower() in index.us_states:
        return True
    city = index.cities.get(name.lower())
    if city is None or city[2] < BIG_CITY:
        return False
    rival = index.cities.get(ctx.entity(inner.entity_key).name.lower())
    return rival is None or rival[2] < city[2]


def _legislature(ctx: DocContext, country: Mention, place: Mention, sent: tuple[int, int]) -> None:
    """'U.S. Representative from Illinois': the state lies in the country the title names."""
    if relation_type(ctx, place.entity_key) not in PLACE_TYPES or is_country(ctx.entity(place.entity_key).name):
        return
    key = _country_key(ctx, country)
    if key is not None:
        ctx.add_claim(ctx.find(place.entity_key), "located_in", key, sent, EXTRACTOR, confidence=CONFIDENCE)


def _defined_in(ctx: DocContext, mentions: list[Mention], sent: tuple[int, int]) -> None:
    """'X is a major Turkish school in Y': the body the sentence defines is based in the place its kind is in."""
    names: list[Mention] = []
    for m in mentions:
        # "a Turkish weapons manufacturer": part of the kind; "X ( XA ) is": the bracketed short name is X's
        if m.source != "norp" and not (names and OPEN.match(ctx.text[names[-1].end:m.start])):
            names.append(m)
    for a, b in zip(names, names[1:]):
        if relation_type(ctx, a.entity_key) in ACTOR_TYPES and relation_type(ctx, b.entity_key) in PLACE_TYPES \
                and DEFINED_IN.match(ctx.text[a.end:b.start]):
            _claim(ctx, a, "based_in", b, sent)


def _kinds_of(ctx: DocContext, mentions: list[Mention], sent: tuple[int, int]) -> None:
    """'the U.S. states of Arizona and New Mexico': each place of the list lies in the country before the kind."""
    for i, a in enumerate(mentions[:-1]):
        if not KINDS_OF.match(ctx.text[a.end:mentions[i + 1].start]):
            continue
        country = _country_key(ctx, a)
        if country is None:
            continue
        j = i + 1
        while j < len(mentions) and relation_type(ctx, mentions[j].entity_key) in PLACE_TYPES \
                and mentions[j].source != "norp" and not is_country(ctx.entity(mentions[j].entity_key).name):
            ctx.add_claim(ctx.find(mentions[j].entity_key), "located_in", country, sent, EXTRACTOR,
                          confidence=CONFIDENCE)
            if j + 1 < len(mentions) and PAIR_JOIN.match(ctx.text[mentions[j].end:mentions[j + 1].start]):
                j += 1
                continue
            break


def _named_kinds_of(ctx: DocContext, mentions: list[Mention], sent: tuple[int, int]) -> None:
    """'the Rhineland - Palatinate and Saarland states of Germany': each place of the list lies in the country."""
    for i in range(1, len(mentions)):
        if not NAMED_KINDS_OF.match(ctx.text[mentions[i - 1].end:mentions[i].start]):
            continue
        country = mentions[i]
        if relation_type(ctx, country.entity_key) not in PLACE_TYPES or not is_country(ctx.entity(country.entity_key).name):
            continue
        j = i - 1
        while j >= 0 and relation_type(ctx, mentions[j].entity_key) in PLACE_TYPES and mentions[j].source != "norp" \
                and not is_country(ctx.entity(mentions[j].entity_key).name):
            _claim(ctx, mentions[j], "located_in", country, sent)
            if j == 0 or not PAIR_JOIN.match(ctx.text[mentions[j - 1].end:mentions[j].start]):
                break
            j -= 1


def _country_key(ctx: DocContext, m: Mention) -> str | None:
    """The country a mention names, by name or demonym ('Mexican' -> Mexico)."""
    if m.source == "norp":
        country = demonym_country(m.text)
        if country is None:
            return None
        key = ctx.add_entity(country, "Country")
        ctx.entity(key).aliases.add(m.text)
        return key
    if relation_type(ctx, m.entity_key) in PLACE_TYPES and is_country(ctx.entity(m.entity_key).name):
        return ctx.find(m.entity_key)
    return None


def _pair_lists(ctx: DocContext, mentions: list[Mention], sent: tuple[int, int]) -> None:
    """'Los Angeles, California and Detroit, Michigan': two or more "town, region" pairs joined by and/commas."""
    i = 0
    while i + 3 < len(mentions):
        pairs = []
        j = i
        while j + 1 < len(mentions) and _town_region(ctx, mentions[j], mentions[j + 1]):
            pairs.append((mentions[j], mentions[j + 1]))
            if j + 2 < len(mentions) and PAIR_JOIN.match(ctx.text[mentions[j + 1].end:mentions[j + 2].start]):
                j += 2
                continue
            break
        if len(pairs) >= 2:
            for town, region in pairs:
                _claim(ctx, town, "located_in", region, sent)
            i = j + 2
        else:
            i += 1


def _town_region(ctx: DocContext, town: Mention, region: Mention) -> bool:
    """'Detroit, Michigan': a place that is no region, a comma, then a region."""
    return (relation_type(ctx, town.entity_key) in PLACE_TYPES and not _region(ctx, town) and _region(ctx, region)
            and town.source != "norp" and region.source != "norp"
            and PAIR_COMMA.match(ctx.text[town.end:region.start]) is not None)


def _claim(ctx: DocContext, subj: Mention, predicate: str, obj: Mention, sent: tuple[int, int]) -> None:
    s, o = ctx.find(subj.entity_key), ctx.find(obj.entity_key)
    if s != o:
        ctx.add_claim(s, predicate, o, sent, EXTRACTOR, confidence=CONFIDENCE)


def state_in_part(ctx: DocContext, state: Mention, part: Mention, sent: tuple[int, int]) -> bool:
    """True for a US state said to lie in a smaller place; the town named before the state lies there instead.

    "the city of Angleton, Texas ( United States ) in Brazoria County": no state lies in a county, the town does.
    """
    if ctx.entity(state.entity_key).name.lower() not in geo_index().us_states \
            or is_country(ctx.entity(part.entity_key).name):
        return False
    town = max((m for m in ctx.mentions_in(sent[0], state.start) if m.end <= state.start),
               key=lambda m: m.end, default=None)
    if town is not None and PAIR_COMMA.match(ctx.text[town.end:state.start]) \
            and relation_type(ctx, town.entity_key) in PLACE_TYPES and not _region(ctx, town):
        _claim(ctx, town, "located_in", part, sent)
    return True

