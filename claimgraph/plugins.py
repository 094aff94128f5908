"""The plugin system: claimgraph's own stages, exporters and commands register through it too."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

import pluggy

if TYPE_CHECKING:
    import click

    from claimgraph.export.base import Exporter
    from claimgraph.extract.context import DocContext

hookspec = pluggy.HookspecMarker("claimgraph")
hookimpl = pluggy.HookimplMarker("claimgraph")

# built-in plugins, loaded in this order; third-party ones come from the "claimgraph" entry point group
DEFAULT_PLUGINS = (
    "claimgraph.extract.entities",
    "claimgraph.resolve.coref",
    "claimgraph.extract.claims",
    "claimgraph.extract.modality",
    "claimgraph.export.jsonl",
    "claimgraph.cli.commands",
)

# optional built-ins: loaded when their module exists (later capabilities plug in here)
OPTIONAL_PLUGINS = (
    "claimgraph.extract.relations",
    "claimgraph.extract.events",
    "claimgraph.extract.designations",
    "claimgraph.extract.structure",
    "claimgraph.extract.errata",
    "claimgraph.extract.timeinfo",
    "claimgraph.geo.plugin",
    "claimgraph.reason.plugin",
    "claimgraph.export.formats",
    "claimgraph.api.plugin",
    "claimgraph.cli.eval",
)


class Stage(Protocol):
    """One step of document analysis; stages run in ascending `order` and mutate the context.

    Orders: 100-199 entity recognition, 200-299 in-document resolution, 300-499 claim
    extraction, 500-699 annotation (modality, time, errata), 700-899 places and post-processing.
    """

    name: str
    order: int

    def run(self, ctx: DocContext) -> None:
        """Read and extend the context of one document."""


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

    @hookspec
    def claimgraph_after_ingest(self, engine: Any, document_ids: list[str]) -> None:
        """Called after a batch of documents has been stored (cross-document reasoning)."""


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager with built-in and installed plugins registered."""
    pm = pluggy.PluginManager("claimgraph")
    pm.add_hookspecs(Specs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    for name in OPTIONAL_PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # the plugin exists but one of its imports is missing: say so
                raise
            continue
        pm.register(module, name=name)
    pm.load_setuptools_entrypoints("claimgraph")
    return pm


def stages(enabled: list[str] | None = None, disabled: list[str] | None = None) -> list[Stage]:
    """Every registered stage, filtered by settings and sorted by order."""
    found: list[Stage] = [s for group in plugin_manager().hook.claimgraph_stages() for s in group]
    if enabled:
        found = [s for s in found if s.name in enabled]
    if disabled:
        found = [s for s in found if s.name not in disabled]
    return sorted(found, key=lambda s: (s.order, s.name))


def conflicts(conn: Any) -> list[dict[str, Any]]:
    """Every conflict any plugin finds in the store."""
    return [c for group in plugin_manager().hook.claimgraph_conflicts(conn=conn) for c in group]


def exporters() -> dict[str, type[Exporter]]:
    """Every registered export format by name."""
    out: dict[str, type[Exporter]] = {}
    for group in plugin_manager().hook.claimgraph_exporters():
        out.update(group)
    return out
