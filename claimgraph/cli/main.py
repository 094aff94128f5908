"""The `claimgraph` command group; commands are added by plugins, built-in ones included."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click
from sqlalchemy import Engine

from claimgraph import __version__, plugins
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine, normalize_url


@dataclass
class App:
    """What every command needs: the settings and, on demand, the store."""

    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The store engine, created and migrated on first use."""
        if self._engine is None:
            self._engine = get_engine(normalize_url(self.settings.store.url))
        return self._engine


pass_app = click.make_pass_decorator(App)


class PluginGroup(click.Group):
    """A group whose commands come from the plugins' claimgraph_commands hook."""

    _loaded = False

    def _load(self) -> None:
        if not PluginGroup._loaded:
            PluginGroup._loaded = True
            plugins.plugin_manager().hook.claimgraph_commands(cli=self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, plugins' included."""
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command by name, plugins' included."""
        self._load()
        return super().get_command(ctx, cmd_name)


def db_option(f):  # type: ignore[no-untyped-def]
    """--db URL on a subcommand (the same as the group's --db)."""
    def apply(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value:
            ctx.find_object(App).settings.store.url = value

    return click.option("--db", "db", default=None, expose_value=False, callback=apply, is_eager=False,
                        help="Store URL or SQLite file (default: settings store.url).")(f)


@click.group(cls=PluginGroup)
@click.version_option(__version__, prog_name="claimgraph")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Settings file (default: ./claimgraph.toml if present).")
@click.option("--db", default=None, help="Store URL or SQLite file (default: settings store.url).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, db: str | None) -> None:
    """claimgraph: who says what about political organizations and armed groups, with evidence."""
    try:
        settings = load_settings(config)
    except (ValueError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    if db:
        settings.store.url = db
    ctx.obj = App(settings=settings)
