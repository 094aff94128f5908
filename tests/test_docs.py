"""Documentation tests: every command and every setting is documented in the README."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from claimgraph.cli.main import cli
from claimgraph.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    ctx = click.Context(group)
    names = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        names.append(prefix + name)
        if isinstance(command, click.Group):
            names += _commands(command, prefix + name + " ")
    return names


@pytest.mark.parametrize("command", _commands(cli))
def test_command_is_documented(command: str) -> None:
    assert f"`claimgraph {command}" in README, f"`claimgraph {command}` is not described in README.md"


@pytest.mark.parametrize("key", [f"{s.name}.{f.name}" for s in fields(Settings)
                                 for f in fields(getattr(Settings(), s.name))])
def test_setting_is_documented(key: str) -> None:
    assert f"`{key}`" in README, f"setting {key} is not in the README's settings table"


def test_readme_opens_with_exactly_two_setup_commands() -> None:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    assert "claimgraph profile" in commands[0] and "ingest" in commands[0]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].split()[-1] in ci
