"""Text features for the topic classifier: TF-IDF over words, word pairs and character n-grams.

One implementation serves training and prediction, in plain Python and numpy, so that a shipped model
needs neither scikit-learn nor pickles: the vocabulary is a list of strings, the weights ``.npz`` arrays.

Two blocks, each weighted ``1 + log(tf)`` times a smoothed idf and scaled to unit length (as
scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` does):

- words: lower-cased runs of two or more word characters, and each pair of neighbouring words;
- characters: n-grams of 2 to 5 characters inside each space-padded word (scikit-learn's ``char_wb``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

WORD = re.compile(r"(?u)\b\w\w+\b")
CHAR_SIZES = (2, 3, 4, 5)
WORD_PREFIX = "w "  # vocabulary keys of the word block: "w <word>" or "w <word> <word>"
CHAR_PREFIX = "c "  # of the character block: "c <n-gram>"


def word_terms(text: str) -> Iterator[str]:
    """Words and neighbouring word pairs of ``text``, lower-cased, as vocabulary keys."""
    words = WORD.findall(text.lower())
    for word in words:
        yield WORD_PREFIX + word
    for first, second in itertools.pairwise(words):
        yield f"{WORD_PREFIX}{first} {second}"


def word_char_terms(word: str) -> list[str]:
    """Character n-grams of one lower-cased word, padded with a space each side, as vocabulary keys."""
    padded = f" {word} "
    return [
        CHAR_PREFIX + padded[start : start + size]
        for size in CHAR_SIZES
        for start in range(len(padded) - size + 1)
    ]


def char_terms(text: str) -> Iterator[str]:
    """Character n-grams of each space-padded, lower-cased word of ``text``, as vocabulary keys."""
    for word in text.lower().split():
        yield from word_char_terms(word)


@dataclass(frozen=True, slots=True)
class SparseRows:
    """Rows of a sparse matrix in CSR form: row ``i`` is ``indices/data[indptr[i]:indptr[i+1]]``."""

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int64]
    data: npt.NDArray[np.float64]
    width: int

    def __len__(self) -> int:
        return len(self.indptr) - 1


@dataclass(frozen=True, slots=True)
class TextFeaturizer:
    """A fitted vocabulary (``terms``, keys as made by the ``*_terms`` functions) and its idf weights."""

    terms: tuple[str, ...]
    idf: npt.NDArray[np.float64]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)
    _idf: list[float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.terms) != len(self.idf):
            raise ValueError(f"{len(self.terms)} terms but {len(self.idf)} idf weights")
        object.__setattr__(self, "_index", {term: i for i, term in enumerate(self.terms)})
        object.__setattr__(self, "_idf", [float(value) for value in self.idf])

    @classmethod
    def fit(cls, texts: Sequence[str], *, min_df: int = 2) -> TextFeaturizer:
        """The vocabulary of every term found in at least ``min_df`` of ``texts``, in sorted order."""
        document_frequency: Counter[str] = Counter()
        char_cache: dict[str, list[str]] = {}
        for text in texts:
            found = set(word_terms(text))
            for word in set(text.lower().split()):
                grams = char_cache.get(word)
                if grams is None:
                    grams = char_cache[word] = word_char_terms(word)
                found.update(grams)
            document_frequency.update(found)
        terms = sorted(term for term, df in document_frequency.items() if df >= min_df)
        frequencies = np.array([document_frequency[term] for term in terms], dtype=np.float64)
        idf = np.log((1.0 + len(texts)) / (1.0 + frequencies)) + 1.0
        return cls(tuple(terms), idf)

    def select(self, keep: Iterable[int]) -> TextFeaturizer:
        """The same featurizer restricted to the terms at positions ``keep`` (order kept)."""
        positions = sorted(set(keep))
        return TextFeaturizer(tuple(self.terms[i] for i in positions), self.idf[positions])

    def transform(self, texts: Iterable[str]) -> SparseRows:
        """TF-IDF rows for ``texts``; terms outside the vocabulary are ignored."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        char_cache: dict[str, list[int]] = {}
        for text in texts:
            words = Counter(i for i in map(self._index.get, word_terms(text)) if i is not None)
            chars: Counter[int] = Counter()
            for word in text.lower().split():
                known = char_cache.get(word)
                if known is None:
                    grams = map(self._index.get, word_char_terms(word))
                    known = char_cache[word] = [i for i in grams if i is not None]
                chars.update(known)
            for counts in (words, chars):
                if not counts:
                    continue
                columns = sorted(counts)
                values = [(1.0 + math.log(counts[c])) * self._idf[c] for c in columns]
                norm = math.sqrt(sum(v * v for v in values))
                indices.extend(columns)
                data.extend(v / norm for v in values)
            indptr.append(len(indices))
        return SparseRows(
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(data, dtype=np.float64),
            len(self.terms),
        )


def linear_scores(
    rows: SparseRows, weights: npt.NDArray[np.floating], bias: npt.NDArray[np.floating]
) -> npt.NDArray[np.float64]:
    """``rows @ weights + bias`` with numpy alone: one row of label scores per input row."""
    out = np.tile(bias.astype(np.float64), (len(rows), 1))
    for i in range(len(rows)):
        start, end = rows.indptr[i], rows.indptr[i + 1]
        if start < end:
            out[i] += rows.data[start:end] @ weights[rows.indices[start:end]].astype(np.float64)
    return out
