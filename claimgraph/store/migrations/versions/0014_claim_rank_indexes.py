"""claims by each end in the graph's own order (confidence descending, then id): ties need no sort

Revision ID: 0014_claim_rank_indexes
Revises: 0013_counts_spellings

The claim graph (api/views.py) takes each node's claims by `confidence DESC, id`. The (end, confidence)
indexes of 0012 gave the confidence order only, so SQLite sorted every row of the last confidence it reached
for the id order: a much-named neighbour has hundreds of claims at each confidence, read and sorted at every
second hop. These indexes hold the whole order, so the walk stops at the rows it keeps; they replace 0012's,
whose every use they serve (an index read backwards gives the other direction).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_claim_rank_indexes"
down_revision = "0013_counts_spellings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_claims_subject_rank", "claims", ["subject_id", sa.text("confidence DESC"), "id"],
                    unique=False)
    op.create_index("ix_claims_object_rank", "claims", ["object_id", sa.text("confidence DESC"), "id"],
                    unique=False)
    op.drop_index("ix_claims_object_confidence", table_name="claims")
    op.drop_index("ix_claims_subject_confidence", table_name="claims")


def downgrade() -> None:
    """Revert this revision."""
    op.create_index("ix_claims_subject_confidence", "claims", ["subject_id", "confidence"], unique=False)
    op.create_index("ix_claims_object_confidence", "claims", ["object_id", "confidence"], unique=False)
    op.drop_index("ix_claims_object_rank", table_name="claims")
    op.drop_index("ix_claims_subject_rank", table_name="claims")
