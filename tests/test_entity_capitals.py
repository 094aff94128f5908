"""'Afghanistan's capital', 'the Iraqi capital', 'the capital of Syria' name the country's capital city."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext

Analyze = Callable[..., DocContext]


def places(ctx: DocContext) -> dict[str, str]:
    """Text of each Place mention -> its entity's name (a common word's mention is kept apart from the names)."""
    return {m.text: ctx.entity(ctx.find(m.entity_key)).name for m in [*ctx.analysis.mentions, *ctx.coref_mentions]
            if m.type == "Place"}


def test_a_countrys_capital_is_its_capital_city(analyze: Analyze) -> None:
    for text, city in (("Gunmen stormed a hotel in Kenya's capital on Friday.", "Nairobi"),
                       ("Two blasts shook the Peruvian capital overnight.", "Lima"),
                       ("Rebels shelled the outskirts of the capital of Syria.", "Damascus")):
        found = places(analyze(text))
        assert found.get("capital") == city, (text, found)


def test_the_capital_word_is_no_alias_of_the_city(analyze: Analyze) -> None:
    ctx = analyze("Gunmen stormed a hotel in Kenya's capital on Friday.")
    city = next(ctx.entity(ctx.find(m.entity_key)) for m in [*ctx.analysis.mentions, *ctx.coref_mentions]
                if m.text == "capital")
    assert "capital" not in {a.lower() for a in city.aliases}, city.aliases


def test_a_capital_without_a_country_or_of_money_names_no_city(analyze: Analyze) -> None:
    for text in ("The capital was calm on Sunday.", "The group spent its political capital on the talks."):
        assert "capital" not in places(analyze(text)), text


def test_an_attack_claimed_in_a_countrys_capital_hits_the_city(analyze: Analyze) -> None:
    ctx = analyze("The Vesper Brigade claimed responsibility for a bomb attack in Kenya's capital.")
    hit = [ctx.entity(ctx.find(str(c.object))).name for c in ctx.analysis.claims
           if c.predicate in ("attacked", "bombed") and isinstance(c.object, str)]
    assert "Nairobi" in hit, hit
