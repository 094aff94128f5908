"""Entity recognition and typing on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import country_of, demonym_country
from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.resolve.aliases import acronym_matches
from claimgraph.settings import load_settings

Analyze = Callable[..., DocContext]


@pytest.fixture(scope="module")
def analyze(tmp_path_factory: pytest.TempPathFactory) -> Analyze:
    """The product's analysis of one text, with one store for the module (the stages' set-up is paid once)."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('entities') / 'test.db'}"

    def run(text: str, alias_table: str = "") -> DocContext:
        settings.extract.alias_table = alias_table
        return next(iter(analyze_docs([SourceDocument(text=text, source="test.txt")], settings)))

    return run


def entity_at(ctx: DocContext, surface: str, nth: int = 0) -> tuple[str, str] | None:
    """(entity name, entity type) of the mention covering the nth occurrence of `surface`."""
    start = -1
    for _ in range(nth + 1):
        start = ctx.text.index(surface, start + 1)
    span = ctx.doc.char_span(start, start + len(surface), alignment_mode="expand")
    assert span is not None
    key = ctx.entity_for(span)
    if key is None:
        return None
    ent = ctx.entity(key)
    return ent.name, ent.type


def names(ctx: DocContext) -> dict[str, str]:
    """Every stored mention text → its entity type."""
    return {m.text: ctx.entity(m.entity_key).type for m in ctx.analysis.mentions}


def test_mentions_are_exact_spans_of_the_text(analyze: Analyze) -> None:
    ctx = analyze("The Popular Resistance Front (PRF) said its leaders met officials of the Tanzanian "
                  "government in Dodoma. Brigadier Ruth Okello’s unit left the former Ministry of Water.")
    for m in ctx.analysis.mentions:
        assert ctx.text[m.start:m.end] == m.text
        assert not m.text.endswith(("’s", "'s")) and not m.text.lower().startswith(("the ", "former "))


def test_transliterated_name_and_undefined_acronym_are_one_organization(analyze: Analyze) -> None:
    ctx = analyze("Fedayan-e Azadi of Kurdistan is an armed organization founded in the mountains. "
                  "Years later the FAO opened an office in Vienna, and the FAO still runs it.")
    long_name = entity_at(ctx, "Fedayan-e Azadi of Kurdistan")
    assert long_name == ("Fedayan-e Azadi of Kurdistan", "Organization")
    assert entity_at(ctx, "FAO") == long_name
    assert entity_at(ctx, "FAO", 1) == long_name


def test_long_name_with_acronym_in_brackets_is_one_entity(analyze: Analyze) -> None:
    ctx = analyze("Agents of the former State Security Bureau of Veldia (Sekbur) detained two students. "
                  "In 1990 Sekbur released them.")
    first = entity_at(ctx, "State Security Bureau of Veldia")
    assert first is not None and first[1] == "Organization"
    assert entity_at(ctx, "Sekbur") == first
    assert entity_at(ctx, "Sekbur", 1) == first


def test_acronym_rules() -> None:
    assert acronym_matches("MKO", "Mojahedin-e Khalq of Iran")
    assert acronym_matches("MEK", "Mojahedin-e Khalq")
    assert acronym_matches("PMOI", "People's Mojahedin Organization of Iran")
    assert acronym_matches("KDP", "Kurdistan Democratic Party")
    assert not acronym_matches("CIA", "Mossad")
    assert not acronym_matches("ABC", "Xavier Young Zone")


def test_alias_table_merges_two_names_listed_side_by_side(analyze: Analyze) -> None:
    ctx = analyze("Agents of the Shin Bet, also called the Shabak, questioned the men.")
    assert entity_at(ctx, "Shin Bet") == entity_at(ctx, "Shabak")
    assert entity_at(ctx, "Shin Bet")[1] == "Organization"  # type: ignore[index]


def test_user_alias_table_extends_the_builtin_one(analyze: Analyze, tmp_path: Path) -> None:
    table = tmp_path / "aliases.tsv"
    table.write_text("# mine\nNorthern Shield Brigade\tNSB Kestrel\tOrganization\n", encoding="utf-8")
    ctx = analyze("The Northern Shield Brigade attacked the depot. A week later NSB Kestrel withdrew.",
                  alias_table=str(table))
    assert entity_at(ctx, "NSB Kestrel") == entity_at(ctx, "Northern Shield Brigade")


