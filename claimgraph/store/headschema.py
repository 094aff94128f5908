"""A new SQLite store made at the migrations' head by one packaged script, without loading Alembic.

Alembic (its import and fourteen migrations) took most of the time a new store needed; the script is what those
migrations leave in `sqlite_master`, so a store made either way has the same schema (tests/test_store.py
checks it against a fresh Alembic run). A store that has tables is still migrated by Alembic, and a script
written for other heads than the packaged migrations' is not used. Rewrite it after adding a migration:

    .venv/bin/python -m claimgraph.store.headschema
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine

HEAD_SCRIPT = Path(__file__).with_name("data") / "sqlite_head.sql"
_HEADS_LINE = "-- heads: "


def dump_schema(conn: sqlite3.Connection) -> list[str]:
    """The statements that make this database's schema again, in the order it was made.

    SQLite's own tables, the automatic indexes of constraints and the shadow tables of full-text tables
    (each made by its virtual table) are left out: running the statements makes them.
    """
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
                        "'sqlite_%' ORDER BY rowid").fetchall()
    virtual = [name for _type, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return [sql for type_, name, sql in rows
            if not (type_ == "table" and any(name.startswith(v + "_") and sql.startswith("CREATE TABLE '")
                                             for v in virtual))]


def script_text(heads: frozenset[str], statements: list[str]) -> str:
    """The packaged script: the heads it stands for, then one statement a block."""
    return _HEADS_LINE + ",".join(sorted(heads)) + "\n" + "".join(f"{s};\n--\n" for s in statements)


def _read_script() -> tuple[frozenset[str], list[str]] | None:
    try:
        text = HEAD_SCRIPT.read_text(encoding="utf-8")
    except OSError:
        return None
    first, _, body = text.partition("\n")
    if not first.startswith(_HEADS_LINE):
        return None
    heads = frozenset(h for h in first[len(_HEADS_LINE):].split(",") if h)
    return heads, [s.strip().removesuffix(";") for s in body.split(";\n--\n") if s.strip()]


def create_at_head(engine: Engine, heads: frozenset[str]) -> bool:
    """Make the schema of an empty SQLite store at `heads` in one transaction and stamp it; False (nothing done)
    for another database, a store with tables, or no packaged script for these heads."""
    if engine.dialect.name != "sqlite":
        return False
    found = _read_script()
    if found is None or found[0] != heads:
        return False
    with engine.connect() as conn:  # an error opening the file comes as SQLAlchemy's, as Alembic's would
        dbapi = conn.connection.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        if dbapi.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            return False
        stamps = "".join(f"INSERT INTO alembic_version (version_num) VALUES ('{h}');\n" for h in sorted(heads))
        # one script, one transaction: a failure (another process made the store first) leaves nothing half made
        try:
            dbapi.executescript("BEGIN IMMEDIATE;\n" + "".join(s + ";\n" for s in found[1]) + stamps + "COMMIT;")
        except BaseException:
            if dbapi.in_transaction:  # executescript leaves a failed script's transaction open
                dbapi.execute("ROLLBACK")
            raise
    return True


def alembic_schema() -> tuple[frozenset[str], list[str]]:
    """The heads and the schema statements a fresh SQLite store gets from the migrations themselves (Alembic)."""
    from alembic import command
    from sqlalchemy import create_engine

    from claimgraph.store.db import alembic_config, migration_heads

    with tempfile.TemporaryDirectory(prefix="claimgraph-head-") as folder:
        url = f"sqlite:///{Path(folder) / 'head.db'}"
        engine = create_engine(url)
        try:
            cfg = alembic_config(url)
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            raw = engine.raw_connection()
            try:
                dbapi = raw.driver_connection
                assert isinstance(dbapi, sqlite3.Connection)
                return migration_heads(), dump_schema(dbapi)
            finally:
                raw.close()
        finally:
            engine.dispose()


def main() -> None:
    """Write the packaged script from a fresh Alembic run."""
    heads, statements = alembic_schema()
    HEAD_SCRIPT.parent.mkdir(parents=True, exist_ok=True)
    HEAD_SCRIPT.write_text(script_text(heads, statements), encoding="utf-8")
    print(f"{HEAD_SCRIPT}: {len(statements)} statements at {', '.join(sorted(heads))}")


if __name__ == "__main__":
    main()
