"""Named-entity quality on the CoNLL-2003 dev set (read from ../shared at test time, never copied)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval-data" / "conll2003" / "dev.jsonl"
SCORER = SHARED / "eval" / "score_common.py"
FLOORS = Path(__file__).with_name("quality_floors.json")
N_DOCS = 100  # the first 100 documents: enough to see a drop, quick enough for every run


def load_scorer() -> ModuleType:
    """The shared scorer as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_common", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not DEV.exists() or not SCORER.exists(), reason="shared CoNLL-2003 dev set not present")
def test_conll2003_typed_f1_stays_above_its_floor(tmp_path: Path) -> None:
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["conll2003_ner_f1"]
    with DEV.open(encoding="utf-8") as fh:
        gold = [json.loads(line) for _, line in zip(range(N_DOCS), fh)]
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path / 'ner.db'}"
    docs = [SourceDocument(text=d["text"], source=f"{d['doc_id']}.txt", id=d["doc_id"]) for d in gold]
    export = tmp_path / "export"
    export.mkdir()
    with (export / "mentions.jsonl").open("w", encoding="utf-8") as out:
        for ctx in analyze_docs(docs, settings):
            assert ctx.failure is None, ctx.failure
            doc_id = ctx.analysis.document.doc_id
            for m in ctx.analysis.mentions:  # what the store keeps after the last stage
                assert ctx.stored[m.start:m.end] == m.text
                out.write(json.dumps({"entity_id": ctx.find(m.entity_key), "document_id": doc_id,
                                      "start": m.start, "end": m.end, "text": m.text, "type": m.type}) + "\n")
    (export / "documents.jsonl").write_text("".join(json.dumps({"id": d["doc_id"]}) + "\n" for d in gold),
                                            encoding="utf-8")
    for name in ("entities.jsonl", "claims.jsonl"):
        (export / name).write_text("", encoding="utf-8")
    scorer = load_scorer()
    result = scorer.score_ner(gold, scorer.Export(str(export)))
    f1 = result["typed"]["F1"]
    print(f"conll2003 typed F1 {f1:.4f}")
    assert f1 >= floor, f"CoNLL-2003 typed F1 {f1:.3f} fell below the floor {floor}"
