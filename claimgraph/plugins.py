"""The plugin system: claimgraph's own stages, exporters and commands register through it too."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pluggy

from claimgraph.core.stages import Stage, plan, select

if TYPE_CHECKING:
    import click

    from claimgraph.export.base import Exporter

hookspec = pluggy.HookspecMarker("claimgraph")
hookimpl = pluggy.HookimplMarker("claimgraph")

# built-in plugins in registration order, which breaks ties between stages that extend the same field (the
# claim extractors); third-party plugins come from the "claimgraph" entry point group after them
BUILTIN_PLUGINS = (
    "claimgraph.extract.entities",
    "claimgraph.resolve.coref",
    "claimgraph.extract.claims",
    "claimgraph.extract.structure",
    "claimgraph.extract.designations",
    "claimgraph.extract.events",
    "claimgraph.extract.relations",
    "claimgraph.geo.plugin",
    "claimgraph.extract.modality",
    "claimgraph.extract.timeinfo",
    "claimgraph.extract.errata",
    "claimgraph.reason.plugin",
    "claimgraph.views.plugin",
    "claimgraph.linking.crossdoc",
    "claimgraph.export.jsonl",
    "claimgraph.export.formats",
    "claimgraph.cli.commands",
    "claimgraph.cli.places",
    "claimgraph.cli.reasoning",
    "claimgraph.cli.serve",
    "claimgraph.cli.eval",
)


class Specs:
    """Hook specifications every plugin may implement."""

    @hookspec
    def claimgraph_stages(self) -> list[Stage]:  # type: ignore[empty-body]
        """Analysis stages this plugin adds (entity recognizers, resolvers, extractors, annotators)."""

    @hookspec
    def claimgraph_exporters(self) -> dict[str, type[Exporter]]:  # type: ignore[empty-body]
        """Export formats this plugin adds, by format name."""

    @hookspec
    def claimgraph_commands(self, cli: click.Group) -> None:
        """Add commands to the command-line group."""

    @hookspec
    def claimgraph_conflicts(self, conn: Any) -> list[dict[str, Any]]:  # type: ignore[empty-body]
        """Disagreements between stored claims, as conflicts.jsonl records ({kind, claims, note})."""

    @hookspec
    def claimgraph_prepare_store(self, engine: Any, settings: Any) -> None:
        """Make a new or migrated store ready for work (load reference data such as the gazetteer)."""

    @hookspec(firstresult=True)
    def claimgraph_entity_linker(self) -> Any:
        """The cross-document entity linker the store's writer uses (claimgraph.store.writer.EntityLinker)."""

    @hookspec
    def claimgraph_after_ingest(self, engine: Any, document_ids: list[str]) -> None:
        """Called after a batch of documents has been stored (cross-document reasoning)."""

    @hookspec
    def claimgraph_refresh_reads(self, conn: Any) -> dict[str, Any]:  # type: ignore[empty-body]
        """Bring precomputed read tables up to date at the end of the cross-source steps, in their transaction
        (the claims the store's triggers noted as changed); counts of what was refreshed."""


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager with built-in and installed plugins registered."""
    pm = pluggy.PluginManager("claimgraph")
    pm.add_hookspecs(Specs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("claimgraph")
    return pm


def stages(enabled: Sequence[str] = (), disabled: Sequence[str] = ()) -> list[Stage]:
    """The enabled stages in the order their declarations give (checked: see claimgraph.core.stages.plan)."""
    # pluggy calls the most recently registered plugin first: reverse to registration order
    groups = list(reversed(plugin_manager().hook.claimgraph_stages()))
    return plan(select([s for group in groups for s in group], enabled, disabled))


def entity_linker() -> Any:
    """The registered cross-document entity linker (the linking layer's, unless a plugin replaces it)."""
    linker = plugin_manager().hook.claimgraph_entity_linker()
    if linker is None:
        raise RuntimeError("no plugin provides claimgraph_entity_linker (claimgraph.linking.crossdoc is not loaded)")
    return linker


def conflicts(conn: Any) -> list[dict[str, Any]]:
    """Every conflict any plugin finds in the store."""
    return [c for group in plugin_manager().hook.claimgraph_conflicts(conn=conn) for c in group]


def exporters() -> dict[str, type[Exporter]]:
    """Every registered export format by name."""
    out: dict[str, type[Exporter]] = {}
    for group in plugin_manager().hook.claimgraph_exporters():
        out.update(group)
    return out
