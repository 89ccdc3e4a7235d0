"""The event of a speech row (see ``onrecord.ingest.speeches``): where the row says it was given."""

from __future__ import annotations

from onrecord.events.bodies import find_body
from onrecord.events.sessions import find_session
from onrecord.ingest.speeches import Speech
from onrecord.models import Article, Event


def speech_event(article: Article, speech: Speech) -> Event:
    """Where the speech was given, as the row says; dated by the row's date, else by the calendar (the
    session's opening day)."""
    found = find_body(speech.body) if speech.body else None
    body = found.name if found else speech.body
    session = find_session(body, speech.session) if body and speech.session is not None else None
    if article.published is not None:
        date, source = article.published, "published"
    elif session is not None:
        date, source = session.start, "calendar"
    else:
        date, source = None, None
    return Event(
        body=body,
        session=speech.session,
        segment=speech.segment,
        location=session.location if session else None,
        date=date,
        date_published=article.published,
        date_source=source,
    )
