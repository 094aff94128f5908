"""In-document resolution: descriptions, pronouns, short names and acronyms on sentences written for these tests."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings

Analyze = Callable[[str], DocContext]


@pytest.fixture(scope="module")
def analyze(tmp_path_factory: pytest.TempPathFactory) -> Analyze:
    """The product's analysis of one text, with one store for the module (the stages' set-up is paid once)."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('coref') / 'test.db'}"
    return lambda text: next(iter(analyze_docs([SourceDocument(text=text, source="test.txt")], settings)))


def coref_target(ctx: DocContext, surface: str, nth: int = 0) -> str | None:
    """Name of the entity a description or pronoun (nth occurrence of `surface`) was linked to."""
    start = [m.start() for m in re.finditer(rf"\b{re.escape(surface)}\b", ctx.stored)][nth]
    for m in ctx.coref_mentions:
        if m.start == start and m.end == start + len(surface):
            return ctx.entity(m.entity_key).name
    return None


TEXT = ("The Sunrise Liberation Front is an armed group based in the hills. This group was set up in 1971 "
        "by three teachers. The group first fought the army, and later they turned to bombings. "
        "Police of Varnia arrested its founders in 1980, but the organization survived. "
        "It still runs two camps.")


def test_descriptions_link_to_the_salient_organization(analyze: Analyze) -> None:
    ctx = analyze(TEXT)
    assert coref_target(ctx, "This group") == "Sunrise Liberation Front"
    assert coref_target(ctx, "The group") == "Sunrise Liberation Front"
    assert coref_target(ctx, "the organization") == "Sunrise Liberation Front"
    assert coref_target(ctx, "they") == "Sunrise Liberation Front"


def test_coref_mentions_are_found_by_span_during_analysis_but_not_stored(analyze: Analyze) -> None:
    ctx = analyze(TEXT)
    stored = {m.text for m in ctx.analysis.mentions}
    assert "This group" not in stored and "they" not in stored
    kept = ctx.coref_mentions
    assert kept and all(m.source == "coref" for m in kept)
    # entity names and aliases never take the descriptions
    assert not any("group" in a.lower() for e in ctx.analysis.entities.values() for a in e.aliases
                   if e.name == "Sunrise Liberation Front")


def test_description_of_a_thing_just_introduced_is_left_alone(analyze: Analyze) -> None:
    ctx = analyze("The Ardent Youth Movement is a banned party. A smuggling network tied to it moves arms. "
                  "The members of this network are paid in cash.")
    assert coref_target(ctx, "this network") is None


def test_pronouns_are_resolved_conservatively(analyze: Analyze) -> None:
    ctx = analyze("The Red Harbor Union is a political organization. Before the war, the Red Harbor Union "
                  "attacked ports in Dalmia but after the war, it signed a truce. "
                  "Dock officials in Dalmia closed the Red Harbor Union offices and expelled its leaders.")
    assert coref_target(ctx, "it") == "Red Harbor Union"
    assert coref_target(ctx, "its") is None  # 'officials ... its leaders': not the officials' own


def test_expletive_it_is_not_linked(analyze: Analyze) -> None:
    ctx = analyze("The Grey Wolves Brigade is a militia. It should be noted that the militia denies this.")
    assert coref_target(ctx, "It") is None


def test_short_person_names_join_the_full_name_but_shared_first_names_do_not(analyze: Analyze) -> None:
    ctx = analyze("Karim Hosseini met Karim Tabrizi in Baku. Hosseini spoke first, and Karim left early.")
    by_text = {m.text: ctx.entity(m.entity_key).name for m in ctx.analysis.mentions}
    assert by_text.get("Hosseini") == "Karim Hosseini"
    assert by_text.get("Karim") not in ("Karim Hosseini", "Karim Tabrizi")


def test_pronoun_in_a_verbless_sentence_is_handled(analyze: Analyze) -> None:
    ctx = analyze("The Sunrise Front is banned. Its office, in ruins. Their leaders, in exile.")
    assert ctx.failure is None


def test_singular_and_plural_of_one_name_are_one_group(analyze: Analyze) -> None:
    ctx = analyze("The Zealots of Ardan met the Ardanists. Later one Ardanist leader and other Ardanists left.")
    ents = {ctx.entity(m.entity_key).name for m in ctx.analysis.mentions if m.text in ("Ardanists", "Ardanist")}
    assert len(ents) == 1


def test_a_description_after_a_list_goes_to_the_topic_organization(analyze: Analyze) -> None:
    text = ("The Harbour Workers League is a militant organization in Varnia. The Harbour Workers League was "
            "founded in 1988.\nIts commanders have included:\n- Anna Berg, a teacher from Ostrava.\n"
            "- Piotr Lind, a former officer.\n- Marek Sova, a student.\n- Ivo Rusk, a farmer.\n"
            "- Olga Tarn, a nurse.\n\nThe group attacked a police station in 1995.")
    ctx = analyze(text)
    assert coref_target(ctx, "The group") == "Harbour Workers League"


def test_a_description_with_no_organization_in_the_text_stays_unlinked(analyze: Analyze) -> None:
    ctx = analyze("Anna Berg and Piotr Lind met in Ostrava. Years later the group of friends opened a bakery.")
    assert coref_target(ctx, "the group") is None


def test_the_head_noun_of_a_name_stands_for_the_named_body(analyze: Analyze) -> None:
    ctx = analyze("The Varnian Observatory for Civil Liberties counted 40 dead on Monday. "
                  "Soldiers shelled the town again, the Paris-based Observatory said later.")
    start = ctx.stored.index("Observatory said")
    found = {ctx.entity(m.entity_key).name for m in ctx.analysis.mentions + ctx.coref_mentions
             if m.start <= start and m.end >= start + len("Observatory")}
    assert found == {"Varnian Observatory for Civil Liberties"}


def test_a_head_noun_two_named_bodies_share_stands_for_neither(analyze: Analyze) -> None:
    ctx = analyze("The Northern Liberation Front met the Southern Liberation Front in May. "
                  "The Front said nothing.")
    assert coref_target(ctx, "The Front") is None


def test_he_is_the_one_person_just_named(analyze: Analyze) -> None:
    ctx = analyze("Mira Tollan chaired the harbour council for a decade. She had received threats from the "
                      "Ember Front.")
    assert coref_target(ctx, "She") == "Mira Tollan"
    triples = {(ctx.entity(c.subject).name, c.predicate, ctx.entity(str(c.object)).name)
               for c in ctx.analysis.claims if isinstance(c.object, str)}
    assert ("Ember Front", "hostile_to", "Mira Tollan") in triples, triples


def test_he_after_two_people_or_in_a_quote_or_as_a_speaker_is_left_to_others(analyze: Analyze) -> None:
    ctx = analyze("Maria Ortega met Tomas Arn in Kestel. He had received threats from the Ember Front.")
    assert coref_target(ctx, "He") is None
    ctx = analyze('Tomas Arn was hurt in Kestel. "He is stable," an official said. He added that two died.')
    assert coref_target(ctx, "He") is None and coref_target(ctx, "He", 1) is None



def test_its_opening_a_sentence_takes_the_subject_before_it(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Freedom Movement is a political organization. Its leader, Anna Korvel, lives in Oslo.")
    assert coref_target(ctx, "Its") == "Coastal Freedom Movement"
    ctx = analyze("French officials met the Coastal Freedom Movement. Its leaders were absent.")
    assert coref_target(ctx, "Its") is None  # plural people before it: not theirs, and no clause subject of its own
