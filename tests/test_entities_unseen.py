"""Entities and in-document resolution on wordings no other test uses (task H4): which body 'the group' is, what
is no entity, what a name's type is when a headline misleads the model."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings

Analyze = Callable[[str], DocContext]


@pytest.fixture(scope="module")
def analyze(tmp_path_factory: pytest.TempPathFactory) -> Analyze:
    """The product's analysis of one text (one store for the module)."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('unseen') / 'test.db'}"
    return lambda text: next(iter(analyze_docs([SourceDocument(text=text, source="test.txt")], settings)))


def coref_target(ctx: DocContext, surface: str, nth: int = 0) -> str | None:
    """Name of the entity the nth occurrence of a description or pronoun was linked to."""
    start = [m.start() for m in re.finditer(rf"\b{re.escape(surface)}\b", ctx.stored)][nth]
    for m in ctx.coref_mentions:
        if m.start == start and m.end == start + len(surface):
            return ctx.entity(ctx.find(m.entity_key)).name
    return None


# a body named in modifiers ('X-backed', 'allied with X') more often than the subject body is named
SEVERAL = ("Kovar Rebels Backed By Dravid Front Claim Bridge Blast\n\n"
           "Rebels allied with the Dravid Front said on Monday that they had destroyed a bridge. "
           "The Kovar Liberation Army released a video on Tuesday, according to Lumen, a monitoring group. "
           "The Transport Ministry said traffic was stopped. "
           "The group said it had also attacked two police posts. "
           "The same group earlier claimed an ambush on a convoy.")


def test_the_group_is_the_subject_body_not_one_named_in_modifiers(analyze: Analyze) -> None:
    ctx = analyze(SEVERAL)
    assert coref_target(ctx, "The group") == "Kovar Liberation Army"


def test_the_same_group_takes_up_the_group_named_before(analyze: Analyze) -> None:
    ctx = analyze(SEVERAL)
    assert coref_target(ctx, "The same group") == "Kovar Liberation Army"
    assert not any(e.name.lower() == "same group" for e in ctx.analysis.entities.values())


def test_the_group_never_stands_for_a_ministry(analyze: Analyze) -> None:
    ctx = analyze("The Interior Ministry said on Monday that roads were closed. The group said it would appeal.")
    assert coref_target(ctx, "The group") != "Interior Ministry"


def test_a_council_may_be_the_organization(analyze: Analyze) -> None:
    ctx = analyze("The Varnian Council of Resistance is a political front founded in 1990 by two exiles. "
                  "The organization is a coalition of dissident groups.")
    assert coref_target(ctx, "The organization") == "Varnian Council of Resistance"


def entity_named(ctx: DocContext, name: str) -> tuple[str, set[str]] | None:
    """(type, aliases) of the entity a name belongs to, or None."""
    for key, ent in ctx.analysis.entities.items():
        if ctx.find(key) == key and (ent.name == name or name in ent.aliases):
            return ent.type, ent.aliases
    return None


def test_a_plural_headed_name_written_also_in_the_singular_is_a_group(analyze: Analyze) -> None:
    ctx = analyze("Kovan Tigers Claim Successful Strike on Capital\n\n"
                  "Kovan Tiger rebels in the south say their air raid on the capital on Friday was a success.")
    found = entity_named(ctx, "Kovan Tigers")
    assert found is not None and found[0] == "Organization", found
    assert "Kovan Tiger" in found[1], found


def test_a_persons_name_ending_in_s_stays_a_person(analyze: Analyze) -> None:
    ctx = analyze("Mary Williams, a lawyer, said on Monday that the court had ruled. Williams left the city.")
    found = entity_named(ctx, "Mary Williams")
    assert found is not None and found[0] == "Person", found



def test_the_first_word_of_a_line_run_into_a_heading_is_no_name() -> None:
    import spacy
    from spacy.tokens import Doc, Span

    from claimgraph.extract.entities import clean_span

    words_ = ["Raids", "in", "Valdra", "\n", "According", "to", "officials", ",", "Omar", "Bey", "\n", "Director"]
    pos = ["NOUN", "ADP", "PROPN", "SPACE", "VERB", "ADP", "NOUN", "PUNCT", "PROPN", "PROPN", "SPACE", "PROPN"]
    doc = Doc(spacy.blank("en").vocab, words=words_, spaces=[True] * len(words_), pos=pos)
    pieces = [p.text for p in clean_span(Span(doc, 2, 5, label="ORG"))]
    assert pieces == ["Valdra"], pieces  # the model ran the next line's 'According' into the name
    kept = [p.text for p in clean_span(Span(doc, 8, 12, label="ORG"))]
    assert kept == ["Omar Bey", "Director"], kept  # a name on the next line stays one


def test_a_surname_opened_by_an_article_is_the_full_name(analyze: Analyze) -> None:
    ctx = analyze("Tariq al-Mansouri founded the Red Crescent Front in 1990. In 1995 al-Mansouri was arrested by "
                  "police. Mansouri was freed by the police in 1998.")
    people = {ctx.find(k) for k, e in ctx.analysis.entities.items() if e.type == "Person"}
    assert len(people) == 1, [ctx.entity(k).name for k in people]
    arrested = [c for c in ctx.analysis.claims if c.predicate == "arrested"]
    assert arrested and all(ctx.entity(str(c.object)).name == "Tariq al-Mansouri" for c in arrested)
