"""each entity's claim count kept in a table by triggers; aliases unique per spelling, not per normal form

Revision ID: 0013_counts_spellings
Revises: 0012_claim_confidence_indexes

Claim counts (claimgraph.views.counts) size every node of the graph, every search hit and the profile; counted
from the claim indexes, a hub named in tens of thousands of claims cost a range scan of that length on every
read, so a 2-hop graph grew with the store. `entity_claim_counts` holds, per entity id (merges not folded),
the number of non-rejected claims naming it as subject, object or speaker, each claim once (`claims`), and of those
naming it as subject or object (`party`: the claims its profile pages through). Triggers on
`claims` keep it, so every writer (the store writer, reviews, the API's review endpoint, supersession) keeps it
without knowing of it: SQLite row triggers; PostgreSQL a statement trigger on INSERT and DELETE that adds the
rows of one statement in one ordered upsert (concurrent writers lock hub rows in the same order) and a row
trigger on the few UPDATEs that change a claim's ends or its rejection.

`aliases` was unique on (entity_id, norm), so "al Qaeda" was dropped beside "al-Qaeda"; it becomes unique
on (entity_id, alias): every spelling of a name is kept, the norm index still finds them all.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_counts_spellings"
down_revision = "0012_claim_confidence_indexes"
branch_labels = None
depends_on = None

KEPT_SQL = "({r}.status IS NULL OR {r}.status != 'rejected')"
# the distinct ends of a claim row: subject; object unless the subject; speaker unless either; and whether the
# end is a party (subject or object: what a profile lists) rather than only the speaker
ENDS_SQL = [
    ("{r}.subject_id", "1 = 1", 1),
    ("{r}.object_id", "{r}.object_id IS NOT NULL AND {r}.object_id != {r}.subject_id", 1),
    ("{r}.attributed_to_id", "{r}.attributed_to_id IS NOT NULL AND {r}.attributed_to_id != {r}.subject_id "
                             "AND ({r}.object_id IS NULL OR {r}.object_id != {r}.attributed_to_id)", 0),
]
ENDS_CHANGED = ("old.subject_id IS NOT new.subject_id OR old.object_id IS NOT new.object_id "
                "OR old.attributed_to_id IS NOT new.attributed_to_id")


def _sqlite_add(r: str) -> str:
    return "\n".join(
        f"INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT {end.format(r=r)}, 1, {party} "
        f"WHERE {cond.format(r=r)} ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + {party};"
        for end, cond, party in ENDS_SQL)


def _sqlite_remove(r: str) -> str:
    return "\n".join(
        f"UPDATE entity_claim_counts SET claims = claims - 1, party = party - {party} "
        f"WHERE entity_id = {end.format(r=r)} AND {cond.format(r=r)};" for end, cond, party in ENDS_SQL)


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims WHEN {KEPT_SQL.format(r='new')} BEGIN
        {_sqlite_add('new')}
    END""",
    f"""CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims WHEN {KEPT_SQL.format(r='old')} BEGIN
        {_sqlite_remove('old')}
    END""",
    f"""CREATE TRIGGER claim_counts_update_old AFTER UPDATE OF subject_id, object_id, attributed_to_id, status
        ON claims WHEN {KEPT_SQL.format(r='old')} AND (NOT {KEPT_SQL.format(r='new')} OR {ENDS_CHANGED}) BEGIN
        {_sqlite_remove('old')}
    END""",
    f"""CREATE TRIGGER claim_counts_update_new AFTER UPDATE OF subject_id, object_id, attributed_to_id, status
        ON claims WHEN {KEPT_SQL.format(r='new')} AND (NOT {KEPT_SQL.format(r='old')} OR {ENDS_CHANGED}) BEGIN
        {_sqlite_add('new')}
    END""",
]
SQLITE_TRIGGER_NAMES = ["claim_counts_insert", "claim_counts_delete", "claim_counts_update_old",
                        "claim_counts_update_new"]


def _ends_union(rows: str) -> str:
    """SELECT entity_id, party per (row, distinct end) of the non-rejected rows of `rows` (a table or transition
    table)."""
    return " UNION ALL ".join(f"SELECT {end.format(r='r')} AS entity_id, {party} AS party FROM {rows} AS r "
                              f"WHERE {KEPT_SQL.format(r='r')} AND {cond.format(r='r')}"
                              for end, cond, party in ENDS_SQL)


