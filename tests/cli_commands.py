"""Every command of the command line, its subcommands' leaves included, for tests that sweep their options."""

from __future__ import annotations

from collections.abc import Iterator

import click

from whipcount.cli.main import cli


def leaf_commands(group: click.Group = cli, ctx: click.Context | None = None,
                  path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Each command that runs (``("rules", "show")``, ...) with its path of names under ``group``."""
    ctx = ctx or click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from leaf_commands(command, ctx, (*path, name))
        else:
            yield (*path, name), command
