"""The `claimgraph` command group; commands are added by plugins, built-in ones included.

Listing the commands loads only the plugin modules that define commands (found by reading their
source, not by importing every stage), and those import their heavy libraries inside the
commands, so `claimgraph --help` and `claimgraph stats` start without spaCy, FastAPI or Alembic. Once
a listing is cached, running a command imports only the plugin that adds it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import pluggy

from claimgraph import __version__, plugins
from claimgraph.core.errors import UserError
from claimgraph.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

COMMANDS_HOOK = "claimgraph_commands"
CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


@dataclass
class App:
    """What every command needs: the settings and, on demand, the store."""

    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The store engine, created and migrated on first use."""
        if self._engine is None:
            from claimgraph.store.db import get_engine, normalize_url

            self._engine = get_engine(normalize_url(self.settings.store.url),
                                      busy_timeout=self.settings.store.busy_timeout)
        return self._engine


pass_app = click.make_pass_decorator(App)


def _defines_commands(module_name: str) -> bool:
    """Whether a built-in plugin module's source defines the commands hook (read, not imported)."""
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return spec is not None  # a compiled or unusual module: import it to be sure
    return f"def {COMMANDS_HOOK}" in Path(spec.origin).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def command_plugins() -> pluggy.PluginManager:
    """A plugin manager holding only the plugins that add commands (built-in ones and installed ones)."""
    pm = pluggy.PluginManager("claimgraph")
    pm.add_hookspecs(plugins.Specs)
    for name in plugins.BUILTIN_PLUGINS:
        if _defines_commands(name):
            pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("claimgraph")
    return pm


def _help_cache_path() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimgraph" / "cli-help.json"


def _help_cache_key() -> str:
    """Changes whenever claimgraph's code, version or the installed plugins change."""
    import hashlib
    from importlib.metadata import entry_points

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    for ep in sorted(entry_points(group="claimgraph"), key=lambda e: e.name):
        digest.update(f"{ep.name}={ep.value};".encode())
    return digest.hexdigest()


def _read_help_cache() -> dict[str, Any] | None:
    """The cached command list ({rows, owners}), or None when missing or stale."""
    import json

    try:
        data = json.loads(_help_cache_path().read_text(encoding="utf-8"))
        if data.get("key") == _help_cache_key():
            return {"rows": [(str(n), str(t)) for n, t in data["rows"]],
                    "owners": {str(k): str(v) for k, v in data["owners"].items()}}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def _store_help_cache(rows: list[tuple[str, str]], owners: dict[str, str]) -> None:
    """Keep the command list and each command's plugin for the next run (a cache: failing to write it changes nothing)."""
    import json

    try:
        path = _help_cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{id(rows)}.tmp")
        tmp.write_text(json.dumps({"key": _help_cache_key(), "rows": rows, "owners": owners}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


class PluginGroup(click.Group):
    """A group whose commands come from the plugins' claimgraph_commands hook.

    Running one command imports only the built-in plugin that adds it when the cache (kept beside the `--help`
    listing, keyed on the code and installed plugins) knows which one that is: `claimgraph stats` never imports
    the review or export modules. Without a valid cache every plugin is loaded, as before.
    """

    _loaded = False
    _owners: dict[str, str] = {}

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an error the user can fix (`UserError`) is one line, not a traceback."""
        try:
            return super().invoke(ctx)
        except UserError as exc:
            raise click.ClickException(str(exc)) from None
  # command name -> the plugin that added it, filled by a full load

    def _load(self) -> None:
        if PluginGroup._loaded:
            return
        PluginGroup._loaded = True
        pm = command_plugins()
        owners: dict[str, str] = {}
        for name, plugin in pm.list_name_plugin():
            # each plugin adds its commands to a group of its own first, so that its share is known
            share = click.Group()
            others = [p for p in pm.get_plugins() if p is not plugin]
            pm.subset_hook_caller(COMMANDS_HOOK, remove_plugins=others)(cli=share)
            for cmd_name, command in share.commands.items():
                self.add_command(command, cmd_name)
                owners[cmd_name] = name
        PluginGroup._owners = owners

    def _load_one(self, cmd_name: str) -> bool:
        """Add only the command's own built-in plugin, from the cache; False when the cache cannot say."""
        if PluginGroup._loaded or cmd_name in self.commands:
            return cmd_name in self.commands
        cache = _read_help_cache()
        owner = (cache or {}).get("owners", {}).get(cmd_name)
        if owner not in plugins.BUILTIN_PLUGINS:
            return False
        pm = pluggy.PluginManager("claimgraph")
        pm.add_hookspecs(plugins.Specs)
        pm.register(importlib.import_module(owner), name=owner)
        pm.hook.claimgraph_commands(cli=self)
        return cmd_name in self.commands

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of `--help`, from a cache kept while no plugin's code changes (no plugin import)."""
        cache = _read_help_cache()
        if cache is None:
            super().format_commands(ctx, formatter)
            _store_help_cache(self._help_rows(ctx, formatter.width), PluginGroup._owners)
            return
        if cache["rows"]:
            with formatter.section("Commands"):
                formatter.write_dl(cache["rows"])

    def _help_rows(self, ctx: click.Context, width: int | None) -> list[tuple[str, str]]:
        commands = [(n, c) for n in self.list_commands(ctx) if (c := self.get_command(ctx, n)) is not None
                    and not c.hidden]
        limit = (width or 80) - 6 - max((len(n) for n, _ in commands), default=0)  # as click's own listing
        return [(name, command.get_short_help_str(limit=limit)) for name, command in commands]

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, plugins' included."""
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command by name, plugins' included (only its own plugin loaded when the cache knows it)."""
        if not self._load_one(cmd_name):
            was_loaded = PluginGroup._loaded
            self._load()
            if not was_loaded and _read_help_cache() is None:  # so that the next run loads one plugin only
                _store_help_cache(self._help_rows(ctx, ctx.make_formatter().width), PluginGroup._owners)
        return super().get_command(ctx, cmd_name)


def db_option(f: CommandFunction) -> CommandFunction:
    """--db URL on a subcommand (the same as the group's --db)."""
    def apply(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        app = ctx.find_object(App)
        if value and app is not None:
            app.settings.store.url = value

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
