"""Entry point: run the (lazy) command group, turn errors into one line and exit 1.

Under ``--json`` (or ``--format json``) the line is a JSON object on standard error, in the web API's
shape: ``{"ok": false, "error": "...", "errors": ["..."], "status": 1}`` (``status`` is the exit status);
standard output stays empty, so a pipe never takes an error for data.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sys

import click

from whipcount.cli.app import ReaderGone, StdoutFailed, cli, err_console, escaped_surrogates
from whipcount.errors import WhipcountError, cut_long_values

COMMANDS: dict[str, tuple[str, str]] = {
    "cases": ("whipcount.cli.cases", "One row per scenario's main motion"),
    "chart": ("whipcount.cli.charts",
              "Draw a chart of SCENARIO: the hemicycle on a date, the timeline, or the forecast"),
    "coalitions": ("whipcount.cli.power", "Winning coalitions of SCENARIO or of --quota Q W1 W2 ..."),
    "compare": ("whipcount.cli.cases", "Two scenarios, or one scenario on two dates, side by side"),
    "count": ("whipcount.cli.count", "The whip count: committed, leaning, undecided, abstaining and absent"),
    "db": ("whipcount.cli.web", "Move scenarios in and out of the web app's database"),
    "demo": ("whipcount.cli.demo",
             "The main job on the bundled Pakistan 2022 case: seats over time, outcome, forecast, power, report"),
    "export": ("whipcount.cli.interchange", "Write a scenario as Popolo JSON or CSV"),
    "forecast": ("whipcount.cli.forecast", "The probability that the motion passes, the distribution of the vote"),
    "import": ("whipcount.cli.interchange", "Read Popolo JSON, Open Civic Data votes or CSV into a scenario file"),
    "new": ("whipcount.cli.new", "Write a small, valid, commented scenario to start your own case from"),
    "outcome": ("whipcount.cli.rules", "Judge a division (or a count) under the chamber's rules"),
    "power": ("whipcount.cli.power", "Voting power: SCENARIO, or --quota Q W1 W2 ..., or --parlgov, or --game NAME"),
    "report": ("whipcount.cli.charts", "Write one self-contained HTML report of SCENARIO"),
    "rules": ("whipcount.cli.rules_profiles",
              "The constitutions whipcount knows: their motions, thresholds and sources"),
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

    args = sys.argv[1:] if argv is None else list(argv)
    as_json = wants_json(args)
    bad_output = output_problem(args)
    if bad_output is not None:
        return _fail(bad_output, as_json)
    if sys.stdout is None:  # `>&-`: refused before anything is read or written, so no output is left half done
        return _fail("standard output is closed; whipcount writes its results there (redirect it to a file, "
                     "or to /dev/null to discard them)", as_json)
    try:
        with remembering_reads():  # an output that would replace a file the command read is refused
            cli.main(args=args, prog_name="whipcount", standalone_mode=False)
    except StdoutFailed as exc:
        _drop_stdout()  # what is still buffered would fail again at exit, with a traceback-like message
        return _fail(str(exc), as_json)
    except WhipcountError as exc:
        return _fail(str(exc), as_json)
    except click.exceptions.Abort:
        return _fail("aborted", as_json) if as_json else _aborted()
    except click.ClickException as exc:
        return _fail(exc.format_message() + _command_hint(exc), as_json)
    except ModuleNotFoundError as exc:
        from whipcount.cli.extras import missing_module_message

        message = missing_module_message(exc.name)
        if message is None:
            raise
        return _fail(message, as_json)
    except FileNotFoundError as exc:
        return _fail(f"{exc.filename}: no such file", as_json)
    except MemoryError:
        return _fail("out of memory", as_json)
    except (ReaderGone, BrokenPipeError):
        # the reader took all it wanted (`| head`): status 0, nothing on standard error
        _drop_stdout()
    return 0


def _drop_stdout() -> None:
    """Point standard output at the null device once it has failed, so that what is still buffered goes
    nowhere instead of failing again (with a message and status 120) when the interpreter flushes it at exit."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _command_hint(exc: click.ClickException) -> str:
    """For a command name the group does not have: the one meant, or the group's commands."""
    ctx = getattr(exc, "ctx", None)
    if not isinstance(exc, click.UsageError) or ctx is None or not isinstance(ctx.command, click.Group):
        return ""
    if not exc.message.startswith("No such command"):
        return ""
    import difflib

    given = exc.message.split("'", 2)[1] if exc.message.count("'") >= 2 else ""
    names = ctx.command.list_commands(ctx)
    close = difflib.get_close_matches(given, names, n=1)
    if close:
        return f" Did you mean `{ctx.command_path} {close[0]}`?"
    if len(names) <= 8:
        return f" `{ctx.command_path}` takes one of: {', '.join(names)} (see `{ctx.command_path} --help`)."
    return f" See `{ctx.command_path} --help` for the commands."


def output_problem(args: list[str]) -> str | None:
    """What is wrong with an ``-o``/``--output`` value as typed, before click reads it as a path (which makes
    ``''`` the current folder and drops a trailing ``/``): an empty name (``-o "$OUT"`` with OUT unset) was
    taken as standard output or the current folder, and ``-o out.json/`` wrote a file ``out.json``."""
    words = args[:args.index("--")] if "--" in args else args
    for i, word in enumerate(words):
        if word in ("-o", "--output") and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith("--output="):
            value = word.partition("=")[2]
        else:
            continue
        if value == "":
            return f"{word.partition('=')[0]}: expected a file name (or '-' for standard output), got an empty one"
        if value.endswith(("/", os.sep)):
            return f"{word.partition('=')[0]} {value}: expected a file name, got a folder's (it ends with '/')"
    return None


def wants_json(args: list[str]) -> bool:
    """True when the command line asks for JSON: ``--json``, ``--format json`` or ``--format=json``
    (options only: nothing after ``--``)."""
    words = args[:args.index("--")] if "--" in args else args
    return "--json" in words or "--format=json" in words or any(
        a == "--format" and b == "json" for a, b in zip(words, words[1:], strict=False))


def _aborted() -> int:
    err_console.print("aborted")
    return 1


def _fail(message: str, as_json: bool = False) -> int:
    """Print ``error: MESSAGE`` on one line (rich markup in the message is shown as text), or under ``--json``
    the error object on one line; exit status 1. A long value the message quotes is cut (click's messages
    too, which quote an option's value whole)."""
    message = cut_long_values(message)
    if as_json:
        one_line = " ".join(message.split())
        error = {"ok": False, "error": one_line, "errors": [one_line], "status": 1}
        click.echo(escaped_surrogates(json.dumps(error, ensure_ascii=False)), err=True)
        return 1
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True)
    return 1


def any_character_streams() -> None:
    """Standard output and error that take every character whipcount writes (``·``, ``†``, ``→``, a party's
    name in any script), where their encoding cannot (``PYTHONIOENCODING=ascii``, a Windows code page
    behind a redirect): a terminal shows ``?`` for a character it cannot show, and a pipe or file gets
    UTF-8, which JSON, CSV, SVG and YAML are written in. Before, the first such character ended the
    command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or codecs.lookup(stream.encoding).name == "utf-8":
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8")
        except (OSError, ValueError):  # a closed or detached stream: left as it is
            continue


def no_closed_stderr() -> None:
    """A closed standard error (``2>&-``) is None in Python: what whipcount would say there goes to the null
    device instead, and the exit status still tells success from failure (before, the first message ended
    the command with a traceback that had nowhere to go)."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - held for the process's life


def run() -> None:  # pragma: no cover - console script
    no_closed_stderr()
    any_character_streams()
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
