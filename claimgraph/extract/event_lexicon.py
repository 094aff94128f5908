"""Word lists and cue patterns of the events stage (claimgraph/extract/events.py).

Kept apart from the stage so the rules read as code and the vocabulary as data: the long word families live in
claimgraph/core/lexicons/claims_events_*.txt|tsv (lower-case lemmas unless the file says otherwise); the few short
closed lists below stay here.
"""

from __future__ import annotations

import re

from claimgraph.core.lexicon import alternation, mapping, words

# verb lemma -> predicate (the perpetrator is the agent; the target or victim the patient)
VERB_TRIGGERS: dict[str, str] = mapping("claims_events_verb_triggers")
# verbs of material harm: an attack only on things, and only where the sentence speaks of violence
DAMAGE_VERBS = {"destroy", "damage"}
# subjects of a damage verb that make it a bombing ("the blast damaged ...")
EXPLOSION_WORDS: frozenset[str] = words("claims_events_explosion_words")
# short common words shaped like acronyms that can still be the subject of a violent verb
ACRONYM_LOOKALIKES: frozenset[str] = words("claims_events_acronym_lookalikes")
# verbs of a weapon hitting something ("a rocket hit the school"): an attack only where a weapon is the subject
PROJECTILE_VERBS = {"hit", "strike"}
# verbs of throwing or launching: an attack only where a weapon is thrown at someone or something
THROW_VERBS = {"hurl", "throw", "launch", "lob", "toss", "fling"}
RAM_VERBS: frozenset[str] = words("claims_events_ram_verbs")  # "rammed his car into the gate"
VEHICLE_NOUNS: frozenset[str] = words("claims_events_vehicle_nouns")
# the going-off of an explosive, told as what hit something ("the blast hit a truck")
BLAST_NOUNS = {"blast", "explosion", "detonation", "shockwave"}
# what is fired at a target from afar: told as what hit, an attack whose doer is unsaid
PROJECTILE_NOUNS = {"rocket", "mortar", "missile", "shell", "katyusha"}
# verbs of setting an explosive where it is to go off ("planted a bomb at the bank")
PLANT_VERBS = {"plant", "place"}
# thrown weapons that make the attack a bombing ("threw a grenade at"); a rocket launched is an attack
EXPLOSIVE_WORDS = EXPLOSION_WORDS - {"rocket", "blast", "bombing", "explosion"}
# units and holders a weapon is counted in ("500 kg of dynamite", "two sticks of TNT"): the weapon is their "of" object
MEASURE_NOUNS: frozenset[str] = words("claims_events_measure_nouns")
# verbs whose subject is the device ("a bomb exploded at the bank"): bombed by an unnamed actor
DEVICE_VERBS = {"explode", "detonate", "go", "blow"}
# verbs that mean harm only when their subject is an actor and their object a target
ACTOR_ONLY_VERBS: frozenset[str] = words("claims_events_actor_only_verbs")
# verbs of aim whose subject may be the deed itself ("the blast targeted a bakery"): an attack with its doer unsaid
AIMING_VERBS = {"target", "strike"}
# noun lemma -> predicate; "of" names the target or victim, "by" and owners name the perpetrator
NOUN_TRIGGERS: dict[str, str] = mapping("claims_events_noun_triggers")
# nominal triggers that need a target or a named perpetrator before they say anything
VAGUE_NOUNS = {"release", "explosion", "blast", "attack", "arrest", "detention", "violence"}
# nominal triggers with an everyday sense ("a general strike", "a rescue operation"): an event only with a target
# after on/against or a military modifier ("air strike", "drone strike")
GUARDED_NOUNS = {"strike", "operation", "offensive", "violence"}
MILITARY_MODIFIERS = {"air", "drone", "missile", "rocket", "artillery", "military", "suicide", "aerial", "naval"}
# persons or bands who act in attacks (subjects), as lexical cues that work on lower-cased text
PERP_NOUNS: frozenset[str] = words("claims_events_perp_nouns")
# bands named as attackers ("the attackers", "a suicide bomber", "terrorists"), not forces or people at large
ATTACKER_NOUNS: frozenset[str] = words("claims_events_attacker_nouns")
# bodies that are organisations rather than bands of people (PerpOrg-like)
ORG_NOUNS: frozenset[str] = words("claims_events_org_nouns")
# buildings and sites an attack can be aimed at ("a bombing near a military base")
FACILITY_NOUNS: frozenset[str] = words("claims_facility_nouns")
# people as victims
PERSON_NOUNS: frozenset[str] = words("claims_events_person_nouns")
# instruments of violence
WEAPON_NOUNS: frozenset[str] = words("claims_events_weapon_nouns")
# a state's arms and acts of war: "Israeli tank fire", "Turkish warplanes", "an Iraqi raid" are the state's act
STATE_ARMS_NOUNS: frozenset[str] = words("claims_events_state_arms_nouns")
# nouns that name the event or its cause, not an actor: "the blast killed five"
CAUSE_NOUNS: frozenset[str] = words("claims_events_cause_nouns")
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
# nouns that name a place where something happened (WikiEvents places are often common nouns)
PLACE_NOUNS: frozenset[str] = words("claims_events_place_nouns")
# where-nouns: "bombed the outskirts" says where, not what was hit
AREA_NOUNS: frozenset[str] = words("claims_events_area_nouns")
# what is attacked only in words ("attacked the decision", "an attack on civil liberties"): no target of violence
ABSTRACT_NOUNS: frozenset[str] = words("claims_events_abstract_nouns")
# what is released when it is published ("released a statement"): nobody freed, killed or held
PUBLISHED_NOUNS: frozenset[str] = words("claims_events_published_nouns")
# titles before a name that are not part of it
TITLE_WORDS: frozenset[str] = words("claims_events_title_words")
NON_FILLER_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
TARGET_PREPS = {"on", "against", "at"}
PRONOUNS: frozenset[str] = words("claims_events_pronouns")
RELATIVE = {"who", "whom", "which", "that"}
NP_LEFT = {"compound", "amod", "nummod", "nmod", "quantmod", "poss", "npadvmod"}
DROP_WORDS: frozenset[str] = words("claims_events_drop_words")
# word starts of violence (stems, no closing word boundary: "kidnap" covers "kidnapping"); a sentence with none is
# passed over. Only whether one matches counts, so the longest-first order of alternation() changes nothing.
_TRIGGER_STEMS = alternation("claims_events_trigger_stems")
TRIGGER_WORD = re.compile(rf"\b(?:{_TRIGGER_STEMS}|acts?\b)", re.I)
# a death is an event of violence only where the sentence speaks of violence
_VIOLENCE_STEMS = alternation("claims_events_violence_stems")
VIOLENT_CONTEXT = re.compile(rf"\b(?:{_VIOLENCE_STEMS})", re.I)
RESPONSIBILITY_VERBS: frozenset[str] = words("scope_responsibility_verbs")  # "took responsibility for the attack"
# those that also take the act itself as their object ("claimed the attack"; "the attack took place" claims nothing)
ACT_CLAIM_VERBS: frozenset[str] = RESPONSIBILITY_VERBS - {"take", "bear"}
# verbs that take back what their clause says: "denied it was responsible for the attack" names no doer
DENIAL_VERBS = {"deny", "reject", "dismiss", "refute"}
# verbs that lay a deed told as a gerund on someone, with the preposition before the gerund: "accused X of
# bombing", "X was charged with carrying out", "blamed X for killing"
CHARGE_PREPOSITIONS = {"accuse": "of", "suspect": "of", "convict": "of", "charge": "with", "blame": "for",
                       "indict": "for"}
