"""How ``whipcount power`` shows its indices: the table of a weighted game (and its caption), the table or
JSON of a bundled multi-criteria game (``--game``), and an index value as a JSON cell.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from rich import box
from rich.table import Table

from whipcount.cli.app import console, emit_json, exact_text
from whipcount.cli.fit import Col, fitting_tables
from whipcount.cli.power_games import _indices
from whipcount.power import PowerIndex, registered
from whipcount.power.chamber import ChamberGame, by_words
from whipcount.power.indices import banzhaf_swings, vector_method
from whipcount.power.named import NamedGame

SHOWN_DIGITS = 24
"""Counts of more digits are shown rounded in a table ("≈1.2346e+4299"); ``--json`` gives every digit."""


def count_text(n: int) -> str:
    """A count as a table shows it: every digit up to :data:`SHOWN_DIGITS`, else rounded to five
    significant figures (worked from the leading bits: a float cannot hold such a count, nor may Python
    write it out whole without :func:`whipcount.cli.app.every_digit`)."""
    if n < 10**SHOWN_DIGITS:
        return str(n)
    drop = n.bit_length() - 64
    exponent10 = math.log10(n >> drop) + drop * math.log10(2)
    exponent = math.floor(exponent10)
    mantissa = 10 ** (exponent10 - exponent)
    if round(mantissa, 4) >= 10:  # 9.99996... rounds up to the next power of ten
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"≈{mantissa:.4f}e+{exponent}"


def _cell(value: Fraction | float) -> dict[str, Any]:
    if isinstance(value, Fraction):
        return {"exact": exact_text(value), "value": float(value)}
    return {"exact": None, "value": value}


def game_title(named: ChamberGame, what: str) -> str:
    """``what``, the quota and, for a scenario, which one, its motion and the date: the title of ``power``'s
    table and of ``coalitions``' list alike."""
    game = named.game
    title = f"{what}, quota {game.quota} of {game.total}"
    if "scenario" in named.extra:
        motion = f", {named.extra['motion']}" if named.extra.get("motion") else ""
        title += f" ({named.extra['scenario']}{motion}, {named.extra['date']})"
    return title


def game_notes(named: ChamberGame) -> list[str]:
    """What a scenario's game rests on, under ``power``'s table and ``coalitions``' list alike: the quota's
    explanation and whether the players are parties or blocs."""
    return [x for x in (named.extra.get("explanation"), by_words(named.extra, names=named.game.names)) if x]


def _print_power(
    named: ChamberGame, chosen: tuple[PowerIndex, ...], values: dict[PowerIndex, Any], swings: list[int] | None
) -> None:
    game = named.game
    title = game_title(named, "Voting power")
    legend = ", ".join(f"{ix.abbrev} = {ix.title}" for ix in chosen if ix.abbrev != ix.name)
    caption = "\n".join(x for x in (*game_notes(named), legend) if x)
    cols = [Col("player"), Col("weight", "right")]
    if swings is not None:
        cols.append(Col("swings", "right"))
    cols += [Col(ix.abbrev, "right") for ix in chosen]
    digits = 4 if len(chosen) <= 5 else 3
    rows = []
    for i, name in enumerate(game.names):
        labels = named.extra.get("labels")
        row = [labels[i] if labels else name, str(game.weights[i])]
        if swings is not None:
            row.append(count_text(swings[i]))
        rows.append(row + [f"{float(values[ix][i]):.{digits}f}" for ix in chosen])
    for table in fitting_tables(cols, rows, console.width, title=title, caption=caption or None,
                                box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), per_col=2):
        console.print(table)


def _power_named(named: NamedGame, index_spec: str | None, exact: bool, as_json: bool) -> None:
    """Indices of a bundled multi-criteria game (``--game``), as a table or JSON."""
    game = named.game
    # every index that takes a multi-criteria game, by default and for 'all' (which had asked for the
    # enumerating ones too, and failed on Holler-Packel)
    counting = tuple(ix for ix in registered() if ix.vector_games)
    chosen = _indices(index_spec, counting, counting)
    values = {ix: ix(game, exact=exact) for ix in chosen}
    swings = list(banzhaf_swings(game)) if exact else None
    if as_json:
        emit_json(_named_json(named, exact, values, swings))
    else:
        console.print(_named_table(named, chosen, values, swings))


def _named_json(named: NamedGame, exact: bool, values: dict[PowerIndex, Any], swings: list[int] | None
                ) -> dict[str, Any]:
    game = named.game
    return {
        "game": named.id,
        "title": named.title,
        "rule": named.rule,
        "players": list(game.names),
        "codes": list(named.codes),
        "population": list(named.population),
        "population_total": named.total_population,
        "member_quota": named.member_quota,
        "population_quota": named.population_quota,
        "blocking_minority_clause_quota": named.clause_quota,
        "method": vector_method(game),
        "exact": exact,
        "indices": {ix.key: [_cell(v) for v in vals] for ix, vals in values.items()},
        "swings": swings,
        "source": named.source,
        "verified": named.verified,
    }


def _named_table(named: NamedGame, chosen: tuple[PowerIndex, ...], values: dict[PowerIndex, Any],
                 swings: list[int] | None) -> Table:
    """One row a member: its population and share of the total, its swings (exact only), its indices; the
    caption names the rule, the source of the populations and the indices' abbreviations."""
    total = named.total_population
    legend = ", ".join(f"{ix.abbrev} = {ix.title}" for ix in chosen if ix.abbrev != ix.name)
    caption_lines = [named.rule, f"Population: {named.source}"]
    if not named.verified:
        caption_lines.append("UNVERIFIED figures: not confirmed as the Council's own "
                             "(the data file header says how they compare)")
    caption_lines.append(legend)
    title = named.title + ("" if named.verified else " (UNVERIFIED populations)")
    table = Table(
        title=title, caption="\n".join(x for x in caption_lines if x), box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0)
    )
    table.add_column("member", no_wrap=True)
    table.add_column("population", justify="right")
    table.add_column("share", justify="right")
    if swings is not None:
        table.add_column("swings", justify="right")
    for ix in chosen:
        table.add_column(ix.abbrev, justify="right")
    for i, name in enumerate(named.game.names):
        row = [f"{name} ({named.codes[i]})", f"{named.population[i]:,}", f"{named.population[i] / total:.2%}"]
        if swings is not None:
            row.append(f"{swings[i]:,}")
        row += [f"{float(values[ix][i]):.4f}" for ix in chosen]
        table.add_row(*row)
    return table
