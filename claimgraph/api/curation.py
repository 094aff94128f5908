"""Curation from the page: merge and split entities (with the API token), and the review history.

Accept, reject and annotate go through POST /api/review (claimgraph.api.write); merges and
splits call the reasoning layer's logged, reversible functions. The history endpoint lists
every review and merge/split of a claim or entity so the page can show who decided what.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, or_, select

from claimgraph.api.write import Writer
from claimgraph.store.schema import entity_merges, reviews

router = APIRouter(tags=["review"])


class MergeRequest(BaseModel):
    """Fold entity `other` (and what was merged into it) into entity `keep`."""

    keep: str = Field(min_length=1, max_length=300)
    other: str = Field(min_length=1, max_length=300)
    reviewer: str = Field(default="api", min_length=1, max_length=200)
    reason: str | None = Field(default=None, max_length=10_000)


class SplitRequest(BaseModel):
    """Take one name out of an entity as an entity of its own."""

    entity: str = Field(min_length=1, max_length=300)
    alias: str = Field(min_length=1, max_length=500)
    reviewer: str = Field(default="api", min_length=1, max_length=200)
    reason: str | None = Field(default=None, max_length=10_000)


def _review_module() -> Any:
    """claimgraph.reason.review, or a 501 where the reasoning layer is not installed."""
    if importlib.util.find_spec("claimgraph.reason.review") is None:
        raise HTTPException(status_code=501, detail="merge and split need the reasoning layer")
    return importlib.import_module("claimgraph.reason.review")


def _apply(engine: Engine, func_name: str, **kwargs: Any) -> dict[str, Any]:
    module = _review_module()
    try:
        with engine.begin() as conn:
            result: dict[str, Any] = getattr(module, func_name)(conn, **kwargs)
    except ValueError as exc:  # ReviewError: unknown entity, already one, not a name of it
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return result


@router.post("/merge", summary="Merge two entities (needs the token)")
def merge(request: Request, _auth: Writer, body: MergeRequest) -> dict[str, Any]:
    """Merge `other` into `keep`; logged, and undone by a split of the other's name."""
    return {"ok": True, "merge": _apply(request.app.state.engine, "merge_entities", keep_id=body.keep,
                                        other_id=body.other, reviewer=body.reviewer, reason=body.reason)}


@router.post("/split", summary="Split a name off an entity (needs the token)")
def split(request: Request, _auth: Writer, body: SplitRequest) -> dict[str, Any]:
    """Make `alias` an entity of its own again; logged, and it blocks automatic re-merging."""
    return {"ok": True, "split": _apply(request.app.state.engine, "split_entity", entity_id=body.entity,
                                        alias=body.alias, reviewer=body.reviewer, reason=body.reason)}


@router.get("/reviews", summary="Review history: every review, merge and split, newest first")
def review_history(request: Request, target: Annotated[str | None, Query(max_length=300)] = None,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                   offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0) -> dict[str, Any]:
    """Reviews of a claim or entity (or all), and the merges and splits touching it, with who and when."""
    engine: Engine = request.app.state.engine
    with engine.connect() as conn:
        query = select(reviews)
        log = select(entity_merges)
        if target:
            query = query.where(reviews.c.target_id == target)
            log = log.where(or_(entity_merges.c.kept_id == target, entity_merges.c.other_id == target))
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0
        rows = [{"kind": "review", **dict(r)} for r in conn.execute(
            query.order_by(reviews.c.id.desc()).limit(limit).offset(offset)).mappings()]
        merges = [{"kind": "merge", **dict(r)} for r in conn.execute(
            log.order_by(entity_merges.c.id.desc()).limit(limit)).mappings()]
    return {"items": rows, "total": total, "merges": merges, "limit": limit, "offset": offset}
