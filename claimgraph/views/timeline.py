"""Placing a claim's time on a timeline: exact, partial ("1970s", "1986"), relative and weekday times.

A claim's time qualifier is what the source says ({"text", "start", "end"}); this module
turns it into a span with its uncertainty, so a timeline can draw "the late 1970s" as a
bar over 1975–1979, "before 2003" as an open bar ending in 2003, and "on Tuesday" as the
Tuesday before the document's publication date. Nothing here changes the stored claim:
the placement is a reading aid, and `basis` says how each one was made.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from claimgraph.core.lexicon import word_list

DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(1[0-9]|20)(\d)0s\b", re.I)
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
# how far an open side of "before 2003" / "after 2003" is drawn (the bar fades there)
OPEN_SPAN_YEARS = 5
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
RELATIVE_DAYS = {"today": 0, "yesterday": 1}


def _cue(text: str, family: str) -> bool:
    """Whether a cue of this family comes right before the year in `text`."""
    cues = "|".join(re.escape(c) for c in sorted(word_list(family), key=len, reverse=True))
    return re.search(rf"\b(?:{cues})\b[^.;]*?\b(?:1[5-9]\d\d|20\d\d)\b", text, re.I) is not None


def _period(prefix: str) -> tuple[date, date, str] | None:
    """The first and last day an ISO date prefix covers, and its precision."""
    m = ISO_PREFIX.match(prefix or "")
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        day = date(year, int(m.group(2)), int(m.group(3)))
        return day, day, "day"
    if m.group(2):
        month = int(m.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    return date(year, 1, 1), date(year, 12, 31), "year"


def _published_day(published: str | None) -> date | None:
    found = _period(published or "")
    return found[0] if found and found[2] == "day" else None


def place_time(time: dict[str, Any] | None, published: str | None = None) -> dict[str, Any] | None:
    """{start, end (ISO days), precision, open_start, open_end, basis} for a time qualifier, or None."""
    if not time:
        return None
    text = str(time.get("text") or "")
    start, end = _period(str(time.get("start") or "")), _period(str(time.get("end") or ""))
    if start or end:
        first = (start or end)[0]  # type: ignore[index]
        last = (end or start)[1]  # type: ignore[index]
        precision = (start or end)[2]  # type: ignore[index]
        decade = DECADE.search(text)
        if decade and not end:  # a stated decade start ("1970") with the decade in the text
            first, last, precision = _decade(decade)
        return _span(first, last, precision, open_start=bool(end and not start), open_end=False, basis="stated")
    decade = DECADE.search(text)
    if decade:
        first, last, precision = _decade(decade)
        return _span(first, last, precision, basis="decade in the text")
    year = YEAR.search(text)
    if year:
        y = int(year.group(1))
        if _cue(text, "ui_time_before"):
            return _span(date(y - OPEN_SPAN_YEARS, 1, 1), date(y, 12, 31), "year", open_start=True,
                         basis=f"before {y}")
        if _cue(text, "ui_time_after"):
            return _span(date(y, 1, 1), date(y + OPEN_SPAN_YEARS, 12, 31), "year", open_end=True,
                         basis=f"after {y}")
        return _span(date(y, 1, 1), date(y, 12, 31), "year", basis="year in the text")
    day = _published_day(published)
    if day is not None:
        lowered = text.lower()
        for word, back in RELATIVE_DAYS.items():
            if re.search(rf"\b{word}\b", lowered):
                when = day - timedelta(days=back)
                return _span(when, when, "day", basis=f"{word}, from the publication date {day.isoformat()}")
        for name, weekday in WEEKDAYS.items():
            if re.search(rf"\b{name}\b", lowered):
                # the latest such weekday on or before publication: news reports past days
                when = day - timedelta(days=(day.weekday() - weekday) % 7)
                return _span(when, when, "day",
                             basis=f"{calendar.day_name[weekday]} before the publication date {day.isoformat()}")
    return None


def _decade(match: re.Match[str]) -> tuple[date, date, str]:
    base = int(match.group(2) + match.group(3) + "0")
    low, high = DECADE_PARTS.get((match.group(1) or "").lower(), (0, 9))
    return date(base + low, 1, 1), date(base + high, 12, 31), "decade" if (low, high) == (0, 9) else "part of a decade"


def _span(first: date, last: date, precision: str, open_start: bool = False, open_end: bool = False,
          basis: str = "stated") -> dict[str, Any]:
    return {"start": first.isoformat(), "end": last.isoformat(), "precision": precision, "open_start": open_start,
            "open_end": open_end, "basis": basis}
