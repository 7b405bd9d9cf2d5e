"""The count a motion needs: how many votes, on what basis, and why (with the article)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from whipcount.errors import RulesError
from whipcount.model.arguments import check_count
from whipcount.rules.core import Constitution, DefectionPeriod, LegalSource, MotionRule, Threshold
from whipcount.rules.in_force import check_rule_on
from whipcount.rules.registry import get_constitution
from whipcount.rules.wording import basis_noun, fraction_words, seats_words, span, vacancies_counted, vacancy_keys

if TYPE_CHECKING:  # a scenario's states are read here, never built: `whipcount rules list` imports no model
    from whipcount.model import ChamberState, Scenario

__all__ = ["Needed", "chamber_seats", "check_vacancies", "counted_sides", "defection_in", "floor_clause",
           "floor_words", "head_of", "need_vacancy_keys", "needed", "needed_in", "of_basis", "poll_needed",
           "scenario_kind", "scenario_needed", "seats_note", "vacancy_note", "vacancy_notes"]


@dataclass(frozen=True, slots=True)
class Needed:
    """How many yes votes a motion needs, on what basis, and why.

    ``count`` is None when it depends on turnout (a majority of the votes cast) or when the motion
    stands unless the noes reach ``reject_at`` (a negative majority). ``notes``: what the explanation adds in
    brackets (a scenario's chamber not the size its rules profile fixes: :func:`scenario_needed`).
    """

    count: int | None
    basis: str
    explanation: str
    reject_at: int | None = None
    seats: int | None = None
    vacancies: int = 0  # equivalent mutant "0 -> 1": every Needed built here names its vacancies
    source: LegalSource | None = None
    threshold: Threshold | None = None
    notes: tuple[str, ...] = ()
    floor: int | None = None
    votes_recorded: str = "all"
    """Which votes a division of the motion records (the rule's ``votes_recorded``): ``yes-only`` where only
    the votes for it are."""


def chamber_seats(c: Constitution, seats: int | None, on: dt.date | None) -> int:
    if seats is not None:
        if (n := check_count(seats, "seats")) <= 0:
            raise RulesError(f"seats: expected a positive number of seats, got {seats}")
        return n
    period = c.seats_on(on)
    if period is None:
        when = on.isoformat() if on else f"{dt.date.today().isoformat()} (today)"
        covered = "; ".join(f"{p.seats} from {span(p.start, p.end)}" for p in c.seats)
        has = f"it gives {covered}" if covered else "it gives none"
        other = ", or --on a date it covers" if covered else ""
        raise RulesError(f"{c.named}: the chamber's size on {when} is not in the profile ({has}); give the size "
                         f"with --seats N (seats= in Python){other}")
    return period.seats


def check_vacancies(seats: int, vacancies: int) -> int:
    """``vacancies`` as the int it is (``1.0``: 1), or a RulesError where a chamber of ``seats`` cannot have them."""
    if (vacancies := check_count(vacancies, "vacancies")) < 0:
        raise RulesError(f"vacancies: expected a count >= 0, got {vacancies}")
    if vacancies >= seats:
        raise RulesError(f"vacancies: {vacancies} vacancies leave no member in a chamber of {seats} seats")
    return vacancies


UNVERIFIED = "as the rules are read here: no source says whether a vacancy lowers the bar"


def of_basis(basis: str, n: int, seats: int, vacancies: int, verified: bool | None = True) -> str:
    """The basis of a bar of ``n`` in a chamber of ``seats`` with ``vacancies``, saying how the vacant seats were
    treated where it counts the membership: ``"the total membership of 342 (the 1 vacant seat included)"``,
    ``"the 341 sitting members (342 seats, the 1 vacant left out)"``; a basis of votes or members present
    needs no word on them (``"the 185 votes cast"``). Not ``verified`` (the profile marks its treatment of
    vacancies unverified): the words say so beside the vacant seats (``"(the 1 vacant seat included, as the
    rules are read here: no source says whether a vacancy lowers the bar)"``)."""
    caveat = "" if verified is not False else f", {UNVERIFIED}"
    if basis == "total":
        return f"the total membership of {seats}" + (f" (the {seats_words(vacancies, 'vacant')} included{caveat})"
                                                     if vacancies else "")
    s = "" if n == 1 else "s"  # "the 1 vote cast", "the 2 votes cast"
    if basis == "sitting":
        if vacancies:
            return f"the {n} sitting member{s} ({seats} seats, the {vacancies} vacant left out{caveat})"
        return f"the {n} sitting member{s}"
    if basis == "votes-cast":
        return f"the {n} vote{s} cast"
    if basis == "present-and-voting":
        return f"the {n} member{s} present and voting"
    if basis == "plurality":
        return f"the {n} vote{s} for the leader and the runner-up"
    return f"the {n} member{s} present (abstentions count against)"


def head_of(th: Threshold) -> str:
    """The share alone: ``"a majority of"``, ``"at least two thirds of"``; of a plurality (the leader's votes
    against the runner-up's), ``"the most votes: more than half of"``."""
    if th.basis == "plurality":
        return "the most votes: more than half of"
    d = th.share().removeprefix("rejected only if ").removesuffix(" vote against")
    return d.removesuffix(" " + basis_noun(th.basis))


def floor_words(th: Threshold, seats: int, vacancies: int) -> str:
    """A threshold's floor as a count and its share of the membership: ``"4: two fifths of the total membership
    of 10"``, ``"5: more than two fifths of the 9 sitting members (10 seats, the 1 vacant left out)"``."""
    assert th.floor is not None
    fl = th.floor
    n = seats if fl.basis == "total" else seats - vacancies
    head = ("more than " if fl.strict else "") + fraction_words(fl.fraction) + " of"
    return f"{fl.required(seats, vacancies)}: {head} {of_basis(fl.basis, n, seats, vacancies, th.vacancies_verified)}"


def floor_clause(th: Threshold, yes: int, share_bar: int, floor: int, seats: int, vacancies: int) -> tuple[str, str]:
    """What a floor adds to the words of a judged division with ``yes`` votes for: after the share, its count and
    the floor (``", that is 3, and not fewer than 4: two fifths of the total membership of 10"``); and at the end, which
    of the two decided (``"the floor decides: the share is reached, the floor is not"``). Nothing without one."""
    if th.floor is None:
        return "", ""
    add = f", that is {share_bar}, and not fewer than {floor_words(th, seats, vacancies)}"
    share_met, floor_met = yes >= share_bar, yes >= floor
    if share_met and floor_met:
        higher = ("both ask the same number" if floor == share_bar
                  else f"the {'floor' if floor > share_bar else 'share'} is the higher of the two")
        return add, f"both are reached ({higher})"
    if share_met:
        return add, "the floor decides: the share is reached, the floor is not"
    if floor_met:
        return add, "the share decides: the floor is reached, the share is not"
    return add, "neither the share nor the floor is reached"


def needed(
    rules_id: str | Constitution,
    kind: str,
    *,
    seats: int | None = None,
    vacancies: int = 0,
    on: dt.date | None = None,
    round: int = 1,
) -> Needed:
    """Yes votes ``kind`` needs under ``rules_id`` in a chamber of ``seats`` (default: its size on ``on``);
    ``round`` 2: in the rule's run-off.

    >>> needed("pk-na", "no-confidence", seats=342).count
    172
    """
    c = get_constitution(rules_id)
    rule = c.motion(kind, on)
    n_seats = chamber_seats(c, seats, on)
    vacancies = check_vacancies(n_seats, vacancies)
    try:
        return poll_needed(rule, round, seats=n_seats, vacancies=vacancies)
    except RulesError as e:
        raise RulesError(f"{c.named}: {e}") from None


def poll_needed(rule: MotionRule, round: int = 1, *, seats: int, vacancies: int = 0) -> Needed:
    """What one poll of ``rule`` (``round`` 2: its run-off) needs in a chamber of ``seats`` with ``vacancies``:
    the rule itself, where :func:`needed` finds the one in force on a day (``rules show`` gives each rule
    of a profile, in force or not, with this)."""
    th, source = rule.poll(round)
    return replace(_needed_for(th, source, seats, vacancies), votes_recorded=rule.votes_recorded)


def _needed_for(th: Threshold, source: LegalSource, seats: int, vacancies: int) -> Needed:
    cite = source.article
    if th.depends_on_turnout:
        text = f"{th.share()}, {cite}: the number depends on turnout"
        floor = th.floor.required(seats, vacancies) if th.floor is not None else None
        if floor is not None:
            text += f", but is never fewer than {floor_words(th, seats, vacancies)}"
        if th.basis == "plurality":  # a whip count knows for and against, not which rival each vote goes to
            text += ("; every vote against is counted as one rival's, so a field split among several "
                     "needs fewer")
        return Needed(None, th.basis, text, seats=seats, vacancies=vacancies, source=source, threshold=th,
                      floor=floor)
    n = seats if th.basis == "total" else seats - vacancies
    bar = th.bar(n)
    if th.negative:
        of = of_basis(th.basis, n, seats, vacancies, th.vacancies_verified)
        text = f"rejected only if {bar} of {n} vote against: {head_of(th)} {of}, {cite}"
        return Needed(None, th.basis, text, reject_at=bar, seats=seats, vacancies=vacancies, source=source,
                      threshold=th)
    text = f"{bar} of {n}: {head_of(th)} {of_basis(th.basis, n, seats, vacancies, th.vacancies_verified)}, {cite}"
    return Needed(bar, th.basis, text, seats=seats, vacancies=vacancies, source=source, threshold=th)


def need_vacancy_keys(need: Needed) -> dict[str, bool | None]:
    """:func:`~whipcount.rules.wording.vacancy_keys` of a bar: whether its vacant seats are counted, and
    whether a source settles that (its threshold's :meth:`~whipcount.rules.core.Threshold.vacancy_keys`)."""
    return need.threshold.vacancy_keys() if need.threshold is not None else vacancy_keys(need.basis, True)


def vacancy_note(need: Needed) -> str | None:
    """Where seats are vacant and the bar is a share of the membership, what the bar is a share of, for a note
    beside a figure that gives its number alone (a chart's line): ``"the votes needed are a majority of the
    total membership of 342 (the 1 vacant seat included), Art. 95(4)"``; nothing where no seat is vacant or the
    basis is one of votes or of members present, which vacant seats have no part in."""
    th, source = need.threshold, need.source
    if not need.vacancies or vacancies_counted(need.basis) is None or th is None or source is None:
        return None
    seats = need.seats if need.seats is not None else 0
    n = seats if th.basis == "total" else seats - need.vacancies
    of = f"{head_of(th)} {of_basis(th.basis, n, seats, need.vacancies, th.vacancies_verified)}"
    if th.negative:
        return f"the motion is rejected only if {of} vote against, {source.article}"
    return f"the votes needed are {of}, {source.article}"


def vacancy_notes(needs: Sequence[Needed]) -> list[str]:
    """:func:`vacancy_note` over the days a figure shows (a timeline's), once for each bar in force: where the
    number of vacant seats changes over them, its least and most are given instead of one number (``"a majority
    of the total membership of 371 (the vacant seats included: 2 to 27 of them over these dates), Art. 107"``)."""
    groups: dict[tuple[str, bool, str, str, int | None], list[Needed]] = {}
    for need in needs:
        th, source = need.threshold, need.source
        if vacancy_note(need) is not None and th is not None and source is not None:
            groups.setdefault((th.basis, th.negative, head_of(th), source.article, need.seats), []).append(need)
    out: list[str] = []
    for (basis, negative, head, article, seats), group in groups.items():
        counts = sorted({n.vacancies for n in group})
        if len(counts) == 1:
            out.append(vacancy_note(group[0]) or "")
            continue
        lo, hi = counts[0], counts[-1]
        of = (f"the total membership of {seats} (the vacant seats included: {lo} to {hi} of them over these dates)"
              if basis == "total" else
              f"the sitting members ({seats} seats, the vacant left out: {lo} to {hi} of them over these dates)")
        said = f"the motion is rejected only if {head} {of} vote against" if negative \
            else f"the votes needed are {head} {of}"
        out.append(f"{said}, {article}")
    return out


def seats_note(rules: str | Constitution, on: dt.date, seats: int, done: str = "judged") -> str | None:
    """Where the rules profile fixes the chamber's size on ``on`` and the scenario's chamber has another, a note
    saying so (the scenario's seats are the ones ``done``: judged, or counted): a profile for another period,
    or a size mistyped in one file or the other."""
    c = get_constitution(rules)
    period = c.seats_on(on)
    if period is None or period.seats == seats:
        return None
    has = f"{seats} seat" + ("s" if seats != 1 else "")
    return (f"the scenario's chamber has {has} where the rules profile {c.id!r} fixes {period.seats} on "
            f"{on.isoformat()}: the scenario's are {done}")


def scenario_needed(rules_id: str | Constitution, kind: str, *, seats: int, vacancies: int, on: dt.date,
                    round: int = 1) -> Needed:
    """:func:`needed` in a scenario's chamber of ``seats`` on ``on``; where its rules profile fixes another size
    that day, :func:`seats_note` says so in ``notes`` and in brackets at the end of the explanation, which every
    command that shows the bar prints (the scenario's seats are the ones counted)."""
    need = needed(rules_id, kind, seats=seats, vacancies=vacancies, on=on, round=round)
    said = seats_note(rules_id, on, seats, "counted")
    return replace(need, explanation=f"{need.explanation} ({said})", notes=(said,)) if said else need


def scenario_kind(scenario: Scenario, on: dt.date | None = None) -> str:
    """The main motion's kind; without a motion, the one its rules profile is counted for on ``on``
    (:meth:`Constitution.main_kind`: no-confidence, else constructive no-confidence, else the first)."""
    if scenario.motion is not None:
        return scenario.motion.kind
    return get_constitution(scenario.rules_for()).main_kind(on or scenario.default_date)


def needed_in(scenario: Scenario, state: ChamberState, kind: str | None = None) -> Needed:
    """Yes votes the scenario's main motion (in its round: a run-off's threshold for a run-off) or a first
    poll of ``kind`` needs in ``state``, under the motion's rules profile (the chamber's when it names none)."""
    poll = scenario.motion.round if kind is None and scenario.motion is not None else 1
    check_members_in(scenario, state)
    if kind is None:
        check_rule_on(scenario, state.date)
    return scenario_needed(scenario.rules_for(), kind or scenario_kind(scenario, state.date), seats=state.seats,
                           vacancies=state.vacancies, on=state.date, round=poll)


def check_members_in(scenario: Scenario, state: ChamberState) -> None:
    """A RulesError where the events have left every seat of ``state`` vacant (no member can vote, so no bar
    can be counted), naming the event that left the last seat empty, where it was read, and the date asked."""
    if state.vacancies < state.seats:
        return
    from whipcount.model.events import VACATING_KINDS

    last = next((e for e in reversed(scenario.events) if e.date <= state.date and e.kind in VACATING_KINDS), None)
    where = f"{last.where}: {last.kind} on {last.date.isoformat()} left" if last else "the scenario leaves"
    before = f"; give a date before {last.date.isoformat()}" if last else ""
    raise RulesError(f"{where} every one of the {state.seats} seats vacant, so on {state.date.isoformat()} no member "
                     f"is there to vote and no bar can be counted{before}, or fill seats with a by-election first")


def defection_in(scenario: Scenario, state: ChamberState, kind: str | None = None) -> DefectionPeriod | None:
    """The defection rule of the motion :func:`needed_in` judges, on ``state``'s date (are votes cast against
    the party's direction counted?), None where the rule has none."""
    if kind is None:
        check_rule_on(scenario, state.date)
    rule = get_constitution(scenario.rules_for()).motion(kind or scenario_kind(scenario, state.date), state.date)
    return rule.defection_on(state.date)


def counted_sides(state: ChamberState, period: DefectionPeriod | None) -> tuple[dict[str, int], str | None]:
    """Seats per side whose votes count when every side votes as one (a tally's margins): the seats that
    crossed the floor vote with the side they crossed to, against their party's, so where ``period`` does not
    count such votes they are left out of that side; and a note saying so (None where nothing is left out)."""
    sides = state.sides()
    if period is None or period.counted or not state.crossed:
        return sides, None
    out = dict(sides)
    parts = []
    for side in sides:
        n = sum(c.seats for c in state.crossed if c.side == side)
        if n:
            out[side] -= n
            parts.append(f"{n} on the {side} side")
    words = (f"{sum(c.seats for c in state.crossed)} members who crossed the floor ({', '.join(parts)}): their "
             f"votes against their party's direction are not counted ({period.source.article}); the margins "
             f"leave them out")
    return out, words
