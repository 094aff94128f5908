"""The stored key index of entity names (`entity_keys`): the keys stored for each name, and those looked up for a
new one (skeleton, word bag of a place, acronym, bare name without designators, name core, surname)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from claimgraph.linking.name_forms import acronyms_of, bare, core, is_matchable, skeleton, token_skeleton, tokens
from claimgraph.linking.type_names import PLACE_TYPES
from claimgraph.resolve.names import is_acronym
from claimgraph.store.derived import entity_keys

# an entity row's stored keys, and a new one (built once: see claimgraph.linking.groups)
_KEYS_OF = select(entity_keys.c.kind, entity_keys.c.key).where(entity_keys.c.entity_id == bindparam("id"))
_ADD_KEY = insert(entity_keys)
# where the dialect has it, a key the row already has is skipped by the unique constraint (uq_entity_key) in the
# insert itself: one statement a call, not a read of the row's keys and an insert
_ADD_NEW_KEY: dict[str, Any] = {
    "sqlite": sqlite.insert(entity_keys).on_conflict_do_nothing(index_elements=["entity_id", "kind", "key"]),
    "postgresql": postgresql.insert(entity_keys).on_conflict_do_nothing(index_elements=["entity_id", "kind", "key"]),
}


def name_keys(name: str, type_: str) -> set[tuple[str, str]]:
    """(kind, key) pairs stored for one name of an entity, looked up when later names arrive."""
    if not is_matchable(name):
        return set()
    out: set[tuple[str, str]] = set()
    words = tokens(name)
    if is_acronym(name):
        return {("acro", name.replace(".", "").lower())}
    skel = skeleton(name)
    if type_ == "Person":
        if len(words) >= 2:
            out.add(("skel", skel))
            out.add(("surname", token_skeleton(words[-1])))
        return out
    if len(skel.replace(" ", "")) >= 3:
        out.add(("skel", skel))
    bag = place_bag(name, type_)
    if bag:
        out.add(("bag", bag))
    out |= {("acro_of", a) for a in acronyms_of(name)}
    b = bare(name)
    if b:
        out.add(("bare", b))
    c = core(name)
    if c and c != skel:
        out.add(("core", c))
    return out


def lookup_keys(name: str, type_: str) -> list[tuple[str, str, str]]:
    """(stored kind, key, score kind) pairs to look up for a new name."""
    if not is_matchable(name):
        return []
    if is_acronym(name):
        return [("acro_of", name.replace(".", "").lower(), "acro")]
    words = tokens(name)
    skel = skeleton(name)
    if type_ == "Person":
        if len(words) >= 2:
            return [("skel", skel, "skel")]
        return [("surname", token_skeleton(words[0]), "surname")] if words else []
    out = [("skel", skel, "skel")] if len(skel.replace(" ", "")) >= 3 else []
    bag = place_bag(name, type_)
    if bag:
        out.append(("bag", bag, "bag"))
    out += [("acro", a, "acro") for a in acronyms_of(name)]
    b = bare(name)
    if b:
        out.append(("bare", b, "bare"))
    c = core(name)
    if c:
        out += [("core", c, "core"), ("skel", c, "core")]
    return out


def place_bag(name: str, type_: str) -> str | None:
    """A place's name words in any order ('Liberty Camp' and 'Camp Liberty' are one camp); None for other types."""
    if type_ not in PLACE_TYPES:
        return None
    words = sorted(token_skeleton(t) for t in tokens(name))
    return " ".join(words) if len(words) >= 2 else None


def add_keys(conn: Connection, entity_id: str, names: set[str], type_: str) -> None:
    """Store the matching keys of an entity row's names (idempotent)."""
    wanted = set()
    for n in names:
        wanted |= name_keys(n, type_)
    if not wanted:
        return
    add = _ADD_NEW_KEY.get(conn.dialect.name)
    if add is not None:
        conn.execute(add, [{"entity_id": entity_id, "kind": k, "key": v} for k, v in sorted(wanted)])
        return
    have = {(r.kind, r.key) for r in conn.execute(_KEYS_OF, {"id": entity_id})}
    new = sorted(wanted - have)
    if new:
        conn.execute(_ADD_KEY, [{"entity_id": entity_id, "kind": k, "key": v} for k, v in new])

