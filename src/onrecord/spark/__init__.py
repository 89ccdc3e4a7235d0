"""onrecord on Apache Spark, and back into the store.

    onrecord spark INPUT... OUTPUT      the pipeline per partition -> Parquet tables under OUTPUT
    onrecord import OUTPUT              those tables -> the SQLite store, merged as ingest merges

``onrecord.spark.job`` needs pyspark (``pip install 'onrecord[spark]'``); ``onrecord.spark.rows`` (the
tables as data) and ``onrecord.spark.importer`` need only pyarrow. ``onrecord/spark/submit.py`` is the
entry point for ``spark-submit``.
"""

from __future__ import annotations

from onrecord.spark.importer import ImportSummary, import_tables
from onrecord.spark.rows import PARTITIONS, TABLES

__all__ = ["PARTITIONS", "TABLES", "ImportSummary", "import_tables"]
