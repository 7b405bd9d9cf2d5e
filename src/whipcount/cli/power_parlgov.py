"""``whipcount power --parlgov``: the chosen indices of every party in every bundled ParlGov parliament, as
CSV (on stdout or into a file) or JSON, with a progress bar on a terminal."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from whipcount.cli.app import STDOUT, console, emit_json, err_console, exact_text, json_text
from whipcount.cli.formats import BOM, csv_asked, fraction_cells
from whipcount.cli.power_games import _indices
from whipcount.io.csv_cells import safe_cell
from whipcount.io.outfile import check_writable
from whipcount.io.writer import write_text_atomic
from whipcount.power import PowerIndex, get_index
from whipcount.power.parlgov import SweepRow, sweep

_COLUMNS = ("country", "election_date", "election_id", "party_id", "party_short", "seats", "players",
            "seats_total", "quota")
"""The columns of a party's row before its indices."""


def _parlgov(index_spec: str | None, country: str | None, exact: bool, output: Path | None, as_json: bool,
             max_coalitions: int, *, bom: bool = False) -> None:
    if output is not None and str(output) == STDOUT:
        output = None  # standard output, as without -o
    chosen = _indices(index_spec, (get_index("banzhaf"),))
    if output is not None:  # where it cannot go (a folder missing, a name too long) is said before the sweep
        check_writable(output)
    rows = _sweep(tuple(ix.name for ix in chosen), country, exact, max_coalitions)
    records = [_record(r, chosen, exact) for r in rows]
    _note_left_empty(rows, chosen, max_coalitions)
    if as_json and not csv_asked():  # --format csv is the sweep's own CSV below, not the object's rows
        document = {"indices": [ix.key for ix in chosen], "rows": records}
        if output is None:
            emit_json(document)
            return
        write_text_atomic(output, json_text(document))
        _wrote(records, rows, output)
        return
    header = list(_COLUMNS)
    for ix in chosen:
        header += [ix.key] + (list(fraction_cells(f"{ix.key}_exact", None)) if exact else [])
    buffer = io.StringIO()
    buffer.write(BOM if bom else "")
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for rec in records:
        cells = dict(rec)
        for ix in chosen if exact else ():
            cells.update(fraction_cells(f"{ix.key}_exact", rec[f"{ix.key}_exact"]))
        writer.writerow({k: safe_cell(v) for k, v in cells.items()})
    if output is None:
        sys.stdout.write(buffer.getvalue())
        return
    write_text_atomic(output, buffer.getvalue())
    _wrote(records, rows, output)


def _wrote(records: Sequence[dict[str, Any]], rows: Sequence[SweepRow], output: Path) -> None:
    parliaments = len({r.election_id for r in rows})
    console.print(f"wrote {len(records)} rows ({parliaments} parliaments) to {output}")


def _sweep(names: tuple[str, ...], country: str | None, exact: bool, max_coalitions: int) -> list[SweepRow]:
    """Every party's row of the sweep, with a progress bar on a terminal (none, and no stray blank line,
    when standard error is a file or a pipe)."""
    if not err_console.is_terminal:
        return list(sweep(names, country=country, exact=exact, max_coalitions=max_coalitions))
    progress = Progress(TextColumn("ParlGov parliaments"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err_console, transient=True)
    with progress:
        task = progress.add_task("sweep", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return list(sweep(names, country=country, exact=exact, max_coalitions=max_coalitions, progress=tick))


def _record(r: SweepRow, chosen: Sequence[PowerIndex], exact: bool) -> dict[str, Any]:
    """A party's row: the columns of :data:`_COLUMNS`, then each index as a float (and, ``exact``, as the
    fraction it is); None where the index was left out."""
    rec: dict[str, Any] = {column: getattr(r, column) for column in _COLUMNS}
    for ix in chosen:
        value = r.values[ix.name]
        rec[ix.key] = None if value is None else float(value)
        if exact:
            rec[f"{ix.key}_exact"] = None if value is None else exact_text(value)
    return rec


def _note_left_empty(rows: Sequence[SweepRow], chosen: Sequence[PowerIndex], max_coalitions: int) -> None:
    """Say on standard error, for each index left out somewhere, in how many parliaments and why."""
    for ix in chosen:
        missing = {r.election_id for r in rows if r.values[ix.name] is None}
        if missing:
            where = f"{len(missing)} parliament{'s' if len(missing) > 1 else ''}"
            err_console.print(f"note: {ix.key} left empty in {where}: more than "
                              f"{max_coalitions:,} coalitions to list (--max-coalitions)", highlight=False)
