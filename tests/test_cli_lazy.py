"""The command line starts in a blink: importing it loads no command module and none of the heavy
libraries; each command's module is imported when it runs, and --help lists every command from a table
that is checked here against the commands themselves."""

from __future__ import annotations

import json
import subprocess
import sys

import click

from whipcount.cli.app import cli
from whipcount.cli.main import COMMANDS

HEAVY = ("numpy", "numba", "pydantic", "jinja2", "sqlalchemy", "rich", "yaml", "whipcount.charts", "whipcount.report",
         "whipcount.io.scenario", "whipcount.tally", "whipcount.power")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    loaded = _modules_after("import whipcount.cli.main")
    assert not {m for m in loaded for h in HEAVY if m == h or m.startswith(h + ".")}
    assert not any(module in loaded for module, _ in COMMANDS.values())


def test_help_and_version_load_no_command_module() -> None:
    loaded = _modules_after("import whipcount.cli.main as m\ntry:\n    m.main(['--help'])\nexcept SystemExit:\n    pass")
    assert not any(module in loaded for module, _ in COMMANDS.values())
    assert not {m for m in loaded if m == "numpy" or m == "pydantic"}


def test_the_table_matches_the_commands() -> None:
    cli.load_all()
    assert set(cli.commands) == set(COMMANDS)
    for name, (module, short) in COMMANDS.items():
        command = cli.commands[name]
        assert command.callback is not None and command.callback.__module__ == module, name
        assert " ".join((command.help or "").split()).startswith(short), name


def test_a_short_help_that_lists_the_forms_of_a_command_lists_them_all() -> None:
    # `whipcount --help` had cut three lists short: chart's kinds ("..., the timeline"), the parts of the demo
    # ("seats over time") and the ways to give power a game (no --game)
    cli.load_all()
    chart = next(p for p in cli.commands["chart"].params if p.name == "kind")
    assert all(kind in COMMANDS["chart"][1] for kind in chart.type.choices)  # type: ignore[attr-defined]
    assert all(form in COMMANDS["power"][1] for form in ("SCENARIO", "--quota", "--parlgov", "--game"))
    assert COMMANDS["demo"][1] + "." == " ".join((cli.commands["demo"].help or "").split("\n\n")[0].split())


def test_help_lists_every_command(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--help").out
    for name in COMMANDS:
        assert f"  {name} " in out, name


def test_a_lazy_command_runs_and_an_unknown_one_is_refused(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(run_cli("tally", "pk-na-2022", "--json").out)["needed"] == 172
    r = run_cli("tallyy")
    assert r.code == 1 and "No such command 'tallyy'" in r.err
    assert isinstance(cli, click.Group)


def test_tally_of_a_pakistani_scenario_loads_no_other_polity_s_rules_nor_rules_it_does_not_ask() -> None:
    # the registry loads a built-in profile's module alone (tests/test_rules_registry_lazy.py)
    from whipcount.rules.registry import BUILTIN_MODULES

    loaded = _modules_after("import contextlib, io\nimport whipcount.cli.main as m\n"
                            "with contextlib.redirect_stdout(io.StringIO()):\n"
                            "    m.main(['tally', 'pk-na-2022', '--json'])")
    assert "whipcount.rules.constitutions.pk" in loaded
    assert not loaded & {m for m in BUILTIN_MODULES if not m.endswith(".pk")}
    assert "whipcount.rules.parlgov_seats" not in loaded  # the ParlGov table is read by other polities' rules
    # whipcount.rules imports these on first use; the tally asks none of them
    assert not loaded & {"whipcount.rules.chair", "whipcount.rules.procedure", "whipcount.rules.recorded"}


def test_the_quick_commands_load_no_numerics() -> None:
    """``outcome`` (judging typed counts) and ``rules list`` have start-up targets of 0.3 s CPU: neither needs
    numpy (0.1 s) nor the tally package that brings it (a merge had put ``rules list`` at 0.35 s)."""
    for args in (["rules", "list"], ["outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "174"]):
        loaded = _modules_after("import contextlib, io\nimport whipcount.cli.main as m\n"
                                "with contextlib.redirect_stdout(io.StringIO()):\n"
                                f"    m.main({args!r})")
        assert not {m for m in loaded if m == "numpy" or m.startswith(("whipcount.tally", "whipcount.power"))}, args


def test_rules_list_loads_none_of_the_model() -> None:
    """The profiles' table reads the rules alone: no chamber, event log or scenario type is built (the model
    was 0.04 s of ``rules list``, imported for the annotations of functions it does not call)."""
    loaded = _modules_after("import contextlib, io\nimport whipcount.cli.main as m\n"
                            "with contextlib.redirect_stdout(io.StringIO()):\n"
                            "    m.main(['rules', 'list'])")
    assert "whipcount.rules.constitutions.pk" in loaded  # every profile was read
    assert not loaded & {"whipcount.model.scenario", "whipcount.model.chamber", "whipcount.model.events",
                         "whipcount.model.replayer"}


def test_version_is_the_package_s_and_reads_no_installed_package() -> None:
    """``--version`` prints the version pyproject.toml gives, without importing importlib.metadata to look
    the distribution up (a quarter of the command's work)."""
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    code = ("import contextlib, io, sys\nimport whipcount.cli.main as m\nout = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n    m.main(['--version'])\n"
            "print(json.dumps([out.getvalue(), 'importlib.metadata' in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True,
                          check=True, timeout=60)
    printed, metadata = json.loads(done.stdout.strip().splitlines()[-1])
    assert printed == f"whipcount, version {version}\n"
    assert metadata is False
