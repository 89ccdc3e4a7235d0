"""The event a news article reports: body, session, segment, kind, place, remote attendance and day.

The sentences that name a body (or point back to the event: "at the session") are the evidence: the
body most named there, the session nearest to it ("the 55th Session of the ... Council", "HRC55",
"the Council's forty-seventh session"), the segment and kind of meeting, "in Geneva", "via video link".
The day is the first day those sentences name, else the first day a sentence reporting speech names
("experts said on Friday"), checked against the session calendar; failing both, the publication date
(or the session's opening where the article appeared after the session).
"""

from __future__ import annotations

import datetime as dt
import re

from onrecord.events.bodies import BodyMention, Vocabulary, ancestors, find_bodies, vocabulary
from onrecord.events.dates import DateMention, DateSource, find_dates
from onrecord.events.meetings import meeting_of
from onrecord.events.numbers import ordinal_pattern, parse_ordinal
from onrecord.events.reports import UPR_REVIEW, state_name
from onrecord.events.sessions import SESSION_SLACK_DAYS, Session, find_session, session_on
from onrecord.models import Article, Event, Span
from onrecord.text import dateline_end, sentence_spans

# bodies that are rather speakers than meetings: the event's body only where no other is named
_LEAD_WORDS = 15  # a sentence this long after the headlines opens the record's body
_SPEAKER_TYPES = frozenset({"office", "special procedure"})
_DATELINE_AFTER = re.compile(r"\s*(?:--|—|–|-|:|\(|/)")
_META_LINE = re.compile(r"^\s*(?:Published|Updated?|Posted|Date|Source|By)\b", re.IGNORECASE)
_NOT_A_STATE = re.compile(
    r"^(?:(?:On|In|At|Last|This|Earlier|Later|Today|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\s+)+"
)
_REVIEW_STATE = re.compile(
    r"(?:(?:[Rr]eview|UPR)\s+of\s+(?:the\s+human\s+rights\s+(?:record|situation)\s+(?:of|in)\s+)?"
    r"(?P<state>(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of\s+|and\s+|the\s+)*[A-Z][\w'’-]+)*)"
    r"|(?P<owner>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)['’]s\s+(?:\w+\s+){0,2}(?:Universal\s+Periodic\s+Review|UPR)"
    # "China underwent its fourth Universal Periodic Review"
    r"|(?P<subject>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+(?:underwent|went\s+through|faced|completed)"
    r"\s+(?:its\s+|their\s+|a\s+|the\s+)?(?:\w+\s+){0,2}(?:Universal\s+Periodic\s+Review|UPR))"
)


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text``: split at sentence punctuation and at line breaks."""
    return sentence_spans(text, line_breaks=True)


def _sentence_of(bounds: tuple[tuple[int, int], ...], offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (a body mention always lies inside one)."""
    return next((b for b in bounds if b[0] <= offset < b[1]), (offset, offset))


def _main_body(
    text: str, bounds: tuple[tuple[int, int], ...], mentions: tuple[BodyMention, ...]
) -> str | None:
    """The body the article is about: most named, a named session counting more; a child over its parent.

    A child (the Third Committee, the UPR Working Group) takes its parent's mentions as its own, but the
    weight of a session named beside the parent only where the child is named in the same sentence
    ("the Third Committee of the 79th General Assembly"): a vote "at the Assembly's seventy-ninth
    session" that names the Third Committee in passing is the Assembly's.
    """
    explicit = [m for m in mentions if not m.anaphoric]
    if not explicit:
        return None
    meeting = [m for m in mentions if m.body.type not in _SPEAKER_TYPES]
    pool = meeting or list(mentions)
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    weighed: list[tuple[BodyMention, tuple[int, int], float]] = []
    for m in pool:
        sentence = _sentence_of(bounds, m.span.start)
        weight = 1.0 + (3.0 if _session_near(text, sentence, m) is not None else 0.0)
        weighed.append((m, sentence, weight))
        score[m.name] = score.get(m.name, 0.0) + weight
        first.setdefault(m.name, m.span.start)
    named = set(score)
    own_sentences = {name: {s for m, s, _ in weighed if m.name == name} for name in named}
    for name in named:
        for parent in ancestors(name):
            if parent in named:
                score[name] += sum(
                    w if s in own_sentences[name] else 1.0 for m, s, w in weighed if m.name == parent
                )
    return max(score, key=lambda n: (score[n], -first[n]))


