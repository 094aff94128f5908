"""Cross-document entity resolution: the same organization, person or place across documents.

Every name a document uses gets its own entity row (id from type and name); when that name is
new, it is matched against the stored entities by exact names, transliteration skeletons
(Saeed/Saeid, Mojahedin/Mujahedin), acronyms (MKO ← Mojahedin-e Khalq Organization), name cores
(long and short forms) and co-mentioned entities, and linked with `entities.merged_into`. Each
link is recorded in `entity_merges` and undone by a split, which blocks it from coming back.
"""


from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Connection,
    Select,
    and_,
    bindparam,
    literal_column,
    or_,
    select,
    union_all,
    update,
)

from claimgraph.linking.groups import (
    blocked_pairs,
    context_names,
    final_from,
    final_of,
    group_members,
    names_of,
    record_merge,
    split_aliases,
)
from claimgraph.linking.name_forms import (
    acronym_fits,
    acronyms_of,
    bare,
    is_matchable,
    persons_compatible,
    skeleton,
    tails_disagree,
    token_skeleton,
    tokens,
)
from claimgraph.linking.name_keys import add_keys, lookup_keys
from claimgraph.linking.type_names import PLACE_TYPES, is_country_name, type_safe_aliases
from claimgraph.model import Entity, stable_id
from claimgraph.plugins import hookimpl
from claimgraph.resolve.names import DOCUMENT_LOCAL, LOCAL_MARK, is_acronym, norm_name
from claimgraph.store.derived import entity_keys
from claimgraph.store.schema import aliases, entities

# the store writer's linker interface (store.writer.EntityLinker) and the names other layers read through this module
__all__ = [
    "STRONG",
    "THRESHOLD",
    "Match",
    "acronym_fits",
    "add_keys",
    "entity_row_id",
    "final_of",
    "find_matches",
    "group_members",
    "is_country_name",
    "is_matchable",
    "record_merge",
    "resolve_new_entity",
    "split_aliases",
    "type_safe_aliases",
]

# types that may share one entity across documents (a Place can turn out to be a Country); an
# organization, a person and a place never share one, whatever their names
COMPATIBLE_TYPES = {"Place": {"Place", "Country"}, "Country": {"Country", "Place"}}
# a merge needs at least this score; a second group joins the first only from STRONG up
THRESHOLD = 0.75
STRONG = 0.85
# base scores by kind of name match (context adds up to CONTEXT_MAX)
SCORES = {"exact": 0.95, "skel": 0.85, "bare": 0.8, "bag": 0.8, "acro": 0.6, "core": 0.55, "surname": 0.5}
CONTEXT_STEP = 0.1
CONTEXT_MAX = 0.3
SAME_DOCUMENT = 0.2  # the document also uses a longer or shorter form of the same name
ONLY_CANDIDATE = 0.2  # an acronym or name form that fits one stored entity and no other

# the stored names a new name's normalised forms find, and the stored keys its (kind, key) pairs find, read in one
# statement (part 0, then part 1) with each row's merged_into, so a row that stands for itself costs no final_of
# query; built once per number of pairs (see claimgraph.linking.groups)
_BY_NORM = select(literal_column("0").label("part"), aliases.c.entity_id, aliases.c.alias.label("name"),
                  literal_column("''").label("kind"), entities.c.type, entities.c.attrs, entities.c.merged_into) \
    .join(entities, entities.c.id == aliases.c.entity_id).where(aliases.c.norm.in_(bindparam("norms", expanding=True)))


@lru_cache(maxsize=128)
def _lookup(n: int) -> Select[Any] | CompoundSelect[Any]:
    """Stored names matching the norms, then stored entities any of n (kind, key) pairs find (parameters norms,
    k0, v0, k1, v1, ...): one statement per n."""
    if not n:
        return _BY_NORM
    by_keys = select(literal_column("1").label("part"), entity_keys.c.entity_id, entity_keys.c.key, entity_keys.c.kind,
                     entities.c.type, entities.c.attrs, entities.c.merged_into) \
        .join(entities, entities.c.id == entity_keys.c.entity_id) \
        .where(or_(*(and_(entity_keys.c.kind == bindparam(f"k{i}"), entity_keys.c.key == bindparam(f"v{i}"))
                     for i in range(n))))
    return union_all(_BY_NORM, by_keys)


