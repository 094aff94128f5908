"""Conflict notes name both ends right when a symmetric predicate is stored the other way round."""

from __future__ import annotations

from sqlalchemy import Engine

from claimgraph.model import Analysis, Claim, Entity, EvidenceSpan, SourceDocument
from claimgraph.reason.conflicts import find_conflicts
from claimgraph.store.writer import write_analysis


def _doc(text: str, polarity: str) -> Analysis:
    ents = {"a": Entity("a", "Zeta Brigade", "Organization", {"Zeta Brigade"}),
            "b": Entity("b", "Omega League", "Organization", {"Omega League"})}
    return Analysis(document=SourceDocument(text=text, source=f"{polarity}.txt"), entities=ents,
                    claims=[Claim("a", "tied_to", "b", [EvidenceSpan(0, len(text), text)], polarity=polarity)])


def test_polarity_note_names_subject_and_object(engine: Engine) -> None:
    write_analysis(engine, _doc("The Zeta Brigade has ties with the Omega League.", "positive"))
    write_analysis(engine, _doc("The Zeta Brigade has no ties with the Omega League.", "negative"))
    with engine.connect() as conn:
        notes = [c["note"] for c in find_conflicts(conn) if c["kind"] == "polarity"]
    assert len(notes) == 1
    assert "Zeta Brigade" in notes[0] and "Omega League" in notes[0]
