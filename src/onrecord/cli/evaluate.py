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
        console.print(line, highlight=False, markup=False)


@eval_app.command("positions")
def eval_positions(
    gold: Annotated[
        Path | None,
        typer.Option(help="Gold file (default: the project's hand-labelled gold).", show_default=False),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option(help="The shared folder the gold's texts are read from.", show_default=False),
    ] = None,
) -> None:
    """Precision, recall and F1 of positions on the hand-labelled gold (all, tuning part, holdout).

    Example: onrecord eval positions --shared ../shared
    """
    from onrecord.evaluation.positions import evaluate_positions

    report = evaluate_positions(shared_path(shared), gold)
    for line in report.lines():
        console.print(line, highlight=False, markup=False)
