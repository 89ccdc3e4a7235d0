"""Reading publication dates as real ``datetime.date`` values.

``parse_date`` reads a string that is a date and nothing else (a time of day may follow); ``find_date``
finds the first date inside a longer string. Both know the forms news pages and UN documents use:

    2021-07-05   2021/07/05   2021-07-05T10:52:50+01:00   05.07.2021 (day first)
    July 5, 2021   Jul 05,2021   Feb 27, 2024 03:03 AM   Friday, January 4, 2019   20 JULY 2009

A date written without its year ("GENEVA, July 5 (Xinhua) --") is read by ``parse_month_day`` and
placed by ``with_year`` in the year that puts it nearest to another date of the page.

Month names come from the text toolkit (``onrecord.text``, ``data/text.json``), as every stage reads
them; the plausible years from ``data/furniture.toml``. An impossible date
(``2021-02-30``) or a year out of range is no date: the answer is ``None``, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from onrecord.clean.rules import DateYears, rulebook
from onrecord.text import MONTH_FORMS_PATTERN, month_number

_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+"
_TIME = (
    r"(?:\s*(?:,|at|-|\||T)?\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?[A-Z]{2,5}\)?(?:[+-]\d{1,2})?))?)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH = rf"(?P<n>{MONTH_FORMS_PATTERN})\.?"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each date form with the order of its groups: y(ear), m(onth number), n(ame of month), d(ay)."""
    forms = (
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", "ymd"),
        (r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})", "ymd"),
        (r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})", "dmy"),
        (rf"(?:{_WEEKDAY})?{_MONTH}\s*(?P<d>\d{{1,2}}){_ORDINAL},?\s*(?P<y>\d{{4}})", "ndy"),
        (rf"(?:{_WEEKDAY})?(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})", "dny"),
    )
    return tuple((re.compile(form + _TIME, re.IGNORECASE), order) for form, order in forms)


@cache
def _month_day_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(form, re.IGNORECASE)
        for form in (
            rf"(?:{_WEEKDAY})?{_MONTH}\s*(?P<d>\d{{1,2}}){_ORDINAL}",
            rf"(?:{_WEEKDAY})?(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}",
        )
    )


def parse_month_day(text: str) -> tuple[int, int] | None:
    """The (month, day) of a date written without its year ("July 5", "5 July"), else ``None``."""
    for pattern in _month_day_patterns():
        match = pattern.fullmatch(text.strip())
        if match:
            month, day = month_number(match["n"]), int(match["d"])
            if month is None:
                return None
            try:
                dt.date(2000, month, day)  # a leap year: 29 February is a day
            except ValueError:
                return None
            return month, day
    return None


def with_year(month: int, day: int, near: dt.date) -> dt.date | None:
    """The date of ``month`` and ``day`` nearest to ``near`` (in its year, the one before or after)."""
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year
    return min(candidates, key=lambda date: abs((date - near).days)) if candidates else None


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` is (with an optional time after it), or ``None`` when it is not one date."""
    years = rulebook().dates
    candidate = text.strip()
    for pattern, _ in _patterns():
        match = pattern.fullmatch(candidate)
        if match:
            return _date_of(match, years)
    return None


def find_date(text: str) -> dt.date | None:
    """The first date written anywhere in ``text``, or ``None``."""
    years = rulebook().dates
    best: tuple[int, dt.date] | None = None
    for pattern, _ in _patterns():
        for match in pattern.finditer(text):
            if not _bounded(text, match.start(), match.end()):
                continue
            date = _date_of(match, years)
            if date is not None and (best is None or match.start() < best[0]):
                best = (match.start(), date)
                break
    return best[1] if best else None


_SLASHED = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")


def find_slashed_date(text: str) -> dt.date | None:
    """The first date written with slashes, ``06/03/2023``: day first, month first when it cannot be.

    Only for a page's byline or header, where a number with two slashes is the publication date; the
    order is the European one unless the first number cannot be a day's month (``03/27/2023``).
    """
    years = rulebook().dates
    for match in _SLASHED.finditer(text):
        first, second, year = (int(g) for g in match.groups())
        for day, month in ((first, second), (second, first)):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if years.earliest_year <= date.year <= years.latest_year:
                return date
    return None


def _bounded(text: str, start: int, end: int) -> bool:
    """True when the match is not a piece of a longer word or number."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _date_of(match: re.Match[str], years: DateYears) -> dt.date | None:
    groups = match.groupdict()
    month = month_number(groups["n"]) if groups.get("n") else int(groups["m"])
    if month is None:
        return None
    try:
        date = dt.date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None
    if not years.earliest_year <= date.year <= years.latest_year:
        return None
    return date
