"""The statement filters, declared once as data: each one's name, type, help and the SQL it becomes.

The CLI's options (``onrecord search``, ``statements``, ``timeline``, ``compare``), the API's query
parameters, the pages' forms and the OpenAPI description are all generated from ``FILTERS``, so a filter
added here appears everywhere at once::

    StatementFilter(speaker="Wang", session=55)          # in code
    parse_filters({"speaker": "Wang", "from": "2024-01-01"})   # from text (a URL, ``--where``)

Every condition is written over the aliases of ``store.statements.JOINS`` (``s`` the statement, ``sp``
its speaker, ``ds`` the document's account of the speaker, ``ev`` its event, ``d`` its document); each
``?`` in it takes the value, written through ``pattern``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from onrecord.errors import ConfigError

__all__ = ["FILTERS", "Filter", "StatementFilter", "parse_filters"]

# what SQLite can store in an INTEGER: larger numbers are refused as input, never sent to it
SQLITE_MIN_INT = -(2**63)
SQLITE_MAX_INT = 2**63 - 1
MAX_TEXT = 200  # characters of a text filter

DAY_SAID = "coalesce(ev.date, s.date_published, d.published)"  # its event's date, else published


@dataclass(frozen=True, slots=True)
class Filter:
    name: str  # the keyword of StatementFilter, and of the API parameter and CLI option unless ``option``
    type: type[str] | type[int]
    help: str
    sql: str  # a condition over the statement's aliases; each ? takes the value
    pattern: str = "{}"  # how the value is written into each ?, e.g. "%{}%" for "contains"
    option: str | None = None  # the public name when it is not ``name`` ("from" for date_from)
    public: bool = True  # False: for code only (a page's own statements), not an option or parameter

    @property
    def public_name(self) -> str:
        return self.option or self.name

    def parse(self, text: str) -> str | int:
        """The value written as ``text`` (a URL parameter, a CLI option), checked."""
        if self.type is int:
            try:
                number = int(text.strip())
            except ValueError:
                raise ConfigError(f"{self.public_name}: expected a whole number, got {text!r}") from None
            return self.check(number)
        return self.check(text)

    def check(self, value: object) -> str | int:
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{self.public_name}: expected a whole number, got {value!r}")
            if not SQLITE_MIN_INT <= value <= SQLITE_MAX_INT:
                raise ConfigError(f"{self.public_name}: {value} is out of range (at most {SQLITE_MAX_INT})")
            return value
        if not isinstance(value, str):
            raise ConfigError(f"{self.public_name}: expected text, got {value!r}")
        if len(value) > MAX_TEXT:
            raise ConfigError(f"{self.public_name}: at most {MAX_TEXT} characters, got {len(value)}")
        return value

    def condition(self, value: str | int) -> tuple[str, list[object]]:
        """The SQL condition this filter makes of ``value``, and its parameters."""
        written = self.pattern.format(value) if self.pattern != "{}" else value
        return self.sql, [written] * self.sql.count("?")


_CONTAINS = "%{}%"

FILTERS: tuple[Filter, ...] = (
    Filter("statement_id", int, "One statement, by id.", "s.id = ?", public=False),
    Filter("document_id", int, "The statements of one document, by id.", "s.document_id = ?", public=False),
    Filter(
        "speaker",
        str,
        "Speaker name or alias contains this.",
        "s.speaker_id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ?"
        " UNION SELECT id FROM speakers WHERE name LIKE ?)",
        _CONTAINS,
    ),
    Filter("speaker_id", int, "One speaker, by id.", "s.speaker_id = ?"),
    Filter("speaker_kind", str, "person, state, organization, group or unknown.", "sp.kind = lower(?)"),
    Filter("country", str, "The speaker's country contains this.", "ds.country LIKE ?", _CONTAINS),
    Filter("body", str, "Body of the event (e.g. Human Rights Council).", "ev.body LIKE ?", _CONTAINS),
    Filter("session", int, "Session number.", "ev.session = ?"),
    Filter(
        "event_kind", str, "Kind of event (plenary, side event, UPR review...).", "ev.kind LIKE ?", _CONTAINS
    ),
    Filter("event_id", int, "One event, by id.", "ev.id = ?"),
    Filter(
        "topic",
        str,
        "UPR Info issue label.",
        "s.id IN (SELECT statement_id FROM statement_topics WHERE label = ? COLLATE NOCASE)",
    ),
    Filter(
        "position",
        str,
        "Position id (see `onrecord positions`).",
        "s.id IN (SELECT statement_id FROM statement_positions WHERE position = ?)",
    ),
    Filter("date_from", str, "Said on or after this day (YYYY-MM-DD).", f"{DAY_SAID} >= ?", option="from"),
    Filter("date_to", str, "Said on or before this day (YYYY-MM-DD).", f"{DAY_SAID} <= ?", option="to"),
    Filter("outlet", str, "Outlet of the document contains this.", "d.outlet LIKE ?", _CONTAINS),
    Filter(
        "genre",
        str,
        "Genre of the document: news, meeting_coverage, meeting_summary, press_briefing, un_report, speech.",
        "d.genre = lower(?)",
    ),
    Filter("kind", str, "direct, indirect or mixed.", "s.kind = lower(?)"),
)


def declared() -> dict[str, Filter]:
    """The filters of ``FILTERS`` by name (read when called, so a filter added to it counts)."""
    return {f.name: f for f in FILTERS}


class StatementFilter:
    """What statements to keep: every filter given must hold (see ``FILTERS`` for what each means).
    Immutable and comparable; a filter not given, given as None or as "" does not apply."""

    __slots__ = ("_values",)
    _values: tuple[tuple[str, str | int], ...]

    def __init__(self, **values: object) -> None:
        known = declared()
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(f"unknown filters {unknown}; known: {sorted(known)}")
        checked = {
            name: known[name].check(value)
            for name, value in values.items()
            if value is not None and value != ""
        }
        object.__setattr__(self, "_values", tuple(sorted(checked.items())))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in declared():
            raise AttributeError(f"{type(self).__name__} has no filter {name!r}")
        return dict(self._values).get(name)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a StatementFilter cannot be changed: use replace()")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StatementFilter) and self._values == other._values

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"StatementFilter({', '.join(f'{k}={v!r}' for k, v in self._values)})"

    def __bool__(self) -> bool:
        return bool(self._values)

    def items(self) -> Iterator[tuple[str, str | int]]:
        """The filters given, by name, in the order of their names."""
        return iter(self._values)

    def public(self) -> dict[str, str | int]:
        """The filters given, by their public names (as URL parameters write them)."""
        known = declared()
        return {known[name].public_name: value for name, value in self._values}

    def replace(self, **changes: object) -> StatementFilter:
        return StatementFilter(**{**dict(self._values), **changes})

    def where(self) -> tuple[list[str], list[object]]:
        """SQL conditions and their parameters over the aliases of ``store.statements.JOINS``."""
        known = declared()
        where: list[str] = []
        params: list[object] = []
        for name, value in self._values:
            condition, values = known[name].condition(value)
            where.append(condition)
            params.extend(values)
        return where, params


def parse_filters(given: Mapping[str, str | None]) -> StatementFilter:
    """A ``StatementFilter`` from filter names (or public names: ``from``, ``to``) to values as text,
    each parsed and checked by its declaration; empty values do not apply.

        parse_filters({"country": "China", "session": "55"})
    """
    known = declared()
    by_public = {f.public_name: f for f in FILTERS} | known
    values: dict[str, object] = {}
    for key, text in given.items():
        declaration = by_public.get(key)
        if declaration is None:
            public = sorted(f.public_name for f in FILTERS if f.public)
            raise ConfigError(f"unknown filter {key!r}; choose from {', '.join(public)}")
        if text is not None and text.strip():
            values[declaration.name] = declaration.parse(text)
    return StatementFilter(**values)
