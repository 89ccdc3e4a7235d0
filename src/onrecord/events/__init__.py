"""Where and when: the bodies, sessions, segments and days of statements, and the figures they cite.

    find_event(article)          the event a news article reports (body, session, segment, kind, day)
    find_report_event(text)      the UPR review a Working Group report records
    date_for_sentence(s, day)    the day one sentence says its words were said
    find_figures(text)           the numbers cited, with qualifier, value and what they count

Bodies and their names are data (``data/bodies.json``), the session calendar too (``data/sessions.json``),
and so are the number words and figure lexicons (``data/figures.json``).
"""

from __future__ import annotations

from onrecord.events.bodies import Body, BodyMention, ancestors, bodies, find_bodies, find_body
from onrecord.events.dates import DateMention, DateSource, date_for_sentence, find_dates, weekday_date
from onrecord.events.figures import find_figures
from onrecord.events.finder import find_event, sentences
from onrecord.events.numbers import parse_cardinal, parse_ordinal
from onrecord.events.reports import find_report_event, state_name
from onrecord.events.sessions import Session, find_session, session_on

__all__ = [
    "Body",
    "BodyMention",
    "DateMention",
    "DateSource",
    "Session",
    "ancestors",
    "bodies",
    "date_for_sentence",
    "find_bodies",
    "find_body",
    "find_dates",
    "find_event",
    "find_figures",
    "find_report_event",
    "find_session",
    "parse_cardinal",
    "parse_ordinal",
    "sentences",
    "session_on",
    "state_name",
    "weekday_date",
]
