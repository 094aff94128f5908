"""Event time of claims: explicit dates with their precision, decades, ranges, before/after known events."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from claimgraph.extract.context import DocContext
from claimgraph.plugins import hookimpl

ANCHOR_TABLE = Path(__file__).with_name("data") / "anchor_events.tsv"
# English month names from the standard library (its C-locale tables), full and three-letter forms
MONTHS = {calendar.month_name[i].lower(): i for i in range(1, 13)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(1[5-9]\d\d|20\d\d)"
RANGE = re.compile(rf"\b(?:between|from)\s+{_YEAR}\s+(?:and|to|until|till)\s+{_YEAR}\b|\b{_YEAR}\s*[-–—/]\s*{_YEAR}\b",
                   re.I)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)
MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)
ISO = re.compile(r"\b(1[5-9]\d\d|20\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")
DECADE = re.compile(r"\b(?:the\s+)?((1[5-9]|20)\d0)'?s\b", re.I)
YEAR = re.compile(rf"\b{_YEAR}\b")
BEFORE_WORDS = {"before", "until", "till", "prior", "up"}
AFTER_WORDS = {"after", "since", "following", "from"}
STATIC_PREDICATES = {"member_of", "leader_of", "ideology", "founded_by"}  # a role noun is no dated act
AT_WORDS = {"in", "on", "during", "at", "around", "throughout", "by"}


def parse_time(text: str) -> dict[str, str] | None:
    """A date expression as {"text", "start", "end"} with the precision the text gives, or None."""
    m = RANGE.search(text)
    if m:
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return {"text": m.group(0), "start": a, "end": b}
    m = DAY_MONTH_YEAR.search(text)
    if m:
        value = f"{m.group(3)}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}"
        return {"text": m.group(0), "start": value, "end": value}
    m = MONTH_DAY_YEAR.search(text)
    if m:
        value = f"{m.group(3)}-{_month(m.group(1)):02d}-{int(m.group(2)):02d}"
        return {"text": m.group(0), "start": value, "end": value}
    m = MONTH_YEAR.search(text)
    if m:
        value = f"{m.group(2)}-{_month(m.group(1)):02d}"
        return {"text": m.group(0), "start": value, "end": value}
    m = ISO.search(text)
    if m:
        return {"text": m.group(0), "start": m.group(0), "end": m.group(0)}
    m = DECADE.search(text)
    if m:
        start = int(m.group(1))
        return {"text": m.group(0).removeprefix("the ").strip(), "start": str(start), "end": str(start + 9)}
    m = YEAR.search(text)
    if m:
        return {"text": m.group(0), "start": m.group(0), "end": m.group(0)}
    return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


@lru_cache(maxsize=8)
def load_anchors(extra: str = "") -> list[tuple[re.Pattern[str], str, str]]:
    """A user table (same TSV columns; its rows win) followed by the built-in anchor events."""
    rows: list[tuple[re.Pattern[str], str, str]] = []
    for path in ([Path(extra)] if extra else []) + [ANCHOR_TABLE]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            start = cols[1].strip() if len(cols) > 1 else ""
            end = cols[2].strip() if len(cols) > 2 else ""
            rows.append((re.compile(cols[0].strip(), re.I), start, end))
    return rows


def event_time(text: str, extra: str = "") -> tuple[str, str] | None:
    """(start, end) of a known event named in a phrase ('the invasion of Iraq'), or None."""
    norm = text.replace("\u2019", "'")
    for pattern, start, end in load_anchors(extra):
        if pattern.search(norm):
            return start, end
    return None


def relative_time(word: str, phrase: str, extra: str = "") -> dict[str, str] | None:
    """Time for '<word> <phrase>': 'in 1986', 'before the revolution of 1979', 'after the invasion of Iraq'."""
    word = word.lower()
    date = parse_time(phrase)
    span: tuple[str, str] | None = (date["start"], date["end"]) if date else event_time(phrase, extra)
    if span is None:
        return None
    start, end = span
    text = f"{word} {phrase}".strip()
    if word in BEFORE_WORDS:
        return {"text": text, "end": start or end}
    if word in AFTER_WORDS:
        return {"text": text, "start": end or start}
    if word in AT_WORDS:
        if date:
            return dict(date)
        out = {"text": text}
        if start:
            out["start"] = start
        if end:
            out["end"] = end
        return out
    return None


def time_near(tok: Token, stop: int, extra: str = "") -> dict[str, str] | None:
    """The time phrase attached to a trigger or to the verbs above it (stopping at clause boundaries)."""
    cur = tok
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in (AT_WORDS | BEFORE_WORDS | AFTER_WORDS):
                objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                if objs:
                    phrase = tok.doc[objs[0].left_edge.i: objs[0].right_edge.i + 1].text
                    found = relative_time(c.lower_, phrase, extra)
                    if found:
                        return found
            if c.dep_ == "advcl":
                marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ in (BEFORE_WORDS | AFTER_WORDS)]
                if marks:
                    phrase = tok.doc[marks[0].i + 1: c.right_edge.i + 1].text
                    found = relative_time(marks[0].lower_, phrase, extra)
                    if found:
                        return found
            if c.dep_ in ("npadvmod", "advmod") and c.ent_type_ == "DATE":
                found = parse_time(tok.doc[c.left_edge.i: c.right_edge.i + 1].text)
                if found:
                    return found
        if cur.dep_ in ("ccomp", "csubj", "relcl") or cur.head.i == cur.i or cur.head.i < stop:
            break
        cur = cur.head
    return None


class ClaimTimes:
    """Adds qualifiers.time to claims from the time phrases of their own clause (not the document date)."""

    name = "annotate.time"
    requires = ("claims", "scopes")
    provides = ("times",)

    def run(self, ctx: DocContext) -> None:
        """Set qualifiers.time where the trigger's clause, or the sentence opening, dates the claim."""
        from claimgraph.extract.units import anchor_of, unit_at

        extra = ctx.settings.extract.anchor_events
        for claim in ctx.analysis.claims:
            if "time" in claim.qualifiers:
                continue
            anchor = anchor_of(ctx, claim)
            if anchor is None or (claim.predicate in STATIC_PREDICATES and anchor.token.pos_ == "NOUN"):
                continue  # "released MKO members including X": the release is dated, not the membership
            unit = unit_at(ctx, anchor.char)
            same_parse = unit is not None and unit.doc is anchor.token.doc
            when = time_near(anchor.token, unit.first if unit and same_parse else 0, extra)
            if when is None and unit is not None:
                when = opening_time(ctx, unit.tokens, extra)
            if when:
                claim.qualifiers["time"] = when


