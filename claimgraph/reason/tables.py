"""Tables of the reasoning layer (migration 0003_reason), on the store's shared metadata."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from claimgraph.store.schema import entities, metadata

# matching keys of every stored entity name: transliteration skeletons, acronyms, name cores
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key", String(300), nullable=False),
    UniqueConstraint("entity_id", "kind", "key", name="uq_entity_key"),
    Index("ix_entity_keys_key", "kind", "key"),
)

# where a document comes from and which earlier document it copies (independence of sources)
document_sources = Table(
    "document_sources",
    metadata,
    Column("document_id", String(200), ForeignKey("documents.id"), primary_key=True),
    Column("outlet", Text),
    Column("copy_of", String(200)),
    Column("similarity", Integer),  # percent shingle overlap with copy_of
    Column("signature", JSON, nullable=False, default=list),
)

# walked from a kept entity to everything merged into it (created by migration 0003_reason)
ix_entities_merged_into = Index("ix_entities_merged_into", entities.c.merged_into)
