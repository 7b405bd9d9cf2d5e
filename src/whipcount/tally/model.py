"""The cohesion model: how a whip count turns into a probability distribution of the vote.

Every position of the count becomes a :class:`Bloc` of ``seats`` members. Each member ends up voting
yes, voting no, or absent, with probabilities ``p_yes``, ``p_no`` (the rest) and ``p_absent``; these are
the *marginal* probabilities of one member, set by the bloc's stance.

Members of a bloc are not independent: with probability ``cohesion`` the bloc acts as one (the party
follows its whip, wherever the whip goes: all yes with probability ``p_yes``, all no with ``p_no``, all
absent with ``p_absent``); otherwise every member decides on their own with the same probabilities.
So the stance sets the expectation, and the cohesion sets how much a bloc's members move together,
without changing the expectation. A named member is a bloc of one.

Blocs can also move together: a :class:`Group` of blocs (coalition partners) shares a latent switch.
With probability ``together`` the whole group acts as one: one draw decides, for every bloc in it, the
direction it takes as a whole (blocs are coupled comonotonically: if the likelier-to-say-yes bloc says
no, so do the others). Groups make their blocs dependent, but the exact method still handles them (see
:mod:`whipcount.tally.exact`); Monte Carlo draws the same model and checks it.

Default probabilities of a yes vote by stance (override them with ``stance_probabilities:`` in the
scenario):

=========  ======  ================================================================================
stance     p_yes   meaning
=========  ======  ================================================================================
yes        0.98    committed; about one member in fifty is lost (illness, custody, travel): *absent*
lean-yes   0.75
undecided  0.50
lean-no    0.25
no         0.01    committed against: crossing the floor is rarer than failing to turn up
abstain    0.00    present, voting neither way; the value is the chance of voting yes instead
absent     0.00    for ``absent`` the value is the chance of turning up to vote yes; the rest is absent
=========  ======  ================================================================================

Who does not vote yes: for ``yes`` and ``absent`` the rest stay away (a committed supporter who is lost
does not vote against, and on a votes-cast basis an absence lowers the votes cast instead of adding a
no); for ``abstain`` the rest abstain; for every other stance the rest vote no. Record a party staying away as
``absent``, one sitting out the vote in the chamber as ``abstain``.

An abstention weighs as the rule weighs it (:attr:`whipcount.rules.PassRule.abstain_as_no`): on a basis of
the members present it counts against, so an abstaining bloc is a bloc voting no; on a fixed basis counting
yes votes a no and an abstention are alike as well. Elsewhere (the votes cast, the members present and
voting, the members present whose noes reject a motion) it is not a no: the bloc's members who do not vote yes
are counted away (``p_absent``) but marked :attr:`Bloc.abstains`, so that the rule weighs them as abstaining
(present for a quorum, and among the members present on that basis). Under a quorum, or on that basis, a bloc
that may either abstain or vote yes (a stance probability between 0 and 1) makes the abstentions a third count
beside the yes and the absent: :mod:`whipcount.tally.abstainers` weighs it.
Default cohesion: 0 for committed stances (``yes``, ``no``: members are lost one by one), 0.5 for the
others (a wavering group tends to move together). Whether the motion passes is asked of
:class:`whipcount.rules.PassRule` for each (yes, no, absent) outcome, so every basis, quorum and casting
vote counts non-voters as the rules do.

A *swing* makes every bloc that has not committed move with the mood of the chamber: in each draw one
shared shock Z ~ N(0, ``swing``²) (plus, with ``party_swing``, one shock per party, N(0, ``party_swing``²),
shared by that party's blocs) is added to the bloc's yes-probability on the logit scale, among the members
who turn up: ``p_yes' = (1 - p_absent) * expit(logit(p_yes / (1 - p_absent)) + Z)``. Given the shocks,
the vote is the model above with the shifted probabilities. Committed stances (``yes``, ``no``,
``absent``) do not swing: a member who has declared is lost one by one, not with the mood. A swing has
no closed form (it mixes the distribution over a continuous shock), so a model with one is drawn by
Monte Carlo (see :mod:`whipcount.tally.montecarlo`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.model.arguments import check_count, check_instance, check_items, check_real
from whipcount.rules.wording import vacancies_verified_for, vacancy_keys
from whipcount.tally.passing import PassRule
from whipcount.tally.pivot import Pivot
from whipcount.tally.positions import DEFAULT_STANCE_PROBABILITIES

__all__ = [
    "COMMITTED_STANCES",
    "DEFAULT_COHESION",
    "DEFAULT_STANCE_PROBABILITIES",
    "Bloc",
    "Forecast",
    "ForecastModel",
    "Group",
    "Pivot",
    "check_p",
    "summarise",
]

DEFAULT_COHESION: dict[str, float] = {
    "yes": 0.0,
    "lean-yes": 0.5,
    "undecided": 0.5,
    "lean-no": 0.5,
    "no": 0.0,
    "abstain": 0.0,
    "absent": 0.0,
}
"""Probability that a bloc with this stance acts as one."""

COMMITTED_STANCES: frozenset[str] = frozenset({"yes", "no", "abstain", "absent"})
"""Stances that a swing leaves alone (every other stance, and a bloc with no stance, swings)."""


def check_p(where: str, name: str, value: float) -> float:
    """``value`` as a float: an ArgumentError naming ``where`` unless it is a number, a ForecastError unless
    it is a probability (NaN is not)."""
    value = check_real(value, f"{where}: {name}")
    if not (0.0 <= value <= 1.0) or value != value:
        raise ForecastError(f"{where}: {name} must be a probability in [0, 1], got {value}")
    return value


@dataclass(frozen=True, slots=True)
class Bloc:
    """``seats`` members who share a stance: marginal probabilities and a cohesion."""

    key: str
    seats: int
    p_yes: float
    p_absent: float = 0.0
    cohesion: float = 0.0
    label: str = ""
    party: str = ""
    side: str = ""
    stance: str = ""
    fixed: bool = False
    """Seats that cannot vote by office (the chair, a deputy, a teller), or whose votes a defection rule counts
    only one way (not a party's direction): never a pivot, never moved by a swing (but for :attr:`set_apart`'s)."""
    abstains: bool = False
    """Members counted away (``p_absent``) abstain in the chamber: on neither side, but present for a quorum and,
    on a basis of the members present, among them (where an abstention counts against)."""
    from_top: bool = False
    """In a group acting as one, reads the shared draw from the top (as ``1 - U``): a bloc whose yes, drawn where
    a yes-voter's is, is then set apart as present, not voting (``p_absent``; :mod:`whipcount.tally.crossed`)."""
    set_apart: str = ""
    """``no`` or ``yes``: which of its members' own votes a defection rule does not count (crossed members,
    :mod:`whipcount.tally.crossed`), counted away as abstaining where ``p_absent`` holds it. A swing moves their
    own chance of a yes (``p_yes`` for ``no``, with the rest away where ``p_absent`` is; ``p_absent`` for
    ``yes``), and the vote set apart stays so."""

    @property
    def certain_abstainers(self) -> int:
        """Its members certain to abstain (present for a quorum, on neither side): all its seats when it
        abstains with certainty, else none."""
        return self.seats if self.abstains and self.p_absent == 1.0 else 0

    def __post_init__(self) -> None:
        where = f"bloc {self.key!r}"
        # whole seats and real probabilities (a Fraction or a numpy number kept as a float), checked here so
        # that text, a bool or 2.5 seats is an error naming the bloc, not a TypeError deep in a forecast
        object.__setattr__(self, "seats", check_count(self.seats, f"{where}: seats"))
        for name in ("p_yes", "p_absent", "cohesion"):
            object.__setattr__(self, name, check_real(getattr(self, name), f"{where}: {name}"))
        if self.seats < 0:
            raise ForecastError(f"{where}: seats must be >= 0, got {self.seats}")
        check_p(where, "p_yes", self.p_yes)
        check_p(where, "p_absent", self.p_absent)
        check_p(where, "cohesion", self.cohesion)
        fits = {"": True, "no": self.p_absent in (0.0, 1.0 - self.p_yes), "yes": self.p_yes == 0.0}
        if not (isinstance(self.set_apart, str) and fits.get(self.set_apart, False)):
            raise ForecastError(f"{where}: set_apart must be '', 'no' (with p_absent 0 or 1 - p_yes) or 'yes' (with "
                                f"p_yes 0), got {self.set_apart!r} with p_yes {self.p_yes}, p_absent {self.p_absent}")
        if self.p_yes + self.p_absent > 1.0 + 1e-12:  # equivalent mutant "> -> >=": a sum at the rounding bound
            raise ForecastError(f"{where}: p_yes + p_absent must not exceed 1, got {self.p_yes} + {self.p_absent}")

    @property
    def p_no(self) -> float:
        """Probability that one member votes no."""
        return max(0.0, 1.0 - self.p_yes - self.p_absent)

    @property
    def deterministic(self) -> bool:
        """True when every member's vote is certain."""
        return self.p_yes in (0.0, 1.0) and self.p_absent in (0.0, 1.0)

    @property
    def swings(self) -> bool:
        """True when a swing moves this bloc: its stance is not committed and those who turn up may vote
        either way (a certain yes or no stays certain on the logit scale); never a :attr:`fixed` one, but for
        the own vote of members whose other vote is :attr:`set_apart`."""
        own = {"no": (self.p_yes, 1.0), "yes": (self.p_absent, 1.0)}.get(self.set_apart)
        low, high = own or ((-1.0, 0.0) if self.fixed else (self.p_yes, 1.0 - self.p_absent))
        return self.stance not in COMMITTED_STANCES and self.seats > 0 and 0.0 < low < high


