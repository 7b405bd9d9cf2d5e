"""What if: change a whip count (members switch, or stay away) and compare the forecasts side by side.

``--switch pti:14`` moves 14 of PTI's seats to the other side of the vote: positions standing ``yes``
or ``lean-yes`` go to ``no``, ``lean-no`` and ``no`` go to ``yes``, and the party's seats standing neither
way (``undecided``, ``abstain``, ``absent``) go against the way most of its voting seats stand: to ``no`` when more of
them lean yes than no, else to ``yes``. A party that switches sides does not send its abstainer to the side
it leaves (Ra'am's in the Knesset on 13 June 2021).
``--absent mqm-p`` keeps all of MQM-P away; ``--abstain psoe`` has the PSOE sit out the vote in the chamber (present,
voting neither way, weighed as the rule weighs an abstention); ``--no psoe`` and ``--yes psoe`` have them vote no or
yes whatever they stood at (an abstaining party has no side to switch from: ``--no`` says which way it goes; where
only the votes for the motion are recorded, ``votes_recorded: yes-only``, ``--no`` has them not vote for it). Seats
are taken from the party's largest positions first (its whipped bulk before its named parts and members); without a
number, every seat of the party.

A change of a party leaves its members who crossed the floor (:mod:`whipcount.tally.crossed`) as they stand:
they crossed to vote otherwise, and a change of their party does not force their vote. What it changes is
their party's direction, and the defection rule of the day is counted again with it: under Art. 63A's
uncounted period, ``--no gov`` on a confidence motion makes a yes of gov's crossed members a vote against the
party (not counted), and ``--yes gov`` on a no-confidence motion makes it a vote with the party (counted).
A seat moved to ``yes`` or ``no`` keeps a probability of its own (an entry's ``p_yes``) where it is surer of that
vote than the stance's: a whole party voting yes never lowers the chance of a yes of one of its seats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from whipcount.errors import ForecastError
from whipcount.model.arguments import check_count, check_instance, check_items, check_option
from whipcount.model.ids import did_you_mean
from whipcount.rules.chair import CHAIR_KEY
from whipcount.rules.wording import stance_words, switch_words
from whipcount.tally.count import default_stance
from whipcount.tally.crossed import recount, restored
from whipcount.tally.forecast import forecast
from whipcount.tally.model import Forecast, ForecastModel
from whipcount.tally.positions import AGAINST_FIRST, Position, WhipCount
from whipcount.tally.redirect import redirected

__all__ = ["CHANGE_KINDS", "Change", "WhatIfRun", "apply_change", "apply_changes", "combined", "defection_notes",
           "parse_change", "what_if"]

CHANGE_KINDS: tuple[str, ...] = ("switch", "yes", "no", "absent", "abstain")


@dataclass(frozen=True, slots=True)
class Change:
    """``seats`` of ``party`` (all of them when None) switch sides of the vote, vote yes, vote no, stay away
    or abstain."""

    kind: str
    party: str
    seats: int | None = None

    def __post_init__(self) -> None:
        if self.seats is not None:  # a numpy integer kept as the int it is; 2.5 or "3" seats named, not a TypeError
            object.__setattr__(self, "seats", check_count(self.seats, f"what-if change {self.party!r}: seats"))
        check_option(self.kind, CHANGE_KINDS, f"what-if change {self.party!r}: kind", ForecastError)
        if self.seats is not None and self.seats <= 0:
            raise ForecastError(f"what-if {self.option()}: the number of seats must be positive, got {self.seats}")

    def option(self) -> str:
        """The option as given, quoted (so that an error cuts a long one): ``--switch 'pti:14'``."""
        given = self.party if self.seats is None else f"{self.party}:{self.seats}"
        return f"--{self.kind} {given!r}"

    def describe(self, recorded: str = "all") -> str:
        """``"14 of pti switch"``, ``"psoe vote no"``, ``"mqm-p absent"``, ``"psoe abstain"``; where only the votes
        for the motion are recorded (``recorded`` ``yes-only``), ``"psoe do not vote for"``."""
        who = f"{self.seats} of {self.party}" if self.seats is not None else self.party
        return f"{who} {self.verb(recorded)}"

    def verb(self, recorded: str = "all") -> str:
        """What the moved seats do: ``switch``, ``vote yes``, ``vote no`` (``do not vote for`` where only the votes
        for the motion are recorded), ``absent``, ``abstain``."""
        return switch_words(self.kind == "yes", recorded, plural=True) if self.kind in ("yes", "no") else self.kind


def parse_change(kind: str, text: str) -> Change:
    """A :class:`Change` from ``PARTY`` or ``PARTY:N`` as written on the command line."""
    party, _, n = text.partition(":")
    party = party.strip()
    if not party:
        raise ForecastError(f"--{kind} {text!r}: expected PARTY or PARTY:N")
    seats: int | None = None
    if n:
        try:
            seats = int(n)
        except ValueError:
            raise ForecastError(f"--{kind} {text!r}: expected PARTY:N with N a whole number, got {n!r}") from None
    return Change(kind, party, seats)


_FOR = ("yes", "lean-yes")
_AGAINST = ("no", "lean-no")


def _flip(stance: str, neither: str) -> str:
    """The other side of ``stance``; ``neither`` for a stance on no side (undecided, abstain, absent)."""
    if stance in _FOR:
        return "no"
    return "yes" if stance in _AGAINST else neither


def _away_from(count: WhipCount, party: str) -> str:
    """Where a switch sends ``party``'s seats that stand on no side: against the side most of its seats that
    can vote stand on (``no`` when more lean yes than no), else ``yes``."""
    mine = [p for p in count.positions if p.party == party and p.office is None]
    for_ = sum(p.seats for p in mine if p.stance in _FOR)
    against = sum(p.seats for p in mine if p.stance in _AGAINST)
    return "no" if for_ > against else "yes"


def apply_change(count: WhipCount, change: Change) -> WhipCount:
    """The whip count after ``change`` (a ForecastError if the party has too few seats): the seats the
    defection rule set apart put back as they stood, moved, and the rule counted again."""
    count = restored(count)
    mine, want = _seats_to_move(count, change)
    order = sorted(mine, key=lambda p: (p.member is not None, -p.seats, p.label))
    moved: dict[str, tuple[Position, int]] = {}
    left = want
    for p in order:
        if left == 0:
            break
        k = min(p.seats, left)
        moved[p.key] = (p, k)
        left -= k
    # the defection rule of the day, counted again: a party whose direction changed, seats moved against it
    after = recount(replace(count, positions=tuple(_after_moving(count, change, moved))),
                    lambda side: default_stance(side, count.kind))
    rank = {s: i for i, s in enumerate(AGAINST_FIRST)}
    return replace(after, positions=tuple(sorted(after.positions, key=lambda q: (rank[q.stance], -q.seats, q.label))))


def _seats_to_move(count: WhipCount, change: Change) -> tuple[list[Position], int]:
    """The positions of the changed party that an earlier change has not moved (never the chair's) and
    how many of their seats move, or a ForecastError saying why it cannot be done."""
    # seats that cannot vote by office (the chair's, which votes only in a tie, deputies', tellers'): no change
    # moves them
    mine = [p for p in count.positions if p.party == change.party and "~" not in p.key and p.office is None
            and not _crossed(count, p)]  # nor its members who crossed the floor
    held = sum(p.seats for p in mine)
    when = count.date.isoformat()
    moved_before = sum(p.seats for p in count.positions if p.party == change.party and "~" in p.key)
    if not mine and moved_before:
        raise ForecastError(f"what-if {change.option()}: every seat of {change.party!r} on {when} "
                            f"({moved_before}) is moved by an earlier change")
    out = sum(p.seats for p in count.positions if p.party == change.party and p.office is not None)
    crossed = sum(p.seats for p in count.positions if p.party == change.party and _crossed(count, p))
    if not mine and crossed:
        raise ForecastError(f"what-if {change.option()}: every seat of {change.party!r} on {when} that votes "
                            f"({crossed}) crossed the floor, and a change of the party leaves those as they stand")
    if not mine and out:
        raise ForecastError(f"what-if {change.option()}: every seat of {change.party!r} on {when} "
                            f"({out}) cannot vote by office, so no change moves it")
    if not mine:
        held_by = sorted({p.party for p in count.positions})
        raise ForecastError(f"what-if {change.option()}: no seats of {change.party!r} on {when} "
                            f"(parties: {', '.join(held_by)}){did_you_mean(change.party, held_by)}")
    want = held if change.seats is None else change.seats
    if want > held:
        raise ForecastError(f"what-if {change.option()}: {change.party!r} holds "
                            f"only {held} seats on {when}" + _out_of_the_vote(count, change.party, crossed)
                            + (f" besides the {moved_before} an earlier change moves" if moved_before else ""))
    return mine, want


def _crossed(count: WhipCount, p: Position) -> bool:
    """Whether ``p`` holds seats of its party that crossed the floor (on the side a crossing took them to)."""
    return any(c.party == p.party and c.side == p.side for c in count.crossings)


def _out_of_the_vote(count: WhipCount, party: str, crossed: int) -> str:
    """Words for the seats of ``party`` that cannot vote, or crossed the floor, for an error that counts only
    those a change can move."""
    chair = sum(p.seats for p in count.positions if p.party == party and p.key == CHAIR_KEY)
    office = sum(p.seats for p in count.positions if p.party == party and p.office is not None) - chair
    out = []
    if chair:
        out.append("one more is the chair's, which votes only in a tie")
    if office:
        out.append(f"{office} more cannot vote by office")
    if crossed:
        out.append(f"{crossed} more crossed the floor, and a change of the party leaves those as they stand")
    return f" that vote ({'; '.join(out)})" if out else ""


def _after_moving(count: WhipCount, change: Change, moved: dict[str, tuple[Position, int]]) -> list[Position]:
    """The positions once ``moved`` (key: the position and how many of its seats) have moved: what stays
    of each, and a bloc of the moved seats (joined to the bloc an earlier change of the kind made)."""
    earlier = {f"{p.key}~{change.kind}": 0 for p, _ in moved.values()}
    neither = _away_from(count, change.party)
    recorded = count.rule.votes_recorded
    for p in count.positions:
        if p.key in earlier:
            earlier[p.key] = p.seats
    positions: list[Position] = []
    for p in count.positions:
        if p.key in earlier:
            continue
        if p.key not in moved:
            positions.append(p)
            continue
        _, k = moved[p.key]
        stay = p.seats - k  # independents' seats by name: the first stay, the last k move
        if stay:
            positions.append(replace(p, seats=stay, seat_labels=p.seat_labels[:stay]))
        stance = _flip(p.stance, neither) if change.kind == "switch" else change.kind
        to = stance_words(stance, recorded)
        verb = f"switch to {to}" if change.kind == "switch" else change.verb(recorded)
        key = f"{p.key}~{change.kind}"
        # a second change of the same kind on the same position: one bloc, more seats (named by number)
        labels = tuple(f"{label}: {verb}" for label in p.seat_labels[stay:]) if not earlier[key] else ()
        k += earlier[key]
        positions.append(replace(p, key=key, label=f"{p.label}: {k} {verb}", seats=k, seat_labels=labels,
                                 stance=stance, p_yes=_kept_p_yes(count, p, stance), default=False,
                                 note=f"what-if: {change.describe(recorded)}"))
    return positions


def _kept_p_yes(count: WhipCount, p: Position, stance: str) -> float | None:
    """The probability of a yes of ``p``'s seats moved to ``stance``: their entry's own where it is surer of
    that vote (a recorded certain yes moved to ``yes`` stays certain), else the stance's (None)."""
    if p.p_yes is None or stance not in ("yes", "no"):
        return None
    default = count.p_yes_of(replace(p, stance=stance, p_yes=None))
    return p.p_yes if (p.p_yes > default if stance == "yes" else p.p_yes < default) else None


def apply_changes(count: WhipCount, changes: Sequence[Change]) -> WhipCount:
    """The whip count after every change, in order."""
    for c in changes:
        count = apply_change(count, c)
    return count


def combined(count: WhipCount, changes: Sequence[Change]) -> tuple[WhipCount | None, str | None]:
    """The whip count after every change together, or None and why they cannot all be made at once (two
    changes that each fit a party's seats alone may ask more than it holds together: ``--switch spd`` beside
    ``--switch spd:2``, or ``--switch afd --absent afd``)."""
    try:
        return apply_changes(count, changes), None
    except ForecastError as exc:
        together = ", ".join(c.describe(count.rule.votes_recorded) for c in changes)
        return None, f"all changes together ({together}) cannot be made at once: {exc}"


@dataclass(frozen=True, slots=True)
class WhatIfRun:
    """One column of a what-if table: a label, its whip count and its forecast."""

    label: str
    count: WhipCount
    forecast: Forecast


def what_if(
    count: WhipCount,
    changes: Iterable[Change],
    build: Callable[[WhipCount], ForecastModel],
    **forecast_options: object,
) -> list[WhatIfRun]:
    """Baseline, each change alone, and (with two or more) all changes together, each forecast; the run of
    all changes is left out when they cannot be made at once (:func:`combined` says why).

    ``changes``: :class:`Change` values in a list, a tuple or a generator (:func:`parse_change` reads
    ``"pti:14"``); anything else is an ArgumentError naming it.

    ``build`` turns a whip count into a model (``model_from_count`` with the caller's options);
    ``forecast_options`` go to :func:`whipcount.tally.forecast.forecast`.
    """
    check_instance(count, WhipCount, "what_if: count", "count_scenario(scenario, on=date) makes one")
    changes = check_items(changes, Change, "what_if: changes", "a Change (parse_change('switch', 'pti:14') makes one)")
    runs: list[tuple[str, WhipCount]] = [("baseline", count)]
    runs += [(c.describe(count.rule.votes_recorded), apply_change(count, c)) for c in changes]
    if len(changes) > 1 and (together := combined(count, changes)[0]) is not None:
        runs.append(("all changes", together))
    return [WhatIfRun(label, wc, forecast(build(wc), rebuild=redirected(wc, build), **forecast_options))  # type: ignore[arg-type]
            for label, wc in runs]


def defection_notes(runs: Sequence[WhatIfRun]) -> list[str]:
    """Each run's words on votes cast against the party's direction under the defection rule of the day
    (members who crossed the floor, seats a change moves against the rest of their party), by run."""
    said = [(r.label, r.count.crossed.words) for r in runs if r.count.crossed is not None]
    if len({words for _, words in said}) <= 1:
        return [words for _, words in said[:1]]
    return [f"{label}: {words}" for label, words in said]
