"""Full-text search over documents and entity names, one query function per SQL dialect.

The structures come from migration 0004_search: FTS5 tables on SQLite, a tsvector column
and GIN indexes on PostgreSQL. User text never reaches the query language as syntax: it is
cut into word tokens, each quoted (FTS5) or reduced to letters and digits (tsquery), and
passed as a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, text

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TOKENS = 12
SNIPPET_WORDS = 24


def query_tokens(q: str) -> list[str]:
    """The words of a user query, lower-cased, at most MAX_TOKENS of them."""
    return [t.lower() for t in WORD.findall(q or "")][:MAX_TOKENS]


def fts5_query(tokens: list[str], prefix_last: bool) -> str:
    """An FTS5 MATCH expression that requires every token (the last as a prefix when asked)."""
    parts = ['"' + t.replace('"', '""') + '"' for t in tokens]
    if prefix_last and parts:
        parts[-1] += "*"
    return " ".join(parts)


def tsquery(tokens: list[str], prefix_last: bool) -> str:
    """A to_tsquery() expression that requires every token (the last as a prefix when asked)."""
    safe = [re.sub(r"[^\w]", "", t) for t in tokens]
    safe = [t for t in safe if t]
    if prefix_last and safe:
        safe[-1] += ":*"
    return " & ".join(safe)


# a query matching more rows than this ranks the newest POOL of them (the rowids of FTS5 follow insertion): the
# work of ranking stays bounded when a common word matches most of a large store; below it ranking is exact
POOL = 2000


def _newest_bound(conn: Connection, table: str, query: str) -> int | None:
    """The lowest rowid of the POOL newest rows matching `query`, or None when fewer match (rank them all)."""
    row = conn.execute(text(f"SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rowid DESC "
                            "LIMIT 1 OFFSET :skip"), {"q": query, "skip": POOL - 1}).first()
    return None if row is None else int(row[0])


def _sqlite_entity_hits(conn: Connection, tokens: list[str], limit: int) -> list[str]:
    query = fts5_query(tokens, prefix_last=True)
    lowest = _newest_bound(conn, "entity_names_fts", query)
    rows = conn.execute(text(
        "SELECT a.entity_id, min(hit.rank) AS best FROM ("
        "  SELECT rowid, rank FROM entity_names_fts WHERE entity_names_fts MATCH :q AND rowid >= :lowest"
        "  ORDER BY rank LIMIT :pool"
        ") AS hit JOIN aliases AS a ON a.id = hit.rowid "
        "GROUP BY a.entity_id ORDER BY best, a.entity_id LIMIT :limit"),
        # an entity has several names: look at more name hits than entities wanted
        {"q": query, "lowest": lowest or 0, "pool": limit * 5, "limit": limit}).all()
    return [r[0] for r in rows]


def _sqlite_document_hits(conn: Connection, tokens: list[str], limit: int) -> list[dict[str, Any]]:
    query = fts5_query(tokens, prefix_last=False)
    lowest = _newest_bound(conn, "documents_fts", query)
    # ranked first, snippets after: SQLite computes a selected column for every row it sorts, and snippet()
    # of every matching document cost 100 times the ranking
    ranked = [r[0] for r in conn.execute(text(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q AND rowid >= :lowest "
        "ORDER BY bm25(documents_fts, 0.0, 4.0, 1.0) LIMIT :limit"),
        {"q": query, "lowest": lowest or 0, "limit": limit})]
    if not ranked:
        return []
    # the ranked rows joined from a list, each row found by its rowid (an IN list is not passed to FTS5)
    listed = " UNION ALL ".join(f"SELECT :r{i}" for i in range(len(ranked)))
    # snippet() marks nothing (empty markers): the UI shows the snippet as plain text
    found = {r[0]: r for r in conn.execute(text(
        f"WITH ranked(r) AS ({listed}) "
        "SELECT f.rowid, f.document_id, d.title, snippet(documents_fts, 2, '', '', ' … ', :words) AS snippet "
        "FROM ranked CROSS JOIN documents_fts AS f ON f.rowid = ranked.r "
        "JOIN documents AS d ON d.id = f.document_id WHERE documents_fts MATCH :q"),
        {"q": query, "words": SNIPPET_WORDS, **{f"r{i}": r for i, r in enumerate(ranked)}})}
    return [{"id": found[r][1], "title": found[r][2], "snippet": found[r][3]} for r in ranked if r in found]


def search_sqlite(conn: Connection, q: str, limit: int = 20) -> tuple[list[str], list[dict[str, Any]]]:
    """(entity ids, document hits) for a query on SQLite's FTS5 tables, best first."""
    tokens = query_tokens(q)
    if not tokens:
        return [], []
    return _sqlite_entity_hits(conn, tokens, limit), _sqlite_document_hits(conn, tokens, limit)


