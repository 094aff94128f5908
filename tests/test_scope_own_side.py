"""The speaker's own side in its words is the body it speaks for (issue #11): 'we', 'our fighters', 'its men'."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext

Analyze = Callable[..., DocContext]


def deeds(ctx: DocContext) -> list[tuple[str, str, str, str, str]]:
    """(subject, predicate, object, modality, speaker) names of the event claims."""
    def name(key: object) -> str:
        return ctx.entity(str(key)).name if key else ""
    return [(name(c.subject), c.predicate, name(c.object), c.modality, name(c.attributed_to))
            for c in ctx.analysis.claims if c.extractor == "events" and isinstance(c.object, str)]


@pytest.mark.parametrize("text, obj", [
    ('"We attacked the police station in Tromso last night," said Jalal Berg, a commander of the Ember Front.',
     "police station"),
    ('A spokesman for the Ember Front said: "Our fighters bombed the depot in Tromso."', "depot"),
    ("The Ember Front said in a statement that its fighters had killed four soldiers in Tromso.", "soldiers"),
    ('"Our brothers carried out the attack on the bank," the Ember Front said.', "bank"),
])
def test_the_speakers_own_side_is_the_body_it_speaks_for(analyze: Analyze, text: str, obj: str) -> None:
    found = deeds(analyze(text))
    hits = [d for d in found if d[2].lower().endswith(obj)]
    assert hits and all(d[0] == "Ember Front" and d[3] == "attributed" for d in hits), found


def test_another_sides_fighters_stay_theirs(analyze: Analyze) -> None:
    found = deeds(analyze("The Ember Front said government fighters had killed four of its members in Tromso."))
    assert not any(d[0] == "Ember Front" and d[1] == "killed" for d in found), found


def test_a_spokesman_for_the_group_speaks_for_the_body_coreference_names(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze('The Ember Front is an armed group. "Our fighters attacked the army base near Tarsa," a spokesman '
                  "for the group said.")
    found = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert found and all(ctx.entity(c.subject).name == "Ember Front" for c in found), \
        [(ctx.entity(c.subject).name, c.predicate) for c in found]


def test_his_men_in_a_leaders_words_are_his_bodys(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Ember Front is an armed group. The front's leader, Omar Haddad, said in an interview that his "
                  "men had kidnapped the mayor of Tarsa.")
    found = [c for c in ctx.analysis.claims if c.predicate == "kidnapped"]
    assert found and all(ctx.entity(c.subject).name == "Ember Front" for c in found), \
        [(ctx.entity(c.subject).name, c.predicate) for c in found]
