"""each claim's corroboration kept in a table, with triggers that note what may change it

Revision ID: 0015_claim_corroboration
Revises: 0014_claim_rank_indexes

A graph edge shows its claim's corroboration (documents, outlets, independent sources over the claim's triple
group after merges). Counted live on every read it took about half of a 2-hop graph: the group's rows, their
documents, the documents' outlets and copy links. `claim_corroboration` keeps the counts (claimgraph.store.
corroborated); `corroboration_stale` is where triggers note every write that may change one (evidence written
or removed, a copy link or outlet changed, an entity joining a group, a split, a claim's ends changed). Readers count live while
a note is there; the after-ingest steps recount what is noted. Existing stores are counted here in one pass.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_claim_corroboration"
down_revision = "0014_claim_rank_indexes"
branch_labels = None
depends_on = None

NOTE = "INSERT INTO corroboration_stale(kind, ref) VALUES ('{kind}', {ref}) ON CONFLICT DO NOTHING;"
CLAIM_ENDS = ("subject_id", "object_id", "attributed_to_id")
ENDS_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in (*CLAIM_ENDS, "predicate", "polarity", "object_value",
                                                                "object_type"))


def _notes(kind: str, refs: list[str]) -> str:
    """Note each of these (SQL expressions, NULLs skipped)."""
    return "\n".join(NOTE.format(kind=kind, ref=ref).replace(
        "VALUES ('", "SELECT '").replace(f"{ref}) ON", f"{ref} WHERE {ref} IS NOT NULL ON") for ref in refs)


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER corroboration_evidence_insert AFTER INSERT ON evidence BEGIN
        {_notes('document', ['new.document_id'])}
    END""",
    f"""CREATE TRIGGER corroboration_evidence_delete AFTER DELETE ON evidence BEGIN
        {_notes('claim', ['old.claim_id'])}
        {_notes('document', ['old.document_id'])}
    END""",
    f"""CREATE TRIGGER corroboration_evidence_update AFTER UPDATE OF claim_id, document_id ON evidence BEGIN
        {_notes('claim', ['old.claim_id', 'new.claim_id'])}
        {_notes('document', ['old.document_id', 'new.document_id'])}
    END""",
    # an entity joining a group is noted alone (a new row of the document just stored, most often: refresh
    # recounts only its claims' groups when nothing else names it); a split or a move notes both groups
    f"""CREATE TRIGGER corroboration_join AFTER UPDATE OF merged_into ON entities
        WHEN old.merged_into IS NULL AND new.merged_into IS NOT NULL BEGIN
        {_notes('join', ['new.id'])}
    END""",
    f"""CREATE TRIGGER corroboration_merge AFTER UPDATE OF merged_into ON entities
        WHEN old.merged_into IS NOT NULL AND old.merged_into IS NOT new.merged_into BEGIN
        {_notes('entity', ['new.id', 'old.merged_into', 'new.merged_into'])}
    END""",
    f"""CREATE TRIGGER corroboration_sources AFTER UPDATE OF copy_of, outlet, document_id ON document_sources BEGIN
        {_notes('document', ['old.document_id', 'new.document_id'])}
    END""",
    f"""CREATE TRIGGER corroboration_sources_delete AFTER DELETE ON document_sources BEGIN
        {_notes('document', ['old.document_id'])}
    END""",
    f"""CREATE TRIGGER corroboration_claim_ends AFTER UPDATE OF {', '.join(CLAIM_ENDS)}, predicate, polarity,
        object_value, object_type ON claims WHEN {ENDS_CHANGED} BEGIN
        {_notes('claim', ['new.id'])}
        {_notes('entity', [f'{r}.{c}' for r in ('old', 'new') for c in CLAIM_ENDS])}
    END""",
]


