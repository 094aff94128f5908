"""How the events stage reads a parse: the doers and undergoers of a trigger, and the entities they name.

`Fillers` turns parse tokens into entity keys (mentions where the NER found one, lexical nominals such as
"guerrillas" or "a peasant" elsewhere); the functions walk the dependency tree around a trigger.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.extract.event_lexicon import (
    ABSTRACT_NOUNS,
    AREA_NOUNS,
    ATTACKER_NOUNS,
    CAUSE_NOUNS,
    COUNT_WORDS,
    DROP_WORDS,
    MEASURE_NOUNS,
    MEMBER_NOUNS,
    NON_FILLER_LABELS,
    NOUN_TRIGGERS,
    NP_LEFT,
    ORG_NOUNS,
    OWNED_TARGET_NOUNS,
    PERP_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PLACE_PREPS,
    PRONOUNS,
    PUBLISHED_NOUNS,
    RELATIVE,
    SERIES_NOUNS,
    TARGET_KINDS,
    TITLE_WORDS,
    VERB_TRIGGERS,
    WEAPON_NOUNS,
)
from claimgraph.extract.event_tree import (
    _acronym_shaped,
    _child,
    _conjuncts,
    _copula_subject,
    _lemma,
)
from claimgraph.extract.timeinfo import parse_time

# area nouns that name one inhabited place ("the town of X"): hit when they are what an attack aims at
SETTLEMENT_NOUNS = {"town", "village", "city", "hamlet", "settlement", "municipality", "township"}
# count words of a toll rather than of an event's victims
TOLL_MAGNITUDES = {"thousand", "million", "billion"}


class Fillers:
    """Turns parse tokens into entity keys: mentions where the NER found one, lexical nominals elsewhere."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx

    def mention_key(self, tok: Token) -> tuple[str, str] | None:
        """(entity key, type) of the mention covering the token, if any."""
        m = self.ctx.mention_at(tok.idx, tok.idx + len(tok.text))
        if m is None:
            return None
        key = self.ctx.find(m.entity_key)
        return key, self.ctx.entity(key).type

    def phrase(self, head: Token, with_of: bool = False) -> tuple[int, int] | None:
        """Character span of a noun phrase: its compounds and modifiers, without determiners."""
        left = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.lefts:
                if c.dep_ in NP_LEFT or c.dep_ == "punct" and c.text in ('"', "-"):
                    left.append(c)
                    stack.append(c)
        toks = sorted(left, key=lambda t: t.i)
        if head.pos_ == "PROPN":
            # "antioquia governor antonio roldan": a name is its run of proper nouns, titles left out
            run = [head]
            for t in reversed([t for t in toks if t.i < head.i]):
                if t.i != run[-1].i - 1 or t.pos_ != "PROPN" or t.lower_ in TITLE_WORDS:
                    break
                run.append(t)
            toks = sorted(run, key=lambda t: t.i)
        while toks and (toks[0].lower_ in DROP_WORDS or toks[0].is_punct or toks[0].like_num) and toks[0] != head:
            if toks[0].lower_ == "armed" and _lemma(head) in ("force", "forces"):
                break  # "the armed forces" is a name; "armed men" are men
            toks = toks[1:]
        start, end = toks[0].idx, head.idx + len(head.text)
        if with_of:
            for c in head.rights:
                if c.dep_ == "prep" and c.lower_ == "of":
                    # "a convoy of NATO troops traveling along the road": the owner's phrase, not its clause
                    clause = {t.i for p in c.children for k in p.children if k.dep_ in ("acl", "relcl")
                              for t in k.subtree}
                    last = max(t for t in (x.i for x in c.subtree) if t not in clause)
                    end = head.doc[last].idx + len(head.doc[last].text)
                    break
        text = self.ctx.text[start:end].strip(' "\'')
        return (start, end) if text else None

    def actor(self, tok: Token) -> str | None:
        """Entity key for a perpetrator token (None when it is not an actor)."""
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return None  # "no group has claimed the bombing": nobody did
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            tok = _copula_subject(tok.head.head) or tok.head.head
        if tok.ent_type_ in NON_FILLER_LABELS:
            return None  # "on Tuesday, which killed five": a date does nothing
        if tok.lower_ in ("it", "they", "we") and tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp":
            # "Boko Haram said it carried out the attack": the pronoun under a body's own words is that body
            saying = tok.head.head
            if saying.dep_ == "advcl" and saying.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in saying.children):
                saying = saying.head  # "X did not give details, saying only that it targeted ...": X says it
            speaker = next((c for c in saying.children if c.dep_ == "nsubj"), None)
            said = self.mention_key(speaker) if speaker is not None else None
            if said is None and speaker is not None and tok.lower_ == "they":
                # "activists and the rebel front say they ...": the body among the speakers
                said = next((k for c in _conjuncts(speaker)[1:] for k in [self.mention_key(c)]
                             if k and k[1] == "Organization"), None)
            if said is None and speaker is not None:
                # "Israel's military said it ...": the state it serves; "the al Shabaab rebel group denied it ...":
                # the name before the noun
                said = next((k for c in speaker.children if c.dep_ in ("poss", "compound", "nmod") and c.i < speaker.i
                             for k in [self.mention_key(c)] if k), None)
            if said is not None and said[1] in ("Organization", "Country"):
                return said[0]
        if tok.lower_ in PRONOUNS or tok.pos_ == "PRON":
            # "it", "its", "their": the coreference stage has linked the pronoun where its entity is clear
            linked = self.mention_key(tok)
            if linked and linked[1] in ("Organization", "Person", "Country", "Group"):
                return linked[0]
        if tok.lower_ == "they" and tok.dep_ == "nsubj":
            # "guerrillas attacked the farm ... they burned the facilities": the band last seen acting
            last = self.ctx.memo.get("events.last_band")
            if last and tok.sent.start - last[1] <= 40 + len(tok.sent):
                band: str = last[0]
                return band
            return None
        if tok.lower_ in PRONOUNS or tok.pos_ == "PRON":
            return self._resolved(tok) if tok.lower_ in ("it", "its", "their") else None
        lemma = _lemma(tok)
        if lemma in CAUSE_NOUNS or lemma in WEAPON_NOUNS:
            return None
        if lemma in ("member", "members") or tok.lower_ == "members":
            return self._members(tok)
        hit = self.mention_key(tok)
        if hit and hit[1] in ("Organization", "Person", "Country", "Group"):
            if hit[1] == "Group":
                self._of_owner(tok, hit[0])  # "Muslim rebels of the Vesper group": a band named by a rule
            return hit[0]
        # a capitalised "Rebels" opening a sentence is still the common noun
        common = lemma in PERP_NOUNS or tok.lower_ in PERP_NOUNS or tok.lower_[:-1] in PERP_NOUNS
        # the tagger reads lower-cased initials as nouns, adverbs or adjectives: their shape says more
        # only in text written without case: in cased text a lower-case "tax" or "van" is the word itself
        acronym = tok.pos_ in ("NOUN", "ADV", "ADJ", "X") and _acronym_shaped(tok) and self._caseless()
        if (tok.pos_ == "PROPN" or acronym) and hit is None and not common:
            span = self.phrase(tok)
            return self._add(span, "Organization") if span else None
        if common:
            for c in tok.children:
                named = self.mention_key(c) if c.dep_ == "appos" else None
                if named and named[1] == "Organization":
                    return named[0]  # "an obscure Islamist group, the al-Nusra Front, ...": the name it is given
            from claimgraph.extract.nominal import ANAPHOR_NOUNS
            if lemma in ANAPHOR_NOUNS:
                for c in tok.lefts:
                    named = self.mention_key(c) if c.dep_ in ("compound", "nmod") else None
                    if named and named[1] == "Organization":
                        return named[0]  # "the Black Hand group": the body its name modifies, no band of its own
            span = self.phrase(tok, with_of=lemma in ("column", "squad", "band", "group", "unit", "cell"))
            type_ = "Organization" if lemma in ORG_NOUNS and self._has_name(tok) else "Group"
            key = self._add(span, type_) if span else None
            if key and type_ == "Group":
                # a band the text names by a common noun ("the attackers", "gunmen"): no name, so its document's
                # own (the store is asked to keep such rows apart across documents)
                if lemma in ATTACKER_NOUNS or tok.lower_ in ATTACKER_NOUNS or tok.lower_[:-1] in ATTACKER_NOUNS:
                    self.ctx.entity(key).attrs["band"] = True
                self.ctx.entity(key).attrs["document_local"] = True
                self._named_owner(tok, key)
                self._of_owner(tok, key)
                if tok.tag_ in ("NNS", "NNPS") or tok.lower_.endswith("s"):
                    self.ctx.memo["events.last_band"] = (key, tok.i)
            return key
        return self._resolved(tok)

    def _caseless(self) -> bool:
        """Whether the stored text was written in one case (lower case or capitals), where initials lose their
        capitals; cased text has some capitals and mostly small letters."""
        known = self.ctx.memo.get("events.caseless")
        if not isinstance(known, bool):
            letters = [ch for ch in self.ctx.stored if ch.isalpha()]
            upper = sum(ch.isupper() for ch in letters)
            known = not letters or upper < 0.005 * len(letters) or upper > 0.9 * len(letters)
            self.ctx.memo["events.caseless"] = known
        return known

    def _resolved(self, tok: Token) -> str | None:
        """'the group', 'it', '90 percent of members of the group': what the argument resolver reads as an actor."""
        from claimgraph.extract.nominal import ANAPHOR_NOUNS  # "the group", "the organization": the resolver's
        from claimgraph.extract.units import resolver_for  # the resolver's coreference and topic, shared

        args = resolver_for(self.ctx)
        if tok.doc is not args.doc:
            return None
        inner = [g for g in _child(tok, "prep", "of")] if _lemma(tok) in SERIES_NOUNS or tok.like_num else []
        for cand in inner or [tok]:
            referring = cand.pos_ == "PRON" or _lemma(cand) in ANAPHOR_NOUNS
            if not referring and _lemma(cand) in ("member", "members") and cand is not tok:
                return self._members(cand)
            # "the group", "it": whom they refer to; "the US government": the state it stands for (never a person:
            # "the Trump administration" acts as an office, not as the man)
            types = ("Organization", "Country", "Person") if referring else ("Country",)
            for key in args.resolve_one(cand, "agent", nominal_ok=False):
                if self.ctx.entity(self.ctx.find(key)).type in types:
                    return self.ctx.find(key)
            if cand is not tok and _lemma(cand) in ("member", "members"):
                return self._members(cand)
        return None

    def _named_owner(self, tok: Token, band: str) -> None:
        """'FMLN guerrillas', 'ELN rebels': the organisation named before the band acts too."""
        for c in tok.lefts:
            if c.dep_ not in ("compound", "nmod") or c.pos_ != "PROPN":
                continue
            hit = self.mention_key(c)
            org = hit[0] if hit and hit[1] == "Organization" else None
            if org is None and hit is None:
                span = self.phrase(c)
                org = self._add(span, "Organization") if span else None
            if org:
                self.ctx.memo.setdefault("events.member_orgs", {})[band] = org
                return

    def _of_owner(self, tok: Token, band: str) -> None:
        """'fighters of the Southern Legion', 'militants of the front', 'gunmen from the front': the organisation the
        band belongs to acts too."""
        from claimgraph.extract.nominal import ANAPHOR_NOUNS

        for org in _child(tok, "prep", "of") + _child(tok, "prep", "from"):
            hit = self.mention_key(org)
            if hit is None and _lemma(org) in ANAPHOR_NOUNS:
                # "rebels of the Al-Qaeda-linked Vesper group": the name modifying the noun
                hit = next((h for c in org.lefts if c.dep_ in ("compound", "nmod") for h in [self.mention_key(c)]
                            if h and h[1] == "Organization"), None)
            if hit and hit[1] == "Organization":
                self.ctx.memo.setdefault("events.member_orgs", {})[band] = hit[0]
                return

    def _has_name(self, tok: Token) -> bool:
        """'the salvadoran army', 'shining path front': an organisation named by its modifiers."""
        return any(c.dep_ in ("compound", "amod") for c in tok.lefts) or tok.pos_ == "PROPN"

    def _members(self, tok: Token) -> str | None:
        """'members of the FMLN': the band (Group), with the organisation as a second perpetrator."""
        span = self.phrase(tok, with_of=True)
        orgs = _child(tok, "prep", "of")
        if not span:
            return None
        key = self._add(span, "Group")
        for org in orgs:
            hit = self.mention_key(org)
            org_key = hit[0] if hit else None
            if org_key is None:
                org_span = self.phrase(org)
                org_key = self._add(org_span, "Organization") if org_span else None
            if org_key:
                self.ctx.memo.setdefault("events.member_orgs", {})[key] = org_key
        return key

    def patient(self, tok: Token, human: bool, appos: bool = True) -> str | None:
        """Entity key for a target or victim token; `human` verbs make bare names persons.

        `appos` lets a name in apposition stand for the token ("his secretary, Ronnie Moffit"); off for the items of a
        list, whose apposition is the next item."""
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if tok.lower_ in PRONOUNS or tok.pos_ == "PRON":
            return None
        lemma = _lemma(tok)
        if tok.ent_type_ == "LAW" or lemma in ABSTRACT_NOUNS and not self.mention_key(tok):
            return None  # "attacked the decision", "an attack on civil liberties": criticism in words, no violence
        if human and lemma in PUBLISHED_NOUNS:
            return None  # "released a statement", "a communique released by X": published, nobody freed
        if not human and tok.ent_type_ == "NORP" and tok.tag_ in ("NNP", "JJ"):
            from claimgraph.extract.event_owners import nation_of

            if state := nation_of(self, tok):
                return state  # "acts against Iraqi, U.S., and other targets": the nationality word's state
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children):
            return None  # "Ann Roe, whose brother was killed": someone the text does not name
        if lemma in OWNED_TARGET_NOUNS:
            owners = self.owners(tok)
            if owners:
                return owners[0]
        from claimgraph.extract.event_owners import operator  # beside this module: whose a target is

        if not human and (held := operator(self, tok)):
            return held  # "a post run by the Qassam Brigades" was the Brigades' post
        # "dozens of soldiers", "two of the tourists": a count told as a noun stands for the people it counts
        # ("thousands of people", "tens of thousands" are a war's toll, no event's victims)
        counted = tok.like_num or tok.ent_type_ == "CARDINAL" and bool(_child(tok, "prep", "of")) and not any(
            t.lower_.rstrip("s") in TOLL_MAGNITUDES for t in tok.subtree if t.ent_type_ == "CARDINAL")
        if lemma in SERIES_NOUNS or counted or any(c.dep_ == "prep" and c.lower_ == "including"
                                                   for c in tok.children):
            # "released a number of members including X": the named examples, else the counted ones
            listed = self._listed(tok, human)
            if listed:
                return listed
        if human and any(c.dep_ == "amod" and c.lower_ in ("many", "countless", "numerous") for c in tok.children):
            return None  # "they have killed many people": a toll told vaguely names no victim ("many houses" are hit)
        if lemma == "target" and not human and any(c.dep_ in ("amod", "compound") and (
                c.lower_ in TARGET_KINDS or demonym_country(c.text)) for c in tok.children):
            span = self.phrase(tok)  # "Western targets", "civilian targets": a kind of target is what was hit
            return self._add(span, "Group") if span else None
        if lemma in AREA_NOUNS and not human:
            # "struck several Hamas positions": the positions of a named body are that body's, hit; bare "positions"
            # or "the outskirts" only say where
            owned = [k for c in tok.children if c.dep_ in ("compound", "poss") for k in [self.mention_key(c)]
                     if k and k[1] in ("Organization", "Country")]
            if owned:
                return owned[0][0]
            # "attacked the town of X", "an assault on the village of Y": the settlement named is what was hit
            # ("a bomb went off in the town of X", "shelled the outskirts of Y" only say where)
            aimed_at = tok.dep_ == "dobj" or tok.dep_ == "pobj" and tok.head.lower_ in ("on", "against")
            of_place = [k for g in _child(tok, "prep", "of") for k in [self.mention_key(g)]
                        if aimed_at and lemma in SETTLEMENT_NOUNS and k and k[1] in ("Place", "Country")]
            if of_place:
                return of_place[0][0]
        if human and tok.like_num and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children):
            span = self.phrase(tok)  # "arrested the four": the people counted before, told by their number
            return self._add(span, "Group") if span else None
        if lemma in CAUSE_NOUNS or lemma in AREA_NOUNS or tok.ent_type_ in NON_FILLER_LABELS or tok.like_num \
                or lemma in VERB_TRIGGERS or lemma in NOUN_TRIGGERS:
            return None
        # "his secretary, Ronnie Moffit": the name the appositive gives is the better filler (a name itself keeps
        # its own: "General A, deputy commander, General B, ..." is a list)
        named_itself = tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"
        for c in [] if named_itself else tok.children:
            if appos and c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON" or self._name_shaped(c)):
                named = self.patient(c, human)
                if named:
                    return named
        hit = self.mention_key(tok)
        if hit and human and hit[1] in ("Organization", "Other", "Place") and lemma not in ORG_NOUNS:
            # "the assassination of archbishop romero": whoever is killed or kidnapped is a person,
            # whatever type the tagger gave the lower-cased name (a town is not killed: a surname read as one is)
            span = self.phrase(tok)
            return self._add(span, "Person") if span else hit[0]
        if hit:
            return hit[0]
        span = self.phrase(tok, with_of=lemma in ("home", "house", "office", "headquarters", "residence", "convoy", "patrol"))
        if not span:
            return None
        if lemma in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS:
            return self._counted(tok, span, "Person" if tok.tag_ in ("NN", "NNP") else "Group")
        if tok.pos_ == "PROPN" and human:
            return self._add(span, "Person")
        if tok.pos_ in ("NOUN", "PROPN") and not human:
            return self._add(span, "Other")
        return None

    def member_org(self, tok: Token) -> str | None:
        """'members of the group', '90 percent of members of the front', 'ICRC staff': the organisation they are of."""
        cur = tok
        for _ in range(3):  # "90 percent of members", "a number of leaders": down to the people counted
            if _lemma(cur) in SERIES_NOUNS or cur.like_num or _lemma(cur) in COUNT_WORDS:
                inner = _child(cur, "prep", "of")
                if not inner:
                    return None
                cur = inner[0]
                continue
            break
        if _lemma(cur) not in MEMBER_NOUNS:
            return None
        if any(c.dep_ == "appos" and (self.mention_key(c) or ("", ""))[1] == "Person" for c in cur.children):
            return None  # "the group's leader, Tomas Arn, was arrested": the man named, not his group
        owners = _child(cur, "prep", "of") + [c for c in cur.children if c.dep_ == "poss"
                                               or c.dep_ in ("compound", "nmod") and c.i < cur.i]
        for owner in owners:
            key = self.actor(owner) if owner.pos_ in ("PROPN", "PRON") or self.mention_key(owner) \
                or _lemma(owner) in ORG_NOUNS else None
            if key and self.ctx.entity(key).type == "Organization":
                return key
        return None

    def members_org(self, toks: list[Token]) -> str | None:
        """The organisation a coordinated set of people belongs to ('several leaders and members of the group')."""
        return next((k for t in toks for k in [self.member_org(t)] if k), None)

    def patients(self, tok: Token, human: bool) -> list[str]:
        """Entity keys a target or victim token stands for: the owners of 'Iraqi and U.S. targets', else one."""
        if _lemma(tok) in OWNED_TARGET_NOUNS:
            owners = self.owners(tok)
            if owners:
                return owners
        named = self._named_list(tok, human)
        if len(named) > 1:
            return named
        key = self.patient(tok, human)
        return [key] if key else []

    def _named_list(self, tok: Token, human: bool) -> list[str]:
        """'two reporters, Ana Ruiz and Marco Diaz', 'three journalists: A, a photographer, B, ... and C': every name
        the appositive list gives (the parser chains its items through appositions and conjunctions)."""
        person = tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON"
        if tok.pos_ != "NOUN" and not person:
            return []
        # "General A, deputy commander of X, General B, ...": a name heads the list and is its first item
        out: list[str] = [k for k in [self.patient(tok, human, appos=False)] if k] if person else []
        stack = [c for c in tok.children if c.dep_ == "appos"]
        while stack and len(out) < 12:
            cur = stack.pop(0)
            if cur.pos_ == "PROPN" or cur.ent_type_ == "PERSON":
                key = self.patient(cur, human, appos=False)
                if key and key not in out:
                    out.append(key)
            elif cur.pos_ != "NOUN" or _lemma(cur) not in PERSON_NOUNS and cur.lower_ not in PERSON_NOUNS:
                continue  # only a name, or a word for what the named person is ("a photographer"), carries the list on
            stack += [c for c in cur.children if c.dep_ in ("appos", "conj")]
        return out

    def owners(self, tok: Token) -> list[str]:
        """'the state's targets', 'Iraqi, U.S. and Coalition targets': the bodies the targets belong to."""
        from claimgraph.extract.event_owners import owners  # a module of its own, beside this one

        return owners(self, tok)

    def _listed(self, tok: Token, human: bool) -> str | None:
        """The first named example of a counted or listed group ('a number of members including X')."""
        from claimgraph.extract.units import resolver_for  # examples are read as the relation frames read them

        args = resolver_for(self.ctx)
        if tok.doc is not args.doc:
            return None
        for ex in args.examples(tok):
            key = self.patient(ex, human)
            if key:
                return key
        if _lemma(tok) in SERIES_NOUNS or tok.like_num or tok.ent_type_ == "CARDINAL":  # "two of the tourists"
            for inner in _child(tok, "prep", "of"):
                key = self.patient(inner, human)
                if key:
                    return key
        return None

    def _counted(self, tok: Token, span: tuple[int, int], type_: str) -> str:
        """'at least 116 people': victims keep the count the text gives as a name of theirs (an alias).

        The entity stays the bare noun's ('people'), so the same victims told with and without their count
        are one filler."""
        key = self._add(span, type_)
        count = next((c for c in tok.lefts if c.dep_ == "nummod" and (c.like_num or c.pos_ == "NUM")), None)
        if count is not None and count.left_edge.idx < span[0]:
            self.ctx.entity(key).aliases.add(self.ctx.text[count.left_edge.idx:span[1]].strip(' "\''))
        return key

    def _name_shaped(self, tok: Token) -> bool:
        """'nadine elkashes' in lower-cased text: a multi-word noun phrase of no known common noun."""
        words = [t for t in tok.lefts if t.dep_ == "compound"] + [tok]
        return len(words) >= 2 and tok.pos_ in ("NOUN", "PROPN") and not any(
            _lemma(t) in PERSON_NOUNS or t.lower_ in PERSON_NOUNS or _lemma(t) in PERP_NOUNS
            or _lemma(t) in WEAPON_NOUNS or _lemma(t) in PLACE_NOUNS for t in words)

    def weapon(self, tok: Token) -> str | None:
        """Text of a weapon phrase headed by this token."""
        measured = _lemma(tok) in MEASURE_NOUNS and any(
            _lemma(g) in WEAPON_NOUNS or g.lower_ in WEAPON_NOUNS for g in _child(tok, "prep", "of"))
        if _lemma(tok) not in WEAPON_NOUNS and tok.lower_ not in WEAPON_NOUNS and not measured:
            return None
        span = self.phrase(tok, with_of=measured)  # "500 kg of dynamite gel": the amount and the explosive
        return self.ctx.text[span[0]:span[1]] if span else None

    def _add(self, span: tuple[int, int], type_: str) -> str:
        text = self.ctx.text[span[0]:span[1]].strip(' "\'')
        return self.ctx.add_entity(text, type_)

    def sentence_weapon(self, sent: Span, trigger: Token) -> str | None:
        """A weapon named in the trigger's sentence ('... killed with machetes', 'a bomb attack')."""
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "dobj", "nsubj", "compound", "conj") and tok != trigger:
                w = self.weapon(tok)
                if w and _lemma(tok) not in ("fire", "shot", "device", "charge", "shell", "suitcase", "vest"):
                    return w
        return None

    def place(self, trigger: Token) -> dict[str, Any] | None:
        """The place the trigger happened in: a place mention or place noun after in/at/near.

        The trigger's own phrase is searched first, then the rest of its sentence.
        """
        sent = trigger.sent
        for scope in (list(trigger.subtree), [t for t in sent if t not in set(trigger.subtree)]):
            for tok in scope:
                if tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
                    continue
                hit = self.mention_key(tok)
                if hit and hit[1] in ("Place", "Country"):
                    ent = self.ctx.entity(hit[0])
                    return {"key": hit[0], "name": ent.name, "type": ent.type}
                if hit is None and _lemma(tok) in PLACE_NOUNS and tok.ent_type_ not in NON_FILLER_LABELS:
                    for named in (t for w in ("of", "in") for g in _child(tok, "prep", w) for t in [self.mention_key(g)]
                                  if t):
                        # "near the city of Deir ez-Zor": the city's name; "at a market in Orgun": the named town
                        if named[1] in ("Place", "Country"):
                            ent = self.ctx.entity(named[0])
                            return {"key": named[0], "name": ent.name, "type": ent.type}
                    span = self.phrase(tok)
                    if span:
                        return {"name": self.ctx.text[span[0]:span[1]], "type": "Place"}
        return None


def event_time(sent: Span, trigger: Token) -> dict[str, Any] | None:
    """The date said in the trigger's clause, as text with an ISO year where one is written."""
    lo, hi = trigger.left_edge.i, trigger.right_edge.i
    for ent in sent.ents:
        if ent.label_ == "DATE" and lo <= ent.start and ent.end - 1 <= hi:
            parsed = parse_time(ent.text)  # "the 1980s": 1980 to 1989, a day or month as precise as written
            if parsed:
                return dict(parsed)
            out: dict[str, Any] = {"text": ent.text}
            year = re.search(r"\b(1[89]\d\d|20\d\d)\b", ent.text)
            if year:
                out["start"] = year.group(1)
            return out
    return None