@dataclass
class Match:
    """A stored entity group a new name may belong to, and why."""

    group: str
    score: float
    reasons: list[str] = field(default_factory=list)
    by_name: bool = False  # matched through a full name (not only an acronym or a name core)


def types_for(type_: str) -> set[str]:
    """Entity types a name of this type may be matched with."""
    return COMPATIBLE_TYPES.get(type_, {type_})


def _acronym_taken(own_long: list[str], own_names: set[str], group_names: set[str]) -> bool:
    """True when the acronym linking two names already belongs to a different long name on one side."""
    own_acros = {n.replace(".", "").lower() for n in own_names if is_acronym(n)}
    for n in own_long:
        own_acros |= acronyms_of(n)
    group_long = [n for n in group_names if not is_acronym(n) and len(tokens(n)) >= 2]
    group_acros = {n.replace(".", "").lower() for n in group_names if is_acronym(n)}
    for n in group_long:
        group_acros |= acronyms_of(n)
    shared = own_acros & group_acros
    if not shared or not own_long or not group_long:
        return False
    own_keys = {bare(n) or skeleton(n) for n in own_long}
    own_keys |= {bare(r) or skeleton(r) for n in own_long for r in [_without_demonym(n, own_names)] if r}
    return any(acronyms_of(n) & shared and (bare(n) or skeleton(n)) not in own_keys for n in group_long)


def _without_demonym(name: str, names: set[str]) -> str | None:
    """A long name without a leading nationality word when the entity's own acronym leaves it out ('Iranian
    Mujahedin-e Khalq Organization (MKO)': the acronym names 'Mujahedin-e Khalq Organization', 'Iranian' describes)."""
    from claimgraph.extract.entity_gazetteer import demonym_country

    first, _, rest = name.partition(" ")
    if not rest or demonym_country(first.split("-")[-1]) is None or len(tokens(rest)) < 2:
        return None
    acros = [n for n in names if is_acronym(n)]
    # the acronym starts after the nationality word: 'Iranian' is no part of the name it abbreviates
    return rest if any(acronym_fits(a, rest) and a[0].lower() != first[0].lower() for a in acros) else None


def _spelled_apart_here(names: set[str], group_names: set[str], context: set[str]) -> bool:
    """True when the group's name that our short name spells like ('Koach' for 'Kach') is also in this document,
    for another of its entities: the text itself keeps the two spellings apart."""
    own = {norm_name(n) for n in names}
    # only short one-word names: two spellings of a long name in one text ('Zabihullah', 'Zabihillah') are one
    # person the in-document step failed to join
    ours = {skeleton(n) for n in names if not is_acronym(n) and len(tokens(n)) == 1 and len(skeleton(n)) <= 4}
    return bool(ours) and any(norm_name(g) in context and norm_name(g) not in own and skeleton(g) in ours
                              for g in group_names if not is_acronym(g))


def _short_and_long_here(names: set[str], group_names: set[str], context: set[str]) -> str | None:
    """A name of the group this document also uses, of which one of our names is the short or long form."""
    named = sorted(g for g in group_names if is_matchable(g) and norm_name(g) in context)
    return named[0] if named and _short_and_long(names, group_names) else None


def _short_and_long(names: set[str], group_names: set[str]) -> str | None:
    """A name of the group of which one of our names is the short or the long form (Red Dawn Front ⊂ ... of Varnia)."""
    mine = [set(token_skeleton(t) for t in tokens(n)) for n in names if not is_acronym(n)]
    for g in sorted(group_names):
        theirs = set(token_skeleton(t) for t in tokens(g))
        if not is_acronym(g) and any(len(a) >= 2 and len(theirs) >= 2 and (a < theirs or theirs < a) for a in mine):
            return g
    return None


