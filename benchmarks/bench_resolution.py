"""Cross-document entity resolution at scale: synthetic documents' entities written through the store.

Synthesizes a pool of organizations, people and places, each with spelling variants
(Saeed/Saeid, o/u, doubled letters), acronyms and long forms, and documents that each
name a handful of them with co-mentions; writes them with store.writer.write_analysis
(the real resolution path, no spaCy) and reports the time per 1,000 documents as the
store grows, and how well alias groups came together:

    .venv/bin/python benchmarks/bench_resolution.py --docs 10000 [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from claimgraph.model import SourceDocument
from claimgraph.reason.synth import build_analysis
from claimgraph.resolve.names import norm_name
from claimgraph.store import records
from claimgraph.store.db import get_engine
from claimgraph.store.schema import aliases
from claimgraph.store.writer import write_analysis

CONSONANTS = "bdfghklmnprstvz"
VOWELS = "aeiou"
ORG_WORDS = ("Front", "Movement", "Army", "Brigades", "Council", "League")


def word(rng: random.Random, syllables: int) -> str:
    """A pronounceable made-up word."""
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(CONSONANTS)


def respell(rng: random.Random, name: str) -> str:
    """A romanisation variant: one inner vowel swapped for a near one, or a consonant doubled."""
    swaps = {"e": "i", "i": "e", "o": "u", "u": "o", "a": "a"}
    chars = list(name)
    inner = [i for i, ch in enumerate(chars) if ch in swaps and 0 < i < len(chars) - 1 and chars[i - 1] != " "]
    if inner and rng.random() < 0.7:
        i = rng.choice(inner)
        chars[i] = swaps[chars[i]]
        return "".join(chars)
    cons = [i for i, ch in enumerate(chars) if ch in CONSONANTS and 0 < i < len(chars) - 1]
    if cons:
        i = rng.choice(cons)
        chars.insert(i, chars[i])
    return "".join(chars)


def make_pool(rng: random.Random, n_orgs: int, n_people: int, n_places: int) -> list[dict]:
    """Ground-truth entities with the surface forms documents may use."""
    pool = []
    acronyms: set[str] = set()
    for i in range(n_orgs):
        # initials are kept unique (with 15 consonants, 3-letter acronyms of a thousand made-up names
        # would collide far more often than real organizations' acronyms do)
        while True:
            words = [word(rng, 2).capitalize(), word(rng, 2).capitalize()]
            long = f"{words[0]} {words[1]} {rng.choice(ORG_WORDS)}"
            acronym = "".join(w[0] for w in long.split()).upper()
            if acronym not in acronyms or len(acronyms) > 3000:
                break
        acronyms.add(acronym)
        pool.append({"id": f"org{i}", "type": "Organization", "forms": [long, f"{long} Organization", acronym,
                                                                       respell(rng, long)]})
    for i in range(n_people):
        full = f"{word(rng, 2).capitalize()} {word(rng, 3).capitalize()}"
        pool.append({"id": f"per{i}", "type": "Person", "forms": [full, respell(rng, full)]})
    for i in range(n_places):
        name = word(rng, 3).capitalize()
        pool.append({"id": f"pla{i}", "type": "Place", "forms": [name, respell(rng, name)]})
    return pool


def make_doc(rng: random.Random, pool: list[dict], topics: list[list[int]], n: int) -> tuple[SourceDocument, list]:
    """One document: a topic's entities (so co-mentions recur) plus a few random ones, each under one form."""
    chosen = set(rng.sample(rng.choice(topics), k=6)) | {rng.randrange(len(pool)) for _ in range(4)}
    specs, parts, truth = [], [], {}
    for idx in sorted(chosen):
        ent = pool[idx]
        form = rng.choice(ent["forms"])
        if ent["type"] == "Organization" and rng.random() < 0.3:  # "Long Name (LN)" links the forms
            specs.append((ent["forms"][0], ent["type"], [ent["forms"][2]]))
            parts.append(f"{ent['forms'][0]} ({ent['forms'][2]})")
            truth[ent["forms"][0]] = ent["id"]
        else:
            specs.append((form, ent["type"]))
            parts.append(form)
        truth[form] = ent["id"]
    text = f"Report {n}: " + ", ".join(parts) + " were named in the report."
    return SourceDocument(text=text, source=f"bench{n}.txt", id=f"bench{n}"), specs


