"""Review: accept, reject, annotate; merge and split entities; all of it survives re-ingesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select

from claimgraph.cli.main import cli
from claimgraph.model import LiteralValue, SourceDocument
from claimgraph.profile import build_profile
from claimgraph.reason import review as rv
from claimgraph.reason.synth import build_analysis, store
from claimgraph.settings import Settings
from claimgraph.store import records
from claimgraph.store.schema import entity_merges, reviews

FRONT = ("Red Dawn Front", "Organization")


def doc(name: str, text: str, published: str | None = None) -> SourceDocument:
    return SourceDocument(text=text, source=f"{name}.txt", id=name, published=published)


def founding(engine: Engine) -> list[str]:
    """Two founding claims from two documents; returns their ids (1963, 1965)."""
    store(engine, [
        build_analysis(doc("a", "The Red Dawn Front was founded in 1963."), [FRONT],
                       [{"subject": "Red Dawn Front", "predicate": "founded_in", "object": LiteralValue("1963", "date")}]),
        build_analysis(doc("b", "The Red Dawn Front was founded in 1965."), [FRONT],
                       [{"subject": "Red Dawn Front", "predicate": "founded_in", "object": LiteralValue("1965", "date")}]),
    ])
    with engine.connect() as conn:
        found = {c["object"]["value"]: c["id"] for c in records.iter_claims(conn)}
    return [found["1963"], found["1965"]]


def status_of(engine: Engine, claim_id: str) -> str:
    with engine.connect() as conn:
        [claim] = [c for c in records.iter_claims(conn) if c["id"] == claim_id]
    return claim["status"]


def test_reject_keeps_the_claim_but_takes_it_out_of_profiles(engine: Engine) -> None:
    early, late = founding(engine)
    with engine.begin() as conn:
        done = rv.review(conn, "claim", late, "reject", "ana", "the article says 1963 elsewhere")
    assert done["status"] == "rejected" and done["reviewer"] == "ana" and done["created_at"]
    assert status_of(engine, late) == "rejected"
    with engine.connect() as conn:
        entity_id = records.find_entities(conn, "Red Dawn Front")[0]
        shown = [ln.claim["id"] for lines in build_profile(conn, entity_id).sections.values() for ln in lines]
        history = rv.history(conn, late)
    assert early in shown and late not in shown
    assert [(h["action"], h["reviewer"], h["note"]) for h in history] == \
        [("reject", "ana", "the article says 1963 elsewhere")]
    with engine.begin() as conn:
        rv.review(conn, "claim", late, "accept", "ben", "checked against the original")
    assert status_of(engine, late) == "active"


def test_annotate_and_entity_reviews_are_recorded(engine: Engine) -> None:
    early, _ = founding(engine)
    with engine.begin() as conn:
        rv.review(conn, "claim", early, "annotate", "ana", "year also in the 1970 yearbook")
        entity_id = records.find_entities(conn, "Red Dawn Front")[0]
        rv.review(conn, "entity", entity_id, "accept", "ana", "one group")
        rows = conn.execute(select(reviews)).mappings().all()
    assert status_of(engine, early) == "active"
    assert {(r["target_kind"], r["action"]) for r in rows} >= {("claim", "annotate"), ("entity", "accept")}


@pytest.mark.parametrize("kind,target,action,reviewer", [
    ("claim", "c-missing", "reject", "ana"), ("document", "x", "reject", "ana"),
    ("claim", "__first__", "delete", "ana"), ("claim", "__first__", "reject", ""),
])
def test_bad_reviews_are_refused(engine: Engine, kind: str, target: str, action: str, reviewer: str) -> None:
    first, _ = founding(engine)
    with engine.begin() as conn, pytest.raises(rv.ReviewError):
        rv.review(conn, kind, first if target == "__first__" else target, action, reviewer)


def test_reviews_survive_reingesting_the_same_and_new_documents(engine: Engine) -> None:
    early, late = founding(engine)
    with engine.begin() as conn:
        rv.review(conn, "claim", late, "reject", "ana", "wrong year")
    # the same documents again (deduplicated) and a new one repeating the rejected statement
    store(engine, [
        build_analysis(doc("b", "The Red Dawn Front was founded in 1965."), [FRONT],
                       [{"subject": "Red Dawn Front", "predicate": "founded_in", "object": LiteralValue("1965", "date")}]),
        build_analysis(doc("c", "Once more: the Red Dawn Front was founded in 1965."), [FRONT],
                       [{"subject": "Red Dawn Front", "predicate": "founded_in", "object": LiteralValue("1965", "date")}]),
    ])
    assert status_of(engine, late) == "rejected"
    assert status_of(engine, early) == "active"


def two_people(engine: Engine) -> tuple[str, str]:
    store(engine, [
        build_analysis(doc("a", "Anton Vell leads the Red Dawn Front."), [FRONT, ("Anton Vell", "Person")]),
        build_analysis(doc("b", "Commander Vellos addressed the Red Dawn Front."), [FRONT, ("Vellos", "Person")]),
    ])
    with engine.connect() as conn:
        return records.find_entities(conn, "Anton Vell")[0], records.find_entities(conn, "Vellos")[0]


def test_manual_merge_and_split_are_logged_and_reversible(engine: Engine) -> None:
    anton, vellos = two_people(engine)
    assert anton != vellos
    with engine.begin() as conn:
        rv.merge_entities(conn, anton, vellos, "ana", "Vellos is Vell's nom de guerre")
    with engine.connect() as conn:
        assert records.find_entities(conn, "Vellos") == [anton]
        people = [e for e in records.iter_entities(conn) if e["type"] == "Person"]
    assert len(people) == 1 and "Vellos" in people[0]["aliases"]
    # a new document naming Vellos follows the merge
    store(engine, [build_analysis(doc("c", "Vellos spoke again."), [("Vellos", "Person")])])
    with engine.connect() as conn:
        assert records.find_entities(conn, "Vellos") == [anton]
    with engine.begin() as conn:
        rv.split_entity(conn, anton, "Vellos", "ben", "two people after all")
        log = [(r["action"], r["reviewer"]) for r in conn.execute(select(entity_merges)).mappings()]
    assert ("merge", "ana") in log and ("split", "ben") in log
    store(engine, [build_analysis(doc("d", "Vellos and Anton Vell met the Red Dawn Front."),
                                  [FRONT, ("Vellos", "Person"), ("Anton Vell", "Person")])])
    with engine.connect() as conn:
        assert records.find_entities(conn, "Vellos")[0] != records.find_entities(conn, "Anton Vell")[0]


def test_split_an_alias_out_and_keep_it_out(engine: Engine) -> None:
    store(engine, [build_analysis(doc("a", "Ilya Sorensen, whom fighters call the Doctor, leads the group."),
                                  [("Ilya Sorensen", "Person", ["Doctor"])])])
    with engine.connect() as conn:
        ilya = records.find_entities(conn, "Ilya Sorensen")[0]
    with engine.begin() as conn:
        done = rv.split_entity(conn, ilya, "Doctor", "ana", "the Doctor is another commander")
    with engine.connect() as conn:
        assert records.find_entities(conn, "Doctor") == [done["other_id"]]
        ents = {e["name"]: e for e in records.iter_entities(conn)}
        moved = [m for m in records.iter_mentions(conn) if m["text"] == "Doctor"]
    assert "Doctor" not in ents["Ilya Sorensen"]["aliases"] and "Doctor" in ents
    assert moved and all(m["entity_id"] == done["other_id"] for m in moved)
    # a later document that again calls Sorensen the Doctor does not put the name back
    store(engine, [build_analysis(doc("b", "Ilya Sorensen (the Doctor) spoke."), [("Ilya Sorensen", "Person",
                                                                                   ["Doctor"])])])
    with engine.connect() as conn:
        ents = {e["name"]: e for e in records.iter_entities(conn)}
    assert "Doctor" not in ents["Ilya Sorensen"]["aliases"]


def test_cli_review_merge_split_conflicts_sources(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    early, late = founding(engine)
    db = settings.store.url

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    assert "rejected" in run("review", "claim", late, "--reject", "--by", "ana", "--why", "typo")
    assert "reject" in run("review", "claim", late)
    lines = [json.loads(line) for line in run("conflicts", "--json").splitlines()]
    assert lines == []  # the rejected claim no longer disagrees with anything
    run("review", "claim", late, "--accept", "--by", "ben")
    assert json.loads(run("conflicts", "--json").splitlines()[0])["kind"] == "value"
    profiles = [json.loads(line) for line in run("sources", "--json").splitlines()]
    assert {p["kind"] for p in profiles} == {"document", "outlet"}
    store(engine, [build_analysis(doc("p", "Vellos met Anton Vell."), [("Vellos", "Person"), ("Anton Vell", "Person")])])
    assert "merged" in run("merge", "Anton Vell", "Vellos", "--by", "ana")
    assert "split" in run("split", "Anton Vell", "--alias", "Vellos", "--by", "ana")
    exported = tmp_path / "reviews.jsonl"
    run("reviews", "--export", str(exported))
    kinds = [json.loads(line)["type"] for line in exported.read_text().splitlines()]
    assert "review" in kinds and "merge_log" in kinds


def test_reviews_move_to_a_store_rebuilt_from_the_same_documents(tmp_path: Path) -> None:
    from claimgraph.store.db import get_engine

    first = get_engine(f"sqlite:///{tmp_path / 'one.db'}")
    early, late = founding(first)
    with first.begin() as conn:
        rv.review(conn, "claim", late, "reject", "ana", "wrong")
    exported = tmp_path / "reviews.jsonl"
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "one.db"), "reviews", "--export", str(exported)])
    assert result.exit_code == 0, result.output
    rebuilt = get_engine(f"sqlite:///{tmp_path / 'two.db'}")
    assert founding(rebuilt) == [early, late]  # claim ids are stable across stores
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "two.db"), "reviews", "--import", str(exported)])
    assert result.exit_code == 0, result.output
    assert status_of(rebuilt, late) == "rejected" and status_of(rebuilt, early) == "active"
