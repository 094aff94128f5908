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
# full month names, matched capitalised only: "may" and "march" are also verbs
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}


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


def _cue_word(text: str, family: str) -> str | None:
    """The cue of this family ("after", "since") the time text opens with or has before its date, if any."""
    cues = "|".join(re.escape(c) for c in sorted(word_list(family), key=len, reverse=True))
    found = re.search(rf"\b({cues})\b", text, re.I)
    return found.group(1).lower() if found else None


def _finer(text: str, stated: tuple[date, date, str]) -> tuple[date, date, str]:
    """The stated period, narrowed to what the wording gives ("December 1998" stored as "1998" is December)."""
    from claimgraph.extract.timeinfo import parse_time

    parsed = parse_time(text) if text else None
    finer = _period(str((parsed or {}).get("start") or ""))
    if finer and stated[0] <= finer[0] <= finer[1] <= stated[1] and (finer[1] - finer[0]) < (stated[1] - stated[0]):
        return finer
    return stated


def _open_span(point: tuple[date, date, str], before: bool, basis: str) -> dict[str, Any]:
    """An open bar: OPEN_SPAN_YEARS up to the point ("before 2003") or from it ("after 2003")."""
    first, last, precision = point
    if before:
        return _span(date(first.year - OPEN_SPAN_YEARS, first.month, 1), last, precision, open_start=True,
                     basis=basis)
    return _span(first, date(last.year + OPEN_SPAN_YEARS, 12, 31), precision, open_end=True, basis=basis)


def _label(prefix: str) -> str:
    return prefix[:10]


def place_time(time: dict[str, Any] | None, published: str | None = None) -> dict[str, Any] | None:
    """{start, end (ISO days), precision, open_start, open_end, basis} for a time qualifier, or None.

    `basis` says how the placement was made in words a reader can check ("after 2003", "Tuesday before
    the publication date 2024-05-09"); open_start/open_end mark a side the source leaves open.
    """
    if not time:
        return None
    text = " ".join(str(time.get("text") or "").split())
    start_text, end_text = str(time.get("start") or ""), str(time.get("end") or "")
    start, end = _period(start_text), _period(end_text)
    before, after = _cue_word(text, "ui_time_before"), _cue_word(text, "ui_time_after")
    if start and end:
        decade = DECADE.search(text)
        # "the late 1970s" stored as the whole decade 1970–1979: the part of it the wording names
        whole = (date(start[0].year, 1, 1), date(start[0].year + 9, 12, 31))
        if decade and start[0].year % 10 == 0 and (start[0], end[1]) == whole:
            return _span(*_decade(decade), basis="stated")
        start, end = _finer(text, start), _finer(text, end)
        return _span(start[0], end[1], start[2] if start == end else "range", basis="stated")
    if start:
        decade = DECADE.search(text)
        if decade:  # a stated decade start ("1970") with the decade in the text
            first, last, precision = _decade(decade)
            return _span(first, last, precision, basis="stated")
        start = _finer(text, start)
        if after and not before:  # "since August 2009", "after the 2003 invasion": the source leaves the end open
            return _open_span(start, before=False, basis=f"{after} {_label(start_text)}")
        return _span(*start, basis="stated")
    if end:
        end = _finer(text, end)
        return _open_span(end, before=True, basis=f"{before or 'until'} {_label(end_text)}")
    return _from_wording(text, before, after, published)


def _from_wording(text: str, before: str | None, after: str | None, published: str | None
                  ) -> dict[str, Any] | None:
    """A placement from the time's words alone: a decade, a year, a known event, or a day from the publication."""
    decade = DECADE.search(text)
    if decade:
        first, last, precision = _decade(decade)
        return _span(first, last, precision, basis="decade in the text")
    year = YEAR.search(text)
    if year:
        y = int(year.group(1))
        point = (date(y, 1, 1), date(y, 12, 31), "year")
        if before and _cue(text, "ui_time_before"):
            return _open_span(point, before=True, basis=f"{before} {y}")
        if after and _cue(text, "ui_time_after"):
            return _open_span(point, before=False, basis=f"{after} {y}")
        return _span(*point, basis="year in the text")
    event = _anchor_event(text)
    if event is not None:
        opens, closes, name = event
        spanned = (opens[0], closes[1], opens[2] if opens == closes else "range")
        if before:
            return _open_span(spanned, before=True, basis=f"{before} {name}")
        if after:
            return _open_span(spanned, before=False, basis=f"{after} {name}")
        return _span(*spanned, basis=name)
    day = _published_day(published)
    return _from_publication(text, day) if day is not None else None


