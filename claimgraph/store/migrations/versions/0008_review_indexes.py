"""indexes for the incremental after-ingest step: reviews by time and action, merges by time

Revision ID: 0008_review_indexes
Revises: 0007_pending

The after-ingest step revisits what changed since it last ran (merges, splits, reviewers'
decisions), and replays reviewers' accept/reject decisions; without these indexes each read
went through every review row, which grows with every automatic supersession.
"""

from __future__ import annotations

from alembic import op

revision = "0008_review_indexes"
down_revision = "0007_pending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_reviews_created", "reviews", ["created_at"], unique=False)
    op.create_index("ix_reviews_action", "reviews", ["action"], unique=False)
    op.create_index("ix_entity_merges_created", "entity_merges", ["created_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_entity_merges_created", table_name="entity_merges")
    op.drop_index("ix_reviews_action", table_name="reviews")
    op.drop_index("ix_reviews_created", table_name="reviews")
