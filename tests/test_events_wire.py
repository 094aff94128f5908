"""Event families of wire news: weapons thrown at a target, deeds told with who carried them out, lists of victims."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def events(ctx: DocContext) -> list[tuple[str, str, str, str]]:
    """(subject name, predicate, object name, weapon) of the event stage's claims."""
    return [(ctx.entity(c.subject).name.lower(), c.predicate,
             (ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)).lower(),
             str(c.qualifiers.get("weapon", "")).lower())
            for c in ctx.analysis.claims if c.extractor == "events"]


@pytest.mark.parametrize("text, subject, predicate, obj, weapon", [
    ("Five masked men hurled grenades at the police station on Monday.", "men", "bombed", "police station",
     "grenades"),
    ("Militants threw a petrol bomb at the bus depot.", "militants", "bombed", "bus depot", "bomb"),
    ("The guerrillas launched two rockets against the army barracks.", "guerrillas", "attacked", "barracks",
     "rockets"),
])
def test_a_weapon_thrown_at_something_is_an_attack_on_it(analyze: Callable[..., DocContext], text: str,
                                                         subject: str, predicate: str, obj: str, weapon: str) -> None:
    found = events(analyze(text))
    assert any(subject in s and p == predicate and obj in o and weapon in w for s, p, o, w in found), found


@pytest.mark.parametrize("text", [
    "The club fired its coach and threw a party at the stadium.",
    "The council launched a campaign against litter.",
    "The boy threw the ball at the window.",
])
def test_throwing_no_weapon_is_no_attack(analyze: Callable[..., DocContext], text: str) -> None:
    assert not events(analyze(text))


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("A guard was wounded in the attack staged last night by urban commandos on the town hall.",
     "commandos", "injured", "guard"),
    ("The murder of the judge, which was perpetrated by hired gunmen, shocked the country.",
     "gunmen", "killed", "judge"),
])
def test_the_doer_of_a_deed_carried_out_by_someone(analyze: Callable[..., DocContext], text: str, subject: str,
                                                   predicate: str, obj: str) -> None:
    found = events(analyze(text))
    assert any(subject in s and p == predicate and obj in o for s, p, o, _ in found), found


def test_a_deed_reported_by_someone_is_not_theirs(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The murder of the mayor, which was reported by local radio, shocked the town."))
    assert not any("radio" in s for s, _, _, _ in found), found


def test_a_participle_of_the_same_deed_names_its_doer(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The two nuns were killed on Friday, shot at close range by a band of hooded men."))
    assert any("hooded men" in s and p == "killed" and "nuns" in o for s, p, o, _ in found), found


@pytest.mark.parametrize("text, names", [
    ("Troops killed two local reporters, Ana Ruiz and Marco Diaz, near the border.", ["ana ruiz", "marco diaz"]),
    ("Gunmen killed three journalists: Tomas Wren, a photographer, Ida Holm, a reporter, and Lev Ostrov, a "
     "cameraman.", ["tomas wren", "ida holm", "lev ostrov"]),
])
def test_every_name_of_a_list_of_victims_is_a_victim(analyze: Callable[..., DocContext], text: str,
                                                      names: list[str]) -> None:
    found = {o for _, p, o, _ in events(analyze(text)) if p == "killed"}
    assert all(any(n in o for o in found) for n in names), found


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("A colonel, two lieutenants and three soldiers were involved in the massacre of the villagers.",
     "lieutenants", "killed", "villagers"),
    ("The report implicated four officers in the assassination of the bishop.", "officers", "assassinated", "bishop"),
    ("Sixteen suspects are believed to have participated in the murder of the general.", "suspects", "killed",
     "general"),
    ("The rebels abducted and later murdered two members of the civil defense.", "rebels", "killed", "members"),
    ("Police arrested two soldiers accused of taking part in the massacre of the farmers.", "soldiers", "killed",
     "farmers"),
])
def test_who_took_part_in_a_deed_did_it(analyze: Callable[..., DocContext], text: str, subject: str,
                                        predicate: str, obj: str) -> None:
    found = events(analyze(text))
    assert any(subject in s and p == predicate and obj in o for s, p, o, _ in found), found


@pytest.mark.parametrize("text, subject, obj", [
    ("The guerrillas placed a powerful bomb at the bank entrance.", "guerrillas", "bank entrance"),
    ("The bomb was planted by two individuals wearing sports clothes, who escaped.", "individuals", ""),
])
def test_who_set_an_explosive_bombed(analyze: Callable[..., DocContext], text: str, subject: str, obj: str) -> None:
    found = events(analyze(text))
    assert any(subject in s and p == "bombed" and obj in o for s, p, o, _ in found), found


@pytest.mark.parametrize("text", [
    "Police found a bomb planted under the car.",
    "The committee placed the report on the table.",
])
def test_an_explosive_found_or_no_explosive_set_is_no_bombing(analyze: Callable[..., DocContext], text: str) -> None:
    assert not [e for e in events(analyze(text)) if e[1] == "bombed"]


def test_an_attack_blamed_on_someone_is_theirs(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The attack on the ministry was blamed on leftist rebels."))
    assert any("rebels" in s and p == "attacked" for s, p, _, _ in found), found


def test_a_blast_aimed_at_something_is_a_bombing_of_it(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The explosion targeted a bakery on the main street of the old town."))
    assert any(p == "bombed" and "bakery" in o for _, p, o, _ in found), found


def test_something_else_aimed_at_something_is_no_attack(analyze: Callable[..., DocContext]) -> None:
    assert not events(analyze("The sanctions targeted three banks in the capital."))


@pytest.mark.parametrize("text, obj", [
    ("The day a newspaper office was blown up in the capital, the editor fled.", "newspaper office"),
    ("The blast from the explosion hit a truck full of policemen.", "truck"),
])
def test_what_was_blown_up_or_hit_by_a_blast_was_bombed(analyze: Callable[..., DocContext], text: str,
                                                       obj: str) -> None:
    found = events(analyze(text))
    assert any(p == "bombed" and obj in o for _, p, o, _ in found), found


@pytest.mark.parametrize("text", ["The news hit the market hard.", "The storm blew up the coast."])
def test_a_hit_or_blow_of_no_blast_is_no_bombing(analyze: Callable[..., DocContext], text: str) -> None:
    assert not [e for e in events(analyze(text)) if e[1] == "bombed"]


@pytest.mark.parametrize("text, victim", [
    ("Medina, a local trader, was killed by unidentified men near the market.", "medina"),
    ("Gunmen killed Paris, a local shopkeeper, outside his home.", "paris"),
])
def test_a_name_read_as_a_town_is_a_person_when_killed(analyze: Callable[..., DocContext], text: str,
                                                      victim: str) -> None:
    ctx = analyze(text)
    killed = [ctx.entity(c.object) for c in ctx.analysis.claims
              if c.extractor == "events" and c.predicate == "killed" and isinstance(c.object, str)]
    assert any(e.name.lower() == victim and e.type == "Person" for e in killed), [(e.name, e.type) for e in killed]


def test_a_short_lower_case_word_is_initials_only_in_text_written_without_case(
        analyze: Callable[..., DocContext]) -> None:
    """'tax' or 'van' in cased text is the word; 'fmln' in a lower-cased wire story is a group's initials."""
    cased = events(analyze("The new tax strikes small shops hardest. A van hit the wall of the depot in Moro."))
    assert not any(s in ("tax", "new tax", "van") for s, _, _, _ in cased), cased
    caseless = events(analyze("the fmln attacked the army barracks in moro on monday."))
    assert any(s == "fmln" and p == "attacked" for s, p, _, _ in caseless), caseless
