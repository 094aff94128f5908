"""Groups of documents about one group from different kinds of sources: listings by offices and states, undated
and re-made listings, delistings dated only by their document, and names that differ by a nationality word.

Every text is written for this test (invented groups and places); the claims are built directly (no NLP) so each
case checks the cross-source reasoning alone, except where a text is read end to end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from claimgraph.model import SourceDocument
from claimgraph.reason import review as rv
from claimgraph.reason.conflicts import find_conflicts
from claimgraph.reason.synth import build_analysis, store
from claimgraph.store import records

LEAGUE = ("Ostra Liberation League", "Organization", ["OLL"])
STATE = ("United States", "Country")
OFFICE = ("Secretary of State", "Person")
NORWAY = ("Norway", "Country")
AS_OF_DOC = "as of the document"


def doc(name: str, text: str, published: str | None = None) -> SourceDocument:
    return SourceDocument(text=text, source=f"{name}.txt", id=name, published=published)


def listing(by: str, time: dict[str, Any] | None = None, **quals: Any) -> dict[str, Any]:
    return {"subject": by, "predicate": "designated_terrorist", "object": "Ostra Liberation League",
            "qualifiers": {**({"time": time} if time else {}), **quals}}


def delisting(by: str, time: dict[str, Any] | None = None, **quals: Any) -> dict[str, Any]:
    return {**listing(by, time, **quals), "predicate": "delisted_terrorist"}


def year(y: str) -> dict[str, str]:
    return {"text": y, "start": y, "end": y}


def by_doc(engine: Engine) -> dict[tuple[str, str], dict[str, Any]]:
    """(predicate, document id) -> the claim row that document's passage belongs to."""
    with engine.connect() as conn:
        return {(c["predicate"], e["document_id"]): c for c in records.iter_claims(conn) for e in c["evidence"]}


def conflicts(engine: Engine, kind: str | None = None) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [c for c in find_conflicts(conn) if kind is None or c["kind"] == kind]


def test_an_office_listing_is_ended_by_the_state_it_acts_for(engine: Engine) -> None:
    # group 1: a government statement (the office lists) and a news piece (the state delists)
    store(engine, [
        build_analysis(doc("gov", "The Secretary of State designated the Ostra Liberation League in 1998.",
                           "1998-05-02"), [LEAGUE, OFFICE],
                       [listing("Secretary of State", year("1998"), designator_state="United States")]),
        build_analysis(doc("news", "The United States took the Ostra Liberation League off its list in 2010.",
                           "2010-02-02"), [LEAGUE, STATE], [delisting("United States", year("2010"))]),
    ])
    rows = by_doc(engine)
    assert rows[("designated_terrorist", "gov")]["status"] == "superseded"
    [ended] = conflicts(engine, "superseded")
    assert ended["change_over_time"] and "not a disagreement" in ended["note"]


def test_another_state_s_delisting_leaves_an_office_s_listing_alone(engine: Engine) -> None:
    # group 2: the office acts for one state; a second state's delisting is about its own list
    store(engine, [
        build_analysis(doc("gov", "The Secretary of State designated the Ostra Liberation League in 1998.",
                           "1998-05-02"), [LEAGUE, OFFICE],
                       [listing("Secretary of State", year("1998"), designator_state="United States")]),
        build_analysis(doc("oslo", "Norway removed the Ostra Liberation League from its list in 2011.",
                           "2011-03-03"), [LEAGUE, NORWAY], [delisting("Norway", year("2011"))]),
    ])
    assert by_doc(engine)[("designated_terrorist", "gov")]["status"] == "active"
    assert conflicts(engine, "superseded") == []


def test_an_undated_delisting_is_a_possible_supersession_not_a_disagreement(engine: Engine) -> None:
    # group 3: a reference text with the listing year, an undated advocacy post announcing the delisting
    store(engine, [
        build_analysis(doc("ref", "The United States listed the Ostra Liberation League in 1998."),
                       [LEAGUE, STATE], [listing("United States", year("1998"))]),
        build_analysis(doc("blog", "The United States has dropped the Ostra Liberation League from its list."),
                       [LEAGUE, STATE], [delisting("United States")]),
    ])
    rows = by_doc(engine)
    assert rows[("designated_terrorist", "ref")]["status"] == "active"  # no date: nothing is decided
    [maybe] = conflicts(engine, "superseded")
    assert maybe.get("possible") is True and "may be ended" in maybe["note"]
    assert not [c for c in conflicts(engine) if c["kind"] in ("polarity", "value")]


