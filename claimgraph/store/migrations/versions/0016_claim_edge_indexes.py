"""claims by each end in the graph's order, holding every column an edge shows: the walk reads no table row

Revision ID: 0016_claim_edge_indexes
Revises: 0015_claim_corroboration

The claim graph (api/views.py) reads each node's strongest claims by `end, confidence DESC, id` and shows their
other end, predicate, modality, polarity and status. The rank indexes of 0014 held the order only, so every row
a walk kept was looked up in the claims table again (hundreds a second hop, each a random page of a large
store). These indexes carry those columns after the order, so the walk is read from the index alone; they
replace 0014's, whose every use they serve (the same leading columns in the same order).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_claim_edge_indexes"
down_revision = "0015_claim_corroboration"
branch_labels = None
depends_on = None

SHOWN = ["status", "predicate", "modality", "polarity"]


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_claims_subject_edges", "claims",
                    ["subject_id", sa.text("confidence DESC"), "id", "object_id", *SHOWN], unique=False)
    op.create_index("ix_claims_object_edges", "claims",
                    ["object_id", sa.text("confidence DESC"), "id", "subject_id", *SHOWN], unique=False)
    op.drop_index("ix_claims_subject_rank", table_name="claims")
    op.drop_index("ix_claims_object_rank", table_name="claims")


def downgrade() -> None:
    """Revert this revision."""
    op.create_index("ix_claims_subject_rank", "claims", ["subject_id", sa.text("confidence DESC"), "id"],
                    unique=False)
    op.create_index("ix_claims_object_rank", "claims", ["object_id", sa.text("confidence DESC"), "id"],
                    unique=False)
    op.drop_index("ix_claims_object_edges", table_name="claims")
    op.drop_index("ix_claims_subject_edges", table_name="claims")
