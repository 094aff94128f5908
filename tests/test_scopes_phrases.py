"""Scopes read past a clause edge or a sentence: 'had nothing to do with', a hedging participle hung inside the
trigger's phrase, a forecast or a condition in someone's words, and a preface that hands a text to its author."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim, LiteralValue

Analyze = Callable[..., DocContext]


def name(ctx: DocContext, ref: object) -> str:
    """Readable name of a claim's subject or object."""
    return str(ref.value) if isinstance(ref, LiteralValue) else ctx.entity(str(ref)).name


def claim(ctx: DocContext, predicate: str, obj: str, subject: str | None = None) -> Claim:
    """The first claim with this predicate, object text (and subject text)."""
    found = [c for c in ctx.analysis.claims if c.predicate == predicate and obj.lower() in name(ctx, c.object).lower()
             and (subject is None or subject.lower() in name(ctx, c.subject).lower())]
    assert found, [(name(ctx, c.subject), c.predicate, name(ctx, c.object)) for c in ctx.analysis.claims]
    return found[0]


def test_nothing_to_do_with_denies_the_deniers_act(analyze: Analyze) -> None:
    c = claim(analyze("Syria had nothing to do with the rocket attack on Haifa."), "attacked", "Haifa")
    assert (c.modality, c.polarity) == ("negated", "negative")
    c = claim(analyze("The Blue Front did not have anything to do with the kidnapping of the engineers in Tarvos."),
              "kidnapped", "engineers", "Blue Front")
    assert c.polarity == "negative"


def test_nothing_to_do_with_in_speech_is_the_speakers_denial(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah said it had nothing to do with the rocket attack on Haifa.")
    c = claim(ctx, "attacked", "Haifa", "Hezbollah")
    assert (c.modality, c.polarity) == ("attributed", "negative")
    assert ctx.entity(str(c.attributed_to)).name == "Hezbollah"


def test_nothing_to_do_with_leaves_another_actors_act(analyze: Analyze) -> None:
    c = claim(analyze("Iran had nothing to do with the rocket attack on Haifa by Hezbollah."), "attacked", "Haifa")
    assert c.polarity == "positive"


def test_blamed_on_hung_inside_the_phrase_hedges(analyze: Analyze) -> None:
    ctx = analyze("Police arrested two men over a bomb attack at a Korva market blamed on Red Hand Brigade "
                  "militants, an official said on Monday.")
    assert claim(ctx, "attacked", "market").modality == "hedged"
    assert claim(ctx, "arrested", "men").modality == "attributed"


def test_forecast_in_speech_is_attributed_a_condition_stays_speculative(analyze: Analyze) -> None:
    ctx = analyze('"The Red Hand Brigade will attack Tarvos again," the Blue Front said in a statement.')
    assert claim(ctx, "attacked", "Tarvos").modality == "attributed"
    ctx = analyze('"If this attack was indeed carried out by the Blue Front, we will respond," a police official '
                  "told reporters.")
    assert claim(ctx, "attacked", "", "Blue Front").modality == "speculative"


def test_preface_hands_the_text_to_its_author(analyze: Analyze) -> None:
    ctx = analyze("Below is a statement from the Red Hand Brigade, which calls itself the People's Army. It is "
                  "printed without edits.\n\nKORVA, May 3 - Fighters of the People's Army carried out a bomb attack "
                  "on a police convoy in Korva.")
    c = claim(ctx, "attacked", "police convoy")
    assert c.modality == "attributed"
    assert ctx.entity(str(c.attributed_to)).name == "Red Hand Brigade"


def test_no_preface_without_an_author(analyze: Analyze) -> None:
    ctx = analyze("Below is a map of the region.\n\nFighters of the Red Hand Brigade attacked a police convoy "
                  "in Korva.")
    assert claim(ctx, "attacked", "police convoy").modality == "asserted"
