"""Places: an offline gazetteer, transliteration-aware resolution and relative locations.

Entry points: `geo.store.gazetteer_for(url, min_population)` (the process-wide index, loaded into
the store on first use), `geo.gazetteer.Gazetteer.lookup(name)`, `geo.resolve.resolve_place` /
`resolve_country` (a name with its document's context), `geo.solve.solve` (relative constraints to a
point), and the stages `geo.stage.GeoMentions` (order 190) and `GeoResolve` (order 750).
"""
