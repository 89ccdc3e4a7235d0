"""Bylines as the people who wrote: what extractors and markup give, cleaned of what is not a name.

An extractor's author string often carries more than names: a date run on ("Joshua Sokol May"), a role
("Ben Silverman Games Editor"), a label ("Last Updated January 7"), a placeholder from the site's
furniture ("Username"), a second credit ("Rob Ewaschuk Edited by Betsy Beyer") or a news agency
("AFP"). ``person_byline`` keeps the names and sets agencies apart (an agency is an outlet, not a
person; ``agencies_of`` names them). The words are data (``[bylines]`` in ``data/furniture.toml``).
"""

from __future__ import annotations

import re
from functools import cache

from onrecord.clean.outlets import canonical_outlet, is_known_outlet
from onrecord.clean.rules import rulebook
from onrecord.text import month_number

_PARTS = re.compile(r"\s*[;|\n]\s*")
_PIECES = re.compile(r"\s*(?:,|/|\band\b|&)\s*")  # names and agencies within a part
_BRACKETED = re.compile(r"\s*\(([^()]{2,60})\)")


def person_byline(value: str | None) -> str | None:
    """The people ``value`` names, joined by ", "; ``None`` when it names none."""
    names: list[str] = []
    for part in _parts(value):
        name = _person(part)
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return ", ".join(names) or None


def agencies_of(value: str | None) -> tuple[str, ...]:
    """The news agencies and outlets ``value`` names (kept apart from the persons)."""
    found: list[str] = []
    for part in _PARTS.split(value or ""):
        pieces = [*_PIECES.split(_BRACKETED.sub(r", \1", _unprefixed(part)))]
        found += [canonical_outlet(p) for p in pieces if p and is_known_outlet(p)]
    return tuple(dict.fromkeys(found))


def _parts(value: str | None) -> list[str]:
    """The parts of ``value`` that may name persons: agencies (alone, bracketed or listed) left out."""
    parts: list[str] = []
    for part in _PARTS.split(value or ""):
        if not part.strip():
            continue
        part = _BRACKETED.sub(lambda m: "" if is_known_outlet(m[1]) else m[0], part)
        pieces = _PIECES.split(_unprefixed(part))
        if any(is_known_outlet(piece) for piece in pieces):  # "Ana Torvik, Reuters", "Ana Torvik / AFP"
            part = ", ".join(p for p in pieces if p and not is_known_outlet(p))
        parts.append(part)
    return [part for part in parts if part.strip()]


def _person(part: str) -> str | None:
    words = rulebook().bylines
    text = _unprefixed(part)
    if not text or is_known_outlet(text):
        return None
    lowered = text.casefold()
    if lowered in words.not_names or any(lowered.startswith(label) for label in words.labels):
        return None
    tokens = text.split()
    for index, token in enumerate(tokens):  # cut at a second credit, a role or a date
        bare = token.strip(".,:;()").casefold()
        if index >= 1 and (bare in words.credits or (index >= 2 and bare in words.roles)):
            tokens = tokens[:index]
            break
        if index >= 1 and (bare in words.weekdays or any(ch.isdigit() for ch in token)):
            tokens = tokens[:index]
            break
    while len(tokens) > 2 and month_number(tokens[-1].strip(".,")) is not None:
        tokens = tokens[:-1]  # "Nathan Willis March": the date's month, run on
    name = " ".join(tokens).strip(" ,;:-–—|")
    if not name or not any(ch.isalpha() for ch in name) or len(name.split()) > words.max_words:
        return None
    return name


def _unprefixed(part: str) -> str:
    text = " ".join(part.split())
    match = _prefix().match(text)
    return text[match.end() :].strip() if match else text


@cache
def _prefix() -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(rulebook().bylines.prefixes)})\s*:?\s+", re.IGNORECASE)
