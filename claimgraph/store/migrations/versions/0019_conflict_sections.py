"""conflict sections: each entity's conflicts and changes over time kept, with triggers that note changes

Revision ID: 0019_conflict_sections
Revises: 0018_claim_id_walks

A profile's conflict section reasoned at request time over the claim groups of its page's claims, which for a
much-named entity grows with the store (its single-valued and literal groups hold thousands of claims).
`conflict_sections` keeps, per kept entity, the reasoning plugin's records that name one of its profile claims,
in whole-store order, and `conflict_section_claims` which claims each names, so a page reads only its own
claims' records (claimgraph.views.conflict_sections). Triggers note in `conflict_stale` the raw ends of every
write that may change a record; readers reason live while anything is noted, the after-ingest steps recompute.
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


def _note(*refs: str) -> str:
    return " ".join(f"INSERT OR IGNORE INTO conflict_stale(entity_id) SELECT {r} WHERE {r} IS NOT NULL;"
                    for r in refs)


def _note_claim(ref: str) -> str:
    return ("INSERT OR IGNORE INTO conflict_stale(entity_id) SELECT e FROM (SELECT subject_id AS e FROM claims "
            f"WHERE id = {ref} UNION SELECT object_id FROM claims WHERE id = {ref}) WHERE e IS NOT NULL;")


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER conflict_claim_insert AFTER INSERT ON claims BEGIN "
    f"{_note('new.subject_id', 'new.object_id')} END",
    f"CREATE TRIGGER conflict_claim_update AFTER UPDATE OF {CLAIM_COLUMNS} ON claims BEGIN "
    f"{_note('old.subject_id', 'old.object_id', 'new.subject_id', 'new.object_id')} END",
    f"CREATE TRIGGER conflict_claim_delete AFTER DELETE ON claims BEGIN {_note('old.subject_id', 'old.object_id')} END",
    f"CREATE TRIGGER conflict_evidence_insert AFTER INSERT ON evidence BEGIN {_note_claim('new.claim_id')} END",
    f"CREATE TRIGGER conflict_evidence_delete AFTER DELETE ON evidence BEGIN {_note_claim('old.claim_id')} END",
    f"CREATE TRIGGER conflict_evidence_update AFTER UPDATE OF claim_id, document_id, qualifiers ON evidence BEGIN "
    f"{_note_claim('old.claim_id')} {_note_claim('new.claim_id')} END",
    "CREATE TRIGGER conflict_document_cite AFTER UPDATE OF published, title, source ON documents BEGIN "
    "INSERT OR IGNORE INTO conflict_stale(entity_id) SELECT e FROM (SELECT c.subject_id AS e FROM claims c JOIN "
    "evidence v ON v.claim_id = c.id WHERE v.document_id = new.id UNION SELECT c.object_id FROM claims c JOIN "
    "evidence v ON v.claim_id = c.id WHERE v.document_id = new.id) WHERE e IS NOT NULL; END",
    f"CREATE TRIGGER conflict_entity_update AFTER UPDATE OF name, merged_into ON entities BEGIN "
    f"{_note('new.id', 'old.merged_into', 'new.merged_into')} END",
]
PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION conflict_note_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO conflict_stale(entity_id) SELECT e FROM (VALUES (OLD.subject_id), (OLD.object_id)) AS t(e)
            WHERE e IS NOT NULL ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO conflict_stale(entity_id) SELECT e FROM (VALUES (NEW.subject_id), (NEW.object_id)) AS t(e)
            WHERE e IS NOT NULL ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION conflict_note_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO conflict_stale(entity_id) SELECT e FROM claims c, LATERAL (VALUES (c.subject_id),
            (c.object_id)) AS t(e) WHERE c.id = OLD.claim_id AND e IS NOT NULL ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO conflict_stale(entity_id) SELECT e FROM claims c, LATERAL (VALUES (c.subject_id),
            (c.object_id)) AS t(e) WHERE c.id = NEW.claim_id AND e IS NOT NULL ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION conflict_note_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO conflict_stale(entity_id) SELECT DISTINCT e FROM evidence v JOIN claims c ON c.id = v.claim_id,
        LATERAL (VALUES (c.subject_id), (c.object_id)) AS t(e) WHERE v.document_id = NEW.id AND e IS NOT NULL
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION conflict_note_entity() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO conflict_stale(entity_id) SELECT e FROM (VALUES (NEW.id), (OLD.merged_into), (NEW.merged_into))
        AS t(e) WHERE e IS NOT NULL ON CONFLICT DO NOTHING;
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
    from claimgraph.views.conflict_sections import refresh_sections

    op.create_table("conflict_sections",
                    sa.Column("entity_id", sa.String(64), primary_key=True),
                    sa.Column("section", sa.String(1), primary_key=True),
                    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("record", sa.Text, nullable=False))
    op.create_table("conflict_section_claims",
                    sa.Column("entity_id", sa.String(64), primary_key=True),
                    sa.Column("claim_id", sa.String(64), primary_key=True),
                    sa.Column("section", sa.String(1), primary_key=True),
                    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False))
    op.create_index("ix_conflict_section_claims_claim", "conflict_section_claims", ["claim_id"])
    op.create_table("conflict_stale", sa.Column("entity_id", sa.String(64), primary_key=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        for statement in (*PG_FUNCTIONS, *PG_TRIGGERS):
            op.execute(statement)
    refresh_sections(bind)


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
    op.drop_index("ix_conflict_section_claims_claim", table_name="conflict_section_claims")
    op.drop_table("conflict_section_claims")
    op.drop_table("conflict_sections")
