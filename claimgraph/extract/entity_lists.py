"""Names listed beside people's names: 'A B, C D and E F', where the model named all but one of the list."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.entity_rules import Candidate


def _name_span(head: Token) -> tuple[int, int] | None:
    """Token bounds of a capitalised name headed by `head` (its compound words before it), 2-4 words, or None."""
    words = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [head]
    if not 2 <= len(words) <= 4 or any(not w.text[:1].isupper() or not w.is_alpha for w in words):
        return None
    start = min(w.i for w in words)
    if words[-1].i - start + 1 != len(words):
        return None  # the name's words must stand together
    return start, head.i + 1


def listed_person_candidates(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name coordinated with people's names the model found ('Reza Golshiri, Kamal Darvishi and Mohammad Taqi
    Sarvestani', the middle one missed) is a person's name too, when the model gave it no other type."""
    people = [c for c in cands if c.type == "Person" and c.source == "ner"]
    if not people:
        return []
    covered = [(c.start, c.end) for c in cands]
    out: list[Candidate] = []
    for c in people:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        for other in [*head.conjuncts]:
            if other.pos_ != "PROPN":
                continue
            bounds = _name_span(other)
            if bounds is None:
                continue
            start, end = doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1])
            if any(a < end and start < b for a, b in covered):
                continue  # the model or a rule named it already (perhaps otherwise)
            covered.append((start, end))
            out.append(Candidate(start, end, "Person", "rule", 1.5))
    return out
