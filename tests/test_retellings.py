"""Retellings: a text written again in one case keeps its names (document-level truecasing) (issue #11)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from claimgraph.nlp.truecase import truecase

BODY = (
    "the harbor watch league was formed in 1991 by dock workers in the northern port. "
    "officials say the harbor watch league has since fought the coastal guard in three provinces, "
    "and that its leader lives abroad. the group denies any tie to the old police."
)


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_invariance.py"
    spec = importlib.util.spec_from_file_location("bench_invariance", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_title_the_body_repeats_is_a_name_everywhere() -> None:
    text = "= harbor watch league =\n\n" + BODY
    out = truecase(text)
    assert len(out) == len(text) and out.lower() == text
    assert out.startswith("= Harbor Watch League =")
    assert out.count("Harbor Watch League") == 3
    assert "the old police" in out  # words outside the name keep their usual case


def test_a_title_with_a_number_and_a_linking_word_inside() -> None:
    body = BODY.replace("harbor watch league", "army of the 4 rivers")
    out = truecase("army of the 4 rivers\n\n" + body)
    assert "Officials say the Army of the 4 Rivers has since" in out


def test_a_headline_the_body_does_not_repeat_changes_nothing_of_the_body() -> None:
    headline = "dock workers fight coastal guard in the north\n\n"
    plain = truecase(BODY)
    assert truecase(headline + BODY)[len(headline) :] == plain


def test_a_title_that_is_a_sentence_is_no_name() -> None:
    first = "the harbor watch league was formed in 1991 by dock workers.\n"
    out = truecase(first + BODY)
    assert "Harbor Watch League" not in out


def test_words_an_acronym_spells_are_a_name_wherever_they_recur() -> None:
    text = (
        "last year the river defence union (rdu) took two towns. the river defence union says it will hold "
        "them until the talks resume, and the rdu has asked the envoy to come back before the winter begins."
    )
    out = truecase(text)
    assert out.count("River Defence Union") == 2
    assert out.count("RDU") == 2


def test_a_field_label_glued_to_a_name_gets_the_name_capital() -> None:
    text = (
        "headquarterskenya\n\nthe movement was founded by students in the west of the country and "
        "has since grown into a party that holds seats in the regional assembly and in the senate."
    )
    out = truecase(text)
    assert out.startswith("HeadquartersKenya")


def test_cased_text_keeps_its_case() -> None:
    cased = "Harbor Watch League\n\nThe Harbor Watch League was formed in 1991 by dock workers in the port."
    assert truecase(cased) == cased


def test_shuffle_keeps_sentences_with_pronouns_in_place() -> None:
    bench = _bench()
    text = (
        "The Harbor League met in Lagos. It said the talks failed. The Coast Guard denied the report. "
        "The envoy left on Monday.\n\nA second paragraph stays second."
    )
    out = bench.shuffle(text)
    assert out != text
    assert sorted(out.split("\n\n")[0].split(". ")) != []
    assert "The Harbor League met in Lagos. It said the talks failed." in out  # 'It' keeps its antecedent
    assert out.endswith("A second paragraph stays second.")
    assert sorted(out) == sorted(text)  # the same sentences, only their order


def test_news_style_wraps_sentences_in_reporting_frames() -> None:
    bench = _bench()
    text = "The Harbor League attacked the port in May. The Coast Guard arrested two of its members."
    out = bench.news_style(text)
    assert out != text
    assert "Harbor League attacked the port in May" in out
    assert out.startswith("Officials said the Harbor League attacked the port in May. According to reports, the")


def test_a_title_told_again_with_one_word_changed_is_the_same_name() -> None:
    text = (
        "free river defense forces of the coast\n\n"
        "the free river defenders of the coast were formed by farmers from the villages, and the group says it will "
        "keep its weapons until the government keeps its word on the land it has promised them for years. "
        "the free river defense forces of the coast now hold four towns."
    )
    out = truecase(text)
    assert "The Free River Defenders of the Coast were formed" in out
    assert "farmers from the villages" in out


def test_a_short_unknown_word_listed_with_an_acronym_is_one_everywhere() -> None:
    text = (
        "the army fought the zorc and the eln in the hills for years, and later the zorc signed a truce with "
        "the government, which the rebels of the other group refused to sign for another ten years."
    )
    listed = truecase(text.replace("the zorc and the eln", "the zorc and eln"))
    assert "the ZORC and ELN in the" in listed and "later the ZORC signed" in listed


def test_a_short_word_before_a_name_is_part_of_it_in_the_whole_text() -> None:
    text = (
        "the oku vandrilla movement was founded in 1990 by a teacher. oku is an old word for 'dawn', and the "
        "movement spread from the capital to the coast within a few years of its founding, officials say."
    )
    out = truecase(text)
    assert out.startswith("The Oku Vandrilla movement") or out.startswith("The Oku Vandrilla Movement")
    assert "Oku is an old word" in out  # not 'OKU': the first mention showed it to be a name's word


def test_lines_of_a_text_not_hard_wrapped_each_open_with_a_capital() -> None:
    long_line = (
        "the group was formed in the north by students and workers who had left the old party after the split "
        "over the talks with the government."
    )
    out = truecase("headquarters unknown\nfounded long ago\n" + long_line)
    assert "\nFounded long ago\nThe group" in out
