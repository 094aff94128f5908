"""Alias resolution: the alias table, acronyms and 'Long Name (ABC)' merge names of one entity.

The built-in table is resolve/data/aliases.tsv (canonical, alias, type); the setting
extract.alias_table names an extra TSV file of the same shape that is merged with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from claimgraph.core.lexicon import word_list, words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import country_of, demonym_country
from claimgraph.plugins import hookimpl
from claimgraph.resolve.names import fold, is_acronym, norm_name

BUILTIN_TABLE = Path(__file__).with_name("data") / "aliases.tsv"

# words an acronym may add without them being spelled out: MKO = Mojahedin-e Khalq (Organization)
GENERIC_ORG_WORDS = word_list("entity_generic_org_words")
# words an acronym may skip (particles of transliterated names, prepositions, articles)
SKIPPABLE_WORDS = words("entity_skippable_words")
# head nouns of bodies named either 'Ministry of X' or 'X Ministry'
GENERIC_ORG_HEADS = words("entity_body_heads")
# articles of other languages that open a name ('al Shabaab'): the name without one is the same body's
NAME_ARTICLES = words("entity_foreign_articles")
_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2013/]+")


@dataclass
class AliasTable:
    """Names that stand for one entity, by matching key (norm_name)."""

    canonical: dict[str, str] = field(default_factory=dict)  # norm of any form → canonical name
    types: dict[str, str] = field(default_factory=dict)  # canonical name → type
    forms: dict[str, set[str]] = field(default_factory=dict)  # canonical name → every form as written

    def add(self, canonical: str, alias: str, type_: str) -> None:
        """Record that `alias` names the entity `canonical` of type `type_`."""
        canonical, alias = canonical.strip(), alias.strip()
        self.types[canonical] = type_.strip() or self.types.get(canonical, "Organization")
        for form in (canonical, alias):
            self.canonical[norm_name(form)] = canonical
            self.forms.setdefault(canonical, set()).add(form)

    def lookup(self, name: str) -> tuple[str, str] | None:
        """(canonical name, type) of a name the table knows, or None."""
        canonical = self.canonical.get(norm_name(name))
        return (canonical, self.types[canonical]) if canonical else None

    def form_pattern(self, ignore_case: bool = False) -> re.Pattern[str] | None:
        """One regex that finds every form of the table in a text (see the table's header for case rules;
        `ignore_case` for texts written without capitals)."""
        alternatives = []
        for canonical in sorted(self.forms):
            for form in sorted(self.forms[canonical], key=len, reverse=True):
                alternatives.append(_form_regex(form))
        if not alternatives:
            return None
        alternatives.sort(key=len, reverse=True)
        return re.compile(r"(?<![\w\-])(?:" + "|".join(alternatives) + r")(?![\w\-])", re.I if ignore_case else 0)


def _form_regex(form: str) -> str:
    """Regex for one table form: flexible spaces, hyphens and quotes; case as written or all capitals."""
    words = [w for w in _WORD_SPLIT.split(form) if w]

    def word_regex(word: str, upper: bool) -> str:
        text = word.upper() if upper else word
        out = []
        for i, ch in enumerate(text):
            if ch in "'\u2019\u02bc":
                out.append("['\u2019\u02bc]")
            elif i == 0 and ch.islower():  # 'the West' also matches 'The West'
                out.append(f"[{ch}{ch.upper()}]")
            else:
                out.append(re.escape(ch))
        return "".join(out)

    joiner = r"[\s\-\u2010\u2011]+"
    variants = {joiner.join(word_regex(w, False) for w in words), joiner.join(word_regex(w, True) for w in words)}
    return "|".join(sorted(variants, key=len, reverse=True))


def read_table(path: Path, table: AliasTable) -> None:
    """Add the rows of one TSV alias file (canonical, alias, type; '#' starts a comment line)."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise ValueError(f"{path}:{n}: expected 'canonical<TAB>alias<TAB>type'")
        table.add(cols[0], cols[1], cols[2] if len(cols) > 2 else "")


@lru_cache(maxsize=8)
def load_alias_table(extra: str = "") -> AliasTable:
    """The built-in alias table merged with the user's extract.alias_table file (if set)."""
    table = AliasTable()
    read_table(BUILTIN_TABLE, table)
    if extra:
        path = Path(extra).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"extract.alias_table: file not found: {path}")
        read_table(path, table)
    return table


@lru_cache(maxsize=8)
def table_pattern(extra: str = "", ignore_case: bool = False) -> re.Pattern[str] | None:
    """The compiled form-finding regex of a table (compiled once per process and setting)."""
    return load_alias_table(extra).form_pattern(ignore_case)


