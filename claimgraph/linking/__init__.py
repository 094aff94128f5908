"""Cross-document linking: entity resolution across documents, alignment and corroboration."""
