"""The genre of a document, decided once when it is cleaned and read by every later stage.

    decide_genre(text, url=..., speech=..., un_document=...) -> Genre

Genres: ``news`` (the default), ``meeting_coverage`` (UN meetings coverage: press codes such as
GA/SHC/4401 or SC/13115, "53rd Meeting (AM)"), ``meeting_summary`` (Council meeting summaries and press
releases: "Meeting Summaries", "Human Rights Council / MORNING"), ``press_briefing`` (UN press briefings:
"chaired the briefing", "Press Conferences |"), ``un_report`` (UN documents with a cover page, such as UPR
Working Group reports) and ``speech`` (a table row that names its speaker). The clues are data
(``data/genres.json``) searched in the text as received, furniture included, so cleaning can drop the
lines that gave the genre away without losing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json
from onrecord.models import Genre


@dataclass(frozen=True, slots=True)
class _Clue:
    pattern: re.Pattern[str]
    weight: int


@dataclass(frozen=True, slots=True)
class _Rules:
    head_chars: int
    min_score: int
    text: dict[Genre, tuple[_Clue, ...]]
    url: dict[Genre, tuple[_Clue, ...]]


@cache
def _rules() -> _Rules:
    data = read_json("genres.json")

    def clues(items: list[dict[str, object]]) -> tuple[_Clue, ...]:
        return tuple(
            _Clue(re.compile(str(c["pattern"]), re.IGNORECASE | re.MULTILINE), int(str(c["weight"])))
            for c in items
        )

    genres = data["genres"]
    return _Rules(
        head_chars=int(data["head_chars"]),
        min_score=int(data["min_score"]),
        text={Genre(name): clues(g.get("text", [])) for name, g in genres.items()},
        url={Genre(name): clues(g.get("url", [])) for name, g in genres.items()},
    )


def genre_scores(text: str, url: str | None = None) -> dict[Genre, int]:
    """The weight of the clues found for each UN genre (for explaining a decision)."""
    rules = _rules()
    head = text[: rules.head_chars]
    scores: dict[Genre, int] = {}
    for genre, clues in rules.text.items():
        score = sum(c.weight for c in clues if c.pattern.search(head))
        if url:
            score += sum(c.weight for c in rules.url.get(genre, ()) if c.pattern.search(url))
        scores[genre] = score
    return scores


def decide_genre(
    text: str,
    *,
    url: str | None = None,
    speech: bool = False,
    un_document: bool = False,
) -> Genre:
    """The genre of a document from its text as received (furniture included) and URL; ``speech`` and
    ``un_document`` say what the reader already knows (a row naming its speaker, a UN cover page)."""
    if speech:
        return Genre.SPEECH
    if un_document:
        return Genre.UN_REPORT
    scores = genre_scores(text, url)
    best = max(scores, key=lambda g: scores[g], default=None)
    if best is None or scores[best] < _rules().min_score:
        return Genre.NEWS
    return best
