"""reasoning tables: entity matching keys, document sources, an index on entities.merged_into

Revision ID: 0003_reason
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_reason"
down_revision = "0001_core"
branch_labels = ("reason",)
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "entity_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_id", "kind", "key", name="uq_entity_key"),
    )
    op.create_index("ix_entity_keys_key", "entity_keys", ["kind", "key"], unique=False)
    # entity groups are walked from the kept entity to everything merged into it
    op.create_index("ix_entities_merged_into", "entities", ["merged_into"], unique=False)
    op.create_table(
        "document_sources",
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("copy_of", sa.String(length=200), nullable=True),
        sa.Column("similarity", sa.Integer(), nullable=True),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("document_id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("document_sources")
    op.drop_index("ix_entities_merged_into", table_name="entities")
    op.drop_index("ix_entity_keys_key", table_name="entity_keys")
    op.drop_table("entity_keys")
