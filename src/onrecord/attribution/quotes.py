"""Quotations found from the quotation marks alone, paragraph by paragraph.

Marks handled: curly double quotes, straight double quotes, doubled apostrophes ('' as some archives
write them) and guillemets. A quotation left open at the end of a paragraph runs to the paragraph's end
(the newspaper convention for a quotation that carries on into the next paragraph, which then opens
with a quotation mark again).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARK = re.compile(r"''|[\"“”«»]")
_OPENING = {"“", "«"}
_CLOSING = {"”", "»"}
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` cover the words inside the marks; ``outer_*`` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool  # False where the paragraph ended before a closing mark

    def contains(self, start: int, end: int) -> bool:
        return self.outer_start <= start and end <= self.outer_end


def paragraphs(text: str, *, lines: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: stretches separated by blank lines (``lines``: by line breaks, as
    page text saved a paragraph a line has them), surrounding space trimmed."""
    position = 0
    breaks = _LINE_BREAK if lines else _PARAGRAPH_BREAK
    for match in [*breaks.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            yield position + lead, position + lead + len(stripped)
        if match:
            position = match.end()


def _opens(text: str, index: int, mark: str) -> bool:
    """Whether a straight mark at ``index`` opens a quotation (judged from the characters around it)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    if before.isspace() or before in "([{—–-/:":
        return True
    if after.isspace() or after in ".,;:!?)]}":
        return False
    return not before.isalnum()


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """The quotations in ``text[start:end]``, paragraph by paragraph, in order."""
    end = len(text) if end is None else end
    found: list[Quote] = []
    for p_start, p_end in paragraphs(text[start:end]):
        found.extend(_in_paragraph(text, start + p_start, start + p_end))
    return found


def _in_paragraph(text: str, start: int, end: int) -> list[Quote]:
    found: list[Quote] = []
    open_at: int | None = None
    open_mark = ""
    for match in _MARK.finditer(text, start, end):
        mark, index = match.group(0), match.start()
        if open_at is None:
            if mark in _CLOSING or (mark not in _OPENING and not _opens(text, index, mark)):
                continue  # a stray closing mark (or an inch sign): not the start of a quotation
            open_at, open_mark = index, mark
            continue
        closes = mark in _CLOSING or (mark == open_mark and mark not in _OPENING)
        if mark == '"' and open_mark == "“":
            closes = True
        if mark in _OPENING and open_mark not in _OPENING:
            closes = False
        if not closes:
            continue
        inner_start, inner_end = open_at + len(open_mark), index
        if inner_end > inner_start:
            found.append(Quote(inner_start, inner_end, open_at, index + len(mark), True))
        open_at = None
    if open_at is not None and end > open_at + len(open_mark):
        found.append(Quote(open_at + len(open_mark), end, open_at, end, False))
    return found
