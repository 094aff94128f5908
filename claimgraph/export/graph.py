"""Graph files for Gephi and other network tools: GEXF and GraphML, written with networkx.

Nodes are entities; each claim between two entities is one directed edge keyed by the
claim id, carrying its predicate, modality, polarity, speaker, status, confidence,
corroboration, time and every quoted passage with its document and offsets; its `weight`
(what Gephi and networkx read as the edge weight) is the number of documents carrying it.
Claims about values (dates, ideologies, quotes) have no second entity and are left out.
Both formats hold only scalar attributes, so lists are joined with " | " and missing text
is left empty (missing coordinates are left out).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimgraph.export.base import Exporter, RecordKind
from claimgraph.profile import describe

LIST_SEPARATOR = " | "


def _scalar(value: Any) -> str | int | float | bool:
    """A value both GEXF and GraphML can hold."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


class _GraphExporter(Exporter):
    """Collects entities and entity-to-entity claims into a networkx MultiDiGraph."""

    file_name = ""

    def __init__(self, out: Path) -> None:
        import networkx as nx

        super().__init__(out)
        out.mkdir(parents=True, exist_ok=True)
        self.graph = nx.MultiDiGraph(name="claimgraph")
        self.doc_titles: dict[str, str] = {}

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Add entities as nodes and claims between entities as edges."""
        if kind == "entity":
            geo = record.get("geo") or {}
            attrs: dict[str, Any] = {"label": record["name"], "type": record["type"],
                                     "aliases": _scalar(record.get("aliases") or [])}
            if geo.get("lat") is not None and geo.get("lon") is not None:
                # a numeric attribute is left out where unknown: an empty string would change its type
                attrs.update(lat=float(geo["lat"]), lon=float(geo["lon"]))
            self.graph.add_node(record["id"], **attrs)
        elif kind == "claim":
            self._claim(record)

    def _claim(self, rec: dict[str, Any]) -> None:
        source = (rec.get("subject") or {}).get("id")
        target = (rec.get("object") or {}).get("id")
        if not source or not target or source not in self.graph or target not in self.graph:
            return
        time = (rec.get("qualifiers") or {}).get("time") or {}
        evidence = rec.get("evidence") or []
        corroboration = rec.get("corroboration") or {}
        speaker = rec.get("attributed_to") or {}
        self.graph.add_edge(
            source, target, key=rec["id"], id=rec["id"], label=rec["predicate"], predicate=rec["predicate"],
            modality=rec["modality"], polarity=rec["polarity"], status=rec["status"],
            confidence=float(rec.get("confidence") or 0.0), attributed_to=_scalar(speaker.get("name")),
            weight=float(max(1, int(corroboration.get("documents", 0) or len({e.get("document_id")
                                                                              for e in evidence})))),
            documents=int(corroboration.get("documents", 0)),
            independent_sources=int(corroboration.get("independent_sources", 0)),
            time_start=_scalar(time.get("start")), time_end=_scalar(time.get("end")),
            statement=describe(rec), passages=len(evidence),
            evidence=_scalar([e.get("text") or "" for e in evidence]),
            evidence_document=_scalar([e.get("document") or e.get("document_id") or "" for e in evidence]),
            evidence_offsets=_scalar([f"{e.get('start')}-{e.get('end')}" for e in evidence]),
        )

    def finalize(self) -> list[Path]:
        """Write the graph file."""
        path = self.out / self.file_name
        self._write(path)
        return [path]

    def _write(self, path: Path) -> None:
        raise NotImplementedError


class GexfExporter(_GraphExporter):
    """The claim graph as GEXF 1.2 (Gephi's own format)."""

    description = "graph for Gephi: DIR/claimgraph.gexf (entities as nodes, claims as edges)"
    file_name = "claimgraph.gexf"

    def _write(self, path: Path) -> None:
        import networkx as nx

        nx.write_gexf(self.graph, path)


class GraphmlExporter(_GraphExporter):
    """The claim graph as GraphML."""

    description = "graph: DIR/claimgraph.graphml (entities as nodes, claims as edges)"
    file_name = "claimgraph.graphml"

    def _write(self, path: Path) -> None:
        import networkx as nx

        nx.write_graphml(self.graph, path)
