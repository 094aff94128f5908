"""An entity's profile: its names and every claim about it, grouped into sections, each cited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from claimgraph.core.predicates import registry
from claimgraph.store import records
from claimgraph.views.conflicts import conflicts_and_changes
from claimgraph.views.counts import claim_counts
from claimgraph.views.names import name_refs, name_rows, unnamed_names

# (section title, predicates where the entity is the subject, predicates where it is the object), from the registry
SECTIONS: list[tuple[str, set[str], set[str]]] = registry().sections()


def predicate_label(name: str) -> str:
    """A predicate as words: the registry's `label` where it gives one, else its name with spaces."""
    entry = registry().get(name)
    label = getattr(entry, "label", None) if entry is not None else None
    return str(label) if label else name.replace("_", " ")


def _said(modality: str, negative: bool) -> str:
    """The verb phrase that says how the source put it: one clear wording per modality and polarity."""
    if modality == "speculative":
        return "considers unlikely" if negative else "expects or considers possible"
    if modality == "question":
        return "asks whether"
    verb = "denies" if negative or modality == "negated" else "says"
    return f"{verb} (hedged)" if modality == "hedged" else verb


@dataclass
class ProfileLine:
    """One cited statement in a profile."""

    text: str
    claim: dict[str, Any]
    when: str | None = None


