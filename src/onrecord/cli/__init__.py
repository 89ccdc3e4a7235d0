"""The ``onrecord`` command: thin Typer commands over the library.

Each command module registers its commands on ``app``; errors from the library become one clear line
on standard error and a non-zero exit (the only place errors are made friendly).
"""

from __future__ import annotations

import sys

from rich.markup import escape

from onrecord.cli import convert as _convert  # noqa: F401  (registers commands)
from onrecord.cli import documents as _documents  # noqa: F401
from onrecord.cli import evaluate as _evaluate  # noqa: F401
from onrecord.cli import export as _export  # noqa: F401
from onrecord.cli import search as _search  # noqa: F401
from onrecord.cli import serve as _serve  # noqa: F401
from onrecord.cli import spark as _spark  # noqa: F401
from onrecord.cli import statements as _statements  # noqa: F401
from onrecord.cli import themes as _themes  # noqa: F401
from onrecord.cli import timeline as _timeline  # noqa: F401
from onrecord.cli.common import app, console_err
from onrecord.errors import OnrecordError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except OnrecordError as exc:
        console_err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        console_err.print("interrupted: what was stored stays stored; run the command again to resume")
        sys.exit(130)
