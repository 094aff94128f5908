"""FollowTheMoney export: entities, relationships, events and sanctions, each tied to its documents.

The file DIR/entities.ftm.json holds one FtM entity a line, as `alephclient write-entities`
and `ftm` read them. A claim becomes the FtM object that fits its predicate (Membership,
Sanction, Event, UnknownLink, or a Note for a claim about a value); its `description`
is the neutral sentence saying which source says it and how, its `summary` names the
modality, the speaker and the confidence, `proof` points at the articles, and one
Documentation per quoted passage links the claim to its Article with the passage text, the
character offsets, the speaker and the confidence. Articles carry their stored text as
`bodyText` (so Aleph can show and search them) and every entity named in an article has a
Mention there. Ids are derived
from claimgraph's ids, so exporting the same store twice gives the same file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from claimgraph.export.base import Exporter, RecordKind
from claimgraph.profile import describe

FILE_NAME = "entities.ftm.json"

SCHEMA_BY_TYPE = {"Organization": "Organization", "Group": "Organization", "Person": "Person",
                  "Country": "LegalEntity", "Place": "Address", "Event": "Event", "Other": "LegalEntity"}
MEMBERSHIP_ROLES = {"member_of": "member", "leader_of": "leader"}
# predicates with the organization as subject and the person as object
MEMBERSHIP_INVERSE_ROLES = {"founded_by": "founder", "led_by": "leader"}
EVENT_PREDICATES = {"attacked", "assassinated", "bombed", "killed", "kidnapped", "injured", "arrested",
                    "released", "expelled", "restricted"}
SANCTION_BY_STATE = {"designated_terrorist", "delisted_terrorist"}
SANCTION_OF_TARGET = {"designated_terrorist_by"}


def ftm_id(kind: str, *parts: str) -> str:
    """Deterministic FtM entity id for a claimgraph record."""
    from followthemoney.util import make_entity_id

    return make_entity_id("claimgraph", kind, *parts) or ""


class FtmExporter(Exporter):
    """FollowTheMoney entities, one JSON object a line (for Aleph: `alephclient write-entities`)."""

    description = "FollowTheMoney entities: DIR/entities.ftm.json (one entity a line)"

    def __init__(self, out: Path) -> None:
        from followthemoney import model

        super().__init__(out)
        self.model = model
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / FILE_NAME
        self._fh: IO[str] = self.path.open("w", encoding="utf-8")
        self.schema_of: dict[str, str] = {}  # claimgraph entity id -> FtM schema name
        self.names: dict[str, str] = {}
        self.documents: set[str] = set()
        self.mentions: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.count = 0
        self._conn: Any = None

    # ------------------------------------------------------------------ helpers
    def _make(self, schema: str, entity_id: str) -> Any:
        proxy = self.model.make_entity(schema)
        proxy.id = entity_id
        return proxy

    def _emit(self, proxy: Any) -> None:
        from followthemoney.exc import InvalidData

        data = proxy.to_dict()
        try:
            error = proxy.schema.validate(data)
        except InvalidData:  # newer FtM raises where older versions returned the errors
            error = True
        if error:  # a record that FtM would refuse is dropped rather than breaking the load
            return
        self._fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        self.count += 1

    def _is_a(self, entity_id: str | None, schema: str) -> bool:
        found = self.model.get(self.schema_of.get(entity_id or "") or "")
        return found is not None and found.is_a(schema)

    def _ref(self, entity_id: str) -> str:
        return ftm_id("entity", entity_id)

    def bind_store(self, conn: Any) -> None:
        """Read the documents' text from this store connection (export_store calls this)."""
        self._conn = conn

    def _body_text(self, rec: dict[str, Any]) -> str | None:
        if rec.get("text"):
            return str(rec["text"])
        if self._conn is None:
            return None
        from sqlalchemy import select

        from claimgraph.store.schema import documents

        text = self._conn.execute(select(documents.c.text).where(documents.c.id == rec["id"])).scalar()
        return str(text) if text else None

    # ------------------------------------------------------------------ records
    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Turn one contract record into FtM entities."""
        if kind == "document":
            self._document(record)
        elif kind == "entity":
            self._entity(record)
        elif kind == "mention":
            if record["entity_id"] in self.schema_of:
                self.mentions[(record["document_id"], record["entity_id"])].add(record["text"])
        elif kind == "claim":
            self._claim(record)

    def _document(self, rec: dict[str, Any]) -> None:
        article = self._make("Article", ftm_id("document", rec["id"]))
        article.add("title", rec.get("title") or rec["id"])
        article.add("fileName", rec.get("source"))
        article.add("sourceUrl", rec.get("url"))
        article.add("publishedAt", rec.get("published"))
        article.add("bodyText", self._body_text(rec))
        self.documents.add(rec["id"])
        self._emit(article)

    def _entity(self, rec: dict[str, Any]) -> None:
        schema = SCHEMA_BY_TYPE.get(rec["type"], "LegalEntity")
        proxy = self._make(schema, self._ref(rec["id"]))
        if schema == "Address":
            proxy.add("full", rec["name"])
        else:
            proxy.add("name", rec["name"])
        proxy.add("alias", rec.get("aliases") or [])
        if rec["type"] == "Country":
            proxy.add("country", rec["name"])
        geo = rec.get("geo") or {}
        if schema == "Address" and geo.get("lat") is not None:
            proxy.add("latitude", str(geo["lat"]))
            proxy.add("longitude", str(geo["lon"]))
        wikidata = (rec.get("external_ids") or {}).get("wikidata")
        if wikidata:
            proxy.add("wikidataId", wikidata)
        self.schema_of[rec["id"]] = schema
        self.names[rec["id"]] = rec["name"]
        self._emit(proxy)

    def _claim(self, rec: dict[str, Any]) -> None:
        proxy = self._claim_entity(rec)
        sentence = describe(rec)
        time = (rec.get("qualifiers") or {}).get("time") or {}
        proxy.add("description", sentence)
        if proxy.schema.get("recordId"):
            proxy.add("recordId", rec["id"])
        if proxy.schema.get("startDate") and proxy.schema.name != "Sanction":
            proxy.add("startDate", time.get("start"))
            proxy.add("endDate", time.get("end"))
        if proxy.schema.get("status") and proxy.schema.name != "Sanction":
            proxy.add("status", f"{rec['modality']}; {rec['status']}")
        doc_ids = sorted({e["document_id"] for e in rec.get("evidence", []) if e["document_id"] in self.documents})
        proxy.add("proof", [ftm_id("document", d) for d in doc_ids])
        if proxy.schema.get("summary"):
            proxy.add("summary", how_said(rec))
        self._emit(proxy)
        for ev in rec.get("evidence", []):
            if ev["document_id"] not in self.documents:
                continue
            link = self._make("Documentation", ftm_id("evidence", rec["id"], ev["document_id"],
                                                      str(ev.get("start")), str(ev.get("end"))))
            link.add("document", ftm_id("document", ev["document_id"]))
            link.add("entity", proxy.id)
            link.add("role", f"evidence: {rec['modality']}")
            link.add("summary", ev.get("text"))
            link.add("description", f"characters {ev.get('start')}-{ev.get('end')}; {how_said(rec)}")
            link.add("status", rec["status"])
            link.add("startDate", time.get("start"))
            link.add("endDate", time.get("end"))
            self._emit(link)

    def _claim_entity(self, rec: dict[str, Any]) -> Any:
        """The FtM entity standing for one claim (validity of each range checked against the schemata)."""
        pred = rec["predicate"]
        subject = (rec.get("subject") or {}).get("id")
        obj = (rec.get("object") or {}).get("id")
        cid = ftm_id("claim", rec["id"])
        negative = rec["polarity"] == "negative" or rec["modality"] == "negated"
        role_prefix = "not " if negative else ""
        time = (rec.get("qualifiers") or {}).get("time") or {}
        if obj and obj in self.schema_of and subject in self.schema_of:
            member, org, role = None, None, None
            if pred in MEMBERSHIP_ROLES:
                member, org, role = subject, obj, MEMBERSHIP_ROLES[pred]
            elif pred in MEMBERSHIP_INVERSE_ROLES:
                member, org, role = obj, subject, MEMBERSHIP_INVERSE_ROLES[pred]
            if member and self._is_a(member, "LegalEntity") and self._is_a(org, "Organization"):
                proxy = self._make("Membership", cid)
                proxy.add("member", self._ref(member))
                proxy.add("organization", self._ref(org or ""))
                proxy.add("role", role_prefix + (role or pred))
                return proxy
            if pred in SANCTION_BY_STATE or pred in SANCTION_OF_TARGET:
                state, target = (subject, obj) if pred in SANCTION_BY_STATE else (obj, subject)
                proxy = self._make("Sanction", cid)
                proxy.add("entity", self._ref(target))
                proxy.add("authority", self.names.get(state))
                proxy.add("program", "terrorist designation")
                if pred == "delisted_terrorist":
                    proxy.add("endDate", time.get("start"))
                    proxy.add("status", f"delisted; {rec['modality']}; {rec['status']}")
                else:
                    proxy.add("listingDate", time.get("start"))
                    proxy.add("startDate", time.get("start"))
                    proxy.add("endDate", time.get("end"))
                    proxy.add("status", f"{role_prefix}listed; {rec['modality']}; {rec['status']}")
                return proxy
            if pred in EVENT_PREDICATES:
                return self._event(rec, cid, subject, obj, role_prefix)
            proxy = self._make("UnknownLink", cid)
            proxy.add("subject", self._ref(subject))
            proxy.add("object", self._ref(obj))
            proxy.add("role", role_prefix + pred)
            return proxy
        if pred in EVENT_PREDICATES and subject in self.schema_of:
            return self._event(rec, cid, subject, None, role_prefix)
        # a value (a date, an ideology, a quote): a note on the subject, in the source's words
        proxy = self._make("Note", cid)
        if subject in self.schema_of:
            proxy.add("entity", self._ref(subject))
        return proxy

    def _event(self, rec: dict[str, Any], cid: str, subject: str, obj: str | None, role_prefix: str) -> Any:
        proxy = self._make("Event", cid)
        target = (rec.get("object") or {}).get("name") or str((rec.get("object") or {}).get("value") or "")
        proxy.add("name", f"{role_prefix}{rec['predicate']}: {rec['subject']['name']} → {target}".strip())
        for party in (subject, obj):
            if party and self._is_a(party, "LegalEntity"):
                proxy.add("involved", self._ref(party))
        if self._is_a(subject, "LegalEntity"):
            proxy.add("organizer", self._ref(subject))
        q = rec.get("qualifiers") or {}
        place = q.get("place") if isinstance(q.get("place"), dict) else None
        if place and place.get("id") in self.schema_of and self._is_a(place["id"], "Address"):
            proxy.add("addressEntity", self._ref(place["id"]))
        if place and place.get("name"):
            proxy.add("location", place["name"])
        proxy.add("date", ((q.get("time") or {}).get("start")))
        proxy.add("summary", f"{rec['modality']}; {rec['status']}")
        return proxy

    def finalize(self) -> list[Path]:
        """Write the mentions (one per document and entity) and close the file."""
        for (doc_id, entity_id), names in sorted(self.mentions.items()):
            if doc_id not in self.documents:
                continue
            schema = self.schema_of[entity_id]
            if self.model.get(schema).is_a("LegalEntity"):  # type: ignore[union-attr]
                proxy = self._make("Mention", ftm_id("mention", doc_id, entity_id))
                proxy.add("resolved", self._ref(entity_id))
                proxy.add("name", sorted(names))
                proxy.add("detectedSchema", schema)
            else:  # places and events cannot be a Mention's resolved entity
                proxy = self._make("Documentation", ftm_id("mention", doc_id, entity_id))
                proxy.add("entity", self._ref(entity_id))
                proxy.add("role", "mentioned")
                proxy.add("summary", sorted(names))
            proxy.add("document", ftm_id("document", doc_id))
            self._emit(proxy)
        self._fh.close()
        return [self.path]


def how_said(rec: dict[str, Any]) -> str:
    """How a claim is made, in words: modality, polarity, speaker, confidence and corroboration."""
    parts = [f"modality: {rec.get('modality')}"]
    if rec.get("polarity") == "negative":
        parts.append("negative")
    speaker = (rec.get("attributed_to") or {}).get("name")
    if speaker:
        parts.append(f"speaker: {speaker}")
    if isinstance(rec.get("confidence"), (int, float)):
        parts.append(f"confidence: {float(rec['confidence']):.2f}")
    documents = (rec.get("corroboration") or {}).get("documents")
    if documents:
        parts.append(f"documents: {documents}")
    return "; ".join(parts)
