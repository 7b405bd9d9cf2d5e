"""The root click group and helpers every command module shares.

A command module does ``from whipcount.cli.app import cli, json_option, emit_json, console`` and
decorates its functions with ``@cli.command()``. The group is lazy: ``whipcount.cli.main`` lists each
command with the module that defines it and its one-line help, and a module is imported only when one of
its commands runs (``--help`` lists them all without importing any), so a command starts in a blink.
The consoles are lazy too: rich is imported the first time something is printed through them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import importlib
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from whipcount import __version__
from whipcount.errors import InputError
from whipcount.io.days import read_day
from whipcount.io.limits import quoted
from whipcount.model.place import Place

if TYPE_CHECKING:
    from rich.console import Console

    from whipcount.model import Scenario


class _LazyConsole:
    """A rich Console made on first use, so commands that print JSON never import rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._real: Any = None

    def _console(self) -> Any:
        if self._real is None:
            from rich.console import Console

            class _Console(Console):
                def on_broken_pipe(self) -> None:  # rich would exit with status 1, saying nothing
                    self.quiet = True
                    raise ReaderGone()

            self._real = _Console(**self._options)
        return self._real

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """rich's ``print``, with every table made to fit the width whole (:mod:`whipcount.cli.narrow`)."""
        from whipcount.cli.narrow import whole

        real = self._console()
        real.print(*(whole(o, real.width) for o in objects), **kwargs)

    def rule(self, title: Any = "", **kwargs: Any) -> None:
        """rich's ``rule``, its title kept whole in a narrow terminal."""
        from rich.rule import Rule

        self.print(Rule(title, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._console(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:  # console.width = 60 and the like reach the real console
            setattr(self._console(), name, value)


def _width(stream: Any, *, piped: int | None) -> int | None:
    """The width to print ``stream`` at: None lets rich read ``COLUMNS`` or the terminal; ``piped`` for a pipe
    or file. A ``COLUMNS`` that is not a positive number (``COLUMNS=0``, as some CI runners set it) is
    ignored: rich took 0 and printed nothing at all, not even an error."""
    raw = os.environ.get("COLUMNS")
    valid = raw is not None and raw.strip().isdigit() and int(raw) > 0
    tty = stream is not None and stream.isatty()
    if valid or (raw is None and tty):
        return None
    if tty:
        try:
            return os.get_terminal_size(stream.fileno()).columns or 80
        except (OSError, ValueError):
            return 80
    return piped


# Piped output (files, CI logs) gets a readable width instead of rich's 80 columns. A closed standard
# output (``whipcount tally x >&-``) is None: the command refuses to run (cli.main), after this is read.
# Names, titles and rules come from users' files: no text is read as rich markup (`[spd]`) or an emoji code
# (`:100:`) unless a call asks for markup, and then the file's text is escaped (`markup_escape`).
console = cast("Console", _LazyConsole(highlight=False, soft_wrap=False, width=_width(sys.stdout, piped=120),
                                       markup=False, emoji=False))
err_console = cast("Console", _LazyConsole(stderr=True, highlight=False, markup=False, emoji=False,
                                           width=_width(sys.stderr, piped=80)))

F = TypeVar("F", bound=Callable[..., Any])

UNVERIFIED_MARK = "†"
"""Marks a fact the data could not confirm; every command that prints one prints what it stands for."""


class ReaderGone(Exception):  # noqa: N818 - an event, not a fault: the command ends with status 0
    """Standard output's reader closed it early (``whipcount ... | head -c 100``): not an error of the command.

    Raised in place of the ``BrokenPipeError``, which click would otherwise turn into a silent exit status 1."""


class StdoutFailed(InputError):
    """Standard output could not be written (a full disk behind ``> file``): one line, not a traceback."""


_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)})
"""The errors a write to standard output meets (a file named by ``-o`` says its own name: io.outfile)."""


class LazyGroup(click.Group):
    """A group whose commands are imported when they run: ``lazy`` maps a command's name to the module
    that defines it and its one-line help (for ``--help``, which then imports nothing)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, tuple[str, str]] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            importlib.import_module(self.lazy[cmd_name][0])
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise ReaderGone() from exc
        except OSError as exc:
            if exc.filename is not None or exc.errno not in _WRITE_ERRORS:
                raise
            raise StdoutFailed(f"standard output: cannot write ({exc.strerror})") from exc

    def load_all(self) -> None:
        """Import every command's module (for documentation and tests)."""
        for module, _ in self.lazy.values():
            importlib.import_module(module)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit=formatter.width)))
            else:
                rows.append((name, self.lazy[name][1]))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# the version is the package's own (pyproject.toml's, which tests/test_cli_lazy.py checks it against): found
# by its distribution's name, importlib.metadata was imported and every installed package's folder scanned
# for it, a quarter of `whipcount --version`'s work
@click.version_option(__version__, package_name="whipcount")
def cli() -> None:
    """whipcount: model a parliament's confidence system.

    Seats and sides on any date, what the constitution demands, the whip count,
    forecasts, voting power, charts and reports. SCENARIO is a path to a scenario
    YAML file or the name of a bundled scenario (see `whipcount scenarios`).
    """


def markup_escape(text: str) -> str:
    """Text from a file, made safe to put inside rich markup (square brackets shown as they are)."""
    from rich.markup import escape

    return escape(text)


