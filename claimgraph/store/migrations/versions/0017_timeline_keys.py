"""timeline keys: each timed claim's placement start under every entity it names, with triggers that note changes

Revision ID: 0017_timeline_keys
Revises: 0016_claim_edge_indexes

The timeline is ordered by where a claim's time is placed (views.timeline.place_time, computed in Python from the
time qualifier and the first document's date), which no index of the claims can give: a page of an entity's
timeline read and placed every timed claim of the entity. `timeline_keys` keeps (entity, claim, placement start)
for the subject, object and speaker of each timed claim and once under "" (the whole-store timeline), so a page is
a walk of the (entity, start, claim) index that stops at the page (claimgraph.views.timeline_keys). Triggers note
in `timeline_stale` every write that may move a key; readers place noted claims live, the after-ingest steps
recompute them. Existing stores are keyed here in one pass.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_timeline_keys"
down_revision = "0016_claim_edge_indexes"
branch_labels = None
depends_on = None

SQLITE_NOTE = "INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES ({ref});"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER timeline_claim_insert AFTER INSERT ON claims BEGIN {SQLITE_NOTE.format(ref='new.id')} END""",
    f"""CREATE TRIGGER timeline_claim_update AFTER UPDATE OF qualifiers, subject_id, object_id, attributed_to_id
        ON claims BEGIN {SQLITE_NOTE.format(ref='new.id')} END""",
    f"""CREATE TRIGGER timeline_claim_delete AFTER DELETE ON claims BEGIN {SQLITE_NOTE.format(ref='old.id')} END""",
    f"""CREATE TRIGGER timeline_evidence_insert AFTER INSERT ON evidence BEGIN
        {SQLITE_NOTE.format(ref='new.claim_id')} END""",
    f"""CREATE TRIGGER timeline_evidence_delete AFTER DELETE ON evidence BEGIN
        {SQLITE_NOTE.format(ref='old.claim_id')} END""",
    f"""CREATE TRIGGER timeline_evidence_update AFTER UPDATE OF claim_id, document_id ON evidence BEGIN
        {SQLITE_NOTE.format(ref='old.claim_id')} {SQLITE_NOTE.format(ref='new.claim_id')} END""",
    """CREATE TRIGGER timeline_document_date AFTER UPDATE OF published ON documents BEGIN
        INSERT OR IGNORE INTO timeline_stale(claim_id) SELECT claim_id FROM evidence WHERE document_id = new.id;
    END""",
]
PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION timeline_note_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO timeline_stale(claim_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION timeline_note_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO timeline_stale(claim_id) VALUES (OLD.claim_id) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO timeline_stale(claim_id) VALUES (NEW.claim_id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION timeline_note_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO timeline_stale(claim_id) SELECT claim_id FROM evidence WHERE document_id = NEW.id
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
]
PG_TRIGGERS = [
    """CREATE TRIGGER timeline_claim_change AFTER INSERT OR DELETE OR UPDATE OF qualifiers, subject_id, object_id,
        attributed_to_id ON claims FOR EACH ROW EXECUTE FUNCTION timeline_note_claim()""",
    """CREATE TRIGGER timeline_evidence_change AFTER INSERT OR DELETE OR UPDATE OF claim_id, document_id
        ON evidence FOR EACH ROW EXECUTE FUNCTION timeline_note_evidence()""",
    """CREATE TRIGGER timeline_document_date AFTER UPDATE OF published ON documents FOR EACH ROW
        WHEN (OLD.published IS DISTINCT FROM NEW.published) EXECUTE FUNCTION timeline_note_document()""",
]
TRIGGER_TABLES = {"timeline_claim_change": "claims", "timeline_evidence_change": "evidence",
                  "timeline_document_date": "documents"}


def upgrade() -> None:
    """Apply this revision."""
    from claimgraph.views.timeline_keys import refresh_keys

    op.create_table("timeline_keys",
                    sa.Column("entity_id", sa.String(64), primary_key=True),
                    sa.Column("claim_id", sa.String(64), primary_key=True),
                    sa.Column("start", sa.String(10)))
    op.create_index("ix_timeline_keys_walk", "timeline_keys", ["entity_id", "start", "claim_id"])
    op.create_index("ix_timeline_keys_claim", "timeline_keys", ["claim_id"])
    op.create_table("timeline_stale", sa.Column("claim_id", sa.String(64), primary_key=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        for statement in (*PG_FUNCTIONS, *PG_TRIGGERS):
            op.execute(statement)
    refresh_keys(bind)


def downgrade() -> None:
    """Revert this revision."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    elif bind.dialect.name == "postgresql":
        for name, table in TRIGGER_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in ("timeline_note_claim", "timeline_note_evidence", "timeline_note_document"):
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("timeline_stale")
    op.drop_index("ix_timeline_keys_claim", table_name="timeline_keys")
    op.drop_index("ix_timeline_keys_walk", table_name="timeline_keys")
    op.drop_table("timeline_keys")
