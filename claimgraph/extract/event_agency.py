"""Who did an event a noun names: its owner, its by-agent, who claimed it, carried it out or was behind it.

A mixin of the events stage (claimgraph/extract/events.py): the doers of nominal events read through the governing
verb ('the front claimed responsibility for the attack', 'rebels carried out attacks', 'X was behind the kidnapping').
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.event_doers import MESSAGE_NOUNS, _doers, state_of_arms
from claimgraph.extract.event_fillers import Fillers
from claimgraph.extract.event_lexicon import (
    ACT_CLAIM_VERBS,
    DENIAL_VERBS,
    JUSTICE_WORDS,
    LIGHT_VERBS,
    NOUN_TRIGGERS,
    PERP_NOUNS,
    RENOWN_WORDS,
    RESPONSIBILITY_VERBS,
    SERIES_NOUNS,
    SHARE_NOUNS,
    TAKE_PART_VERBS,
)
from claimgraph.extract.event_tree import _child, _conjuncts, _copula_subject, _lemma, _negated, _phrase_top


def _carrying_out(verb: Token) -> bool:
    """'carried out', 'perpetrated', 'staged': a light verb of doing, read by its form where the lemma is wrong
    (the lemmatizer gives 'staged' as 'stag')."""
    if _lemma(verb) in LIGHT_VERBS:
        return True
    word = verb.lower_
    return any(word in (v + "d", v + "ed", v + v[-1] + "ed", v[:-1] + "ied") for v in LIGHT_VERBS)


class Agency:
    """The doers of nominal events, read through the verbs and phrases that govern them."""

    def _listed_by(self, verb: Token, fillers: Fillers) -> list[str]:
        """'HQN's attacks include ...', 'major attacks included ...': the owner of the listed deeds, else the topic."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or _lemma(subject) not in NOUN_TRIGGERS and _lemma(subject) not in SERIES_NOUNS \
                or _negated(verb):
            return []
        owners = [k for c in subject.children if c.dep_ == "poss" for k in [fillers.actor(c)] if k]
        owners += [k for g in _child(subject, "prep", "by") for k in [fillers.actor(g)] if k]
        return owners or self._recent_doer(verb.sent, fillers)

    @staticmethod
    def _recent_doer(sent: Span, fillers: Fillers) -> list[str]:
        """Whose targets or attacks a list names: the organisation that acted in the sentence before, else the topic."""
        last = fillers.ctx.memo.get("events.last_doer")
        here = next((n for n, s in enumerate(fillers.ctx.doc.sents) if s.start == sent.start), -1)
        if last is not None and 0 <= here - last[1] <= 1:
            return [fillers.ctx.find(last[0])]
        from claimgraph.extract.units import resolver_for  # the topic list is the argument resolver's

        topic = resolver_for(fillers.ctx).topic_org(sent.start)
        return [topic] if topic else []

    def _told_by(self, noun: Token, fillers: Fillers) -> list[str]:
        """'the attack staged by urban commandos', 'the murder, which was perpetrated by gunmen': the by-agent of a
        participle or passive relative clause of carrying out on the event noun (the parser may hang the clause on the
        noun's 'of' object: "the murder of the judge, which was perpetrated by")."""
        holders = [noun] + _child(noun, "prep", "of")
        for clause in (c for h in holders + _child(noun, "prep", "at") for c in h.children if c.dep_ == "acl"
                       and _lemma(c) == "blame"):
            # "a grenade attack at a bus station blamed on Islamist militants": the ones it is laid on
            return [k for g in _child(clause, "prep", "on") for t in _conjuncts(g) for k in [fillers.actor(t)] if k]
        for clause in (c for h in holders for c in h.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"):
            if not _carrying_out(clause) or clause.dep_ == "relcl" and (
                    clause.head is not noun and not any(c.dep_ == "nsubjpass" and c.lower_ in ("which", "that")
                                                        for c in clause.children)):
                continue
            agents = [g for c in clause.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                      for g in _conjuncts(p)]
            if agents:
                return self._actors_of(clause, agents, fillers)
        return []

    def _claimed_by(self, noun: Token, fillers: Fillers) -> list[str]:
        """'the FMLN claimed responsibility for the attack', 'rebels carried out attacks': they did it."""
        told = self._told_by(noun, fillers)
        if told:
            return told
        noun = _phrase_top(noun)
        head = noun.head
        claimed = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in ACT_CLAIM_VERBS
                   and any(g.dep_ == "agent" for g in c.children)]
        if claimed:  # "an attack claimed by the front", "a car bomb claimed by X": the by-agent claims it
            return self._claimants(claimed[0], fillers)
        if noun.dep_ == "dobj" and _lemma(head) == "include":
            return self._listed_by(head, fillers)
        if noun.dep_ == "nsubjpass":
            # "the bombing is thought to have been carried out by the front": the light verb below the hedge
            for x in head.children:
                if x.dep_ == "xcomp" and _lemma(x) in LIGHT_VERBS:
                    agents = [g for c in x.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                              for g in _conjuncts(p)]
                    if agents:
                        return self._actors_of(x, agents, fillers)
        if noun.dep_ == "pobj" and head.lower_ == "in" and _lemma(head.head) in TAKE_PART_VERBS:
            # "Jundallah has engaged in numerous attacks", "members were involved in the bombing"
            gov = head.head
            passive = any(c.dep_ == "auxpass" for c in gov.children)
            doers = [g for c in gov.children if c.dep_ == "nsubjpass" for g in _conjuncts(c)] if passive \
                else [g for c in gov.children if c.dep_ == "dobj" for g in _conjuncts(c)] \
                if _lemma(gov) == "implicate" else _doers(gov)  # "the report implicated four officers in the murder"
            if not doers and gov.dep_ == "pcomp" and gov.head.lower_ == "of" and _lemma(gov.head.head) in JUSTICE_WORDS:
                # "three men suspected of participating in the attack", "police accused X of taking part in it"
                doers = self._charged(gov.head.head)
            if not doers and gov.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in gov.head.children):
                # "sixteen suspects are believed to have participated in the murder": the raised subject took part
                doers = [g for c in gov.head.children if c.dep_ == "nsubjpass" for g in _conjuncts(c)]
            if not doers and gov.dep_ in ("xcomp", "dobj", "ccomp") and _lemma(gov.head) in DENIAL_VERBS | {"admit"}:
                # "X denied being involved in the bombing": the one who answers for it (the scopes negate it)
                doers = _doers(gov.head)
            return self._actors_of(gov, doers, fillers)
        if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB" and any(
                c.dep_ == "dobj" and _lemma(c) in SHARE_NOUNS for c in head.head.children):
            return self._actors_of(head.head, _doers(head.head), fillers)  # "X played a key role in the attack"
        if noun.dep_ == "pobj" and head.lower_ == "in" and _lemma(head.head) in SHARE_NOUNS:
            # "X denied any role in the attack", "X played a part in the bombing", "X's involvement in the raid"
            share = head.head
            owners = [c for c in share.children if c.dep_ == "poss"]
            if owners:
                return [k for t in owners for k in [fillers.actor(t)] if k]
            if share.dep_ == "dobj":
                return self._actors_of(share.head, _doers(share.head), fillers)
        if noun.dep_ == "pobj" and head.lower_ in ("in", "for", "behind") and head.head.pos_ == "NOUN" \
                and _lemma(head.head) == "suspect":
            # "X is the prime suspect in the bombing", "X was named as a suspect in ...": the suspect's deed (hedged
            # by the scopes)
            return [k for t in _suspects(head.head) for k in [fillers.actor(t)] if k]
        if _lemma(head) in LAID_ON_VERBS and noun.dep_ in ("nsubjpass", "dobj"):
            # "the attack was blamed on rebels", "police blamed the bombing on the front", "attacks were attributed
            # to X": the ones it is laid on (the scopes hedge it)
            return [k for g in _laid_on(head) + _laid_on(noun) for t in _conjuncts(g) for k in [fillers.actor(t)] if k]
        if noun.dep_ == "pobj" and head.lower_ == "to" and _lemma(head.head) in ("link", "tie", "connect"):
            # "X was linked to the killing of Y", "... and was linked to the killing": X, only linked (hedged)
            gov = head.head
            doers = [g for c in gov.children if c.dep_ == "nsubjpass" for g in _conjuncts(c)]
            if not doers and gov.dep_ == "conj" and gov.head.pos_ in ("VERB", "AUX"):
                doers = [g for c in gov.head.children if c.dep_ in ("nsubj", "nsubjpass") for g in _conjuncts(c)]
            return [k for t in doers for k in [fillers.actor(t)] if k]
        laid = [c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and _lemma(c) in LAID_ON_VERBS]
        if laid:  # "no known attacks in X attributed to the front", "a bombing blamed on rebels"
            return [k for g in _laid_on(laid[0]) for t in _conjuncts(g) for k in [fillers.actor(t)] if k]
        if noun.dep_ == "pobj" and head.lower_ == "for" and _lemma(head.head) in RENOWN_WORDS:
            # "the group is most famous for its attack on ...": the subject of the copula did it
            gov = head.head.head if head.head.dep_ in ("acomp", "amod") else head.head
            return self._actors_of(gov, _doers(gov), fillers)
        if noun.dep_ == "pobj" and head.lower_ in ("in", "to") and _lemma(head.head) in ("result", "lead"):
            # "ambushed a patrol, resulting in the deaths of 13 soldiers": the deed's doer; "the attack resulted in"
            gov = head.head
            subject = [c for c in gov.children if c.dep_ == "nsubj"]
            if subject:
                return self._event_doers(subject[0], fillers) if _lemma(subject[0]) in NOUN_TRIGGERS else []
            if gov.dep_ in ("advcl", "conj") and gov.head.pos_ in ("VERB", "AUX"):
                return self._actors_of(gov.head, _doers(gov.head), fillers)
            return []
        if noun.dep_ == "pobj" and head.lower_ == "with" and _lemma(head.head) == "do" \
                and head.head.head.lower_ in ("nothing", "anything") and head.head.head.head.pos_ in ("VERB", "AUX"):
            # "they had nothing to do with the bombings": the one who answers for them (the scopes deny it)
            gov = head.head.head.head
            return [k for t in _doers(gov) for k in [fillers.actor(t)] if k]
        if head.lower_ == "behind" and noun.dep_ == "pobj":
            # "rebels of the front were behind the kidnapping", "tags X behind the abduction", "the man behind it"
            gov = head.head
            if _lemma(gov) in ("be", "remain"):
                return self._actors_of(gov, [g for c in gov.children if c.dep_ == "nsubj" for g in _conjuncts(c)],
                                       fillers)
            if gov.pos_ == "VERB":
                return self._actors_of(gov, [g for c in gov.children if c.dep_ == "dobj" for g in _conjuncts(c)],
                                       fillers)
            # "the man behind the attack": a doer noun only ("the reasons behind it", a headline's "tags" are none)
            named = fillers.mention_key(gov)
            doer = gov.pos_ in ("NOUN", "PROPN") and (_lemma(gov) in PERP_NOUNS or named is not None
                                                      and named[1] in ("Person", "Organization"))
            return [k for k in [fillers.actor(gov)] if k] if doer else []
        if head.lower_ == "for" and head.head.lower_ == "responsible":
            # "X was responsible for the attack", "they hold X responsible for the killing"
            gov = head.head.head
            if head.head.dep_ == "amod" and gov.pos_ in ("NOUN", "PROPN"):
                # "X is an organization responsible for attacks": the noun it describes (or the copula's subject)
                return [k for k in [fillers.actor(_copula_subject(gov) or gov)] if k]
            own = [t for c in head.head.children if c.dep_ == "nsubj" for t in _conjuncts(c)]
            if own and head.head.dep_ in ("ccomp", "xcomp", "oprd"):
                # "Israel holds Hamas responsible for the fire", parsed as a small clause: its own subject
                return [k for t in own for k in [fillers.actor(t)] if k]
            deps = ("dobj",) if _lemma(gov) in ("hold", "consider", "find", "deem") else ("nsubj", "nsubjpass")
            return [k for c in gov.children if c.dep_ in deps for t in _conjuncts(c) for k in [fillers.actor(t)] if k]
        if head.lower_ == "for" and _lemma(head.head) in ("blame", "accuse", "arrest", "convict", "charge"):
            gov = head.head
            return [k for c in gov.children if c.dep_ in ("dobj", "nsubjpass") for t in _conjuncts(c)
                    for k in [fillers.actor(t)] if k]
        if head.lower_ == "for" and head.head.lemma_.lower() in ("responsibility", "credit"):
            if any(c.tag_ == "VBG" and _lemma(c) in RESPONSIBILITY_VERBS for c in head.head.children):
                # "posted a video claiming responsibility for ...", the participle read as the noun's modifier:
                # whoever posted it claims
                return self._claimants(head.head.head, fillers) if head.head.dep_ == "dobj" else []
            head = head.head.head
            if _lemma(head) not in RESPONSIBILITY_VERBS:
                return []
            return self._claimants(head, fillers)
        elif noun.dep_ == "nsubjpass" and _lemma(head) in LIGHT_VERBS:
            # "the attacks were carried out by the front"
            return self._actors_of(head, [g for c in head.children if c.dep_ == "agent"
                                          for p in c.children if p.dep_ == "pobj" for g in _conjuncts(p)], fillers)
        elif noun.dep_ == "nsubjpass" and _lemma(head) in ACT_CLAIM_VERBS:
            return self._claimants(head, fillers)  # "the attack was claimed by the front": the by-agent claims it
        elif noun.dep_ != "dobj" or _lemma(head) not in ACT_CLAIM_VERBS | LIGHT_VERBS:
            return []
        elif _lemma(head) in ACT_CLAIM_VERBS:
            return self._claimants(head, fillers)
        return self._actors_of(head, _doers(head), fillers)

    @staticmethod
    def _charged(word: Token) -> list[Token]:
        """Whom a word of charging is about: the noun 'suspected' describes, the passive subject, else the object."""
        if word.dep_ == "acl" and word.head.pos_ in ("NOUN", "PROPN"):
            return _conjuncts(word.head)
        if any(c.dep_ == "auxpass" for c in word.children):
            return [g for c in word.children if c.dep_ == "nsubjpass" for g in _conjuncts(c)]
        return [g for c in word.children if c.dep_ == "dobj" for g in _conjuncts(c)]

    def _claimants(self, verb: Token, fillers: Fillers) -> list[str]:
        """Who claims an event ('the front claimed responsibility for ...'), remembered for the text's other events."""
        doers = _doers(verb)
        actors = self._actors_of(verb, doers, fillers)
        if not actors and doers and all(_lemma(d) in MESSAGE_NOUNS for d in doers):
            # "the statement claims today's bombing": its sender ("a statement from X"), else the body the text is about
            senders = [k for d in doers for g in [*_child(d, "prep", "from"), *_child(d, "prep", "by"),
                                                  *(c for c in d.children if c.dep_ == "poss")]
                       for k in [fillers.actor(g)] if k]
            actors = senders or self._recent_doer(verb.sent, fillers)
        seen = fillers.ctx.memo.setdefault("events.claimants", [])
        seen += [k for k in actors if k not in seen and fillers.ctx.entity(k).type == "Organization"]
        return actors

    def _event_doers(self, noun: Token, fillers: Fillers) -> list[str]:
        """The perpetrators an event noun names: its owner ('HQN's attack'), its by-agent, who carried it out."""
        # "an army raid", "a rebel attack": a doers' common noun before the deed names them too
        perps = [k for c in noun.children if c.dep_ == "poss" or c.dep_ in ("compound", "nmod") and c.i < noun.i
                 and ((fillers.mention_key(c) or ("", ""))[1] in ("Organization", "Group")
                      or c.pos_ == "NOUN" and _lemma(c) in PERP_NOUNS)
                 for k in [fillers.actor(c)] if k]
        # "an Iraqi raid ... killed seven people": the state whose forces made the raid
        perps += [k for k in [state_of_arms(fillers.ctx, noun)] if k]
        perps += [k for g in _child(noun, "prep", "by") for t in _conjuncts(g)
                  for k in [state_of_arms(fillers.ctx, t) or fillers.actor(t)] if k]
        return perps or self._claimed_by(noun, fillers)

    @staticmethod
    def _actors_of(verb: Token, doers: list[Token], fillers: Fillers) -> list[str]:
        """The actor keys of a governing verb's doers: a negated deed ('has not carried out attacks') keeps them for the
        scopes to negate, as a denial ('denied carrying out the bombing') does; a claim not made ('did not claim the
        bombing') says nothing of who did it."""
        if _lemma(verb) in ACT_CLAIM_VERBS and any(c.dep_ == "neg" or c.lower_ in ("neither", "nor", "never")
                                                   for c in verb.children):
            return []
        return [k for t in doers for k in [fillers.actor(t)] if k]


# verbs that lay a deed on someone after 'on' or 'to' ('blamed on X', 'attributed to X', 'linked to X')
LAID_ON_VERBS = {"blame", "attribute", "ascribe", "link"}


def _laid_on(word: Token) -> list[Token]:
    """The objects of the 'on' / 'to' a deed is laid on someone with."""
    return [g for p in word.children if p.dep_ == "prep" and p.lower_ in ("on", "to") for g in p.children
            if g.dep_ == "pobj"]


def _suspects(noun: Token) -> list[Token]:
    """Who the noun 'suspect' is said of: the copula's subject, or the one named 'as' a suspect."""
    subject = _copula_subject(noun)
    if subject is not None:
        return _conjuncts(subject)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head  # "X was named as a suspect", "police identified X as the main suspect"
        dep = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "dobj"
        return [g for c in verb.children if c.dep_ == dep for g in _conjuncts(c)]
    return []

