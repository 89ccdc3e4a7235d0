"""The session calendar: when a numbered session of a body met, from ``data/sessions.json``.

The Human Rights Council ("HRC") and the UPR Working Group ("UPR") are tables of sessions, each entry
with its source and whether its dates are exact; the General Assembly ("GA") is a rule (session N opens
in September of 1945 + N). The calendar checks a date a text gives ("on Monday" must fall inside the
55th session) and dates a session that a text names only by its number.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from onrecord.datafiles import read_json
from onrecord.errors import ConfigError
from onrecord.events.bodies import find_body

SESSION_SLACK_DAYS = 3  # a day this close to a session's dates may still be one of its days


@dataclass(frozen=True, slots=True)
class Session:
    """One session of a body: its number, first and last day, where it met, and how sure the dates are."""

    calendar: str  # "HRC", "UPR", "GA"
    body: str
    number: int
    start: dt.date
    end: dt.date
    location: str | None
    exact: bool
    source: str

    def contains(self, day: dt.date, slack_days: int = 0) -> bool:
        """True when ``day`` falls within the session, widened by ``slack_days`` on each side."""
        slack = dt.timedelta(days=slack_days)
        return self.start - slack <= day <= self.end + slack


@dataclass(frozen=True, slots=True)
class _Rule:
    body: str
    location: str | None
    year_offset: int
    month: int
    weekday: int
    week: int
    week_from_session: dict[int, int]  # session number -> the week used from that session on
    source: str

    def week_for(self, number: int) -> int:
        week = self.week
        for first, later in sorted(self.week_from_session.items()):
            if number >= first:
                week = later
        return week


@dataclass(frozen=True, slots=True)
class Calendar:
    tables: dict[str, dict[int, Session]]
    rules: dict[str, _Rule]
    body_calendar: dict[str, str]  # canonical body name -> calendar name


def _date(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"sessions.json: {where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


@cache
def session_calendar() -> Calendar:
    """The calendar, read from ``data/sessions.json`` once."""
    data = read_json("sessions.json")
    tables: dict[str, dict[int, Session]] = {}
    body_calendar: dict[str, str] = {}
    for name, table in data["calendars"].items():
        body_calendar[table["body"]] = name
        rows: dict[int, Session] = {}
        for row in table["sessions"]:
            where = f"{name} session {row.get('session')}"
            start, end = _date(row["start"], where), _date(row["end"], where)
            if end < start:
                raise ConfigError(f"sessions.json: {where} ends ({end}) before it starts ({start})")
            rows[int(row["session"])] = Session(
                name,
                table["body"],
                int(row["session"]),
                start,
                end,
                table.get("location"),
                bool(row["exact"]),
                str(row["source"]),
            )
        tables[name] = rows
    weekdays = [d.lower() for d in calendar.day_name]
    rules: dict[str, _Rule] = {}
    for name, rule in data["rules"].items():
        body_calendar[rule["body"]] = name
        rules[name] = _Rule(
            rule["body"],
            rule.get("location"),
            int(rule["year_offset"]),
            int(rule["month"]),
            weekdays.index(str(rule["weekday"]).lower()),
            int(rule["week"]),
            {int(k): int(v) for k, v in rule.get("week_from_session", {}).items()},
            str(rule["source"]),
        )
    return Calendar(tables, rules, body_calendar)


def _opening(rule: _Rule, number: int) -> dt.date:
    """The n-th ``weekday`` of the month, counting weeks from the first with a working day (Mon-Fri)."""
    year = rule.year_offset + number
    first = dt.date(year, rule.month, 1)
    # the first week with a working day of the month is the week of the 1st, unless the 1st is a
    # Saturday or Sunday, in which case it is the week after
    week_start = first - dt.timedelta(days=first.weekday())
    if first.weekday() >= 5:
        week_start += dt.timedelta(days=7)
    return week_start + dt.timedelta(weeks=rule.week_for(number) - 1, days=rule.weekday)


def _ruled_session(name: str, rule: _Rule, number: int) -> Session | None:
    if number < 1:
        return None
    start = _opening(rule, number)
    end = _opening(rule, number + 1) - dt.timedelta(days=1)
    return Session(name, rule.body, number, start, end, rule.location, False, rule.source)


def calendar_of(body: str | None) -> str | None:
    """The calendar name ("HRC", "UPR", "GA") kept for a canonical body name, if any: the calendar's own
    body, or a body that ``data/bodies.json`` puts on it (the Third Committee meets in the Assembly's
    sessions)."""
    if body is None:
        return None
    known = session_calendar().body_calendar.get(body)
    if known is not None:
        return known
    entry = find_body(body)
    return entry.calendar if entry is not None else None


def find_session(body: str | None, number: int) -> Session | None:
    """The numbered session of ``body`` (a canonical body name or a calendar name), if the calendar has it."""
    cal = session_calendar()
    name = body if body in cal.tables or body in cal.rules else calendar_of(body)
    if name is None:
        return None
    if name in cal.tables:
        return cal.tables[name].get(number)
    return _ruled_session(name, cal.rules[name], number)


def session_on(body: str | None, day: dt.date) -> Session | None:
    """The session of ``body`` that was meeting on ``day``, if the calendar knows one."""
    cal = session_calendar()
    name = body if body in cal.tables or body in cal.rules else calendar_of(body)
    if name is None:
        return None
    if name in cal.tables:
        return next((s for s in cal.tables[name].values() if s.contains(day)), None)
    rule = cal.rules[name]
    number = day.year - rule.year_offset
    for candidate in (number, number - 1):
        session = _ruled_session(name, rule, candidate)
        if session is not None and session.contains(day):
            return session
    return None
