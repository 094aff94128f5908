"""The views layer's own upkeep through the plugin hooks: its precomputed read tables (timeline keys, kept
conflict sections) follow the claims the store's triggers noted, at the end of the cross-source steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimgraph.plugins import hookimpl

if TYPE_CHECKING:
    from sqlalchemy import Connection


@hookimpl
def claimgraph_refresh_reads(conn: Connection) -> dict[str, Any]:
    """Recompute the timeline keys and the kept conflicts of the noted claims; how many were refreshed."""
    from claimgraph.views import conflict_sections
    from claimgraph.views.timeline_keys import refresh_stale

    placed = refresh_stale(conn)  # the timeline keys first: a conflict section reads no timeline
    kept = conflict_sections.refresh_stale(conn)
    return {"timeline_keys": placed, "conflicts_kept": kept}
