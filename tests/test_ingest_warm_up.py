"""Set-up before the first document: rigour's territory names from the machine's cache file, and the stages' warm-up."""

from __future__ import annotations

import functools
import gc
from pathlib import Path
from typing import Any

import pytest
from rigour.territories import lookup

from claimgraph import pipeline
from claimgraph.geo.cache import serve_territory_names
from claimgraph.nlp.pipeline import load_nlp
from claimgraph.settings import load_settings


def test_territory_names_are_built_once_then_read_back_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builder = lookup._get_territory_names.__wrapped__  # rigour's own builder, unfilled in each step below
    monkeypatch.setattr(lookup, "_get_territory_names", functools.cache(builder))
    assert not serve_territory_names(str(tmp_path))  # no file yet: rigour builds the table, the file is written
    assert len(list(tmp_path.glob("territory-names-*.bin"))) == 1
    built = lookup._get_territory_names()
    monkeypatch.setattr(lookup, "_get_territory_names", functools.cache(builder))
    assert serve_territory_names(str(tmp_path))
    served = lookup._get_territory_names()
    assert served == built and all(served[name] is built[name] for name in built)  # the same Territory objects
    iraqi = lookup.lookup_territory.__wrapped__("Iraqi")  # rigour's look-up through the served table
    assert iraqi is not None and iraqi.code == "iq"
    assert not serve_territory_names(str(tmp_path))  # already served: left as it is


def test_a_damaged_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builder = lookup._get_territory_names.__wrapped__
    monkeypatch.setattr(lookup, "_get_territory_names", functools.cache(builder))
    serve_territory_names(str(tmp_path))
    (path,) = tmp_path.glob("territory-names-*.bin")
    path.write_bytes(b"not marshal data")
    monkeypatch.setattr(lookup, "_get_territory_names", functools.cache(builder))
    assert not serve_territory_names(str(tmp_path))  # read failed: built again and written again
    monkeypatch.setattr(lookup, "_get_territory_names", functools.cache(builder))
    assert serve_territory_names(str(tmp_path))


class _Recorder:
    name, requires, provides = "recorder", ("doc",), ("claims",)

    def __init__(self, fail: bool = False) -> None:
        self.texts: list[str] = []
        self.fail = fail

    def run(self, ctx: Any) -> None:
        self.texts.append(ctx.doc.text)
        if self.fail:
            raise RuntimeError("broken stage")


def test_the_warm_up_runs_once_per_pipeline_and_a_failing_stage_is_left_for_real_documents(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_warmed", set())
    nlp, settings = load_nlp(), load_settings()
    stage = _Recorder()
    pipeline.warm_up(nlp, [stage], settings)  # type: ignore[list-item]
    pipeline.warm_up(nlp, [stage], settings)  # type: ignore[list-item]
    assert stage.texts == [pipeline.WARM_UP_TEXT]
    broken = _Recorder(fail=True)
    broken.name = "broken"
    pipeline.warm_up(nlp, [broken], settings)  # type: ignore[list-item]  # no exception out of the warm-up
    assert broken.texts == [pipeline.WARM_UP_TEXT]


def test_what_is_loaded_by_the_warm_up_is_left_out_of_later_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model, the reference tables and the stages live as long as the process: frozen for the collector."""
    monkeypatch.setattr(pipeline, "_warmed", set())
    nlp, settings = load_nlp(), load_settings()
    gc.unfreeze()  # an earlier warm-up in this process froze them already
    assert gc.get_freeze_count() == 0
    pipeline.warm_up(nlp, [_Recorder()], settings)  # type: ignore[list-item]
    assert gc.get_freeze_count() > 0
