"""Commands for topics and positions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from onrecord.cli.common import app, console, console_err

topics_app = typer.Typer(
    help="UPR Info issue labels: predict them for a table of texts, or rebuild the model."
)
app.add_typer(topics_app, name="topics")


@topics_app.command("predict")
def topics_predict(
    input: Annotated[Path, typer.Option("--input", help="CSV file with a text column.")],
    text_column: Annotated[str, typer.Option(help="The column holding the text.")] = "Text",
    output: Annotated[
        Path | None, typer.Option(help="JSONL file to write (default: standard output).")
    ] = None,
    model: Annotated[Path | None, typer.Option(help="A model folder (default: the shipped model).")] = None,
) -> None:
    """Write one JSON object per input row, {"topics": [labels], "scores": [...]}, in input order.

    Example: onrecord topics predict --input recommendations.csv --text-column Text --output topics.jsonl
    """
    from onrecord.evaluation.topics import write_predictions
    from onrecord.themes.topics import TopicModel

    predictor = TopicModel.load(model) if model is not None else TopicModel.default()
    target = output if output is not None else Path("/dev/stdout")
    count = write_predictions(predictor, input, target, text_column=text_column)
    if output is not None:
        console_err.print(f"wrote {count} predictions to {escape(str(output))}")


@topics_app.command("train")
def topics_train(
    upr: Annotated[Path, typer.Option("--upr", help="UPR Info recommendations CSV (Text, Issue, Session).")],
    output: Annotated[Path, typer.Option(help="Folder to write the model to.")] = Path("topics-model"),
    sessions: Annotated[
        str | None, typer.Option(help="Sessions to train on, e.g. 1-10 (default: all in the file).")
    ] = None,
) -> None:
    """Train the topic model on labelled UPR recommendations (deterministic; a few minutes).

    Example: onrecord topics train --upr ../shared/data/upr/recommendations_s01-s15.csv --output model/
    """
    from onrecord.themes.topic_training import train_topics

    chosen = parse_sessions(sessions) if sessions else None
    with console_err.status("training") as status:
        model = train_topics(upr, chosen, progress=lambda step: status.update(f"training: {step}"))
    output.mkdir(parents=True, exist_ok=True)
    model.save(output)
    console.print(f"model written to {escape(str(output))}")


def parse_sessions(text: str) -> set[int]:
    """ "1-10" or "1,2,5" or "11-15,17" as a set of session numbers."""
    chosen: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        try:
            chosen |= set(range(int(low), int(high or low) + 1))
        except ValueError:
            raise typer.BadParameter(f"{text!r}: give sessions as 1-10 or 1,2,5") from None
    return chosen


@app.command("positions")
def positions_command() -> None:
    """List the positions of the taxonomy: id, name, definition, counter-position.

    Example: onrecord positions
    """
    from onrecord.themes.positions import load_taxonomy

    taxonomy = load_taxonomy()
    table = Table("id", "name", "definition", "counter", title=f"{len(taxonomy.positions)} positions")
    for position in taxonomy.positions:
        table.add_row(
            position.id, escape(position.name), escape(position.definition), ", ".join(position.counter)
        )
    console.print(table)
