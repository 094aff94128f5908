"""The exporter protocol and the records every format is written from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Literal

RecordKind = Literal["document", "entity", "mention", "claim", "conflict", "reference"]


class Exporter(ABC):
    """Receives records one at a time through write(), then finalize() once.

    Records are plain dicts shaped as in the claims contract (spec/claims-format.md);
    `kind` says which table they belong to. Records arrive grouped by kind in the order
    documents, entities, mentions, claims, conflicts, then reference facts (gazetteer, tables:
    never a document's claim) to the formats whose `kinds` include "reference".
    """

    #: record kinds this format takes; reference knowledge only goes to formats that list it
    kinds: frozenset[str] = frozenset({"document", "entity", "mention", "claim", "conflict"})

    #: file extension or folder description shown in `claimgraph export --help`
    description: str = ""

    def __init__(self, out: Path) -> None:
        self.out = out

    @abstractmethod
    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Take one record."""

    @abstractmethod
    def finalize(self) -> list[Path]:
        """Flush everything; return the files written."""


def export_store(conn: Any, exporter: Exporter, claims_query: Any = None) -> list[Path]:
    """Feed every record of the store to an exporter in contract order, then finalize it."""
    from claimgraph import plugins
    from claimgraph.store import records
    from claimgraph.views.names import all_unnamed_names, name_refs

    bind = getattr(exporter, "bind_store", None)
    if callable(bind):  # formats that carry more than the records (FtM: the documents' text)
        bind(conn)
    for rec in records.iter_documents(conn):
        exporter.write("document", rec)
    # an entity without a name is exported as "unnamed perpetrator (<document>)", never as ""
    unnamed = all_unnamed_names(conn)
    for rec in records.iter_entities(conn):
        exporter.write("entity", {**rec, "name": unnamed.get(rec["id"], rec["name"])} if not
                       (rec["name"] or "").strip() else rec)
    for rec in records.iter_mentions(conn):
        exporter.write("mention", rec)
    for rec in records.iter_claims(conn, claims_query):
        exporter.write("claim", name_refs(rec, unnamed))
    for rec in plugins.conflicts(conn):
        exporter.write("conflict", rec)
    if "reference" in exporter.kinds:
        for rec in records.iter_reference(conn):
            exporter.write("reference", rec)
    return exporter.finalize()
