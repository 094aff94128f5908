"""Countries named by their nationality word: "X is a German football club", "the Iraqi city of Mosul".

A demonym in a description names the country of what it describes ("X is a Polish village": located_in Poland;
"X is a German football club": based_in Germany). The places the description goes on to give lie in that country:
"an American rap metal band from Los Angeles, California" (Los Angeles and California in the United States), "a
German seaside resort in Mecklenburg", and the birth and death places of a life's dates before the nationality
("( born 1950 in Youngstown , Ohio ) is an American painter"). A place the gazetteer puts in another country, or a
country of its own, is never moved ("( born 1930 in Berlin ) was an American physicist": Berlin stays German).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.extract.places_index import ACTOR_TYPES, EXTRACTOR, PLACE_TYPES, geo_index, is_country
from claimgraph.extract.relations_spelling import relation_type
from claimgraph.model import Mention

PLACE_NOUN = f"(?:{alternation('claims_relations_place_nouns')})"
ORG_NOUN = f"(?:{alternation('claims_relations_org_nouns')})"
ART = r"(?:(?:a|an|the)\s+)"
# "X is a German football club", "X is a Polish village": the demonym names the country
# ("X ( Empresa Nacional ... ) was a Spanish vehicle manufacturing company": asides after the name are passed over;
# "a Japanese video game development and publishing company": up to five words of the kind, never an "of")
DEMONYM_PHRASE = re.compile(
    rf"^\s*(?:\([^()]{{0,120}}\)\s*){{0,2}}(?:,\s*|\s*(?:is|was|are|were)\s+){ART}(?:[\w'-]+\s+){{0,2}}?"
    rf"(?P<dem>[A-Z][a-z]+)\s+(?:(?!of\s)[\w'-]+\s+){{0,5}}?(?P<noun>{PLACE_NOUN}|{ORG_NOUN})\b")
SEAT_TOLD_AFTER = re.compile(r"^s?\s*,?\s*(?:(?:which|that)\s+is\s+)?(?:(?:now|currently)\s+)?"
                             r"(?:based|headquartered|located|seated|exiled|in\s+exile)\b", re.I)
DEMONYM_OF = re.compile(rf"\b(?:the\s+)?(?P<dem>[A-Z][a-z]+)\s+{PLACE_NOUN}\s+of\s+(?:the\s+)?$")
# "American rap metal band from", "Canadian singer and songwriter from", "German seaside resort in": lower-case words
# of a description after the demonym, then where it comes from (any kind) or lies (a kind of place only)
DESCRIBED_FROM = re.compile(r"^(?P<words>\s+(?:(?:[a-z][\w'-]*|-)\s+){1,7}?)(?:from|based\s+in)\s+(?:the\s+)?$")
DESCRIBED_IN = re.compile(rf"^(?P<words>\s+(?:(?:[a-z][\w'-]*|-)\s+){{0,5}}?{PLACE_NOUN}\s+)(?:in|of)\s+(?:the\s+)?$")
# what opens a definition before the demonym: "X is an American band from", "X , a Canadian singer from"
DEFINING_BEFORE = re.compile(r"(?:\b(?:is|was|are|were)\s+|,\s*)(?:a|an)\s+(?:[\w'-]+\s+){0,2}?$", re.I)
# parts of speech a description's words may have ("the Japanese get their oil from": a clause, no description)
DESCRIPTION_POS = {"NOUN", "ADJ", "PROPN", "CCONJ", "PUNCT", "NUM"}
# a person's dates before the nationality: "( born 3 May 1950 in Youngstown , Ohio ) is an American painter",
# "( 1 May 1890 , Chisinau – 1952 , Prague ) was a Czech writer"
LIFE_ASIDE = re.compile(r"\((?P<aside>[^()]{0,200}\b\d{4}\b[^()]{0,120})\)\s*,?\s*(?:is|was)\s+(?:a|an)\s+"
                        r"(?:[\w'-]+\s+){0,2}?(?P<dem>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
# what ends a chain of places after the first one ("from Los Angeles , California")
CHAIN_COMMA = re.compile(r"^\s*,\s*$")
# "American rap metal band Nimbus Rock", "the South African political party , the ANC", "US magazine Newsweek": a
# nationality or country before a kind of body names the country of the body named next
# ("British intelligence agency , MI6": an apposition after a bare comma is left alone, measured on the dev corpus)
KIND_BEFORE_NAME = re.compile(rf"^(?P<words>\s+(?:(?:[a-z][\w'-]*|-|/)\s+){{0,5}}?){ORG_NOUN}s?\s*(?:,\s*the\s+|the\s+)?"
                              r"[\"“]?\s*$")
# words of a description that tie the body to the country rather than seat it there ("Iranian - backed group X")
TIED_WORDS = words("relations_demonym_tie_words")


def demonym_relations(ctx: DocContext, start: int, end: int, mentions: list[Mention]) -> None:
    """'X is a German football club' -> based_in(X, Germany); 'X is a Polish village' -> located_in.

    Also 'the Iraqi city of Mosul', 'the Canadian province of Alberta' -> located_in, and the places a demonym's
    description and a life's dates give (see the module's docstring).
    """
    for m in mentions:
        lead = DEMONYM_OF.search(ctx.text[max(start, m.start - 60):m.start])
        if lead and demonym_country(lead.group("dem")) and relation_type(ctx, m.entity_key) in PLACE_TYPES:
            demonym_claim(ctx, m, lead.group("dem"), "located_in", (m.start - len(lead.group(0)), m.end))
    for m in mentions[:3]:
        type_ = relation_type(ctx, m.entity_key)
        if type_ not in ACTOR_TYPES | PLACE_TYPES:
            continue
        hit = DEMONYM_PHRASE.match(ctx.text[m.end:end])
        if not hit or demonym_country(hit.group("dem")) is None:
            continue
        if _other_country_told(ctx, m.end + hit.end(), end, hit.group("dem")):
            continue  # "an Iranian political organization based in France": the seat told is where it is
        noun = hit.group("noun").lower()
        is_place_noun = re.fullmatch(PLACE_NOUN, noun) is not None
        if type_ in PLACE_TYPES and not is_place_noun or type_ in ACTOR_TYPES and is_place_noun:
            continue
        predicate = "located_in" if type_ in PLACE_TYPES else "based_in"
        demonym_claim(ctx, m, hit.group("dem"), predicate, (m.start, m.end + hit.end()))
    _described_places(ctx, mentions)
    _life_places(ctx, start, end)
    _kind_before_name(ctx, mentions)


def _other_country_told(ctx: DocContext, start: int, end: int, demonym: str) -> bool:
    """True when the words after a demonym's phrase seat the body in another country ('... based in France')."""
    told = SEAT_TOLD_AFTER.match(ctx.text[start:end])
    if told is None:
        return False
    nxt = min((m for m in ctx.mentions_in(start, min(end, start + told.end() + 30)) if m.start >= start),
              key=lambda m: m.start, default=None)
    if nxt is None or not is_country(ctx.entity(nxt.entity_key).name):
        return False  # "a Chilean research institute based in Curacautin": a town of the country
    return ctx.entity(nxt.entity_key).name.lower() != (demonym_country(demonym) or "").lower()


