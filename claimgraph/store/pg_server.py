"""A throw-away PostgreSQL server for the tests and benchmarks that need one: Debian's server binaries, a data
folder of its own, a free local port, the `postgres` user when run as root; stopped and removed after the block."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine

PG_BIN = Path("/usr/lib/postgresql")


def server_binary(name: str) -> str | None:
    """The newest installed PostgreSQL server program `name` (initdb, pg_ctl), or None."""
    versions = sorted(PG_BIN.glob("*/bin"), reverse=True) if PG_BIN.exists() else []
    for folder in versions:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def free_port() -> int:
    """A local TCP port no one listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_server() -> Iterator[str]:
    """A PostgreSQL server for the length of the block; yields the URL of its `postgres` database, ready."""
    initdb, pg_ctl = server_binary("initdb"), server_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    # a private temporary folder (pytest's are root's) would be out of reach of the postgres user
    data = Path(tempfile.mkdtemp(prefix="claimgraph-pg-")) / "data"
    port = free_port()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        data.parent.chmod(0o777)
    subprocess.run(prefix + [initdb, "-D", str(data), "-A", "trust", "-U", "claimgraph", "--no-sync"],
                   check=True, capture_output=True)
    log = data.parent / "pg.log"
    if as_root:
        log.touch()
        shutil.chown(log, "postgres")
    subprocess.run(prefix + [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o",
                             f"-p {port} -c listen_addresses=127.0.0.1 -k {data} -c fsync=off", "start"],
                   check=True, capture_output=True, timeout=60)
    try:
        url = f"postgresql+psycopg://claimgraph@127.0.0.1:{port}/postgres"
        engine = create_engine(url)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                engine.connect().close()
                break
            except Exception:
                time.sleep(0.3)
        engine.dispose()
        yield url
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(data.parent, ignore_errors=True)
