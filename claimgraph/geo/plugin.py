"""Plugin hooks of the places capability: its stages (commands: claimgraph.cli.places; GeoJSON: claimgraph.export)."""

from __future__ import annotations

from claimgraph.plugins import hookimpl


@hookimpl
def claimgraph_stages() -> list[object]:
    """Place mentions, then place resolution with relative locations (order: their requires/provides)."""
    from claimgraph.geo.stage import GeoMentions, GeoResolve

    return [GeoMentions(), GeoResolve()]
