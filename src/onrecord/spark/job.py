"""The pipeline on Apache Spark: the same stages per partition, the six tables written as Parquet.

    files (any URI Spark reads) --read, per file--> documents as received + read failures
          --one per content hash (the first in input order)--> the stages, per partition (gate first)
          --> documents, statements, figures, failures; speakers and events merged by key

Each file is read by ``onrecord.ingest`` itself (text, HTML, CSV/JSONL, WARC and WET, gzipped or not),
from a temporary copy of the bytes Spark read; sources are spelled as ``onrecord ingest`` spells them.
The stages are those of ``onrecord.process`` and are built once per Python worker (Spark reuses its
workers, one per executor core, across tasks), so spaCy and the topic model load once per worker,
not once per partition. This module imports pyspark; the rest of onrecord does not need it.
"""

from __future__ import annotations

import os
import posixpath
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import Any
from urllib.parse import unquote, urlparse

from pyspark import StorageLevel
from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from onrecord.errors import ConfigError
from onrecord.gate import GATE_STAGE, Gate, GateMode
from onrecord.ingest import iter_inputs
from onrecord.models import Failure, RawDocument, Skipped
from onrecord.pipeline import Pipeline
from onrecord.process import default_stages, pipeline_version
from onrecord.settings import Settings
from onrecord.spark.rows import (
    PARTITIONS,
    SKIPPED_STAGE,
    TABLES,
    Row,
    analyse,
    event_row,
    failure_row,
    merge_events,
    merge_speakers,
    raw_tuple,
    speaker_row,
)
from onrecord.store.documents import content_hash

_TYPES = {
    "string": T.StringType(),
    "long": T.LongType(),
    "double": T.DoubleType(),
    "boolean": T.BooleanType(),
    "binary": T.BinaryType(),
    "date": T.DateType(),
}


@dataclass(frozen=True, slots=True)
class JobOptions:
    """What a run reads and writes and how."""

    inputs: tuple[str, ...]
    output: str
    settings: Settings
    gate: GateMode = GateMode.AUTO
    partitions: int | None = None  # of the documents to analyse; default: Spark's default parallelism
    overwrite: bool = False
    text_column: str | None = None


@dataclass(frozen=True, slots=True)
class JobSummary:
    files: int
    documents: int  # stored (one per content hash)
    duplicates: int  # documents met again with the same content, analysed once
    statements: int
    speakers: int
    events: int
    failed: int
    set_aside: int  # by the relevance gate
    skipped: int  # files of a kind onrecord does not read


def schema(table: str) -> T.StructType:
    return T.StructType([T.StructField(name, _TYPES[kind], True) for name, kind in TABLES[table]])


def run(spark: SparkSession, options: JobOptions) -> JobSummary:
    """Run the pipeline over ``options.inputs`` and write the six tables under ``options.output``."""
    try:
        reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
        files = reader.load(list(options.inputs))
        paths = [row.path for row in files.select("path").collect()]
    except AnalysisException as exc:
        raise ConfigError(f"Spark cannot read the input: {_first_line(exc)}") from None
    if not paths:
        raise ConfigError(f"no files in {', '.join(options.inputs)}")
    numbers = {path: n for n, path in enumerate(sorted(paths, key=partial(_walk_order, options.inputs)))}
    sc = spark.sparkContext
    read = partial(
        _read_files,
        numbers,
        options.inputs,
        options.settings.max_document_bytes,
        options.text_column,
    )
    received = files.select("path", "content").rdd.mapPartitions(read).persist(StorageLevel.MEMORY_AND_DISK)
    documents = received.filter(lambda t: t[0] == "document")
    unique = documents.map(lambda t: (t[1], (t[2], t[3]))).reduceByKey(
        _earlier, numPartitions=options.partitions or sc.defaultParallelism
    )
    analysed = unique.values().mapPartitions(partial(_analyse_partition, options.settings, options.gate))
    read_failures = received.filter(lambda t: t[0] == "failures").map(lambda t: ("failures", t[1]))
    rows = analysed.union(read_failures).persist(StorageLevel.MEMORY_AND_DISK)

    mode = "overwrite" if options.overwrite else "errorifexists"
    for table in ("documents", "statements", "figures", "failures"):
        _write(spark, rows.filter(partial(_tagged, table)).map(_row), table, options.output, mode)
    speakers = rows.filter(partial(_tagged, "speaker_part")).map(_row).reduceByKey(merge_speakers)
    _write(spark, speakers.map(lambda kv: speaker_row(*kv)), "speakers", options.output, mode)
    events = rows.filter(partial(_tagged, "event_part")).map(_row).reduceByKey(merge_events)
    _write(spark, events.map(lambda kv: event_row(*kv)), "events", options.output, mode)

    counts = rows.map(_count_key).countByValue()
    read_docs = documents.count()
    stored = counts.get("documents", 0)
    failures = sum(n for key, n in counts.items() if key.startswith("failures:"))
    summary = JobSummary(
        files=len(paths),
        documents=stored,
        duplicates=read_docs - unique.count(),
        statements=counts.get("statements", 0),
        speakers=speakers.count(),
        events=events.count(),
        failed=failures
        - counts.get(f"failures:{GATE_STAGE}", 0)
        - counts.get(f"failures:{SKIPPED_STAGE}", 0),
        set_aside=counts.get(f"failures:{GATE_STAGE}", 0),
        skipped=counts.get(f"failures:{SKIPPED_STAGE}", 0),
    )
    rows.unpersist()
    received.unpersist()
    return summary


