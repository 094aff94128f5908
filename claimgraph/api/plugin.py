"""`claimgraph serve`: the HTTP API and web UI over the store."""

from __future__ import annotations

import click

from claimgraph.cli.main import App, db_option, pass_app
from claimgraph.plugins import hookimpl

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@click.command()
@click.option("--host", default=None, help="Address to bind (default: settings api.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: settings api.port, 8765).")
@click.option("--read-only", is_flag=True, default=None, help="Refuse every write endpoint (ingest, review).")
@click.option("--token", default=None, envvar="CLAIMGRAPH_API_TOKEN", show_envvar=True,
              help="Bearer token that enables the write endpoints; without one they stay off.")
@db_option
@pass_app
def serve(app: App, host: str | None, port: int | None, read_only: bool | None, token: str | None) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web UI."""
    import uvicorn

    from claimgraph.api.app import create_app

    api = app.settings.api
    api.host = host or api.host
    api.port = port or api.port
    api.read_only = bool(read_only) or api.read_only
    api.token = token or api.token
    if api.host not in LOOPBACK:
        click.echo(f"warning: listening on {api.host}, reachable from other machines", err=True)
    click.echo(f"claimgraph at http://{api.host}:{api.port}/ (API docs at /docs); "
               f"writes {'off (read-only)' if api.read_only else 'on' if api.token else 'off (no token)'}",
               err=True)
    from claimgraph.api.cache import warm_up

    application = create_app(app.settings)
    warm_up(application.state.engine)
    uvicorn.run(application, host=api.host, port=api.port, log_level="info")


@hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """Register `serve`."""
    cli.add_command(serve)
