"""``onrecord convert``: corpora whose layout needs a join before ``onrecord ingest`` can read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from onrecord.cli.common import app, console_err
from onrecord.convert.ungdc import ungdc_rows
from onrecord.errors import ConfigError

convert_app = typer.Typer(help="Turn a corpus into rows `onrecord ingest` reads as speeches.")
app.add_typer(convert_app, name="convert")


@convert_app.command("ungdc")
def ungdc_command(
    folder: Annotated[
        Path, typer.Argument(help="The UN General Debate corpus: speeches_*.jsonl.gz, speakers_*.csv.")
    ],
    output: Annotated[Path, typer.Option(help="The JSONL file to write (one speech a line).")],
    since: Annotated[int | None, typer.Option(help="Only speeches of this year or later.")] = None,
    until: Annotated[int | None, typer.Option(help="Only speeches of this year or earlier.")] = None,
) -> None:
    """UN General Debate speeches joined with who gave them, as speech rows for `onrecord ingest`.

    Example: onrecord convert ungdc ../shared/data/ungdc --since 1990 --output ungdc.jsonl
    """
    if not folder.is_dir():
        raise ConfigError(f"{folder} is not a folder: give the folder of the UN General Debate corpus")
    written = 0
    try:
        with output.open("w", encoding="utf-8") as out:
            for row in ungdc_rows(folder, since, until):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                written += 1
    except OSError as exc:
        raise ConfigError(f"cannot write {output}: {exc.strerror}") from None
    where = escape(str(output))
    console_err.print(f"wrote {written} speeches to {where}; next: onrecord ingest {where}")
