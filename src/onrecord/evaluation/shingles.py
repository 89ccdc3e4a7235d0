"""Body-text agreement on 4-token shingles, the metric of the article-extraction benchmarks.

A text is cut into word tokens (``\\w+``, case kept) and every run of four consecutive tokens is a shingle
(a text of fewer tokens is one shorter shingle), counted with repeats. On one page, true positives are
the shingles both texts have (the smaller count of each), false positives those only the extraction
has, false negatives those only the reference has; the three are divided by their sum, so that a long
page weighs no more than a short one. Over pages, precision is the mean of the pages' precisions
(pages where the extraction has shingles), recall the mean of their recalls (pages where either has
shingles), and F1 their harmonic mean. A page where both texts agree exactly scores 1 on both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Overlap:
    """One page's true positives, false positives and false negatives, as shares of their sum."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


@dataclass(frozen=True, slots=True)
class BodyScore:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return (
            f"F1 {self.f1:.3f} (precision {self.precision:.3f}, recall {self.recall:.3f}, {self.pages} pages)"
        )


def shingles(text: str, n: int = SHINGLE_TOKENS) -> Counter[tuple[str, ...]]:
    """The ``n``-token shingles of ``text`` with their counts."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def overlap(reference: str, extracted: str) -> Overlap:
    """How the shingles of ``extracted`` agree with those of ``reference`` on one page."""
    want, got = shingles(reference), shingles(extracted)
    tp = float(sum((want & got).values()))
    fp = float(sum((got - want).values()))
    fn = float(sum((want - got).values()))
    total = tp + fp + fn
    return Overlap(tp / total, fp / total, fn / total) if total else Overlap(0.0, 0.0, 0.0)


def body_score(pages: Sequence[Overlap]) -> BodyScore:
    """Precision and recall averaged over ``pages`` (see the module's docstring), and their F1."""
    precisions = [page.precision for page in pages if page.tp + page.fp > 0]
    recalls = [page.recall for page in pages if page.tp + page.fn > 0]
    return BodyScore(
        precision=sum(precisions) / len(precisions) if precisions else 0.0,
        recall=sum(recalls) / len(recalls) if recalls else 0.0,
        pages=len(pages),
    )
