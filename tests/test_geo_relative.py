"""Relative-location phrases and the constraint solver."""

from __future__ import annotations

import pytest
import spacy

from claimgraph.geo.relative import direction_code, find_phrases, list_head, parse_number, sentences, unnamed_site
from claimgraph.geo.solve import Constraint, destination, distance_km, solve

BAGHDAD = (33.34058, 44.40088)
BASRA = (30.50852, 47.7804)


def kinds(text: str) -> list[tuple[str, str | None, float | None, str | None]]:
    return [(p.kind, p.anchor_text, p.distance_km, p.direction) for p in find_phrases(text)]


@pytest.mark.parametrize("text, expected", [
    ("The depot lies 60 km east of Baqubah.", [("distance_dir", "Baqubah", 60.0, "E")]),
    ("a post some 30 miles north-west of Kirkuk", [("distance_dir", "Kirkuk", 48.3, "NW")]),
    ("about forty kilometres south of the city of Hilla", [("distance_dir", "Hilla", 40.0, "S")]),
    ("150 kilometers west of the capital Baghdad", [("distance_dir", "Baghdad", 150.0, "W")]),
    ("It is 1,200 km from Tehran.", [("distance", "Tehran", 1200.0, None)]),
    ("just outside Mosul", [("near", "Mosul", None, None)]),
    ("on the outskirts of Tal Afar", [("near", "Tal Afar", None, None)]),
    ("a village north of Samarra", [("direction", "Samarra", None, "N")]),
    ("He said so in Baghdad.", []),
])
def test_phrases(text: str, expected: list[tuple[str, str | None, float | None, str | None]]) -> None:
    assert kinds(text) == expected


def test_border_phrases() -> None:
    (p,) = find_phrases("20 km from the Kuwaiti border")
    assert p.kind == "distance_border" and p.border_of == "KW" and p.distance_km == 20.0
    (p,) = find_phrases("100 km from the eastern borders of Syria")
    assert p.anchor_text == "Syria" and p.side == "E"
    (p,) = find_phrases("The town sits on the border with Iran.")
    assert p.kind == "on_border" and p.anchor_text == "Iran" and p.distance_km == 0 and not p.near_border
    (p,) = find_phrases("a crossing near the Iranian border")
    assert p.border_of == "IR" and p.near_border
    # whose border is not said: nothing to use
    assert find_phrases("15 km from the border") == []


def test_two_phrases_in_one_sentence() -> None:
    found = kinds("120 km from Basra and 40 km from Kuwaiti borders")
    assert found[0] == ("distance", "Basra", 120.0, None)
    assert found[1][0] == "distance_border"


def test_list_items_unnamed_sites_and_sentences() -> None:
    text = "Bases:\n\u2013 Camp Falcon: 20 km south of Baghdad.\n\u2013 A camp near the town of Kut.\nNo more. Done."
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    sents = list(sentences(text, nlp(text)))
    assert [s.text for s in sents] == ["Bases:", "\u2013 Camp Falcon: 20 km south of Baghdad.",
                                       "\u2013 A camp near the town of Kut.", "No more.", "Done."]
    head = list_head(sents[1].text)
    assert head is not None and sents[1].text[head[0]:head[1]] == "Camp Falcon"
    assert list_head("He said: no.") is None
    site = unnamed_site(sents[2].text, sents[2].text.index("near"))
    assert site is not None and site.group("noun") == "camp"
    assert unnamed_site("The camp ", 9) is None


def test_words_and_numbers() -> None:
    assert direction_code("north-east") == "NE" and direction_code("Western") == "W"
    assert direction_code("southwest") == "SW"
    assert parse_number("1,200") == 1200 and parse_number("forty") == 40 and parse_number("x") is None


def test_distance_and_direction_give_the_geodesic_destination() -> None:
    est = solve([Constraint("distance", *BAGHDAD, 5.0, 100.0, "N")])
    target = destination(*BAGHDAD, 0.0, 100.0)
    assert distance_km((est.lat, est.lon), target) < 5
    # 'north' covers a sector of 45 degrees: about 35 km either side at 100 km
    assert 20 < est.uncertainty_km < 60


def test_intersecting_a_distance_with_a_border_distance() -> None:
    # 100 km north of Baghdad and 100 km from Iran's western border: both hold near (34.24, 44.40)
    est = solve([Constraint("distance", *BAGHDAD, 27.0, 100.0, "N"),
                 Constraint("border", distance_km=100.0, country="IR", side="W")])
    assert distance_km((est.lat, est.lon), (34.24, 44.40)) < 20
    # one distance alone leaves a circle: the uncertainty says so
    ring = solve([Constraint("distance", *BASRA, 5.0, 120.0)])
    assert ring.uncertainty_km > 100


def test_near_and_direction_only() -> None:
    near = solve([Constraint("near", *BASRA, 10.0)])
    assert distance_km((near.lat, near.lon), BASRA) < 3 and 10 < near.uncertainty_km < 50
    east = solve([Constraint("direction", *BAGHDAD, 27.0, direction="E")])
    assert east.lon > BAGHDAD[1] + 0.1 and abs(east.lat - BAGHDAD[0]) < 0.3


def test_on_the_border() -> None:
    est = solve([Constraint("near", 34.52, 45.58, 3.0), Constraint("border", distance_km=0.0, country="IR")])
    assert distance_km((est.lat, est.lon), (34.52, 45.58)) < 25


def test_no_anchor_no_estimate() -> None:
    assert solve([Constraint("border", distance_km=40.0, country="IR")]) is None
    assert solve([]) is None


@pytest.mark.parametrize("sentence, km", [
    ("The depot lies 100 km (62 miles) north of Samarra.", 100.0),
    ("A post some 40 kilometres [25 miles] north-east of Kut was abandoned.", 40.0),
    ("The well is 30 miles (48 km) south of Hilla.", 48.3),
])
def test_bracketed_unit_conversions_keep_the_distance(sentence: str, km: float) -> None:
    phrases = find_phrases(sentence)
    assert len(phrases) == 1 and phrases[0].kind == "distance_dir"
    assert phrases[0].distance_km == pytest.approx(km, abs=0.2) and phrases[0].anchor_text in sentence


@pytest.mark.parametrize("sentence, first, second", [
    ("Fighting broke out in a village between Baquba and Khalis.", "Baquba", "Khalis"),
    ("The convoy was ambushed on the road from Tikrit to Baiji.", "Tikrit", "Baiji"),
    ("A checkpoint midway between the town of Hit and Ramadi was shelled.", "Hit", "Ramadi"),
])
def test_two_reference_places_in_one_phrase(sentence: str, first: str, second: str) -> None:
    phrases = [p for p in find_phrases(sentence) if p.kind == "between"]
    assert len(phrases) == 1
    assert (phrases[0].anchor_text, phrases[0].anchor2_text) == (first, second)
    assert sentence[phrases[0].anchor2_start:phrases[0].anchor2_end] == second


def test_a_sentence_read_twice_gives_its_phrases_at_each_offset() -> None:
    # geo.mentions and geo.resolve both read every sentence: the second reading must match the first
    plain = "The 12 delegates met on Monday."
    assert find_phrases(plain) == [] and find_phrases(plain, 40) == []
    located = "Rebels attacked a post 30 km north of Kut."
    first, again = find_phrases(located), find_phrases(located, 100)
    assert [(p.kind, p.anchor_text) for p in first] == [(p.kind, p.anchor_text) for p in again] == \
        [("distance_dir", "Kut")]
    assert again[0].start == first[0].start + 100 and again[0] is not first[0]
