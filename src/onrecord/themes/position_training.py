"""Training the position model on the gold's training part (never its test split).

The recipe, chosen by cross-validation on the training part alone (folds keep a document's sentences
together):

1. Features: TF-IDF words, word pairs and character n-grams (``TextFeaturizer``, terms found in two or
   more training sentences) beside the static MiniLM sentence vector, scaled by ``dense_scale``.
2. One logistic regression per position (balanced class weights, ``C``), the positions independent.
3. Out-of-fold raw scores give each position its logistic calibration, then its threshold: the one that
   maximises F-beta (``beta`` < 1 leans to precision) on the calibrated out-of-fold probabilities; and a
   second threshold for the model beside the rules (``both``): the one whose additions to the rules'
   positions give the best F-beta; and a veto, the probability under which the rules' finding of the
   position is dropped (0 where overruling the rules never helped).
4. The regressions are fitted again on every training sentence. The TF-IDF vocabulary is always the
   ``max_terms`` commonest terms (in every fold as in the final fit), so that the shipped model stays
   small and a sentence's row is scaled the same way in training and in use.

Deterministic: the same gold and word vectors give the same model.

Tried by five-fold cross-validation on the training part (micro-F1 at each position's best threshold, so
optimistic): MiniLM's own sentence embeddings (torch at run time) 0.607, the static distillation alone
0.604, TF-IDF alone 0.729, TF-IDF and the static vectors 0.731; added to the rules' positions: 0.771,
0.763, 0.793, 0.794. Full MiniLM embedded the 1,986 gold sentences in 169 s on this machine's CPU, far
over the positions step's budget of 15% of ingest time; the static vectors cost a dictionary look-up.

Tried in 2026-12 with batch 4 of the gold, scored on batch 3's training part by document folds (the
test split untouched): ``beta`` 0.5 against 0.8, both F1 0.713 against 0.697 (precision 0.688 against
0.621); 30,000 terms against 8,000, 0.75 against 0.70 (global thresholds); MiniLM fine-tuned end to end
(torch, 4 epochs, one fold) no better than TF-IDF beside the rules (0.726 against 0.726 at their best
thresholds), at ten minutes a fold on this machine, so not pursued.

Tried later in 2026-12, by five document-grouped folds over the whole training part (the test split
untouched): MiniLM's own sentence embeddings (torch) stacked beside TF-IDF and the static vectors, both
F1 0.700 against 0.704 at F-beta 1 thresholds and 0.683 against 0.690 at F-beta 0.5, at 25 ms a sentence
on one core (about 40% of the Wikinews ingest's time, over the positions step's budget of 15%); and a
second stage over the proposals of ``both`` (a regression on the sentence's words, the position, the
model's probability and whether a rule fired, learnt from out-of-fold proposals), which traded recall
for precision with F1 unchanged (0.683 against 0.685 at its best). Neither is pursued: recall, not
precision, is what the model lacks, and neither finds more.

Run it (from the repository root) to rebuild the shipped model::

    python -m onrecord.themes.position_training --shared ../shared --output src/onrecord/data/positions_model
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold

from onrecord.errors import ConfigError
from onrecord.themes.position_features import StaticEmbedder
from onrecord.themes.position_gold import TEST_SPLIT, SharedTexts, load_gold
from onrecord.themes.position_model import PositionModel, calibrate
from onrecord.themes.positions import PositionClassifier, load_taxonomy
from onrecord.themes.topic_features import SparseRows, TextFeaturizer

Matrix = npt.NDArray[np.float64]
_VETOES = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)  # the veto probabilities tried (see ``_best_veto``)
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class TrainingOptions:
    """The knobs of the recipe; recorded in the model's metadata."""

    c: float = 4.0
    min_df: int = 2
    max_terms: int = 30_000
    dense_scale: float = 0.5
    folds: int = 5
    beta: float = 0.5
    seed: int = 0


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    positions: frozenset[str]
    document: str = ""  # sentences of one document stay in one fold of the cross-validation


