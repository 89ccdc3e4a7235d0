"""The positions gold and its evaluation: shape of the gold, drift detection, and the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.errors import ConfigError
from onrecord.evaluation.positions import (
    PositionScore,
    PositionsReport,
    adjudicated_test_path,
    evaluate_positions,
    second_labeller_path,
    second_test_labeller_path,
)
from onrecord.text.reading import sentence_spans
from onrecord.themes.position_gold import default_gold_path, load_gold
from onrecord.themes.positions import load_taxonomy

FLOORS = json.loads((Path(__file__).parent / "floors" / "positions.json").read_text(encoding="utf-8"))


def test_gold_is_large_varied_and_labelled_with_known_positions() -> None:
    items = load_gold()
    assert len(items) >= 1500
    assert {i.corpus for i in items} == {"ungdc", "wg", "seeds", "unmeetings", "news"}
    known = set(load_taxonomy().ids)
    labelled = {p for i in items for p in i.positions}
    assert labelled == known, f"positions never labelled: {known - labelled}"
    assert sum(not i.positions for i in items) >= 30  # negatives
    test = [i for i in items if i.split == "test"]
    assert len(test) >= 300 and all(i.batch == 3 for i in test)
    assert {p for i in test for p in i.positions} == known  # every position is measured on the test split
    countries = {i.doc.split("_")[0] for i in items if i.corpus == "ungdc"}
    assert len(countries) >= 60


def test_gold_holds_no_text() -> None:
    lines = default_gold_path().read_text(encoding="utf-8").splitlines()
    lines += second_labeller_path().read_text(encoding="utf-8").splitlines()
    lines += adjudicated_test_path().read_text(encoding="utf-8").splitlines()
    lines += second_test_labeller_path().read_text(encoding="utf-8").splitlines()
    for line in lines:
        record = json.loads(line)
        assert set(record) <= {"corpus", "doc", "start", "end", "sha1", "positions", "split", "batch", "note"}
        assert len(record.get("note", "")) <= 120


_GOOD = {"corpus": "wg", "doc": "x", "start": 0, "end": 5, "sha1": "a", "positions": [], "split": "tune"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"corpus": "blogs"}, "corpus 'blogs'"),
        ({"start": 5}, "not a span"),
        ({"split": "dev"}, "split 'dev'"),
        ({"positions": None, "start": "five"}, "not a gold line"),
    ],
)
def test_malformed_gold_lines_are_refused(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({**_GOOD, **change}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_gold(path)


def test_the_same_sentence_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text((json.dumps(_GOOD) + "\n") * 2, encoding="utf-8")
    with pytest.raises(ConfigError, match="labelled twice"):
        load_gold(path)


def test_scores_from_counts() -> None:
    score = PositionScore("x", gold=4, predicted=5, correct=3)
    assert score.precision == pytest.approx(0.6)
    assert score.recall == pytest.approx(0.75)
    assert score.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert PositionScore("y", 0, 0, 0).f1 == 0.0


@given(st.lists(st.sampled_from(["Word", "word", ".", " ", "\n", "Mr.", "?", "“Quote.”", "A"]), max_size=40))
def test_sentence_spans_are_ordered_trimmed_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    last = 0
    for start, end in sentence_spans(text):
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        last = end


@pytest.mark.data
def test_drift_in_the_shared_data_is_caught(shared: Path, tmp_path: Path) -> None:
    first = json.loads(default_gold_path().read_text(encoding="utf-8").splitlines()[0])
    first["sha1"] = "0000000000"
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(first) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="shared data has changed"):
        evaluate_positions(shared, path)


@pytest.fixture(scope="module")
def report(shared: Path) -> PositionsReport:
    return evaluate_positions(shared)


@pytest.mark.data
def test_positions_meet_their_floors(report: PositionsReport) -> None:
    measured = {
        "earlier_rules": report.earlier,
        "holdout_rules": report.holdout,
        "fresh_rules": report.fresh,
        "unseen_rules": report.unseen,
        **{f"test_{m.method}": m.test for m in report.methods},
    }
    for name, scores in measured.items():
        floor = FLOORS[name]
        assert scores.precision >= floor["precision"], (name, scores.precision)
        assert scores.recall >= floor["recall"], (name, scores.recall)
        assert scores.f1 >= floor["f1"], (name, scores.f1)
    by_position = {row.id: row.f1 for row in report.method("both").test.by_position}
    for position, floor in FLOORS["test_both_by_position"].items():
        assert by_position[position] >= floor, (position, by_position[position])
    assert report.earlier.sentences == report.tune.sentences + report.holdout.sentences
    assert report.unseen.sentences >= 2000
    # a second labeller's blind labels of batch 3 training sentences: how far two people agree
    assert report.agreement is not None and report.agreement.sentences >= 300
    assert 0.5 < report.agreement.f1 < 1.0
    # ... and of the whole test split, against its frozen labels
    test = report.method("both").test
    assert report.test_agreement is not None and report.test_agreement.sentences == test.sentences
    assert 0.5 < report.test_agreement.f1 < 1.0
    # the test split against its adjudicated labels (a second blind labeller, disagreements decided)
    adjudicated = dict(report.adjudicated)
    assert set(adjudicated) == {"rules", "model", "both"}
    assert all(scores.sentences == report.method("both").test.sentences for scores in adjudicated.values())
    floor = FLOORS["test_both_adjudicated"]
    assert adjudicated["both"].precision >= floor["precision"], adjudicated["both"]
    assert adjudicated["both"].recall >= floor["recall"] and adjudicated["both"].f1 >= floor["f1"]
    assert [m.method for m in report.methods] == ["rules", "model", "both"]
    assert report.method("both").test.sentences >= 300


@pytest.mark.data
def test_the_report_prints_every_method_and_position(report: PositionsReport) -> None:
    lines = list(report.lines())
    ids = load_taxonomy().ids
    assert sum(line.split()[0] in ids for line in lines if line.strip()) == len(ids)
    assert any(line.strip().startswith("both") and "P=" in line for line in lines)
    assert any("counter-position" in line for line in lines)


def test_adjudicated_disagreements_point_at_gold_sentences_and_hold_no_text() -> None:
    gold = {(i.corpus, i.doc, i.start, i.end): i for i in load_gold()}
    path = default_gold_path().with_name("positions_adjudicated.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines
    for record in lines:
        item = gold[(record["corpus"], record["doc"], record["start"], record["end"])]
        assert item.sha1 == record["sha1"] and sorted(item.positions) == sorted(record["gold"])
        assert sorted(record["gold"]) != sorted(record["second"])  # only disagreements are adjudicated
        assert record["right"] in {"gold", "second", "neither"} and len(record["why"]) <= 120
        assert "text" not in record


def test_the_test_splits_adjudicated_labels_are_the_second_labellers_or_the_golds() -> None:
    """Where the second labeller agreed with the gold, the adjudicated label is theirs; where the two
    disagreed, the third reader chose one of them (the files were written from one another)."""
    gold = {(i.corpus, i.doc, i.start, i.end): i for i in load_gold()}
    second = {(i.corpus, i.doc, i.start, i.end): i for i in load_gold(second_test_labeller_path())}
    decided = load_gold(adjudicated_test_path())
    assert set(second) == {(i.corpus, i.doc, i.start, i.end) for i in decided}
    disagreements = 0
    for item in decided:
        place = (item.corpus, item.doc, item.start, item.end)
        first, other = set(gold[place].positions), set(second[place].positions)
        assert gold[place].sha1 == second[place].sha1 == item.sha1
        if first == other:
            assert set(item.positions) == first
        else:
            disagreements += 1
            assert set(item.positions) in (first, other)
    assert disagreements >= 30
