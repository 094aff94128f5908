"""Terrorist listings and delistings with their dates, and a later delisting superseding a listing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from claimgraph.extract.context import DocContext
from claimgraph.model import SourceDocument
from claimgraph.reason.conflicts import find_conflicts
from claimgraph.store import records


def _triples(ctx: DocContext, predicates: tuple[str, ...] = ("designated_terrorist", "delisted_terrorist")
             ) -> list[tuple[str, str, str, str | None]]:
    out = []
    for c in ctx.analysis.claims:
        if c.predicate in predicates and isinstance(c.object, str):
            time = c.qualifiers.get("time") or {}
            out.append((ctx.entity(c.subject).name, c.predicate, ctx.entity(c.object).name, time.get("start")))
    return out


@pytest.mark.parametrize("text, expected", [
    ("The United States designated the Blue Crescent Army a terrorist organization in 1997.",
     ("United States", "designated_terrorist", "Blue Crescent Army", "1997")),
    ("In 2012, the United States removed the Blue Crescent Army from its list of terrorist organizations.",
     ("United States", "delisted_terrorist", "Blue Crescent Army", "2012")),
    ("Canada listed the Blue Crescent Army as a terrorist entity in 2005.",
     ("Canada", "designated_terrorist", "Blue Crescent Army", "2005")),
    ("The Blue Crescent Army was removed from the Canadian terror list in 2014.",
     ("Canada", "delisted_terrorist", "Blue Crescent Army", "2014")),
    ("The Blue Crescent Army remains designated as a terrorist group by Australia.",
     ("Australia", "designated_terrorist", "Blue Crescent Army", None)),
])
def test_listing_sentences(analyze: Callable[..., DocContext], text: str,
                           expected: tuple[str, str, str, str | None]) -> None:
    assert expected in _triples(analyze(text))


def test_terror_words_without_a_list_make_no_designation(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Residents said the Blue Crescent Army spread terror in the villages near Mosul.")
    assert _triples(ctx) == []


def test_later_delisting_supersedes_the_listing(ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(
        SourceDocument(text="The United States designated the Blue Crescent Army a terrorist organization in 1997.",
                       source="a.txt", published="1999-01-10"),
        SourceDocument(text="In 2012, the United States removed the Blue Crescent Army from its list of "
                            "terrorist organizations.", source="b.txt", published="2012-09-30"))
    with engine.connect() as conn:
        by_pred = {c["predicate"]: c for c in records.iter_claims(conn)}
        kinds = {c["kind"] for c in find_conflicts(conn)}
    assert by_pred["designated_terrorist"]["status"] == "superseded"
    assert by_pred["delisted_terrorist"]["status"] == "active"
    assert "superseded" in kinds
