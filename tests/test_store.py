"""Store: round trip, idempotence, one claim with many evidence rows, kill-and-resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from claimgraph.model import Analysis, Claim, Entity, EvidenceSpan, LiteralValue, Mention, SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings
from claimgraph.store import records
from claimgraph.store.db import table_names
from claimgraph.store.schema import claims, documents, evidence, mentions
from claimgraph.store.writer import write_analysis


def _analysis(text: str, source: str, founded: str = "1963") -> Analysis:
    """A hand-built analysis: the Red Dawn Front (RDF) founded in a year by Ana Ruiz."""
    doc = SourceDocument(text=text, source=source)
    org = Entity(key="org", name="Red Dawn Front", type="Organization", aliases={"Red Dawn Front", "RDF"})
    person = Entity(key="p", name="Ana Ruiz", type="Person", aliases={"Ana Ruiz"})
    start = text.index("Red Dawn Front")
    pstart = text.index("Ana Ruiz")
    sentence = EvidenceSpan(0, len(text), text)
    return Analysis(
        document=doc,
        entities={"org": org, "p": person},
        mentions=[Mention(start, start + 14, "Red Dawn Front", "org", "Organization"),
                  Mention(pstart, pstart + 8, "Ana Ruiz", "p", "Person")],
        claims=[Claim("org", "founded_by", "p", [sentence]),
                Claim("org", "founded_in", LiteralValue(founded, "date"), [sentence],
                      qualifiers={"time": {"text": founded, "start": founded}})],
        word_count=len(text.split()))


def test_schema_is_migrated(engine: Engine) -> None:
    assert {"documents", "entities", "aliases", "mentions", "claims", "evidence", "reviews",
            "entity_merges", "alembic_version"} <= set(table_names(engine))


def test_new_store_schema_is_the_migrations(tmp_path: Path) -> None:
    """A new SQLite store is made by the packaged script (no Alembic), with the schema the migrations give."""
    import sqlite3

    from claimgraph.store import headschema
    from claimgraph.store.db import get_engine, migration_heads

    heads, statements = headschema.alembic_schema()
    assert heads == migration_heads()
    # the packaged script is the migrations' schema (rewrite it with `python -m claimgraph.store.headschema`)
    assert headschema.HEAD_SCRIPT.read_text(encoding="utf-8") == headschema.script_text(heads, statements)
    path = tmp_path / "new.db"
    get_engine(f"sqlite:///{path}").dispose()
    made = sqlite3.connect(path)
    assert headschema.dump_schema(made) == statements
    assert {r[0] for r in made.execute("SELECT version_num FROM alembic_version")} == set(heads)
    # the full-text tables' own tables and the constraints' indexes are there too, as Alembic leaves them
    assert made.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'documents_fts_%'").fetchone()[0] >= 4
    made.close()


def test_store_with_tables_is_not_remade(tmp_path: Path) -> None:
    """The script makes only an empty store: one that has tables is left to the migrations."""
    import sqlite3

    from sqlalchemy import create_engine

    from claimgraph.store.db import migration_heads
    from claimgraph.store.headschema import create_at_head

    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE kept (x INTEGER)").connection.commit()
    engine = create_engine(f"sqlite:///{path}")
    assert not create_at_head(engine, migration_heads())
    assert not create_at_head(engine, frozenset({"some_other_head"}))
    engine.dispose()
    assert [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")] == ["kept"]


def test_round_trip(engine: Engine) -> None:
    text = "The Red Dawn Front was founded in 1963 by Ana Ruiz."
    doc_id = write_analysis(engine, _analysis(text, "a.txt"))
    with engine.connect() as conn:
        docs = list(records.iter_documents(conn))
        ents = {e["name"]: e for e in records.iter_entities(conn)}
        ment = list(records.iter_mentions(conn))
        cls = list(records.iter_claims(conn))
        stored_text = records.document_text(conn, doc_id)
    assert stored_text == text
    assert docs[0]["id"] == doc_id and docs[0]["source"] == "a.txt"
    assert ents["Red Dawn Front"]["aliases"] == ["RDF"]
    for m in ment:
        assert text[m["start"]:m["end"]] == m["text"]
    by_pred = {c["predicate"]: c for c in cls}
    assert by_pred["founded_by"]["object"]["name"] == "Ana Ruiz"
    assert by_pred["founded_in"]["object"] == {"value": "1963", "type": "date"}
    ev = by_pred["founded_in"]["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["text"]


def test_same_content_twice_is_one_document(engine: Engine) -> None:
    text = "The Red Dawn Front was founded in 1963 by Ana Ruiz."
    assert write_analysis(engine, _analysis(text, "a.txt")) is not None
    assert write_analysis(engine, _analysis(text, "copy.txt")) is None
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == 1
        assert conn.execute(select(func.count()).select_from(evidence)).scalar() == 2


def test_same_claim_from_two_documents_is_one_claim_with_two_evidence_rows(engine: Engine) -> None:
    write_analysis(engine, _analysis("The Red Dawn Front was founded in 1963 by Ana Ruiz.", "a.txt"))
    write_analysis(engine, _analysis("Ana Ruiz set up the Red Dawn Front, founded in 1963.", "b.txt"))
    with engine.connect() as conn:
        cls = {c["predicate"]: c for c in records.iter_claims(conn)}
    assert len(cls["founded_by"]["evidence"]) == 2
    assert cls["founded_by"]["corroboration"]["documents"] == 2


def test_conflicting_values_are_kept_side_by_side(engine: Engine) -> None:
    write_analysis(engine, _analysis("The Red Dawn Front was founded in 1963 by Ana Ruiz.", "a.txt"))
    write_analysis(engine, _analysis("The Red Dawn Front was founded in 1965 by Ana Ruiz.", "b.txt", "1965"))
    with engine.connect() as conn:
        years = sorted(c["object"]["value"] for c in records.iter_claims(conn) if c["predicate"] == "founded_in")
    assert years == ["1963", "1965"]


def test_failed_document_leaves_nothing_behind(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.store import writer

    analysis = _analysis("The Red Dawn Front was founded in 1963 by Ana Ruiz.", "a.txt")

    def boom(*_args: object, **_kw: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "_write_claims", boom)
    with pytest.raises(RuntimeError):
        write_analysis(engine, analysis)
    with engine.connect() as conn:
        for table in (documents, mentions, claims, evidence):
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 0


def test_one_failing_document_does_not_lose_the_batch(settings: Settings, engine: Engine,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph import pipeline

    real = pipeline.write_analysis

    def flaky(eng, analysis, find=None):  # type: ignore[no-untyped-def]
        if "poison" in analysis.document.text:
            raise RuntimeError("simulated crash")
        return real(eng, analysis, find)

    monkeypatch.setattr(pipeline, "write_analysis", flaky)
    docs = [SourceDocument(text=f"Report {i} about the {'poison ' if i == 1 else ''}harbour.", source=f"{i}.txt")
            for i in range(3)]
    report = ingest(docs, settings, engine)
    assert len(report.stored) == 2 and len(report.failures) == 1
    assert "simulated crash" in report.failures[0].reason
    monkeypatch.setattr(pipeline, "write_analysis", real)
    again = ingest(docs, settings, engine)
    assert len(again.stored) == 1 and len(again.duplicates) == 2


def test_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    """SIGKILL a real ingest mid-batch, run it again: every document once, none half-written."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(
            f"Report {i}. The Red Dawn Front attacked the depot in Sector {i} in 199{i % 10}. "
            "Officials said the group was founded by Ana Ruiz.", encoding="utf-8")
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "claimgraph.cli", "--db", str(db), "ingest", "--quiet", str(folder)]
    env = {**os.environ, "CLAIMGRAPH_NLP_BATCH_SIZE": "1"}
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            stored = _count(db)
            if stored >= 3:
                break
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored >= 3, "the first run stored nothing before it was killed"
    finished = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    from claimgraph.store.db import get_engine

    engine = get_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        n_docs = conn.execute(select(func.count()).select_from(documents)).scalar()
        sources = list(conn.execute(select(documents.c.source)).scalars())
        without_mentions = conn.execute(select(func.count()).select_from(documents).where(
            ~documents.c.id.in_(select(mentions.c.document_id)))).scalar()
    assert n_docs == 40 and len(set(sources)) == 40
    assert without_mentions == 0


