"""Topics: UPR Info's 54 issue labels ("Women's rights", "International instruments", ...) for any text.

A multi-label linear classifier over words, word pairs and character n-grams (see ``topic_features``),
one scorer per label, each with its own calibration (a logistic curve over the raw score) and its own
threshold, both tuned on recommendations held out from training. Prediction needs numpy alone; the
model is a folder holding ``topics.npz`` (arrays) and ``topics.json`` (vocabulary, labels, metadata).

    model = TopicModel.default()
    model.predict(["Ratify the Convention against Torture."])
    # [(Topic(label='Torture and other CID treatment', score=0.9...),
    #   Topic(label='International instruments', score=0.8...))]

Training (``train_topics``) needs scikit-learn and lives in ``topic_training``, which imports this
module (never the other way round); the UPR Info table is
read by ``read_recommendations``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from onrecord.errors import ConfigError, ModelError
from onrecord.models import Topic
from onrecord.themes.artefacts import packaged, read_pair
from onrecord.themes.topic_features import TextFeaturizer, linear_scores

FORMAT = "onrecord.topics.v1"
ARRAYS = "topics.npz"
META = "topics.json"
DEFAULT_FOLDER = ("data", "topics")  # inside the onrecord package
ISSUE_SEPARATOR = ","
_SESSION = re.compile(r"(\d+)")

Progress = Callable[[str], None]


class TopicPredictor(Protocol):
    """Anything that gives each text its topics, best first (the model, and the baseline in evaluation)."""

    def predict(self, texts: Sequence[str]) -> list[tuple[Topic, ...]]: ...


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One row of UPR Info's table: the recommendation's text, its issue labels and its UPR session."""

    text: str
    labels: tuple[str, ...]
    session: int


def parse_session(value: str) -> int:
    """The session number of a Session cell: ``"7"`` or ``"Session 7"`` both give 7."""
    match = _SESSION.search(value)
    if match is None:
        raise ConfigError(f"session {value!r} holds no number; expected e.g. '7' or 'Session 7'")
    return int(match.group(1))


def split_labels(cell: str) -> tuple[str, ...]:
    """The issue labels of an Issue cell (comma-separated), stripped, empty ones dropped."""
    return tuple(label.strip() for label in cell.split(ISSUE_SEPARATOR) if label.strip())


def read_recommendations(
    csv_path: Path, sessions: set[int] | None = None, *, text_column: str = "Text"
) -> list[Recommendation]:
    """The rows of a UPR Info CSV (columns Text, Issue, Session), optionally only those of ``sessions``."""
    try:
        with csv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {text_column, "Issue", "Session"} - set(reader.fieldnames or ())
            if missing:
                raise ConfigError(f"{csv_path}: missing columns {sorted(missing)}; found {reader.fieldnames}")
            rows = [
                Recommendation(row[text_column], split_labels(row["Issue"]), parse_session(row["Session"]))
                for row in reader
            ]
    except OSError as exc:
        raise ConfigError(f"cannot read {csv_path}: {exc}") from exc
    if sessions is not None:
        rows = [row for row in rows if row.session in sessions]
    return rows


@dataclass(frozen=True, slots=True)
class TopicModel:
    """A trained topic classifier: featurizer, one linear scorer per label, calibration and thresholds.

    ``weights`` is (terms x labels); a label's score is ``sigmoid(slope * (x @ w + bias) + offset)``; it
    is predicted when the score reaches its ``threshold``. When no label does, the best one is still given
    if its score reaches ``fallback`` (every UPR recommendation carries at least one issue).
    """

    featurizer: TextFeaturizer
    labels: tuple[str, ...]
    weights: npt.NDArray[np.float16]
    bias: npt.NDArray[np.float64]
    slope: npt.NDArray[np.float64]
    offset: npt.NDArray[np.float64]
    threshold: npt.NDArray[np.float64]
    fallback: float
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n_terms, n_labels = len(self.featurizer.terms), len(self.labels)
        if self.weights.shape != (n_terms, n_labels):
            raise ModelError(f"weights are {self.weights.shape}, expected ({n_terms}, {n_labels})")
        for name in ("bias", "slope", "offset", "threshold"):
            if getattr(self, name).shape != (n_labels,):
                raise ModelError(f"{name} has shape {getattr(self, name).shape}, expected ({n_labels},)")

    def scores(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Calibrated scores, one row per text, one column per label (in ``labels`` order)."""
        raw = linear_scores(self.featurizer.transform(texts), self.weights, self.bias)
        return calibrate(raw, self.slope, self.offset)

    def predict(self, texts: Sequence[str]) -> list[tuple[Topic, ...]]:
        """For each text, the labels the model gives it, best first (possibly none)."""
        return [self._topics(row) for row in self.scores(texts)]

    def _topics(self, row: npt.NDArray[np.float64]) -> tuple[Topic, ...]:
        chosen = np.flatnonzero(row >= self.threshold)
        if len(chosen) == 0:
            best = int(np.argmax(row))
            chosen = np.array([best]) if row[best] >= self.fallback else chosen
        ordered = sorted(chosen, key=lambda j: (-row[j], self.labels[j]))
        return tuple(Topic(self.labels[j], round(float(row[j]), 4)) for j in ordered)

    def save(self, folder: Path) -> None:
        """Write the model as ``folder/topics.npz`` and ``folder/topics.json`` (folder created)."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            folder / ARRAYS,
            weights=self.weights.astype(np.float16),
            idf=self.featurizer.idf.astype(np.float32),
            bias=self.bias.astype(np.float32),
            slope=self.slope.astype(np.float32),
            offset=self.offset.astype(np.float32),
            threshold=self.threshold.astype(np.float32),
        )
        meta = {
            "format": FORMAT,
            "labels": list(self.labels),
            "fallback": self.fallback,
            "metadata": dict(self.metadata),
            "terms": list(self.featurizer.terms),
        }
        (folder / META).write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TopicModel:
        """The model saved in ``folder`` by ``save``."""
        return _load(folder / META, folder / ARRAYS, str(folder))

    @classmethod
    def default(cls) -> TopicModel:
        """The model shipped with onrecord (trained on UPR Info's sessions 1-15)."""
        with packaged(DEFAULT_FOLDER, META, ARRAYS) as (meta, arrays, where):
            return _load(meta, arrays, where)


def _load(meta_path: Path, arrays_path: Path, where: str) -> TopicModel:
    meta, arrays = read_pair(meta_path, arrays_path, where=where, kind="topic", form=FORMAT)
    with arrays:
        try:
            featurizer = TextFeaturizer(tuple(meta["terms"]), arrays["idf"].astype(np.float64))
            return TopicModel(
                featurizer=featurizer,
                labels=tuple(meta["labels"]),
                weights=arrays["weights"],
                bias=arrays["bias"].astype(np.float64),
                slope=arrays["slope"].astype(np.float64),
                offset=arrays["offset"].astype(np.float64),
                threshold=arrays["threshold"].astype(np.float64),
                fallback=float(meta["fallback"]),
                metadata=meta.get("metadata", {}),
            )
        except (KeyError, ValueError) as exc:
            raise ModelError(f"{where}: incomplete topic model ({exc})") from exc


def calibrate(
    raw: npt.NDArray[np.float64], slope: npt.NDArray[np.float64], offset: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Per-label logistic calibration of raw linear scores."""
    result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-(raw * slope + offset)))
    return result


def label_sets(topics: Iterable[tuple[Topic, ...]]) -> list[frozenset[str]]:
    """The labels alone of each prediction."""
    return [frozenset(topic.label for topic in row) for row in topics]
