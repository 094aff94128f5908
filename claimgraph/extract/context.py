"""The per-document context every analysis stage reads and extends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from claimgraph.model import Analysis, Claim, ClaimObject, Entity, EvidenceSpan, Mention
from claimgraph.resolve.names import norm_name
from claimgraph.settings import Settings


@dataclass
class DocContext:
    """One document under analysis: its spaCy doc, its entities (union-find) and its claims."""

    analysis: Analysis
    doc: Doc
    settings: Settings
    # union-find over local entity keys: merged keys point at their representative
    _parent: dict[str, str] = field(default_factory=dict)
    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The stored document text (offsets index it)."""
        return self.analysis.document.text

    # ---------------------------------------------------------------- entities
    def add_entity(self, name: str, type_: str, key: str | None = None) -> str:
        """Register (or find) a local entity by name and type; returns its key."""
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

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie within [start, end), in text order."""
        return sorted((m for m in self.analysis.mentions if m.start >= start and m.end <= end),
                      key=lambda m: m.start)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The longest mention overlapping [start, end), or None."""
        hits = [m for m in self.analysis.mentions if m.start < end and m.end > start]
        return max(hits, key=lambda m: m.end - m.start) if hits else None

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
        return EvidenceSpan(start=start, end=end, text=self.text[start:end])

    def add_claim(self, subject: str, predicate: str, obj: ClaimObject, evidence: Span | tuple[int, int],
                  extractor: str, **fields: Any) -> Claim | None:
        """Record a claim; a claim whose subject is its object is dropped."""
        if isinstance(obj, str) and self.find(obj) == self.find(subject):
            return None
        claim = Claim(subject=subject, predicate=predicate, object=obj, evidence=[self.evidence(evidence)],
                      extractor=extractor, **fields)
        self.analysis.claims.append(claim)
        return claim
