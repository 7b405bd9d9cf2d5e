"""``whipcount power`` and ``whipcount coalitions``: voting power and coalitions of weighted games.

Three ways to name a game:

- ``--quota Q W1 W2 ...`` (``--names a,b,...``): any weighted game;
- ``SCENARIO [--on DATE]``: the parties with seats on that date, quota = the yes votes the
  scenario's motion needs (172 for Pakistan's National Assembly);
- ``--parlgov [--country XXX]`` (``power`` only): every parliament in the bundled ParlGov table;
- ``--game NAME`` (``power`` only): a bundled multi-criteria game, e.g. ``eu-council-2024`` (the EU
  Council's qualified majority: members, population and the blocking-minority clause).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from whipcount.cli.app import cli, console, emit_json, err_console, json_option, on_option, parse_date
from whipcount.cli.fit import Col, fitting_tables
from whipcount.cli.formats import format_option, power_rows
from whipcount.errors import PowerError
from whipcount.io.writer import write_text_atomic
from whipcount.model import ChamberState, Scenario
from whipcount.power import COALITION_KINDS, PowerIndex, WeightedGame, coalitions, get_index, registered
from whipcount.power.indices import banzhaf_swings, vector_method
from whipcount.power.named import NamedGame, named_game, named_games
from whipcount.power.parlgov import sweep


@dataclass(frozen=True)
class _Named:
    """A game plus where it came from (for JSON and captions)."""

    game: WeightedGame
    extra: dict[str, Any]
    left_right: tuple[float | None, ...] | None = None


def _parse_weights(values: tuple[str, ...]) -> list[int]:
    weights = []
    for i, text in enumerate(values):
        try:
            weights.append(int(text))
        except ValueError:
            raise PowerError(f"weights[{i}] must be a non-negative integer, got {text!r}") from None
    return weights


def _game_from_args(
    args: tuple[str, ...], quota: int | None, names: str | None, allow_improper: bool, on: str | None,
    by: str | None = None,
) -> _Named:
    """A game from ``--quota Q W...`` or from one SCENARIO argument."""
    if quota is not None:
        if not args:
            raise PowerError("weights: give the players' weights after --quota, e.g. --quota 51 49 48 3")
        name_list = [s.strip() for s in names.split(",")] if names else None
        if by is not None:
            raise PowerError("--by applies to a SCENARIO (a game given by weights has no parties or sides)")
        game = WeightedGame(_parse_weights(args), quota, names=name_list, proper=not allow_improper)
        return _Named(game, {})
    if len(args) != 1:
        raise PowerError(
            "give one SCENARIO, or --quota Q W1 W2 ... "
            + (f"(got {len(args)} arguments without --quota)" if args else "(got nothing)")
        )
    if names:
        raise PowerError("--names applies only with --quota (a scenario names its parties)")
    return _game_from_scenario(args[0], on, allow_improper, by)


def _game_from_scenario(ref: str, on: str | None, allow_improper: bool, by: str | None = None) -> _Named:
    from whipcount.io.scenario import load_scenario

    return _game_of(load_scenario(ref), parse_date(on), allow_improper, by)


def _players(state: ChamberState, by: str) -> list[tuple[str, int, str, float | None]]:
    """(name, seats, side, left-right) per player: each party whole (``party``), or each party's seats on
    each side as a bloc of its own (``bloc``: "bap@opposition"), as the whip count has them."""
    if by == "party":
        return [(p.id, p.seats, p.side, p.left_right) for p in state.parties if p.seats > 0]
    return [(p.id if not p.split else f"{p.id}@{side}", n, side, p.left_right)
            for p in state.parties for side, n in p.by_side if n > 0]


def _game_of(scenario: Scenario, on: dt.date | None, allow_improper: bool, by: str | None = None) -> _Named:
    """The parties' (or blocs') weighted game under the main motion's threshold on ``on``. ``by`` None:
    blocs when any party sits on two sides (its seats there vote with that side), else parties."""
    from whipcount.rules import needed_in

    state = scenario.state(on)
    kind = scenario.main_kind
    need = needed_in(scenario, state)
    if need.count is None:
        raise PowerError(
            f"{scenario.id}: the {kind} threshold ({need.explanation}) depends on turnout; "
            "use --quota Q with the parties' seats"
        )
    split = [p.id for p in state.parties if p.split]
    by = by or ("bloc" if split else "party")
    players = _players(state, by)
    game = WeightedGame([n for _, n, _, _ in players], need.count, names=[name for name, _, _, _ in players],
                        proper=not allow_improper)
    extra = {
        "scenario": scenario.id,
        "date": state.date.isoformat(),
        "motion": kind,
        "explanation": need.explanation,
        "by": by,
        "split_parties": split,
        "sides": [side for _, _, side, _ in players],
        "labels": [_label(state, name) for name, _, _, _ in players],
    }
    return _Named(game, extra, tuple(lr for _, _, _, lr in players))


def _label(state: ChamberState, player: str) -> str:
    """A player as a reader knows it: the party's short name, with its side for a bloc ("BAP (opposition)")."""
    party_id, _, side = player.partition("@")
    party = next((p for p in state.parties if p.id == party_id), None)
    short = (party.short or party.name) if party is not None else party_id
    return f"{short} ({side})" if side else short


