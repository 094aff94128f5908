"""Entity profiles for the API: claimgraph.profile's sections and sentences over scoped reads.

`claimgraph.profile.build_profile` reads every entity, every document and every conflict of
the store; here the same profile is put together from the entity's own claims and the
cached conflicts, so a profile page stays fast on a large store. tests/test_api.py checks
that both give the same profile.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from claimgraph.api import queries
from claimgraph.api.cache import cached_conflicts
from claimgraph.profile import SECTIONS, Profile, ProfileLine, describe
from claimgraph.store import records


def scoped_profile(conn: Connection, entity_id: str) -> Profile:
    """The profile build_profile would give for an entity (its id after merges)."""
    record = queries.entity_records(conn, [entity_id])[0]
    entity = {"id": record["id"], "name": record["name"], "type": record["type"]}
    profile = Profile(entity={**entity, "geo": record.get("geo")}, aliases=record.get("aliases", []))
    ids = queries.merged_ids(conn, entity["id"])
    claims = [c for c in queries.fetch_claims(conn, records.claims_query(ids)) if c["status"] != "rejected"]
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
    profile.conflicts = [c for c in cached_conflicts(conn) if claim_ids & set(c.get("claims", []))]
    return profile


def profile_json(profile: Profile) -> dict[str, Any]:
    """A profile as the API returns it (the shape of `claimgraph profile --json`)."""
    return {"entity": profile.entity, "aliases": profile.aliases, "conflicts": profile.conflicts,
            "sections": {title: [{"text": line.text, "claim": line.claim} for line in lines]
                         for title, lines in profile.sections.items()}}
