"""Deeds told through someone: claimed, charged, denied or blamed, as a gerund or a noun with its site (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def told(ctx: DocContext) -> list[tuple[str, str, str, str, str, str]]:
    """(subject, predicate, object, modality, polarity, speaker) of every event claim, names lower-cased."""
    def name(key: str | None) -> str:
        return ctx.entity(key).name.lower() if key else ""
    return [(name(c.subject), c.predicate,
             name(c.object) if isinstance(c.object, str) else str(c.object.value).lower(),
             c.modality, c.polarity, name(c.attributed_to))
            for c in ctx.analysis.claims if c.extractor == "events"]


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("The Ember Front claimed responsibility for shooting dead a guard in Korvel on Sunday.", "ember front",
     "killed", "guard"),
    ("The Ember Front has claimed responsibility for killing three customs officers near the border.",
     "ember front", "killed", "officers"),
    ("The Ember Front claimed responsibility for the twin blasts in Korvel.", "ember front", "bombed", "korvel"),
])
def test_a_deed_claimed_is_the_claimants_in_its_own_words(analyze: Callable[..., DocContext], text: str,
                                                          subject: str, predicate: str, obj: str) -> None:
    found = told(analyze(text))
    assert any(subject in s and p == predicate and obj in o and m == "attributed" and subject in w
               for s, p, o, m, _, w in found), found


@pytest.mark.parametrize("text, accused, predicate, obj, accuser", [
    ("The government accused the Ember Front of bombing the grain depot in Korvel.", "ember front", "bombed",
     "depot", "government"),
    ("The government has charged the Ember Front with carrying out the attacks on the customs post.",
     "ember front", "attacked", "customs post", "government"),
    ("Officials blamed the Ember Front for a suicide attack at a ferry terminal.", "ember front", "attacked",
     "ferry terminal", "officials"),
])
def test_a_deed_laid_on_someone_is_theirs_as_the_accuser_says(analyze: Callable[..., DocContext], text: str,
                                                              accused: str, predicate: str, obj: str,
                                                              accuser: str) -> None:
    found = told(analyze(text))
    assert any(accused in s and p == predicate and obj in o and m == "attributed" and accuser in w
               for s, p, o, m, _, w in found), found
    assert not any(accuser in s for s, *_ in found), found  # the accuser did nothing


def test_a_denied_deed_is_kept_negative_in_the_deniers_words(analyze: Callable[..., DocContext]) -> None:
    found = told(analyze("The Ember Front denied kidnapping the two engineers."))
    assert any("ember front" in s and p == "kidnapped" and "engineers" in o and pol == "negative"
               and "ember front" in w for s, p, o, _, pol, w in found), found


@pytest.mark.parametrize("text", [
    "The mayor spoke about the risk of bombing the old bridge during the works.",
    "A blast at the chemical plant in Korvel injured two workers.",
    "The talks began at dawn in Korvel.",
])
def test_no_doer_is_made_up(analyze: Callable[..., DocContext], text: str) -> None:
    found = told(analyze(text))
    assert not any(p in ("bombed", "attacked") and s and "unnamed" not in s for s, p, *_ in found), found


@pytest.mark.parametrize("text, suspect, predicate, obj", [
    ("The Ember Front is the prime suspect in the bombing of the Korvel bridge.", "ember front", "bombed",
     "korvel bridge"),
    ("The Ember Front was named as a suspect in the kidnapping of two engineers.", "ember front", "kidnapped",
     "engineers"),
])
def test_a_suspect_in_a_deed_is_its_hedged_doer(analyze: Callable[..., DocContext], text: str, suspect: str,
                                                 predicate: str, obj: str) -> None:
    found = [f for f in told(analyze(text)) if f[1] == predicate and obj in f[2]]
    assert found and all(s == suspect and m == "hedged" for s, _, _, m, _, _ in found), found


@pytest.mark.parametrize("text, predicate, obj, modality, polarity", [
    ("Attacks in Sri Lanka were attributed to the Ember Front in 2008.", "attacked", "sri lanka", "hedged",
     "positive"),
    ("There have been no known attacks in Sri Lanka attributed to the Ember Front since 2009.", "attacked",
     "sri lanka", "negated", "negative"),
    ("A bombing in Korvel was blamed on the Ember Front.", "bombed", "korvel", "hedged", "positive"),
    ("The Ember Front was linked to the killing of a judge.", "killed", "judge", "hedged", "positive"),
    ("The Ember Front shot a guard in 1994 and was linked to the killing of a judge there.", "killed", "judge",
     "hedged", "positive"),
])
def test_a_deed_laid_on_a_body_is_its_hedged_or_denied_deed(analyze: Callable[..., DocContext], text: str,
                                                           predicate: str, obj: str, modality: str,
                                                           polarity: str) -> None:
    found = told(analyze(text))
    assert ("ember front", predicate, obj, modality, polarity, "") in found, found


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("A statement from the Ember Front claims the bombing of the grain depot.", "ember front", "bombed",
     "grain depot"),
    ("The Ember Front is an armed group in Korvel. The video claims the attack on the police station in Vellmar.",
     "ember front", "attacked", "police station"),
])
def test_a_message_claiming_a_deed_gives_it_to_its_sender(analyze: Callable[..., DocContext], text: str,
                                                          subject: str, predicate: str, obj: str) -> None:
    found = told(analyze(text))
    assert any(s == subject and p == predicate and o == obj and m == "attributed" for s, p, o, m, _, _ in found), \
        found
