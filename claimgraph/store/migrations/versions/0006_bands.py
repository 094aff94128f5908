"""incremental after-ingest: MinHash bands indexed, merge of the 0002–0005 branches

Revision ID: 0006_bands
Revises: 0002_gazetteer, 0003_reason, 0004_search, 0005_ingest_state, 0005_reference

A new document found the documents it may copy by reading every stored signature; its bands
now sit in `document_bands` under an index, so the lookup reads only documents sharing a band.
The copies of a document are found by an index on `document_sources.copy_of`, and the time
of the last completed after-ingest step by an index on `after_ingest_done.done_at` (the steps
revisit what changed since then). Stores written before this revision get their bands from
the stored signatures.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_bands"
down_revision = ("0002_gazetteer", "0003_reason", "0004_search", "0005_ingest_state", "0005_reference")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    from claimgraph.store.derived import band_keys

    op.create_table(
        "document_bands",
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
    )
    op.create_index("ix_document_bands_key", "document_bands", ["key"], unique=False)
    op.create_index("ix_document_bands_document", "document_bands", ["document_id"], unique=False)
    op.create_index("ix_document_sources_copy_of", "document_sources", ["copy_of"], unique=False)
    op.create_index("ix_after_ingest_done_at", "after_ingest_done", ["done_at"], unique=False)
    conn = op.get_bind()
    sources = sa.table("document_sources", sa.column("document_id"), sa.column("signature", sa.JSON()))
    bands = sa.table("document_bands", sa.column("document_id"), sa.column("key"))
    rows = []
    for doc_id, signature in conn.execute(sa.select(sources.c.document_id, sources.c.signature)):
        rows += [{"document_id": doc_id, "key": key} for key in band_keys(list(signature or []))]
        if len(rows) >= 20_000:
            conn.execute(sa.insert(bands), rows)
            rows = []
    if rows:
        conn.execute(sa.insert(bands), rows)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_after_ingest_done_at", table_name="after_ingest_done")
    op.drop_index("ix_document_sources_copy_of", table_name="document_sources")
    op.drop_index("ix_document_bands_document", table_name="document_bands")
    op.drop_index("ix_document_bands_key", table_name="document_bands")
    op.drop_table("document_bands")
