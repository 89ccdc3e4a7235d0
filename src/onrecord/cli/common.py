"""What every command shares: the app, the consoles, the ``--db`` option, settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

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
        help=f"{setting('db').help} Default: ${setting('db').env}, else ./onrecord.db.",
        show_default=False,
    ),
]


def settings_for(db: Path | None = None, **overrides: object) -> Settings:
    return Settings.load(None, db=db, **overrides)


def open_store(db: Path | None, *, must_exist: bool = True) -> Store:
    """The store at ``--db`` (or the setting); read commands want one that exists already."""
    path = settings_for(db).db
    if must_exist and not path.exists():
        raise StoreError(f"no database at {path}: run `onrecord ingest PATH` first, or pass --db")
    return Store(path)
