"""The positions a statement takes, by the rules, the learned model, or both.

    finder = PositionFinder("both")
    for position in finder.classify(article.text, content.start, content.end):
        position.id, position.score, position.evidence, position.source   # "rule" or "model"

- ``rules``: the taxonomy's phrasings (``positions.PositionClassifier``): precise, with the matched
  phrase as evidence.
- ``model``: the learned model (``position_model.PositionModel``) reads the statement sentence by
  sentence; a position is given when a sentence's calibrated probability reaches the position's
  threshold, and its evidence is the clause of that sentence that scores highest for it.
- ``both``: every position the rules give, and the model's others (at thresholds tuned for adding to
  the rules, so higher than the model's own where the rules already find most); a rule's position is
  dropped when the model gives every sentence of the statement less than the position's ``veto``
  probability (learnt where the rules' phrase serves another subject, "Christian Solidarity
  Worldwide"). The rules' reading of stance direction is kept either way: a position the statement
  argues against (an ``against`` phrasing of the taxonomy, or a negated cue, outweighing the support)
  is never given, whichever side proposed it.

The model is loaded once per process (``default_model``) and statements are read in batches
(``classify_many``), so that ingest pays for one featurisation per sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from onrecord.errors import ConfigError
from onrecord.models import MODEL, Position, Span
from onrecord.text import hard_wrapped
from onrecord.text.reading import clause_spans, sentence_spans
from onrecord.themes.position_model import PositionModel
from onrecord.themes.positions import PositionClassifier, Taxonomy

METHODS = ("rules", "model", "both")

Target = tuple[str, int, int]  # a text and the span of it to classify
_Reading = tuple[tuple[Position, ...], dict[str, float]]  # the model's positions, its best probabilities
_NO_READING: _Reading = ((), {})


@cache
def default_model() -> PositionModel:
    """The shipped position model, loaded once per process."""
    return PositionModel.default()


class PositionFinder:
    """Gives each statement the positions it takes, by ``method`` (one of ``METHODS``)."""

    def __init__(
        self,
        method: str = "both",
        rules: PositionClassifier | None = None,
        model: PositionModel | None = None,
    ) -> None:
        if method not in METHODS:
            raise ConfigError(f"position method {method!r} is not one of {METHODS}")
        self.method = method
        self.rules = rules if rules is not None else PositionClassifier()
        self.model = model if model is not None or method == "rules" else default_model()
        vetoes = () if self.model is None else zip(self.model.ids, self.model.veto.tolist(), strict=True)
        self._veto: dict[str, float] = dict(vetoes)  # the model's veto probability by position
        if self.model is not None:
            unknown = set(self.model.ids) - set(self.rules.taxonomy.ids)
            if unknown:
                raise ConfigError(f"the position model knows positions the taxonomy lacks: {sorted(unknown)}")

    @property
    def taxonomy(self) -> Taxonomy:
        return self.rules.taxonomy

    def classify(self, text: str, start: int = 0, end: int | None = None) -> tuple[Position, ...]:
        """Positions that ``text[start:end]`` takes, strongest first; evidence offsets index ``text``."""
        return self.classify_many([(text, start, len(text) if end is None else end)])[0]

    def classify_many(self, targets: Sequence[Target]) -> list[tuple[Position, ...]]:
        """The positions of each ``(text, start, end)``, in order (the model reads them all in one batch)."""
        for text, start, end in targets:
            if not 0 <= start <= end <= len(text):
                raise ValueError(f"span {start}..{end} does not lie within a text of {len(text)} characters")
        by_rules = [self.rules.classify(*t) if self.method != "model" else () for t in targets]
        by_model = self._model_reading(targets) if self.method != "rules" else [_NO_READING for _ in targets]
        results = []
        for target, ruled, (learned, strongest) in zip(targets, by_rules, by_model, strict=True):
            found = {p.id: p for p in ruled if self._upheld(p.id, strongest)}
            for position in learned:
                found.setdefault(position.id, position)
            if learned and found:
                opposed = self.rules.opposed(*target)
                found = {k: p for k, p in found.items() if k not in opposed}
            results.append(tuple(sorted(found.values(), key=lambda p: (-p.score, p.evidence.start, p.id))))
        return results

    def _upheld(self, position: str, strongest: dict[str, float]) -> bool:
        """Whether the rules' finding of ``position`` stands: always, unless the model read the statement
        (``both``) and gave each of its sentences less than the position's veto probability."""
        if self.method != "both" or self.model is None or position not in strongest:
            return True
        return strongest[position] >= self._veto[position]

    def _model_reading(self, targets: Sequence[Target]) -> list[_Reading]:
        """For each target, the model's positions and its highest probability of each position over the
        target's sentences."""
        assert self.model is not None
        wrapped: dict[int, bool] = {}  # by text: hard wrapping is judged on the whole document, once
        for text, _, _ in targets:
            if id(text) not in wrapped:
                wrapped[id(text)] = hard_wrapped(text)
        sentences = [
            [(t, s, e) for s, e in sentence_spans(t, start, end, wrapped[id(t)])] for t, start, end in targets
        ]
        flat = [piece for pieces in sentences for piece in pieces]
        probabilities = self.model.probabilities([t[s:e] for t, s, e in flat])
        thresholds = self.model.threshold_with_rules if self.method == "both" else self.model.threshold
        results: list[_Reading] = []
        row = 0
        for pieces in sentences:
            block = probabilities[row : row + len(pieces)]
            row += len(pieces)
            if not len(pieces):
                results.append(_NO_READING)
                continue
            found = []
            for j in np.flatnonzero((block >= thresholds).any(axis=0)):
                best = int(np.argmax(block[:, j]))
                text, start, end = pieces[best]
                evidence = self._evidence(text, start, end, int(j))
                found.append(Position(self.model.ids[j], round(float(block[best, j]), 4), evidence, MODEL))
            strongest = dict(zip(self.model.ids, block.max(axis=0).tolist(), strict=True))
            results.append((tuple(found), strongest))
        return results

    def _evidence(self, text: str, start: int, end: int, position: int) -> Span:
        """The clause of the sentence ``text[start:end]`` that scores highest for ``position``."""
        assert self.model is not None
        clauses = clause_spans(text, start, end)
        if len(clauses) == 1:
            return Span.of(text, *clauses[0])
        scores = self.model.raw_scores([text[s:e] for s, e in clauses])[:, position]
        return Span.of(text, *clauses[int(np.argmax(scores))])