def opening_time(ctx: DocContext, toks: list[Token], extra: str = "") -> dict[str, str] | None:
    """'In 1986, ...': a time phrase that opens the sentence dates all of it."""
    if len(toks) < 3 or toks[0].lower_ not in (AT_WORDS | BEFORE_WORDS | AFTER_WORDS):
        return None
    comma = next((n for n, t in enumerate(toks[:12]) if t.text == ","), None)
    if comma is None:
        return None
    phrase = " ".join(t.text for t in toks[1:comma])
    return relative_time(toks[0].lower_, phrase, extra)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [ClaimTimes()]


# a dateline: one of the first lines of a text, short, giving a full day ("Fri Sep 28, 2012 9:39PM"), or a date
# alone on a line near the head
DATELINE_LINES = 3
DATELINE_SPAN = 1500
DATELINE_WORDS = 6


def document_date(ctx: DocContext) -> dict[str, str] | None:
    """The document's own date as a claim time 'as of the document': its publication date, else a date line at the
    head of the text (a dateline 'Fri Sep 28, 2012 9:39PM'); None when neither is known."""
    published = ctx.analysis.document.published
    found = parse_time(published) if published else None
    text = "publication date"
    if found is None:
        for n, line in enumerate(ctx.text[:DATELINE_SPAN].splitlines()):
            got = parse_time(line)
            if not got or len(got.get("start") or "") != 10:
                continue
            # a line that is a date: a dateline at the head (with a clock time or a weekday), or a date line of
            # its own in the heading of a statement ("August 15, 2003"); never a sentence that names a date
            if n < DATELINE_LINES and len(line.split()) <= DATELINE_WORDS or line.strip(" \t*.,") == got["text"]:
                found, text = got, f"dateline '{got['text']}'"
                break
    if found is None or not found.get("start"):
        return None
    return {"start": found["start"], "end": found["start"], "text": f"as of the document ({text})",
            "precision": "as of the document"}
