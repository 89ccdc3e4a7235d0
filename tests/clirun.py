"""Running the CLI in-process, as the CLI tests do."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.cli.common import console

runner = CliRunner()


def run(*args: str) -> str:
    """The command's output; it must succeed."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(autouse=True)
def wide_console() -> None:
    """Tables as a laptop's terminal shows them, not folded to the 80 columns of a captured stream."""
    console.width = 200
