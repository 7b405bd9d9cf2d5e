"""What every Monte Carlo chunk draws, planned once per model: the units drawn in one step from their exact
distribution, and the rest pooled in classes of members alike given the shocks (see
:mod:`whipcount.tally.montecarlo`, which draws them).

Nothing here is random: :func:`plan` turns a :class:`~whipcount.tally.model.ForecastModel` into the arrays
that :mod:`whipcount.tally.montecarlo` reads in every chunk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from whipcount.model import INDEPENDENT
from whipcount.tally import cost
from whipcount.tally.abstainers import wavering_blocs
from whipcount.tally.alias import alias_table
from whipcount.tally.binomial import G
from whipcount.tally.exact import unit_table, unit_yes_pmf, units
from whipcount.tally.model import Bloc, ForecastModel

__all__ = ["Plan", "plan"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]


ALIAS_CELLS = 4096
"""A collapsed unit of at most this many cells is drawn by an alias table (one look-up a draw); a larger one
(absences make a unit's cells the pairs of yes and absent counts) by binary search in its CDF."""


COLLAPSE_MAX_WORK = 1_000_000_000
"""A unit is collapsed to one exact draw only when its table has at most
:data:`whipcount.tally.cost.EXACT_MAX_CELLS` cells and its estimated work is at most this (about a second, in
the units of :mod:`whipcount.tally.cost`); a larger one is drawn bloc by bloc, whose cost a draw grows with
the blocs, not with their members (a chamber of 100,000 seats in three parties is three blocs)."""


def collapsible(blocs: list[Bloc], needs_absent: bool) -> bool:
    """Whether a unit's exact distribution is cheap enough to draw it in one step."""
    need = cost.unit_cost(blocs, needs_absent)
    return need.cells <= cost.EXACT_MAX_CELLS and need.work <= COLLAPSE_MAX_WORK


@dataclass(frozen=True, slots=True)
class Unit:
    """One collapsed unit: ``width`` absent counts per yes count (1 without absences); its cells drawn from
    ``cdf`` by binary search, or, when ``alias`` is set, by Walker's alias method: with ``alias = (threshold,
    away)``, a uniform times the number of cells picks a cell ``x`` and is kept there below ``threshold[x]``
    (``x`` plus the cell's keep), else moved by ``away[x]`` (its alias less ``x``)."""

    width: int
    cdf: FloatArray
    alias: tuple[FloatArray, IntArray] | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """The arrays every chunk reads (built by :func:`plan`; the comments say what each holds)."""

    total: int
    needs_absent: bool
    # without absences to draw, whether the motion passes with y yes votes, y = 0..total (None with them)
    passes_with: npt.NDArray[np.bool_] | None
    # the collapsed units, each a distribution over its flattened (yes, absent) cells
    units: tuple[Unit, ...]
    fixed_absent: int
    # drawn members, pooled in classes of members who are alike once the shocks are drawn
    cls_p_yes: FloatArray  # (K,) p_yes without a shock; the classes a shock moves come first
    cls_p_absent: FloatArray  # (K,)
    plain_n: IntArray  # (K,) members of drawn blocs that never act as one
    # the shocks: the classes a shock moves come first, ``moved`` of them. Given the S normal shocks z (chamber,
    # parties), such a class's odds against yes are its odds without a shock times exp(w . z), w its weights;
    # classes with the same w share that factor: one row of ``shock_weights`` each (R x (S + 1): minus the SD
    # of each shock the row feels, then the weight of a constant 1, minus the logit of a class far out, see
    # ODDS_LOGIT), ``shock_row`` the row of each moved class (None when R is 1). The chunks
    # hold probabilities as multiples of 1/G, the binomial draws' grid (scaling by G, a power of 2, is exact).
    shocked: bool
    shocks: int
    moved: int
    shock_weights: FloatArray  # (R, S + 1)
    shock_row: IntArray | None  # (moved,)
    odds_no: FloatArray  # (moved, 1) each moved class's odds against yes without a shock, among those present (1
    # for one far out)
    grid_turn: FloatArray | float  # (moved, 1) G times the share of each moved class who turn up, or one
    # number when every moved class has the same (a column costs numpy three times what one number does)
    grid_fixed: FloatArray  # (K - moved, 1) G p_yes of the classes no shock moves
    # drawn blocs that may act as one (cohesion > 0, or in a group)
    n: IntArray  # (B,)
    n_float: Float32Array  # (B,) the same as floats, to sum blocs acting as one by a matrix product
    alone_weights: Float32Array  # (K, B + 1) minus each bloc's members under its class, then all drawn
    # members of each class: times the blocs acting as one (1 or 0) and a 1, those of the class deciding alone
    cls: IntArray  # (B,) the class of each
    grid_cohesion: FloatArray | float  # (lone, 1) G / cohesion of the blocs before ``lone``, or one number
    # when they all have the same (as grid_turn)
    grid_stay: FloatArray  # (B,) G (1 - p_absent): at or above it, a bloc acting as one stays away
    grouped: int  # the blocs from this one on are in groups, those before it in none
    lone: int  # the blocs from this one on (all in groups) never act as one but with their group
    group_col: IntArray  # (B - grouped,) the group of each bloc in one
    groups: int  # the groups drawn bloc by bloc
    grid_together: FloatArray | float  # (groups, 1) G / together, or one number when all alike
    # with apart=True (each drawn bloc a class of its own), the key of each class's bloc and of each bloc
    # that may act as one, so that a chunk's rows can be read bloc by bloc (empty otherwise)
    class_keys: tuple[str, ...] = ()
    as_one_keys: tuple[str, ...] = ()
    # blocs that may abstain or vote yes where an abstention counts apart (whipcount.tally.abstainers), drawn
    # bloc by bloc: the classes of their members, and the seats of each bloc that may act as one (0 for others)
    cls_abstains: BoolArray | None = None  # (K,), None without such blocs
    n_abstain: Float32Array | None = None  # (B,)
    from_top: IntArray | None = None  # the rows of the blocs in groups that read the shared draw from the top
    # blocs a swing moves whose members' own no or yes a defection rule sets apart, counted away (Bloc.set_apart):
    # the classes whose members who do not vote yes are all away, and the blocs that may act as one among them
    cls_rest_away: BoolArray | None = None  # (K,), None without such blocs
    rest_away_rows: IntArray | None = None
    # the classes whose members' yes is drawn as a yes is and counted away, and the seats of each bloc that may
    # act as one if it is one of them (0 for others)
    cls_yes_away: BoolArray | None = None  # (K,), None without such blocs
    n_yes_away: Float32Array | None = None  # (B,)


def _one_or_column(values: list[float]) -> FloatArray | float:
    """The values as a column, (K, 1), or as one number when they are all equal."""
    if len(set(values)) == 1:
        return values[0]  # equivalent mutant "0 -> -1": all alike
    return np.array(values, dtype=np.float64)[:, None]


def _logit(p: float) -> float:
    """The logit of ``0 < p < 1``: a bloc a swing moves has ``0 < p_yes < 1 - p_absent`` (:attr:`Bloc.swings`),
    so ``p_yes / (1 - p_absent)`` is strictly between 0 and 1 in floating point too (below 1 by at least
    half an ulp of 1: ``p_yes`` is at least an ulp of ``1 - p_absent`` below it)."""
    return math.log(p) - math.log1p(-p)


def _coheres(b: Bloc) -> bool:
    """Whether the bloc may act as one outside a group: a cohesion whose inverse is a finite number (a
    cohesion below 1e-308 acts as one with probability 0 in floating point all the same)."""
    return b.cohesion > 0 and math.isfinite(1.0 / b.cohesion)


ClassKey = tuple[float, float, bool, int, str, bool, int]  # p_yes, p_absent, moved by a shock, party shock (-1:
# none), the bloc's key when each bloc is a class of its own ("" when alike members of several blocs are
# pooled), whether its members away abstain, counted apart (whipcount.tally.abstainers), and its vote set
# apart under a swing (_set_apart)

REST_AWAY, YES_AWAY = 1, 2
"""A class of members a swing moves whose no is set apart (all who do not vote yes are away), or whose yes is
(drawn as a yes is, with their own chance of it as ``p_yes``, and counted away)."""


def _set_apart(b: Bloc, swings: bool) -> int:
    """How a swing draws the bloc's vote set apart (:attr:`Bloc.set_apart`): 0 where it has none counted away,
    or no swing moves it (then its probabilities as they stand say it, with :attr:`Bloc.from_top` in a group)."""
    if not swings or b.p_absent == 0.0:  # where an abstention weighs as a no, a no set apart is a no
        return 0
    return {"no": REST_AWAY, "yes": YES_AWAY}.get(b.set_apart, 0)


def _unit(blocs: list[Bloc], together: float, needs_absent: bool) -> tuple[Unit, int]:
    """One unit collapsed: its distribution over flattened (yes, absent) cells, and its certain absentees."""
    fixed = 0
    if needs_absent:
        table, fixed = unit_table(blocs, together)
        flat, width = table.ravel(), table.shape[1]
    else:
        flat, width = unit_yes_pmf(blocs, together), 1  # equivalent mutants "1 -> 2", "1 -> 0": read with absences only
    cdf = np.cumsum(flat)
    cdf /= cdf[-1]
    if len(flat) > ALIAS_CELLS:
        return Unit(width, cdf), fixed
    keep, alias = alias_table(flat / flat.sum())
    cells = np.arange(len(flat))
    return Unit(width, cdf, (cells + keep, alias - cells)), fixed


def plan(model: ForecastModel, collapse: bool, *, apart: bool = False) -> Plan:
    """What every chunk draws: the units collapsed to one exact draw each (all blocs outside groups that no
    swing moves together, then each such group), and the rest bloc by bloc, pooled in classes.

    ``apart``: every bloc whose vote is uncertain is drawn bloc by bloc, a class of its own (no unit
    collapsed but the certain votes), so that a chunk tells what each bloc gave (the pivotal blocs'
    switches, :mod:`whipcount.tally.switchdraws`)."""
    collapse = collapse and not apart
    needs_absent, swinging = model.needs_absent, model.swinging
    collapsed: list[Unit] = []
    fixed = 0
    singles: list[Bloc] = []
    drawn: list[tuple[Bloc, int]] = []  # (bloc, group index or -1)
    together: list[float] = []
    folded: list[tuple[list[Bloc], float]] = []
    alone, groups = units(model)
    # their abstainers are a count of their own, which a collapsed unit's (yes, absent) cells do not keep
    waver = {b.key for b in wavering_blocs(model)}
    for b in alone:
        if b.seats == 0:  # equivalent mutant "0 -> -1": a bloc of no seats adds no vote wherever it goes
            continue
        if (swinging and b.swings) or not (collapse or b.deterministic) or b.key in waver:
            drawn.append((b, -1))  # equivalent mutant "1 -> 2": any group index below 0 means none
        else:
            singles.append(b)
    if not collapsible(singles, needs_absent):
        # too large to collapse: drawn bloc by bloc, but for the certain votes (a shift, no table)
        drawn += [(b, -1) for b in singles if not b.deterministic]
        singles = [b for b in singles if b.deterministic]
    for blocs, t in groups:
        # a group drawn bloc by bloc without need is drawn right all the same
        if ((swinging and any(b.swings for b in blocs)) or not collapse or not collapsible(blocs, needs_absent)
                or any(b.key in waver for b in blocs)):
            drawn += [(b, len(together)) for b in blocs]
            together.append(t)
        else:
            folded.append((blocs, t))
    if singles:
        folded.append((singles, 0.0))
    for blocs, t in folded:
        unit, f = _unit(blocs, t, needs_absent)
        collapsed.append(unit)
        fixed += f
    keys, plain_n, may_act_as_one, parties = _classes(model, drawn, swinging, apart, waver)
    return _assemble(model, keys, plain_n, may_act_as_one, parties,
                     units=tuple(collapsed), fixed=fixed, together=together, apart=apart, waver=waver)


def _classes(model: ForecastModel, drawn: list[tuple[Bloc, int]], swinging: bool, apart: bool,
             waver: set[str]) -> tuple[list[ClassKey], IntArray, list[tuple[Bloc, int, int]], int]:
    """Pool the drawn members in classes of members alike given the shocks (same probabilities, same party
    shock when there is one), those a shock moves first: each class's key and its members who never act
    as one; the blocs that may (with their class and group); and how many parties have a shock."""
    party_ids: dict[str, int] = {}
    classes: dict[ClassKey, int] = {}
    plain: list[int] = []
    may_act_as_one: list[tuple[Bloc, int, int]] = []  # (bloc, class, group)
    for b, g in drawn:
        sw = swinging and b.swings
        # a party shock of weight 0 (no party swing), or one no class of the party feels, moves nothing
        shocked = sw and model.party_swing > 0  # equivalent mutants "and -> or", "0 -> -1": above
        none = -1  # equivalent mutant "1 -> 2": any number below 0 stands for no party shock
        own = b.key if b.party in ("", INDEPENDENT) else b.party  # an independent's shock is their own
        party = party_ids.setdefault(own, len(party_ids)) if shocked else none
        mode = _set_apart(b, sw)
        p_yes, p_absent = (b.p_absent, 0.0) if mode == YES_AWAY else (b.p_yes, b.p_absent)
        k = classes.setdefault((p_yes, p_absent, sw, party, b.key if apart else "", b.key in waver, mode),
                               len(classes))
        if k == len(plain):
            plain.append(0)
        # a bloc that never acts as one (cohesion 0) or has one member draws the same votes pooled or alone
        lone = not _coheres(b) or b.seats <= 1  # equivalent mutants "or -> and", "<= -> <", "1 -> 0": above
        if g < 0 and lone:  # equivalent mutant "0 -> -1": drawn as a bloc, such a bloc votes as it would pooled
            plain[k] += b.seats
        else:
            may_act_as_one.append((b, k, g))
    listed = list(classes)
    # the classes' order sets which draws go where, not what is drawn
    order = sorted(range(len(listed)), key=lambda k: not listed[k][2])  # equivalent mutant "2 -> 1": above
    renum = {old: new for new, old in enumerate(order)}
    keys = [listed[k] for k in order]
    return (keys, np.array(plain, dtype=np.int64)[order], [(b, renum[k], g) for b, k, g in may_act_as_one],
            len(party_ids))


def _shock_weights(model: ForecastModel, keys: list[ClassKey], moved: list[bool], parties: int) -> FloatArray:
    """One row per normal shock, the chamber's (when it swings) then each party's: its weight in half the
    logit of each class (0 for the classes no shock moves)."""
    weights = np.zeros((1 + parties, len(keys)))  # equivalent mutant "1 -> 2": a spare row of zero weights
    for j, key in enumerate(keys):
        if moved[j]:
            weights[0, j] = 0.5 * model.swing
            if key[3] >= 0:
                weights[1 + key[3], j] = 0.5 * model.party_swing
    return weights if model.swing > 0 else weights[1:]  # equivalent mutants "0 -> -1", "> -> >=", "1 -> 0": zeros


def _passes_with(model: ForecastModel, absent: int) -> npt.NDArray[np.bool_]:
    """Whether the motion passes with y = 0..seats yes votes, ``absent`` members away and the rest voting no."""
    yes = np.arange(model.seats + 1)
    return model.passes(yes, model.seats - absent - yes)


ODDS_LOGIT = 700.0
"""A moved class whose logit is within this of 0 keeps its odds against yes apart, a factor that multiplies its
row's exp (finite, above 0: times a factor of 0 or inf it gives 0 or inf, never NaN); a class further out (a
probability below 1e-304 or so) has its logit in its row's exp instead, as the shocks are."""


def _shock_rows(weights: FloatArray, logits: list[float]) -> tuple[FloatArray, IntArray | None, FloatArray]:
    """The plan's ``shock_weights``, ``shock_row`` and ``odds_no`` from each shock's weight in half the logit
    of each class (S x K) and the logits of the moved classes: one row for each distinct weighting of the
    moved classes (the chunk computes each row's exp once a draw, and each class multiplies it by its odds)."""
    far = [abs(x) > ODDS_LOGIT for x in logits]
    odds = [1.0 if f else math.exp(-x) for x, f in zip(logits, far, strict=True)]
    # minus the logit: the shocks' weights times -2, and minus the logit of a class far out
    constant = [-x if f else 0.0 for x, f in zip(logits, far, strict=True)]
    rows = np.column_stack([-2.0 * weights[:, :len(logits)].T, constant])
    distinct, row = np.unique(rows, axis=0, return_inverse=True)
    return distinct, None if len(distinct) == 1 else row.reshape(-1).astype(np.int64), np.array(odds)[:, None]


def _assemble(model: ForecastModel, keys: list[ClassKey], plain_n: IntArray,
              may_act_as_one: list[tuple[Bloc, int, int]], parties: int, *,
              units: tuple[Unit, ...], fixed: int, together: list[float], apart: bool = False,
              waver: frozenset[str] | set[str] = frozenset()) -> Plan:
    """The plan's arrays from the classes and the blocs that may act as one."""
    # plan() lists the blocs outside groups first (all of them cohere: _classes pools the others), then
    # each group's; those that cohere go before those that do not: a chunk sets each kind as one slice
    grouped = sum(g < 0 for _, _, g in may_act_as_one)
    may_act_as_one = may_act_as_one[:grouped] + sorted(may_act_as_one[grouped:], key=lambda e: not _coheres(e[0]))
    lone = grouped + sum(_coheres(b) for b, _, _ in may_act_as_one[grouped:])
    n = np.array([b.seats for b, _, _ in may_act_as_one], dtype=np.int64)
    cls = np.array([k for _, k, _ in may_act_as_one], dtype=np.int64)
    members = np.zeros((len(n), len(keys)))
    members[np.arange(len(n)), cls] = n
    moved = [k[2] for k in keys]
    blocs = [b for b, _, _ in may_act_as_one]
    shocks = _shock_weights(model, keys, moved, parties)
    # those of a class whose no is set apart all turn up (present, voting or not): its own yes is its p_yes
    turned = [0.0 if k[6] == REST_AWAY else k[1] for k in keys]
    n_moved = sum(moved)  # the moved classes come first
    modes = [keys[k][6] for _, k, _ in may_act_as_one]
    logits = [_logit(k[0] / (1.0 - a)) for k, a in zip(keys[:n_moved], turned[:n_moved], strict=True)]
    weights, rows, odds = _shock_rows(shocks, logits)
    return Plan(
        total=model.seats,
        needs_absent=model.needs_absent,
        passes_with=None if model.needs_absent else _passes_with(model, fixed),
        units=units,
        fixed_absent=fixed,
        cls_p_yes=np.array([k[0] for k in keys], dtype=np.float64),
        cls_p_absent=np.array([k[1] for k in keys], dtype=np.float64),
        plain_n=plain_n,
        shocked=any(moved),
        shocks=len(shocks),
        moved=n_moved,
        shock_weights=weights,
        shock_row=rows,
        odds_no=odds,
        grid_turn=_one_or_column([G * (1.0 - a) for a in turned[:n_moved]] or [G]),
        grid_fixed=np.array([G * k[0] for k in keys[n_moved:]], dtype=np.float64)[:, None],
        n=n,
        n_float=n.astype(np.float32),
        alone_weights=np.column_stack([-members.T, members.sum(axis=0) + plain_n]).astype(np.float32),
        cls=cls,
        grid_cohesion=_one_or_column([G / b.cohesion for b in blocs[:lone]] or [G]),
        grid_stay=np.array([G * (1.0 - keys[k][1]) for _, k, _ in may_act_as_one], dtype=np.float64),  # the class's
        grouped=grouped,
        lone=lone,
        group_col=np.array([g for _, _, g in may_act_as_one[grouped:]], dtype=np.int64),
        # together > 0 (units() leaves out a group that is never on); below about 1e-306, G / together is inf
        groups=len(together),
        grid_together=_one_or_column([G / t for t in together] or [G]),
        class_keys=tuple(k[4] for k in keys) if apart else (),
        as_one_keys=tuple(b.key for b in blocs) if apart else (),
        cls_abstains=np.array([k[5] for k in keys], dtype=np.bool_) if waver else None,
        n_abstain=np.array([b.seats if b.key in waver else 0 for b in blocs], dtype=np.float32) if waver else None,
        # a yes set apart drawn as a yes (YES_AWAY) is at the bottom of the shared draw already
        from_top=np.array([i for i, (b, k, g) in enumerate(may_act_as_one)
                           if g >= 0 and b.from_top and keys[k][6] != YES_AWAY], dtype=np.int64),
        cls_rest_away=_where(keys, REST_AWAY),
        rest_away_rows=np.flatnonzero(np.equal(modes, REST_AWAY)) if REST_AWAY in modes else None,
        cls_yes_away=_where(keys, YES_AWAY),
        n_yes_away=(np.where(np.equal(modes, YES_AWAY), n, 0).astype(np.float32) if YES_AWAY in modes else None),
    )


def _where(keys: list[ClassKey], mode: int) -> BoolArray | None:
    """Which classes draw their vote set apart as ``mode`` says (None where none does)."""
    out = np.array([k[6] == mode for k in keys], dtype=np.bool_)
    return out if out.any() else None
