"""The root click group and helpers every command module shares.

A command module does ``from whipcount.cli.app import cli, json_option, emit_json, console`` and
decorates its functions with ``@cli.command()``; ``whipcount.cli.main`` imports every module listed in
``COMMAND_MODULES`` so that the commands register.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from whipcount.errors import InputError

# Piped output (files, CI logs) gets a readable width instead of rich's 80 columns.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
console = Console(highlight=False, soft_wrap=False, width=_WIDTH)
err_console = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="whipcount")
def cli() -> None:
    """whipcount: model a parliament's confidence system.

    Seats and sides on any date, what the constitution demands, the whip count,
    forecasts, voting power, charts and reports. SCENARIO is a path to a scenario
    YAML file or the name of a bundled scenario (see `whipcount scenarios`).
    """


def json_option(fn: F) -> F:
    """Add ``--json``: print one JSON object instead of tables."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")(fn)


def on_option(fn: F) -> F:
    """Add ``--on DATE`` (ISO 8601)."""
    return click.option("--on", "on", metavar="DATE", default=None,
                        help="The date to look at (YYYY-MM-DD, today or yesterday).")(fn)


def parse_date(value: str | None, *, option: str = "--on") -> dt.date | None:
    """An ISO date from the command line (or ``today``, ``yesterday``), or an InputError naming the option."""
    if value is None:
        return None
    word = value.strip().lower()
    if word in ("today", "yesterday"):
        return dt.date.today() - dt.timedelta(days=1 if word == "yesterday" else 0)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: expected a date as YYYY-MM-DD, today or yesterday, got {value!r}") from None


def _default(o: Any) -> Any:
    if isinstance(o, dt.date):
        return o.isoformat()
    if hasattr(o, "tolist"):
        return o.tolist()
    if isinstance(o, set | frozenset | tuple):
        return list(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")


def emit_json(obj: Any) -> None:
    """Print one JSON object on stdout."""
    click.echo(json.dumps(obj, indent=2, ensure_ascii=False, default=_default))
