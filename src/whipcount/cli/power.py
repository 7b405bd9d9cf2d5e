"""``whipcount power`` and ``whipcount coalitions``: voting power and coalitions of weighted games.

Three ways to name a game:

- ``--quota Q W1 W2 ...`` (``--names a,b,...``): any weighted game;
- ``SCENARIO [--on DATE]``: the parties with seats on that date, quota = the yes votes the
  scenario's motion needs (172 for Pakistan's National Assembly);
- ``--parlgov [--country XXX]`` (``power`` only): every parliament in the bundled ParlGov table;
- ``--game NAME`` (``power`` only): a bundled multi-criteria game, e.g. ``eu-council-2024`` (the EU
  Council's qualified majority: members, population and the blocking-minority clause).

The games are built in :mod:`whipcount.cli.power_games`, shown by :mod:`whipcount.cli.power_tables`;
the ParlGov sweep is :mod:`whipcount.cli.power_parlgov`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from whipcount.cli.app import cli, console, emit_json, err_console, every_digit, json_option, motion_option, on_option
from whipcount.cli.formats import format_option, power_rows
from whipcount.cli.numbers import WholeNumber
from whipcount.cli.params import Choice
from whipcount.cli.power_games import _game_from_args, _game_of, _indices, _order
from whipcount.cli.power_parlgov import _parlgov
from whipcount.cli.power_runs import listed_connected, print_runs, runs
from whipcount.cli.power_tables import _cell, _power_named, _print_power, game_notes, game_title
from whipcount.cli.power_types import by_weight, print_by_weight
from whipcount.cli.stream import stream_json
from whipcount.errors import PowerError
from whipcount.model import Scenario
from whipcount.power import (
    COALITION_KINDS,
    PowerIndex,
    TooManyCoalitions,
    Value,
    WeightedGame,
    coalitions,
    get_index,
    registered,
)
from whipcount.power.chamber import ChamberGame
from whipcount.power.indices import DEFAULT_MAX_COALITIONS, banzhaf_swings
from whipcount.power.named import named_game, named_games
from whipcount.power.weighted import TooLarge

_INDEX_HELP = "Comma-separated indices (or 'all'): " + ", ".join(ix.name for ix in registered()) + "."


by_option = click.option(
    "--by", "by", type=Choice(["party", "bloc"]), default=None,
    help="SCENARIO: weigh whole parties, or each party's seats on each side as a bloc (default: bloc when a party "
         "sits on two sides, else party).")


@cli.command("power", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1)
@click.option("--quota", "-q", type=WholeNumber(min=1), default=None,
              help="Votes needed to win; the arguments are weights.")
@click.option("--names", default=None, help="Comma-separated player names (with --quota).")
@click.option("--index", "index_spec", default=None, metavar="NAMES", help=_INDEX_HELP + " Default: all.")
@click.option("--allow-improper", is_flag=True, help="Accept a quota at most half the total weight.")
@click.option("--float", "use_float", is_flag=True, help="float64 instead of exact fractions (large games).")
@click.option("--max-coalitions", type=WholeNumber(min=1), default=DEFAULT_MAX_COALITIONS, show_default=True,
              help="Holler-Packel, Deegan-Packel, Johnston: the most coalitions they may list (by default they are "
                   "left out past it; asked for by --index, past it is an error).")
@click.option("--parlgov", is_flag=True, help="Every party in every bundled ParlGov parliament (CSV).")
@click.option("--country", default=None, help="With --parlgov: one country code (DEU, GBR ...).")
@click.option(
    "--game", "game_name", default=None, metavar="NAME", help="A bundled game: " + ", ".join(named_games()) + "."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="--parlgov: CSV file ('-' or left out: standard output)."
)
@by_option
@on_option
@motion_option
@format_option(power_rows, csv_flag="parlgov")
def power_cmd(args: tuple[str, ...], quota: int | None, names: str | None, index_spec: str | None,
              allow_improper: bool, use_float: bool, max_coalitions: int, parlgov: bool, country: str | None,
              game_name: str | None, output: Path | None, by: str | None, on: str | None, motion: str | None,
              as_json: bool, bom: bool) -> None:
    """Voting power: SCENARIO, or --quota Q W1 W2 ..., or --parlgov, or --game NAME.

    \b
      whipcount power --quota 51 49 48 3 --names A,B,C
      whipcount power pk-na-2022 --index banzhaf,shapley-shubik
      whipcount power pk-na-2022 --motion pm-election-2022-04-11
      whipcount power --parlgov --country DEU -o deu.csv
      whipcount power --parlgov --bom -o for-excel.csv
      whipcount power --game eu-council-2024 --index banzhaf,ss
    """
    exact = not use_float
    if game_name is not None:
        if args or quota is not None or parlgov or names or country or output or on or allow_improper or motion:
            raise PowerError("--game takes no SCENARIO, weights, --quota, --names, --parlgov, --country, -o, --on "
                             "or --motion")
        _power_named(named_game(game_name), index_spec, exact, as_json)
        return
    if parlgov:
        if args or quota is not None or on is not None or motion is not None:
            raise PowerError("--parlgov takes no SCENARIO, weights, --quota, --on or --motion (it covers every "
                             "election)")
        _parlgov(index_spec, country, exact, output, as_json, max_coalitions, bom=bom)
        return
    if country or output:
        raise PowerError("--country and -o/--output apply only with --parlgov")
    named = _game_from_args(args, quota, names, allow_improper, on, by, motion)
    _power_of(named, index_spec, exact, max_coalitions, as_json)


def _power_of(named: ChamberGame, index_spec: str | None, exact: bool, max_coalitions: int, as_json: bool) -> None:
    """The indices chosen (default: all) of a scenario's or a weighted game's players, as a table or JSON,
    with the Banzhaf swings where the values are exact; an index left out is said on standard error."""
    game = named.game
    chosen = _indices(index_spec, registered())
    values, left_out, why = _values(game, chosen, exact, max_coalitions, asked=index_spec is not None)
    swings, no_swings = _swings_of(game, exact)
    if no_swings is not None:
        left_out["swings"] = no_swings
        why.setdefault(no_swings, []).append("swings")
    if not values:  # every index chosen was left out: a table of weights alone would answer nothing
        raise PowerError(f"no index could be computed: {next(iter(why))}")
    for reason, keys in why.items():
        err_console.print(f"note: {', '.join(keys)} left out: {reason}", soft_wrap=True, highlight=False)
    if as_json:
        emit_json(
            {
                **named.extra,
                "players": list(game.names),
                "weights": list(game.weights),
                "quota": game.quota,
                "exact": exact,
                "indices": {ix.key: [_cell(v) for v in vals] for ix, vals in values.items()},
                "swings": swings,
                **({"left_out": left_out} if left_out else {}),
            }
        )
        return
    _print_power(named, tuple(values), values, swings)


def _swings_of(game: WeightedGame, exact: bool) -> tuple[list[int] | None, str | None]:
    """The Banzhaf swing counts (exact values only), or None and the reason where their count is too large to
    run: they are left out as an index is (they had failed the whole command, with every index that could be
    shown beside them)."""
    if not exact:
        return None, None
    try:
        return list(banzhaf_swings(game)), None
    except TooLarge as e:
        return None, str(e)


def _values(game: WeightedGame, chosen: tuple[PowerIndex, ...], exact: bool, max_coalitions: int, asked: bool
            ) -> tuple[dict[PowerIndex, tuple[Value, ...]], dict[str, str], dict[str, list[str]]]:
    """Each index's values; by default (``asked`` false) an index whose count is too large to run
    (Shapley–Shubik's, at a thousand players) or that meets too many coalitions is left out, with the
    reason, instead of failing the whole table. The package's enumerating indices (Holler-Packel,
    Deegan-Packel, Johnston) all list at least the minimal winning coalitions, so once the limit stops one
    it stops those after it: they are not tried. Returned besides the values: each index left out with its
    reason, and the indices left out by each reason (those not tried under the reason that stopped them)."""
    values: dict[PowerIndex, tuple[Value, ...]] = {}
    left_out: dict[str, str] = {}
    why: dict[str, list[str]] = {}
    stopped: tuple[str, str] | None = None  # the first enumerating index stopped by the limit, and why
    for ix in chosen:
        if stopped is not None and ix.method == "enumeration":
            left_out[ix.key] = f"not tried: {stopped[0]} met more than the limit already"
            why[stopped[1]].append(ix.key)
            continue
        try:
            values[ix] = ix(game, exact=exact, max_coalitions=max_coalitions)
        except (TooManyCoalitions, TooLarge) as e:
            if asked:
                raise
            left_out[ix.key] = str(e)
            why.setdefault(str(e), []).append(ix.key)
            if isinstance(e, TooManyCoalitions):
                stopped = stopped or (ix.key, str(e))
    return values, left_out, why


@cli.command("coalitions", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1)
@click.option("--quota", "-q", type=WholeNumber(min=1), default=None,
              help="Votes needed to win; the arguments are weights.")
@click.option("--names", default=None, help="Comma-separated player names (with --quota).")
@click.option(
    "--kind",
    type=Choice(list(COALITION_KINDS)),
    default="minimal",
    show_default=True,
    help="winning; minimal winning; minimum (least total weight, Riker); connected (Axelrod).",
)
@click.option("--limit", type=WholeNumber(min=0), default=50, show_default=True, help="Stop after N (0: all).")
@click.option("--order", default=None, help="--kind connected: left-to-right player names, comma-separated.")
@click.option("--allow-improper", is_flag=True, help="Accept a quota at most half the total weight.")
@by_option
@on_option
@motion_option
@json_option
def coalitions_cmd(
    args: tuple[str, ...],
    quota: int | None,
    names: str | None,
    kind: str,
    limit: int,
    order: str | None,
    allow_improper: bool,
    by: str | None,
    on: str | None,
    motion: str | None,
    as_json: bool,
) -> None:
    """Winning coalitions of SCENARIO or of --quota Q W1 W2 ..., streamed up to --limit.

    \b
      whipcount coalitions --quota 51 49 48 3 --kind minimal
      whipcount coalitions pk-na-2022 --kind minimum
      whipcount coalitions --quota 51 49 48 3 --names L,C,R --kind connected --order L,C,R
    """
    named = _game_from_args(args, quota, names, allow_improper, on, by, motion)
    game = named.game
    order_idx = _order(game, order, named.left_right, kind)
    cap = None if limit == 0 else limit + 1
    typed = by_weight(game, kind, limit)  # players sharing weights: counted by weight, listed where few enough
    # a connected coalition depends on the order, not the weights: past the same bound, given by its ends
    listed = typed.listed if typed else kind != "connected" or listed_connected(game, order_idx, limit)
    found = iter(coalitions(game, kind, limit=cap, order=order_idx) if listed else ())
    items: Iterator[dict[str, Any]] = ({"members": [game.names[i] for i in c], "weight": game.weight_of(c)}
                                       for c in found)
    notes = game_notes(named)  # the quota's explanation ends with a note on a chamber not its profile's size
    if kind == "connected" and not order and not (named.left_right and all(x is not None for x in named.left_right)):
        notes.append("connected along the players' order as listed (give --order, or left_right for every party)")
    if as_json:
        head = {**{k: v for k, v in named.extra.items() if k != "sides"}, "players": list(game.names),
                "weights": list(game.weights), "quota": game.quota, "kind": kind,
                "order": [game.names[i] for i in order_idx] if order_idx is not None else None,
                "by_weight": typed.as_dict() if typed else None}
        if kind == "connected":
            head["members_listed"] = listed
            if not listed:
                head["runs"] = [r.as_dict() for r in runs(game, order_idx, limit)]
        with every_digit():
            stream_json(head, "coalitions", items, limit)
        return
    labels = dict(zip(game.names, named.extra.get("labels") or game.names, strict=True))  # as power shows them
    title = game_title(named, COALITION_TITLES[kind])
    if typed and not typed.listed:
        print_by_weight(title, typed, notes)
        return
    if not listed:
        print_runs(title, runs(game, order_idx, limit + 1), limit, notes)
        return
    rows = ((" + ".join(labels[m] for m in it["members"]), str(it["weight"])) for it in items)
    if 0 < limit <= TABLE_ROWS:
        _print_table(title, rows, limit, notes)
        return
    if _stream_rows(title, rows, limit):
        notes.append(f"first {limit} shown (--limit 0 for all)")
    for note in notes:
        click.echo(note)


COALITION_TITLES = {"winning": "winning coalitions", "minimal": "minimal winning coalitions",
                    "minimum": "minimum winning coalitions", "connected": "minimal connected winning coalitions"}
"""What each ``--kind`` lists, as its title says it (``winning`` had been titled 'winning winning coalitions')."""

TABLE_ROWS = 1_000
"""``coalitions`` prints at most this many rows as one table (it needs them all to size its columns); with
a larger ``--limit``, or ``0``, each row is written as soon as it is found, in columns of fixed width."""


def _print_table(title: str, rows: Iterator[tuple[str, str]], limit: int, notes: list[str]) -> None:
    """At most ``limit`` rows as one rich table, the notes as its caption (and whether more were found)."""
    table = Table(title=title)
    table.add_column("#", justify="right")
    table.add_column("members")
    table.add_column("weight", justify="right")
    for n, (members, weight) in enumerate(rows, start=1):
        if n > limit:
            notes = [*notes, f"first {limit} shown (--limit 0 for all)"]
            break
        table.add_row(str(n), members, weight)
    table.caption = "\n".join(notes) or None
    console.print(table)


def _stream_rows(title: str, rows: Iterator[tuple[str, str]], limit: int) -> bool:
    """Each row as soon as it is found (memory bounded whatever the number of rows); whether more were
    found than ``limit`` (0: no limit)."""
    click.echo(title)
    click.echo(f"{'#':>10}  {'weight':>10}  members")
    for n, (members, weight) in enumerate(rows, start=1):
        if limit and n > limit:
            return True
        click.echo(f"{n:>10}  {weight:>10}  {members}")
    return False


def demo_power(scenario: Scenario) -> None:
    """The demo's power section: Banzhaf and Shapley–Shubik of each party on the day of the vote."""
    named = _game_of(scenario, None, False)
    chosen = tuple(get_index(name) for name in ("banzhaf", "shapley-shubik"))
    values = {ix: ix(named.game, exact=True) for ix in chosen}
    _print_power(named, chosen, values, list(banzhaf_swings(named.game)))
