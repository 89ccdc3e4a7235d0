"""Numbers written in words or digits: "forty-seventh" -> 47, "55th" -> 55, "two million" -> 2000000.

The words themselves (units, tens, ordinals, scales) live in ``data/figures.json``; this module holds
only the arithmetic. Everything is read once, when first needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json


@dataclass(frozen=True, slots=True)
class NumberWords:
    units: dict[str, int]
    tens: dict[str, int]
    ordinal_units: dict[str, int]
    ordinal_tens: dict[str, int]
    scales: dict[str, int]

    @property
    def cardinal_words(self) -> frozenset[str]:
        return frozenset(self.units) | frozenset(self.tens) | {"hundred"}

    @property
    def ordinal_words(self) -> frozenset[str]:
        return frozenset(self.ordinal_units) | frozenset(self.ordinal_tens) | {"hundredth"}


@cache
def number_words() -> NumberWords:
    data = read_json("figures.json")
    return NumberWords(
        units={k: int(v) for k, v in data["units"].items()},
        tens={k: int(v) for k, v in data["tens"].items()},
        ordinal_units={k: int(v) for k, v in data["ordinal_units"].items()},
        ordinal_tens={k: int(v) for k, v in data["ordinal_tens"].items()},
        scales={k: int(v) for k, v in data["scales"].items()},
    )


_NUMERIC_ORDINAL = re.compile(r"(\d{1,4})(?:st|nd|rd|th|d)", re.IGNORECASE)


def _alternation(words: frozenset[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def ordinal_pattern() -> str:
    """A regex (no groups) for an ordinal in digits or words: "55th", "forty-seventh", "Twelfth"."""
    words = number_words()
    word_ordinal = (
        rf"(?:(?:{_alternation(set(words.tens))})[ -](?:{_alternation(set(words.ordinal_units))})"
        rf"|{_alternation(words.ordinal_words)})"
    )
    return rf"(?:\d{{1,4}}(?:st|nd|rd|th|d)|{word_ordinal})"


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal ("55th", "forty-seventh", "Twelfth", "one hundred and first"), else None."""
    cleaned = text.strip().lower()
    match = _NUMERIC_ORDINAL.fullmatch(cleaned)
    if match:
        return int(match.group(1))
    words = number_words()
    parts = [p for p in re.split(r"[\s-]+", cleaned) if p and p != "and"]
    if not parts:
        return None
    total = 0
    if "hundred" in parts or "hundredth" in parts:
        at = parts.index("hundred") if "hundred" in parts else parts.index("hundredth")
        head = parts[:at]
        if len(head) != 1 or head[0] not in words.units:
            return None
        total = words.units[head[0]] * 100
        if parts[at] == "hundredth":
            return total if at == len(parts) - 1 else None
        parts = parts[at + 1 :]
        if not parts:
            return None
    if len(parts) == 1:
        last = parts[0]
        value = words.ordinal_units.get(last, words.ordinal_tens.get(last))
        return None if value is None else total + value
    if len(parts) == 2 and parts[0] in words.tens and parts[1] in words.ordinal_units:
        return total + words.tens[parts[0]] + words.ordinal_units[parts[1]]
    return None


def parse_cardinal(text: str) -> float | None:
    """The value of a cardinal in digits or words: "30,000", "1.5 billion", "two million", "a dozen"."""
    cleaned = text.strip().lower().replace("\u00a0", " ")
    if not cleaned:
        return None
    words = number_words()
    parts = [p for p in re.split(r"[\s-]+", cleaned) if p and p != "and"]
    total = 0.0
    current = 0.0
    seen = False
    for part in parts:
        digits = part.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            current += float(digits)
            seen = True
        elif part in words.units:
            current += words.units[part]
            seen = True
        elif part in words.tens:
            current += words.tens[part]
            seen = True
        elif part == "a" and not seen:
            current = 1.0
            seen = True
        elif part == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif part in words.scales:
            total += (current or 1.0) * words.scales[part]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None
