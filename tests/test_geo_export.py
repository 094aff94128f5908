"""GeoJSON export, and the sample article end to end through score.py (geo must be 1.00)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from claimgraph import plugins
from claimgraph.export.base import export_store
from claimgraph.export.geojson import GeoJSONExporter
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.geo.solve import distance_km
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_geojson_records(tmp_path: Path) -> None:
    exporter = GeoJSONExporter(tmp_path / "out")
    geo = {"lat": 34.1, "lon": 44.4, "uncertainty_km": 30.0, "method": "relative", "source_id": "d-1"}
    exporter.write("document", {"id": "d-1", "title": None, "source": "a.txt", "published": None, "sha256": "x"})
    exporter.write("entity", {"id": "e-camp", "name": "Camp X", "type": "Place", "aliases": [], "geo": geo,
                              "external_ids": {}})
    exporter.write("entity", {"id": "e-b", "name": "Baghdad", "type": "Place", "aliases": ["Bagdad"],
                              "geo": {"lat": 33.34, "lon": 44.40, "uncertainty_km": 27.0, "method": "gazetteer",
                                      "source_id": "geonames:98182"}, "external_ids": {"geonames": "98182"}})
    exporter.write("entity", {"id": "e-nowhere", "name": "Faezi", "type": "Place", "aliases": [], "geo": None,
                              "external_ids": {}})
    exporter.write("mention", {"entity_id": "e-camp", "document_id": "d-1", "start": 0, "end": 6, "text": "Camp X",
                               "type": "Place"})
    ev = {"document_id": "d-1", "document": "a.txt", "start": 0, "end": 30, "text": "Camp X: 90 km north of Baghdad"}
    exporter.write("claim", {"id": "c-1", "subject": {"id": "e-camp", "name": "Camp X", "type": "Place"},
                             "predicate": "located_near", "object": {"id": "e-b", "name": "Baghdad", "type": "Place"},
                             "qualifiers": {"distance_km": 90, "direction": "N"}, "modality": "asserted",
                             "polarity": "positive", "confidence": 0.8, "status": "active", "evidence": [ev]})
    (path,) = exporter.finalize()
    assert path == tmp_path / "out" / "places.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    places = {f["id"]: f for f in data["features"] if f["properties"]["feature_kind"] == "place"}
    assert set(places) == {"e-camp", "e-b"}  # the unresolved place has no point to draw
    camp = places["e-camp"]
    assert camp["geometry"] == {"type": "Point", "coordinates": [44.4, 34.1]}
    props = camp["properties"]
    assert props["uncertainty_km"] == 30.0 and props["method"] == "relative" and props["documents"] == 1
    assert places["e-b"]["properties"]["aliases"] == "Bagdad" and props["claims"] == 1
    # every property is one flat field (GIS tools style and filter by them); claims are features of their own
    for feature in data["features"]:
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values()), feature
    at_places = {(f["properties"]["place_id"], f["properties"]["role"]): f["properties"] for f in data["features"]
                 if f["properties"]["feature_kind"] == "claim"}
    assert set(at_places) == {("e-camp", "subject"), ("e-b", "object")}
    claim = at_places[("e-camp", "subject")]
    assert claim["object"] == "Baghdad" and claim["modality"] == "asserted" and claim["confidence"] == 0.8
    assert claim["evidence_text"] == ev["text"] and claim["distance_km"] == 90 and claim["passages"] == 1
    # a file name as --out writes that file
    single = GeoJSONExporter(tmp_path / "places.geojson")
    assert single.finalize() == [tmp_path / "places.geojson"]


def test_plugin_registers_format_and_stages() -> None:
    assert plugins.exporters()["geojson"] is GeoJSONExporter
    order = [s.name for s in plugins.stages()]
    # place mentions come before alias resolution; places resolve after the claim extractors, before the scopes
    assert order.index("geo.mentions") < order.index("resolve.short_names")
    assert order.index("relations.patterns") < order.index("geo.resolve") < order.index("annotate.modality")


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/ not beside the project")
def test_sample_article_scores_full_geo(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    text = (SHARED / "corpus" / "mko-article.txt").read_text(encoding="utf-8")
    assert ingest([SourceDocument(text=text, source="mko-article.txt")], settings, engine).stored
    out = tmp_path / "export"
    with engine.connect() as conn:
        export_store(conn, JsonlExporter(out))
    with engine.connect() as conn:
        (geojson,) = export_store(conn, GeoJSONExporter(out))
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "gold" / "seed.json"),
                             "--doc", str(SHARED / "corpus" / "mko-article.txt"), "--export", str(out)],
                            capture_output=True, text=True, check=True)
    assert " geo=1.00 " in result.stdout.splitlines()[-1] + " ", result.stdout
    all_features = [f["properties"] for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]]
    places = {p["name"]: p for p in all_features if p["feature_kind"] == "place"}
    ashraf = next(f for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]
                  if f["properties"].get("name") == "Camp Ashraf")
    lon, lat = ashraf["geometry"]["coordinates"]
    assert distance_km((lat, lon), (34.24, 44.4)) <= 35 and places["Camp Ashraf"]["method"] == "relative"
    near = [c for c in all_features if c["feature_kind"] == "claim" and c["place_name"] == "Camp Ashraf"
            and c["predicate"] == "located_near"]
    assert near and near[0]["object"] == "Baghdad"
    assert (near[0]["distance_km"], near[0]["direction"]) == (100, "N")


def test_cli_places_and_gazetteer(settings: Settings, engine: Engine) -> None:
    from click.testing import CliRunner

    from claimgraph.cli.main import cli

    text = "Iraqi officials said a camp 30 km north of Kirkuk was shelled. Envoys met in Dohuk."
    assert ingest([SourceDocument(text=text, source="k.txt")], settings, engine).stored
    runner = CliRunner()
    db = settings.store.url
    status = runner.invoke(cli, ["--db", db, "gazetteer", "status"])
    assert status.exit_code == 0 and f"min_population\t{settings.geo.min_population}" in status.output
    assert "gazetteer-v" in status.output and "size\t" in status.output  # the machine's file, already built
    lookup = runner.invoke(cli, ["--db", db, "gazetteer", "lookup", "Dohuk", "--limit", "1"])
    assert lookup.exit_code == 0 and "Dihok" in lookup.output and "geonames:96994" in lookup.output
    places = runner.invoke(cli, ["--db", db, "places"])
    assert places.exit_code == 0 and "Kirkuk" in places.output and "(gazetteer)" in places.output
    rows = [json.loads(line) for line in runner.invoke(cli, ["--db", db, "places", "--json"]).output.splitlines()]
    kirkuk = next(r for r in rows if r["name"] == "Kirkuk")
    assert kirkuk["external_ids"]["geonames"] and kirkuk["geo"]["method"] == "gazetteer"


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo is not installed")
def test_geojson_opens_in_ogrinfo_with_one_field_per_property(tmp_path: Path) -> None:
    exporter = GeoJSONExporter(tmp_path)
    geo = {"lat": 34.1, "lon": 44.4, "uncertainty_km": 30.0, "method": "relative", "source_id": "d-1"}
    exporter.write("entity", {"id": "e-camp", "name": "Camp X", "type": "Place", "aliases": ["X"], "geo": geo,
                              "external_ids": {}})
    exporter.write("claim", {"id": "c-1", "subject": {"id": "e-org", "name": "Org", "type": "Organization"},
                             "predicate": "has_base", "object": {"id": "e-camp", "name": "Camp X", "type": "Place"},
                             "qualifiers": {"time": {"start": "1986"}}, "modality": "hedged",
                             "attributed_to": {"id": "e-p", "name": "A Speaker", "type": "Person"},
                             "polarity": "positive", "confidence": 0.6, "status": "active",
                             "evidence": [{"document_id": "d-1", "document": "a.txt", "start": 0, "end": 4,
                                           "text": "text"}]})
    (path,) = exporter.finalize()
    out = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    fields = dict(re.findall(r"^(\w+): (\w+)", out.stdout.split("Geometry Column", 1)[-1], re.M))
    for name in ("modality", "attributed_to", "time_start", "evidence_text", "place_name", "uncertainty_km"):
        assert name in fields, (name, out.stdout)
    assert fields["confidence"] == "Real" and "Feature Count: 2" in out.stdout
