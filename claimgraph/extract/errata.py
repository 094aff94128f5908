"""Errata: correction notes linked to the passage they correct; the corrected claim takes the right object."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.structure import FOOTNOTE_MARK, layout_of
from claimgraph.model import Claim, EvidenceSpan
from claimgraph.plugins import hookimpl
from claimgraph.resolve.names import norm_name

Q = "[\"\u201c\u201d\u2018\u2019']"
_TERM = rf"\s*{Q}?\s*(?P<{{name}}>[^\"\u201c\u201d\n]+?)\s*{Q}?\s*"
CORRECTIONS = [
    # "The author should have said "X" instead of "Y""
    re.compile(rf"should\s+have\s+(?:said|written|read|been|named|referred\s+to){_TERM.format(name='to')}"
               rf"(?:instead\s+of|rather\s+than|not){_TERM.format(name='from')}(?:[.;)]|$)", re.I),
    # "Correction: ... not "Y" but "X""
    re.compile(rf"\bnot{_TERM.format(name='from')},?\s*but{_TERM.format(name='to')}(?:[.;)]|$)", re.I),
    # "for "Y" read "X"" / ""Y" should read "X""
    re.compile(rf"\bfor{_TERM.format(name='from')}read{_TERM.format(name='to')}(?:[.;)]|$)", re.I),
    re.compile(rf"{_TERM.format(name='from')}should\s+(?:read|be|have\s+been)(?:\s+replaced\s+by|\s+changed\s+to)?"
               rf"{_TERM.format(name='to')}(?:[.;)]|$)", re.I),
    # "X instead of Y" anywhere in a note
    re.compile(rf"{_TERM.format(name='to')}instead\s+of{_TERM.format(name='from')}(?:[.;)]|$)", re.I),
]
KEEP_TYPES = {"Organization", "Person", "Country", "Group", "Place"}
SHARED_LEADS = words("claims_shared_leads")
NOTE_LINE = re.compile(r"^\s*(?:correction|erratum|errata|clarification|editor'?s note)\s*[:.\-]", re.I)


@dataclass
class Correction:
    """One correction note: replace `wrong` with `right` at `mark_pos` (or wherever `wrong` is said)."""

    wrong: str
    right: str
    note: str
    note_start: int
    note_end: int
    right_start: int
    mark_pos: int | None


def find_corrections(text: str, footnote_lines: list[tuple[int, int]]) -> list[Correction]:
    """Correction notes in footnote lines and 'Correction:' paragraphs, with the mark they point from."""
    out: list[Correction] = []
    candidates = list(footnote_lines)
    pos = 0
    for raw in text.split("\n"):
        if NOTE_LINE.match(raw) and (pos, pos + len(raw)) not in candidates:
            candidates.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    for start, end in candidates:
        line = text[start:end]
        for pattern in CORRECTIONS:
            m = pattern.search(line)
            if not m:
                continue
            right, wrong = m.group("to").strip(" ,."), m.group("from").strip(" ,.")
            lead_r, lead_w = right.split(" ", 1), wrong.split(" ", 1)
            if len(lead_r) == 2 and len(lead_w) == 2 and lead_r[0].lower() == lead_w[0].lower() and \
                    lead_r[0].lower() in SHARED_LEADS:
                right, wrong = lead_r[1], lead_w[1]  # "not by Jordan but by Egypt"
            if not right or not wrong or len(right) > 80 or len(wrong) > 80:
                continue
            mark = FOOTNOTE_MARK.match(line)
            mark_pos = None
            if mark and mark.group(1).strip():
                symbol = re.escape(mark.group(1).strip())
                hits = [h.end() - len(mark.group(1).strip())
                        for h in re.finditer(r"\w[\u201d\"']?" + symbol + r"(?!\w)", text[:start])]
                mark_pos = hits[-1] if hits else None
            at = line.find(right, m.start("to"))
            out.append(Correction(wrong, right, line.strip(), start, end, start + (at if at >= 0 else m.start("to")),
                                  mark_pos))
            break
    return out


class Errata:
    """Applies correction notes: the claim at the marked passage gets the corrected object."""

    name = "annotate.errata"
    requires = ("claims", "scopes", "times")
    provides = ("errata",)

    def run(self, ctx: DocContext) -> None:
        """Rewrite the object (or subject) that the note says was wrong, and record the correction."""
        layout = layout_of(ctx)
        footnotes = [(ln.start, ln.end) for ln in layout.lines if ln.kind == "footnote"]
        for corr in find_corrections(ctx.text, footnotes):
            self.apply(ctx, corr)

    def apply(self, ctx: DocContext, corr: Correction) -> None:
        """Find the claims the note points at and swap the wrong entity for the right one."""
        wrong = norm_name(corr.wrong)
        targets: list[tuple[Claim, str]] = []
        for claim in ctx.analysis.claims:
            if not claim.evidence:
                continue
            ev = claim.evidence[0]
            if corr.mark_pos is not None:
                if not (ev.start <= corr.mark_pos <= ev.end):
                    continue
            elif wrong not in norm_name(ev.text):
                continue
            for role in ("object", "subject"):
                key = getattr(claim, role)
                if isinstance(key, str) and _names_contain(ctx, key, wrong):
                    targets.append((claim, role))
                    break
        if not targets:
            return
        for claim, role in targets:
            old = ctx.entity(getattr(claim, role))
            new_type = old.type if old.type in KEEP_TYPES else "Organization"
            right_end = corr.right_start + len(corr.right)
            named = [m for m in ctx.analysis.mentions if m.start == corr.right_start and m.end == right_end]
            if named:  # the recognizer already knows the corrected name
                new_key = ctx.find(named[0].entity_key)
            elif ctx.text[corr.right_start:right_end] == corr.right:
                mention = ctx.add_mention(corr.right_start, right_end, new_type, source="erratum")
                new_key = ctx.find(mention.entity_key)
            else:
                new_key = ctx.add_entity(corr.right, new_type)
            setattr(claim, role, new_key)
            claim.qualifiers["correction"] = {"from": corr.wrong, "to": corr.right, "evidence": corr.note}
            note_span = EvidenceSpan(corr.note_start, corr.note_end, ctx.text[corr.note_start:corr.note_end])
            if all(e.start != note_span.start for e in claim.evidence):
                claim.evidence.append(note_span)


def _names_contain(ctx: DocContext, key: str, wrong: str) -> bool:
    ent = ctx.entity(key)
    return any(wrong in norm_name(n) for n in ent.aliases | {ent.name})


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [Errata()]
