"""How a name's mentions vote on its type: what the model and the rules read each one as, the group contexts and
leader phrases around it, a lone surname's owner (claimgraph/extract/entities.py)."""

from __future__ import annotations

import re
from collections import defaultdict

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract import entity_rules as rules
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_context import body_by_context, place_by_context
from claimgraph.extract.entity_gazetteer import is_known_place
from claimgraph.extract.entity_nouns import modifies_a_body_noun
from claimgraph.extract.entity_rules import Candidate
from claimgraph.resolve.names import is_acronym, norm_name

# articles of Arabic and other names written in lower case inside a name ('al Shabaab', 'Fatah al-Islam')
NAME_ARTICLES = words("entity_foreign_articles")
# how far each source of a candidate is trusted when candidates overlap or vote
SOURCE_TRUST = {"table": 3.0, "gazetteer": 3.0, "dateline": 3.0, "rule": 2.5, "demonym": 2.0, "ner": 1.0,
                 "acronym": 0.5, "propagated": 0.0}


_GROUP_AFTER = re.compile(r"^\s+(?:" + "|".join(sorted(words("entity_group_context_nouns"))) + r")\b")


def _in_group_context(text: str, start: int, end: int) -> bool:
    """'X militants', 'X's leader', 'the founder of X', 'X, a militant organization': words around a name that make
    it a group's name ('members of X' was tried and left out: on CoNLL it turned people's names into
    organisations)."""
    if _LED_AFTER.match(text[end:end + 40]) or _LED_BEFORE.search(text[max(0, start - 40):start]) \
            or _body_by_apposition(text, end) or body_by_context(text, start, end):
        return True
    if text[start - 2:start] in ("'s", "\u2019s") or text[end:end + 2] in ("'s", "\u2019s"):
        return False  # 'Rigi's group': a person's following
    return bool(_GROUP_AFTER.match(text[end:end + 30]) or _KNOWN_AS_BEFORE.search(text[max(0, start - 50):start]))


# 'the sect known as X', 'a militia calling itself X': an organisation noun names X
_KNOWN_AS_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(rules.ORG_NOUNS)) + r")\s+(?:(?:now|also|locally|widely)\s+)?"
                              r"(?:known|know|called|named|calling\s+itself)\s+(?:as\s+)?(?:the\s+)?$")
# 'X, which has sought ties with ...': a name taken up by 'which' is no person's
_WHICH_AFTER = re.compile(r"^,\s+which\b")


_LEADER_NOUNS = alternation("entity_leader_nouns")
# 'X's leader', 'X's former commander', 'the founder of X', 'X leader Y': a name that has a leader is a body's
_LEADS = rf"(?:{_LEADER_NOUNS})"  # 'the leadership of X': X leads
_FOUNDS = "|".join(w for w in _LEADER_NOUNS.split("|") if not w.startswith("command"))
_LED_AFTER = re.compile(r"^['\u2019]s\s+(?:ex-|former\s+|new\s+|top\s+|overall\s+|supreme\s+)?"
                        rf"(?:{_FOUNDS})\b"  # a person has commanders
                        rf"|^\s+{_LEADS}\s+[A-Z][a-z]")
_LED_BEFORE = re.compile(rf"\b{_LEADS}\s+of\s+(?:the\s+)?$")


def _body_by_apposition(text: str, end: int) -> bool:
    """True when the words right after a name say it is an organization ('X, a violent extremist organization',
    'X is a militant group': the noun that says what X is, read by entity_rules.WHAT_IT_IS)."""
    what = rules.what_it_is(text[end:end + 90])
    return bool(what and what.group(2) in rules.ORG_NOUNS)


