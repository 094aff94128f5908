"""Export formats (ftm, gexf, graphml, csv, rdf), each read back by its own library."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib
from followthemoney import model
from sqlalchemy import Engine

from claimgraph import plugins
from claimgraph.export.base import Exporter, export_store
from claimgraph.export.csv_tables import CsvExporter
from claimgraph.export.ftm import FtmExporter
from claimgraph.export.graph import GexfExporter, GraphmlExporter
from claimgraph.export.rdf import RdfExporter
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import load_settings
from claimgraph.store import records
from claimgraph.store.db import get_engine

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "mko-article.txt"
FORMATS = ("ftm", "gexf", "graphml", "csv", "rdf")


def _ref(entity_id: str, name: str, type_: str) -> dict[str, str]:
    return {"id": entity_id, "name": name, "type": type_}


def _claim(cid: str, subject: dict[str, str], predicate: str, obj: dict[str, Any], **extra: Any) -> dict[str, Any]:
    base = {"id": cid, "subject": subject, "predicate": predicate, "object": obj, "qualifiers": {},
            "modality": "asserted", "polarity": "positive", "attributed_to": None,
            "evidence": [{"document_id": "doc/1", "document": "report.txt", "start": 0, "end": 12,
                          "text": "=cmd|' /C calc'!A0"}],
            "confidence": 0.7, "corroboration": {"documents": 1, "independent_sources": 1}, "status": "active"}
    return {**base, **extra}


BRIGADE = _ref("e-brigade", "Lake Brigade", "Organization")
ANNA = _ref("e-anna", "Anna Varga", "Person")
STATE = _ref("e-state", "Freedonia", "Country")
TOWN = _ref("e-town", "Port Lumen", "Place")
COUNCIL = _ref("e-council", "Hill Council", "Organization")

HAND_RECORDS: list[tuple[str, dict[str, Any]]] = [
    ("document", {"id": "doc/1", "title": "Report", "source": "report.txt", "published": "2020-02-03",
                  "sha256": "ab" * 32, "url": None}),
    ("entity", {**BRIGADE, "aliases": ["LB", "+the brigade"], "geo": None, "external_ids": {"wikidata": "Q42"}}),
    ("entity", {**ANNA, "aliases": [], "geo": None, "external_ids": {}}),
    ("entity", {**STATE, "aliases": [], "geo": None, "external_ids": {}}),
    ("entity", {**TOWN, "aliases": [], "geo": {"lat": 12.5, "lon": 44.25, "uncertainty_km": 5.0,
                                               "method": "gazetteer"}, "external_ids": {}}),
    ("entity", {**COUNCIL, "aliases": [], "geo": None, "external_ids": {}}),
    ("mention", {"entity_id": "e-brigade", "document_id": "doc/1", "start": 0, "end": 4, "text": "Lake",
                 "type": "Organization"}),
    ("mention", {"entity_id": "e-town", "document_id": "doc/1", "start": 5, "end": 9, "text": "Port",
                 "type": "Place"}),
    ("claim", _claim("c-member", ANNA, "leader_of", BRIGADE)),
    ("claim", _claim("c-listed", STATE, "designated_terrorist", BRIGADE, qualifiers={"time": {"start": "1997-10"}})),
    ("claim", _claim("c-delisted", STATE, "delisted_terrorist", BRIGADE, qualifiers={"time": {"start": "2012"}})),
    ("claim", _claim("c-attack", BRIGADE, "attacked", COUNCIL,
                     qualifiers={"time": {"start": "2001-05-06"}, "place": TOWN}, modality="hedged")),
    ("claim", _claim("c-denied", BRIGADE, "supported", COUNCIL, modality="negated", polarity="negative",
                     attributed_to=ANNA)),
    ("claim", _claim("c-base", BRIGADE, "has_base", TOWN)),
    ("claim", _claim("c-founded", BRIGADE, "founded_in", {"value": "1965", "type": "date"})),
    ("conflict", {"kind": "superseded", "claims": ["c-listed", "c-delisted"], "note": "listed, then delisted"}),
]


def _run(exporter: Exporter, items: list[tuple[str, dict[str, Any]]]) -> list[Path]:
    for kind, rec in items:
        exporter.write(kind, rec)  # type: ignore[arg-type]
    return exporter.finalize()


def _ftm_entities(path: Path) -> list[Any]:
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    ids = {p.id for p in proxies}
    for p in proxies:
        assert p.schema.validate(p.to_dict()) is None, p.to_dict()
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (p.schema.name, prop.name)
    return proxies


# ---------------------------------------------------------------------------- hand-made records
def test_ftm_maps_each_kind_of_claim(tmp_path: Path) -> None:
    path = _run(FtmExporter(tmp_path), HAND_RECORDS)[0]
    proxies = _ftm_entities(path)
    # the followthemoney tool's own validation re-parses every line and keeps each one
    from click.testing import CliRunner
    from followthemoney.cli.cli import cli as ftm_cli

    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(path), "-o", str(tmp_path / "valid.json")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "valid.json").read_text().splitlines()) == len(proxies)
    by_record = {p.first("recordId", quiet=True): p for p in proxies if p.first("recordId", quiet=True)}
    assert by_record["c-member"].schema.name == "Membership"
    assert by_record["c-member"].first("role") == "leader"
    listed, delisted = by_record["c-listed"], by_record["c-delisted"]
    assert listed.schema.name == delisted.schema.name == "Sanction"
    assert listed.first("authority") == "Freedonia" and listed.first("listingDate") == "1997-10"
    assert delisted.first("endDate") == "2012"
    assert by_record["c-denied"].schema.name == "UnknownLink"
    assert by_record["c-denied"].first("role") == "not supported"
    assert "Anna Varga denies: Lake Brigade supported" in by_record["c-denied"].first("description")
    event = next(p for p in proxies if p.schema.name == "Event" and p.first("date") == "2001-05-06")
    town = next(p for p in proxies if p.schema.name == "Address")
    assert event.first("addressEntity") == town.id and town.first("latitude") == "12.5"
    assert len(event.get("involved")) == 2
    note = next(p for p in proxies if p.schema.name == "Note")
    assert "1965" in note.first("description")
    article = next(p for p in proxies if p.schema.name == "Article")
    assert all(article.id in p.get("proof") for p in by_record.values())
    evidence = [p for p in proxies if p.schema.name == "Documentation"
                and (p.first("role") or "").startswith("evidence")]
    assert {p.first("entity") for p in evidence} >= {p.id for p in by_record.values()}
    # one Documentation per passage: the passage itself, its offsets, speaker and confidence
    denied_ev = next(p for p in evidence if p.first("entity") == by_record["c-denied"].id)
    assert denied_ev.first("summary") == "=cmd|' /C calc'!A0" and denied_ev.first("role") == "evidence: negated"
    assert "0-12" in denied_ev.first("description") and "speaker: Anna Varga" in denied_ev.first("description")
    assert "confidence: 0.70" in (by_record["c-denied"].first("summary") or "")
    mention = next(p for p in proxies if p.schema.name == "Mention")
    assert mention.first("name") == "Lake" and mention.first("document") == article.id
    brigade = next(p for p in proxies if p.schema.name == "Organization" and p.first("name") == "Lake Brigade")
    assert brigade.first("wikidataId") == "Q42" and "LB" in brigade.get("alias")


def test_graph_formats_keep_claims_as_parallel_edges(tmp_path: Path) -> None:
    for exporter, reader in ((GexfExporter(tmp_path / "g"), nx.read_gexf),
                             (GraphmlExporter(tmp_path / "m"), nx.read_graphml)):
        graph = reader(_run(exporter, HAND_RECORDS)[0])
        assert graph.is_multigraph() and graph.is_directed()
        assert graph.number_of_nodes() == 5
        edges = {d["predicate"]: (u, v, d) for u, v, d in graph.edges(data=True)}
        # the dated value (founded_in 1965) has no second entity
        assert set(edges) == {"leader_of", "designated_terrorist", "delisted_terrorist", "attacked", "supported",
                              "has_base"}
        u, v, denied = edges["supported"]
        assert (u, v) == ("e-brigade", "e-council")
        assert denied["modality"] == "negated" and denied["polarity"] == "negative"
        assert denied["attributed_to"] == "Anna Varga" and "Anna Varga denies: Lake Brigade" in denied["statement"]
        town = graph.nodes["e-town"]
        assert float(town["lat"]) == 12.5 and "lat" not in graph.nodes["e-anna"]
        assert all(float(d["weight"]) >= 1.0 for _u, _v, d in graph.edges(data=True))


def test_graph_edges_carry_every_passage_and_weigh_by_documents(tmp_path: Path) -> None:
    passages = [{"document_id": f"doc/{n}", "document": f"r{n}.txt", "start": n, "end": n + 5, "text": f"part {n}"}
                for n in (1, 2, 3)]
    items = [*HAND_RECORDS[:3],
             ("claim", _claim("c-many", ANNA, "leader_of", BRIGADE, evidence=passages,
                              corroboration={"documents": 3, "independent_sources": 2}))]
    graph = nx.read_gexf(_run(GexfExporter(tmp_path), items)[0])
    (_u, _v, data), = graph.edges(data=True)
    assert data["weight"] == 3.0  # networkx reads GEXF's own weight attribute
    assert data["evidence"].split(" | ") == ["part 1", "part 2", "part 3"]
    assert data["evidence_offsets"].split(" | ") == ["1-6", "2-7", "3-8"] and data["passages"] == 3


def test_csv_tables_are_lossless_and_formula_safe(tmp_path: Path) -> None:
    paths = {p.stem: p for p in _run(CsvExporter(tmp_path), HAND_RECORDS)}
    assert set(paths) == {"documents", "entities", "mentions", "claims", "evidence", "conflicts"}

    def rows(name: str) -> list[dict[str, str]]:
        with paths[name].open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    claims = {r["id"]: r for r in rows("claims")}
    assert len(claims) == 7
    assert json.loads(claims["c-attack"]["qualifiers"])["place"]["id"] == "e-town"
    assert claims["c-founded"]["object_value"] == "1965" and claims["c-founded"]["object_id"] == ""
    assert claims["c-denied"]["attributed_to_name"] == "Anna Varga"
    evidence = rows("evidence")
    assert len(evidence) == 7 and all(r["text"].startswith("'=") for r in evidence)
    brigade = next(r for r in rows("entities") if r["id"] == "e-brigade")
    assert json.loads(brigade["aliases"]) == ["LB", "+the brigade"]
    assert json.loads(rows("conflicts")[0]["claims"]) == ["c-listed", "c-delisted"]
    assert rows("documents")[0]["id"] == "doc/1"


def test_rdf_reifies_claims_with_prov_provenance(tmp_path: Path) -> None:
    graph = rdflib.Graph().parse(_run(RdfExporter(tmp_path), HAND_RECORDS)[0], format="turtle")
    cg = rdflib.Namespace("urn:claimgraph:vocab#")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    claims = set(graph.subjects(rdflib.RDF.type, cg.Claim))
    assert len(claims) == 7
    # no claim is asserted as a bare triple: claimgraph predicates appear only as rdf:predicate values
    assert not [p for p in graph.predicates() if str(p).startswith("urn:claimgraph:predicate:")]
    doc = rdflib.URIRef("urn:claimgraph:document:doc%2F1")
    for claim in claims:
        assert (claim, prov.wasDerivedFrom, doc) in graph
        passage = graph.value(claim, cg.evidence)
        assert graph.value(passage, prov.wasQuotedFrom) == doc and graph.value(passage, cg.start) is not None
    denied = rdflib.URIRef("urn:claimgraph:claim:c-denied")
    assert str(graph.value(denied, cg.modality)) == "negated"
    assert graph.value(denied, prov.wasAttributedTo) == rdflib.URIRef("urn:claimgraph:entity:e-anna")
    founded = rdflib.URIRef("urn:claimgraph:claim:c-founded")
    assert str(graph.value(founded, rdflib.RDF.object)) == "1965"
    assert len(set(graph.subjects(rdflib.RDF.type, cg.Conflict))) == 1
    town = rdflib.URIRef("urn:claimgraph:entity:e-town")
    assert float(graph.value(town, rdflib.URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"))) == 12.5


def test_rdf_uses_only_declared_terms_and_no_opaque_qualifiers(tmp_path: Path) -> None:
    items = [*HAND_RECORDS, ("claim", _claim("c-near", TOWN, "located_near", STATE,
                                             qualifiers={"distance_km": 40, "direction": "N", "scale": "local",
                                                         "correction": {"from": "30", "to": "40"}}))]
    written = _run(RdfExporter(tmp_path), items)
    graph = rdflib.Graph().parse(written[0], format="turtle")
    vocab = rdflib.Graph().parse(written[1], format="turtle")
    cg = "urn:claimgraph:vocab#"
    declared = {str(s) for s in vocab.subjects() if str(s).startswith(cg)}
    used = {str(t) for triple in graph for t in triple if str(t).startswith(cg)}
    assert used and used <= declared, sorted(used - declared)
    assert not [o for o in graph.objects() if getattr(o, "datatype", None) == rdflib.RDF.JSON]
    near = rdflib.URIRef("urn:claimgraph:claim:c-near")
    vocab_ns = rdflib.Namespace(cg)
    assert float(graph.value(near, vocab_ns.distanceKm)) == 40.0 and str(graph.value(near, vocab_ns.direction)) == "N"
    assert str(graph.value(near, vocab_ns.correctedTo)) == "40"
    other = graph.value(near, vocab_ns.qualifier)
    assert str(graph.value(other, vocab_ns.qualifierName)) == "scale"
    assert str(graph.value(other, rdflib.RDF.value)) == "local"


# ---------------------------------------------------------------------------- the seed store, end to end
@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A store holding the seed article."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('fmt') / 'seed.db'}"
    engine = get_engine(settings.store.url)
    stored = ingest([SourceDocument(text=SEED.read_text(encoding="utf-8"), source="mko-article.txt")],
                    settings, engine).stored
    assert stored
    yield engine


def test_every_format_is_registered() -> None:
    assert set(FORMATS) <= set(plugins.exporters())


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_export_reads_back(seed_engine: Engine, tmp_path: Path, fmt: str) -> None:
    with seed_engine.connect() as conn:
        entities = list(records.iter_entities(conn))
        claims = list(records.iter_claims(conn))
        written = export_store(conn, plugins.exporters()[fmt](tmp_path / "a"))
        again = export_store(conn, plugins.exporters()[fmt](tmp_path / "b"))
    entity_ids = {e["id"] for e in entities}
    between = [c for c in claims if (c["object"] or {}).get("id") in entity_ids]
    if fmt == "ftm":
        proxies = _ftm_entities(written[0])
        assert sum(p.schema.name == "Article" for p in proxies) == 1
        # Aleph shows and searches the article: its stored text travels as bodyText
        article = next(p for p in proxies if p.schema.name == "Article")
        assert article.first("bodyText") == SEED.read_text(encoding="utf-8").strip()
        # one FtM entity per claim, each pointing at its article
        assert sum(bool(p.get("proof", quiet=True)) for p in proxies) == len(claims)
    elif fmt in ("gexf", "graphml"):
        graph = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(written[0])
        assert graph.number_of_nodes() == len(entities)
        assert graph.number_of_edges() == len(between)
    elif fmt == "csv":
        with (tmp_path / "a" / "claims.csv").open(encoding="utf-8", newline="") as fh:
            assert [r["id"] for r in csv.DictReader(fh)] == [c["id"] for c in claims]
        with (tmp_path / "a" / "evidence.csv").open(encoding="utf-8", newline="") as fh:
            assert len(list(csv.DictReader(fh))) == sum(len(c["evidence"]) for c in claims)
    else:
        graph = rdflib.Graph().parse(written[0], format="turtle")
        assert len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("urn:claimgraph:vocab#Claim")))) == len(claims)
    # the same store gives the same files
    for a, b in zip(written, again):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_rdf_survives_awkward_ids_and_text(tmp_path: Path) -> None:
    quote = 'He said: "no \\ way"\n"""and then"""'
    items: list[tuple[str, dict[str, Any]]] = [
        ("document", {"id": "feed <7> #a b", "title": "T", "source": "x.jsonl", "published": None,
                      "sha256": "00", "url": None}),
        ("entity", {**ANNA, "aliases": ["Ánna “V”"], "geo": None, "external_ids": {}}),
        ("claim", _claim("c-quote", ANNA, "said", {"value": quote, "type": "text"},
                         evidence=[{"document_id": "feed <7> #a b", "document": "T", "start": 0, "end": 3,
                                    "text": quote}])),
        ("claim", _claim("c-odd", ANNA, "odd predicate/with space", {"value": "x", "type": "text"})),
    ]
    graph = rdflib.Graph().parse(_run(RdfExporter(tmp_path), items)[0], format="turtle")
    claim = rdflib.URIRef("urn:claimgraph:claim:c-quote")
    assert str(graph.value(claim, rdflib.RDF.object)) == quote
    doc = graph.value(claim, rdflib.Namespace("http://www.w3.org/ns/prov#").wasDerivedFrom)
    assert str(graph.value(doc, rdflib.URIRef("http://purl.org/dc/terms/identifier"))) == "feed <7> #a b"
    assert "Ánna “V”" in {str(o) for o in graph.objects(rdflib.URIRef("urn:claimgraph:entity:e-anna"))}
    assert graph.value(rdflib.URIRef("urn:claimgraph:claim:c-odd"), rdflib.RDF.predicate) is not None
