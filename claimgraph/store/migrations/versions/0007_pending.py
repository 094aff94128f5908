"""after-ingest bookkeeping without a scan: documents waiting for their cross-source steps

Revision ID: 0007_pending
Revises: 0006_bands

Which documents lacked their after-ingest steps was found by comparing every document with
`after_ingest_done`, a read that grows with the store and ran after every batch. Triggers now
keep `after_ingest_pending` (documents stored and not done) in the transaction that stores a
document or marks it done. Documents pending before this revision are copied in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_pending"
down_revision = "0006_bands"
branch_labels = None
depends_on = None


# (trigger, table, event, statement on the new or old row): pending <=> stored and not done, however
# either table changes (a test or an operator deleting done rows makes their documents pending again)
TRIGGERS = [
    ("documents_pending", "documents", "INSERT",
     "INSERT INTO after_ingest_pending (document_id) VALUES (NEW.id) {ignore}"),
    ("documents_gone", "documents", "DELETE", "DELETE FROM after_ingest_pending WHERE document_id = OLD.id"),
    ("after_ingest_marked", "after_ingest_done", "INSERT",
     "DELETE FROM after_ingest_pending WHERE document_id = NEW.document_id"),
    ("after_ingest_unmarked", "after_ingest_done", "DELETE",
     "INSERT INTO after_ingest_pending (document_id) SELECT id FROM documents WHERE id = OLD.document_id {ignore}"),
]


def upgrade() -> None:
    """Apply this revision."""
    op.create_table("after_ingest_pending", sa.Column("document_id", sa.String(200), primary_key=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, event, statement in TRIGGERS:
        if postgres:
            body = statement.format(ignore="ON CONFLICT DO NOTHING")
            op.execute(f"""CREATE OR REPLACE FUNCTION claimgraph_{name}() RETURNS trigger AS $$
                           BEGIN {body}; RETURN NULL; END $$ LANGUAGE plpgsql""")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
                       f"EXECUTE FUNCTION claimgraph_{name}()")
        else:
            body = statement.replace("INSERT INTO", "INSERT OR IGNORE INTO").format(ignore="")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {body}; END")
    op.execute("""INSERT INTO after_ingest_pending (document_id)
                  SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM after_ingest_done)""")


def downgrade() -> None:
    """Revert this revision."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, _event, _statement in TRIGGERS:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS claimgraph_{name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("after_ingest_pending")