def training_sentences(shared_dir: Path, gold_path: Path | None = None) -> list[LabelledSentence]:
    """The gold's sentences outside the test split, with their positions (texts read from ``shared_dir``)."""
    items = [item for item in load_gold(gold_path) if item.split != TEST_SPLIT]
    texts = SharedTexts(shared_dir).resolve(items)
    return [
        LabelledSentence(
            texts[(i.corpus, i.doc)][i.start : i.end], frozenset(i.positions), f"{i.corpus}/{i.doc}"
        )
        for i in items
    ]


def fit_position_model(
    sentences: Sequence[LabelledSentence],
    embedder: StaticEmbedder,
    ids: Sequence[str] | None = None,
    options: TrainingOptions | None = None,
    progress: Progress | None = None,
) -> PositionModel:
    """A position model trained on ``sentences`` (see the module's recipe)."""
    options = options or TrainingOptions()
    ids = tuple(ids if ids is not None else load_taxonomy().ids)
    say = progress or (lambda _: None)
    if not sentences:
        raise ConfigError("no training sentences")
    texts = [s.text for s in sentences]
    labels = np.array([[p in s.positions for p in ids] for s in sentences], dtype=np.int64)
    missing = [p for p, n in zip(ids, labels.sum(axis=0), strict=True) if n < options.folds]
    if missing:
        raise ConfigError(f"too few training sentences for positions {missing} (need {options.folds} each)")
    dense = embedder.embed(texts) * options.dense_scale

    say("cross-validating")
    raw = np.zeros(labels.shape)
    for train, held in _folds(sentences, options):
        featurizer = _featurizer([texts[i] for i in train], options)
        x_train = _stack(featurizer.transform(texts[i] for i in train), dense[train])
        x_held = _stack(featurizer.transform(texts[i] for i in held), dense[held])
        for j in range(len(ids)):
            raw[held, j] = _regression(options).fit(x_train, labels[train, j]).decision_function(x_held)

    say("calibrating")
    rules = PositionClassifier()
    by_rules = np.array([[p in {f.id for f in rules.classify(t)} for p in ids] for t in texts])
    slope, offset = np.zeros(len(ids)), np.zeros(len(ids))
    threshold, with_rules, veto = np.zeros(len(ids)), np.zeros(len(ids)), np.zeros(len(ids))
    for j in range(len(ids)):
        slope[j], offset[j] = _platt(raw[:, j], labels[:, j])
        probabilities = calibrate(raw[:, j], slope[j : j + 1], offset[j : j + 1])
        threshold[j] = _best_threshold(probabilities, labels[:, j], options.beta)
        with_rules[j] = _best_threshold(probabilities, labels[:, j], options.beta, by_rules[:, j])
        veto[j] = _best_veto(probabilities, labels[:, j], options.beta, by_rules[:, j], with_rules[j])

    say("fitting on every training sentence")
    featurizer = _featurizer(texts, options)
    x = _stack(featurizer.transform(texts), dense)
    n_terms = len(featurizer.terms)
    weights = np.zeros((x.shape[1], len(ids)))
    bias = np.zeros(len(ids))
    for j in range(len(ids)):
        regression = _regression(options).fit(x, labels[:, j])
        weights[:, j], bias[j] = regression.coef_[0], regression.intercept_[0]
    metadata = {
        "options": asdict(options),
        "sentences": len(sentences),
        "positives": {p: int(n) for p, n in zip(ids, labels.sum(axis=0), strict=True)},
    }
    return PositionModel(
        ids=ids,
        featurizer=featurizer,
        embedder=embedder,
        weights=weights[:n_terms],
        dense_weights=weights[n_terms:] * options.dense_scale,
        bias=bias,
        slope=slope,
        offset=offset,
        threshold=threshold,
        threshold_with_rules=with_rules,
        veto=veto,
        metadata=metadata,
    )