@dataclass(frozen=True, slots=True)
class Group:
    """Blocs that can move together (coalition partners): with probability ``together`` they act as one."""

    key: str
    blocs: tuple[str, ...]
    together: float = 0.5

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocs", check_items(self.blocs, str, f"group {self.key!r}: blocs", "a bloc key"))
        object.__setattr__(self, "together", check_p(f"group {self.key!r}", "together", self.together))
        if not self.blocs:
            raise ForecastError(f"group {self.key!r}: a group needs at least one bloc")


@dataclass(frozen=True, slots=True)
class ForecastModel:
    """Blocs, the groups among them, the rule the vote is judged by, and the swing.

    ``swing`` and ``party_swing`` are standard deviations on the logit scale of the shock shared by the
    whole chamber and of each party's own shock (see the module docstring); 0 turns them off. A swing
    of 0.5 moves an undecided bloc's p_yes from 0.5 to between 0.27 and 0.73 in 95 % of draws.
    """

    blocs: tuple[Bloc, ...]
    rule: PassRule
    groups: tuple[Group, ...] = ()
    swing: float = 0.0
    party_swing: float = 0.0

    def __repr__(self) -> str:
        # one line for a notebook: the blocs by count and seats (``blocs`` lists them)
        return (f"ForecastModel(blocs={len(self.blocs)}, seats={sum(b.seats for b in self.blocs)}, "
                f"rule={self.rule!r}, groups={len(self.groups)}, swing={self.swing!r}, "
                f"party_swing={self.party_swing!r})")

    def __post_init__(self) -> None:
        # a generator of blocs kept as given would be read up by the checks below, leaving a model of no seats
        object.__setattr__(self, "blocs", check_items(self.blocs, Bloc, "forecast model: blocs", "a Bloc"))
        object.__setattr__(self, "groups", check_items(self.groups, Group, "forecast model: groups", "a Group"))
        check_instance(self.rule, PassRule, "forecast model: rule", "whipcount.rules.pass_rule(...) makes one")
        for attr, name in (("swing", "swing"), ("party_swing", "party swing")):
            sd = check_real(getattr(self, attr), f"forecast model: {attr}")
            object.__setattr__(self, attr, sd)
            if not (0.0 <= sd < float("inf")):
                raise ForecastError(
                    f"forecast model: the {name} must be a finite standard deviation >= 0 (logit scale), got {sd}"
                )
        _check_size(self)
        keys = [b.key for b in self.blocs]
        if len(set(keys)) != len(keys):
            dup = sorted({k for k in keys if keys.count(k) > 1})
            raise ForecastError(f"forecast model: bloc keys must be unique, {', '.join(dup)} repeat")
        seen: dict[str, str] = {}
        known = set(keys)
        for g in self.groups:
            for k in g.blocs:
                if k not in known:
                    raise ForecastError(f"group {g.key!r}: unknown bloc {k!r}")
                if k in seen:
                    raise ForecastError(f"bloc {k!r} is in two groups ({seen[k]!r} and {g.key!r})")
                seen[k] = g.key

    @property
    def abstaining(self) -> int:
        """Members certain to abstain (present, on neither side): the votes a quorum counts beyond the yes
        and the no."""
        return sum(b.certain_abstainers for b in self.blocs)

    def passes(self, yes: npt.ArrayLike, no: npt.ArrayLike,
               abstaining: npt.ArrayLike | None = None) -> npt.NDArray[np.bool_]:
        """Whether the motion passes with these yes and no votes (element-wise), the abstainers counted
        toward a quorum: :attr:`abstaining`, or ``abstaining`` where a bloc switched to vote yes or no as
        one no longer abstains (its members would otherwise count twice toward the quorum)."""
        # as the rule weighs an abstention: toward a quorum, and among the members present on that basis
        abstain = self.abstaining if abstaining is None else abstaining
        return np.asarray(self.rule.passes(yes, no, abstain), dtype=np.bool_)

    @property
    def seats(self) -> int:
        """Members who can vote (the seats of every bloc)."""
        return sum(b.seats for b in self.blocs)

    @property
    def swinging(self) -> bool:
        """True when a swing is set and moves at least one bloc, so the model has no closed form."""
        return (self.swing > 0 or self.party_swing > 0) and any(b.swings for b in self.blocs)

    @property
    def needs_absent(self) -> bool:
        """True when the rule looks at noes and some member may be absent, so (yes, absent) is 2-D."""
        # the (yes, absent) table where no one can be absent gives the same P(pass)
        away = any(b.p_absent > 0 and b.seats > 0 for b in self.blocs)  # equivalent mutants "0 -> -1", "> -> >=": above
        return self.rule.counts_noes and away

    def bloc(self, key: str) -> Bloc:
        """The bloc with this key."""
        for b in self.blocs:
            if b.key == key:
                return b
        raise ForecastError(f"forecast model: no bloc {key!r}")



