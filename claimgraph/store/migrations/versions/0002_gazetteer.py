"""gazetteer tables

Revision ID: 0002_gazetteer
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_gazetteer"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the gazetteer's places, names and load record."""
    op.create_table(
        "gazetteer_places",
        sa.Column("geonameid", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("admin1", sa.String(length=20), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("population", sa.BigInteger(), nullable=False),
        sa.Column("radius_km", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("geonameid"),
    )
    op.create_index("ix_gazetteer_places_country", "gazetteer_places", ["country"], unique=False)
    op.create_table(
        "gazetteer_names",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("geonameid", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("norm", sa.String(length=200), nullable=False),
        sa.Column("translit", sa.String(length=200), nullable=False),
        sa.Column("skeleton", sa.String(length=200), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["geonameid"], ["gazetteer_places.geonameid"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gazetteer_names_norm", "gazetteer_names", ["norm"], unique=False)
    op.create_index("ix_gazetteer_names_translit", "gazetteer_names", ["translit"], unique=False)
    op.create_index("ix_gazetteer_names_skeleton", "gazetteer_names", ["skeleton"], unique=False)
    op.create_table(
        "gazetteer_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    """Drop the gazetteer tables."""
    op.drop_table("gazetteer_meta")
    op.drop_index("ix_gazetteer_names_skeleton", table_name="gazetteer_names")
    op.drop_index("ix_gazetteer_names_translit", table_name="gazetteer_names")
    op.drop_index("ix_gazetteer_names_norm", table_name="gazetteer_names")
    op.drop_table("gazetteer_names")
    op.drop_index("ix_gazetteer_places_country", table_name="gazetteer_places")
    op.drop_table("gazetteer_places")
