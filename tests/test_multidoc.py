"""Groups of documents about one organization from different sources, each written for this test."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from claimgraph.model import LiteralValue, SourceDocument
from claimgraph.reason.conflicts import find_conflicts, relation_changes
from claimgraph.reason.synth import build_analysis, store
from claimgraph.store import records

FRONT = ("Red Dawn Front", "Organization")
CAMP = ("Camp Oskar", "Place")
TARSK = ("Tarsk", "Place")
STATE = ("United States", "Country")


def doc(name: str, text: str, published: str, url: str | None = None) -> SourceDocument:
    return SourceDocument(text=text, source=f"{name}.txt", id=name, published=published, url=url)


def test_two_distances_both_survive_and_the_conflict_shows_both(engine: Engine) -> None:
    store(engine, [
        build_analysis(doc("ref", "Camp Oskar lies 60 km north of Tarsk.", "2010-01-01"), [CAMP, TARSK], [
            {"subject": "Camp Oskar", "predicate": "located_near", "object": "Tarsk",
             "qualifiers": {"distance_km": 60, "direction": "N"}}]),
        build_analysis(doc("gov", "The camp, Camp Oskar, is 95 km from Tarsk.", "2011-01-01"), [CAMP, TARSK], [
            {"subject": "Camp Oskar", "predicate": "located_near", "object": "Tarsk",
             "qualifiers": {"distance_km": 95}}]),
    ])
    with engine.connect() as conn:
        [claim] = list(records.iter_claims(conn, records.claims_query(predicate="located_near")))
        conflicts = [c for c in find_conflicts(conn) if c["kind"] == "qualifier"]
    said = sorted((e.get("qualifiers") or claim["qualifiers"])["distance_km"] for e in claim["evidence"])
    assert said == [60, 95]
    [conflict] = [c for c in conflicts if "distance_km" in c["note"]]
    assert sorted(p["distance_km"] for p in conflict["passages"]) == [60, 95]


def test_a_listing_and_its_later_revocation_supersede(engine: Engine) -> None:
    store(engine, [
        build_analysis(doc("list", "The United States designated the Red Dawn Front in 1997.", "1997-10-08"),
                       [STATE, FRONT], [{"subject": "United States", "predicate": "designated_terrorist",
                                         "object": "Red Dawn Front", "qualifiers": {"time": {"start": "1997"}}}]),
        build_analysis(doc("revoke", "The United States revoked the Red Dawn Front listing in 2012.", "2012-09-28"),
                       [STATE, FRONT], [{"subject": "United States", "predicate": "delisted_terrorist",
                                         "object": "Red Dawn Front", "qualifiers": {"time": {"start": "2012"}}}]),
    ])
    with engine.connect() as conn:
        by_predicate = {c["predicate"]: c for c in records.iter_claims(conn)}
        kinds = [c["kind"] for c in find_conflicts(conn)]
    assert by_predicate["designated_terrorist"]["status"] == "superseded"
    assert by_predicate["delisted_terrorist"]["status"] == "active"
    assert "superseded" in kinds


def test_no_ties_before_and_ties_after_are_a_change_not_a_conflict(engine: Engine) -> None:
    tied: dict[str, Any] = {"subject": "Red Dawn Front", "predicate": "tied_to", "object": "Tarsk Militia"}
    store(engine, [build_analysis(
        doc("profile", "The Red Dawn Front had no ties to the Tarsk Militia before 2003 but built ties after 2003.",
            "2008-01-01"), [FRONT, ("Tarsk Militia", "Organization")],
        [{**tied, "polarity": "negative", "qualifiers": {"time": {"end": "2003"}}},
         {**tied, "qualifiers": {"time": {"start": "2003"}}}])])
    with engine.connect() as conn:
        assert [c for c in find_conflicts(conn) if c["kind"] == "polarity"] == []
        [change] = relation_changes(conn)
    assert [t["polarity"] for t in change["timeline"]] == ["negative", "positive"]


def test_a_denial_at_the_same_time_is_still_a_conflict(engine: Engine) -> None:
    tied: dict[str, Any] = {"subject": "Red Dawn Front", "predicate": "tied_to", "object": "Tarsk Militia"}
    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front was tied to the Tarsk Militia.", "2008-01-01"),
                       [FRONT, ("Tarsk Militia", "Organization")], [tied]),
        build_analysis(doc("b", "The Red Dawn Front was never tied to the Tarsk Militia.", "2009-01-01"),
                       [FRONT, ("Tarsk Militia", "Organization")], [{**tied, "polarity": "negative"}]),
    ])
    with engine.connect() as conn:
        assert [c["kind"] for c in find_conflicts(conn)] == ["polarity"]


def test_one_broadcaster_is_one_independent_source(engine: Engine) -> None:
    founded = {"subject": "Red Dawn Front", "predicate": "founded_in", "object": LiteralValue("1963", "date")}
    store(engine, [build_analysis(doc(f"tv{i}", f"Report {i}: the Red Dawn Front was founded in 1963.",
                                      f"2010-01-0{i}", f"https://news.example/{i}"), [FRONT], [founded])
                   for i in range(1, 4)])
    with engine.connect() as conn:
        [claim] = list(records.iter_claims(conn))
    assert claim["corroboration"] == {"documents": 3, "outlets": 1, "independent_sources": 1}
