"""Sentences of a text, by offsets, as the stages read prose; what every splitter shares: where a
sentence may end, trimming a span, hard-wrap detection.

A sentence ends at . ! ? (a closing quote or bracket may follow) before space and what may open a
sentence, but not at the full stop of an abbreviation (``data/text.json``) or an initial, and the space
around it is trimmed. ``sentence_spans`` reads prose for attribution and events (a capital or a digit
opens a sentence; with ``line_breaks`` every run of line breaks ends one too); the position model reads
sentences its own way (``onrecord.text.reading``).
"""

from __future__ import annotations

import re

from onrecord.text.lexicon import abbreviation_end

__all__ = ["hard_wrapped", "sentence_end", "sentence_spans", "trimmed_span"]

_LINE_BREAKS = re.compile(r"\n+")
_ABBREVIATION_WINDOW = 6  # characters before a full stop in which an abbreviation is looked for


def sentence_end(opens: str) -> re.Pattern[str]:
    """Where one sentence ends and the next begins, the next opening with the character class ``opens``
    (an opening quote or bracket may come first): the match is the closing quote and the space between."""
    return re.compile(rf"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?{opens})")


_SENTENCE_END = sentence_end("[A-Z0-9]")


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, line_breaks: bool = False
) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text[start:end]``, space trimmed; a full stop after an
    abbreviation ("Mr.", "U.N.", an initial) does not end one; with ``line_breaks`` a line break does."""
    end = len(text) if end is None else end
    abbreviation = abbreviation_end(more=True)
    cuts: list[tuple[int, int]] = []
    for match in _SENTENCE_END.finditer(text, start, end):
        window = text[max(start, match.start() - _ABBREVIATION_WINDOW) : match.start()]
        if not abbreviation.search(window):
            cuts.append((match.start(), match.end()))
    if line_breaks:
        cuts += [(m.start(), m.end()) for m in _LINE_BREAKS.finditer(text, start, end)]
        cuts.sort()
    spans: list[tuple[int, int]] = []
    position = start
    for cut_start, cut_end in cuts:
        if cut_start < position:
            position = max(position, cut_end)
            continue
        spans.append(trimmed_span(text, position, cut_start))
        position = cut_end
    spans.append(trimmed_span(text, position, end))
    return tuple(s for s in spans if s[1] > s[0])


def trimmed_span(text: str, start: int, end: int, leading: str = "") -> tuple[int, int]:
    """``start:end`` without the space around it (nor, at its start, any of the characters ``leading``)."""
    while start < end and (text[start].isspace() or text[start] in leading):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def hard_wrapped(text: str) -> bool:
    """Whether ``text`` is wrapped at a fixed width: of ten or more lines, most are 20-90 characters
    long and do not end a sentence (as in some General Debate transcripts)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 10:
        return False
    wrapped = sum(20 <= len(line) <= 90 and line.rstrip()[-1] not in ".!?:;" for line in lines)
    return wrapped > len(lines) / 2
