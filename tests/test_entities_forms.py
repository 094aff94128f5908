"""Forms of one name in a document (task H4): a person told with a rank, a surname written with and without a
hyphen, a body's name taken up by 'which' or introduced by 'known as'."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.model import Entity, SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings

Analyze = Callable[[str], DocContext]


@pytest.fixture(scope="module")
def analyze(tmp_path_factory: pytest.TempPathFactory) -> Analyze:
    """The product's analysis of one text (one store for the module)."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('forms') / 'test.db'}"
    return lambda text: next(iter(analyze_docs([SourceDocument(text=text, source="test.txt")], settings)))


def entity_named(ctx: DocContext, form: str) -> Entity | None:
    """The resolved entity one of whose names is `form`."""
    for key, ent in ctx.analysis.entities.items():
        if ctx.find(key) == key and (form == ent.name or form in ent.aliases):
            return ent
    return None


def test_a_rank_before_a_person_is_one_more_form_of_the_name(analyze: Analyze) -> None:
    ctx = analyze("Soldiers commanded by Lieutenant General Teodor Varska crossed the river on Monday. "
                  "Officials said Major Varska had been warned.")
    person = entity_named(ctx, "Teodor Varska")
    assert person is not None and person.type == "Person"
    assert "Lieutenant General Teodor Varska" in person.aliases
    assert entity_named(ctx, "Major Varska") is person


def test_a_word_before_the_rank_stays_out_of_the_name(analyze: Analyze) -> None:
    ctx = analyze("On Sunday Colonel Idris Momba visited the base near the border.")
    person = entity_named(ctx, "Idris Momba")
    assert person is not None and "Colonel Idris Momba" in person.aliases
    assert not any(a.startswith("Sunday") for a in person.aliases)


def test_a_hyphened_surname_is_the_full_name_written_as_one_word(analyze: Analyze) -> None:
    ctx = analyze("General Hossein-Vardi, commander of the border guards, was killed. "
                  "Officials said Karim Ali Hosseinvardi, the regional commander, died in the attack.")
    full = entity_named(ctx, "Karim Ali Hosseinvardi")
    assert full is not None and entity_named(ctx, "Hossein-Vardi") is full


def test_a_name_taken_up_by_which_is_no_person(analyze: Analyze) -> None:
    ctx = analyze("A spokesman for Ansar Vedi, which has sought ties with other militias, said the attack "
                  "would not be the last. Ansar Vedi has carried out two bombings this year.")
    body = entity_named(ctx, "Ansar Vedi")
    assert body is not None and body.type != "Person"


def test_a_name_introduced_by_known_as_after_a_body_noun_is_the_body(analyze: Analyze) -> None:
    ctx = analyze("The militant sect known as Kharun Dal claimed the bombing. Kharun Dal said more would follow.")
    body = entity_named(ctx, "Kharun Dal")
    assert body is not None and body.type == "Organization"


def test_a_name_qualifying_a_body_noun_after_it_is_the_body(analyze: Analyze) -> None:
    ctx = analyze("The Harun Dalai rebel group denied the attack on Saturday. Harun Dalai said it would respond.")
    body = entity_named(ctx, "Harun Dalai")
    assert body is not None and body.type == "Organization"


def test_a_lone_community_word_is_no_person(analyze: Analyze) -> None:
    ctx = analyze("Officials said a Sikh temple in the old town was damaged by the blast.")
    word = entity_named(ctx, "Sikh")
    assert word is None or word.type != "Person"


def test_the_topic_of_a_title_naming_two_bodies_is_the_one_the_text_names_most(analyze: Analyze) -> None:
    ctx = analyze("Home Office Amendments to the Designation of Varnian Dawn Front\n\nMedia Note\n\n"
                  "The Home Office has amended the designation of Varnian Dawn Front to add new aliases. Varnian Dawn "
                  "Front was founded in 1990. Whether it calls itself Red Harbor League or Varnian Dawn Front, the "
                  "group is the same. Varnian Dawn Front remains active.")
    front = entity_named(ctx, "Varnian Dawn Front")
    assert front is not None and front.type == "Organization" and "Red Harbor League" in front.aliases
    assert entity_named(ctx, "Home Office Amendments") is not front


def test_a_count_before_a_body_noun_is_no_name(analyze: Analyze) -> None:
    ctx = analyze("- 3 March\n- Varnia\nSeven guerrillas of the Red Dawn Front kidnapped three engineers near "
                  "the border.\n")
    assert entity_named(ctx, "Seven") is None
    front = entity_named(ctx, "Red Dawn Front")
    assert front is not None and front.type == "Organization"


@pytest.mark.parametrize("text, name", [
    ("Mortars fired at Camp Dovren on Tuesday hurt two guards.", "Camp Dovren"),
    ("The Harbour Board of Kestel met on Friday in the port.", "Harbour Board of Kestel"),
])
def test_a_day_or_month_after_a_linking_word_is_no_part_of_a_name(analyze: Analyze, text: str, name: str) -> None:
    ctx = analyze(text)
    names = {e.name for e in ctx.analysis.entities.values()}
    assert name in names, names
    assert not any("Tuesday" in n or "Friday" in n for n in names), names


def test_a_plural_name_the_text_calls_a_group_is_a_body(analyze: Analyze) -> None:
    ctx = analyze("The Vesper Singers are a vocal group formed in 1962 in Kestel.")
    found = entity_named(ctx, "Vesper Singers")
    assert found is not None and found.type == "Organization", found
