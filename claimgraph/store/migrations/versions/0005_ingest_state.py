"""after-ingest bookkeeping: which stored documents the cross-source steps have seen

Revision ID: 0005_ingest_state
Revises: 0001_core

A document is written in its own transaction and the cross-source steps (copies, outlets, as-of
dates, review replay, supersession) run after it in another; a document without a row here
is pending and is completed by the next run (`claimgraph repair`). Documents stored before this
revision start as pending, so a store that lost those steps to a crash gets them back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_ingest_state"
down_revision = "0001_core"
branch_labels = ("ingest",)
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "after_ingest_done",
        sa.Column("document_id", sa.String(200), primary_key=True),
        sa.Column("done_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("after_ingest_done")
