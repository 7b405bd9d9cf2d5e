"""Every command is documented in the README and has help text (as sqlite-utils does)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click
import pytest

import whipcount.cli.main  # noqa: F401  (lists every command)
from whipcount.cli.app import cli

cli.load_all()  # the group is lazy: import every command's module so that all are documented

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
    code = blocks[0].split("```", 1)[0]  # the first: the bundled case (tests/test_docs_run.py runs every block)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    state = namespace["state"]
    assert state.sides()["opposition"] == 177  # type: ignore[attr-defined]


def test_the_readme_tally_json_example_matches_the_command(run_cli: Callable[..., object]) -> None:
    """Every scalar key shown in the README's `tally --json` example has the value the command prints."""
    import json
    import re

    block = README.split("### `whipcount tally --json`")[1].split("```json\n")[1].split("```")[0]
    res = run_cli("tally", "pk-na-2022", "--on", "2022-03-31", "--json")
    got = json.loads(res.out)  # type: ignore[attr-defined]
    shown: dict[str, str] = {}
    for key, text in re.findall(r'"(\w+)": ("[^"]*"|-?\d+)', block):
        shown.setdefault(key, text)  # the first occurrence is the top-level key (parties repeat "seats")
    assert {"basis", "needed", "seats", "explanation"} <= set(shown)
    for key, text in shown.items():
        if key in got:
            assert got[key] == json.loads(text), key


DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "docs").glob("*.md")))
PASSAGES = [p for p in re.split(r"\n\s*\n|\n(?=\|)", DOCS) if p.strip()]  # paragraphs, code blocks, table rows


def _options() -> list[tuple[str, str, tuple[str, ...]]]:
    """(command, option, its names) for every option of every command that is not a group."""
    out = []
    for name, command in _commands(cli):
        if isinstance(command, click.Group):
            continue
        for param in command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                for opt in [*param.opts, *param.secondary_opts]:
                    if opt.startswith("--"):
                        out.append((name, opt, (opt, *(o for o in param.opts if not o.startswith("--")))))
    return out


@pytest.mark.parametrize("name,option,spellings", _options(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_option_is_documented_with_its_command(name: str, option: str, spellings: tuple[str, ...]) -> None:
    """A passage of README.md or docs/ (a paragraph, a table row, a code block) names the command and the
    option (or the option's short form, `-o` for `--output`): `demo --no-report` and `new --force` were in
    `--help` alone."""
    words = name.split()  # `import ocd --strict` is documented with `import` (an import's options)
    spelled = [re.compile(rf"(?<![\w-]){re.escape(s)}(?![\w-])") for s in spellings]
    assert any(any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", p) for w in words) and any(s.search(p) for s in spelled)
               for p in PASSAGES), f"`whipcount {name} {option}` is in --help but in no passage of the docs"
