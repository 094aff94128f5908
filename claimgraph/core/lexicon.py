"""Word families as data: one file a family under core/lexicons/, loaded once and shared by every module.

A `.txt` lexicon holds one entry a line (a line starting with ``#`` and text after `` #`` are comments; blank lines
are skipped); entries keep their
case as written, callers fold case when they compare. A `.tsv` lexicon holds tab-separated rows; the first row
names the columns. Patterns for spaCy's ``Matcher``/``DependencyMatcher`` live beside them as `.jsonl`.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).with_name("lexicons")


class LexiconMissing(LookupError):
    """No lexicon file of that family name exists."""


def _path(family: str, suffix: str) -> Path:
    path = LEXICON_DIR / f"{family}{suffix}"
    if not path.exists():
        raise LexiconMissing(f"no lexicon {family!r} ({path})")
    return path


@cache
def words(family: str) -> frozenset[str]:
    """The entries of the `.txt` lexicon `family` as a frozen set."""
    return frozenset(word_list(family))


@cache
def word_list(family: str) -> tuple[str, ...]:
    """The entries of the `.txt` lexicon `family` in file order (for lists whose order matters)."""
    out: list[str] = []
    for line in _path(family, ".txt").read_text(encoding="utf-8").splitlines():
        entry = "" if line.lstrip().startswith("#") else line.split(" #", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@cache
def rows(family: str) -> tuple[dict[str, str], ...]:
    """The rows of the `.tsv` lexicon `family`, keyed by its header; ``#`` lines are comments."""
    with _path(family, ".tsv").open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))


def mapping(family: str, key: str | None = None, value: str | None = None) -> dict[str, str]:
    """A two-column `.tsv` lexicon as a dict (first column to second unless named)."""
    table = rows(family)
    if not table:
        return {}
    cols = list(table[0])
    k, v = key or cols[0], value or cols[1]
    return {row[k]: row[v] for row in table}


@cache
def patterns(family: str) -> tuple[dict[str, Any], ...]:
    """The objects of the `.jsonl` pattern file `family` (one spaCy pattern record a line)."""
    text = _path(family, ".jsonl").read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("//"))


@cache
def alternation(family: str) -> str:
    """The `.txt` lexicon `family` as a regex alternation, longest entry first, a space matching any run of spaces."""
    # longest first so that "car bomb" wins over "car"; no group, so callers wrap it as their pattern needs
    ordered = sorted(word_list(family), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def families() -> list[str]:
    """Every lexicon and pattern family shipped (file stem), for the test that each one is used."""
    return sorted({p.stem for p in LEXICON_DIR.iterdir() if p.suffix in {".txt", ".tsv", ".jsonl"}})
