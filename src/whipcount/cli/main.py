"""Entry point: run the (lazy) command group, turn errors into one line and exit 1."""

from __future__ import annotations

import sys

import click

from whipcount.cli.app import cli, err_console
from whipcount.errors import WhipcountError

COMMANDS: dict[str, tuple[str, str]] = {
    "cases": ("whipcount.cli.cases", "One row per scenario's main motion"),
    "chart": ("whipcount.cli.charts", "Draw a chart of SCENARIO: the hemicycle on a date, the timeline"),
    "coalitions": ("whipcount.cli.power", "Winning coalitions of SCENARIO or of --quota Q W1 W2 ..."),
    "compare": ("whipcount.cli.cases", "Two scenarios, or one scenario on two dates, side by side"),
    "count": ("whipcount.cli.count", "The whip count: committed, leaning, undecided and absent"),
    "db": ("whipcount.cli.web", "Move scenarios in and out of the web app's database"),
    "demo": ("whipcount.cli.demo", "The main job on the bundled Pakistan 2022 case: seats over time"),
    "export": ("whipcount.cli.interchange", "Write a scenario as Popolo JSON or CSV"),
    "forecast": ("whipcount.cli.forecast", "The probability that the motion passes, the distribution of the vote"),
    "import": ("whipcount.cli.interchange", "Read Popolo JSON, Open Civic Data votes or CSV into a scenario file"),
    "new": ("whipcount.cli.new", "Write a small, valid, commented scenario to start your own case from"),
    "outcome": ("whipcount.cli.rules", "Judge a division (or a count) under the chamber's rules"),
    "power": ("whipcount.cli.power", "Voting power: SCENARIO, or --quota Q W1 W2 ..., or --parlgov"),
    "report": ("whipcount.cli.charts", "Write one self-contained HTML report of SCENARIO"),
    "rules": ("whipcount.cli.rules", "The constitutions whipcount knows: their motions, thresholds and sources"),
    "scenarios": ("whipcount.cli.tally", "List the bundled scenarios"),
    "schema": ("whipcount.cli.tally", "Print the JSON Schema of a file format (scenario by default)"),
    "serve": ("whipcount.cli.web", "Start the web app: dashboard, editing with accounts, live updates"),
    "tally": ("whipcount.cli.tally", "Seats by party and side on a date"),
    "users": ("whipcount.cli.web", "Accounts for the web app"),
    "what-if": ("whipcount.cli.forecast", "Scenarios side by side: the baseline, each change alone"),
}
"""Every command: the module that defines it and its one-line help (``--help`` shows it without importing
the module; tests/test_cli_lazy.py checks it against the commands themselves)."""

cli.lazy.update(COMMANDS)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; never show a traceback for bad input."""
    from whipcount.io.limits import remembering_reads

    try:
        with remembering_reads():  # an output that would replace a file the command read is refused
            cli.main(args=argv, prog_name="whipcount", standalone_mode=False)
    except WhipcountError as exc:
        return _fail(str(exc))
    except click.exceptions.Abort:
        err_console.print("aborted")
        return 1
    except click.ClickException as exc:
        return _fail(exc.format_message())
    except ModuleNotFoundError as exc:
        from whipcount.cli.extras import missing_module_message

        message = missing_module_message(exc.name)
        if message is None:
            raise
        return _fail(message)
    except FileNotFoundError as exc:
        return _fail(f"{exc.filename}: no such file")
    except BrokenPipeError:
        return 0
    return 0


def _fail(message: str) -> int:
    """Print ``error: MESSAGE`` on one line (rich markup in the message is shown as text); exit status 1."""
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True)
    return 1


def run() -> None:  # pragma: no cover - console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
