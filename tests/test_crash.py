"""Kill -9 at random moments of an ingest, run it again: the whole store equals a clean run's, every table."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

# columns that hold the moment a row was written, or a row counter: they differ between any two runs
VOLATILE = {"ingested_at", "created_at", "done_at", "updated_at", "at", "when", "loaded_at"}


def _corpus(path: Path) -> None:
    """Twelve small reports, three of them near-copies of others (later dated), so copies and as_of matter."""
    groups = ["Amber League", "Coastal Front", "River Guard", "Hill Council"]
    places = ["Tunis", "Basra", "Mosul", "Tripoli"]
    rows = []
    for i in range(9):
        g, p = groups[i % 4], places[(i * 3) % 4]
        text = (f"The {g} opened an office in {p} in {2000 + i}, officials said. "
                f"Its leader was arrested in {places[(i + 1) % 4]} in {2010 + i}. "
                f"The {g} is based in {p}. Report number {i} of the series.")
        rows.append({"id": f"r{i}", "text": text, "published": f"2021-0{1 + i % 9}-1{i % 9}"})
    for i in range(3):
        base = rows[i]
        rows.append({"id": f"copy{i}", "text": base["text"].replace("officials said", "officials told reporters"),
                     "published": f"2022-0{1 + i}-01"})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def _ingest(db: Path, batch: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CLAIMGRAPH_NLP_BATCH_SIZE": "2"}
    return subprocess.Popen([sys.executable, "-m", "claimgraph", "--db", str(db), "ingest", "--quiet",
                             str(batch)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return -1


def _snapshot(db: Path) -> dict[str, list[Any]]:
    """Every regular table as a sorted list of rows, without timestamps and integer row counters."""
    out: dict[str, list[Any]] = {}
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        for table in tables:
            if "_fts" in table or table.startswith("sqlite_"):
                continue
            info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            keep = [c[1] for c in info if c[1] not in VOLATILE and not (c[5] and c[2].upper() == "INTEGER")]
            cols = ", ".join(f'"{c}"' for c in keep)
            out[table] = sorted(repr(r) for r in conn.execute(f'SELECT {cols} FROM "{table}"'))
    return out


def kill_points(seed: int = 15) -> list[tuple[str, float]]:
    """Ten kill points: after some documents are stored, once all are (the after-ingest step), at random moments."""
    rng = random.Random(seed)
    return [*(("docs", rng.randint(1, 11)) for _ in range(6)), ("docs", 12),
            *(("delay", rng.uniform(2.0, 8.0)) for _ in range(3))]


def kill_at(proc: subprocess.Popen[str], kind: str, at: float, stored: Callable[[], int]) -> None:
    """SIGKILL `proc` once `stored()` reaches `at` documents (kind "docs") or `at` seconds after its start ("delay")."""
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < 600:
        if (kind == "docs" and stored() >= at) or (kind == "delay" and time.monotonic() - started >= at):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.communicate(timeout=60)


def test_kill_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    _corpus(batch)
    clean = tmp_path / "clean.db"
    done = _ingest(clean, batch)
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    expected = _snapshot(clean)
    assert len(expected["documents"]) == 12
    points = kill_points()
    assert len(points) == 10
    for n, (kind, at) in enumerate(points):
        db = tmp_path / f"killed{n}.db"
        kill_at(_ingest(db, batch), kind, at, lambda db=db: _stored(db))  # type: ignore[misc]
        again = _ingest(db, batch)
        _, err = again.communicate(timeout=600)
        assert again.returncode == 0, err
        got = _snapshot(db)
        for table, rows in expected.items():
            assert got.get(table) == rows, f"kill point {kind}={at}: table {table} differs from the clean run"
        assert set(got) == set(expected)
        check = subprocess.run([sys.executable, "-m", "claimgraph", "--db", str(db), "check"],
                               capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, check.stdout + check.stderr


def test_two_ingests_into_one_store_wait_for_each_other(tmp_path: Path) -> None:
    """Both runs over the same batch at once: every document once, no failure reported, both exit 0."""
    batch = tmp_path / "batch.jsonl"
    _corpus(batch)
    clean = tmp_path / "clean.db"
    done = _ingest(clean, batch)
    assert done.wait(timeout=600) == 0
    db = tmp_path / "shared.db"
    runs = [_ingest(db, batch), _ingest(db, batch)]
    outputs = [p.communicate(timeout=600) for p in runs]
    for proc, (_, err) in zip(runs, outputs):
        assert proc.returncode == 0, err
        assert " 0 failed" in err
    stored = sum(int(err.split("stored ")[-1].split(" ")[0]) for _, err in outputs)
    assert stored == 12
    got, expected = _snapshot(db), _snapshot(clean)
    assert got["documents"] == expected["documents"] and got["evidence"] == expected["evidence"]