def main() -> None:
    """Run the benchmark and print one line per 1,000 documents plus a merge summary."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--db", default=None, help="SQLite file (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="print this many alias groups left apart")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = make_pool(rng, n_orgs=max(50, args.docs // 10), n_people=max(100, args.docs // 5),
                     n_places=max(50, args.docs // 10))
    topics = [rng.sample(range(len(pool)), k=12) for _ in range(max(20, args.docs // 25))]
    db = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    engine = get_engine(f"sqlite:///{db}")
    started = last = time.perf_counter()
    cpu_last = time.process_time()
    entity_writes = 0
    truth_of_form: dict[tuple[str, str], str] = {}
    owner = {}
    for ent in pool:
        for form in ent["forms"]:
            owner.setdefault((form, ent["type"]), ent["id"])
    print(f"pool: {len(pool)} entities; store: {db}")
    print("docs\tseconds/1000 docs\tCPU s/1000 docs\tentity rows\tcumulative s")
    for n in range(1, args.docs + 1):
        document, specs = make_doc(rng, pool, topics, n)
        for spec in specs:
            truth_of_form[(spec[0], spec[1])] = owner[(spec[0], spec[1])]
        entity_writes += len(specs)
        write_analysis(engine, build_analysis(document, specs))
        if n % 1000 == 0 or n == args.docs:
            now = time.perf_counter()
            with engine.connect() as conn:
                rows = records.count_rows(conn)["entities"]
            per = 1000 / (1000 if n % 1000 == 0 else n % 1000)
            cpu = time.process_time()
            print(f"{n}\t{(now - last) * per:.1f}\t{(cpu - cpu_last) * per:.1f}\t{rows}\t{now - started:.1f}",
                  flush=True)
            last, cpu_last = now, cpu
    with engine.connect() as conn:
        index = records.entity_index(conn)
        rows_by_norm: dict[str, set[str]] = defaultdict(set)
        for eid, norm in conn.execute(select(aliases.c.entity_id, aliases.c.norm)):
            rows_by_norm[norm].add(eid)
    by_truth: dict[str, set[str]] = defaultdict(set)
    by_final: dict[str, set[str]] = defaultdict(set)
    for (form, type_), truth in truth_of_form.items():
        for eid in rows_by_norm.get(norm_name(form), ()):
            if index[eid]["type"] == type_:
                final = records.final_id(index, eid) or eid
                by_truth[truth].add(final)
                by_final[final].add(truth)
    if args.show:
        shown = 0
        for truth, finals in by_truth.items():
            if len(finals) > 1 and shown < args.show:
                shown += 1
                print("apart:", truth, [index[f]["name"] for f in finals])
        names = defaultdict(list)
        for (form, _type), truth in truth_of_form.items():
            names[truth].append(form)
        shown = 0
        for final, truths in by_final.items():
            if len(truths) > 1 and shown < args.show:
                shown += 1
                print("joined:", index[final]["name"], {t: names[t] for t in truths})
    whole = sum(1 for finals in by_truth.values() if len(finals) == 1)
    pure = sum(1 for truths in by_final.values() if len(truths) == 1)
    print(f"{entity_writes} entity writes in {time.perf_counter() - started:.1f} s")
    print(f"alias groups in one entity: {whole}/{len(by_truth)} ({whole / max(1, len(by_truth)):.1%}); "
          f"entities holding one true entity: {pure}/{len(by_final)} ({pure / max(1, len(by_final)):.1%})")


if __name__ == "__main__":
    main()
