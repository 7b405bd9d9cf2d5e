"""A scenario's references into its rules checked against the dates it covers, once the references are
resolved (a constitution file, or one written in the scenario, is registered only then).

Each motion's kind must be one its rules provide, in force on some day the scenario covers (from its
``chamber.as_of`` to its last date); a run-off's rule must have a run-off on such a day; a scenario without a
motion needs a profile with some motion in force then; and a division giving ``defectors`` needs its rule to
say, on the day of the vote, whether such votes count. A reference that could never be judged is refused
here, naming the line and field and what would be accepted; one that holds on some days but not on a date a
command asks for is refused by that command (:func:`whipcount.rules.in_force.check_rule_on`).
"""

from __future__ import annotations

import dataclasses

from whipcount.errors import RulesError
from whipcount.io.scenario_ctx import Ctx
from whipcount.io.scenario_divisions import division_path
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.model import Motion, Scenario
from whipcount.rules import Constitution
from whipcount.rules.in_force import kind_words, no_motion_words, runoff_words, scenario_days, spans_words
from whipcount.rules.registry import get_constitution

__all__ = ["check_motion_rules"]


def _profile(ctx: Ctx, rules: str) -> Constitution:
    c = get_constitution(rules)
    # one written in this file is named by its id alone: the file is named at the start of the message already
    return dataclasses.replace(c, origin="built-in") if c.origin == ctx.loc.name else c


def check_motion_rules(ctx: Ctx, f: ScenarioFile, scenario: Scenario) -> None:
    """Refuse, naming the line and field, a motion whose rules have no rule of its kind (or, for a run-off, no
    run-off) on any day the scenario covers, a scenario without a motion whose profile has none in force then,
    and a division's ``defectors`` on a day its rule says nothing of them."""
    first, last = scenario_days(scenario)
    if scenario.motion is None:
        said = no_motion_words(_profile(ctx, scenario.chamber.rules), first, last)
        if said is not None:
            raise ctx.fail(("chamber", "rules"), said)
    single = f.motion is not None
    for i, m in enumerate(scenario.motions):
        where: tuple[str | int, ...] = ("motion",) if single and i == 0 else ("motions", i - single)
        c = _profile(ctx, scenario.rules_for(m))
        at = m.vote or last
        said = kind_words(c, m.kind, first, last, at, ", the motion's vote" if m.vote else ", the scenario's last date")
        if said is not None:
            raise ctx.fail(where + ("kind",), said)
        if m.round == 2 and (said := runoff_words(c, m.kind, first, last)) is not None:
            raise ctx.fail(where + ("round",), said)
        if (said := _defectors_words(c, m)) is not None:
            raise ctx.fail((*division_path(f, i), "defectors"), said)


def _defectors_words(c: Constitution, m: Motion) -> str | None:
    """Why a division's ``defectors`` cannot be judged: its rule on the day of the vote says nothing of whether
    votes against the party's direction count (no defection rule), or has periods saying so and none of them
    holds that day."""
    d = m.division
    if d is None or not d.defectors or m.vote is None:
        return None
    try:
        rule = c.motion(m.kind, m.vote)
    except RulesError:
        return None  # no rule that day: the command that judges it says so, naming the motion's kind
    if not rule.defection:  # nothing says whether such votes count, on any day
        return (f"the {m.kind} rule of {c.named} in force on {m.vote} has no defection rule: expected no "
                f"defectors, got {d.defectors}")
    if rule.defection_on(m.vote) is not None:
        return None
    periods = spans_words(dataclasses.replace(rule, start=p.start, end=p.end) for p in rule.defection)
    return (f"the {m.kind} rule of {c.named} in force on {m.vote} does not say whether the {d.defectors} votes "
            f"cast against the party's direction count that day: expected a vote on a day its periods cover "
            f"({periods}), or no defectors")
