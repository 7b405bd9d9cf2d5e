"""Every command is documented in the README and has help text (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

import whipcount.cli.main  # noqa: F401  (registers every command)
from whipcount.cli.app import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((prefix + name, cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, prefix + name + " ")
    return out


@pytest.mark.parametrize("name,command", _commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_command_is_in_the_readme_and_has_help(name: str, command: click.Command) -> None:
    assert f"whipcount {name}" in README, f"`whipcount {name}` is not documented in README.md"
    assert (command.help or "").strip(), f"`whipcount {name}` has no help text"


def test_the_readme_python_example_runs() -> None:
    blocks = README.split("```python\n")[1:]
    assert blocks, "the README has a Python example"
    for block in blocks:
        code = block.split("```", 1)[0]
        namespace: dict[str, object] = {}
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
        state = namespace["state"]
        assert state.sides()["opposition"] == 177  # type: ignore[attr-defined]
