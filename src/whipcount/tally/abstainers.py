"""Blocs that may abstain or vote yes where an abstention counts apart: the third count of the vote.

Where a rule tells an abstention from an absence and from a no (a quorum, toward which an abstainer counts
as present; the members present whose noes reject a motion, among whom an abstainer counts but not as a
no), a bloc whose members may either abstain or vote yes (the ``abstain`` stance with a ``p_yes`` between 0
and 1) gives the vote a third count beside the yes and the members away. The exact method keeps its (yes,
absent) table for the other blocs and weighs each of its cells by the chance that the motion passes given
it: such blocs outside any group are independent of the rest, so P(pass) is the sum over their joint
outcomes (yes, no, abstaining) of each outcome's probability times P(pass) of the rest with those votes
added. Their outcomes are few (a bloc of ``n`` members that abstains or votes yes has ``n + 1``), and each
probability is a closed form (a trinomial mixed with the bloc acting as one), so nothing is sampled and
no transform's rounding enters. Monte Carlo draws such blocs bloc by bloc and counts their abstainers in
each draw (:mod:`whipcount.tally.montecarlo`). A group with such a bloc has no closed form here: ``auto``
draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from whipcount.tally.model import Bloc, ForecastModel
from whipcount.tally.passing import PassRule

__all__ = ["Outcomes", "counted_apart", "grouped_reason", "outcome_cells", "outcomes", "split", "wavering",
           "wavering_blocs", "without"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def counted_apart(rule: PassRule) -> bool:
    """Whether an abstention is not an absence under ``rule``: toward a quorum, or among the members present
    (against the motion, or beside the noes that reject it)."""
    # under another rule, abstainers split off give the same verdicts (the rule weighs an abstention as an
    # absence, whatever count it comes in), by a slower path; on the members present an abstainer counted
    # away would leave the basis, so that a bloc of the API marked ``abstains`` but for a chance of a yes
    # had its abstainers weighed as absentees while a bloc certain to abstain was counted present
    return rule.quorum > 0 or rule.basis == "present"  # equivalent mutants: above


def wavering(b: Bloc) -> bool:
    """A bloc whose members abstain, each but for a chance of another vote (not certain to abstain)."""
    # a bloc certain to abstain, or never to, or of no seats, split off has one outcome: the same verdicts
    return b.abstains and b.seats > 0 and 0.0 < b.p_absent < 1.0  # equivalent mutants "< -> <=", "> -> >=": above


def wavering_blocs(model: ForecastModel) -> tuple[Bloc, ...]:
    """The model's blocs that make abstentions a count of their own (none where the rule does not)."""
    if not counted_apart(model.rule):
        return ()
    return tuple(b for b in model.blocs if wavering(b))


def grouped_reason(model: ForecastModel) -> str:
    """Why the exact method cannot count ``model`` ("" when it can): a wavering abstainer in a group."""
    live = {k: g.key for g in model.groups if g.together > 0 for k in g.blocs}
    for b in wavering_blocs(model):
        if b.key in live:
            return (f"bloc {b.key!r} may abstain or vote yes and moves with group {live[b.key]!r}, where an "
                    f"abstention counts apart: the exact method has no closed form for it")
    return ""


def outcome_cells(blocs: tuple[Bloc, ...] | list[Bloc]) -> int:
    """How many joint outcomes such blocs can have, at most: one a count of yes votes where none of them may
    vote no (the rest abstain), one a (yes, abstaining) pair otherwise."""
    seats = sum(b.seats for b in blocs)
    if all(b.p_no == 0.0 for b in blocs):
        return seats + 1
    return (seats + 1) * (seats + 2) // 2


@dataclass(frozen=True, slots=True)
class Outcomes:
    """The joint outcomes of some blocs: each cell's yes, no and abstaining members and its probability."""

    yes: IntArray
    no: IntArray
    abstain: IntArray
    p: FloatArray
    seats: int

    def yes_pmf(self) -> FloatArray:
        """P(k of these blocs' members vote yes), k = 0..seats."""
        return np.bincount(self.yes, weights=self.p, minlength=self.seats + 1).astype(np.float64)

    def weights(self, rest: ForecastModel, yes: npt.ArrayLike, no: npt.ArrayLike,
                abstaining: npt.ArrayLike | None = None) -> tuple[FloatArray, FloatArray]:
        """P(pass) and P(fail) given the other blocs' ``yes`` and ``no`` votes (element-wise; ``abstaining``:
        theirs, by default those certain to abstain), over these blocs' outcomes: each the sum of the
        probabilities of the outcomes that pass (or fail), so that where none fails P(fail) is exactly 0."""
        y, n = np.asarray(yes), np.asarray(no)
        a = np.asarray(rest.abstaining if abstaining is None else abstaining)
        passing = np.zeros(np.broadcast_shapes(y.shape, n.shape, a.shape))
        failing = np.zeros_like(passing)
        for cy, cn, ca, p in zip(self.yes.tolist(), self.no.tolist(), self.abstain.tolist(), self.p.tolist(),
                                 strict=True):
            ok = rest.passes(y + cy, n + cn, a + ca)
            passing += p * ok
            failing += p * ~ok
        return passing, failing


