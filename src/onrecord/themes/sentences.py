"""Sentences and clauses of a text, by offsets: the units the position model reads.

The model was trained on single sentences, so a statement's content is read sentence by sentence; the
clause of a sentence that scores highest for a position is that position's evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at . ! ? (or a closing quote after one) followed by space and a capital or an opening
# quote; abbreviations such as "Mr." or "U.N." are rare enough in these corpora not to matter.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
_LINE_BREAK = re.compile(r"\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|H\.E|U\.N|U\.S|e\.g|i\.e|etc|Ltd|Co|vs)|\b[A-Z])\.$"
)
# Where a clause ends: punctuation inside a sentence, or a conjunction that turns the argument.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s|\b(?:but|while|whereas|although|though|yet)\b")
_CLAUSE_PUNCTUATION = ",;:()[]—–-"
_MIN_CLAUSE = 25  # characters: shorter pieces are joined to the next one


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences of ``text[start:end]``, trimmed of spaces.

    A line break ends a sentence, except in hard-wrapped text (most lines short and unpunctuated at
    their end, as in some General Debate transcripts), where only a blank line does.
    """
    end = len(text) if end is None else end
    breaks = _BLANK_LINE if _hard_wrapped(text[start:end]) else _LINE_BREAK
    block_start = start
    for block in [*breaks.finditer(text, start, end), None]:
        block_end = end if block is None else block.start()
        piece_start = block_start
        for boundary in _SENTENCE_END.finditer(text, block_start, block_end):
            if _ABBREVIATION.search(text, piece_start, boundary.start()):
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


def _hard_wrapped(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 10:
        return False
    wrapped = sum(20 <= len(line) <= 90 and line.rstrip()[-1] not in ".!?:;" for line in lines)
    return wrapped > len(lines) / 2


def _trimmed(text: str, start: int, end: int, punctuation: str = "") -> Iterator[tuple[int, int]]:
    while start < end and (text[start].isspace() or text[start] in punctuation):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > 1:
        yield start, end
