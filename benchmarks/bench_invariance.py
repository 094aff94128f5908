"""Benchmark: do the same facts give the same claims when only the typography of a text changes?

    .venv/bin/python benchmarks/bench_invariance.py [--docs N] [--shared ../shared]

Takes the sample article and the first N dev-corpus documents, writes each again with one change that a reader
would not notice as a change of content (hard line breaks at 60 columns, curly quotes and en dashes, citation marks
after sentences, a dateline in front, lower case, capitals), and compares the claims (subject, predicate, object names and
modality, case-folded) with those of the original. It prints, for each variant, the share of the original's claims
that survive and the share of new claims; 1.00 / 0.00 is perfect invariance.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings


def hard_wrap(text: str) -> str:
    """Every paragraph wrapped at 60 columns, as e-mail and plain-text reports are."""
    return "\n".join(textwrap.fill(p, 60) if p.strip() else p for p in text.split("\n"))


def curly(text: str) -> str:
    """Typographic quotes, apostrophes and dashes."""
    text = re.sub(r'"(\w)', "\u201c\\1", text)
    text = text.replace('"', "\u201d").replace("'", "\u2019")
    return re.sub(r"(?<=\w) - (?=\w)", " \u2013 ", text)


def citations(text: str) -> str:
    """A reference mark after every sentence, as copied from a reference article."""
    counter = iter(range(1, 10_000))
    return re.sub(r"(?<=[a-z])\.(?=\s)", lambda m: f".[{next(counter)}]", text)


def dateline(text: str) -> str:
    """A news agency dateline in front of the first paragraph."""
    return "NORTHPORT, March 3 (Newswire) - " + text.lstrip()


def lower(text: str) -> str:
    """Everything in lower case, as in chat logs and some transcripts."""
    return text.lower()


def upper(text: str) -> str:
    """Everything in capitals, as in telexes, cables and some wire copy."""
    return text.upper()


VARIANTS: dict[str, Callable[[str], str]] = {
    "hard-wrap": hard_wrap,
    "curly": curly,
    "citations": citations,
    "dateline": dateline,
    "lower-case": lower,
    "capitals": upper,
}


def claim_set(text: str) -> set[tuple[str, str, str, str]]:
    """The claims of one text as case-folded (subject, predicate, object, modality) names."""
    settings = load_settings()
    (ctx,) = list(analyze_docs([SourceDocument(text=text, source="x.txt")], settings))
    out = set()
    for c in ctx.analysis.claims:
        subject = ctx.entity(c.subject).name
        obj = ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)
        out.add((" ".join(subject.lower().split()), c.predicate, " ".join(obj.lower().split()), c.modality))
    return out


def main() -> int:
    """Compare every variant of every chosen text with its original."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=6, help="dev-corpus documents besides the sample article")
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--only", action="append", choices=sorted(VARIANTS), help="only this variant (repeatable)")
    args = parser.parse_args()
    variants = {name: VARIANTS[name] for name in args.only or VARIANTS}
    texts = [args.shared / "corpus" / "mko-article.txt"]
    texts += sorted((args.shared / "corpus" / "dev").glob("*.txt"))[: args.docs]
    kept = {name: [0, 0, 0] for name in variants}  # original claims, survived, new
    for path in texts:
        original_text = path.read_text(encoding="utf-8")
        original = claim_set(original_text)
        for name, change in variants.items():
            changed = claim_set(change(original_text))
            kept[name][0] += len(original)
            kept[name][1] += len(original & changed)
            kept[name][2] += len(changed - original)
        print(f"{path.name}: {len(original)} claims", file=sys.stderr)
    print(f"{'variant':<12}{'kept':>7}{'new':>7}   over {len(texts)} texts")
    for name, (total, survived, new) in kept.items():
        print(f"{name:<12}{survived / max(1, total):>7.2f}{new / max(1, total):>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
