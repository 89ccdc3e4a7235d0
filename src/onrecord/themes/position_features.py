"""A static distillation of MiniLM sentence embeddings, usable with numpy alone.

Each word of a fixed vocabulary was embedded once by ``all-MiniLM-L6-v2`` (as a one-word sentence, see
``position_distill``), the vectors centred, reduced by PCA and quantised to int8. A sentence's vector is
the frequency-weighted sum of its known words' vectors (rare words weigh more: ``a / (a + p(word))``),
scaled to unit length. It is a rough stand-in for the transformer's own sentence vector, at a
thousandth of the cost and without torch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

WORD = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True, slots=True)
class StaticEmbedder:
    """Word vectors (``vectors * scale``, one row per word of ``words``) and each word's weight."""

    words: tuple[str, ...]
    vectors: npt.NDArray[np.int8]
    scale: float
    weights: npt.NDArray[np.float64]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)
    _table: npt.NDArray[np.float64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.vectors.ndim != 2 or self.vectors.shape[0] != len(self.words):
            raise ValueError(f"{len(self.words)} words but vectors of shape {self.vectors.shape}")
        if self.weights.shape != (len(self.words),):
            raise ValueError(f"{len(self.words)} words but {self.weights.shape} weights")
        object.__setattr__(self, "_index", {word: i for i, word in enumerate(self.words)})
        table: Any = self.vectors.astype(np.float64) * self.scale * self.weights[:, None]
        object.__setattr__(self, "_table", table)

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """One unit-length row per text (zeros for a text with no known word)."""
        out = np.zeros((len(texts), self.dimensions))
        for row, text in enumerate(texts):
            known = [i for i in map(self._index.get, WORD.findall(text.lower())) if i is not None]
            if not known:
                continue
            vector = self._table[known].sum(axis=0)
            norm = float(np.linalg.norm(vector))
            out[row] = vector / norm if norm else vector
        return out
