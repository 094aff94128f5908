"""The sample article through the whole pipeline, scored by the shared scorer against its gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from claimgraph import plugins
from claimgraph.export.base import export_store
from claimgraph.model import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "gold" / "seed.json"
DOC = SHARED / "corpus" / "mko-article.txt"
FLOORS = ROOT / "tests" / "quality_floors.json"
KEYS = ("recall", "precision", "modality", "attribution", "erratum", "evidence")

pytestmark = pytest.mark.skipif(not (SCORER.exists() and GOLD.exists() and DOC.exists()),
                                reason="../shared (scorer, gold, corpus) is not available")


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Ingest the sample article into a fresh store, export it and score the export."""
    from claimgraph.pipeline import ingest
    from claimgraph.settings import load_settings
    from claimgraph.store.db import get_engine

    tmp = tmp_path_factory.mktemp("seed")
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp / 'seed.db'}"
    engine: Engine = get_engine(settings.store.url)
    text = DOC.read_text(encoding="utf-8")
    report = ingest([SourceDocument(text=text, source="mko-article.txt")], settings, engine)
    assert report.stored, report.failures
    out = tmp / "export"
    with engine.connect() as conn:
        export_store(conn, plugins.exporters()["jsonl"](out))
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--doc", str(DOC),
                          "--export", str(out), "--json"], capture_output=True, text=True, check=True)
    summary = next(json.loads(line) for line in run.stdout.splitlines() if line.startswith("{"))
    summary["_findings"] = run.stdout
    return summary


@pytest.mark.parametrize("key", KEYS)
def test_seed_score_floor(seed_scores: dict[str, float], key: str) -> None:
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))
    floor = floors.get(f"seed_{key}")
    if floor is None:
        pytest.skip(f"no floor for seed_{key}")
    assert seed_scores[key] >= floor, f"seed {key} {seed_scores[key]:.2f} < floor {floor}\n{seed_scores['_findings']}"


def test_erratum_claim_carries_its_correction(seed_scores: dict[str, float]) -> None:
    assert seed_scores["erratum"] == 1.0, seed_scores["_findings"]