@dataclass
class Profile:
    """Names of an entity and its cited statements by section."""

    entity: dict[str, Any]
    aliases: list[str]
    sections: dict[str, list[ProfileLine]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    # reference knowledge about it ("gazetteer: Baghdad is in Iraq"): never a document's claim
    reference: list[dict[str, Any]] = field(default_factory=list)
    # relations that changed over time (denied for one period, asserted for another)
    changes: list[dict[str, Any]] = field(default_factory=list)
    # claims involving it (subject, object or speaker; claimgraph.views.counts), the number every view shows
    claim_count: int = 0


def statement(claim: dict[str, Any]) -> str:
    """What a claim is about, with no negation and no source: "subject predicate object"."""
    obj = claim.get("object") or {}
    if "name" in obj or "id" in obj:
        target = obj.get("name") or "an unnamed target"
    elif obj.get("type") == "text":
        target = f"\u201c{obj.get('value')}\u201d"
    else:
        target = str(obj.get("value")) if obj.get("value") is not None else "an unnamed target"
    subject = (claim.get("subject") or {}).get("name") or "an unnamed actor"
    return f"{subject} {predicate_label(claim['predicate'])} {target}"


def describe(claim: dict[str, Any]) -> str:
    """A neutral sentence: who says what about whom, how sure, when — never a bare fact.

    "S says: X", "S says (hedged): X", "S reports that A says: X", "S denies: X", "S expects or considers
    possible: X"; a denial is written once, as the verb, never as a NOT inside the statement.
    """
    ev = (claim.get("evidence") or [{}])[0]
    source = ev.get("document") or ev.get("document_id") or "a source"
    negative = claim.get("polarity") == "negative" or claim.get("modality") == "negated"
    said = _said(str(claim.get("modality") or "asserted"), negative)
    speaker = claim.get("attributed_to")
    who = f"{source} {said}"
    if speaker:
        via = (claim.get("qualifiers") or {}).get("via")
        via_name = via.get("name") if isinstance(via, dict) else via
        who = f"{source} reports that {speaker.get('name') or 'an unnamed speaker'}" + \
            (f" (via {via_name})" if via_name else "") + f" {said}"
    line = f"{who}{' ' if said.endswith('whether') else ': '}{statement(claim)}"
    q = claim.get("qualifiers") or {}
    extras = []
    if q.get("time"):
        t = q["time"]
        when = t.get("text") or "–".join(x for x in (t.get("start"), t.get("end")) if x)
        if when != str((claim.get("object") or {}).get("value")):  # "founded in 1965", not "... [1965]" again
            extras.append(when)
    if q.get("distance_km") is not None:
        extras.append(f"{q['distance_km']} km" + (f" {q['direction']}" if q.get("direction") else ""))
    if q.get("correction"):
        extras.append(f"corrected from {q['correction'].get('from')!r}")
    if q.get("as_of") and not q.get("time"):
        extras.append(f"as of {q['as_of']}")
    if claim.get("status") and claim["status"] != "active":
        # superseded: a later claim ended it (a change over time), which is no verdict that it was false
        extras.append("ended by a later claim" if claim["status"] == "superseded" else claim["status"])
    corr = claim.get("corroboration") or {}
    if corr.get("documents", 1) > 1:
        extras.append(f"{corr['documents']} documents, {corr.get('independent_sources', 1)} independent")
    return line + (f" [{'; '.join(extras)}]" if extras else "")


def assemble(entity: dict[str, Any], aliases: list[str], claims: list[dict[str, Any]],
             conflicts: list[dict[str, Any]]) -> Profile:
    """Group an entity's claim records into profile sections (rejected claims left out)."""
    profile = Profile(entity=entity, aliases=aliases)
    claims = [c for c in claims if c["status"] != "rejected"]
    for title, as_subject, as_object in SECTIONS:
        lines = []
        for c in claims:
            is_subject = bool(c["subject"]) and c["subject"]["id"] == entity["id"]
            is_object = (c["object"] or {}).get("id") == entity["id"]
            if (is_subject and c["predicate"] in as_subject) or (is_object and c["predicate"] in as_object):
                when = (c.get("qualifiers") or {}).get("time") or {}
                lines.append(ProfileLine(text=describe(c), claim=c, when=when.get("start") or when.get("end")))
        if title == "Events":
            lines.sort(key=lambda ln: (ln.when is None, ln.when or ""))
        if lines:
            profile.sections[title] = lines
    claim_ids = {c["id"] for c in claims}
    profile.conflicts = [c for c in conflicts if claim_ids & set(c.get("claims", []))]
    profile.claim_count = len(claim_ids)
    return profile


def to_json(profile: Profile) -> dict[str, Any]:
    """A profile as `claimgraph profile --json` and the HTTP API return it."""
    return {"entity": profile.entity, "aliases": profile.aliases, "conflicts": profile.conflicts,
            "claim_count": profile.claim_count, "changes": profile.changes,
            "reference": [{"text": records.reference_text(r), "fact": r} for r in profile.reference],
            "sections": {title: [{"text": line.text, "claim": line.claim} for line in lines]
                         for title, lines in profile.sections.items()}}


def build_profile(conn: Connection, entity_id: str) -> Profile:
    """Every non-rejected claim about an entity, grouped into profile sections."""
    index = records.entity_index(conn)
    # an unnamed actor reads "unnamed perpetrator (<document>)" here as in every other view
    unnamed = unnamed_names(conn, [i for i, row in index.items() if not (row.get("name") or "").strip()])
    name_rows(index, unnamed)
    entity = records.entity_ref(index, entity_id) or {"id": entity_id, "name": entity_id, "type": "Other"}
    ids = [i for i in index if records.final_id(index, i) == entity["id"]]
    entity_rec = next((e for e in records.iter_entities(conn) if e["id"] == entity["id"]), None)
    claims = [name_refs(c, unnamed) for c in records.iter_claims(conn, records.claims_query(ids))]
    # only the conflicts and changes decided in the groups of these claims, not the whole store's
    conflicts, changes = conflicts_and_changes(conn, [c["id"] for c in claims])
    profile = assemble({**entity, "geo": (entity_rec or {}).get("geo")}, (entity_rec or {}).get("aliases", []),
                       claims, conflicts)
    profile.changes = changes
    profile.reference = list(records.iter_reference(conn, ids))
    profile.claim_count = claim_counts(conn, [entity["id"]])[entity["id"]]
    return profile
