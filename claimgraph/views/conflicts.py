"""Conflicts and changes over time that involve some claims, read from those claims' subjects only.

`claimgraph.plugins.conflicts` reads every claim of the store (seconds on a large one); a profile
or a page of claims needs only the conflicts that name one of its claims. Every conflict the
reasoning plugin finds, and every change over time, is decided among the claims of one canonical
subject (after merges, inverse and symmetric predicates), so reading the claims of the canonical
subjects of the claims shown gives exactly the whole-store records that name one of them
(tests/test_reads_conflicts.py compares both). Conflicts of other plugins come from their own hooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, select, text

from claimgraph.core.predicates import registry
from claimgraph.store.derived import finals_of, literal_key, members_of
from claimgraph.store.idlists import in_ids
from claimgraph.store.schema import claims, documents, entities, evidence

REASON_PLUGIN = "claimgraph.reason.plugin"


_KEY_COLUMNS = (claims.c.id, claims.c.subject_id, claims.c.predicate, claims.c.object_id, claims.c.object_value,
                claims.c.object_type)
_ROW_COLUMNS = (claims.c.id, claims.c.subject_id, claims.c.predicate, claims.c.object_id, claims.c.object_value,
                claims.c.object_type, claims.c.qualifiers, claims.c.modality, claims.c.polarity, claims.c.status)


# schema id -> predicate -> (its canonical form, turned round, symmetric): schema.canonical walks every inverse pair
# on each call, and a profile canonicalises thousands of rows
_CANONICAL: dict[int, dict[str, tuple[str, bool, bool]]] = {}


def _form_of(schema: Any, predicate: str) -> tuple[str, bool, bool]:
    forms = _CANONICAL.setdefault(id(schema), {})
    if predicate not in forms:
        s, p, _ = schema.canonical("a", predicate, "b")
        forms[predicate] = (p, s == "b", predicate in schema.symmetric)
    return forms[predicate]


def _canonical(row: Any, finals: dict[str, str], schema: Any) -> tuple[str | None, str, str | None]:
    subject = finals.get(row["subject_id"], row["subject_id"])
    obj = finals.get(row["object_id"], row["object_id"]) if row["object_id"] else \
        literal_key(row["object_value"], row["object_type"])
    # as schema.canonical(subject, predicate, obj), its decision per predicate made once
    predicate, turned, symmetric = _form_of(schema, row["predicate"])
    if turned:
        return obj, predicate, subject
    if symmetric and subject and obj and obj < subject:
        return obj, predicate, subject
    return subject, predicate, obj


_FORMS: dict[tuple[int, str], tuple[frozenset[str], frozenset[str]]] = {}


def _forms(schema: Any, predicates: set[str]) -> tuple[set[str], set[str]]:
    """Raw predicates whose canonical form is one of these: (kept the right way round, turned round)."""
    direct, turned = set(predicates), set[str]()
    for predicate in predicates:
        key = (id(schema), predicate)
        if key not in _FORMS:  # once a schema and predicate: it walks every predicate of the registry
            one, other = {predicate}, set[str]()
            for raw in registry().predicates:
                s, p, _ = schema.canonical("a", raw, "b")
                if p == predicate:
                    (other if s == "b" else one).add(raw)
                    if raw in schema.symmetric:
                        other.add(raw)
            _FORMS[key] = (frozenset(one), frozenset(other))
        direct |= _FORMS[key][0]
        turned |= _FORMS[key][1]
    return direct, turned


_PARTNERS: dict[tuple[int, str], frozenset[str]] = {}


def _partners(schema: Any, predicate: str) -> frozenset[str]:
    """The predicate and every predicate an ending pair links it with, to closure (canonical forms)."""
    key = (id(schema), predicate)
    if key not in _PARTNERS:  # once a schema and predicate: it walks every ending pair
        _PARTNERS[key] = frozenset(_partners_of(schema, predicate))
    return _PARTNERS[key]


def _partners_of(schema: Any, predicate: str) -> set[str]:
    pairs = [(schema.canonical("s", e["start"], "o")[1], schema.canonical("s", e["end"], "o")[1])
             for e in schema.ending]
    out, todo = {predicate}, [predicate]
    while todo:
        p = todo.pop()
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                if x == p and y not in out:
                    out.add(y)
                    todo.append(y)
    return out


_TRIPLES_PER_STATEMENT = 256


def _triples_statement(count: int) -> tuple[Any, int]:
    """The rows of a list of (subject, predicate, object), as a join with a VALUES list, for up to `count` triples,
    and how many triples it takes (a power of two: a page reuses one of a few statements SQLAlchemy compiled
    before, instead of parsing and compiling hundreds of parameters on every read). Each triple is an index
    lookup on SQLite and PostgreSQL alike (SQLite scans the table for a row-value IN list)."""
    size = min(_TRIPLES_PER_STATEMENT, 1 << max(0, count - 1).bit_length())
    return _values_join(size), size


@lru_cache(maxsize=16)
def _values_join(size: int) -> Any:
    """The statement of _triples_statement for exactly `size` triples (built and compiled once a size)."""
    values = ", ".join(f"(:s{i}, :p{i}, :o{i})" for i in range(size))
    return text(f"WITH wanted(s, p, o) AS (VALUES {values}) SELECT c.id, c.subject_id, c.predicate, c.object_id, "
                "c.object_value, c.object_type FROM wanted JOIN claims AS c ON c.subject_id = wanted.s "
                "AND c.predicate = wanted.p AND c.object_id = wanted.o WHERE c.status != 'rejected'")


# the IN-list reads of every profile, built once: a list given as one expanding parameter is not coerced element
# by element on each call
_IDS: Any = bindparam("ids", expanding=True)
_KEYS_BY_ID = select(*_KEY_COLUMNS).where(in_ids(claims.c.id))
_ROWS_BY_ID = select(*_ROW_COLUMNS).where(in_ids(claims.c.id))
_KEPT_UNDER: Any = (claims.c.status != "rejected", claims.c.predicate.in_(bindparam("predicates", expanding=True)))
_BY_SUBJECT = select(*_KEY_COLUMNS).where(*_KEPT_UNDER, claims.c.subject_id.in_(_IDS))
_BY_OBJECT = select(*_KEY_COLUMNS).where(*_KEPT_UNDER, claims.c.object_id.in_(_IDS))
_BY_SUBJECT_LITERAL = select(*_KEY_COLUMNS).where(*_KEPT_UNDER, claims.c.subject_id.in_(_IDS),
                                                  claims.c.object_id.is_(None))
_PASSAGES = select(evidence.c.claim_id, evidence.c.document_id, evidence.c.qualifiers, documents.c.published).join(
    documents, documents.c.id == evidence.c.document_id).where(in_ids(evidence.c.claim_id)).order_by(evidence.c.id)
_CITES = select(documents.c.id, documents.c.title, documents.c.source, documents.c.published).where(
    in_ids(documents.c.id))
_NAMES = select(entities.c.id, entities.c.name).where(in_ids(entities.c.id))


def _narrow_views(conn: Connection, schema: Any, reasoning: Any, claim_ids: list[str]) -> list[Any]:
    """The claim views (as reason.conflicts.load_views builds them, in claim id order) of every group a
    conflict or change naming one of these claims is decided in: the same canonical subject and predicate
    for single-valued and changing predicates, else the same triple, each predicate with the ones an ending
    pair links it with, and for listings every listing of the same target (a state's delisting ends its
    office's listing). Rows are read by both ends and predicate, so a much-named subject costs only these."""
    # the asked rows' ends and predicate only: their qualifiers (JSON) are read below with their groups' rows
    mine = [r for k in range(0, len(claim_ids), 500) for r in conn.execute(
        _KEYS_BY_ID, {"ids": claim_ids[k:k + 500]}).mappings()]
    finals = finals_of(conn, {i for r in mine for i in (r["subject_id"], r["object_id"]) if i})
    whole: set[tuple[str | None, str]] = set()  # (subject, predicate): every object
    triples: set[tuple[str | None, str, str | None]] = set()
    literal: set[tuple[str | None, str]] = set()  # (subject, predicate) of triples whose object is a literal
    listed: set[tuple[str, str]] = set()  # (act, target): every such act on the target, by anyone
    enders = {schema.canonical("s", pair["end"], "o")[1] for pair in schema.ending}
    for r in mine:
        s, p, o = _canonical(r, finals, schema)
        for q in _partners(schema, p):
            if q in schema.single_valued or q in schema.changes_over_time:
                whole.add((s, q))
            else:
                triples.add((s, q, o))
                if q != p and o:  # an ending pair may write its two ends the other way round ("member_of" stored
                    triples.add((o, q, s))  # as has_member, ended by "left"): read the partner both ways
                if not r["object_id"]:
                    literal.add((s, q))
            # a listing is ended by the acts that pair with it, whoever made them (an office's listing by its
            # state's delisting): those acts on the target; a delisting also needs the other delistings of
            # the target (the earliest that qualifies ends a listing), a listing not the other listings
            if q in schema.state_acts and o and (q != p or p in enders):
                listed.add((q, o))
    ends = {s for s, _ in whole if s} | {i for t in triples for i in (t[0], t[2]) if i} | {o for _, o in listed}
    members = members_of(conn, ends)
    group: dict[str, list[str]] = {}
    for member, final in members.items():
        group.setdefault(final, []).append(member)
    found: dict[str, Any] = {}

    def read(predicates: set[str], statement: Any, ids: list[str]) -> None:
        if not predicates:  # nothing to read under no predicate
            return
        for row in conn.execute(statement, {"predicates": sorted(predicates), "ids": ids}).mappings():
            found[row["id"]] = row

    whole_direct, whole_turned = _forms(schema, {q for _, q in whole})
    subjects = sorted({m for s, _ in whole if s for m in group.get(s, [s])})
    for k in range(0, len(subjects), 500):
        read(whole_direct, _BY_SUBJECT, subjects[k:k + 500])
        read(whole_turned, _BY_OBJECT, subjects[k:k + 500])
    # each triple's own rows, by both ends and predicate (either way round, through merges): the rows of
    # partners the page does not pair are not read (two much-named entities share thousands)
    keys: set[tuple[str, str, str]] = set()
    for s, q, o in triples:
        if not s or not o or (s, q) in literal:
            continue
        direct, turned = _forms(schema, {q})
        for a in group.get(s, [s]):
            for b in group.get(o, [o]):
                keys.update((a, raw, b) for raw in direct)
                keys.update((b, raw, a) for raw in turned)
    ordered = sorted(keys)
    for k in range(0, len(ordered), _TRIPLES_PER_STATEMENT):
        chunk = ordered[k:k + _TRIPLES_PER_STATEMENT]
        statement, size = _triples_statement(len(chunk))
        padded = chunk + [chunk[-1]] * (size - len(chunk))  # a repeated triple finds the same rows again
        params = {f"{name}{i}": value for i, key in enumerate(padded) for name, value in zip("spo", key, strict=True)}
        for row in conn.execute(statement, params).mappings():
            found[row["id"]] = row
    literal_direct, _ = _forms(schema, {q for _, q in literal})
    literal_subjects = sorted({m for s, _ in literal if s for m in group.get(s, [s])})
    for k in range(0, len(literal_subjects), 500):
        read(literal_direct, _BY_SUBJECT_LITERAL, literal_subjects[k:k + 500])
    for act in sorted({q for q, _ in listed}):
        acts_direct, acts_turned = _forms(schema, {act})
        targets = sorted({m for q, o in listed if q == act for m in group.get(o, [o])})
        for k in range(0, len(targets), 500):
            read(acts_direct, _BY_OBJECT, targets[k:k + 500])
            read(acts_turned, _BY_SUBJECT, targets[k:k + 500])
    finals = finals_of(conn, {i for r in found.values() for i in (r["subject_id"], r["object_id"]) if i})
    # the rows of the groups wanted, then their qualifiers and modality (JSON read only for them)
    kept = sorted(i for i, r in found.items() if (c := _canonical(r, finals, schema))[:2] in whole
                  or c in triples or (c[1], c[2]) in listed)
    rows = [r for k in range(0, len(kept), 500) for r in conn.execute(
        _ROWS_BY_ID, {"ids": kept[k:k + 500]}).mappings()]
    rows.sort(key=lambda r: r["id"])
    names = _names(conn, set(finals.values()))
    views: dict[str, Any] = {}
    for r in rows:
        s, p, o = _canonical(r, finals, schema)
        # as load_views builds a view (reason/conflicts.py)
        label = names.get(o or "", o or "") if r["object_id"] else repr(str(r["object_value"]))
        views[r["id"]] = reasoning.ClaimView(
            id=r["id"], subject=s, predicate=p, object=o, label=label,
            negative=r["polarity"] == "negative" or r["modality"] == "negated", status=r["status"],
            qualifiers=r["qualifiers"] or {}, speculative=r["modality"] == "speculative",
            subject_name=names.get(s or "", ""))
    ids = sorted(views)
    for k in range(0, len(ids), 500):
        for cid, doc, q, pub in conn.execute(_PASSAGES, {"ids": ids[k:k + 500]}):
            views[cid].passages.append((doc, q or {}))
            if pub:
                views[cid].dates.append(str(pub))
    return [views[i] for i in ids]


def _cites(conn: Connection, doc_ids: set[str]) -> dict[str, str]:
    """How conflict notes cite these documents (as reason.conflicts cites every document)."""
    out: dict[str, str] = {}
    wanted = sorted(doc_ids)
    for k in range(0, len(wanted), 500):
        for r in conn.execute(_CITES, {"ids": wanted[k:k + 500]}):
            name = r.source if not (r.source.endswith(".jsonl") or r.source.startswith("<")) else (r.title or r.id)
            out[r.id] = f"{name} ({r.published})" if r.published else name
    return out


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i)
    out: dict[str, str] = {}
    for k in range(0, len(wanted), 500):
        for entity_id, name in conn.execute(_NAMES, {"ids": wanted[k:k + 500]}):
            out[entity_id] = name
    return out


