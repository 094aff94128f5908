"""Document layout: headings, list items and footnotes; list items inherit their introducer's frame."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.core.lexicon import mapping, words
from claimgraph.extract.context import DocContext
from claimgraph.plugins import hookimpl

BULLET = re.compile(r"^\s*(?:[\u2013\u2014\u2022\u00b7\u25aa\u25ba\u25cf\u25cb\u2023\u2043-]|\*|\(?\d{1,2}[.)]|"
                    r"\(?[a-z][.)])\s+")
FOOTNOTE_MARK = re.compile(r"^\s*(\*+|\u2020|\u2021|\[\d{1,3}\]|\d{1,3}\)|[\u00b9\u00b2\u00b3])\s*")
END_PUNCT = tuple(".!?\"\u201d\u2019')")
# what a list introducer enumerates, by the lemma of its list noun
ATTACK_ITEM_NOUNS = words("claims_attack_item_nouns")
BASE_ITEM_NOUNS = words("claims_base_item_nouns")
# first word of a list item -> the claim it makes ("Assassination of X" -> assassinated X)
ITEM_TRIGGERS = mapping("claims_item_triggers")


@dataclass
class Line:
    """One line of the text with its offsets and what it is."""

    start: int
    end: int
    text: str
    kind: str = "text"  # text, item, heading, footnote, blank, intro


@dataclass
class ListBlock:
    """An introducing line ending in ':' and the items that follow it."""

    intro: Line
    items: list[Line] = field(default_factory=list)


@dataclass
class Layout:
    """The lines of a document, classified, and the lists they form."""

    lines: list[Line]
    lists: list[ListBlock]

    def line_at(self, char: int) -> Line | None:
        """The line holding a character offset."""
        lo, hi = 0, len(self.lines) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            line = self.lines[mid]
            if char < line.start:
                hi = mid - 1
            elif char > line.end:
                lo = mid + 1
            else:
                return line
        return None

    def is_heading(self, char: int) -> bool:
        """True when the offset lies in a heading line."""
        line = self.line_at(char)
        return line is not None and line.kind == "heading"

    def is_footnote(self, char: int) -> bool:
        """True when the offset lies in a footnote line."""
        line = self.line_at(char)
        return line is not None and line.kind == "footnote"


def build_layout(text: str) -> Layout:
    """Classify every line: blank, list item, heading, footnote, list introducer or running text."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            line.kind = "blank"
        elif _is_footnote(stripped, text, line.start):
            line.kind = "footnote"
        elif BULLET.match(line.text):
            line.kind = "item"
    content = [ln for ln in lines if ln.kind != "blank"]
    for n, line in enumerate(content):
        if line.kind != "text":
            continue
        nxt = content[n + 1] if n + 1 < len(content) else None
        stripped = line.text.strip()
        if stripped.endswith(":") and nxt is not None and nxt.kind == "item":
            line.kind = "intro"
        elif _looks_like_heading(stripped):
            line.kind = "heading"
    blocks: list[ListBlock] = []
    current: ListBlock | None = None
    for line in content:
        if line.kind == "intro":
            current = ListBlock(line)
            blocks.append(current)
        elif line.kind == "item" and current is not None:
            current.items.append(line)
        else:
            current = None
    return Layout(lines, blocks)


def _is_footnote(stripped: str, text: str, start: int) -> bool:
    m = FOOTNOTE_MARK.match(stripped)
    if not m:
        return False
    mark = m.group(1)
    before = text[:start]
    # a footnote's mark also sits right after a word somewhere above it ("building*")
    return re.search(r"\w[\u201d\"']?" + re.escape(mark) + r"(?!\w)", before) is not None and \
        not BULLET.match(stripped[len(mark):] or "x")


def _looks_like_heading(stripped: str) -> bool:
    words = stripped.rstrip(":").split()
    if not words or len(words) > 10 or stripped.endswith(END_PUNCT):
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return stripped.endswith(":") or capitals >= max(2, len(words) * 0.6)


def layout_of(ctx: DocContext) -> Layout:
    """The document's layout, computed once and kept in the context."""
    if ctx.layout is None:
        ctx.layout = build_layout(ctx.text)
    return ctx.layout


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    from claimgraph.extract.lists import FieldValues, ListItems

    return [ListItems(), FieldValues()]
