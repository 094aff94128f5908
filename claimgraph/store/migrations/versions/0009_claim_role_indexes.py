"""indexes for claim counts and reads by speaker: claims by each role with the columns a count needs

Revision ID: 0009_claim_role_indexes
Revises: 0008_review_indexes

An entity's claim count (claimgraph.views.counts) counts the non-rejected claims that name it
as subject, object or speaker. With these indexes each role is counted from the index alone,
and claims by their speaker (claims-about includes quoted speakers) are found without a scan
of the claims table: there was no index on attributed_to_id at all.
"""

from __future__ import annotations

from alembic import op

revision = "0009_claim_role_indexes"
down_revision = "0008_review_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_claims_subject_status", "claims", ["subject_id", "status"], unique=False)
    op.create_index("ix_claims_object_count", "claims", ["object_id", "status", "subject_id"], unique=False)
    op.create_index("ix_claims_speaker_count", "claims", ["attributed_to_id", "status", "subject_id", "object_id"],
                    unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_claims_speaker_count", table_name="claims")
    op.drop_index("ix_claims_object_count", table_name="claims")
    op.drop_index("ix_claims_subject_status", table_name="claims")
