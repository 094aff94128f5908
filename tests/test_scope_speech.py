"""The scope layer on every claim: reported speech, accusations, hedges, prohibitions and coordinated negation."""

from __future__ import annotations

from claim_text import Analyze, listing, name

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim, LiteralValue


def claims(ctx: DocContext, predicates: tuple[str, ...], obj: str | None = None) -> list[Claim]:
    """The claims with one of these predicates (and an object whose name holds `obj`)."""
    return [c for c in ctx.analysis.claims if c.predicate in predicates
            and (obj is None or obj.lower() in name(ctx, c.object).lower())]


ATTACKS = ("attacked", "bombed", "killed", "arrested")


def test_sentence_final_unnamed_speaker(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah fighters attacked the convoy near the border, a senior army officer said on Monday.")
    found = claims(ctx, ATTACKS, "convoy")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" for c in found), listing(ctx)
    assert all("officer" in name(ctx, c.attributed_to) for c in found), listing(ctx)
    said = claims(ctx, ("said",))
    assert any("officer" in name(ctx, c.subject) and "convoy" in name(ctx, c.object) for c in said), listing(ctx)


def test_claim_of_responsibility_is_the_claimants_word(analyze: Analyze) -> None:
    ctx = analyze("Hamas claimed responsibility for the attack on the embassy that killed four guards.")
    found = claims(ctx, ATTACKS)
    assert found, listing(ctx)
    for c in found:
        assert (c.modality, name(ctx, c.attributed_to)) == ("attributed", "Hamas"), listing(ctx)


def test_according_to_unnamed_witnesses(analyze: Analyze) -> None:
    ctx = analyze("According to witnesses, Hamas gunmen attacked the checkpoint in the morning.")
    found = claims(ctx, ATTACKS, "checkpoint")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "witnesses" for c in found), listing(ctx)


def test_title_refers_back_to_the_named_person(analyze: Analyze) -> None:
    ctx = analyze("Defence Minister John Carter visited the base on Sunday. "
                  "The minister said that Hezbollah had attacked the convoy.")
    found = claims(ctx, ATTACKS, "convoy")
    assert found, listing(ctx)
    assert all(name(ctx, c.attributed_to) == "John Carter" for c in found), listing(ctx)


def test_speech_outside_its_clause_does_not_attribute(analyze: Analyze) -> None:
    ctx = analyze("Hamas attacked the depot in May. Officials later said that Hezbollah attacked the convoy.")
    depot = claims(ctx, ATTACKS, "depot")
    convoy = claims(ctx, ATTACKS, "convoy")
    assert depot and convoy, listing(ctx)
    assert all(c.modality == "asserted" and c.attributed_to is None for c in depot), listing(ctx)
    assert all(c.modality == "attributed" for c in convoy), listing(ctx)


def test_passive_hedge_keeps_the_actor(analyze: Analyze) -> None:
    ctx = analyze("Hamas is believed to have attacked the embassy in 1994.")
    found = claims(ctx, ATTACKS, "embassy")
    assert found, listing(ctx)
    assert all(c.modality == "hedged" and name(ctx, c.subject) == "Hamas" for c in found), listing(ctx)