def _only_candidate_bonus(conn: Connection, names: set[str], found: dict[str, Match]) -> None:
    """An acronym, or a short or long form, that fits exactly one stored entity (and no other) is most likely it."""
    weak = [m for m in found.values() if 0 < m.score < THRESHOLD and not m.by_name]
    if len(weak) != 1 or any(m.score >= THRESHOLD for m in found.values()):
        return
    m = weak[0]
    group_names = names_of(conn, group_members(conn, m.group))
    if any(r.startswith("acro") for r in m.reasons) or _short_and_long(names, group_names):
        m.score = min(1.0, m.score + ONLY_CANDIDATE)
        m.reasons.append("the only stored entity these initials or this name form fit")


def find_matches(conn: Connection, entity: Entity, context: set[str] | None = None,
                 exclude: str | None = None) -> list[Match]:
    """Stored entity groups this entity's names match, best first, each scored 0..1 with reasons."""
    names = {n for n in type_safe_aliases(entity.name, entity.type, entity.aliases | {entity.name}) if is_matchable(n)}
    if not names or document_of(entity):
        return []
    allowed = types_for(entity.type)
    found: dict[str, Match] = {}
    exact_groups: set[str] = set()

    def note(entity_id: str, etype: str, merged_into: str | None, kind: str, why: str, acronym: bool = False,
             attrs: dict[str, Any] | None = None) -> None:
        if etype not in allowed or entity_id == exclude or (attrs or {}).get(LOCAL_MARK):
            return  # another document's description ('gunmen') is no entity to join
        if etype != entity.type and kind != "exact":
            # a town and a country meet only by the same name: their spelling skeletons often agree
            # (Colombo, Colombia) where the places are continents apart
            return
        group = final_from(conn, entity_id, merged_into)
        if group == exclude:
            return
        if kind == "exact":
            exact_groups.add(group)
        m = found.setdefault(group, Match(group, 0.0))
        if SCORES[kind] > m.score:
            m.score = SCORES[kind]
        m.by_name = m.by_name or (kind in ("exact", "skel", "bare") and not acronym)
        m.reasons.append(why)

    norms = sorted({norm_name(n) for n in names})
    wanted: dict[tuple[str, str], str] = {}
    for n in sorted(names):  # a key two names give keeps the first's score: the same first in every process
        for kind, key, score_kind in lookup_keys(n, entity.type):
            wanted.setdefault((kind, key), score_kind)
    params: dict[str, Any] = {f"{side}{i}": value for i, pair in enumerate(wanted)
                              for side, value in zip("kv", pair, strict=True)}
    params["norms"] = norms
    # the names first, then the keys (a stable sort keeps each part's own order), as when they were two queries
    for row in sorted(conn.execute(_lookup(len(wanted)), params), key=lambda r: r.part):
        attrs = row.attrs if isinstance(row.attrs, dict) else None
        if row.part == 0:
            if is_matchable(row.name):
                # one shared word of a person's name (Rajavi, Massoud) is weak: many people share it
                weak = entity.type == "Person" and len(tokens(row.name)) < 2
                note(row.entity_id, row.type, row.merged_into, "surname" if weak else "exact",
                     f"same name {row.name!r}", acronym=is_acronym(row.name), attrs=attrs)
            continue
        score_kind = wanted[(row.kind, row.name)]
        note(row.entity_id, row.type, row.merged_into, score_kind, f"{score_kind} key {row.name!r}", attrs=attrs)
    if entity.type in PLACE_TYPES and exact_groups:
        # a place whose very name is stored is that place: a spelling skeleton is only the fallback for a name
        # seen nowhere yet, so it never pulls a second place (Colombo and Colombia share one) into the group
        found = {g: m for g, m in found.items() if g in exact_groups}
    if not found:
        return []
    own_long = [n for n in names if not is_acronym(n) and len(tokens(n)) >= 2]
    for m in found.values():
        members = group_members(conn, m.group)
        if not m.by_name and entity.type != "Person" and \
                _acronym_taken(own_long, names, names_of(conn, members)):
            m.score = 0.0
            m.reasons.append("the acronym stands for another long name")
            continue
        if not m.by_name and entity.type != "Person" and tails_disagree(names, names_of(conn, members)):
            m.score = 0.0
            m.reasons.append("the names end in different 'of ...' parts")
            continue
        if entity.type == "Person" and not persons_compatible(names, names_of(conn, members)):
            m.score = 0.0
            m.reasons.append("different person (full names disagree)")
            continue
        if context and m.group not in exact_groups and _spelled_apart_here(names, names_of(conn, members), context):
            m.score = 0.0
            m.reasons.append("this document writes the other spelling for another entity")
            continue
        if context and m.score < STRONG:
            shared = len(context_names(conn, members) & context)
            if shared:
                m.score = min(1.0, m.score + min(CONTEXT_MAX, CONTEXT_STEP * shared))
                m.reasons.append(f"{shared} shared co-mentioned names")
            if entity.type != "Person":
                here = _short_and_long_here(names, names_of(conn, members), context)
                if here:
                    m.score = min(1.0, m.score + SAME_DOCUMENT)
                    m.reasons.append(f"this document also names it {here!r}")
    if entity.type != "Person":
        _only_candidate_bonus(conn, names, found)
    if entity.type == "Person" and not any(len(tokens(n)) >= 2 for n in names):
        # a bare surname or one-word name belongs to someone only when exactly one stored person has it
        live = [m for m in found.values() if m.score > 0]
        if len(live) > 1:
            for m in live:
                m.score = 0.0
    return sorted((m for m in found.values() if m.score > 0), key=lambda m: (-m.score, m.group))