def _folds(
    sentences: Sequence[LabelledSentence], options: TrainingOptions
) -> list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]]:
    """Cross-validation folds; a document's sentences are kept together when documents are known, so that
    neighbouring sentences of one speech do not make the held-out scores look better than they are."""
    if all(s.document for s in sentences):
        groups = [s.document for s in sentences]
        return list(GroupKFold(options.folds).split(sentences, groups=groups))
    return list(KFold(options.folds, shuffle=True, random_state=options.seed).split(sentences))


def _featurizer(texts: Sequence[str], options: TrainingOptions) -> TextFeaturizer:
    """The vocabulary of ``texts``: terms in ``min_df`` texts or more, the ``max_terms`` commonest of them
    (the same choice in every fold and in the final fit, so that rows are scaled alike)."""
    fitted = TextFeaturizer.fit(texts, min_df=options.min_df)
    commonest = np.argsort(fitted.idf, kind="stable")[: options.max_terms]
    return fitted.select(commonest)


def _regression(options: TrainingOptions) -> LogisticRegression:
    return LogisticRegression(
        C=options.c, class_weight="balanced", solver="liblinear", random_state=options.seed
    )


def _stack(rows: SparseRows, dense: Matrix) -> sp.csr_matrix:
    sparse = sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=(len(rows), rows.width))
    return sp.hstack([sparse, sp.csr_matrix(dense)], format="csr")


def _platt(raw: Matrix, truth: npt.NDArray[np.int64]) -> tuple[float, float]:
    """Slope and offset of the logistic curve that best turns ``raw`` into the probability of ``truth``."""
    fit = LogisticRegression(C=100.0).fit(raw.reshape(-1, 1), truth)
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


def _best_threshold(
    probabilities: Matrix,
    truth: npt.NDArray[np.int64],
    beta: float,
    given: npt.NDArray[np.bool_] | None = None,
) -> float:
    """The threshold with the best F-beta, for the model alone or added to what is ``given`` already."""
    best, chosen = -1.0, 0.5
    for threshold in np.round(np.arange(0.1, 0.99, 0.02), 2):
        predicted = probabilities >= threshold
        if given is not None:
            predicted = predicted | given
        score = _f_beta(predicted, truth, beta)
        if score > best:
            best, chosen = score, float(threshold)
    return chosen


def _best_veto(
    probabilities: Matrix,
    truth: npt.NDArray[np.int64],
    beta: float,
    by_rules: npt.NDArray[np.bool_],
    with_rules: float,
) -> float:
    """The probability under which the rules' finding is dropped, with the best F-beta of what ``both``
    gives (0: the rules are never overruled); small values only, so that the model overrules the rules
    only where it is confident they are wrong."""
    best, chosen = -1.0, 0.0
    for veto in _VETOES:
        predicted = (by_rules & (probabilities >= veto)) | (probabilities >= with_rules)
        score = _f_beta(predicted, truth, beta)
        if score > best + 1e-9:
            best, chosen = score, float(veto)
    return chosen


def _f_beta(predicted: npt.NDArray[np.bool_], truth: npt.NDArray[np.int64], beta: float) -> float:
    tp = int((predicted & (truth == 1)).sum())
    fp = int((predicted & (truth == 0)).sum())
    fn = int((~predicted & (truth == 1)).sum())
    b2 = beta * beta
    return (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the position model on the gold's training part.")
    parser.add_argument("--shared", type=Path, required=True, help="the shared folder the gold points into")
    parser.add_argument("--output", type=Path, required=True, help="folder to write the model to")
    parser.add_argument("--vectors", type=Path, help="word vectors (default: those of the shipped model)")
    args = parser.parse_args(argv)
    embedder = PositionModel.load(args.vectors).embedder if args.vectors else PositionModel.default().embedder
    model = fit_position_model(
        training_sentences(args.shared), embedder, progress=lambda s: print(s, file=sys.stderr)
    )
    model.save(args.output)
    print(f"model written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
