"""The facet counts of every page, kept for the pages asked again until the store changes.

    counts = FacetCache(conn)
    counts.get(query, "speaker", 10)        # counted in SQL the first time, then read from memory

The search page counts eight facets over every match of its query, more work than finding the page of
matches itself; the same searches come back (the front page, a facet clicked, the next page). The
speaker, event, position, topic and compare pages count facets too (a speaker's positions and topics, a
position's speakers and countries, every position's statements), over every statement they cover. Each
handler that counts takes the cache its route gives (``views._counter``). A cache belongs to one
connection: the store's data version changes for it when any other connection (an
ingest beside the server) commits, and then the cache forgets everything, so a count is never older
than the store. Errors (an unknown facet, a query that cannot be read) are raised, never kept.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict

from onrecord.search import Query, facet_counts
from onrecord.store.database import data_version
from onrecord.store.query import Selection

MAX_ENTRIES = 512  # facet counts kept (a search page asks for eight); the least recently used go first

Key = tuple[Selection, str, int]


class FacetCache:
    """Facet counts read on ``conn`` (a connection of one thread), by query, facet and length."""

    def __init__(self, conn: sqlite3.Connection, max_entries: int = MAX_ENTRIES) -> None:
        if max_entries < 1:
            raise ValueError(f"a facet cache needs room for at least one entry, not {max_entries}")
        self._conn = conn
        self._max = max_entries
        self._entries: OrderedDict[Key, tuple[tuple[str, int], ...]] = OrderedDict()
        self._version: int | None = None

    def get(self, query: Query, facet: str, top: int) -> list[tuple[str, int]]:
        """``search.facet_counts(conn, query, facet, top)``, from memory when the store has not
        changed since it was counted."""
        self._forget_if_changed()
        key = (query.selection, facet, top)  # the page, its order and its length do not count
        counts = self._entries.get(key)
        if counts is None:
            counts = tuple(facet_counts(self._conn, query, facet, top))
            self._entries[key] = counts
            if len(self._entries) > self._max:
                self._entries.popitem(last=False)
        else:
            self._entries.move_to_end(key)
        return list(counts)

    def __len__(self) -> int:
        return len(self._entries)

    def _forget_if_changed(self) -> None:
        version = data_version(self._conn)
        if version != self._version:
            self._entries.clear()
            self._version = version
