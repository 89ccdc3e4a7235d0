"""The statements of a speech row: every paragraph is a direct statement of the speaker the row names
(``ingest.speeches``); no parse is needed to say who said what::

    statements = speech_statements(article, speech)

Printed records wrapped at a fixed width are read in paragraphs, not a statement per wrapped line.
"""

from __future__ import annotations

import re

from onrecord.ingest.speeches import Speech
from onrecord.models import Article, Span, Speaker, SpeakerKind, Statement, StatementKind

_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")  # a line without the space around it
_BLOCK = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")  # lines up to a blank line
_SENTENCE_END = re.compile(r"[.!?:;][\"”’)\]]*$")
_WRAPPED_BELOW = 90  # characters: a text whose typical line is shorter may be wrapped at a fixed width


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
