"""``onrecord eval ...``: quality measured against reference data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onrecord.cli.common import console, eval_app, settings_for
from onrecord.errors import ConfigError


def shared_path(given: Path | None, *parts: str) -> Path:
    """An evaluation folder: as given, else under the ``shared`` setting; a clear error when missing."""
    path = given if given is not None else settings_for().shared.joinpath(*parts)
    if not path.exists():
        raise ConfigError(f"{path} does not exist: pass the folder explicitly or set ONRECORD_SHARED")
    return path


@eval_app.command("extraction")
def eval_extraction(
    readability: Annotated[
        Path | None,
        typer.Option(
            help="Folder of pages (each: source.html + expected-metadata.json).", show_default=False
        ),
    ] = None,
) -> None:
    """Title, date, byline and language accuracy of HTML extraction against reference metadata.

    Example: onrecord eval extraction --readability ../shared/data/extraction/readability
    """
    from onrecord.evaluation.extraction import evaluate_extraction

    report = evaluate_extraction(shared_path(readability, "data", "extraction", "readability"))
    for line in report.lines():
        console.print(line, highlight=False)
