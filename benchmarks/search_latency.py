"""How long a search takes on a million statements, as a ratio to the bare SQLite FTS5 query.

    .venv/bin/python benchmarks/search_latency.py [--statements N] [--db PATH [--keep]] [--repeat R]
                                                  [--json PATH]

Builds a store of N statements (default 1,000,000) through the real migrations, FTS triggers included,
whose content is real text recombined from the UPR recommendations in the shared data (the first half
of one recommendation and the second half of another, so vocabulary and word frequencies are those of
human-rights language), with documents, speakers, events and positions around them. Then, for each of a
list of typical analyst searches, it times three ways of answering it in the same run:

  bare   the least SQLite can do: the FTS5 MATCH, ranked, first 20 rowids (plus the minimal JOIN/WHERE a
         filter needs), on a connection of its own;
  model  ``onrecord.search.search`` in process (the query model the CLI, the API and the web pages use);
  api    HTTP GET /api/v1/statements against a real uvicorn server running ``onrecord.web.create_app``.

It prints the median and 95th percentile of each, the ratios of model and api to bare, the machine, and
(with ``--json``) writes the same figures as JSON. Ratios, not milliseconds, compare across machines.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import importlib
import json
import math
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from onrecord.search import Query, search
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.store.statements import StatementFilter
from onrecord.themes.positions import load_taxonomy

UPR_CSV = "data/upr/recommendations_s01-s15.csv"
SOURCE_PREFIX = "benchmark://search-latency/"  # marks a store this script built (and may rebuild)
STATEMENTS_PER_DOCUMENT = 10
ROWS_PER_COMMIT = 50_000
WARMUPS = 3
LIMIT = 20
SEED = 20240601


@dataclass(frozen=True, slots=True)
class Case:
    """One typical search: FTS5 query text and at most one filter."""

    label: str
    text: str
    position: str | None = None  # exact position id, as StatementFilter.position
    country: str | None = None  # substring of the country, as StatementFilter.country

    def filters(self) -> StatementFilter:
        return StatementFilter(position=self.position, country=self.country)

    def api_params(self) -> dict[str, str | int]:
        params: dict[str, str | int] = {"q": self.text, "limit": LIMIT}
        if self.position:
            params["position"] = self.position
        if self.country:
            params["country"] = self.country
        return params

    def bare_source(self) -> tuple[str, list[object]]:
        """FROM ... WHERE of the bare query: the MATCH and only the JOIN/WHERE the filter needs."""
        if self.position:
            # a join, not `rowid IN (SELECT ...)`: SQLite plans that as one MATCH per listed rowid,
            # some hundred times slower on a million statements
            return (
                "FROM statements_fts JOIN statement_positions p ON p.statement_id = statements_fts.rowid "
                "WHERE statements_fts MATCH ? AND p.position = ?",
                [self.text, self.position],
            )
        if self.country:
            return (
                "FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid "
                "JOIN document_speakers ds"
                " ON ds.document_id = s.document_id AND ds.speaker_id = s.speaker_id "
                "WHERE statements_fts MATCH ? AND ds.country LIKE ?",
                [self.text, f"%{self.country}%"],
            )
        return "FROM statements_fts WHERE statements_fts MATCH ?", [self.text]


CASES = (
    Case("common word", "rights"),
    Case("two words", "torture prevention"),
    Case("phrase", '"death penalty"'),
    Case("prefix", "discriminat*"),
    Case("rare word", "albinism"),
    Case("OR", "trafficking OR slavery"),
    Case("word + position", "discrimination", position="universality"),
    Case("word + country", "torture", country="Brazil"),
)

OUTLETS = ("UN News", "OHCHR", "UN Web TV", "Reuters", "AFP", "Xinhua", "Al Jazeera", "The Guardian")
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "ne",
    "tu",
    "sa",
    "vi",
    "do",
    "ren",
    "al",
    "bek",
    "mar",
    "ion",
    "ha",
    "zu",
)
CUES = (("direct", "said"), ("indirect", "urged"), ("indirect", "recommended"), ("mixed", "called on"))


# --- the store ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    """Halves of real recommendations to recombine, and the states named in the data."""

    heads: tuple[str, ...]
    tails: tuple[str, ...]
    states: tuple[str, ...]


def read_corpus(shared: Path) -> Corpus:
    path = shared / UPR_CSV
    if not path.exists():
        sys.exit(f"{path} does not exist: give the shared folder with --shared (or set ONRECORD_SHARED)")
    heads, tails, states = [], [], set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            states.update(s.strip() for s in (row["To"], row["From"]) if s and s.strip())
            words = row["Text"].split()
            if len(words) >= 4:
                heads.append(" ".join(words[: len(words) // 2]))
                tails.append(" ".join(words[len(words) // 2 :]))
    return Corpus(tuple(heads), tuple(tails), tuple(sorted(states)))


def _day(rng: random.Random, first: int, last: int) -> str:
    start, end = dt.date(first, 1, 1).toordinal(), dt.date(last, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end)).isoformat()


def _speakers(conn: sqlite3.Connection, corpus: Corpus, n: int, rng: random.Random) -> list[tuple[int, str]]:
    """States from the data and generated persons with a country; returns (id, country) of each."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for state in corpus.states:
        rows[f"state:{state.casefold()}"] = (state, "state", state, "[]")
    persons = min(3000, max(20, n // 300))
    while len(rows) < len(corpus.states) + persons:
        name = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2)
        )
        role = rng.choice(('["ambassador"]', '["minister"]', '["representative"]'))
        rows.setdefault(f"person:{name.casefold()}", (name, "person", rng.choice(corpus.states), role))
    conn.executemany(
        "INSERT INTO speakers(id, key, name, kind, country, roles) VALUES (?, ?, ?, ?, ?, ?)",
        [(i, key, *row) for i, (key, row) in enumerate(rows.items(), start=1)],
    )
    conn.executemany(
        "INSERT INTO speaker_aliases(speaker_id, alias) VALUES (?, ?)",
        [(i, row[0]) for i, row in enumerate(rows.values(), start=1)]
        + [(i, row[0].split()[-1]) for i, row in enumerate(rows.values(), start=1) if row[1] == "person"],
    )
    return [(i, row[2]) for i, row in enumerate(rows.values(), start=1)]