def _indices(spec: str | None, default: tuple[PowerIndex, ...]) -> tuple[PowerIndex, ...]:
    if spec is None:
        return default
    if spec.strip().lower() == "all":
        return registered()
    chosen = tuple(get_index(part) for part in spec.split(",") if part.strip())
    if not chosen:
        raise PowerError(f"--index: expected names like banzhaf,shapley-shubik, got {spec!r}")
    return chosen


def _cell(value: Fraction | float) -> dict[str, Any]:
    if isinstance(value, Fraction):
        return {"exact": str(value), "value": float(value)}
    return {"exact": None, "value": value}


_INDEX_HELP = "Comma-separated indices (or 'all'): " + ", ".join(ix.name for ix in registered()) + "."


@cli.command("power", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1)
@click.option("--quota", "-q", type=int, default=None, help="Votes needed to win; the arguments are weights.")
@click.option("--names", default=None, help="Comma-separated player names (with --quota).")
@click.option("--index", "index_spec", default=None, metavar="NAMES", help=_INDEX_HELP + " Default: all.")
@click.option("--allow-improper", is_flag=True, help="Accept a quota at most half the total weight.")
@click.option("--float", "use_float", is_flag=True, help="float64 instead of exact fractions (large games).")
@click.option("--parlgov", is_flag=True, help="Every party in every bundled ParlGov parliament (CSV).")
@click.option("--country", default=None, help="With --parlgov: one country code (DEU, GBR ...).")
@click.option(
    "--game", "game_name", default=None, metavar="NAME", help="A bundled game: " + ", ".join(named_games()) + "."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="--parlgov: CSV file."
)
@click.option("--by", "by", type=click.Choice(["party", "bloc"]), default=None,
              help="SCENARIO: weigh whole parties, or each party's seats on each side as a bloc (default: bloc "
                   "when a party sits on two sides, else party).")
@on_option
@format_option(power_rows)
def power_cmd(
    args: tuple[str, ...],
    quota: int | None,
    names: str | None,
    index_spec: str | None,
    allow_improper: bool,
    use_float: bool,
    parlgov: bool,
    country: str | None,
    game_name: str | None,
    output: Path | None,
    by: str | None,
    on: str | None,
    as_json: bool,
) -> None:
    """Voting power: SCENARIO, or --quota Q W1 W2 ..., or --parlgov, or --game NAME.

    \b
      whipcount power --quota 51 49 48 3 --names A,B,C
      whipcount power pk-na-2022 --index banzhaf,shapley-shubik
      whipcount power --parlgov --country DEU -o deu.csv
      whipcount power --game eu-council-2024 --index banzhaf,ss
    """
    exact = not use_float
    if game_name is not None:
        if args or quota is not None or parlgov or names or country or output or on or allow_improper:
            raise PowerError("--game takes no SCENARIO, weights, --quota, --names, --parlgov, --country, -o or --on")
        _power_named(named_game(game_name), index_spec, exact, as_json)
        return
    if parlgov:
        if args or quota is not None or on is not None:
            raise PowerError("--parlgov takes no SCENARIO, weights, --quota or --on (it covers every election)")
        _parlgov(index_spec, country, exact, output, as_json)
        return
    if country or output:
        raise PowerError("--country and -o/--output apply only with --parlgov")
    named = _game_from_args(args, quota, names, allow_improper, on, by)
    game = named.game
    chosen = _indices(index_spec, registered())
    values = {ix: ix(game, exact=exact) for ix in chosen}
    swings = list(banzhaf_swings(game)) if exact else None
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
            }
        )
        return
    _print_power(named, chosen, values, swings)


