"""Places: an offline gazetteer, transliteration-aware resolution and relative locations.

Entry points: `geo.store.gazetteer_for(url, min_population, cache_dir)` (the process-wide index,
read from the machine's one read-only gazetteer file, `geo.cache`, built at first use and shared by
every store), `geo.gazetteer.Gazetteer.lookup(name)`, `geo.resolve.resolve_place` / `resolve_country`
(a name with its document's context, none needed for a clear reading), `geo.retype.retype_places`
(towns a tagger typed otherwise), `geo.solve.solve` (relative constraints to a point), and the
stages `geo.stage.GeoMentions` and `GeoResolve`.
"""