def test_a_delisting_dated_as_of_its_document_ends_an_earlier_listing(engine: Engine) -> None:
    # group 4: two news items; one dates the delisting only by its dateline, the other by its own sentence
    as_of = {"start": "2010-02-05", "end": "2010-02-05", "text": AS_OF_DOC, "precision": AS_OF_DOC}
    store(engine, [
        build_analysis(doc("ref", "The United States listed the Ostra Liberation League in 1998."),
                       [LEAGUE, STATE], [listing("United States", year("1998"))]),
        build_analysis(doc("wire", "The United States removed the Ostra Liberation League from its list on Friday."),
                       [LEAGUE, STATE], [delisting("United States", as_of)]),
        build_analysis(doc("weekly", "In 2010 the United States removed the Ostra Liberation League from its list."),
                       [LEAGUE, STATE], [delisting("United States", year("2010"))]),
    ])
    assert by_doc(engine)[("designated_terrorist", "ref")]["status"] == "superseded"
    # the document's date only bounds the act: no date disagreement with the source that gives the year
    assert conflicts(engine, "qualifier") == []


def test_a_re_designation_is_kept_and_is_no_date_disagreement(engine: Engine) -> None:
    # group 5: one government text lists the group and lists it again; a second source gives another year
    text = "The Secretary of State designated the Ostra Liberation League in 1998, and again in 2004."
    again = {**listing("Secretary of State", year("2004"), redesignation=True), "evidence": "and again in 2004"}
    store(engine, [
        build_analysis(doc("gov", text, "2005-01-01"), [LEAGUE, OFFICE],
                       [{**listing("Secretary of State", year("1998")), "evidence": text}, again]),
    ])
    [row] = by_doc(engine).values()
    times = sorted((e.get("qualifiers") or row["qualifiers"])["time"]["start"] for e in row["evidence"])
    assert times == ["1998", "2004"]  # both dates survive, each with its passage
    assert conflicts(engine, "qualifier") == []


def test_a_delisting_between_a_listing_and_its_re_designation_ends_nothing(engine: Engine) -> None:
    # group 6: listed 1998 and again 2004 (one source); another says it was delisted in 2001
    text = "The Secretary of State designated the Ostra Liberation League in 1998, and again in 2004."
    store(engine, [
        build_analysis(doc("gov", text, "2005-01-01"), [LEAGUE, OFFICE], [
            {**listing("Secretary of State", year("1998"), designator_state="United States"), "evidence": text},
            {**listing("Secretary of State", year("2004"), designator_state="United States", redesignation=True),
             "evidence": "and again in 2004"}]),
        build_analysis(doc("news", "The United States delisted the Ostra Liberation League in 2001.", "2001-07-07"),
                       [LEAGUE, STATE], [delisting("United States", year("2001"))]),
    ])
    assert by_doc(engine)[("designated_terrorist", "gov")]["status"] == "active"


def test_a_later_batch_s_state_delisting_ends_the_office_listing_incrementally(engine: Engine) -> None:
    # group 7: stored one document at a time; then a reviewer rejects the delisting and the listing comes back
    store(engine, [build_analysis(doc("gov", "The Secretary of State designated the Ostra Liberation League in 1998.",
                                      "1998-05-02"), [LEAGUE, OFFICE],
                                  [listing("Secretary of State", year("1998"), designator_state="United States")])])
    store(engine, [build_analysis(doc("news", "The United States delisted the Ostra Liberation League in 2010.",
                                      "2010-02-02"), [LEAGUE, STATE], [delisting("United States", year("2010"))])])
    rows = by_doc(engine)
    assert rows[("designated_terrorist", "gov")]["status"] == "superseded"
    with engine.begin() as conn:
        rv.review(conn, "claim", rows[("delisted_terrorist", "news")]["id"], "reject", "ana", "misread")
    store(engine, [build_analysis(doc("other", "Norway held elections in 2012.", "2012-01-01"), [NORWAY])])
    assert by_doc(engine)[("designated_terrorist", "gov")]["status"] == "active"