def _involving(found: list[dict[str, Any]], asked: set[str]) -> list[dict[str, Any]]:
    return [c for c in found if asked & set(c.get("claims") or [])]


def conflicts_and_changes(conn: Connection, claim_ids: Iterable[str]) -> tuple[list[dict[str, Any]],
                                                                                list[dict[str, Any]]]:
    """(conflicts, relation changes over time) that name one of these claims, as the whole-store readers give them.

    Without the reasoning layer installed: the conflicts every plugin finds, filtered, and no changes.
    """
    from claimgraph import plugins

    asked = set(claim_ids)
    others = other_conflicts(conn)
    if others is None:
        return _involving(plugins.conflicts(conn), asked), []
    if not asked:
        return _involving(others, asked), []
    found, changes = reasoned(conn, asked)
    # pluggy calls the latest registered implementation first: installed plugins' before the built-in one
    return _involving(others + found, asked), changes


def other_conflicts(conn: Connection) -> list[dict[str, Any]] | None:
    """The conflicts of every plugin but the reasoning one (read by their own hooks); None when the reasoning layer
    is not installed or not registered (every plugin's conflicts are then read together)."""
    from claimgraph import plugins

    pm = plugins.plugin_manager()
    try:
        from claimgraph.reason import conflicts as _reasoning  # noqa: F401
    except ImportError:  # the reasoning layer is optional
        return None
    if pm.get_plugin(REASON_PLUGIN) is None:
        return None
    # every other plugin's conflicts come from its own hook (they may read what they like)
    rest = pm.subset_hook_caller("claimgraph_conflicts", remove_plugins=[pm.get_plugin(REASON_PLUGIN)])
    return [c for group in rest(conn=conn) for c in group]


