"""Shots and throws: weapons fired, thrown or landing on someone or something ('fired on the crowd', 'hurled grenades
at the station', 'a rocket hit the school').

A mixin of the events stage (claimgraph/extract/events.py): each reader takes a verb and returns an attack or None.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.event_doers import state_of_arms
from claimgraph.extract.event_fillers import Fillers, event_time
from claimgraph.extract.event_lexicon import BLAST_NOUNS, DENIAL_VERBS, EXPLOSIVE_WORDS, VEHICLE_NOUNS, VIOLENT_CONTEXT
from claimgraph.extract.event_model import (
    UNKNOWN_TARGET_KEY,
    UNKNOWN_TARGET_MEANING,
    UNKNOWN_TARGET_NAME,
    Event,
    _stand_in,
)
from claimgraph.extract.event_tree import _child, _conjuncts, _lemma, _negated

# words after "set X" that make it burn ("set two shops ablaze")
BURNING_WORDS = {"ablaze", "alight", "afire", "aflame"}


class Shots:
    """Attacks told by a weapon's use: fired at, thrown at, or hitting what it hit."""

    def _firing(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'gunmen fired rifles at the students': an attack only where a weapon is fired at someone or something."""
        # "X denied firing at Y", "X admitted firing on the crowd": the deed X answers for (the scopes negate it)
        answered = verb.dep_ in ("xcomp", "dobj") and verb.tag_ == "VBG" and _lemma(verb.head) in DENIAL_VERBS | {"admit"}
        if _negated(verb) and not answered:
            return None
        weapons = [w for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for w in [fillers.weapon(c)] if w]
        aimed = [g for word in ("at", "on", "against") for g in _child(verb, "prep", word)]
        # "gunmen opened fire on a bus", "troops fired on the crowd": shooting aimed at someone, the gun unsaid
        shooting = _lemma(verb) == "open" or not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
        if not aimed or not weapons and not shooting:
            return None  # "the company fired its manager": no weapon, no attack
        if _lemma(verb) == "open":
            weapons = []
        targets = [k for g in aimed for t in _conjuncts(g) for k in fillers.patients(t, False)]
        perps = [k for c in verb.children if c.dep_ == "nsubj" for t in _conjuncts(c) for k in [fillers.actor(t)] if k]
        # "rockets were fired at the town by the front"
        perps += [k for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                  for t in _conjuncts(g) for k in [fillers.actor(t)] if k]
        if not perps and answered:
            perps = [k for c in verb.head.children if c.dep_ == "nsubj" for t in _conjuncts(c)
                     for k in [fillers.actor(t)] if k]
        if not targets and not weapons:
            return None
        if not targets:
            # "mortars were fired against that sector": an attack with its weapon said, aimed at no one named
            targets = [_stand_in(fillers.ctx, UNKNOWN_TARGET_NAME, "Other", UNKNOWN_TARGET_KEY, UNKNOWN_TARGET_MEANING)]
        return Event("attacked", sent, perps, targets, weapons[0] if weapons else None, fillers.place(verb),
                     event_time(sent, verb), trigger=verb)

    def _arson(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'gunmen set fire to the school', 'set the buses on fire', 'set two shops ablaze': an attack on what burned."""
        if _lemma(verb) != "set" or _negated(verb):
            return None
        fire = any(c.dep_ == "dobj" and _lemma(c) == "fire" for c in verb.children)
        burned = _child(verb, "prep", "to") if fire else [
            c for c in verb.children if c.dep_ == "dobj" and any(
                x.lower_ in BURNING_WORDS or x.dep_ == "prep" and x.lower_ == "on" and any(
                    _lemma(g) == "fire" for g in x.children) for x in list(verb.children) + list(c.children))]
        # "set the station ablaze" read as a small clause: the subject of the burning word
        burned += [g for c in verb.children if c.lower_ in BURNING_WORDS for g in c.children if g.dep_ == "nsubj"]
        targets = [k for g in burned for t in _conjuncts(g) for k in fillers.patients(t, False)]
        if not targets:
            return None
        perps = [k for c in verb.children if c.dep_ == "nsubj" for t in _conjuncts(c) for k in [fillers.actor(t)] if k]
        return Event("attacked", sent, perps, targets, None, fillers.place(verb), event_time(sent, verb), trigger=verb)

    @staticmethod
    def _projectile_weapon(verb: Token, fillers: Fillers) -> str | None:
        """The weapon that hit something: the subject of 'a rocket hit the school', the agent of 'was struck by a shell'."""
        doers = [c for c in verb.children if c.dep_ == "nsubj"] + [g for c in verb.children if c.dep_ == "agent"
                                                                   for g in c.children if g.dep_ == "pobj"]
        return next((w for t in doers for w in [fillers.weapon(t)] if w), None)

    def _projectile(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'a grenade hit his car', 'the clinic was struck by a rocket': an attack on what the weapon hit, doer unsaid."""
        if _negated(verb):
            return None
        hit = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        targets = [k for c in hit for t in _conjuncts(c) for k in fillers.patients(t, False)]
        if not targets:
            return None
        # "rockets fired by the front hit the town": whoever fired the weapon that hit
        # ("the town was hit by a rocket fired by the front": the weapon in the by-agent)
        weapons = [c for c in verb.children if c.dep_ == "nsubj"] + [
            g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        perps = self._state_hit(verb, fillers) or [
            k for c in weapons for a in c.children if a.dep_ == "acl" and a.tag_ == "VBN"
            and _lemma(a) in ("fire", "launch", "shoot", "lob") for b in a.children if b.dep_ == "agent"
            for g in b.children if g.dep_ == "pobj" for t in _conjuncts(g) for k in [fillers.actor(t)] if k]
        return Event("bombed" if self._blast_hit(verb) else "attacked", sent, perps, targets,
                     self._projectile_weapon(verb, fillers), fillers.place(verb), event_time(sent, verb), trigger=verb)

    @staticmethod
    def _state_hit(verb: Token, fillers: Fillers) -> list[str]:
        """'Israeli tank fire struck the post', 'Turkish air strikes hit the camps': the state whose arms hit."""
        doers = [c for c in verb.children if c.dep_ == "nsubj"] + [g for c in verb.children if c.dep_ == "agent"
                                                                   for g in c.children if g.dep_ == "pobj"]
        return [k for t in doers for k in [state_of_arms(fillers.ctx, t)] if k]

    @staticmethod
    def _denied_hit(verb: Token) -> bool:
        """'the ministry denied the camp was targeted', '... denies the camp is hit': the attack a denial answers,
        told with no doer or weapon (the scopes make it the speaker's, negative)."""
        return verb.dep_ == "ccomp" and _lemma(verb.head) in DENIAL_VERBS and any(
            c.dep_ == "nsubjpass" for c in verb.children)

    @staticmethod
    def _blast_hit(verb: Token) -> bool:
        """'the blast hit a truck', 'the blast from the explosion struck the bus': a blast, no weapon, did the hitting."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return any(_lemma(t) in BLAST_NOUNS for t in subjects)

    def _thrown(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'five men hurled grenades at the station', 'rebels launched rockets against the barracks': an attack on
        what the thrown weapon was aimed at, by the thrower; 'threw a party', 'launched a campaign' name no weapon."""
        if _negated(verb):
            return None
        thrown = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        weapons = [w for c in thrown for w in [fillers.weapon(c)] if w]
        # "launched two rockets against the barracks": the parser may hang the aim on the weapon
        aimed = [g for word in ("at", "on", "against", "into") for h in [verb, *thrown] for g in _child(h, "prep", word)]
        if not weapons or not aimed:
            return None
        targets = [k for g in aimed for t in _conjuncts(g) for k in fillers.patients(t, False)]
        if not targets:
            return None
        perps = [k for c in verb.children if c.dep_ == "nsubj" for t in _conjuncts(c) for k in [fillers.actor(t)] if k]
        perps += [k for g in _child(verb, "prep", "by") for t in _conjuncts(g) for k in [fillers.actor(t)] if k]
        # a thrown explosive is a bombing ("threw a bomb at the bank"); stones and spears are an attack
        explosive = any(_lemma(c) in EXPLOSIVE_WORDS or c.lower_ in EXPLOSIVE_WORDS for t in thrown for c in t.subtree)
        return Event("bombed" if explosive else "attacked", sent, perps, targets, weapons[0], fillers.place(verb),
                     event_time(sent, verb), trigger=verb)

    def _planted(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'rebels planted a bomb at the bank', 'the charge was placed by two men': a bombing by whoever set the
        explosive, of what it was set at (the place told where nothing else is); no doer said, no event read."""
        if _negated(verb):
            return None
        set_ = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        weapons = [w for c in set_ for w in [fillers.weapon(c)] if w
                   and any(_lemma(t) in EXPLOSIVE_WORDS or t.lower_ in EXPLOSIVE_WORDS for t in c.subtree)]
        doers = [t for c in verb.children if c.dep_ == "nsubj" for t in _conjuncts(c)]
        doers += [t for g in _child(verb, "prep", "by") for t in _conjuncts(g)]
        perps = [k for t in doers for k in [fillers.actor(t)] if k]
        if not weapons or not perps:
            return None
        targets = [k for word in ("at", "near", "outside", "inside", "under", "on") for g in _child(verb, "prep", word)
                   if (fillers.mention_key(g) or ("", ""))[1] not in ("Country", "Place")
                   for t in _conjuncts(g) for k in [fillers.patient(t, False)] if k]
        if not targets:
            targets = [_stand_in(fillers.ctx, UNKNOWN_TARGET_NAME, "Other", UNKNOWN_TARGET_KEY, UNKNOWN_TARGET_MEANING)]
        return Event("bombed", sent, perps, targets, weapons[0], fillers.place(verb), event_time(sent, verb),
                     trigger=verb)

    def _rammed(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'slammed his vehicle filled with explosives into a convoy', 'rammed a truck into the gate': an attack on
        what the vehicle was driven into (a bombing where it carried explosives), by the driver; a car crashed into
        a wall in a sentence without violence is no attack."""
        if _negated(verb):
            return None
        vehicles = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in VEHICLE_NOUNS]
        if not vehicles:
            return None
        # the aim hangs on the verb, on the vehicle's participle ('filled with explosives into'), or on a participle
        # right after it that the parser took elsewhere ('his car packed with explosives into the building')
        doc = verb.doc
        holders = [verb, *vehicles, *(c for v in vehicles for c in v.children if c.tag_ == "VBN")]
        holders += [doc[v.i + 1] for v in vehicles if v.i + 1 < sent.end and doc[v.i + 1].tag_ == "VBN"]
        aimed = [g for h in holders for g in _child(h, "prep", "into")]
        explosive = any(_lemma(t) in EXPLOSIVE_WORDS or t.lower_ in EXPLOSIVE_WORDS
                        for h in holders[1:] for t in h.subtree)
        if not aimed or not explosive and not VIOLENT_CONTEXT.search(sent.text):
            return None
        targets = [k for g in aimed for t in _conjuncts(g) for k in fillers.patients(t, False)]
        if not targets:
            return None
        cur = verb  # "was able to pass the checkpoints before ramming his car ...": the subject of the clause
        for _ in range(6):
            subjects = [t for c in cur.children if c.dep_ == "nsubj" for t in _conjuncts(c)]
            if subjects or cur.head.i == cur.i:
                break
            cur = cur.head
        perps = [k for t in subjects for k in [fillers.actor(t)] if k]
        return Event("bombed" if explosive else "attacked", sent, perps, targets, None, fillers.place(verb),
                     event_time(sent, verb), trigger=verb)
