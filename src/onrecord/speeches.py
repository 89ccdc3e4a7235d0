"""Speeches: a document that is one speech by a known speaker needs no parse to say who said what.

A table row (CSV/JSONL) with a ``speaker`` column is read as a speech (``data/ingest.json`` lists the
column names accepted for the speaker, their country and role, and the body, session and segment where
the speech was given). Every paragraph of its text is a direct statement by that speaker; the event is
the one the row names, dated by the row's date or else by the session calendar::

    speech = speech_of(work.raw.fields)           # None for anything but a speech row
    statements = speech_statements(article, speech)
    event = speech_event(article, speech)         # in events.speeches: the event stage places it

Both the attribution and the event stage read a speech row, so this module imports no stage.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from onrecord.models import Article, Span, Speaker, SpeakerKind, Statement, StatementKind

_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")  # a line without the space around it
_BLOCK = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")  # lines up to a blank line
_SENTENCE_END = re.compile(r"[.!?:;][\"”’)\]]*$")
_WRAPPED_BELOW = 90  # characters: a text whose typical line is shorter may be wrapped at a fixed width


@dataclasses.dataclass(frozen=True, slots=True)
class Speech:
    """Who gave a speech and where, as the row gives it."""

    speaker: str
    country: str | None = None
    role: str | None = None
    body: str | None = None
    session: int | None = None
    segment: str | None = None

    @property
    def by_state(self) -> bool:
        """Whether the speaker is the State itself (the row names no person)."""
        return self.country is not None and self.speaker.casefold() == self.country.casefold()


def speech_of(fields: Mapping[str, str]) -> Speech | None:
    """The speech a row's fields describe, or None when the row names no speaker."""
    speaker = " ".join(fields.get("speaker", "").split())
    if not speaker:
        return None
    session = fields.get("session", "").strip()
    return Speech(
        speaker=speaker,
        country=" ".join(fields.get("country", "").split()) or None,
        role=" ".join(fields.get("role", "").split()) or None,
        body=" ".join(fields.get("body", "").split()) or None,
        session=int(session) if session.isdigit() else None,
        segment=" ".join(fields.get("segment", "").split()) or None,
    )


def speaker_of(speech: Speech) -> Speaker:
    if speech.by_state:
        return Speaker(speech.speaker, SpeakerKind.STATE, country=speech.country)
    roles = (speech.role,) if speech.role else ()
    return Speaker(speech.speaker, SpeakerKind.PERSON, roles=roles, country=speech.country)


def speech_statements(article: Article, speech: Speech) -> tuple[Statement, ...]:
    """One direct statement per paragraph of the speech (see ``speech_paragraphs``), the headline left
    out."""
    speaker = speaker_of(speech)
    text = article.text
    spans = speech_paragraphs(text)
    if article.title and spans and text[spans[0][0] : spans[0][1]] == article.title:
        spans = spans[1:]
    return tuple(
        Statement(Span.of(text, start, end), speaker, StatementKind.DIRECT, continuation=index > 0)
        for index, (start, end) in enumerate(spans)
    )


def speech_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph. Transcripts often leave no blank line between paragraphs, so a
    line is a paragraph; but where the text is wrapped at a fixed width (most lines short and running on
    mid-sentence, as in speeches taken from printed records), lines are joined until one ends a sentence
    well short of the width: the last line of a paragraph."""
    found: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        block_start, block_end = block.span()
        lines = [
            (block_start + m.start(), block_start + m.end())
            for m in _LINE.finditer(text[block_start:block_end])
        ]
        lengths = sorted(end - start for start, end in lines)
        ending = sum(1 for start, end in lines if _SENTENCE_END.search(text[start:end]))
        if lengths[len(lengths) // 2] >= _WRAPPED_BELOW or ending >= len(lines) * 0.6:
            found += lines
            continue
        width = lengths[int(len(lengths) * 0.9)]
        start: int | None = None
        for line_start, line_end in lines:
            start = line_start if start is None else start
            short = line_end - line_start < 0.85 * width
            if short and _SENTENCE_END.search(text[line_start:line_end]):
                found.append((start, line_end))
                start = None
        if start is not None:
            found.append((start, lines[-1][1]))
    return found
