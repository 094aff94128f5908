"""Hedged support and the distal 'that group' it often names (claimgraph/extract/nominal.py), on sentences written
for the rule."""

from __future__ import annotations

from test_frames_org import Analyze, find, name  # the same claim look-ups as the frame tests


def test_that_group_after_a_named_tie_is_the_tied_group_not_the_subject(analyze: Analyze) -> None:
    ctx = analyze("The Silver Front (SF) is a radical militia. SF has ideological ties to the Azure League "
                  "and may have received support from that group.")
    found = find(ctx, "supported", "Silver Front", "Azure League")
    assert found and all(c.modality == "hedged" for c in found)
    assert not find(ctx, "supported", "Silver Front", "Silver Front")


def test_that_group_with_no_other_body_in_its_sentence_stays_the_topic(analyze: Analyze) -> None:
    ctx = analyze("The Silver Front was set up in 1990 in Peru. Iran has armed that group since 2001.")
    assert find(ctx, "supported", "Silver Front", "Iran")


def test_an_accusation_makes_the_accused_the_actor_and_the_accusers_the_speakers(analyze: Analyze) -> None:
    ctx = analyze("Police officials accuse the Silver Front of collaborating with the Azure League, the Black Hand "
                  "and the Northern Legion.")
    found = find(ctx, "collaborates_with", subject="Silver Front")
    assert {name(ctx, c.object) for c in found} == {"Azure League", "Black Hand", "Northern Legion"}
    assert all(c.modality == "attributed" and c.attributed_to and "officials" in name(ctx, c.attributed_to)
               for c in found)
    assert not find(ctx, "collaborates_with", subject="officials")


def test_an_accusation_with_no_accuser_named_is_a_hedge(analyze: Analyze) -> None:
    ctx = analyze("The Silver Front was accused of cooperating with the Azure League.")
    found = find(ctx, "collaborates_with", "Azure League", "Silver Front")
    assert found and all(c.modality == "hedged" for c in found)