def _session_near(
    text: str, sentence: tuple[int, int], mention: BodyMention
) -> tuple[int, bool, Span] | None:
    """The session number nearest the body in its sentence: (number, special, evidence)."""
    if mention.session is not None:
        return mention.session, False, mention.span
    before = (
        rf"|\b(?P<before>{ordinal_pattern()})\s+"
        rf"(?=(?:(?:UN|U\.N\.|United Nations)\s+)?(?:{re.escape(mention.span.text)}))"
        if mention.body.ordinal_before == "session"
        else ""
    )
    pattern = re.compile(
        rf"\b(?P<ordinal>{ordinal_pattern()})\s+(?:(?P<kind>regular|special|ordinary|annual)\s+)?[Ss]ession\b"
        + before,
        re.IGNORECASE,
    )
    best: tuple[int, tuple[int, bool, Span]] | None = None
    for m in pattern.finditer(text, *sentence):
        number = parse_ordinal(m.group("ordinal") or m.groupdict().get("before") or "")
        if number is None or number > 200:
            continue
        distance = min(abs(m.start() - mention.span.end), abs(mention.span.start - m.end()))
        found = (number, (m.group("kind") or "").lower() == "special", Span.of(text, m.start(), m.end()))
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def _first(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> re.Match[str] | None:
    for start, end in spans:
        m = pattern.search(text, start, end)
        if m:
            return m
    return None


def _kind(vocab: Vocabulary, text: str, spans: list[tuple[int, int]]) -> tuple[str, Span] | None:
    for kind, pattern in vocab.kinds:
        m = _first(pattern, text, spans)
        if m:
            return kind, Span.of(text, m.start(), m.end())
    return None


def is_dateline(text: str, mention: DateMention) -> bool:
    """Whether a date is a dateline ("July 5, 2021 --", "Published: ..."): when written, not when said."""
    line_start = text.rfind("\n", 0, mention.span.start) + 1
    before = text[line_start : mention.span.start]
    if _META_LINE.match(text[line_start:]):
        return True
    return not re.sub(r"[A-Z ,.]+", "", before).strip() and bool(
        _DATELINE_AFTER.match(text, mention.span.end)
    )


def _choose_date(
    text: str,
    published: dt.date | None,
    event_spans: list[tuple[int, int]],
    speech_spans: list[tuple[int, int]],
    session: Session | None,
) -> tuple[dt.date, str, Span | None] | None:
    def candidates(spans: list[tuple[int, int]]) -> list[DateMention]:
        found = [d for s, e in spans for d in find_dates(text, published, s, e) if not is_dateline(text, d)]
        if published is not None:
            found = [d for d in found if d.date <= published + dt.timedelta(days=1)]
        return sorted(found, key=lambda d: (d.source == DateSource.APPROXIMATE, d.span.start))

    near, said = candidates(event_spans), candidates(speech_spans)
    if session is not None:
        fitting = [d for d in near + said if session.contains(d.date, slack_days=SESSION_SLACK_DAYS)]
        if fitting:
            return fitting[0].date, fitting[0].source, fitting[0].span
    elif near or said:
        chosen = (near or said)[0]
        return chosen.date, chosen.source, chosen.span
    if session is not None and (published is None or not session.contains(published, slack_days=1)):
        return session.start, DateSource.CALENDAR, None
    if published is not None:
        return published, DateSource.PUBLISHED, None
    return None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PAGE_DATE_WORDS = 12  # a line this short holding a full date is the page's own date (byline, footer)
_PAGE_DATE_MARK = re.compile(r"\||@|\b\d{1,2}[:.]\d\d\b")  # "Staff | date", "date @ 9:05am", "date, 08:40"
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")  # "06/03/2023", "05.03.2025"
_CURRENT_DAYS = 7  # a day written this close before the page's date is news of the session meeting then


def _page_dates(text: str) -> list[dt.date]:
    """The date the page gives itself where the article came with none: the first full date (with its
    year) on a short byline or footer line ("Staff | September 27, 2024", "January 26, 2024 @ 9:05am",
    "Posted on 23 June 2025 by ...", "Published March 6, 2025 7:12 AM UTC"). A date in figures may be read
    day first or month first ("06/03/2023 - 06:30"): both readings, day first first."""
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        stripped = line.strip()
        if not stripped or len(stripped.split()) > _PAGE_DATE_WORDS or stripped.endswith((".", '"', "”")):
            continue
        if not (_META_LINE.match(stripped) or _PAGE_DATE_MARK.search(stripped)):
            continue
        for found in find_dates(text, None, start, start + len(line)):
            if found.source == DateSource.EXPLICIT and _YEAR.search(found.span.text):
                return [found.date]
        numeric = _NUMERIC_DATE.search(stripped)
        if numeric is not None:
            first, second, year = (int(x) for x in numeric.groups())
            readings = []
            for day, month in ((first, second), (second, first)):
                try:
                    readings.append(dt.date(year, month, day))
                except ValueError:
                    continue
            if readings:
                return list(dict.fromkeys(readings))
    return []


_AGENCY_DASH = re.compile(r"\s*\([^)\n]{1,40}\)\s*(?:--|—|–|-|:)\s")  # "Geneva (AFP) - "


def _dateline_place(text: str, vocab: Vocabulary) -> tuple[str, Span] | None:
    """A place the page's dateline names at the head of a line: in capitals ("GENEVA, March 5 (Wire) -",
    "NEW YORK" on a line of its own), before a date ("Geneva, 5 March 2025 --") or an agency ("Geneva
    (AFP) -")."""
    for m in vocab.dateline_places.finditer(text):
        place = m.group("place")
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        comma = re.match(r",\s*", text[m.end() : line_end])
        dated = comma is not None and dateline_end(text, m.end() + comma.end(), line_end) is not None
        dated = dated or bool(_AGENCY_DASH.match(text, m.end(), line_end))
        if place.isupper() or dated:
            return vocab.place_names[place.lower()], Span.of(text, m.start("place"), m.end("place"))
    return None


def _lead_body(
    text: str, bounds: tuple[tuple[int, int], ...], mentions: tuple[BodyMention, ...]
) -> str | None:
    """The first body the lead of a meeting record names ("The General Assembly adopted ...")."""
    for start, end in bounds:
        if len(text[start:end].split()) < _LEAD_WORDS:
            continue
        named = [m for m in mentions if start <= m.span.start < end and not m.anaphoric]
        return min(named, key=lambda m: m.span.start).name if named else None
    return None


def find_event(article: Article) -> Event | None:
    """The event ``article`` reports, or None where it names no multilateral body.

    A press conference or an interview with no body named is left to the statement itself: in news at
    large "told reporters" is too common to make an event of.
    """
    text = article.text
    vocab = vocabulary()
    bounds = sentences(text)
    mentions = find_bodies(text)
    body = _main_body(text, bounds, mentions)
    meeting = meeting_of(article)
    if meeting is not None and meeting.body is not None:
        body = meeting.body  # the body that met, not the body under discussion
    elif meeting is not None and body is not None:
        body = _lead_body(text, bounds, mentions) or body
    own = [m for m in mentions if m.name == body]
    body_sentences = [b for b in bounds if any(b[0] <= m.span.start < b[1] for m in own)]
    pointer_sentences = [b for b in bounds if b not in body_sentences and vocab.event_words.search(text, *b)]
    event_spans = sorted(body_sentences + pointer_sentences)
    evidence: list[Span] = [m.span for m in own if not m.anaphoric][:1]

    session_number: int | None = None
    special = False
    named = [
        near
        for mention in own
        if (near := _session_near(text, _sentence_of(bounds, mention.span.start), mention)) is not None
    ]
    if named:
        # the latest session named beside the body: speakers look back on earlier sessions
        session_number = max(number for number, _, _ in named)
        _, special, span = next(x for x in named if x[0] == session_number)
        evidence.append(span)
    if meeting is not None and meeting.session is not None:
        session_number = meeting.session
        evidence.extend(meeting.evidence)
    segment: str | None = "special session" if special else None
    if segment is None:
        for pattern in vocab.segments:
            m = _first(pattern, text, event_spans)
            if m:
                segment = " ".join(m.group().split())
                evidence.append(Span.of(text, m.start(), m.end()))
                break
    kind_found = _kind(vocab, text, event_spans)
    kind = kind_found[0] if kind_found else None
    if kind_found:
        evidence.append(kind_found[1])
    if kind is None and own and own[0].body.default_kind is not None:
        kind = own[0].body.default_kind
    if kind is None and body is not None and (session_number is not None or segment is not None):
        kind = "plenary"
    if body is None:
        return None

    state: str | None = None
    if kind == UPR_REVIEW or body == "UPR Working Group":
        m = _first(_REVIEW_STATE, text, event_spans)
        if m:
            subject = _NOT_A_STATE.sub("", m.group("subject") or "")  # "On Tuesday Eastland underwent"
            state = state_name(m.group("state") or m.group("owner") or subject)
            evidence.append(Span.of(text, m.start(), m.end()))
    place = _first(vocab.places, text, event_spans)
    location = place.group("place") if place else None
    venue = _first(vocab.venues, text, event_spans) if place is None else None
    if venue is not None:  # "at the Palais des Nations": the city it stands in
        location = vocab.venue_places[venue.group("venue")]
        evidence.append(Span.of(text, venue.start("venue"), venue.end("venue")))
    remote_match = _first(vocab.remote, text, event_spans)
    in_person = _first(vocab.in_person, text, event_spans)
    remote = True if remote_match else (False if in_person else None)
    if place:
        evidence.append(Span.of(text, place.start("place"), place.end("place")))
    if remote_match or in_person:
        said = remote_match or in_person
        assert said is not None
        evidence.append(Span.of(text, said.start(), said.end()))

    calendar_session = (
        find_session(body, session_number) if session_number is not None and not special else None
    )
    speech = [b for b in bounds if b not in event_spans and vocab.speech_cues.search(text, *b)]
    # "on Wednesday" needs the day the page was written; of two readings of "06/03/2023", the one that puts
    # the words said inside the session named
    anchors: list[dt.date | None] = [article.published] if article.published else [*_page_dates(text)]
    anchor, chosen = anchors[0] if anchors else None, None
    for candidate in anchors or [None]:
        found = _choose_date(text, candidate, event_spans, speech, calendar_session)
        if found is not None and found[1] in (DateSource.EXPLICIT, DateSource.RELATIVE):
            anchor, chosen = candidate, found
            break
        if chosen is None:
            anchor, chosen = candidate, found
    day, source = (chosen[0], chosen[1]) if chosen else (None, None)
    if chosen and chosen[2] is not None:
        evidence.append(chosen[2])
    dated = source in (DateSource.EXPLICIT, DateSource.RELATIVE)  # "on 25 June 2015", "this afternoon"
    if meeting is not None and session_number is None and day is not None and dated:
        on_day = session_on(body, day)  # a dated meeting of a body with a calendar: its session
        session_number = on_day.number if on_day is not None else None
    current = source == DateSource.RELATIVE or (
        source == DateSource.EXPLICIT
        and anchor is not None
        and day is not None
        and dt.timedelta(0) <= anchor - day <= dt.timedelta(days=_CURRENT_DAYS)
    )
    if (
        session_number is None
        and not special
        and segment != "special session"
        and day is not None
        and current
    ):
        # news of a body with a calendar meeting on a day the page gives against its own date ("told the
        # Council on Wednesday"): the session meeting that day. A day further back may be history
        # ("the Assembly adopted on 10 December 1948"), which a speech recalls.
        on_day = session_on(body, day)
        session_number = on_day.number if on_day is not None else None
        if kind is None and session_number is not None:
            kind = "plenary"  # as for a session named: a meeting of the session, no other kind said
    if location is None:
        at = _dateline_place(text, vocab)  # "GENEVA, March 5 (Wire) -", a line "NEW YORK"
        if at is not None:
            location = at[0]
            evidence.append(at[1])
    return Event(
        body=body,
        session=session_number,
        segment=segment,
        kind=kind,
        state_under_review=state,
        location=location,
        remote=remote,
        date=day,
        date_published=article.published,
        date_source=source,
        evidence=tuple(sorted(set(evidence), key=lambda s: (s.start, s.end))),
    )
