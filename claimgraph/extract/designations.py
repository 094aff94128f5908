"""Terrorist listings and delistings: who lists or delists whom, and when.

"X designated Y a terrorist organization in 1997", "Y was added to the US list of foreign
terrorist organizations", "Y remains designated by Canada", "the EU delisted Y in 2009",
"Britain lifted its ban on Y", "Y was removed from the EU terror list". The listing date goes
in qualifiers.time.start, so later delistings can supersede earlier listings (reason/).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country
from claimgraph.extract.timeinfo import parse_time
from claimgraph.model import Claim
from claimgraph.plugins import hookimpl

TERROR = re.compile(r"\bterror(?:ist|ism)?\b|\bproscri|\bblacklist", re.I)
DELIST = re.compile(r"\bde-?list|\bremov\w*\b.{0,60}\blist|\btook\b.{0,40}\boff\b.{0,30}\blist|"
                    r"\bstruck\b.{0,40}\boff\b|\blift\w*\b.{0,40}\b(?:ban|proscription|designation)|"
                    r"\brevok\w*\b.{0,40}\b(?:designation|listing|ban)|\bunban|\brescind\w*\b.{0,40}\bdesignation",
                    re.I)
LIST = re.compile(r"\bdesignat|\blist(?:ed|s|ing)?\b|\bban(?:s|ned)?\b|\bproscri|\bblacklist|\blabel\w*|"
                  r"\bclassif\w*|\bconsider\w*|\bregard\w*|\bdeem\w*|\bbrand\w*|\boutlaw", re.I)
LIST_LEMMAS = {"designate", "list", "ban", "proscribe", "blacklist", "outlaw", "label", "brand", "classify"}
DESIGNATOR_TYPES = ("Country", "Organization")
TARGET_TYPES = ("Organization", "Group", "Person")
_NEGATED = re.compile(r"\b(?:not|never|refused to|declined to)\b", re.I)


def _role(token: Token) -> str:
    """'designator' for subjects, by-phrases and owners of a list; 'target' for objects; 'place' for
    "in X" (a country there is the designator); '' otherwise."""
    cur = token
    for _ in range(4):
        dep, head = cur.dep_, cur.head
        if dep in ("nsubjpass", "dobj", "oprd"):
            return "target"
        if dep == "nsubj":
            passive = (head.lemma_.lower() in LIST_LEMMAS and any(c.dep_ == "auxpass" for c in head.children)) \
                or (head.dep_ == "auxpass" and head.head.lemma_.lower() in LIST_LEMMAS)
            complement = any(c.dep_ in ("acomp", "xcomp", "attr", "oprd") and c.lemma_.lower() in LIST_LEMMAS
                             for c in head.children)
            return "target" if passive or complement else "designator"  # "X remains designated (by Y)"
        if dep == "pobj" and head.lower_ == "by":
            return "designator"
        if dep == "pobj" and head.lower_ == "in":
            return "place"  # "listed in Canada", "banned in Germany"
        if dep in ("poss", "compound", "amod") and head.lemma_.lower() in ("list", "ban", "government",
                                                                          "designation", "blacklist"):
            return "designator"
        if dep == "pobj" and head.lower_ in ("on", "of") and head.head.lemma_.lower() in ("ban", "designation"):
            return "target"
        if head.i == cur.i:
            break
        cur = head
    return ""


def _sentence_time(sent: Span) -> dict[str, str] | None:
    for ent in sent.ents:
        if ent.label_ == "DATE":
            found = parse_time(ent.text)
            if found and found.get("start"):
                return found
    return None


class Designations:
    """designated_terrorist / delisted_terrorist claims with the listing or delisting date."""

    name = "claims.designations"
    requires = ("entities", "claims")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Read every sentence that speaks of terrorist lists or bans."""
        for sent in ctx.doc.sents:
            text = sent.text
            if not TERROR.search(text) and not re.search(r"\bde-?list", text, re.I):
                continue
            delisting = bool(DELIST.search(text))
            if not delisting and not LIST.search(text):
                continue
            designators, targets = self._parties(ctx, sent)
            if not designators or not targets:
                continue
            predicate = "delisted_terrorist" if delisting else "designated_terrorist"
            when = _sentence_time(sent)
            negative = bool(_NEGATED.search(text))
            for d in designators:
                for t in targets:
                    self._add(ctx, sent, d, predicate, t, when, negative)

    def _parties(self, ctx: DocContext, sent: Span) -> tuple[list[str], list[str]]:
        designators: list[str] = []
        targets: list[str] = []
        for m in ctx.mentions_in(sent.start_char, sent.end_char):
            key = ctx.find(m.entity_key)
            entity = ctx.entity(key)
            if entity.attrs.get("placeholder"):
                continue
            span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            role = _role(span.root) if span is not None else ""
            if entity.attrs.get("nationality"):
                country = demonym_country(m.text) if role == "designator" else None
                if country is None:
                    continue
                key = ctx.add_entity(country, "Country")  # "the Canadian terror list" is Canada's
                entity = ctx.entity(key)
            if role == "place" and entity.type == "Country":
                role = "designator"
            if role == "designator" and entity.type in DESIGNATOR_TYPES and key not in designators:
                designators.append(key)
            elif role == "target" and entity.type in TARGET_TYPES and key not in targets:
                targets.append(key)
        return designators, [t for t in targets if t not in designators]

    def _add(self, ctx: DocContext, sent: Span, designator: str, predicate: str, target: str,
             when: dict[str, str] | None, negative: bool) -> None:
        for claim in ctx.analysis.claims:  # another frame already read this sentence: date it
            if claim.predicate == predicate and ctx.find(claim.subject) == designator \
                    and isinstance(claim.object, str) and ctx.find(claim.object) == target \
                    and claim.evidence and sent.start_char <= claim.evidence[0].start < sent.end_char:
                if when and "time" not in claim.qualifiers:
                    claim.qualifiers["time"] = dict(when)
                return
        added: Claim | None = ctx.add_claim(designator, predicate, target, sent, self.name,
                                            qualifiers={"time": dict(when)} if when else {},
                                            polarity="negative" if negative else "positive")
        if added is not None:
            added.confidence = 0.75


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [Designations()]
