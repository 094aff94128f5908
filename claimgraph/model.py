"""Plain data types that every stage passes along: documents, mentions, entities, claims."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

ENTITY_TYPES = ("Organization", "Person", "Country", "Place", "Group", "Event", "Other")
MODALITIES = ("asserted", "hedged", "attributed", "speculative", "negated", "question")
POLARITIES = ("positive", "negative")
STATUSES = ("active", "superseded", "rejected")

Modality = Literal["asserted", "hedged", "attributed", "speculative", "negated", "question"]
Polarity = Literal["positive", "negative"]


def stable_id(prefix: str, *parts: object) -> str:
    """Deterministic short id from its parts: same input, same id, on every machine."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


@dataclass
class SourceDocument:
    """One input document as read from disk, a URL or a JSONL line, before analysis."""

    text: str
    source: str
    title: str | None = None
    id: str | None = None
    published: str | None = None
    url: str | None = None

    @property
    def sha256(self) -> str:
        """Content hash of the text: the same content twice is one document."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def doc_id(self) -> str:
        """The input's own id where it gave one, otherwise derived from the content."""
        return self.id if self.id else "d-" + self.sha256[:16]


@dataclass
class Mention:
    """A span of the document text that names an entity."""

    start: int
    end: int
    text: str
    entity_key: str
    type: str
    source: str = "ner"


@dataclass
class Entity:
    """An entity as seen within one document (resolved to a stored id when written)."""

    key: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    geo: dict[str, Any] | None = None
    external_ids: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LiteralValue:
    """A claim object that is a value rather than an entity: a date, a text, a quantity."""

    value: str | float | int
    type: Literal["date", "text", "quantity"] = "text"


ClaimObject = str | LiteralValue  # an entity key, or a literal


@dataclass
class EvidenceSpan:
    """Where a claim is said: character offsets into the stored document text."""

    start: int
    end: int
    text: str


@dataclass
class Claim:
    """'The document says subject predicate object', with how, when and by whom."""

    subject: str
    predicate: str
    object: ClaimObject
    evidence: list[EvidenceSpan]
    qualifiers: dict[str, Any] = field(default_factory=dict)
    modality: str = "asserted"
    polarity: str = "positive"
    attributed_to: str | None = None
    confidence: float = 0.7
    status: str = "active"
    extractor: str = ""


PROVENANCES = ("gazetteer", "table")


@dataclass
class ReferenceFact:
    """A fact from the product's own reference data (gazetteer, built-in tables), never a document's claim.

    `provenance` says where it comes from: {"source": "gazetteer" | "table", "rule": str?, "id": str?}.
    Subject and object are entity keys local to the analysed document, like a claim's.
    """

    subject: str
    predicate: str
    object: str
    provenance: dict[str, Any]
    qualifiers: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.9


@dataclass
class Analysis:
    """Everything extracted from one document, with entity keys local to that document."""

    document: SourceDocument
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # reference knowledge met while reading the document: stored apart from its claims
    reference: list[ReferenceFact] = field(default_factory=list)
    word_count: int = 0