# governing verbs under which an infinitive event happened (or was attempted)
ATTEMPT_VERBS = {"try", "attempt", "manage", "continue", "begin", "start", "seek", "go"}
# of those, the ones that tell an attempt only: its outcome is not said
TRIED_VERBS = {"try", "attempt", "seek"}
# words that charge someone with a deed: "the arrest of two soldiers for killing ...", "accused of murdering"
JUSTICE_WORDS: frozenset[str] = words("claims_events_justice_words")
# verbs whose subject performs the event named by their object ("rebels carried out attacks")
LIGHT_VERBS: frozenset[str] = words("claims_events_light_verbs")
# nouns that count or group events ("a number of attacks", "a wave of bombings"): the events are their "of" objects
SERIES_NOUNS: frozenset[str] = words("claims_events_series_nouns")
# words that count people out of a group: "several of its leaders", "most of the members" (the frames' list too)
COUNT_WORDS: frozenset[str] = words("claims_quant_nouns")
# adjectives whose "for" object is the subject's deed ("the group is best known for its attack on ...")
RENOWN_WORDS: frozenset[str] = words("claims_events_renown_words")
# verbs whose "in" object is an activity the subject takes part in ("engaged in attacks")
TAKE_PART_VERBS = {"engage", "involve", "participate", "take", "specialize", "specialise", "implicate"}
# nouns of a share in a deed: "a role in the attack", "its involvement in the bombing"
SHARE_NOUNS = {"role", "part", "hand", "involvement", "complicity", "participation"}
# nouns that stand for what their owner holds dear: "the West's targets and interests" attacks the West
OWNED_TARGET_NOUNS = {"target", "interest", "state", "government", "regime", "headquarters", "office"}
# what kind of target was hit ('Western targets', 'civilian targets'), a nationality word aside
TARGET_KINDS: frozenset[str] = words("claims_events_target_kinds")
# modifiers that make "act" an attack ("terrorist acts against X")
ACT_MODIFIERS = {"terrorist", "violent", "militant", "hostile"}
# people named by the organisation they belong to: "arrested members of the front" is an act against the front
MEMBER_NOUNS: frozenset[str] = words("claims_events_member_nouns")
# events against an organisation's people that are acts against the organisation (a killing stays the person's)
AGAINST_MEMBERS = {"arrested", "kidnapped", "attacked"}
# fights whose "with" party did the killing of the side the sentence tells ("was killed in a clash with police")
CLASH_NOUNS: frozenset[str] = words("claims_events_clash_nouns")
