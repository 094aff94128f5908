"""Where one speaker's words end: a clause of another speech verb, a verb that only looks like a tag."""

from __future__ import annotations

from claim_text import Analyze, listing, name


def test_accusation_keeps_its_scope_before_an_added_clause(analyze: Analyze) -> None:
    ctx = analyze("The movement's chairman Omar Haddad accused Syria of orchestrating the bombing of the Delta "
                  "Hotel, adding that the police had failed to protect the guests.")
    found = [c for c in ctx.analysis.claims if c.predicate == "bombed" and name(ctx, c.subject) == "Syria"]
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Omar Haddad" for c in found), \
        listing(ctx)


def test_a_verb_with_an_object_of_its_own_is_no_trailing_tag(analyze: Analyze) -> None:
    ctx = analyze("Officials said in 1994 the Red Crescent Party announced the formation of a new cabinet. "
                  "Officials said the Northern Alliance continued its attacks on the capital.")
    said = [c for c in ctx.analysis.claims if c.predicate == "said"]
    assert said, listing(ctx)
    for c in said:
        assert name(ctx, c.subject).lower() == "officials", listing(ctx)  # never 'the party said "Officials said"'


def test_a_trailing_tag_after_its_clause_still_reports_it(analyze: Analyze) -> None:
    ctx = analyze("The Red Brigade attacked the police post in Tarsa, the group announced on its website.")
    found = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert found, listing(ctx)
    assert all(c.modality == "attributed" for c in found), listing(ctx)


def test_a_possessive_in_a_reported_clause_looks_ahead_to_its_subject(analyze: Analyze) -> None:
    ctx = analyze("The Ministry of Interior issued a statement. Officials said since its inception in 2001, the "
                  "Northern Liberation Front has carried out dozens of attacks.")
    founded = [c for c in ctx.analysis.claims if c.predicate == "founded_in"]
    assert all("Front" in name(ctx, c.subject) for c in founded), listing(ctx)


def test_it_in_a_bodys_words_is_the_body_not_an_owner_named_after_it(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Freedom Movement (CFM) is a political organization. The army claimed it had killed "
                  "the CFM's military commander, Jon Vik.")
    killed = [c for c in ctx.analysis.claims if c.predicate == "killed" and name(ctx, c.object) == "Jon Vik"]
    assert killed, listing(ctx)
    assert all(name(ctx, c.subject) == "army" and name(ctx, c.attributed_to) == "army" for c in killed), listing(ctx)
    leads = [c for c in ctx.analysis.claims if c.predicate == "leader_of"]
    assert leads and all(name(ctx, c.subject) == "Jon Vik" for c in leads), listing(ctx)


def test_a_spokesmans_name_hung_on_his_body_is_the_speaker(analyze: Analyze) -> None:
    ctx = analyze('"We will hunt them down," Defence Minister Lara Quist told reporters. A spokesman for the '
                  "Ember Front, Tom Aldo, denied the group was behind the attack on the Korvel depot.")
    denied = [c for c in ctx.analysis.claims if c.predicate == "attacked"]
    assert denied, listing(ctx)
    assert all(name(ctx, c.attributed_to) == "Tom Aldo" for c in denied), listing(ctx)


def test_a_broadcaster_speaks(analyze: Analyze) -> None:
    ctx = analyze("State television said the air force had bombed Ember Front positions near Marwa.")
    found = [c for c in ctx.analysis.claims if c.predicate in ("bombed", "attacked")]
    assert found and all(c.modality == "attributed" and "television" in name(ctx, c.attributed_to)
                         for c in found), listing(ctx)


def test_it_in_a_states_forces_words_is_the_state(analyze: Analyze) -> None:
    ctx = analyze("The Lebanese army is strong. The army said it had killed two Ember Front fighters.")
    killed = [c for c in ctx.analysis.claims if c.predicate == "killed"]
    assert killed and all(name(ctx, c.subject) == "Lebanon" for c in killed), listing(ctx)


def test_unnamed_reports_say_nothing_but_their_claims_are_theirs(analyze: Analyze) -> None:
    ctx = analyze("According to reports, the Ember Front bombed the Korvel bridge.")
    bombed = [c for c in ctx.analysis.claims if c.predicate == "bombed"]
    assert bombed and all(c.modality == "attributed" for c in bombed), listing(ctx)
    assert not [c for c in ctx.analysis.claims if c.predicate == "said"], listing(ctx)
    ctx = analyze("According to Reuters, the Ember Front bombed the Korvel bridge.")
    assert [c for c in ctx.analysis.claims if c.predicate == "said"], listing(ctx)
