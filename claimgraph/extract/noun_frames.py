"""Noun frames of the claim extractor ('ties with X', 'support for Y', 'a base in Z') and the argument helpers
every frame shares (looking through 'a number of X', keeping actors, pairing subjects and objects)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract import frames as F
from claimgraph.extract.context import DocContext
from claimgraph.extract.frames import Found
from claimgraph.extract.nominal import ArgResolver

QUANT_NOUNS = words("claims_quant_nouns")
IDEOLOGY_WORDS = words("claims_ideology_words")
OVERTHROW_HEADS = words("claims_overthrow_heads")
BASE_VERBS = {"have", "maintain", "operate", "run", "establish", "set", "keep", "build", "open", "use"}
RECEIVE_VERBS = {"receive", "get", "obtain", "accept", "enjoy", "seek", "win", "gain", "have"}
GIVE_VERBS = {"give", "provide", "offer", "extend", "lend", "send", "supply", "pledge", "deliver", "grant"}


class NounFrames:
    """Frames opened by a relation noun, over the resolver of the unit being read (set by the extractor)."""

    ctx: DocContext
    args: ArgResolver

    # ------------------------------------------------------------ helpers
    def keys(self, tok: Token | None, role: str = "agent", nominal_ok: bool = True) -> list[str]:
        """Entity keys for an argument token, looking through 'a number of X' to X."""
        if tok is None:
            return []
        named = F.antecedent(tok)  # "Hamas, which was founded in 1987": Hamas
        if named.i != tok.i and named.dep_ == "appos" and self.args.entity_at(named) is None:
            named = named.head  # "X, a political organization that was established in 1965": X
        tok = named
        if tok.lemma_.lower() in QUANT_NOUNS or tok.pos_ == "NUM":
            inner = F.prep_objects(tok, "of")
            if inner and not (tok.lemma_.lower() == "group" and self.args.entity_at(tok)):
                conj_rest = [c for c in self.args.conjuncts(tok)[1:]]
                out = [k for i in inner for k in self.keys(i, role, nominal_ok)]
                out += [k for c in conj_rest for k in self.keys(c, role, nominal_ok)]
                return list(dict.fromkeys(out))
        keys = self.args.resolve(tok, role, nominal_ok)
        if not keys and role == "patient":
            # "several leaders and 90 percent of members of the group": look into the other conjuncts
            for c in self.args.conjuncts(tok)[1:]:
                keys += self.keys(c, role, nominal_ok)
        return keys

    def actors(self, keys: list[str]) -> list[str]:
        """Only the keys that can act (people, bodies, states, groups)."""
        return [k for k in keys if self.args.etype(k) in ("Organization", "Person", "Country", "Group")]

    def pairs(self, pred: str, trigger: Token, subj: list[str], objs: list[str], **quals: object) -> list[Found]:
        """Every subject-object combination as found claims."""
        out: list[Found] = []
        for s in subj:
            for o in objs:
                if s != o:
                    out.append(Found(s, pred, o, trigger, qualifiers=dict(quals)))
        return out

    # ------------------------------------------------------------ noun frames
    def owner_or_agent(self, noun: Token) -> list[str]:
        """Whose a relation noun is: its possessor, or the subject of the verb it hangs from."""
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            return self.actors(self.keys(poss[0], "agent", nominal_ok=False))
        verb = F.clause_verb(noun)
        if verb is None:
            return []
        return self.actors(self.keys(F.agent_of(verb), "agent"))

    def ties(self, noun: Token) -> list[Found]:
        """'established ties with X', 'has had a relationship with Y', 'MKO's relations with Z'."""
        verb = F.clause_verb(noun)
        between = self.between(noun, verb)
        if between:  # "the ties between A and B will grow"
            return self.pairs("tied_to", noun, *between)
        if noun.dep_ not in ("dobj", "nsubj", "attr", "pobj", "conj") and not any(
                c.dep_ == "poss" for c in noun.children):
            return []
        # "denies any link to X": the denier's negated tie (a verb the scopes read as its speech)
        denied = verb is not None and verb.lemma_.lower() == "deny" and noun.dep_ == "dobj"
        if not any(c.dep_ == "poss" for c in noun.children) and not denied and (
                verb is None or verb.lemma_.lower() not in F.TIE_VERBS):
            return []
        subj = self.owner_or_agent(noun)
        objs = self.actors([k for p in F.prep_objects(noun, "with", "to") for k in self.keys(p, "patient", False)])
        if not objs and verb is not None and verb.lemma_.lower() in F.TIE_VERBS:
            objs = self.actors([k for p in F.prep_objects(verb, "with") for k in self.keys(p, "patient", False)])
        pred = "tied_to"
        found = self.pairs(pred, noun, subj, objs)
        if verb is not None and verb.lemma_.lower() in F.CUT_VERBS or denied:
            for f in found:
                f.polarity = "negative"  # "cut its ties with X"; "denies any link to X" (the scopes name the denier)
        return found

    def between(self, noun: Token, verb: Token | None) -> tuple[list[str], list[str]] | None:
        """The two sides of 'ties/a deal between A and B' (on the noun, or on its passive verb), else None."""
        preps = F.prep_objects(noun, "between")
        if not preps and verb is not None and noun.dep_ == "nsubjpass":
            preps = F.prep_objects(verb, "between")
        sides = [c for p in preps for c in self.args.conjuncts(p)]
        if len(sides) < 2:
            return None
        first = self.actors(self.keys(sides[0], "agent", nominal_ok=False))
        rest = self.actors([k for t in sides[1:] for k in self.keys(t, "agent", nominal_ok=False)])
        first = [k for k in first if k not in rest]  # the first side's reading follows its coordination too
        return (first, rest) if first and rest else None

    def agreement(self, noun: Token) -> list[Found]:
        """'signed a deal with Iran', 'a deal was signed between A and B', 'a deal that A signed with B'."""
        verb = F.clause_verb(noun)
        told = next((c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in F.AGREEMENT_VERBS), None)
        if told is not None and any(c.dep_ == "dobj" and c.lower_ in ("that", "which") for c in told.children):
            verb = told  # "a deal that the minister signed with Iran": the clause on the noun tells who made it
        if verb is None or verb.lemma_.lower() not in F.AGREEMENT_VERBS:
            return []
        between = self.between(noun, verb)
        if between:
            return self.pairs("agreement_with", noun, *between)
        subj = self.actors(self.keys(F.agent_of(verb), "agent"))
        partners = F.prep_objects(noun, "with") + F.prep_objects(verb, "with")
        objs = self.actors([k for p in partners for k in self.keys(p, "patient", False)])
        return self.pairs("agreement_with", noun, subj, objs)

    def hostility(self, noun: Token) -> list[Found]:
        """'a long history of hostility towards Western countries', 'stopped hostility towards the West'."""
        pred = F.HOSTILITY_NOUNS[noun.lemma_.lower()]
        preps = ("against", "on") if noun.lemma_.lower() in ("war", "campaign", "struggle") else (
            "towards", "toward", "to", "against")
        sides = [c for p in F.prep_objects(noun, "between") for c in self.args.conjuncts(p)]
        if len(sides) > 1 and pred == "opposes":
            # "the struggle between A and B", "clashes between A and B": each side stands against the other
            first = self.actors(self.keys(sides[0], "agent"))
            rest = self.actors([k for t in sides[1:] for k in self.keys(t, "agent")])
            return self.pairs(pred, noun, first, rest) + self.pairs(pred, noun, rest, first)
        targets = F.prep_objects(noun, *preps)
        verb = F.clause_verb(noun)
        if not targets and verb is not None and noun.dep_ == "dobj":
            targets = F.prep_objects(verb, *preps)  # the parser often hangs the target on the verb
        if not targets:
            return []
        subj = self.owner_or_agent(noun)
        objs = self.actors([k for t in targets for k in self.keys(t, "patient", False)])
        found = self.pairs(pred, noun, subj, objs)
        cur: Token | None = noun
        for _ in range(4):  # "stopped hostility", "has ceased its hostility"
            if cur is None or cur.head is cur:
                break
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                if cur.lemma_.lower() in F.CEASE_VERBS:
                    for f in found:
                        f.polarity = "negative"
                break
        return found

    def overthrow(self, noun: Token) -> list[Found]:
        """'seeks the overthrow of current Iranian regime' -> opposes."""
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in OVERTHROW_HEADS:
            return []
        subj = self.actors(self.keys(F.agent_of(noun.head), "agent"))
        objs = self.actors([k for p in F.prep_objects(noun, "of") for k in self.keys(p, "patient")])
        return self.pairs("opposes", noun, subj, objs)

    def support_noun(self, noun: Token) -> list[Found]:
        """'US's support for the group', 'support from Iran to Hezbollah'."""
        poss = [c for c in noun.children if c.dep_ == "poss"]
        givers = poss + F.prep_objects(noun, "from", "by")
        verb = F.clause_verb(noun)
        if noun.lemma_.lower() in F.SUPPORT_GOODS and not (
                verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in GIVE_VERBS | RECEIVE_VERBS):
            return []  # "weapons from the war", "money for the hospital": goods only, no one helps anyone
        receivers = F.prep_objects(noun, "for")
        if verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in GIVE_VERBS:
            receivers += F.prep_objects(noun, "to")
            if not givers:
                agent = F.agent_of(verb)
                givers = [agent] if agent is not None else []
            receivers += list(F.children(verb, "dative")) + F.prep_objects(verb, "to")
            if not receivers:  # "gave the Red Front weapons": the parser glues the receiver's name to the goods
                receivers += [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"][-1:]
        if verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in RECEIVE_VERBS:
            holder = F.agent_of(verb)  # "Hamas receives funding from Qatar"
            receivers += [holder] if holder is not None else []
            givers += F.prep_objects(verb, "from") + F.prep_objects(noun, "of")  # "had the support of X"
            if not givers:  # "received support, including training and funding from A, B and C"
                kinds = [k for inc in F.prep_objects(noun, "including") for k in [inc, *inc.conjuncts]]
                givers += [g for k in kinds for g in F.prep_objects(k, "from")]
        if verb is not None and noun.dep_ == "pobj" and noun.head.lower_ == "with" and not givers:
            return []
        subj = self.actors([k for g in givers for k in self.keys(g, "agent")])
        objs = self.actors([k for r in receivers for k in self.keys(r, "patient", False)])
        roles = F.roles_of(noun)
        quals = {"role": ", ".join(roles)} if roles else {}
        return self.pairs("supported", noun, subj, objs, **quals)

    def supporter(self, noun: Token) -> list[Found]:
        """'Saddam Hussein was the main military, financial and political supporter of the group', 'the group's
        main backer is X', 'the group's backer, X, ...'."""
        # "the main military and political backer of X": the parser may make the first role word the noun, the
        # supporter noun its conjunct; the phrase is still one noun's
        base = noun.head if noun.dep_ == "conj" and noun.head.lower_ in F.ROLE_WORDS else noun
        holder = F.copula_subject(base)
        if holder is None and base.dep_ == "appos":
            holder = base.head
        owned = [c for c in noun.children if c.dep_ == "poss"]
        named_of = bool(F.prep_objects(base, "of", "to") or F.prep_objects(noun, "of", "to"))
        if holder is None and (owned or named_of) and base.dep_ == "nsubj" and base.head.lemma_ in ("be", "remain"):
            # "X's backer is Y", "the main supporter of X was Y"
            holder = next((c for c in base.head.children if c.dep_ == "attr"), None)
        if holder is None and owned:
            holder = next((c for c in noun.children if c.dep_ == "appos"), None)  # "X's backer, Y, said"
        if holder is None:
            return []
        holders = [holder] + [c for c in holder.children if c.dep_ == "appos"]
        subj: list[str] = []
        for h in holders:
            subj += [k for k in self.actors(self.keys(h, "agent", nominal_ok=False)) if k not in subj]
        subj = [k for k in subj if self.args.etype(k) != "Group"] or subj
        objs = self.actors([k for p in F.prep_objects(noun, "of", "to") + owned
                            + (F.prep_objects(base, "of", "to") if base is not noun else [])
                            for k in self.keys(p, "patient", False)])
        pred = "collaborates_with" if noun.lemma_.lower() == "ally" else "supported"
        roles = F.roles_of(noun)
        quals = {"role": ", ".join(roles)} if roles else {}
        return self.pairs(pred, noun, subj[:1], objs, **quals)

    def base_noun(self, noun: Token) -> list[Found]:
        """'Mossad's base in Dihok', 'the group had military bases in Iraq'."""
        poss = [c for c in noun.children if c.dep_ == "poss"]
        verb = F.clause_verb(noun)
        if poss:
            owners = self.actors(self.keys(poss[0], "agent", nominal_ok=False)) or self.inner_actors(poss[0])
        elif verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in BASE_VERBS:
            owners = self.actors(self.keys(F.agent_of(verb), "agent", nominal_ok=False))
        else:
            return self.base_named(noun)
        where = F.prep_objects(noun, "in", "at")
        if not where and verb is not None and noun.dep_ == "dobj":
            where = F.prep_objects(verb, "in", "at")
        places = [k for w in where for k in self.keys(w, "patient", False)
                  if self.args.etype(k) in ("Country", "Place", "Organization")]
        pred = F.BASE_NOUNS[noun.lemma_.lower()]
        owners = [o for o in owners if self.args.etype(o) != "Country" or pred == "headquarters_in"]
        return self.pairs(pred, noun, owners, places)

    def base_named(self, noun: Token) -> list[Found]:
        """'X, the headquarters of the group, ...', 'the headquarters of the group is X', 'X is / served as the
        headquarters of the group': the named place is the body's base."""
        owners = self.actors([k for p in F.prep_objects(noun, "of") for k in self.keys(p, "agent", nominal_ok=False)])
        owners = [o for o in owners if self.args.etype(o) in ("Organization", "Group")]
        if not owners:
            return []
        site: Token | None = None
        if noun.dep_ == "appos":
            site = noun.head
        elif noun.dep_ in ("attr", "pobj") and noun.head.lemma_ in ("be", "as", "remain"):
            cop = noun.head.head if noun.dep_ == "pobj" else noun.head  # "served as the headquarters of Y"
            site = F.copula_subject(noun) or next(F.children(cop, "nsubj"), None)
        elif noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            site = next(F.children(noun.head, "attr"), None)
        places = [k for k in self.keys(site, "patient", False) if self.args.etype(k) == "Place"] if site else []
        return self.pairs(F.BASE_NOUNS[noun.lemma_.lower()], noun, owners, places)

    def inner_actors(self, tok: Token) -> list[str]:
        """Actors a token's text names when a longer mention swallowed its own ('X's base' read as a place)."""
        start = self.args.offset + tok.idx
        keys = [self.ctx.find(m.entity_key) for m in self.ctx.mentions_in(start, start + len(tok.text))]
        if not keys and tok.pos_ == "PROPN":  # the swallowed mention is gone: the entity of that exact name
            keys = [k for k, e in self.ctx.analysis.entities.items()
                    if self.ctx.find(k) == k and (e.name == tok.text or tok.text in e.aliases)]
        return self.actors(list(dict.fromkeys(keys)))

    def ideology(self, noun: Token) -> list[Found]:
        """'adopted an extreme ideology that was taken from Marxism and Islam' -> two ideology claims."""
        subj = [k for k in self.owner_or_agent(noun) if self.args.etype(k) in ("Organization", "Group")]
        if not subj:
            return []
        sources: list[Token] = []
        for rel in noun.children:
            if rel.dep_ in ("relcl", "acl") and rel.lemma_.lower() in F.IDEOLOGY_SOURCE_VERBS:
                sources += F.prep_objects(rel, "from", "on", "by", "of")
        sources += F.prep_objects(noun, "of")
        values: list[str] = []
        for mod in noun.children:  # "a jihadist ideology", "an anti-Western and Salafist ideology"
            for m in [mod, *mod.conjuncts] if mod.dep_ == "amod" else []:
                if m.dep_ in ("amod", "conj") and m.lower_ in IDEOLOGY_WORDS and m.text not in values:
                    values.append(m.text)
        for src in sources:
            chain, stack = [src], [src]
            while stack:  # the coordination "Shiism and anti-colonialism", hyphen pieces included
                for c in stack.pop().children:
                    if c.dep_ == "conj":
                        chain.append(c)
                        stack.append(c)
            right = max(t.i for t in chain)
            phrase = src.doc[src.left_edge.i: right + 1].text
            for part in re.split(r"\s*(?:,|;|\band\b|\bor\b|&)\s*", phrase):
                part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(" .")).strip()
                if part and part not in values:
                    values.append(part)
        out: list[Found] = []
        for key in subj:
            out += [Found(key, "ideology", ("text", v), noun) for v in values]
        return out