def _bloc_cells(b: Bloc) -> FloatArray:
    """P(y vote yes, s abstain) of one bloc, (seats + 1) x (seats + 1), the rest voting no: members on their
    own (a trinomial) with ``1 - cohesion``, the bloc as one with ``cohesion``."""
    n = b.seats
    y = np.arange(n + 1)[:, None]
    s = np.arange(n + 1)[None, :]
    k = n - y - s
    logs = _log_factorials(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        # equivalent mutant "0 -> 1" below: log 0! and log 1! are both 0
        terms = (logs[n] - logs[y] - logs[s] - logs[np.maximum(k, 0)]  # equivalent mutant "0 -> 1": above
                 + _times_log(y, b.p_yes) + _times_log(s, b.p_absent) + _times_log(k, b.p_no))
    table = np.where(k >= 0, np.exp(terms), 0.0) * (1.0 - b.cohesion)
    table[n, 0] += b.cohesion * b.p_yes
    table[0, n] += b.cohesion * b.p_absent
    table[0, 0] += b.cohesion * b.p_no
    return table


def _log_factorials(n: int) -> FloatArray:
    out = np.zeros(n + 1)
    np.cumsum(np.log(np.arange(1, n + 1, dtype=np.float64)), out=out[1:])
    return out


def _times_log(count: IntArray, p: float) -> FloatArray:
    """``count * log(p)``, 0 where ``count`` is 0 (0 ** 0 is 1) and -inf where ``p`` is 0 and ``count`` is not."""
    if p > 0.0:
        return np.asarray(count * np.log(p), dtype=np.float64)
    return np.where(count == 0, 0.0, -np.inf)


def _convolve(a: FloatArray, b: FloatArray) -> FloatArray:
    """The 2-D convolution of two (yes, abstaining) tables, summed cell by cell over the fewer non-zero
    cells (no transform: a cell no outcome reaches stays exactly 0)."""
    if np.count_nonzero(a) > np.count_nonzero(b):
        a, b = b, a
    # the tables are square (yes and abstaining each 0..seats), so a shape's two numbers are the same
    out = np.zeros((a.shape[0] + b.shape[0] - 1, a.shape[1] + b.shape[1] - 1))  # equivalent mutants "0 -> 1": above
    for i, j in zip(*np.nonzero(a), strict=True):
        out[i: i + b.shape[0], j: j + b.shape[1]] += a[i, j] * b  # equivalent mutants "0 -> 1", "1 -> 0": above
    return out


def outcomes(blocs: tuple[Bloc, ...] | list[Bloc]) -> Outcomes:
    """The joint outcomes of independent blocs (none in a group that is ever on)."""
    table = np.ones((1, 1))
    for b in blocs:
        table = _convolve(table, _bloc_cells(b))
    seats = sum(b.seats for b in blocs)
    y, s = np.nonzero(table)
    p = table[y, s]
    return Outcomes(y.astype(np.int64), (seats - y - s).astype(np.int64), s.astype(np.int64), p / p.sum(), seats)


def split(model: ForecastModel) -> tuple[ForecastModel, Outcomes] | None:
    """The model without its wavering abstainers, and their joint outcomes (None when it has none). The
    caller checks :func:`grouped_reason` first: such a bloc in a group that is ever on is not independent."""
    waver = wavering_blocs(model)
    if not waver:
        return None
    return without(model, waver), outcomes(waver)


def without(model: ForecastModel, blocs: tuple[Bloc, ...]) -> ForecastModel:
    """``model`` without ``blocs``, and without the groups that hold any of them."""
    keys = {b.key for b in blocs}
    groups = tuple(g for g in model.groups if not keys & set(g.blocs))
    return replace(model, blocs=tuple(b for b in model.blocs if b.key not in keys), groups=groups)
