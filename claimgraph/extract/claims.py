"""Claim extractors v0: founding, bases, support, designations and attacks from verb frames."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimgraph.extract.context import DocContext
from claimgraph.model import LiteralValue
from claimgraph.plugins import hookimpl

FOUND_VERBS = {"found", "establish", "form", "create", "launch"}
ATTACK_VERBS = {"attack": "attacked", "bomb": "bombed", "assassinate": "assassinated", "kill": "killed",
                "kidnap": "kidnapped", "arrest": "arrested", "release": "released", "deport": "expelled",
                "expel": "expelled"}
SUPPORT_VERBS = {"support", "fund", "finance", "arm", "back", "aid"}
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _subtree_entities(ctx: DocContext, token: Token) -> list[str]:
    """Entity keys named anywhere in a token's subtree, in text order, without repeats."""
    span = ctx.doc[token.left_edge.i: token.right_edge.i + 1]
    keys: list[str] = []
    for m in ctx.mentions_in(span.start_char, span.end_char):
        key = ctx.find(m.entity_key)
        if key not in keys:
            keys.append(key)
    return keys


def _arguments(ctx: DocContext, verb: Token) -> tuple[list[str], list[str]]:
    """(agents, patients) of a verb, with passive voice turned around."""
    agents: list[str] = []
    patients: list[str] = []
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            agents += _subtree_entities(ctx, child)
        elif child.dep_ in ("dobj", "nsubjpass"):
            patients += _subtree_entities(ctx, child)
        elif child.dep_ == "agent":
            agents += _subtree_entities(ctx, child)
    return agents, patients


class VerbFrames:
    """Subject-verb-object frames for the core event and relation verbs."""

    name = "claims.verb_frames"
    order = 300

    def run(self, ctx: DocContext) -> None:
        """Add one claim per (agent, patient) pair of a known verb."""
        for sent in ctx.doc.sents:
            for tok in sent:
                if tok.pos_ != "VERB":
                    continue
                self._verb(ctx, sent, tok)

    def _verb(self, ctx: DocContext, sent: Span, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        agents, patients = _arguments(ctx, verb)
        if lemma in FOUND_VERBS:
            org = patients[0] if patients else None
            if org is None:
                return
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ == "in":
                    year = YEAR.search(ctx.text[child.idx: child.right_edge.idx + len(child.right_edge)])
                    if year:
                        ctx.add_claim(org, "founded_in", LiteralValue(year.group(1), "date"), sent, self.name,
                                      qualifiers={"time": {"text": year.group(1), "start": year.group(1)}})
                if child.dep_ == "agent":
                    for person in _subtree_entities(ctx, child):
                        if ctx.entity(person).type == "Person":
                            ctx.add_claim(org, "founded_by", person, sent, self.name)
        elif lemma in ATTACK_VERBS:
            for a in agents:
                for p in patients:
                    ctx.add_claim(a, ATTACK_VERBS[lemma], p, sent, self.name)
        elif lemma in SUPPORT_VERBS:
            for a in agents:
                for p in patients:
                    ctx.add_claim(a, "supported", p, sent, self.name)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [VerbFrames()]
