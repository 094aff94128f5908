"""claims by each end in confidence order: an entity's strongest edges without reading all its rows

Revision ID: 0012_claim_confidence_indexes
Revises: 0011_claim_pair_indexes

The claim graph (api/views.py) takes the most confident claims of each node, a few per node at the
second hop. With only the (end, predicate, other end) indexes SQLite read every row of a much-named
neighbour and sorted them all, so a 2-hop graph grew with the store; these indexes let it walk each
end's rows from the most confident and stop after the few it keeps.
"""

from __future__ import annotations

from alembic import op

revision = "0012_claim_confidence_indexes"
down_revision = "0011_claim_pair_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_claims_subject_confidence", "claims", ["subject_id", "confidence"], unique=False)
    op.create_index("ix_claims_object_confidence", "claims", ["object_id", "confidence"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_claims_object_confidence", table_name="claims")
    op.drop_index("ix_claims_subject_confidence", table_name="claims")
