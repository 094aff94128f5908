"""Relation claims exported for the public relation sets carry those sets' labels (no claim added or dropped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimgraph.eval.runner import RelationLabels
from claimgraph.export.base import Exporter, RecordKind


class _Recorder(Exporter):
    """Keeps what it is given."""

    def __init__(self) -> None:
        super().__init__(Path("."))
        self.seen: list[tuple[RecordKind, dict[str, Any]]] = []

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        self.seen.append((kind, record))

    def finalize(self) -> list[Path]:
        return []


def _claim(predicate: str, obj_type: str) -> dict[str, Any]:
    return {"id": "c", "subject": {"id": "e1", "name": "Mara Quell", "type": "Person"}, "predicate": predicate,
            "object": {"id": "e2", "name": "Ostrava Union", "type": obj_type}, "polarity": "positive"}


def test_the_head_of_a_country_is_not_the_head_of_an_organisation() -> None:
    inner = _Recorder()
    labels = RelationLabels(inner)
    labels.write("claim", _claim("leader_of", "Country"))
    labels.write("claim", _claim("leader_of", "Organization"))
    labels.write("claim", _claim("member_of", "Country"))
    assert [rec["predicate"] for _, rec in inner.seen] == ["head_of_state", "leader_of", "member_of"]
    assert len(inner.seen) == 3  # relabelled, never dropped or added
