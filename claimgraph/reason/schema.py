"""The predicate schema as data (data/predicates.json): single-valued, inverse, symmetric and ending predicates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "predicates.json"


@dataclass(frozen=True)
class PredicateSchema:
    """What cross-source reasoning needs to know about predicates."""

    single_valued: frozenset[str]
    changes_over_time: frozenset[str]
    inverse: dict[str, str]
    symmetric: frozenset[str]
    ending: list[dict[str, Any]]
    events: frozenset[str]
    qualifier_keys: tuple[str, ...]
    single_time: frozenset[str]
    stance: dict[str, frozenset[str]]
    generic_names: frozenset[str]
    name_stopwords: frozenset[str]
    org_designators: frozenset[str]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def canonical(self, subject: str | None, predicate: str, obj: str | None) -> tuple[str | None, str, str | None]:
        """(subject, predicate, object) with inverse predicates turned to their active form, symmetric ones sorted."""
        for active, passive in self.inverse.items():
            if predicate == passive:
                return obj, active, subject
        if predicate in self.symmetric and subject and obj and obj < subject:
            return obj, predicate, subject
        return subject, predicate, obj


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> PredicateSchema:
    """The predicate schema from the packaged data file (or another JSON file of the same shape)."""
    raw = json.loads(Path(path or DATA).read_text(encoding="utf-8"))
    inverse = dict(raw.get("inverse", {}))
    return PredicateSchema(
        single_valued=frozenset(raw.get("single_valued", [])),
        changes_over_time=frozenset(raw.get("changes_over_time", [])),
        inverse=inverse,
        symmetric=frozenset(raw.get("symmetric", [])),
        ending=list(raw.get("ending", [])),
        events=frozenset(raw.get("events", [])),
        qualifier_keys=tuple(raw.get("qualifier_keys", [])),
        single_time=frozenset(raw.get("single_time", [])),
        stance={k: frozenset(v) for k, v in raw.get("stance", {}).items()},
        generic_names=frozenset(raw.get("generic_names", [])),
        name_stopwords=frozenset(raw.get("name_stopwords", [])),
        org_designators=frozenset(raw.get("org_designators", [])),
        raw=raw,
    )
