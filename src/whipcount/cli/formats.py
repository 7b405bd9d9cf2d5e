"""``--format table|json|csv`` for read commands: one option, one CSV shape built from the JSON.

A command's CSV is its ``--json`` object as rows: one row per record of the object's list (parties,
positions, motions, players), each row carrying the object's own figures (date, seats, vacancies, the
number needed, the totals per side) as columns, so that a spreadsheet has the totals and the number
needed on every line. Nested objects are flattened with ``_`` (``sides_government``), lists joined by
``;`` (a list of records, such as a position's sources, by each record's address or key). A command whose
JSON changes shape with the date names its columns (:mod:`whipcount.cli.csv_columns`), so that the CSVs of
any two dates have the same header.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import functools
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import click

from whipcount.cli.csv_columns import header, nest_phase
from whipcount.cli.params import Choice
from whipcount.model import DEFAULT_SIDES

F = TypeVar("F", bound=Callable[..., Any])
Rows = Callable[[dict[str, Any]], list[dict[str, Any]]]

FORMATS = ("table", "json", "csv")
BOM = "\ufeff"
"""The byte-order mark ``--bom`` starts a CSV with (the bytes EF BB BF in UTF-8): Excel, opening a CSV with a
double-click, reads it as the computer's code page unless the file starts with one, so a name in Urdu, Hebrew
or Japanese came out as mojibake. Off by default: a file that starts with one no longer joins with ``cat``,
and some readers take it into the first column's name."""
BOM_HELP = ("Start the CSV with a UTF-8 byte-order mark, for Excel: opened with a double-click it then reads "
            "names in every script (Urdu, Hebrew, Japanese) as written.")
_CSV: contextvars.ContextVar[tuple[Rows, Sequence[str], bool] | None] = contextvars.ContextVar("whipcount_csv",
                                                                                                default=None)
_SIDES: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("whipcount_csv_sides",
                                                                         default=DEFAULT_SIDES)


@contextlib.contextmanager
def chamber_sides(*chambers: Sequence[str]) -> Iterator[None]:
    """The sides a CSV's ``sides_*`` columns stand for while inside: those of each chamber, in order (a
    scenario's own names, ``coalition`` or ``crossbench``, on every day, not the default three on a day
    no row names a side)."""
    token = _SIDES.set(tuple(dict.fromkeys(side for sides in chambers for side in sides)))
    try:
        yield
    finally:
        _SIDES.reset(token)


@contextlib.contextmanager
def csv_columns(fixed: Sequence[str]) -> Iterator[None]:
    """While inside, a ``--format csv`` is written under ``fixed`` rather than the columns the command
    declared: for a form of the command whose JSON is another object (``outcome --rules ... --yes N``, one
    judged division, not a scenario's motions), whose columns would all stand empty under the declared ones."""
    asked = _CSV.get()
    token = _CSV.set(None if asked is None else (asked[0], tuple(fixed), asked[2]))
    try:
        yield
    finally:
        _CSV.reset(token)


