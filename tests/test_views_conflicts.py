"""The narrow conflict reads' shortcuts give what the predicate schema gives (views/conflicts.py)."""

from __future__ import annotations

from claimgraph.core.predicates import registry
from claimgraph.linking.schema import load_schema
from claimgraph.store.derived import literal_key
from claimgraph.views import conflicts as narrow


def _row(subject: str | None, predicate: str, obj: str | None) -> dict[str, object]:
    # no object entity: a literal value ("1994")
    return {"subject_id": subject, "predicate": predicate, "object_id": obj,
            "object_value": None if obj else "1994", "object_type": None if obj else "date"}


def test_canonical_form_per_predicate_equals_the_schemas() -> None:
    schema = load_schema()
    for predicate in registry().predicates:
        for subject, obj in (("e-a", "e-b"), ("e-b", "e-a"), ("e-a", None), (None, "e-b")):
            expected = schema.canonical(subject, predicate, obj or literal_key("1994", "date"))
            assert narrow._canonical(_row(subject, predicate, obj), {}, schema) == expected, (predicate, subject, obj)


def test_canonical_form_follows_merges() -> None:
    schema = load_schema()
    predicate = next(iter(registry().predicates))
    finals = {"e-old": "e-kept"}
    assert narrow._canonical(_row("e-old", predicate, "e-b"), finals, schema) == \
        schema.canonical("e-kept", predicate, "e-b")


def test_partners_are_kept_once_and_unchanged() -> None:
    schema = load_schema()
    for predicate in registry().predicates:
        assert narrow._partners(schema, predicate) == narrow._partners_of(schema, predicate)
        assert narrow._partners(schema, predicate) is narrow._partners(schema, predicate)