def _pg(name: str, body: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {body.replace('old.', 'OLD.').replace('new.', 'NEW.')}
        RETURN NULL;
    END $$"""


PG_FUNCTIONS = [
    _pg("corroboration_evidence_rows", """
        INSERT INTO corroboration_stale(kind, ref) SELECT DISTINCT 'document', document_id FROM new_rows
        ON CONFLICT DO NOTHING;"""),
    _pg("corroboration_evidence_old", f"""
        {_notes('claim', ['old.claim_id'])}
        {_notes('document', ['old.document_id'])}
        IF TG_OP = 'UPDATE' THEN
            {_notes('claim', ['new.claim_id'])}
            {_notes('document', ['new.document_id'])}
        END IF;"""),
    _pg("corroboration_merge", f"""
        IF OLD.merged_into IS NULL THEN
            {_notes('join', ['new.id'])}
        ELSE
            {_notes('entity', ['new.id', 'old.merged_into', 'new.merged_into'])}
        END IF;"""),
    _pg("corroboration_sources", f"""
        {_notes('document', ['old.document_id'])}
        IF TG_OP = 'UPDATE' THEN
            {_notes('document', ['new.document_id'])}
        END IF;"""),
    _pg("corroboration_claim_ends", _notes("claim", ["new.id"]) + "\n" + _notes(
        "entity", [f"{r}.{c}" for r in ("old", "new") for c in CLAIM_ENDS])),
]
_PG_CHANGED = ENDS_CHANGED.replace("IS NOT", "IS DISTINCT FROM").replace("old.", "OLD.").replace("new.", "NEW.")
PG_TRIGGERS = [
    """CREATE TRIGGER corroboration_evidence_insert AFTER INSERT ON evidence REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION corroboration_evidence_rows()""",
    """CREATE TRIGGER corroboration_evidence_change AFTER DELETE OR UPDATE OF claim_id, document_id ON evidence
        FOR EACH ROW EXECUTE FUNCTION corroboration_evidence_old()""",
    """CREATE TRIGGER corroboration_merge AFTER UPDATE OF merged_into ON entities FOR EACH ROW
        WHEN (OLD.merged_into IS DISTINCT FROM NEW.merged_into) EXECUTE FUNCTION corroboration_merge()""",
    """CREATE TRIGGER corroboration_sources AFTER DELETE OR UPDATE OF copy_of, outlet, document_id
        ON document_sources FOR EACH ROW EXECUTE FUNCTION corroboration_sources()""",
    f"""CREATE TRIGGER corroboration_claim_ends AFTER UPDATE OF {', '.join(CLAIM_ENDS)}, predicate, polarity,
        object_value, object_type ON claims FOR EACH ROW WHEN ({_PG_CHANGED})
        EXECUTE FUNCTION corroboration_claim_ends()""",
]
TRIGGER_TABLES = {"corroboration_evidence_insert": "evidence", "corroboration_evidence_change": "evidence",
                  "corroboration_merge": "entities", "corroboration_sources": "document_sources",
                  "corroboration_claim_ends": "claims"}


def upgrade() -> None:
    """Create the tables and their triggers, and count every claim of the store."""
    from claimgraph.store.corroborated import fill_all

    bind = op.get_bind()
    op.create_table("claim_corroboration",
                    sa.Column("claim_id", sa.String(64), primary_key=True),
                    sa.Column("documents", sa.Integer, nullable=False),
                    sa.Column("outlets", sa.Integer, nullable=False),
                    sa.Column("independent_sources", sa.Integer, nullable=False))
    op.create_table("corroboration_stale",
                    sa.Column("kind", sa.String(16), primary_key=True),
                    sa.Column("ref", sa.String(200), primary_key=True))
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        for statement in [*PG_FUNCTIONS, *PG_TRIGGERS]:
            op.execute(statement)
    fill_all(bind)


def downgrade() -> None:
    """Revert this revision."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    elif bind.dialect.name == "postgresql":
        for name, table in TRIGGER_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for statement in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {statement.split()[4].split('(')[0]}()")
    op.drop_table("corroboration_stale")
    op.drop_table("claim_corroboration")