def _check_size(model: ForecastModel) -> None:
    """A ForecastError where the blocs hold more members than the chamber the rule was made for has in office:
    on a fixed basis the bar would be a share of a smaller chamber, on a turnout basis its quorum and floor,
    and no basis lets more members vote than sit."""
    members, seats = model.rule.members, sum(b.seats for b in model.blocs)
    if members is not None and seats > members:
        raise ForecastError(
            f"forecast model: the blocs hold {seats} seats, but the rule was made for a chamber of {members} members "
            f"in office ({model.rule.describe()}); make the rule for the blocs' chamber "
            f"(pass_rule(..., seats=N, vacancies=V)) or give blocs of at most {members} seats"
        )


FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Forecast:
    """The distribution of the vote and the probability that the motion passes.

    ``yes_pmf[k]`` is P(exactly k yes votes), read-only; ``median`` and ``interval`` (the 5th and 95th
    percentiles) summarise it. ``stderr`` is the Monte Carlo standard error of ``p_pass`` (0 for the exact method).
    ``swing`` and ``party_swing`` are the model's (0 when it has none). ``method_reason`` says why the
    ``auto`` method drew by Monte Carlo ("" when it did not, or when Monte Carlo was asked for).
    ``vacancy_note``: where seats were vacant, what the votes needed are a share of (the rule's words).
    """

    p_pass: float
    method: str
    needed: int | None
    basis: str
    yes_pmf: FloatArray = field(compare=False, repr=False)
    median: int
    interval: tuple[int, int]
    mean_yes: float
    sims: int | None = None
    stderr: float = 0.0
    pivotal: tuple[Pivot, ...] = ()
    swing: float = 0.0
    party_swing: float = 0.0
    method_reason: str = ""
    vacancy_note: str = field(default="", compare=False)  # the rule's (PassRule.vacancy_note): the bar in words
    vacancies_verified: bool | None = field(default=True, compare=False)  # the rule's: None where not applicable
    votes_recorded: str = field(default="all", compare=False)  # the rule's (PassRule.votes_recorded)
    floor_basis: str | None = field(default=None, compare=False)  # the rule's (PassRule.floor_basis)

    def __post_init__(self) -> None:
        # vacancies_verified as as_dict() gives it: None where vacant seats have no part in the bar
        object.__setattr__(self, "vacancies_verified",
                           vacancies_verified_for(self.basis, self.vacancies_verified, self.floor_basis))

    def __repr__(self) -> str:
        # one line for a notebook: the figures a reader checks, the pivotal blocs by key (``as_dict`` has all)
        drawn = f", sims={self.sims}, stderr={self.stderr!r}" if self.sims is not None else ""
        model = f", swing={self.swing!r}, party_swing={self.party_swing!r}" if self.swing or self.party_swing else ""
        return (f"Forecast(p_pass={self.p_pass!r}, method={self.method!r}{drawn}, needed={self.needed}, "
                f"basis={self.basis!r}, median={self.median}, interval={tuple(self.interval)}{model}, "
                f"pivotal={[p.key for p in self.pivotal]})")

    def as_dict(self) -> dict[str, object]:
        """The ``--json`` shape (documented in docs/forecast.md)."""
        return {
            "p_pass": self.p_pass,
            "needed": self.needed,
            "basis": self.basis,
            **vacancy_keys(self.basis, self.vacancies_verified, self.floor_basis),
            "votes_recorded": self.votes_recorded,
            "median": self.median,
            "interval": [self.interval[0], self.interval[1]],
            "mean_yes": self.mean_yes,
            "method": self.method,
            "method_reason": self.method_reason or None,
            "sims": self.sims,
            "stderr": self.stderr,
            "swing": self.swing,
            "party_swing": self.party_swing,
            "pivotal": [
                {"bloc": p.key, "label": p.label, "seats": p.seats, "stance": p.stance, "change": p.change,
                 "p_before": p.p_before, "p_after": p.p_after, "delta": p.delta,
                 "stderr": p.stderr}
                for p in self.pivotal
            ],
        }


