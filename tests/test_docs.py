"""Docs that are tested: every CLI command is in the README's reference, with an example in its help."""

from __future__ import annotations

from pathlib import Path

import typer

from onrecord.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _commands(typer_app: typer.Typer, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for info in typer_app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        found.append((prefix + name, info.callback))
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        found += _commands(group.typer_instance, prefix + (group.name or "") + " ")
    return found


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _ in _commands(app):
        assert f"`onrecord {name}" in readme, f"`onrecord {name}` is not in the README's CLI reference"


def test_every_command_help_carries_an_example() -> None:
    for name, callback in _commands(app):
        doc = getattr(callback, "__doc__", "") or ""
        assert "Example: onrecord" in doc, f"the help of `onrecord {name}` has no example"
