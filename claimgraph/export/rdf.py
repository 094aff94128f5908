"""RDF export: Turtle where every claim is a reified statement with PROV-O provenance.

A claim is never written as a bare triple (that would state one source's allegation as
fact): it is an `rdf:Statement` and `prov:Entity` with its subject, predicate and object,
how it is said (modality, polarity, speaker), `prov:wasDerivedFrom` the documents, and
one evidence node per quoted passage with its character offsets.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimgraph.export.base import Exporter, RecordKind
from claimgraph.profile import describe

BASE = "urn:claimgraph:"
FILE_NAME = "claimgraph.ttl"


def iri(kind: str, identifier: str) -> str:
    """The IRI of a claimgraph record (ids percent-encoded: input document ids may hold anything)."""
    return f"{BASE}{kind}:{quote(identifier, safe='-_.')}"


class RdfExporter(Exporter):
    """The store as Turtle: entities, documents, claims as PROV-O entities with evidence, conflicts."""

    description = "RDF Turtle with PROV-O provenance: DIR/claimgraph.ttl"

    def __init__(self, out: Path) -> None:
        from rdflib import Graph, Namespace
        from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

        super().__init__(out)
        out.mkdir(parents=True, exist_ok=True)
        self.ns = {"RDF": RDF, "RDFS": RDFS, "PROV": PROV, "DCTERMS": DCTERMS, "SKOS": SKOS, "XSD": XSD, "OWL": OWL}
        self.CG = Namespace(f"{BASE}vocab#")
        self.PRED = Namespace(f"{BASE}predicate:")
        self.GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
        self.WD = Namespace("http://www.wikidata.org/entity/")
        self.graph = Graph()
        for prefix, namespace in (("cg", self.CG), ("cgp", self.PRED), ("prov", PROV), ("dcterms", DCTERMS),
                                  ("skos", SKOS), ("geo", self.GEO), ("owl", OWL), ("wd", self.WD)):
            self.graph.bind(prefix, namespace)
        self.activity = self._node("activity", "extraction")
        self.graph.add((self.activity, RDF.type, PROV.Activity))
        self.graph.add((self.activity, RDFS.label, self._lit("claimgraph extraction")))

    def _node(self, kind: str, identifier: str) -> Any:
        from rdflib import URIRef

        return URIRef(iri(kind, identifier))

    def _lit(self, value: Any, datatype: Any = None) -> Any:
        from rdflib import Literal

        return Literal(value, datatype=datatype)

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Add the triples of one record."""
        {"document": self._document, "entity": self._entity, "claim": self._claim,
         "conflict": self._conflict}.get(kind, lambda _r: None)(record)

    def _document(self, rec: dict[str, Any]) -> None:
        ns, g = self.ns, self.graph
        doc = self._node("document", rec["id"])
        g.add((doc, ns["RDF"].type, ns["PROV"].Entity))
        g.add((doc, ns["RDF"].type, self.CG.Document))
        g.add((doc, ns["DCTERMS"].identifier, self._lit(rec["id"])))
        for prop, key in (("title", "title"), ("source", "source"), ("issued", "published")):
            if rec.get(key):
                g.add((doc, ns["DCTERMS"][prop], self._lit(rec[key])))
        if rec.get("sha256"):
            g.add((doc, self.CG.sha256, self._lit(rec["sha256"])))
        g.add((self.activity, ns["PROV"].used, doc))

    def _entity(self, rec: dict[str, Any]) -> None:
        ns, g = self.ns, self.graph
        node = self._node("entity", rec["id"])
        g.add((node, ns["RDF"].type, self.CG[rec["type"]]))
        g.add((node, ns["RDFS"].label, self._lit(rec["name"])))
        for alias in rec.get("aliases") or []:
            g.add((node, ns["SKOS"].altLabel, self._lit(alias)))
        geo = rec.get("geo") or {}
        if geo.get("lat") is not None and geo.get("lon") is not None:
            g.add((node, self.GEO.lat, self._lit(float(geo["lat"]), ns["XSD"].double)))
            g.add((node, self.GEO.long, self._lit(float(geo["lon"]), ns["XSD"].double)))
            if geo.get("uncertainty_km") is not None:
                g.add((node, self.CG.uncertaintyKm, self._lit(float(geo["uncertainty_km"]), ns["XSD"].double)))
        wikidata = (rec.get("external_ids") or {}).get("wikidata")
        if wikidata and str(wikidata).startswith("Q") and str(wikidata)[1:].isdigit():
            g.add((node, ns["OWL"].sameAs, self.WD[str(wikidata)]))

    def _claim(self, rec: dict[str, Any]) -> None:
        ns, g = self.ns, self.graph
        rdf, prov = ns["RDF"], ns["PROV"]
        claim = self._node("claim", rec["id"])
        for cls in (rdf.Statement, prov.Entity, self.CG.Claim):
            g.add((claim, rdf.type, cls))
        g.add((claim, rdf.subject, self._node("entity", rec["subject"]["id"])))
        g.add((claim, rdf.predicate, self.PRED[rec["predicate"]]))
        obj = rec.get("object") or {}
        if obj.get("id"):
            g.add((claim, rdf.object, self._node("entity", obj["id"])))
        else:
            g.add((claim, rdf.object, self._lit(obj.get("value"))))
            g.add((claim, self.CG.objectType, self._lit(obj.get("type") or "text")))
        g.add((claim, ns["RDFS"].comment, self._lit(describe(rec))))
        for prop in ("modality", "polarity", "status"):
            g.add((claim, self.CG[prop], self._lit(rec[prop])))
        confidence = Decimal(str(round(float(rec.get("confidence") or 0.0), 3)))
        g.add((claim, self.CG.confidence, self._lit(confidence, ns["XSD"].decimal)))
        corroboration = rec.get("corroboration") or {}
        for prop, key in (("documents", "documents"), ("independentSources", "independent_sources")):
            if key in corroboration:
                g.add((claim, self.CG[prop], self._lit(int(corroboration[key]), ns["XSD"].integer)))
        qualifiers = rec.get("qualifiers") or {}
        time = qualifiers.get("time") or {}
        for prop, key in (("timeStart", "start"), ("timeEnd", "end"), ("timeText", "text")):
            if time.get(key):
                g.add((claim, self.CG[prop], self._lit(time[key])))
        place = qualifiers.get("place")
        if isinstance(place, dict) and place.get("id"):
            g.add((claim, self.CG.place, self._node("entity", place["id"])))
        if qualifiers:
            g.add((claim, self.CG.qualifiers, self._lit(json.dumps(qualifiers, ensure_ascii=False, sort_keys=True),
                                                         rdf.JSON)))
        speaker = rec.get("attributed_to")
        if speaker:
            agent = self._node("entity", speaker["id"])
            g.add((agent, rdf.type, prov.Agent))
            g.add((claim, prov.wasAttributedTo, agent))
        g.add((claim, prov.wasGeneratedBy, self.activity))
        for n, ev in enumerate(rec.get("evidence") or []):
            doc = self._node("document", ev["document_id"])
            passage = self._node("evidence", f"{rec['id']}/{n}")
            g.add((claim, prov.wasDerivedFrom, doc))
            g.add((claim, self.CG.evidence, passage))
            g.add((passage, rdf.type, prov.Entity))
            g.add((passage, rdf.type, self.CG.Evidence))
            g.add((passage, prov.wasQuotedFrom, doc))
            g.add((passage, prov.value, self._lit(ev.get("text") or "")))
            g.add((passage, self.CG.start, self._lit(int(ev["start"]), ns["XSD"].integer)))
            g.add((passage, self.CG.end, self._lit(int(ev["end"]), ns["XSD"].integer)))

    def _conflict(self, rec: dict[str, Any]) -> None:
        ns, g = self.ns, self.graph
        claim_ids = sorted(rec.get("claims") or [])
        key = hashlib.sha1("|".join([rec.get("kind") or "", *claim_ids]).encode("utf-8")).hexdigest()[:16]
        node = self._node("conflict", key)
        g.add((node, ns["RDF"].type, self.CG.Conflict))
        g.add((node, self.CG.kind, self._lit(rec.get("kind") or "")))
        if rec.get("note"):
            g.add((node, ns["RDFS"].comment, self._lit(rec["note"])))
        for claim_id in claim_ids:
            g.add((node, self.CG.involves, self._node("claim", claim_id)))

    def finalize(self) -> list[Path]:
        """Serialise the graph as Turtle."""
        path = self.out / FILE_NAME
        self.graph.serialize(destination=str(path), format="turtle")
        return [path]
