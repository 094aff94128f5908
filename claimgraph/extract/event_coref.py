"""Event coreference: 'the attack', told again without its target, is the nearest attack told before.

"A suicide bomber struck the police post ... The front claimed responsibility for the attack": the claim of
responsibility names the doer and no target; the target is the earlier event's. Only a definite event noun
("the attack", "this bombing", "the suicide attack") refers back; "attacks", "an attack" name events of their own.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.event_lexicon import DENIAL_VERBS, JUSTICE_WORDS
from claimgraph.extract.event_model import Event
from claimgraph.extract.scope_phrases import denier_of

# determiners that make an event noun point back to one told before
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those", "both"}
# kinds an anaphor and its antecedent may differ by: "the attack" may be a bombing told before, never a kidnapping
FAMILY = {"attacked": "attack", "bombed": "attack", "kidnapped": "kidnap"}
# an attack's toll: counted as the attack's antecedent for its doers, never for its targets
CASUALTIES = {"killed": "attack", "injured": "attack"}
# memo key: (start, end) of an act told before, where its doers were told, and those doers
LENT_DOERS = "events.lent_doers"
# how far back (in sentences) an anaphoric event noun looks for its antecedent
WINDOW_SENTENCES = 8


def _anaphoric(trigger: Token | None) -> bool:
    """'the attack', 'this bombing', 'the twin blasts': a definite event noun, not a name or a new event."""
    if trigger is None or trigger.pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in trigger.children)


def _charged(trigger: Token) -> bool:
    """'accused Iran of orchestrating the attack', 'denied carrying out the attack': the doer is someone's charge
    or denial, which the anaphor's own claim tells; the act told before keeps its unnamed doer."""
    cur = trigger
    for _ in range(5):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in JUSTICE_WORDS | DENIAL_VERBS:
            return True
    return False


def _other_time(ante: Event, event: Event) -> bool:
    """Whether both events say when they happened and neither time is told within the other ('Saturday',
    'Saturday night' are one)."""
    told = [str((e.time or {}).get("text") or "").lower() for e in (ante, event)]
    return all(told) and told[0] not in told[1] and told[1] not in told[0]


def _stand_ins_only(ctx: DocContext, keys: list[str]) -> bool:
    return bool(keys) and all(ctx.entity(ctx.find(k)).attrs.get("placeholder") for k in keys)


def _bands_only(ctx: DocContext, keys: list[str]) -> bool:
    """'a suicide bomber', 'gunmen': doers the text names by a common noun only, no organisation."""
    return all(ctx.entity(ctx.find(k)).type == "Group" for k in keys)


def _named_others(ctx: DocContext, ante: list[str], anaphor: list[str]) -> bool:
    """Whether the antecedent has a named doer (an organisation or state) that is none of the anaphor's doers."""
    own = {ctx.find(k) for k in anaphor}
    named = {ctx.find(k) for k in ante if ctx.entity(ctx.find(k)).type in ("Organization", "Country")}
    return bool(named) and not named & own


def corefer(ctx: DocContext, found: list[Event]) -> list[Event]:
    """Give each anaphoric event without a target the targets of its antecedent; the antecedent the doers.

    The antecedent is the nearest earlier event of the same family (an attack's deaths and wounded count) with a
    real target, within a few sentences. An antecedent told without a doer, or only with a band ('a suicide
    bomber'), takes the anaphor's organisations as doers (its claimants); the anaphor's own claim keeps its
    sentence and takes the antecedent's targets, place and weapon where the antecedent is of its own kind.
    """
    sents = {s.start: i for i, s in enumerate(ctx.doc.sents)}
    repeated: set[int] = set()
    for n, event in enumerate(found):
        if event.predicate not in FAMILY or event.trigger is None or not _anaphoric(event.trigger) \
                or not _stand_ins_only(ctx, event.patients) or not event.perpetrators:
            continue
        here = sents.get(event.evidence.start, 0)
        for ante in reversed(found[:n]):
            family = FAMILY.get(ante.predicate, CASUALTIES.get(ante.predicate))
            if family != FAMILY[event.predicate] or ante.habitual or ante.trigger is None \
                    or ante.trigger.i >= event.trigger.i or _stand_ins_only(ctx, ante.patients) \
                    or ante.site_target and not ante.perpetrators:
                continue
            if here - sents.get(ante.evidence.start, here) > WINDOW_SENTENCES:
                break
            if _other_time(ante, event):
                continue  # "two attacks in October ... denied it was responsible for the attack on Saturday"
            if _named_others(ctx, ante.perpetrators, event.perpetrators) and denier_of(ante.trigger) is None:
                # (one who "had nothing to do with the bombings" is no doer that makes "the blasts" another deed)
                continue  # "Israel struck X ... A small group claimed responsibility for the attack": another deed
            if ante.predicate in FAMILY and set(event.perpetrators) <= set(ante.perpetrators):
                # 'X attacked Y. X claimed responsibility for the attack.': the text already told X's act
                repeated.add(n)
                break
            if ante.predicate in FAMILY:
                event.patients = list(ante.patients)
                event.place = event.place or ante.place
                event.weapon = event.weapon or ante.weapon
            if _bands_only(ctx, ante.perpetrators) and not _charged(event.trigger):
                orgs = [k for k in event.perpetrators if ctx.entity(ctx.find(k)).type in ("Organization", "Country")]
                ante.perpetrators += [k for k in orgs if k not in ante.perpetrators]
                # where the doers were told: the scopes there are theirs (extract/scope_later.py)
                ctx.memo.setdefault(LENT_DOERS, []).append(
                    (ante.evidence.start_char, ante.evidence.end_char, event.trigger.idx, tuple(orgs)))
                ante.confidence = min(ante.confidence, event.confidence)
            if ante.predicate in FAMILY:
                break
    return [event for n, event in enumerate(found) if n not in repeated]


def toll_doers(ctx: DocContext, found: list[Event]) -> None:
    """'X carried out a bomb attack on a convoy. Dozens of soldiers were killed in the operation': the toll told by a
    definite event noun without a doer is the doings of the nearest attack told before with a named doer."""
    sents = {s.start: i for i, s in enumerate(ctx.doc.sents)}
    for n, event in enumerate(found):
        if event.predicate not in CASUALTIES or event.perpetrators or not _anaphoric(event.told_in):
            continue
        here = sents.get(event.evidence.start, 0)
        for ante in reversed(found[:n]):
            if here - sents.get(ante.evidence.start, here) > WINDOW_SENTENCES:
                break
            if ante.predicate not in FAMILY or FAMILY[ante.predicate] != "attack" or ante.habitual \
                    or ante.evidence.start == event.evidence.start or not ante.perpetrators:
                continue
            if any(ctx.entity(ctx.find(k)).type in ("Organization", "Country") for k in ante.perpetrators):
                event.perpetrators = list(ante.perpetrators)
                event.confidence = min(event.confidence, ante.confidence)
            break  # the nearest attack told before is the one meant, named or not


def fold_devices(ctx: DocContext, found: list[Event]) -> list[Event]:
    """'a bomb attack which killed 40 people': a device told without doer or target is the weapon of its sentence's
    other events; alone in its sentence it stays an event of its own (the weapon is all the text says of it)."""
    kept: list[Event] = []
    for event in found:
        if not event.perpetrators and _stand_ins_only(ctx, event.patients) and event.weapon:
            others = [e for e in found if e is not event and e.evidence.start == event.evidence.start
                      and not e.habitual and not _stand_ins_only(ctx, e.patients)]
            for other in others:
                other.weapon = other.weapon or event.weapon
            if others:
                continue
        kept.append(event)
    return kept
