"""Which documents are independent (outlets, near-duplicate copies) and which claims say the same thing."""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from sqlalchemy import Connection, insert, select, update

from claimgraph.store.derived import (
    document_sources,
)
from claimgraph.store.records import document_outlet
from claimgraph.store.schema import documents

SHINGLE_WORDS = 3
PERMUTATIONS = 126
BANDS = 42  # 3 rows a band: pairs from about 0.35 shingle overlap up become candidates
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


def _bands(sig: list[int]) -> list[tuple[int, tuple[int, ...]]]:
    rows = len(sig) // BANDS
    return [(i, tuple(sig[i * rows:(i + 1) * rows])) for i in range(BANDS)] if sig else []


def outlet_of(url: str | None, source: str | None) -> str | None:
    """The outlet of a document: its URL's host without www., a batch's or feed's source (None for a local file)."""
    return document_outlet(url, source)


def refresh_sources(conn: Connection, document_ids: Iterable[str] | None = None) -> None:
    """Store outlet and MinHash signature of documents, and link each copy to the first of its kind."""
    have = {r.document_id: r for r in conn.execute(select(document_sources))}
    wanted = list(document_ids) if document_ids is not None else \
        list(conn.execute(select(documents.c.id)).scalars())
    todo = [d for d in wanted if d not in have]
    if not todo:
        return
    meta = {r.id: r for r in conn.execute(select(documents.c.id, documents.c.published, documents.c.ingested_at)
                                          .where(documents.c.id.in_(list(have) + todo)))}
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    sigs: dict[str, list[int]] = {}
    root: dict[str, str] = {}
    for doc_id, r in have.items():
        sigs[doc_id] = r.signature or []
        root[doc_id] = r.copy_of or doc_id
        for band in _bands(sigs[doc_id]):
            buckets[band].append(doc_id)

    def order(doc_id: str) -> tuple[str, str, str]:
        m = meta.get(doc_id)
        return ((m.published or "9999") if m else "9999", (m.ingested_at or "") if m else "", doc_id)

    for doc_id in todo:
        row = conn.execute(select(documents.c.text, documents.c.url, documents.c.source)
                           .where(documents.c.id == doc_id)).first()
        if row is None:
            continue
        sig = minhash(row.text)
        candidates = {c for band in _bands(sig) for c in buckets.get(band, [])}
        best, best_sim = None, 0.0
        for c in sorted(candidates):
            sim = similarity(sig, sigs[c])
            if sim > best_sim:
                best, best_sim = c, sim
        copy_root = None
        if best is not None and best_sim >= COPY_THRESHOLD:
            copy_root = min((root[best], doc_id), key=order)
            if copy_root == doc_id:  # the new document is the earlier one: the cluster now points at it
                old = root[best]
                for member, member_root in list(root.items()):
                    if member_root == old:
                        root[member] = doc_id
                conn.execute(update(document_sources).where(document_sources.c.copy_of == old)
                             .values(copy_of=doc_id))
                conn.execute(update(document_sources).where(document_sources.c.document_id == old)
                             .values(copy_of=doc_id, similarity=round(best_sim * 100)))
                copy_root = None
        conn.execute(insert(document_sources).values(
            document_id=doc_id, outlet=outlet_of(row.url, row.source), copy_of=copy_root,
            similarity=round(best_sim * 100) if copy_root else None, signature=sig))
        sigs[doc_id] = sig
        root[doc_id] = copy_root or doc_id
        for band in _bands(sig):
            buckets[band].append(doc_id)


