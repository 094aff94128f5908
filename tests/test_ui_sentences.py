"""How a claim is put into words for a reader: one clear sentence per modality and polarity, labels not ids."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.core.predicates import registry
from claimgraph.profile import describe, predicate_label
from claimgraph.settings import Settings


def claim(modality: str = "asserted", polarity: str = "positive", speaker: str | None = None,
          predicate: str = "supported", obj: dict[str, Any] | None = None) -> dict[str, Any]:
    """A claim record as the store reads it: the Kestrel Guard and the Harrow League, in a made-up bulletin."""
    return {"subject": {"id": "e-1", "name": "Kestrel Guard", "type": "Organization"}, "predicate": predicate,
            "object": obj or {"id": "e-2", "name": "Harrow League", "type": "Organization"},
            "modality": modality, "polarity": polarity, "qualifiers": {}, "status": "active",
            "attributed_to": {"id": "e-3", "name": "Ona Brisk", "type": "Person"} if speaker else None,
            "evidence": [{"document_id": "d-1", "document": "bulletin.txt", "start": 0, "end": 10, "text": "x"}]}


@pytest.mark.parametrize(("modality", "polarity", "speaker", "expected"), [
    ("asserted", "positive", None, "bulletin.txt says: Kestrel Guard supported Harrow League"),
    ("hedged", "positive", None, "bulletin.txt says (hedged): Kestrel Guard supported Harrow League"),
    ("attributed", "positive", "Ona Brisk",
     "bulletin.txt reports that Ona Brisk says: Kestrel Guard supported Harrow League"),
    ("negated", "negative", None, "bulletin.txt denies: Kestrel Guard supported Harrow League"),
    ("asserted", "negative", None, "bulletin.txt denies: Kestrel Guard supported Harrow League"),
    ("attributed", "negative", "Ona Brisk",
     "bulletin.txt reports that Ona Brisk denies: Kestrel Guard supported Harrow League"),
    ("hedged", "negative", None, "bulletin.txt denies (hedged): Kestrel Guard supported Harrow League"),
    ("speculative", "positive", None,
     "bulletin.txt expects or considers possible: Kestrel Guard supported Harrow League"),
    ("speculative", "negative", None, "bulletin.txt considers unlikely: Kestrel Guard supported Harrow League"),
    ("question", "positive", None, "bulletin.txt asks whether Kestrel Guard supported Harrow League"),
])
def test_each_way_of_saying_reads_as_one_sentence(modality: str, polarity: str, speaker: str | None,
                                                  expected: str) -> None:
    text = describe(claim(modality, polarity, speaker))
    assert text == expected
    assert "NOT" not in text and text.count("denies") <= 1


def test_predicates_read_as_labels_and_literals_plainly() -> None:
    founded = claim(predicate="founded_in", obj={"value": "1971", "type": "date"})
    founded["qualifiers"] = {"time": {"text": "1971", "start": "1971"}}
    assert describe(founded) == "bulletin.txt says: Kestrel Guard founded in 1971"  # the year once, no quotes
    motto = describe(claim(predicate="ideology", obj={"value": "agrarian populism", "type": "text"}))
    assert motto.endswith("ideology \u201cagrarian populism\u201d")
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", describe(claim(predicate="designated_terrorist")))
    for name in registry().predicates:
        label = predicate_label(name)
        assert label and "_" not in label, name


def test_a_superseded_claim_is_said_to_have_ended_not_to_be_false() -> None:
    old = claim(predicate="designated_terrorist")
    old["status"] = "superseded"
    text = describe(old)
    assert text.endswith("[ended by a later claim]") and "false" not in text


def test_the_predicates_endpoint_gives_every_label(settings: Settings) -> None:
    from claimgraph.api.app import create_app

    items = TestClient(create_app(settings)).get("/api/predicates").json()["items"]
    assert {i["name"] for i in items} == set(registry().predicates)
    by_name = {i["name"]: i["label"] for i in items}
    assert by_name["founded_in"] == predicate_label("founded_in") == "founded in"