def test_suspicion_is_a_hedge(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah is suspected of bombing the consulate.")
    found = claims(ctx, ATTACKS, "consulate")
    assert found, listing(ctx)
    assert all(c.modality == "hedged" and name(ctx, c.subject) == "Hezbollah" for c in found), listing(ctx)


def test_event_claims_take_the_hedge_of_their_clause(analyze: Analyze) -> None:
    ctx = analyze("Hamas reportedly bombed the depot, and Hezbollah attacked the convoy.")
    depot, convoy = claims(ctx, ATTACKS, "depot"), claims(ctx, ATTACKS, "convoy")
    assert depot and convoy, listing(ctx)
    assert all(c.modality == "hedged" for c in depot), listing(ctx)
    assert all(c.modality == "asserted" for c in convoy), listing(ctx)


def test_prohibition_is_not_support(analyze: Analyze) -> None:
    ctx = analyze("The new law prohibits giving support to Hezbollah.")
    assert not [c for c in claims(ctx, ("supported", "supported_by")) if c.polarity == "positive"], listing(ctx)


def test_neither_nor_subjects_are_negated(analyze: Analyze) -> None:
    ctx = analyze("Neither Hamas nor Hezbollah attacked the embassy.")
    assert not [c for c in claims(ctx, ATTACKS) if c.polarity == "positive"], listing(ctx)


def test_negation_stays_in_its_clause(analyze: Analyze) -> None:
    ctx = analyze("Hamas did not attack the embassy, but Hezbollah attacked the consulate.")
    consulate = claims(ctx, ATTACKS, "consulate")
    assert consulate, listing(ctx)
    assert all(c.polarity == "positive" for c in consulate), listing(ctx)
    assert all(c.polarity == "negative" for c in claims(ctx, ATTACKS, "embassy")), listing(ctx)


def test_denial_is_attributed_and_negative(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah denied that it had attacked the convoy.")
    said = [c for c in claims(ctx, ("said",)) if name(ctx, c.subject) == "Hezbollah"]
    assert said and all(c.polarity == "negative" for c in said), listing(ctx)
    for c in claims(ctx, ATTACKS, "convoy"):
        assert (c.modality, c.polarity, name(ctx, c.attributed_to)) == ("attributed", "negative", "Hezbollah")


def test_accusation_goes_to_the_accused_and_is_attributed(analyze: Analyze) -> None:
    ctx = analyze("Iraqi officials accused Hezbollah of working for Iran.")
    found = claims(ctx, ("collaborates_with", "tied_to", "supported_by"), "Iran")
    assert found, listing(ctx)
    for c in found:
        assert name(ctx, c.subject) == "Hezbollah" and c.modality == "attributed", listing(ctx)
        assert c.attributed_to is not None and name(ctx, c.attributed_to) != "Hezbollah", listing(ctx)


def test_nearest_subject_speaks_after_a_dateline(analyze: Analyze) -> None:
    ctx = analyze("LAGOS (Reuters) - Police officials said on Monday that Hamas had bombed the depot.")
    found = claims(ctx, ATTACKS, "depot")
    assert found, listing(ctx)
    assert all("police" in name(ctx, c.attributed_to).lower() for c in found), listing(ctx)


def test_title_in_apposition_names_the_speaker(analyze: Analyze) -> None:
    ctx = analyze("Hamas fighters attacked the port, according to the interior minister, Rufus Firefly.")
    found = claims(ctx, ATTACKS, "port")
    assert found, listing(ctx)
    assert all(name(ctx, c.attributed_to) == "Rufus Firefly" for c in found), listing(ctx)


def test_holding_responsible_is_an_accusation(analyze: Analyze) -> None:
    ctx = analyze("Egypt holds Hamas responsible for the attack on the border post.")
    found = claims(ctx, ATTACKS, "post")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Egypt" for c in found), listing(ctx)


def test_holding_a_named_group_responsible_is_an_accusation_and_no_words_said(analyze: Analyze) -> None:
    # the parser hangs "responsible" on the accused name here, not on "holds"
    ctx = analyze("Nigeria holds the Red Dawn Front responsible for the rocket attacks on Abuja.")
    found = claims(ctx, ATTACKS, "Abuja")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Nigeria" for c in found), listing(ctx)
    assert not claims(ctx, ("said",)), listing(ctx)


def test_quoted_as_saying_and_told_reporters(analyze: Analyze) -> None:
    ctx = analyze("John Carter was quoted as saying that Hamas had bombed the depot. "
                  "Mary Stone told reporters that Hezbollah attacked the convoy.")
    depot, convoy = claims(ctx, ATTACKS, "depot"), claims(ctx, ATTACKS, "convoy")
    assert depot and convoy, listing(ctx)
    assert all(name(ctx, c.attributed_to) == "John Carter" for c in depot), listing(ctx)
    assert all(name(ctx, c.attributed_to) == "Mary Stone" for c in convoy), listing(ctx)
    said = {(name(ctx, c.subject), name(ctx, c.object)) for c in claims(ctx, ("said",))}
    assert ("John Carter", "Hamas had bombed the depot") in said, said


def test_colon_introduced_words_are_the_speakers(analyze: Analyze) -> None:
    ctx = analyze("The spokesman said: Hezbollah attacked the convoy at dawn.")
    found = claims(ctx, ATTACKS, "convoy")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "spokesman" for c in found)


def test_suspected_actor_and_blamed_event_are_hedged(analyze: Analyze) -> None:
    ctx = analyze("Suspected members of Hamas attacked the convoy. "
                  "A grenade attack on the depot was blamed on Hezbollah.")
    convoy, depot = claims(ctx, ATTACKS, "convoy"), claims(ctx, ATTACKS, "depot")
    assert convoy and all(c.modality == "hedged" for c in convoy), listing(ctx)
    assert depot and all(c.modality == "hedged" for c in depot), listing(ctx)


def test_a_condition_is_not_an_event(analyze: Analyze) -> None:
    ctx = analyze("If the embassy was attacked by Hamas, the talks will end.")
    assert all(c.modality != "asserted" for c in claims(ctx, ATTACKS, "embassy")), listing(ctx)


def test_former_roles_are_marked_historical(analyze: Analyze) -> None:
    ctx = analyze("John Carter, a former leader of Hamas, lives in Cairo. Mary Stone is a leader of Hezbollah.")
    former = [c for c in claims(ctx, ("leader_of",), "Hamas")]
    current = [c for c in claims(ctx, ("leader_of",), "Hezbollah")]
    assert former and current, listing(ctx)
    assert all("former" in str(c.qualifiers.get("note", "")) for c in former), [c.qualifiers for c in former]
    assert not any("former" in str(c.qualifiers.get("note", "")) for c in current), [c.qualifiers for c in current]


def test_it_claimed_responsibility_speaks_for_the_topic(analyze: Analyze) -> None:
    ctx = analyze("Hamas issued a statement on Monday. It claimed responsibility for the attack on the embassy.")
    said = [c for c in claims(ctx, ("said",)) if "embassy" in name(ctx, c.object)]
    assert said and all(name(ctx, c.subject) == "Hamas" for c in said), listing(ctx)
    for c in claims(ctx, ATTACKS, "embassy"):
        assert c.modality == "attributed" and name(ctx, c.attributed_to) == "Hamas", listing(ctx)


def test_known_or_suspected_membership_is_hedged(analyze: Analyze) -> None:
    ctx = analyze("John Carter, a known or suspected member of Hamas, was arrested. "
                  "Mary Stone, a member of Hezbollah, was released.")
    hedged, plain = claims(ctx, ("member_of",), "Hamas"), claims(ctx, ("member_of",), "Hezbollah")
    assert hedged and plain, listing(ctx)
    assert all(c.modality == "hedged" for c in hedged), listing(ctx)
    assert all(c.modality == "asserted" for c in plain), listing(ctx)


def test_inverted_report_names_its_source(analyze: Analyze) -> None:
    ctx = analyze("Hamas issued a warning. Rockets fired at the camp on Thursday killed 23 Egyptian soldiers, "
                  "reported the group's website.")
    found = claims(ctx, ("killed",), "soldiers")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Hamas" for c in found), listing(ctx)


def test_speakers_the_recognizer_missed(analyze: Analyze) -> None:
    ctx = analyze('"The depot was hit by two rockets," the Qarun Dawa group said in a statement. '
                  "The Handbook of Insurgency describes them as a durable movement.")
    speakers = {name(ctx, c.subject) for c in claims(ctx, ("said",))}
    assert "Qarun Dawa" in speakers and "Handbook of Insurgency" in speakers, listing(ctx)


def test_a_statement_is_the_persons_who_made_it(analyze: Analyze) -> None:
    ctx = analyze("According to a statement by ministry spokesman John Carter, Hamas fighters attacked the port.")
    found = claims(ctx, ATTACKS, "port")
    assert found and all(name(ctx, c.attributed_to) == "John Carter" for c in found), listing(ctx)


def test_a_nationality_adjective_is_not_the_speaker(analyze: Analyze) -> None:
    ctx = analyze("Peruvian insurgents said on Monday they had carried out two bomb attacks in "
                  "Cusco that killed nine guards.")
    said = claims(ctx, ("said",))
    assert said and all(name(ctx, c.subject) == "Peruvian insurgents" for c in said), listing(ctx)
    acts = claims(ctx, ("attacked", "bombed", "killed"))
    assert acts, listing(ctx)
    # "they" in the reported clause are the speakers; the acts are theirs, as they say
    assert all(name(ctx, c.subject) == "Peruvian insurgents" and c.modality == "attributed"
               and name(ctx, c.attributed_to) == "Peruvian insurgents" for c in acts), listing(ctx)


def test_an_adjective_the_recognizer_took_for_a_name_is_not_the_speaker(analyze: Analyze) -> None:
    ctx = analyze("A small Maoist faction claimed responsibility for the rocket attack on the depot.")
    assert {name(ctx, c.subject) for c in claims(ctx, ("said",))} <= {"small Maoist faction"}, listing(ctx)


def test_an_accusation_gives_unnamed_acts_to_the_accused(analyze: Analyze) -> None:
    ctx = analyze("In March, Peruvian officials blamed the Black Hand Network for a suicide attack at a market, "
                  "which killed 12 people, and an attack against the airport in Cusco.")
    acts = claims(ctx, ("attacked", "killed"))
    assert acts, listing(ctx)
    assert all(name(ctx, c.subject) == "Black Hand Network" and c.modality == "attributed" for c in acts), listing(ctx)
    assert all(c.qualifiers.get("via") is None for c in ctx.analysis.claims), listing(ctx)


def test_a_statement_named_by_its_body_is_the_body_s(analyze: Analyze) -> None:
    ctx = analyze("The army statement said that two rockets were fired toward the border.")
    assert [name(ctx, c.subject) for c in claims(ctx, ("said",))] == ["army"], listing(ctx)


def test_a_pronoun_of_someone_else_is_not_the_speaker(analyze: Analyze) -> None:
    ctx = analyze("Witnesses said they saw the Black Hand Network attack the depot.")
    assert all(name(ctx, c.subject) != "Witnesses" for c in claims(ctx, ATTACKS)), listing(ctx)


def test_a_that_clause_is_never_a_speech_tag_of_its_own(analyze: Analyze) -> None:
    # 'continue' can close a quote (", he continued"), but under "one can say that" it reports nothing
    ctx = analyze("One can say that the Blue Crescent Army's ties with Norway will continue and grow.")
    assert claims(ctx, ("said",)) == [], listing(ctx)
    assert all(c.modality == "speculative" for c in claims(ctx, ("tied_to",))), listing(ctx)


def test_the_written_forms_of_the_speech_verbs_come_from_the_one_lexicon() -> None:
    from claimgraph.core.lexicon import words
    from claimgraph.extract.scope_speech import speech_verb_forms

    forms = speech_verb_forms()
    assert {"said", "says", "told", "denied", "denies", "admitted", "announced", "claims", "wrote"} <= forms
    assert words("scope_speech_verbs") <= forms
    assert "attacked" not in forms and "sayed" not in forms


def test_according_to_two_speakers_gives_the_claim_to_each(analyze: Analyze) -> None:
    ctx = analyze("Rebels of the Blue Crescent Army killed four guards near Tarsk, according to witnesses and "
                  "a local official.")
    speakers = {name(ctx, c.subject) for c in claims(ctx, ("said",))}
    assert {"witnesses", "local official"} <= speakers, listing(ctx)


def test_an_act_whose_actor_only_claims_it_afterwards_is_the_claimant_s_word(analyze: Analyze) -> None:
    ctx = analyze("The new raid follows a deadly attack on the Polytechnic College in Cusco that killed 15 people "
                  "two weeks ago. The Blue Crescent Army claimed responsibility for the attack.")
    acts = [c for c in claims(ctx, ATTACKS, "Polytechnic") if name(ctx, c.subject) == "Blue Crescent Army"]
    assert acts, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Blue Crescent Army" for c in acts)
    # an act whose own sentence names the actor stays the text's
    ctx = analyze("The Blue Crescent Army attacked the Polytechnic College in Cusco. The Blue Crescent Army "
                  "claimed responsibility for the attack.")
    assert [c.modality for c in claims(ctx, ATTACKS, "Polytechnic")] == ["asserted"], listing(ctx)


def test_a_free_relative_is_never_a_speech_tag_of_its_own(analyze: Analyze) -> None:
    ctx = analyze("President Omar Ruiz condemned what he called cowardly attacks on civilians.")
    said = [str(c.object.value) for c in claims(ctx, ("said",)) if isinstance(c.object, LiteralValue)]
    assert said and all("condemned" not in s for s in said), listing(ctx)


def test_an_accusation_of_someone_is_no_said_claim_but_the_act_is_the_accused_s(analyze: Analyze) -> None:
    ctx = analyze("The Peruvian government charged the Black Hand Network with the bombing of a bank in Cusco.")
    said = [str(c.object.value) for c in claims(ctx, ("said",)) if isinstance(c.object, LiteralValue)]
    assert not any(s.startswith(("charged", "blamed")) for s in said), listing(ctx)
    # 'blame the act on X' names no one accused by its object: what the speaker said
    ctx = analyze("The army blamed the explosion near the border on unknown elements.")
    assert [name(ctx, c.subject) for c in claims(ctx, ("said",))] == ["army"], listing(ctx)


def test_an_instrument_is_no_speaker_and_a_fronted_source_keeps_the_clause_subject(analyze: Analyze) -> None:
    ctx = analyze("According to a statement by Foreign Office spokesman John Brant, the Northern Freedom Council "
                  "was listed with the Coastal Front, and its assets will be frozen according to Executive Order "
                  "4471.")
    said = {name(ctx, c.subject): str(c.object.value) for c in claims(ctx, ("said",))
            if isinstance(c.object, LiteralValue)}
    assert not any("Order" in k for k in said), listing(ctx)
    assert any(v.startswith("the Northern Freedom Council") for v in said.values()), listing(ctx)


def test_continuing_an_act_reports_nothing(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Front has continued to conduct attacks in the north.")
    assert claims(ctx, ("said",)) == [], listing(ctx)


def test_a_bare_army_speaks_for_the_state_named_with_it_before(analyze: Analyze) -> None:
    ctx = analyze("The Peruvian army found a rocket near the border of Bolivia. The Blue Crescent Front denied "
                  "firing at Bolivia. The army said that two rockets were fired toward Bolivia.")
    said = {name(ctx, c.subject) for c in claims(ctx, ("said",)) if "two rockets" in name(ctx, c.object)}
    assert said == {"Peru"}, listing(ctx)


def test_a_denial_by_a_body_of_what_it_did_keeps_the_body_as_actor(analyze: Analyze) -> None:
    ctx = analyze("The Kenya Red Cross said 40 people were hurt. The Blue Crescent Front, which has declared war "
                  "against Kenya, denied it was responsible for the attack on the bus station on Saturday.")
    acts = claims(ctx, ATTACKS, "bus station")
    assert acts, listing(ctx)
    assert all(name(ctx, c.subject) == "Blue Crescent Front" and c.polarity == "negative"
               and name(ctx, c.attributed_to) == "Blue Crescent Front" for c in acts), listing(ctx)


def test_a_later_suspicion_names_the_hedged_actor_of_the_acts_just_told(analyze: Analyze) -> None:
    ctx = analyze("- Peru\nGunmen shot and killed a Canadian engineer as he walked through a market. A nurse\n"
                  "also was injured in the attack. The Blue Crescent Front (BCF) is suspected.\n- 12 March\n"
                  "- Chile\nArmed men attacked a police post near Arica. The Red Dawn Army is suspected of links "
                  "with Bolivia.\n")
    suspected = [c for c in claims(ctx, ATTACKS + ("injured",)) if name(ctx, c.subject) == "Blue Crescent Front"]
    assert {name(ctx, c.object) for c in suspected} >= {"Canadian engineer"}, listing(ctx)
    assert all(c.modality == "hedged" for c in suspected), listing(ctx)
    # a suspicion of something else, or in another list item, points back to no act
    assert not any(name(ctx, c.subject) in ("Red Dawn Army", "Blue Crescent Front")
                   for c in claims(ctx, ATTACKS, "police post")), listing(ctx)


def test_a_statement_speaks_for_the_body_that_issued_it(analyze: Analyze) -> None:
    ctx = analyze("On Monday the Blue Crescent Front issued a statement saying that its fighters had bombed the "
                  "police station in Lima.")
    assert [name(ctx, c.subject) for c in claims(ctx, ("said",))] == ["Blue Crescent Front"], listing(ctx)


def said_texts(ctx: DocContext) -> list[tuple[str, str]]:
    """(speaker, words) of every `said` claim."""
    return [(name(ctx, c.subject), name(ctx, c.object)) for c in claims(ctx, ("said",))]


def test_a_judgement_is_no_said_claim_but_the_words_it_quotes_are(analyze: Analyze) -> None:
    ctx = analyze("President Alan Brook condemned the bombing of the market in Tarsa.")
    assert not said_texts(ctx), said_texts(ctx)
    ctx = analyze('Senator Ruth Kale condemned the bombing on state radio, and her speech was broadcast on '
                  'television; "we mourn the dead of Tarsa and pray for their families."')
    said = said_texts(ctx)
    assert said and all(text.startswith("we mourn") for _, text in said), said


def test_a_request_a_condition_and_a_free_relative_report_nothing(analyze: Analyze) -> None:
    ctx = analyze("Syria has repeatedly called on the Lebanese government to expel the Azure Front.")
    assert not said_texts(ctx), said_texts(ctx)
    ctx = analyze("Whether it calls itself the Azure Front or the Blue Legion, the group remains dangerous.")
    assert not said_texts(ctx), said_texts(ctx)
    ctx = analyze("The Azure Front said it would avenge what it called the brutal crackdown by the army.")
    assert not any(text.startswith("called") for _, text in said_texts(ctx)), said_texts(ctx)


def test_a_clause_before_a_judgement_with_an_object_is_not_what_was_said(analyze: Analyze) -> None:
    ctx = analyze("As police searched the village, the Azure Front denounced the raids.")
    assert not any("searched" in text for _, text in said_texts(ctx)), said_texts(ctx)


def test_a_source_that_relays_another_speaker_says_nothing_itself(analyze: Analyze) -> None:
    ctx = analyze('"The raid was planned for weeks," the commander, who calls himself Abu Omar, told a local '
                  "reporter, according to Radio Monte Carlo.")
    said = said_texts(ctx)
    assert said and all(text.startswith("The raid was planned") for _, text in said), said


def test_what_a_heading_says_ends_at_its_line(analyze: Analyze) -> None:
    ctx = analyze("Azure Front says attack was revenge\nLONDON - Lawmakers and the government condemned rocket "
                  "attacks on the camp, calling them a massacre.")
    said = said_texts(ctx)
    assert any("massacre" in text for _, text in said), said
    assert not any("\n" in text or "LONDON" in text for _, text in said), said


def test_a_bare_agency_is_the_agency_named_before(analyze: Analyze) -> None:
    ctx = analyze("The state-run Mehr news agency reported twenty people killed by a suicide bomber in Zahedan. "
                  "According to the agency, gunmen from the Azure Front killed two tribal chiefs.")
    found = claims(ctx, ATTACKS, "chiefs")
    assert found, listing(ctx)
    assert all("Mehr" in name(ctx, c.attributed_to) for c in found), listing(ctx)


def test_rejecting_responsibility_is_the_denier_s_negative_word(analyze: Analyze) -> None:
    ctx = analyze("The Azure Front rejected responsibility for the attack on the embassy in Lima.")
    acts = claims(ctx, ATTACKS, "embassy")
    assert acts, listing(ctx)
    assert all(name(ctx, c.subject) == "Azure Front" and c.modality == "attributed" and c.polarity == "negative"
               and name(ctx, c.attributed_to) == "Azure Front" for c in acts), listing(ctx)


def test_two_speech_tags_in_one_sentence_each_report_their_own_clause(analyze: Analyze) -> None:
    ctx = analyze("Two mortars hit the depot in Lima, the sources said, while three others struck a school near "
                  "Cusco, a Reuters reporter said.")
    said = said_texts(ctx)
    assert ("sources", "Two mortars hit the depot in Lima") in said, said
    assert ("Reuters reporter", "three others struck a school near Cusco") in said, said


def test_people_named_by_a_group_s_name_speak_for_themselves(analyze: Analyze) -> None:
    ctx = analyze("Azure Crescent rebels in Peru say their raid on the capital was a success.")
    assert [who for who, _ in said_texts(ctx)] == ["Azure Crescent rebels"], said_texts(ctx)


def test_a_judgement_s_free_relative_says_its_words_and_a_verbless_naming_nothing(analyze: Analyze) -> None:
    ctx = analyze("President Alan Brook condemned what he called cowardly attacks, and the Senate said the police "
                  "would help.")
    assert ("Alan Brook", "cowardly attacks") in said_texts(ctx), said_texts(ctx)
    ctx = analyze("Prime Minister Alan Brook condemned on Monday what he said was foreign support for the bombers.")
    assert said_texts(ctx) == [("Alan Brook", "foreign support for the bombers")], said_texts(ctx)
    ctx = analyze("In 1994 the Peruvian government banned both the Azure Front and the Red Dawn, declaring them "
                  "terrorist organizations.")
    assert not said_texts(ctx), said_texts(ctx)


def test_a_claim_of_responsibility_the_parser_read_as_a_modifier_is_still_the_claimant_s(analyze: Analyze) -> None:
    ctx = analyze("A little-known Marxist group, the Azure Front, has posted a video online claiming responsibility "
                  "for two bomb attacks that killed 40 people in Lima this week.")
    said = said_texts(ctx)
    assert any(who == "Azure Front" and text.startswith("claiming responsibility") for who, text in said), said


def test_title_whose_body_name_the_parser_cut_speaks_for_its_person(analyze: Analyze) -> None:
    # "a spokesman for al-Emarah said": the parser makes "-Emarah" the verb's subject; the titled person speaks
    ctx = analyze("Gunmen attacked a police post in Tarvos, killing two guards, Ahmad Karimi, a spokesman for "
                  "al-Emarah said in a telephone call.")
    found = claims(ctx, ATTACKS, "post")
    assert found, listing(ctx)
    assert {name(ctx, c.attributed_to) for c in found} == {"Ahmad Karimi"}, listing(ctx)


def test_trailing_tag_glued_onto_the_clause_before_still_speaks(analyze: Analyze) -> None:
    # the parser reads the speaker as the object of the clause ("arrested ... a source") or as the end of a place
    # phrase ("landed in the town of Korva, Syria's army"); the tag still gives the clause to them
    ctx = analyze("Police arrested four men in a raid on Tuesday, an anti-terrorist source and media said.")
    found = claims(ctx, ATTACKS, "men")
    assert found and all(c.modality == "attributed" for c in found), listing(ctx)
    assert "source" in name(ctx, found[0].attributed_to), listing(ctx)
    said = {name(ctx, c.subject) for c in claims(ctx, ("said",))}
    assert any("medi" in s.lower() for s in said), said


def test_the_video_said_is_its_posters_word_not_a_coreferent_bodys(analyze: Analyze) -> None:
    ctx = analyze("The Blue Front has posted a video online claiming responsibility for the bombing of a market in "
                  "Tarvos.\n\nThe Ruritanian Observatory for Human Rights reported fighting in the north.\n\n"
                  "The video said the bombing was revenge for army raids on villages.")
    said = [c for c in claims(ctx, ("said",)) if "revenge" in name(ctx, c.object)]
    assert said and {name(ctx, c.subject) for c in said} == {"Blue Front"}, listing(ctx)


def test_unnamed_reports_are_a_source_not_the_texts_own_voice(analyze: Analyze) -> None:
    for text in ("According to press reports, the Ember Front bombed the depot in Tromso.",
                 "Reports say the Ember Front bombed the depot in Tromso.",
                 "A report said the Ember Front bombed the depot in Tromso."):
        ctx = analyze(text)
        found = claims(ctx, ATTACKS, "depot")
        assert found, listing(ctx)
        assert all(c.modality == "attributed" and "report" in name(ctx, c.attributed_to).lower()
                   for c in found), listing(ctx)


def test_a_report_with_a_named_author_is_the_authors_word(analyze: Analyze) -> None:
    ctx = analyze("The Nordic Herald published a report on Monday. The report said the Ember Front bombed the depot.")
    found = claims(ctx, ATTACKS, "depot")
    assert found, listing(ctx)
    assert all(name(ctx, c.attributed_to) == "Nordic Herald" for c in found), listing(ctx)


def test_a_phrase_fronted_in_the_reported_clause_is_reported_too(analyze: Analyze) -> None:
    # the parser hangs "after ..." on "said"; the comma shows it opens the reported clause
    ctx = analyze("Officials said after Sweden began funding the Ember Front in 1990, the group grew quickly.")
    found = claims(ctx, ("supported",), "Ember Front")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Officials" for c in found), listing(ctx)


def test_an_indefinite_title_is_someone_new_not_a_person_named_before(analyze: Analyze) -> None:
    ctx = analyze("The Ember Front was founded in 1990 by Jalal Berg, according to a spokesman.")
    found = claims(ctx, ("founded_by",), "Jalal Berg")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "spokesman" for c in found), listing(ctx)


def test_holding_responsible_parsed_as_a_small_clause_names_the_accused(analyze: Analyze) -> None:
    # the parser makes the accused the subject of "responsible", a clause under "holds"
    ctx = analyze("Ruritania holds Hamas responsible for the bombing of the bridge.")
    found = claims(ctx, ("bombed", "attacked"), "bridge")
    assert found and all(name(ctx, c.subject) == "Hamas" for c in found), listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "Ruritania" for c in found), listing(ctx)


