"""When the rules of ``whipcount rules show`` are in force: the rules held on ``--on``, the kinds that were not,
the periods they were in force, in words, and the day each rule's figures are worked out for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from whipcount.errors import InputError
from whipcount.rules import Constitution, MotionRule
from whipcount.rules.in_force import Span, merged_spans
from whipcount.rules.wording import span


def in_force_on(c: Constitution, motions: list[MotionRule], day: dt.date, kind: str | None) -> list[MotionRule]:
    """The rules of ``motions`` in force on ``day`` (``--on``), or an error naming the option, saying that none
    was, and which were nearest: the last in force before the day and the first after it (and, where ``kind``
    was asked for, the kinds of the profile that were in force)."""
    held = [m for m in motions if m.in_force(day)]
    if held:
        return held
    before = [m for m in motions if m.end is not None and m.end <= day]
    after = [m for m in motions if m.start is not None and m.start > day]
    near = []
    if before:
        last = max(m.end for m in before if m.end is not None)
        near.append(f"the last before it: {_rules_words([m for m in before if m.end == last])}")
    if after:
        first = min(m.start for m in after if m.start is not None)
        near.append(f"the first after it: {_rules_words([m for m in after if m.start == first])}")
    others = list(dict.fromkeys(m.kind for m in c.motions if m.in_force(day)))  # of other kinds, for --motion
    near += [f"in force that day: {', '.join(others)}"] if others else []
    what = f"no {kind} rule" if kind else "no rule"
    raise InputError(f"--on {day}: {what} of {c.named} was in force on {day}; {'; '.join(near)}")


def kinds_not_in_force(asked: list[MotionRule], shown: list[MotionRule]) -> dict[str, list[Span]]:
    """The kinds of ``asked`` with no rule among ``shown`` (those in force on ``--on``), each with the periods
    its rules were in force, one period where one rule follows another of its kind without a gap."""
    held = {m.kind for m in shown}
    kinds = dict.fromkeys(m.kind for m in sorted(asked, key=lambda m: m.start or dt.date.min) if m.kind not in held)
    return {kind: merged_spans(m for m in asked if m.kind == kind) for kind in kinds}


def spans_words(lapsed: dict[str, list[Span]]) -> str:
    """Kinds with the periods they were in force: ``"no-confidence (in force from 1968-08-13 to 2003-01-27);
    constructive-no-confidence, investiture (in force from 2003-01-28 to today)"``, kinds of the same periods
    together."""
    return _by_period((" and from ".join(span(a, b) for a, b in spans), k) for k, spans in lapsed.items())


def _rules_words(motions: list[MotionRule]) -> str:
    """Rules by kind with the days they were in force: ``"confidence, pm-election (in force from 1989-10-23
    to 2011-12-31)"``, the rules of one period together."""
    return _by_period((span(m.start, m.end), m.kind) for m in motions)


def _by_period(pairs: Iterable[tuple[str, str]]) -> str:
    """``(period in words, kind)`` pairs as ``"kind, kind (in force from PERIOD); ..."``, each period once and
    each kind once within it, in the order first given."""
    periods: dict[str, list[str]] = {}
    for when, kind in pairs:
        periods.setdefault(when, []).append(kind)
    return "; ".join(f"{', '.join(dict.fromkeys(kinds))} (in force from {when})" for when, kinds in periods.items())


def day_of(m: MotionRule, day: dt.date | None) -> dt.date | None:
    """The day a motion's figures are worked out for: ``day`` when one is asked for; else, for a rule no
    longer in force, its last day (its quorum, movers and bar are those of the chamber it applied to, not
    today's), for one not yet in force its first, and None (today) for the rule in force."""
    if day is not None:
        return day
    if m.end is not None:
        return m.end - dt.timedelta(days=1)
    if m.start is not None and m.start > dt.date.today():
        return m.start
    return None
