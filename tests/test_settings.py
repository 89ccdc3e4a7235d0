"""Settings: precedence, validation, and the README's table kept in step with the declarations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord.errors import ConfigError
from onrecord.settings import SETTINGS, Settings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_then_environment_then_options() -> None:
    assert Settings.load(env={}).db == Path("onrecord.db")
    assert Settings.load(env={"ONRECORD_DB": "/tmp/x.db"}).db == Path("/tmp/x.db")
    assert Settings.load(env={"ONRECORD_DB": "/tmp/x.db"}, db=Path("y.db")).db == Path("y.db")
    assert Settings.load(env={"ONRECORD_NLP_BATCH_SIZE": "4"}).nlp_batch_size == 4


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ONRECORD_MAX_DOCUMENT_BYTES": "lots"}, "ONRECORD_MAX_DOCUMENT_BYTES: expected a whole number"),
        ({"ONRECORD_NLP_BATCH_SIZE": "0"}, "expected a number above 0"),
    ],
)
def test_bad_values_say_what_is_wrong(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(env=env)


def test_unknown_settings_are_refused() -> None:
    with pytest.raises(ConfigError, match="unknown settings"):
        Settings.load(env={}, colour="blue")


def test_readme_documents_every_setting_as_declared() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): (m.group(2), m.group(3), m.group(4).strip())
        for m in re.finditer(r"^\| `(\w+)` \| `(\w+)` \| `([^`]*)` \| (.+) \|$", readme, re.M)
    }
    for s in SETTINGS:
        assert s.name in rows, f"setting {s.name} is missing from the README's settings table"
        env, default, help_text = rows[s.name]
        assert (env, default, help_text) == (s.env, str(s.default), s.help)
