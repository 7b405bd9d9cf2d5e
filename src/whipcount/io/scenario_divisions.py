"""A scenario's recorded divisions checked against their chamber and their motion: known members each voting
once, counts within the seats, and the dates of the vote and of later decisions in order. Errors name the
file, the line and the field."""

from __future__ import annotations

import datetime as dt

from whipcount.errors import ModelError
from whipcount.io.limits import unknown
from whipcount.io.scenario_ctx import Ctx
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.model import Adjudication, Division, Motion, Scenario
from whipcount.model.division import sat_words

__all__ = ["check_divisions", "division_path", "division_yes_problem", "roll_beyond_seats", "roll_over_count",
           "roll_problem", "sat_on", "scenario_yes_problem"]

Path = tuple[str | int, ...]


def division_path(f: ScenarioFile, mi: int) -> Path:
    """Where motion ``mi``'s division stands in the file."""
    if mi == 0 and f.division is not None:
        return ("division",)
    return ("motions", mi - (1 if f.motion else 0), "division")


def check_divisions(ctx: Ctx, f: ScenarioFile, motions: list[Motion], member_ids: set[str], seats: int) -> None:
    """A recorded division must fit its chamber and its motion: known members, each voting once, counts and
    candidates' votes within the seats, an election's yes the votes of the motion's candidate (as declared and
    as each decision restates it), the votes a decision excludes within the yes it found, decisions after the
    vote, and the vote on the motion's vote day (or the night after), not before the motion was filed or
    moved."""
    for mi, mo in enumerate(motions):
        d = mo.division
        if d is None:
            continue
        path = division_path(f, mi)
        found = division_yes_problem(d, mo.successor)
        if found is not None:
            raise ctx.fail((*path, *found[0]), found[1])
        _check_voters(ctx, path, d, member_ids)
        _check_roll(ctx, path, d)
        _check_counts(ctx, path, d, seats)
        if mo.vote is None and (beyond := roll_beyond_seats(d, seats, f"{seats} seats")) is not None:
            raise ctx.fail((*path, *beyond[0]), beyond[1])  # a dated one is held to the members of its day
        when = d.date or mo.vote
        for i, a in enumerate(d.adjudications):
            if when is not None and a.date < when:
                raise ctx.fail((*path, "adjudications", i, "date"),
                               f"the decision on {a.date.isoformat()} comes before the vote on {when.isoformat()}")
        _check_vote_day(ctx, path, mo, d)


def division_yes_problem(d: Division, successor: str | None) -> tuple[Path, str] | None:
    """Where a division's ``yes``, or the votes a decision excludes from it, do not fit: the field (``yes``, or
    a decision's ``excluded``, ``yes`` or ``candidates``) and the problem in words; None where all fit. First
    the yes as declared (:func:`_yes_words`), then each decision in date order, held to the counts as the
    decisions before it left them (:meth:`Division.restated`): its excluded votes (:func:`_excluded_words`),
    then its yes as it leaves them. The first problem is named, so one over-large exclusion is not reported
    as the negative yes it would leave.

    In an election (a division with candidates) the motion names its candidate by ``successor``: where that
    name is among the candidates, ``yes`` is that candidate's votes exactly, and excluded votes come off them;
    where the motion names none, or a name that is not among them, ``yes`` is at most the most votes a
    candidate has (one candidate's votes, not known whose), and excluded votes come off the one candidate
    holding the yes."""
    found = _yes_words(d, successor, None)
    if found is not None:
        return ("yes",), found
    for n, (i, before, after) in enumerate(d.restated(successor)):
        a = d.adjudications[i]
        found = _excluded_words(before, successor, a, first=n == 0)
        if found is not None:
            return ("adjudications", i, "excluded"), found
        found = _yes_words(after, successor, a)
        if found is not None:
            field = "yes" if a.yes is not None else "candidates" if a.candidates else "excluded"
            return ("adjudications", i, field), found
    return None


