"""Sentences with no cue that carry on a speech already attributed.

* A quotation that opens a sentence and has no cue of its own carries on the speaker quoted in the same
  paragraph (the nearest before it, else the nearest after: '"A." "B," she said.'), or, opening a
  paragraph, the speaker quoted at the end of the paragraph before (a quotation running on).
Plain sentences count only when written in the present tense (or with a modal): reported speech keeps
the speaker's tense ("There is always room for improvement"), while the reporter's narrative between
quotes is mostly in the past ("The agency had released 7,000 pages.").

* A plain sentence between two statements of the same speaker in one paragraph carries on that
  speaker ("According to Ann, X. The situation is saddening. Y, Ann said.").
* A plain sentence after a statement whose source and cue open its paragraph ("Ann said X. There is
  always room for improvement.") carries on that speaker when nobody else speaks in the paragraph and
  the sentence is not about a person ("He lives in Lowfen." is the reporter's narrative).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.attribution.quotes import Quote
from onrecord.models import StatementKind

_SENTENCE_OPENING = re.compile(r"(?:^|[.!?…:][\"”'’]*)\s*$")
_AFTER_CUE = re.compile(
    r"^(?:[\s,]+(?:in|on|at|last|this|during|after|before|to|from|while|when)\b[^.!?\"“”]{0,40})?[\s,:;—–-]*$"
)
_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Piece:
    """A statement as the continuation rules see it: its range, paragraph and speaker key."""

    start: int
    end: int
    paragraph: int
    speaker: int  # index of the speaker's cluster
    kind: StatementKind
    cue_start: int | None  # where the cue is (None for continuations)
    opens_paragraph: bool = False  # source and cue come first in the paragraph ("Ann said X.")
    continuation: bool = False


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return not any(s < end and start < e for s, e in taken)


def quoted_continuations(
    text: str,
    paragraphs: list[tuple[int, int]],
    quotes: list[Quote],
    pieces: list[Piece],
    taken: list[tuple[int, int]],
) -> list[Piece]:
    """Continuation pieces for the quotations no cue claims."""
    added: list[Piece] = []
    for quote in quotes:
        words = len(text[quote.start : quote.end].split())
        if words < _MIN_WORDS or not _free(quote.outer_start, quote.outer_end, taken):
            continue
        paragraph = next((i for i, (s, e) in enumerate(paragraphs) if s <= quote.outer_start < e), None)
        if paragraph is None:
            continue
        p_start = paragraphs[paragraph][0]
        after_attribution = any(
            e <= quote.outer_start and _AFTER_CUE.match(text[e : quote.outer_start]) for _s, e in taken
        )  # '"A," he said, "B."'
        if not (_SENTENCE_OPENING.search(text[p_start : quote.outer_start]) or after_attribution):
            continue
        every = sorted([*pieces, *added], key=lambda p: p.start)
        same = [p for p in every if p.paragraph == paragraph]
        before = [p for p in same if p.end <= quote.outer_start]
        after = [p for p in same if p.start >= quote.outer_end and p.cue_start is not None]
        speaker: int | None = None
        if before:
            speaker = before[-1].speaker
        elif after:
            speaker = after[0].speaker
        elif text[p_start : quote.outer_start].strip() == "":
            previous = [p for p in every if p.paragraph == paragraph - 1]
            if previous and previous[-1].kind is not StatementKind.INDIRECT:
                speaker = previous[-1].speaker
        if speaker is None:
            continue
        added.append(
            Piece(quote.start, quote.end, paragraph, speaker, StatementKind.DIRECT, None, continuation=True)
        )
        taken.append((quote.outer_start, quote.outer_end))
    return added


def plain_continuations(
    sentences: list[tuple[int, int, int, bool, bool]], pieces: list[Piece], taken: list[tuple[int, int]]
) -> list[Piece]:
    """Continuation pieces for uncued sentences inside one speaker's run of statements."""
    added: list[Piece] = []
    ordered = sorted(pieces, key=lambda p: p.start)
    for paragraph, start, end, present, about_someone in sentences:
        if not present or not _free(start, end, taken):
            continue
        same = [p for p in ordered if p.paragraph == paragraph]
        before = [p for p in same if p.end <= start]
        after = [p for p in same if p.start >= end]
        if not before:
            continue
        speaker = before[-1].speaker
        sandwiched = bool(after) and after[0].speaker == speaker
        trailing = (
            not after
            and not about_someone
            and before[0].opens_paragraph
            and all(p.speaker == speaker for p in same)
        )
        if sandwiched or trailing:
            added.append(
                Piece(start, end, paragraph, speaker, StatementKind.INDIRECT, None, continuation=True)
            )
            taken.append((start, end))
    return added
