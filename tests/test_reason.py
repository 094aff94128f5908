"""Across sources: corroboration, copies, inverse alignment, conflicts, supersession, time validity, source profiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from test_postgres import pg_url  # noqa: F401  (the PostgreSQL fixture)

from claimgraph.export.base import export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.model import LiteralValue, SourceDocument
from claimgraph.reason import review as rv
from claimgraph.reason.conflicts import find_conflicts
from claimgraph.reason.sources import source_profiles
from claimgraph.reason.synth import build_analysis, store
from claimgraph.reason.timeline import as_of, validity_note
from claimgraph.store import records

FRONT = ("Red Dawn Front", "Organization")
VARNIA = ("Varnia", "Country")
OSKAR = ("Camp Oskar", "Place")
MIRA = ("Mira", "Place")

ARTICLE = ("The Red Dawn Front was founded in 1963 in the hill country of Varnia, where its first cells "
           "organised among students and farm workers. Its leaders rejected the elections and took up arms "
           "after the crackdown of that winter, and the movement spread to the river towns within a decade.")


def doc(name: str, text: str, published: str | None = None, url: str | None = None) -> SourceDocument:
    return SourceDocument(text=text, source=f"{name}.txt", id=name, published=published, url=url)


def founded(year: str, evidence: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"subject": "Red Dawn Front", "predicate": "founded_in", "object": LiteralValue(year, "date"),
            "qualifiers": {"time": {"text": year, "start": year}}, "evidence": evidence, **fields}


def claims_by(engine: Engine, predicate: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return list(records.iter_claims(conn, records.claims_query(predicate=predicate)))


def kinds(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        found = find_conflicts(conn)
    out: dict[str, list[dict[str, Any]]] = {}
    for c in found:
        out.setdefault(c["kind"], []).append(c)
    return out


def test_copies_and_one_outlet_count_once(engine: Engine) -> None:
    copy = ARTICLE.replace("a decade", "ten years").replace("that winter", "the winter")
    other = "Founded in 1963, the Red Dawn Front says it fights for land reform in Varnia."
    second = "Varnian officials say the Red Dawn Front was founded in 1963 by exiles."
    store(engine, [
        build_analysis(doc("orig", ARTICLE, "2009-01-01", "https://www.north.example/a"), [FRONT, VARNIA],
                       [founded("1963", ARTICLE.split(" in the hill")[0])]),
        build_analysis(doc("copy", copy, "2009-01-03", "https://copier.example/b"), [FRONT, VARNIA],
                       [founded("1963", copy.split(" in the hill")[0])]),
        build_analysis(doc("same-outlet", other, "2009-02-01", "https://north.example/c"), [FRONT, VARNIA],
                       [founded("1963", other.split(",")[0])]),
        build_analysis(doc("independent", second, "2009-03-01", "https://south.example/d"), [FRONT],
                       [founded("1963")]),
    ])
    [claim] = claims_by(engine, "founded_in")
    assert claim["corroboration"] == {"documents": 4, "outlets": 3, "independent_sources": 2}
    assert len(claim["evidence"]) == 4
    with engine.connect() as conn:
        profiles = {p.get("document_id"): p for p in source_profiles(conn)}
    assert profiles["copy"]["copy_of"] == "orig"
    assert profiles["independent"]["copy_of"] is None


def test_earlier_copy_ingested_later_becomes_the_original(engine: Engine) -> None:
    copy = ARTICLE.replace("a decade", "ten years")
    store(engine, [build_analysis(doc("late", copy, "2011-05-01"), [FRONT], [founded("1963")])])
    store(engine, [build_analysis(doc("early", ARTICLE, "2010-05-01"), [FRONT], [founded("1963")])])
    with engine.connect() as conn:
        profiles = {p.get("document_id"): p for p in source_profiles(conn)}
    assert profiles["late"]["copy_of"] == "early" and profiles["early"]["copy_of"] is None
    [claim] = claims_by(engine, "founded_in")
    assert claim["corroboration"] == {"documents": 2, "outlets": 2, "independent_sources": 1}


def test_inverse_predicates_align_for_corroboration(engine: Engine) -> None:
    a = "Varnia supported the Red Dawn Front with weapons."
    b = "The Red Dawn Front was supported by Varnia, a defector said, and trained in its camps."
    store(engine, [
        build_analysis(doc("a", a, "2001-01-01"), [FRONT, VARNIA],
                       [{"subject": "Varnia", "predicate": "supported", "object": "Red Dawn Front"}]),
        build_analysis(doc("b", b, "2002-01-01"), [FRONT, VARNIA],
                       [{"subject": "Red Dawn Front", "predicate": "supported_by", "object": "Varnia"}]),
    ])
    for predicate in ("supported", "supported_by"):
        [claim] = claims_by(engine, predicate)
        assert claim["corroboration"] == {"documents": 2, "outlets": 2, "independent_sources": 2}, predicate


def test_value_conflict_on_founding_year_keeps_both_claims(engine: Engine, tmp_path: Path) -> None:
    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front was founded in 1963."), [FRONT], [founded("1963")]),
        build_analysis(doc("b", "The Red Dawn Front was founded in 1965, officials said."), [FRONT],
                       [founded("1965")]),
        build_analysis(doc("c", "The Red Dawn Front was founded in May 1963."), [FRONT], [founded("1963-05")]),
    ])
    found = kinds(engine)
    [value] = found["value"]
    assert len(value["claims"]) == 3 and "1963" in value["note"] and "1965" in value["note"]
    assert "a.txt" in value["note"] and "b.txt" in value["note"]
    assert len(claims_by(engine, "founded_in")) == 3
    with engine.connect() as conn:
        export_store(conn, JsonlExporter(tmp_path / "out"))
    lines = (tmp_path / "out" / "conflicts.jsonl").read_text().splitlines()
    assert any(json.loads(line)["kind"] == "value" for line in lines)


def test_compatible_dates_are_no_value_conflict(engine: Engine) -> None:
    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front was founded in 1963."), [FRONT], [founded("1963")]),
        build_analysis(doc("b", "The Red Dawn Front was founded in May 1963."), [FRONT], [founded("1963-05")]),
    ])
    assert "value" not in kinds(engine)


def test_qualifier_conflict_on_distance(engine: Engine) -> None:
    def near(km: float) -> dict[str, Any]:
        return {"subject": "Camp Oskar", "predicate": "located_near", "object": "Mira",
                "qualifiers": {"distance_km": km, "direction": "N"}}

    store(engine, [
        build_analysis(doc("a", "Camp Oskar lies 80 km north of Mira."), [OSKAR, MIRA], [near(80)]),
        build_analysis(doc("b", "Camp Oskar is 120 km north of Mira."), [OSKAR, MIRA], [near(120)]),
        build_analysis(doc("c", "Camp Oskar, about 82 km north of Mira."), [OSKAR, MIRA], [near(82)]),
    ])
    [conflict] = kinds(engine)["qualifier"]
    assert "distance_km" in conflict["note"] and "120" in conflict["note"] and "b.txt" in conflict["note"]
    assert "direction" not in conflict["note"]


def test_event_dates_are_separate_events_not_conflicts(engine: Engine) -> None:
    def attack(year: str) -> dict[str, Any]:
        return {"subject": "Red Dawn Front", "predicate": "attacked", "object": "Mira",
                "qualifiers": {"time": {"start": year}}}

    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front attacked Mira in 1981."), [FRONT, MIRA], [attack("1981")]),
        build_analysis(doc("b", "The Red Dawn Front attacked Mira in 1992."), [FRONT, MIRA], [attack("1992")]),
    ])
    assert "qualifier" not in kinds(engine)


def test_polarity_conflict_between_assertion_and_denial(engine: Engine) -> None:
    claim = {"subject": "Varnia", "predicate": "supported", "object": "Red Dawn Front"}
    store(engine, [
        build_analysis(doc("a", "Varnia armed the Red Dawn Front."), [FRONT, VARNIA], [claim]),
        build_analysis(doc("b", "Varnia never supported the Red Dawn Front."), [FRONT, VARNIA],
                       [{**claim, "polarity": "negative"}]),
    ])
    [conflict] = kinds(engine)["polarity"]
    assert len(conflict["claims"]) == 2 and "denied by b.txt" in conflict["note"]


def test_a_forecast_beside_a_denial_is_no_conflict(engine: Engine) -> None:
    claim = {"subject": "Varnia", "predicate": "supported", "object": "Red Dawn Front"}
    store(engine, [
        build_analysis(doc("a", "Varnia never supported the Red Dawn Front."), [FRONT, VARNIA],
                       [{**claim, "polarity": "negative"}]),
        build_analysis(doc("b", "Varnia will probably back the Red Dawn Front next year."), [FRONT, VARNIA],
                       [{**claim, "modality": "speculative"}]),
    ])
    assert not kinds(engine).get("polarity")

def test_a_stop_beside_the_act_is_a_change_not_a_conflict(engine: Engine) -> None:
    claim = {"subject": "Varnia", "predicate": "supported", "object": "Red Dawn Front"}
    store(engine, [
        build_analysis(doc("a", "Varnia armed the Red Dawn Front."), [FRONT, VARNIA], [claim]),
        build_analysis(doc("b", "Varnia has stopped its support for the Red Dawn Front."), [FRONT, VARNIA],
                       [{**claim, "polarity": "negative", "qualifiers": {"note": "ceased"}}]),
    ])
    assert not kinds(engine).get("polarity")
    store(engine, [build_analysis(doc("c", "Varnia never supported the Red Dawn Front."), [FRONT, VARNIA],
                                  [{**claim, "polarity": "negative"}])])
    [conflict] = kinds(engine)["polarity"]  # a plain denial still disagrees
    assert "c.txt" in conflict["note"]

def _listing(engine: Engine) -> dict[str, str]:
    us = ("United States", "Country")
    listed = {"subject": "United States", "predicate": "designated_terrorist", "object": "Red Dawn Front"}
    texts = {
        "y1998": "In 1997 the United States designated the Red Dawn Front a terrorist organization.",
        "y2010": "The United States still considers the Red Dawn Front a terrorist organization.",
        "y2012": "The United States removed the Red Dawn Front from its terrorism list in 2012.",
    }
    store(engine, [
        build_analysis(doc("y1998", texts["y1998"], "1998-02-01"), [FRONT, us],
                       [{**listed, "qualifiers": {"time": {"text": "1997", "start": "1997"}}}]),
        build_analysis(doc("y2010", texts["y2010"], "2010-04-01"), [FRONT, us],
                       [{**listed, "modality": "hedged"}]),
        build_analysis(doc("y2012", texts["y2012"], "2012-09-28"), [FRONT, us],
                       [{"subject": "United States", "predicate": "delisted_terrorist", "object": "Red Dawn Front",
                         "qualifiers": {"time": {"text": "2012", "start": "2012"}}}]),
    ])
    return {c["evidence"][0]["document_id"]: c["id"] for c in
            claims_by(engine, "designated_terrorist") + claims_by(engine, "delisted_terrorist")}


def test_listing_revoked_later_supersedes_earlier_claims(engine: Engine) -> None:
    ids = _listing(engine)
    status = {c["evidence"][0]["document_id"]: c["status"] for c in
              claims_by(engine, "designated_terrorist") + claims_by(engine, "delisted_terrorist")}
    assert status == {"y1998": "superseded", "y2010": "superseded", "y2012": "active"}
    superseded = kinds(engine)["superseded"]
    assert {tuple(c["claims"]) for c in superseded} == {(ids["y1998"], ids["y2012"]), (ids["y2010"], ids["y2012"])}
    assert any("as of 2010-04-01" in c["note"] for c in superseded)
    # still visible: the export and the claims list keep them
    assert len(claims_by(engine, "designated_terrorist")) == 2


def test_a_listing_after_the_delisting_stays_active(engine: Engine) -> None:
    _listing(engine)
    us = ("United States", "Country")
    store(engine, [build_analysis(doc("y2015", "The United States listed the Red Dawn Front again.", "2015-01-01"),
                                  [FRONT, us], [{"subject": "United States", "predicate": "designated_terrorist",
                                                 "object": "Red Dawn Front", "modality": "attributed"}])])
    status = {c["evidence"][0]["document_id"]: c["status"] for c in claims_by(engine, "designated_terrorist")}
    assert status["y2015"] == "active" and status["y2010"] == "superseded"


def test_rejecting_the_ender_restores_the_earlier_claims(engine: Engine) -> None:
    ids = _listing(engine)
    with engine.begin() as conn:
        rv.review(conn, "claim", ids["y2012"], "reject", "ana", "misread: the list was renewed")
        from claimgraph.reason.plugin import after_ingest

        after_ingest(conn, [])
    status = {c["evidence"][0]["document_id"]: c["status"] for c in
              claims_by(engine, "designated_terrorist") + claims_by(engine, "delisted_terrorist")}
    assert status == {"y1998": "active", "y2010": "active", "y2012": "rejected"}


def test_present_tense_claims_hold_as_of_their_document_date(engine: Engine) -> None:
    ids = _listing(engine)
    [present] = [c for c in claims_by(engine, "designated_terrorist") if c["id"] == ids["y2010"]]
    assert present["qualifiers"]["as_of"] == "2010-04-01"
    dated = [c for c in claims_by(engine, "designated_terrorist") if c["id"] == ids["y1998"]][0]
    assert "as_of" not in dated["qualifiers"]  # it states its own time
    with engine.connect() as conn:
        when = as_of(present, conn=conn)
    assert when["as_of"] == "2010-04-01" and when["until"] == "2012" and when["superseded_by"] == [ids["y2012"]]
    with engine.connect() as conn:
        assert validity_note(present, conn) == f"as of 2010-04-01; ended 2012 ({ids['y2012']})"


def test_headquarters_moved_later_supersedes(engine: Engine) -> None:
    tirana, baghdad = ("Tirana", "Place"), ("Baghdad", "Place")
    hq = {"subject": "Red Dawn Front", "predicate": "headquarters_in"}
    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front is headquartered in Baghdad.", "2005-01-01"), [FRONT, baghdad],
                       [{**hq, "object": "Baghdad"}]),
        build_analysis(doc("b", "The Red Dawn Front is now headquartered in Tirana.", "2016-01-01"), [FRONT, tirana],
                       [{**hq, "object": "Tirana"}]),
    ])
    found = kinds(engine)
    assert "value" in found and "superseded" in found
    status = {c["object"]["name"]: c["status"] for c in claims_by(engine, "headquarters_in")}
    assert status == {"Baghdad": "superseded", "Tirana": "active"}


def test_source_profiles_count_hedges_attribution_errata_and_stance(engine: Engine) -> None:
    police = ("Mira police", "Organization")
    chief = ("Anton Vell", "Person")
    text = ("The Red Dawn Front bombed a bridge near Mira. It reportedly attacked the Mira police. "
            "Anton Vell said the Red Dawn Front killed two guards. Correction: the bridge was near Mira.")
    store(engine, [build_analysis(doc("partisan", text, "2011-01-01", "https://www.voice.example/1"),
                                  [FRONT, MIRA, police, chief], [
        {"subject": "Red Dawn Front", "predicate": "bombed", "object": "Mira",
         "qualifiers": {"correction": {"from": "Mura", "to": "Mira"}}},
        {"subject": "Red Dawn Front", "predicate": "attacked", "object": "Mira police", "modality": "hedged"},
        {"subject": "Red Dawn Front", "predicate": "killed", "object": "Mira police", "modality": "attributed",
         "attributed_to": "Anton Vell"},
    ])])
    with engine.connect() as conn:
        profiles = source_profiles(conn)
    [document] = [p for p in profiles if p["kind"] == "document"]
    [outlet] = [p for p in profiles if p["kind"] == "outlet"]
    assert document["claims"] == 3 and document["errata"] == 1
    assert document["share_hedged"] == round(1 / 3, 3) and document["share_attributed"] == round(1 / 3, 3)
    assert document["share_unattributed"] == round(2 / 3, 3)
    stance = {s["name"]: s for s in document["stance"]}
    # only the asserted bombing is the source's own voice: the hedge and the quoted killing are not its stance
    assert stance["Red Dawn Front"]["label"] == "hostile" and stance["Red Dawn Front"]["against"] == 1
    bombed = next(c for c in records.iter_claims(engine.connect()) if c["predicate"] == "bombed")
    assert stance["Red Dawn Front"]["rests_on"] == [bombed["id"]]
    assert stance["Red Dawn Front"]["predicates"] == {"attacked": 1, "bombed": 1, "killed": 1}
    assert stance["Mira police"]["predicates"] == {"~attacked": 1, "~killed": 1}
    assert outlet["outlet"] == "voice.example" and outlet["documents"] == ["partisan"]


def test_end_to_end_sources_disagree_copy_and_revoke(ingest_texts: Any, engine: Engine, tmp_path: Path) -> None:
    base = ("The Red Dawn Front was founded in 1963. The group opposes the government of Varnia and "
            "recruits among students in the northern provinces, according to local reporters.")
    stored = ingest_texts(
        SourceDocument(text=base, source="north.html", id="north", published="2009-01-01",
                       url="https://north.example/1"),
        SourceDocument(text=base.replace("local reporters", "local journalists"), source="mirror.html",
                       id="mirror", published="2009-01-02", url="https://mirror.example/1"),
        SourceDocument(text="The Red Dawn Front was founded in 1965. Its leaders live abroad.", source="south.html",
                       id="south", published="2010-01-01", url="https://south.example/1"),
    )
    assert len(stored) == 3
    with engine.connect() as conn:
        profiles = {p.get("document_id"): p for p in source_profiles(conn)}
        founded_claims = list(records.iter_claims(conn, records.claims_query(predicate="founded_in")))
        conflicts = find_conflicts(conn)
    assert profiles["mirror"]["copy_of"] == "north"
    by_year = {c["object"]["value"]: c for c in founded_claims}
    assert by_year["1963"]["corroboration"] == {"documents": 2, "outlets": 2, "independent_sources": 1}
    assert by_year["1965"]["corroboration"] == {"documents": 1, "outlets": 1, "independent_sources": 1}
    assert any(c["kind"] == "value" and set(c["claims"]) >= {by_year["1963"]["id"], by_year["1965"]["id"]}
               for c in conflicts)


def test_event_figures_disagree_only_about_the_same_event(engine: Engine) -> None:
    def killed(year: str, n: int) -> dict[str, Any]:
        return {"subject": "Red Dawn Front", "predicate": "killed", "object": "Mira police",
                "qualifiers": {"time": {"start": year}, "quantity": n}}

    police = ("Mira police", "Organization")
    store(engine, [
        build_analysis(doc("a", "In 1992 the Red Dawn Front killed five Mira police officers."), [FRONT, police],
                       [killed("1992", 5)]),
        build_analysis(doc("b", "The Red Dawn Front killed seven of the Mira police in 1992."), [FRONT, police],
                       [killed("1992", 7)]),
        build_analysis(doc("c", "In 1995 the Red Dawn Front killed two Mira police guards."), [FRONT, police],
                       [killed("1995", 2)]),
    ])
    [conflict] = kinds(engine)["qualifier"]
    assert "(1992)" in conflict["note"] and "quantity" in conflict["note"] and "2 (" not in conflict["note"]


def test_a_base_held_in_two_years_is_no_conflict_but_two_listing_dates_are(engine: Engine) -> None:
    us = ("United States", "Country")
    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front had its base at Camp Oskar in 1986."), [FRONT, OSKAR],
                       [{"subject": "Red Dawn Front", "predicate": "has_base", "object": "Camp Oskar",
                         "qualifiers": {"time": {"start": "1986"}}}]),
        build_analysis(doc("b", "By 2003 the Red Dawn Front still had its base at Camp Oskar."), [FRONT, OSKAR],
                       [{"subject": "Red Dawn Front", "predicate": "has_base", "object": "Camp Oskar",
                         "qualifiers": {"time": {"start": "2003"}}}]),
        build_analysis(doc("c", "The United States listed the Red Dawn Front in 1997."), [FRONT, us],
                       [{"subject": "United States", "predicate": "designated_terrorist", "object": "Red Dawn Front",
                         "qualifiers": {"time": {"start": "1997"}}}]),
        build_analysis(doc("d", "The United States listed the Red Dawn Front in 1999."), [FRONT, us],
                       [{"subject": "United States", "predicate": "designated_terrorist", "object": "Red Dawn Front",
                         "qualifiers": {"time": {"start": "1999"}}}]),
    ])
    [conflict] = kinds(engine)["qualifier"]
    assert "designated_terrorist" in conflict["note"] and "1997" in conflict["note"] and "1999" in conflict["note"]


def test_a_failing_cross_source_step_is_logged_not_raised(engine: Engine, monkeypatch: Any, caplog: Any) -> None:
    from claimgraph.reason import plugin

    def broken(conn: Any, document_ids: list[str]) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr(plugin, "after_ingest", broken)
    plugin.claimgraph_after_ingest(engine=engine, document_ids=["x"])
    assert "cross-source steps failed" in caplog.text


def _ingest_one(engine: Engine, analysis: Any) -> None:
    """Store one document and run the after-ingest hook for it, as an ingest run does (incremental steps)."""
    from claimgraph import plugins
    from claimgraph.store.writer import write_analysis

    doc_id = write_analysis(engine, analysis)
    plugins.plugin_manager().hook.claimgraph_after_ingest(engine=engine, document_ids=[doc_id])


def _statuses(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {c["id"]: c["status"] for c in records.iter_claims(conn)}


def test_incremental_after_ingest_equals_a_full_recomputation(engine: Engine) -> None:
    _incremental_equals_full(engine)


@pytest.mark.slow
def test_incremental_after_ingest_equals_a_full_recomputation_on_postgres(pg_url: str) -> None:  # noqa: F811
    from test_postgres import _pg_database

    from claimgraph.store.db import get_engine
    from claimgraph.store.pending import pending_documents

    engine = get_engine(_pg_database(pg_url, "incremental"))
    _incremental_equals_full(engine)
    with engine.connect() as conn:  # the triggers of migration 0007 keep the pending list on PostgreSQL too
        assert pending_documents(conn) == []
    engine.dispose()


def _incremental_equals_full(engine: Engine) -> None:
    from claimgraph.reason.plugin import after_ingest
    from claimgraph.store.pending import check_derived

    us, lena = ("United States", "Country"), ("Lena Varo", "Person")
    movement = ("Dawn Movement", "Organization")
    listed = {"subject": "United States", "predicate": "designated_terrorist", "object": "Red Dawn Front"}
    steps = [
        ("a", "2009-03-01", "The United States listed the Red Dawn Front as a terrorist group in 2009.", [FRONT, us],
         [{**listed, "qualifiers": {"time": {"text": "2009", "start": "2009"}}}]),
        ("b", "2011-05-01", "The Red Dawn Front keeps its headquarters at Camp Oskar.", [FRONT, OSKAR],
         [{"subject": "Red Dawn Front", "predicate": "headquarters_in", "object": "Camp Oskar"}]),
        # the passive form: its canonical subject is the person, found through the claim's object
        ("c", "2012-02-01", "The Red Dawn Front is led by Lena Varo.", [FRONT, lena],
         [{"subject": "Red Dawn Front", "predicate": "led_by", "object": "Lena Varo"}]),
        ("d", "2013-07-01", "The United States took the Red Dawn Front off its list in 2013.", [FRONT, us],
         [{"subject": "United States", "predicate": "delisted_terrorist", "object": "Red Dawn Front",
           "qualifiers": {"time": {"text": "2013", "start": "2013"}}}]),
        ("e", "2016-01-01", "The Dawn Movement moved its headquarters to Mira.", [movement, MIRA],
         [{"subject": "Dawn Movement", "predicate": "headquarters_in", "object": "Mira"}]),
        ("f", "2017-01-01", "Lena Varo stepped down from the Red Dawn Front.", [FRONT, lena],
         [{"subject": "Lena Varo", "predicate": "stepped_down_from", "object": "Red Dawn Front"}]),
    ]
    for name, published, text, ents, claim_specs in steps:
        _ingest_one(engine, build_analysis(doc(name, text, published), ents, claim_specs))
    by_doc = {c["evidence"][0]["document_id"]: c for c in (
        claims_by(engine, "designated_terrorist") + claims_by(engine, "headquarters_in") + claims_by(engine, "led_by"))}
    assert by_doc["a"]["status"] == "superseded" and by_doc["c"]["status"] == "superseded"
    assert by_doc["b"]["status"] == "active"  # Mira is another entity's headquarters until the merge below
    # between ingests a reviewer merges the movement into the front and rejects the delisting; the next
    # document is about neither, yet the incremental step must see both changes
    with engine.begin() as conn:
        front_id, movement_id = (records.find_entities(conn, n)[0] for n in ("Red Dawn Front", "Dawn Movement"))
        rv.merge_entities(conn, front_id, movement_id, "ana", "one group")
        delisting = next(c["id"] for c in records.iter_claims(conn, records.claims_query(
            predicate="delisted_terrorist")))
        rv.review(conn, "claim", delisting, "reject", "ana", "misread")
    _ingest_one(engine, build_analysis(doc("g", "Varnia held elections in 2018.", "2018-06-01"), [VARNIA]))
    incremental = _statuses(engine)
    assert incremental[by_doc["b"]["id"]] == "superseded" and incremental[by_doc["a"]["id"]] == "active"
    report = check_derived(engine, after_ingest)
    assert all(not lines for lines in report.values()), report
    # and the comparison can fail: a status the steps did not write is reported
    with engine.begin() as conn:
        from sqlalchemy import update

        from claimgraph.store.schema import claims as claims_table

        conn.execute(update(claims_table).where(claims_table.c.id == by_doc["c"]["id"]).values(status="active"))
    assert check_derived(engine, after_ingest)["claims.status"]


def test_an_ending_pair_written_with_a_passive_form_still_pairs_member_and_body() -> None:
    """'member_of' is stored turned active (the body has the member), 'left' is not: a later 'left' still ends it."""
    from claimgraph.linking.schema import load_schema
    from claimgraph.reason.claim_views import ClaimView
    from claimgraph.reason.supersession import supersessions

    schema = load_schema()
    body, member, other = "e-guild", "e-ivo", "e-tomas"

    def view(cid: str, subject: str, predicate: str, obj: str, year: str) -> ClaimView:
        s, p, o = schema.canonical(subject, predicate, obj)
        return ClaimView(id=cid, subject=s, predicate=p, object=o, label=p, negative=False, status="active",
                         qualifiers={"time": {"start": year}})

    joined = view("c-joined", member, "member_of", body, "2004")
    bystander = view("c-other", other, "member_of", body, "2004")
    left = view("c-left", member, "left", body, "2010")
    ended = {(old.id, new.id) for old, new, _ in supersessions([joined, bystander, left], schema)}
    assert ended == {("c-joined", "c-left")}  # the other member's membership goes on
