"""A body's seat told after a comma ("X Studios, Austin, Texas"), and lists that only look like one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def seats(ctx: DocContext) -> set[tuple[str, str]]:
    """(organisation, place) names of the based_in claims."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == "based_in" and isinstance(c.object, str)}


def test_a_seat_after_a_comma_and_the_places_it_lies_in(analyze: Callable[..., DocContext]) -> None:
    found = seats(analyze("The album was recorded at Blue Harbour Studios, Austin, Texas, in the spring."))
    assert ("Blue Harbour Studios", "Austin") in found and ("Blue Harbour Studios", "Texas") in found, found


def test_a_seat_that_ends_the_sentence(analyze: Callable[..., DocContext]) -> None:
    found = seats(analyze("He studied at Makerere University, Kampala, Uganda."))
    assert ("Makerere University", "Kampala") in found, found


@pytest.mark.parametrize("text", [
    "Delegates from Hamas, Lebanon, Syria and Iran met on Tuesday.",
    "Aid came from the Red Cross, Kenya, Uganda, and Tanzania.",
    "Representatives of the World Bank, Ghana and Nigeria signed the deal.",
])
def test_a_list_of_a_body_and_places_is_no_seat(analyze: Callable[..., DocContext], text: str) -> None:
    assert not seats(analyze(text))


def test_a_place_after_a_distance_from_a_town_is_where_the_deed_was(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Two soldiers died in a clash 80 kilometres from Kandahar, in Helmand province.")
    assert not [c for c in ctx.analysis.claims if c.predicate == "located_in"]
    ctx = analyze("The village lies in Lugo, in the Galicia region of Spain.")
    assert [c for c in ctx.analysis.claims if c.predicate == "located_in"]


def test_bodies_told_by_their_country(analyze: Callable[..., DocContext]) -> None:
    found = seats(analyze("The pipeline has three shareholders : KVT of Norway , BRX of Chile and DLM of Peru ."))
    assert {("KVT", "Norway"), ("BRX", "Chile"), ("DLM", "Peru")} <= found, found


def test_a_long_name_s_country_is_no_seat(analyze: Callable[..., DocContext]) -> None:
    found = seats(analyze("Members of the Komala Party of Iran met in Paris on Sunday ."))
    assert not [s for s in found if s[1] == "Iran"], found
