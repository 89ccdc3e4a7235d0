"""Paragraphs cut into pieces the parser handles in time: no input can make spaCy run for minutes.

spaCy's tokenizer is quadratic in the length of a stretch without white space (10,000 commas in a row
take 15 s, 20,000 a minute), the parse of one very long paragraph holds gigabytes, and a text over the
model's ``max_length`` (1,000,000 characters) is refused. So before the parse:

- a stretch of more than ``MAX_RUN`` characters without white space (no word is that long) is cut into
  pieces of ``MAX_RUN``, or left out when it holds no letter or digit (a run of commas or quotation
  marks says nothing);
- a paragraph longer than ``MAX_PIECE`` characters is cut into pieces of at most that length, at a line
  break, else at a sentence's end, else after a comma or semicolon, else at a space.

Pieces are ``(start, end)`` offsets into the whole text, so every span found in a piece keeps its exact
place (``text[start:end]`` is what was parsed). Ordinary paragraphs are far below both limits and pass
through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

MAX_PIECE = 5_000
MAX_RUN = 100

_WORDY = re.compile(r"[^\W_]")

_CUTS = (
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)\]]*\s"),
    re.compile(r"[,;:]\s"),
    re.compile(r"\s"),
)


def pieces(
    text: str, spans: Iterable[tuple[int, int]], *, limit: int = MAX_PIECE, run: int = MAX_RUN
) -> Iterator[tuple[int, int]]:
    """``spans`` (paragraphs of ``text``) as pieces of at most ``limit`` characters, none holding more
    than ``run`` characters without white space; white space at a piece's ends is left out."""
    long_run = re.compile(rf"\S{{{run + 1},}}")
    for start, end in spans:
        if end - start <= run or (end - start <= limit and long_run.search(text, start, end) is None):
            yield start, end
            continue
        position = start
        for match in long_run.finditer(text, start, end):
            yield from _by_length(text, position, match.start(), limit)
            if _WORDY.search(match.group()):
                for cut in range(match.start(), match.end(), run):
                    yield cut, min(cut + run, match.end())
            position = match.end()
        yield from _by_length(text, position, end, limit)


def _by_length(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        cut = _cut(text, start + limit // 2, start + limit)
        yield from _trimmed(text, start, cut)
        start = cut
    yield from _trimmed(text, start, end)


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a piece within ``text[low:high]``: after the last line break, sentence end, comma
    or space there; at ``high`` when there is none."""
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, low, high):  # noqa: B007  (the last match is wanted)
            pass
        if last is not None:
            return last.end()
    return high


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def lightened(docs: Iterable[Any]) -> Iterator[Any]:
    """Parsed docs without their tensor: the model's hidden vectors, 384 bytes a token, which spaCy keeps
    after the parse and nothing here reads. Every paragraph of an article is held until the article is
    read, so for a long text this is most of the memory."""
    for doc in docs:
        doc.tensor = np.zeros((0,), dtype="float32")
        yield doc