def test_a_speaker_the_parser_coordinated_into_an_agent_is_no_attacker(analyze: Analyze) -> None:
    ctx = analyze("Officials stressed that the camp had been hit by rockets and Reuters later wrote that police "
                  "confirmed the blast.")
    assert not [c for c in ctx.analysis.claims if name(ctx, c.subject) == "Reuters" and c.predicate != "said"], \
        listing(ctx)
    assert any(name(ctx, c.subject) == "Reuters" for c in claims(ctx, ("said",))), listing(ctx)


def test_unnamed_people_speak_where_no_group_is_named(analyze: Analyze) -> None:
    ctx = analyze("The insurgents say government troops bombed the market in Marrow.")
    found = claims(ctx, ATTACKS, "market")
    assert found, listing(ctx)
    assert all(c.modality == "attributed" and name(ctx, c.attributed_to) == "insurgents" for c in found), listing(ctx)


def test_taking_or_accepting_responsibility_is_the_claimants_word_and_its_act_no_outlet(analyze: Analyze) -> None:
    for verb in ("took", "accepted"):
        ctx = analyze(f"The Ember Front {verb} responsibility for the bombing of the Vellmar Ministry.")
        found = claims(ctx, ATTACKS)
        assert found and all((c.modality, name(ctx, c.attributed_to)) == ("attributed", "Ember Front")
                             for c in found), listing(ctx)
        assert not any(c.qualifiers.get("via") for c in ctx.analysis.claims), listing(ctx)