def _anchor_event(text: str) -> tuple[tuple[date, date, str], tuple[date, date, str], str] | None:
    """The dates of a known event the wording names (the extractors' anchor table), with how it reads."""
    from claimgraph.extract.timeinfo import event_time

    found = event_time(text)
    if not found:
        return None
    first, last = _period(found[0] or found[1]), _period(found[1] or found[0])
    if not first or not last:
        return None
    years = str(first[0].year) if first[0].year == last[1].year else f"{first[0].year}–{last[1].year}"
    return first, last, f"{years} (a dated event)"


def _from_publication(text: str, day: date) -> dict[str, Any] | None:
    """'yesterday', 'on Tuesday', 'in January', 'last week/month/year' counted back from the publication day."""
    lowered = text.lower()
    since = f"the publication date {day.isoformat()}"
    for word, back in RELATIVE_DAYS.items():
        if re.search(rf"\b{word}\b", lowered):
            when = day - timedelta(days=back)
            return _span(when, when, "day", basis=f"{word}, from {since}")
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", lowered):
            # the latest such weekday on or before publication: news reports past days
            when = day - timedelta(days=(day.weekday() - weekday) % 7)
            return _span(when, when, "day", basis=f"{calendar.day_name[weekday]} before {since}")
    for name, month in MONTHS.items():
        if re.search(rf"\b{name.capitalize()}\b", text):
            # a month without a year: the latest one that began on or before publication
            year = day.year if month <= day.month else day.year - 1
            return _span(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month",
                         basis=f"{calendar.month_name[month]} before {since}")
    last = re.search(r"\b(?:last|past|previous)\s+(week|month|year)\b", lowered)
    if last:
        unit = last.group(1)
        if unit == "week":
            monday = day - timedelta(days=day.weekday() + 7)
            return _span(monday, monday + timedelta(days=6), "week", basis=f"the week before {since}")
        if unit == "month":
            first = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
            return _span(first, first.replace(day=calendar.monthrange(first.year, first.month)[1]), "month",
                         basis=f"the month before {since}")
        return _span(date(day.year - 1, 1, 1), date(day.year - 1, 12, 31), "year", basis=f"the year before {since}")
    return None


def _decade(match: re.Match[str]) -> tuple[date, date, str]:
    base = int(match.group(2) + match.group(3) + "0")
    low, high = DECADE_PARTS.get((match.group(1) or "").lower(), (0, 9))
    return date(base + low, 1, 1), date(base + high, 12, 31), "decade" if (low, high) == (0, 9) else "part of a decade"


def _span(first: date, last: date, precision: str, open_start: bool = False, open_end: bool = False,
          basis: str = "stated") -> dict[str, Any]:
    return {"start": first.isoformat(), "end": last.isoformat(), "precision": precision, "open_start": open_start,
            "open_end": open_end, "basis": basis}


def unplaced_reason(time: dict[str, Any] | None, published: str | None = None) -> str:
    """Why place_time could not place a time, in words for the reader (call it when place_time gave None)."""
    text = " ".join(str((time or {}).get("text") or "").split())
    lowered = text.lower()
    counted = any(re.search(rf"\b{w}\b", lowered) for w in (*RELATIVE_DAYS, *WEEKDAYS)) \
        or any(re.search(rf"\b{m.capitalize()}\b", text) for m in MONTHS) \
        or re.search(r"\b(?:last|past|previous)\s+(?:week|month|year)\b", lowered) is not None
    if counted and _published_day(published) is None:
        return "counted from the publication date, which this document does not give"
    if _cue_word(text, "ui_time_before") or _cue_word(text, "ui_time_after"):
        return "relative to an event with no known date"
    return "no date in its wording"
