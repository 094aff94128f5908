"""Resolution: names, aliases, acronyms and coreference to entities."""
