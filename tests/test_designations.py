"""Terrorist listings and delistings with their dates, and a later delisting superseding a listing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from claimgraph.extract.context import DocContext
from claimgraph.model import SourceDocument
from claimgraph.reason.conflicts import find_conflicts
from claimgraph.store import records


def _triples(ctx: DocContext, predicates: tuple[str, ...] = ("designated_terrorist", "delisted_terrorist")
             ) -> list[tuple[str, str, str, str | None]]:
    out = []
    for c in ctx.analysis.claims:
        if c.predicate in predicates and isinstance(c.object, str):
            time = c.qualifiers.get("time") or {}
            out.append((ctx.entity(c.subject).name, c.predicate, ctx.entity(c.object).name, time.get("start")))
    return out


@pytest.mark.parametrize("text, expected", [
    ("The United States designated the Blue Crescent Army a terrorist organization in 1997.",
     ("United States", "designated_terrorist", "Blue Crescent Army", "1997")),
    ("In 2012, the United States removed the Blue Crescent Army from its list of terrorist organizations.",
     ("United States", "delisted_terrorist", "Blue Crescent Army", "2012")),
    ("Canada listed the Blue Crescent Army as a terrorist entity in 2005.",
     ("Canada", "designated_terrorist", "Blue Crescent Army", "2005")),
    ("The Blue Crescent Army was removed from the Canadian terror list in 2014.",
     ("Canada", "delisted_terrorist", "Blue Crescent Army", "2014")),
    ("The Blue Crescent Army remains designated as a terrorist group by Australia.",
     ("Australia", "designated_terrorist", "Blue Crescent Army", None)),
    ("In 2016 the Blue Crescent Army was taken off the State Department's terrorism list.",
     ("State Department", "delisted_terrorist", "Blue Crescent Army", "2016")),
    ("The European Union delisted the Blue Crescent Army in 2009.",
     ("European Union", "delisted_terrorist", "Blue Crescent Army", "2009")),
])
def test_listing_sentences(analyze: Callable[..., DocContext], text: str,
                           expected: tuple[str, str, str, str | None]) -> None:
    assert expected in _triples(analyze(text))


def test_terror_words_without_a_list_make_no_designation(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Residents said the Blue Crescent Army spread terror in the villages near Mosul.")
    assert _triples(ctx) == []


def test_later_delisting_supersedes_the_listing(ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts(
        SourceDocument(text="The United States designated the Blue Crescent Army a terrorist organization in 1997.",
                       source="a.txt", published="1999-01-10"),
        SourceDocument(text="In 2012, the United States removed the Blue Crescent Army from its list of "
                            "terrorist organizations.", source="b.txt", published="2012-09-30"))
    with engine.connect() as conn:
        by_pred = {c["predicate"]: c for c in records.iter_claims(conn)}
        kinds = {c["kind"] for c in find_conflicts(conn)}
    assert by_pred["designated_terrorist"]["status"] == "superseded"
    assert by_pred["delisted_terrorist"]["status"] == "active"
    assert "superseded" in kinds


@pytest.mark.parametrize("text, expected", [
    ("Background: The Amber Hand Front was designated as a Foreign Terrorist Organization on March 3, 2004.",
     ("United States", "designated_terrorist", "Amber Hand Front", "2004-03-03")),
    ("On May 9, 2011 the Under Secretary of State designated the Amber Hand Front as an FTO.",
     ("Under Secretary of State", "designated_terrorist", "Amber Hand Front", "2011-05-09")),
    ("On 2 June 2015 the minister announced the designation of the Amber Hand Front as a terrorist group.",
     ("minister", "designated_terrorist", "Amber Hand Front", "2015-06-02")),
    ("In 2019 the Secretary of State revoked the designation of the Amber Hand Front as a Foreign Terrorist "
     "Organization.", ("Secretary of State", "delisted_terrorist", "Amber Hand Front", "2019")),
    ("The Amber Hand Front, which was designated as an FTO in 2010, began using a new name in 2012.",
     ("United States", "designated_terrorist", "Amber Hand Front", "2010")),
])
def test_designation_readings(analyze: Callable[..., DocContext], text: str,
                              expected: tuple[str, str, str, str | None]) -> None:
    assert expected in _triples(analyze(text))


def test_implicit_designator_is_said_in_the_claim(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Amber Hand Front was designated as a Foreign Terrorist Organization in 2004.")
    claims = [c for c in ctx.analysis.claims if c.predicate == "designated_terrorist"]
    assert claims and all("designator_implicit" in c.qualifiers for c in claims)


def test_listing_then_removal_gives_both_dates_and_never_the_list_as_target(
        analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Amber Hand Front was listed as a Foreign Terrorist Organization in 1999, but it was "
                  "removed from the list in 2010.")
    found = _triples(ctx)
    assert ("United States", "designated_terrorist", "Amber Hand Front", "1999") in found
    assert ("United States", "delisted_terrorist", "Amber Hand Front", "2010") in found
    assert not [t for t in found if "Terrorist Organization" in t[2]]


def test_removal_from_a_place_is_no_delisting(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The army removed the terrorist cell of the Amber Hand Front from the village in 2010.")
    assert not _triples(ctx, ("delisted_terrorist",))


@pytest.mark.parametrize("text, expected", [
    # a listing field of an infobox: the states after "by", with bars or glued to the word, list the topic group
    ("The Blue Crescent Army (BCA) is an armed group in the north.\nActive 1980\u20132001\n"
     "Designated as a terrorist group by | Chile Norway New Zealand |\n",
     {"Chile", "Norway", "New Zealand"}),
    ("The Blue Crescent Army (BCA) is an armed group in the north.\nActive 1980\u20132001\n"
     "Designated as a terrorist group byPortugal, Chile, UK\n",
     {"Portugal", "Chile", "United Kingdom"}),
])
def test_listing_fields_name_the_designating_states(analyze: Callable[..., DocContext], text: str,
                                                    expected: set[str]) -> None:
    found = {d for d, p, t, _ in _triples(analyze(text)) if p == "designated_terrorist" and t == "Blue Crescent Army"}
    assert found == expected


def test_a_relative_clause_lists_for_the_noun_it_describes(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Tensions rose as the exiles moved closer to Norway, which considers the Blue Crescent Army part of a terrorist group.")
    assert ("Norway", "designated_terrorist", "Blue Crescent Army", None) in _triples(ctx)


def test_a_capital_acts_for_its_state(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("In May 2015, Ottawa formally removed the Blue Crescent Army from its list of terror organizations.")
    assert ("Canada", "delisted_terrorist", "Blue Crescent Army", "2015-05") in _triples(ctx) or \
        ("Canada", "delisted_terrorist", "Blue Crescent Army", "2015") in _triples(ctx)


def test_the_owner_of_a_decision_to_delist_delists(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("A senator praised Canberra's decision to remove the Blue Crescent Army from the list of "
                  "terrorist organizations.")
    assert [t[:3] for t in _triples(ctx)] == [("Australia", "delisted_terrorist", "Blue Crescent Army")]


def test_a_list_name_is_never_the_target_of_a_field(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Blue Crescent Army (BCA) is an armed group in the north.\n"
                  "Designated as a Foreign Terrorist Organization by | Chile |\n")
    triples = _triples(ctx)
    assert ("Chile", "designated_terrorist", "Blue Crescent Army", None) in triples
    assert all(t != "Foreign Terrorist Organization" for _, _, t, _ in triples)


def test_people_in_apposition_are_the_ones_designated(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Furthermore, the Secretary designated two senior BCA leaders, Ramon Ostrava and Piet Kalder, as "
                  "Specially Designated Global Terrorists under an executive order.")
    assert {t for _, p, t, _ in _triples(ctx)} == {"Ramon Ostrava", "Piet Kalder"}


def test_a_ban_beside_a_clause_declaring_them_terrorist_lists_both(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("In 1998 the Norwegian government banned both the Crimson League and the Crimson Youth Front, "
                  "declaring them terrorist organizations.")
    found = {(t, when) for _, p, t, when in _triples(ctx) if p == "designated_terrorist"}
    assert found == {("Crimson League", "1998"), ("Crimson Youth Front", "1998")}


def test_an_amended_designation_lists_the_aliases_it_adds(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Secretary of State has amended the designation, under an executive order on terrorist "
                  "financing, of the Amber Hand Front, known as the AHF, to add its aliases Amber Council (AC) and "
                  "Amber Council of Varnia (ACV).")
    found = {t for d, p, t, _ in _triples(ctx) if d == "Secretary of State"}
    assert found == {"Amber Hand Front", "Amber Council", "Amber Council of Varnia"}


def test_a_listing_made_again_is_a_second_passage_with_its_own_date(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Secretary of State designated the Amber Hand Front as a foreign terrorist organization in "
                  "1999 under the Immigration Act, and again in 2003 pursuant to an executive order.")
    listed = [c for c in ctx.analysis.claims if c.predicate == "designated_terrorist"]
    assert sorted(c.qualifiers["time"]["start"] for c in listed) == ["1999", "2003"]
    [again] = [c for c in listed if c.qualifiers.get("redesignation")]
    assert again.evidence[0].text.startswith("again in 2003")
    # the office acts for the state that keeps the list: said in the claim, not as a second row
    assert all(c.qualifiers["designator_state"] == "United States" for c in listed)
    assert {ctx.entity(c.subject).name for c in listed} == {"Secretary of State"}


def test_an_undated_delisting_takes_the_dateline_as_of_the_document(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Mon Oct 1, 2012 10:02AM\n\nCanada has formally removed the Amber Hand Front from its list of "
                  "terrorist organizations.")
    [claim] = [c for c in ctx.analysis.claims if c.predicate == "delisted_terrorist"]
    assert claim.qualifiers["time"]["start"] == "2012-10-01"
    assert claim.qualifiers["time"]["precision"] == "as of the document"


def test_a_past_listing_without_a_date_takes_no_document_date(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Mon Oct 1, 2012 10:02AM\n\nCanada listed the Amber Hand Front as a terrorist entity.")
    [claim] = [c for c in ctx.analysis.claims if c.predicate == "designated_terrorist"]
    assert "time" not in claim.qualifiers  # when it was listed is not said; the document's date is no listing date


def test_a_share_of_a_body_lists_for_the_body(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Amber Hand Front has been listed as a terrorist organization by much of the international "
                  "community and has committed many attacks against villagers.")
    assert [t[:3] for t in _triples(ctx)] == [("international community", "designated_terrorist", "Amber Hand Front")]


def test_the_act_s_own_date_comes_first_for_the_claim_row(analyze: Callable[..., DocContext]) -> None:
    # the stored row keeps its first passage's qualifiers: the listing year, not the statement's own date
    ctx = analyze("OFFICE OF THE MINISTER\nMarch 4, 2011\n\nThe Secretary of State has amended the designation of "
                  "the Amber Hand Front as a terrorist organization. The Secretary of State designated the Amber Hand "
                  "Front as a foreign terrorist organization in 1999.")
    listed = [c for c in ctx.analysis.claims if c.predicate == "designated_terrorist"]
    assert [c.qualifiers["time"]["start"] for c in listed] == ["1999", "2011-03-04"]
    assert listed[1].qualifiers["time"]["precision"] == "as of the document"


def test_an_announced_change_to_a_listing_is_dated_as_of_its_statement(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("OFFICE OF THE MINISTER\nMarch 4, 2011\n\nThe minister amended the designation of the Amber Hand "
                  "Front as a terrorist organization to include two of its aliases.")
    [claim] = [c for c in ctx.analysis.claims if c.predicate == "designated_terrorist"]
    assert claim.qualifiers["time"]["start"] == "2011-03-04"


def test_an_office_acts_for_one_state_throughout_its_document(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Secretary of State has amended the designation of the Amber Hand Front under an executive "
                  "order on terrorist financing. The Secretary of State designated the Amber Hand Front as a foreign "
                  "terrorist organization in 1999.")
    listed = [c for c in ctx.analysis.claims if c.predicate == "designated_terrorist"]
    assert len(listed) == 2 and all(c.qualifiers.get("designator_state") == "United States" for c in listed)


def test_prep_objects_come_from_the_tree_pattern_file_in_document_order() -> None:
    """The 'preposition and its object' shape is read from claims_designation_tree.jsonl, on a hand-built parse."""
    import spacy
    from spacy.tokens import Doc

    from claimgraph.core.lexicon import patterns
    from claimgraph.extract.designations import TREE_PATTERNS, _preps

    assert any(r["label"] == "prep_object" for r in patterns(TREE_PATTERNS))
    words = ["Norway", "struck", "Brigade", "from", "the", "roster", "and", "register", "by", "decree"]
    heads = [1, 1, 1, 1, 5, 3, 5, 5, 1, 8]
    deps = ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "cc", "conj", "agent", "pobj"]
    pos = ["PROPN", "VERB", "PROPN", "ADP", "DET", "NOUN", "CCONJ", "NOUN", "ADP", "NOUN"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)  # lower_ needs the en rules
    assert _preps(doc[1], "from") == [doc[5]]  # the object only, not its conjunct (coordination is Python's)
    assert _preps(doc[1], "by", "from") == [doc[5], doc[9]]  # the agent too, in the order of the words
    assert _preps(doc[1], "off") == [] and _preps(doc[2], "from") == []


def test_undergoers_are_read_through_the_tree_patterns() -> None:
    """Passive subject (or one hung on the auxiliary), direct object and small-clause subject, on hand-built parses."""
    import spacy
    from spacy.tokens import Doc

    from claimgraph.extract.designations import _passive, _undergoers

    vocab = spacy.blank("en").vocab
    passive = Doc(vocab, words=["Brigade", "was", "listed"], heads=[2, 2, 2], deps=["nsubjpass", "auxpass", "ROOT"],
                  pos=["PROPN", "AUX", "VERB"], tags=["NNP", "VBZ", "VBN"])
    assert _passive(passive[2]) and _undergoers(passive[2]) == [passive[0]]
    hung = Doc(vocab, words=["Brigade", "remains", "designated"], heads=[1, 2, 2], deps=["nsubj", "aux", "ROOT"],
               pos=["PROPN", "AUX", "VERB"], tags=["NNP", "VBZ", "VBN"])
    assert _undergoers(hung[2]) == [hung[0]]
    words = ["Oslo", "deems", "Brigade", "a", "menace"]
    small = Doc(vocab, words=words, heads=[1, 1, 4, 4, 1], deps=["nsubj", "ROOT", "nsubj", "det", "ccomp"],
                pos=["PROPN", "VERB", "PROPN", "DET", "NOUN"])
    assert not _passive(small[1]) and _undergoers(small[1]) == [small[2]]


def test_an_office_whose_statement_reports_an_agentless_listing_lists(analyze: Callable[..., DocContext]) -> None:
    """'According to a statement by the X Ministry spokesman, A and B were included ...': the office lists both,
    the spokesman says so, and a passive with no office in its source phrase keeps the implicit designator."""
    ctx = analyze("According to a May 3 statement by acting Interior Ministry spokesman John Vail, the Popular "
                  "Front and the Northern Council were included with the Red Band as being considered foreign "
                  "terrorist organizations.")
    found = {(s, p, o) for s, p, o, _ in _triples(ctx)}
    assert {("Interior Ministry", "designated_terrorist", "Popular Front"),
            ("Interior Ministry", "designated_terrorist", "Northern Council")} <= found, found
    assert not any(s == "John Vail" or o == "John Vail" for s, _, o in found), found
    plain = analyze("According to local reports, the Blue Wave was designated a foreign terrorist organization.")
    assert {s for s, _, o, _ in _triples(plain) if o == "Blue Wave"} == {"United States"}
