"""The ``spark-submit`` entry point: the same run as ``onrecord spark``, on the cluster spark-submit names.

    spark-submit --master yarn "$(python -c 'import onrecord.spark.submit as m; print(m.__file__)')" \\
        s3a://bucket/crawl/ s3a://bucket/onrecord-tables/ [--all|--gate] [--partitions N] [--overwrite]

onrecord (with its spaCy model) must be installed in the executors' Python, as for any PySpark job that
imports a package (a shared virtual environment, or ``--archives`` of a packed one).
"""

from __future__ import annotations

import argparse
import sys

from onrecord.gate import GateMode
from onrecord.settings import Settings
from onrecord.spark.job import JobOptions, run, spark_session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="onrecord-spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", metavar="INPUT... OUTPUT")
    parser.add_argument("--gate", dest="gate", action="store_const", const=GateMode.ON, default=GateMode.AUTO)
    parser.add_argument("--all", dest="gate", action="store_const", const=GateMode.OFF)
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--overwrite", action="store_true")
    parser.add_argument("--text-column", default=None)
    args = parser.parse_args(argv)
    if len(args.paths) < 2:
        parser.error("give at least one INPUT and the OUTPUT folder")
    options = JobOptions(
        inputs=tuple(args.paths[:-1]),
        output=args.paths[-1],
        settings=Settings.load(),
        gate=args.gate,
        partitions=args.partitions,
        overwrite=args.overwrite,
        text_column=args.text_column,
    )
    spark = spark_session()
    try:
        summary = run(spark, options)
    finally:
        spark.stop()
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
