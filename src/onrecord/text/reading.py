"""Sentences and clauses of a text, by offsets, as the position model reads them.

The model was trained on single sentences, so a statement's content is read sentence by sentence; the
clause of a sentence that scores highest for a position is that position's evidence. The positions
gold's sentence offsets are these sentences, so they keep the rules they were fixed with, where prose
(``onrecord.text.sentences``) reads otherwise: a capital opens a sentence but a digit does not; only
text.json's short ``abbreviations`` list counts; the text is read line by line (a line break always
ends a sentence, except in hard-wrapped text, where only a blank line does), where prose lets a
sentence end that runs over a line break cut first; and a single character is no sentence. Changing
any of these moves sentence boundaries in the gold's documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onrecord.text.lexicon import abbreviation_end
from onrecord.text.sentences import hard_wrapped, sentence_end, trimmed_span

__all__ = ["clause_spans", "sentence_spans"]

_SENTENCE_END = sentence_end("[A-Z]")
_LINE_BREAK = re.compile(r"\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Where a clause ends: punctuation inside a sentence, or a conjunction that turns the argument.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s|\b(?:but|while|whereas|although|though|yet)\b")
_CLAUSE_PUNCTUATION = ",;:()[]—–-"
_MIN_CLAUSE = 25  # characters: shorter pieces are joined to the next one


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, wrapped: bool | None = None
) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences of ``text[start:end]``, trimmed of spaces.

    A line break ends a sentence, except in hard-wrapped text (most lines short and unpunctuated at
    their end, as in some General Debate transcripts), where only a blank line does. ``wrapped`` says
    whether the text is hard-wrapped; by default it is judged from ``text[start:end]`` alone, which a
    caller reading a short span of a long document should not rely on (three lines of a wrapped speech
    look like three sentences): it passes ``hard_wrapped(text)`` instead.
    """
    end = len(text) if end is None else end
    abbreviation = abbreviation_end(more=False)
    if wrapped is None:
        wrapped = hard_wrapped(text[start:end])
    breaks = _BLANK_LINE if wrapped else _LINE_BREAK
    block_start = start
    for block in [*breaks.finditer(text, start, end), None]:
        block_end = end if block is None else block.start()
        piece_start = block_start
        for boundary in _SENTENCE_END.finditer(text, block_start, block_end):
            if abbreviation.search(text, piece_start, boundary.start()):
                continue
            yield from _trimmed(text, piece_start, boundary.start())
            piece_start = boundary.end()
        yield from _trimmed(text, piece_start, block_end)
        if block is not None:
            block_start = block.end()


def clause_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the clauses of ``text[start:end]`` (one sentence), trimmed; short pieces are joined to
    the clause after them, so that "Human rights, he said, must ..." keeps its subject."""
    end = len(text) if end is None else end
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for brk in _CLAUSE_BREAK.finditer(text, start, end):
        pieces.extend(_trimmed(text, piece_start, brk.start(), _CLAUSE_PUNCTUATION))
        piece_start = brk.start()
    pieces.extend(_trimmed(text, piece_start, end, _CLAUSE_PUNCTUATION))
    clauses: list[tuple[int, int]] = []
    pending: int | None = None
    for piece_start, piece_end in pieces:
        begin = piece_start if pending is None else pending
        if piece_end - begin < _MIN_CLAUSE:
            pending = begin
            continue
        clauses.append((begin, piece_end))
        pending = None
    if pending is not None:
        if clauses:
            clauses[-1] = (clauses[-1][0], pieces[-1][1])
        else:
            clauses.append((pending, pieces[-1][1]))
    return [(s, e) for s, e in clauses if e > s] or list(_trimmed(text, start, end))


def _trimmed(text: str, start: int, end: int, leading: str = "") -> Iterator[tuple[int, int]]:
    """The trimmed span (see ``trimmed_span``), unless a single character or nothing is left."""
    start, end = trimmed_span(text, start, end, leading)
    if end - start > 1:
        yield start, end
