"""full-text search over documents and entity names, and the indexes the HTTP API reads by

Revision ID: 0004_search
Revises: 0001_core

SQLite gets two FTS5 tables kept current by triggers, so the writer needs no change;
PostgreSQL gets a generated tsvector column and GIN indexes instead. The search module
(claimgraph.api.search) has one query function per dialect over these structures.
"""

from __future__ import annotations

from alembic import op

revision = "0004_search"
down_revision = "0001_core"
branch_labels = ("search",)
depends_on = None

# (index name, table, columns): lookups the API makes that 0001 has no index for
# (entities.merged_into is indexed by 0003_reason)
API_INDEXES: list[tuple[str, str, list[str]]] = [
    ("ix_search_claims_attributed_to", "claims", ["attributed_to_id"]),
    ("ix_search_claims_status", "claims", ["status"]),
    ("ix_search_claims_modality", "claims", ["modality"]),
]

# Documents keep their own FTS rows (title and text); `rowid` copies the document's rowid so
# the delete trigger finds its row without a scan. Names are indexed from `aliases`, whose
# integer primary key is a stable rowid, so that table can serve as external content.
SQLITE_UP = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        document_id UNINDEXED, title, text,
        tokenize = 'porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, document_id, title, text)
        VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE rowid = old.rowid AND document_id = old.id;
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        DELETE FROM documents_fts WHERE rowid = old.rowid AND document_id = old.id;
        INSERT INTO documents_fts(rowid, document_id, title, text)
        VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text);
    END""",
    """INSERT INTO documents_fts(rowid, document_id, title, text)
        SELECT rowid, id, coalesce(title, ''), text FROM documents""",
    """CREATE VIRTUAL TABLE entity_names_fts USING fts5(
        alias, content = 'aliases', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    """CREATE TRIGGER entity_names_fts_insert AFTER INSERT ON aliases BEGIN
        INSERT INTO entity_names_fts(rowid, alias) VALUES (new.id, new.alias);
    END""",
    """CREATE TRIGGER entity_names_fts_delete AFTER DELETE ON aliases BEGIN
        INSERT INTO entity_names_fts(entity_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
    END""",
    """CREATE TRIGGER entity_names_fts_update AFTER UPDATE OF alias ON aliases BEGIN
        INSERT INTO entity_names_fts(entity_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
        INSERT INTO entity_names_fts(rowid, alias) VALUES (new.id, new.alias);
    END""",
    "INSERT INTO entity_names_fts(entity_names_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS entity_names_fts_update",
    "DROP TRIGGER IF EXISTS entity_names_fts_delete",
    "DROP TRIGGER IF EXISTS entity_names_fts_insert",
    "DROP TABLE IF EXISTS entity_names_fts",
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TABLE IF EXISTS documents_fts",
]

# English stemming for prose, 'simple' (no stemming, no stop words) for names
POSTGRESQL_UP = [
    """ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', text), 'B')) STORED""",
    "CREATE INDEX ix_search_documents_vector ON documents USING gin (search_vector)",
    "CREATE INDEX ix_search_aliases_vector ON aliases USING gin (to_tsvector('simple', alias))",
]

POSTGRESQL_DOWN = [
    "DROP INDEX IF EXISTS ix_search_aliases_vector",
    "DROP INDEX IF EXISTS ix_search_documents_vector",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search_vector",
]


def upgrade() -> None:
    """Create the search structures of this dialect and the API's indexes."""
    dialect = op.get_bind().dialect.name
    for name, table, columns in API_INDEXES:
        op.create_index(name, table, columns, unique=False, if_not_exists=True)
    statements = {"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP}.get(dialect, [])
    if dialect == "sqlite" and not op.get_bind().exec_driver_sql(
            "SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar():
        statements = []  # an SQLite built without FTS5: search falls back to substring matching
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Drop the search structures and the API's indexes."""
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN}.get(dialect, []):
        op.execute(statement)
    for name, table, _columns in reversed(API_INDEXES):
        op.drop_index(name, table_name=table, if_exists=True)
