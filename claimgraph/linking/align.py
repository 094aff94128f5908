"""Which documents are independent (outlets, near-duplicate copies) and which claims say the same thing."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, insert, select, update

from claimgraph.store.derived import (
    MINHASH_BANDS,
    band_keys,
    document_bands,
    document_sources,
)
from claimgraph.store.records import document_outlet
from claimgraph.store.schema import documents

SHINGLE_WORDS = 3
PERMUTATIONS = 126
BANDS = MINHASH_BANDS  # 3 rows a band: pairs from about 0.35 shingle overlap up become candidates
COPY_THRESHOLD = 0.5  # estimated shingle overlap from which a document counts as a copy
_WORD = re.compile(r"\w+")


def _hash_family() -> tuple[np.ndarray, np.ndarray]:
    # fixed, reproducible masks and odd multipliers: signatures are stored and compared across runs
    rng = np.random.default_rng(20261126)
    masks = rng.integers(0, 2**63 - 1, size=PERMUTATIONS, dtype=np.uint64)
    odds = rng.integers(0, 2**63 - 1, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    return masks, odds


_MASKS, _ODDS = _hash_family()


def shingles(text: str) -> set[int]:
    """Hashed word 3-grams of a text (lower-cased)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode()) for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash(text: str) -> list[int]:
    """MinHash signature of a text's shingles (empty for an empty text): one minimum per hash function."""
    sh = shingles(text)
    if not sh:
        return []
    values = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    with np.errstate(over="ignore"):  # multiplication modulo 2**64 is the hash
        hashed = (values[:, None] ^ _MASKS[None, :]) * _ODDS[None, :]
    return [int(x) for x in (hashed.min(axis=0) >> np.uint64(32))]


def similarity(sig_a: list[int], sig_b: list[int]) -> float:
    """Estimated shingle overlap (Jaccard) of two texts from their signatures."""
    if not sig_a or not sig_b or len(sig_a) != len(sig_b):
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b) if x == y) / len(sig_a)


def outlet_of(url: str | None, source: str | None) -> str | None:
    """The outlet of a document: its URL's host without www., a batch's or feed's source (None for a local file)."""
    return document_outlet(url, source)


def _order(meta: Any, doc_id: str) -> tuple[str, str, str]:
    """Which of two documents came first: publication date, then time stored, then id."""
    published, ingested = (getattr(meta, "published", None), getattr(meta, "ingested_at", None))
    return (published or "9999", ingested or "", doc_id)


def refresh_sources(conn: Connection, document_ids: Iterable[str] | None = None) -> None:
    """Store outlet and MinHash signature of documents, and link each copy to the first of its kind.

    Reads only the documents that share a band with each new one (an index lookup), so the
    step costs the same in a store of any size.
    """
    wanted = list(dict.fromkeys(document_ids)) if document_ids is not None else \
        list(conn.execute(select(documents.c.id).order_by(documents.c.id)).scalars())
    have: set[str] = set()
    for i in range(0, len(wanted), 500):
        have.update(conn.execute(select(document_sources.c.document_id)
                                 .where(document_sources.c.document_id.in_(wanted[i:i + 500]))).scalars())
    for doc_id in (d for d in wanted if d not in have):
        row = conn.execute(select(documents.c.text, documents.c.url, documents.c.source, documents.c.published,
                                  documents.c.ingested_at).where(documents.c.id == doc_id)).first()
        if row is None:
            continue
        sig = minhash(row.text)
        keys = band_keys(sig)
        near = sorted(set(conn.execute(select(document_bands.c.document_id)
                                       .where(document_bands.c.key.in_(keys))).scalars())) if keys else []
        candidates: list[Any] = []
        for i in range(0, len(near), 500):
            candidates += conn.execute(
                select(document_sources.c.document_id, document_sources.c.copy_of, document_sources.c.signature,
                       documents.c.published, documents.c.ingested_at)
                .join(documents, documents.c.id == document_sources.c.document_id)
                .where(document_sources.c.document_id.in_(near[i:i + 500]))).all()
        candidates.sort(key=lambda c: c.document_id)
        best, best_sim = None, 0.0
        for c in candidates:
            sim = similarity(sig, list(c.signature or []))
            if sim > best_sim:
                best, best_sim = c, sim
        copy_root = None
        if best is not None and best_sim >= COPY_THRESHOLD:
            root_id = best.copy_of or best.document_id
            root_meta = best if root_id == best.document_id else conn.execute(
                select(documents.c.published, documents.c.ingested_at).where(documents.c.id == root_id)).first()
            copy_root = doc_id if _order(row, doc_id) < _order(root_meta, root_id) else root_id
            if copy_root == doc_id:  # the new document is the earlier one: the cluster now points at it
                conn.execute(update(document_sources).where(document_sources.c.copy_of == root_id)
                             .values(copy_of=doc_id))
                conn.execute(update(document_sources).where(document_sources.c.document_id == root_id)
                             .values(copy_of=doc_id, similarity=round(best_sim * 100)))
                copy_root = None
        conn.execute(insert(document_sources).values(
            document_id=doc_id, outlet=outlet_of(row.url, row.source), copy_of=copy_root,
            similarity=round(best_sim * 100) if copy_root else None, signature=sig))
        conn.execute(delete(document_bands).where(document_bands.c.document_id == doc_id))
        if keys:
            conn.execute(insert(document_bands), [{"document_id": doc_id, "key": k} for k in keys])
