"""Document relations between named entities: membership, leadership, where organisations and places are.

Patterns read the words between two neighbouring mentions of a sentence, so they are cheap and
do not depend on the parse: "Vancouver, British Columbia, Canada" (located_in chain), "X, a town
in Y", "X is a village in Y", "the London-based X", "X, headquartered in Y", "Russia's Gazprom",
"Schalke goalkeeper Manuel Neuer", "X, leader of Y", "X (CDU)", "X is a member of Y", and
demonym phrases like "X is a German football club" (the country is named by its adjective).
A second stage (`places_index.PlaceHierarchy`, registered here so that it runs after this one) places
cities in the countries and US states the document also names, from the gazetteer, and closes
located_in/based_in chains; what it adds is reference knowledge, never a claim of the document.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country, demonyms
from claimgraph.extract.entity_rules import ORG_CUES
from claimgraph.extract.places_index import ACTOR_TYPES, EXTRACTOR, PLACE_TYPES, PlaceHierarchy, is_country
from claimgraph.extract.places_index import geo_index as geo_index  # re-exported: tests/test_typing_demonyms.py
from claimgraph.extract.relations_asides import read_asides, state_in_part
from claimgraph.extract.relations_countries import places_in_seat_country
from claimgraph.extract.relations_defs import define_places, retype_named
from claimgraph.extract.relations_demonyms import demonym_relations
from claimgraph.extract.relations_members import PARTY_NAME, party_of_person, role_after_body, role_before_surname
from claimgraph.extract.relations_names import name_seats
from claimgraph.extract.relations_party import party_members
from claimgraph.extract.relations_spelling import joined_names, relation_type
from claimgraph.model import Mention
from claimgraph.plugins import hookimpl
from claimgraph.resolve.names import is_acronym

MODIFIER_TYPES = {"Place", "Country", "Group"}  # names that may stand between two related names

# word families of the gap patterns, as regex alternations (longest entry first)
_PLACE_NOUNS = alternation("claims_relations_place_nouns")
_ORG_NOUNS = alternation("claims_relations_org_nouns")
_LEADER_ROLES = alternation("claims_relations_leader_roles")
_MEMBER_ROLES = alternation("claims_relations_member_roles")
_DIRECTIONS = alternation("claims_relations_directions")
_AREA_PARTS = alternation("claims_relations_area_parts")
_LED_BY_VERBS = alternation("claims_relations_led_by_verbs")
_PART_NOUNS = alternation("claims_relations_part_nouns")
_NOT_OWNED_WORDS = alternation("claims_relations_not_owned_words")
# nouns for settlements and areas in "X, a town in Y" / "X is a village in Y"; kinds of organisation; roles
PLACE_NOUN = f"(?:{_PLACE_NOUNS})"
ORG_NOUN = f"(?:{_ORG_NOUNS})"
LEADER_ROLE = f"(?:{_LEADER_ROLES})"
MEMBER_ROLE = f"(?:{_MEMBER_ROLES})"
# "Huambo in central Angola", "Foix, northeastern Spain"
DIRECTION = f"(?:{_DIRECTIONS})"
_PART_KINDS = alternation("relations_part_kinds")
_AREA_KINDS = alternation("relations_area_kinds")  # "the Paris neighbourhood of X"
ROLE = f"(?:{LEADER_ROLE}|{MEMBER_ROLE})"
LEADER_ONLY = re.compile(rf"^{LEADER_ROLE}$", re.I)
MODS = r"(?:[\w.'-]+\s+){0,3}?"  # up to three modifiers ("a small fishing")
# the same, never a word of nearness: "X is near the city of Y", "X, close to the town of Y" lie outside Y
NEAR_FREE_MODS = r"(?:(?!(?:near|close|outside|beyond|off|from|away|across)\b)[\w.'-]+\s+){0,3}?"
LONG_MODS = r"(?:[\w.'-]+\s+){0,6}?"  # "a comprehensive four - year public high school located in"
ART = r"(?:(?:a|an|the)\s+)"
# modifiers before the second name ("the Athens newspaper \"", "the extra - parliamentary")
TAIL = r"(?:[\w\"“”'’-]+(?:\s+-\s+[\w-]+)?\s+){0,2}?"
# "director of the independent research organization X": a description that ends with the kind of body
KIND_TAIL = rf"(?:[\w\"“”'’-]+\s+){{0,4}}?{ORG_NOUN}\s+"
ROLE_TAIL = f"(?:{KIND_TAIL}|{TAIL})"
BE = r"(?:is|was|became|remains|has been|had been)"  # "X had been chief executive of Y"
# what opens a description of the name before it: "X , a", "X is a", "the Ducks ( ... ) are a", "X , are a"
DEFINED_AS = r"(?:,\s*(?:(?:are|were)\s+)?|\s+(?:is|was|are|were)\s+)"

# gap between mention A and mention B -> predicate, direction ("fwd": A is the subject), types of A, types of B
GAP_PATTERNS: list[tuple[re.Pattern[str], str, str, set[str], set[str]]] = [
    # "Mediaș, a town in Transylvania" / "X is a village in the Y district of Z" / "X is a village in the
    # administrative district of Y" / "a town in the far northeastern part of the Y"
    (re.compile(rf"^\s*(?:,\s*|\s+(?:is|was|lies|remains)\s+){ART}?{NEAR_FREE_MODS}{PLACE_NOUN}\s+(?:\w+\s+){{0,2}}"
                rf"(?:in|of|within)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:(?:[\w-]+\s+){{1,2}}?of\s+(?:the\s+)?)?$",
                re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "X is located in Y", "X, situated in the north of Y"
    (re.compile(r"^\s*(?:,\s*|\s+(?:is|was|are)\s+)(?:located|situated)\s+(?:in|on)\s+(?:the\s+)?"
                rf"(?:(?:{_AREA_PARTS})\w*\s+(?:of\s+)?)?(?:the\s+)?$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "the reservoir lies in Y", "the creek flows through Y", "the trail runs through the north of Y"
    (re.compile(rf"^\s+(?:lies|lay|sits|flows|flowed|runs|ran)\s+(?:entirely\s+|wholly\s+|mostly\s+)?"
                rf"(?:in|within|through)\s+(?:the\s+)?(?:(?:{DIRECTION})\s+(?:of\s+)?)?(?:the\s+)?$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "the Kansai region in Japan": the kind of place after the name, then where it lies ("the Yangtze river in
    # Wuhan" is a stretch of a river that runs through more places, no river inside the town)
    (re.compile(rf"^\s+(?!(?:river|stream|creek)s?\s){PLACE_NOUN}\s+in\s+(?:the\s+)?$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "Lorraine , now part of France", "X and Y , all part of Z Province", "X is part of the Y region"
    (re.compile(r"^\s*(?:,\s*(?:now\s+|all\s+|both\s+)?|\s+(?:is|was|are|were)\s+(?:now\s+)?)part\s+of\s+(?:the\s+)?$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "Huambo in central Angola", "Leytonstone in east London"
    (re.compile(rf"^\s+in\s+(?:the\s+)?(?:(?:{DIRECTION}|upper|lower|rural)\s+)?$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "Lake Ewauna in the city of Klamath Falls", "a manor in the nearby village of Klutz": the kind, then the name
    (re.compile(rf"^\s+in\s+the\s+(?:(?:nearby|neighbouring|neighboring|{DIRECTION})\s+)?{PLACE_NOUN}\s+of\s+$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "the Paris neighbourhood of Belleville": a part of the first place; "the Boston suburb of Quincy": near it
    (re.compile(rf"^\s+(?:{_PART_KINDS})\s+of\s+(?:the\s+)?$", re.I),
     "located_in", "inv", PLACE_TYPES, PLACE_TYPES),
    (re.compile(r"^\s+suburbs?\s+of\s+(?:the\s+)?$", re.I), "located_near", "inv", PLACE_TYPES, PLACE_TYPES),
    # "the Lazio region of central Italy", "the Nineveh province of Iraq": an area named before its kind
    (re.compile(rf"^\s+{PLACE_NOUN}\s+of\s+(?:the\s+)?(?:{DIRECTION}\s+)?$", re.I),
     "located_in", "fwd", PLACE_TYPES, PLACE_TYPES),
    # "Paisley Park Studios in Minnesota", "the University of Rostock in Germany"
    (re.compile(r"^\s+in\s+(?:the\s+)?$"), "based_in", "fwd", {"Organization"}, PLACE_TYPES),
    # "X, a company based in Y", "X is an American record label based in Y", "X is a school located in the city of Y"
    (re.compile(rf"^\s*{DEFINED_AS}{ART}?{LONG_MODS}(?:{ORG_NOUN}\s+)?(?:\w+\s+)?(?:based|located)\s+in\s+"
                rf"(?:the\s+)?(?:{PLACE_NOUN}\s+of\s+(?:the\s+)?)?$", re.I),
     "based_in", "fwd", ACTOR_TYPES, PLACE_TYPES),
    # "X is a political party in Y", "X, a militant group in Y": the kind of body, then where it is
    (re.compile(rf"^\s*{DEFINED_AS}{ART}(?:[\w'-]+\s+){{0,5}}?{ORG_NOUN}\s+in\s+(?:the\s+)?$", re.I),
     "based_in", "fwd", ACTOR_TYPES, PLACE_TYPES),
    # "X is a football club from Y", "Liverpool Medical Institution, in Liverpool": the place after a pause
    (re.compile(rf"^\s*{DEFINED_AS}{ART}?{MODS}{ORG_NOUN}\s+from\s+(?:the\s+)?$", re.I),
     "based_in", "fwd", ACTOR_TYPES, PLACE_TYPES),
    (re.compile(r"^\s*,\s*in\s+(?:the\s+)?$"), "based_in", "fwd", {"Organization"}, PLACE_TYPES),
    # "X, headquartered in Y", "X has its headquarters in Y", "X ... with headquarters in Y"
    (re.compile(rf"^\s*(?:,\s*|\s+(?:is|was)\s+)?(?:{ART}?{MODS}{ORG_NOUN}\s+)?(?:(?:which|that)\s+(?:is|was)\s+)?"
                r"(?:headquartered|head-quartered|based)\s+in\s+(?:the\s+)?$", re.I),
     "headquarters_in", "fwd", ACTOR_TYPES, PLACE_TYPES),
    (re.compile(r"^\s*(?:,\s*)?(?:which\s+|that\s+)?(?:has|had|have)\s+(?:its|their)\s+(?:headquarters|head office"
                r"|main office|seat)\s+in\s+(?:the\s+)?$", re.I),
     "headquarters_in", "fwd", ACTOR_TYPES, PLACE_TYPES),
    # "the London-based Institute", "a Beirut - based group"
    (re.compile(r"^\s*-\s*based\s+(?:[\w'-]+\s+){0,3}?$", re.I), "based_in", "inv", PLACE_TYPES, ACTOR_TYPES),
    # "X, a member of Y", "X is a member of the Y", "X joined Y", "X, who joined Y in 1999"
    (re.compile(rf"^\s*(?:,\s*|\s+(?:is|was|became|remains|has been)\s+){ART}?{MODS}(?:member|members)\s+of\s+"
                r"(?:the\s+)?$", re.I),
     "member_of", "fwd", {"Person", "Organization", "Country", "Group"}, {"Organization", "Group"}),
    (re.compile(r"^\s*(?:,\s*who\s+)?\s*(?:joined|rejoined)\s+(?:the\s+)?$", re.I),
     "member_of", "fwd", {"Person"}, {"Organization"}),
    # "X, leader of Y", "X, the head of the Y", "X, who heads Y", "X is the chairman of Y"
    (re.compile(rf"^\s*(?:,\s*(?:who\s+{BE}\s+)?|\s+{BE}\s+){ART}?(?:[\w'-]+\s+){{0,2}}?{LEADER_ROLE}\s+"
                rf"(?:of|at)\s+(?:the\s+)?{ROLE_TAIL}$", re.I),
     "leader_of", "fwd", {"Person"}, {"Organization", "Group"}),
    (re.compile(r"^\s*(?:,\s*who\s+|\s+)(?:heads|headed|leads|led|chairs|chaired)\s+(?:the\s+)?$",
                re.I),
     "leader_of", "fwd", {"Person"}, {"Organization", "Group"}),
    # "the group, led by X", "Y is headed by X", "Y, which was commanded by X": the leader after "by"
    (re.compile(r"^\s*(?:,\s*)?(?:(?:which|that)\s+)?(?:(?:is|was|has\s+been|had\s+been)\s+)?(?:(?:now|then|still)\s+)?"
                rf"(?:{_LED_BY_VERBS})\s+by\s+(?:the\s+)?$", re.I),
     "leader_of", "inv", {"Organization", "Group"}, {"Person"}),
    # "the Labour Party under X", "the front and its leader X"
    (re.compile(r"^\s+under\s+(?:the\s+leadership\s+of\s+)?$", re.I), "leader_of", "inv", {"Organization", "Group"},
     {"Person"}),
    (re.compile(rf"^\s*,?\s*and\s+its\s+(?:[\w-]+\s+)?{LEADER_ROLE}\s*,?\s*$", re.I), "leader_of", "inv",
     {"Organization", "Group"}, {"Person"}),
    # "X took control of Y", "X assumed the leadership of Y"
    (re.compile(r"^\s*(?:,\s*who\s+|\s+)(?:took|seized|assumed|took\s+over)\s+(?:the\s+)?(?:control|leadership"
                r"|command)\s+of\s+(?:the\s+)?$", re.I),
     "leader_of", "fwd", {"Person"}, {"Organization", "Group"}),
    # "X, a member/spokesman of Y", "X of the Y party" (member), "X, a lawmaker for the Y"
    (re.compile(rf"^\s*(?:,\s*(?:who\s+{BE}\s+)?|\s+{BE}\s+){ART}?(?:[\w'-]+\s+){{0,2}}?{MEMBER_ROLE}\s+"
                rf"(?:[\w-]+\s+){{0,4}}?(?:of|for|at|with|from)\s+(?:the\s+)?{ROLE_TAIL}$", re.I),
     "member_of", "fwd", {"Person"}, {"Organization", "Group"}),
    # "Ana Ruiz of the Greens", "Rob Baker of The Tragically Hip" (the article is part of the name)
    (re.compile(r"^\s+of\s+(?:the\s+)?$", re.I), "member_of", "fwd", {"Person"}, {"Organization"}),
    (re.compile(r"^\s*\(\s*(?:of|from)\s+(?:the\s+)?$", re.I), "member_of", "fwd", {"Person"}, {"Organization"}),
    # "Ana Ruiz of the Chilean folk band Los Andes": the kind of body, then its name
    (re.compile(rf"^\s+of\s+the\s+(?:[\w'-]+\s+){{0,3}}?{ORG_NOUN}\s+$", re.I), "member_of", "fwd", {"Person"},
     {"Organization"}),
    # "Ana Ruiz, of the anti-poverty network Oxfam": a person's organisation in an aside
    (re.compile(r"^\s*,\s*(?:of|from)\s+the\s+(?:[\w\"“”'-]+\s+){0,4}?$", re.I), "member_of", "fwd", {"Person"},
     {"Organization"}),
    # "X (CDU)": the bracket after a person's name gives the party
    (re.compile(r"^\s*\(\s*$"), "member_of", "fwd", {"Person"}, {"Organization", "Person", "Group"}),
    # "Schalke goalkeeper Manuel Neuer", "CDU politician X", "Hamas leader X", "Adidas CEO X"
    (re.compile(rf"^\s*(?:'s\s+|’s\s+)?(?:[\w'-]+\s+){{0,2}}?{ROLE}s?\s+$", re.I),
     "role", "inv", {"Organization", "Group"}, {"Person"}),
]
# "Schalke goalkeeper", "Hamas leader": the gap of the role pattern (the last GAP_PATTERNS row); a role after a name
ROLE_GAP = GAP_PATTERNS[-1][0]
ROLE_AFTER = re.compile(rf"^\s+(?P<role>(?:[\w-]+\s+)?{ROLE})s?\b", re.I)
# 'Defense ministry spokesman X', 'Interior department official X': the name before the noun is part of an unnamed
# body's description, so X is no member of what the name alone stands for
BODY_NOUNS = {"ministry", "department", "office", "directorate", "agency", "embassy", "court", "council", "committee"}
# words that date a role or say how it is held, not which part it heads ('ex-leader', 'acting chief')
TIME_OF_ROLE = {"ex", "former", "late", "new", "acting", "interim", "top", "then", "current"}
ROLE_ONLY = re.compile(rf"(?:{ROLE}\s+)*{ROLE}", re.I)
GROUP_NOUNS = words("entity_group_nouns")
# "the head of the SSC, Mohammed Suweysi, said": the role before an organisation a name in apposition follows
# "the head of the ministry's ordnance department": the role is in a part the organisation owns, not at its top
PART_AFTER = re.compile(rf"^\s*(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}?(?:{_PART_NOUNS})\b",
                        re.I)
# "Jundallah's ex-leader, Abdul Malik Rigi": a role the organisation owns, the person's name in apposition
POSSESSIVE_APPOSITION = re.compile(rf"^\s*(?:'s|’s)\s+(?P<role>(?:[\w-]+\s+){{0,2}}?(?:(?:ex|former)-)?{ROLE})\s*,\s*$",
                                   re.I)
ROLE_BEFORE = re.compile(rf"\b(?P<role>{ROLE})\s+(?:of|at|for)\s+(?:the\s+)?$", re.I)
# "shot dead a member of the PSNI in Craigavon": the place after a person's body says where the person was
_FORCE_MEMBERS = alternation("relations_force_member_nouns")
PERSON_OF_BEFORE = re.compile(rf"\b(?:{_FORCE_MEMBERS})s?\s+(?:of|from|with)\s+(?:the\s+)?$", re.I)
APPOSITION_END = re.compile(r"^\s*(?:[,.;:)]|(?:said|says|told|added)\b)")
BASED_AFTER = re.compile(r"^\s*-\s*based\b", re.I)
AT_ORG = re.compile(r"^\s+at\s+(?:the\s+)?$", re.I)
# "Talipao, a known Abu Sayyaf lair", "Kandahar, the Taliban's heartland": the place is a seat of the body named
SEAT_BEFORE = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:(?:known|notorious|main|key|former|traditional)\s+)?$", re.I)
SEAT_AFTER = re.compile(r"^(?:\s*['’]s)?\s+(?:stronghold|lair|hideout|bastion|heartland|redoubt|sanctuary|haven)s?\b",
                        re.I)
# "Russia's Gazprom", "Germany's Social Democrats", "France 's far - right National Front", "Germany 's \" BfV":
# an organisation owned by a place (a spaced hyphen joins two words, a quote may open the name)
POSSESSIVE = re.compile(
    rf"^\s*(?:'s|’s|')\s*(?:(?!(?:{_NOT_OWNED_WORDS})\s)[\w-]+(?:\s+-\s+[\w-]+)?\s+){{0,2}}?(?:[\"“]\s*)?$", re.I)
# "Vancouver, British Columbia", "Gmina Kolno, within Kolno County, in north-eastern Poland", "Foix, northeastern Spain"
# "Vestland county , Norway": the kind of area after a name is part of it
COMMA = re.compile(rf"^(?:\s+(?:{_AREA_KINDS}))?\s*,\s*(?:(?:within|in)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?|{DIRECTION}\s+)?$", re.I)
PARENTHETICAL = re.compile(r"\s*\([^()]{0,80}\)")
# verbs whose subject becomes a member of their object: "he joined the Greens", "played for Schalke"
JOIN_VERBS = {"join": None, "rejoin": None, "play": "for", "sign": "for", "captain": None}
JOIN_WORD = re.compile(r"\b(join|rejoin|play|sign|captain)", re.I)
SUBJECT_PRONOUNS = {"he", "she"}
COMMA_ONLY = re.compile(r"\s*,\s*")
OF_COUNTRY = re.compile(r"^\s+of\s+(?:the\s+)?$")
# "340 miles from Lima, in the Ayacucho region": after a distance from a place, ", in Y" says where the deed was
DISTANCE_FROM = re.compile(r"\b(?:miles|km|kilometres|kilometers|metres|meters)\b[^.;]{0,40}\bfrom\s+[^,.;]{0,40}$",
                           re.I)
# "the U.S. state of Michigan", "Peru's capital of Lima": the kind of place after the outer one, then the inner one
OUTER_KIND_OF = re.compile(rf"^(?P<poss>\s*(?:'s|’s))?\s+{PLACE_NOUN}\s+of\s+$", re.I)
COMMA_IN = re.compile(r"^\s*,\s*(?:within|in)\b", re.I)
KIND_OF_AFTER = re.compile(rf"^\s+{PLACE_NOUN}\s+of\s+$", re.I)
# "X is one of Tanzania's 31 administrative regions": X is one of the places the country is made of
ONE_OF = re.compile(r"^\s*(?:,\s*|\s+(?:is|was)\s+)one\s+of\s+(?:the\s+)?$", re.I)
ONE_OF_KINDS = re.compile(rf"^\s*(?:'s|’s)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PLACE_NOUNS})s?\b", re.I)
_RANK_WORDS = alternation("relations_rank_words")
RANKED_AFTER = re.compile(rf"^\s*(?:'s|’s)\s+(?:(?:second|third)\s*-?\s*)?(?:{_RANK_WORDS})\b", re.I)
# what may follow a body's seat named after a comma: the clause ends, or goes on in lower case ("..., which")
SEAT_END = re.compile(r"^\s*(?:[.;:()]|,\s+[a-z])")  # "..., Alaska ( March 2010 )"
# "..., Minnesota and the sound was new": a clause goes on after "and" ("Gaza and the West Bank", "Arsenal, Olympiacos,
# and reigning champions Montpellier" are lists)
AND_CLAUSE = re.compile(r"^\s+(?:and|or)\s+(?!the\s+[A-Z])[a-z]")
LIST_AFTER = re.compile(r"^\s*,?\s*(?:and|or|as well as|&)\s+(?:the\s+)?", re.I)
LIST_TAIL = re.compile(r"^\s*,\s*(?:[A-Z][\w.'-]*\s+){1,3}(?:and|or)\s+[A-Z]")
# role words of a team ("Dortmund coach X"): a town's name before them names the town's club
TEAM_ROLES = words("relations_team_roles")


def _sentence_mentions(ctx: DocContext, start: int, end: int) -> list[Mention]:
    """Mentions of a sentence in text order, nested and repeated spans dropped (the longest is kept)."""
    out: list[Mention] = []
    for m in sorted(ctx.mentions_in(start, end), key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _nationality_word(m: Mention) -> bool:
    """True for a nationality adjective the tagger read as a group ('German', 'Palestinian'), not for 'Hamas'."""
    return m.source == "norp" and (demonym_country(m.text) is not None or m.text.strip() in demonyms())


class DocumentRelations:
    """member_of, leader_of, based_in, headquarters_in and located_in from the words between mentions."""

    name = "relations.patterns"
    requires = ("entities", "claims")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Read each sentence's neighbouring mentions and the gaps between them."""
        text = ctx.text
        retype_named(ctx)  # "the rock band X", "Durg , Madhya Pradesh": names the tagger read as people
        name_seats(ctx)
        for sent in ctx.doc.sents:
            mentions = joined_names(ctx, _sentence_mentions(ctx, sent.start_char, sent.end_char))
            party_members(ctx, sent)  # "X was elected as a Democrat"
            define_places(ctx, sent.start_char, mentions)
            demonym_relations(ctx, sent.start_char, sent.end_char, mentions)
            if JOIN_WORD.search(sent.text):
                self._joins(ctx, sent)
            if len(mentions) < 2:
                continue
            self._chains(ctx, mentions, sent.end_char)
            read_asides(ctx, mentions, (sent.start_char, sent.end_char))
            for i, a in enumerate(mentions):
                # the next name, or the one after a place or demonym in between ("of the German Chamber")
                tried, j = 0, i + 1
                while tried < 2 and j < len(mentions):
                    b, j = mentions[j], j + 1
                    raw = text[a.end:b.start]
                    # "X ( 1923 – 2012 ) was a politician for Y": asides do not separate X from what follows
                    gap = PARENTHETICAL.sub("", raw)
                    if len(gap) > 80 or "\n" in gap.strip(" "):
                        break
                    if self._pair(ctx, a, b, gap, (sent.start_char, sent.end_char)):
                        break
                    if raw.count("(") > raw.count(")"):
                        continue  # "X ( Punjabi , ) is a city in Y": a name inside the aside is passed over
                    tried += 1
                    if relation_type(ctx, b.entity_key) not in MODIFIER_TYPES:
                        break
        # "a Norwegian club from Fyllingsdalen": the seat lies in the country (before the chains are closed)
        places_in_seat_country(ctx, ctx.analysis.claims)

    # ------------------------------------------------------------ patterns
    def _pair(self, ctx: DocContext, a: Mention, b: Mention, gap: str, sent: tuple[int, int]) -> bool:
        """Claims for one pair of names from the words between them; True when a pattern fired."""
        ta, tb = relation_type(ctx, a.entity_key), relation_type(ctx, b.entity_key)
        if "\n" in ctx.entity(a.entity_key).name or "\n" in ctx.entity(b.entity_key).name:
            return False  # a name run across a line break is a tagging error
        if _nationality_word(a) or _nationality_word(b):
            # "German Chancellor X", "the president of the German Chamber": the adjective names no party
            # of the relation; the name after it is tried next
            return False
        if any(t == "Person" and ROLE_ONLY.fullmatch(ctx.entity(m.entity_key).name) for t, m in ((ta, a), (tb, b))):
            return False  # "the Secretary of the Treasury": a title the tagger read as a person names nobody
        if ta in PLACE_TYPES and tb == "Person" and self._team_role(ctx, a, b, gap, sent):
            return True
        owned = POSSESSIVE_APPOSITION.match(gap)
        if owned and ta in ACTOR_TYPES and tb == "Person" and APPOSITION_END.match(ctx.text[b.end:b.end + 12]):
            self._person_role(ctx, b, a, owned.group("role").replace("-", " "), sent)
            return True
        if POSSESSIVE.match(gap) and b.text[:1].isupper():  # "Russia's Gazprom", not "US's support for the group"
            if ta in PLACE_TYPES and tb in ACTOR_TYPES:
                self._claim(ctx, b, "based_in", a, sent, 0.6)
                return True
            if ta in ACTOR_TYPES and tb == "Person":
                role = gap.strip(" '’s")
                self._person_role(ctx, b, a, role, sent)
                return True
        if ta == "Person" and tb in ACTOR_TYPES and party_of_person(ctx, a, b, gap):
            self._claim(ctx, a, "member_of", b, sent, 0.55)  # "Merkel 's Christian Democratic Union"
            return True
        after_role = role_after_body(ctx, b, gap, ROLE_AFTER) if ta == "Person" and tb in ACTOR_TYPES else None
        if after_role:  # "Sevim Kaya , a Left Party lawmaker"
            self._person_role(ctx, a, b, after_role, sent)
            return True
        role_gap = role_before_surname(gap, b, ROLE_GAP) if ta in ACTOR_TYPES and tb == "Person" else None
        if role_gap:  # "Gazprom CEO Alexei Miller": the tagger kept the surname only
            self._person_role(ctx, b, a, role_gap.strip(" '’s"), sent)
            return True
        if ta in ACTOR_TYPES and tb == "Person" and re.fullmatch(r"\s*,\s*", gap):
            lead = ROLE_BEFORE.search(ctx.text[max(sent[0], a.start - 50):a.start])
            if lead and APPOSITION_END.match(ctx.text[b.end:b.end + 12]):
                self._person_role(ctx, b, a, lead.group("role"), sent)
                return True
        if ta in PLACE_TYPES and tb in ("Organization", "Group") and SEAT_BEFORE.match(gap) \
                and SEAT_AFTER.match(ctx.text[b.end:b.end + 24]) and b.source != "norp":
            self._claim(ctx, b, "has_base", a, sent, 0.6)
            return True
        if ta == "Organization" and tb == "Country" and OF_COUNTRY.match(gap) and len(a.text.split()) == 1:
            # "OMV of Austria, MOL of Hungary": a one-word body told by its country ("the National Council of
            # Resistance of Iran" is a longer name whose country says what it stands for, not where it sits)
            self._claim(ctx, a, "based_in", b, sent, 0.55)
            return True
        if ta == "Organization" and tb in PLACE_TYPES and COMMA_ONLY.fullmatch(gap) \
                and RANKED_AFTER.match(ctx.text[b.end:b.end + 60]):
            # "Tabcorp, Australia's largest bookmaker": a body ranked among a place's own is based there
            self._claim(ctx, a, "based_in", b, sent, 0.55)
            return True
        if ta == "Organization" and tb in PLACE_TYPES and COMMA_ONLY.fullmatch(gap):
            seats = self._seat_after_comma(ctx, a, b, sent)
            for seat in seats:  # "Blue Harbour Studios, Austin, Texas": in the town and in the state
                self._claim(ctx, a, "based_in", seat, sent, 0.55)
            return bool(seats)
        kind_of = OUTER_KIND_OF.match(gap) if ta in PLACE_TYPES and tb in PLACE_TYPES else None
        if kind_of and (kind_of.group("poss") or is_country(ctx.entity(a.entity_key).name)) \
                and not is_country(ctx.entity(b.entity_key).name):
            self._claim(ctx, b, "located_in", a, sent, 0.6)
            return True
        if ta in PLACE_TYPES and tb in PLACE_TYPES and ONE_OF.match(gap) \
                and ONE_OF_KINDS.match(ctx.text[b.end:b.end + 60]):
            self._claim(ctx, a, "located_in", b, sent, 0.6)
            return True
        for pattern, predicate, direction, types_a, types_b in GAP_PATTERNS:
            if not pattern.match(gap) or ta not in types_a or tb not in types_b:
                continue
            if predicate in ("located_in", "based_in") and direction == "fwd" and tb == "Country":
                # "a lake in the U.S. state of Michigan": in the place the country's kind names, and in the country
                inner = self._kind_named_after(ctx, b, sent)
                if inner is not b:
                    self._claim(ctx, a, predicate, b, sent, 0.6)
                    b = inner
            if predicate in ("member_of", "leader_of") and direction == "fwd":
                if BASED_AFTER.match(ctx.text[b.end:b.end + 12]):
                    return False  # "of the Rostock-based Society": the town only says where the body is
                if predicate == "leader_of" and PART_AFTER.match(ctx.text[b.end:b.end + 60]):
                    predicate = "member_of"  # "head of the ministry's ordnance department": a part's head
                # "professor of International Relations at Karachi University": the field is no employer
                b = self._at_organisation(ctx, b)
            if gap.split()[:1] == ["under"] and not PARTY_NAME.search(ctx.entity(a.entity_key).name):
                continue  # "the Department of Commerce under George W. Bush": his administration's time, no leader
            if gap.strip() == "of" and (len(a.text.split()) < 2 or any(w[:1].islower() for w in a.text.split())
                                        or not (b.text.startswith("The ") or is_acronym(b.text))):
                # "Prince Eugene of Savoy", "List of Taito": a title or a heading, no member; a bare "of" is read
                # only before "The ..." names and acronyms ("X of FORDU"), where no title or place name follows
                continue
            if predicate == "based_in" and gap.strip(" ,") == "in" \
                    and PERSON_OF_BEFORE.search(ctx.text[max(sent[0], a.start - 40):a.start]):
                return True
            if direction == "inv" and b.source == "norp":
                continue  # "a Pakistan-based Islamic organization": the adjective is no group of its own
            subj, obj = (a, b) if direction == "fwd" else (b, a)
            if predicate == "role" and gap.split()[:1] and gap.split()[0].lower() in BODY_NOUNS:
                return True  # 'Defense ministry spokesman X': X speaks for the ministry, which has no name here
            if predicate == "role":
                self._person_role(ctx, subj, obj, gap.strip(" '’s"), sent)
            elif predicate == "member_of" and gap.strip() == "(":
                # "Jean Dupont (UMP)": a bracketed acronym after a name is the party, whatever the tagger says
                after = ctx.text[b.end:b.end + 3].strip()
                if after.startswith(")") and (tb == "Organization" or is_acronym(b.text)):
                    self._claim(ctx, subj, predicate, obj, sent, 0.55)
            else:
                if predicate == "located_in" and is_country(ctx.entity(subj.entity_key).name):
                    return False
                if predicate == "located_in" and state_in_part(ctx, subj, obj, sent):
                    return True
                self._claim(ctx, subj, predicate, obj, sent, 0.65)
                if predicate == "leader_of":
                    self._claim(ctx, subj, "member_of", obj, sent, 0.6)
            return True
        return False

    def _seat_after_comma(self, ctx: DocContext, org: Mention, place: Mention, sent: tuple[int, int]) -> list[Mention]:
        """The places of "Org, Place[, Outer]" when it is a body and its seat, none for a list ("Hamas, Gaza and X")."""
        before = ctx.text[max(sent[0], org.start - 12):org.start]
        if re.search(r"(,|\band|\bor|&)\s*$", before):
            return []
        cur, chain = place, [place]
        # "Studios, Chanhassen, Minnesota": the seat may go on with the places it lies in, each after a comma;
        # the chain must end the clause, and a list ends with "and"/"or" ("Hamas, Gaza, Syria and Iran")
        for _ in range(4):
            after = ctx.text[cur.end:sent[1]]
            if AND_CLAUSE.match(after):
                return chain
            if LIST_AFTER.match(after):
                return []
            if not after.strip() or SEAT_END.match(after):
                return chain
            nxt = min((m for m in ctx.mentions_in(cur.end, cur.end + 40) if m.start >= cur.end),
                      key=lambda m: m.start, default=None)
            if nxt is None or relation_type(ctx, nxt.entity_key) not in PLACE_TYPES \
                    or COMMA_ONLY.fullmatch(ctx.text[cur.end:nxt.start]) is None:
                return []
            cur = nxt
            chain.append(cur)
        return []

    def _kind_named_after(self, ctx: DocContext, country: Mention, sent: tuple[int, int]) -> Mention:
        """The place named after 'Country <kind> of' ('the U.S. state of Michigan'), else the country."""
        after = [m for m in ctx.mentions_in(country.end, min(sent[1], country.end + 40)) if m.start >= country.end]
        nxt = min(after, key=lambda m: m.start, default=None)
        if nxt is not None and relation_type(ctx, nxt.entity_key) == "Place" \
                and KIND_OF_AFTER.match(ctx.text[country.end:nxt.start]):
            return nxt
        return country

    def _at_organisation(self, ctx: DocContext, b: Mention) -> Mention:
        """The organisation named right after b by "at" (b a subject field or department), else b."""
        if set(ctx.entity(b.entity_key).name.lower().split()) & ORG_CUES:
            return b  # "director of the Institute for X at the University": the institute is the body
        after = [m for m in ctx.mentions_in(b.end, b.end + 60) if m.start >= b.end]
        nxt = min(after, key=lambda m: m.start, default=None)
        if nxt is not None and ctx.entity(nxt.entity_key).type == "Organization" \
                and AT_ORG.match(ctx.text[b.end:nxt.start]):
            return nxt
        return b

    def _team_role(self, ctx: DocContext, town: Mention, person: Mention, gap: str, sent: tuple[int, int]) -> bool:
        """'Dortmund coach X', 'Augsburg's new coach X': the town's name stands for its club, X a member of it."""
        words = re.sub(r"^\s*['’]s\s+", "", gap).strip().lower().split()
        if not words or len(words) > 3 or not all(w.isalpha() for w in words):
            return False
        if " ".join(words[-2:]) not in TEAM_ROLES and words[-1] not in TEAM_ROLES:
            return False
        if is_country(ctx.entity(town.entity_key).name):
            return False  # a national team ("Spain striker") is no club
        club = ctx.add_entity(ctx.entity(town.entity_key).name, "Organization")
        ctx.add_claim(ctx.find(person.entity_key), "member_of", club, sent, EXTRACTOR, confidence=0.55)
        return True

    def _joins(self, ctx: DocContext, sent: Span) -> None:
        """'X joined the Greens', 'he played for Schalke', 'after joining the party, she ...'."""
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in JOIN_VERBS:
                continue
            prep = JOIN_VERBS[lemma]
            objects = ([c for c in verb.children if c.dep_ == "dobj"] if prep is None else
                       [g for c in verb.children if c.dep_ == "prep" and c.lower_ == prep
                        for g in c.children if g.dep_ == "pobj"])
            orgs = [k for o in objects for k in [ctx.entity_for(o.doc[o.i:o.i + 1])]
                    if k and ctx.entity(k).type == "Organization"]
            if not orgs:
                continue
            person = self._subject_person(ctx, verb)
            for org in orgs:
                if person and person != org:
                    ctx.add_claim(person, "member_of", org, sent, EXTRACTOR, confidence=0.55)

    def _subject_person(self, ctx: DocContext, verb: Token) -> str | None:
        """The person who acts: the verb's subject, its governing clause's, or the last person named for he/she."""
        node: Token | None = verb
        for _ in range(3):
            if node is None:
                return None
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                if subj.lower_ in SUBJECT_PRONOUNS:
                    before = [m for m in ctx.analysis.mentions if m.end <= subj.idx
                              and ctx.entity(m.entity_key).type == "Person"]
                    return ctx.find(max(before, key=lambda m: m.start).entity_key) if before else None
                key = ctx.entity_for(subj.doc[subj.i:subj.i + 1])
                return key if key and ctx.entity(key).type == "Person" else None
            node = node.head if node.dep_ in ("pcomp", "advcl", "xcomp", "conj", "pobj", "prep") else None
        return None

    def _person_role(self, ctx: DocContext, person: Mention, org: Mention, role: str,
                     sent: tuple[int, int]) -> None:
        """'Hamas leader X' -> leader_of and member_of; 'CDU politician X' -> member_of; 'Kurdish leader X': none."""
        if ctx.entity(ctx.find(org.entity_key)).attrs.get("nationality"):
            return
        words = role.lower().split()
        leader = any(LEADER_ONLY.match(" ".join(words[i:])) for i in range(len(words)))
        if leader and not any(w in ("deputy", "vice") for w in words) and not self._part_head(ctx, person, org):
            self._claim(ctx, person, "leader_of", org, sent, 0.6)
        self._claim(ctx, person, "member_of", org, sent, 0.6)

    def _part_head(self, ctx: DocContext, person: Mention, org: Mention) -> bool:
        """'PLO security chief X', 'Hamas politburo chief X': a common noun before the leader word names the part
        of the organisation X heads (the organisation's own kind, 'party leader', does not)."""
        lo, hi = min(person.end, org.end), max(person.start, org.start)
        nouns = [t for t in ctx.doc if lo <= t.idx < hi and t.pos_ == "NOUN" and t.is_alpha
                 and t.lower_ not in TIME_OF_ROLE]
        return any(not re.fullmatch(ROLE, t.lower_, re.I) and not re.fullmatch(ORG_NOUN, t.lower_, re.I)
                   and t.lemma_.lower() not in GROUP_NOUNS for t in nouns)

    def _chains(self, ctx: DocContext, mentions: list[Mention], sent_end: int) -> None:
        """'Vancouver, British Columbia, Canada': each place lies in the ones after it; lists are skipped."""
        def is_place(m: Mention) -> bool:
            # "Sirnak, Turkish officials said": a nationality word is no place; "Washington, DC" is one name
            return (relation_type(ctx, m.entity_key) in PLACE_TYPES
                    and (demonym_country(m.text) is None or is_country(m.text))
                    and not (is_acronym(m.text) and len(m.text) <= 3 and not is_country(m.text)))

        i = 0
        while i < len(mentions):
            if not is_place(mentions[i]):
                i += 1
                continue
            chain = [mentions[i]]
            far = DISTANCE_FROM.search(ctx.text[max(0, mentions[i].start - 90):mentions[i].start]) is not None
            while (len(chain) < 5 and i + len(chain) < len(mentions) and is_place(mentions[i + len(chain)])
                   and COMMA.match(ctx.text[chain[-1].end:mentions[i + len(chain)].start])
                   and not (far and COMMA_IN.match(ctx.text[chain[-1].end:mentions[i + len(chain)].start]))):
                chain.append(mentions[i + len(chain)])
            i += len(chain)
            if len(chain) < 2 or len(chain) > 4:
                continue
            # the list goes on only when a place or an untagged name follows the "and" ("Lakefield, Ontario, and
            # at INSEAD" does not)
            following = mentions[i] if i < len(mentions) else None
            after = ctx.text[chain[-1].end:min(sent_end, chain[-1].end + 40)]
            hit = LIST_AFTER.match(after)
            if hit and following is not None and following.start == chain[-1].end + hit.end():
                after = after if is_place(following) else ""
            elif hit and not after[hit.end():hit.end() + 1].isupper():
                after = ""
            before = ctx.text[max(0, chain[0].start - 12): chain[0].start]
            # "St. Clair, Lambton County, Ontario, Canada": a comma goes on (not a byline's "Nathan Morley, Nicosia, Cyprus")
            last, prev = ctx.entity(chain[-1].entity_key).name, mentions[i - len(chain) - 1] if i > len(chain) else None
            goes_on = before.rstrip().endswith(",") and (is_country(last) or last.lower() in geo_index().us_states) \
                and prev is not None and relation_type(ctx, prev.entity_key) != "Person"
            if LIST_AFTER.match(after) or LIST_TAIL.match(after) \
                    or re.search(r"(,|\band|\bor)\s*$", before) and not goes_on:
                continue  # "France, Germany and Italy", "Nagoya, Shizuoka, Gifu and Tsu": a list, not a place in a place
            countries = [is_country(ctx.entity(m.entity_key).name) for m in chain]
            if any(countries[:-1]):
                continue
            names = {ctx.find(m.entity_key) for m in chain}
            if len(names) < len(chain):
                continue
            for k, inner in enumerate(chain[:-1]):
                for outer in chain[k + 1:]:
                    self._claim(ctx, inner, "located_in", outer, (chain[0].start, chain[-1].end), 0.6)

    # ------------------------------------------------------------ claims
    def _claim(self, ctx: DocContext, subj: Mention, predicate: str, obj: Mention,
               span: tuple[int, int], confidence: float) -> None:
        """One claim, its evidence the sentence (or the span) that says it."""
        s, o = ctx.find(subj.entity_key), ctx.find(obj.entity_key)
        if s == o:
            return
        ctx.add_claim(s, predicate, o, span, EXTRACTOR, confidence=confidence)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [DocumentRelations(), PlaceHierarchy()]