def summarise(model: ForecastModel, p_pass: float, yes_pmf: FloatArray, method: str,
              sims: int | None = None, stderr: float = 0.0) -> Forecast:
    """A :class:`Forecast` from P(pass) and the distribution of yes votes."""
    pmf = np.clip(np.asarray(yes_pmf, dtype=np.float64), 0.0, None)
    total = pmf.sum()
    if total > 0:  # equivalent mutant "0 -> -1": a distribution's total is never 0
        pmf = pmf / total
    cdf = np.cumsum(pmf)
    top = len(pmf) - 1  # equivalent mutant "- -> +": the CDF ends at 1 (to rounding), past every q asked for

    def quantile(q: float) -> int:
        return min(int(np.searchsorted(cdf, q - 1e-12, side="left")), top)

    rule = model.rule
    # yes votes needed, when a count of them decides: not on a turnout basis, nor under a negative
    # threshold (the motion stands unless the noes reach the bar, whatever the yes votes)
    needed = rule.count if not rule.depends_on_turnout and not rule.negative else None
    mean = float(np.dot(np.arange(len(pmf)), pmf))
    pmf.flags.writeable = False  # a result: changing it would leave median, interval and mean telling another
    return Forecast(float(min(max(p_pass, 0.0), 1.0)), method, needed, rule.basis, pmf, quantile(0.5),
                    (quantile(0.05), quantile(0.95)), mean, sims, stderr, swing=model.swing,
                    party_swing=model.party_swing, vacancy_note=rule.vacancy_note,
                    vacancies_verified=rule.vacancies_verified, votes_recorded=rule.votes_recorded,
                    floor_basis=rule.floor_basis)

