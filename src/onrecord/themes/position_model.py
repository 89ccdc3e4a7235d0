"""The learned position model: one calibrated linear classifier per position over a sentence's features.

A sentence is represented by two blocks (see ``position_features``): TF-IDF words, word pairs and
character n-grams, and a static distillation of MiniLM sentence embeddings (each word's MiniLM vector,
reduced and quantised, averaged with frequency weights). Prediction needs numpy alone: the model is a
folder holding ``positions.npz`` (arrays) and ``positions.json`` (vocabularies, ids, metadata), shipped in
``onrecord/data/positions_model``.

    model = PositionModel.default()
    model.probabilities(["We reject any interference in our internal affairs."])  # (1, positions)

A position is predicted for a sentence when its calibrated probability reaches its own threshold (its
``threshold_with_rules`` when the model adds to the rules' positions); beside the rules, a position the
rules find is dropped when the model gives every sentence of the statement less than its ``veto``
probability (the model has learnt that the rules' phrase is used there for something else). All were
tuned by cross-validation on the gold's training part, never on its test split. Training lives in
``position_training`` (needs scikit-learn); distilling the word vectors in ``position_distill`` (needs
the ``embeddings`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.errors import ModelError
from onrecord.themes.artefacts import packaged, read_pair
from onrecord.themes.position_features import StaticEmbedder
from onrecord.themes.topic_features import TextFeaturizer, linear_scores

FORMAT = "onrecord.positions.v1"
ARRAYS = "positions.npz"
META = "positions.json"
DEFAULT_FOLDER = ("data", "positions_model")  # inside the onrecord package

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PositionModel:
    """Featurizers, one linear scorer per position, and each position's calibration and threshold.

    A position's probability is ``sigmoid(slope * (x @ w + e @ v + bias) + offset)`` where ``x`` is the
    TF-IDF row and ``e`` the static embedding; it is predicted at ``threshold`` or above.
    """

    ids: tuple[str, ...]
    featurizer: TextFeaturizer
    embedder: StaticEmbedder
    weights: npt.NDArray[np.floating[Any]]  # (terms, positions)
    dense_weights: npt.NDArray[np.floating[Any]]  # (embedding dimensions, positions)
    bias: Matrix
    slope: Matrix
    offset: Matrix
    threshold: Matrix
    threshold_with_rules: Matrix  # the threshold when the model adds to the rules' positions
    veto: Matrix  # below this probability the model overrules the rules' finding of the position
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.ids)
        expected = {
            "weights": (len(self.featurizer.terms), n),
            "dense_weights": (self.embedder.dimensions, n),
            "bias": (n,),
            "slope": (n,),
            "offset": (n,),
            "threshold": (n,),
            "threshold_with_rules": (n,),
            "veto": (n,),
        }
        for name, shape in expected.items():
            if getattr(self, name).shape != shape:
                raise ModelError(
                    f"position model: {name} has shape {getattr(self, name).shape}, expected {shape}"
                )

    def raw_scores(self, texts: Sequence[str]) -> Matrix:
        """Uncalibrated linear scores, one row per text, one column per position (``ids`` order)."""
        if not texts:
            return np.zeros((0, len(self.ids)))
        scores = linear_scores(self.featurizer.transform(texts), self.weights, self.bias)
        dense: Matrix = self.embedder.embed(texts) @ self.dense_weights.astype(np.float64)
        return scores + dense

    def probabilities(self, texts: Sequence[str]) -> Matrix:
        """Calibrated probabilities, one row per text, one column per position (``ids`` order)."""
        return calibrate(self.raw_scores(texts), self.slope, self.offset)

    def save(self, folder: Path) -> None:
        """Write the model as ``folder/positions.npz`` and ``folder/positions.json`` (folder created)."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            folder / ARRAYS,
            weights=self.weights.astype(np.float16),
            dense_weights=self.dense_weights.astype(np.float32),
            idf=self.featurizer.idf.astype(np.float32),
            bias=self.bias.astype(np.float32),
            slope=self.slope.astype(np.float32),
            offset=self.offset.astype(np.float32),
            threshold=self.threshold.astype(np.float32),
            threshold_with_rules=self.threshold_with_rules.astype(np.float32),
            veto=self.veto.astype(np.float32),
            word_vectors=self.embedder.vectors,
            word_weights=self.embedder.weights.astype(np.float32),
        )
        meta = {
            "format": FORMAT,
            "ids": list(self.ids),
            "metadata": dict(self.metadata),
            "vector_scale": self.embedder.scale,
            "words": list(self.embedder.words),
            "terms": list(self.featurizer.terms),
        }
        (folder / META).write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def untrained(cls, embedder: StaticEmbedder) -> PositionModel:
        """A model of no positions that only carries word vectors (what distilling produces)."""
        empty = np.zeros(0)
        return cls(
            ids=(),
            featurizer=TextFeaturizer((), empty),
            embedder=embedder,
            weights=np.zeros((0, 0)),
            dense_weights=np.zeros((embedder.dimensions, 0)),
            bias=empty,
            slope=empty,
            offset=empty,
            threshold=empty,
            threshold_with_rules=empty,
            veto=empty,
            metadata={"untrained": True},
        )

    @classmethod
    def load(cls, folder: Path) -> PositionModel:
        """The model saved in ``folder`` by ``save``."""
        return _load(folder / META, folder / ARRAYS, str(folder))

    @classmethod
    def default(cls) -> PositionModel:
        """The model shipped with onrecord (trained on the gold's training part)."""
        with packaged(DEFAULT_FOLDER, META, ARRAYS) as (meta, arrays, where):
            return _load(meta, arrays, where)


def _load(meta_path: Path, arrays_path: Path, where: str) -> PositionModel:
    meta, arrays = read_pair(meta_path, arrays_path, where=where, kind="position", form=FORMAT)
    with arrays:
        try:
            embedder = StaticEmbedder(
                words=tuple(meta["words"]),
                vectors=arrays["word_vectors"],
                scale=float(meta["vector_scale"]),
                weights=arrays["word_weights"].astype(np.float64),
            )
            return PositionModel(
                ids=tuple(meta["ids"]),
                featurizer=TextFeaturizer(tuple(meta["terms"]), arrays["idf"].astype(np.float64)),
                embedder=embedder,
                weights=arrays["weights"],
                dense_weights=arrays["dense_weights"],
                bias=arrays["bias"].astype(np.float64),
                slope=arrays["slope"].astype(np.float64),
                offset=arrays["offset"].astype(np.float64),
                threshold=arrays["threshold"].astype(np.float64),
                threshold_with_rules=arrays["threshold_with_rules"].astype(np.float64),
                veto=(  # models trained before the veto never overrule the rules
                    arrays["veto"].astype(np.float64)
                    if "veto" in arrays.files
                    else np.zeros(len(meta["ids"]))
                ),
                metadata=meta.get("metadata", {}),
            )
        except (KeyError, ValueError) as exc:
            raise ModelError(f"{where}: incomplete position model ({exc})") from exc


def calibrate(raw: Matrix, slope: Matrix, offset: Matrix) -> Matrix:
    """Per-position logistic calibration of raw linear scores."""
    result: Matrix = 1.0 / (1.0 + np.exp(-(raw * slope + offset)))
    return result
