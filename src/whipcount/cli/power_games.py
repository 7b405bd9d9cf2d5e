"""The game a ``power`` or ``coalitions`` command line names: weights after ``--quota``, or a SCENARIO's
parties (or blocs) on a date under its main motion's threshold; the indices ``--index`` chooses; the
left-to-right order ``--kind connected`` walks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.cli.app import parse_date
from whipcount.errors import PowerError
from whipcount.model import ChamberState, Scenario
from whipcount.power import PowerIndex, WeightedGame, get_index, registered


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
