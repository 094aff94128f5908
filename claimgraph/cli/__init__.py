"""Command-line interface (Click): pipe-friendly, one command per task."""
