"""Runs a dev set or the seed article through ingest and export, then the shared scorer."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from claimgraph.eval import CORPUS_SET, DEV_SETS, SEED_SET
from claimgraph.export.base import Exporter, RecordKind, export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.ingest.readers import read_file
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.schema import entities

SCORE_LINE = re.compile(r"^score: task=(\S+) P=([\d.]+) R=([\d.]+) F1=([\d.]+)", re.M)
SEED_LINE = re.compile(r"^score: (.*)$", re.M)


class SharedDataMissing(RuntimeError):
    """The shared folder (scorers, dev sets) is not where it was looked for."""


@dataclass
class SetScore:
    """The scores of one set: micro P/R/F1 for dev sets, the seed scorer's fields for the seed."""

    name: str
    task: str
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    documents: int = 0
    words: int = 0
    seconds: float = 0.0
    extra: dict[str, float | str] = field(default_factory=dict)


def shared_dir(explicit: str | Path | None = None) -> Path:
    """The shared folder: explicit, $CLAIMGRAPH_SHARED, or ../shared next to the repository."""
    candidates = [Path(explicit)] if explicit else []
    if os.environ.get("CLAIMGRAPH_SHARED"):
        candidates.append(Path(os.environ["CLAIMGRAPH_SHARED"]))
    repo = Path(__file__).resolve().parents[2]
    candidates += [repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"]
    for path in candidates:
        if (path / "eval" / "score_common.py").exists():
            return path
    raise SharedDataMissing("shared folder with eval/score_common.py not found; set CLAIMGRAPH_SHARED")


def read_gold(path: Path, limit: int = 0) -> list[dict[str, object]]:
    """The first `limit` documents (all when 0) of a common-format JSONL file."""
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def _fresh_settings(workdir: Path, base: Settings | None) -> Settings:
    settings = base or load_settings()
    settings.store.url = f"sqlite:///{workdir / 'eval.db'}"
    return settings


class NamesReadFromText(Exporter):
    """An export whose unnamed stand-ins keep their empty name, as the dev-set scorer's contract reads them.

    Stand-ins are stored and exported as "unnamed perpetrator (<document title>)" for people;
    score_common.py counts an argument as a filler unless its name is empty, so that label would be
    scored as a name read from the text (a filler the text never gave, or a title word matching one).
    """

    def __init__(self, inner: Exporter, unnamed: set[str]) -> None:
        super().__init__(inner.out)
        self.inner, self.unnamed = inner, unnamed
        self.kinds = inner.kinds

    def _ref(self, ref: object) -> object:
        if isinstance(ref, dict) and ref.get("id") in self.unnamed:
            return {**ref, "name": ""}
        return ref

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Pass the record on with stand-ins' names emptied (entities and claims' entity references)."""
        if kind == "entity" and record.get("id") in self.unnamed:
            record = {**record, "name": ""}
        elif kind == "claim":
            record = {**record, **{role: self._ref(record[role]) for role in ("subject", "object", "attributed_to")
                                   if role in record}}
        self.inner.write(kind, record)

    def finalize(self) -> list[Path]:
        """Finalize the wrapped export."""
        return self.inner.finalize()


class RelationLabels(Exporter):
    """An export whose relation claims carry the labels the public relation sets give them.

    Both sets keep a head of state or government apart from the head of an organisation (DWIE
    head_of_state/head_of_gov, Wikidata P35/P6 against P488), so a leader_of claim whose object
    is a country is exported under its own label. Claims stay those read from the text: nothing is added.
    """

    def __init__(self, inner: Exporter) -> None:
        super().__init__(inner.out)
        self.inner = inner
        self.kinds = inner.kinds

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Pass the record on, a relation claim relabelled where the sets' labels differ from ours."""
        if kind == "claim":
            obj = record.get("object")
            if record.get("predicate") == "leader_of" and isinstance(obj, dict) and obj.get("type") == "Country":
                record = {**record, "predicate": "head_of_state"}
        self.inner.write(kind, record)

    def finalize(self) -> list[Path]:
        """Finalize the wrapped export."""
        return self.inner.finalize()


def _unnamed_ids(conn: Connection) -> set[str]:
    """Ids of the stand-ins of unnamed actors: stored without a name, or with the shown one (attrs.placeholder)."""
    out: set[str] = set()
    for entity_id, name, attrs in conn.execute(select(entities.c.id, entities.c.name, entities.c.attrs)):
        if not (name or "").strip() or (isinstance(attrs, dict) and attrs.get("placeholder")):
            out.add(entity_id)
    return out


def ingest_and_export(docs: list[SourceDocument], workdir: Path, settings: Settings | None = None,
                      text_names_only: bool = False, relation_labels: bool = False) -> tuple[Path, int, float]:
    """Ingest documents into a fresh store under workdir and export it; (export dir, words, seconds).

    text_names_only keeps unnamed stand-ins' names empty in the export (see NamesReadFromText);
    relation_labels exports relation claims under the public sets' labels (see RelationLabels).
    """
    settings = _fresh_settings(workdir, settings)
    engine = get_engine(settings.store.url)
    started = time.perf_counter()
    report = ingest(docs, settings, engine)
    elapsed = time.perf_counter() - started
    out = workdir / "export"
    with engine.connect() as conn:
        exporter: Exporter = JsonlExporter(out)
        if relation_labels:
            exporter = RelationLabels(exporter)
        if text_names_only:
            exporter = NamesReadFromText(exporter, _unnamed_ids(conn))
        export_store(conn, exporter)
    engine.dispose()
    return out, report.words, elapsed


