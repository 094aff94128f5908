"""Benchmark: do the same facts give the same claims when only the typography of a text changes?

    .venv/bin/python benchmarks/bench_invariance.py [--docs N] [--shared ../shared]

Takes the sample article and the first N dev-corpus documents, writes each again with one change that a reader
would not notice as a change of content (hard line breaks at 60 columns, curly quotes and en dashes, citation marks
after sentences, a dateline in front, lower case, capitals, sentences shuffled within paragraphs where no pronoun ties
one to the one before, a news-style retelling with 'Officials said ...' / 'According to reports, ...' around each
plain statement), and compares the claims (subject, predicate, object names and modality, case-folded) with those of
the original. It prints, for each variant, the share of the original's claims that survive and the share of new
claims; 1.00 / 0.00 is perfect invariance. The news-style retelling is compared by subject, predicate and object
(its claims should be reported, not asserted), and 'reported' is the share of the kept asserted claims told in a
framed sentence that became attributed or hedged.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from claimgraph.model import SourceDocument
from claimgraph.nlp.truecase import table
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


# a sentence ends after two letters or digits and a stop ('in 2009.', 'the port.'; not 'U.S.' or 'Mr.'), or after a
# stop and a closing quote, when the next one opens with a capital
_SENTENCE_GAP = re.compile(r"(?:(?<=[a-z0-9][a-z0-9][.!?])|(?<=[.!?][\"\u201d\u2019]))\s+(?=[A-Z\"\u201c])")
# a sentence that uses one of these leans on the one before it: it moves with it
_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|his|her|its|their|them)\b", re.IGNORECASE)
# a sentence that already reports someone's words is not wrapped again
_REPORTED = re.compile(r"[\"\u201c\u201d]|\b(?:said|says|according to|reported)\b", re.IGNORECASE)
FRAMES = ("Officials said {}.", "According to reports, {}.")
# the speaker the frames name: their 'said' claims are the retelling's own, not new claims about the facts
FRAME_SPEAKER = "officials"


def _sentences(line: str) -> tuple[list[str], list[str]]:
    """The sentences of one line and the white space between them."""
    gaps = [m.group() for m in _SENTENCE_GAP.finditer(line)]
    return _SENTENCE_GAP.split(line), gaps


def shuffle(text: str) -> str:
    """Each paragraph's sentences in another order; a sentence with a pronoun moves with the one before it."""
    out = []
    for n, line in enumerate(text.split("\n")):
        sentences, gaps = _sentences(line)
        blocks: list[list[str]] = []
        for sentence in sentences:
            if blocks and _PRONOUN.search(sentence):
                blocks[-1].append(sentence)
            else:
                blocks.append([sentence])
        if len(blocks) > 1:
            order = blocks[1:] + blocks[:1]  # the opening sentence goes last: every paragraph changes
            random.Random(n).shuffle(order)
            if order == blocks:
                order = blocks[1:] + blocks[:1]
            sentences = [s for block in order for s in block]
        line = "".join(s + g for s, g in zip(sentences, [*gaps, ""], strict=True))
        out.append(line)
    return "\n".join(out)


def news_style(text: str) -> str:
    """Each plain statement told as a report: 'Officials said ...', 'According to reports, ...'."""
    usual, _ = table()
    out, k = [], 0
    for line in text.split("\n"):
        sentences, gaps = _sentences(line)
        told = []
        for sentence in sentences:
            words = sentence.split()
            if len(words) < 6 or not sentence[0].isalpha() or not sentence.endswith(".") or _REPORTED.search(sentence):
                told.append(sentence)
                continue
            first = words[0]
            if usual.get(first.lower(), first).islower():
                sentence = first.lower() + sentence[len(first) :]  # 'The group ...' -> '... said the group ...'
            told.append(FRAMES[k % len(FRAMES)].format(sentence[:-1]))
            k += 1
        out.append("".join(s + g for s, g in zip(told, [*gaps, ""], strict=True)))
    return "\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "hard-wrap": hard_wrap,
    "curly": curly,
    "citations": citations,
    "dateline": dateline,
    "lower-case": lower,
    "capitals": upper,
    "shuffle": shuffle,
    "news-style": news_style,
}
# variants that change what a claim's modality should be: compared by subject, predicate and object, and the share
# of the kept asserted claims of framed sentences that became reported (attributed or hedged) is shown
REPORTING = frozenset({"news-style"})


def claim_set(text: str) -> set[tuple[str, str, str, str]]:
    """The claims of one text as case-folded (subject, predicate, object, modality) names."""
    return set(claims(text))


def claims(text: str) -> dict[tuple[str, str, str, str], list[str]]:
    """The claims of one text as case-folded (subject, predicate, object, modality) names, with their evidence."""
    settings = load_settings()
    (ctx,) = list(analyze_docs([SourceDocument(text=text, source="x.txt")], settings))
    out: dict[tuple[str, str, str, str], list[str]] = {}
    for c in ctx.analysis.claims:
        subject = ctx.entity(c.subject).name
        obj = ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)
        key = (" ".join(subject.lower().split()), c.predicate, " ".join(obj.lower().split()), c.modality)
        out.setdefault(key, []).extend(e.text for e in c.evidence)
    return out


def _framed(found: dict[tuple[str, str, str, str], list[str]]) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) of the claims whose evidence is a sentence the retelling framed."""
    openers = [frame.split("{}")[0].strip() for frame in FRAMES]
    return {key[:3] for key, quotes in found.items() if any(o in q for q in quotes for o in openers)}


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
    kept = {name: [0, 0, 0, 0, 0] for name in variants}  # original claims, survived, new, asserted kept, reported
    for path in texts:
        original_text = path.read_text(encoding="utf-8")
        original = claim_set(original_text)
        for name, change in variants.items():
            found = claims(change(original_text))
            changed = set(found)
            figures = kept[name]
            if name in REPORTING:
                before = _triples(original)
                after = _triples({c for c in changed if c[0] != FRAME_SPEAKER})
                figures[0] += len(before)
                figures[1] += len(before.keys() & after.keys())
                figures[2] += len(after.keys() - before.keys())
                framed = _framed(found)
                for triple in before.keys() & after.keys() & framed:
                    if "asserted" in before[triple]:
                        figures[3] += 1
                        figures[4] += bool(after[triple] & {"attributed", "hedged"})
            else:
                figures[0] += len(original)
                figures[1] += len(original & changed)
                figures[2] += len(changed - original)
        print(f"{path.name}: {len(original)} claims", file=sys.stderr)
    print(f"{'variant':<12}{'kept':>7}{'new':>7}{'reported':>10}   over {len(texts)} texts")
    for name, (total, survived, new, asserted, reported) in kept.items():
        told = f"{reported / max(1, asserted):>10.2f}" if name in REPORTING else ""
        print(f"{name:<12}{survived / max(1, total):>7.2f}{new / max(1, total):>7.2f}{told}")
    return 0


def _triples(claims: set[tuple[str, str, str, str]]) -> dict[tuple[str, str, str], set[str]]:
    """(subject, predicate, object) -> the modalities it was stated with."""
    out: dict[tuple[str, str, str], set[str]] = {}
    for subject, predicate, obj, modality in claims:
        out.setdefault((subject, predicate, obj), set()).add(modality)
    return out


if __name__ == "__main__":
    sys.exit(main())
