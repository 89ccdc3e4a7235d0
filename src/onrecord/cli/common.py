"""What every command shares: the app, the consoles, the ``--db`` option, settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from onrecord import __version__
from onrecord.errors import StoreError
from onrecord.settings import Settings, setting
from onrecord.store import Store

app = typer.Typer(
    name="onrecord",
    help="The record of multilateral human-rights diplomacy: who said what, where, when, and which "
    "position they took.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)
eval_app = typer.Typer(help="Measure quality against reference data (precision, recall, F1, accuracy).")
app.add_typer(eval_app, name="eval")

console = Console(soft_wrap=False)
console_err = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help=f"{setting('db').help} Default: the --db given before the command, else ${setting('db').env},"
        " else ./onrecord.db.",
        show_default=False,
    ),
]

# options given before the command (``onrecord --db x.db search ...``): the command's own win over them
_before_command: dict[str, object] = {}


def _print_version(asked: bool) -> None:
    if asked:
        console.print(f"onrecord {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def options_before_the_command(
    db: Annotated[
        Path | None,
        typer.Option("--db", help=f"{setting('db').help} For every command.", show_default=False),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    """The record of multilateral human-rights diplomacy: who said what, where, when, and which position
    they took."""
    _before_command.clear()
    if db is not None:
        _before_command["db"] = db


def settings_for(db: Path | None = None, **overrides: object) -> Settings:
    return Settings.load(None, db=db if db is not None else _before_command.get("db"), **overrides)


def open_store(db: Path | None, *, must_exist: bool = True) -> Store:
    """The store at ``--db`` (or the setting); read commands want one that exists already."""
    path = settings_for(db).db
    if must_exist and not path.exists():
        raise StoreError(f"no database at {path}: run `onrecord ingest PATH` first, or pass --db")
    return Store(path)