def test_distinct_names_stay_distinct(analyze: Analyze) -> None:
    ctx = analyze("Tomas Varga met Tomas Keller in Prague. Later Varga flew to Vienna, and Hungary and "
                  "Austria both protested.")
    assert entity_at(ctx, "Tomas Varga") != entity_at(ctx, "Tomas Keller")
    assert entity_at(ctx, "Varga", 1) == entity_at(ctx, "Tomas Varga")
    assert entity_at(ctx, "Hungary") != entity_at(ctx, "Austria")


def test_camps_cities_and_bases_are_places(analyze: Analyze) -> None:
    ctx = analyze("The militia kept two sites: Camp Harlow, near the city of Zarqun, and Tevra Camp. "
                  "It also had a base in Qaranlik under the control of Demirel.")
    assert entity_at(ctx, "Camp Harlow")[1] == "Place"  # type: ignore[index]
    assert entity_at(ctx, "Tevra Camp")[1] == "Place"  # type: ignore[index]
    assert entity_at(ctx, "Zarqun")[1] == "Place"  # type: ignore[index]


def test_speaker_of_a_speech_verb_is_a_person(analyze: Analyze) -> None:
    ctx = analyze("In an interview, Farid Nourani said that the talks had failed.")
    assert entity_at(ctx, "Farid Nourani") == ("Farid Nourani", "Person")


def test_countries_and_cities_are_told_apart(analyze: Analyze) -> None:
    ctx = analyze("Delegates from Portugal and Morocco met in Lisbon and then in Casablanca.")
    found = names(ctx)
    assert found["Portugal"] == "Country" and found["Morocco"] == "Country"
    assert found["Lisbon"] == "Place" and found["Casablanca"] == "Place"


def test_nationality_adjectives_point_to_their_state(analyze: Analyze) -> None:
    ctx = analyze("Turkish officials closed the office. The Egyptian government denied it, and Greek "
                  "tourists left.")
    assert entity_at(ctx, "Turkish") == ("Turkey", "Country")
    assert entity_at(ctx, "Egyptian") == ("Egypt", "Country")
    assert entity_at(ctx, "Greek tourists") != ("Greece", "Country")
    assert not any(e.name == "Turkish" and e.type == "Country" for e in ctx.analysis.entities.values())


def test_the_west_is_a_group(analyze: Analyze) -> None:
    ctx = analyze("The movement turned against the West, and Western countries froze its funds.")
    assert entity_at(ctx, "West") == ("West", "Group")
    assert entity_at(ctx, "Western countries") == ("West", "Group")


def test_headings_are_not_entities(analyze: Analyze) -> None:
    ctx = analyze("Background\n\nThe Union of Farmers was banned in 1990.\n\nFront's Links with Smugglers:\n\n"
                  "The Union of Farmers traded with smugglers.\n")
    assert not any("Links" in m.text for m in ctx.analysis.mentions)
    assert entity_at(ctx, "Union of Farmers") == ("Union of Farmers", "Organization")


def test_every_occurrence_of_a_found_name_is_a_mention(analyze: Analyze) -> None:
    ctx = analyze("Brigadier Anatoly Sverdin commands the unit. Sverdin said the unit would stay. "
                  "Critics of Sverdin disagree.")
    hits = [m for m in ctx.analysis.mentions if m.text == "Sverdin"]
    assert len(hits) == 2
    assert all(ctx.entity(m.entity_key).name == "Anatoly Sverdin" for m in hits)


def test_gazetteer_lookups() -> None:
    assert country_of("ROMANIA") == "Romania"
    assert country_of("Kut") is None
    assert demonym_country("Iranian") == "Iran"
    assert demonym_country("Israelis") == "Israel"
    assert demonym_country("French") == "France"
    assert demonym_country("Islamic") is None


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "ALL CAPS HEADLINE ONLY"])
def test_degenerate_texts_do_not_fail(analyze: Analyze, text: str) -> None:
    ctx = analyze(text)
    assert ctx.failure is None


def test_regimes_named_after_a_ruler_are_organizations(analyze: Analyze) -> None:
    ctx = analyze("The Qajar regime jailed the poets, and the Tavrani regime freed them. "
                  "The Moldovan regime stayed silent.")
    assert entity_at(ctx, "Qajar regime") == ("Qajar regime", "Organization")
    assert entity_at(ctx, "Moldovan") == ("Moldova", "Country")


