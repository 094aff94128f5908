"""Frames about how an organisation is built: its wings and offshoots, who leads it ('led by', 'under the
leadership of'), when it began ('since its inception in 2003'), and the helpers that find whom a participle or
a fact sheet's fragment describes."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.core.lexicon import mapping, words
from claimgraph.extract import frames as F
from claimgraph.extract.context import DocContext
from claimgraph.extract.frames import Found
from claimgraph.extract.noun_frames import RECEIVE_VERBS, NounFrames
from claimgraph.extract.timeinfo import parse_time

GROUP_NOUNS = words("entity_group_nouns")
# nouns for a body that is part of, or grew out of, another ("the armed wing of X", "its offshoot, Y")
WING_NOUNS = words("claims_frames_wing_nouns")
# of these, the ones that also name everyday things: only a modifier makes them a body ("the political arm")
WING_NEEDS_KIND = {"arm", "branch"}
# the wing nouns whose parent may follow 'for' ("a front for Y", "a cover for Y")
STAND_IN_NOUNS = {"front", "cover", "proxy", "alias"}
# verbs whose by-agent (or subject) leads the body ('led by X', 'X heads the council')
LEAD_VERBS = {"lead", "head", "command", "chair"}
# nouns for a body's beginning: 'since its inception in 2003', 'the group's founding in 1990'
START_NOUNS = words("claims_frames_start_nouns")
# verbs of open hostility towards their object ('KC harassed and threatened Arabs', 'threatened to attack X')
HOSTILE_VERBS = words("claims_frames_hostile_verbs")
# adjectives of a stance towards whom follows 'to'/'towards' ('has long been hostile to X'): adjective -> predicate
STANCE_ADJECTIVES = mapping("claims_frames_stance_adjectives")
# verbs that remove a ruler or regime from power: wanting or trying it is opposition ('tried to oust the government')
OVERTHROW_VERBS = words("claims_frames_overthrow_verbs")
# verbs that make their subject part of the body they name ('X joined the Taliban in 1995')
JOIN_VERBS = {"join", "enter", "rejoin"}
# verbs that fuse or tie their subject with the body after 'with' ('X formally merged with al-Qaeda')
MERGE_VERBS = {"merge", "unite", "amalgamate"}
# verbs of a body's end ("X was dissolved in 2019", "X disbanded in 1998", "the court disbanded X in 2001")
DISSOLVE_VERBS = {"dissolve", "disband"}
# verbs of a body moving its seat ('members of X fled to Iraq in the 1980s') or keeping it ('X remains in Y')
MOVE_VERBS = {"flee", "relocate", "move", "retreat", "withdraw", "escape"}
STAY_VERBS = {"remain", "stay"}
# verbs that make their subject one of the body after 'to' ('the gunmen belonged to X')
BELONG_VERBS = {"belong"}
# verbs of a body leaving the one it grew out of ('X split from Y', 'broke away from Y'): an offshoot's tie
SPLIT_VERBS = {"split", "break", "splinter", "secede", "defect"}
# nouns for what a body is told to do by another ('receives orders from X'), taken with a receiving verb
ORDER_NOUNS = {"order", "instruction", "directive", "command", "direction", "guidance"}
# what a threat endangers: the people it names are the ones threatened ('threatened the lives of X')
ENDANGERED_NOUNS = {"life", "safety", "security", "family"}
# nouns for the people of a body: where they all go, the body goes ('members of X', 'X fighters')
MEMBER_NOUNS = {"member", "fighter", "militant", "cadre", "leadership", "leader"}
BODY_TYPES = ("Organization", "Group")
# adjectives that make a membership the claim itself ('four suspected members of X'): one home with the hedge cues
SUSPICION_ADJECTIVES = words("scope_hedge_adjectives")
# what one is suspected of being to a body ('suspected of being part of X', '... of being members of X')
PART_NOUNS = {"part", "member", "members", "cell", "wing", "faction"}
# the people nouns a suspicion can make members ('suspected members', 'alleged militants', 'ETA suspects')
SUSPECTED_NOUNS = {k for k, v in F.MEMBER_NOUNS.items() if v == "member_of"} | {"militant", "suspect"}


class OrgFrames(NounFrames):
    """Frames on an organisation's parts, heads and beginning, over the unit's resolver."""

    # ------------------------------------------------------------ whom a phrase describes
    def described(self, noun: Token) -> Token:
        """The name a description stands for: 'X, a group ...' and 'X is a group ...' give X."""
        if self.args.entity_at(noun) is not None:
            return noun
        if noun.dep_ == "appos":
            return noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("attr", "acomp"):
            # "X is one of the groups ...", "X is the name of a cult ...": the subject of the copula
            return F.copula_subject(noun.head.head) or noun
        return F.copula_subject(noun) or noun

    def participle_holders(self, verb: Token) -> list[Token]:
        """Whom a participle without a subject describes: the clause's subject ('Founded in 1976, the LTTE
        is'), the noun it hangs from ('a group formed in 1964'), through 'is a' and appositions."""
        cur = verb
        while cur.dep_ == "conj" and cur.head.tag_ == "VBN" and cur.head.i != cur.i:
            cur = cur.head  # "established and led by": the first participle tells where it hangs
        if cur.dep_ == "advcl":
            found = list(F.children(cur.head, "nsubj", "nsubjpass"))
            return found if any(self.keys(t, "agent", nominal_ok=False) for t in found) else \
                found + self.after_opening(cur)
        if cur.dep_ == "ROOT":
            return self.after_opening(cur)
        if cur.dep_ != "acl":
            return []
        head = cur.head
        if head.dep_ == "attr":
            subj = F.copula_subject(head)
            return [subj] if subj is not None else []
        if head.dep_ == "appos":
            return [head.head, head]
        return [head]

    def after_opening(self, verb: Token) -> list[Token]:
        """'Formed in 1975 and led by X, 17N conducted ...': the parser lost the clause an opening participle
        describes; the body named right after one of its commas is that clause's subject."""
        doc, sent = verb.doc, verb.sent
        if verb.tag_ != "VBN" or any(not t.is_space and not t.is_punct for t in doc[sent.start: verb.i]):
            return []
        for j in range(verb.i + 1, min(verb.i + 40, sent.end - 1)):
            if doc[j].text != ",":
                continue
            k = j + 1
            while k < sent.end - 1 and (doc[k].pos_ == "DET" or doc[k].is_quote):
                k += 1
            tok = doc[k]
            key = self.args.entity_at(tok) or self.named_exactly(tok)
            if key is None:
                continue  # "Founded in 1965 by X, a student of Y, the group ...": an aside between
            if self.args.etype(key) in BODY_TYPES:
                self.args.overrides.setdefault(tok.i, [key])
                return [tok]
            if self.args.etype(key) not in ("Place", "Country"):
                return []  # "Formed in 1990, Smith's group ...": someone else's clause
        return []

    def named_exactly(self, tok: Token) -> str | None:
        """The body whose name or alias a token is written as, where the tagger missed it ('17N' read as a number)."""
        found = [k for k, e in self.ctx.analysis.entities.items() if self.ctx.find(k) == k and e.type in BODY_TYPES
                 and tok.text in (e.name, *e.aliases)]
        return found[0] if len(found) == 1 else None

    def group_anaphor(self, tok: Token) -> list[str]:
        """'The cult', 'the organization': the text's topic organisation."""
        if tok.lemma_.lower() in GROUP_NOUNS and any(c.lower_ in ("the", "this") for c in tok.children):
            topic = self.args.topic_org(tok.i)
            return [topic] if topic else []
        return []

    def fragment_topic(self, tok: Token) -> list[str]:
        """A fact sheet's fragment 'Marxist group founded in 1967 by X' is about the sheet's group."""
        if tok.dep_ != "ROOT" or tok.lemma_.lower() not in GROUP_NOUNS or any(c.dep_ == "det" for c in tok.children):
            return []
        topic = self.args.topic_org(tok.i)
        if topic is None:
            orgs: list[tuple[int, str]] = self.ctx.memo.get("nominal.subject_orgs", [])
            topic = orgs[0][1] if orgs else self.title_org()
        return [topic] if topic else []

    def title_org(self) -> str | None:
        """The organisation a document's first line names (a fact sheet's title), if that line names one."""
        return title_org(self.ctx)

    # ------------------------------------------------------------ parts of a body
    def wing(self, noun: Token) -> list[Found]:
        """'X is the armed wing of Y', 'formed as Y's military wing', 'its political arm, X', 'X is a front group
        for Y' -> X tied_to Y."""
        lemma = noun.lemma_.lower()
        if lemma in STAND_IN_NOUNS and noun.dep_ in ("compound", "amod") and noun.head.pos_ == "NOUN":
            noun = noun.head  # "a front group for Y", "a front organization of Y": the body the word describes
        kinds = [c for c in noun.children if c.dep_ in ("amod", "compound") and self.args.entity_at(c) is None]
        if lemma in WING_NEEDS_KIND and not kinds:
            return []  # "the arm of the law" is no body
        owners = [c for c in noun.children if c.dep_ == "poss"] + F.prep_objects(noun, "of")
        # "an al Qaeda affiliate", "the Hamas military wing": the body named before the noun
        owners += [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i
                   and self.args.entity_at(c) is not None]
        if lemma in STAND_IN_NOUNS:
            if self.args.entity_at(noun) is not None or not any(c.dep_ == "det" for c in noun.children):
                return []  # "the Ember Front" is a name, no front for anyone
            owners += F.prep_objects(noun, "for")
        parents = [k for o in owners for k in self.keys(o, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        if not parents:
            return []
        holders: list[Token] = []
        if noun.dep_ == "appos":
            holders.append(noun.head)
        holders += list(F.children(noun, "appos"))
        subj = F.copula_subject(noun)
        if subj is not None:
            holders.append(subj)
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in ("VERB", "AUX"):
            verb = noun.head.head  # "X was formed as the armed wing of Y", "X is seen as Y's wing"
            holders += list(F.children(verb, "nsubj", "nsubjpass")) or self.participle_holders(verb)
        if not holders:
            holders += self.named_after(noun)
        found = [k for h in holders for k in self.keys(F.antecedent(h), "agent", nominal_ok=False)
                 if self.args.etype(k) in BODY_TYPES]
        return [Found(s, "tied_to", p, noun, confidence=0.65) for s in dict.fromkeys(found) for p in parents if s != p]

    def named_after(self, noun: Token) -> list[Token]:
        """The name just after a noun's comma ('its armed wing, the Red Brigades'), where the parser lost it."""
        doc = noun.doc
        j = noun.right_edge.i + 1
        if j >= len(doc) or doc[j].text != ",":
            return []
        j += 1
        while j < len(doc) and doc[j].pos_ == "DET":
            j += 1
        return [doc[j]] if j < len(doc) and self.args.entity_at(doc[j]) is not None else []

    # ------------------------------------------------------------ heads of a body
    def led_by(self, verb: Token) -> list[Found]:
        """'The group, led by X', 'Formed in 1975 and led by X, the group ...', 'Y is headed by X', 'X heads Y'."""
        if F.is_passive(verb):
            by = [p for c in F.children(verb, "agent") for p in c.children if p.dep_ == "pobj"]
            if not by:
                return []
            bodies = list(F.children(verb, "nsubjpass"))
            if not bodies and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.tag_ != "VBN":
                bodies = list(F.children(verb.head, "nsubj", "nsubjpass"))  # "X is ... and is led by Y"
            if not bodies and verb.tag_ == "VBN":
                bodies = self.participle_holders(verb)
            leaders = [k for b in by for k in self.named_heads(b)]
        else:
            agent = F.agent_of(verb)
            bodies = list(F.children(verb, "dobj"))
            leaders = self.keys(agent, "agent", nominal_ok=False) if agent is not None else []
        orgs = [k for b in bodies for k in self.keys(F.antecedent(b), "agent", nominal_ok=False)
                if self.args.etype(k) in BODY_TYPES]
        people = [k for k in leaders if self.args.etype(k) == "Person"]
        return [Found(p, "leader_of", o, verb, confidence=0.65) for p in dict.fromkeys(people) for o in orgs]

    def named_heads(self, root: Token) -> list[str]:
        """People a by-phrase names ('by X and Y'), leaving out its relative clauses."""
        return [k for c in self.args.conjuncts(root) for k in self.args.resolve_one(c, "agent", nominal_ok=False)]

    def leadership(self, noun: Token) -> list[Found]:
        """'The group split from X under the leadership of Y', 'Under Y's leadership, the group ...' -> Y leader_of."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "under":
            return []
        leaders = [c for c in noun.children if c.dep_ == "poss"] + F.prep_objects(noun, "of")
        # "under the leadership of X's son, Y": the name in apposition is the leader, not X
        leaders = [a for t in leaders for a in ([*F.children(t, "appos")] or [t])]
        people = [k for t in leaders for k in self.keys(t, "agent", nominal_ok=False) if self.args.etype(k) == "Person"]
        verb = noun.head.head
        for _ in range(3):  # "split from X in the early 1990s under the leadership of Y": the phrase hangs on a date
            if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in ("pobj", "prep") or verb.head.i == verb.i:
                break
            verb = verb.head
        if not people or verb.pos_ not in ("VERB", "AUX"):
            return []
        orgs = [k for k in self.keys(F.agent_of(verb), "agent") if self.args.etype(k) in BODY_TYPES]
        return [Found(p, "leader_of", o, noun, confidence=0.6) for p in dict.fromkeys(people) for o in orgs]

    # ------------------------------------------------------------ beginnings
    def inception(self, noun: Token) -> list[Found]:
        """'Since its inception in 2003, X has ...', 'the group's founding in 1990' -> founded_in."""
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if not poss:
            return []
        orgs: list[str] = []
        if poss[0].pos_ == "PRON":  # "Since its inception in 2003, X has ...": the pronoun looks ahead to X
            verb = F.clause_verb(noun)
            if verb is not None and verb.lemma_.lower() in words("scope_speech_verbs"):
                # "officials said since its inception X has ...": the parser hangs the phrase on the speech verb;
                # the pronoun looks ahead to the reported clause's subject, not to the speakers
                verb = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i), None)
            agent = F.agent_of(verb) if verb is not None else None
            named = self.keys(agent, "agent", nominal_ok=False)
            orgs = [k for k in named if self.args.etype(k) in BODY_TYPES]
            if named and not orgs:
                return []  # the clause names its subject, and it is no body: not the text's topic either
        if not orgs:
            orgs = [k for k in self.keys(poss[0], "agent") if self.args.etype(k) in BODY_TYPES]
        out: list[Found] = []
        for date_tok in F.prep_objects(noun, "in", "on"):
            when = parse_time(noun.doc[date_tok.left_edge.i: date_tok.right_edge.i + 1].text)
            if when and when.get("start"):
                out += [Found(o, "founded_in", ("date", when["text"]), noun, qualifiers={"time": when},
                              confidence=0.65) for o in orgs]
        return out

    # ------------------------------------------------------------ stances
    def hostile_verb(self, verb: Token) -> list[Found]:
        """'KC has harassed and threatened Arabs', 'threatened to attack Uganda', 'threatened more attacks unless
        Uganda and Burundi withdrew' -> hostile_to."""
        subj = self.actors(self.keys(F.agent_of(verb), "agent"))
        if not subj:
            return []
        targets = [] if F.is_passive(verb) else list(F.children(verb, "dobj"))
        targets += F.prep_objects(verb, "against")
        for x in F.children(verb, "xcomp"):  # "threatened to attack X": what the threat is aimed at
            targets += list(F.children(x, "dobj")) + F.prep_objects(x, "against", "on")
        for t in list(targets):
            if self.args.entity_at(t) is None:  # "threatened more attacks against X"
                targets += F.prep_objects(t, "against", "on")
        for c in F.children(verb, "advcl"):  # "... unless X and Y withdrew": the ones the threat presses
            if any(m.lower_ == "unless" for m in c.children):
                targets += list(F.children(c, "nsubj"))
        targets += [p for t in targets if t.lemma_.lower() in ENDANGERED_NOUNS for p in F.prep_objects(t, "of")]
        objs = self.actors([k for t in targets for k in self.keys(t, "patient", nominal_ok=False)])
        return [Found(s, "hostile_to", o, verb, confidence=0.6) for s in subj for o in dict.fromkeys(objs) if s != o]

    def stance_adjective(self, adj: Token) -> list[Found]:
        """'X has long been hostile to Y', 'X remained hostile towards the West', 'a group hostile to Y'."""
        targets = F.prep_objects(adj, "to", "towards", "toward")
        if adj.dep_ in ("acomp", "oprd") and adj.head.pos_ in ("AUX", "VERB"):
            holder = F.agent_of(adj.head)
        elif adj.dep_ == "amod" and adj.head.i < adj.i:  # "a movement hostile to Y": the noun before it
            holder = adj.head.head if adj.head.dep_ == "appos" else adj.head  # "X, a movement hostile to Y"
        else:
            return []
        subj = self.actors(self.keys(holder, "agent"))
        objs = self.actors([k for t in targets for k in self.keys(t, "patient", nominal_ok=False)])
        pred = STANCE_ADJECTIVES[adj.lemma_.lower()]
        return [Found(s, pred, o, adj, confidence=0.6) for s in subj for o in dict.fromkeys(objs) if s != o]

    def threats_received(self, noun: Token) -> list[Found]:
        """'He had been receiving threats from X' -> X hostile_to him (whoever gets the threats)."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in RECEIVE_VERBS or verb.lemma_.lower() == "have":
            return []
        senders = self.actors([k for p in F.prep_objects(noun, "from") + F.prep_objects(verb, "from")
                               for k in self.keys(p, "agent", nominal_ok=False)])
        targets = self.actors(self.keys(F.agent_of(verb), "patient", nominal_ok=False))
        return [Found(s, "hostile_to", t, noun, confidence=0.55) for s in senders for t in targets if s != t]

    def overthrow_verb(self, verb: Token) -> list[Found]:
        """'The group tried to oust the government', 'sought to topple the regime' -> opposes."""
        if F.is_passive(verb):
            return []
        subj = self.actors(self.keys(F.agent_of(verb), "agent"))
        objs = self.actors([k for t in F.children(verb, "dobj") for k in self.keys(t, "patient", nominal_ok=False)])
        return [Found(s, "opposes", o, verb, confidence=0.6) for s in subj for o in dict.fromkeys(objs) if s != o]

    # ------------------------------------------------------------ membership and fusion
    def sheet_agent(self, verb: Token) -> list[str]:
        """Who a fact sheet's subjectless sentence is about ('Joined the APF in 1990.'): the sheet's group."""
        if not subjectless_line(verb):
            return []
        topic = self.args.topic_org(verb.i) or self.title_org()
        return [topic] if topic else []

    def joined(self, verb: Token) -> list[Found]:
        """'X joined the Taliban in 1995', 'a man who joined the police force', 'Joined the APF.' -> member_of."""
        if F.is_passive(verb):
            return []
        agent = F.agent_of(verb)
        subj = self.actors(self.keys(agent, "agent", nominal_ok=False)) if agent is not None else self.sheet_agent(verb)
        bodies = [k for t in F.children(verb, "dobj") for k in self.keys(t, "patient", nominal_ok=False)
                  if self.args.etype(k) in BODY_TYPES]
        return [Found(s, "member_of", b, verb, confidence=0.65) for s in subj for b in dict.fromkeys(bodies) if s != b]

    def dissolved(self, verb: Token) -> list[Found]:
        """'X was dissolved in 2019', 'X disbanded in 1998', 'the court disbanded X in 2001' -> X dissolved_in."""
        ended = list(F.children(verb, "nsubjpass")) if F.is_passive(verb) else (
            list(F.children(verb, "dobj")) or list(F.children(verb, "nsubj")))
        bodies = [k for t in ended for k in self.keys(t, "patient", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        out: list[Found] = []
        for date_tok in F.prep_objects(verb, "in", "on"):
            when = parse_time(verb.doc[date_tok.left_edge.i: date_tok.right_edge.i + 1].text)
            if when and when.get("start"):
                out += [Found(b, "dissolved_in", ("date", when["text"]), verb, qualifiers={"time": when})
                        for b in dict.fromkeys(bodies)]
        return out

    def merged(self, verb: Token) -> list[Found]:
        """'The group, which formally merged with al-Qaeda this year, ...' -> tied_to."""
        agent = F.agent_of(verb)
        subj = [k for k in self.keys(agent, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        objs = [k for t in F.prep_objects(verb, "with", "into") for k in self.keys(t, "patient", nominal_ok=False)
                if self.args.etype(k) in BODY_TYPES]
        return [Found(s, "tied_to", o, verb, confidence=0.65) for s in subj for o in dict.fromkeys(objs) if s != o]

    def belonged(self, verb: Token) -> list[Found]:
        """'The gunmen belonged to X or to Y', 'X belongs to Y' -> member_of (a body only: books belong too)."""
        if F.is_passive(verb):
            return []
        subj = self.actors(self.keys(F.agent_of(verb), "agent"))
        bodies = [k for t in F.prep_objects(verb, "to") for k in self.keys(t, "patient", nominal_ok=False)
                  if self.args.etype(k) in BODY_TYPES]
        return [Found(s, "member_of", b, verb, confidence=0.6) for s in subj for b in dict.fromkeys(bodies) if s != b]

    def suspected_members(self, noun: Token) -> list[Found]:
        """'four suspected members of X', 'alleged X fighters', 'two X suspects' -> they member_of X.

        Without a suspicion word 'members of X' only restates who they are; with one the membership is what the
        source says (and the scopes hedge it through the adjective on the trigger)."""
        if noun.lemma_.lower() not in SUSPECTED_NOUNS:
            return []
        if noun.lemma_.lower() != "suspect" and not any(
                c.dep_ == "amod" and c.lower_ in SUSPICION_ADJECTIVES for c in noun.children):
            return []
        if self.args.entity_at(noun) is not None or noun.dep_ == "nsubj":
            return []  # "suspected members of X opened fire": the deed is the claim, hedged by the suspicion
        bodies = self._bodies([*F.prep_objects(noun, "of"),
                               *(c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i)])
        if not bodies:
            return []
        start, end = self.args.np_text(noun, with_of=False)
        group = self.ctx.add_entity(self.ctx.text[start:end], "Group" if noun.tag_ in ("NNS", "NNPS") else "Person")
        return [Found(group, "member_of", b, noun, confidence=0.55) for b in bodies if b != group]

    def suspected_of(self, verb: Token) -> list[Found]:
        """'The four were suspected of being part of a cell', '... of belonging to X' -> they member_of it."""
        subj = next(F.children(verb, "nsubjpass"), None)
        if subj is None and verb.dep_ == "conj":  # "The four had no record but were suspected of ..."
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if verb.lemma_.lower() != "suspect" or not F.is_passive(verb) or subj is None:
            return []
        told: list[tuple[Token, list[str]]] = []
        for pc in (c for p in verb.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                   if c.dep_ == "pcomp"):
            targets: list[Token] = []
            if pc.lemma_.lower() == "belong":
                targets += F.prep_objects(pc, "to")
            elif pc.lemma_.lower() == "be":
                for attr in (c for c in pc.children if c.dep_ == "attr" and c.lemma_.lower() in PART_NOUNS):
                    targets += F.prep_objects(attr, "of") if attr.lemma_.lower() in ("part", "member") else [attr]
            bodies = self._bodies(targets, nominal=True)
            if bodies:
                told.append((pc, bodies))
        if not told:
            return []
        holders = self.actors(self.keys(subj, "agent", nominal_ok=False))
        if not holders and (subj.pos_ == "NUM" or subj.lemma_.lower() in SUSPECTED_NOUNS or subj.tag_ == "NNS"):
            start, end = self.args.np_text(subj, with_of=False)
            holders = [self.ctx.add_entity(self.ctx.text[start:end], "Group")]  # 'the four', 'the men'
        # the claim hangs on the complement, so the scopes read 'suspected of' above it as the hedge it is
        return [Found(h, "member_of", b, pc, confidence=0.55) for pc, bodies in told for h in holders
                for b in bodies if b != h]

    def _bodies(self, toks: list[Token], nominal: bool = False) -> list[str]:
        """The bodies a phrase names: a named one, the one named inside 'an X bombing cell', or (`nominal`) the
        cell or faction itself."""
        out: list[str] = []
        for tok in toks:
            named = [k for k in self.keys(tok, "patient", nominal_ok=False) if self.args.etype(k) == "Organization"]
            if not named and tok.lemma_.lower() in GROUP_NOUNS | PART_NOUNS:
                named = [k for c in tok.subtree if c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i
                         for k in self.keys(c, "patient", nominal_ok=False) if self.args.etype(k) == "Organization"]
                if not named and nominal and tok.lemma_.lower() in GROUP_NOUNS | {"cell", "faction", "wing"}:
                    named = [self.args.nominal(tok, "Organization")]
            out += [k for k in named if k not in out]
        return out

    def split_off(self, verb: Token) -> list[Found]:
        """'X split from Y in 1991', 'X broke away from Y', 'after splitting from Y' -> X tied_to Y (its offshoot)."""
        lemma = verb.lemma_.lower()
        if F.is_passive(verb) or lemma == "break" and not any(c.lower_ in ("away", "off") for c in verb.children):
            return []
        agent = F.agent_of(verb)
        main = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "before") else None
        if main is not None and F.is_passive(main):  # "X was founded by Y after splitting from Z": X split
            agent = next(F.children(main, "nsubjpass"), None)
        subj = [k for k in self.keys(agent, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES] \
            if agent is not None else self.sheet_agent(verb)
        # "broke away from Y": the parser may hang the 'from' on the particle
        sources = F.prep_objects(verb, "from", "with") + [
            p for c in verb.children if c.lower_ in ("away", "off") for p in F.prep_objects(c, "from")]
        parents = [k for t in sources for k in self.keys(t, "patient", nominal_ok=False)
                   if self.args.etype(k) in BODY_TYPES]
        return [Found(s, "tied_to", p, verb, confidence=0.6) for s in subj for p in dict.fromkeys(parents) if s != p]

    def orders_from(self, noun: Token) -> list[Found]:
        """'X receives orders from Y', 'X takes instructions from Y' -> X collaborates_with Y (Y directs it)."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in RECEIVE_VERBS | {"take", "follow"} or \
                verb.lemma_.lower() == "have":
            return []
        senders = self.actors([k for p in F.prep_objects(noun, "from") + F.prep_objects(verb, "from")
                               for t in self.listed(p) for k in self.keys(t, "patient", nominal_ok=False)])
        takers = [k for k in self.keys(F.agent_of(verb), "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        return [Found(t, "collaborates_with", s, noun, confidence=0.55) for t in takers for s in dict.fromkeys(senders)
                if s != t]

    @staticmethod
    def listed(tok: Token) -> list[Token]:
        """A list's items with the names set beside them ('the US agency, CIA, Israel's agency, Mossad, and Y')."""
        out, stack = [tok], [tok]
        while stack:
            for c in stack.pop().children:
                if c.dep_ in ("conj", "appos") or c.dep_ == "npadvmod" and c.pos_ == "PROPN":
                    out.append(c)
                    stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def group_in(self, noun: Token) -> list[Found]:
        """'X is a Tamil secessionist group in Sri Lanka', 'X, an armed movement in Peru' -> based_in."""
        if noun.dep_ not in ("attr", "appos"):
            return []
        holder = self.described(noun)
        if holder.i == noun.i:
            return []
        subj = [k for k in self.keys(holder, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        places = [k for p in F.prep_objects(noun, "in") for k in self.keys(p, "patient", nominal_ok=False)
                  if self.args.etype(k) in ("Country", "Place")]
        return [Found(s, "based_in", p, noun, confidence=0.6) for s in subj for p in dict.fromkeys(places)]

    # ------------------------------------------------------------ seats
    def body_or_members(self, tok: Token | None) -> list[str]:
        """The bodies a subject names, also through its people ('members of X', 'X fighters', 'its leadership')."""
        if tok is None:
            return []
        tok = F.antecedent(tok)
        found = [k for k in self.keys(tok, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]
        if found or tok.lemma_.lower() not in MEMBER_NOUNS:
            return found
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound")] + F.prep_objects(tok, "of")
        return [k for o in owners for k in self.keys(o, "agent", nominal_ok=False) if self.args.etype(k) in BODY_TYPES]

    def moved(self, verb: Token) -> list[Found]:
        """'Members of X fled to Iraq in the 1980s', 'the group moved to Paris', 'X remains in Iraq' -> based_in."""
        if F.is_passive(verb):
            return []
        preps = ("to",) if verb.lemma_.lower() in MOVE_VERBS else ("in",)
        places = [k for p in F.prep_objects(verb, *preps) for k in self.keys(p, "patient", nominal_ok=False)
                  if self.args.etype(k) in ("Country", "Place")]
        if not places:
            return []
        subj = self.body_or_members(F.agent_of(verb))
        return [Found(s, "based_in", p, verb, confidence=0.55) for s in subj for p in dict.fromkeys(places)]

    def set_up_place(self, verb: Token) -> list[Found]:
        """'... fled to Iraq, where they set up Camp Ashraf', 'the group established a camp' -> has_base."""
        if F.is_passive(verb) or verb.lemma_.lower() == "set" and not any(c.lower_ == "up" for c in verb.children):
            return []
        places = [k for t in F.children(verb, "dobj") for k in self.keys(t, "patient", nominal_ok=False)
                  if self.args.etype(k) == "Place"]
        if not places:
            return []
        subj = self.body_or_members(F.agent_of(verb))
        return [Found(s, "has_base", p, verb, confidence=0.6) for s in subj for p in dict.fromkeys(places)]


def title_org(ctx: DocContext) -> str | None:
    """The organisation a document's first line names (a fact sheet's title), if that line names one."""
    text = ctx.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    orgs = [m for m in ctx.mentions_in(start, len(text) if end < 0 else end)
            if ctx.entity(ctx.find(m.entity_key)).type == "Organization"]
    return ctx.find(min(orgs, key=lambda m: m.start).entity_key) if orgs else None


def subjectless_line(trigger: Token) -> bool:
    """Whether the trigger's clause is a fact sheet's verb with no subject ('Committed numerous attacks in the
    1970s.', 'Since 1978 has conducted attacks against ...'): an active main verb in the past or perfect whose words
    before it are adverbials only."""
    verb = trigger
    while verb.dep_ != "ROOT" and verb.head.i != verb.i:
        if verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False  # a clause of its own inside the line: its subject does it
        verb = verb.head  # "... including killing a settler", "highlighted by the shooting death of X"
    if verb.tag_ not in ("VBD", "VBN", "VBZ"):
        return False
    # "Since 1978 has conducted ...": the parser makes the date a subject, 'since' its mark
    told = [c for c in verb.children if c.ent_type_ not in ("DATE", "TIME")
            and not (c.dep_ == "mark" and c.lower_ in ("since", "until"))]
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "auxpass", "mark") for c in told):
        return False
    if verb.tag_ != "VBD" and not any(c.dep_ == "aux" and c.lemma_ == "have" or c.dep_ == "dobj" and verb.tag_ == "VBN"
                                      for c in verb.children):
        return False  # "Has conducted", "Committed", "Stepped up its attacks" (read as a participle with an object)
    return all(c.dep_ in ("prep", "advmod", "npadvmod", "punct", "aux", "advcl") for c in told if c.i < verb.i)
