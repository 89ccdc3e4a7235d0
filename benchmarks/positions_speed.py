"""What the positions step adds to `onrecord ingest`, as a share of the rest of the ingest time.

    .venv/bin/python benchmarks/positions_speed.py [FOLDER] [--method rules|model|both]
    (default: ../shared/data/news, the Wikinews benchmark, and the default method, both)

One full ingest (decode, clean, attribution, events, figures, topics, positions, store) runs with the
positions stage timed inside it; the figure is the positions stage's time over the time of everything
else, in the same process on the same documents. A ratio, so it compares across machines; the issue's
budget is 15%.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from onrecord.pipeline import Pipeline, Work
from onrecord.process import default_stages, ingest
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.themes.stage import PositionStage
from onrecord.themes.stance import METHODS, PositionFinder


class Timed:
    """A stage that runs another and adds up the seconds it takes."""

    def __init__(self, stage: PositionStage) -> None:
        self.stage = stage
        self.name, self.requires, self.assigns = stage.name, stage.requires, stage.assigns
        self.seconds = 0.0
        self.statements = 0

    def __call__(self, work: Work) -> Work:
        start = time.perf_counter()
        result = self.stage(work)
        self.seconds += time.perf_counter() - start
        self.statements += len(result.statements or ())
        return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(Settings.load().shared / "data" / "news"))
    parser.add_argument("--method", choices=METHODS, default="both")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.exists():
        sys.exit(f"{folder} does not exist: give a folder of documents")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(db=Path(tmp) / "full.db")
        stages = default_stages(settings)
        timed = Timed(PositionStage(PositionFinder(args.method)))
        stages = [timed if isinstance(s, PositionStage) else s for s in stages]
        start = time.perf_counter()
        with Store(Path(tmp) / "full.db") as store:
            summary = ingest([str(folder)], store, settings, pipeline=Pipeline(stages))
        total = time.perf_counter() - start
    rest = total - timed.seconds
    print(f"documents stored: {summary.ingested}; statements classified: {timed.statements}")
    print(f"ingest without the positions step: {rest:,.1f} s")
    print(f"positions step ({args.method}):       {timed.seconds:,.2f} s")
    print(f"positions / rest of ingest:        {timed.seconds / rest:.1%}")


if __name__ == "__main__":
    main()
