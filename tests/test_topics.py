"""The topic model: features, save/load, deterministic training, and the shipped model on invented text."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.errors import ConfigError, ModelError
from onrecord.evaluation.topics import score_topics, write_predictions
from onrecord.themes.topic_features import CHAR_PREFIX, TextFeaturizer, linear_scores
from onrecord.themes.topic_training import TrainingOptions, fit_topic_model, holdout_split, train_topics
from onrecord.themes.topics import (
    Recommendation,
    Topic,
    TopicModel,
    parse_session,
    read_recommendations,
    split_labels,
)

# Invented, fictional recommendations: (text, labels, session).
INVENTED = [
    ("Protect the rights of every girl to attend school in the northern valleys.", ("Girls",), 1),
    ("Build new schools so that every girl can learn to read.", ("Girls",), 2),
    ("Train teachers to welcome girls in rural classrooms.", ("Girls",), 3),
    ("Open the water wells of the eastern districts to all villages.", ("Water",), 1),
    ("Repair the water pipes serving the hill villages.", ("Water",), 2),
    ("Guarantee clean water in every village before the dry season.", ("Water",), 3),
    ("Ensure girls in the villages can fetch clean water safely.", ("Girls", "Water"), 3),
    ("Give girls schooling and wells of clean water in every district.", ("Girls", "Water"), 2),
] * 3

OPTIONS = TrainingOptions(min_df=1, max_terms=400, min_positives=2)


def invented_rows() -> list[Recommendation]:
    return [Recommendation(text, labels, session) for text, labels, session in INVENTED]


@pytest.fixture(scope="module")
def shipped() -> TopicModel:
    return TopicModel.default()


@pytest.fixture(scope="module")
def tiny_model() -> TopicModel:
    return fit_topic_model(invented_rows(), options=OPTIONS, source="invented")


@pytest.mark.parametrize(
    ("cell", "number"), [("7", 7), ("Session 7", 7), (" session 12 ", 12), ("UPR Session 3", 3)]
)
def test_session_cells(cell: str, number: int) -> None:
    assert parse_session(cell) == number


def test_session_without_a_number_is_an_error() -> None:
    with pytest.raises(ConfigError, match="holds no number"):
        parse_session("first")


@pytest.mark.parametrize(
    ("cell", "labels"),
    [
        ("Women's rights", ("Women's rights",)),
        ("Justice,Detention", ("Justice", "Detention")),
        (" Justice , Detention ,", ("Justice", "Detention")),
        ("", ()),
    ],
)
def test_issue_cells(cell: str, labels: tuple[str, ...]) -> None:
    assert split_labels(cell) == labels


def test_read_recommendations_filters_sessions(tmp_path: Path) -> None:
    table = tmp_path / "upr.csv"
    table.write_text(
        'Text,Issue,Session\n"Free the owls of Tarn.","Justice,Detention",Session 2\n'
        "Plant trees.,Environment,3\n",
        encoding="utf-8",
    )
    assert read_recommendations(table, {2}) == [
        Recommendation("Free the owls of Tarn.", ("Justice", "Detention"), 2)
    ]
    assert len(read_recommendations(table)) == 2


def test_read_recommendations_names_missing_columns(tmp_path: Path) -> None:
    table = tmp_path / "upr.csv"
    table.write_text("Text,Session\nPlant trees.,3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="Issue"):
        read_recommendations(table)


def test_holdout_takes_the_newest_sessions() -> None:
    fit, held = holdout_split(invented_rows(), 0.2)
    assert {r.session for r in held} == {3}
    assert {r.session for r in fit} == {1, 2}


texts = st.text(alphabet=st.sampled_from("abcé Z9 .,'-\n"), max_size=80)


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6), texts)
def test_feature_rows_have_unit_blocks_and_valid_columns(corpus: list[str], text: str) -> None:
    featurizer = TextFeaturizer.fit(corpus, min_df=1)
    rows = featurizer.transform([text, *corpus])
    assert len(rows) == len(corpus) + 1
    assert np.all((rows.indices >= 0) & (rows.indices < len(featurizer.terms)))
    for i in range(len(rows)):
        columns = rows.indices[rows.indptr[i] : rows.indptr[i + 1]]
        values = rows.data[rows.indptr[i] : rows.indptr[i + 1]]
        for is_char in (True, False):
            block = np.array(
                [featurizer.terms[c].startswith(CHAR_PREFIX) == is_char for c in columns], dtype=bool
            )
            if block.any():
                assert math.isclose(float(np.sum(values[block] ** 2)), 1.0, rel_tol=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.lists(texts, min_size=1, max_size=5))
def test_linear_scores_equal_the_dense_product(corpus: list[str]) -> None:
    featurizer = TextFeaturizer.fit(corpus, min_df=1)
    rows = featurizer.transform(corpus)
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(len(featurizer.terms), 3))
    bias = rng.normal(size=3)
    dense = np.zeros((len(rows), len(featurizer.terms)))
    for i in range(len(rows)):
        dense[i, rows.indices[rows.indptr[i] : rows.indptr[i + 1]]] = rows.data[
            rows.indptr[i] : rows.indptr[i + 1]
        ]
    assert np.allclose(linear_scores(rows, weights, bias), dense @ weights + bias)


def test_tiny_model_learns_invented_labels(tiny_model: TopicModel) -> None:
    assert tiny_model.labels == ("Girls", "Water")
    water, girls = tiny_model.predict(["Dig wells for clean water.", "Send every girl to school."])
    assert water[0].label == "Water"  # best first
    assert girls[0].label == "Girls"
    assert all(0.0 <= t.score <= 1.0 for t in (*water, *girls))


def test_training_is_deterministic() -> None:
    first = fit_topic_model(invented_rows(), options=OPTIONS)
    second = fit_topic_model(invented_rows(), options=OPTIONS)
    assert first.featurizer.terms == second.featurizer.terms
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.threshold, second.threshold)
    assert first.fallback == second.fallback


def test_save_and_load_round_trip(tiny_model: TopicModel, tmp_path: Path) -> None:
    tiny_model.save(tmp_path / "model")
    loaded = TopicModel.load(tmp_path / "model")
    assert loaded.labels == tiny_model.labels
    assert loaded.featurizer.terms == tiny_model.featurizer.terms
    probe = ["Wells and schools for the girls of the valley.", "Nothing in common."]
    assert np.allclose(loaded.scores(probe), tiny_model.scores(probe), atol=1e-3)
    assert loaded.predict(probe) == [
        tuple(Topic(t.label, t.score) for t in row) for row in loaded.predict(probe)
    ]
    assert [[t.label for t in row] for row in loaded.predict(probe)] == [
        [t.label for t in row] for row in tiny_model.predict(probe)
    ]


def test_saved_model_is_plain_arrays_and_json(tiny_model: TopicModel, tmp_path: Path) -> None:
    tiny_model.save(tmp_path)
    meta = json.loads((tmp_path / "topics.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["Girls", "Water"]
    with np.load(tmp_path / "topics.npz", allow_pickle=False) as arrays:
        assert arrays["weights"].dtype == np.float16


def test_loading_a_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no usable topic model"):
        TopicModel.load(tmp_path / "nowhere")


def test_loading_a_foreign_format_is_a_model_error(tiny_model: TopicModel, tmp_path: Path) -> None:
    tiny_model.save(tmp_path)
    meta = json.loads((tmp_path / "topics.json").read_text(encoding="utf-8"))
    (tmp_path / "topics.json").write_text(json.dumps({**meta, "format": "other.v9"}), encoding="utf-8")
    with pytest.raises(ModelError, match="format"):
        TopicModel.load(tmp_path)


def test_train_topics_reads_a_csv(tmp_path: Path) -> None:
    table = tmp_path / "upr.csv"
    lines = ["Text,Issue,Session"] + [
        f'"{text}","{",".join(labels)}",{session}' for text, labels, session in INVENTED
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no rows"):
        train_topics(table, {99})
    messages: list[str] = []
    model = train_topics(table, {1, 2, 3}, progress=messages.append)
    assert model.labels == ("Girls", "Water")
    assert messages


def test_write_predictions_keeps_input_order(tiny_model: TopicModel, tmp_path: Path) -> None:
    table = tmp_path / "in.csv"
    table.write_text(
        "id,body\n1,Clean water for the hill villages.\n2,\n3,Schools for every girl.\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert write_predictions(tiny_model, table, out, text_column="body", batch=2) == 3
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    assert lines[0]["topics"][0] == "Water"
    assert lines[2]["topics"][0] == "Girls"
    assert all(len(line["topics"]) == len(line["scores"]) for line in lines)
    with pytest.raises(ConfigError, match="no column"):
        write_predictions(tiny_model, table, out, text_column="Text")


def test_score_topics_counts_like_the_checker() -> None:
    gold = [("A", "B"), ("A",), ("C",)]
    predicted = [("A",), ("A", "C"), ()]
    scores = score_topics(gold, predicted)
    # tp=2 (A, A), fp=1 (C), fn=2 (B, C): micro 4/7; per label A 1.0, B 0.0, C 0.0
    assert scores.micro_f1 == pytest.approx(4 / 7)
    assert scores.macro_f1 == pytest.approx(1 / 3)
    assert [(s.label, s.support) for s in scores.labels] == [("A", 2), ("B", 1), ("C", 1)]


# The shipped model, on invented sentences; any of the listed labels will do.
@pytest.mark.parametrize(
    ("text", "any_of"),
    [
        (
            "Ratify the Convention against Torture and its Optional Protocol.",
            {"Torture and other CID treatment", "International instruments"},
        ),
        ("Abolish the death penalty and commute all pending death sentences.", {"Death penalty"}),
        ("Ensure that all girls in rural areas complete free primary education.", {"Right to education"}),
        (
            "Strengthen efforts to combat trafficking in persons, especially women and children.",
            {"Trafficking"},
        ),
        ("Establish a national human rights institution in line with the Paris Principles.", {"NHRI"}),
        (
            "Protect journalists from harassment and guarantee the independence of the media.",
            {"Freedom of the press", "Freedom of opinion and expression"},
        ),
        (
            "Decriminalize consensual same-sex relations between adults.",
            {"Sexual Orientation and Gender Identity"},
        ),
    ],
)
def test_shipped_model_gives_sensible_labels(shipped: TopicModel, text: str, any_of: set[str]) -> None:
    (topics,) = shipped.predict([text])
    assert {t.label for t in topics} & any_of, topics


def test_shipped_model_is_small_and_credited(shipped: TopicModel) -> None:
    from importlib import resources

    folder = resources.files("onrecord").joinpath("data", "topics")
    size = sum(folder.joinpath(name).read_bytes().__len__() for name in ("topics.npz", "topics.json"))
    assert size < 5_000_000
    assert "UPR Info" in folder.joinpath("README.md").read_text(encoding="utf-8")
    assert len(shipped.labels) == 54
    assert shipped.metadata["sessions"] == list(range(1, 16))
