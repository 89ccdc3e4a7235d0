"""``onrecord import``: the Parquet tables of a Spark run into the SQLite store.

Each document is rebuilt from its rows and stored by the store's own functions, in the order the inputs
were read, one transaction each (with the failure of its analysis, where it has one), exactly as
``onrecord ingest`` stores it: speakers and events merge with what the store holds already by the same
rules, a document already stored (by content hash) is counted unchanged and left alone, so an import
killed halfway is finished by running it again. Reading needs pyarrow only, not Spark.

The tables are read into memory whole (Arrow's columns, then one batch of documents at a time as Python
records), so an import needs memory of the order of the run's Parquet files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from onrecord.errors import ConfigError
from onrecord.models import Failure
from onrecord.process import Status
from onrecord.spark.rows import SKIPPED_STAGE, TABLES, document_from, statement_from
from onrecord.store import Store
from onrecord.store.documents import find_by_hash, insert_document, record_failure
from onrecord.store.events import link_document_events
from onrecord.store.statements import insert_statements

ProgressCallback = Callable[[str, Status], None]


@dataclass(slots=True)
class ImportSummary:
    imported: int = 0
    unchanged: int = 0
    statements: int = 0
    failures: list[Failure] = field(default_factory=list)


def _table(folder: Path, name: str) -> ds.Dataset | None:
    path = folder / name
    if not path.is_dir():
        raise ConfigError(
            f"{folder} holds no {name} table: give the OUTPUT folder of `onrecord spark` "
            f"(it holds {', '.join(TABLES)})"
        )
    dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    return dataset if dataset.files else None


def _rows(dataset: ds.Dataset | None, columns: list[str]) -> list[dict[str, Any]]:
    return [] if dataset is None else dataset.to_table(columns=columns).to_pylist()


def import_tables(
    folder: Path | str, store: Store, *, on_progress: ProgressCallback | None = None
) -> ImportSummary:
    """Store the run written under ``folder``; returns what was imported and what was there already."""
    folder = Path(folder)
    documents, statements_set = _table(folder, "documents"), _table(folder, "statements")
    figures_set, failures_set = _table(folder, "figures"), _table(folder, "failures")
    for name in ("speakers", "events"):
        _table(folder, name)  # present, though the store merges them again from the statements

    figures: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for f in sorted(
        _rows(figures_set, [c for c, _ in TABLES["figures"] if c != "year"]), key=lambda f: f["position"]
    ):
        figures[(f["sha256"], f["seq"])].append(f)
    statements: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in _rows(statements_set, [c for c, _ in TABLES["statements"] if c != "year"]):
        statements[s["sha256"]].append(s)
    failures: dict[tuple[int, int], list[tuple[Failure, str | None]]] = defaultdict(list)
    for f in _rows(failures_set, [c for c, _ in TABLES["failures"]]):
        if f["stage"] != SKIPPED_STAGE:  # files ingest passes over are not recorded
            failure = Failure(f["source"], f["stage"], f["reason"])
            failures[(f["file_no"], f["item_no"])].append((failure, f["sha256"]))

    summary = ImportSummary()
    for order, row in _in_order(documents, failures):
        if row is None:
            for failure, sha in failures.pop(order, []):
                with store.transaction() as conn:
                    record_failure(conn, failure, sha)
                summary.failures.append(failure)
                if on_progress is not None:
                    on_progress(failure.source, Status.FAILED)
            continue
        sha256 = row["sha256"]
        own = [f for f, sha in failures.pop(order, []) if sha == sha256]
        if find_by_hash(store.conn, sha256) is not None:
            summary.unchanged += 1
            if on_progress is not None:
                on_progress(row["source"], Status.UNCHANGED)
            continue
        form = document_from(row)
        rows = sorted(statements.pop(sha256, []), key=lambda s: s["seq"])
        made = [statement_from(s, figures.pop((sha256, s["seq"]), [])) for s in rows]
        with store.transaction() as conn:
            document_id = insert_document(conn, form.raw, form.decoded, form.article, form.version)
            if made:
                insert_statements(conn, document_id, made)
            if form.events:
                link_document_events(conn, document_id, form.events)
            for failure in own:
                record_failure(conn, failure, sha256)
        summary.imported += 1
        summary.statements += len(made)
        summary.failures.extend(own)
        if on_progress is not None:
            on_progress(row["source"], Status.INGESTED)
    return summary


def _in_order(
    documents: ds.Dataset | None, failures: dict[tuple[int, int], list[Any]]
) -> Iterator[tuple[tuple[int, int], dict[str, Any] | None]]:
    """Documents (a batch at a time) and the places of failures without a document, in input order."""
    columns = [c for c, _ in TABLES["documents"] if c != "year"]
    pending = sorted(failures)
    at = 0
    if documents is not None:
        ordered = documents.to_table(columns=columns).sort_by(
            [("file_no", "ascending"), ("item_no", "ascending")]
        )
        for batch in ordered.to_batches(max_chunksize=256):
            for row in batch.to_pylist():
                order = (row["file_no"], row["item_no"])
                while at < len(pending) and pending[at] < order:
                    yield pending[at], None
                    at += 1
                yield order, row
    for order in pending[at:]:
        yield order, None
