"""The toolkit's word lists (``data/text.json``), read once: abbreviations and month names."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from onrecord.datafiles import read_json

__all__ = ["MONTHS_PATTERN", "MONTH_FORMS_PATTERN", "abbreviation_end", "month_number"]


@cache
def _data() -> dict[str, Any]:
    return read_json("text.json")


@cache
def _months() -> dict[str, int]:
    months: dict[str, int] = {}
    for number, (name, short) in enumerate(_data()["months"].items(), start=1):
        for form in (name, *short):
            months[form] = number
    return months


MONTHS_PATTERN = "(?:" + "|".join(map(re.escape, _data()["months"])) + ")"  # the full names, as written
# the names and their short forms as written, the longest first (a "Sept" is not read as "Sep")
MONTH_FORMS_PATTERN = "(?:" + "|".join(map(re.escape, sorted(_months(), key=len, reverse=True))) + ")"


@cache
def abbreviation_end(*, more: bool) -> re.Pattern[str]:
    """A pattern that finds an abbreviation's full stop at the end of the text searched ("Mr.", "U.N.",
    an initial "J."): the ``abbreviations`` of text.json and, with ``more``, its ``more_abbreviations``
    and the months' short forms too."""
    data = _data()
    words = list(data["abbreviations"])
    if more:
        words += data["more_abbreviations"] + [short for forms in data["months"].values() for short in forms]
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:\b[A-Z]|\b(?:{alternatives}))\.$")


def month_number(name: str) -> int | None:
    """1-12 for a month's name or short form ("July", "Sept"), case aside; else None."""
    months = _months()
    return months.get(name) or months.get(name.capitalize())