def _excluded_words(before: Division, successor: str | None, a: Adjudication, *, first: bool) -> str | None:
    """The problem with the votes decision ``a`` excludes from ``before`` (the division as declared where ``a`` is the
    ``first`` decision, else as the decisions before it left it) in words; None if none. They are at most its yes; in an
    election they come off the motion's candidate where it is among the candidates, else off the one candidate whose
    votes are the yes: where no candidate, or more than one, has that many, which one lost them is not known unless the
    decision restates the candidates' votes itself."""
    if not a.excluded:
        return None
    whose = "the division's yes" if first else "the yes the decisions before it leave"
    if a.excluded > before.yes:
        yes = f"the division's {before.yes} yes" if first else f"the {before.yes} yes the decisions before it leave"
        return f"expected at most {yes}, got {a.excluded} excluded"
    if a.candidates or not before.candidates or (successor is not None and successor in dict(before.candidates)):
        return None
    holders = [name for name, votes in before.candidates if votes == before.yes]
    if len(holders) == 1:
        return None
    found = "no candidate has" if not holders else f"{' and '.join(holders)} each have"
    return (f"expected {whose} ({before.yes}) to be one candidate's votes, the candidate the excluded votes "
            f"were cast for, but {found} {before.yes}: give the candidates' votes as the decision counted them")


def _yes_words(d: Division, successor: str | None, a: Adjudication | None) -> str | None:
    """The problem with ``d``'s yes (the division's, or as decision ``a`` leaves it) in words; None if none."""
    if not d.candidates:
        return None
    votes = dict(d.candidates).get(successor) if successor else None
    most = max(v for _, v in d.candidates)
    if votes == d.yes or (votes is None and d.yes <= most):
        return None
    counted = "" if a is None else " as the decision counts them"
    if a is None or a.yes is not None:
        if votes is None:
            return (f"expected at most {most} yes, the most votes a candidate has{counted} (in an election yes is "
                    f"one candidate's votes, those of the motion's candidate), got {d.yes}")
        return (f"expected {votes} yes, the votes of {successor}, the motion's candidate (its successor){counted}, "
                f"got {d.yes}: in an election yes is the votes of the candidate the motion names")
    leaves = f"the {d.yes} yes the decision leaves (give its yes where it restates it)"
    if votes is None:
        return f"expected a candidate with at least {leaves}, got at most {most} votes"
    return f"expected {successor}, the motion's candidate (its successor), to have {leaves}, got {votes} votes"


def _check_voters(ctx: Ctx, path: Path, d: Division, member_ids: set[str]) -> None:
    voted: set[str] = set()
    for j, (mid, _) in enumerate(d.votes):
        if mid not in member_ids:
            raise ctx.fail((*path, "votes", j), unknown("member", mid, member_ids, listed=""))
        if mid in voted:
            raise ctx.fail((*path, "votes", j), f"member {mid!r} votes twice in one division")
        voted.add(mid)


def _check_roll(ctx: Ctx, path: Path, d: Division) -> None:
    """The roll names no more members voting one way than the division counts that way (fewer is a partial
    roll, as most are): more is a record at odds with itself, refused at the count (:func:`roll_over_count`).
    The counts left out together are held to the seats (:func:`roll_beyond_seats`)."""
    over = roll_over_count(d)
    if over is not None:
        raise ctx.fail((*path, *over[0]), over[1])


def roll_over_count(d: Division) -> tuple[Path, str] | None:
    """Where the roll names more members voting one way than the division counts that way: the count's field
    and the problem in words; None where it names no more. A count left out bounds nothing alone or in a sum
    (:meth:`Division.overnamed`)."""
    for o in d.overnamed():
        way = " or ".join(o.options)
        count = " and ".join(o.fields)
        return (o.fields[0],), (f"expected the roll to name at most {o.counted} member{'' if o.counted == 1 else 's'} "
                                f"voting {way}, the division's count of {count}, got {o.named} named: a roll may "
                                "name fewer voters than its count, never more")
    return None


def roll_problem(scenario: Scenario) -> tuple[Path, str] | None:
    """The first division of ``scenario`` whose roll a scenario file could not hold (:func:`roll_over_count`,
    then :func:`roll_beyond_seats`: a dated one held to the members who sat on its day, an undated one to the
    chamber's seats), at its place in the file :func:`~whipcount.io.writer.scenario_to_dict` would write
    (``division.no``, ``motions[0].division.votes[3]``) with the problem in words; None where every roll fits."""
    for mi, m in enumerate(scenario.motions):
        d = m.division
        if d is None:
            continue
        where: Path = ("division",) if mi == 0 else ("motions", mi - 1, "division")
        found = roll_over_count(d) or roll_beyond_seats(d, *sat_on(scenario, m.vote))
        if found is not None:
            return (*where, *found[0]), found[1]
    return None


