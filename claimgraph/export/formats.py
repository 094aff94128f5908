"""More export formats: FollowTheMoney, GEXF, GraphML, CSV tables, GeoJSON and RDF (Turtle, PROV-O).

Each format's library (followthemoney, networkx, rdflib) is imported only when that
format is written, so loading the plugins stays fast.
"""

from __future__ import annotations

from claimgraph.export.base import Exporter
from claimgraph.export.csv_tables import CsvExporter
from claimgraph.export.ftm import FtmExporter
from claimgraph.export.geojson import GeoJSONExporter
from claimgraph.export.graph import GexfExporter, GraphmlExporter
from claimgraph.export.rdf import RdfExporter
from claimgraph.plugins import hookimpl


@hookimpl
def claimgraph_exporters() -> dict[str, type[Exporter]]:
    """Formats of this module."""
    return {"ftm": FtmExporter, "gexf": GexfExporter, "graphml": GraphmlExporter, "csv": CsvExporter,
            "rdf": RdfExporter, "geojson": GeoJSONExporter}