def _scorer(args: list[str]) -> str:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"scorer failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return proc.stdout


def run_dev_set(name: str, limit: int = 0, shared: str | Path | None = None,
                settings: Settings | None = None) -> SetScore:
    """Ingest the first `limit` documents of a dev set, export, score; micro P/R/F1 of its task."""
    if name not in DEV_SETS:
        raise KeyError(f"unknown dev set {name!r}; known: {', '.join(DEV_SETS)}")
    root = shared_dir(shared)
    rel, task = DEV_SETS[name]
    gold = root / "eval-data" / rel
    rows = read_gold(gold, limit)
    docs = [SourceDocument(text=str(r["text"]), source=f"{name}.jsonl", id=str(r["doc_id"])) for r in rows]
    with tempfile.TemporaryDirectory(prefix=f"claimgraph-eval-{name}-") as tmp:
        # the scorer reads an argument with an empty name as absent: stand-ins are no fillers read from text
        out, words, seconds = ingest_and_export(docs, Path(tmp), settings, text_names_only=True,
                                                relation_labels=task == "relations")
        args = [str(root / "eval" / "score_common.py"), "--gold", str(gold), "--export", str(out),
                "--task", task]
        if limit:
            args += ["--limit", str(limit)]
        text = _scorer(args)
    hit = SCORE_LINE.findall(text)
    if not hit:
        raise RuntimeError(f"no score line in the scorer's output for {name}")
    _, p, r, f = hit[-1]
    return SetScore(name=name, task=task, precision=float(p), recall=float(r), f1=float(f),
                    documents=len(docs), words=words, seconds=seconds)


def run_seed(shared: str | Path | None = None, settings: Settings | None = None) -> SetScore:
    """Ingest the sample article, export, and score it against the seed gold (score.py)."""
    root = shared_dir(shared)
    article = root / "corpus" / "mko-article.txt"
    doc = read_file(article)  # as `claimgraph ingest` reads it
    with tempfile.TemporaryDirectory(prefix="claimgraph-eval-seed-") as tmp:
        out, words, seconds = ingest_and_export([doc], Path(tmp), settings)
        text = _scorer([str(root / "eval" / "score.py"), "--gold", str(root / "gold" / "seed.json"),
                        "--doc", str(article), "--export", str(out)])
    hit = SEED_LINE.findall(text)
    if not hit:
        raise RuntimeError("no score line in the seed scorer's output")
    fields: dict[str, float | str] = {}
    for part in hit[-1].split():
        key, _, value = part.partition("=")
        try:
            fields[key] = float(value)
        except ValueError:
            fields[key] = value
    recall, precision = float(fields.get("recall", 0.0)), float(fields.get("precision", 0.0))
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return SetScore(name=SEED_SET, task="seed", precision=precision, recall=recall, f1=f1, documents=1,
                    words=words, seconds=seconds, extra=fields)


CORPUS_FIELDS = ("recall", "precision", "modality", "attribution", "aliases", "geo")


def run_dev_corpus(shared: str | Path | None = None, settings: Settings | None = None) -> SetScore:
    """Ingest every text of corpus/dev into one fresh store, export, and score it with score_corpus.py.

    The figures are micro-averaged over the documents; `extra` holds recall, precision, modality,
    attribution, aliases and geo as the scorer prints them.
    """
    root = shared_dir(shared)
    corpus = root / "corpus" / "dev"
    paths = sorted(corpus.glob("*.txt"))
    if not paths:
        raise SharedDataMissing(f"no dev corpus texts under {corpus}")
    # read as `claimgraph ingest DIR` reads them (title from the first line), so the gate scores what users get
    docs = [read_file(p) for p in paths]
    with tempfile.TemporaryDirectory(prefix="claimgraph-eval-corpus-") as tmp:
        out, words, seconds = ingest_and_export(docs, Path(tmp), settings)
        text = _scorer([str(root / "eval" / "score_corpus.py"), "--export", str(out), "--json",
                        "--gold-dir", str(root / "gold" / "dev"), "--doc-dir", str(corpus)])
    summary = next((json.loads(line) for line in reversed(text.splitlines()) if line.startswith("{")), None)
    if summary is None:
        raise RuntimeError("no JSON summary in score_corpus.py's output")
    fields: dict[str, float | str] = {k: float(summary[k]) for k in CORPUS_FIELDS if k in summary}
    recall, precision = float(fields.get("recall", 0.0)), float(fields.get("precision", 0.0))
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return SetScore(name=CORPUS_SET, task="claims", precision=precision, recall=recall, f1=f1,
                    documents=int(summary.get("docs", len(docs))), words=words, seconds=seconds, extra=fields)
