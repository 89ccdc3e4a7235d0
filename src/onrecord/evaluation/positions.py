"""How well the position classifier agrees with the hand-labelled gold (``themes.position_gold``).

``split`` was fixed from each sentence's hash before any rule was written: rules are tuned on ``tune``
only. ``batch`` 1 was labelled before the rules were written (its holdout part was read while labelling,
so it is not blind); ``batch`` 2 was labelled after the rules were frozen and is all holdout: the
``fresh`` scores are the most honest figure for the rules on batches 1-2; batch 4 (training sentences of
the model, labelled after the rules were last changed and never read to write them) gives the rules'
``unseen`` scores on a larger sample. Batch 3's test part is the frozen test split of every method.

The classifier sees the whole document and the sentence's offsets, as it would see an article and a
statement's content span.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from onrecord.errors import ConfigError
from onrecord.themes.position_gold import TEST_SPLIT, GoldItem, SharedTexts, default_gold_path, load_gold
from onrecord.themes.position_model import PositionModel
from onrecord.themes.positions import PositionClassifier, Taxonomy
from onrecord.themes.stance import METHODS, PositionFinder


@dataclass(frozen=True, slots=True)
class PositionScore:
    """Agreement on one position: counts and the figures made from them."""

    id: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """Micro-averaged agreement over a set of gold sentences, and the table by position."""

    sentences: int
    micro: PositionScore
    by_position: tuple[PositionScore, ...]
    exact: int  # sentences whose predicted set equals the gold set

    @property
    def precision(self) -> float:
        return self.micro.precision

    @property
    def recall(self) -> float:
        return self.micro.recall

    @property
    def f1(self) -> float:
        return self.micro.f1


@dataclass(frozen=True, slots=True)
class Mistake:
    """A gold sentence where the classifier's set differs from the gold set."""

    item: GoldItem
    predicted: tuple[str, ...]

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(p for p in self.item.positions if p not in self.predicted)

    @property
    def extra(self) -> tuple[str, ...]:
        return tuple(p for p in self.predicted if p not in self.item.positions)


@dataclass(frozen=True, slots=True)
class MethodScores:
    """One way of finding positions (``rules``, ``model`` or ``both``) scored on the frozen test split,
    with how often a gold position was met by one of its counter-positions."""

    method: str
    test: Scores
    confusion: tuple[tuple[str, str, int], ...]  # (gold position, predicted counter-position, sentences)
    mistakes: tuple[Mistake, ...]


@dataclass(frozen=True, slots=True)
class PositionsReport:
    """Each method on the frozen test split, and the rules on the earlier gold (batches 1 and 2)."""

    methods: tuple[MethodScores, ...]
    earlier: Scores  # the rules on batches 1 and 2
    tune: Scores  # the rules on the part they were tuned on
    holdout: Scores  # the rules on batches 1-2 outside it
    fresh: Scores  # the rules on batch 2, labelled after they were frozen
    unseen: Scores  # the rules on batch 4 (training sentences of the model, never read to write rules)
    agreement: Scores | None = None  # a second labeller's blind labels scored against the gold
    # a second labeller's blind labels of the test split scored against its frozen labels: how far a
    # careful reader of the same guide gets on the measure every method is judged by
    test_agreement: Scores | None = None
    # each method on the test split against its adjudicated labels (a second blind labeller, and a
    # third reader deciding where the two disagree), when the project has them
    adjudicated: tuple[tuple[str, Scores], ...] = ()

    def method(self, name: str) -> MethodScores:
        for scores in self.methods:
            if scores.method == name:
                return scores
        raise KeyError(f"no method {name!r} in the report; it has {[m.method for m in self.methods]}")

    def lines(self) -> Iterator[str]:
        """The report as text lines: the test split by method and by position, the counter-position
        confusions, then the rules on the earlier gold."""
        yield "frozen test split (batch 3), by method:"
        columns = [(m.method, m.test) for m in self.methods]
        for name, scores in columns:
            yield _micro_line(name, scores)
        if self.test_agreement is not None:
            yield "  a second labeller's blind labels (how far a careful reader of the guide gets):"
            yield _micro_line("second", self.test_agreement)
            columns.append(("second", self.test_agreement))
        names = " ".join(f"{name + ' F1':>10}" for name, _ in columns)
        yield f"{'position':28} {'gold':>5} {names}"
        for k, row in enumerate(self.methods[0].test.by_position):
            cells = " ".join(f"{scores.by_position[k].f1:10.3f}" for _, scores in columns)
            yield f"{row.id:28} {row.gold:5} {cells}"
        yield "gold position met by a counter-position (test split):"
        for method in self.methods:
            pairs = ", ".join(f"{g} -> {c}: {n}" for g, c, n in method.confusion) or "none"
            yield f"  {method.method:6} {pairs}"
        yield "rules on the earlier gold:"
        named = (
            ("batch1-2", self.earlier),
            ("tune", self.tune),
            ("holdout", self.holdout),
            ("fresh", self.fresh),
            ("batch4", self.unseen),
        )
        for name, part in named:
            yield _micro_line(name, part)
        if self.agreement is not None:
            yield "a second labeller, blind, against the gold on 320 training sentences:"
            yield _micro_line("second", self.agreement)
        if self.adjudicated:
            yield "test split against its adjudicated labels (second labeller, disagreements decided):"
            for name, against in self.adjudicated:
                yield _micro_line(name, against)


