"""Where a motion stands on a date: filed, moved, dismissed, restored, suspended, voted; and its deadlines.

Rulings of the presiding officer and court orders are events with an ``effect`` (``dismiss``,
``restore``, ``suspend``, ``withdraw``), and a withdrawal may be any event's (the movers' statement:
:meth:`~whipcount.model.Motion.withdrawn_by`); the motion's own dates (filed, moved, vote) come from the
:class:`~whipcount.model.Motion`. The window for the vote and the bars that apply while the motion is
pending come from the constitution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from whipcount.model import Event, Motion
from whipcount.rules.core import Constitution, MotionRule, Window
from whipcount.rules.registry import get_constitution

__all__ = ["MotionStatus", "Step", "VoteTiming", "motion_course", "motion_status", "vote_timing"]

_STATE_OF_EFFECT = {"dismiss": "dismissed", "restore": "restored", "suspend": "suspended", "withdraw": "withdrawn"}
PENDING_STATES = frozenset({"filed", "moved", "restored", "scheduled"})


@dataclass(frozen=True, slots=True)
class Step:
    """One change of state: when, to what, by whom, and what was said."""

    date: dt.date
    state: str
    by: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class MotionStatus:
    """A motion on one date: its state, the steps so far, the deadlines and the bars that apply."""

    rules: str
    kind: str
    on: dt.date
    state: str
    since: dt.date | None
    by: str | None
    summary: str
    steps: tuple[Step, ...]
    deadlines: tuple[tuple[str, dt.date], ...]
    bars: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def pending(self) -> bool:
        """True while the motion awaits its vote."""
        return self.state in PENDING_STATES

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "rules": self.rules,
            "motion": self.kind,
            "on": self.on.isoformat(),
            "state": self.state,
            "pending": self.pending,
            "since": self.since.isoformat() if self.since else None,
            "by": self.by,
            "summary": self.summary,
            "steps": [{"date": s.date.isoformat(), "state": s.state, "by": s.by, "text": s.text} for s in self.steps],
            "deadlines": [{"label": k, "date": d.isoformat()} for k, d in self.deadlines],
            "bars": list(self.bars),
            "notes": list(self.notes),
        }


def motion_status(
    rules_id: str | Constitution,
    motion: Motion,
    events: Iterable[Event],
    *,
    on: dt.date,
) -> MotionStatus:
    """Where ``motion`` stands at the end of day ``on`` under ``rules_id``, given the event log."""
    c = get_constitution(rules_id)
    rule = c.motion(motion.kind, on)
    steps = _steps(motion, events, on)
    state, since, by, summary = _where_it_stands(motion, steps, on)
    deadlines, notes = _deadlines(rule, motion, steps, state, on)
    bars = tuple(
        f"{b.text} ({b.source.cite() if b.source else 'no source'})"
        for b in rule.bars
        if b.while_ == "pending" and state in PENDING_STATES | {"suspended"}
    )
    if rule.movers is not None:
        seats_period = c.seats_on(on)
        notes.append("moved by " + rule.movers.describe(seats_period.seats if seats_period else None)
                     + (f" ({rule.movers.source.article})" if rule.movers.source else ""))
    return MotionStatus(
        rules=c.id,
        kind=motion.kind,
        on=on,
        state=state,
        since=since,
        by=by,
        summary=summary,
        steps=tuple(steps),
        deadlines=tuple(deadlines),
        bars=bars,
        notes=tuple(notes),
    )


def motion_course(motion: Motion, events: Iterable[Event], on: dt.date) -> tuple[str, dt.date | None, str]:
    """Where ``motion`` stands at the end of ``on`` by its own dates and the rulings, court orders and
    withdrawals in ``events``, whatever the rules: the state (``not filed``, ``filed``, ``moved``,
    ``dismissed``, ``restored``, ``suspended``, ``withdrawn``, ``scheduled``, ``voted``), since when, and the
    summary :func:`motion_status` gives. The whip count and the forecast ask it too
    (:func:`whipcount.tally.phase.motion_phase`), so that no command forecasts a vote on a motion ``outcome``
    calls dismissed or suspended."""
    state, since, _by, summary = _where_it_stands(motion, _steps(motion, events, on), on)
    return state, since, summary


def _steps(motion: Motion, events: Iterable[Event], on: dt.date) -> list[Step]:
    """The motion's course up to ``on``: filed, moved, the rulings and court orders on it, the vote."""
    steps: list[Step] = []
    if motion.filed and motion.filed <= on:
        steps.append(Step(motion.filed, "filed", None, "notice of the motion filed"))
    if motion.moved and motion.moved <= on:
        steps.append(Step(motion.moved, "moved", None, "motion moved in the House"))
    start = motion.opened
    end = motion.vote
    for ev in sorted(events, key=lambda e: e.date):
        state = _STATE_OF_EFFECT.get(ev.effect or "")
        if ev.date > on or state is None:
            continue
        # a withdrawal may be the movers' own (a statement): every event that withdraws the motion counts, as
        # it does for the forecast (Motion.withdrawn_by); the other effects are rulings' and court orders'
        if not motion.withdrawn_by(ev):
            if ev.kind not in ("ruling", "court-order"):
                continue
            if start is None or ev.date < start:  # a motion with no filing of its own is not the one ruled on
                continue
            if end and ev.date > end:
                continue
        what = {"ruling": "ruling", "court-order": "court order"}.get(ev.kind, "withdrawal")
        steps.append(Step(ev.date, state, ev.by, ev.summary or what))
    voted = motion.vote is not None and motion.vote <= on
    if voted and motion.vote is not None:
        steps.append(Step(motion.vote, "voted", None, "the vote was held"))
    steps.sort(key=lambda s: s.date)  # stable: filed before moved on one day
    return steps


