"""The text toolkit the stages share: sentences, datelines, month names, "the review of X was held".

    sentence_spans(text, start, end)     (start, end) of each sentence, abbreviations respected
    dateline_end(text, start, end)       where a dateline opening ``text[start:end]`` ends, if one does
    month_number(name), MONTHS_PATTERN    month name or short form -> 1-12; a regex of the full names
    state_under_review(text)             "The review of Kenya was held ..." -> "Kenya"

The abbreviations and month names are data (``data/text.json``), so that every stage splits sentences
and reads months the same way.
"""

from __future__ import annotations

import re
from functools import cache

from onrecord.datafiles import read_json

__all__ = [
    "MONTHS_PATTERN",
    "dateline_end",
    "month_number",
    "sentence_spans",
    "state_under_review",
    "trimmed_span",
]

# a sentence ends at . ! ? (a closing quote or bracket may follow) before space and a capital, a digit or
# an opening quote; ``line_breaks`` also ends one at every line break (headings, lists, page furniture)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_LINE_BREAKS = re.compile(r"\n+")
_UNDER_REVIEW = re.compile(r"[Tt]he review of (?:the )?([A-Z][^\n]*?) was held")
_SPACE = re.compile(r"\s+")


@cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, int]]:
    data = read_json("text.json")
    words = "|".join(re.escape(a) for a in sorted(data["abbreviations"], key=len, reverse=True))
    abbreviation = re.compile(rf"(?:\b[A-Z]|\b(?:{words}))\.$")
    months: dict[str, int] = {}
    for number, (name, short) in enumerate(data["months"].items(), start=1):
        for form in (name, *short):
            months[form] = number
    return abbreviation, months


def month_number(name: str) -> int | None:
    """1-12 for a month's name or short form ("July", "Sept"), case aside; else None."""
    months = _lexicon()[1]
    return months.get(name) or months.get(name.capitalize())


MONTHS_PATTERN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, line_breaks: bool = False
) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text[start:end]``, space trimmed; a full stop after an
    abbreviation ("Mr.", "U.N.", an initial) does not end one."""
    end = len(text) if end is None else end
    abbreviation = _lexicon()[0]
    cuts: list[tuple[int, int]] = []
    for match in _SENTENCE_END.finditer(text, start, end):
        if not abbreviation.search(text[max(start, match.start() - 6) : match.start()]):
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


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the space around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# "July 5, 2021 -- ", "GENEVA, June 19 (Tidewater Times) - ": where the piece was written, not what was said
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z .'-]+,\s+)?"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)"
    r"\s*(?:\([^)\n]{1,60}\)\s*)?(?:--|—|–|-|:)\s+"
)


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where a dateline that opens ``text[start:end]`` ends ("GENEVA, 3 March 2025 -- "), or None."""
    match = _DATELINE.match(text, start, end)
    return match.end() if match is not None and match.end() < end else None


def state_under_review(text: str) -> str | None:
    """The State a UPR document says was reviewed ("The review of Kenya was held ...")."""
    match = _UNDER_REVIEW.search(text[:20000])
    return _SPACE.sub(" ", match.group(1)).strip() if match else None
