"""The store: SQLite by default, with versioned migrations.

``Store(path)`` opens (and migrates) a database; the modules beside this one hold the queries for
each kind of record and take the store's connection.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from onrecord.store.database import connect, transaction

__all__ = ["Store"]


class Store:
    """An open onrecord database."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.conn: sqlite3.Connection = connect(self.path, readonly=readonly)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction, committed whole or rolled back whole."""
        return transaction(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
