"""Groups of documents about one organization from different sources, each written for this test."""

from __future__ import annotations

from collections.abc import Callable
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


# ---------------------------------------------------------------- the same cases read from text, end to end
BCA = "Blue Crescent Army"


def _claims(engine: Engine, predicate: str | None = None) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return list(records.iter_claims(conn, records.claims_query(predicate=predicate)))


def _conflicts(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return find_conflicts(conn)


def test_a_government_listing_with_its_keeper_implicit_and_a_later_news_revocation(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(
        doc("gov", "Description: The Blue Crescent Army (BCA) was designated as a Foreign Terrorist Organization on "
                   "October 8, 1997. The BCA is an armed group that operates in the northern hills.", "2005-04-30"),
        doc("news", "The United States has formally removed the Blue Crescent Army from its list of terrorist "
                    "organizations, officials said on Friday.", "2012-09-28"))
    [listed] = _claims(engine, "designated_terrorist")
    [delisted] = _claims(engine, "delisted_terrorist")
    assert (listed["subject"]["name"], listed["object"]["name"]) == ("United States", BCA)
    assert "designator_implicit" in listed["qualifiers"]  # the claim says the sentence did not name the keeper
    assert listed["qualifiers"]["time"]["start"] == "1997-10-08"
    assert (delisted["subject"]["name"], delisted["object"]["name"]) == ("United States", BCA)
    assert listed["status"] == "superseded" and delisted["status"] == "active"
    assert "superseded" in {c["kind"] for c in _conflicts(engine)}
    assert all("Foreign Terrorist" not in (c.get("object") or {}).get("name", "") for c in _claims(engine))


def test_a_listing_and_its_revocation_in_one_sentence_are_dated_from_their_own_clauses(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(doc("ref", "The Blue Crescent Army (BCA) is an armed group. It was listed as a foreign terrorist "
                            "organization in 1997, but was removed from the list in 2012.", "2015-01-01"))
    [listed] = _claims(engine, "designated_terrorist")
    [delisted] = _claims(engine, "delisted_terrorist")
    assert listed["qualifiers"]["time"]["start"] == "1997"
    assert delisted["qualifiers"]["time"]["start"] == "2012"
    assert delisted["object"]["name"] == BCA != "Foreign Terrorist Organization"
    assert listed["status"] == "superseded"


def test_an_advocacy_piece_gives_its_claims_to_the_group_s_spokesman(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(
        doc("ref", "The Blue Crescent Army attacked a police station in Tarsk in 1999.", "2003-01-01"),
        doc("advocacy", "Tomas Verner, a spokesman for the Blue Crescent Army, said the group never attacked "
                        "civilians and that the army bombed its offices in 2001.", "2004-01-01"))
    # the acts the spokesman reports (his own title, "a spokesman for", is the document's word)
    advocacy = [c for c in _claims(engine) if c["predicate"] in ("attacked", "bombed")
                and any(e["document_id"] == "advocacy" for e in c["evidence"])]
    assert advocacy
    for c in advocacy:  # nothing the spokesman says is the document's own voice
        assert c["modality"] in ("attributed", "hedged"), c
        assert (c.get("attributed_to") or {}).get("name") == "Tomas Verner", c
    assert [c["polarity"] for c in advocacy if c["predicate"] == "attacked"] == ["negative"]
    # the reference article's attack is the document's own, untouched by the other source
    [attack] = [c for c in _claims(engine, "attacked") if any(e["document_id"] == "ref" for e in c["evidence"])]
    assert attack["modality"] == "asserted" and attack["polarity"] == "positive"


def test_two_founding_years_from_two_sources_are_one_value_conflict_with_both(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(doc("a", "The Blue Crescent Army was founded in 1963 by students.", "2001-01-01"),
                 doc("b", "The Blue Crescent Army was founded in 1965 by exiled officers.", "2002-01-01"))
    years = sorted(c["object"]["value"] for c in _claims(engine, "founded_in"))
    assert years == ["1963", "1965"]
    [conflict] = [c for c in _conflicts(engine) if c["kind"] == "value"]
    assert len(conflict["claims"]) == 2


def test_a_change_of_leader_over_time_is_no_conflict(ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(doc("a", "Ramon Ostrava led the Blue Crescent Army until 2005.", "2006-01-01"),
                 doc("b", "Piet Kalder became the leader of the Blue Crescent Army in 2005.", "2010-01-01"))
    leaders = {c["subject"]["name"] for c in _claims(engine, "leader_of")}
    assert leaders == {"Ramon Ostrava", "Piet Kalder"}
    assert [c for c in _conflicts(engine) if c["kind"] in ("value", "polarity")] == []


def test_a_verbatim_repost_on_another_outlet_is_not_a_second_independent_source(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    text = ("The Blue Crescent Army was founded in 1963 by students in the northern hills. It has attacked police "
            "stations in Tarsk and in the nearby villages for two decades.")
    ingest_texts(doc("orig", text, "2010-01-01", "https://daily.example/bca"),
                 doc("copy", text + " Reposted with permission.", "2010-01-03", "https://mirror.example/bca"))
    [founded] = _claims(engine, "founded_in")
    assert founded["corroboration"]["documents"] == 2
    assert founded["corroboration"]["independent_sources"] == 1


def test_two_distances_read_from_two_texts_both_survive(ingest_texts: Callable[..., list[str]],
                                                        engine: Engine) -> None:
    ingest_texts(doc("ref", "The Blue Crescent Army is based in Camp Oskar, 60 km north of Baghdad.", "2008-01-01"),
                 doc("gov", "The Blue Crescent Army is based in Camp Oskar, 95 km north of Baghdad.", "2009-01-01"))
    said = sorted(q["distance_km"] for c in _claims(engine) for e in c["evidence"]
                  for q in [e.get("qualifiers") or c["qualifiers"]] if "distance_km" in q)
    assert said == [60, 95]


def test_listings_by_two_states_and_one_state_s_delisting_touch_only_that_state(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(doc("a", "Canada listed the Blue Crescent Army as a terrorist entity in 2003. Australia listed "
                          "the Blue Crescent Army as a terrorist organisation in 2004.", "2005-01-01"),
                 doc("b", "In 2011, Canada removed the Blue Crescent Army from its list of terrorist entities.",
                     "2011-06-01"))
    status = {(c["predicate"], c["subject"]["name"]): c["status"] for c in _claims(engine)
              if c["predicate"] in ("designated_terrorist", "delisted_terrorist")}
    assert status == {("designated_terrorist", "Canada"): "superseded",
                      ("designated_terrorist", "Australia"): "active",
                      ("delisted_terrorist", "Canada"): "active"}


def test_an_office_s_listing_is_ended_by_its_state_s_delisting(ingest_texts: Callable[..., list[str]],
                                                               engine: Engine) -> None:
    ingest_texts(doc("gov", "The Secretary of State designated the Blue Crescent Army as a foreign terrorist "
                            "organization in 1997.", "2003-08-15"),
                 doc("news", "On September 28, 2012, the United States removed the Blue Crescent Army from its list of "
                             "terrorist organizations.", "2012-09-29"))
    [listed] = _claims(engine, "designated_terrorist")
    # one row, the office's: it names the state it acts for, and the state's later delisting ends it
    assert listed["subject"]["name"] == "Secretary of State"
    assert listed["qualifiers"]["designator_state"] == "United States"
    assert listed["status"] == "superseded"
    [delisted] = _claims(engine, "delisted_terrorist")
    assert delisted["status"] == "active"
