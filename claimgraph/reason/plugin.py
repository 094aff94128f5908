"""The reasoning plugin: co-mention context for entity matching, after-ingest steps, conflicts and commands."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from claimgraph.plugins import hookimpl, plugin_manager

if TYPE_CHECKING:  # spaCy and the store load only when a stage or a step runs, not for `claimgraph --help`
    from sqlalchemy import Connection, Engine

    from claimgraph.extract.context import DocContext

CONTEXT_LIMIT = 80
log = logging.getLogger(__name__)


class CoMentionContext:
    """Puts the names each entity is mentioned with in entity.attrs["_context"] for cross-document matching."""

    name = "reason.context"
    requires = ("aliases", "stored_names")
    provides = ("context",)

    def run(self, ctx: DocContext) -> None:
        """Record, for every entity of the document, the normalised names of the others."""
        from claimgraph.linking.crossdoc import is_matchable
        from claimgraph.resolve.names import norm_name

        reps = {k: e for k, e in ctx.analysis.entities.items() if ctx.find(k) == k}
        names = {k: {norm_name(n) for n in e.aliases | {e.name} if is_matchable(n)} for k, e in reps.items()}
        for key, entity in reps.items():
            others = set().union(*(v for k, v in names.items() if k != key)) - names[key]
            entity.attrs["_context"] = sorted(others)[:CONTEXT_LIMIT]


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [CoMentionContext()]


def after_ingest(conn: Connection, document_ids: list[str]) -> dict[str, Any]:
    """Cross-source steps over a stored batch: document sources and copies, as-of dates, reviews, supersession."""
    from claimgraph.linking import align
    from claimgraph.reason import review, supersession, timeline
    from claimgraph.store import corroborated
    from claimgraph.store.writer import now

    align.refresh_sources(conn, document_ids)
    dated = timeline.set_as_of(conn, document_ids)
    replayed = review.replay(conn)
    status = supersession.apply_status(conn, now())
    # last: the steps above may merge, split or relink copies, and the triggers note what that changes
    counted = corroborated.refresh(conn)
    # the read tables of what the triggers noted (as_of and supersession's statuses above included): the views
    # layer keeps them, through its plugin hook (claimgraph/views/plugin.py)
    reads = {k: v for found in plugin_manager().hook.claimgraph_refresh_reads(conn=conn) for k, v in found.items()}
    return {"as_of": dated, "reviews_replayed": replayed, **status, "corroboration_counted": counted, **reads}


@hookimpl
def claimgraph_after_ingest(engine: Engine, document_ids: list[str]) -> None:
    """Run the cross-source steps for every pending document (this batch's and any a crash left behind).

    The steps and the marks that say which documents they covered commit in one transaction,
    so a kill leaves the documents pending and the next run (or `claimgraph repair`) completes
    them; a failure is logged and rolled back instead of failing the batch. `document_ids`
    is the batch just stored; every pending document is taken, whichever run stored it.
    """
    from claimgraph.ingest.guard import with_retry
    from claimgraph.store.pending import complete_pending

    try:  # another run completing the same documents at once makes a transaction fail: try again
        with_retry(lambda: complete_pending(engine, after_ingest, document_ids))
    except Exception:
        log.exception("cross-source steps failed after storing %d documents; they stay pending",
                      len(document_ids))


@hookimpl
def claimgraph_conflicts(conn: Connection) -> list[dict[str, Any]]:
    """Value, qualifier, polarity and superseded conflicts between stored claims."""
    from claimgraph.reason.conflicts import find_conflicts

    return find_conflicts(conn)
