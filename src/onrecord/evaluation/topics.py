"""Scoring topic predictions against UPR Info's issue labels, the model against the baseline.

F1 is counted as ``/work/shared/checks/score_topics.py`` counts it: micro-F1 over every (row, label)
pair; macro-F1 the mean of per-label F1 over every label found in the gold or the predictions (a label
never predicted correctly counts 0).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import ConfigError
from onrecord.themes.topic_training import train_baseline, train_topics
from onrecord.themes.topics import TopicModel, TopicPredictor, label_sets, read_recommendations


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold rows carrying the label


@dataclass(frozen=True, slots=True)
class TopicScores:
    micro_f1: float
    macro_f1: float
    labels: tuple[LabelScore, ...]  # by support, largest first


@dataclass(frozen=True, slots=True)
class TopicsReport:
    """The model and the baseline, trained on ``train_sessions`` and scored on ``test_sessions``."""

    train_sessions: tuple[int, ...]
    test_sessions: tuple[int, ...]
    rows: int
    model: TopicScores
    baseline: TopicScores


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score_topics(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]]) -> TopicScores:
    """Micro- and macro-F1 and a per-label table of ``predicted`` label sets against ``gold``."""
    if len(gold) != len(predicted):
        raise ConfigError(f"{len(predicted)} predictions for {len(gold)} gold rows")
    counts: Counter[tuple[str, str]] = Counter()
    for gold_row, predicted_row in zip(gold, predicted, strict=True):
        g, p = set(gold_row), set(predicted_row)
        for label in g & p:
            counts[label, "tp"] += 1
        for label in p - g:
            counts[label, "fp"] += 1
        for label in g - p:
            counts[label, "fn"] += 1
    labels = sorted({label for label, _ in counts})
    table = []
    for label in labels:
        tp, fp, fn = counts[label, "tp"], counts[label, "fp"], counts[label, "fn"]
        table.append(
            LabelScore(
                label, _ratio(tp, tp + fp), _ratio(tp, tp + fn), _ratio(2 * tp, 2 * tp + fp + fn), tp + fn
            )
        )
    tp = sum(counts[label, "tp"] for label in labels)
    errors = sum(counts[label, "fp"] + counts[label, "fn"] for label in labels)
    return TopicScores(
        micro_f1=_ratio(2 * tp, 2 * tp + errors),
        macro_f1=sum(row.f1 for row in table) / len(table) if table else 0.0,
        labels=tuple(sorted(table, key=lambda row: (-row.support, row.label))),
    )


def score_predictor(predictor: TopicPredictor, csv_path: Path, sessions: set[int]) -> TopicScores:
    """Scores of ``predictor`` on the CSV's rows of ``sessions``."""
    rows = read_recommendations(csv_path, sessions)
    if not rows:
        raise ConfigError(f"{csv_path}: no rows in sessions {sorted(sessions)}")
    predicted = label_sets(predictor.predict([row.text for row in rows]))
    return score_topics([row.labels for row in rows], predicted)


def evaluate_topics(
    csv_path: Path,
    train_sessions: set[int] | None = None,
    test_sessions: set[int] | None = None,
    *,
    model: TopicModel | None = None,
    baseline: TopicPredictor | None = None,
) -> TopicsReport:
    """Train the model and the baseline on ``train_sessions`` (default 1-10), score both on
    ``test_sessions`` (default 11-15). Already trained ones may be passed in to be scored alone."""
    train = set(range(1, 11)) if train_sessions is None else train_sessions
    test = set(range(11, 16)) if test_sessions is None else test_sessions
    if train & test:
        raise ConfigError(f"sessions {sorted(train & test)} are both trained on and scored")
    model = model or train_topics(csv_path, train)
    baseline = baseline or train_baseline(csv_path, train)
    return TopicsReport(
        train_sessions=tuple(sorted(train)),
        test_sessions=tuple(sorted(test)),
        rows=len(read_recommendations(csv_path, test)),
        model=score_predictor(model, csv_path, test),
        baseline=score_predictor(baseline, csv_path, test),
    )


def read_texts(csv_path: Path, text_column: str) -> list[str]:
    """The ``text_column`` of every row of a CSV, in order."""
    try:
        with csv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if text_column not in (reader.fieldnames or ()):
                raise ConfigError(f"{csv_path}: no column {text_column!r}; columns: {reader.fieldnames}")
            return [row[text_column] or "" for row in reader]
    except OSError as exc:
        raise ConfigError(f"cannot read {csv_path}: {exc}") from exc


def write_predictions(
    predictor: TopicPredictor, csv_path: Path, output: Path, *, text_column: str = "Text", batch: int = 2000
) -> int:
    """Write one JSON line ``{"topics": [labels], "scores": [...]}`` per CSV row, in input order.

    Returns the number of lines written. Backs ``onrecord topics predict``.
    """
    texts = read_texts(csv_path, text_column)
    with output.open("w", encoding="utf-8") as handle:
        for start in range(0, len(texts), batch):
            for topics in predictor.predict(texts[start : start + batch]):
                line = {"topics": [t.label for t in topics], "scores": [t.score for t in topics]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(texts)
