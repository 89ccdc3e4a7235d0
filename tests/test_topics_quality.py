"""Quality gate for topics: trained on UPR sessions 1-10, scored on 11-15, against the baseline.

Figures come from the shared UPR Info table; floors are pinned in ``tests/floors/topics.json`` and never
lowered. Training the model and the baseline takes about two minutes on two cores, once per module.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from onrecord.evaluation.topics import TopicsReport, evaluate_topics, write_predictions
from onrecord.themes.topic_training import train_topics
from onrecord.themes.topics import TopicModel, read_recommendations

FLOORS = json.loads((Path(__file__).parent / "floors" / "topics.json").read_text(encoding="utf-8"))
TRAIN, TEST = set(range(1, 11)), set(range(11, 16))

pytestmark = [pytest.mark.data, pytest.mark.slow]


@pytest.fixture(scope="module")
def upr_csv(shared: Path) -> Path:
    return shared / "data" / "upr" / "recommendations_s01-s15.csv"


@pytest.fixture(scope="module")
def model(upr_csv: Path) -> TopicModel:
    return train_topics(upr_csv, TRAIN)


@pytest.fixture(scope="module")
def report(upr_csv: Path, model: TopicModel) -> TopicsReport:
    return evaluate_topics(upr_csv, TRAIN, TEST, model=model)


def test_model_beats_the_baseline(report: TopicsReport) -> None:
    assert report.model.micro_f1 > report.baseline.micro_f1
    assert report.model.macro_f1 > report.baseline.macro_f1


def test_model_stays_above_its_floors(report: TopicsReport) -> None:
    assert report.model.micro_f1 >= FLOORS["micro_f1_s01_10_to_s11_15"], report.model.micro_f1
    assert report.model.macro_f1 >= FLOORS["macro_f1_s01_10_to_s11_15"], report.model.macro_f1


def test_report_covers_every_label(report: TopicsReport) -> None:
    assert report.rows == 10_766
    assert len(report.model.labels) == 54
    assert sum(row.support for row in report.model.labels) > report.rows


def test_the_shared_checker_agrees(
    shared: Path, upr_csv: Path, model: TopicModel, report: TopicsReport, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.csv"
    rows = read_recommendations(upr_csv, TEST)
    import csv

    with gold.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Text", "Issue", "Session"])
        writer.writerows([row.text, ",".join(row.labels), row.session] for row in rows)
    predictions = tmp_path / "pred.jsonl"
    write_predictions(model, gold, predictions)
    checker = shared / "checks" / "score_topics.py"
    result = subprocess.run(
        [sys.executable, str(checker), str(gold), str(predictions), str(FLOORS["micro_f1_s01_10_to_s11_15"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"micro-F1 {report.model.micro_f1:.3f}" in result.stdout
    assert f"macro-F1 {report.model.macro_f1:.3f}" in result.stdout


def test_training_on_a_slice_is_deterministic(upr_csv: Path, tmp_path: Path) -> None:
    first = train_topics(upr_csv, {1, 2})
    second = train_topics(upr_csv, {1, 2})
    first.save(tmp_path / "first")
    second.save(tmp_path / "second")
    json_bytes = [(tmp_path / run / "topics.json").read_bytes() for run in ("first", "second")]
    assert json_bytes[0] == json_bytes[1]
    first_npz, second_npz = tmp_path / "first" / "topics.npz", tmp_path / "second" / "topics.npz"
    with np.load(first_npz) as one, np.load(second_npz) as two:
        assert sorted(one.files) == sorted(two.files)
        for name in one.files:
            assert np.array_equal(one[name], two[name]), name