def print_notes(lines: Sequence[str]) -> None:
    """The notes under output that shows a †: a "Not verified:" heading, then one line each."""
    if not lines:
        return
    console.print("[yellow bold]Not verified:[/]", markup=True)
    for line in lines:
        console.print(f"  {UNVERIFIED_MARK} {line}", markup=False, highlight=False, soft_wrap=True)


def json_option(fn: F) -> F:
    """Add ``--json``: print one JSON object instead of tables."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")(fn)


def motion_option(fn: F) -> F:
    """Add ``--motion ID``: a further motion of the scenario, counted with its own stances."""
    return click.option("--motion", "motion", metavar="ID", default=None,
                        help="A further motion of the scenario (its id, as `outcome` lists them, or its kind where "
                             "one motion is of that kind), counted with its own stances and its sides' "
                             "defaults [default: the main motion].")(fn)


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
        return read_day(value)  # YYYY-MM-DD alone, as the web app and the scenario files read a day
    except ValueError as exc:
        if str(exc).startswith("no such "):  # written as a date, but one the calendar lacks: say which part
            raise InputError(f"{option}: {exc}") from None
        raise InputError(f"{option}: expected a date as YYYY-MM-DD, today or yesterday, got {quoted(value)}") from None


def scenario_date(scenario: Scenario, ref: str, day: dt.date | None, *, option: str = "--on") -> dt.date | None:
    """``day`` (from :func:`parse_date`) as a date to look at ``scenario`` on: a date before the one its seat
    counts hold (``chamber.as_of``) has no state to show, so it is refused naming the option and the scenario
    as given (``ref``), not the chamber's state alone."""
    as_of = scenario.chamber.as_of
    if day is not None and day < as_of:
        raise InputError(f"{option}: {ref}: expected a date on or after {as_of.isoformat()}, the date the "
                         f"scenario's seat counts hold (chamber.as_of), got {day.isoformat()}")
    return day


def _default(o: Any) -> Any:
    if isinstance(o, dt.date):
        return o.isoformat()
    if hasattr(o, "tolist"):
        return o.tolist()
    if isinstance(o, set | frozenset | tuple):
        return list(o)
    if isinstance(o, Place):  # where a value was read
        return str(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")


STDOUT = "-"
"""An output named ``-`` is standard output, for every command that writes one file."""


def write_output(output: str | Path, data: str | bytes) -> bool:
    """Write ``data`` to the file ``output`` (whole or not at all: :mod:`whipcount.io.outfile`), or to standard
    output when ``output`` is ``-``. True when a file was written, so the caller says so (never on a clean
    standard output)."""
    if str(output) == STDOUT:
        click.echo(data, nl=False)
        return False
    from whipcount.io.outfile import write_bytes_atomic

    write_bytes_atomic(output, data.encode("utf-8") if isinstance(data, str) else data)
    return True


def json_ready(obj: Any) -> Any:
    """``obj`` with dates as ISO 8601 text, numpy values as numbers and lists, and any float that is not
    finite as ``null``: JSON has no NaN or Infinity, and a consumer's parser would refuse the document."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: json_ready(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [json_ready(v) for v in obj]
    if isinstance(obj, str | int | bool) or obj is None:
        return obj
    return json_ready(_default(obj))


def json_text(obj: Any) -> str:
    """``obj`` as the JSON document ``--json`` prints (:func:`json_ready`, indented, a newline at the end)."""
    return escaped_surrogates(json.dumps(json_ready(obj), indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def escaped_surrogates(text: str) -> str:
    """JSON text with each lone surrogate written as its ``\\u`` escape. A file name that is not UTF-8 (Latin-1
    bytes on a UTF-8 system) reaches Python as such surrogates, and went out as its raw bytes: a document a
    JSON parser refuses whole. Python's ``json`` reads the escape back as the same name."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join(f"\\u{ord(c):04x}" if "\ud800" <= c <= "\udfff" else c for c in text)


def readable(text: str) -> str:
    """``text`` (a file name, an environment variable) with any byte that is not UTF-8 written as ``\\xNN``:
    what a database or a UTF-8 file can hold (before, ``whipcount db load`` of such a file name ended with a
    UnicodeEncodeError traceback, writing the name into the audit trail)."""
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def emit_json(obj: Any) -> None:
    """Print one JSON object on stdout (or its CSV rows under ``--format csv``), integers in every digit
    (:func:`every_digit`)."""
    from whipcount.cli.formats import emit_csv_if_asked

    with every_digit():
        if emit_csv_if_asked(json_ready(obj), lambda o: o):
            return
        click.echo(json_text(obj), nl=False)


def exact_text(value: object) -> str:
    """``str(value)`` in every digit (:func:`every_digit`): an exact index of a game of some 14,300 players is a
    fraction whose denominator (``2**14299``) has more than 4,300 digits, and ``power --json`` had stopped on
    a ValueError traceback writing it."""
    with every_digit():
        return str(value)


@contextlib.contextmanager
def every_digit() -> Iterator[None]:
    """Python refuses to write an integer of more than 4,300 digits (a guard against reading such numbers
    from input, which takes quadratic time): exact counts of games of some 14,000 players pass it, and a
    ``--json`` answer raised ValueError. Writing our own results, the guard is lifted, and put back after."""
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(before)
