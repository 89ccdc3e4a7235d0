"""The SQLite store: opening, versioned migrations, transactions.

Migrations are the numbered ``.sql`` files in ``store/migrations``; each runs once, in order, inside a
transaction, and is recorded in ``schema_migrations``. A database written by a newer onrecord (with
migrations this version does not know) is refused with a clear error rather than misread.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from onrecord.errors import StoreError

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another process's write transaction to end

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this version, in order."""
    found = []
    for entry in resources.files("onrecord.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating when missing, unless ``readonly``) and migrate the database at ``path``.

    Opening is tried again while another connection holds a lock SQLite does not wait for itself (the
    switch of a new store to WAL, or a read lock that would have to be upgraded), for as long as a writer
    waits for a write lock (``BUSY_TIMEOUT_MS``), so that many processes opening one store at once all
    get it."""
    target = Path(path)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _open(target, readonly)
        except _Busy as busy:
            if time.monotonic() > deadline:
                raise StoreError(f"{target} stayed locked by another process: {busy.__cause__}") from None
            time.sleep(random.uniform(0.01, 0.1))


class _Busy(Exception):
    """Another connection held a lock while the store was being opened."""


def _is_busy(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _open(target: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        if not target.exists():
            raise StoreError(f"no database at {target}: run `onrecord ingest` first or pass --db")
        uri = f"file:{target.resolve()}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {target}: {exc}") from exc
    else:
        if target.parent and not target.parent.exists():
            raise StoreError(f"cannot create database {target}: folder {target.parent} does not exist")
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # before WAL: another writer may hold it
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        if readonly:
            _check_version(conn, target)
        else:
            migrate(conn, target)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_busy(exc):
            raise _Busy from exc
        raise StoreError(f"{target} is not an onrecord database (or is damaged): {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes for ``conn`` whenever another connection commits to the store (SQLite's
    ``data_version``): what a cache kept for one connection checks before it answers."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _applied(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def _check_version(conn: sqlite3.Connection, target: Path) -> None:
    known = {m.version for m in migrations()}
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchall()
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")} if rows else set()
    if applied - known:
        raise StoreError(
            f"{target} was written by a newer onrecord (schema versions {sorted(applied - known)}); upgrade"
        )
    if known - applied:
        raise StoreError(f"{target} needs migrating: open it once without read-only access")


def migrate(conn: sqlite3.Connection, target: Path | str = "database") -> list[int]:
    """Apply the migrations not yet applied; return their versions.

    Each migration runs under the write lock (``BEGIN IMMEDIATE``) and is skipped there when another
    process applied it meanwhile, so two processes opening one new store at once both go on.
    """
    applied = _applied(conn)
    known = migrations()
    _refuse_newer(applied, known, target)
    done = []
    for migration in known:
        if migration.version in applied:
            continue
        conn.execute("BEGIN IMMEDIATE")  # waits for the write lock; a lock it cannot get is retried above
        try:
            applied = _applied(conn)  # read again under the lock: another process may have been first
            _refuse_newer(applied, known, target)
            if migration.version not in applied:
                for statement in _statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )
                done.append(migration.version)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            if _is_busy(exc):
                raise
            raise StoreError(f"migration {migration.version} ({migration.name}) failed: {exc}") from exc
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return done


def _refuse_newer(applied: set[int], known: Sequence[Migration], target: Path | str) -> None:
    newer = applied - {m.version for m in known}
    if newer:
        raise StoreError(
            f"{target} was written by a newer onrecord (schema versions {sorted(newer)}); upgrade onrecord"
        )


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    parts, current = [], []
    for line in sql.splitlines():
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            parts.append("\n".join(current))
            current = []
    rest = "\n".join(current).strip()
    if rest and not all(ln.strip().startswith("--") or not ln.strip() for ln in current):
        parts.append(rest)
    return parts


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed whole, or rolled back whole."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def rows_of_statements(
    conn: sqlite3.Connection, columns: str, table: str, statement_ids: Sequence[int], order: str
) -> list[sqlite3.Row]:
    """Rows of ``table`` belonging to ``statement_ids``, in ``order`` within each statement."""
    rows: list[sqlite3.Row] = []
    ids = list(statement_ids)
    for i in range(0, len(ids), 500):  # well under SQLite's limit on parameters
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows += conn.execute(
            f"SELECT statement_id, {columns} FROM {table} WHERE statement_id IN ({marks})"
            f" ORDER BY statement_id, {order}",
            chunk,
        ).fetchall()
    return rows