def _print_power(
    named: _Named, chosen: tuple[PowerIndex, ...], values: dict[PowerIndex, Any], swings: list[int] | None
) -> None:
    game = named.game
    title = f"Voting power, quota {game.quota} of {game.total}"
    if "scenario" in named.extra:
        title += f" ({named.extra['scenario']}, {named.extra['date']})"
    legend = ", ".join(f"{ix.abbrev} = {ix.title}" for ix in chosen if ix.abbrev != ix.name)
    caption = "\n".join(x for x in (named.extra.get("explanation"), _by_words(named.extra), legend) if x)
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
            row.append(str(swings[i]))
        rows.append(row + [f"{float(values[ix][i]):.{digits}f}" for ix in chosen])
    for table in fitting_tables(cols, rows, console.width, title=title, caption=caption or None,
                                box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), per_col=2):
        console.print(table)


def _by_words(extra: dict[str, Any]) -> str | None:
    """Which players the table weighs, in words (scenario games only)."""
    if "by" not in extra:
        return None
    split = ", ".join(extra["split_parties"])
    if extra["by"] == "bloc":
        return (f"players are blocs: each party's seats on one side ({split} sit on two sides)" if split
                else "players are blocs: each party's seats on one side")
    return "players are whole parties" + (f" ({split} sit on two sides: --by bloc weighs them apart)" if split else "")


_VECTOR_DEFAULT = ("banzhaf", "penrose", "shapley-shubik", "coleman-prevent", "coleman-initiate")


