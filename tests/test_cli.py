"""The command line through Click's CliRunner, as a user types it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fixtures_gen import make_broken

from claimgraph.cli.main import cli

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "mko-article.txt"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_then_query_the_seed(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "ingest", str(SEED))
    assert code == 0, err
    assert "stored 1 documents" in err
    # the rate is the analysis's, the model's loading told apart
    assert "words/s of analysis" in err and "s loading the model and reference data)" in err
    code, _, err = run("--db", db, "ingest", str(SEED))
    assert code == 0 and "1 already stored" in err
    code, out, _ = run("--db", db, "entities", "--json")
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert "Massoud Rajavi" in names
    code, out, _ = run("--db", db, "entities", "--type", "Person")
    assert code == 0 and all("\tPerson\t" in line for line in out.splitlines())
    code, out, _ = run("--db", db, "claims", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["evidence"] for r in rows)
    code, out, _ = run("--db", db, "claims", "--about", "Massoud Rajavi")
    assert code == 0 and "Rajavi" in out and "↳" in out


def test_profile_cites_every_line(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    run("--db", db, "ingest", str(SEED))
    code, out, err = run("--db", db, "profile", "Massoud Rajavi", "--json")
    assert code == 0, err
    prof = json.loads(out)
    lines = [ln for section in prof["sections"].values() for ln in section]
    assert lines
    text = SEED.read_text(encoding="utf-8")
    for ln in lines:
        assert ln["text"].split(":")[0].strip()  # every statement names who says it
        for ev in ln["claim"]["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_unknown_profile_name_is_a_clear_error(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "profile", "Nobody Atall")
    assert code != 0 and "no entity named" in err


def test_broken_files_are_reported_and_the_rest_lands(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_broken(folder)
    (folder / "good.txt").write_text("The Silver Fist attacked a depot in Mosul in 2004.", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "ingest", str(folder))
    assert code == 1
    for name in ("corrupt.pdf", "corrupt.docx", "junk.txt", "latin.txt", "empty.txt"):
        assert name in err
    assert "stored 1 documents" in err


def test_stdin_jsonl_keeps_ids(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    lines = "\n".join(json.dumps({"id": f"x{i}", "text": f"Report {i} from Basra."}) for i in range(3))
    code, _, err = run("--db", db, "ingest", "-", input=lines)
    assert code == 0, err
    out_dir = tmp_path / "out"
    code, _, _ = run("--db", db, "export", "--format", "jsonl", "--out", str(out_dir))
    ids = [json.loads(line)["id"] for line in (out_dir / "documents.jsonl").read_text().splitlines()]
    assert ids == ["x0", "x1", "x2"]


def test_unknown_export_format(tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "cli.db"), "export", "--format", "nope", "--out", str(tmp_path))
    assert code != 0 and "unknown format" in err


def test_config_command_and_bad_config(tmp_path: Path) -> None:
    code, out, _ = run("config")
    assert json.loads(out)["nlp"]["batch_size"] >= 16
    bad = tmp_path / "bad.toml"
    bad.write_text("[nlp]\nbatchsize = 3\n", encoding="utf-8")
    code, _, err = run("--config", str(bad), "config")
    assert code != 0 and "unknown setting 'batchsize'" in err


def test_folder_with_broken_html_good_html_and_text(tmp_path: Path) -> None:
    from fixtures_gen import make_html

    folder = tmp_path / "in"
    folder.mkdir()
    make_html(folder / "good.html")
    (folder / "broken.html").write_bytes(b"<html><body>\x00\x01\x02\xff\xfe binary junk" * 50)
    (folder / "note.txt").write_text("The Amber League opened an office in Tunis in 2015.", encoding="utf-8")
    (folder / "README.md").write_text("# What these files are\n\nTest inputs.", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "ingest", str(folder))
    assert code == 1
    assert "broken.html" in err and "stored 2 documents" in err
    code, out, _ = run("--db", db, "stats")
    assert "documents\t2" in out and "pending_after_ingest\t0" in out
    code, _, err = run("--db", db, "ingest", str(folder))  # a re-run changes nothing and reports the same failure
    assert code == 1 and "stored 0 documents, 2 already stored, 1 failed" in err


def test_messages_are_plain_text_not_console_markup(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "[/red] [link=x]y[/link] :100:", "text": "A text.", "published": "2020-13-45"}),
            json.dumps({"id": "fine", "text": "The Amber League met in Tunis."})]
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "ingest", "-", input="\n".join(rows) + "\n")
    assert code == 1
    line = next(ln for ln in err.splitlines() if ln.startswith("error:"))
    assert "<stdin>:1" in line and "[/red] [link=x]y[/link] :100:" in line and "month 13" in line
    assert "stored 1 documents" in err


def test_jsonl_bad_kinds_are_reported_the_rest_lands(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = ['{"id": "s", "text": "Broken \\ud800 pair in the Amber League report."}',
             "[" * 2000 + "]" * 2000,
             json.dumps({"id": "d", "text": "A dated note on the Amber League.", "published": "2020-13-45"}),
             json.dumps({"id": True, "text": "An id that is not a string."}),
             json.dumps({"id": "ok", "text": "The Amber League met in Tunis in 2019."})]
    batch.write_text("\n".join(lines), encoding="utf-8")
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "ingest", str(batch))
    assert code == 1
    failed = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert [ln.split("batch.jsonl:")[1].split(" ")[0].rstrip(":") for ln in failed] == ["2", "3", "4"]
    assert "stored 2 documents" in err
    code, _, err = run("--db", db, "ingest", str(batch))
    assert "stored 0 documents, 2 already stored, 3 failed" in err


def test_help_and_stats_load_no_heavy_library(tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = ("import sys\nfrom claimgraph.cli.main import cli\nsys.argv = ['claimgraph'] + sys.argv[1:]\n"
             "try:\n    cli()\nexcept SystemExit:\n    pass\n"
             "heavy = [m for m in ('spacy', 'fastapi', 'alembic', 'networkx', 'rdflib', 'trafilatura') "
             "if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)\n"
             "other = sorted(m for m in sys.modules if m.startswith(('claimgraph.reason', 'claimgraph.linking', "
             "'claimgraph.export', 'claimgraph.cli.reasoning', 'claimgraph.cli.eval')))\n"
             "print('OTHER', other, file=sys.stderr)\n")
    db = str(tmp_path / "light.db")
    run("--db", db, "stats")  # create and migrate the store first
    for args in (["--help"], ["--help"], ["--db", db, "stats"]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120,
                              env={**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
        assert "HEAVY []" in done.stderr, (args, done.stderr[-500:])
    # the listing cached which plugin adds each command: `stats` now imports only its own (no review, no export)
    assert "OTHER []" in done.stderr, done.stderr[-500:]


def test_repair_completes_what_a_killed_run_left_and_check_sees_it(tmp_path: Path) -> None:
    from sqlalchemy import delete

    from claimgraph.store.db import get_engine
    from claimgraph.store.pending import after_ingest_done

    db = str(tmp_path / "cli.db")
    rows = [json.dumps({"id": f"n{i}", "text": f"The Amber League opened office {i} in Tunis.",
                        "published": f"2020-01-0{i + 1}"}) for i in range(3)]
    code, _, err = run("--db", db, "ingest", "-", input="\n".join(rows) + "\n")
    assert code == 0, err
    code, out, _ = run("--db", db, "check")
    assert code == 0 and "DIFFERS" not in out
    engine = get_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # as if the run had been killed before its cross-source steps
        conn.execute(delete(after_ingest_done))
        conn.exec_driver_sql("DELETE FROM document_sources")
    code, out, _ = run("--db", db, "stats")
    assert "pending_after_ingest\t3" in out
    code, out, _ = run("--db", db, "check")
    assert code == 1 and "pending\tDIFFERS" in out and "document_sources\tDIFFERS" in out
    code, _, err = run("--db", db, "repair")
    assert code == 0 and "of 3 documents" in err
    code, out, _ = run("--db", db, "check")
    assert code == 0, out
    code, _, err = run("--db", db, "repair")
    assert "of 0 documents" in err
