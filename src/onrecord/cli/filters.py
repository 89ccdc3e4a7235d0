"""The statement filters as CLI options, generated from their one declaration (``store.filters.FILTERS``)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from onrecord.store.filters import FILTERS, StatementFilter


def option_name(public_name: str) -> str:
    return "--" + public_name.replace("_", "-")


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with one option per public filter (``--speaker``, ``--from``...), which it receives
    together as its ``filters`` parameter, a ``StatementFilter``."""
    signature = inspect.signature(command, eval_str=True)
    declared = [f for f in FILTERS if f.public]
    options = [
        inspect.Parameter(
            f.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[f.type | None, typer.Option(option_name(f.public_name), help=f.help)],
        )
        for f in declared
    ]
    parameters = [p for p in signature.parameters.values() if p.name != "filters"] + options

    @functools.wraps(command)
    def with_options(**given: Any) -> None:
        values = {f.name: given.pop(f.name) for f in declared}
        command(**given, filters=StatementFilter(**values))

    with_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return with_options
