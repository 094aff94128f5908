"""The lowest layer: data types, ids, text helpers, the predicate registry and the lexicons every other layer reads."""
