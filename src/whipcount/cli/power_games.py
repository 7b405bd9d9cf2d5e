"""The game a ``power`` or ``coalitions`` command line names: weights after ``--quota``, or a SCENARIO's
parties (or blocs) on a date under its main motion's threshold; the indices ``--index`` chooses; the
left-to-right order ``--kind connected`` walks.
"""

from __future__ import annotations

import datetime as dt

from whipcount.cli.app import parse_date, scenario_date
from whipcount.cli.numbers import too_many_digits
from whipcount.errors import PowerError
from whipcount.model import Scenario
from whipcount.power import PowerIndex, WeightedGame, get_index, registered
from whipcount.power.chamber import ChamberGame, TurnoutQuota, chamber_game


def _parse_weights(values: tuple[str, ...]) -> list[int]:
    """The weights W1 W2 ... of ``--quota Q W1 W2 ...``, each named as the help names it (W1 the first), where
    the library, counting from 0, says ``weights[0]``."""
    weights = []
    for i, text in enumerate(values, start=1):
        long = too_many_digits(text)
        if long is not None:
            raise PowerError(f"W{i} (weight {i} of {len(values)}): {long}")
        try:
            weight = int(text)
        except ValueError:
            weight = -1
        if weight < 0:
            raise PowerError(f"W{i} (weight {i} of {len(values)}): expected a whole number of 0 or more, got "
                             f"{text!r}")
        weights.append(weight)
    return weights


def _game_from_args(
    args: tuple[str, ...], quota: int | None, names: str | None, allow_improper: bool, on: str | None,
    by: str | None = None, motion: str | None = None,
) -> ChamberGame:
    """A game from ``--quota Q W...`` or from one SCENARIO argument (under its ``motion``, default the main)."""
    for text in args:  # unknown options are let through, so that a weight of -3 is refused as a weight
        if text.startswith("--") or (text.startswith("-") and text[1:2].isalpha()):
            raise PowerError(f"no such option: {text.split('=')[0]} (see --help)")
    if quota is not None:
        if not args:
            raise PowerError("weights: give the players' weights after --quota, e.g. --quota 51 49 48 3")
        name_list = [s.strip() for s in names.split(",")] if names is not None else None
        for given, option in ((by, "--by"), (motion, "--motion"), (on, "--on")):
            if given is not None:
                raise PowerError(f"{option} applies to a SCENARIO (a game given by weights has no parties, sides, "
                                 "motions or dates)")
        game = WeightedGame(_parse_weights(args), quota, names=name_list, proper=not allow_improper)
        return ChamberGame(game, {})
    if len(args) != 1:
        raise PowerError(
            "give one SCENARIO, or --quota Q W1 W2 ... "
            + (f"(got {len(args)} arguments without --quota)" if args else "(got nothing)")
        )
    if names is not None:
        raise PowerError("--names applies only with --quota (a scenario names its parties)")
    return _game_from_scenario(args[0], on, allow_improper, by, motion)


def _game_from_scenario(ref: str, on: str | None, allow_improper: bool, by: str | None = None,
                        motion: str | None = None) -> ChamberGame:
    from whipcount.io.scenario import load_scenario

    sc = load_scenario(ref).for_motion(motion)
    return _game_of(sc, scenario_date(sc, ref, parse_date(on)), allow_improper, by)


def _game_of(scenario: Scenario, on: dt.date | None, allow_improper: bool, by: str | None = None) -> ChamberGame:
    """:func:`whipcount.power.chamber.chamber_game`, with the way round a threshold that depends on turnout."""
    try:
        return chamber_game(scenario, on, allow_improper=allow_improper, by=by)
    except TurnoutQuota as exc:
        raise PowerError(f"{exc}; use --quota Q with the parties' seats") from None


def _indices(spec: str | None, default: tuple[PowerIndex, ...],
             every: tuple[PowerIndex, ...] | None = None) -> tuple[PowerIndex, ...]:
    """The indices ``--index`` names: ``default`` without it; ``all`` is ``every`` (by default every registered
    index; for a multi-criteria game those that take one)."""
    if spec is None:
        return default
    if spec.strip().lower() == "all":
        return registered() if every is None else every
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
        twice = [n for n in game.names if wanted.count(n) > 1]
        missing = [n for n in game.names if n not in wanted]
        if twice or missing:
            said = [f"missing {', '.join(missing)}"] if missing else []
            said += [f"{', '.join(twice)} given {'more than once' if len(twice) > 1 else 'twice'}"] if twice else []
            raise PowerError(f"--order must list every player once; {'; '.join(said)}")
        return [index[s] for s in wanted]
    if left_right is not None and all(x is not None for x in left_right):
        return sorted(range(game.n), key=lambda i: (left_right[i] or 0.0, i))
    return list(range(game.n))
