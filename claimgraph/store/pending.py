"""Which stored documents still lack their cross-source (after-ingest) steps, and completing them.

The steps run in one transaction that also marks their documents done, so a kill at any moment
leaves every document either done or pending; pending ones are completed by the next run.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, Engine, Index, MetaData, String, Table, func, insert, select

from claimgraph.store.schema import documents

state_metadata = MetaData()

# mirrors migration 0005_ingest_state
after_ingest_done = Table(
    "after_ingest_done",
    state_metadata,
    Column("document_id", String(200), primary_key=True),
    Column("done_at", String(32), nullable=False),
    Index("ix_after_ingest_done_at", "done_at"),  # migration 0006_bands
)

# the documents stored and not done, kept by triggers on documents and after_ingest_done (migration
# 0007_pending) in the transaction that changes them: the pending ones, read without scanning the store
after_ingest_pending = Table(
    "after_ingest_pending",
    state_metadata,
    Column("document_id", String(200), primary_key=True),
)

# conn.info key under which complete_pending names the batch its steps run for: steps that can work
# incrementally (supersession) then revisit only what these documents touch; without it they redo all
BATCH_KEY = "claimgraph.after_ingest.batch"


def last_done(conn: Connection) -> str | None:
    """When the latest after-ingest step completed (None before the first)."""
    return conn.execute(select(func.max(after_ingest_done.c.done_at))).scalar()


def pending_documents(conn: Connection) -> list[str]:
    """Ids of stored documents whose after-ingest steps have not completed, earliest published first.

    The order comes from the documents alone (publication date, then id), never from when a run
    stored them: a run that completes what a killed one left gets the result a clean run gets.
    """
    return list(conn.execute(_PENDING).scalars())


# the pending ids as an IN list, not a join: without table statistics SQLite walked every document and probed
# the (nearly always empty) pending table for each; with IN it looks up only the pending ids' documents
_PENDING = select(documents.c.id).where(documents.c.id.in_(select(after_ingest_pending.c.document_id))) \
    .order_by(documents.c.published.is_(None), documents.c.published, documents.c.id)


def mark_done(conn: Connection, document_ids: list[str], when: str) -> None:
    """Record that the after-ingest steps of these documents are complete (in the caller's transaction)."""
    known = set(conn.execute(select(after_ingest_done.c.document_id)
                             .where(after_ingest_done.c.document_id.in_(document_ids))).scalars()) \
        if document_ids else set()
    rows = [{"document_id": d, "done_at": when} for d in dict.fromkeys(document_ids) if d not in known]
    if rows:
        conn.execute(insert(after_ingest_done), rows)


def complete_pending(engine: Engine, run_steps: Callable[[Connection, list[str]], object],
                     document_ids: list[str] | None = None, limit: int = 5000) -> list[str]:
    """Run the after-ingest steps for `document_ids` and every pending document (in batches of `limit`).

    Returns the ids completed. The steps are idempotent, so a document given that is already done
    is simply seen again.
    """
    from claimgraph.store.writer import now

    completed: list[str] = []
    asked = list(document_ids or [])
    while True:
        with engine.begin() as conn:
            batch = list(dict.fromkeys(pending_documents(conn) + asked))[:limit]
            asked = []
            if not batch:
                return completed
            conn.info[BATCH_KEY] = batch
            try:
                run_steps(conn, batch)
            finally:
                conn.info.pop(BATCH_KEY, None)
            mark_done(conn, batch, now())
        completed += batch


def _derived_snapshot(conn: Connection) -> dict[str, dict[str, object]]:
    """What the after-ingest steps wrote: each document's source record, each claim's status and as_of."""
    from claimgraph.store.derived import document_sources
    from claimgraph.store.schema import claims

    sources = {r.document_id: (r.outlet, r.copy_of, r.similarity) for r in conn.execute(
        select(document_sources.c.document_id, document_sources.c.outlet, document_sources.c.copy_of,
               document_sources.c.similarity))}
    statuses: dict[str, object] = {}
    as_of: dict[str, object] = {}
    for r in conn.execute(select(claims.c.id, claims.c.status, claims.c.qualifiers)):
        statuses[r.id] = r.status
        as_of[r.id] = (r.qualifiers or {}).get("as_of")
    snapshot: dict[str, dict[str, object]] = {"document_sources": dict(sources), "claims.status": statuses,
                                              "claims.as_of": as_of}
    from claimgraph.store.corroborated import claim_corroboration, corroboration_stale
    from claimgraph.store.records import has_table

    # the kept corroboration counts, where they are current (readers count live while writes are noted)
    if has_table(conn, "claim_corroboration") and conn.execute(select(corroboration_stale).limit(1)).first() is None:
        snapshot["claim_corroboration"] = {r.claim_id: (r.documents, r.outlets, r.independent_sources)
                                           for r in conn.execute(select(claim_corroboration))}
    return snapshot


def check_derived(engine: Engine, run_steps: Callable[[Connection, list[str]], object],
                  sample: int = 5) -> dict[str, list[str]]:
    """Differences between the stored derived data and a recomputation from scratch (rolled back).

    Returns, per derived table, lines describing the rows that differ (empty lists: all agree);
    `pending` lists documents whose steps never completed.
    """
    from sqlalchemy import delete, update

    from claimgraph.store.derived import document_bands, document_sources
    from claimgraph.store.schema import claims

    report: dict[str, list[str]] = {}
    with engine.connect() as conn:
        pending = pending_documents(conn)
        report["pending"] = [f"{doc_id}: after-ingest steps not run" for doc_id in pending[:sample]]
        if len(pending) > sample:
            report["pending"].append(f"... and {len(pending) - sample} more")
        conn.rollback()  # end the read's implicit transaction: the recomputation gets one of its own
        trans = conn.begin()
        try:
            stored = _derived_snapshot(conn)
            # recompute from nothing: no source records, no as_of; statuses are recomputed in place
            # (reviewers' and errata's statuses are inputs, not derived, and are kept)
            conn.execute(delete(document_bands))
            conn.execute(delete(document_sources))
            for claim_id, qualifiers in conn.execute(select(claims.c.id, claims.c.qualifiers)).all():
                if qualifiers and "as_of" in qualifiers:
                    conn.execute(update(claims).where(claims.c.id == claim_id).values(
                        qualifiers={k: v for k, v in qualifiers.items() if k != "as_of"}))
            all_docs = list(conn.execute(select(documents.c.id).order_by(
                documents.c.published.is_(None), documents.c.published, documents.c.id)).scalars())
            if all_docs:
                run_steps(conn, all_docs)
            fresh = _derived_snapshot(conn)
        finally:
            trans.rollback()
    for table, rows in stored.items():
        again = fresh.get(table, {})
        diffs = [f"{key}: stored {rows.get(key)!r}, recomputed {again.get(key)!r}"
                 for key in sorted(set(rows) | set(again), key=str) if rows.get(key) != again.get(key)]
        report[table] = diffs[:sample] + ([f"... and {len(diffs) - sample} more"] if len(diffs) > sample else [])
    return report
