"""Judging a vote: the count a motion needs, and whether a division carried it, with the reason why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from whipcount.errors import RulesError
from whipcount.model import ChamberState, Scenario
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Threshold, _basis_noun
from whipcount.rules.registry import get_constitution

__all__ = ["Needed", "Outcome", "judge", "needed"]


@dataclass(frozen=True, slots=True)
class Needed:
    """How many yes votes a motion needs, on what basis, and why.

    ``count`` is None when it depends on turnout (a majority of the votes cast) or when the motion
    stands unless the noes reach ``reject_at`` (a negative majority).
    """

    count: int | None
    basis: str
    explanation: str
    reject_at: int | None = None
    seats: int | None = None
    vacancies: int = 0
    source: LegalSource | None = None
    threshold: Threshold | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A division judged under a constitution: passed or not, the bar, its basis, and the reason."""

    passed: bool
    needed: int | None
    basis: str
    motion: str
    rules: str
    explanation: str
    yes: int
    no: int | None
    abstain: int | None
    absent: int | None
    seats: int
    vacancies: int
    on: dt.date | None
    counted_yes: int
    reject_at: int | None = None
    tie: bool = False
    quorum: int | None = None
    quorum_met: bool | None = None
    round: int = 1
    next_step: str | None = None
    effect: str = ""
    source: LegalSource | None = None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the keys the command line's ``--json`` prints)."""
        return {
            "passed": self.passed,
            "needed": self.needed,
            "basis": self.basis,
            "motion": self.motion,
            "rules": self.rules,
            "explanation": self.explanation,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "absent": self.absent,
            "counted_yes": self.counted_yes,
            "seats": self.seats,
            "vacancies": self.vacancies,
            "on": self.on.isoformat() if self.on else None,
            "reject_at": self.reject_at,
            "tie": self.tie,
            "quorum": self.quorum,
            "quorum_met": self.quorum_met,
            "round": self.round,
            "next_step": self.next_step,
            "effect": self.effect,
            "source": {"article": self.source.cite(), "url": self.source.url} if self.source else None,
            "notes": list(self.notes),
        }


def _seats(c: Constitution, seats: int | None, on: dt.date | None) -> int:
    if seats is not None:
        if seats <= 0:
            raise RulesError(f"seats: expected a positive number of seats, got {seats}")
        return seats
    period = c.seats_on(on)
    if period is None:
        when = on.isoformat() if on else "today"
        raise RulesError(f"{c.id}: the chamber's size on {when} is not in the profile; give seats (--seats N)")
    return period.seats


def _check_vacancies(seats: int, vacancies: int) -> None:
    if vacancies < 0:
        raise RulesError(f"vacancies: expected a count >= 0, got {vacancies}")
    if vacancies >= seats:
        raise RulesError(f"vacancies: {vacancies} vacancies leave no member in a chamber of {seats} seats")


def _members(n: int) -> str:
    return f"{n} member" if n == 1 else f"{n} members"


def _of_basis(basis: str, n: int, seats: int, vacancies: int) -> str:
    """``"the total membership of 342"``, ``"the 341 sitting members (342 less 1 vacancy)"``."""
    if basis == "total":
        return f"the total membership of {seats}"
    if basis == "sitting":
        if vacancies:
            return f"the {n} sitting members ({seats} less {vacancies} vacanc{'y' if vacancies == 1 else 'ies'})"
        return f"the {n} sitting members"
    if basis == "votes-cast":
        return f"the {n} votes cast"
    if basis == "present-and-voting":
        return f"the {n} members present and voting"
    return f"the {n} members present (abstentions count against)"


def _head(th: Threshold) -> str:
    """The share alone: ``"a majority of"``, ``"at least two thirds of"``."""
    d = th.describe().removeprefix("rejected only if ").removesuffix(" vote against")
    return d.removesuffix(" " + _basis_noun(th.basis))


def needed(
    rules_id: str | Constitution,
    kind: str,
    *,
    seats: int | None = None,
    vacancies: int = 0,
    on: dt.date | None = None,
) -> Needed:
    """Yes votes ``kind`` needs under ``rules_id`` in a chamber of ``seats`` (default: its size on ``on``).

    >>> needed("pk-na", "no-confidence", seats=342).count
    172
    """
    c = get_constitution(rules_id)
    rule = c.motion(kind, on)
    n_seats = _seats(c, seats, on)
    _check_vacancies(n_seats, vacancies)
    return _needed_for(rule.threshold, rule, n_seats, vacancies)


