"""Turns of speech in the UN's own meeting records: a speaker's turn runs on until the next speaker.

Meeting coverage, Council summaries and press briefings report a speaker's words over several sentences
and paragraphs without a new cue ("Iran, speaking as the concerned country, said that ... . The report
and mandate of the Special Rapporteur were not objective."). In those genres every sentence after a cued
statement carries on its speaker:

* in the same paragraph, every later sentence no cue claims;
* in the paragraphs after it, every sentence of a paragraph with no cue of its own, until a heading (a
  short line without closing punctuation) or a paragraph whose first sentence has a cue.

A sentence before the first cue of a paragraph is the reporter's introduction, not a continuation; a
sentence that reads as the meeting's narrative (the body under way: "The Council will next ...", "The
Assembly then adopted ...") ends the turn. The narrative openings are data (``data/speakers.json``).
"""

from __future__ import annotations

import re
from functools import cache

from onrecord.attribution.continuations import Piece
from onrecord.attribution.headlines import is_headline
from onrecord.datafiles import read_json
from onrecord.models import StatementKind

_CLOSING = re.compile(r"[.!?…:;][\"”’)\]]*$")
_MIN_WORDS = 4
_HEADING_WORDS = 14


@cache
def _narrative() -> re.Pattern[str]:
    openings = read_json("speakers.json")["meeting_narrative"]
    return re.compile(r"^(?:" + "|".join(openings) + r")\b")


def is_heading(text: str) -> bool:
    """A line that is a heading, not a sentence: short and without closing punctuation."""
    line = text.strip()
    return (
        bool(line) and "\n" not in line and len(line.split()) <= _HEADING_WORDS and not _CLOSING.search(line)
    )


def turn_continuations(
    text: str,
    sentences: list[tuple[int, int, int, bool, bool]],
    pieces: list[Piece],
    taken: list[tuple[int, int]],
    breaks: list[int] | None = None,
) -> list[Piece]:
    """Continuation pieces for the uncued sentences of a speaker's turn (see the module docstring); a
    sentence holding one of ``breaks`` (where another speaker takes the floor) ends the turn."""
    ordered = sorted(pieces, key=lambda p: p.start)
    cued_paragraphs = {p.paragraph for p in ordered if p.cue_start is not None}
    added: list[Piece] = []
    speaker: int | None = None
    last_paragraph = -1
    narrative = _narrative()
    for paragraph, start, end, _present, _about in sentences:
        if is_headline(text[start:end]):
            speaker = None  # a headline's statements start no turn
            continue
        inside = [p for p in ordered if p.start < end and start < p.end]
        if inside:
            speaker, last_paragraph = inside[-1].speaker, paragraph
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        if any(start <= b < end for b in breaks or ()):
            speaker = None
            continue
        sentence = text[start:end]
        if is_heading(sentence) or narrative.match(sentence):
            speaker = None
            continue
        if speaker is None or len(sentence.split()) < _MIN_WORDS:
            continue
        if paragraph != last_paragraph:
            earlier = [p for p in ordered if p.paragraph == paragraph and p.start < start]
            later = [p for p in ordered if p.paragraph == paragraph and p.start >= end]
            if paragraph in cued_paragraphs and not earlier and (not later or later[0].speaker != speaker):
                continue  # the introduction of a paragraph whose speaker comes later
            if earlier:
                speaker = earlier[-1].speaker
            elif paragraph != last_paragraph + 1:
                speaker = None
                continue
        added.append(Piece(start, end, paragraph, speaker, StatementKind.INDIRECT, None, continuation=True))
        taken.append((start, end))
        last_paragraph = paragraph
    return added
