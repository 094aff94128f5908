"""kept conflicts: the reasoning plugin's conflicts and changes over time with the claims each names, noted by triggers

Revision ID: 0019_conflict_sections
Revises: 0018_claim_id_walks

A profile's conflict section reasoned at request time over the claim groups of its page's claims, which for a
much-named entity grows with the store (its single-valued and literal groups hold thousands of claims).
`conflict_records` keeps the reasoning plugin's records with their order keys and `conflict_record_claims` the
claims each names, so a page reads its own claims' records by index (claimgraph.views.conflict_sections).
Triggers note in `conflict_stale` every write that may change a record (claims and their evidence, documents'
citations, entities' names and merges); readers reason live while anything is noted, the after-ingest steps
replace the records of what was noted.
Existing stores are computed here in one whole-store pass.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_conflict_sections"
down_revision = "0018_claim_id_walks"
branch_labels = None
depends_on = None

CLAIM_COLUMNS = "subject_id, object_id, object_value, object_type, predicate, qualifiers, modality, polarity, status"


def _note(kind: str, *refs: str) -> str:
    return " ".join(f"INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT '{kind}', {r} WHERE {r} IS NOT NULL;"
                    for r in refs)


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER conflict_claim_insert AFTER INSERT ON claims BEGIN {_note('claim', 'new.id')} END",
    f"CREATE TRIGGER conflict_claim_update AFTER UPDATE OF {CLAIM_COLUMNS} ON claims BEGIN "
    f"{_note('claim', 'new.id')} END",
    f"CREATE TRIGGER conflict_claim_delete AFTER DELETE ON claims BEGIN {_note('claim', 'old.id')} END",
    f"CREATE TRIGGER conflict_evidence_insert AFTER INSERT ON evidence BEGIN {_note('claim', 'new.claim_id')} END",
    f"CREATE TRIGGER conflict_evidence_delete AFTER DELETE ON evidence BEGIN {_note('claim', 'old.claim_id')} END",
    f"CREATE TRIGGER conflict_evidence_update AFTER UPDATE OF claim_id, document_id, qualifiers ON evidence BEGIN "
    f"{_note('claim', 'old.claim_id', 'new.claim_id')} END",
    f"CREATE TRIGGER conflict_document_cite AFTER UPDATE OF published, title, source ON documents BEGIN "
    f"{_note('document', 'new.id')} END",
    f"CREATE TRIGGER conflict_entity_update AFTER UPDATE OF name, merged_into ON entities BEGIN "
    f"{_note('entity', 'new.id', 'old.merged_into', 'new.merged_into')} END",
]
PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION conflict_note_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO conflict_stale(kind, id) VALUES ('claim', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION conflict_note_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO conflict_stale(kind, id) VALUES ('claim', OLD.claim_id) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO conflict_stale(kind, id) VALUES ('claim', NEW.claim_id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION conflict_note_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO conflict_stale(kind, id) VALUES ('document', NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION conflict_note_entity() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO conflict_stale(kind, id) SELECT 'entity', e FROM (VALUES (NEW.id), (OLD.merged_into),
        (NEW.merged_into)) AS t(e) WHERE e IS NOT NULL ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
]
PG_TRIGGERS = [
    f"""CREATE TRIGGER conflict_claim_change AFTER INSERT OR DELETE OR UPDATE OF {CLAIM_COLUMNS} ON claims
        FOR EACH ROW EXECUTE FUNCTION conflict_note_claim()""",
    """CREATE TRIGGER conflict_evidence_change AFTER INSERT OR DELETE OR UPDATE OF claim_id, document_id, qualifiers
        ON evidence FOR EACH ROW EXECUTE FUNCTION conflict_note_evidence()""",
    """CREATE TRIGGER conflict_document_cite AFTER UPDATE OF published, title, source ON documents FOR EACH ROW
        WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.title IS DISTINCT FROM NEW.title
              OR OLD.source IS DISTINCT FROM NEW.source) EXECUTE FUNCTION conflict_note_document()""",
    """CREATE TRIGGER conflict_entity_change AFTER UPDATE OF name, merged_into ON entities FOR EACH ROW
        WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.merged_into IS DISTINCT FROM NEW.merged_into)
        EXECUTE FUNCTION conflict_note_entity()""",
]
TRIGGER_TABLES = {"conflict_claim_change": "claims", "conflict_evidence_change": "evidence",
                  "conflict_document_cite": "documents", "conflict_entity_change": "entities"}
PG_FUNCTION_NAMES = ("conflict_note_claim", "conflict_note_evidence", "conflict_note_document", "conflict_note_entity")


def upgrade() -> None:
    """Apply this revision."""
    from claimgraph.views.conflict_sections import refresh_all

    op.create_table("conflict_records",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("section", sa.String(1), nullable=False),
                    sa.Column("order_key", sa.Text, nullable=False),
                    sa.Column("record", sa.Text, nullable=False))
    op.create_table("conflict_record_claims",
                    sa.Column("claim_id", sa.String(64), primary_key=True),
                    sa.Column("record_id", sa.Integer, primary_key=True, autoincrement=False))
    op.create_index("ix_conflict_record_claims_record", "conflict_record_claims", ["record_id"])
    op.create_table("conflict_stale", sa.Column("kind", sa.String(16), primary_key=True),
                    sa.Column("id", sa.String(200), primary_key=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        for statement in (*PG_FUNCTIONS, *PG_TRIGGERS):
            op.execute(statement)
    refresh_all(bind)


def downgrade() -> None:
    """Revert this revision."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    elif bind.dialect.name == "postgresql":
        for name, table in TRIGGER_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in PG_FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("conflict_stale")
    op.drop_index("ix_conflict_record_claims_record", table_name="conflict_record_claims")
    op.drop_table("conflict_record_claims")
    op.drop_table("conflict_records")