def _needed_for(th: Threshold, rule: MotionRule, seats: int, vacancies: int) -> Needed:
    cite = rule.source.article
    if th.depends_on_turnout:
        text = f"{th.describe()}, {cite}: the number depends on turnout"
        return Needed(None, th.basis, text, seats=seats, vacancies=vacancies, source=rule.source, threshold=th)
    n = seats if th.basis == "total" else seats - vacancies
    bar = th.bar(n)
    if th.negative:
        of = _of_basis(th.basis, n, seats, vacancies)
        text = f"rejected only if {bar} of {n} vote against: {_head(th)} {of}, {cite}"
        return Needed(None, th.basis, text, reject_at=bar, seats=seats, vacancies=vacancies, source=rule.source,
                      threshold=th)
    text = f"{bar} of {n}: {_head(th)} {_of_basis(th.basis, n, seats, vacancies)}, {cite}"
    return Needed(bar, th.basis, text, seats=seats, vacancies=vacancies, source=rule.source, threshold=th)


def judge(
    rules_id: str | Constitution,
    kind: str,
    *,
    yes: int,
    no: int | None = None,
    abstain: int | None = None,
    absent: int | None = None,
    seats: int | None = None,
    vacancies: int = 0,
    on: dt.date | None = None,
    candidates: Mapping[str, int] | None = None,
    round: int = 1,
    defectors: int = 0,
    casting_vote: str | None = None,
) -> Outcome:
    """Judge a division on ``kind`` under ``rules_id`` as the rules stood on ``on``.

    ``no`` is None when the noes were not recorded (Pakistan records only a no-confidence resolution's
    supporters); a basis that needs them then raises RulesError. ``candidates`` (an election) replaces
    ``yes`` by the leading candidate's votes, and in a runoff (``round=2``) ``no`` by the runner-up's.
    ``defectors``: how many of the yes votes were cast against the party's direction (Pakistan's Art. 63A).
    ``casting_vote``: ``"yes"``/``"no"`` for the presiding officer's vote in a tie (default: the
    convention the profile records).
    """
    c = get_constitution(rules_id)
    rule = c.motion(kind, on)
    n_seats = _seats(c, seats, on)
    _check_vacancies(n_seats, vacancies)
    if casting_vote not in (None, "yes", "no"):
        raise RulesError(f"casting vote: expected yes or no, got {casting_vote!r}")
    if round not in (1, 2):
        raise RulesError(f"round: expected 1 (first poll) or 2 (runoff), got {round}")
    notes: list[str] = []
    if not rule.verified:
        notes.append(f"this rule is not verified: {rule.note or 'see the profile'}")
    lead_name: str | None = None
    if candidates:
        for name, votes in candidates.items():
            if votes < 0:
                raise RulesError(f"candidates: {name!r} has {votes} votes; expected a count >= 0")
        ranked = sorted(candidates.items(), key=lambda kv: -kv[1])
        lead_name, yes = ranked[0]
        if round == 2 and no is None:
            no = ranked[1][1] if len(ranked) > 1 else 0
        elif round == 1 and no is None:
            no = sum(v for _, v in ranked[1:])
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            notes.append(f"{ranked[0][0]} and {ranked[1][0]} tie on {yes} votes")
    for label, value in (("yes", yes), ("no", no), ("abstain", abstain), ("absent", absent),
                         ("defectors", defectors)):
        if value is not None and value < 0:
            raise RulesError(f"{label}: expected a count >= 0, got {value}")
    sitting = n_seats - vacancies
    counted = yes + (no or 0) + (abstain or 0) + (absent or 0)
    if counted > sitting:
        parts = " + ".join(f"{v} {k}" for k, v in (("yes", yes), ("no", no), ("abstain", abstain),
                                                     ("absent", absent)) if v)
        raise RulesError(
            f"the counts add up to {counted} ({parts}) but the chamber has only {sitting} sitting members"
            + (f" ({n_seats} seats less {vacancies} vacant)" if vacancies else "")
        )
    if defectors > yes:
        raise RulesError(f"defectors: {defectors} votes against the party's direction, but only {yes} yes votes")

    th = rule.threshold
    runoff_note: str | None = None
    if round == 2:
        if rule.runoff is None:
            raise RulesError(f"{c.id}: the {kind} rule has no runoff (second poll)")
        th = rule.runoff.threshold
    src = rule.runoff.source if round == 2 and rule.runoff and rule.runoff.source else rule.source

    counted_yes = yes
    period = rule.defection_on(on)
    if defectors and period is not None and not period.counted:
        counted_yes = yes - defectors
        notes.append(
            f"{defectors} vote(s) cast against the party's direction not counted "
            f"({period.source.article}{': ' + period.note if period.note else ''})"
        )
    elif defectors and period is not None:
        notes.append(f"{defectors} vote(s) cast against the party's direction counted ({period.source.article})")

    if th.basis in ("votes-cast", "present-and-voting", "present") or th.negative:
        if no is None:
            raise RulesError(
                f"{c.id} {kind}: {th.describe()} needs the number of noes (--no N); only yes was given"
            )
    no_n = no or 0
    abst = abstain or 0
    if th.basis in ("votes-cast", "present-and-voting"):
        n = counted_yes + no_n
    elif th.basis == "present":
        n = counted_yes + no_n + abst
    elif th.basis == "sitting":
        n = sitting
    else:
        n = n_seats
    bar = th.bar(n)

    tally = f"{counted_yes} in favour" + (f", {no_n} against" if no is not None else "") + (
        f", {abst} abstaining" if abstain else ""
    )
    if lead_name is not None:
        tally = f"{lead_name} {counted_yes}" + (f", runner-up {no_n}" if round == 2 else "")
    of = _of_basis(th.basis, n, n_seats, vacancies)
    tie = False
    needed_count: int | None
    reject_at: int | None = None
    if th.negative:
        reject_at = bar
        needed_count = None
        passed = no_n < bar
        reason = (
            f"{tally}; rejected only if {bar} vote against: {_head(th)} {of}, {src.article}"
        )
    else:
        needed_count = bar
        passed = counted_yes >= bar
        against = no_n + (abst if th.basis == "present" else 0)
        if th.depends_on_turnout and n > 0 and counted_yes == against and th.fraction == Fraction(1, 2):
            tie = True
            chair = f" ({th.tie_source.article})" if th.tie_source else ""
            if th.tie == "casting-vote" and (casting_vote or th.tie_convention):
                cast = casting_vote or th.tie_convention
                passed = cast == "yes"
                how = "as given" if casting_vote else "by convention"
                reason = (
                    f"{tally}: a tie; the presiding officer's casting vote{chair} goes {cast} ({how}); "
                    f"{_head(th)} {of} otherwise, {src.article}"
                )
            elif th.tie == "casting-vote":
                passed = False
                reason = (
                    f"{tally}: a tie; the presiding officer decides{chair}, and no casting vote was given, "
                    f"so it is not counted as carried; {_head(th)} {of} otherwise, {src.article}"
                )
            else:
                reason = f"{tally}: a tie, and a tie fails; {bar} needed: {_head(th)} {of}, {src.article}"
        elif n == 0:
            passed = False
            reason = f"{tally}: no votes cast, nothing carried; {_head(th)} {of}, {src.article}"
        else:
            reason = f"{tally}; {bar} needed: {_head(th)} {of}, {src.article}"

    quorum_needed: int | None = None
    quorum_met: bool | None = None
    if th.quorum is not None:
        quorum_needed = th.quorum.required(n_seats)
        if no is not None:
            present = yes + no_n + abst
            quorum_met = present >= quorum_needed
            if not quorum_met:
                passed = False
                reason += f"; only {present} present, short of {th.quorum.describe(n_seats)}: no valid decision"

    if passed:
        effect = rule.effect
    elif kind == "pm-election" and round == 1 and rule.runoff is not None:
        effect = (
            f"no candidate reached {bar} in the first poll: a second poll between the top "
            f"{rule.runoff.among} follows, decided by {rule.runoff.threshold.describe()}"
            + (f" ({rule.runoff.source.article})" if rule.runoff.source else "")
        )
        runoff_note = effect
    else:
        effect = rule.effect_fail
    explanation = f"{reason}; {effect}"
    if notes:
        explanation += " (" + "; ".join(notes) + ")"
    return Outcome(
        passed=passed,
        needed=needed_count,
        basis=th.basis,
        motion=kind,
        rules=c.id,
        explanation=explanation,
        yes=yes,
        no=no,
        abstain=abstain,
        absent=absent,
        seats=n_seats,
        vacancies=vacancies,
        on=on,
        counted_yes=counted_yes,
        reject_at=reject_at,
        tie=tie,
        quorum=quorum_needed,
        quorum_met=quorum_met,
        round=round,
        next_step=runoff_note,
        effect=effect,
        source=src,
        notes=tuple(notes),
    )


def needed_in(scenario: Scenario, state: ChamberState, kind: str | None = None) -> Needed:
    """Yes votes the scenario's main motion (or a motion of ``kind``) needs in ``state``, under the
    motion's rules profile (the chamber's when the motion names none)."""
    return needed(scenario.rules_for(), kind or scenario.main_kind, seats=state.seats,
                  vacancies=state.vacancies, on=state.date)
