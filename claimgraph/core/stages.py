"""The stage contract: what a stage of document analysis reads and writes, and the order computed from it.

Like spaCy's ``requires``/``assigns`` on components and its ``analyze_pipes``: each stage names the fields of the
per-document analysis it needs (``requires``) and the ones it fills in or changes (``provides``). The pipeline is
planned once, when it is built: a stage runs after every stage that provides a field it requires, a requirement
that no enabled stage provides is an error at start (so turning a stage off never silently changes another's
output), and a cycle is an error too. Stages keep no state between documents: everything a document needs lives
on its context object.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

# The fields a stage may require or provide. The pipeline itself provides "doc" (the spaCy parse) before any stage.
FIELDS: dict[str, str] = {
    "doc": "the spaCy parse of the normalised text (given by the pipeline)",
    "entities": "named entities and their mentions",
    "aliases": "names merged into one entity within the document (acronyms, table aliases, short names)",
    "coref": "descriptions and pronouns linked to the entity they stand for",
    "layout": "headings, list items and sections of the text",
    "claims": "claims extracted from the text (any claim-producing stage)",
    "places": "place mentions looked up in the gazetteer, with coordinates",
    "reference": "facts from reference data (gazetteer, built-in tables), kept apart from claims",
    "scopes": "modality, polarity and speaker of every claim from the cues its evidence lies in",
    "times": "time qualifiers of claims",
    "errata": "corrections the document makes to its own claims",
    "context": "co-mention context used by cross-document resolution",
    "stored_names": "mention list reduced to what the store keeps",
}

PIPELINE_FIELDS = frozenset({"doc"})


@runtime_checkable
class Stage(Protocol):
    """One step of document analysis: it reads `requires` and writes `provides` on the document's context."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def run(self, ctx: Any) -> None:
        """Read and extend the context of one document; raise on error (the document fails, the batch goes on)."""


class PipelineError(ValueError):
    """The enabled stages cannot form a pipeline (unknown field, missing provider, cycle, duplicate name)."""


def _check_declarations(stage: Stage) -> None:
    for attr in ("name", "requires", "provides"):
        if not hasattr(stage, attr):
            raise PipelineError(f"stage {stage!r} does not declare {attr!r}")
    unknown = (set(stage.requires) | set(stage.provides)) - set(FIELDS)
    if unknown:
        raise PipelineError(f"stage {stage.name!r} names unknown fields {sorted(unknown)}; known: {sorted(FIELDS)}")


def plan(stages: Sequence[Stage]) -> list[Stage]:
    """The stages in an order that satisfies every declaration (registration order breaks ties).

    A stage runs after every stage providing a field it requires; among stages that both require and provide one
    field (extenders), the one registered first runs first.
    """
    names = [s.name for s in stages]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise PipelineError(f"two stages share the name {duplicates}")
    providers: dict[str, list[int]] = {}
    for i, stage in enumerate(stages):
        _check_declarations(stage)
        for fld in stage.provides:
            providers.setdefault(fld, []).append(i)
    # edges. For each field: its producers (providers that do not require it) run first, then its extenders
    # (stages that require and provide it, such as a stage that adds claims after reading earlier ones) in
    # registration order, then the stages that only read it.
    after: dict[int, set[int]] = {i: set() for i in range(len(stages))}
    for i, stage in enumerate(stages):
        for fld in stage.requires:
            if fld in PIPELINE_FIELDS:
                continue
            given = providers.get(fld, [])
            if not [p for p in given if p != i]:
                raise PipelineError(f"stage {stage.name!r} requires {fld!r}, which no other enabled stage provides"
                                    f" ({FIELDS[fld]}); enable a stage that provides it or disable {stage.name!r}")
            extending = i in given
            for p in given:
                if p == i:
                    continue
                if fld not in stages[p].requires or not extending or p < i:
                    after[i].add(p)
    order: list[int] = []
    done: set[int] = set()
    visiting: set[int] = set()

    def visit(i: int, path: tuple[str, ...]) -> None:
        if i in done:
            return
        if i in visiting:
            raise PipelineError("stages depend on each other in a cycle: " + " -> ".join(path + (stages[i].name,)))
        visiting.add(i)
        for j in sorted(after[i]):
            visit(j, path + (stages[i].name,))
        visiting.discard(i)
        done.add(i)
        order.append(i)

    for i in range(len(stages)):
        visit(i, ())
    return [stages[i] for i in order]


def select(stages: Iterable[Stage], enabled: Sequence[str] = (), disabled: Sequence[str] = ()) -> list[Stage]:
    """The registered stages kept by the settings' enabled/disabled lists; unknown names are an error."""
    found = list(stages)
    known = {s.name for s in found}
    unknown = sorted((set(enabled) | set(disabled)) - known)
    if unknown:
        raise PipelineError(f"unknown stage names in settings: {unknown}; known: {sorted(known)}")
    if enabled:
        found = [s for s in found if s.name in enabled]
    return [s for s in found if s.name not in disabled]


def describe(stages: Sequence[Stage]) -> list[dict[str, Any]]:
    """One row a planned stage (name, requires, provides), like spaCy's analyze_pipes summary."""
    return [{"name": s.name, "requires": list(s.requires), "provides": list(s.provides)} for s in stages]