def _micro_line(name: str, scores: Scores) -> str:
    return (
        f"  {name:9} n={scores.sentences:4}  P={scores.precision:.3f}  R={scores.recall:.3f}  "
        f"F1={scores.f1:.3f}  exact={scores.exact}/{scores.sentences}"
    )


def second_labeller_path() -> Path:
    """A second labeller's blind labels of 320 of batch 3's training sentences (same line format)."""
    return Path(str(resources.files("onrecord") / "data" / "positions_second.jsonl"))


def second_test_labeller_path() -> Path:
    """A second labeller's blind labels of the whole test split, before any disagreement was decided."""
    return Path(str(resources.files("onrecord") / "data" / "positions_test_second.jsonl"))


def adjudicated_test_path() -> Path:
    """The test split's adjudicated labels: a second labeller's blind labels, and where they differ from
    the gold's, a third reader's decision (``positions`` is the label that stands)."""
    return Path(str(resources.files("onrecord") / "data" / "positions_test_adjudicated.jsonl"))


def evaluate_positions(
    shared_dir: Path,
    gold_path: Path | None = None,
    methods: Sequence[str] = METHODS,
    model: PositionModel | None = None,
) -> PositionsReport:
    """Micro and per-position precision, recall and F1 of each method on the gold's frozen test split,
    and of the rules on the earlier gold (``model``: the learned model to use, default the shipped one)."""
    items = load_gold(gold_path)
    if not items:
        raise ConfigError(f"the gold at {gold_path or default_gold_path()} has no lines")
    rules = PositionClassifier()
    known = set(rules.taxonomy.ids)
    for item in items:
        unknown = set(item.positions) - known
        if unknown:
            raise ConfigError(f"gold line {item.line} names unknown positions {sorted(unknown)}")
    texts = SharedTexts(shared_dir).resolve(items)
    ids = rules.taxonomy.ids
    test = [i for i in items if i.split == TEST_SPLIT]
    earlier = [i for i in items if i.batch in (1, 2)]
    unseen = [i for i in items if i.batch >= 4]
    scored = []
    for method in ("rules", *(m for m in methods if m != "rules")):
        finder = PositionFinder(method, rules=rules, model=model)
        chosen = test if method != "rules" else [*test, *earlier, *unseen]
        found = finder.classify_many([(texts[(i.corpus, i.doc)], i.start, i.end) for i in chosen])
        predictions = {
            id(i): tuple(dict.fromkeys(p.id for p in f)) for i, f in zip(chosen, found, strict=True)
        }
        scored.append((method, predictions))
    by_rules = scored[0][1]
    report_methods = tuple(
        MethodScores(
            method,
            _scores([(i, predictions[id(i)]) for i in test], ids),
            _confusion([(i, predictions[id(i)]) for i in test], rules.taxonomy),
            tuple(
                Mistake(i, predictions[id(i)]) for i in test if set(predictions[id(i)]) != set(i.positions)
            ),
        )
        for method, predictions in scored
        if method in methods
    )
    return PositionsReport(
        methods=report_methods,
        earlier=_scores([(i, by_rules[id(i)]) for i in earlier], ids),
        tune=_scores([(i, by_rules[id(i)]) for i in earlier if i.split == "tune"], ids),
        holdout=_scores([(i, by_rules[id(i)]) for i in earlier if i.split == "holdout"], ids),
        fresh=_scores([(i, by_rules[id(i)]) for i in earlier if i.batch == 2], ids),
        unseen=_scores([(i, by_rules[id(i)]) for i in unseen], ids),
        agreement=_agreement(items, second_labeller_path() if gold_path is None else None, ids),
        test_agreement=_agreement(test, second_test_labeller_path() if gold_path is None else None, ids),
        adjudicated=_against_adjudicated(
            test, adjudicated_test_path() if gold_path is None else None, scored, ids
        ),
    )