def vote_types(ctx: DocContext, kept: list[Candidate]) -> dict[str, str]:
    """One type per name in a document: the most trusted, then most frequent, label wins."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    person_words: dict[str, set[str]] = defaultdict(set)
    written_in_capitals: set[str] = set()
    group_named: set[str] = set()  # names the words around call a group's in some mention
    thing_named: set[str] = set()  # names some mention of which is taken up by 'which'
    written: dict[str, str] = {}  # each name as found → its voting key (without a leading article)
    place_named: dict[str, bool] = {}  # names written somewhere as a known country, city or region
    placed: set[str] = set()  # names some mention of which the words around make a place ('in X', 'north X')
    for c in kept:
        if c.note in ("norp", "demonym"):
            continue
        full = norm_name(c.name or ctx.text[c.start: c.end])
        # 'al Shabaab' and 'Shabaab' name one thing ('El Salvador' and 'Salvador' may be two places)
        name = written.setdefault(full, full if c.type in ("Place", "Country") else _without_article(full))
        votes[name][c.type] += SOURCE_TRUST.get(c.source, 1.0) + 1
        place_named[name] = place_named.get(name, False) or is_known_place(ctx.text[c.start: c.end])
        if c.source in ("ner", "rule") and (_in_group_context(ctx.text, c.start, c.end)
                                             or modifies_a_body_noun(ctx.doc, c.start, c.end)):
            group_named.add(name)
        if c.source in ("ner", "rule", "propagated") and place_by_context(ctx.text, c.start, c.end):
            placed.add(name)
        if _WHICH_AFTER.match(ctx.text[c.end:c.end + 10]):
            thing_named.add(name)
        if is_acronym(ctx.text[c.start: c.end]):
            written_in_capitals.add(name)
        if c.type == "Person" and c.source != "propagated" and " " in name:
            for word in (full.split()[0], full.split()[-1]):  # as written: 'Simmons' is no plural
                if not ctx.text[c.start: c.end].split()[0].isupper():
                    person_words[word].add(name)
    for name, counter in votes.items():
        known_place = place_named.get(name, False)
        if name in group_named and ("Person" in counter or "Place" in counter and not known_place):
            # 'Boko Haram militants', 'Jundallah's leader', 'X, an extremist organization', 'Shining Path rebels':
            # the text says what the name is, for every mention (a known town's 'Kabul police' stays a place)
            counter["Organization"] = counter.get("Organization", 0) + counter.pop("Person", 0) \
                + (counter.pop("Place", 0) if not known_place else 0)
        if name in placed and "Person" in counter and name not in group_named \
                and not any(name in owners for owners in person_words.values()) and not person_words.get(name):
            counter["Place"] += counter.pop("Person")  # 'in Longyear', 'north Armagh': no person's name
        if name in thing_named and "Person" in counter:
            person = counter.pop("Person")
            if not counter:  # what else the name was read as stays; a name read as no other thing is a body's
                counter["Organization"] = person
        if name in written_in_capitals:
            counter.pop("Person", None)  # 'RICS', 'GW': capitals are no person's name
            if not counter:
                counter["Organization"] = 1
        # 'Lebed' after 'Alexander Lebed': a lone surname is that person, whatever the model said
        if " " not in name and len(person_words.get(name, ())) == 1:
            counter["Person"] += 3 * sum(counter.values())
    # ties keep the first type voted for (dicts keep insertion order)
    winners = {name: max(counter, key=lambda t: counter[t]) for name, counter in votes.items()}
    return {full: winners[name] for full, name in written.items()}


def _without_article(name: str) -> str:
    """A normalised name's voting key: without a leading article of another language ('al shabaab' → 'shabaab'),
    its last word singular ('tamil tigers' → 'tamil tiger')."""
    first, _, rest = name.partition(" ")
    name = rest if rest and first in NAME_ARTICLES else name
    words_ = name.split()
    if len(words_) >= 2 and len(words_[-1]) > 3 and words_[-1].endswith("s") and not words_[-1].endswith("ss"):
        return " ".join(words_[:-1] + [words_[-1][:-1]])  # 'Tamil Tigers' and 'Tamil Tiger' vote as one name
    return name
