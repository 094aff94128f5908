"""Speakers carried past their own clause: untagged quotes that go on with the last speaker's words, 'X is ...
and claims to Y' read with 'claims' as a noun, and the people of a named group speaking ('X commanders claim')."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim, LiteralValue

Analyze = Callable[..., DocContext]


def name(ctx: DocContext, ref: object) -> str:
    """Readable name of a claim's subject, object or speaker."""
    if ref is None:
        return ""
    if isinstance(ref, LiteralValue):
        return str(ref.value)
    return ctx.entity(str(ref)).name


def said(ctx: DocContext, words: str) -> list[Claim]:
    """The `said` claims whose text holds these words."""
    return [c for c in ctx.analysis.claims if c.predicate == "said" and words.lower() in name(ctx, c.object).lower()]


def test_untagged_quote_after_reported_words_is_the_same_speakers(analyze: Analyze) -> None:
    ctx = analyze("According to the ministry, gunmen killed two police officers in Basra. \"In this cowardly act, "
                  "a colonel of the city police died.\"")
    found = said(ctx, "cowardly act")
    assert found and name(ctx, found[0].subject) == "ministry", [(name(ctx, c.subject), name(ctx, c.object))
                                                                 for c in ctx.analysis.claims]
    ev = found[0].evidence[0]
    assert "cowardly" in ctx.text[ev.start:ev.end] and "gunmen" not in ctx.text[ev.start:ev.end]


def test_second_quote_after_a_tag_continues_it(analyze: Analyze) -> None:
    ctx = analyze("\"They will pay for it,\" Ali Hadi said. \"The Tigris Front attacked our men in Basra.\"")
    attack = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert attack and name(ctx, attack[0].attributed_to) == "Ali Hadi"
    assert attack[0].modality == "attributed"


def test_quote_paragraph_after_a_quoting_paragraph(analyze: Analyze) -> None:
    ctx = analyze("Speaking by telephone, the spokesman Omar Farid said: \"We carried out the raid.\"\n\n"
                  "\"We are stronger than before and will strike again.\"")
    found = said(ctx, "stronger than before")
    assert found and name(ctx, found[0].subject) == "Omar Farid"


def test_quote_without_a_speaker_before_it_is_nobodys(analyze: Analyze) -> None:
    ctx = analyze("The town was quiet on Monday.\n\n\"Peace will come to the valley one day.\"")
    assert not said(ctx, "peace will come")


def test_quote_inside_a_sentence_is_left_to_its_clause(analyze: Analyze) -> None:
    ctx = analyze("Omar Farid said the raid went well. The army called the raid \"a cowardly act of terror.\"")
    assert not [c for c in said(ctx, "cowardly act") if name(ctx, c.subject) == "Omar Farid"]


def test_copula_subject_claims_the_infinitive(analyze: Analyze) -> None:
    ctx = analyze("The Tigris Front is the most violent of the groups operating in the region and claims to "
                  "promote an independent Islamic state in the north.")
    found = said(ctx, "promote an independent")
    assert found and name(ctx, found[0].subject) == "Tigris Front"
    assert not name(ctx, found[0].object).lower().startswith("to ")
    ctx = analyze("The Ash Valley Front is the most violent of the armed groups operating in the Philippines and "
                  "claims to defend an independent state in the islands of the south.")
    found = said(ctx, "defend an independent")
    assert found and name(ctx, found[0].subject) == "Ash Valley Front"


def test_people_of_a_named_group_speak_for_themselves(analyze: Analyze) -> None:
    ctx = analyze("Tigris Front commanders claim the group had killed up to 300 soldiers.")
    kill = [c for c in ctx.analysis.claims if c.predicate == "killed"]
    assert kill and name(ctx, kill[0].attributed_to) == "Tigris Front commanders"


def test_nationality_officials_still_speak_for_their_state(analyze: Analyze) -> None:
    ctx = analyze("Turkish officials said the Tigris Front killed ten soldiers in an attack on Sunday.")
    kill = [c for c in ctx.analysis.claims if c.predicate == "killed"]
    assert kill and name(ctx, kill[0].attributed_to) != "Turkish officials", [
        (name(ctx, c.subject), c.predicate, name(ctx, c.attributed_to)) for c in ctx.analysis.claims]


def test_a_belief_is_hedged_and_keeps_its_holder(analyze: Analyze) -> None:
    ctx = analyze("The army believes that the Tigris Front attacked the checkpoint on Sunday.")
    attack = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert attack and (attack[0].modality, name(ctx, attack[0].attributed_to)) == ("hedged", "army"), listing(ctx)


def test_a_hedge_inside_reported_words_stays_a_hedge(analyze: Analyze) -> None:
    ctx = analyze("Omar Farid said the Tigris Front may have attacked the checkpoint.")
    attack = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert attack and (attack[0].modality, name(ctx, attack[0].attributed_to)) == ("hedged", "Omar Farid"), \
        listing(ctx)
    ctx = analyze("Omar Farid said the Tigris Front attacked the checkpoint.")
    attack = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert attack and attack[0].modality == "attributed", listing(ctx)


def listing(ctx: DocContext) -> list[tuple[str, str, str, str, str]]:
    """Every claim as readable text, for assertion messages."""
    return [(name(ctx, c.subject), c.predicate, name(ctx, c.object), c.modality, name(ctx, c.attributed_to))
            for c in ctx.analysis.claims]


def test_a_trailing_report_verb_is_no_hedge_adjective(analyze: Analyze) -> None:
    ctx = analyze("A volley of rockets fired at the camp on Friday killed 12 members of the Tigris Front and wounded "
                  "dozens of others, reported the Tigris Front's website.")
    kill = [c for c in ctx.analysis.claims if c.predicate == "killed"]
    assert kill and kill[0].modality == "attributed", listing(ctx)


def test_the_person_a_title_follows_speaks(analyze: Analyze) -> None:
    ctx = analyze("Omar Farid, a spokesman for the Tigris Front, said the group attacked the base.")
    found = said(ctx, "attacked the base")
    assert found and name(ctx, found[0].subject) == "Omar Farid"
    ctx = analyze("Gunmen attacked a convoy on the river road in Basra, Omar Farid, a spokesman for al-Tigris said "
                  "by telephone.")
    found = said(ctx, "attacked a convoy")
    assert found and name(ctx, found[0].subject) == "Omar Farid"