def search_postgresql(conn: Connection, q: str, limit: int = 20) -> tuple[list[str], list[dict[str, Any]]]:
    """(entity ids, document hits) for a query on PostgreSQL's tsvector indexes, best first."""
    tokens = query_tokens(q)
    if not tokens:
        return [], []
    names = tsquery(tokens, prefix_last=True)
    words = tsquery(tokens, prefix_last=False)
    entity_rows = conn.execute(text(
        "SELECT a.entity_id, max(ts_rank(to_tsvector('simple', a.alias), to_tsquery('simple', :q))) AS rank "
        "FROM aliases AS a WHERE to_tsvector('simple', a.alias) @@ to_tsquery('simple', :q) "
        "GROUP BY a.entity_id ORDER BY rank DESC LIMIT :limit"), {"q": names, "limit": limit}).all()
    doc_rows = conn.execute(text(
        "SELECT d.id, d.title, ts_headline('english', d.text, to_tsquery('english', :q), :options) AS snippet "
        "FROM documents AS d WHERE d.search_vector @@ to_tsquery('english', :q) "
        "ORDER BY ts_rank(d.search_vector, to_tsquery('english', :q)) DESC LIMIT :limit"),
        {"q": words, "limit": limit,
         "options": f'StartSel="", StopSel="", MaxWords={SNIPPET_WORDS}, MinWords=8, MaxFragments=2'}).all()
    return [r[0] for r in entity_rows], [{"id": r[0], "title": r[1], "snippet": r[2]} for r in doc_rows]


def search_fallback(conn: Connection, q: str, limit: int = 20) -> tuple[list[str], list[dict[str, Any]]]:
    """(entity ids, document hits) by substring match, for dialects without a full-text index."""
    from sqlalchemy import select

    from claimgraph.resolve.names import norm_name
    from claimgraph.store.schema import aliases, documents

    tokens = query_tokens(q)
    if not tokens:
        return [], []
    key = norm_name(" ".join(tokens))
    entity_ids = list(conn.execute(select(aliases.c.entity_id).where(
        aliases.c.norm.contains(key, autoescape=True)).distinct().limit(limit)).scalars())
    cond = [documents.c.text.icontains(t, autoescape=True) for t in tokens]
    rows = conn.execute(select(documents.c.id, documents.c.title, documents.c.text).where(*cond).limit(limit)).all()
    hits = []
    for doc_id, title, body in rows:
        at = body.lower().find(tokens[0])
        start = max(0, at - 80)
        hits.append({"id": doc_id, "title": title, "snippet": body[start: at + 120].strip()})
    return entity_ids, hits


SEARCHERS: dict[str, Callable[[Connection, str, int], tuple[list[str], list[dict[str, Any]]]]] = {
    "sqlite": search_sqlite,
    "postgresql": search_postgresql,
}


def search(conn: Connection, q: str, limit: int = 20) -> tuple[list[str], list[dict[str, Any]]]:
    """(entity ids, document hits) for a free-text query, with the function of this dialect."""
    from claimgraph.api.cache import _table_names

    searcher = SEARCHERS.get(conn.dialect.name, search_fallback)
    if searcher is search_sqlite and "documents_fts" not in _table_names(conn):
        searcher = search_fallback  # migration 0004 found no FTS5 in this SQLite
    return searcher(conn, q, limit)
