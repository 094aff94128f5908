"""Claim extraction from dependency frames: relations between actors as a careful reader notes them."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.core.lexicon import rows, words
from claimgraph.extract import frames as F
from claimgraph.extract.context import DocContext
from claimgraph.extract.frames import Found
from claimgraph.extract.frames_org import (
    BELONG_VERBS,
    BODY_TYPES,
    DISSOLVE_VERBS,
    HOSTILE_VERBS,
    JOIN_VERBS,
    LEAD_VERBS,
    MERGE_VERBS,
    MOVE_VERBS,
    ORDER_NOUNS,
    OVERTHROW_VERBS,
    SPLIT_VERBS,
    STANCE_ADJECTIVES,
    STAND_IN_NOUNS,
    START_NOUNS,
    STAY_VERBS,
    WING_NOUNS,
    OrgFrames,
)
from claimgraph.extract.nominal import INSTITUTION_NOUNS, PEOPLE_NOUNS, demonym_of
from claimgraph.extract.noun_frames import QUANT_NOUNS
from claimgraph.extract.structure import Layout, layout_of
from claimgraph.extract.timeinfo import parse_time
from claimgraph.extract.units import Unit, has_mention, record, resolver_for, units_of
from claimgraph.plugins import hookimpl

WANT_VERBS = words("claims_want_verbs")
DATE_LABELS = {"DATE"}
# participles that say who holds a territory ("the Gaza Strip, run by Hamas"): the holder is based there
RULED_VERBS = {"run", "rule", "control", "govern", "administer"}
GROUP_NOUNS = words("entity_group_nouns")
IDEOLOGY_WORDS = words("claims_ideology_words")
# role noun -> (predicate, whether a country can be what the holder leads)
# founding verbs that also say a body came into being with no object ("X formed in 1990")
INTRANSITIVE_FOUND = {"form"}
# verbs whose object a body wants to bring about, under a wish ('sought to create', 'with the aim of restoring')
AIM_VERBS = {"create", "establish", "promote", "restore", "build", "install", "impose", "found", "replace"}
ORG_TRIGGERS = (WING_NOUNS | START_NOUNS | LEAD_VERBS | HOSTILE_VERBS | OVERTHROW_VERBS | JOIN_VERBS | MERGE_VERBS
                | DISSOLVE_VERBS
                | MOVE_VERBS | STAY_VERBS | {"leadership"} | AIM_VERBS | BELONG_VERBS | SPLIT_VERBS | ORDER_NOUNS
                | {"threat"} | set(STANCE_ADJECTIVES))
AIM_NOUNS = words("claims_aim_nouns")
# nouns and verbs that make what follows a goal ('the aim of restoring', 'claims to promote')
GOAL_NOUNS = {"aim", "goal", "objective", "purpose", "intention", "ambition"}
GOAL_VERBS = WANT_VERBS | {"claim", "fight", "struggle", "aim", "hope"}
# "X succeeded/replaced Z as head of Y": the subject takes the office, not the one succeeded
SUCCESSION_VERBS = {"succeed", "replace"}
LEADER_NOUNS = {r["noun"]: (r["predicate"], r["countries"] == "yes") for r in rows("claims_leader_nouns")}


class FrameExtractor(OrgFrames):
    """Runs every frame over the sentences that hold a trigger word and at least one mention."""

    name = "claims.frames"
    requires = ("entities", "aliases", "coref")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Add claims for every frame that finds its arguments."""
        layout: Layout = layout_of(ctx)
        self.ctx = ctx
        for unit in list(units_of(ctx)):
            if layout.is_heading(unit.start_char) or layout.is_footnote(unit.start_char):
                continue
            triggers = self.triggers(unit)
            if not triggers:
                continue
            if not has_mention(ctx, unit) and not any(t.lemma_.lower() == "suspect" for t in triggers):
                continue  # a frame needs a name, but a suspicion may be told of unnamed men and an unnamed cell
            self.args = resolver_for(ctx, unit)
            for tok in triggers:
                for found in self.frames(tok):
                    record(ctx, found, unit, self.name)

    @staticmethod
    def triggers(unit: Unit) -> list[Token]:
        """Words of a unit that can open a frame."""
        return [t for t in unit.tokens if t.lemma_.lower() in F.TRIGGER_LEMMAS or t.lower_ in F.TRIGGER_LEMMAS
                or t.pos_ == "NOUN" and t.lemma_.lower() in GROUP_NOUNS or role_of(t) is not None
                or t.lemma_.lower() in ORG_TRIGGERS or t.lemma_ in ("operate", "active")
                or t.lemma_ in RULED_VERBS and t.dep_ in ("acl", "advcl")]

    # ------------------------------------------------------------ dispatch
    def frames(self, tok: Token) -> list[Found]:
        """All claims one trigger word opens."""
        lemma = tok.lemma_.lower()
        out: list[Found] = []
        if tok.lower_ in F.SURFACE_VERBS and tok.pos_ not in ("VERB", "AUX"):
            out += self.surface_verb(tok)
        if lemma in F.MEMBER_NOUNS and tok.pos_ == "NOUN":
            out += self.member_examples(tok)
        if tok.pos_ == "NOUN":
            out += self.suspected_members(tok)
        if lemma == "suspect" and tok.pos_ == "VERB":
            out += self.suspected_of(tok)
        if lemma in STAND_IN_NOUNS and tok.pos_ == "ADJ" and tok.dep_ == "amod":
            out += self.wing(tok)  # "a front group for Y": the tagger reads "front" as an adjective
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            if lemma in F.FOUND_VERBS:
                out += self.founding(tok) + self.set_up_place(tok)
            if lemma in F.BASED_VERBS or lemma == "operate" or tok.lower_ in ("based", "headquartered", "stationed") \
                    or tok.lower_ == "active" and tok.dep_ in ("acomp", "amod"):
                out += self.based(tok)
            # "X was close to Y", "a commander close to the chief negotiator": ties, as "tied to" tells them
            if lemma in ("tie", "link", "connect") or tok.lower_ in F.TIE_PARTICIPLES \
                    or lemma == "close" and tok.pos_ == "ADJ":
                out += self.tied_participle(tok)
            if lemma in RULED_VERBS and tok.dep_ in ("acl", "advcl"):
                out += self.ruled_place(tok)
            if lemma in LEAD_VERBS and tok.pos_ == "VERB":
                out += self.led_by(tok)
            if lemma in HOSTILE_VERBS and tok.pos_ == "VERB":
                out += self.hostile_verb(tok)
            if lemma in STANCE_ADJECTIVES and tok.pos_ == "ADJ":
                out += self.stance_adjective(tok)
            if lemma in OVERTHROW_VERBS and tok.pos_ == "VERB":
                out += self.overthrow_verb(tok)
            if lemma in JOIN_VERBS and tok.pos_ == "VERB":
                out += self.joined(tok)
            if lemma in MERGE_VERBS and tok.pos_ == "VERB":
                out += self.merged(tok)
            if lemma in DISSOLVE_VERBS and tok.pos_ == "VERB":
                out += self.dissolved(tok)
            if lemma in MOVE_VERBS | STAY_VERBS and tok.pos_ == "VERB":
                out += self.moved(tok)
            if lemma in F.VERB_FRAMES and tok.pos_ != "ADJ":
                out += self.verb_frame(tok)
            if lemma in AIM_VERBS and tok.pos_ == "VERB":
                out += self.aim(tok)
            if lemma in BELONG_VERBS and tok.pos_ == "VERB":
                out += self.belonged(tok)
            if lemma in SPLIT_VERBS and tok.pos_ == "VERB":
                out += self.split_off(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            if lemma in F.TIE_NOUNS:
                out += self.ties(tok)
            if lemma in F.AGREEMENT_NOUNS:
                out += self.agreement(tok)
            if lemma in F.HOSTILITY_NOUNS:
                out += self.hostility(tok)
            if lemma in F.OVERTHROW_NOUNS:
                out += self.overthrow(tok)
            if lemma in F.SUPPORT_NOUNS:
                out += self.support_noun(tok)
            if lemma in F.SUPPORTER_NOUNS:
                out += self.supporter(tok)
            if lemma in WING_NOUNS and tok.pos_ == "NOUN":
                out += self.wing(tok)
            if lemma in START_NOUNS:
                out += self.inception(tok)
            if lemma == "leadership":
                out += self.leadership(tok)
            if lemma in ORDER_NOUNS:
                out += self.orders_from(tok)
            if lemma == "threat":
                out += self.threats_received(tok)
            if lemma in F.BASE_NOUNS:
                out += self.base_noun(tok)
            if lemma in F.IDEOLOGY_NOUNS:
                out += self.ideology(tok)
            if lemma in GROUP_NOUNS and tok.pos_ == "NOUN":
                out += self.ideology_modifiers(tok) + self.group_in(tok)
            if role_of(tok) is not None:
                out += self.role_noun(tok)
        if out and F.irrealis(tok):
            out = [f for f in out if f.predicate in ("opposes", "requested", "ideology")]
        return out

    # ------------------------------------------------------------ surface rescues
    def surface_verb(self, tok: Token) -> list[Found]:
        """'Mossad, Shin Bet, and Shabak train MKO members': a verb the tagger read as a noun."""
        doc = tok.doc
        if tok.i == 0 or tok.i + 1 >= len(doc) or self.args.entity_at(tok) is not None:
            return []
        subjects: list[str] = []
        j = tok.i - 1
        while j >= 0:
            key = self.args.entity_at(doc[j])
            if key is not None:
                if key not in subjects:
                    subjects.insert(0, key)
                j -= 1
            elif doc[j].lower_ in (",", "and", "&") and subjects:
                j -= 1
            else:
                break
        k = tok.i + 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        obj = self.args.entity_at(doc[k]) if k < len(doc) else None
        if not subjects or obj is None or j >= 0 and doc[j].pos_ in ("ADP", "VERB"):
            return []
        return self.pairs(F.SURFACE_VERBS[tok.lower_], tok, self.actors(subjects), self.actors([obj]))

    def member_examples(self, noun: Token) -> list[Found]:
        """'a number of MKO members including Massoud Rajavi' -> Rajavi member_of MKO."""
        examples = self.args.examples(noun)
        if not examples:
            return []
        orgs = [k for o in self.args.owner_tokens(noun) if o.dep_ != "amod"
                for k in self.args.resolve(o, "agent", nominal_ok=False) if self.args.etype(k) == "Organization"]
        people = [k for e in examples for k in self.args.resolve(e, "agent", nominal_ok=False)
                  if self.args.etype(k) == "Person"]
        pred = F.MEMBER_NOUNS[noun.lemma_.lower()]
        if pred == "founded_by":
            return self.pairs(pred, noun, orgs[:1], people)
        return self.pairs(pred, noun, people, orgs[:1])

    # ------------------------------------------------------------ verb frames
    def verb_frame(self, verb: Token) -> list[Found]:
        """Subject-verb-object frames ('French officials shut MKO offices', passive turned around)."""
        lemma = verb.lemma_.lower()
        pred, slots = F.VERB_FRAMES[lemma]
        if lemma in ("free", "close", "shut") and verb.tag_ == "JJ":
            return []
        if lemma == "call" and not F.prep_objects(verb, "on"):
            return []
        if lemma in ("provide", "supply") and not F.prep_objects(verb, "with"):
            return []  # "provided Hezbollah with weapons" is support; "provided details" is not
        if lemma in ("work",) and not F.prep_objects(verb, "with", "for"):
            return []
        agent = F.agent_of(verb)
        patients = F.patients_of(verb, slots)
        if lemma == "oppose" and F.is_passive(verb) and not list(F.children(verb, "agent")):
            # "was opposed to X" is a state of the subject, not a passive
            agent = next(F.children(verb, "nsubj", "nsubjpass"), None) or F.left_subject(verb)
            patients = F.prep_objects(verb, "to")
        subj = self.actors(self.keys(agent, "agent"))
        if not subj and pred in ("restricted", "designated_terrorist", "expelled") and F.is_passive(verb):
            # "Hezbollah was banned in Germany": the state where it was banned did the banning
            subj = [k for p in F.prep_objects(verb, "in") for k in self.keys(p, "agent", False)
                    if self.args.etype(k) == "Country"]
        if lemma == "work":  # a person working for a body is employment, not collaboration
            subj = [k for k in subj if self.args.etype(k) != "Person"]
        objs: list[str] = []
        for p in patients:
            objs += self.keys(p, "patient")
        if lemma == "serve":
            objs = [o for o in objs if self.args.etype(o) in ("Organization", "Country", "Group")]
        objs = self.actors(objs) if pred not in ("restricted",) else objs
        quals: dict[str, object] = {}
        place = self.place_of(verb)
        if place and pred in ("attacked", "bombed", "assassinated", "killed", "arrested", "released"):
            quals["place"] = place
        weapon = self.weapon_of(verb) if pred in ("attacked", "bombed", "assassinated", "killed") else None
        if weapon:
            quals["weapon"] = weapon
        return self.pairs(pred, verb, subj, objs, **quals)

    def weapon_of(self, verb: Token) -> str | None:
        """'with rockets', 'using a car bomb': the instrument of an attack, as text."""
        tools = [p for p in F.prep_objects(verb, "with") if self.args.entity_at(p) is None]
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp", "acl") and c.lemma_.lower() in ("use", "employ", "fire"):
                tools += [d for d in c.children if d.dep_ == "dobj"]
        for t in tools:
            if t.pos_ in ("NOUN", "PROPN"):
                start, end = self.args.np_text(t, with_of=False)
                return self.ctx.text[start:end]
        return None

    def place_of(self, verb: Token) -> dict[str, str] | None:
        """'in Iran' attached to an event verb, as an entity reference."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for p in F.prep_objects(verb, "in", "at") + [q for o in objects for q in F.prep_objects(o, "in", "at")]:
            key = self.args.entity_at(p)
            if key and self.args.etype(key) in ("Country", "Place"):
                ent = self.ctx.entity(key)
                return {"key": key, "name": ent.name, "type": ent.type}
        return None

    def founding(self, verb: Token) -> list[Found]:
        """'The group was established in 1965 by ... X, Y and Z' -> founded_in, founded_by x3."""
        if verb.lemma_.lower() == "set" and not any(c.lower_ == "up" for c in verb.children):
            return []
        passive = F.is_passive(verb)
        org_toks = list(F.children(verb, "nsubjpass")) if passive else list(F.children(verb, "dobj"))
        if passive and not org_toks and verb.dep_ == "conj" and verb.head.tag_ != "VBN":
            org_toks = list(F.children(verb.head, "nsubj", "nsubjpass"))  # "X is a party and was founded by Y"
        elif verb.lemma_.lower() in INTRANSITIVE_FOUND and not passive and not any(F.children(verb, "dobj")) \
                and verb.tag_ != "VBN":
            org_toks = list(F.children(verb, "nsubj"))  # "The group formed in the early 1990s as ..."
        org_toks = [t for t in org_toks if t.lemma_.lower() not in F.TIE_NOUNS]
        # "Its offshoot, Kahane Chai, was founded by ...": the name in apposition to a noun that names nobody
        org_toks += [a for t in org_toks if self.args.entity_at(t) is None for a in F.children(t, "appos")
                     if self.args.entity_at(a) is not None]
        participle = not org_toks and verb.tag_ == "VBN"
        if participle:  # "Founded in 1976, the LTTE ...", "a group formed in 1964"
            org_toks = self.participle_holders(verb)
        orgs: list[str] = []
        for t in org_toks:
            for key in self.fragment_topic(t) or self.keys(t, "agent", nominal_ok=False) or self.group_anaphor(t):
                if self.args.etype(key) in ("Organization", "Group"):
                    orgs.append(key)
        if not orgs:
            return []
        out: list[Found] = []
        founder_root = next((p for c in F.children(verb, "agent") for p in c.children if p.dep_ == "pobj"),
                            None) if passive or participle else F.agent_of(verb)
        if founder_root is not None:
            founders = [k for k in self.named_in(founder_root) if self.args.etype(k) == "Person"]
            if not founders and founder_root.lemma_.lower() in PEOPLE_NOUNS | QUANT_NOUNS:
                # "founded by a group of leftist students": people named by what they were, as one group
                founders = [k for k in self.keys(founder_root, "agent", nominal_ok=False)
                            if self.args.etype(k) == "Group" and self.ctx.entity(k).name.split()[-1].lower().rstrip("s")
                            in {n.rstrip("s") for n in PEOPLE_NOUNS}]
            for org in orgs:
                out += [Found(org, "founded_by", p, verb) for p in founders]
        for date_tok in F.prep_objects(verb, "in", "on", "during"):
            when = parse_time(verb.doc[date_tok.left_edge.i: date_tok.right_edge.i + 1].text)
            if when and when.get("start"):
                for org in orgs:
                    out.append(Found(org, "founded_in", ("date", when["text"]), verb, qualifiers={"time": when}))
        return out

    def named_in(self, root: Token) -> list[str]:
        """Entities a phrase names, leaving out its relative clauses ('students who opposed the king'), but
        not the people a reduced 'led by' clause names as the phrase's own heads ('students led by X')."""
        skip: set[int] = set()
        for t in root.subtree:
            kin = t.head.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.head.i == root.i or \
                t.head.i == root.i and root.pos_ == "NOUN" and any(self.args.entity_at(a) for a in F.children(root, "appos"))
            if t.dep_ == "poss" and kin:
                skip |= {x.i for x in t.subtree}  # "X's son Y": Y, not the one whose son he is
            if t.i != root.i and t.dep_ in ("relcl", "acl", "advcl") and t.i not in skip:
                if t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in ("head", "lead") and \
                        any(c.dep_ == "agent" for c in t.children):
                    continue
                skip |= {x.i for x in t.subtree}
        keys = [self.args.entity_at(t) for t in root.subtree if t.i not in skip]
        return list(dict.fromkeys(k for k in keys if k))

    def ideology_modifiers(self, noun: Token) -> list[Found]:
        """'a Colombian Marxist-Leninist group', 'X, a Sunni Salafi militant organization' -> ideology."""
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i
                and _ideology_word(c)]
        if not mods:
            return []
        holders: list[Token] = []
        subj = F.copula_subject(noun)
        if subj is not None:
            holders.append(subj)
        elif noun.dep_ == "appos":
            holders.append(noun.head)
        elif self.args.entity_at(noun) is not None:
            holders.append(noun)  # "the Islamist Hamas movement"
        elif noun.dep_ == "ROOT":
            topic = self.args.topic_org(noun.i) or self.title_org()
            if topic is None:
                return []
            return [Found(topic, "ideology", ("text", v), noun, confidence=0.55) for v in _ideology_values(mods)]
        keys = [k for h in holders for k in self.keys(h, "agent", nominal_ok=False)
                if self.args.etype(k) in ("Organization", "Group")]
        return [Found(k, "ideology", ("text", v), noun, confidence=0.6) for k in keys for v in _ideology_values(mods)]

    def role_noun(self, noun: Token) -> list[Found]:
        """'X, the founder and leader of Y', 'Y's founder, X', 'X is the head of Y' -> founded_by / leader_of."""
        role = role_of(noun)
        if role is None:
            return []
        pred, countries = role
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        bodies = F.prep_objects(noun, "of") + [c for c in noun.children if c.dep_ == "poss"]
        if not bodies:  # "the founder and leader of Y": the body hangs on the last conjunct
            for c in [first, *first.conjuncts]:
                bodies += F.prep_objects(c, "of") if c.i > noun.i or c is first else []
        allowed = ("Organization", "Group", "Country") if countries else ("Organization", "Group")
        titled = first
        while titled.dep_ == "compound" and titled.head.i != titled.i:
            titled = titled.head  # "Iraqi Prime Minister Nuri al-Maliki": the title's holder is the name
        # "a FARC commander", "the PSNI chief", "Afghan President X": the body named before the title
        mods = [c for t in {noun, titled} for c in t.children if c.i < noun.i and c.dep_ in ("compound", "amod", "nmod")]
        # the body itself, not the owner of a part of it ("head of the ministry's ordnance department")
        # a nationality word names no body ("a Polish king and leader", "the Russian military leader X")
        orgs = [k for b in bodies for k in [self.args.entity_at(b)] if k and self.args.etype(k) in allowed
                and not self.ctx.entity(k).attrs.get("nationality")]
        orgs += [k for c in mods if self.args.entity_at(c) for k in [self.args.entity_at(c)]
                 if k and self.args.etype(k) in allowed and k not in orgs
                 and not self.ctx.entity(k).attrs.get("nationality")]
        if not orgs and pred == "leader_of":  # "Parliament Speaker X": an institution named by its common noun
            orgs += [self.args.nominal(c, "Organization") for c in mods if c.dep_ == "compound" and c.pos_ != "PROPN"
                     and self.args.entity_at(c) is None and c.lemma_.lower() in INSTITUTION_NOUNS]
        if countries:
            orgs += [self.args.country(country) for c in mods if c.dep_ == "amod" and self.args.entity_at(c) is None
                     for country in [demonym_of(c.text)] if country]
        if not orgs:
            return []
        holder: Token | None = None
        listed = False  # "Its founders were A and B", "Y's leaders included A": every person the phrase names
        if titled is not first and self.args.entity_at(titled) is not None:
            holder = titled
        elif first.dep_ == "appos":
            holder = first.head
        elif first.dep_ in ("attr", "acomp"):
            holder = F.copula_subject(first) or F.agent_of(first.head)
        elif first.dep_ == "nsubj" and first.head.lemma_ in ("be", "include") and any(c.dep_ in ("det", "poss")
                                                                                     for c in first.children):
            # "Y's leader since 2004 has been X", "its founders were students led by A and B"
            holder = next(F.children(first.head, "attr", "dobj"), None)
            listed = True
        elif first.dep_ == "pobj" and first.head.lower_ == "as" and first.head.head.pos_ in ("VERB", "AUX"):
            # "X took over as leader of Y", "X succeeded Z as head of Y"; "they named X as head of Y": the one named
            verb = first.head.head
            named = next(F.children(verb, "dobj"), None)
            if F.is_passive(verb) or verb.tag_ == "VBN" and verb.dep_ == "acl":
                # "X was elected as head of Y", "a group founded by Z as a member of Y": what the passive is about
                named = next(F.children(verb, "nsubjpass"), None) or (verb.head if verb.dep_ == "acl" else None)
                holder = named
            else:
                holder = F.agent_of(verb) if named is None or verb.lemma_ in SUCCESSION_VERBS else named
        else:
            holder = next((c for c in first.children if c.dep_ == "appos"), None)
            if holder is not None and any(role_of(a) is not None and F.prep_objects(a, "of", "for")
                                          for a in F.children(holder, "appos")):
                return []  # "a NATO official, X, a spokesman for Y": X's own title follows; the first is another's
        if holder is None:
            return []
        found = self.named_in(holder) if listed else self.args.resolve_one(holder, "agent", nominal_ok=False)
        people = [k for k in found if self.args.etype(k) == "Person"]
        if pred == "founded_by":
            return self.pairs(pred, noun, orgs, people)
        if pred == "leader_of" and any(c.lower_ in ("deputy", "vice", "assistant") for c in noun.children):
            pred = "member_of"  # "the deputy leader of X" is a member, not the leader
        return self.pairs(pred, noun, people, [o for o in orgs if pred == "leader_of" or self.args.etype(o) != "Country"])

    def based(self, verb: Token) -> list[Found]:
        """'The group, still based in Iraq, ...' and 'X is headquartered in Y'."""
        pred = {"based": "based_in", "headquartered": "headquarters_in", "stationed": "based_in"}.get(
            verb.lower_, F.BASED_VERBS.get(verb.lemma_.lower(), "based_in"))
        if verb.dep_ == "amod" and verb.lower_ == "based":  # "a Pakistan-based group", "the British-based X"
            return self.based_modifier(verb)
        active = verb.lower_ == "active"  # "X is active in Y", "a group active in Y": as 'operates in'
        if verb.dep_ == "acl" or active and verb.dep_ == "amod":
            holder: Token | None = verb.head
            if verb.head.dep_ == "attr":  # "X is a militant group based in Y"
                holder = F.copula_subject(verb.head) or verb.head
        elif F.is_passive(verb):
            holder = next(F.children(verb, "nsubjpass"), None)
        elif verb.dep_ in ("acomp", "oprd") or verb.head.lemma_ == "be":
            holder = next(F.children(verb.head, "nsubj"), None)
        else:
            holder = next(F.children(verb, "nsubj", "nsubjpass"), None)
        if holder is not None:
            holder = self.described(F.antecedent(holder))  # "X, an organization that operates in Y"
        # a participle after a coordination describes its nearest noun only ("X and the unit stationed in Y")
        found = self.args.resolve_one(holder, "agent", nominal_ok=False) if verb.dep_ == "acl" and holder is not None \
            else self.keys(holder, "agent", nominal_ok=False)
        subj = [k for k in found if self.args.etype(k) in ("Organization", "Group")]
        if active and verb.dep_ == "amod":
            # "another Baloch group active in X": only a named body, not the people word that describes one
            subj = [k for k in subj if self.args.etype(k) == "Organization" and not any(
                c.dep_ == "det" and c.lower_ in ("another", "other") for c in verb.head.children)]
        places: list[str] = []
        where = F.prep_objects(verb, "in", "at")
        if active and verb.dep_ == "acomp":
            where += F.prep_objects(verb.head, "in")  # "X is active in Y": the parser hangs the place on the copula
        for p in where:
            # "in the province of Sistan": the named place inside a place noun
            places += self.keys(p, "patient", nominal_ok=False) or [
                k for q in F.prep_objects(p, "of") for k in self.keys(q, "patient", nominal_ok=False)]
        places = [k for k in places if self.args.etype(k) in ("Country", "Place")]
        return self.pairs(pred, verb, subj, places)

    def ruled_place(self, verb: Token) -> list[Found]:
        """'the Gaza Strip, run by Hamas', 'a province controlled by the group' -> the group based_in the place."""
        place: Token | None = verb.head
        if verb.dep_ == "advcl":  # a reduced relative the parser hung on the verb: the noun before its comma
            before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 1 else None
            noun = verb.doc[before.i - 1] if before is not None and before.text == "," else None
            place = noun if noun is not None and noun.pos_ in ("PROPN", "NOUN") and noun.right_edge.i == noun.i \
                and not any(F.children(verb, "nsubj", "nsubjpass")) and verb.tag_ == "VBN" else None
        if place is None:
            return []
        places = [k for k in self.args.resolve_one(place, "patient", nominal_ok=False)
                  if self.args.etype(k) in ("Country", "Place")]
        holders = [k for a in F.prep_objects(verb, "by") for k in self.keys(a, "agent", nominal_ok=False)
                   if self.args.etype(k) in ("Organization", "Group")]
        return self.pairs("based_in", verb, holders, places)

    def based_modifier(self, based: Token) -> list[Found]:
        """'TTP is a Pakistan-based organization', 'the British-based Observatory' -> based_in."""
        holder = self.described(based.head)
        subj = [k for k in self.keys(holder, "agent", nominal_ok=False) if self.args.etype(k) in ("Organization", "Group")]
        places: list[str] = []
        for c in based.children:
            if c.dep_ not in ("npadvmod", "compound", "nmod", "amod") or c.i > based.i:
                continue
            key = self.args.entity_at(c)
            country = demonym_of(c.text) if key is None else None
            if country:
                key = self.args.country(country)
            if key is not None and self.args.etype(key) in ("Country", "Place"):
                places.append(key)
        return self.pairs("based_in", based, subj, places)

    def aim(self, verb: Token) -> list[Found]:
        """'X sought to create an independent state', 'founded X with the aim of restoring Greater Israel', 'tried
        to oust the government and replace it with communist rule' -> X ideology (the aim's words)."""
        first = verb
        while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.head.i != first.i:
            first = first.head  # "to overthrow the regime and establish a democracy": the wish is the first verb's
        head = first.head
        wished = first.dep_ == "xcomp" and head.lemma_.lower() in GOAL_VERBS or (
            first.dep_ == "pcomp" and head.lower_ in ("of", "at") and head.head.lemma_.lower() in GOAL_NOUNS)
        if not wished:
            return []
        objs = F.prep_objects(verb, "with") if verb.lemma_.lower() == "replace" else list(F.children(verb, "dobj"))
        values: list[str] = []
        for obj in objs:
            place = self.args.entity_at(obj) is not None and self.args.etype(self.args.entity_at(obj) or "") in (
                "Place", "Country")
            named = place or obj.pos_ == "PROPN"  # "restoring Greater Israel": a land to bring back
            if obj.lemma_.lower() not in AIM_NOUNS and not (named and verb.lemma_.lower() == "restore"):
                continue
            words_ = [t for t in obj.doc[obj.left_edge.i: obj.i + 1] if t.pos_ not in ("DET", "PRON", "PUNCT")]
            if words_:
                values.append(obj.doc[words_[0].i: obj.i + 1].text)
        if not values:
            return []
        agent = F.agent_of(first)
        if agent is None and head.dep_ == "acl":  # "X was a coalition seeking to establish ...": the coalition's
            agent = self.described(head.head)
        bodies = [k for k in self.keys(agent, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        doer = F.clause_verb(head) if first.dep_ == "pcomp" else None
        if not bodies and doer is not None and doer.lemma_.lower() in F.FOUND_VERBS:
            # "Kahane founded Kach with the aim of ...": the aim is the founded body's
            bodies = [k for t in F.children(doer, "dobj") for k in self.keys(t, "patient", nominal_ok=False)
                      if self.args.etype(k) in BODY_TYPES]
        return [Found(b, "ideology", ("text", v), verb, confidence=0.55) for b in dict.fromkeys(bodies) for v in values]

    def tied_participle(self, verb: Token) -> list[Found]:
        """'An espionage network tied to Israel's Mossad', 'X is linked to Y', 'X was close to Y', 'X is allied with
        Y' (allied_with)."""
        holder = verb.head if verb.dep_ in ("acl", "amod") else (
            next(F.children(verb, "nsubjpass", "nsubj"), None) or F.copula_subject(verb))
        if holder is not None and holder.dep_ == "appos" and self.args.entity_at(holder) is None:
            holder = holder.head  # "X, a commander close to Y": the name the description is set beside
        subj = self.actors(self.keys(holder, "agent", nominal_ok=False))
        # "close to the rebel negotiator Ivo Brandt": the name set beside the noun
        told = [t for p in F.prep_objects(verb, "to", "with") for t in [p, *F.children(p, "appos")]]
        objs = self.actors(list(dict.fromkeys(k for p in told for k in self.keys(p, "patient", False))))
        if verb.dep_ == "amod" and not objs:  # "the al-Qaeda-linked group": the body named before the participle
            objs = self.actors([k for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < verb.i
                                for k in [self.args.entity_at(c)] if k is not None])
        return self.pairs(F.TIE_PARTICIPLES.get(verb.lower_, "tied_to"), verb, subj, objs)


def role_of(noun: Token) -> tuple[str, bool] | None:
    """The leader noun a token is ('prime minister' read with its compound), or None."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = noun.lemma_.lower()
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    if before is not None and before.head.i == noun.i and before.dep_ in ("compound", "amod"):
        two = LEADER_NOUNS.get(f"{before.lower_} {lemma}")
        if two is not None:
            return two  # "prime minister"
    return LEADER_NOUNS.get(lemma)


def _ideology_word(tok: Token) -> bool:
    """True for 'Marxist', 'far-right', 'Marxist-Leninist' (a hyphenated word split by the tokenizer, kept whole
    or in pieces: 'far - right' read as 'right' with its left words)."""
    parts = re.split(r"[-–]", tok.lower_)
    if tok.lower_ in IDEOLOGY_WORDS or all(p in IDEOLOGY_WORDS for p in parts if p) and any(parts):
        return True
    whole = tok.doc[tok.left_edge.i: tok.i + 1].text.lower()
    return tok.left_edge.i < tok.i and whole in IDEOLOGY_WORDS


def _ideology_values(mods: list[Token]) -> list[str]:
    """The text of a run of ideology modifiers, with the words and hyphens that join them."""
    doc = mods[0].doc
    lo, hi = min(m.left_edge.i for m in mods), max(m.i for m in mods)
    while lo < hi and not _ideology_word(doc[lo]) and doc[lo].pos_ in ("DET", "ADJ", "PROPN", "PUNCT"):
        lo += 1
    return [doc[lo:hi + 1].text]


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [FrameExtractor()]