# ------------------------------------------------------------------ acronyms
def _name_words(name: str) -> list[str]:
    """Words of a name for initials: split on spaces and hyphens, possessives and dots dropped."""
    folded = re.sub(r"['\u2019]s\b", "", fold(name))
    return [w.strip(".,'\"()") for w in _WORD_SPLIT.split(folded) if w.strip(".,'\"()")]


def acronym_candidates(name: str) -> set[str]:
    """Initialisms a long name may go by: all words, content words only, with or without a generic
    word (Organization, Party, ...) added, and without a trailing 'of <Place>'."""
    return exact_initials(name) | _with_generic(name)


def exact_initials(name: str) -> set[str]:
    """The initialisms that spell a long name's own words (no generic word added)."""
    return {a for a in _initials(name) if not a.endswith("+")}


def _with_generic(name: str) -> set[str]:
    return {a[:-1] for a in _initials(name) if a.endswith("+")}


def _initials(name: str) -> set[str]:
    """Initialisms of a name; those that add a generic word's letter end with '+'."""
    words = _name_words(name)
    if len(words) < 2:
        return set()
    variants = [words]
    lowered = [w.lower() for w in words]
    if "of" in lowered[1:]:  # 'Mojahedin-e Khalq of Iran' also goes by the initials of 'Mojahedin-e Khalq'
        variants.append(words[: lowered.index("of", 1)])
    out: set[str] = set()
    for ws in variants:
        full = "".join(w[0] for w in ws).upper()
        content = "".join(w[0] for w in ws if w.lower() not in SKIPPABLE_WORDS).upper()
        for initials in {full, content}:
            if len(initials) < 2 and len(ws) < 2:
                continue
            out.add(initials)
            ends_generic = ws[-1] in GENERIC_ORG_WORDS
            if not ends_generic:
                out.update(initials + g[0] + "+" for g in GENERIC_ORG_WORDS)
    return {a for a in out if len(a.rstrip("+")) >= 2}


def acronym_matches(acronym: str, name: str) -> bool:
    """True when `acronym` (MKO, PMOI, U.S.) can stand for the long `name`."""
    if not is_acronym(acronym) or is_acronym(name):
        return False
    return acronym.replace(".", "").upper() in acronym_candidates(name)


