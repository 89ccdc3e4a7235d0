"""Training the topic model (and the reference baseline) on UPR Info's labelled recommendations.

The recipe, chosen on sessions 1-8 scored on 9-10 (never on the sessions used to report quality):

1. Hold out the newest sessions (about a fifth of the rows), train on the rest: a linear SVM per label
   (``LinearSVC``, squared hinge) over TF-IDF words, word pairs and character n-grams.
2. Keep the ``max_terms`` terms with the largest weight for any label and train again on those alone.
3. On the held-out rows, fit each label's logistic calibration of the raw score, then its threshold
   (the F1-best threshold, pulled towards the best common one by ``shrink`` pseudo-positives), and the
   score at which the best label is still given to a text that no threshold admits.
4. Train steps 1-2 again on every row; keep the calibration and thresholds of step 3.

Everything is deterministic (fixed seeds, sorted vocabularies and labels).

Tried on 1-8 -> 9-10 (micro-F1): logistic regression 0.866-0.878 against LinearSVC 0.884; words alone
0.879, characters alone 0.876, both 0.885; C 0.5 and 1 alike; balanced class weights 0.883 (and twice
as slow); no refit after pruning 0.884; threshold shrink 20 / 200 / one common threshold: 0.8856 /
0.8861 / 0.8855 at 20,000 terms; with shrink 200: 12,000 terms 0.8882, 8,000 0.8850 (12,000 chosen).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from onrecord.errors import ConfigError
from onrecord.models import Topic
from onrecord.themes.topic_features import CHAR_PREFIX, SparseRows, TextFeaturizer
from onrecord.themes.topics import (
    FORMAT,
    Progress,
    Recommendation,
    TopicModel,
    TopicPredictor,
    calibrate,
    read_recommendations,
)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TrainingOptions:
    """The knobs of the recipe; recorded in the model's metadata."""

    c: float = 0.5  # LinearSVC regularisation (1/strength)
    min_df: int = 2  # a term must occur in this many training texts
    max_terms: int = 12_000  # terms kept after the first fit (by largest absolute weight)
    holdout_share: float = 0.2  # newest sessions held out to tune calibration and thresholds
    shrink: float = 200.0  # pseudo-positives pulling a label's threshold towards the common one
    min_positives: int = 5  # fewer held-out positives: the label uses the pooled calibration
    refit: bool = True  # train again on the kept terms (else keep the first weights of those terms)
    class_weight: str | None = None  # LinearSVC class_weight ("balanced" or None)


@dataclass(frozen=True, slots=True)
class LinearScorer:
    featurizer: TextFeaturizer
    weights: Matrix  # terms x labels
    bias: Matrix


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def label_matrix(rows: Sequence[Recommendation], labels: Sequence[str]) -> npt.NDArray[np.int8]:
    """Rows x labels, 1 where the row carries the label."""
    column = {label: j for j, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), dtype=np.int8)
    for i, row in enumerate(rows):
        for label in row.labels:
            if label in column:
                y[i, column[label]] = 1
    return y


def holdout_split(
    rows: Sequence[Recommendation], share: float
) -> tuple[list[Recommendation], list[Recommendation]]:
    """Rows of the older sessions and of the newest ones, the newest holding about ``share`` of rows.

    With a single session, every fifth row is held out instead.
    """
    sessions = sorted({row.session for row in rows}, reverse=True)
    held: set[int] = set()
    for session in sessions[:-1]:
        if sum(row.session in held for row in rows) >= share * len(rows):
            break
        held.add(session)
    if not held:
        step = max(2, round(1 / share))
        return (
            [r for i, r in enumerate(rows) if i % step != step - 1],
            [r for i, r in enumerate(rows) if i % step == step - 1],
        )
    return [r for r in rows if r.session not in held], [r for r in rows if r.session in held]


def _csr(rows: SparseRows) -> sp.csr_matrix:
    return sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=(len(rows), rows.width))


def _renormalise(x: sp.csr_matrix, is_char: npt.NDArray[np.bool_]) -> sp.csr_matrix:
    """Scale each block (words, characters) of each row back to unit length after columns were dropped."""
    entries = x.tocoo()
    squares = entries.data**2
    char_entry = is_char[entries.col]
    norms = {
        block: np.sqrt(
            np.bincount(entries.row[char_entry == block], squares[char_entry == block], x.shape[0])
        )
        for block in (True, False)
    }
    norm = np.where(char_entry, norms[True][entries.row], norms[False][entries.row])
    data = np.divide(entries.data, norm, out=np.zeros_like(entries.data), where=norm > 0)
    return sp.csr_matrix((data, (entries.row, entries.col)), shape=x.shape)


