"""The predicate registry (predicates.toml): what each predicate means, for every layer that needs to know."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

REGISTRY_FILE = Path(__file__).with_name("predicates.toml")
LITERAL_KINDS = frozenset({"date", "text", "quantity"})


@dataclass(frozen=True)
class Predicate:
    """One predicate of the vocabulary and its properties."""

    name: str
    family: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    inverse: str | None = None
    symmetric: bool = False
    single_valued: bool = False
    changes_over_time: bool = False
    single_time: bool = False
    event: bool = False
    stance: tuple[str, ...] = ()
    profile_as_subject: str | None = None
    profile_as_object: str | None = None
    wikidata: str | None = None
    cameo: str | None = None
    ftm: str | None = None
    label: str | None = None  # the predicate as words where its name reads badly ("designated as terrorist")

    @property
    def literal(self) -> bool:
        """Whether the object is a literal value (date, text, quantity) rather than an entity."""
        return bool(self.object) and set(self.object) <= LITERAL_KINDS

    def accepts(self, subject_type: str, object_type: str | None) -> bool:
        """Whether entities of these types may be this predicate's subject and object (None: a literal)."""
        if "any" not in self.subject and subject_type not in self.subject:
            return False
        if object_type is None:
            return self.literal
        return "any" in self.object or object_type in self.object


@dataclass(frozen=True)
class Ending:
    """A later claim of `end` ends an earlier claim of `start` on the same subject and object."""

    start: str
    end: str
    note: str


@dataclass(frozen=True)
class Registry:
    """Every predicate by name, with the derived lookups the layers use."""

    predicates: dict[str, Predicate]
    ending: tuple[Ending, ...]
    qualifier_keys: tuple[str, ...]
    profile_sections: tuple[str, ...]
    passive_of: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Predicate | None:
        """The predicate of that name, or None for one outside the vocabulary."""
        return self.predicates.get(name)

    def having(self, flag: str) -> frozenset[str]:
        """Names of the predicates whose boolean property `flag` is set (symmetric, single_valued, event ...)."""
        return frozenset(n for n, p in self.predicates.items() if getattr(p, flag))

    @property
    def inverse(self) -> dict[str, str]:
        """Active form -> passive form, for every inverse pair."""
        return {n: p.inverse for n, p in self.predicates.items() if p.inverse}

    def stance(self) -> dict[str, frozenset[str]]:
        """Stance side ("against_subject", "for_object", ...) -> the predicates that bear on it."""
        out: dict[str, set[str]] = {}
        for n, p in self.predicates.items():
            for side in p.stance:
                out.setdefault(side, set()).add(n)
        return {k: frozenset(v) for k, v in out.items()}

    def sections(self) -> list[tuple[str, set[str], set[str]]]:
        """(profile section, predicates listed when the entity is the subject, ... when it is the object)."""
        return [(title, {n for n, p in self.predicates.items() if p.profile_as_subject == title},
                 {n for n, p in self.predicates.items() if p.profile_as_object == title})
                for title in self.profile_sections]

    def canonical(self, subject: str | None, predicate: str, obj: str | None) -> tuple[str | None, str, str | None]:
        """(subject, predicate, object) with a passive form turned active and a symmetric pair sorted."""
        active = self.passive_of.get(predicate)
        if active:
            return obj, active, subject
        p = self.predicates.get(predicate)
        if p is not None and p.symmetric and subject and obj and obj < subject:
            return obj, predicate, subject
        return subject, predicate, obj


def _predicate(name: str, raw: dict[str, Any]) -> Predicate:
    raw = dict(raw)
    for key in ("subject", "object", "stance"):
        raw[key] = tuple(raw.get(key, ()))
    return Predicate(name=name, **raw)


@cache
def registry(path: str | None = None) -> Registry:
    """The registry from the packaged predicates.toml (or another file of the same shape)."""
    with Path(path or REGISTRY_FILE).open("rb") as fh:
        raw = tomllib.load(fh)
    predicates = {name: _predicate(name, spec) for name, spec in raw["predicates"].items()}
    for p in predicates.values():
        if p.inverse and p.inverse not in predicates:
            raise ValueError(f"predicate {p.name}: inverse {p.inverse!r} is not in the registry")
    return Registry(predicates=predicates, ending=tuple(Ending(**e) for e in raw.get("ending", [])),
                    qualifier_keys=tuple(raw.get("qualifier_keys", ())),
                    profile_sections=tuple(raw.get("profile_sections", ())),
                    passive_of={p.inverse: n for n, p in predicates.items() if p.inverse})
