"""The stage contract: order from declarations, errors at start, one failing document never loses the batch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from claimgraph import plugins
from claimgraph.core.stages import FIELDS, PipelineError, Stage, describe, plan, select
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest, prepare_store
from claimgraph.settings import load_settings


@dataclass
class Fake:
    """A stage that only declares (and records that it ran)."""

    name: str
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def run(self, ctx: Any) -> None:
        """Do nothing."""


def names(stages: list[Stage]) -> list[str]:
    return [s.name for s in stages]


def test_a_stage_runs_after_every_provider_of_what_it_requires() -> None:
    stages: list[Stage] = [Fake("scope", ("claims",), ("scopes",)), Fake("frames", ("entities",), ("claims",)),
                           Fake("ner", (), ("entities",)), Fake("lists", ("claims",), ("claims",)),
                           Fake("events", ("entities", "claims"), ("claims",))]
    assert names(plan(stages)) == ["ner", "frames", "lists", "events", "scope"]


def test_registration_order_breaks_ties_between_extenders() -> None:
    stages: list[Stage] = [Fake("ner", (), ("entities",)), Fake("b", ("entities", "claims"), ("claims",)),
                           Fake("a", ("entities",), ("claims",)), Fake("c", ("claims",), ("claims",))]
    assert names(plan(stages)) == ["ner", "a", "b", "c"]


def test_a_requirement_nobody_provides_is_an_error_at_start() -> None:
    with pytest.raises(PipelineError, match="requires 'coref'"):
        plan([Fake("ner", (), ("entities",)), Fake("frames", ("entities", "coref"), ("claims",))])


def test_a_cycle_is_an_error() -> None:
    with pytest.raises(PipelineError, match="cycle"):
        plan([Fake("a", ("claims",), ("places",)), Fake("b", ("places",), ("claims",))])


def test_unknown_fields_and_duplicate_names_are_errors() -> None:
    with pytest.raises(PipelineError, match="unknown fields"):
        plan([Fake("a", (), ("scratch",))])
    with pytest.raises(PipelineError, match="share the name"):
        plan([Fake("a", (), ("claims",)), Fake("a", (), ("claims",))])


def test_settings_select_stages_by_name_and_reject_unknown_names() -> None:
    stages: list[Stage] = [Fake("a", (), ("entities",)), Fake("b", ("entities",), ("claims",))]
    assert names(select(stages, enabled=["a"])) == ["a"]
    assert names(select(stages, disabled=["b"])) == ["a"]
    with pytest.raises(PipelineError, match="unknown stage names"):
        select(stages, disabled=["nope"])


def test_every_builtin_stage_declares_known_fields_and_plans() -> None:
    planned = plugins.stages()
    rows = describe(planned)
    assert {r["name"] for r in rows} >= {"entities.recognize", "claims.frames", "annotate.modality"}
    for row in rows:
        assert set(row["requires"]) | set(row["provides"]) <= set(FIELDS)
    order = names(planned)
    # every claim-producing stage runs before the scopes that set modality and speaker on every claim
    for stage in planned:
        if "claims" in stage.provides:
            assert order.index(stage.name) < order.index("annotate.modality"), stage.name


def test_disabling_a_stage_another_needs_is_an_error_not_a_silent_change() -> None:
    with pytest.raises(PipelineError, match="requires 'entities'"):
        plugins.stages(disabled=["entities.recognize", "geo.mentions"])
    kept = names(plugins.stages(enabled=["entities.recognize", "geo.mentions"]))
    assert kept == ["entities.recognize", "geo.mentions"]


class Exploding:
    """A third-party stage, plugged in through the same hook, that fails on documents saying 'kaboom'."""

    name = "test.exploding"
    requires = ("claims",)
    provides = ("claims",)

    def run(self, ctx: Any) -> None:
        """Raise on one kind of document."""
        if "kaboom" in ctx.text:
            raise RuntimeError("this stage cannot read kaboom")


class ExplodingPlugin:
    """Registers the exploding stage."""

    @plugins.hookimpl
    def claimgraph_stages(self) -> list[object]:
        """The stage."""
        return [Exploding()]


@pytest.fixture
def exploding() -> Any:
    pm = plugins.plugin_manager()
    plugin = ExplodingPlugin()
    pm.register(plugin, name="test-exploding")
    try:
        yield plugin
    finally:
        pm.unregister(plugin)


@pytest.mark.parametrize("n_process", [1, 2])  # in process, and in worker processes that run the stages
def test_a_failing_stage_fails_its_document_and_the_batch_goes_on(exploding: Any, tmp_path: Path,
                                                                 n_process: int) -> None:
    settings = load_settings()
    settings.nlp.n_process = n_process
    settings.store.url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = prepare_store(settings)
    docs = [SourceDocument(text="The Harbour Front was founded in 1971 by fishermen.", source="one.txt"),
            SourceDocument(text="A kaboom of a text about the Hill Party.", source="two.txt"),
            SourceDocument(text="The Hill Party opposes the Harbour Front.", source="three.txt")]
    report = ingest(docs, settings, engine)
    assert len(report.stored) == 2
    assert [f.source for f in report.failures] == ["two.txt"]
    assert "test.exploding" in report.failures[0].reason and "cannot read kaboom" in report.failures[0].reason


def test_without_the_name_filter_stage_descriptions_are_still_not_stored_as_names(tmp_path: Path) -> None:
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path / 'store.db'}"
    settings.extract.disabled = ["resolve.store_names_only", "reason.context"]
    engine = prepare_store(settings)
    text = "The Harbour Front was founded in 1971. The group attacked a port in 1980. It was banned in 1990."
    assert ingest([SourceDocument(text=text, source="one.txt")], settings, engine).stored
    from sqlalchemy import text as sql

    with engine.connect() as conn:
        stored = {r[0] for r in conn.execute(sql("select text from mentions"))}
    assert "Harbour Front" in " ".join(stored)
    assert not stored & {"The group", "the group", "It", "it"}