def _fit_columns(
    x: sp.csr_matrix, y: npt.NDArray[np.int8], options: TrainingOptions
) -> tuple[Matrix, Matrix]:
    weights = np.zeros((x.shape[1], y.shape[1]))
    bias = np.full(y.shape[1], -1.0)
    for j in range(y.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            svm = LinearSVC(C=options.c, class_weight=options.class_weight, random_state=0).fit(x, y[:, j])
            weights[:, j] = svm.coef_[0]
            bias[j] = svm.intercept_[0]
    return weights, bias


def fit_scorer(
    texts: Sequence[str], y: npt.NDArray[np.int8], options: TrainingOptions, progress: Progress | None = None
) -> LinearScorer:
    """Steps 1-2 of the recipe on ``texts`` labelled ``y``."""
    featurizer = TextFeaturizer.fit(texts, min_df=options.min_df)
    x = _csr(featurizer.transform(texts))
    _say(progress, f"{len(texts)} texts, {len(featurizer.terms)} terms: fitting {y.shape[1]} labels")
    weights, bias = _fit_columns(x, y, options)
    if len(featurizer.terms) <= options.max_terms:
        return LinearScorer(featurizer, weights, bias)
    strength = np.abs(weights).max(axis=1)
    keep = np.sort(np.argsort(-strength, kind="stable")[: options.max_terms])
    featurizer = featurizer.select(keep.tolist())
    if not options.refit:
        return LinearScorer(featurizer, weights[keep], bias)
    is_char = np.array([term.startswith(CHAR_PREFIX) for term in featurizer.terms])
    _say(progress, f"refitting on the {len(keep)} strongest terms")
    weights, bias = _fit_columns(_renormalise(x[:, keep], is_char), y, options)
    return LinearScorer(featurizer, weights, bias)


def _raw_scores(scorer: LinearScorer, texts: Sequence[str]) -> Matrix:
    x = _csr(scorer.featurizer.transform(texts))
    return np.asarray(x @ scorer.weights) + scorer.bias


def _platt(raw: npt.NDArray[np.float64], y: npt.NDArray[np.int8]) -> tuple[float, float]:
    model = LogisticRegression(C=1.0).fit(raw.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def fit_calibration(raw: Matrix, y: npt.NDArray[np.int8], options: TrainingOptions) -> tuple[Matrix, Matrix]:
    """Per-label logistic slope and offset; labels with few positives share a pooled fit."""
    pooled = _platt(raw.ravel(), y.ravel())
    fits = [
        _platt(raw[:, j], y[:, j]) if y[:, j].sum() >= options.min_positives else pooled
        for j in range(y.shape[1])
    ]
    return np.array([f[0] for f in fits]), np.array([f[1] for f in fits])


GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


def _f1(tp: npt.NDArray[np.int64], fp: npt.NDArray[np.int64], fn: npt.NDArray[np.int64]) -> Matrix:
    denominator = 2 * tp + fp + fn
    f1: Matrix = np.divide(2 * tp, denominator, out=np.zeros(tp.shape), where=denominator > 0)
    return f1


def fit_thresholds(scores: Matrix, y: npt.NDArray[np.int8], options: TrainingOptions) -> tuple[Matrix, float]:
    """Per-label thresholds (shrunk towards the best common one) and the best-label fallback score."""
    positive = y == 1
    above = scores[:, :, np.newaxis] >= GRID  # rows x labels x grid
    tp = (above & positive[:, :, np.newaxis]).sum(axis=0)
    fp = (above & ~positive[:, :, np.newaxis]).sum(axis=0)
    fn = positive.sum(axis=0)[:, np.newaxis] - tp
    common = GRID[int(np.argmax(_f1(tp.sum(axis=0), fp.sum(axis=0), fn.sum(axis=0))))]
    best = GRID[np.argmax(_f1(tp, fp, fn), axis=1)]
    count = positive.sum(axis=0)
    thresholds = (count * best + options.shrink * common) / (count + options.shrink)
    fallback = 1.0
    best_f1 = _micro_f1(scores >= thresholds, positive)
    for candidate in GRID:
        chosen = scores >= thresholds
        empty = ~chosen.any(axis=1)
        top = np.argmax(scores, axis=1)
        add = empty & (scores[np.arange(len(scores)), top] >= candidate)
        chosen[np.flatnonzero(add), top[add]] = True
        f1 = _micro_f1(chosen, positive)
        if f1 > best_f1:
            best_f1, fallback = f1, float(candidate)
    return thresholds, fallback


def _micro_f1(chosen: npt.NDArray[np.bool_], positive: npt.NDArray[np.bool_]) -> float:
    tp = int((chosen & positive).sum())
    fp = int((chosen & ~positive).sum())
    fn = int((~chosen & positive).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fit_topic_model(
    rows: Sequence[Recommendation],
    *,
    options: TrainingOptions | None = None,
    progress: Progress | None = None,
    source: str = "",
) -> TopicModel:
    """The whole recipe (see the module's docstring) on ``rows``."""
    options = options or TrainingOptions()
    labels = tuple(sorted({label for row in rows for label in row.labels}))
    fit_rows, held_rows = holdout_split(rows, options.holdout_share)
    _say(progress, f"tuning: training on {len(fit_rows)} rows, holding out {len(held_rows)}")
    first = fit_scorer([r.text for r in fit_rows], label_matrix(fit_rows, labels), options, progress)
    held_y = label_matrix(held_rows, labels)
    raw = _raw_scores(first, [r.text for r in held_rows])
    slope, offset = fit_calibration(raw, held_y, options)
    thresholds, fallback = fit_thresholds(calibrate(raw, slope, offset), held_y, options)
    _say(progress, f"final: training on all {len(rows)} rows")
    final = fit_scorer([r.text for r in rows], label_matrix(rows, labels), options, progress)
    metadata = {
        "format": FORMAT,
        "source": source,
        "sessions": sorted({row.session for row in rows}),
        "rows": len(rows),
        "tuned_on_sessions": sorted({row.session for row in held_rows}),
        "options": asdict(options),
    }
    return TopicModel(
        featurizer=final.featurizer,
        labels=labels,
        weights=final.weights.astype(np.float16),
        bias=final.bias,
        slope=slope,
        offset=offset,
        threshold=thresholds,
        fallback=fallback,
        metadata=metadata,
    )


@dataclass(frozen=True, slots=True)
class Baseline:
    """TF-IDF (words and pairs) with one-vs-rest logistic regression, labels scored >= ``threshold``."""

    vectorizer: TfidfVectorizer
    models: tuple[LogisticRegression | None, ...]
    labels: tuple[str, ...]
    threshold: float = 0.3

    def predict(self, texts: Sequence[str]) -> list[tuple[Topic, ...]]:
        x = self.vectorizer.transform(texts)
        scores = np.column_stack(
            [m.predict_proba(x)[:, 1] if m is not None else np.zeros(x.shape[0]) for m in self.models]
        )
        return [
            tuple(
                Topic(self.labels[j], float(row[j]))
                for j in sorted(np.flatnonzero(row >= self.threshold), key=lambda j: -row[j])
            )
            for row in scores
        ]


def fit_baseline(rows: Sequence[Recommendation]) -> Baseline:
    """The reference baseline trained on ``rows``."""
    labels = tuple(sorted({label for row in rows for label in row.labels}))
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    x = vectorizer.fit_transform([row.text for row in rows])
    y = label_matrix(rows, labels)
    models = tuple(
        LogisticRegression(max_iter=1000).fit(x, y[:, j]) if 0 < y[:, j].sum() < len(y) else None
        for j in range(len(labels))
    )
    return Baseline(vectorizer, models, labels)


def train_topics(
    csv_path: Path,
    sessions: set[int] | None = None,
    *,
    progress: Progress | None = None,
) -> TopicModel:
    """Train the topic model on the UPR Info CSV's rows of ``sessions`` (all when ``None``).

    Deterministic: the same rows give the same model. Needs scikit-learn.
    """
    rows = read_recommendations(csv_path, sessions)
    if not rows:
        raise ConfigError(f"{csv_path}: no rows in sessions {sorted(sessions or ())}")
    return fit_topic_model(rows, progress=progress, source=csv_path.name)


def train_baseline(csv_path: Path, sessions: set[int] | None = None) -> TopicPredictor:
    """The reference baseline (TF-IDF words and pairs, one-vs-rest logistic regression, threshold 0.3).

    Used only to measure the model against; needs scikit-learn.
    """
    rows = read_recommendations(csv_path, sessions)
    if not rows:
        raise ConfigError(f"{csv_path}: no rows in sessions {sorted(sessions or ())}")
    return fit_baseline(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m onrecord.themes.topic_training UPR.csv OUT_FOLDER [FIRST-LAST]``: train and save."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (2, 3):
        print(main.__doc__, file=sys.stderr)
        return 2
    sessions = None
    if len(args) == 3:
        first, _, last = args[2].partition("-")
        sessions = set(range(int(first), int(last or first) + 1))
    model = train_topics(Path(args[0]), sessions, progress=lambda message: print(message, file=sys.stderr))
    model.save(Path(args[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
