"""How many statements a query matches over time, per year or month, optionally one series per value of a
facet (country, speaker, body...)::

    tl = timeline(conn, Query("", StatementFilter(position="non-interference")), by="country")
    tl.periods             # ("2021", "2022", "2023", "2024"): contiguous, years without statements hold 0
    tl.series[0].counts    # the country with most statements, one count per period
    tl.undated             # matching statements with no day said, left out of the counts

A statement's day is the day it was said (``search.DAY_SAID``: its event's date, else the day it was
published). The ``top`` values with most statements get a series each; the rest are summed into "other".
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from onrecord.errors import ConfigError
from onrecord.search import FACETS, Query, readable
from onrecord.store.query import period_counts

__all__ = ["ALL", "OTHER", "PERIODS", "Series", "Timeline", "timeline"]

# characters of the ISO day that name a period: "2024" or "2024-02"
PERIODS = {"year": 4, "month": 7}
ALL = "all"  # the label of the one series of a timeline without ``by``
OTHER = "other"  # the label of the values beyond the ``top``
NONE = "(none)"  # the label of statements without a value for ``by`` (as ``search.facet_counts`` says)


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    counts: tuple[int, ...]  # one per period of its timeline

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Timeline:
    periods: tuple[str, ...]  # "2024" or "2024-02", oldest first, contiguous
    series: tuple[Series, ...]  # most statements first; "other" (if any) last
    by: str | None
    period: str
    undated: int = 0  # matching statements without a day, in no count

    @property
    def total(self) -> int:
        """The dated statements counted (``undated`` is not in it)."""
        return sum(s.total for s in self.series)

    def as_dict(self) -> dict[str, Any]:
        """The timeline as JSON-ready data (what the API gives; ``from_dict`` reads it back)."""
        return {
            "period": self.period,
            "by": self.by,
            "periods": list(self.periods),
            "series": [{"label": s.label, "counts": list(s.counts)} for s in self.series],
            "undated": self.undated,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Timeline:
        series = tuple(Series(s["label"], tuple(s["counts"])) for s in data["series"])
        return cls(tuple(data["periods"]), series, data["by"], data["period"], data["undated"])


def timeline(
    conn: sqlite3.Connection, query: Query, *, by: str | None = None, period: str = "year", top: int = 8
) -> Timeline:
    """Counts of the statements ``query`` matches per ``period``, in one series per value of ``by``."""
    if period not in PERIODS:
        raise ConfigError(f"unknown period {period!r}; choose one of {sorted(PERIODS)}")
    if by is not None and by not in FACETS:
        raise ConfigError(f"cannot draw a series per {by!r}; choose one of {sorted(FACETS)}")
    if top < 1:
        raise ConfigError(f"top must be 1 or more, got {top}")
    width = PERIODS[period]
    with readable(query):
        rows = period_counts(conn, query.selection, width, by)

    counts: dict[str, Counter[str]] = defaultdict(Counter)  # value -> period -> statements
    undated = 0
    for day, value, n in rows:
        if not day or len(day) < width:
            undated += n
            continue
        label = ALL if by is None else (NONE if value is None else str(value))
        counts[label][day] += n
    periods = _contiguous(sorted({p for c in counts.values() for p in c}), period)
    return Timeline(periods, _series(counts, periods, top), by, period, undated)


def _series(counts: dict[str, Counter[str]], periods: tuple[str, ...], top: int) -> tuple[Series, ...]:
    ranked = sorted(counts, key=lambda label: (-counts[label].total(), label))
    kept, rest = ranked[:top], ranked[top:]
    series = [Series(label, tuple(counts[label][p] for p in periods)) for label in kept]
    if rest:
        series.append(Series(OTHER, tuple(sum(counts[label][p] for label in rest) for p in periods)))
    return tuple(series)


def _contiguous(days: list[str], period: str) -> tuple[str, ...]:
    """Every period from the first to the last of ``days`` (sorted "YYYY" or "YYYY-MM" strings)."""
    if not days:
        return ()
    if period == "year":
        return tuple(f"{y:04d}" for y in range(int(days[0]), int(days[-1]) + 1))
    first, last = (int(days[0][:4]), int(days[0][5:7])), (int(days[-1][:4]), int(days[-1][5:7]))
    months = range(first[0] * 12 + first[1] - 1, last[0] * 12 + last[1])
    return tuple(f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months)