def _events(conn: sqlite3.Connection, corpus: Corpus, n: int, rng: random.Random) -> list[tuple[int, str]]:
    """Council sessions, General Assembly sessions and UPR reviews; returns (id, date) of each."""
    rows: dict[str, tuple[object, ...]] = {}
    while len(rows) < min(300, max(10, n // 3000)):
        body = rng.choice(("Human Rights Council", "General Assembly", "Universal Periodic Review"))
        state = None
        if body == "Human Rights Council":
            session = rng.randint(1, 57)
            year, kind, segment = 2006 + session // 3, "interactive dialogue", "general debate"
        elif body == "General Assembly":
            session = rng.randint(61, 79)
            year, kind, segment = 1945 + session, "debate", "Third Committee"
        else:
            session = rng.randint(1, 45)
            year, kind, segment = 2008 + (session - 1) // 3, "review", None
            state = rng.choice(corpus.states)
        day = _day(rng, year, year)
        key = json.dumps([body, session, segment, kind, state, day])
        rows.setdefault(key, (body, session, segment, kind, state, "Geneva", day, "calendar"))
    conn.executemany(
        "INSERT INTO events(id, key, body, session, segment, kind, state_under_review, location, date,"
        " date_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, key, *row) for i, (key, row) in enumerate(rows.items(), start=1)],
    )
    return [(i, str(row[6])) for i, row in enumerate(rows.values(), start=1)]


def progress_columns() -> tuple[ProgressColumn, ...]:
    return BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()


def build(db: Path, n: int, corpus: Corpus) -> None:
    """A store of ``n`` statements: real migrations and triggers, rows inserted in large transactions."""
    rng = random.Random(SEED)
    positions = load_taxonomy().ids
    ingested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with Store(db) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous=OFF")  # the build only: a crash just means building again
        with store.transaction():
            speakers = _speakers(conn, corpus, n, rng)
            events = _events(conn, corpus, n, rng)
        documents = math.ceil(n / STATEMENTS_PER_DOCUMENT)
        per_commit = max(1, ROWS_PER_COMMIT // STATEMENTS_PER_DOCUMENT)
        statement_id = 0
        with Progress(TextColumn("building"), *progress_columns(), transient=True) as progress:
            task = progress.add_task("statements", total=n)
            for first in range(1, documents + 1, per_commit):
                docs, cast, stmts, stances = [], [], [], []
                for doc_id in range(first, min(first + per_commit, documents + 1)):
                    published = _day(rng, 2000, 2024)
                    source = f"{SOURCE_PREFIX}{doc_id}"
                    docs.append(
                        (
                            hashlib.sha256(source.encode()).hexdigest(),
                            source,
                            f"Statements at the United Nations, report {doc_id}",
                            rng.choice(OUTLETS),
                            published,
                            ingested_at,
                        )
                    )
                    speaking = rng.sample(speakers, rng.randint(1, 4))
                    cast += [(doc_id, sid, country) for sid, country in speaking]
                    event = rng.choice(events)[0] if rng.random() < 0.7 else None
                    for seq in range(min(STATEMENTS_PER_DOCUMENT, n - statement_id)):
                        statement_id += 1
                        content = f"{rng.choice(corpus.heads)} {rng.choice(corpus.tails)}"
                        kind, cue = rng.choice(CUES)
                        speaker = rng.choice(speaking)[0]
                        stmts.append(
                            (statement_id, doc_id, seq, speaker, kind, len(content), content, cue, event)
                        )
                        if rng.random() < 0.1:
                            evidence = content[:40]
                            score = round(rng.uniform(0.5, 1.0), 3)
                            stances.append(
                                (statement_id, rng.choice(positions), score, len(evidence), evidence)
                            )
                with store.transaction():
                    conn.executemany(
                        "INSERT INTO documents(id, sha256, source, media_type, raw, text, title, outlet,"
                        " published, language, pipeline_version, ingested_at)"
                        " VALUES (?, ?, ?, 'record', x'', '', ?, ?, ?, 'en', 'benchmark', ?)",
                        [(first + i, *row) for i, row in enumerate(docs)],
                    )
                    conn.executemany(
                        "INSERT INTO document_speakers(document_id, speaker_id, country) VALUES (?, ?, ?)",
                        cast,
                    )
                    conn.executemany(
                        "INSERT INTO statements(id, document_id, seq, speaker_id, kind, content_start,"
                        " content_end, content, cue, event_id, date_published)"
                        " VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?,"
                        " (SELECT published FROM documents WHERE id = ?2))",
                        stmts,
                    )
                    conn.executemany(
                        "INSERT INTO statement_positions(statement_id, position, score, start, end, text)"
                        " VALUES (?, ?, ?, 0, ?, ?)",
                        stances,
                    )
                progress.update(task, advance=len(stmts))


def prepare(db: Path, n: int, keep: bool, shared: Path) -> float | None:
    """Build the store at ``db`` (or reuse it with ``keep``); the build's seconds, None when reused."""
    if db.exists():
        conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
        try:
            held = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
            foreign = conn.execute(
                "SELECT count(*) FROM documents WHERE source NOT LIKE ?", (f"{SOURCE_PREFIX}%",)
            ).fetchone()[0]
        except sqlite3.Error as exc:
            sys.exit(f"{db} exists and is not a store this benchmark built ({exc}): give another --db")
        finally:
            conn.close()
        if keep and held == n:
            return None
        if foreign:
            sys.exit(f"{db} holds documents this benchmark did not build: give another --db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    corpus = read_corpus(shared)
    start = time.perf_counter()
    build(db, n, corpus)
    return time.perf_counter() - start


# --- timing ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def serve(app: Any) -> Iterator[str]:
    """A real uvicorn server for ``app`` on a free port, in a background thread; yields its base URL.

    uvicorn binds the port itself (port 0: the system picks one): a socket bound here and handed over
    with ``sockets=`` stalls every keep-alive response by the 40 ms of a delayed ACK on Linux.
    """
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sys.exit("the API server did not start (see the error above)")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def p95(samples: list[float]) -> float:
    """The 95th percentile by nearest rank (the largest sample for fewer than 20)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(samples: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(samples) * 1000, "p95_ms": p95(samples) * 1000}


def measure(
    case: Case, bare: sqlite3.Connection, model: sqlite3.Connection, client: Any, repeat: int
) -> tuple[dict[str, Any], dict[str, list[float]]]:
    """Time the three ways of answering ``case``, interleaved so each sees the same cache."""
    source, params = case.bare_source()
    bare_sql = f"SELECT statements_fts.rowid, rank {source} ORDER BY rank LIMIT {LIMIT}"
    query = Query(case.text, case.filters(), limit=LIMIT)
    answers: dict[str, int] = {}

    def run_bare() -> None:
        bare.execute(bare_sql, params).fetchall()

    def run_model() -> None:
        answers["model"] = search(model, query).total

    def run_api() -> None:
        response = client.get("/api/v1/statements", params=case.api_params())
        response.raise_for_status()
        answers["api"] = response.json()["total"]

    runs: dict[str, Callable[[], None]] = {"bare": run_bare, "model": run_model, "api": run_api}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for i in range(WARMUPS + repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            if i >= WARMUPS:
                times[name].append(time.perf_counter() - start)
    matches = bare.execute(f"SELECT count(*) {source}", params).fetchone()[0]
    row: dict[str, Any] = {
        "label": case.label,
        "text": case.text,
        "filters": {k: v for k, v in (("position", case.position), ("country", case.country)) if v},
        "matches": matches,
        "model_total": answers["model"],
        "api_total": answers["api"],
        "bare": summary(times["bare"]),
    }
    for name in ("model", "api"):
        figures = summary(times[name])
        figures["ratio_median"] = figures["median_ms"] / row["bare"]["median_ms"]
        figures["ratio_p95"] = figures["p95_ms"] / row["bare"]["p95_ms"]
        row[name] = figures
    return row, times


def workload(samples: dict[str, list[float]]) -> dict[str, Any]:
    """The typical queries taken together, as an analyst's morning of searches: every timed run of
    every query in one distribution per way of answering."""
    result: dict[str, Any] = {"bare": summary(samples["bare"])}
    for name in ("model", "api"):
        figures = summary(samples[name])
        figures["ratio_median"] = figures["median_ms"] / result["bare"]["median_ms"]
        figures["ratio_p95"] = figures["p95_ms"] / result["bare"]["p95_ms"]
        result[name] = figures
    return result


def machine() -> dict[str, object]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def report(result: dict[str, Any]) -> None:
    m = result["machine"]
    print(f"machine: {m['cpus']} CPUs, Python {m['python']}, SQLite {m['sqlite']}, {m['platform']}")
    built = result["build_seconds"]
    print(
        f"store: {result['statements']:,} statements at {result['db']} "
        + (f"(built in {built:,.1f} s)" if built is not None else "(reused)")
    )
    print(f"timed runs per query: {result['repeat']} after {WARMUPS} warm-ups; ms as median / p95\n")
    head = f"{'query':<40} {'matches':>9} {'bare ms':>15} {'model ms':>17} {'model/bare':>11}"
    head += f" {'api ms':>17} {'api/bare':>11}"
    print(head)
    print("-" * len(head))
    for r in result["queries"]:
        asked = r["text"] + "".join(f" [{k}={v}]" for k, v in r["filters"].items())
        cells = [
            f"{asked:<40.40} {r['matches']:>9,}",
            f"{r['bare']['median_ms']:>7.2f} /{r['bare']['p95_ms']:>7.2f}",
        ]
        for name in ("model", "api"):
            f = r[name]
            cells.append(f"{f['median_ms']:>8.2f} /{f['p95_ms']:>8.2f}")
            cells.append(f"{f['ratio_median']:>5.1f}x/{f['ratio_p95']:>4.1f}x")
        print(" ".join(cells))
        if not r["model_total"] == r["api_total"] == r["matches"]:
            print(f"  ! totals differ: bare {r['matches']}, model {r['model_total']}, api {r['api_total']}")
    o = result["overall"]
    print(
        f"\nmedian of per-query median ratios: model {o['model_ratio_median']:.1f}x, "
        f"api {o['api_ratio_median']:.1f}x"
    )
    print(
        f"worst p95 ratio:                   model {o['model_worst_p95']:.1f}x, api {o['api_worst_p95']:.1f}x"
    )
    w = result["workload"]
    print("\nall the queries together (every timed run of every query), ms and ratio to bare:")
    for stat, label in (("median", "median"), ("p95", "95th percentile")):
        print(
            f"  {label:<16} bare {w['bare'][stat + '_ms']:8.2f}   model {w['model'][stat + '_ms']:8.2f}"
            f" ({w['model']['ratio_' + stat]:.2f}x)   api {w['api'][stat + '_ms']:8.2f}"
            f" ({w['api']['ratio_' + stat]:.2f}x)"
        )


def load_factory(spec: str) -> Callable[[Path], Any]:
    module, _, name = spec.partition(":")
    try:
        return getattr(importlib.import_module(module), name or "create_app")  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as exc:
        sys.exit(f"cannot load the app factory {spec!r} ({exc}): install onrecord[web] or give --app")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--statements", type=int, default=1_000_000, help="statements in the store")
    parser.add_argument("--db", type=Path, help="the store to build (default: a file in a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="reuse --db when it holds N statements already")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per query, after 3 warm-ups")
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--app", default="onrecord.web:create_app", help="the API's app factory (module:name, given the db)"
    )
    args = parser.parse_args(argv)
    if args.statements < 1 or args.repeat < 1:
        parser.error("--statements and --repeat must be at least 1")
    shared = args.shared or Settings.load().shared
    factory = load_factory(args.app)
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search-latency.db"
        build_seconds = prepare(db, args.statements, args.keep, shared)
        with Store(db) as store:  # migrates a store an older onrecord built, before the read-only users
            held = store.conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        bare = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True, check_same_thread=False)
        with (
            Store(db, readonly=True) as model,
            serve(factory(db)) as url,
            httpx.Client(base_url=url, timeout=300) as client,
            Progress(TextColumn("timing"), *progress_columns(), transient=True) as progress,
        ):
            rows = []
            pooled: dict[str, list[float]] = {"bare": [], "model": [], "api": []}
            for case in progress.track(CASES, description="queries"):
                row, times = measure(case, bare, model.conn, client, args.repeat)
                rows.append(row)
                for name, samples in times.items():
                    pooled[name] += samples
        bare.close()
    result = {
        "machine": machine(),
        "db": str(db) if args.db else "(temporary)",
        "statements": held,
        "build_seconds": build_seconds,
        "repeat": args.repeat,
        "queries": rows,
        "workload": workload(pooled),
        "overall": {
            f"{name}_{k}": agg(r[name][f"ratio_{stat}"] for r in rows)
            for name in ("model", "api")
            for k, stat, agg in (("ratio_median", "median", statistics.median), ("worst_p95", "p95", max))
        },
    }
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
