"""The per-document context every analysis stage reads and extends."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from claimgraph.model import Analysis, Claim, ClaimObject, Entity, EvidenceSpan, Mention
from claimgraph.resolve.names import norm_name
from claimgraph.settings import Settings

if TYPE_CHECKING:
    from claimgraph.extract.structure import Layout
    from claimgraph.extract.units import Anchor, Unit


@dataclass
class DocContext:
    """One document under analysis: its spaCy doc, its entities (union-find) and its claims."""

    analysis: Analysis
    doc: Doc
    settings: Settings
    # union-find over local entity keys: merged keys point at their representative
    _parent: dict[str, str] = field(default_factory=dict)
    # fields one stage hands to later ones (see claimgraph.core.stages.FIELDS for who provides what)
    layout: Layout | None = None  # headings, list items and sections of the text
    units: list[Unit] | None = None  # sentences cut at line breaks, the evidence claims cite
    unit_starts: list[int] = field(default_factory=list)  # start offsets of `units`, for bisection
    anchors: dict[int, Anchor] = field(default_factory=dict)  # id(claim) -> the word that triggered it (scopes)
    # (long name key, acronym key) pairs written "Long Name (LN)", found by the recognizer for alias resolution
    parenthetical_aliases: list[tuple[str, str]] = field(default_factory=list)
    # descriptions and pronouns ("the group", "it") that coreference linked: read by stages, never stored as names
    coref_mentions: list[Mention] = field(default_factory=list)
    # a stage's own per-document cache, keyed "<stage>.<what>"; another stage never reads it
    memo: dict[str, Any] = field(default_factory=dict)
    # entity keys of named sites (camps, list-item sites) found by the place-mention stage, read by place resolution
    place_sites: set[str] = field(default_factory=set)
    # why analysis of this document failed (the stage and its error), set by the pipeline; None when it did not
    failure: str | None = None

    @property
    def text(self) -> str:
        """The text the model read: the stored text with wraps joined, typography folded, case restored.

        It has the stored text's length, so offsets index both; rules read names, case and line breaks here (a
        lower-cased "mko" is the acronym MKO, a wrapped name one line), while mention and evidence texts are cut
        from the stored text (`stored`, and `settle_texts` at the end of the analysis).
        """
        reading = self.doc.text
        stored = self.analysis.document.text
        return reading if len(reading) == len(stored) else stored

    @property
    def stored(self) -> str:
        """The stored document text, exactly as evidence quotes it."""
        return self.analysis.document.text

    def settle_texts(self) -> None:
        """Cut every mention's and evidence span's text from the stored text (stages may have cut the reading)."""
        stored = self.stored
        for mention in self.analysis.mentions:
            mention.text = stored[mention.start:mention.end]
        for claim in self.analysis.claims:
            for span in claim.evidence:
                span.text = stored[span.start:span.end]

    # ---------------------------------------------------------------- entities
    def add_entity(self, name: str, type_: str, key: str | None = None) -> str:
        """Register (or find) a local entity by name and type; returns its key."""
        name = clean_name(name)
        key = key or f"{type_}:{norm_name(name)}"
        ents = self.analysis.entities
        if key not in ents:
            ents[key] = Entity(key=key, name=name, type=type_)
            self._parent[key] = key
        ents[key].aliases.add(name)
        return self.find(key)

    def add_mention(self, start: int, end: int, type_: str, source: str = "ner",
                    key: str | None = None, name: str | None = None) -> Mention:
        """Record that text[start:end] names an entity (created from the span when `key` is None)."""
        start, end = trim_name_span(self.text, start, end)
        text = self.text[start:end]
        key = key or self.add_entity(name or text, type_)
        self.analysis.entities[self.find(key)].aliases.add(text)
        mention = Mention(start=start, end=end, text=text, entity_key=key, type=type_, source=source)
        self.analysis.mentions.append(mention)
        return mention

    def find(self, key: str) -> str:
        """The representative key of a (possibly merged) entity."""
        parent = self._parent.setdefault(key, key)
        while parent != self._parent[parent]:
            parent = self._parent[parent]
        self._parent[key] = parent
        return parent

    def merge(self, keep: str, other: str) -> str:
        """Merge entity `other` into `keep` (names become aliases); returns the kept key."""
        a, b = self.find(keep), self.find(other)
        if a == b:
            return a
        ents = self.analysis.entities
        self._parent[b] = a
        ents[a].aliases |= ents[b].aliases | {ents[b].name}
        return a

    def entity(self, key: str) -> Entity:
        """The representative entity of a key."""
        return self.analysis.entities[self.find(key)]

    def _mention_index(self) -> tuple[list[int], list[tuple[int, int, Mention]], int]:
        """Mentions sorted by (start, insertion order), rebuilt only when the list changed."""
        mentions = self.analysis.mentions
        key = (id(mentions), len(mentions))
        cached = self.memo.get("context.mention_index")
        if cached is None or cached[0] != key:
            entries = sorted(((m.start, i, m) for i, m in enumerate(mentions)), key=lambda e: (e[0], e[1]))
            longest = max((m.end - m.start for m in mentions), default=0)
            cached = (key, [e[0] for e in entries], entries, longest)
            self.memo["context.mention_index"] = cached
        return cached[1], cached[2], cached[3]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie within [start, end), in text order."""
        starts, entries, _ = self._mention_index()
        out = []
        for _, _, m in entries[bisect_left(starts, start): bisect_left(starts, end)]:
            if m.end <= end:
                out.append(m)
        return out

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The longest mention overlapping [start, end) (the earliest added among equals), or None."""
        starts, entries, longest = self._mention_index()
        best: tuple[int, int, Mention] | None = None
        # only mentions starting less than the longest mention's length before `start` can reach it
        for _, i, m in entries[bisect_left(starts, start - longest): bisect_left(starts, end)]:
            if m.end > start and m.start < end:
                length = m.end - m.start
                if best is None or length > best[0] or (length == best[0] and i < best[1]):
                    best = (length, i, m)
        return best[2] if best else None

    def entity_for(self, span: Span) -> str | None:
        """The entity key a spaCy span names, through the mentions it overlaps."""
        m = self.mention_at(span.start_char, span.end_char)
        return self.find(m.entity_key) if m else None

    # ---------------------------------------------------------------- claims
    def evidence(self, span: Span | tuple[int, int]) -> EvidenceSpan:
        """Evidence for a spaCy span or (start, end) offsets, trimmed of surrounding space."""
        start, end = (span.start_char, span.end_char) if isinstance(span, Span) else span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return EvidenceSpan(start=start, end=end, text=self.stored[start:end])

    def add_claim(self, subject: str, predicate: str, obj: ClaimObject, evidence: Span | tuple[int, int],
                  extractor: str, **fields: Any) -> Claim | None:
        """Record a claim; a claim whose subject is its object is dropped."""
        if isinstance(obj, str) and self.find(obj) == self.find(subject):
            return None
        claim = Claim(subject=subject, predicate=predicate, object=obj, evidence=[self.evidence(evidence)],
                      extractor=extractor, **fields)
        self.analysis.claims.append(claim)
        return claim


class ReadingContext(DocContext):
    """The document context with its reading (`text`) worked out once per Doc.

    spaCy's `Doc.text` joins every token each time it is read, and stages read `ctx.text` tens of thousands of times
    per hundred documents (two thirds of an ingest's time went there). The value is the base class's own, cached
    for as long as the context holds the same Doc and stored text.
    """

    @property
    def text(self) -> str:
        """The text the model read (see DocContext.text), computed once per Doc."""
        stored = self.analysis.document.text
        cached = self.__dict__.get("_reading")
        if cached is None or cached[0] is not self.doc or cached[1] is not stored:
            reading: str = DocContext.text.fget(self)  # type: ignore[attr-defined]
            cached = self.__dict__["_reading"] = (self.doc, stored, reading)
        return str(cached[2])


# citation marks ('[12]', an unclosed '[4') and the space before them never belong to a name
_CITATION = re.compile(r"\s*\[\d{1,3}\]?")
_SPACES = re.compile(r"\s+")


def clean_name(name: str) -> str:
    """A name fit to show: cut at a citation mark or an unclosed bracket, line breaks and runs of space made one."""
    mark = _CITATION.search(name)
    if mark and mark.start() > 0:
        name = name[: mark.start()]  # 'Regime of the Colonels.[3] Their': the name ends at the mark
    return _SPACES.sub(" ", name[: _unbalanced_at(name)]).strip()


def _unbalanced_at(name: str) -> int:
    """Where a name must end so that its brackets balance ('Nickname(s' → 'Nickname'): the first unclosed '(' or
    unopened ')', else the name's length."""
    depth = 0
    opened = -1
    for i, ch in enumerate(name):
        if ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
    return opened if depth > 0 else len(name)


def trim_name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A mention's offsets without surrounding space, a citation mark ('Rajavi[4' → 'Rajavi') or an unclosed
    bracket and what follows it."""
    mark = _CITATION.search(text, start, end)
    if mark and mark.start() > start:
        end = mark.start()
    cut = _unbalanced_at(text[start:end])
    if cut > 0:
        end = start + cut
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
