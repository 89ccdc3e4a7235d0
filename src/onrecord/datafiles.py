"""The packaged data files (lexicons, rules, calendars, taxonomies) under ``onrecord/data``, read and
checked to parse."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from typing import Any

from onrecord.errors import ConfigError


def read_text(name: str) -> str:
    """One data file's text; a missing one is a broken installation, said so."""
    try:
        return resources.files("onrecord").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"data file {name} is missing from onrecord/data (a broken installation)") from None


def read_json(name: str) -> dict[str, Any]:
    """One JSON data file, checked to hold an object."""
    try:
        data = json.loads(read_text(name))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"data file {name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"data file {name} must hold a JSON object, found {type(data).__name__}")
    return data


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """A TOML data file's text parsed; ``name`` is the file as messages name it."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name} is not valid TOML: {exc}") from None