def test_an_attack_that_took_place_claims_nothing(analyze: Analyze) -> None:
    ctx = analyze("The Ember Front claimed responsibility for the bombing of the Vellmar depot. The mayor condemned "
                  "the attack, which took place on Harbour Road.")
    assert not [c for c in ctx.analysis.claims if name(ctx, c.attributed_to) == "mayor"
                and c.predicate in ATTACKS], listing(ctx)


def test_a_suspicion_keeps_the_suspect_as_doer_hedged_by_the_suspecting(analyze: Analyze) -> None:
    ctx = analyze("Officials suspect the Ember Front of bombing the Vellmar depot.")
    found = claims(ctx, ATTACKS)
    assert found and all(name(ctx, c.subject) == "Ember Front" and c.modality in ("hedged", "attributed")
                         and name(ctx, c.attributed_to) == "Officials" for c in found), listing(ctx)


def test_a_claim_told_in_the_passive_is_the_claimants_word(analyze: Analyze) -> None:
    ctx = analyze("The attack on the Vellmar depot was claimed by the Ember Front.")
    found = claims(ctx, ATTACKS)
    assert found and all((name(ctx, c.subject), c.modality, name(ctx, c.attributed_to))
                         == ("Ember Front", "attributed", "Ember Front") for c in found), listing(ctx)


