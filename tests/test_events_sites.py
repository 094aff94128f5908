"""An attack told without a target hits the place its phrase names, however the place is written (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def hits(ctx: DocContext) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) names of the event claims, lower-cased."""
    def name(key: object) -> str:
        return ctx.entity(str(key)).name.lower()
    return {(name(c.subject), c.predicate, name(c.object)) for c in ctx.analysis.claims
            if c.extractor == "events" and isinstance(c.object, str)}


@pytest.mark.parametrize("text, predicate, place", [
    ("The Ember Front claimed two bomb attacks that killed 12 people in Norway's capital, Oslo.", "attacked",
     "oslo"),
    ("A bombing by the Ember Front in the northern city of Tromso left four dead.", "bombed", "tromso"),
    ("The Ember Front carried out a suicide raid on the capital, Oslo, on Friday.", "attacked", "oslo"),
])
def test_the_place_an_attack_is_told_by_is_what_it_hit(analyze: Callable[..., DocContext], text: str,
                                                       predicate: str, place: str) -> None:
    found = hits(analyze(text))
    assert ("ember front", predicate, place) in found, found


def test_a_named_target_is_kept_and_the_place_is_no_target(analyze: Callable[..., DocContext]) -> None:
    found = hits(analyze("The Ember Front claimed an attack on a police station in the city of Tromso."))
    assert ("ember front", "attacked", "police station") in found, found
    assert not any(o == "tromso" for _, _, o in found), found


def test_a_place_where_victims_died_outside_the_attack_phrase_is_no_target(
        analyze: Callable[..., DocContext]) -> None:
    found = hits(analyze("The Ember Front claimed the attack, and two of its fighters later died in Oslo."))
    assert not any(o == "oslo" for _, _, o in found), found


def test_a_facility_next_to_a_bombing_is_its_target(analyze: Callable[..., DocContext]) -> None:
    found = hits(analyze("Officials blamed the Ember Front for a bombing near a military base in Vellmar."))
    assert ("ember front", "bombed", "military base") in found, found


@pytest.mark.parametrize("text", [
    "The Ember Front said it carried out the twin car bombings on Monday at the Finance Ministry and the port "
    "authority offices.",
    "The Ember Front claimed responsibility for two suicide bombings last week at the Finance Ministry.",
])
def test_a_site_the_parser_hangs_on_the_verb_is_still_the_bombings_target(
        analyze: Callable[..., DocContext], text: str) -> None:
    found = hits(analyze(text))
    assert ("ember front", "bombed", "finance ministry") in found, found


def test_a_site_of_another_verb_is_no_target(analyze: Callable[..., DocContext]) -> None:
    found = hits(analyze("The Ember Front claimed the bombing in a statement it posted at the Finance Ministry."))
    assert not any(o == "finance ministry" for _, _, o in found), found
