"""The meeting a UN record reports, from the record's own header: the body that met and its session.

Meeting coverage names the meeting in its header ("Seventieth Session, / 53rd & 54th Meetings (AM & PM) /
GA/11724"): the press code's prefix gives the body that met (GA: the General Assembly plenary, GA/SHC: the
Third Committee, SC: the Security Council), which is not the body under discussion (the Assembly
debating the Human Rights Council's report). Council summaries name their session ("its eighteenth
regular session"); a press briefing is a briefing at the UN office it names. The patterns are data
(``data/meetings.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json
from onrecord.events.bodies import find_body
from onrecord.events.numbers import parse_ordinal
from onrecord.models import Article, Genre, Span

_HEAD_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Meeting:
    body: str | None
    session: int | None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class _Rules:
    codes: re.Pattern[str]
    code_bodies: dict[str, str]
    sessions: tuple[re.Pattern[str], ...]
    briefings: dict[str, str]


@cache
def _rules() -> _Rules:
    data = read_json("meetings.json")
    prefixes = sorted(data["press_codes"], key=len, reverse=True)
    codes = re.compile(r"\b(" + "|".join(re.escape(p) for p in prefixes) + r")/\d{3,5}\b")
    sessions = tuple(re.compile(p, re.MULTILINE) for p in data["session_lines"])
    return _Rules(codes, dict(data["press_codes"]), sessions, dict(data["briefings"]))


def meeting_of(article: Article) -> Meeting | None:
    """The body and session a UN meeting record names for its meeting, or None for other genres."""
    if not article.genre.is_un_record:
        return None
    text = article.text
    head = text[:_HEAD_CHARS]
    rules = _rules()
    evidence: list[Span] = []
    body: str | None = None
    if article.genre is Genre.PRESS_BRIEFING:
        for word, name in rules.briefings.items():
            if word in text:
                body = name
                break
    else:
        code = rules.codes.search(head)
        if code is not None:
            body = rules.code_bodies[code.group(1)]
            evidence.append(Span.of(text, code.start(), code.end()))
    session: int | None = None
    for pattern in rules.sessions:
        match = pattern.search(head)
        if match is None:
            continue
        groups = match.groupdict()
        value = int(groups["year"]) if groups.get("year") else parse_ordinal(groups.get("ordinal") or "")
        if value is not None:
            session = value
            evidence.append(Span.of(text, match.start(), match.end()))
            break
    if body is not None and find_body(body) is None:
        body = None
    return Meeting(body, session, tuple(evidence))