def test_no_group_claiming_an_attack_is_nobodys_word(analyze: Analyze) -> None:
    ctx = analyze("No group has claimed responsibility for the bombing of the Vellmar depot.")
    assert not [c for c in ctx.analysis.claims if name(ctx, c.subject).lower() == "group"
                or name(ctx, c.attributed_to).lower() == "group"], listing(ctx)


def test_a_charge_the_accused_denies_keeps_both_voices(analyze: Analyze) -> None:
    ctx = analyze("Rebels say the army bombed a school in Vellmar, a charge the government denies.")
    voices = {(c.polarity, name(ctx, c.attributed_to)) for c in claims(ctx, ATTACKS, "school")}
    assert voices == {("positive", "Rebels"), ("negative", "government")}, listing(ctx)


def test_a_toll_told_in_a_blamed_deed_is_hedged_with_it(analyze: Analyze) -> None:
    for text in ("Two policemen were wounded in a grenade attack blamed on the Ember Front.",
                 "Four people were killed in a bombing attributed to the Ember Front."):
        ctx = analyze(text)
        tolls = claims(ctx, ("injured", "killed"))
        assert tolls and all(name(ctx, c.subject) == "Ember Front" and c.modality == "hedged" for c in tolls), \
            listing(ctx)


def test_a_deed_claimed_by_someone_is_its_claimants_word(analyze: Analyze) -> None:
    ctx = analyze("A bombing claimed by the Ember Front killed 12 people in Vellmar.")
    found = claims(ctx, ATTACKS)
    assert found and all((name(ctx, c.subject), c.modality, name(ctx, c.attributed_to))
                         == ("Ember Front", "attributed", "Ember Front") for c in found), listing(ctx)


def test_a_claim_not_made_is_no_word_and_no_denial(analyze: Analyze) -> None:
    for text in ("The Ember Front did not claim the bombing of the Vellmar depot.",
                 "The Ember Front has not claimed responsibility for the bombing of the Vellmar depot."):
        ctx = analyze(text)
        assert not [c for c in ctx.analysis.claims if name(ctx, c.attributed_to) == "Ember Front"
                    or name(ctx, c.subject) == "Ember Front"], listing(ctx)
