"""The pipeline version sees the data files the stages read: editing one marks stored documents for
``onrecord reanalyse``; evaluation data and notes do not."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from onrecord.pipeline import Pipeline
from onrecord.process import pipeline_version, reading_stages
from onrecord.versions import data_fingerprint


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the packaged data folder."""
    copy = tmp_path / "data"
    shutil.copytree(str(resources.files("onrecord") / "data"), copy)
    return copy


def test_the_fingerprint_is_that_of_the_packaged_data(data: Path) -> None:
    assert data_fingerprint(data) == data_fingerprint()
    assert data_fingerprint() in pipeline_version(Pipeline(reading_stages()))


@pytest.mark.parametrize(
    "name", ["cues.json", "positions.toml", "furniture.toml", "text.json", "topics/topics.json"]
)
def test_editing_a_data_file_changes_the_version(data: Path, name: str) -> None:
    before = data_fingerprint(data)
    with (data / name).open("a", encoding="utf-8") as out:
        out.write("\n")
    assert data_fingerprint(data) != before


def test_renaming_or_adding_a_data_file_changes_the_version(data: Path) -> None:
    before = data_fingerprint(data)
    (data / "cues.json").rename(data / "cues-old.json")
    assert data_fingerprint(data) != before


@pytest.mark.parametrize("name", ["positions_gold.jsonl", "topics/README.md"])
def test_files_no_stage_reads_leave_the_version_alone(data: Path, name: str) -> None:
    before = data_fingerprint(data)
    with (data / name).open("a", encoding="utf-8") as out:
        out.write("\n")
    assert data_fingerprint(data) == before
