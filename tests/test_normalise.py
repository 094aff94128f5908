"""Typography folded before NLP: same length, offsets kept, wraps joined only inside sentences."""

from __future__ import annotations

from claimgraph.nlp.normalise import fold, is_hard_wrapped


def test_fold_keeps_length_and_quotes_and_straightens_dashes() -> None:
    text = "The \u201cNorth Wind\u201d cell\u2019s chief \u2013 a former miner \u2014 left 1990\u20131994."
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "The \u201cNorth Wind\u201d cell\u2019s chief - a former miner - left 1990-1994."


def test_em_dash_glued_to_words_is_left_alone() -> None:
    assert fold("the cell\u2014which fled") == "the cell\u2014which fled"


def test_citation_marks_become_spaces() -> None:
    text = "The Ember Front was banned.[14] Its head, Oren Vask[3, 4] fled."
    folded = fold(text)
    assert folded == "The Ember Front was banned.     Its head, Oren Vask       fled."


def test_break_inside_sentence_is_a_space_in_a_wrapped_text() -> None:
    text = (
        "Members of the Ember Front met the envoys of the\nSouthern Compact in a village north of the river,\n"
        "where both sides agreed to end their raids on the\nsettlements and to free the hostages they held.\n"
        "The envoys left the village the next morning for\nthe coast, where a boat waited for them to sail."
    )
    folded = fold(text)
    assert is_hard_wrapped(text.split("\n"))
    assert len(folded) == len(text)
    assert "of the Southern Compact" in folded  # a wrap before a capital in a hard-wrapped text
    assert "river, where" in folded and "on the settlements" in folded
    assert "they held.\nThe envoys" in folded  # a break after a sentence stays


def test_lists_headings_and_colons_keep_their_breaks() -> None:
    text = "The talks between the two movements ended with a list:\n- first point\n\nNext part"
    assert fold(text) == text


def test_capital_after_short_or_field_line_is_not_joined() -> None:
    text = "Ember Front\nFounded 1999\nWebsite\nember.example\nLeader Oren Vask\n\nThe Ember Front is a group."
    assert fold(text) == text


def test_break_where_the_next_word_would_not_fit_is_a_wrap() -> None:
    # lines cut at a fixed column between short lines and headings (the text is not 'hard-wrapped' as a whole):
    # a line going on with a capital is a wrap when its next word would not have fit in the column
    text = (
        "Northern Shield\n\nA statement\n\nOn Monday a spokesman for the militia told reporters in\n"
        "Kampala that the group had not attacked the convoy near\nGulu.\n\nNotes\n\nShort line here\n"
        "Another line"
    )
    folded = fold(text)
    assert not is_hard_wrapped(text.split("\n"))
    assert "reporters in Kampala that" in folded and "convoy near Gulu." in folded
    assert "Short line here\nAnother line" in folded  # the next word would have fit: a real break
