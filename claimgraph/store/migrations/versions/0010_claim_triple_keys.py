"""a claim's triple key: what it says (canonical triple, polarity, speaker) as one indexed number

Revision ID: 0010_claim_triple_keys
Revises: 0009_claim_role_indexes

Corroboration counts the documents of every claim row that says the same thing. Finding those
rows read, per subject, its rows with the same partners; a page of a few hundred claims cost
hundreds of queries. Each claim row now carries `triple_key` (claimgraph.store.derived.triple_hash
of its own ids: canonical triple, polarity, speaker), written with the row, so the rows saying the
same as a page's claims are one indexed lookup; rows whose entities were merged are still matched
through their merge groups. Claims stored before this revision get their keys here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_claim_triple_keys"
down_revision = "0009_claim_role_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    from claimgraph.store.derived import triple_hash

    op.add_column("claims", sa.Column("triple_key", sa.BigInteger(), nullable=True))
    conn = op.get_bind()
    claims = sa.table("claims", *(sa.column(c) for c in ("id", "subject_id", "predicate", "object_id",
                                                         "object_value", "object_type", "polarity",
                                                         "attributed_to_id", "triple_key")))
    update = sa.update(claims).where(claims.c.id == sa.bindparam("claim_id")).values(
        triple_key=sa.bindparam("key"))
    rows = []
    for r in conn.execute(sa.select(claims)).mappings().all():
        rows.append({"claim_id": r["id"], "key": triple_hash(r)})
        if len(rows) >= 20_000:
            conn.execute(update, rows)
            rows = []
    if rows:
        conn.execute(update, rows)
    op.create_index("ix_claims_triple_key", "claims", ["triple_key"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_claims_triple_key", table_name="claims")
    # a plain DROP COLUMN (SQLite >= 3.35): batch mode would copy and drop `claims`, which the
    # foreign keys of evidence and reviews refuse while they are enforced
    op.drop_column("claims", "triple_key")
