"""Engine creation and schema migration for a store URL."""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError

from claimgraph.core.errors import UserError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreUnavailable(UserError):
    """The store cannot be opened or created: a folder that does not exist, no permission, no server."""

BUSY_TIMEOUT_S = 60.0


def normalize_url(url: str) -> str:
    """Accept a bare file path as a SQLite database."""
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def alembic_config(url: str) -> Config:
    """Alembic config pointing at the packaged migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


MMAP_BYTES = 1 << 30  # address space, not memory: the OS shares the pages with its file cache
CACHE_KIB = 32 * 1024


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL lets the web UI read while an ingest writes; foreign keys are off by default in SQLite
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    # reads of a large store: pages mapped from the file (no copy per page read) and a bigger page cache
    # per connection than SQLite's 2 MB default; both only bound memory, no page is kept that is not used
    cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.close()


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


@lru_cache(maxsize=1)
def migration_heads() -> frozenset[str]:
    """The head revisions of the packaged migrations, read from the files without loading Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if (rev := _REVISION.search(source)) is None:
            continue
        revisions.add(rev.group(1))
        if (down := _DOWN.search(source)) is not None:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return frozenset(revisions - parents)


def is_current(engine: Engine) -> bool:
    """Whether the store is already at every migration head (then Alembic need not load at all)."""
    try:
        with engine.connect() as conn:
            stored = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except Exception:
        return False
    return bool(stored) and stored == migration_heads()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision of every migration branch."""
    if is_current(engine):
        return
    from claimgraph.store.headschema import create_at_head

    if create_at_head(engine, migration_heads()):  # a new SQLite file: the schema at head in one script
        return
    from alembic import command

    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def _migrate_once_or_twice(engine: Engine) -> None:
    """Migrate; when another process migrated the same new store at the same moment, the second try sees its work."""
    try:
        migrate(engine)
    except Exception:
        time.sleep(0.5)
        migrate(engine)


@lru_cache(maxsize=8)
def get_engine(url: str, upgrade: bool = True, busy_timeout: float = BUSY_TIMEOUT_S) -> Engine:
    """One engine per URL and process, migrated on first use.

    SQLite connections wait up to `busy_timeout` seconds for another writer's lock (two ingests
    into one file take turns instead of failing).
    """
    url = normalize_url(url)
    _check_folder(url)
    connect_args: dict[str, Any] = {"timeout": busy_timeout} if url.startswith("sqlite") else {}
    engine = create_engine(url, future=True, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if upgrade:
        try:
            _migrate_once_or_twice(engine)
        except OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
            raise StoreUnavailable(f"cannot open the store {engine.url.render_as_string(hide_password=True)}: "
                                   f"{reason}") from None
    return engine


def _check_folder(url: str) -> None:
    """A SQLite file in a folder that does not exist: say so (SQLite only says 'unable to open database file')."""
    if not url.startswith("sqlite") or ":memory:" in url or "mode=memory" in url:
        return
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if database and not Path(database).parent.is_dir():
        raise StoreUnavailable(f"cannot create the store {database}: the folder {Path(database).parent} "
                               "does not exist (create it first)")


def table_names(engine: Engine) -> list[str]:
    """Names of the tables present in the database."""
    return inspect(engine).get_table_names()
