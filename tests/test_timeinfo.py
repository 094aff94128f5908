"""Event time: dates with their precision, decades, ranges, before/after dates and known events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.extract.timeinfo import event_time, parse_time, relative_time

Analyze = Callable[..., DocContext]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("in 1986", "1986", "1986"),
    ("in March 1986", "1986-03", "1986-03"),
    ("on 12 March 1986", "1986-03-12", "1986-03-12"),
    ("on Sept. 4, 2001", "2001-09-04", "2001-09-04"),
    ("in the 1970s", "1970", "1979"),
    ("in 1970s", "1970", "1979"),
    ("between 1980 and 1988", "1980", "1988"),
    ("from 1992 to 1995", "1992", "1995"),
    ("2003-04-09", "2003-04-09", "2003-04-09"),
])
def test_parse_time_precision(text: str, start: str, end: str) -> None:
    got = parse_time(text)
    assert got is not None
    assert (got["start"], got["end"]) == (start, end)


def test_decade_text_is_the_decade() -> None:
    assert parse_time("in the 1970s") == {"text": "1970s", "start": "1970", "end": "1979"}


def test_no_date_no_time() -> None:
    assert parse_time("after the meeting") is None
    assert relative_time("after", "the meeting") is None


def test_before_and_after_dates_and_events() -> None:
    assert relative_time("before", "the revolution of 1979") == {"text": "before the revolution of 1979",
                                                                  "end": "1979"}
    assert relative_time("after", "the invasion of Iraq")["start"] == "2003"
    assert relative_time("after", "invasion to Iraq")["start"] == "2003"
    assert relative_time("during", "the Iran-Iraq war") == {"text": "during the Iran-Iraq war", "start": "1980",
                                                            "end": "1988"}
    assert relative_time("since", "2011")["start"] == "2011"


def test_user_anchor_table_extends_the_built_in_one(tmp_path: Path) -> None:
    table = tmp_path / "anchors.tsv"
    table.write_text("# mine\nthe great flood\t1927\t1927\n", encoding="utf-8")
    assert event_time("after the great flood") is None
    assert event_time("after the great flood", str(table)) == ("1927", "1927")


def test_claim_time_from_its_clause(analyze: Analyze) -> None:
    ctx = analyze("Syria supported Hamas after the invasion of Iraq, and Jordan arrested Hamas members in 1999.")
    # whichever stage reads the act (arrests are events), its time comes from its own clause
    times = {c.predicate: c.qualifiers.get("time") for c in ctx.analysis.claims if c.predicate != "said"}
    assert times["supported"]["start"] == "2003"
    assert times["arrested"] == {"text": "1999", "start": "1999", "end": "1999"}


def test_sentence_opening_time_dates_the_sentence(analyze: Analyze) -> None:
    ctx = analyze("In 1994, Jordan signed a treaty with Israel according to which Israel released Hamas "
                  "prisoners.")
    treaty = [c for c in ctx.analysis.claims if c.predicate == "agreement_with"]
    assert treaty and treaty[0].qualifiers["time"]["start"] == "1994"


def test_event_time_is_not_the_document_date(analyze: Analyze) -> None:
    ctx = analyze("Iran supports Hezbollah.", published="2020-05-01")
    claims = [c for c in ctx.analysis.claims if c.predicate == "supported"]
    assert claims and "time" not in claims[0].qualifiers


def test_advcl_event_anchor(analyze: Analyze) -> None:
    ctx = analyze("Hamas has been supported by Qatar especially after the Soviet Union collapsed.")
    claims = [c for c in ctx.analysis.claims if c.predicate == "supported"]
    assert claims and claims[0].qualifiers["time"]["start"] == "1991"


def test_a_founder_named_by_a_noun_takes_no_date_of_the_clause(analyze: Analyze) -> None:
    ctx = analyze("The Vesper League is an armed group. The group's founder, Tomas Arn, died in Kestel in 2004.")
    founded = [c for c in ctx.analysis.claims if c.predicate == "founded_by"]
    assert founded and all("time" not in c.qualifiers for c in founded)
