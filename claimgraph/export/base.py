"""The exporter protocol and the records every format is written from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Literal

RecordKind = Literal["document", "entity", "mention", "claim", "conflict"]


class Exporter(ABC):
    """Receives records one at a time through write(), then finalize() once.

    Records are plain dicts shaped as in the claims contract (spec/claims-format.md);
    `kind` says which table they belong to. Records arrive grouped by kind in the order
    documents, entities, mentions, claims, conflicts.
    """

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
