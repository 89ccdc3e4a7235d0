"""``onrecord serve``: the web pages and the JSON API over a store, read-only."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer
from rich.markup import escape

from onrecord.cli.common import DbOption, app, console_err, settings_for
from onrecord.errors import ConfigError, StoreError


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on. The default answers this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the search, statement, speaker, event, position and compare pages and the JSON API
    (/api/v1/, described at /api), read-only.

    Example: onrecord serve --db onrecord.db --port 8000
    """
    try:
        import uvicorn

        from onrecord.web import create_app
    except ImportError as exc:
        raise ConfigError(f"the web interface needs its extra: pip install 'onrecord[web]' ({exc})") from None
    path = settings_for(db).db
    if not path.exists():
        raise StoreError(f"no database at {path}: run `onrecord ingest PATH` first, or pass --db")
    web = create_app(path)
    if not _loopback(host):
        console_err.print(
            f"[yellow]note:[/] listening on {escape(host)}: other machines can read this store"
            " (there is no login)"
        )
    console_err.print(
        f"serving {escape(str(path))} read-only at http://{escape(host)}:{port}/ (Ctrl+C stops)"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