def _write(spark: SparkSession, rdd: Any, table: str, output: str, mode: str) -> None:
    frame = spark.createDataFrame(rdd, schema(table))
    writer = frame.write.mode(mode)
    if PARTITIONS[table]:
        writer = writer.partitionBy(*PARTITIONS[table])
    try:
        writer.parquet(posixpath.join(output, table))
    except AnalysisException as exc:
        if "already exists" in str(exc):
            raise ConfigError(
                f"{output} already holds a {table} table: give a new OUTPUT, or --overwrite to replace it"
            ) from None
        raise


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _tagged(table: str, tagged: tuple[str, Any]) -> bool:
    return tagged[0] == table


def _row(tagged: tuple[str, Any]) -> Any:
    return tagged[1]


def _count_key(tagged: tuple[str, Any]) -> str:
    return f"failures:{tagged[1][1]}" if tagged[0] == "failures" else tagged[0]


def _earlier(a: tuple[Any, Any], b: tuple[Any, Any]) -> tuple[Any, Any]:
    """Of two documents with the same content, the one met first (``onrecord ingest`` keeps that one)."""
    return a if a[0] <= b[0] else b


# -- reading, per file --------------------------------------------------------------------------------


def _local(uri: str) -> str | None:
    """The local path of a ``file:`` URI or a plain path; ``None`` for any other scheme."""
    parsed = urlparse(uri)
    if parsed.scheme in ("", "file"):
        return os.path.abspath(unquote(parsed.path))
    return None


def _shown(inputs: Sequence[str], path: str) -> tuple[int, str]:
    """Which input a file Spark found belongs to, and its name as ``onrecord ingest`` spells it."""
    local = _local(path)
    for n, given in enumerate(inputs):
        base = _local(given)
        if local is not None and base is not None:
            if local == base:
                return n, given
            if local.startswith(base.rstrip(os.sep) + os.sep):
                return n, os.path.join(given, os.path.relpath(local, base))
        elif path.startswith(given.rstrip("/") + "/") or path == given:
            return n, path
    return len(inputs), path


def _walk_order(inputs: Sequence[str], path: str) -> tuple[int, tuple[str, ...]]:
    """The order ``onrecord ingest`` reads files in: inputs as given, each folder depth first by name."""
    n, shown = _shown(inputs, path)
    return n, tuple(shown.split("/"))


def _read_files(
    numbers: dict[str, int],
    inputs: Sequence[str],
    max_bytes: int,
    text_column: str | None,
    rows: Iterable[Any],
) -> Iterator[tuple[Any, ...]]:
    """Each file's documents (``("document", sha256, order, raw)``) and failures (``("failures", row)``)."""
    for row in rows:
        file_no = numbers[row.path]
        _, shown = _shown(inputs, row.path)
        with tempfile.TemporaryDirectory(prefix="onrecord-spark-") as folder:
            copy = os.path.join(folder, unquote(posixpath.basename(urlparse(row.path).path)) or "document")
            with open(copy, "wb") as out:
                out.write(row.content)
            items = iter_inputs([folder], max_bytes=max_bytes, text_column=text_column)
            for item_no, item in enumerate(items):
                item = _renamed(item, copy, shown)
                order = (file_no, item_no)
                if isinstance(item, RawDocument):
                    yield "document", content_hash(item.data), order, raw_tuple(item)
                else:
                    yield "failures", failure_row(item, None, order)


def _renamed(item: RawDocument | Failure | Skipped, copy: str, shown: str) -> Any:
    if item.source.startswith(copy):
        return replace(item, source=shown + item.source[len(copy) :])
    return item


# -- the stages, per partition ----------------------------------------------------------------------


@cache
def _pipeline(settings: Settings) -> tuple[Pipeline, str]:
    """The stages, built once per Python worker (spaCy and the topic model load here)."""
    pipeline = Pipeline(default_stages(settings))
    return pipeline, pipeline_version(pipeline)


def _analyse_partition(
    settings: Settings, mode: GateMode, received: Iterable[tuple[tuple[int, int], Any]]
) -> Iterator[tuple[str, Row]]:
    pipeline, version = _pipeline(settings)
    gate = Gate.load() if mode is not GateMode.OFF else None
    yield from analyse(received, pipeline, version, gate=gate, mode=mode, batch_size=settings.nlp_batch_size)


def spark_session(master: str | None = None, app_name: str = "onrecord") -> SparkSession:
    """A session: on ``master`` (``local[*]``: every core of this machine), or as ``spark-submit`` set it.

    In local mode the workers run the Python running this (so they import the same onrecord), unless
    ``PYSPARK_PYTHON`` says otherwise."""
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers: this very Python (pyspark reads it)
    return builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
