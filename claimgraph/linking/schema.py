"""What cross-source reasoning reads of the predicate registry: single-valued, inverse, symmetric, ending predicates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimgraph.core import lexicon
from claimgraph.core.predicates import registry


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
    state_acts: frozenset[str] = frozenset()  # listings and delistings: an office acts for its state

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
    """The reasoning view of the predicate registry (claimgraph/core/predicates.toml, or another file like it)."""
    reg = registry(path)
    return PredicateSchema(
        single_valued=reg.having("single_valued"),
        changes_over_time=reg.having("changes_over_time"),
        inverse=reg.inverse,
        symmetric=reg.having("symmetric"),
        ending=[{"start": e.start, "end": e.end, "note": e.note} for e in reg.ending],
        events=reg.having("event"),
        qualifier_keys=reg.qualifier_keys,
        single_time=reg.having("single_time"),
        stance=reg.stance(),
        generic_names=lexicon.words("linking_generic_names"),
        name_stopwords=lexicon.words("linking_name_stopwords"),
        org_designators=lexicon.words("linking_org_designators"),
        state_acts=frozenset(n for n, p in reg.predicates.items() if p.family == "designation"),
    )


@lru_cache(maxsize=4096)
def state_named(name: str) -> str | None:
    """The country a designator's name stands for ('US', 'the United States' -> 'United States'), else None."""
    from claimgraph.extract.entity_gazetteer import country_of, demonym_country
    from claimgraph.resolve.aliases import load_alias_table

    if not name:
        return None
    head, _, last = name.rpartition(" ")
    if head and last.lower() in ("government", "administration"):  # "the U.S. government", "Norwegian government"
        return state_named(head.removeprefix("the ")) or demonym_country(head.removeprefix("the "))
    known = load_alias_table().lookup(name)
    return country_of(name) or (known[0] if known and known[1] == "Country" else None)