PG_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION claim_counts_statement() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO entity_claim_counts(entity_id, claims, party)
            SELECT entity_id, count(*), sum(party) FROM ({_ends_union('new_rows')}) AS ends GROUP BY entity_id
            ORDER BY entity_id
            ON CONFLICT (entity_id) DO UPDATE SET claims = entity_claim_counts.claims + excluded.claims,
                party = entity_claim_counts.party + excluded.party;
        ELSE
            UPDATE entity_claim_counts AS c SET claims = c.claims - d.n, party = c.party - d.p
            FROM (SELECT entity_id, count(*) AS n, sum(party) AS p FROM ({_ends_union('old_rows')}) AS ends
                  GROUP BY entity_id ORDER BY entity_id) AS d
            WHERE c.entity_id = d.entity_id;
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION claim_counts_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF {KEPT_SQL.format(r='OLD')} THEN
            UPDATE entity_claim_counts AS c SET claims = c.claims - 1, party = c.party - ends.p
            FROM ({" UNION ALL ".join(f"SELECT {end.format(r='OLD')} AS e, {party} AS p WHERE {cond.format(r='OLD')}"
                                      for end, cond, party in ENDS_SQL)}) AS ends
            WHERE c.entity_id = ends.e;
        END IF;
        IF {KEPT_SQL.format(r='NEW')} THEN
            INSERT INTO entity_claim_counts(entity_id, claims, party)
            SELECT e, 1, p FROM ({" UNION ALL ".join(
                f"SELECT {end.format(r='NEW')} AS e, {party} AS p WHERE {cond.format(r='NEW')}"
                for end, cond, party in ENDS_SQL)}) AS ends ORDER BY e
            ON CONFLICT (entity_id) DO UPDATE SET claims = entity_claim_counts.claims + 1,
                party = entity_claim_counts.party + excluded.party;
        END IF;
        RETURN NULL;
    END $$""",
]
PG_TRIGGERS = [
    """CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION claim_counts_statement()""",
    """CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION claim_counts_statement()""",
    # a column list and transition tables do not go together: the rare updates of ends or rejection go row by row
    f"""CREATE TRIGGER claim_counts_update AFTER UPDATE OF subject_id, object_id, attributed_to_id, status
        ON claims FOR EACH ROW WHEN (({KEPT_SQL.format(r='OLD')}) IS DISTINCT FROM ({KEPT_SQL.format(r='NEW')})
        OR {ENDS_CHANGED.replace('IS NOT', 'IS DISTINCT FROM').replace('old.', 'OLD.').replace('new.', 'NEW.')})
        EXECUTE FUNCTION claim_counts_row()""",
]

# migration 0004's triggers that keep the names' FTS5 index; the SQLite table rebuild below drops them
SQLITE_NAME_TRIGGERS = [
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
]


def _rebuild_aliases_sqlite(unique: tuple[str, str], fts: bool) -> None:
    """SQLite cannot drop a table constraint: copy the table under the new one (ids, hence FTS rowids, kept)."""
    name, column = unique
    op.execute(f"""CREATE TABLE aliases_0013 (
        id INTEGER NOT NULL, entity_id VARCHAR(64) NOT NULL, alias TEXT NOT NULL, norm VARCHAR(300) NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(entity_id) REFERENCES entities (id),
        CONSTRAINT {name} UNIQUE (entity_id, {column}))""")
    # going back to one row per norm keeps the first spelling stored
    keep = "" if column == "alias" else " WHERE id IN (SELECT min(id) FROM aliases GROUP BY entity_id, norm)"
    op.execute(f"INSERT INTO aliases_0013 (id, entity_id, alias, norm) SELECT id, entity_id, alias, norm FROM aliases"
               f"{keep}")
    op.execute("DROP TABLE aliases")
    op.execute("ALTER TABLE aliases_0013 RENAME TO aliases")
    op.execute("CREATE INDEX ix_aliases_norm ON aliases (norm)")
    if fts:
        for statement in SQLITE_NAME_TRIGGERS:
            op.execute(statement)
        if keep:
            op.execute("INSERT INTO entity_names_fts(entity_names_fts) VALUES ('rebuild')")


def upgrade() -> None:
    """Create and fill the counts table and its triggers; make aliases unique per spelling."""
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.create_table("entity_claim_counts",
                    sa.Column("entity_id", sa.String(64), primary_key=True),
                    sa.Column("claims", sa.Integer, nullable=False),
                    sa.Column("party", sa.Integer, nullable=False))
    op.execute(f"INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT entity_id, count(*), sum(party) "
               f"FROM ({_ends_union('claims')}) AS ends GROUP BY entity_id")
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        fts = bool(bind.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'entity_names_fts'").scalar())
        _rebuild_aliases_sqlite(("uq_alias_entity_alias", "alias"), fts)
    else:
        if dialect == "postgresql":
            for statement in [*PG_FUNCTIONS, *PG_TRIGGERS]:
                op.execute(statement)
        op.drop_constraint("uq_alias_entity_norm", "aliases", type_="unique")
        op.create_unique_constraint("uq_alias_entity_alias", "aliases", ["entity_id", "alias"])


def downgrade() -> None:
    """Drop the counts table and its triggers; aliases unique per norm again (first spelling kept)."""
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        fts = bool(bind.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'entity_names_fts'").scalar())
        _rebuild_aliases_sqlite(("uq_alias_entity_norm", "norm"), fts)
    else:
        if dialect == "postgresql":
            for name in ("claim_counts_insert", "claim_counts_delete", "claim_counts_update"):
                op.execute(f"DROP TRIGGER IF EXISTS {name} ON claims")
            op.execute("DROP FUNCTION IF EXISTS claim_counts_statement()")
            op.execute("DROP FUNCTION IF EXISTS claim_counts_row()")
        op.execute("DELETE FROM aliases WHERE id NOT IN (SELECT min(id) FROM aliases GROUP BY entity_id, norm)")
        op.drop_constraint("uq_alias_entity_alias", "aliases", type_="unique")
        op.create_unique_constraint("uq_alias_entity_norm", "aliases", ["entity_id", "norm"])
    op.drop_table("entity_claim_counts")
