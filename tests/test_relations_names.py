"""based_in read from an institution's own name or the description right before it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def seats(ctx: DocContext) -> set[tuple[str, str]]:
    """(organisation, place) names of the based_in claims."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == "based_in" and isinstance(c.object, str)}


@pytest.mark.parametrize("text, org, place", [
    ("He worked for the Danish Broadcasting Corporation until 2004.", "Danish Broadcasting Corporation", "Denmark"),
    ("She moved to Manitoba in 1990 and lectured at the University of Manitoba for ten years.",
     "University of Manitoba", "Manitoba"),
    ("The concert was recorded by the Finnish rock band Kettuset in a single night.", "Kettuset", "Finland"),
    ("He moved to Lahore in 1990 and taught at Lahore University for a decade.", "Lahore University", "Lahore"),
    ("The Hungarian Interior Ministry said the border would stay open.", "Hungarian Interior Ministry", "Hungary"),
    ("Tabwin is being investigated by the Australian Federal Police.", "Australian Federal Police", "Australia"),
])
def test_names_that_say_where_a_body_sits(analyze: Callable[..., DocContext], text: str, org: str,
                                          place: str) -> None:
    found = seats(analyze(text))
    assert any(org in o and place in p for o, p in found), found


@pytest.mark.parametrize("text", [
    "The Syrian National Council met in Istanbul to choose a new chairman.",
    "Members of the Kurdish Democratic Party of Iran gathered near Erbil on Sunday.",
    "Fighters of the National Liberation Army of Iran crossed the border from Iraq.",
    "A spokesman for the French embassy in Nairobi declined to comment.",
    "Staff of the American University in Cairo protested on Sunday.",
    "The Free Syrian Army said it had taken the town.",
    "The British intelligence agency , MI6 , declined to comment.",
])
def test_bodies_often_seated_elsewhere_are_left_alone(analyze: Callable[..., DocContext], text: str) -> None:
    found = seats(analyze(text))
    assert not [s for s in found if s[1] in ("Syria", "Iran", "France")], found


def test_a_town_in_a_clubs_or_companys_name_is_no_seat(analyze: Callable[..., DocContext]) -> None:
    found = seats(analyze("Journalists in Peshawar gathered at the Peshawar Press Club on Monday."))
    assert not found, found


@pytest.mark.parametrize("text, org, place", [
    ("The Harbin Cranes , or Harbin Steel , are a professional hockey team based in Harbin .", "Harbin Steel",
     "Harbin"),
    ("The Ashfield Miners are a football club in Nottinghamshire .", "Ashfield Miners", "Nottinghamshire"),
])
def test_a_plural_name_described_as_a_body_sits_where_it_says(analyze: Callable[..., DocContext], text: str,
                                                              org: str, place: str) -> None:
    found = seats(analyze(text))
    assert any(org in o and place in p for o, p in found), found