def reasoned(conn: Connection, claim_ids: Iterable[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the reasoning plugin's conflicts, changes over time) naming one of these claims, in whole-store order."""
    found, changes = keyed_reasoned(conn, claim_ids)
    return [r for _, r in found], [r for _, r in changes]


def keyed_reasoned(conn: Connection, claim_ids: Iterable[str]) -> tuple[list[tuple[list[str], dict[str, Any]]],
                                                                         list[tuple[list[str], dict[str, Any]]]]:
    """reasoned, each record with its order key (reason.conflicts.keyed_records)."""
    from claimgraph.linking.schema import load_schema
    from claimgraph.reason import conflicts as reasoning

    asked = set(claim_ids)
    if not asked:
        return [], []
    schema = load_schema()
    views = _narrow_views(conn, schema, reasoning, sorted(asked))
    names = _names(conn, {v.subject or "" for v in views})
    for v in views:  # as find_conflicts keeps labels readable
        names.setdefault(v.subject or "", v.subject or "")
    cite = _cites(conn, {doc for v in views for doc, _ in v.passages})
    found, changes = reasoning.keyed_records(views, names, cite, schema)
    return ([kr for kr in found if asked & set(kr[1].get("claims") or [])],
            [kr for kr in changes if asked & set(kr[1].get("claims") or [])])


# entities a step of conflicts_page reads together, and the claims a page reads at most before it answers
PAGE_ENTITIES = 50
PAGE_CLAIMS = 20_000


def conflicts_page(conn: Connection, cursor: str, limit: int,
                   most_claims: int = PAGE_CLAIMS) -> tuple[list[dict[str, Any]], str | None]:
    """A page of the store's conflicts without reading the whole store: (conflicts, the cursor of the next page,
    None after the last). Walking every page from cursor "" gives each conflict the whole-store reading gives
    exactly once (tests/test_reads_conflicts.py).

    A conflict belongs to the first entity (in id order, after merges) that is the subject of one of its
    claims; the walk reads the claims of a few entities at a time, keeps the conflicts they own (ordered by
    owner, then kind, claims and note) and stops when the page is full or `most_claims` claims were read (a page
    may then hold fewer than `limit`: the cursor goes on). The cursor "N:ENTITY" resumes at ENTITY, skipping the
    first N conflicts it owns; "*:ENTITY" resumes after ENTITY.
    """
    skip_text, _, start = cursor.partition(":")
    skip = int(skip_text) if skip_text.isdigit() else 0
    page: list[dict[str, Any]] = []
    read = 0
    heads: list[str] = []
    while True:
        # "*:ENTITY" (a page that ended on its read budget) resumes after ENTITY
        after = entities.c.id > (heads[-1] if heads else start) if heads or skip_text == "*" else \
            entities.c.id >= start
        heads = list(conn.execute(select(entities.c.id).where(entities.c.merged_into.is_(None), after)
                                  .order_by(entities.c.id).limit(PAGE_ENTITIES)).scalars())
        if not heads:
            return page, None
        owned, asked = _owned_conflicts(conn, heads)
        read += asked
        for owner in heads:
            for k, c in enumerate(owned.get(owner, [])):
                if owner == start and k < skip:
                    continue
                page.append(c)
                if len(page) >= limit:
                    return page, f"{k + 1}:{owner}"
        if read >= most_claims:
            return page, f"*:{heads[-1]}"


def _owned_conflicts(conn: Connection, heads: list[str]) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """The conflicts each of these entities (kept ones, in id order) owns, each owner's in a fixed order, and how
    many claims were asked: those whose subject is one of them or merged into one."""
    members = members_of(conn, heads)
    asked = sorted({cid for k in range(0, len(members), 500) for cid in conn.execute(
        select(claims.c.id).where(claims.c.subject_id.in_(sorted(members)[k:k + 500]))).scalars()})
    found = conflicts_and_changes(conn, asked)[0] if asked else []
    named = sorted({cid for c in found for cid in c.get("claims") or []})
    subject_of: dict[str, str] = {}
    for k in range(0, len(named), 500):
        subject_of.update(conn.execute(select(claims.c.id, claims.c.subject_id)
                                       .where(claims.c.id.in_(named[k:k + 500]))).tuples().all())
    finals = finals_of(conn, set(subject_of.values()))
    owned: dict[str, list[dict[str, Any]]] = {}
    kept = set(heads)
    for c in found:
        subjects = [finals.get(s, s) for cid in c.get("claims") or [] if (s := subject_of.get(cid))]
        if subjects and min(subjects) in kept:
            owned.setdefault(min(subjects), []).append(c)
    for group in owned.values():
        group.sort(key=lambda c: (c.get("kind") or "", [str(x) for x in c.get("claims") or []], c.get("note") or ""))
    return owned, len(asked)
