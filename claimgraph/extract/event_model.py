"""What the events stage reads a sentence into: an Event, and the stand-in entities of unnamed ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from claimgraph.extract.context import DocContext

UNKNOWN_ACTOR_KEY = "Group:event-unknown-actor"
UNKNOWN_TARGET_KEY = "Other:event-unknown-target"
# the unnamed doer of an act no attacker does ("four suspects were arrested"): never the attackers' stand-in
UNKNOWN_OTHER_KEY = "Group:event-unknown-other"
UNKNOWN_OTHER_MEANING = "unnamed actor"
# empty: an unknown perpetrator is no filler; a made-up name would read as one (attrs say what it is)
UNKNOWN_ACTOR_NAME = ""
UNKNOWN_ACTOR_MEANING = "unnamed perpetrator"
# how the name of a stand-in told by its deed begins: it says the doer has no name in the text
UNNAMED_PREFIX = "unnamed perpetrator"
UNKNOWN_TARGET_MEANING = "unnamed target"
UNKNOWN_TARGET_NAME = ""
UNNAMED_PERPETRATOR_CONFIDENCE = 0.3
CLAIMANT_CONFIDENCE = 0.45
TOPIC_CONFIDENCE = 0.4
# events a claim of responsibility covers when the text tells them without a doer
CLAIMABLE = {"attacked", "bombed", "killed", "assassinated", "injured", "kidnapped"}


def _stand_in(ctx: DocContext, name: str, type_: str, key: str, meaning: str = UNKNOWN_ACTOR_MEANING) -> str:
    """A stand-in entity for an unnamed actor: one per document, never merged across documents."""
    key = ctx.add_entity(name, type_, key=key)
    ctx.entity(key).attrs["placeholder"] = True
    if not name:
        ctx.entity(key).attrs["stands_for"] = meaning
    return key


EXTRACTOR = "events"


@dataclass
class Event:
    """One event read from a sentence, before it becomes claims."""

    predicate: str
    evidence: Span
    perpetrators: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    weapon: str | None = None
    place: dict[str, Any] | None = None
    time: dict[str, Any] | None = None
    confidence: float = 0.6
    trigger: Token | None = None  # the word that names the event: where the scope layer reads its modality
    site_target: bool = False  # the patient is the place the event happened in, no target being said
    habitual: bool = False  # "engages in kidnappings": shows its doer acting, but is no event claim
    deed: str | None = None  # the text's words for the event ("the suicide bombing"): what an unnamed doer did
    told_in: Token | None = None  # the event noun a toll is told by ("were killed in the attack", "the blast killed")


def unnamed_doer(ctx: DocContext, event: Event) -> str:
    """The document's stand-in for unnamed doers, named by the first deed the text names ("the suicide bombing").

    "unnamed perpetrator of the suicide bombing" tells an analyst what the text says of the doer and nothing more
    (a bare device, "a bomb exploded", names no deed: its weapon is in the claim's qualifiers; with no deed at all the
    stand-in keeps an empty name, shown with its document's title). One stand-in a document, as the events of one
    news text are mostly one attack told again; it is stored as its document's own, never linked across documents.
    """
    if event.predicate not in CLAIMABLE:
        # "suspects were arrested", "the hostages were released": not the doings of whoever did the deed the text
        # names ("unnamed perpetrator of the attacks arrested four people" would tell the opposite)
        return _stand_in(ctx, UNKNOWN_ACTOR_NAME, "Group", UNKNOWN_OTHER_KEY, UNKNOWN_OTHER_MEANING)
    key = _stand_in(ctx, UNKNOWN_ACTOR_NAME, "Group", UNKNOWN_ACTOR_KEY)
    entity = ctx.entity(key)
    if event.deed and not entity.name:
        entity.name = f"{UNNAMED_PREFIX} of the {event.deed}"
    return key