def demonym_claim(ctx: DocContext, m: Mention, demonym: str, predicate: str, span: tuple[int, int]) -> None:
    """A claim whose object is the country a demonym names (the demonym kept as its alias)."""
    country = demonym_country(demonym)
    if country is None or ctx.entity(m.entity_key).name.lower() == country.lower():
        return
    key = ctx.add_entity(country, "Country")
    ctx.entity(key).aliases.add(demonym)
    ctx.add_claim(ctx.find(m.entity_key), predicate, key, span, EXTRACTOR, confidence=0.55)


def _fold(name: str) -> str:
    """A name without case and accents ('Mediaș' and 'Mediaş' are one town)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.strip().lower()) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _folded_towns() -> dict[str, str]:
    """Folded town and US state names -> ISO code of their country (a name two countries share is left out)."""
    index = geo_index()
    out: dict[str, str] = {}
    for name, (code, _, _) in index.cities.items():
        key = _fold(name)
        out[key] = code if out.get(key, code) == code else ""
    out.update({_fold(name): "US" for name in index.us_states})
    return out


def _gazetteer_country(name: str) -> str | None:
    """ISO code of the country the gazetteer puts a town or US state in, None when it does not know the name."""
    return _folded_towns().get(_fold(name)) or None


def _may_lie_in(ctx: DocContext, m: Mention, demonym: str) -> bool:
    """True when a mention is a place, not a country, that the gazetteer does not put outside the demonym's country."""
    name = ctx.entity(m.entity_key).name
    if relation_type(ctx, m.entity_key) not in PLACE_TYPES or is_country(name) or demonym_country(m.text):
        return False
    known = _gazetteer_country(name)
    return known is None or known == geo_index().country_of(demonym)