def _where_it_stands(motion: Motion, steps: list[Step], on: dt.date
                     ) -> tuple[str, dt.date | None, str | None, str]:
    """The state after the last step, since when, by whom, and the summary in words."""
    if not motion.exists_on(on):  # the one test the whip count and the forecast ask too
        summary = f"on {on.isoformat()} the motion has not been filed"
        start = motion.opened
        if start is not None:
            summary += f" (it is {'filed' if start == motion.filed else 'moved'} on {start.isoformat()})"
        return "not filed", None, None, summary
    if not steps:  # neither filed nor moved recorded: taken as pending, as the whip count takes it
        if motion.vote is not None:
            return ("scheduled", None, None,
                    f"vote pending (held on {motion.vote.isoformat()}); no filing is recorded for this motion")
        return "scheduled", None, None, "vote pending; no filing, moving or vote date is recorded for this motion"
    last = steps[-1]
    state, since, by = last.state, last.date, last.by
    who = f" by {by}" if by else ""
    summary = f"{state} on {since.isoformat()}{who}"
    if last.text and last.state in _STATE_OF_EFFECT.values():
        summary += f": {last.text}"
    if state == "restored":
        summary += "; vote pending"
    elif state in ("filed", "moved"):
        summary += "; vote pending"
    # on the vote day itself the state is "voted", so ">=" reads the same
    later = motion.vote is not None and motion.vote > on  # equivalent mutant "> -> >=": above
    if state in ("filed", "moved", "restored") and later:
        summary += f" (held on {motion.vote})"  # a date prints as YYYY-MM-DD
    return state, since, by, summary


def _window_start(w: Window | None, motion: Motion) -> dt.date | None:
    """The day the window counts from: the motion's moving or its filing, as the rule says (None: no window)."""
    if w is None:
        return None
    return motion.moved if w.after == "motion-moved" else motion.filed


def _deadlines(rule: MotionRule, motion: Motion, steps: list[Step], state: str, on: dt.date
               ) -> tuple[list[tuple[str, dt.date]], list[str]]:
    """The window's earliest and latest vote, and a note when the window closed with the motion pending."""
    deadlines: list[tuple[str, dt.date]] = []
    notes: list[str] = []
    w = rule.window
    anchor = _window_start(w, motion)
    if w is None or anchor is None:
        return deadlines, notes
    cite = f" ({w.source.article})" if w.source else ""
    opens, closes = w.opens(anchor), w.closes(anchor)
    if opens:
        deadlines.append((f"earliest vote{cite}: {w.describe()}", opens))
    if closes:
        deadlines.append((f"latest vote{cite}: {w.describe()}", closes))
        late_steps = [s for s in steps if s.state in ("dismissed", "restored", "suspended")]
        if closes < on and state in PENDING_STATES | {"suspended", "dismissed"}:
            notes.append(
                f"the window closed on {closes.isoformat()}"
                + (f"; the motion's course was changed by {len(late_steps)} ruling(s) or order(s) "
                   "since, and the vote is held on the date they set" if late_steps else "")
            )
    return deadlines, notes


@dataclass(frozen=True, slots=True)
class VoteTiming:
    """When a held vote fell against the rules' window: ``within`` False when it came before the window
    opened, or after it closed with no ruling or court order in between to set a later date."""

    within: bool
    earliest: dt.date | None
    latest: dt.date | None
    text: str

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {"within_window": self.within, "earliest": self.earliest.isoformat() if self.earliest else None,
                "latest": self.latest.isoformat() if self.latest else None, "text": self.text}


def vote_timing(rules_id: str | Constitution, motion: Motion, events: Iterable[Event]) -> VoteTiming | None:
    """The held vote's date against the window of ``motion``'s rule (None: no vote, no window, or no filing or
    moving date to count the window from)."""
    vote = motion.vote  # a dated division sets it (Motion)
    if vote is None:
        return None
    rule = get_constitution(rules_id).motion(motion.kind, vote)
    w = rule.window
    anchor = _window_start(w, motion)
    if w is None or anchor is None:
        return None
    opens, closes = w.opens(anchor), w.closes(anchor)
    cite = f" ({w.source.article})" if w.source else ""
    rule_text = f"{w.describe()}{cite}"
    if opens is not None and vote < opens:
        return VoteTiming(False, opens, closes, f"held out of time: the vote on {vote.isoformat()} came before "
                          f"the earliest day the rules allow, {opens.isoformat()}: {rule_text}")
    if closes is not None and vote > closes:
        course = [s for s in _steps(motion, events, vote) if s.state in ("dismissed", "restored", "suspended")]
        if course:
            return VoteTiming(True, opens, closes, f"held after the window closed on {closes.isoformat()} "
                              f"({rule_text}), on the date set after {len(course)} ruling(s) or court order(s)")
        return VoteTiming(False, opens, closes, f"held out of time: the vote on {vote.isoformat()} came after "
                          f"the latest day the rules allow, {closes.isoformat()}: {rule_text}")
    return VoteTiming(True, opens, closes, f"held within the window: {rule_text}")
