"""Write endpoints (ingest, review): off unless a token is set, and never in read-only mode."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import secrets
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Engine, insert, select, update

from claimgraph.ingest.validate import SURROGATE, clean_date, clean_id, clean_url
from claimgraph.model import SourceDocument
from claimgraph.settings import Settings
from claimgraph.store.schema import claims, entities, reviews
from claimgraph.store.writer import now

router = APIRouter(prefix="/api", tags=["write"])

MAX_BATCH = 100
MAX_BATCH_CHARS = 20_000_000
# one ingest at a time: SQLite takes one writer, and the NLP pipeline is not shared across threads
_INGEST_LOCK = threading.Lock()


def require_writer(request: Request) -> None:
    """403 in read-only mode or without a configured token; 401 unless the bearer token matches."""
    api = request.app.state.settings.api
    if api.read_only:
        raise HTTPException(status_code=403, detail="the server runs read-only")
    if not api.token:
        raise HTTPException(status_code=403, detail="write endpoints are off: start the server with --token")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), api.token.encode()):
        raise HTTPException(status_code=401, detail="a valid bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})


Writer = Annotated[None, Depends(require_writer)]


class IngestItem(BaseModel):
    """One document to analyse and store."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=1000)
    id: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=32)
    url: str | None = Field(default=None, max_length=2000)

    # the same type rules as every other input (claimgraph.ingest.validate); a ValueError is a 422
    @field_validator("text", "title")
    @classmethod
    def _valid_unicode(cls, value: str | None) -> str | None:
        if value is not None and SURROGATE.search(value):
            raise ValueError("holds a lone surrogate: not valid Unicode")
        return value

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: object) -> str | None:
        return clean_id(value)

    @field_validator("published")
    @classmethod
    def _valid_date(cls, value: str | None) -> str | None:
        return clean_date(value)

    @field_validator("url")
    @classmethod
    def _valid_url(cls, value: str | None) -> str | None:
        return clean_url(value)


class ReviewRequest(BaseModel):
    """A reviewer's decision on a claim or an entity."""

    kind: Literal["claim", "entity"]
    id: str = Field(max_length=64)
    action: Literal["accept", "reject", "annotate"]
    note: str | None = Field(default=None, max_length=10_000)
    reviewer: str = Field(default="api", min_length=1, max_length=200)


@router.post("/ingest", summary="Analyse and store documents (needs the token)")
def ingest(request: Request, _auth: Writer, body: IngestItem | list[IngestItem]) -> dict[str, Any]:
    """Run the analysis pipeline over one document or a list; returns stored, duplicate and failed ones."""
    from claimgraph.pipeline import ingest as run_ingest

    items = body if isinstance(body, list) else [body]
    if len(items) > MAX_BATCH or sum(len(i.text) for i in items) > MAX_BATCH_CHARS:
        raise HTTPException(status_code=413, detail=f"at most {MAX_BATCH} documents and "
                                                    f"{MAX_BATCH_CHARS:,} characters a request")
    docs = [SourceDocument(text=i.text, source=f"<api:{i.id or i.title or 'text'}>", title=i.title, id=i.id,
                           published=i.published, url=i.url) for i in items]
    settings: Settings = request.app.state.settings
    with _INGEST_LOCK:
        report = run_ingest(docs, settings, request.app.state.engine)
    if report.stored:
        from claimgraph.api.cache import warm_up

        warm_up(request.app.state.engine)
    return {"stored": report.stored, "duplicates": report.duplicates, "words": report.words,
            "failures": [{"source": f.source, "reason": f.reason} for f in report.failures]}


def _reasoner_review() -> Any | None:
    """claimgraph.reason.review.review where the reasoning plugin provides it."""
    if importlib.util.find_spec("claimgraph.reason.review") is None:
        return None
    return getattr(importlib.import_module("claimgraph.reason.review"), "review", None)


def _call_review(func: Any, engine: Engine, req: ReviewRequest) -> Any:
    """Call the reasoner's review() with the arguments its signature names."""
    offered = {"engine": engine, "kind": req.kind, "target_kind": req.kind, "id": req.id, "target_id": req.id,
               "claim_id" if req.kind == "claim" else "entity_id": req.id, "action": req.action, "note": req.note,
               "reviewer": req.reviewer}
    params = inspect.signature(func).parameters
    if "conn" in params:
        with engine.begin() as conn:
            return func(conn=conn, **{k: v for k, v in offered.items() if k in params})
    return func(**{k: v for k, v in offered.items() if k in params})


def _record_review(engine: Engine, req: ReviewRequest) -> dict[str, Any]:
    """Store the review; a rejected claim is marked rejected, an accepted one active again."""
    with engine.begin() as conn:
        conn.execute(insert(reviews).values(target_kind=req.kind, target_id=req.id, action=req.action,
                                            reviewer=req.reviewer, note=req.note, created_at=now()))
        if req.kind == "claim" and req.action == "reject":
            conn.execute(update(claims).where(claims.c.id == req.id).values(status="rejected"))
        elif req.kind == "claim" and req.action == "accept":
            conn.execute(update(claims).where(claims.c.id == req.id, claims.c.status == "rejected")
                         .values(status="active"))
    return {"kind": req.kind, "id": req.id, "action": req.action}


@router.post("/review", summary="Accept, reject or annotate a claim or entity (needs the token)")
def review(request: Request, _auth: Writer, body: ReviewRequest) -> dict[str, Any]:
    """Record a reviewer's decision (through the reasoning plugin's review() where installed)."""
    engine: Engine = request.app.state.engine
    table = claims if body.kind == "claim" else entities
    with engine.connect() as conn:
        if conn.execute(select(table.c.id).where(table.c.id == body.id)).first() is None:
            raise HTTPException(status_code=404, detail=f"no {body.kind} {body.id!r}")
    func = _reasoner_review()
    if func is None:
        return {"ok": True, "review": _record_review(engine, body)}
    try:
        result = _call_review(func, engine, body)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return {"ok": True, "review": result if isinstance(result, (dict, list, str, int, float)) else None}
