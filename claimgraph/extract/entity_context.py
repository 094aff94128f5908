"""The words around a name that say what kind of thing it names, where the model's label is a guess.

A place: a preposition of place before it ('in X', 'near X'), a compass word ('north X', 'east of X'), a place
noun after it ('the X area'). A body: an organisation noun right before it ('the militant group X', 'the intelligence agency, X,'), a news outlet's noun after it
('X television'), or being the one told at the end of a quoted remark ('an official told X.').
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from claimgraph.core.lexicon import alternation
from claimgraph.extract.entity_gazetteer import country_of, demonym_country
from claimgraph.extract.entity_rules import ORG_NOUNS, Candidate

_MEDIA_NOUNS = alternation("entity_media_nouns")
_PLACE_NOUNS = alternation("entity_place_nouns")
# lower case only: 'North Korea' or 'South Armagh' capitalised are names of their own
_COMPASS = r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central"
# 'in X', 'near X', 'north X', 'east of X': what follows is where something is or happens
_PLACE_BEFORE = re.compile(rf"(?:^|[^\w'\u2019-])(?:in|near|outside|around|{_COMPASS}|(?:{_COMPASS})\s+of)\s+$")
# 'the X area', 'X province' in lower case: the noun says X is a place
_PLACE_AFTER = re.compile(rf"^\s+(?:{_PLACE_NOUNS})\b")
# nouns of ORG_NOUNS that may stand before a person's name too ('the opposition X', 'the guerrilla X')
_NOT_BEFORE_A_NAME = frozenset({"opposition", "body", "guerrilla", "guerrillas", "front", "army", "cult"})
_ORG_BEFORE_NOUNS = "|".join(sorted(ORG_NOUNS - _NOT_BEFORE_A_NAME, key=len, reverse=True))
# 'the militant group X', 'Belgian club X'; with a comma ('the intelligence agency, X,') only a one-word name:
# 'a member of the group, Ahmed Ali, said' names a person in apposition to nothing
_ORG_BEFORE = re.compile(rf"\b(?:{_ORG_BEFORE_NOUNS})\s+$")
_ORG_BEFORE_COMMA = re.compile(rf"\b(?:{_ORG_BEFORE_NOUNS}),\s+$")
_MEDIA_AFTER = re.compile(rf"^\s+(?:{_MEDIA_NOUNS})\b")
# 'X chairman Y', 'X CEO Y': offices a body has and a person has not, before the holder's name ('X spokesman Y'
# is left out: a leader has a spokesman too)
_OFFICER_AFTER = re.compile(r"^\s+(?:chairman|chairwoman|chief\s+executive|CEO|president|managing\s+director"
                            r"|secretary-general|director-general|captain|coach)\s+[A-Z][a-z]")
# '"...," an official told X.' / 'told X in an interview': the one told right after a quoted remark is the outlet
# ('the minister told X that ...' or '... told X.' with no quote before tells a person)
_TOLD_BEFORE = re.compile(r"[\"\u201d]\s*,?[^.\"\u201c\u201d\n]{0,80}\btold\s+$")
_TOLD_AFTER = re.compile(r"^\s*(?:\.|;|,?\s*[\"\u201c\u201d]|\s+(?:in\s+an?\s+(?:\w+\s+)?interview|by\s+telephone)\b)")
_POSSESSIVE_AFTER = re.compile(r"^['\u2019]s?\b")


def place_by_context(text: str, start: int, end: int) -> bool:
    """True when the words right around text[start:end] make it a place ('in X', 'north X', 'the X area')."""
    if _POSSESSIVE_AFTER.match(text[end:end + 3]):
        return False  # 'in X's view', 'in X's government': the owner of something, not where it is
    return bool(_PLACE_BEFORE.search(text[max(0, start - 30):start]) or _PLACE_AFTER.match(text[end:end + 20]))


def body_by_context(text: str, start: int, end: int) -> bool:
    """True when the words right around text[start:end] make it an organisation or outlet ('the group X',
    'X television', 'told X.')."""
    before = text[max(0, start - 120):start]
    one_word = " " not in text[start:end]
    if _ORG_BEFORE.search(before) or one_word and _ORG_BEFORE_COMMA.search(before):
        return True
    if _MEDIA_AFTER.match(text[end:end + 20]) or _OFFICER_AFTER.match(text[end:end + 40]):
        return True
    return one_word and bool(_TOLD_BEFORE.search(before) and _TOLD_AFTER.match(text[end:end + 40]))



def person_part(span: Span) -> tuple[Span, list[Candidate]]:
    """The person's name in a span the model read as one ('American Dennis Mitchell' → 'Dennis Mitchell'), and the
    place in capitals a byline runs into ('Rolf Soderlind LONGYEAR' → 'Rolf Soderlind' and 'LONGYEAR') as a
    candidate of its own."""
    if len(span) >= 3 and not span[0].is_upper and demonym_country(span[0].text) and not country_of(span[0].text):
        span = span[1:]  # a nationality before a full name describes the person
    k = len(span)
    while k > 0 and (span[k - 1].text.isupper() or span[k - 1].text == "-" and k < len(span)):
        k -= 1
    tail = span[k:]
    # two words or more written as names before it: 'Jean DUPONT' writes a surname in capitals, a byline does not
    if k >= 2 and len(tail) and any(len(t) >= 3 and t.is_alpha for t in tail) \
            and all(t.text[:1].isupper() and not t.text.isupper() for t in span[:k]):
        type_ = "Country" if country_of(tail.text) else "Place"
        return span[:k], [Candidate(tail.start_char, tail.end_char, type_, "ner", 2)]
    return span, []
