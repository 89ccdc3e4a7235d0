"""The day words were said, against the publication date: weekdays, weekends, year ends, explicit days.

Conventions are documented in ``onrecord.events.dates``: a bare weekday is 0-6 days back.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.events import date_for_sentence, find_dates, weekday_date

D = dt.date
TUE = D(2024, 2, 27)  # a Tuesday
MON = D(2021, 7, 5)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "published", "day", "source"),
    [
        ("The envoy said on Monday that talks would go on.", TUE, D(2024, 2, 26), "relative"),
        ("Scholars said on Friday that rights are universal.", MON, D(2021, 7, 2), "relative"),
        ("The minister spoke on Saturday.", MON, D(2021, 7, 3), "relative"),
        ("The minister spoke on Sunday.", MON, D(2021, 7, 4), "relative"),
        ("The minister spoke Monday.", MON, MON, "relative"),  # the dateline's own day
        ("The minister spoke last Monday.", MON, D(2021, 6, 28), "relative"),
        ("The council will vote on Friday.", MON, D(2021, 7, 9), "relative"),
        ("A vote is set for next Monday.", TUE, D(2024, 3, 4), "relative"),
        ("She said yesterday the vote was fair.", MON, D(2021, 7, 4), "relative"),
        ("She said today the vote was fair.", MON, MON, "relative"),
        ("It was said three days ago.", MON, D(2021, 7, 2), "relative"),
        ("The report came out on 26 February.", TUE, D(2024, 2, 26), "explicit"),
        ("The report came out on Feb. 26.", TUE, D(2024, 2, 26), "explicit"),
        ("The report came out on February 26, 2023.", TUE, D(2023, 2, 26), "explicit"),
        ("The fictional summit closed on December 30.", D(2024, 1, 2), D(2023, 12, 30), "explicit"),
        ("The summit opens on January 3.", D(2023, 12, 30), D(2024, 1, 3), "explicit"),
        ("Talks on 31 December ran late.", D(2025, 1, 1), D(2024, 12, 31), "explicit"),
        ("The meeting on 2024-02-26 ended.", None, D(2024, 2, 26), "explicit"),
        (
            "On Friday, the envoy said on New Year's Eve things changed.",
            D(2024, 1, 1),
            D(2023, 12, 29),
            "relative",
        ),
        ("The panel met last week.", TUE, D(2024, 2, 19), "approximate"),
        ("The panel met earlier this month.", TUE, D(2024, 2, 1), "approximate"),
        ("The panel met last month.", D(2024, 1, 10), D(2023, 12, 1), "approximate"),
        ("The panel met last week, on Thursday.", TUE, D(2024, 2, 22), "relative"),
        # a weekday said with its calendar week, seen from a Thursday (2025-03-06)
        ("The envoy spoke on Tuesday last week.", D(2025, 3, 6), D(2025, 2, 25), "relative"),
        ("The envoy spoke Tuesday of last week.", D(2025, 3, 6), D(2025, 2, 25), "relative"),
        ("The envoy spoke last week, on Wednesday.", D(2025, 3, 6), D(2025, 2, 26), "relative"),
        ("The Council will meet on Monday next week.", D(2025, 3, 6), D(2025, 3, 10), "relative"),
    ],
)
def test_date_for_sentence(sentence: str, published: dt.date | None, day: dt.date, source: str) -> None:
    assert date_for_sentence(sentence, published) == (day, source)


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("The envoy said that talks would go on.", TUE),
        ("The envoy said on Monday that talks would go on.", None),  # no publication date: no anchor
        ("The plan covers May 2009 to June 2010.", TUE),  # months, not days
        ("Article 26 of the Covenant applies.", TUE),
    ],
)
def test_no_date(sentence: str, published: dt.date | None) -> None:
    assert date_for_sentence(sentence, published) is None


@given(
    published=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
    weekday=st.integers(min_value=0, max_value=6),
)
def test_a_bare_weekday_is_the_past_six_days(published: dt.date, weekday: int) -> None:
    day = weekday_date(weekday, published)
    assert day.weekday() == weekday
    assert 0 <= (published - day).days <= 6
    last = weekday_date(weekday, published, "last")
    assert 1 <= (published - last).days <= 7
    ahead = weekday_date(weekday, published, "next")
    assert 1 <= (ahead - published).days <= 7


@given(
    published=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
    day=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
)
def test_an_explicit_day_without_year_is_at_most_a_month_ahead(published: dt.date, day: dt.date) -> None:
    if (day.month, day.day) == (2, 29):
        return
    text = f"They met on {day.day} {day.strftime('%B')}."
    found = find_dates(text, published)
    assert len(found) == 1
    resolved = found[0].date
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert -366 < (resolved - published).days <= 31
    assert text[found[0].span.start : found[0].span.end] == found[0].span.text