# ------------------------------------------------------------------ the stage
class ResolveAliases:
    """Merge local entities that the alias table, an acronym or a 'Long Name (ABC)' says are one."""

    name = "resolve.aliases"
    requires = ("entities", "aliases")
    provides = ("aliases",)

    def run(self, ctx: DocContext) -> None:
        """Merge by table, then parentheticals recorded by the recognizer, then acronyms."""
        table = load_alias_table(ctx.settings.extract.alias_table)
        roots = [k for k in ctx.analysis.entities if ctx.find(k) == k]
        by_canonical: dict[str, str] = {}
        for key in roots:
            ent = ctx.entity(key)
            for form in sorted(ent.aliases | {ent.name}):
                hit = table.lookup(form)
                if hit is None or not _compatible(ent.type, hit[1]):
                    continue
                if hit[0] in by_canonical:
                    ctx.merge(by_canonical[hit[0]], key)
                else:
                    by_canonical[hit[0]] = ctx.find(key)
                break
        for long_key, short_key in ctx.parenthetical_aliases:
            if _compatible(ctx.entity(long_key).type, ctx.entity(short_key).type):
                ctx.merge(long_key, short_key)
        self._acronyms(ctx)
        self._plurals(ctx)
        for m in ctx.analysis.mentions:  # a merged name takes its entity's type ('Savak' was read as a place)
            if m.source not in ("norp", "demonym"):
                m.type = ctx.entity(m.entity_key).type

    @staticmethod
    def _plurals(ctx: DocContext) -> None:
        """'Neocon' and 'Neocons' in one document: one group (people's names are left alone)."""
        by_norm: dict[str, str] = {}
        for key in [k for k in ctx.analysis.entities if ctx.find(k) == k]:
            ent = ctx.entity(key)
            if ent.type not in ("Person",) and not is_acronym(ent.name):
                for form in sorted(ent.aliases | {ent.name}):  # 'Revolutionary Guards' may be an alias of a table name
                    if not is_acronym(form):
                        by_norm.setdefault(norm_name(form), key)
        for norm, key in list(by_norm.items()):
            if len(norm) > 3 and norm.endswith("s") and norm[:-1] in by_norm:
                other = by_norm[norm[:-1]]
                if ctx.find(other) != ctx.find(key) and _compatible(ctx.entity(other).type, ctx.entity(key).type):
                    ctx.merge(other, key)
        # 'al Shabaab' and 'Shabaab', 'al-Qaida' and 'Qaida': a body's name with and without its article
        by_bare: dict[str, str] = {}
        for norm, key in sorted(by_norm.items()):
            if ctx.entity(key).type not in ("Organization", "Group") or ctx.entity(key).attrs.get("nationality"):
                continue
            first, _, rest = norm.partition(" ")
            bare = rest if rest and first in NAME_ARTICLES else norm
            other = by_bare.setdefault(bare, key)
            if ctx.find(other) != ctx.find(key):
                ctx.merge(other, key)
        # 'Ministry of Interior' and 'Interior Ministry': one body named in two word orders
        by_order: dict[tuple[str, str], str] = {}
        for norm, key in by_norm.items():
            if ctx.entity(key).type != "Organization":
                continue
            for order in _word_orders(norm.split()):
                other = by_order.setdefault(order, key)
                if ctx.find(other) != ctx.find(key):
                    ctx.merge(other, key)

    def _acronyms(self, ctx: DocContext) -> None:
        roots = [k for k in ctx.analysis.entities if ctx.find(k) == k]
        acronyms = [k for k in roots if is_acronym(ctx.entity(k).name)]
        if not acronyms:
            return
        # index long names by every initialism they may go by: linear in the number of entities
        by_initials: dict[str, set[str]] = {}
        # a name whose own words spell the acronym ('SRM', 'Sazman-e Rahai-ye Mardom') outranks one that needs a
        # generic word added ('Shah's regime' + Movement)
        by_exact: dict[str, set[str]] = {}
        for key in roots:
            ent = ctx.entity(key)
            if ent.type in ("Person", "Event") or is_acronym(ent.name):
                continue
            for form in ent.aliases | {ent.name}:
                for initials in acronym_candidates(form):
                    by_initials.setdefault(initials, set()).add(key)
                for initials in exact_initials(form):
                    by_exact.setdefault(initials, set()).add(key)
        # a name translated from the acronym's language keeps its initials in another order ('FARC', 'Revolutionary
        # Armed Forces of Colombia'): a fallback for acronyms of three letters or more that fit no name in order
        by_letters: dict[str, set[str]] = {}
        for initials, keys in by_initials.items():
            if len(initials) >= 3:
                by_letters.setdefault("".join(sorted(initials)), set()).update(keys)
        for key in acronyms:
            ent = ctx.entity(key)
            letters = ent.name.replace(".", "").upper()
            for index, probe in ((by_initials, letters), (by_letters, "".join(sorted(letters)))):
                if index is by_letters and len(letters) < 3:
                    break
                owners = {ctx.find(k) for k in index.get(probe, set())}
                owners.discard(ctx.find(key))
                owners = {k for k in owners if _compatible(ctx.entity(k).type, ent.type)}
                if index is by_initials and len(owners) > 1:
                    exact = {ctx.find(k) for k in by_exact.get(probe, set())} & owners
                    owners = exact if len(exact) == 1 else owners
                if index is by_letters:  # reordered letters count only where the text sets the names side by side
                    owners = {k for k in owners if _side_by_side(ctx, key, k)}
                if len(owners) == 1:  # two long names with the same initials: leave the acronym alone
                    ctx.merge(owners.pop(), key)
                    break
                if owners:
                    break


def _side_by_side(ctx: DocContext, a: str, b: str, reach: int = 12) -> bool:
    """True when a mention of entity a and one of entity b are at most `reach` characters apart ('FARC, or the')."""
    spans: dict[str, list[tuple[int, int]]] = {ctx.find(a): [], ctx.find(b): []}
    for m in ctx.analysis.mentions:
        spans.get(ctx.find(m.entity_key), []).append((m.start, m.end))
    return any(-reach <= s2 - e1 <= reach or -reach <= s1 - e2 <= reach
               for s1, e1 in spans[ctx.find(a)] for s2, e2 in spans[ctx.find(b)])


def _word_orders(words: list[str]) -> list[tuple[str, str]]:
    """(head, subject) keys of a body's name in either order: 'Iraq's Ministry of Interior' and 'Interior
    Ministry' both give ('ministry', 'interior'); an owner before the name ('Iraq') may be left out."""
    if "of" in words[1:-1]:
        at = words.index("of", 1)
        if words[at - 1] in GENERIC_ORG_HEADS:
            return [(words[at - 1], " ".join(words[at + 1:]))]
        return []
    if len(words) >= 2 and words[-1] in GENERIC_ORG_HEADS:
        keys = [(words[-1], " ".join(words[:-1]))]
        if len(words) >= 3 and (country_of(words[0].title()) or demonym_country(words[0].title())):
            keys.append((words[-1], " ".join(words[1:-1])))  # 'Iraqi Interior Ministry'; not 'Home Affairs
        return keys
    return []


def _compatible(a: str, b: str) -> bool:
    """Types that may name one thing (an acronym's type is a guess; places and countries overlap)."""
    if a == b:
        return True
    pairs = {frozenset(("Organization", "Group")), frozenset(("Place", "Country"))}
    return frozenset((a, b)) in pairs


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [ResolveAliases()]
