"""Fuzzing the boundaries with a fixed seed and a bounded count: JSONL lines, files of every format, API bodies.

Hypothesis runs derandomized (the same examples on every run and in CI) and at most `EXAMPLES` of each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.ingest.readers import READERS
from claimgraph.ingest.sources import Failure, _guard, _jsonl_documents
from claimgraph.ingest.validate import MAX_ID_CHARS
from claimgraph.model import SourceDocument

EXAMPLES = 150
FUZZ = settings(derandomize=True, max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")

# any JSON scalar or small container, text including lone surrogates, NUL and console markup
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
                    st.sampled_from(["[/red]", "[link=x]y", ":100:", "2020-13-45", "2020-02-30", "1997",
                                     "https://example.org/a", "javascript:x", "x" * 250, "\x00", "\ud800"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                      max_leaves=6)
records = st.fixed_dictionaries({}, optional={"id": values, "text": st.one_of(values, st.text(max_size=200)),
                                              "title": values, "url": values, "published": values})


def _line(record: Any, raw: str | None) -> str:
    return raw if raw is not None else json.dumps(record)


def _check_document(doc: SourceDocument) -> None:
    """What every document that passes the boundary satisfies, on any store."""
    for value in (doc.text, doc.title, doc.id, doc.url, doc.source):
        if value is not None:
            value.encode("utf-8")  # valid Unicode: no lone surrogate
            assert "\x00" not in value
    assert doc.text.strip()
    assert doc.id is None or (isinstance(doc.id, str) and 0 < len(doc.id) <= MAX_ID_CHARS)
    assert doc.title is None or isinstance(doc.title, str)
    assert doc.published is None or ISO.match(doc.published)


@FUZZ
@given(st.lists(st.tuples(records, st.one_of(st.none(), st.text(max_size=60),
                                             st.builds(lambda n: "[" * n + "]" * n, st.integers(0, 3000)))),
                min_size=1, max_size=6))
def test_jsonl_lines_give_a_document_or_a_failure_each(lines: list[tuple[Any, str | None]]) -> None:
    raw = [_line(rec, text) for rec, text in lines]
    encoded = [r.encode("utf-8", "surrogatepass") for r in raw]
    out = list(_jsonl_documents(encoded, "fuzz.jsonl", None))
    assert len(out) == sum(1 for r in raw if r.strip())  # one document or one failure per non-blank line
    for item in out:
        if isinstance(item, Failure):
            assert item.source.startswith("fuzz.jsonl:") and item.reason and "\n" not in item.reason
        else:
            _check_document(item)


def _seeds(tmp: Path) -> dict[str, bytes]:
    from fixtures_gen import make_docx, make_html, make_pdf

    return {".pdf": make_pdf(tmp / "s.pdf").read_bytes(), ".docx": make_docx(tmp / "s.docx").read_bytes(),
            ".html": make_html(tmp / "s.html").read_bytes(), ".txt": b"The Amber League met in Tunis.\n"}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One valid file of each main format, to mutate."""
    return _seeds(tmp_path_factory.mktemp("seeds"))


@FUZZ
@given(suffix=st.sampled_from(sorted(READERS)), data=st.data())
def test_files_of_every_format_never_raise(tmp_path_factory: pytest.TempPathFactory, seeds: dict[str, bytes],
                                           suffix: str, data: st.DataObject) -> None:
    from claimgraph.ingest.readers import read_file

    base = seeds.get(suffix, seeds[".txt"])
    kind = data.draw(st.sampled_from(["random", "truncate", "flip", "seed"]))
    if kind == "random":
        blob = data.draw(st.binary(max_size=2000))
    elif kind == "truncate":
        blob = base[: data.draw(st.integers(0, len(base)))]
    elif kind == "flip":
        blob = bytearray(base)
        for at in data.draw(st.lists(st.integers(0, len(base) - 1), min_size=1, max_size=20)):
            blob[at] = data.draw(st.integers(0, 255))
        blob = bytes(blob)
    else:
        blob = base
    path = tmp_path_factory.mktemp("fuzzfile") / f"f{suffix}"
    path.write_bytes(blob)
    out = list(_guard(str(path), lambda: read_file(path)))
    assert len(out) == 1
    if isinstance(out[0], Failure):
        assert out[0].reason and "\n" not in out[0].reason
    else:
        from claimgraph.ingest.validate import clean_document

        try:
            _check_document(clean_document(out[0]))
        except ValueError:
            pass  # the pipeline's own check rejects it with a reason: also a clear answer


TOKEN = "fuzz-token"
api_bodies = st.one_of(records, st.lists(records, max_size=3), values,
                       st.builds(lambda n: "[" * n + "]" * n, st.integers(0, 3000)))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An API client over a store of its own, with the write token set."""
    from fastapi.testclient import TestClient

    from claimgraph.api.app import create_app
    from claimgraph.settings import load_settings

    s = load_settings()
    s.store.url = f"sqlite:///{tmp_path_factory.mktemp('fuzzapi') / 'api.db'}"
    s.api.token = TOKEN
    with TestClient(create_app(s)) as c:
        yield c


@settings(derandomize=True, max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=api_bodies, raw=st.booleans())
def test_api_bodies_get_a_json_answer_never_a_500(client: Any, body: Any, raw: bool) -> None:
    content = (body if isinstance(body, str) and raw else json.dumps(body)).encode("utf-8", "surrogatepass")
    r = client.post("/api/ingest", content=content, headers={"Authorization": f"Bearer {TOKEN}",
                                                            "content-type": "application/json"})
    assert r.status_code < 500, r.text
    assert "json" in r.headers["content-type"]
    r.json()


ACTORS = ["The Amber League", "The Coastal Front", "Marta Ilves", "The Hill Council", "The River Guard"]
ACTIONS = ["attacked a depot in", "opened an office in", "was founded in", "denied any role in the raid on",
           "is said to be based in"]
PLACES = ["Tunis", "Basra", "Mosul", "Tripoli", "Darvan"]
sentences = st.builds(lambda a, v, p, y: f"{a} {v} {p} in {y}.", st.sampled_from(ACTORS),
                      st.sampled_from(ACTIONS), st.sampled_from(PLACES), st.integers(1980, 2022))
documents = st.lists(st.builds(lambda s, d: {"text": " ".join(s), "published": d},
                               st.lists(sentences, min_size=1, max_size=4),
                               st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))),
                     min_size=1, max_size=4)


@pytest.mark.slow
@settings(derandomize=True, max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batch=documents)
def test_ingesting_twice_changes_nothing(tmp_path_factory: pytest.TempPathFactory, batch: list[dict[str, Any]]) -> None:
    from test_crash import _snapshot

    from claimgraph.pipeline import ingest
    from claimgraph.settings import load_settings

    db = tmp_path_factory.mktemp("twice") / "twice.db"
    s = load_settings()
    s.store.url = f"sqlite:///{db}"
    docs = [SourceDocument(text=d["text"], source="fuzz", published=d["published"]) for d in batch]
    first = ingest(docs, s)
    assert not first.failures
    before = _snapshot(db)
    again = ingest([SourceDocument(text=d["text"], source="fuzz", published=d["published"]) for d in batch], s)
    assert again.stored == [] and not again.failures
    assert _snapshot(db) == before
