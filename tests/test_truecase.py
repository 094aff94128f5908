"""Truecasing of lower-case and all-capitals text: names get their capitals back, offsets and cased text stay."""

from __future__ import annotations

from claimgraph.nlp.truecase import mode, table, truecase

CASED = (
    "On Tuesday the Northern Shield militia said its fighters had taken two villages near the border "
    "with Chad, and a spokesman for the African Union in Addis Ababa called for talks between the sides."
)


def test_cased_text_is_left_alone() -> None:
    assert mode(CASED) is None
    assert truecase(CASED) == CASED


def test_lower_case_text_gets_names_and_sentence_capitals() -> None:
    text = CASED.lower() + " the talks are to open in kenya next month. i was told the militia agreed."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text  # only the case of letters changed
    assert mode(text) == "lower"
    assert out.startswith("On Tuesday the")
    assert "border with Chad" in out and "the African Union in Addis Ababa" in out
    assert "open in Kenya next month. I was told" in out
    assert "its fighters had taken two villages" in out  # common words stay lower case


def test_all_capitals_text_is_truecased() -> None:
    text = CASED.upper()
    out = truecase(text)
    assert mode(text) == "upper"
    assert out.startswith("On Tuesday the")
    assert "the African Union in Addis Ababa called for talks" in out


def test_headline_in_capitals_does_not_switch_a_cased_body() -> None:
    text = "REBELS SEIZE TWO VILLAGES\n\n" + CASED
    assert truecase(text) == text


def test_long_lower_case_paragraph_in_a_cased_document_is_truecased_alone() -> None:
    body = " ".join([CASED.lower()] * 3)
    text = CASED + "\n\n" + body
    out = truecase(text)
    assert out.startswith(CASED)  # the cased paragraph is untouched
    assert "the African Union in Addis Ababa" in out[len(CASED) :]


def test_unknown_words_read_as_names_or_acronyms() -> None:
    text = (
        "the spokesman of the qarvendi brigades said the ltte and the zpk had both denied the report, "
        "which the ministry had published on its website the day before the meeting."
    )
    out = truecase(text)
    assert "the Qarvendi Brigades" in out or "the Qarvendi brigades" in out
    assert "the LTTE and the ZPK" in out
    assert "published on its website" in out


def test_inflected_known_words_are_not_taken_for_names() -> None:
    text = (
        "the fighters were sabotaging the pipelines while the envoys were renegotiating the ceasefires "
        "along the river, officials in the capital said on friday evening."
    )
    out = truecase(text)
    assert "were sabotaging the pipelines" in out and "renegotiating the ceasefires" in out


def test_abbreviation_letters_follow_each_other() -> None:
    text = (
        "the u.s. embassy said the group, a.k.a. the river front, had seized the town and that "
        "its envoy would travel there on monday with two aides and a doctor."
    )
    out = truecase(text)
    assert out.startswith("The U.S. embassy")  # after an abbreviation the sentence goes on
    assert "a.k.a. the river front" in out


def test_case_changes_that_change_length_are_skipped() -> None:
    lower = (
        "ßtraße is how the word is spelt in the old town, the guide told the visitors from the coast who "
        "had come to see the market."
    )
    out = truecase(lower)
    assert len(out) == len(lower) and out.startswith("ßtraße")  # 'ß'.upper() is two letters: left as it is
    upper = (
        "THE DELEGATION FLEW FROM \u0130ZMIR TO THE CAPITAL ON SUNDAY AND MET THE MINISTER OF THE INTERIOR "
        "BEFORE THE TALKS BEGAN."
    )
    out = truecase(upper)
    assert len(out) == len(upper) and "\u0130" in out  # 'İ'.lower() is two characters
    assert "on Sunday and met the" in out


def test_short_text_is_left_alone() -> None:
    assert mode("kenya and chad") is None
    assert truecase("kenya and chad") == "kenya and chad"


def test_table_holds_usual_forms_and_neighbour_votes() -> None:
    usual, pairs = table()
    assert usual["monday"] == "Monday" and usual["village"] == "village"
    assert pairs  # words written both ways have neighbour votes
    assert all(form.lower() == word for (_, word), form in pairs.items())


def test_words_an_acronym_in_brackets_spells_are_a_name_and_short_letters_that_spell_nothing_stay() -> None:
    lower = ("last spring the green valley workers' union (gvwu) called a strike, and the army of the free coast "
             "(afc) joined it; a man from the town (tq) said nothing more about it to the press.")
    out = truecase(lower)
    assert "Green Valley Workers' Union (GVWU)" in out
    assert "Army of the Free Coast (AFC)" in out  # 'of the' are skipped by the letters
    assert "(tq)" in out  # 'the town' does not spell it: no acronym guessed
    upper = lower.upper()
    assert "Green Valley Workers' Union (GVWU)" in truecase(upper)
