"""Acts whose doer a later sentence names take that sentence's scope; state bodies stay apart from the groups."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext

Analyze = Callable[..., DocContext]


def rows(ctx: DocContext) -> list[tuple[str, str, str, str, str, str]]:
    """(subject, predicate, object, modality, polarity, speaker) of every claim, names lower-cased."""
    def name(ref: object) -> str:
        return ctx.entity(str(ref)).name.lower() if isinstance(ref, str) else str(getattr(ref, "value", ""))
    return [(name(c.subject), c.predicate, name(c.object), c.modality, c.polarity, name(c.attributed_to))
            for c in ctx.analysis.claims]


def test_an_act_claimed_later_is_the_claimants_word(analyze: Analyze) -> None:
    found = rows(analyze("A car bomb killed nine shoppers near the harbour. The Vesper Brigade later claimed "
                         "responsibility for the attack."))
    killed = [r for r in found if r[1] == "killed" and "vesper" in r[0]]
    assert killed and all(r[3] == "attributed" and "vesper" in r[5] for r in killed), found


def test_an_accused_doer_is_not_lent_to_the_act_told_before(analyze: Analyze) -> None:
    # the accusation is the accuser's claim; the earlier sentence never says who fired
    found = rows(analyze("Mortar shells hit the refugee camp on Sunday, killing eleven residents. The camp's "
                         "spokeswoman accused Ruritania of orchestrating the attack."))
    assert not any("ruritania" in r[0] and r[3] == "asserted" for r in found), found
    assert any("ruritania" in r[0] and r[1] == "attacked" and r[3] == "attributed" for r in found), found


def test_a_doer_told_in_reported_words_keeps_the_speaker(analyze: Analyze) -> None:
    found = rows(analyze("Two blasts tore through the ministry district, killing thirty people. Opposition "
                         "activists said the blasts were carried out by the Vesper Brigade."))
    told = [r for r in found if "vesper" in r[0] and r[1] in ("killed", "bombed", "attacked")]
    assert told and all(r[3] == "attributed" and "activists" in r[5] for r in told), found


def test_the_army_is_not_the_rebel_group_of_the_text(analyze: Analyze) -> None:
    found = rows(analyze("The Vesper Brigade bombed a bridge in 2004. The army stormed a camp near the border, "
                         "the ministry said."))
    assert not any("vesper" in r[0] and r[1] == "attacked" for r in found), found
    assert not any("vesper" in r[0] and r[1] == "said" for r in found), found


def test_an_army_the_group_is_named_for_is_the_group(analyze: Analyze) -> None:
    found = rows(analyze("The Vesper Liberation Army bombed a bridge in 2004. The army also attacked a police "
                         "post in the south."))
    assert any("vesper liberation army" in r[0] and r[1] == "attacked" for r in found), found


def test_a_raid_blamed_on_a_group_is_the_groups_not_aimed_at_it(analyze: Analyze) -> None:
    found = rows(analyze("Police blamed the raid on the Vesper Brigade, a statement said."))
    assert not any(r[1] == "attacked" and "vesper" in r[2] for r in found), found
    assert any(r[1] == "attacked" and "vesper" in r[0] and r[3] == "attributed" for r in found), found


def test_a_bare_count_after_a_conjunction_counts_the_people_before(analyze: Analyze) -> None:
    found = rows(analyze("Six border guards were killed and four were wounded in an ambush by the Vesper "
                         "Brigade, officials said."))
    assert any(r[1] == "injured" and "vesper" in r[0] and "guards" in r[2] for r in found), found


def test_a_bombing_orchestrated_by_a_group_is_its_act(analyze: Analyze) -> None:
    found = rows(analyze("The bombing in Mosul was orchestrated by the Vesper Brigade, police said."))
    assert any(r[1] == "bombed" and "vesper" in r[0] and r[3] == "attributed" for r in found), found


def test_a_denial_of_the_attack_told_before_is_the_deniers_negated_word(analyze: Analyze) -> None:
    found = rows(analyze("Grenades were thrown into a crowded ferry terminal on Sunday. Two bombings at a hotel and a "
                         "cafe in May had killed three people. The Vesper rebel group denied it was responsible "
                         "for the attack on Sunday."))
    denied = [r for r in found if "vesper" in r[0] and r[1] in ("attacked", "bombed")]
    assert denied and all(r[4] == "negative" and r[3] == "attributed" for r in denied), found
    assert not any("vesper" in r[0] and ("hotel" in r[2] or "cafe" in r[2]) for r in denied), found


def test_speakers_who_had_nothing_to_do_with_a_deed_deny_it(analyze: Analyze) -> None:
    found = rows(analyze("Residents and the rebel Vesper Brigade say they had nothing to do with the bombings in "
                         "Mosul."))
    told = [r for r in found if "vesper" in r[0] and r[1] == "bombed"]
    assert told and all(r[4] == "negative" for r in told), found


def test_a_bare_accusation_lays_the_acts_just_told_on_the_accused(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Gunmen killed six soldiers at a checkpoint in Korvel on Tuesday. No group has claimed "
                  "responsibility, but officials blamed the Ember Front.")
    blamed = [c for c in ctx.analysis.claims if c.predicate == "killed" and ctx.entity(c.subject).name == "Ember Front"]
    assert blamed and all(c.modality == "attributed" and ctx.entity(c.attributed_to or "").name == "officials"
                          for c in blamed), [(ctx.entity(c.subject).name, c.predicate) for c in ctx.analysis.claims]
    # the gunmen's own act stays the text's; an accusation naming its own deed lays only that one
    assert any(c.predicate == "killed" and ctx.entity(c.subject).name == "Gunmen" and c.modality == "asserted"
               for c in ctx.analysis.claims)
    ctx = analyze("Gunmen killed six soldiers at a checkpoint in Korvel on Tuesday. Officials blamed the Ember "
                  "Front for a separate attack on a bank.")
    assert not [c for c in ctx.analysis.claims if c.predicate == "killed"
                and ctx.entity(c.subject).name == "Ember Front"]
