"""What a stored analysis depends on besides the code: the data files the stages read (cues, lexicons,
calendars, the position taxonomy, the topic model...). Their fingerprint is part of the pipeline
version, so editing a data file or retraining the topic model marks every stored document for
``onrecord reanalyse``."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

# files under onrecord/data that no stage reads: evaluation data and notes for people
NOT_READ_BY_STAGES = frozenset(
    {
        "positions_gold.jsonl",
        "positions_second.jsonl",
        "positions_adjudicated.jsonl",
        "positions_test_adjudicated.jsonl",
        "positions_test_second.jsonl",
    }
)
_NOTES = (".md", ".txt")


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = prefix + entry.name
        if entry.is_dir():
            found += _files(entry, name + "/")
        elif entry.name not in NOT_READ_BY_STAGES and not entry.name.endswith(_NOTES):
            found.append((name, entry))
    return found


def data_fingerprint(folder: Traversable | None = None) -> str:
    """A short hash of every data file in ``folder`` (by default the packaged ``onrecord/data``) that
    the stages read: their names and their bytes."""
    if folder is None:
        return _packaged()
    digest = hashlib.sha256()
    for name, entry in sorted(_files(folder), key=lambda item: item[0]):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(entry.read_bytes()).digest())
    return digest.hexdigest()[:16]


@cache
def _packaged() -> str:
    return data_fingerprint(resources.files("onrecord") / "data")
