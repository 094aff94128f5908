"""Sentence units (sentences cut at line breaks, read apart when spaCy ran them together) and claim anchors."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.frames import Found
from claimgraph.extract.nominal import ArgResolver
from claimgraph.model import Claim, LiteralValue


@dataclass
class Unit:
    """A sentence cut at line breaks: the evidence a claim cites, with the parse to read it by."""

    start_char: int
    end_char: int
    doc: Doc  # the analysed document, or a re-parse of this unit alone
    first: int  # first token index in `doc`
    last: int  # one past the last token index in `doc`
    offset: int = 0  # character offset of `doc` in the document text
    split: bool = False  # spaCy ran this piece into a neighbour (a heading, a list introducer)

    @property
    def tokens(self) -> list[Token]:
        """The unit's tokens, without whitespace tokens."""
        return [t for t in self.doc[self.first:self.last] if not t.is_space]

    def char(self, tok: Token) -> int:
        """Document offset of a token of this unit."""
        return self.offset + tok.idx


@dataclass
class Anchor:
    """The word that triggered a claim, in whichever parse it was found, and where that parse starts."""

    token: Token
    offset: int

    @property
    def char(self) -> int:
        """Document offset of the trigger."""
        return self.offset + self.token.idx


def units_of(ctx: DocContext) -> list[Unit]:
    """spaCy sentences, split again where the text breaks a line (headings and list items stay apart)."""
    if ctx.units is not None:
        return ctx.units
    doc, text = ctx.doc, ctx.text
    pieces: list[tuple[int, int, bool]] = []
    for sent in doc.sents:
        begin = sent.start
        split: list[tuple[int, int]] = []
        for tok in sent:
            if tok.i > begin and not tok.is_space and "\n" in text[doc[tok.i - 1].idx:tok.idx]:
                split.append((begin, tok.i))
                begin = tok.i
        split.append((begin, sent.end))
        real = [(a, b) for a, b in split if any(not t.is_space for t in doc[a:b])]
        pieces += [(a, b, len(real) > 1) for a, b in real]
    units: list[Unit] = []
    for a, b, was_split in pieces:
        toks = [t for t in doc[a:b] if not t.is_space]
        units.append(Unit(toks[0].idx, toks[-1].idx + len(toks[-1]), doc, a, b, split=was_split))
    ctx.units = units
    ctx.unit_starts = [u.start_char for u in units]
    return units


def parsed(ctx: DocContext, unit: Unit) -> Unit:
    """The unit read on its own when spaCy ran it into a neighbour: the document's parse cut at the unit's edges
    (words whose head lay outside become roots), so no stage parses the text again (done once, on demand)."""
    if not unit.split or unit.doc is not ctx.doc:
        return unit
    cut = span_doc(ctx, unit.start_char, unit.end_char)
    if cut is None:
        return unit
    sub, offset = cut
    fresh = Unit(unit.start_char, unit.end_char, sub, 0, len(sub), offset=offset, split=True)
    units = units_of(ctx)
    units[units.index(unit)] = fresh
    return fresh


def span_doc(ctx: DocContext, start: int, end: int) -> tuple[Doc, int] | None:
    """The document's parse of the words over [start, end) as a Doc of its own, and where that Doc starts."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.as_doc(), span.start_char


def has_mention(ctx: DocContext, unit: Unit) -> bool:
    """True when some entity mention lies in the unit (frames need at least one)."""
    starts = ctx.memo.get("units.mention_starts")
    if starts is None or len(starts) != len(ctx.analysis.mentions):
        starts = sorted(m.start for m in ctx.analysis.mentions)
        ctx.memo["units.mention_starts"] = starts
    i = bisect_right(starts, unit.start_char - 1)
    return i < len(starts) and starts[i] < unit.end_char


def unit_at(ctx: DocContext, char: int) -> Unit | None:
    """The unit holding a document offset."""
    units = units_of(ctx)
    i = bisect_right(ctx.unit_starts, char) - 1
    if 0 <= i < len(units) and units[i].start_char <= char <= units[i].end_char:
        return units[i]
    return None


def record(ctx: DocContext, found: Found, unit: Unit, extractor: str, evidence: tuple[int, int] | None = None,
           offset: int | None = None) -> Claim | None:
    """Store a found claim (evidence: the unit) and remember its trigger for the annotators."""
    obj = found.object
    obj_value: str | LiteralValue = LiteralValue(obj[1], "date" if obj[0] == "date" else "text") \
        if isinstance(obj, tuple) else obj
    start, end = evidence or (unit.start_char, unit.end_char)
    for known in ctx.analysis.claims:  # one reading of one clause is stored once
        if known.subject == found.subject and known.predicate == found.predicate and known.object == obj_value \
                and known.evidence and known.evidence[0].start == start:
            return None
    claim = ctx.add_claim(found.subject, found.predicate, obj_value, (start, end), extractor,
                          qualifiers=dict(found.qualifiers), polarity=found.polarity, confidence=found.confidence)
    if claim is not None:
        ctx.anchors[id(claim)] = Anchor(found.trigger,
                                                                  unit.offset if offset is None else offset)
    return claim


def anchor_of(ctx: DocContext, claim: Claim) -> Anchor | None:
    """Where the trigger of a claim is (None for claims of other extractors)."""
    return ctx.anchors.get(id(claim))


def resolver_for(ctx: DocContext, unit: Unit | None = None) -> ArgResolver:
    """The argument resolver reading a unit's parse (one for the document, one per re-parsed unit)."""
    cache: dict[str | int, ArgResolver] = ctx.memo.setdefault("units.resolvers", {})
    if "doc" not in cache:
        cache["doc"] = ArgResolver(ctx)
    if unit is None or unit.doc is ctx.doc:
        return cache["doc"]
    key = unit.start_char
    if key not in cache:
        cache[key] = ArgResolver(ctx, unit.doc, unit.offset)
    return cache[key]
