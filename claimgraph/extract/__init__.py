"""Extraction: entities, relations, events and claims from analysed text."""