def _power_named(named: NamedGame, index_spec: str | None, exact: bool, as_json: bool) -> None:
    """Indices of a bundled multi-criteria game (``--game``), as a table or JSON."""
    game = named.game
    chosen = _indices(index_spec, tuple(get_index(name) for name in _VECTOR_DEFAULT))
    values = {ix: ix(game, exact=exact) for ix in chosen}
    swings = list(banzhaf_swings(game)) if exact else None
    total = named.total_population
    if as_json:
        emit_json(
            {
                "game": named.id,
                "title": named.title,
                "rule": named.rule,
                "players": list(game.names),
                "codes": list(named.codes),
                "population": list(named.population),
                "population_total": total,
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
        )
        return
    legend = ", ".join(f"{ix.abbrev} = {ix.title}" for ix in chosen if ix.abbrev != ix.name)
    caption_lines = [named.rule, f"Population: {named.source}"]
    if not named.verified:
        caption_lines.append("UNVERIFIED figures: not checked against the Council's own (see the data file header)")
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
    for i, name in enumerate(game.names):
        row = [f"{name} ({named.codes[i]})", f"{named.population[i]:,}", f"{named.population[i] / total:.2%}"]
        if swings is not None:
            row.append(f"{swings[i]:,}")
        row += [f"{float(values[ix][i]):.4f}" for ix in chosen]
        table.add_row(*row)
    console.print(table)


def _parlgov(index_spec: str | None, country: str | None, exact: bool, output: Path | None, as_json: bool) -> None:
    chosen = _indices(index_spec, (get_index("banzhaf"),))
    names = tuple(ix.name for ix in chosen)
    folder = output.parent if output is not None and str(output.parent) else Path(".")
    if not folder.is_dir():
        raise PowerError(f"-o {output}: folder {folder} does not exist")
    if not err_console.is_terminal:  # no bar (and no stray blank line) when stderr is a file or a pipe
        rows = list(sweep(names, country=country, exact=exact))
    else:
        progress = Progress(
            TextColumn("ParlGov parliaments"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        )
        with progress:
            task = progress.add_task("sweep", total=None)

            def tick(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            rows = list(sweep(names, country=country, exact=exact, progress=tick))
    header = [
        "country",
        "election_date",
        "election_id",
        "party_id",
        "party_short",
        "seats",
        "seats_total",
        "quota",
    ]
    for ix in chosen:
        header += [ix.key] + ([f"{ix.key}_exact"] if exact else [])
    records = []
    for r in rows:
        rec: dict[str, Any] = {
            "country": r.country,
            "election_date": r.election_date,
            "election_id": r.election_id,
            "party_id": r.party_id,
            "party_short": r.party_short,
            "seats": r.seats,
            "seats_total": r.seats_total,
            "quota": r.quota,
        }
        for ix in chosen:
            value = r.values[ix.name]
            rec[ix.key] = float(value)
            if exact:
                rec[f"{ix.key}_exact"] = str(value)
        records.append(rec)
    if as_json and output is None:
        emit_json({"indices": [ix.key for ix in chosen], "rows": records})
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    if output is None:
        sys.stdout.write(buffer.getvalue())
        return
    write_text_atomic(output, buffer.getvalue())
    parliaments = len({r.election_id for r in rows})
    err_console.print(f"wrote {len(records)} rows ({parliaments} parliaments) to {output}")


@cli.command("coalitions", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1)
@click.option("--quota", "-q", type=int, default=None, help="Votes needed to win; the arguments are weights.")
@click.option("--names", default=None, help="Comma-separated player names (with --quota).")
@click.option(
    "--kind",
    type=click.Choice(list(COALITION_KINDS)),
    default="minimal",
    show_default=True,
    help="winning; minimal winning; minimum (least total weight, Riker); connected (Axelrod).",
)
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Stop after N (0: all).")
@click.option("--order", default=None, help="--kind connected: left-to-right player names, comma-separated.")
@click.option("--allow-improper", is_flag=True, help="Accept a quota at most half the total weight.")
@on_option
@json_option
def coalitions_cmd(
    args: tuple[str, ...],
    quota: int | None,
    names: str | None,
    kind: str,
    limit: int,
    order: str | None,
    allow_improper: bool,
    on: str | None,
    as_json: bool,
) -> None:
    """Winning coalitions of SCENARIO or of --quota Q W1 W2 ..., streamed up to --limit.

    \b
      whipcount coalitions --quota 51 49 48 3 --kind minimal
      whipcount coalitions pk-na-2022 --kind connected --order ppp,pml-n,pti
    """
    named = _game_from_args(args, quota, names, allow_improper, on)
    game = named.game
    order_idx = _order(game, order, named.left_right, kind)
    cap = None if limit == 0 else limit + 1
    found = list(coalitions(game, kind, limit=cap, order=order_idx))
    truncated = cap is not None and len(found) > limit
    if truncated:
        found = found[:limit]
    items: list[dict[str, Any]] = [{"members": [game.names[i] for i in c], "weight": game.weight_of(c)} for c in found]
    if as_json:
        emit_json(
            {
                **{k: v for k, v in named.extra.items() if k != "sides"},
                "players": list(game.names),
                "weights": list(game.weights),
                "quota": game.quota,
                "kind": kind,
                "order": [game.names[i] for i in order_idx] if order_idx is not None else None,
                "coalitions": items,
                "truncated": truncated,
            }
        )
        return
    table = Table(title=f"{kind} winning coalitions, quota {game.quota} of {game.total}")
    table.add_column("#", justify="right")
    table.add_column("members")
    table.add_column("weight", justify="right")
    for n, item in enumerate(items, start=1):
        table.add_row(str(n), " + ".join(item["members"]), str(item["weight"]))
    notes = []
    if kind == "connected" and not order and not (named.left_right and all(x is not None for x in named.left_right)):
        notes.append("connected along the players' order as listed (give --order, or left_right for every party)")
    if truncated:
        notes.append(f"first {limit} shown (--limit 0 for all)")
    if notes:
        table.caption = "\n".join(notes)
    console.print(table)


def _order(
    game: WeightedGame, order: str | None, left_right: tuple[float | None, ...] | None, kind: str
) -> list[int] | None:
    if kind != "connected":
        if order:
            raise PowerError(f"--order applies only to --kind connected, got --kind {kind}")
        return None
    if order:
        index = {name: i for i, name in enumerate(game.names)}
        wanted = [s.strip() for s in order.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in index]
        if unknown:
            raise PowerError(f"--order: unknown players {', '.join(unknown)}; players: {', '.join(game.names)}")
        if sorted(wanted) != sorted(game.names):
            missing = [n for n in game.names if n not in wanted]
            raise PowerError(f"--order must list every player once; missing {', '.join(missing) or '(duplicates)'}")
        return [index[s] for s in wanted]
    if left_right is not None and all(x is not None for x in left_right):
        return sorted(range(game.n), key=lambda i: (left_right[i] or 0.0, i))
    return list(range(game.n))


def demo_power(scenario: Scenario) -> None:
    """The demo's power section: Banzhaf and Shapley–Shubik of each party on the day of the vote."""
    named = _game_of(scenario, None, False)
    chosen = tuple(get_index(name) for name in ("banzhaf", "shapley-shubik"))
    values = {ix: ix(named.game, exact=True) for ix in chosen}
    _print_power(named, chosen, values, list(banzhaf_swings(named.game)))
