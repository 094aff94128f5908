"""Timeline placement (claimgraph.views.timeline.place_time): partial, relative and publication-relative times."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.views.timeline import OPEN_SPAN_YEARS, place_time

# a Thursday
PUBLISHED = "2024-05-09"


def _placed(time: dict[str, Any], published: str | None = None) -> dict[str, Any]:
    found = place_time(time, published)
    assert found is not None, time
    return found


@pytest.mark.parametrize(("time", "start", "end", "precision"), [
    ({"text": "in 1986", "start": "1986", "end": "1986"}, "1986-01-01", "1986-12-31", "year"),
    ({"text": "in the late 1970s", "start": "1970", "end": "1979"}, "1977-01-01", "1979-12-31", "part of a decade"),
    ({"text": "the 1990s", "start": "1990", "end": "1999"}, "1990-01-01", "1999-12-31", "decade"),
    # stored at year precision while the wording gives the month: the month is drawn
    ({"text": "November 1991", "start": "1991"}, "1991-11-01", "1991-11-30", "month"),
    ({"text": "between 1980 and 1988", "start": "1980", "end": "1988"}, "1980-01-01", "1988-12-31", "range"),
])
def test_stated_and_partial_times(time: dict[str, Any], start: str, end: str, precision: str) -> None:
    found = _placed(time)
    assert (found["start"], found["end"], found["precision"]) == (start, end, precision)
    assert not found["open_start"] and not found["open_end"]


def test_after_a_dated_event_is_open_ended() -> None:
    # the extractor stores "after the 2003 invasion" as a start only: the end is left open, not closed in 2003
    found = _placed({"text": "after the 2003 invasion", "start": "2003"})
    assert found["open_end"] and not found["open_start"]
    assert found["start"] == "2003-01-01" and found["end"] == f"{2003 + OPEN_SPAN_YEARS}-12-31"
    assert found["basis"] == "after 2003"
    since = _placed({"text": "since August 2009", "start": "2009-08"})
    assert since["open_end"] and since["start"] == "2009-08-01" and since["basis"] == "since 2009-08"


def test_before_a_year_or_known_event_is_open_at_the_start() -> None:
    until = _placed({"text": "until 1995", "end": "1995"})
    assert until["open_start"] and until["end"] == "1995-12-31" and until["basis"] == "until 1995"
    # wording only, no stored dates: the year in the text, or the dates of a known event in the anchor table
    before = _placed({"text": "before 1968"})
    assert before["open_start"] and before["end"] == "1968-12-31"
    revolution = _placed({"text": "before the Islamic revolution"})
    assert revolution["open_start"] and revolution["end"] == "1979-12-31"
    assert revolution["basis"].startswith("before 1979")
    war = _placed({"text": "during the Iran-Iraq war"})
    assert (war["start"], war["end"], war["precision"]) == ("1980-01-01", "1988-12-31", "range")


@pytest.mark.parametrize(("text", "day"), [
    ("on Tuesday", "2024-05-07"),
    ("Thursday", "2024-05-09"),  # the publication day itself
    ("on Friday", "2024-05-03"),  # never a day after publication
    ("yesterday", "2024-05-08"),
    ("earlier today", "2024-05-09"),
])
def test_days_counted_back_from_the_publication_date(text: str, day: str) -> None:
    found = _placed({"text": text}, PUBLISHED)
    assert (found["start"], found["end"], found["precision"]) == (day, day, "day")
    assert PUBLISHED in found["basis"]


def test_months_and_last_periods_from_the_publication_date() -> None:
    assert _placed({"text": "in January"}, PUBLISHED)["start"] == "2024-01-01"
    assert _placed({"text": "in November"}, PUBLISHED)["start"] == "2023-11-01"  # the latest November before
    week = _placed({"text": "last week"}, PUBLISHED)
    assert (week["start"], week["end"]) == ("2024-04-29", "2024-05-05")
    assert _placed({"text": "last month"}, PUBLISHED)["start"] == "2024-04-01"
    assert _placed({"text": "last year"}, PUBLISHED)["end"] == "2023-12-31"


def test_what_cannot_be_placed_stays_unplaced() -> None:
    assert place_time({"text": "on Tuesday"}) is None  # no publication date to count from
    assert place_time({"text": "daily"}, PUBLISHED) is None
    assert place_time({"text": "they may march"}, PUBLISHED) is None  # verbs, not months
    assert place_time({}) is None and place_time(None) is None


def test_unplaced_times_say_why() -> None:
    from claimgraph.views.timeline import unplaced_reason

    assert "publication date" in unplaced_reason({"text": "on Tuesday"})
    assert "publication date" in unplaced_reason({"text": "in January"})
    assert unplaced_reason({"text": "before the uprising"}) == "relative to an event with no known date"
    assert unplaced_reason({"text": "daily"}, PUBLISHED) == "no date in its wording"
