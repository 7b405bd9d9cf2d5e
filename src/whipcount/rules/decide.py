"""Whether a motion passes, given the counts: the one place that decides it.

:func:`~whipcount.rules.judge.judge` asks a :class:`PassRule` about one recorded division; every forecast
method asks the same object about whole numpy arrays of counts at once. A rule written twice drifts (a
second copy once dropped the quorum), so there is only this one.

What the decision reads, for each basis:

* ``total`` / ``sitting`` (and ``fixed``): the bar is a number of yes votes known in advance (``count``);
  for a negative majority, a number of noes that rejects.
* ``votes-cast`` / ``present-and-voting``: a ``fraction`` of yes + no; abstentions and absences lower it.
* ``present``: a ``fraction`` of yes + no + abstentions (an abstention counts against).
* ``plurality``: more yes than no, where yes is the leader's votes and no the runner-up's (the most votes
  elect, whatever the others polled): one half of yes + no, strictly.
* ties (a turnout basis, one half): ``tie_passes`` / ``tie_fails`` say what a casting vote does; else the
  threshold decides.
* ``floor``: on a turnout basis, the fewest yes votes that carry, whatever the share (a majority of those
  present, "which however may not be fewer than" a share of the members): both must be met.
* ``quorum``: members present (yes, no, abstaining, and present but not voting) must reach it, whatever the
  basis; a division short of it decides nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from whipcount.errors import RulesError
from whipcount.model.arguments import check_count, check_fraction, check_option
from whipcount.rules.core import TURNOUT_BASES, Constitution, DefectionPeriod, Threshold
from whipcount.rules.in_force import check_rule_on
from whipcount.rules.needed import (
    chamber_seats,
    check_members_in,
    check_vacancies,
    needed,
    scenario_kind,
    seats_note,
    vacancy_note,
)
from whipcount.rules.registry import get_constitution
from whipcount.rules.terms import recorded_problem
from whipcount.rules.wording import vacancies_verified_for, vacancy_keys

__all__ = ["FIXED_BASES", "TURNOUT_BASES", "PassRule", "pass_rule", "pass_rule_for", "pass_rule_in"]

FIXED_BASES: frozenset[str] = frozenset({"total", "sitting", "fixed"})
"""Bases whose bar is a fixed count of votes, whoever turns up."""

if TYPE_CHECKING:  # numpy is imported where counts are decided, not when the rules are read
    import numpy as np
    import numpy.typing as npt

    from whipcount.model import ChamberState, Scenario

    BoolArray = npt.NDArray[np.bool_]
    IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class PassRule:
    """What it takes to pass, decided element-wise over arrays of counts.

    ``count``: on a fixed basis, the yes votes needed (the magic number), or with ``negative`` the noes
    that reject. On a turnout basis the motion passes when yes is more than (``strict``) or at least
    ``fraction`` of the basis; ``negative`` turns the test around (it stands unless the noes reach it).
    ``tie_passes`` / ``tie_fails``: what a tie does (a casting vote given, or due by convention, for or
    against); with neither, the threshold alone decides. ``quorum``: members who must be present.
    ``floor``: on a turnout basis, yes votes needed whatever the turnout (0: none); the bar is the larger of it
    and the share.
    """

    basis: str
    count: int | None = None
    fraction: Fraction = Fraction(1, 2)
    strict: bool = True
    negative: bool = False
    tie_passes: bool = False
    explanation: str = ""
    quorum: int = 0
    tie_fails: bool = False
    notes: tuple[str, ...] = ()
    floor: int = 0
    members: int | None = field(default=None, compare=False)
    """The members in office in the chamber the rule was made for (its seats less the vacancies), when made
    from one (:func:`pass_rule`): no forecast under it can count more voters. None for a rule built by hand."""
    vacancy_note: str = field(default="", compare=False, repr=False)
    """Where seats were vacant and the bar is a share of the membership, what it is a share of, saying whether
    the vacant seats were counted (:func:`~whipcount.rules.needed.vacancy_note`); "" otherwise."""
    votes_recorded: str = field(default="all", compare=False)
    """Which votes a division records (the motion's ``votes_recorded``): ``yes-only`` where only the votes for
    it are, so that every word of a vote against says "not for"."""
    vacancies_verified: bool | None = field(default=True, compare=False, repr=False)
    """False where the profile marks unverified whether a vacant seat counts toward the bar (the threshold's
    ``vacancies_verified``), True where a source settles it, None where vacant seats have no part in the bar
    (a basis of votes or of members present without a ``floor_basis``, or ``fixed``): as every ``--json`` gives
    it (:meth:`vacancy_keys`). A value given for such a bar is read as None."""
    floor_basis: str | None = field(default=None, compare=False, repr=False)
    """The membership basis of the ``floor`` (``total`` or ``sitting``), None without one."""
    defection: DefectionPeriod | None = field(default=None, compare=False, repr=False)
    """The motion's defection rule on the day (are votes cast against the party's direction counted?), None
    where it has none: a whip count applies it to the seats that crossed the floor."""

    def __post_init__(self) -> None:
        # an exact fraction and whole counts, checked here: a float fraction failed later in passes()
        object.__setattr__(self, "fraction", check_fraction(self.fraction, "pass rule: fraction"))
        if self.count is not None:
            object.__setattr__(self, "count", check_count(self.count, "pass rule: count"))
        object.__setattr__(self, "quorum", check_count(self.quorum, "pass rule: quorum"))
        check_option(self.basis, sorted(FIXED_BASES | TURNOUT_BASES), "pass rule: basis", RulesError)
        if self.basis in FIXED_BASES and (self.count is None or self.count < 0):
            raise RulesError(f"pass rule: a {self.basis} basis needs a count >= 0, got {self.count!r}")
        if not (0 < self.fraction < 1):
            raise RulesError(f"pass rule: fraction must lie strictly between 0 and 1, got {self.fraction}")
        if self.quorum < 0:
            raise RulesError(f"pass rule: quorum must be >= 0, got {self.quorum}")
        if self.tie_passes and self.tie_fails:
            raise RulesError("pass rule: a tie cannot both pass and fail")
        object.__setattr__(self, "floor", check_count(self.floor, "pass rule: floor"))
        if (problem := recorded_problem(self.votes_recorded, self.basis, self.negative)) is not None:
            raise RulesError(f"pass rule: {problem}")
        if self.members is not None:
            object.__setattr__(self, "members", check_count(self.members, "pass rule: members"))
        if self.floor < 0:
            raise RulesError(f"pass rule: floor must be >= 0, got {self.floor}")
        if self.floor and (self.negative or not self.depends_on_turnout):
            raise RulesError("pass rule: a floor (yes votes needed whatever the turnout) is for a threshold of a "
                             f"turnout that counts the yes votes, got basis {self.basis!r}"
                             + (" with negative" if self.negative else ""))
        object.__setattr__(self, "vacancies_verified",
                           vacancies_verified_for(self.basis, self.vacancies_verified, self.floor_basis))

    @property
    def depends_on_turnout(self) -> bool:
        """True when the bar is a share of those who vote (or are present)."""
        return self.basis in TURNOUT_BASES

    @property
    def needs(self) -> frozenset[str]:
        """The counts besides yes that the verdict can depend on (a forecast keeps only these)."""
        out: set[str] = set()
        if self.depends_on_turnout or self.negative:
            out.add("no")
        if self.basis == "present":
            out.add("abstain")
        if self.quorum > 0:
            out |= {"no", "abstain", "absent", "present_not_voting"}
        return frozenset(out)

    @property
    def abstain_as_no(self) -> bool:
        """True when an abstention weighs as a no in every verdict: on a basis of the members present (it
        counts against, and toward a quorum), and on a fixed basis counting yes votes (where a no only counts
        toward a quorum, as an abstention does). Elsewhere an abstention is not a no: on the votes cast it weighs
        as an absence but for a quorum, toward which it counts; where the noes of the members present reject a
        motion it adds to the members present but not to the noes."""
        return (self.basis == "present" and not self.negative) or not (self.depends_on_turnout or self.negative)

    @property
    def counts_abstentions(self) -> bool:
        """True when the basis counts an abstention among its votes: the members present, and a fixed basis
        (whose count no turnout changes)."""
        return self.basis == "present" or not self.depends_on_turnout

    @property
    def counts_noes(self) -> bool:
        """True when noes matter, so a member absent and a member voting no are not the same."""
        return bool(self.needs - {"abstain"})

    def bar(self, n: int) -> int:
        """Votes needed when the basis counts ``n`` (the fixed count on a fixed basis). Where a casting vote
        decides a tie (one half of an even ``n``), the tie's yes votes carry when it goes for the motion and
        one more is needed when it goes against, whatever ``strict`` says: :meth:`passes` decides so."""
        if not self.depends_on_turnout:
            assert self.count is not None
            return self.count
        return max(self.share_bar(n), self.floor)

    def share_bar(self, n: int) -> int:
        """Votes the share alone asks for when the basis counts ``n`` (:meth:`bar` without the floor)."""
        if not self.depends_on_turnout:
            return self.bar(n)
        if self._tie_decides(n):
            return n // 2 + (0 if self.tie_passes else 1)
        exact = self.fraction * n
        return int(exact) + 1 if self.strict else -(-exact.numerator // exact.denominator)

    def _tie_decides(self, n: int) -> bool:
        """True when ``n`` can split into a tie that a casting vote decides."""
        return (self.depends_on_turnout and not self.negative and self.fraction == Fraction(1, 2)
                and n > 0 and n % 2 == 0 and (self.tie_passes or self.tie_fails))

    def tie_words(self, n: int) -> str:
        """What :meth:`bar` owes to the casting vote when the basis counts ``n``, in words for a bar that
        the threshold's own words would put one higher or lower ("" when it owes nothing)."""
        if not self._tie_decides(n) or self.strict != self.tie_passes or self.floor > self.share_bar(n):
            return ""
        if self.tie_passes:
            return " (a tie carried by the chair's casting vote)"
        return " (a tie not carried: the chair's casting vote decides it)"

    def passes(self, yes: Any, no: Any = 0, abstain: Any = 0,
               absent: Any = 0,  # equivalent mutants "0 -> 1", "0 -> -1": absent never decides by itself
               present_not_voting: Any = 0, *, check_quorum: bool = True) -> BoolArray:
        """Element-wise: does the motion pass with these counts? (ints or numpy arrays, broadcast)

        ``absent`` never changes the verdict by itself (it is what the other counts leave out); it is
        accepted so that callers can pass every count they have. ``check_quorum=False`` when attendance is
        unknown (only the yes votes were recorded).
        """
        import numpy as np

        y = np.asarray(yes, dtype=np.int64)
        n = np.asarray(no, dtype=np.int64)
        ab = np.asarray(abstain, dtype=np.int64)
        del absent
        if not self.depends_on_turnout:
            assert self.count is not None
            ok = (n < self.count) if self.negative else (y >= self.count)
        else:
            ok = self._turnout_verdict(y, n, ab)
            if self.floor:
                ok = ok & (y >= self.floor)
        if check_quorum and self.quorum > 0:  # equivalent mutants "> -> >=", "0 -> -1": a quorum of 0 always holds
            present = y + n + ab + np.asarray(present_not_voting, dtype=np.int64)
            ok = ok & (present >= self.quorum)
        return np.asarray(ok)

    def passes_one(self, yes: int, no: int = 0, abstain: int = 0, present_not_voting: int = 0, *,
                   check_quorum: bool = True) -> bool:
        """:meth:`passes` for one division, in plain integers (the rules engine needs no numpy)."""
        if not self.depends_on_turnout:
            assert self.count is not None
            ok = (no < self.count) if self.negative else (yes >= self.count)
        else:
            against = no + abstain if self.basis == "present" else no
            size = yes + against
            f = self.fraction
            lhs, rhs = (no if self.negative else yes) * f.denominator, size * f.numerator
            reached = (lhs > rhs) if self.strict else (lhs >= rhs)
            if self.negative:
                ok = not (reached and size > 0)
            else:
                ok = reached and size > 0
                # a tie has 2 * yes votes: size > 0 and size > 1 say the same of it
                if (f == Fraction(1, 2) and size > 0  # equivalent mutant "0 -> 1": see above
                        and yes == against and (self.tie_passes or self.tie_fails)):
                    ok = self.tie_passes
                ok = ok and yes >= self.floor
        if check_quorum and self.quorum > 0:  # equivalent mutants "> -> >=", "0 -> -1": a quorum of 0 always holds
            ok = ok and yes + no + abstain + present_not_voting >= self.quorum
        return ok

    def _turnout_verdict(self, y: IntArray, n: IntArray, ab: IntArray) -> BoolArray:
        import numpy as np

        against = n + ab if self.basis == "present" else n
        size = y + against
        f = self.fraction
        # yes > f * size  <=>  yes * den > num * size: exact integers, no float threshold
        lhs = (n if self.negative else y) * f.denominator
        rhs = size * f.numerator
        reached = (lhs > rhs) if self.strict else (lhs >= rhs)
        if self.negative:
            return np.asarray(~(reached & (size > 0)))
        ok = reached & (size > 0)
        if f == Fraction(1, 2) and (self.tie_passes or self.tie_fails):
            tie = (y == against) & (size > 0)  # equivalent mutant "0 -> 1": a tie has 2 * y votes
            ok = (ok | tie) if self.tie_passes else (ok & ~tie)
        return np.asarray(ok)

    def vacancy_keys(self) -> dict[str, bool | None]:
        """``vacancies_counted`` and ``vacancies_verified`` as every ``--json`` gives them beside this bar
        (:func:`~whipcount.rules.wording.vacancy_keys`: null where vacant seats have no part in it)."""
        return vacancy_keys(self.basis, self.vacancies_verified, self.floor_basis)

    def describe(self) -> str:
        """The rule in words (the rules engine's explanation when there is one)."""
        if self.explanation:
            return self.explanation
        if not self.depends_on_turnout:
            return f"{self.count} yes votes ({self.basis.replace('-', ' ')})"
        if self.basis == "plurality":
            return "the most votes (more than the runner-up)"
        if self.fraction == Fraction(1, 2) and self.strict:
            head = "a majority"
        else:
            head = ("more than " if self.strict else "at least ") + str(self.fraction)
        floor = f", and at least {self.floor} yes" if self.floor else ""
        return f"{head} of the {self.basis.replace('-', ' ')}{floor}"


