"""Shared fixtures: a fresh store per test, settings, and a helper that ingests text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from claimgraph.extract.context import DocContext
from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs, ingest, prepare_store
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "mko-article.txt"


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite store with the gazetteer loaded, built once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    settings = load_settings()
    settings.store.url = f"sqlite:///{path}"
    engine = prepare_store(settings)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def settings(tmp_path: Path, template_store: Path) -> Settings:
    """Default settings pointing at a fresh store (a copy of the template) in the test's folder."""
    db = tmp_path / "test.db"
    shutil.copyfile(template_store, db)
    s = load_settings()
    s.store.url = f"sqlite:///{db}"
    s.export.out = str(tmp_path / "export")
    return s


@pytest.fixture
def engine(settings: Settings) -> Engine:
    """The migrated engine of the test's store."""
    return get_engine(settings.store.url)


@pytest.fixture
def analyze(settings: Settings) -> Callable[..., DocContext]:
    """Analyse one text without storing it: analyze("Some text.") -> DocContext."""

    def run(text: str, **meta: str) -> DocContext:
        doc = SourceDocument(text=text, source=meta.pop("source", "test.txt"), **meta)
        return next(iter(analyze_docs([doc], settings)))

    return run


@pytest.fixture
def ingest_texts(settings: Settings, engine: Engine) -> Callable[..., list[str]]:
    """Store texts (or SourceDocuments) and return the stored document ids."""

    def run(*texts: str | SourceDocument) -> list[str]:
        docs = [t if isinstance(t, SourceDocument) else SourceDocument(text=t, source=f"doc{i}.txt")
                for i, t in enumerate(texts)]
        return ingest(docs, settings, engine).stored

    return run


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The sample article, read from ../shared (never copied into the project)."""
    return SEED.read_text(encoding="utf-8")
