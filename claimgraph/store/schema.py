"""The tables of the store, as SQLAlchemy Core metadata (the Alembic migrations mirror it)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("published", String(32)),
    Column("text", Text, nullable=False),
    Column("word_count", Integer, nullable=False, default=0),
    Column("ingested_at", String(32), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("geo", JSON),
    Column("external_ids", JSON, nullable=False, default=dict),
    Column("attrs", JSON, nullable=False, default=dict),
    # set when a reviewer merged this entity into another; readers follow it
    Column("merged_into", String(64), ForeignKey("entities.id")),
    Index("ix_entities_type", "type"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", String(300), nullable=False),
    # migration 0013: every spelling of a name is kept ("al Qaeda" beside "al-Qaeda"; was one per norm)
    UniqueConstraint("entity_id", "alias", name="uq_alias_entity_alias"),
    Index("ix_aliases_norm", "norm"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("document_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(32), nullable=False),
    UniqueConstraint("document_id", "start", "end", "entity_id", name="uq_mention_span"),
    Index("ix_mentions_entity", "entity_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("subject_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("predicate", String(64), nullable=False),
    Column("object_id", String(64), ForeignKey("entities.id")),
    Column("object_value", Text),
    Column("object_type", String(16)),
    Column("qualifiers", JSON, nullable=False, default=dict),
    Column("modality", String(16), nullable=False),
    Column("polarity", String(16), nullable=False),
    Column("attributed_to_id", String(64), ForeignKey("entities.id")),
    Column("confidence", Float, nullable=False),
    Column("status", String(16), nullable=False, default="active"),
    # migration 0010: hash of what the row says (store.derived.triple_hash), so rows saying the same are one lookup
    Column("triple_key", BigInteger),
    Index("ix_claims_subject", "subject_id"),
    Index("ix_claims_object", "object_id"),
    Index("ix_claims_predicate", "predicate"),
    # migration 0009: each role counted from its index alone (views/counts.py), claims found by speaker
    Index("ix_claims_subject_status", "subject_id", "status"),
    Index("ix_claims_object_count", "object_id", "status", "subject_id"),
    Index("ix_claims_speaker_count", "attributed_to_id", "status", "subject_id", "object_id"),
    Index("ix_claims_triple_key", "triple_key"),
    # migration 0011: a subject's (or object's) rows with some predicates and partners, not all its rows
    Index("ix_claims_subject_predicate", "subject_id", "predicate", "object_id"),
    Index("ix_claims_object_predicate", "object_id", "predicate", "subject_id"),
)
# migration 0016 (0014 and 0012 before it without the columns after the id): each end's rows in the graph's order,
# most confident first, then by id (api/views.py, the strongest edges of a node), so a walk stops at the rows it
# keeps, with every column an edge shows, so it reads no table row
Index("ix_claims_subject_edges", claims.c.subject_id, claims.c.confidence.desc(), claims.c.id, claims.c.object_id,
      claims.c.status, claims.c.predicate, claims.c.modality, claims.c.polarity)
Index("ix_claims_object_edges", claims.c.object_id, claims.c.confidence.desc(), claims.c.id, claims.c.subject_id,
      claims.c.status, claims.c.predicate, claims.c.modality, claims.c.polarity)

# migration 0018: each role's rows in claim id order, so a page of an entity's claims (views/paging.py) is a walk
Index("ix_claims_subject_walk", claims.c.subject_id, claims.c.id)
Index("ix_claims_object_walk", claims.c.object_id, claims.c.id)
Index("ix_claims_speaker_walk", claims.c.attributed_to_id, claims.c.id)

# migration 0013: non-rejected claims naming each entity (subject, object or speaker; each claim once; merges not
# folded), kept by triggers on claims so every writer keeps it; claimgraph.views.counts reads it. Its own metadata:
# a schema made by metadata.create_all (no migrations, so no triggers) has no such table and counts from the rows
counts_metadata = MetaData()
entity_claim_counts = Table(
    "entity_claim_counts",
    counts_metadata,
    Column("entity_id", String(64), primary_key=True),
    Column("claims", Integer, nullable=False),
    Column("party", Integer, nullable=False),  # of those, the claims naming it as subject or object
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(64), ForeignKey("claims.id"), nullable=False),
    Column("document_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    # the qualifiers and confidence this one passage gave (claims.qualifiers merges them)
    Column("qualifiers", JSON, nullable=False, default=dict),
    Column("confidence", Float, nullable=False, default=0.7),
    Column("extractor", String(64), nullable=False, default=""),
    UniqueConstraint("claim_id", "document_id", "start", "end", name="uq_evidence_span"),
    Index("ix_evidence_document", "document_id"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(16), nullable=False),  # claim | entity
    Column("target_id", String(64), nullable=False),
    Column("action", String(16), nullable=False),  # accept | reject | annotate
    Column("reviewer", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("note", Text),
    Index("ix_reviews_target", "target_kind", "target_id"),
    Index("ix_reviews_created", "created_at"),  # migration 0008: what changed since the last after-ingest step
    Index("ix_reviews_action", "action"),
)

entity_merges = Table(
    "entity_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # merge | split
    Column("kept_id", String(64), nullable=False),
    Column("other_id", String(64), nullable=False),
    Column("alias", Text),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("reason", Text),
    Column("reviewer", Text),
    Column("created_at", String(32), nullable=False),
    Index("ix_entity_merges_created", "created_at"),  # migration 0008
)

# Reference knowledge (gazetteer place hierarchy, built-in tables): facts no document stated, kept
# apart from claims so they are never cited as a document's, scoped, corroborated or in conflict.
reference_facts = Table(
    "reference_facts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("subject_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("predicate", String(64), nullable=False),
    Column("object_id", String(64), ForeignKey("entities.id")),
    Column("object_value", Text),
    Column("object_type", String(16)),
    Column("qualifiers", JSON, nullable=False, default=dict),
    # {"source": "gazetteer" | "table", "rule": str?, "id": str?}
    Column("provenance", JSON, nullable=False, default=dict),
    Column("confidence", Float, nullable=False, default=0.9),
    Index("ix_reference_subject", "subject_id"),
    Index("ix_reference_object", "object_id"),
)