def _place_chain(ctx: DocContext, first: Mention, mentions: list[Mention]) -> list[Mention]:
    """'Los Angeles , California': the first place and the places after it one comma apart (a country among them
    is checked by the caller)."""
    chain = [first]
    for m in mentions:
        if m.start <= chain[-1].start:
            continue
        if not CHAIN_COMMA.match(ctx.text[chain[-1].end:m.start]) or relation_type(ctx, m.entity_key) not in PLACE_TYPES:
            break
        chain.append(m)
    return chain


def _described_places(ctx: DocContext, mentions: list[Mention]) -> None:
    """'an American rap metal band from Los Angeles , California': the places lie in the demonym's country."""
    for i, dem in enumerate(mentions):
        if demonym_country(dem.text) is None or is_country(dem.text) or i + 1 >= len(mentions):
            continue
        if not DEFINING_BEFORE.search(ctx.text[max(0, dem.start - 40):dem.start]):
            continue  # "Turkish military forces from Northern Cyprus": no definition, the forces' origin is told
        place = mentions[i + 1]
        gap = ctx.text[dem.end:place.start]
        hit = DESCRIBED_FROM.match(gap) or DESCRIBED_IN.match(gap)
        if hit is None or any(t.pos_ not in DESCRIPTION_POS for t in ctx.doc
                              if dem.end <= t.idx < dem.end + hit.end("words")):
            continue
        _places_in(ctx, dem.text, _place_chain(ctx, place, mentions[i + 2:]), (dem.start, place.end))


def _life_places(ctx: DocContext, start: int, end: int) -> None:
    """'( born 1950 in Youngstown , Ohio ) is an American painter': the places of the dates lie in the country."""
    for hit in LIFE_ASIDE.finditer(ctx.text, start, end):
        dem = hit.group("dem")
        if demonym_country(dem) is None:
            continue
        a, b = hit.start("aside"), hit.end("aside")
        places = [m for m in ctx.mentions_in(a, b) if m.start >= a and m.end <= b
                  and relation_type(ctx, m.entity_key) in PLACE_TYPES]
        _places_in(ctx, dem, places, (hit.start(), hit.end()))


def _places_in(ctx: DocContext, demonym: str, places: list[Mention], span: tuple[int, int]) -> None:
    """located_in(place, the demonym's country) for each place, none when any of them lies elsewhere."""
    if not places:
        return
    country = (demonym_country(demonym) or "").lower()
    others = [p for p in places if is_country(ctx.entity(p.entity_key).name)
              and ctx.entity(p.entity_key).name.lower() != country]
    inside = [p for p in places if p not in others]
    if others or not all(_may_lie_in(ctx, p, demonym) or is_country(ctx.entity(p.entity_key).name)
                         for p in inside):
        return  # "an American band from Toronto , Canada", "( born in Berlin ) was an American": not in the country
    for p in inside:
        if not is_country(ctx.entity(p.entity_key).name):
            demonym_claim(ctx, p, demonym, "located_in", span)


def _kind_before_name(ctx: DocContext, mentions: list[Mention]) -> None:
    """'the Lebanese militant group Hezbollah', 'US magazine Newsweek': the body is based in the country."""
    for i, mod in enumerate(mentions[:-1]):
        body = mentions[i + 1]
        # "Syrian opposition group" may be a mention of its own: its first word is the nationality
        lead = next((w for w in (mod.text, " ".join(mod.text.split()[:2]), mod.text.split()[0])
                     if demonym_country(w) is not None and not is_country(w)), None)
        country = lead is None and ctx.entity(mod.entity_key).type == "Country" \
            and is_country(ctx.entity(mod.entity_key).name)
        if not (lead or country) or relation_type(ctx, body.entity_key) not in ACTOR_TYPES or body.source == "norp":
            continue
        words_from = mod.start + len(lead) if lead else mod.end
        hit = KIND_BEFORE_NAME.match(ctx.text[words_from:body.start])
        if hit is None:
            continue
        words = [t for t in ctx.doc if words_from <= t.idx < words_from + hit.end("words")]
        if any(t.pos_ not in DESCRIPTION_POS or t.lower_ in TIED_WORDS for t in words):
            continue
        if lead:
            demonym_claim(ctx, body, lead, "based_in", (mod.start, body.end))
        elif ctx.find(body.entity_key) != ctx.find(mod.entity_key):
            ctx.add_claim(ctx.find(body.entity_key), "based_in", ctx.find(mod.entity_key), (mod.start, body.end),
                          EXTRACTOR, confidence=0.55)
