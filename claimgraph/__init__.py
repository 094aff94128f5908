"""claimgraph: turn documents into an evidence-backed knowledge graph of claims."""

__version__ = "0.1.0"
