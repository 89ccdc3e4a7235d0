"""The load benchmark's bookkeeping: levels interleaved round by round, medians over rounds, and the
ratio to the reference level taken within each round. Speed itself is never tested by timing."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "web_load.py"


@pytest.fixture(scope="module")
def bench() -> dict[str, Any]:
    return runpy.run_path(str(SCRIPT), run_name="web_load")


def test_rounds_run_forwards_then_backwards(bench: dict[str, Any]) -> None:
    assert bench["_schedule"]([1, 4, 50], 3) == [1, 4, 50, 50, 4, 1, 1, 4, 50]


def test_medians_and_the_ratio_paired_round_by_round(bench: dict[str, Any]) -> None:
    run = bench["Run"]

    def measured(clients: int, per_second: int, errors: int = 0) -> Any:
        # one second, every request taking 1 ms, the API's 2 ms
        return run(clients, 1.0, (0.001,) * per_second, (0.002,) * 10, errors, 0.5, 0.05)

    runs = [  # round 1 on a busy machine, rounds 2 and 3 on a quiet one
        measured(4, 100),
        measured(50, 110),
        measured(50, 330, errors=1),
        measured(4, 300),
        measured(4, 310),
        measured(50, 320),
    ]
    four, fifty = bench["summarize"](runs, against=4)
    assert (four.clients, fifty.clients) == (4, 50)
    assert (four.per_second, four.per_second_low, four.per_second_high) == (300, 100, 310)
    assert fifty.per_second == 320 and fifty.rounds == 3 and fifty.errors == 1
    assert four.ratio == 1.0
    assert fifty.ratio == pytest.approx(1.1)  # median of 1.1, 1.1 and 320/310, not 320/300
    assert fifty.requests == 760 and fifty.p99_ms == 1.0 and fifty.api_p99_ms == 2.0
    assert fifty.server_cpu_ms == pytest.approx(1000 * 1.5 / 760, abs=0.01)
