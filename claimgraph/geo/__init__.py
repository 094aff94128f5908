"""Places: an offline gazetteer, transliteration-aware resolution and relative locations."""
