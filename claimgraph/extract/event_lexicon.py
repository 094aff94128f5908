"""Word lists and cue patterns of the events stage (claimgraph/extract/events.py).

Kept apart from the stage so the rules read as code and the vocabulary as data; every list
is lower-case lemmas unless its comment says otherwise.
"""

from __future__ import annotations

import re

# verb lemma -> predicate (the perpetrator is the agent; the target or victim the patient)
VERB_TRIGGERS = {
    "attack": "attacked", "assault": "attacked", "raid": "attacked", "ambush": "attacked", "shell": "attacked",
    "strafe": "attacked", "machinegun": "attacked", "storm": "attacked", "shoot": "attacked",
    "burn": "attacked", "torch": "attacked", "sabotage": "attacked", "dynamite": "bombed", "bomb": "bombed",
    "assassinate": "assassinated", "kill": "killed", "murder": "killed", "massacre": "killed",
    "execute": "killed", "slay": "killed", "behead": "killed", "wound": "injured", "injure": "injured",
    "kidnap": "kidnapped", "abduct": "kidnapped", "arrest": "arrested", "detain": "arrested",
    "capture": "arrested", "jail": "arrested", "imprison": "arrested", "release": "released",
    "free": "released", "die": "killed", "destroy": "attacked", "damage": "attacked",
}
# verbs of material harm: an attack only on things, and only where the sentence speaks of violence
DAMAGE_VERBS = {"destroy", "damage"}
# subjects of a damage verb that make it a bombing ("the blast damaged ...")
EXPLOSION_WORDS = {"explosion", "blast", "bomb", "bombing", "dynamite", "explosive", "device", "charge", "grenade",
                   "car-bomb", "mine", "rocket"}
# short common words shaped like acronyms that can still be the subject of a violent verb
ACRONYM_LOOKALIKES = {"man", "men", "mob", "gang", "band", "crowd", "tank", "jet", "storm", "staff", "plan", "pact",
                      "ship", "truck", "van", "cab", "bus", "car", "dog", "thug", "spy", "spies", "sect", "clan", "army"}
# verbs whose subject is the device ("a bomb exploded at the bank"): bombed by an unnamed actor
DEVICE_VERBS = {"explode", "detonate", "go", "blow"}
# verbs that mean harm only when their subject is an actor and their object a target
ACTOR_ONLY_VERBS = {"burn", "torch", "free", "release", "capture", "execute", "storm", "shoot"}
# noun lemma -> predicate; "of" names the target or victim, "by" and owners name the perpetrator
NOUN_TRIGGERS = {
    "attack": "attacked", "assault": "attacked", "raid": "attacked", "ambush": "attacked",
    "shooting": "attacked", "bombing": "bombed", "explosion": "bombed", "blast": "bombed",
    "assassination": "assassinated", "killing": "killed", "murder": "killed", "massacre": "killed",
    "kidnapping": "kidnapped", "abduction": "kidnapped", "kidnap": "kidnapped", "arrest": "arrested",
    "detention": "arrested", "release": "released", "death": "killed",
}
# nominal triggers that need a target or a named perpetrator before they say anything
VAGUE_NOUNS = {"release", "explosion", "blast", "attack", "arrest", "detention"}
# persons or bands who act in attacks (subjects), as lexical cues that work on lower-cased text
PERP_NOUNS = {
    "guerrilla", "terrorist", "rebel", "insurgent", "militant", "soldier", "commando", "gunman", "gunmen",
    "assailant", "attacker", "kidnapper", "abductor", "bomber", "killer", "murderer", "member", "man", "men",
    "woman", "individual", "subversive", "extremist", "fighter", "militiaman", "militiamen", "paramilitary",
    "troop", "policeman", "policemen", "agent", "hitman", "hitmen", "sniper", "squad", "column", "unit",
    "patrol", "youth", "suspect", "mercenary", "jihadist", "separatist", "narcoterrorist", "group", "band",
    "gang", "cell", "militia", "force", "army", "police", "trafficker", "narcotrafficker", "assassin", "person",
    "criminal", "raider", "perpetrator", "cartel", "front", "movement", "command", "brigade",
    "battalion", "mafia", "organization", "organisation",
}
# bodies that are organisations rather than bands of people (PerpOrg-like)
ORG_NOUNS = {"army", "police", "front", "party", "movement", "cartel", "organization", "organisation",
             "command", "government", "ministry", "guard", "brigade", "battalion", "militia", "force"}
