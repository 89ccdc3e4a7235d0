"""Commands for Apache Spark: spark (the pipeline on a cluster, to Parquet) and import (back to the store)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from onrecord.cli.common import DbOption, app, console, settings_for
from onrecord.errors import ConfigError
from onrecord.gate import GateMode
from onrecord.spark import import_tables
from onrecord.store import Store


@app.command("spark")
def spark_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="INPUT... OUTPUT: files or folders (any URI Spark reads), then the output folder."
        ),
    ],
    master: Annotated[
        str, typer.Option(help="Spark master: local[*] uses every core here; spark://host:7077, yarn, ...")
    ] = "local[*]",
    partitions: Annotated[
        int | None,
        typer.Option(help="Partitions of the documents to analyse (default: Spark's parallelism)."),
    ] = None,
    gate: Annotated[
        bool | None,
        typer.Option(
            "--gate/--all",
            help="Set aside documents not about multilateral diplomacy (default: web archive pages only).",
            show_default=False,
        ),
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace the tables of an earlier run in OUTPUT.")] = False,
    text_column: Annotated[
        str | None, typer.Option(help="Column holding the text in CSV/JSONL files (default: guessed).")
    ] = None,
) -> None:
    """Run the pipeline on Apache Spark and write Parquet tables: documents, statements, speakers, events,
    figures, failures (partitioned by year for DuckDB and Spark SQL). Needs: pip install 'onrecord[spark]'.

    Example: onrecord spark ../shared/seeds crawl.warc.gz tables/ && onrecord import tables/ --db record.db
    """
    if len(paths) < 2:
        raise ConfigError("give at least one INPUT and then the OUTPUT folder")
    try:
        from onrecord.spark.job import JobOptions, run, spark_session
    except ImportError as exc:
        raise ConfigError(
            f"Spark is not installed ({exc}): pip install 'onrecord[spark]' (and Java 17)"
        ) from None
    options = JobOptions(
        inputs=tuple(paths[:-1]),
        output=paths[-1],
        settings=settings_for(),
        gate=GateMode.AUTO if gate is None else GateMode.ON if gate else GateMode.OFF,
        partitions=partitions,
        overwrite=overwrite,
        text_column=text_column,
    )
    spark = spark_session(master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        s = run(spark, options)
    finally:
        spark.stop()
    console.print(
        f"files {s.files}: documents {s.documents} (duplicates {s.duplicates}), statements {s.statements}, "
        f"speakers {s.speakers}, events {s.events}, failed {s.failed}, set aside by the gate {s.set_aside}, "
        f"skipped {s.skipped}  [dim](tables: {escape(options.output)})[/]"
    )


@app.command("import")
def import_command(
    output: Annotated[str, typer.Argument(help="The OUTPUT folder of `onrecord spark`.")],
    db: DbOption = None,
) -> None:
    """Load the Parquet tables of `onrecord spark` into the store, merging speakers and events with what
    is there already. Running it again stores nothing twice.

    Example: onrecord import tables/ --db record.db
    """
    from pathlib import Path

    settings = settings_for(db)
    with Store(settings.db) as store:
        s = import_tables(Path(output), store)
    console.print(
        f"imported {s.imported} documents ({s.statements} statements), unchanged {s.unchanged}, "
        f"failures {len(s.failures)}  [dim](store: {escape(str(settings.db))})[/]"
    )
