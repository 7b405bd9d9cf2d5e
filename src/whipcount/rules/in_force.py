"""Whether a scenario's motion has a rule in force on a date, and, where it has none, the error naming the
scenario's field that asks for it.

A scenario names its rules by a profile (``chamber.rules``, a motion's ``rules``) and each motion by its
``kind`` (and ``round``); a profile's rules hold for periods. A kind the profile has on no day the scenario
covers is refused when the file is read (:mod:`whipcount.io.scenario_build`); a date a command asks for
(``--on``, a motion's vote) on which the kind has no rule, or its rule no run-off, is refused by
:func:`check_rule_on`, naming the file, line and field (``s.yaml:12: motion.kind: ...``; for a scenario
read back from a database, its id and the motion), the kinds the profile has that day and the dates the
kind asked for is in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from whipcount.errors import NotFound, RulesError
from whipcount.rules.core import Constitution, MotionRule
from whipcount.rules.registry import get_constitution
from whipcount.rules.wording import span

if TYPE_CHECKING:  # the model is read here, never built: `whipcount rules list` imports none of it
    from whipcount.model import Motion, Scenario

__all__ = ["check_rule_on", "kind_words", "merged_spans", "no_motion_words", "runoff_words", "scenario_days",
           "spans_words"]

Span = tuple[dt.date | None, dt.date | None]


def merged_spans(rules: Iterable[MotionRule]) -> list[Span]:
    """The periods ``rules`` are in force, one period where one follows another without a gap."""
    out: list[Span] = []
    for m in sorted(rules, key=lambda m: m.start or dt.date.min):
        last = out[-1][1] if out else dt.date.min  # open (None): to today, so every later rule falls in it
        if out and (last is None or (m.start or dt.date.min) <= last):
            out[-1] = (out[-1][0], None if last is None or m.end is None else max(m.end, last))
        else:
            out.append((m.start, m.end))
    return out


def spans_words(rules: Iterable[MotionRule]) -> str:
    """``"1968-08-13 to 2003-01-27"``, ``"2000-01-01 to 2009-12-31 and 2015-01-01 to today"``."""
    return " and ".join(span(a, b) for a, b in merged_spans(rules))


def _meets(m: MotionRule, first: dt.date, last: dt.date) -> bool:
    """Whether ``m`` is in force on some day from ``first`` to ``last``."""
    return (m.start is None or m.start <= last) and (m.end is None or m.end > first)


def _days(first: dt.date, last: dt.date) -> str:
    return f"on {first}" if first == last else f"on any day from {first} to {last}"


def _kinds_on(c: Constitution, day: dt.date) -> list[str]:
    return list(dict.fromkeys(m.kind for m in c.motions if m.in_force(day)))


def kind_words(c: Constitution, kind: str, first: dt.date, last: dt.date, at: dt.date,
               at_words: str = "") -> str | None:
    """None where ``c`` has a rule for ``kind`` in force on some day from ``first`` to ``last``; else why not, in
    words that say what would be accepted: the kinds ``c`` has on ``at`` (``at_words`` says what that day is:
    ``", the motion's vote"``) and the dates ``kind`` is in force."""
    versions = [m for m in c.motions if m.kind == kind]
    if any(_meets(m, first, last) for m in versions):
        return None
    head = f"{c.named} has no {kind} rule in force {_days(first, last)}"
    if not versions:
        return f"{c.named} has no {kind} motion: expected one of {', '.join(c.kinds)}"
    held = _kinds_on(c, at)
    day = "that day" if first == last == at else f"on {at}{at_words}"
    dates = f"a date when {kind} is in force ({spans_words(versions)})"
    if not held:
        return f"{head}, nor any motion of {c.named} {day}: expected {dates}"
    return f"{head}: expected a kind in force {day} ({', '.join(held)}), or {dates}"


def runoff_words(c: Constitution, kind: str, first: dt.date, last: dt.date) -> str | None:
    """None where the rule for ``kind`` in force on some day from ``first`` to ``last`` has a run-off (or no
    rule is in force then, which :func:`kind_words` says); else why round 2 cannot be judged, and the dates a
    rule of the kind has one."""
    versions = [m for m in c.motions if m.kind == kind]
    if not any(_meets(m, first, last) for m in versions):
        return None
    with_runoff = [m for m in versions if m.runoff is not None]
    if any(_meets(m, first, last) for m in with_runoff):
        return None
    if not with_runoff:
        return f"the {kind} rule of {c.named} has no run-off: expected round 1"
    return (f"the {kind} rule of {c.named} has no run-off {_days(first, last)}: expected round 1, or a date when "
            f"its rule has one ({spans_words(with_runoff)})")


def no_motion_words(c: Constitution, first: dt.date, last: dt.date) -> str | None:
    """None where some motion of ``c`` is in force on a day from ``first`` to ``last``; else the dates each
    kind is."""
    if any(_meets(m, first, last) for m in c.motions):
        return None
    kinds = "; ".join(f"{k} {spans_words(m for m in c.motions if m.kind == k)}" for k in c.kinds)
    return f"{c.named} has no motion in force {_days(first, last)}: expected a date when one is ({kinds})"


def scenario_days(scenario: Scenario) -> tuple[dt.date, dt.date]:
    """The first and last day a scenario covers: from its ``chamber.as_of`` (or an earlier date of a motion) to
    its last date (:attr:`~whipcount.model.Scenario.last_date`)."""
    days = [scenario.chamber.as_of, *(d for m in scenario.motions for d in (m.filed, m.moved, m.vote) if d)]
    return min(days), scenario.last_date


def _motion_at(scenario: Scenario, motion: Motion, name: str) -> str:
    if motion.origin is not None:
        return motion.origin.at(name)
    return f"scenario {scenario.id}, motion {motion.id}: {name}"


def _chamber_at(scenario: Scenario) -> str:
    if scenario.chamber.origin is not None:
        return scenario.chamber.origin.at("rules")
    return f"scenario {scenario.id}: chamber.rules"


def check_rule_on(scenario: Scenario, on: dt.date, motion: Motion | None = None, *,
                  rules: str | Constitution | None = None) -> None:
    """A RulesError where ``motion`` (default: the main one) has no rule in force on ``on`` under its rules
    (``rules``, else its own, else the chamber's), or is a run-off whose rule has none that day; the error
    names the scenario's field (the motion's ``kind`` or ``round``; without a motion, ``chamber.rules``),
    the kinds the profile has that day and the dates the kind is in force. A profile that is not registered is a
    NotFound naming the ``rules`` field that names it."""
    motion = motion if motion is not None else scenario.motion
    try:
        c = get_constitution(rules if rules is not None else scenario.rules_for(motion))
    except NotFound as exc:  # a profile no longer registered (a stored scenario's, its package gone)
        own = motion is not None and motion.rules and rules is None
        where = _motion_at(scenario, motion, "rules") if own and motion is not None else _chamber_at(scenario)
        raise NotFound(f"{where}: {exc}") from None
    if motion is None:
        if (said := no_motion_words(c, on, on)) is not None:
            raise RulesError(f"{_chamber_at(scenario)}: {said}")
        return
    if (said := kind_words(c, motion.kind, on, on, on)) is not None:
        raise RulesError(f"{_motion_at(scenario, motion, 'kind')}: {said}")
    if motion.round == 2 and (said := runoff_words(c, motion.kind, on, on)) is not None:
        raise RulesError(f"{_motion_at(scenario, motion, 'round')}: {said}")
