"""Reasoning across sources: entity resolution, corroboration, conflicts, time validity, profiles, review."""
