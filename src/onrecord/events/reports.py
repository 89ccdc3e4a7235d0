"""The event a UN report records of itself: a UPR Working Group report names its session and review.

    "held its fifth session from 4 to 15 May 2009. The review of Afghanistan was held at the 8th
    meeting, on 7 May 2009" -> UPR Working Group, session 5, UPR review of Afghanistan, 2009-05-07

Where the text leaves a field out (a review day without its year, a session without its number) the
session calendar completes it; where the calendar disagrees with the text, the text wins.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from onrecord.events.bodies import find_body
from onrecord.events.dates import DateSource
from onrecord.events.numbers import ordinal_pattern, parse_ordinal
from onrecord.events.sessions import find_session, session_on
from onrecord.models import Event, Span
from onrecord.text import MONTHS_PATTERN, month_number

UPR_BODY = "UPR Working Group"
UPR_REVIEW = "UPR review"

_MONTH = MONTHS_PATTERN
_DAY_MONTH_YEAR = rf"(\d{{1,2}})\s+({_MONTH})(?:\s+(\d{{4}}))?"


def _session_held() -> re.Pattern[str]:
    return re.compile(
        rf"\bheld\s+its\s+(?P<ordinal>{ordinal_pattern()})\s+session\s+from\s+"
        rf"(?P<range>[^.]{{0,60}}?\d{{4}})",
        re.IGNORECASE,
    )


_REVIEW = re.compile(
    r"\b[Rr]eview\s+of\s+(?P<state>[^\n.]{2,120}?)\s+was\s+held\s+at\s+the\s+[^.]{0,40}?meeting,?\s+"
    rf"(?:held\s+)?on\s+(?P<date>{_DAY_MONTH_YEAR})"
)
_HEADER_STATE = re.compile(r"Universal Periodic Review\s*\*?\s*\n\s*(?P<state>[A-Z][^\n*]{1,80}?)\s*\n")
_ISSUED = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_WORKING_GROUP = re.compile(r"Working\s+Group\s+on\s+the\s+Universal\s+Periodic\s+Review", re.IGNORECASE)


def state_name(raw: str) -> str:
    """A State's name as a report writes it, tidied: no leading "the", no "(DPRK)", plain ASCII letters.

    The ASCII form is how the UPR Info database spells names ("Cote d'Ivoire"), so that names from the
    reports and from that database compare equal.
    """
    name = " ".join(raw.replace("\u2019", "'").replace("\u2018", "'").split())
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s*\([A-Z]{2,}\)$", "", name)
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c))


def _date(day: str, month: str, year: int | None) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month_number(month) or 0, int(day))
    except ValueError:
        return None


def find_report_event(text: str) -> Event | None:
    """The UPR review a Working Group report records, or None when ``text`` is not such a report.

    Every field comes with its evidence span; the location is the calendar's (the Working Group meets
    in Geneva); ``remote`` stays unknown, as the reports do not say. ``date_published`` is the issue
    date printed under the document symbol, where found.
    """
    session_match = _session_held().search(text)
    review = _REVIEW.search(text)
    if session_match is None and review is None and not _WORKING_GROUP.search(text[:3000]):
        return None
    evidence: list[Span] = []
    session_number: int | None = None
    session_year: int | None = None
    if session_match is not None:
        session_number = parse_ordinal(session_match.group("ordinal"))
        years = re.findall(r"\d{4}", session_match.group("range"))
        session_year = int(years[-1]) if years else None
        evidence.append(Span.of(text, session_match.start(), session_match.end()))
    state: str | None = None
    day: dt.date | None = None
    source: str | None = None
    if review is not None:
        state = state_name(review.group("state"))
        evidence.append(Span.of(text, review.start(), review.end()))
        given_year = int(review.group(5)) if review.group(5) else None
        day = _date(review.group(3), review.group(4), given_year)
        if day is None and session_number is not None:
            known = find_session(UPR_BODY, session_number)
            year = known.start.year if known is not None else session_year
            day = _date(review.group(3), review.group(4), year)
        source = DateSource.EXPLICIT if day is not None else None
    if state is None:
        header = _HEADER_STATE.search(text[:4000])
        if header is not None:
            state = state_name(header.group("state"))
            evidence.append(Span.of(text, header.start("state"), header.end("state")))
    if session_number is None and day is not None:
        meeting = session_on(UPR_BODY, day)
        session_number = meeting.number if meeting is not None else None
    calendar_session = find_session(UPR_BODY, session_number) if session_number is not None else None
    if day is None and calendar_session is not None:
        day, source = calendar_session.start, DateSource.CALENDAR
    body = find_body(UPR_BODY)
    location = (
        calendar_session.location if calendar_session is not None else (body.location if body else None)
    )
    issued = _ISSUED.search(text[:1500])
    published = _date(issued.group(1), issued.group(2), int(issued.group(3))) if issued else None
    return Event(
        body=UPR_BODY,
        session=session_number,
        kind=UPR_REVIEW,
        state_under_review=state,
        location=location,
        date=day,
        date_published=published,
        date_source=source,
        evidence=tuple(sorted(evidence, key=lambda s: s.start)),
    )
