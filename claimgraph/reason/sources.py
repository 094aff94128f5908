"""Source profiles: what each document and outlet claims, how it hedges and attributes, and its stance."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from claimgraph.linking.crossdoc import is_matchable
from claimgraph.linking.schema import PredicateSchema, load_schema
from claimgraph.store import records
from claimgraph.store.derived import final_map
from claimgraph.store.schema import claims, entities, evidence

HEDGED = {"hedged", "speculative", "question"}
# a stance rests only on what the source itself asserts: no reported speech, no hedge, no denial
OWN_VOICE = {"asserted"}


def _stance_marks(schema: PredicateSchema, predicate: str, negative: bool) -> list[tuple[str, int]]:
    """(role, +1 for / -1 against) a claim with this predicate gives its subject and object."""
    out = []
    for group, role, sign in (("against_subject", "subject", -1), ("against_object", "object", -1),
                              ("for_subject", "subject", 1), ("for_object", "object", 1)):
        if predicate in schema.stance.get(group, frozenset()):
            out.append((role, -sign if negative else sign))
    return out


def _empty() -> dict[str, Any]:
    return {"claims": 0, "hedged": 0, "attributed": 0, "unattributed": 0, "negated": 0, "errata": 0,
            "stance": defaultdict(lambda: {"against": 0, "for": 0, "claims": 0, "predicates": defaultdict(int),
                                           "rests_on": []})}


def _finish(acc: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    n = acc["claims"]
    stance = []
    for eid, s in acc["stance"].items():
        if not names.get(eid, "").strip():
            continue  # never a stance toward an empty or unnamed actor
        score = (s["for"] - s["against"]) / max(1, s["for"] + s["against"])
        label = "neutral" if s["for"] == s["against"] else ("hostile" if score < 0 else "favourable")
        stance.append({"entity_id": eid, "name": names.get(eid, eid), "claims": s["claims"], "against": s["against"],
                       "for": s["for"], "score": round(score, 3), "label": label,
                       "predicates": dict(sorted(s["predicates"].items())),
                       # the claims the label rests on (own-voice, asserted), so a reader can check it
                       "rests_on": sorted(set(s["rests_on"]))})
    stance.sort(key=lambda s: (-(s["against"] + s["for"]), -s["claims"], s["name"]))
    return {"claims": n, "share_hedged": round(acc["hedged"] / n, 3) if n else 0.0,
            "share_attributed": round(acc["attributed"] / n, 3) if n else 0.0,
            "share_unattributed": round(acc["unattributed"] / n, 3) if n else 0.0,
            "share_negated": round(acc["negated"] / n, 3) if n else 0.0,
            "errata": acc["errata"], "stance": stance}


def source_profiles(conn: Connection) -> list[dict[str, Any]]:
    """One profile per document and one per outlet: claims, hedged/attributed/unattributed shares, errata, stance.

    Stance toward an entity counts the document's own-voice claims about it: attacks,
    designations and allegations against it versus support, agreements and delistings for it;
    "predicates" says how it figures ("bombed" as actor, "~designated_terrorist" as the one acted on).
    Rejected claims are left out. Outlet rows have "kind": "outlet"; document rows "kind": "document".
    """
    schema = load_schema()
    finals = final_map(conn)
    # placeholders ("unnamed perpetrator") and names that are no names get no stance
    names = {eid: name for eid, name, attrs in conn.execute(select(entities.c.id, entities.c.name, entities.c.attrs))
             if name and is_matchable(name) and not (attrs or {}).get("placeholder")}
    docs = records._document_meta(conn)
    rows = {r["id"]: r for r in conn.execute(select(claims.c.id, claims.c.subject_id, claims.c.predicate,
                                                    claims.c.object_id, claims.c.modality, claims.c.polarity,
                                                    claims.c.attributed_to_id, claims.c.status)
                                             .where(claims.c.status != "rejected")).mappings()}
    per_doc: dict[str, dict[str, Any]] = defaultdict(_empty)
    seen: set[tuple[str, str]] = set()
    for cid, doc, q in conn.execute(select(evidence.c.claim_id, evidence.c.document_id, evidence.c.qualifiers)
                                    .order_by(evidence.c.id)):
        r = rows.get(cid)
        if r is None:
            continue
        acc = per_doc[doc]
        if (q or {}).get("correction"):
            acc["errata"] += 1
        if (cid, doc) in seen:
            continue
        seen.add((cid, doc))
        acc["claims"] += 1
        attributed = bool(r["attributed_to_id"]) or r["modality"] == "attributed"
        acc["hedged"] += r["modality"] in HEDGED
        acc["attributed"] += attributed
        acc["unattributed"] += not attributed
        negative = r["polarity"] == "negative" or r["modality"] == "negated"
        acc["negated"] += negative
        ends = {"subject": finals.get(r["subject_id"], r["subject_id"]),
                "object": finals.get(r["object_id"], r["object_id"]) if r["object_id"] else None}
        for role in ("subject", "object"):
            if ends[role]:
                acc["stance"][ends[role]]["claims"] += 1
                # how the entity figures: "bombed" as the actor, "~designated_terrorist" as the one acted on
                mark = ("" if role == "subject" else "~") + ("not " if negative else "") + r["predicate"]
                acc["stance"][ends[role]]["predicates"][mark] += 1
        if attributed or negative or r["modality"] not in OWN_VOICE:
            continue  # someone else's words, a hedge or a denial: not the source's own stance
        for role, sign in _stance_marks(schema, r["predicate"], negative):
            if ends[role]:
                acc["stance"][ends[role]]["against" if sign < 0 else "for"] += 1
                acc["stance"][ends[role]]["rests_on"].append(cid)
    out: list[dict[str, Any]] = []
    by_outlet: dict[str, dict[str, Any]] = defaultdict(_empty)
    outlet_docs: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(docs):
        meta = docs[doc_id]
        acc = per_doc.get(doc_id, _empty())
        outlet = meta.get("outlet") or meta.get("cite") or doc_id
        out.append({"kind": "document", "document_id": doc_id, "document": meta.get("cite"), "outlet": outlet,
                    "published": meta.get("published"), "copy_of": meta.get("copy_of"), **_finish(acc, names)})
        total = by_outlet[outlet]
        outlet_docs[outlet].append(doc_id)
        for k in ("claims", "hedged", "attributed", "unattributed", "negated", "errata"):
            total[k] += acc[k]
        for eid, s in acc["stance"].items():
            for k in ("against", "for", "claims"):
                total["stance"][eid][k] += s[k]
            total["stance"][eid]["rests_on"].extend(s["rests_on"])
            for mark, n in s["predicates"].items():
                total["stance"][eid]["predicates"][mark] += n
    for outlet in sorted(by_outlet):
        out.append({"kind": "outlet", "outlet": outlet, "documents": outlet_docs[outlet],
                    **_finish(by_outlet[outlet], names)})
    return out
