"""Pipeline stages that place statements in their event and find the figures they cite."""

from __future__ import annotations

from dataclasses import replace

from onrecord.events.dates import best_date, find_dates
from onrecord.events.figures import find_figures
from onrecord.events.finder import find_event, is_dateline
from onrecord.events.reports import find_report_event
from onrecord.events.sessions import SESSION_SLACK_DAYS, find_session
from onrecord.events.speeches import speech_event
from onrecord.ingest.speeches import speech_of
from onrecord.models import Article, Event, Genre, Statement
from onrecord.pipeline import Work


def statement_extent(statement: Statement) -> tuple[int, int]:
    """The stretch of text a statement occupies: its mention, cue and content together."""
    spans = [s for s in (statement.speaker_mention, statement.cue, statement.content) if s is not None]
    return min(s.start for s in spans), max(s.end for s in spans)


def place(statement: Statement, event: Event | None, article: Article) -> Statement:
    """The statement at the document's event, dated by its own words where they name a day ("said on
    Tuesday"). A day inside what was said is what the speaker spoke of ("the attacks of 11 September
    2001"), not when they spoke, and a day outside the session the event names is not the session's."""
    if event is None:
        return statement
    start, end = statement_extent(statement)
    text = article.text
    content = statement.content
    session = find_session(event.body, event.session) if event.session is not None else None
    mentions = [
        d
        for d in find_dates(text, article.published, start, end)
        if not is_dateline(text, d)
        and not content.start <= d.span.start < content.end
        and (session is None or session.contains(d.date, slack_days=SESSION_SLACK_DAYS))
    ]
    own = best_date(mentions)
    if own is not None and (article.published is None or own[0] <= article.published):
        day, source = own
        if day != event.date:
            event = replace(event, date=day, date_source=source)
    return replace(statement, event=event)


class EventStage:
    """The document's event (a speech row's, a UN report's own, else the one a news article reports),
    on every statement."""

    name: str = "events"
    requires: tuple[str, ...] = ("article", "statements")
    assigns: tuple[str, ...] = ("events", "statements")

    def __call__(self, work: Work) -> Work:
        assert work.article is not None and work.statements is not None
        article = work.article
        speech = speech_of(work.raw.fields)
        if speech is not None:  # every paragraph of a speech was said where and when the speech was
            event: Event | None = speech_event(article, speech)
            statements = tuple(replace(st, event=event) for st in work.statements)
        else:
            report = find_report_event(article.text) if article.genre is Genre.UN_REPORT else None
            event = report or find_event(article)
            if event is not None and article.published is not None:  # the document's own date is surer
                event = replace(event, date_published=article.published)
            statements = tuple(place(st, event, article) for st in work.statements)
        events = {st.event.key(): st.event for st in statements if st.event is not None}
        if event is not None:
            events.setdefault(event.key(), event)
        return replace(work, events=tuple(events.values()), statements=statements)


class FigureStage:
    """The numbers each statement cites, found in its content."""

    name: str = "figures"
    requires: tuple[str, ...] = ("article", "statements")
    assigns: tuple[str, ...] = ("statements",)

    def __call__(self, work: Work) -> Work:
        assert work.article is not None and work.statements is not None
        text = work.article.text
        statements = tuple(
            replace(st, figures=find_figures(text, st.content.start, st.content.end))
            for st in work.statements
        )
        return replace(work, statements=statements)
