"""RDF export: Turtle where every claim is a reified statement with PROV-O provenance.

A claim is never written as a bare triple (that would state one source's allegation as
fact): it is an `rdf:Statement` and `prov:Entity` with its subject, predicate and object,
how it is said (modality, polarity, speaker), `prov:wasDerivedFrom` the documents, and
one evidence node per quoted passage with its character offsets. Every cg: term is
declared in data/vocab.ttl (written beside the export as claimgraph-vocab.ttl).

The file is written record by record (triples grouped by subject, prefixes declared once)
rather than built as one in-memory graph, so memory stays flat on a large store; rdflib
supplies the terms and the escaping of literals.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from claimgraph.export.base import Exporter, RecordKind
from claimgraph.profile import describe

BASE = "urn:claimgraph:"
FILE_NAME = "claimgraph.ttl"
VOCAB_FILE = "claimgraph-vocab.ttl"
VOCAB_SOURCE = Path(__file__).with_name("data") / "vocab.ttl"
SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def iri(kind: str, identifier: str) -> str:
    """The IRI of a claimgraph record (ids percent-encoded: input document ids may hold anything)."""
    return f"{BASE}{kind}:{quote(identifier, safe='-_.')}"


class TripleBuffer:
    """The triples of the record being written, grouped by subject."""

    def __init__(self) -> None:
        self._blocks: dict[Any, list[tuple[Any, Any]]] = {}

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        """Keep one triple."""
        self._blocks.setdefault(triple[0], []).append((triple[1], triple[2]))

    def take(self) -> dict[Any, list[tuple[Any, Any]]]:
        """The triples kept so far by subject; the buffer is empty afterwards."""
        blocks, self._blocks = self._blocks, {}
        return blocks


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
        self.prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "cg": str(self.CG),
                         "cgp": str(self.PRED), "prov": str(PROV), "dcterms": str(DCTERMS), "skos": str(SKOS),
                         "geo": str(self.GEO), "owl": str(OWL), "wd": str(self.WD)}
        # longest namespace first, so that a prefix never swallows part of a longer one
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))
        self._names = Graph()  # only its namespace manager is used, to write literal datatypes short
        for prefix, namespace in self.prefixes.items():
            self._names.bind(prefix, namespace, override=True, replace=True)
        self.path = out / FILE_NAME
        self._fh: IO[str] = self.path.open("w", encoding="utf-8")
        self._fh.write("".join(f"@prefix {p}: <{n}> .\n" for p, n in self.prefixes.items()) + "\n")
        self.graph = TripleBuffer()
        self.activity = self._node("activity", "extraction")
        self.graph.add((self.activity, RDF.type, PROV.Activity))
        self.graph.add((self.activity, RDFS.label, self._lit("claimgraph extraction")))
        self._flush()

    def _term(self, term: Any) -> str:
        from rdflib import URIRef

        if isinstance(term, URIRef):
            uri = str(term)
            for prefix, namespace in self._by_length:
                if uri.startswith(namespace) and SAFE_LOCAL.match(uri[len(namespace):]):
                    return f"{prefix}:{uri[len(namespace):]}"
            return f"<{uri}>"
        return str(term.n3(self._names.namespace_manager))

    def _flush(self) -> None:
        """Write the buffered triples, one block per subject in first-seen order."""
        for subject, pairs in self.graph.take().items():
            body = " ;\n    ".join(f"{self._term(p)} {self._term(o)}" for p, o in pairs)
            self._fh.write(f"{self._term(subject)} {body} .\n\n")

    def _node(self, kind: str, identifier: str) -> Any:
        from rdflib import URIRef

        return URIRef(iri(kind, identifier))

    def _lit(self, value: Any, datatype: Any = None) -> Any:
        from rdflib import Literal

        return Literal(value, datatype=datatype)

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Write the triples of one record."""
        {"document": self._document, "entity": self._entity, "claim": self._claim,
         "conflict": self._conflict}.get(kind, lambda _r: None)(record)
        self._flush()

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
        g.add((node, ns["RDF"].type, self.CG[quote(rec["type"], safe="_-.")]))
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
        g.add((claim, rdf.predicate, self.PRED[quote(rec["predicate"], safe="_-.")]))
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
        self._qualifiers(claim, rec["id"], qualifiers)
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

    def _qualifiers(self, claim: Any, claim_id: str, qualifiers: dict[str, Any]) -> None:
        """Qualifiers as declared terms (vocab.ttl); any other one as a named cg:Qualifier node."""
        ns, g = self.ns, self.graph
        xsd = ns["XSD"]
        for key, value in sorted(qualifiers.items()):
            if key in ("time", "place") or value is None:
                continue  # written above
            if key == "distance_km" and isinstance(value, (int, float)):
                g.add((claim, self.CG.distanceKm, self._lit(Decimal(str(value)), xsd.decimal)))
            elif key == "direction" and isinstance(value, str):
                g.add((claim, self.CG.direction, self._lit(value)))
            elif key == "via" and isinstance(value, dict) and value.get("id"):
                g.add((claim, self.CG.via, self._node("entity", value["id"])))
            elif key == "correction" and isinstance(value, dict):
                for prop, part in (("correctedFrom", "from"), ("correctedTo", "to")):
                    if value.get(part) is not None:
                        g.add((claim, self.CG[prop], self._lit(str(value[part]))))
            else:
                node = self._node("qualifier", f"{claim_id}/{key}")
                g.add((claim, self.CG.qualifier, node))
                g.add((node, ns["RDF"].type, self.CG.Qualifier))
                g.add((node, self.CG.qualifierName, self._lit(key)))
                text = value if isinstance(value, (str, int, float, bool)) else \
                    json.dumps(value, ensure_ascii=False, sort_keys=True)
                g.add((node, ns["RDF"].value, self._lit(text)))

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
        """Close the Turtle file and put the vocabulary declaring the cg: terms beside it."""
        self._flush()
        self._fh.close()
        vocab = self.path.with_name(VOCAB_FILE)
        vocab.write_text(VOCAB_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
        return [self.path, vocab]