def _against_adjudicated(
    test: Sequence[GoldItem],
    path: Path | None,
    scored: Sequence[tuple[str, Mapping[int, tuple[str, ...]]]],
    ids: tuple[str, ...],
) -> tuple[tuple[str, Scores], ...]:
    """Each method's predictions on the test split scored against the adjudicated labels."""
    if path is None or not path.is_file():
        return ()
    relabelled = _labelled_again(test, path)
    if len(relabelled) != len(test):
        raise ConfigError(f"{path}: {len(test) - len(relabelled)} test sentences have no adjudicated label")
    return tuple(
        (method, _scores([(other, predictions[id(item)]) for item, other in relabelled], ids))
        for method, predictions in scored
    )


def _agreement(items: Sequence[GoldItem], second: Path | None, ids: tuple[str, ...]) -> Scores | None:
    """The second labeller's labels scored as predictions against the gold's labels of the same sentences
    (only with the shipped gold, which those labels point into)."""
    if second is None or not second.is_file():
        return None
    return _scores([(item, other.positions) for item, other in _labelled_again(items, second)], ids)


def _labelled_again(items: Sequence[GoldItem], path: Path) -> list[tuple[GoldItem, GoldItem]]:
    """The sentences of ``items`` that ``path`` (gold lines of another labelling) labels, each beside its
    other label; a line of ``path`` that is not one of ``items`` (by place and SHA-1) is an error."""
    by_place = {(i.corpus, i.doc, i.start, i.end): i for i in items}
    pairs = []
    for other in load_gold(path):
        item = by_place.get((other.corpus, other.doc, other.start, other.end))
        if item is None or item.sha1 != other.sha1:
            raise ConfigError(f"{path}:{other.line}: not a sentence of the gold")
        pairs.append((item, other))
    return pairs


def _confusion(
    predictions: list[tuple[GoldItem, tuple[str, ...]]], taxonomy: Taxonomy
) -> tuple[tuple[str, str, int], ...]:
    """How many sentences of each gold position were given one of its counter-positions instead."""
    counts: dict[tuple[str, str], int] = {}
    for item, found in predictions:
        for position in item.positions:
            for counter in taxonomy.get(position).counter:
                if counter in found and counter not in item.positions:
                    counts[(position, counter)] = counts.get((position, counter), 0) + 1
    return tuple((g, c, n) for (g, c), n in sorted(counts.items()))


def _scores(predictions: list[tuple[GoldItem, tuple[str, ...]]], ids: tuple[str, ...]) -> Scores:
    rows = []
    for position in ids:
        gold = sum(position in item.positions for item, _ in predictions)
        predicted = sum(position in found for _, found in predictions)
        correct = sum(position in item.positions and position in found for item, found in predictions)
        rows.append(PositionScore(position, gold, predicted, correct))
    micro = PositionScore(
        "micro",
        gold=sum(r.gold for r in rows),
        predicted=sum(r.predicted for r in rows),
        correct=sum(r.correct for r in rows),
    )
    exact = sum(set(item.positions) == set(found) for item, found in predictions)
    return Scores(len(predictions), micro, tuple(rows), exact)
