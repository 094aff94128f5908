"""Knowledge as data: the predicate registry is consistent and every lexicon file is read by some module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.core import lexicon
from claimgraph.core.predicates import registry

PACKAGE = Path(__file__).resolve().parents[1] / "claimgraph"
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "claims-format.md"


def test_inverse_pairs_point_both_ways_and_canonical_turns_passives_active() -> None:
    reg = registry()
    for active, passive in reg.inverse.items():
        assert reg.get(passive) is not None, passive
        assert reg.canonical("b", passive, "a") == ("a", active, "b")
    some_symmetric = sorted(reg.having("symmetric"))[0]
    assert reg.canonical("z", some_symmetric, "a") == ("a", some_symmetric, "z")


def test_argument_types_separate_literals_from_entities() -> None:
    reg = registry()
    founded = reg.get("founded_in")
    assert founded is not None and founded.literal and founded.accepts("Organization", None)
    assert not founded.accepts("Organization", "Person")
    located = reg.get("located_in")
    assert located is not None and not located.accepts("Organization", "Country")


def test_every_profile_section_lists_some_predicate() -> None:
    for title, as_subject, as_object in registry().sections():
        assert as_subject or as_object, title


@pytest.mark.skipif(not SPEC.exists(), reason="../shared/spec is not beside the project")
def test_every_predicate_of_the_export_contract_is_in_the_registry() -> None:
    text = SPEC.read_text(encoding="utf-8")
    vocabulary = text.split("## Predicate vocabulary", 1)[1].split("## Batch input", 1)[0]
    named = set()
    for row in vocabulary.splitlines():
        if row.startswith("| ") and not row.startswith("| predicate"):
            named |= set(re.findall(r"\b([a-z]+(?:_[a-z]+)*)\b", row.split("|")[1]))
    named -= {"also"}
    missing = sorted(n for n in named if registry().get(n) is None)
    assert not missing


def test_every_lexicon_family_is_read_by_the_code() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    unused = [f for f in lexicon.families() if f'"{f}"' not in sources]
    assert not unused, f"lexicon files no module reads: {unused}"


def test_lexicon_files_have_no_duplicate_entries() -> None:
    for family in lexicon.families():
        path = next(lexicon.LEXICON_DIR.glob(f"{family}.*"))
        if path.suffix == ".txt":
            entries = lexicon.word_list(family)
            dupes = sorted({e for e in entries if entries.count(e) > 1})
            assert not dupes, f"{family}: {dupes}"


def test_a_missing_lexicon_is_a_clear_error() -> None:
    with pytest.raises(lexicon.LexiconMissing):
        lexicon.words("no_such_family")
