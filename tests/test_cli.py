"""The command line through Click's CliRunner, as a user types it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fixtures_gen import make_broken

from claimgraph.cli.main import cli

SEED = Path(__file__).resolve().parents[1] / "examples" / "mko-article.txt"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_then_query_the_seed(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    code, _, err = run("--db", db, "ingest", str(SEED))
    assert code == 0, err
    assert "stored 1 documents" in err
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