def test_two_states_listing_and_two_camp_distances_all_survive(engine: Engine) -> None:
    # group 8: a reference text and a government text: two listings kept apart, two distances both kept
    camp, town = ("Camp Veyra", "Place"), ("Tolmar", "Place")
    near = {"subject": "Camp Veyra", "predicate": "located_near", "object": "Tolmar"}
    store(engine, [
        build_analysis(doc("ref", "Norway listed the Ostra Liberation League in 2002. Camp Veyra lies 40 km west of "
                                  "Tolmar.", "2006-01-01"), [LEAGUE, NORWAY, camp, town],
                       [listing("Norway", year("2002")), {**near, "qualifiers": {"distance_km": 40, "direction": "W"}}]),
        build_analysis(doc("gov", "The United States listed the Ostra Liberation League in 2003. Camp Veyra is 75 km "
                                  "from Tolmar.", "2007-01-01"), [LEAGUE, STATE, camp, town],
                       [listing("United States", year("2003")), {**near, "qualifiers": {"distance_km": 75}}]),
    ])
    with engine.connect() as conn:
        listed = {c["subject"]["name"] for c in records.iter_claims(conn, records.claims_query(
            predicate="designated_terrorist"))}
    assert listed == {"Norway", "United States"}
    [gap] = [c for c in conflicts(engine, "qualifier") if "distance_km" in c["note"]]
    assert sorted(p["distance_km"] for p in gap["passages"]) == [40, 75]


def test_a_nationality_word_the_acronym_leaves_out_does_not_split_the_group(engine: Engine) -> None:
    # group 9: a reference text names the group plainly, a hostile outlet puts a nationality word before it
    store(engine, [
        build_analysis(doc("ref", "The Ostra Liberation League (OLL) was founded by exiles.", "2001-01-01"),
                       [LEAGUE]),
        build_analysis(doc("hostile", "The anti-Norwegian Ostra Liberation League (OLL) was removed from a list.",
                           "2012-01-01"), [("Norwegian Ostra Liberation League", "Organization", ["OLL"])]),
    ])
    with engine.connect() as conn:
        groups = {records.find_entities(conn, n)[0] for n in ("Ostra Liberation League",
                                                               "Norwegian Ostra Liberation League")}
    assert len(groups) == 1


def test_a_nationality_word_inside_the_acronym_is_part_of_the_name(engine: Engine) -> None:
    # group 10: 'Danish Workers Party (DWP)' and 'Workers Party (WP)' are two parties
    store(engine, [
        build_analysis(doc("a", "The Workers Party (WP) held a congress.", "2001-01-01"),
                       [("Workers Party", "Organization", ["WP"])]),
        build_analysis(doc("b", "The Danish Workers Party (DWP) held a congress.", "2002-01-01"),
                       [("Danish Workers Party", "Organization", ["DWP"])]),
    ])
    with engine.connect() as conn:
        groups = {records.find_entities(conn, n)[0] for n in ("Workers Party", "Danish Workers Party")}
    assert len(groups) == 2


def test_a_dated_statement_and_an_undated_news_delisting_read_end_to_end(
        ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    # group 11: a government statement whose heading has its date; a wire story dated only by its dateline
    ingest_texts(
        doc("gov", "OFFICE OF THE SPOKESMAN\nApril 2, 2004\n\nThe Secretary of State designated the Ostra "
                   "Liberation League (OLL) as a foreign terrorist organization in 1998.\n"),
        doc("wire", "Tue Mar 9, 2010 8:15AM\n\nThe United States has formally removed the Ostra Liberation League "
                    "(OLL) from its list of terrorist organizations. Officials said the group had laid down its "
                    "arms.\n"))
    rows = by_doc(engine)
    delisted = rows[("delisted_terrorist", "wire")]
    assert delisted["qualifiers"]["time"]["start"] == "2010-03-09"
    assert delisted["qualifiers"]["time"]["precision"] == AS_OF_DOC
    listed = rows[("designated_terrorist", "gov")]
    assert listed["qualifiers"]["time"]["start"] == "1998"
    assert listed["qualifiers"]["designator_state"] == "United States"
    assert listed["status"] == "superseded"


def test_a_government_s_delisting_ends_its_state_s_listing(engine: Engine) -> None:
    # group 12: a reference text names the state, a wire story names the state's government
    gov = ("Norwegian government", "Organization")
    store(engine, [
        build_analysis(doc("ref", "Norway listed the Ostra Liberation League in 2002.", "2003-01-01"),
                       [LEAGUE, NORWAY], [listing("Norway", year("2002"))]),
        build_analysis(doc("wire", "The Norwegian government delisted the Ostra Liberation League in 2009.",
                           "2009-04-04"), [LEAGUE, gov], [delisting("Norwegian government", year("2009"))]),
    ])
    assert by_doc(engine)[("designated_terrorist", "ref")]["status"] == "superseded"
