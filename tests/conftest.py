"""Shared fixtures: the evaluation data folder and a fresh store.

Data-backed tests read ``../shared`` (or ``ONRECORD_SHARED``). Where it is missing they skip on a
developer's machine, but fail when ``ONRECORD_REQUIRE_DATA=1`` (as ``.ci/run`` sets it), so CI can
never pass by skipping the measurements.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    given = os.environ.get("ONRECORD_SHARED")
    return Path(given).resolve() if given else (ROOT.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder (seeds/, data/, checks/); skips or fails where it is missing."""
    path = _shared_dir()
    if not (path / "data").is_dir():
        message = f"shared data not found at {path} (set ONRECORD_SHARED)"
        if os.environ.get("ONRECORD_REQUIRE_DATA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite store in the test's own folder."""
    return tmp_path / "onrecord.db"