def pass_rule_for(th: Threshold, *, seats: int, vacancies: int = 0, casting_vote: str | None = None,
                  explanation: str = "") -> PassRule:
    """The :class:`PassRule` of one threshold in a chamber of ``seats`` with ``vacancies``.

    ``casting_vote`` (``"yes"``/``"no"``) is the presiding officer's vote on a tie; without one the
    threshold's convention applies, and a casting-vote tie with neither is not carried.
    """
    quorum = th.quorum.required(seats) if th.quorum is not None else 0
    if casting_vote is not None:  # "Yes" had been read as a casting vote against
        check_option(casting_vote, ("yes", "no"), "casting_vote", RulesError)
    tie_passes = tie_fails = False
    if th.tie == "casting-vote":
        cast = casting_vote or th.tie_convention
        tie_passes, tie_fails = cast == "yes", cast != "yes"
    if th.depends_on_turnout:
        floor = th.floor.required(seats, vacancies) if th.floor is not None else 0
        return PassRule(th.basis, None, th.fraction, th.strict, th.negative, tie_passes, explanation, quorum,
                        tie_fails, floor=floor, members=seats - vacancies, vacancies_verified=th.vacancies_verified,
                        floor_basis=th.floor.basis if th.floor is not None else None)
    n = seats if th.basis == "total" else seats - vacancies
    return PassRule(th.basis, th.bar(n), th.fraction, th.strict, th.negative, False, explanation, quorum,
                    members=seats - vacancies, vacancies_verified=th.vacancies_verified)


