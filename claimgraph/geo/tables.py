"""The gazetteer's tables, on the store's shared metadata (migration 0002_gazetteer creates them)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, String, Table, Text

from claimgraph.store.schema import metadata

gazetteer_places = Table(
    "gazetteer_places",
    metadata,
    Column("geonameid", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # city | country
    Column("country", String(2), nullable=False),
    Column("admin1", String(20), nullable=False, default=""),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("population", BigInteger, nullable=False, default=0),
    Column("radius_km", Float, nullable=False),
    Index("ix_gazetteer_places_country", "country"),
)

gazetteer_names = Table(
    "gazetteer_names",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("geonameid", Integer, ForeignKey("gazetteer_places.geonameid"), nullable=False),
    Column("name", Text, nullable=False),
    # the matching keys are stored so that a new process indexes without recomputing them
    Column("norm", String(200), nullable=False),
    Column("translit", String(200), nullable=False),
    Column("skeleton", String(200), nullable=False),
    Column("is_primary", Boolean, nullable=False, default=False),
    Index("ix_gazetteer_names_norm", "norm"),
    Index("ix_gazetteer_names_translit", "translit"),
    Index("ix_gazetteer_names_skeleton", "skeleton"),
)

gazetteer_meta = Table(
    "gazetteer_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