def scenario_yes_problem(scenario: Scenario) -> tuple[Path, str] | None:
    """The first division of ``scenario`` whose ``yes`` does not fit (an election's not the votes of its
    motion's candidate, as declared or as a decision restates it, or a decision excluding votes the yes before
    it does not hold: :func:`division_yes_problem`), at its place in the file
    :func:`~whipcount.io.writer.scenario_to_dict` would write (``division.yes``,
    ``motions[0].division.adjudications[0].yes``) with the problem in words; None where every one fits."""
    for mi, m in enumerate(scenario.motions):
        if m.division is None:
            continue
        found = division_yes_problem(m.division, m.successor)
        if found is not None:
            where: Path = ("division",) if mi == 0 else ("motions", mi - 1, "division")
            return (*where, *found[0]), found[1]
    return None


def sat_on(scenario: Scenario, on: dt.date | None) -> tuple[int, str]:
    """The members who sat on ``on`` (the seats less the vacancies the event log has left by then) and the
    same in words; the chamber's seats where there is no day, or the log cannot say (its own error is
    reported where it is used)."""
    seats = scenario.chamber.seats
    if on is not None:
        try:
            state = scenario.state(max(on, scenario.chamber.as_of))
        except ModelError:
            return seats, f"{seats} seats"
        return state.seats - state.vacancies, sat_words(state.seats, state.vacancies, on)
    return seats, f"{seats} seats"


_LEFT_OUT = {"no": "voting no", "abstain": "abstaining", "absent": "absent",
             "present_not_voting": "present and not voting"}


def roll_beyond_seats(d: Division, sitting: int, seated: str) -> tuple[Path, str] | None:
    """Where the roll names more members than the counts the division leaves out can hold (at most the
    ``sitting`` members, in words ``seated``, less those the counts given hold: :meth:`Division.unseated`):
    the first roll entry beyond that room and the problem in words. None where the roll fits."""
    u = d.unseated(sitting)
    if u is None:
        return None
    plural = len(u.fields) > 1
    others = d.others()
    besides = (f" (besides the {others} voting no the other candidates' votes hold)"
               if others and "no" in u.fields else "")
    made = d.counted_words()
    return ("votes", u.named[u.room]), (
        f"expected the roll to name at most {u.room} member{'' if u.room == 1 else 's'} "
        f"{' or '.join(_LEFT_OUT[f] for f in u.fields)}, the count{'s' if plural else ''} the division leaves "
        f"out ({seated} less the {u.counted} counted{': ' + made if made else ''}), got {len(u.named)} named whom "
        f"no count given holds{besides}: a count left out holds no more members than sat")


def _check_counts(ctx: Ctx, path: Path, d: Division, seats: int) -> None:
    total = d.counted()  # an election's candidates' votes hold its yes and no
    if total > seats and sum(v for _, v in d.candidates) <= seats:
        made = d.counted_words()
        raise ctx.fail(path, f"the division counts {total} members{f' ({made})' if made else ''} but the "
                             f"chamber has {seats} seats")
    if d.defectors is not None and d.defectors > d.yes:
        raise ctx.fail((*path, "defectors"), f"expected at most the division's {d.yes} yes (the votes cast against "
                                             f"the party's direction are among them), got {d.defectors}")
    if sum(v for _, v in d.candidates) > seats:
        raise ctx.fail((*path, "candidates"), f"the candidates' votes add up to "
                                              f"{sum(v for _, v in d.candidates)}, but the chamber has "
                                              f"{seats} seats")


def _check_vote_day(ctx: Ctx, path: Path, mo: Motion, d: Division) -> None:
    """The vote comes after the motion was filed and moved, and a dated division is held on the motion's
    vote day or the day after (a sitting past midnight): it is judged on the chamber of the vote day."""
    when = d.date or mo.vote
    where = (*path, "date") if d.date else path
    for what, start in (("filed", mo.opened), ("moved", mo.moved)):
        if start is not None and when is not None and when < start:
            raise ctx.fail(where, f"the vote on {when.isoformat()} comes before the motion was {what} on "
                                  f"{start.isoformat()}")
    if d.date is not None and mo.vote is not None and (d.date - mo.vote).days not in (0, 1):
        raise ctx.fail((*path, "date"), f"expected the motion's vote day {mo.vote.isoformat()} (or the day "
                                        f"after, for a sitting past midnight), got {d.date.isoformat()}: the "
                                        "division is judged on the chamber of the vote day")
