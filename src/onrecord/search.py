"""One query model for searching statements: full text (SQLite FTS5, ranked) with filters, sorting,
paging and counts by facet, for the CLI, the API and the web pages alike. A search finds the ids of its
matches in their order first, then reads only those statements whole (``_hits``). The SQL is in
``store/query.py``; this module validates, orders and assembles.

Query text follows FTS5: words are all required, "quoted words" are a phrase, ``word*`` is a prefix,
OR and NOT combine. An empty text lists the statements that pass the filters.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import Any

from onrecord.errors import ConfigError
from onrecord.store import query as sql
from onrecord.store.documents import document_refs
from onrecord.store.filters import SQLITE_MAX_INT, StatementFilter
from onrecord.store.query import FACETS, Selection
from onrecord.store.statements import StoredStatement, statement_row

__all__ = [
    "FACETS",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "Comparison",
    "FacetCounter",
    "Hit",
    "Page",
    "Query",
    "Side",
    "Sort",
    "check_query",
    "compare",
    "facet_counts",
    "fts_expression",
    "hit_rows",
    "iter_hit_rows",
    "readable",
    "search",
    "side",
]

MAX_QUERY_LENGTH = 500
MAX_PAGE_SIZE = 500


class Sort(StrEnum):
    RANK = "rank"  # best match first (date said, newest first, without text)
    DATE = "date"  # newest first
    OLDEST = "oldest"
    STORED = "stored"  # document by document, in the order of their text


@dataclass(frozen=True, slots=True)
class Query:
    text: str = ""
    filters: StatementFilter = field(default_factory=StatementFilter)
    sort: Sort = Sort.RANK
    limit: int = 20
    offset: int = 0

    @property
    def match(self) -> str:
        """The text as an FTS5 MATCH expression (see ``fts_expression``)."""
        return fts_expression(self.text)

    @property
    def selection(self) -> Selection:
        """What the query selects, as the store reads it."""
        return Selection(self.match if self.text.strip() else None, self.filters)

    @property
    def ranked(self) -> bool:
        return bool(self.text.strip()) and self.sort is Sort.RANK

    @property
    def order(self) -> str | None:
        """The order of ``store.query.ORDERS`` (None: by rank); without words, rank is by date."""
        if self.ranked:
            return None
        return Sort.DATE.value if self.sort is Sort.RANK else self.sort.value

    def __post_init__(self) -> None:
        if len(self.text) > MAX_QUERY_LENGTH:
            raise ConfigError(f"the query is {len(self.text)} characters long; at most {MAX_QUERY_LENGTH}")
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise ConfigError(f"page size must be 1 to {MAX_PAGE_SIZE}, got {self.limit}")
        if not 0 <= self.offset <= SQLITE_MAX_INT:
            raise ConfigError(f"offset must be 0 to {SQLITE_MAX_INT}, got {self.offset}")


_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_BAREWORD = re.compile(r"[\w\u0080-\U0010ffff]+\*?")  # what FTS5 reads as a word without quotes


def fts_expression(text: str) -> str:
    """``text`` with every word FTS5 cannot read bare put between quotes: "non-interference" and
    "women's" are searched as the phrases they are, not read as column filters or syntax errors.
    Quoted phrases, OR/AND/NOT, parentheses and ``prefix*`` are left as they are."""
    pieces = text.strip().split('"')
    if len(pieces) % 2 == 0:  # an unclosed quote: leave it for FTS5 to refuse
        return text.strip()
    for index in range(0, len(pieces), 2):  # outside quotes
        pieces[index] = re.sub(r"\S+", _quoted_if_needed, pieces[index])
    return '"'.join(pieces)


def _quoted_if_needed(word: re.Match[str]) -> str:
    core = word.group().strip("()")
    if not core or core in _OPERATORS or _BAREWORD.fullmatch(core):
        return word.group()
    star = "*" if core.endswith("*") else ""
    return word.group().replace(core, f'"{core.removesuffix("*")}"{star}')


@dataclass(frozen=True, slots=True)
class Hit:
    stored: StoredStatement
    highlighted: str  # the content with matches between « and »
    rank: float | None  # FTS5 bm25 (lower is better); None when the order is by date


@dataclass(frozen=True, slots=True)
class Page:
    total: int
    hits: tuple[Hit, ...]


# what SQLite says of a query text FTS5 cannot read (as opposed to a database that cannot be read)
_QUERY_ERRORS = ("fts5", "syntax", "unterminated", "no such column", "unknown special query")


def search(conn: sqlite3.Connection, query: Query) -> Page:
    """One page of the statements that match, with the total count."""
    with readable(query):
        if query.ranked:
            total, ids = sql.ranked(conn, query.selection, query.limit, query.offset)
        else:
            order = query.order or Sort.DATE.value
            total, ids = sql.listed(conn, query.selection, order, query.limit, query.offset)
        return Page(total, _hits(conn, query, ids))


@contextmanager
def readable(query: Query) -> Iterator[None]:
    """Query text FTS5 cannot read, said as a ``ConfigError`` (other database errors pass as they are)."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if query.text.strip() and any(word in str(exc) for word in _QUERY_ERRORS):
            raise ConfigError(
                f'cannot read the query {query.text!r} ({exc}): use words, "a phrase", prefix*, OR, NOT'
            ) from None
        raise


