"""reference knowledge apart from claims: the reference_facts table

Revision ID: 0005_reference
Revises: 0001_core

Facts from the gazetteer and built-in tables ("Baghdad located_in Iraq") are no document's
claim. Stores written before this revision kept them as claims whose every evidence row came
from the gazetteer stage; those claims move here (their evidence rows are dropped).
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0005_reference"
down_revision = "0001_core"
branch_labels = ("reference",)
depends_on = None

# extractor names under which earlier versions stored gazetteer facts as claims
GAZETTEER_EXTRACTORS = ("relations.gazetteer",)


def _fact_id(subject_id: str, predicate: str, object_id: str) -> str:
    digest = hashlib.sha1("\x1f".join((subject_id, predicate, object_id)).encode("utf-8")).hexdigest()
    return f"r-{digest[:16]}"


def upgrade() -> None:
    """Create reference_facts and move gazetteer-only claims into it."""
    op.create_table(
        "reference_facts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("predicate", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=True),
        sa.Column("object_value", sa.Text(), nullable=True),
        sa.Column("object_type", sa.String(length=16), nullable=True),
        sa.Column("qualifiers", sa.JSON(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["subject_id"], ["entities.id"]),
        sa.ForeignKeyConstraint(["object_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reference_subject", "reference_facts", ["subject_id"], unique=False)
    op.create_index("ix_reference_object", "reference_facts", ["object_id"], unique=False)
    conn = op.get_bind()
    meta = sa.MetaData()
    claims = sa.Table("claims", meta, autoload_with=conn)
    evidence = sa.Table("evidence", meta, autoload_with=conn)
    facts = sa.Table("reference_facts", meta, autoload_with=conn)
    other = sa.select(evidence.c.claim_id).where(evidence.c.extractor.notin_(GAZETTEER_EXTRACTORS))
    only_gazetteer = sa.select(claims.c.id, claims.c.subject_id, claims.c.predicate, claims.c.object_id).where(
        claims.c.id.in_(sa.select(evidence.c.claim_id).where(evidence.c.extractor.in_(GAZETTEER_EXTRACTORS))),
        claims.c.id.notin_(other), claims.c.object_id.isnot(None))
    rows = conn.execute(only_gazetteer).all()
    seen: set[str] = set()
    for row in rows:
        fact_id = _fact_id(row.subject_id, row.predicate, row.object_id)
        if fact_id not in seen:
            seen.add(fact_id)
            conn.execute(sa.insert(facts).values(
                id=fact_id, subject_id=row.subject_id, predicate=row.predicate, object_id=row.object_id,
                qualifiers={}, provenance={"source": "gazetteer", "rule": "place_hierarchy"}, confidence=0.9))
    ids = [row.id for row in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        conn.execute(sa.delete(evidence).where(evidence.c.claim_id.in_(chunk)))
        conn.execute(sa.delete(claims).where(claims.c.id.in_(chunk)))


def downgrade() -> None:
    """Drop reference_facts (the facts are not turned back into claims)."""
    op.drop_index("ix_reference_object", table_name="reference_facts")
    op.drop_index("ix_reference_subject", table_name="reference_facts")
    op.drop_table("reference_facts")
