"""Who belongs to which body, read around the name of the body: a person's party, a role after the body's name.

"Angela Merkel 's Christian Democratic Union": a person's possessive before a political body's name makes the
person a member (a leader is not told: "Trump 's Republican Party" is his party, not one he heads). "Sevim Kaya , a
Left Party lawmaker": a role word right after the body's name, in an apposition to the person, gives the role.
"Anna Roth ( of the Green Party )": the bracket tells the person's body. "Gazprom CEO Alexei Miller" where the
tagger kept only the surname: one capitalised first name between the role and the person is part of the person's
name.
"""

from __future__ import annotations

import re

from claimgraph.core.lexicon import alternation
from claimgraph.extract.context import DocContext
from claimgraph.model import Mention

_PARTY_WORDS = alternation("relations_party_name_words")
PARTY_NAME = re.compile(rf"\b(?:{_PARTY_WORDS})$", re.I)
PERSON_POSSESSIVE = re.compile(r"^\s*(?:'s|’s)\s+$")
OF_THE_END = re.compile(r"\bof\s+the\s+\w+$", re.I)
# "X , a Left Party lawmaker", "X , the former Green party whip": an article, a time word, then the body's name
APPOSED_BODY = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:(?:former|senior|veteran|leading|top|prominent)\s+)?$", re.I)
# a first name the tagger left out of the person between a role and the surname ("Gazprom CEO Alexei Miller")
FIRST_NAME_GAP = re.compile(r"^(?P<role>.*?)\s+[A-Z][a-z]+\s+$")


def party_of_person(ctx: DocContext, a: Mention, b: Mention, gap: str) -> bool:
    """True when 'Person 's Party' names the person's political body."""
    name = ctx.entity(b.entity_key).name
    # "Bush 's State of the Union": a name that ends in "of the <word>" is an address or an office, no party
    return bool(PERSON_POSSESSIVE.match(gap)) and PARTY_NAME.search(name) is not None and name[:1].isupper() \
        and OF_THE_END.search(name) is None


def role_after_body(ctx: DocContext, b: Mention, gap: str, role: re.Pattern[str]) -> str | None:
    """The role word after a body's name in an apposition to a person ('X , a Left Party lawmaker'), else None."""
    if not APPOSED_BODY.match(gap):
        return None
    hit = role.match(ctx.text[b.end:b.end + 40])
    return hit.group("role") if hit else None


def role_before_surname(gap: str, b: Mention, role_gap: re.Pattern[str]) -> str | None:
    """The gap before a one-word person once a first name is passed over ('Gazprom CEO Alexei Miller'), else None."""
    if " " in b.text.strip():
        return None
    hit = FIRST_NAME_GAP.match(gap)
    if hit is None or not role_gap.match(hit.group("role") + " "):
        return None
    return hit.group("role") + " "
