"""Errata: a correction note is linked to the passage it corrects and fixes that claim's object."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.extract.errata import find_corrections
from claimgraph.extract.structure import build_layout

Analyze = Callable[..., DocContext]


def test_footnote_forms_are_parsed() -> None:
    text = "Hamas bombed the ministry* in 2001.\n\n* The author should have said \u201cDefense Ministry\u201d instead of \u201cministry\u201d\n"
    notes = find_corrections(text, [(text.index("* The"), len(text) - 1)])
    assert len(notes) == 1
    assert (notes[0].wrong, notes[0].right) == ("ministry", "Defense Ministry")
    assert text[notes[0].mark_pos] == "*" and notes[0].mark_pos < text.index("\n")


def test_correction_paragraph_forms() -> None:
    for line, wrong, right in [
        ("Correction: the attack hit not Haifa but Nahariya.", "Haifa", "Nahariya"),
        ("Correction: for \"Tabriz\" read \"Tehran\".", "Tabriz", "Tehran"),
        ("Correction: \"Tabriz\" should read \"Tehran\".", "Tabriz", "Tehran"),
    ]:
        text = "Some text about Tabriz and Haifa.\n\n" + line
        notes = find_corrections(text, [])
        assert notes, line
        assert (notes[0].wrong, notes[0].right) == (wrong, right)
        assert notes[0].mark_pos is None


def test_marked_claim_takes_the_corrected_object(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah bombed the Syrian parliament* in 1982.\n\n"
                  "* The author should have said \u201cBaath Party\u201d instead of \u201cParliament\u201d\n")
    corrected = [c for c in ctx.analysis.claims if "correction" in c.qualifiers]
    assert corrected, [(c.predicate, ctx.entity(str(c.object)).name) for c in ctx.analysis.claims]
    c = corrected[0]
    assert ctx.entity(c.object).name == "Baath Party"
    assert ctx.entity(c.object).type == "Organization"
    assert c.qualifiers["correction"]["from"] == "Parliament"
    assert c.qualifiers["correction"]["to"] == "Baath Party"
    assert "should have said" in c.qualifiers["correction"]["evidence"]
    assert any("should have said" in ev.text for ev in c.evidence)


def test_marked_list_item_is_corrected(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah carried out many attacks against Syria. The main attacks are as follows:\n\n"
                  "- Bombing Syria\u2019s parliament building*, in which many were killed.\n\n"
                  "Nothing else is known.\n\n"
                  "* The author should have said \u201cBaath Party\u201d instead of \u201cParliament\u201d\n")
    corrected = [c for c in ctx.analysis.claims if "correction" in c.qualifiers]
    assert corrected
    assert ctx.entity(corrected[0].subject).name == "Hezbollah"
    assert ctx.entity(corrected[0].object).name == "Baath Party"
    assert corrected[0].predicate == "bombed"


def test_unmarked_correction_note_finds_the_passage(analyze: Analyze) -> None:
    ctx = analyze("Jordan arrested Hamas members in Amman in 1999.\n\n"
                  "Correction: the arrests were made not by Jordan but by Egypt.\n")
    corrected = [c for c in ctx.analysis.claims if "correction" in c.qualifiers]
    assert corrected
    assert ctx.entity(corrected[0].subject).name == "Egypt"


def test_text_without_notes_is_untouched(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah bombed the Syrian parliament* in 1982.\n")
    assert not [c for c in ctx.analysis.claims if "correction" in c.qualifiers]


def test_numbered_and_dagger_marks() -> None:
    text = ("Hamas bombed the ministry[1] and the bank\u2020 in 2001.\n\n"
            "[1] The author should have said \u201cDefense Ministry\u201d instead of \u201cministry\u201d\n"
            "\u2020 Correction: not \u201cbank\u201d but \u201cpost office\u201d.\n")
    lines = [(ln.start, ln.end) for ln in build_layout(text).lines if ln.kind == "footnote"]
    assert len(lines) == 2
    notes = find_corrections(text, lines)
    assert [(n.wrong, n.right) for n in notes] == [("ministry", "Defense Ministry"), ("bank", "post office")]
    assert text[notes[0].mark_pos:notes[0].mark_pos + 3] == "[1]"
    assert text[notes[1].mark_pos] == "\u2020"
