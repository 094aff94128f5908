"""claims by each end (and speaker) in claim id order: a page of an entity's claims is a walk that stops at it

Revision ID: 0018_claim_id_walks
Revises: 0017_timeline_keys

GET /api/claims?entity= lists the claims naming an entity (subject, object or speaker) in claim id order, a page
after a cursor at a time. With indexes on the ends alone (their rows in rowid order) the database read every
claim of the entity and sorted them for each page: 47,000 rows for a much-named entity at 100k documents. These
indexes give each role's rows in id order, so each role is a walk from the cursor that stops after the page
(claimgraph.views.paging.entity_page).
"""

from __future__ import annotations

from alembic import op

revision = "0018_claim_id_walks"
down_revision = "0017_timeline_keys"
branch_labels = None
depends_on = None

WALKS = {"ix_claims_subject_walk": "subject_id", "ix_claims_object_walk": "object_id",
         "ix_claims_speaker_walk": "attributed_to_id"}


def upgrade() -> None:
    """Apply this revision."""
    for name, column in WALKS.items():
        op.create_index(name, "claims", [column, "id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    for name in WALKS:
        op.drop_index(name, table_name="claims")