def resolve_new_entity(conn: Connection, entity: Entity, entity_id: str, context: set[str] | None,
                       when: str) -> str | None:
    """Link a newly stored entity row to the stored group its names match; returns that group or None.

    A second matched group is joined to the first when the new names link them strongly
    (the document says PMOI and MEK are one), unless a reviewer split them apart before.
    """
    if document_of(entity):
        return None  # a description is its document's own: it joins nothing, and nothing joins it (find_matches)
    own = {norm_name(n) for n in entity.aliases | {entity.name}}
    # a group a reviewer split one of these names away from is not this entity's, however well it matches
    matches = [m for m in find_matches(conn, entity, context, exclude=entity_id)
               if m.score >= THRESHOLD and not split_aliases(conn, m.group) & own]
    if not matches:
        return None
    best = matches[0]
    conn.execute(update(entities).where(entities.c.id == entity_id).values(merged_into=best.group))
    record_merge(conn, "auto", best.group, entity_id, entity.name, best.score, "; ".join(best.reasons[:4]),
                 None, when)
    others = [m for m in matches[1:] if m.score >= STRONG]
    if others:
        blocked = blocked_pairs(conn, {best.group, *(m.group for m in others)})
        best_names = names_of(conn, group_members(conn, best.group))
        for m in others:
            if frozenset((best.group, m.group)) in blocked:
                continue
            if entity.type == "Person" and not persons_compatible(
                    best_names, names_of(conn, group_members(conn, m.group))):
                continue
            conn.execute(update(entities).where(entities.c.id == m.group).values(merged_into=best.group))
            record_merge(conn, "auto", best.group, m.group, entity.name, m.score,
                         f"linked through {entity.name!r}: " + "; ".join(m.reasons[:3]), None, when)
    return best.group


def entity_row_id(entity: Entity) -> str:
    """The stored id of the row for this entity's own name; a description ('gunmen', 'the attackers') that the
    analysis kept to its document gets a row of that document's own."""
    local = document_of(entity)
    if local:
        return stable_id("e", entity.type, norm_name(entity.name), local)
    return stable_id("e", entity.type, norm_name(entity.name))


def document_of(entity: Entity) -> str | None:
    """The document an entity is kept to (a description, not a name), or None for a name."""
    value = entity.attrs.get(DOCUMENT_LOCAL)
    return str(value) if value else None


@hookimpl
def claimgraph_entity_linker() -> ModuleType:
    """This module is the store writer's cross-document linker (see claimgraph.store.writer.EntityLinker)."""
    return sys.modules[__name__]