def pass_rule(rules_id: str | Constitution, kind: str, *, seats: int | None = None, vacancies: int = 0,
              on: dt.date | None = None, casting_vote: str | None = None, round: int = 1) -> PassRule:
    """The :class:`PassRule` for motion ``kind`` under a profile (an id or a resolved constitution); ``round``
    2: its run-off's."""
    c = get_constitution(rules_id)
    n_seats = chamber_seats(c, seats, on)
    vacancies = check_vacancies(n_seats, vacancies)
    need = needed(c, kind, seats=n_seats, vacancies=vacancies, on=on, round=round)
    assert need.threshold is not None
    th, text = need.threshold, need.explanation
    rule = pass_rule_for(th, seats=n_seats, vacancies=vacancies, casting_vote=casting_vote, explanation=text)
    return replace(rule, vacancy_note=vacancy_note(need) or "", votes_recorded=need.votes_recorded,
                   defection=c.motion(kind, on).defection_on(on))


def pass_rule_in(scenario: Scenario, state: ChamberState) -> PassRule:
    """The :class:`PassRule` of the scenario's main motion (in its round: a run-off's rule for a run-off) in
    ``state``, under the motion's rules profile; without a motion, the one its profile is counted for. Where
    the profile fixes another size of chamber that day, :func:`~whipcount.rules.needed.seats_note` says so in
    its ``notes`` and in brackets at the end of its explanation (the scenario's seats are the ones counted)."""
    poll = scenario.motion.round if scenario.motion is not None else 1
    check_members_in(scenario, state)
    check_rule_on(scenario, state.date)
    rule = pass_rule(scenario.rules_for(), scenario_kind(scenario, state.date), seats=state.seats,
                     vacancies=state.vacancies, on=state.date, round=poll)
    said = seats_note(scenario.rules_for(), state.date, state.seats, "counted")
    return replace(rule, explanation=f"{rule.describe()} ({said})", notes=(said,)) if said else rule
