"""`claimgraph serve`: the HTTP API and web UI over the store."""

from __future__ import annotations

from pathlib import Path

import click

from claimgraph.cli.main import App, db_option, pass_app
from claimgraph.plugins import hookimpl

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _read_token_file(path: Path | None) -> str:
    """The token in a file (first line, whitespace stripped); a file that gives none is an error."""
    if path is None:
        return ""
    try:
        token = path.read_text(encoding="utf-8").strip().splitlines()[0].strip()
    except (OSError, IndexError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"no token in {path}: {exc}") from None
    if not token:
        raise click.ClickException(f"no token in {path}")
    return token


def default_allowed_hosts(host: str) -> list[str]:
    """Host header values a server bound to `host` answers by default: loopback names and the bind address."""
    names = ["127.0.0.1", "localhost", "::1", "[::1]"]
    if host not in ("0.0.0.0", "::", ""):
        names.append(host)
    return names


@click.command()
@click.option("--host", default=None, help="Address to bind (default: settings api.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: settings api.port, 8765).")
@click.option("--read-only", is_flag=True, default=None, help="Refuse every write endpoint (ingest, review).")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File holding the bearer token that enables the write endpoints (or CLAIMGRAPH_API_TOKEN).")
@click.option("--read-token-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File holding the token every read needs (or CLAIMGRAPH_API_READ_TOKEN); required beyond "
                   "loopback.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="A Host header value to answer (repeatable; default: loopback names and the bind address).")
@click.option("--token", default=None, hidden=True,
              help="Deprecated: visible in the process list; use --token-file or CLAIMGRAPH_API_TOKEN.")
@db_option
@pass_app
def serve(app: App, host: str | None, port: int | None, read_only: bool | None, token_file: Path | None,
          read_token_file: Path | None, allow_hosts: tuple[str, ...], token: str | None) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web UI."""
    import os

    import uvicorn

    from claimgraph.api.app import create_app

    api = app.settings.api
    api.host = host or api.host
    api.port = port or api.port
    api.read_only = bool(read_only) or api.read_only
    if token:
        click.echo("warning: --token is visible to every user in the process list; use --token-file", err=True)
    api.token = _read_token_file(token_file) or token or os.environ.get("CLAIMGRAPH_API_TOKEN", "") or api.token
    api.read_token = _read_token_file(read_token_file) or api.read_token
    api.allowed_hosts = list(allow_hosts) or api.allowed_hosts or default_allowed_hosts(api.host)
    if api.host not in LOOPBACK:
        if not api.read_token:
            raise click.ClickException(
                f"refusing to listen on {api.host} without a read token: every document and claim would be "
                "readable from other machines; give --read-token-file (or CLAIMGRAPH_API_READ_TOKEN)")
        click.echo(f"warning: listening on {api.host}, reachable from other machines (reads need the token)",
                   err=True)
    click.echo(f"claimgraph at http://{api.host}:{api.port}/ (API docs at /docs); "
               f"writes {'off (read-only)' if api.read_only else 'on' if api.token else 'off (no token)'}; "
               f"reads {'need a token' if api.read_token else 'open'}; hosts {', '.join(api.allowed_hosts)}",
               err=True)
    from claimgraph.api.cache import warm_up

    application = create_app(app.settings)
    warm_up(application.state.engine)
    uvicorn.run(application, host=api.host, port=api.port, log_level="info")


@hookimpl
def claimgraph_commands(cli: click.Group) -> None:
    """Register `serve`."""
    cli.add_command(serve)
