"""The day words were said, from what a text says and the day it was published.

Conventions (news style, as wire services write it):

* A bare weekday ("said on Monday", "said Monday") is the most recent such day on or before the
  publication date: 0 to 6 days back. A story published on a Monday that says "on Monday" means that
  same day (a dateline's day); "last Monday" means 1 to 7 days back; "next Monday" 1 to 7 days ahead,
  and so does a weekday in a sentence about what will happen ("will meet on Monday").
* "today", "this morning", "tonight" are the publication day; "yesterday" the day before.
* An explicit day without a year ("on 26 February", "Feb. 26") is the latest such day no more than a
  month after publication: "on December 30" in an article of 2 January is the previous year's.
* Stretches ("last week", "earlier this month") give their first day, with source "approximate".

Every finding says how it was found (``DateSource``) so that a reader can weigh it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.models import Span


class DateSource:
    """How sure a date is, from most to least: the values of ``Event.date_source``."""

    EXPLICIT = "explicit"  # a written date: "on 26 February 2024", "Feb. 26"
    RELATIVE = "relative"  # a day named against the publication date: "on Monday", "yesterday"
    APPROXIMATE = "approximate"  # the first day of a stretch: "last week", "earlier this month"
    CALENDAR = "calendar"  # from the session calendar: the session was named, no day
    PUBLISHED = "published"  # nothing better than the publication date


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day a text names, resolved: the words, the date, how it was found."""

    span: Span
    date: dt.date
    source: str


_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number]] = _number
    _MONTHS[calendar.month_abbr[_number]] = _number
_MONTHS["Sept"] = 9
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_EXPLICIT = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:-|–|to)\s*\d){_YEAR}\b"),
]
_WEEKDAY = re.compile(
    r"\b(?P<mod>(?:last|this past|past|next|this coming|coming|on|this)\s+)?(?P<weekday>"
    + "|".join(_WEEKDAYS)
    + r")\b"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|is due to|are due to|scheduled|set to|to be held|plans? to)\b"
)
# a weekday said with its week: "on Tuesday last week", "Tuesday of next week", "last week, on Thursday"
_WEEK_AFTER = re.compile(r"\s*,?\s+(?:of\s+)?(?P<which>last|next)\s+week\b", re.IGNORECASE)
_WEEK_BEFORE = re.compile(r"\b(?P<which>last|next)\s+week\s*,?\s*(?:on\s+)?$", re.IGNORECASE)
_RELATIVE_DAYS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "earlier today": 0,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
}
_RELATIVE = re.compile(
    r"\b(?:" + "|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_AGO = re.compile(
    r"\b(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven)\s+(?P<unit>days?|weeks?)\s+ago\b", re.I
)
_STRETCH = re.compile(
    r"\b(?P<stretch>last week|earlier this week|this week|earlier this month|this month|last month)\b", re.I
)


def _explicit_date(year: int | None, month: int, day: int, published: dt.date | None) -> dt.date | None:
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if published is None:
        return None
    latest = published + dt.timedelta(days=31)
    for candidate_year in (published.year + 1, published.year, published.year - 1):
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate <= latest:
            return candidate
    return None


def weekday_date(weekday: int, published: dt.date, modifier: str = "", future: bool = False) -> dt.date:
    """The day a weekday name points to, seen from the publication date (see the module's conventions)."""
    modifier = " ".join(modifier.lower().split())
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier in ("next", "this coming", "coming") or (
        future and modifier not in ("last", "past", "this past")
    ):
        return published + dt.timedelta(days=ahead or 7)
    if modifier in ("last", "past", "this past"):
        return published - dt.timedelta(days=back or 7)
    return published - dt.timedelta(days=back)


def _stretch_start(stretch: str, published: dt.date) -> dt.date:
    stretch = stretch.lower()
    monday = published - dt.timedelta(days=published.weekday())
    if stretch == "last week":
        return monday - dt.timedelta(days=7)
    if stretch.endswith("this week"):
        return monday
    if stretch == "last month":
        return (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return published.replace(day=1)


def find_dates(
    text: str, published: dt.date | None, start: int = 0, end: int | None = None
) -> tuple[DateMention, ...]:
    """Every day named in ``text[start:end]`` that can be resolved, in text order (spans index ``text``)."""
    stop = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], day: dt.date | None, source: str) -> None:
        if day is None or any(m.start() < b and a < m.end() for a, b in taken):
            return
        taken.append(m.span())
        found.append(DateMention(Span.of(text, m.start(), m.end()), day, source))

    for pattern in _EXPLICIT:
        for m in pattern.finditer(text, start, stop):
            month = m.group("month")
            month_number = int(month) if month.isdigit() else _MONTHS[month]
            year = int(m.group("year")) if m.group("year") else None
            add(m, _explicit_date(year, month_number, int(m.group("day")), published), DateSource.EXPLICIT)
    if published is not None:
        for m in _RELATIVE.finditer(text, start, stop):
            offset = _RELATIVE_DAYS[" ".join(m.group().lower().split())]
            add(m, published + dt.timedelta(days=offset), DateSource.RELATIVE)
        for m in _WEEKDAY.finditer(text, start, stop):
            clause_start = max(text.rfind(".", start, m.start()), text.rfind(";", start, m.start()), start)
            future = bool(_FUTURE.search(text, clause_start, m.start()))
            day = weekday_date(_WEEKDAYS[m.group("weekday")], published, m.group("mod") or "", future)
            after = _WEEK_AFTER.match(text, m.end(), stop)
            week = after or _WEEK_BEFORE.search(text[clause_start : m.start()])
            if week is not None and (m.group("mod") or "on").strip().lower() == "on":
                # "on Tuesday last week", "last week, on Thursday": that weekday of the calendar week named
                shift = -7 if week.group("which").lower() == "last" else 7
                monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=shift)
                day = monday + dt.timedelta(days=_WEEKDAYS[m.group("weekday")])
                if after is not None:
                    taken.append(after.span())  # the week said with the day is no stretch of its own
            add(m, day, DateSource.RELATIVE)
        for m in _AGO.finditer(text, start, stop):
            n = m.group("n").lower()
            count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
            unit = 7 if m.group("unit").lower().startswith("week") else 1
            source = DateSource.RELATIVE if unit == 1 else DateSource.APPROXIMATE
            add(m, published - dt.timedelta(days=count * unit), source)
        for m in _STRETCH.finditer(text, start, stop):
            add(m, _stretch_start(m.group("stretch"), published), DateSource.APPROXIMATE)
    return tuple(sorted(found, key=lambda x: x.span.start))


def date_for_sentence(sentence_text: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """The day a sentence says its words were said, and how that was found; None where it names none.

    A stretch ("last week") is used only where the sentence names no day.
    """
    return best_date(find_dates(sentence_text, published))


def best_date(mentions: Sequence[DateMention]) -> tuple[dt.date, str] | None:
    """The day a set of date mentions gives: the first that names a day, else the first stretch."""
    if not mentions:
        return None
    best = next((m for m in mentions if m.source != DateSource.APPROXIMATE), mentions[0])
    return best.date, best.source
