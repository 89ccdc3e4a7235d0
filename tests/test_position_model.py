"""The learned position model: the shipped artefact, its save/load round trip, and retraining."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from onrecord.errors import ConfigError, ModelError
from onrecord.themes.position_distill import build_embedder, vocabulary, word_counts
from onrecord.themes.position_gold import TEST_SPLIT, SharedTexts, load_gold
from onrecord.themes.position_model import ARRAYS, META, PositionModel
from onrecord.themes.position_training import (
    LabelledSentence,
    TrainingOptions,
    fit_position_model,
    training_sentences,
)
from onrecord.themes.positions import load_taxonomy
from onrecord.themes.stance import PositionFinder, default_model

FLOORS = json.loads((Path(__file__).parent / "floors" / "positions.json").read_text(encoding="utf-8"))
SHIPPED = Path(__file__).parent.parent / "src" / "onrecord" / "data" / "positions_model"


def test_the_shipped_model_knows_every_position_and_stays_small() -> None:
    model = default_model()
    assert model.ids == load_taxonomy().ids
    assert all(0 < t < 1 for t in model.threshold)
    assert sum(f.stat().st_size for f in SHIPPED.iterdir() if f.name in (ARRAYS, META)) < 2_000_000
    assert model.embedder.dimensions <= 64 and model.embedder.vectors.dtype == np.int8
    assert model.metadata["sentences"] > 1000


def test_probabilities_are_calibrated_rows_per_text() -> None:
    texts = ["We reject double standards and selectivity in the Human Rights Council.", "It rained."]
    probabilities = default_model().probabilities(texts)
    assert probabilities.shape == (2, len(default_model().ids))
    assert ((probabilities >= 0) & (probabilities <= 1)).all()
    selectivity = default_model().ids.index("non-selectivity")
    assert probabilities[0, selectivity] > probabilities[1, selectivity]
    assert default_model().probabilities([]).shape == (0, len(default_model().ids))


def test_static_vectors_are_unit_length_and_zero_for_unknown_words() -> None:
    vectors = default_model().embedder.embed(["human rights are universal", "qwxz zzqv", ""])
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0)
    assert not vectors[1].any() and not vectors[2].any()


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    default_model().save(tmp_path)
    again = PositionModel.load(tmp_path)
    texts = ["Solidarity with the victims of the earthquake.", "Impunity must end."]
    assert np.allclose(again.probabilities(texts), default_model().probabilities(texts), atol=1e-3)
    assert again.ids == default_model().ids


def test_an_unusable_model_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no usable position model"):
        PositionModel.load(tmp_path)
    default_model().save(tmp_path)
    meta = json.loads((tmp_path / META).read_text(encoding="utf-8"))
    (tmp_path / META).write_text(json.dumps({**meta, "format": "other.v9"}), encoding="utf-8")
    with pytest.raises(ModelError, match="format"):
        PositionModel.load(tmp_path)


def test_distilling_keeps_frequent_words_and_weighs_rare_ones_more() -> None:
    counts = word_counts(["rights rights rights of the the the the people", "rare"])
    words = vocabulary(counts, {"gold": 2}, size=3)
    assert words == ["gold", "of", "rights", "the"]  # the three commonest, ties by spelling, and the gold's
    rng = np.random.default_rng(0)
    embedder = build_embedder(words, rng.normal(size=(len(words), 8)), counts, dimensions=4)
    assert embedder.vectors.shape == (len(words), 4)
    weights = dict(zip(embedder.words, embedder.weights, strict=True))
    assert weights["the"] < weights["rights"]
    assert PositionModel.untrained(embedder).ids == ()


def test_training_needs_examples_of_every_position() -> None:
    sentences = [LabelledSentence("Impunity must end.", frozenset({"accountability"}))] * 6
    with pytest.raises(ConfigError, match="too few training sentences"):
        fit_position_model(sentences, default_model().embedder)


@pytest.mark.data
def test_retraining_on_half_the_training_part_reproduces_a_similar_score(shared: Path) -> None:
    half = training_sentences(shared)[::2]
    model = fit_position_model(half, default_model().embedder, options=TrainingOptions(folds=3))
    test = [i for i in load_gold() if i.split == TEST_SPLIT]
    texts = SharedTexts(shared).resolve(test)
    finder = PositionFinder("model", model=model)
    found = finder.classify_many([(texts[(i.corpus, i.doc)], i.start, i.end) for i in test])
    correct = sum(len({p.id for p in f} & set(i.positions)) for i, f in zip(test, found, strict=True))
    predicted, gold = sum(len(f) for f in found), sum(len(i.positions) for i in test)
    f1 = 2 * correct / (predicted + gold)
    assert f1 >= FLOORS["test_model"]["f1"] - 0.15, f1