def _count(db: Path) -> int:
    """Documents stored so far (0 while the schema is still being created)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("select count(*) from documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_entity_qualifiers_point_at_stored_entities(engine: Engine) -> None:
    text = "The Red Dawn Front was founded in 1963 by Ana Ruiz in Lima."
    analysis = _analysis(text, "a.txt")
    analysis.entities["lima"] = Entity(key="lima", name="Lima", type="Place", aliases={"Lima"})
    analysis.claims[0].qualifiers["place"] = {"key": "lima", "name": "Lima", "type": "Place"}
    write_analysis(engine, analysis)
    with engine.connect() as conn:
        lima = next(e["id"] for e in records.iter_entities(conn) if e["name"] == "Lima")
        claim = next(c for c in records.iter_claims(conn) if c["predicate"] == "founded_by")
    assert claim["qualifiers"]["place"] == {"id": lima, "name": "Lima", "type": "Place"}


def test_stand_in_actors_stay_in_their_own_document(engine: Engine) -> None:
    for n, source in enumerate(("a.txt", "b.txt")):
        text = f"Report {n}: gunmen attacked the Red Dawn Front office; Ana Ruiz escaped."
        analysis = _analysis(text, source)
        analysis.entities["x"] = Entity(key="x", name="unnamed perpetrator", type="Group",
                                        aliases={"unnamed perpetrator"}, attrs={"placeholder": True})
        analysis.claims.append(Claim("x", "attacked", "org", [EvidenceSpan(0, len(text), text)]))
        write_analysis(engine, analysis)
    with engine.connect() as conn:
        stand_ins = [e for e in records.iter_entities(conn) if e["name"] == "unnamed perpetrator"]
        attacks = [c for c in records.iter_claims(conn) if c["predicate"] == "attacked"]
        assert records.find_entities(conn, "unnamed perpetrator") == []
    assert len(stand_ins) == 2 and all(e["aliases"] == [] for e in stand_ins)
    assert len({c["subject"]["id"] for c in attacks}) == 2


@pytest.mark.parametrize("keyed", [False, True])
def test_aligned_documents_asked_for_some_claims_equal_the_whole_store_reading(keyed: bool) -> None:
    """The scoped reading of claims saying the same thing (merges, inverse and symmetric predicates, literals)
    gives, for the claims asked, what reading every claim gives: through merge groups for rows without a
    triple key, through the key (and merge groups where merges take part) for rows that have one."""
    import random

    from sqlalchemy import create_engine, insert, update

    from claimgraph.store.derived import aligned_documents, triple_hash
    from claimgraph.store.schema import entities, metadata

    rng = random.Random(7)
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    people = [f"e-{n}" for n in range(12)]
    predicates = ["leader_of", "led_by", "collaborates_with", "member_of", "founded_in"]
    with engine.begin() as conn:
        conn.execute(insert(documents), [{"id": f"d-{n}", "sha256": f"{n:064d}", "title": None, "source": "x.txt",
                                          "text": "t", "word_count": 1, "ingested_at": "2024-01-01"}
                                         for n in range(30)])
        conn.execute(insert(entities), [{"id": i, "name": i, "type": "Organization", "geo": None,
                                         "external_ids": {}, "attrs": {}, "merged_into": None} for i in people])
        for merged, into in (("e-1", "e-0"), ("e-2", "e-1"), ("e-5", "e-4")):
            conn.execute(update(entities).where(entities.c.id == merged).values(merged_into=into))
        rows, passages = [], []
        for n in range(300):
            predicate = rng.choice(predicates)
            literal = predicate == "founded_in"
            rows.append({"id": f"c-{n:03d}", "subject_id": rng.choice(people), "predicate": predicate,
                         "object_id": None if literal else rng.choice(people),
                         "object_value": rng.choice(["1990", "1991"]) if literal else None,
                         "object_type": "date" if literal else None, "qualifiers": {}, "modality": "asserted",
                         "polarity": rng.choice(["positive", "positive", "negative"]),
                         "attributed_to_id": rng.choice([None, None, "e-3"]), "confidence": 0.5,
                         "status": "active"})
            passages += [{"claim_id": f"c-{n:03d}", "document_id": f"d-{rng.randrange(30)}", "start": k,
                          "end": k + 1, "text": "t", "extractor": "test", "confidence": 0.5}
                         for k in range(rng.choice([1, 2]))]
        if keyed:  # as the writer stores them; a few rows (stored before migration 0010) have none
            for n, row in enumerate(rows):
                row["triple_key"] = None if n % 10 == 3 else triple_hash(row)
        conn.execute(insert(claims), rows)
        conn.execute(insert(evidence), passages)
    with engine.connect() as conn:
        everything = aligned_documents(conn)
        assert len(everything) > 50  # the draw holds many claims said more than once
        for asked in ([f"c-{n:03d}" for n in range(0, 300, 7)], [f"c-{n:03d}" for n in range(300)]):
            scoped = aligned_documents(conn, asked)
            assert scoped == {c: docs for c, docs in everything.items() if c in asked}


def _bench(name: str):  # type: ignore[no-untyped-def]
    """A module of benchmarks/ (not a package), imported by path."""
    import importlib

    folder = str(Path(__file__).resolve().parents[1] / "benchmarks")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


def test_scale_generator_leaves_what_ingest_and_its_steps_leave(settings: Settings) -> None:
    """The scale benchmark's bulk store (indexes built after the rows, after-ingest results written in one
    pass) equals what the real after-ingest steps compute for the same documents, and is fully indexed."""
    from claimgraph.reason.plugin import after_ingest
    from claimgraph.store.db import get_engine
    from claimgraph.store.pending import check_derived, pending_documents

    engine = get_engine(settings.store.url)
    with engine.connect() as conn:
        before = set(conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL").all())
    counts = _bench("bench_api").build_store(engine, 300)
    assert counts["documents"] == 300 and counts["claims"] > 2000 and counts["evidence"] >= counts["claims"]
    assert _bench("bench_scale").derive_in_bulk(engine)
    with engine.connect() as conn:
        assert set(conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL").all()) == before
        assert pending_documents(conn) == []
        # every document searchable, as the insert trigger would have made it
        assert conn.exec_driver_sql("SELECT count(*) FROM documents_fts").scalar() == 300
        superseded = conn.execute(select(func.count()).select_from(claims).where(claims.c.status == "superseded"))
        assert (superseded.scalar() or 0) > 0  # the check below compares statuses that were decided
    report = check_derived(engine, after_ingest)
    assert all(not lines for lines in report.values()), report


def test_store_in_missing_folder_is_one_line_error(tmp_path: Path) -> None:
    """A SQLite store in a folder that does not exist: the command says so in one line, no traceback, no folder made."""
    from click.testing import CliRunner

    from claimgraph.cli.main import cli

    text_file = tmp_path / "note.txt"
    text_file.write_text("The Red Dawn Front was founded in 1963.", encoding="utf-8")
    missing = tmp_path / "nowhere" / "x.db"
    result = CliRunner().invoke(cli, ["--db", str(missing), "ingest", "--quiet", str(text_file)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "does not exist" in lines[0] and str(missing.parent) in lines[0], result.output
    assert "Traceback" not in result.output and not missing.parent.exists()


def test_store_that_cannot_be_opened_is_store_unavailable(tmp_path: Path) -> None:
    """A store path SQLite cannot open (a folder where the file should be) raises StoreUnavailable, naming it."""
    from claimgraph.store.db import StoreUnavailable, get_engine

    folder = tmp_path / "is-a-folder.db"
    folder.mkdir()
    with pytest.raises(StoreUnavailable, match="cannot open the store .*is-a-folder.db"):
        get_engine(f"sqlite:///{folder}")