def test_nationality_with_a_collective_noun_is_a_group_of_its_own(analyze: Analyze) -> None:
    ctx = analyze("The Armenian diaspora raised funds. Later the Armenian diaspora lobbied Congress.")
    first, second = entity_at(ctx, "Armenian diaspora"), entity_at(ctx, "Armenian diaspora", 1)
    assert first == second and first is not None and first[1] == "Group"


def test_bloc_names_do_not_swallow_place_names(analyze: Analyze) -> None:
    ctx = analyze("Fans of West Bromwich travelled to Western Europe while the West debated sanctions.")
    assert entity_at(ctx, "West Bromwich") != ("West", "Group")
    assert entity_at(ctx, "West", 2) == ("West", "Group")


def test_event_names_by_cue_word(analyze: Analyze) -> None:
    ctx = analyze("After the Lisbon Summit and the Kandahar Uprising, the Dutch Open was cancelled.")
    assert entity_at(ctx, "Kandahar Uprising") == ("Kandahar Uprising", "Event")
    assert entity_at(ctx, "Lisbon Summit") == ("Lisbon Summit", "Event")


def test_acronym_shared_by_two_long_names_stays_apart(analyze: Analyze) -> None:
    ctx = analyze("The Popular Liberation Front and the Patriotic Labour Front met. The PLF left first.")
    plf = entity_at(ctx, "PLF")
    assert plf is not None and plf[0] == "PLF"


def test_missing_user_alias_table_is_reported(analyze: Analyze, tmp_path: Path) -> None:
    ctx = analyze("The Hamas office closed.", alias_table=str(tmp_path / "nowhere.tsv"))
    assert "alias_table" in (ctx.failure or "")


def test_common_abbreviations_are_not_organizations(analyze: Analyze) -> None:
    ctx = analyze("The talks ended at 1400 GMT, and the CEO spoke on TV about the KNU rebels.")
    found = names(ctx)
    assert "GMT" not in found and "CEO" not in found and "TV" not in found
    assert found.get("KNU") == "Organization"


def test_unknown_place_that_acts_is_an_organization(analyze: Analyze) -> None:
    ctx = analyze("Syria urged Nujaba in Iraq to release the prisoners.")
    assert entity_at(ctx, "Nujaba") == ("Nujaba", "Organization")
    assert entity_at(ctx, "Iraq") == ("Iraq", "Country")


def test_text_without_capitals_still_gets_table_names_and_mentions(analyze: Analyze) -> None:
    ctx = analyze("gunmen of hezbollah attacked the post. the group said it would go on.")
    assert entity_at(ctx, "hezbollah") == ("Hezbollah", "Organization")
    assert any(m.text == "hezbollah" for m in ctx.analysis.mentions)


def test_speaker_missed_by_the_model_is_a_person(analyze: Analyze) -> None:
    ctx = analyze("The ceasefire held overnight, Dariush Kavehzadeh told reporters in the capital.")
    assert entity_at(ctx, "Dariush Kavehzadeh") == ("Dariush Kavehzadeh", "Person")


def test_names_stop_at_sentence_ends_and_possessives(analyze: Analyze) -> None:
    ctx = analyze("The deal was signed in Oslo on Monday. Bombardier Holdings said it would appeal. "
                  "Lagos's Marina Trading Company closed.")
    texts = {m.text for m in ctx.analysis.mentions}
    assert not any("Monday. " in t or ". Bombardier" in t for t in texts)
    assert "Marina Trading Company" in texts


def test_organizations_that_speak_are_not_people(analyze: Analyze) -> None:
    ctx = analyze("Swiss Re said profits fell. Agence France Presse said the road was shut. "
                  "Lloyds of London said claims rose.")
    for name in ("Swiss Re", "Agence France Presse", "Lloyds of London"):
        found = entity_at(ctx, name)
        assert found is None or found[1] != "Person", name


def test_names_in_a_title_line_are_kept(analyze: Analyze) -> None:
    ctx = analyze("Orvano Telecom Profit Jumps\n\nQuarterly profits at Orvano Telecom rose, the firm said.")
    starts = [m.start for m in ctx.analysis.mentions if m.text == "Orvano Telecom"]
    assert 0 in starts and len(starts) == 2
