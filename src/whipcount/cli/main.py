"""Entry point: import every command module, run the group, turn errors into one line and exit 1."""

from __future__ import annotations

import importlib
import sys

import click
from rich.markup import escape

from whipcount.cli.app import cli, err_console
from whipcount.cli.extras import missing_module_message
from whipcount.errors import WhipcountError

COMMAND_MODULES = (
    "whipcount.cli.tally",
    "whipcount.cli.rules",
    "whipcount.cli.forecast",
    "whipcount.cli.power",
    "whipcount.cli.charts",
    "whipcount.cli.interchange",
    "whipcount.cli.web",
    "whipcount.cli.cases",
    "whipcount.cli.new",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; never show a traceback for bad input."""
    try:
        cli.main(args=argv, prog_name="whipcount", standalone_mode=False)
    except WhipcountError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False, soft_wrap=True)
        return 1
    except click.exceptions.Abort:
        err_console.print("aborted")
        return 1
    except click.ClickException as exc:
        err_console.print(f"[bold red]error:[/] {escape(exc.format_message())}", soft_wrap=True)
        return 1
    except ModuleNotFoundError as exc:
        message = missing_module_message(exc.name)
        if message is None:
            raise
        err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
        return 1
    except FileNotFoundError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc.filename))}: no such file", soft_wrap=True)
        return 1
    except BrokenPipeError:
        return 0
    return 0


def run() -> None:  # pragma: no cover - console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
