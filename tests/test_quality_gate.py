"""Quality gate: the dev corpus of real documents, and events and relations on the first documents of the public
dev sets, stay above pinned floors.

Each set is ingested into a temporary store, exported and scored by ../shared/eval/score_common.py
(the same path as `claimgraph eval`); the dev corpus (../shared/corpus/dev, 47 annotated real documents) is
ingested whole and scored by score_corpus.py (micro-averaged recall, precision, modality, attribution, aliases).
The sets are cut to a few documents so the module runs in
about a minute; floors live in tests/quality_floors.json (measured on these cuts, minus a margin).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.eval.runner import SetScore, SharedDataMissing, run_dev_corpus, run_dev_set, shared_dir

FLOORS = Path(__file__).with_name("quality_floors.json")
# floor key -> (dev set, documents scored): the first documents of each set, enough to see a drop
GATES: dict[str, tuple[str, int]] = {
    "muc4_events_f1": ("muc4", 60),
    "wikievents_events_f1": ("wikievents", 8),
    "re-docred_relations_f1": ("re-docred", 100),
    "dwie_relations_f1": ("dwie", 25),
}


def _shared() -> Path | None:
    try:
        return shared_dir()
    except SharedDataMissing:
        return None


SHARED = _shared()


@pytest.mark.skipif(SHARED is None, reason="../shared with the scorers and dev sets is not present")
@pytest.mark.parametrize("key", sorted(GATES))
def test_dev_set_f1_stays_above_its_floor(key: str) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    if key not in floors:
        pytest.skip(f"no floor pinned for {key}")
    name, limit = GATES[key]
    score = run_dev_set(name, limit=limit, shared=SHARED)
    assert score.documents == limit
    print(f"{key}: P={score.precision:.4f} R={score.recall:.4f} F1={score.f1:.4f} on {limit} documents")
    assert score.f1 >= floors[key], f"{key} fell to {score.f1:.4f} (floor {floors[key]})"


# floor key -> the score_corpus.py figure it pins
CORPUS_GATES = {f"corpus_{k}": k for k in ("recall", "precision", "modality", "attribution", "aliases", "geo")}


@pytest.fixture(scope="module")
def corpus_score() -> SetScore:
    """The whole dev corpus ingested and scored once for every corpus floor."""
    assert SHARED is not None
    return run_dev_corpus(shared=SHARED)


@pytest.mark.skipif(SHARED is None or not (SHARED / "corpus" / "dev").is_dir(),
                    reason="../shared with the dev corpus and its gold is not present")
@pytest.mark.parametrize("key", sorted(CORPUS_GATES))
def test_dev_corpus_stays_above_its_floor(key: str, corpus_score: SetScore) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    if key not in floors:
        pytest.skip(f"no floor pinned for {key}")
    figure = float(corpus_score.extra[CORPUS_GATES[key]])
    print(f"{key}: {figure:.4f} on {corpus_score.documents} documents")
    assert corpus_score.documents >= 40
    assert figure >= floors[key], f"{key} fell to {figure:.4f} (floor {floors[key]})"
