"""Alembic environment: runs migrations on the connection claimgraph hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from claimgraph.store.schema import metadata

config = context.config
target_metadata = metadata


def run_migrations_online() -> None:
    """Migrate over the connection passed in config.attributes, or a new engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section) or {}, prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
