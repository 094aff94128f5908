"""claims by both ends and predicate: an entity's rows with some predicates and partners without reading all its rows

Revision ID: 0011_claim_pair_indexes
Revises: 0010_claim_triple_keys

The conflicts of a page of claims (claimgraph.views.conflicts), corroboration through merge
groups and graph edges read a subject's rows with some predicates (and partners). With only
the one-column subject and object indexes SQLite read every row of a much-named entity and
filtered them; these indexes answer (subject, predicate, object) and (object, predicate,
subject) lookups directly.
"""

from __future__ import annotations

from alembic import op

revision = "0011_claim_pair_indexes"
down_revision = "0010_claim_triple_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_claims_subject_predicate", "claims", ["subject_id", "predicate", "object_id"], unique=False)
    op.create_index("ix_claims_object_predicate", "claims", ["object_id", "predicate", "subject_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_claims_object_predicate", table_name="claims")
    op.drop_index("ix_claims_subject_predicate", table_name="claims")
