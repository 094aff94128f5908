"""Storage: SQLAlchemy Core tables over SQLite or PostgreSQL, migrated by Alembic."""