def _flat(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(f"{prefix}_{k}" if prefix else str(k), v)
    elif isinstance(value, list | tuple):
        yield prefix, ";".join(_cell_of(v) for v in value)
    else:
        yield prefix, value


_NAMES = ("url", "key", "id", "bloc", "name", "label")
"""The field that names a record in a list of records (a source's address, a position's key), in that order."""


def _cell_of(item: Any) -> str:
    """One item of a list in a CSV cell: a scalar as text; a record (a source, a position) by the field that
    names it; anything else as compact JSON, so that no item is dropped."""
    if item is None:
        return ""
    if isinstance(item, dict):
        for name in _NAMES:
            if item.get(name) not in (None, ""):
                return str(item[name])
    if isinstance(item, dict | list | tuple):
        import json

        return json.dumps(item, ensure_ascii=False, separators=(",", ":"), default=str)
    return str(item)


def records(key: str | None, item: str = "") -> Rows:
    """Rows: one per item of ``obj[key]`` (or one row when ``key`` is None or the list is missing), each
    with the object's scalar figures first; an item's field named like one of those is ``{item}_{field}``
    (a party's ``seats`` is ``party_seats``, next to the chamber's ``seats``)."""

    def rows(obj: dict[str, Any]) -> list[dict[str, Any]]:
        top = dict(kv for k, v in obj.items() if k != key for kv in _flat(k, v) if kv[0])
        items = obj.get(key) if key else None
        if not isinstance(items, list) or not items:
            return [top]
        out = []
        for one in items:
            fields = dict(_flat("", one))
            out.append({**top, **{(f"{item}_{k}" if k in top else k): v for k, v in fields.items()}})
        return out

    return rows


def compared(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of ``compare --format csv``: each side's parties (:func:`records`), ``A``'s then ``B``'s, each
    row led by the side it belongs to."""
    per_party = records("parties", "party")
    return [{"compared": which.upper(), **row} for which in ("a", "b") for row in per_party(obj[which])]


def phased(rows: Rows) -> Rows:
    """``rows`` of a count or forecast, or of where the motion stands on a day there is none to make
    (:func:`~whipcount.cli.csv_columns.nest_phase`), under the same columns."""
    return lambda obj: rows(nest_phase(obj))


#: The per-player lists of ``whipcount power --json`` and the CSV column each becomes, in column order.
POWER_PER_PLAYER = {"players": "player", "labels": "label", "codes": "code", "weights": "weight",
                    "population": "population", "sides": "side", "swings": "swings"}


def fraction_cells(column: str, exact: str | None) -> dict[str, Any]:
    """An exact fraction (``"5/21"``) as its text and as two numbers, ``{column}_num`` and ``{column}_den``:
    a spreadsheet reads ``1/2`` or ``9/14`` as a date (2 January, 14 September), never as a number, so
    the text alone would not survive being opened in one. Empty cells where there is no fraction."""
    num, den = (exact.split("/") + ["1"])[:2] if exact else (None, None)
    return {column: exact, f"{column}_num": None if num is None else int(num),
            f"{column}_den": None if den is None else int(den)}


def power_rows(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per player of ``whipcount power`` (a weighted game's, a scenario's or a bundled multi-criteria
    game's): the game's figures (quota, total ...), then the player's own (name, label, weight or population,
    side, swings) and every index, value and exact fraction."""
    # a per-player list given as null (swings with --float) stays an empty column in its place, so the header
    # of --float is that of the exact run (swings had moved among the game's figures)
    top = {k: v for k, v in obj.items() if k not in POWER_PER_PLAYER and not isinstance(v, list | dict)}
    if "weights" in obj:
        top["total"] = sum(obj["weights"])
    out, names = [], _index_columns(obj)
    for i in range(len(obj["players"])):
        row = dict(top)
        for key, column in POWER_PER_PLAYER.items():
            if key in obj:
                row[column] = obj[key][i] if isinstance(obj[key], list) else None
        for name in names:
            cells = obj["indices"].get(name)
            row[name] = cells[i]["value"] if cells else None
            row.update(fraction_cells(f"{name}_exact", cells[i]["exact"] if cells else None))
        out.append(row)
    return out


def _index_columns(obj: dict[str, Any]) -> list[str]:
    """The indices a power CSV has columns for: those computed, and those the default set left out (empty, with
    the reason on standard error), in the registry's order, so that a chamber whose Johnston index is left out
    has the header of one whose is not (the columns had been missing)."""
    left = [key for key in obj.get("left_out") or {} if key != "swings"]
    names = [*obj["indices"], *left]
    if not left:
        return names
    from whipcount.power import registered

    place = {ix.key: n for n, ix in enumerate(registered())}
    return sorted(names, key=lambda key: place.get(key, len(place)))


def bom_option(fn: F) -> F:
    """Add ``--bom`` (:data:`BOM`); the command sees ``bom``."""
    return click.option("--bom", is_flag=True, help=BOM_HELP)(fn)


def check_bom(bom: bool, writes_csv: bool) -> None:
    """Refuse ``--bom`` where the command writes no CSV, rather than ignore it."""
    if bom and not writes_csv:
        raise click.UsageError("--bom: expected --format csv (a byte-order mark is for a CSV opened in Excel)")


def csv_asked() -> bool:
    """Whether ``--format csv`` is in force (the command then runs with ``as_json`` true)."""
    return _CSV.get() is not None


def emit_csv_if_asked(obj: Any, plain: Callable[[Any], Any]) -> bool:
    """Write ``obj`` (made JSON-plain by ``plain``) as CSV on stdout when ``--format csv`` is in force;
    False otherwise."""
    asked = _CSV.get()
    if asked is None:
        return False
    to_rows, fixed, bom = asked
    obj = plain(obj)
    if not isinstance(obj, dict):
        return False
    from whipcount.io.csv_cells import safe_cell

    rows = to_rows(obj)
    columns = header(fixed, rows, _SIDES.get())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: safe_cell(v) for k, v in r.items()})
    click.echo((BOM if bom else "") + buf.getvalue(), nl=False)
    return True


def format_option(to_rows: Rows, columns: Sequence[str] = (), csv_flag: str | None = None) -> Callable[[F], F]:
    """Add ``--format table|json|csv``, ``--json`` (the same as ``--format json``) and ``--bom``; the command
    sees ``as_json``, and with csv its JSON object is written as CSV rows by ``to_rows``, under ``columns``
    first (:func:`whipcount.cli.csv_columns.header`), after a byte-order mark with ``--bom``. ``csv_flag``
    names an option of the command that writes a CSV of its own without ``--format csv`` (``power
    --parlgov``): the command then sees ``bom`` too."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, fmt: str | None, as_json: bool, bom: bool, **kwargs: Any) -> Any:
            own_csv = csv_flag is not None and bool(kwargs.get(csv_flag))
            check_bom(bom, fmt == "csv" or (own_csv and not as_json and fmt != "json"))
            if csv_flag is not None:
                kwargs["bom"] = bom
            if fmt == "csv":
                token = _CSV.set((to_rows, columns, bom))
                try:
                    return fn(*args, as_json=True, **kwargs)
                finally:
                    _CSV.reset(token)
            return fn(*args, as_json=as_json or fmt == "json", **kwargs)

        wrapper = bom_option(wrapper)
        wrapper = click.option("--json", "as_json", is_flag=True, help="The same as --format json.")(wrapper)
        wrapper = click.option("--format", "fmt", type=Choice(FORMATS), default=None,
                               help="table (default), json (one object) or csv (rows with the totals and "
                               "the number needed as columns).")(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate
