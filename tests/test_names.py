"""Name hygiene: entity names and mentions carry no line breaks, citation marks or stray space."""

from __future__ import annotations

from claimgraph.extract.context import clean_name, trim_name_span


def test_clean_name_joins_lines_and_drops_citation_marks() -> None:
    assert clean_name("Northern\nValley Front[3]") == "Northern Valley Front"
    assert clean_name("Tomas Verhaal[12") == "Tomas Verhaal"
    assert clean_name("  Coastal   Army ") == "Coastal Army"


def test_clean_name_leaves_bracketless_digits_alone() -> None:
    assert clean_name("Brigade 17") == "Brigade 17"


def test_trim_name_span_stops_before_a_citation_mark() -> None:
    text = "led by Ilse Marrow[4] since then"
    start = text.index("Ilse")
    s, e = trim_name_span(text, start, text.index(" since"))
    assert text[s:e] == "Ilse Marrow"


def test_trim_name_span_drops_surrounding_space() -> None:
    text = "the \n Delta Union \n"
    s, e = trim_name_span(text, 3, len(text))
    assert text[s:e] == "Delta Union"


def test_an_acronym_after_a_country_does_not_become_the_countrys_name() -> None:
    from claimgraph.model import SourceDocument
    from claimgraph.pipeline import analyze_docs
    from claimgraph.settings import load_settings

    # the long name is not recognised, so the last name before the brackets is the country
    text = ("Fighters who came from Egypt (NDLFE) crossed the border in 2004. "
            "The NDLFE attacked a checkpoint near Cairo and the NDLFE fled.")
    ctx = next(analyze_docs([SourceDocument(text=text, source="t.txt")], load_settings()))
    for key, ent in ctx.analysis.entities.items():
        if ctx.find(key) == key and ent.type == "Country":
            assert "NDLFE" not in ent.aliases, ent


def test_clean_name_ends_at_a_citation_mark_inside_it() -> None:
    assert clean_name("Council of Elders.[7] Their") == "Council of Elders."


def test_clean_name_cuts_an_unclosed_bracket() -> None:
    assert clean_name("Alias(es") == "Alias"
    assert clean_name("Red Front (Varnia)") == "Red Front (Varnia)"
    assert clean_name("Varnia) Front") == "Varnia"


def test_trim_name_span_cuts_an_unclosed_bracket() -> None:
    text = "the ELN (Varnia and others"
    s, e = trim_name_span(text, text.index("ELN"), len(text))
    assert text[s:e] == "ELN"


def test_an_unnamed_stand_in_is_stored_with_its_role_and_document() -> None:
    from claimgraph.model import Entity
    from claimgraph.store.writer import placeholder_name

    stand_in = Entity(key="Other:x", name="", type="Other", attrs={"placeholder": True,
                                                                   "stands_for": "unnamed perpetrator"})
    assert placeholder_name(stand_in, "Bomb hits\nmarket") == "unnamed perpetrator (Bomb hits market)"
    assert placeholder_name(Entity(key="Other:y", name="", type="Other"), "") == "unnamed actor"
    assert placeholder_name(stand_in, "x" * 200).endswith("\u2026)")
    assert placeholder_name(Entity(key="Group:z", name="gunmen", type="Group"), "T") == "gunmen"
