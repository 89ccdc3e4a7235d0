"""Trained models saved as a pair of files: a JSON description and numpy arrays (``.npz``).

    meta, arrays = read_pair(meta_path, arrays_path, where="...", kind="topic", form="onrecord.topics.v1")
    with packaged(("data", "topics"), "topics.json", "topics.npz") as (meta_path, arrays_path): ...

A missing, unreadable or foreign file is a ``ModelError`` that says which model and where.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.errors import ModelError


def read_pair(meta_path: Path, arrays_path: Path, *, where: str, kind: str, form: str) -> tuple[Any, Any]:
    """The description (a dict) and the arrays (an open ``NpzFile``: use it in a ``with``) of a model."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        arrays = np.load(arrays_path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise ModelError(f"no usable {kind} model in {where}: {exc}") from exc
    if meta.get("format") != form:
        arrays.close()
        raise ModelError(f"{where}: {kind} model format {meta.get('format')!r}, expected {form!r}")
    return meta, arrays


@contextmanager
def packaged(folder: tuple[str, ...], meta: str, arrays: str) -> Iterator[tuple[Path, Path, str]]:
    """The paths of a model shipped inside the onrecord package, and how to name where it is."""
    base = resources.files("onrecord").joinpath(*folder)
    with (
        resources.as_file(base.joinpath(meta)) as meta_path,
        resources.as_file(base.joinpath(arrays)) as arrays_path,
    ):
        yield meta_path, arrays_path, "onrecord/" + "/".join(folder)
