"""``onrecord eval ...``: quality measured against reference data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from onrecord.cli.common import console, console_err, eval_app, settings_for
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
    reference: Annotated[
        Path | None,
        typer.Option(
            help="Folder of the pages' reference content (each: expected.html) where their folders lack it.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Title, date, byline and language accuracy of HTML extraction against reference metadata, and the
    body text's 4-token shingle F1 for onrecord and for plain trafilatura, on pages with reference content.

    Example: onrecord eval extraction --readability ../shared/data/extraction/readability
    """
    from onrecord.evaluation.extraction import evaluate_extraction

    with console_err.status("extracting the pages"):
        report = evaluate_extraction(shared_path(readability, "data", "extraction", "readability"), reference)
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
    model: Annotated[
        Path | None, typer.Option(help="A position model folder (default: the shipped model).")
    ] = None,
) -> None:
    """Precision, recall and F1 of positions on the gold's frozen test split, for the rules alone, the
    learned model alone and both; by position; counter-positions given instead of a gold position; the
    rules on the earlier gold and on batch 4 (never read to write them); and a second labeller's blind
    agreement with the gold.

    Example: onrecord eval positions --shared ../shared
    """
    from onrecord.evaluation.positions import evaluate_positions
    from onrecord.themes.position_model import PositionModel

    learned = PositionModel.load(model) if model is not None else None
    with console_err.status("classifying the gold sentences"):
        report = evaluate_positions(shared_path(shared), gold, model=learned)
    for line in report.lines():
        console.print(line, highlight=False, markup=False)


@eval_app.command("attribution")
def eval_attribution(
    polnear: Annotated[
        Path | None,
        typer.Option(help="A PolNeAR split folder (text/ and attributions/).", show_default=False),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles (a quick run).")] = None,
) -> None:
    """Precision, recall and F1 of attribution against PolNeAR's gold (content, and content + source).

    Two figures: PolNeAR's unit (a cued statement joined with its continuations, as PolNeAR annotates a
    quotation interrupted by its attribution) and every stored statement on its own.
    Example: onrecord eval attribution --polnear ../shared/data/polnear/dev
    """
    from onrecord.attribution import Attributor
    from onrecord.evaluation.attribution import evaluate_polnear_both

    split = shared_path(polnear, "data", "polnear", "dev")
    with console_err.status("attributing the articles"):
        joined, plain = evaluate_polnear_both(split, Attributor(settings_for()), limit)
    console.print("PolNeAR unit (statements joined with their continuations):", markup=False)
    console.print(str(joined), highlight=False, markup=False)
    console.print("every statement on its own (a plain statements export):", markup=False)
    console.print(str(plain), highlight=False, markup=False)


@eval_app.command("wg")
def eval_wg(
    reports: Annotated[
        Path | None, typer.Option(help="Folder of UPR Working Group reports (*.txt).", show_default=False)
    ] = None,
) -> None:
    """Recall of delegations' statements attributed to the right State in UPR Working Group reports, and
    the reports that give the event of their review: what checks/check_wg.py counts on an export of an
    ingest, counted the same way (the reports are ingested into a temporary store and exported). Also
    what no scorer counts: heading lines taken as statements, and statements whose speaker is not a
    State, the reviewed State's delegation or a known body.

    Example: onrecord eval wg --reports ../shared/data/upr/wg_reports
    """
    from onrecord.evaluation.attribution import evaluate_wg

    with console_err.status("ingesting the reports into a temporary store"):
        report = evaluate_wg(shared_path(reports, "data", "upr", "wg_reports"), settings_for())
    console.print(str(report), highlight=False, markup=False)


@eval_app.command("topics")
def eval_topics(
    upr: Annotated[
        Path | None, typer.Option("--upr", help="UPR Info recommendations CSV.", show_default=False)
    ] = None,
    train: Annotated[str, typer.Option(help="Sessions to train on.")] = "1-10",
    test: Annotated[str, typer.Option(help="Sessions to score on.")] = "11-15",
    labels: Annotated[bool, typer.Option(help="Also print the per-label table.")] = False,
) -> None:
    """Micro- and macro-F1 of the topic model and of the TF-IDF + logistic regression baseline, both
    trained on the same sessions and scored on later ones (a few minutes).

    Example: onrecord eval topics --upr ../shared/data/upr/recommendations_s01-s15.csv --labels
    """
    from onrecord.cli.themes import parse_sessions
    from onrecord.evaluation.topics import evaluate_topics

    csv_path = shared_path(upr, "data", "upr", "recommendations_s01-s15.csv")
    with console.status("training the model and the baseline"):
        report = evaluate_topics(csv_path, parse_sessions(train), parse_sessions(test))
    console.print(
        f"trained on sessions {train}, scored on {test} ({report.rows} recommendations)", highlight=False
    )
    console.print(f"model:    micro-F1 {report.model.micro_f1:.4f}  macro-F1 {report.model.macro_f1:.4f}")
    console.print(
        f"baseline: micro-F1 {report.baseline.micro_f1:.4f}  macro-F1 {report.baseline.macro_f1:.4f}"
    )
    if labels:
        table = Table("label", "P", "R", "F1", "support", "baseline F1")
        base = {s.label: s for s in report.baseline.labels}
        for s in report.model.labels:
            other = base.get(s.label)
            table.add_row(
                s.label,
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                str(s.support),
                f"{other.f1:.3f}" if other else "",
            )
        console.print(table)
