"""Violent and judicial events in news prose: who attacked, bombed, killed, kidnapped or arrested whom.

Each event is a claim with the perpetrator as subject, the target or victim as object, and the
instrument, place and time as qualifiers. Verbal triggers ("guerrillas killed a peasant", "were
killed by guerrillas"), nominal ones ("the bombing of the embassy by ...", "an attack on ...") and
self-reporting weapons ("a car bomb exploded near ...") are read from the dependency parse; only
sentences holding a trigger lemma are walked. Cues are lexical and casing-robust, because wire
text is often lower-cased and statistical NER misses names there: common-noun actors
("guerrillas", "members of the front") and victims ("a peasant") become Group or Person entities.
An event without a named perpetrator gets, in this order: the one band of attackers the text names
("the attackers", "a suicide bomber"), else a stand-in entity (one per document, never merged across
documents) as subject, never a guess; the stand-in is named by the first deed the text names ("unnamed
perpetrator of the suicide bombing") or has an empty name, and says what it stands for in
attrs["stands_for"]; the public-set scorers read any stand-in as "no filler".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.event_agency import Agency
from claimgraph.extract.event_args import object_head, verb_args
from claimgraph.extract.event_coref import corefer, fold_devices, toll_doers
from claimgraph.extract.event_doers import _doers, state_of_arms
from claimgraph.extract.event_fillers import Fillers, event_time
from claimgraph.extract.event_lexicon import (
    ACT_MODIFIERS,
    ACTOR_ONLY_VERBS,
    AGAINST_MEMBERS,
    AIMING_VERBS,
    BLAST_NOUNS,
    CAUSE_NOUNS,
    CLASH_NOUNS,
    DAMAGE_VERBS,
    DEVICE_VERBS,
    DROP_WORDS,
    EXPLOSION_WORDS,
    FACILITY_NOUNS,
    GUARDED_NOUNS,
    MILITARY_MODIFIERS,
    NON_FILLER_LABELS,
    NOUN_TRIGGERS,
    PERP_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PLACE_PREPS,
    PLANT_VERBS,
    PROJECTILE_NOUNS,
    PROJECTILE_VERBS,
    RAM_VERBS,
    RELATIVE,
    SERIES_NOUNS,
    THROW_VERBS,
    TITLE_WORDS,
    TRIED_VERBS,
    TRIGGER_WORD,
    VAGUE_NOUNS,
    VERB_TRIGGERS,
    VIOLENT_CONTEXT,
)
from claimgraph.extract.event_model import (
    UNKNOWN_ACTOR_KEY,
    UNKNOWN_ACTOR_NAME,
    UNKNOWN_TARGET_KEY,
    UNKNOWN_TARGET_MEANING,
    UNKNOWN_TARGET_NAME,
    Event,
    _stand_in,
)
from claimgraph.extract.event_owners import operator
from claimgraph.extract.event_shots import Shots
from claimgraph.extract.event_sites import site_heads, struck_place, targets
from claimgraph.extract.event_tree import (
    ATTEMPT_NOUNS,
    _child,
    _conjuncts,
    _event_noun,
    _generic,
    _lemma,
    _negated,
    _unrealised,
)
from claimgraph.extract.events_emit import EventClaims
from claimgraph.extract.nominal import demonym_of
from claimgraph.plugins import hookimpl

# the stand-in's key and name, read by callers that look for unnamed doers
__all__ = ["UNKNOWN_ACTOR_KEY", "UNKNOWN_ACTOR_NAME", "EventFrames", "claimgraph_stages"]


def _one_unnamed(tok: Token) -> bool:
    """'a member of X', 'an officer of X': one person the text gives no name ('a member, Ali Musa, ...' has one)."""
    if tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return False
    end = max(t.i for t in tok.subtree)
    after = tok.doc[end + 1:end + 3]
    # the name after a comma, wherever the parser hangs it ("a member of the guard, Tomas Lind, ...")
    return not (len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "PERSON")


# nouns for a band known by its leader ('the group of commander X', 'the men of X'): the leader did it too
BAND_NOUNS = {"group", "band", "faction", "men", "unit", "cell", "followers"}


def _others_told(verb: Token, tok: Token) -> Token | None:
    """The people 'others' are more of: the object of the deed the verb is joined to ('killed 23 members of X and
    wounded dozens of others': members of X); None for any other word."""
    inner = _child(tok, "prep", "of")
    if tok.lower_ not in ("others", "dozens", "scores", "hundreds") or tok.lower_ != "others" and not (
            inner and inner[0].lower_ == "others"):
        return None
    if verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


def _band_leaders(tok: Token, fillers: Fillers) -> list[str]:
    """The person a band is named after ('it was the group of commander X that seized ...'): X."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if _lemma(tok) not in BAND_NOUNS:
        return []
    return [key for g in _child(tok, "prep", "of") for key, kind in [fillers.mention_key(g) or ("", "")]
            if kind == "Person"]


# verbs of taking that are a kidnapping only when people are taken
TAKING_VERBS = {"seize", "snatch"}


class EventFrames(Agency, Shots, EventClaims):
    """Event claims from verbal and nominal triggers in sentences that contain a trigger word."""

    name = "events.frames"
    requires = ("entities", "coref", "claims")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Read every trigger-bearing sentence and add one claim per perpetrator and patient."""
        fillers = Fillers(ctx)
        found: list[Event] = []
        for n, sent in enumerate(ctx.doc.sents):
            if not TRIGGER_WORD.search(sent.text):
                continue
            read = self._sentence(sent, fillers)
            found += read
            doers = [p for event in read for p in event.perpetrators if ctx.entity(p).type == "Organization"]
            if doers:  # "the ANO has carried out attacks ... Targets included X": the doer just told
                ctx.memo["events.last_doer"] = (doers[-1], n)
        found = fold_devices(ctx, corefer(ctx, found))
        toll_doers(ctx, found)  # "... were killed in the operation": the doers of the attack told before  # "claimed responsibility for the attack": the one before
        # who the text shows acting violently: only such an organisation can stand in for an unsaid doer
        ctx.memo["events.doers"] = {ctx.find(p) for event in found for p in event.perpetrators}
        # the one band the text names as doers ("the attackers", "a suicide bomber"), told apart from any body
        # (a band that is also hit, "soldiers died", is no attacker to stand in for others)
        hit = {ctx.find(p) for event in found for p in event.patients}
        bands = {ctx.find(p) for event in found for p in event.perpetrators if ctx.entity(ctx.find(p)).attrs.get("band")
                 and p not in ctx.memo.get("events.member_orgs", {})} - hit
        ctx.memo["events.band"] = bands.pop() if len(bands) == 1 else None
        for event in found:  # after the whole text is read: a claim of responsibility may come after the event
            self._emit(ctx, event)
        self._merge_short_names(ctx)

    # ------------------------------------------------------------ reading a sentence
    def _sentence(self, sent: Span, fillers: Fillers) -> list[Event]:
        events: list[Event] = []
        for tok in sent:
            lemma = _lemma(tok)
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                if lemma in PROJECTILE_VERBS and (self._projectile_weapon(tok, fillers) or self._blast_hit(tok)
                                                  or self._state_hit(tok, fillers) or self._denied_hit(tok)):
                    ev = self._projectile(tok, sent, fillers)
                elif lemma in DEVICE_VERBS:
                    ev = self._device(tok, sent, fillers)
                elif lemma == "fire" or lemma == "open" and any(_lemma(c) == "fire" for c in tok.children
                                                                 if c.dep_ == "dobj"):
                    ev = self._firing(tok, sent, fillers)
                elif lemma in VERB_TRIGGERS:
                    ev = self._verbal(tok, lemma, sent, fillers)
                elif lemma == "set":
                    ev = self._arson(tok, sent, fillers)
                elif lemma in THROW_VERBS:
                    ev = self._thrown(tok, sent, fillers)
                elif lemma in RAM_VERBS:
                    ev = self._rammed(tok, sent, fillers)
                elif lemma in PLANT_VERBS:
                    ev = self._planted(tok, sent, fillers)
                elif lemma == "include":
                    ev = self._target_list(tok, sent, fillers)
                else:
                    ev = None
            elif tok.pos_ == "NOUN" and lemma in NOUN_TRIGGERS:
                ev = self._nominal(tok, lemma, sent, fillers)
            elif tok.pos_ == "NOUN" and lemma == "target" and _lemma(tok.head) == "be":
                ev = self._target_copula(tok, sent, fillers)
            else:
                ev = None
            if ev is not None:
                events.append(ev)
        return events

    def _verbal(self, verb: Token, lemma: str, sent: Span, fillers: Fillers) -> Event | None:
        predicate = VERB_TRIGGERS[lemma]
        if lemma == "free" and verb.tag_ == "JJ" or _unrealised(verb):
            return None
        human = predicate in ("killed", "assassinated", "kidnapped", "injured", "arrested", "released")
        agents, patients, weapon = verb_args(verb)
        patients = [_others_told(verb, t) or t for t in patients]  # "killed 23 members and wounded dozens of others"
        if lemma == "die":
            # "three soldiers died in the blast": the subject is the victim, the killer is not said
            if not VIOLENT_CONTEXT.search(sent.text):
                return None
            agents, patients = [], [t for t in agents if t.dep_ == "nsubj" or t.head.dep_ == "nsubj"]
        if lemma == "shoot" and any(c.lower_ in ("dead", "death") for c in verb.subtree):
            predicate, human = "killed", True
        if predicate in ("killed", "assassinated") and (verb.dep_ == "xcomp" and _lemma(verb.head) in TRIED_VERBS
                                                         or verb.dep_ == "acl" and _lemma(verb.head) in ATTEMPT_NOUNS):
            predicate = "attacked"  # "attempted to kill two priests": an attack on them, not a death the text tells
        if lemma in TAKING_VERBS:
            # "seized two engineers" is a kidnapping; "seized explosives", "seized the town" are not
            patients = [t for t in patients if _lemma(t) in PERSON_NOUNS or t.lower_ in PERSON_NOUNS
                        or (fillers.mention_key(t) or ("", ""))[1] == "Person"]
        if lemma in DAMAGE_VERBS:
            # "the blast destroyed two buses": things hit, in a sentence of violence only
            if not VIOLENT_CONTEXT.search(sent.text):
                return None
            human = False
            patients = [t for t in patients if _lemma(t) not in PERSON_NOUNS and t.lower_ not in PERSON_NOUNS]
            if any(_lemma(t) in EXPLOSION_WORDS for t in agents):
                predicate = "bombed"
        # "an attack at a market in X, which killed ...": the relative pronoun stands for the event, not the place
        relative_events = [e for t in agents if t.lower_ in RELATIVE for e in [_event_noun(t)] if e is not None
                           and (e.i != t.head.head.i or _lemma(e) in NOUN_TRIGGERS)]
        perps = [k for e in relative_events for k in self._event_doers(e, fillers)]
        if not perps:  # "Israeli tank fire struck the post", "Turkish warplanes bombed the camps": the state's arms
            perps = [k for t in agents for k in [state_of_arms(fillers.ctx, t)] if k]
        if not perps:
            perps = [k for t in agents for k in [fillers.actor(t)] if k]
            perps += [k for t in agents for k in _band_leaders(t, fillers) if k not in perps]
        if not perps:
            # "an attack ... which killed 70 people", "the bombing killed five": whoever made the event did it
            perps = [k for t in agents for event in [_event_noun(t)] if event is not None
                     for k in self._event_doers(event, fillers)]
        # the event nouns the verb's doers are sought in: their words name an unnamed doer ("the suicide bombing")
        told = relative_events + [e for t in agents for e in [_event_noun(t)] if e is not None]
        if not perps and not agents:
            # "ten soldiers were killed in an attack by rebels", "died in the front's bombing": the event's doers
            # "... were killed and seven were injured in an attack by rebels": the phrase may sit on a coordinated verb
            verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"] \
                + ([verb.head] if verb.dep_ == "conj" and verb.head.pos_ == "VERB" else [])
            deeds = [verb.head if g.lower_ in RELATIVE and verb.dep_ == "relcl" else g
                     for v in verbs for word in ("in", "during") for g in _child(v, "prep", word)]
            # "killed in IS attacks": the parser read the initials as a verb with the deed as its attribute
            owners = [k for g in deeds if g.pos_ == "AUX" and _lemma(object_head(g)) in NOUN_TRIGGERS
                      for hit in [fillers.mention_key(g)] if hit and hit[1] == "Organization" for k in [hit[0]]]
            deeds = [object_head(g) for g in deeds]
            # "... bombing attacks, during which 23 people were killed": the deeds the clause is about
            perps = owners + [k for g in deeds if _lemma(g) in NOUN_TRIGGERS or g.i == verb.head.i
                              for k in self._event_doers(g, fillers)]
            told += [g for g in deeds if _lemma(g) in NOUN_TRIGGERS]
            if not perps and predicate in ("killed", "injured"):
                # "Janjalani, who was killed in a clash with Philippine police": the other side of the fight
                perps = [k for g in deeds if _lemma(g) in CLASH_NOUNS for w in _child(g, "prep", "with")
                         for t in _conjuncts(w) for k in [fillers.actor(t)] if k]
            if not perps and predicate in ("killed", "injured"):
                # "four guards died when rebels stormed the depot": the doers of the deed the toll is told by
                perps = [k for c in verb.children if c.dep_ == "advcl" and _lemma(c) in VERB_TRIGGERS
                         and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as") for m in c.children)
                         for t in _doers(c) for k in [fillers.actor(t)] if k]
        weapon_text = None
        for t in agents:
            if fillers.actor(t) is None:
                weapon_text = weapon_text or fillers.weapon(t)
        if not perps:
            # "killed by mortar fire from the Islamic State": whoever the weapon's fire came from (a body, not a place)
            perps = [k for t in agents if fillers.weapon(t) for g in _child(t, "prep", "from") + _child(verb, "prep", "from")
                     for k in [fillers.actor(g)] if k and fillers.ctx.entity(k).type != "Place"]
        if lemma == "strike":
            # "struck the convoy" is an attack; "struck a deal", "struck a chord" are not: named or concrete targets
            # ("struck Hamas positions", "struck the army's posts", "struck Western targets": a thing a named body or
            # side owns is concrete too)
            patients = [t for t in patients if fillers.mention_key(t) or _lemma(t) in PERSON_NOUNS | PLACE_NOUNS
                        or operator(fillers, t)
                        or any(c.dep_ in ("compound", "poss", "amod") and fillers.mention_key(c) for c in t.children)]
        org = fillers.members_org(patients) if predicate in AGAINST_MEMBERS else None
        if org is None and predicate in ("killed", "injured") and len(patients) == 1 and _one_unnamed(patients[0]):
            org = fillers.member_org(patients[0])  # "shot dead a member of the police": no one the text names
        # "arrested several leaders and 90 percent of members of the group": the group was hit
        victims = [org] if org else [k for t in patients for k in targets(t, human, fillers)]
        if not victims:
            return None
        # "the explosion targeted a bakery": the blast itself is told as what hit, its doer unsaid (a bomb or an attack
        # told so is left to a named doer: with none, such claims were all unmatched on the dev corpus)
        deed_hit = lemma in AIMING_VERBS and any(_lemma(t) in BLAST_NOUNS and t.dep_ == "nsubj" for t in agents)
        # "the camp was targeted by rockets", "mortars struck the base": fire from afar hit it, its doer unsaid
        fired = lemma in AIMING_VERBS and any(_lemma(t) in PROJECTILE_NOUNS for t in agents)
        if lemma in ACTOR_ONLY_VERBS and not perps and not deed_hit and not fired and not self._denied_hit(verb):
            return None
        if deed_hit:
            predicate = "bombed"
        for t in weapon:
            weapon_text = weapon_text or fillers.weapon(t)
        return Event(predicate, sent, perps, victims, weapon_text or fillers.sentence_weapon(sent, verb),
                     fillers.place(verb), event_time(sent, verb), trigger=verb,
                     deed=next((d for e in told for d in [self._deed(e, fillers)] if d), None),
                     told_in=next(iter(told), None))

    def _target_list(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'Targets have included civilians and police', 'its targets include X': who was attacked.

        The attacker is the owner of "targets" ('its', 'the group's'), else the organisation the text is about
        (the last one that was a clause subject before the sentence); nothing when neither is known.
        """
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or _negated(verb):
            return None
        if _lemma(subject) == "target":
            owners = [k for c in subject.children if c.dep_ == "poss" for k in [fillers.actor(c)] if k]
            if not owners:
                owners = self._recent_doer(sent, fillers)
        elif NOUN_TRIGGERS.get(_lemma(subject)) == "attacked":
            # "its major attacks included the airport": listed things that are no events themselves were hit
            owners = self._listed_by(verb, fillers)
        else:
            return None
        listed = [k for c in verb.children if c.dep_ == "dobj" for t in _conjuncts(c)
                   if _lemma(t) not in NOUN_TRIGGERS and _lemma(t) not in SERIES_NOUNS
                   and not any(_lemma(x) in NOUN_TRIGGERS for x in t.children if x.dep_ in ("compound", "nmod"))
                   for k in targets(t, False, fillers)]
        if not owners or not listed:
            return None
        return Event("attacked", sent, owners, listed, None, None, event_time(sent, verb), confidence=0.5,
                     trigger=verb)

    def _target_copula(self, noun: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'the embassy was the target of the attack', 'the target of the rebels was the refinery': what was hit.

        The doer is the owner of 'target' or its 'of' object (a band, or the doers of the attack it names).
        """
        other = "nsubj" if noun.dep_ == "attr" else "attr" if noun.dep_ == "nsubj" else None
        if other is None or _negated(noun.head) or any(c.lower_ in ("potential", "possible", "likely")
                                                        for c in noun.children):
            return None  # "a potential target", "it could be a target": no attack told
        hit = [t for c in noun.head.children if c.dep_ == other for t in _conjuncts(c)]
        targets = [k for t in hit for k in fillers.patients(t, False)]
        owners = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME")] \
            + _child(noun, "prep", "of")  # "last night's target": when, not whose
        deeds = [o for o in owners if _lemma(o) in NOUN_TRIGGERS]
        perps = [k for o in owners if o not in deeds for k in [fillers.actor(o)] if k]
        perps += [k for d in deeds for k in self._event_doers(d, fillers)]
        violent = any(c.lower_ in ACT_MODIFIERS for c in noun.children)  # "the terrorists' target", "a terrorist target"
        if not targets or not (deeds or perps or violent) or any(c.dep_ == "aux" for c in noun.head.children):
            return None  # "X will be the target": a threat, not an attack told
        return Event("attacked", sent, perps, targets, fillers.sentence_weapon(sent, noun), fillers.place(noun),
                     event_time(sent, noun), confidence=0.5, trigger=noun)

    def _device(self, verb: Token, sent: Span, fillers: Fillers) -> Event | None:
        """'a car bomb exploded at the embassy', 'terrorists detonated a bomb near the bank'."""
        lemma = _lemma(verb)
        if lemma in ("go", "blow") and not any(c.dep_ == "prt" and c.lower_ in ("off", "up") for c in verb.children):
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        weapon = None
        perps: list[str] = []
        for t in subjects + objects:
            w = fillers.weapon(t)
            if w:
                weapon = weapon or w
            elif t in subjects and t.dep_ == "nsubj":
                key = fillers.actor(t)
                if key:
                    perps.append(key)
        targets: list[str] = []
        # "a newspaper was blown up": what was blown up was hit, by whoever (a device as subject is the weapon)
        blown = (objects or [c for c in subjects if c.dep_ == "nsubjpass"]) if lemma == "blow" else []
        if blown and weapon is None:
            # "blew up a substation and a pylon": every coordinated object was hit
            targets = [k for o in blown for t in _conjuncts(o) for k in fillers.patients(t, False)]
        for word in ("at", "near", "outside", "inside", "in", "on", "under"):
            for pobj in _child(verb, "prep", word):
                if word == "in" and pobj.pos_ == "PROPN":
                    continue
                if fillers.mention_key(pobj) and (fillers.mention_key(pobj) or ("", ""))[1] in ("Country", "Place"):
                    continue
                if word == "in" and _lemma(pobj) in ("front",):
                    pobj = next(iter(_child(pobj, "prep", "of")), pobj)
                targets += [k for t in _conjuncts(pobj) for k in [fillers.patient(t, False)] if k]
        if weapon is None and not (lemma == "blow" and targets and (perps or not objects)):
            return None
        if not targets:
            # "a homemade bomb exploded": a bombing with its device said, its target not
            if lemma not in ("explode", "detonate") or _negated(verb):
                return None
            targets = [_stand_in(fillers.ctx, UNKNOWN_TARGET_NAME, "Other", UNKNOWN_TARGET_KEY, UNKNOWN_TARGET_MEANING)]
        return Event("bombed", sent, perps, targets, weapon, fillers.place(verb), event_time(sent, verb),
                     trigger=verb)

    def _nominal(self, noun: Token, lemma: str, sent: Span, fillers: Fillers) -> Event | None:
        """'the bombing of the embassy by rebels', 'an FMLN attack on a base', 'the army's raid'."""
        predicate = NOUN_TRIGGERS[lemma]
        if noun.dep_ == "nsubj" and _lemma(noun.head) == "include":
            return None  # "its attacks include ...": the listed events are the events
        if lemma == "act" and not any(c.lower_ in ACT_MODIFIERS for c in noun.lefts):
            return None  # "terrorist acts", "violent acts"; an act of parliament is no attack
        if lemma in GUARDED_NOUNS and not (_child(noun, "prep", "on") or _child(noun, "prep", "against")
                                           or any(_lemma(c) in MILITARY_MODIFIERS for c in noun.lefts)):
            return None
        human = predicate in ("killed", "assassinated", "kidnapped", "injured", "arrested", "released")
        perps: list[str] = []
        patients: list[str] = []
        weapon = None
        state = state_of_arms(fillers.ctx, noun)
        for c in noun.children:
            if lemma == "death":
                if c.dep_ == "poss":
                    patients += [k for k in fillers.patients(c, True)]
                continue
            if c.ent_type_ in ("DATE", "TIME"):
                continue  # "Saturday's attack", "last year's bombings": when, never who
            if c.dep_ == "poss" and self._possessed_victim(noun, c, predicate, fillers):
                patients += fillers.patients(c, True)  # "the candidate's murder": the one killed, not the killer
                continue
            if c.dep_ == "poss" or c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
                if c.lower_ in ACT_MODIFIERS and c.dep_ != "poss":
                    continue  # "a terrorist attack", "militant acts": what kind of deed, not who did it
                w = fillers.weapon(c)
                if w:
                    weapon = weapon or w
                    continue
                hit = fillers.mention_key(c)
                if state is not None and (hit and hit[1] == "Country" or demonym_of(c.text)):
                    continue  # "an Iraqi raid", "US drone strikes": the state (below) did it, not "Iraqi"
                if hit and hit[1] in ("Country", "Place") and c.dep_ != "poss":
                    continue
                key = fillers.actor(c) if (hit or _lemma(c) in PERP_NOUNS or c.dep_ == "poss") else None
                if key:
                    perps.append(key)
        if state is not None:
            perps.append(state)
        for g in _child(noun, "prep", "by"):  # "a raid by Iraqi forces": the state whose forces made it
            perps += [k for t in _conjuncts(g) for k in [state_of_arms(fillers.ctx, t) or fillers.actor(t)] if k]
        agency = self._claimed_by(noun, fillers)
        perps += agency
        # "a bombing campaign against X": the series noun the trigger names holds the target
        holders = [noun] + ([noun.head] if noun.dep_ == "compound" and _lemma(noun.head) in SERIES_NOUNS else [])
        # "carried out many operations against X": the parser may hang the target on the verb that carried it out
        carriers = [h for h in site_heads(noun) if h is not noun and h.pos_ == "VERB"]
        for word in ("on", "against", "of"):
            if word == "of" and lemma in ("attack", "raid", "assault", "explosion", "blast"):
                continue
            aimed = holders + (carriers if word == "against" else [])
            for g in (g for h in aimed for g in _child(h, "prep", word) if h is noun or word != "of"):
                if word == "on" and noun.dep_ == "dobj" and _lemma(noun.head) == "blame":
                    continue  # "blamed the raid on the front" (the parser hangs "on" on the noun): who it is laid on
                org = fillers.members_org(_conjuncts(g)) if predicate in AGAINST_MEMBERS else None
                patients += [org] if org else [k for t in _conjuncts(g) for k in targets(t, human, fillers)]
        if not patients and lemma in ("attack", "bombing", "raid", "assault", "shooting"):
            # "a suicide attack at a bus station": the site named after "at" is what was hit (not "at dawn")
            patients += [k for h in site_heads(noun) for at in _child(h, "prep", "at") for g in _conjuncts(at)
                         if g.ent_type_ not in ("DATE", "TIME") for k in targets(g, False, fillers)]
            # "a bombing near a military base", "an attack outside the embassy": a facility next to it was aimed at
            patients += [k for w in ("near", "outside") for g in _child(noun, "prep", w)
                         if _lemma(g) in FACILITY_NOUNS for k in [fillers.patient(g, False)] if k]
        for g in _child(noun, "prep", "with"):
            weapon = weapon or fillers.weapon(g)
        if lemma in ("explosion", "blast"):
            for g in _child(noun, "prep", "of"):
                weapon = weapon or fillers.weapon(g)
            for word in ("at", "near", "outside"):
                for g in _child(noun, "prep", word):
                    key = fillers.patient(g, False)
                    if key:
                        patients.append(key)
            if weapon is None and not agency:
                return None  # "a blast at the depot" names no deed; "X claimed the blasts at Y" does
        if lemma == "death" and not VIOLENT_CONTEXT.search(sent.text):
            return None
        site = False
        if predicate in ("attacked", "bombed") and all(fillers.ctx.entity(p).attrs.get("placeholder")
                                                        for p in patients):
            # "the Peshawar attack", "two bombings in Damascus", "a raid on the capital, X": where no target is
            # said, the place named is hit (only when someone named did it: see _emit)
            patients = struck_place(noun, fillers) or patients
            site = bool(patients) and not any(fillers.ctx.entity(p).attrs.get("placeholder") for p in patients)
        if not patients:
            # "ETA claimed the bombing", "IS attacks in Badia": a named perpetrator, no target said
            named = [p for p in perps if fillers.ctx.entity(p).type in ("Organization", "Country")]
            if not (named or agency or weapon and lemma in ("attack", "bombing")) or lemma == "death":
                return None
            patients = [_stand_in(fillers.ctx, UNKNOWN_TARGET_NAME, "Other", UNKNOWN_TARGET_KEY,
                                  UNKNOWN_TARGET_MEANING)]
        if lemma in VAGUE_NOUNS and not perps and not weapon and lemma != "attack":
            return None
        # "the ASG engages in kidnappings for ransom, bombings": a habit, no event with a target to store;
        # "X carried out attacks in the Y department" is told with its own place: deeds that happened
        place, time = fillers.place(noun), event_time(sent, noun)
        habitual = _generic(noun) and all(fillers.ctx.entity(p).attrs.get("placeholder") for p in patients) \
            and not (self._named_doer(perps, fillers) and self._own_place(noun, fillers))
        return Event(predicate, sent, perps, patients, weapon or fillers.sentence_weapon(sent, noun),
                     place, time, confidence=0.5, trigger=noun, site_target=site, habitual=habitual,
                     deed=self._deed(noun, fillers))

    @staticmethod
    def _deed(noun: Token, fillers: Fillers) -> str | None:
        """The words the text names an event by ('suicide bombing', 'twin car bombings'): the noun and its modifiers.

        Owners, names and dates are left out ("journalist Lena Korr's kidnapping", "the December 8 attacks"): they
        say whose or when, not what was done.
        """
        if _lemma(noun) not in NOUN_TRIGGERS and _lemma(noun) not in CAUSE_NOUNS:
            return None
        kept: list[Token] = []
        stack = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")]
        while stack:
            tok = stack.pop()
            if tok.pos_ == "PROPN" or tok.ent_type_ in NON_FILLER_LABELS or tok.dep_ in ("poss", "det", "case") \
                    or tok.is_punct or tok.lower_ in DROP_WORDS:
                continue
            kept.append(tok)
            stack += [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")]
        return " ".join(t.text for t in sorted([*kept, noun], key=lambda t: t.i))

    @staticmethod
    def _named_doer(perps: list[str], fillers: Fillers) -> bool:
        """Whether a doer is an organisation, or people told as its members ('members of the front'), not 'police'."""
        orgs = fillers.ctx.memo.get("events.member_orgs", {})
        return any(fillers.ctx.entity(p).type in ("Organization", "Country") or p in orgs for p in perps)

    @staticmethod
    def _own_place(noun: Token, fillers: Fillers) -> bool:
        """Whether the deed is told with a place narrower than a country ('carried out attacks in Cauca department').

        A country alone ('attacks in Iraq') is how a profile sums up a habit; a town or province is news of deeds.
        """
        heads = {noun.i, noun.head.i} if noun.dep_ == "dobj" else {noun.i}
        for tok in noun.sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS and tok.head.head.i in heads:
                hit = fillers.mention_key(tok)
                if hit and hit[1] == "Place" or hit is None and _lemma(tok) in PLACE_NOUNS:
                    return True
        return False

    @staticmethod
    def _possessed_victim(noun: Token, owner: Token, predicate: str, fillers: Fillers) -> bool:
        """'Jaramillo's murder', 'the senator's kidnapping': a person owning a killing or kidnapping noun is its victim.

        "The army's killing of civilians" names its victims after 'of'; there the owner stays the doer.
        """
        if predicate not in ("killed", "assassinated", "kidnapped") or _child(noun, "prep", "of"):
            return False
        hit = fillers.mention_key(owner)
        return owner.ent_type_ == "PERSON" or bool(hit and hit[1] == "Person") \
            or any(t.lower_ in TITLE_WORDS for t in owner.subtree if t.i < owner.i)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [EventFrames()]
