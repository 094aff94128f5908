"""Transliteration variants of a place name, from the rewrite rules in lexicons/geo_variant_rules.tsv.

The rules describe how English texts respell Arabic, Persian, Pashto and Urdu names (vowels, doubled
letters, j/dj/zh, kh/h, q/k/g, w/v/ou, endings, articles, hyphens). The benchmark builds test
spellings with them; `variants` lists the spellings one or two rewrites away from a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimgraph.core.lexicon import rows

Rule = tuple[str, re.Pattern[str], str]  # family, pattern, replacement


@lru_cache(maxsize=1)
def variant_rules() -> tuple[Rule, ...]:
    """The rewrite rules, each with its family name."""
    return tuple((r["family"], re.compile(r["pattern"]), r.get("replacement") or "")
                 for r in rows("geo_variant_rules"))


def apply_rule(name: str, rule: Rule) -> str:
    """The name with the rule's first match rewritten (unchanged when it does not apply)."""
    return rule[1].sub(rule[2], name, count=1)


def variants(name: str, families: tuple[str, ...] | None = None) -> dict[str, str]:
    """Spellings one rewrite away from a lower-case name, each with the family of its rule."""
    out: dict[str, str] = {}
    for rule in variant_rules():
        if families is not None and rule[0] not in families:
            continue
        new = apply_rule(name, rule)
        if new != name and new not in out:
            out[new] = rule[0]
    return out
