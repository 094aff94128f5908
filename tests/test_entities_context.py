"""Types told by the words around a name (task H4): a place by a preposition, a compass word or a building's noun,
a body by an organisation noun before it, an outlet's noun after it or by being told a quoted remark."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_context import body_by_context, place_by_context
from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings

Analyze = Callable[[str], DocContext]


@pytest.fixture(scope="module")
def analyze(tmp_path_factory: pytest.TempPathFactory) -> Analyze:
    """The product's analysis of one text (one store for the module)."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('context') / 'test.db'}"
    return lambda text: next(iter(analyze_docs([SourceDocument(text=text, source="test.txt")], settings)))


def type_of(ctx: DocContext, name: str) -> str | None:
    """The type of the entity a mention written exactly `name` belongs to."""
    for m in ctx.analysis.mentions:
        if m.text == name:
            return ctx.entity(ctx.find(m.entity_key)).type
    return None


def _at(text: str, name: str) -> tuple[str, int, int]:
    start = text.index(name)
    return text, start, start + len(name)


@pytest.mark.parametrize("text,name", [
    ("Troops were sent to the north Dravica area on Monday.", "Dravica"),
    ("The convoy stopped just east of Mellovar before dawn.", "Mellovar"),
    ("Two shops burned in Ostrana overnight.", "Ostrana"),
    ("Patrols search the Kelvash district.", "Kelvash"),
])
def test_place_by_context(text: str, name: str) -> None:
    assert place_by_context(*_at(text, name))


@pytest.mark.parametrize("text,name", [
    ("Voters put their trust in Dravic's promises.", "Dravic"),  # the owner of something
    ("North Dravica said nothing.", "Dravica"),  # a capitalised compass word is part of a name
    ("Dravic said the talks would go on.", "Dravic"),
])
def test_no_place_by_context(text: str, name: str) -> None:
    assert not place_by_context(*_at(text, name))


@pytest.mark.parametrize("text,name", [
    ("Members of the militant group Vohar al-Din were held.", "Vohar al-Din"),
    ("The country's spy agency, KR7, denied it.", "KR7"),
    ('"We will answer," a senior officer told Pravex.', "Pravex"),
    ('"We will answer," a senior officer told Pravex in a telephone interview.', "Pravex"),
    ("The claim was read on Sarvan television at noon.", "Sarvan"),
    ("Talks failed, Dravcom chairman Ivo Lenz said.", "Dravcom"),
    ("Ostrel CEO Mara Vent resigned.", "Ostrel"),
])
def test_body_by_context(text: str, name: str) -> None:
    assert body_by_context(*_at(text, name))


@pytest.mark.parametrize("text,name", [
    ("A member of the group, Imran Dasht, said it was over.", "Imran Dasht"),  # apposition of a person
    ("The minister told Dasht that the deal was off.", "Dasht"),  # told something, not a quote's outlet
    ("Asked about it, the minister told Dasht.", "Dasht"),  # no quoted remark before 'told'
    ('"Leave," he said. Then the guard told Dasht to go.', "Dasht"),
    ("The army said Dasht had fled.", "Dasht"),
    ("The talks failed, Dasht spokesman Ivo Lenz said.", "Dasht"),  # a leader has a spokesman too
])
def test_no_body_by_context(text: str, name: str) -> None:
    assert not body_by_context(*_at(text, name))


def test_a_building_is_no_speaker(analyze: Analyze) -> None:
    ctx = analyze("The Amber Palace said the envoy would arrive on Monday. Guards took him to Norvik Prison later.")
    assert type_of(ctx, "Amber Palace") == "Place"
    assert type_of(ctx, "Norvik Prison") == "Place"


def test_outlets_and_agencies_are_bodies(analyze: Analyze) -> None:
    ctx = analyze('"It is over," the spokesman told Lirat in an interview. The intelligence agency, Kadr, helped '
                  "the raid. Members of the banned group Ansar Kadir were held.")
    assert type_of(ctx, "Lirat") == "Organization"
    assert type_of(ctx, "Kadr") == "Organization"
    assert type_of(ctx, "Ansar Kadir") == "Organization"


def test_a_place_in_every_mention(analyze: Analyze) -> None:
    ctx = analyze("Police sealed off the north Carrick area. Shots were fired in Carrick again.")
    assert {m.type for m in ctx.analysis.mentions if m.text == "Carrick"} == {"Place"}


def test_a_person_keeps_his_name(analyze: Analyze) -> None:
    ctx = analyze("Arvid Kellam spoke in Brussels. Later, reporters waited in the hall for Kellam, who said nothing.")
    assert type_of(ctx, "Arvid Kellam") == "Person"
    assert type_of(ctx, "Kellam") == "Person"


def test_a_byline_runs_into_no_place(analyze: Analyze) -> None:
    # a wire story's byline, then its dateline in capitals: the model reads them as one person
    ctx = analyze("Quiet streets after the storm . Peter Kovel VELMORAN , Norway 1996-08-30 Velmoran is a small "
                  "town . Fishermen in Velmoran stayed home .")
    assert type_of(ctx, "Peter Kovel") == "Person"
    assert type_of(ctx, "VELMORAN") == "Place"
    assert not any(m.text.startswith("Peter Kovel ") for m in ctx.analysis.mentions)
    assert {m.type for m in ctx.analysis.mentions if m.text == "Velmoran"} == {"Place"}


def test_a_surname_in_capitals_stays_the_persons(analyze: Analyze) -> None:
    ctx = analyze("The prize went to Jean DURVAL , who thanked his team .")
    assert not any(m.type == "Place" for m in ctx.analysis.mentions)
