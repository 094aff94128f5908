"""Benchmark: building the machine's gazetteer file once, reading it, and place look-ups per second.

    .venv/bin/python benchmarks/bench_geo.py [--min-population 1000] [--lookups 20000] [--cache DIR]

Times (1) the one-time build of the gazetteer file (towns, divisions, countries and names) into a
fresh cache folder, (2) reading the file into the in-memory index (what a new process does), and (3) look-ups of
distinct names: real names from the gazetteer respelled the way transliterations vary (vowels,
doubled letters, q/k, the Arabic article), plus names that match nothing. Every look-up misses the
result cache. Targets: build <= 30 s, read <= 5 s, >= 5,000 look-ups/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter

from claimgraph.geo import cache
from claimgraph.geo.gazetteer import Gazetteer
from claimgraph.geo.resolve import DocPlaces, resolve_place

TARGET_LOAD_S = 30.0
TARGET_READ_S = 5.0
TARGET_LOOKUPS = 5000.0
_SWAPS = (("e", "i"), ("i", "e"), ("o", "u"), ("u", "o"), ("q", "k"), ("k", "q"), ("ll", "l"), ("ss", "s"),
          ("iyah", "ieh"), ("iya", "ia"), ("w", "v"), ("kh", "h"))


def respell(name: str, rng: random.Random) -> str:
    """One transliteration-style variant of a name."""
    out = name
    for a, b in rng.sample(_SWAPS, 3):
        if a in out:
            out = out.replace(a, b, 1)
    if rng.random() < 0.2:
        out = "al-" + out
    return out


def queries(gaz: Gazetteer, n: int, seed: int = 7) -> list[str]:
    """n distinct query names: respelled real names, a tenth of them nonsense."""
    rng = random.Random(seed)
    names = sorted({p.name for p in gaz.places.values() if p.kind == "city" and p.name.isascii()})
    out: set[str] = set()
    while len(out) < n:
        if rng.random() < 0.1:
            out.add("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(rng.randint(5, 9))).title())
        else:
            out.add(respell(rng.choice(names), rng))
    return sorted(out)


def main() -> int:
    """Run the benchmark and print the figures against the targets."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-population", type=int, default=1000)
    ap.add_argument("--lookups", type=int, default=20000)
    ap.add_argument("--cache", default=None, help="cache folder to build into (default: a temporary one)")
    args = ap.parse_args()
    folder = args.cache or tempfile.mkdtemp(prefix="bench-geo-")
    report = cache.build(args.min_population, folder, force=True)
    print(f"build     {report.places:,} places in {report.seconds:.1f} s, "
          f"{report.path.stat().st_size / 1e6:.1f} MB (target <= {TARGET_LOAD_S:.0f} s)")
    started = time.perf_counter()
    gaz = cache.load(args.min_population, folder)
    read_s = time.perf_counter() - started
    print(f"read      in-memory index from the file in {read_s:.1f} s (target <= {TARGET_READ_S:.0f} s)")

    names = queries(gaz, args.lookups)
    started = time.perf_counter()
    hits = sum(1 for name in names if gaz.lookup(name))
    elapsed = time.perf_counter() - started
    rate = len(names) / elapsed
    print(f"lookup    {len(names):,} distinct names in {elapsed:.2f} s: {rate:,.0f}/s "
          f"({hits / len(names):.0%} with candidates; target >= {TARGET_LOOKUPS:,.0f}/s)")
    started = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    print(f"cached    {len(names) / (time.perf_counter() - started):,.0f}/s on repeated names")

    doc = DocPlaces(countries=Counter({"IQ": 2, "IR": 2}), points=[("b", 33.34, 44.40)])
    fresh = cache.load(args.min_population, folder)
    started = time.perf_counter()
    resolved = sum(1 for name in names if resolve_place(fresh, "k", [name], doc, 0.82))
    elapsed = time.perf_counter() - started
    print(f"resolve   {len(names) / elapsed:,.0f}/s with document context ({resolved / len(names):.0%} resolved)")
    ok = report.seconds <= TARGET_LOAD_S and read_s <= TARGET_READ_S and rate >= TARGET_LOOKUPS
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