def check_query(conn: sqlite3.Connection, query: Query) -> None:
    """Raise the ``ConfigError`` of ``search`` now when FTS5 cannot read the query text (cheap: it
    looks for one match), e.g. before a download starts streaming."""
    if query.text.strip():
        with readable(query):
            sql.first_match(conn, query.match)


def _hits(
    conn: sqlite3.Connection, query: Query, ranked: Sequence[tuple[int, float | None]]
) -> tuple[Hit, ...]:
    """The statements ``ranked`` names, in its order, read whole and highlighted."""
    ids = [statement_id for statement_id, _ in ranked]
    stored = sql.read_statements(conn, ids)
    marked = sql.highlights(conn, query.match, ids) if query.text.strip() else {}
    return tuple(
        Hit(stored[i], marked.get(i, stored[i].statement.content.text), score) for i, score in ranked
    )


def iter_hit_rows(conn: sqlite3.Connection, query: Query) -> Iterator[dict[str, Any]]:
    """Every statement ``query`` matches, in its order and in the format of ``hit_rows``, read a few
    hundred at a time from one pass over the matches (``query.limit`` and ``offset`` do not apply)."""
    with readable(query):
        for chunk in sql.iter_ordered(conn, query.selection, query.order, MAX_PAGE_SIZE):
            yield from hit_rows(conn, _hits(conn, query, chunk))


def hit_rows(conn: sqlite3.Connection, hits: Sequence[Hit]) -> list[dict[str, Any]]:
    """Hits in the statements' export format, each with its highlighted content and its speaker's id."""
    documents = document_refs(conn, (h.stored.document_id for h in hits))
    rows = []
    for hit in hits:
        row: dict[str, Any] = statement_row(hit.stored, documents[hit.stored.document_id])
        row["highlighted"] = hit.highlighted
        row["speaker"]["id"] = hit.stored.speaker_id
        rows.append(row)
    return rows


def facet_counts(conn: sqlite3.Connection, query: Query, facet: str, top: int = 20) -> list[tuple[str, int]]:
    """How many matching statements fall under each value of ``facet`` (most first)."""
    if facet not in FACETS and facet not in sql.THEME_FACETS:
        known = sorted([*FACETS, *sql.THEME_FACETS])
        raise ConfigError(f"unknown facet {facet!r}; choose one of {known}")
    with readable(query):
        rows = sql.facet_counts(conn, query.selection, facet, top)
    return [(str(value) if value is not None else "(none)", n) for value, n in rows]


# ``facet_counts`` with its connection given, (query, facet, top) -> rows: how the web counts, through
# its cache (``web.facet_cache``)
FacetCounter = Callable[[Query, str, int], list[tuple[str, int]]]


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: what was asked, how it was read, and its statements' total."""

    asked: str
    filters: StatementFilter
    total: int


@dataclass(frozen=True, slots=True)
class Comparison:
    by: str
    left: Side
    right: Side
    rows: tuple[tuple[str, int, int], ...]  # value, left count, right count (most first)


def side(conn: sqlite3.Connection, asked: str, within: StatementFilter | None = None) -> Side:
    """A speaker (name or alias) when one matches, else a country (among the statements ``within``
    keeps)."""
    within = within or StatementFilter()
    for filters in (within.replace(speaker=asked), within.replace(country=asked)):
        total = search(conn, Query("", filters, limit=1)).total
        if total:
            return Side(asked, filters, total)
    raise ConfigError(f"no statements by a speaker or from a country matching {asked!r}")


def compare(
    conn: sqlite3.Connection,
    left: str,
    right: str,
    by: str = "position",
    top: int = 30,
    within: StatementFilter | None = None,
    count: FacetCounter | None = None,
) -> Comparison:
    """Two speakers or countries side by side: how many of each one's statements fall under each value
    (counted by ``count`` when given, else by ``facet_counts`` on ``conn``)."""
    a, b = side(conn, left, within), side(conn, right, within)
    if count is None:
        count = partial(facet_counts, conn)
    counts_a = dict(count(Query("", a.filters), by, top))
    counts_b = dict(count(Query("", b.filters), by, top))
    values = sorted(
        set(counts_a) | set(counts_b), key=lambda v: (-(counts_a.get(v, 0) + counts_b.get(v, 0)), v)
    )
    return Comparison(by, a, b, tuple((v, counts_a.get(v, 0), counts_b.get(v, 0)) for v in values))