# people as victims
PERSON_NOUNS = {
    "peasant", "civilian", "soldier", "policeman", "policemen", "officer", "official", "judge", "mayor",
    "priest", "jesuit", "student", "journalist", "reporter", "worker", "leader", "politician", "candidate",
    "minister", "president", "diplomat", "ambassador", "businessman", "businessmen", "child", "children",
    "woman", "women", "man", "men", "person", "people", "resident", "villager", "farmer", "teacher",
    "doctor", "nurse", "guard", "bodyguard", "driver", "passenger", "tourist", "citizen", "member",
    "activist", "commander", "general", "colonel", "captain", "lieutenant", "sergeant", "major", "agent",
    "councilman", "councilor", "congressman", "senator", "deputy", "governor", "trader", "merchant",
    "employee", "staff", "hostage", "family", "son", "daughter", "wife", "husband", "brother", "sister",
    "father", "mother", "boy", "girl", "nun", "bishop", "archbishop", "cleric", "personnel", "troop",
    "fighter", "militant", "rebel", "guerrilla", "gunman", "suspect", "protester", "demonstrator",
    "victim", "inhabitant", "pedestrian", "bystander", "owner", "manager", "executive", "engineer",
    "technician", "lawyer", "attorney", "prosecutor", "magistrate", "spokesman", "unionist", "pilot",
}
# instruments of violence
WEAPON_NOUNS = {
    "bomb", "dynamite", "explosive", "grenade", "rifle", "gun", "machinegun", "machine-gun", "pistol",
    "revolver", "rocket", "mortar", "mine", "landmine", "missile", "ied", "device", "shell", "bullet",
    "firearm", "weapon", "knife", "machete", "tnt", "rpg", "launcher", "carbine", "submachinegun", "shotgun",
    "ak-47", "m-16", "fal", "uzi", "incendiary", "molotov", "cocktail", "charge", "artillery", "gunfire",
    "fire", "shot", "drone", "airstrike", "car-bomb", "truck-bomb", "vest", "suitcase",
}
# nouns that name the event or its cause, not an actor: "the blast killed five"
CAUSE_NOUNS = {"explosion", "blast", "attack", "bombing", "fire", "shooting", "incident", "clash", "fighting",
               "violence", "crash", "accident", "ambush", "raid", "offensive", "strike", "operation"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
# nouns that name a place where something happened (WikiEvents places are often common nouns)
PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "area", "street", "road", "square",
               "market", "marketplace", "station", "airport", "base", "camp", "checkpoint", "mosque", "church",
               "school", "hospital", "restaurant", "cafe", "hotel", "bar", "club", "stadium", "neighborhood",
               "neighbourhood", "capital", "border", "highway", "bridge", "port", "prison", "jail", "building",
               "embassy", "office", "compound", "mall", "park", "bakery", "shop", "store", "house", "home"}
# where-nouns: "bombed the outskirts" says where, not what was hit
AREA_NOUNS = {"area", "outskirts", "outskirt", "vicinity", "part", "zone", "region", "neighborhood",
              "neighbourhood", "surroundings", "sector", "side", "direction", "territory", "countryside", "interior",
              "capital", "town", "city", "village", "department", "province", "nation", "country", "population",
              "position", "line", "interest", "target", "other", "place", "location"}
# titles before a name that are not part of it
TITLE_WORDS = {"president", "governor", "mayor", "minister", "colonel", "col", "general", "gen", "captain", "capt",
               "major", "lieutenant", "lt", "sergeant", "commander", "judge", "dr", "doctor", "father", "mr",
               "mrs", "ms", "senator", "deputy", "bishop", "archbishop", "priest", "professor", "prof",
               "ambassador", "candidate", "leader", "chief", "director", "attorney", "justice", "magistrate"}
NON_FILLER_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
TARGET_PREPS = {"on", "against", "at"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "us", "i", "you", "who", "whom", "which",
            "that", "this", "these", "those", "one", "someone", "somebody", "anyone", "everyone"}
RELATIVE = {"who", "whom", "which", "that"}
NP_LEFT = {"compound", "amod", "nummod", "nmod", "quantmod", "poss", "npadvmod"}
DROP_WORDS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "some",
              "several", "many", "other", "another", "two", "three", "four", "five", "six", "seven",
              "eight", "nine", "ten", "dozen", "dozens", "hundreds", "scores", "unidentified", "alleged",
              "suspected", "heavily", "armed", "heavily-armed", "of", "'s", "’s"}
TRIGGER_WORD = re.compile(
    r"\b(attack|assault|raid|ambush|shell|strafe|machinegun|storm|shoot|shot|burn|torch|sabotag|dynamit|bomb"
    r"|assassinat|kill|murder|massacr|execut|slay|slain|behead|wound|injur|kidnap|abduct|arrest|detain|detention"
    r"|captur|jail|imprison|releas|free|explo|detonat|blast|blew|blow|destr|damag|fire)", re.I)
# a death is an event of violence only where the sentence speaks of violence
VIOLENT_CONTEXT = re.compile(
    r"\b(attack|bomb|blast|explo|shot|shoot|gun|wound|kill|fight|clash|violence|strike|ambush|massacre|murder"
    r"|assassin|grenade|mine|rocket|mortar|fire|execut|tortur|raid|combat|battle)", re.I)
RESPONSIBILITY_VERBS = {"claim", "accept", "assume", "admit"}
# governing verbs under which an infinitive event happened (or was attempted)
ATTEMPT_VERBS = {"try", "attempt", "manage", "continue", "begin", "start", "seek", "go"}
# words that charge someone with a deed: "the arrest of two soldiers for killing ...", "accused of murdering"
JUSTICE_WORDS = {"arrest", "accuse", "charge", "convict", "sentence", "blame", "suspect", "indict", "trial",
                 "conviction", "detention", "detain", "jail", "imprison", "prosecute", "prosecution", "try"}
# verbs whose subject performs the event named by their object ("rebels carried out attacks")
LIGHT_VERBS = {"carry", "launch", "stage", "perpetrate", "mount", "commit", "conduct", "execute", "make"}
