"""A scenario's run-offs checked against the first poll of the same day: a run-off follows a first poll that
elected no one, and is held among the candidates the rule lets into it (the top ``among`` of the first poll,
those tied for the last place included). Two Prime Ministers elected on one day, or a run-off won by the
third of the first poll under a run-off of the top two, are errors of the file naming the run-off's line."""

from __future__ import annotations

from whipcount.errors import ModelError, RulesError, ScenarioError
from whipcount.io.scenario_divisions import division_path
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.io.yamlsource import Located
from whipcount.model import Motion, Scenario

__all__ = ["check_runoffs"]


def check_runoffs(scenario: Scenario, f: ScenarioFile, located: Located) -> None:
    """Each run-off with named candidates against the one first poll of its kind held the same day."""
    for mi, m in enumerate(scenario.motions):
        if m.round != 2 or m.division is None or not m.division.candidates or m.vote is None:
            continue
        firsts = [o for o in scenario.motions if o.kind == m.kind and o.round == 1 and o.vote == m.vote
                  and o.division is not None]
        if len(firsts) != 1:
            continue  # none recorded, or which ballot the run-off follows is not known
        problem = _problem(scenario, firsts[0], m)
        if problem:
            raise ScenarioError(f"{located.where((*division_path(f, mi), 'candidates'))}: {problem}")


def _problem(scenario: Scenario, first: Motion, runoff: Motion) -> str | None:
    # the judge's modules load here, where a run-off is checked, not for every scenario read (start-up: a
    # tally asks none of them)
    from whipcount.rules import get_constitution, judge_recorded_division

    assert first.division is not None and runoff.division is not None and first.vote is not None
    rules = get_constitution(scenario.rules_for(first))
    try:
        state = scenario.state(max(first.vote, scenario.chamber.as_of))
        judged = judge_recorded_division(rules, first.kind, first.division, seats=state.seats,
                                         vacancies=state.vacancies, on=first.vote,
                                         successor=first.successor)
        rule = rules.motion(first.kind, first.vote)
    except (ModelError, RulesError):
        return None  # reported where the log or the rule is used
    poll = f"the first poll of the same day (motion {first.id!r})"
    if judged.final.passed:
        who = judged.final.elected or "its candidate"
        return f"a run-off on {runoff.vote} after {poll} elected {who}: expected no run-off once a poll elects"
    cast = dict(first.division.candidates)
    if rule.runoff is None or not cast:
        return None
    ranked = sorted(cast.values(), reverse=True)
    last = ranked[min(rule.runoff.among, len(ranked)) - 1]
    admitted = {name for name, votes in cast.items() if votes >= last}
    outside = [name for name, votes in runoff.division.candidates if votes and name not in admitted]
    if not outside:
        return None
    polled = ", ".join(f"{name} {votes}" for name, votes in sorted(cast.items(), key=lambda kv: -kv[1]))
    return (f"{' and '.join(repr(n) for n in outside)} polled votes in the run-off but "
            f"{'was' if len(outside) == 1 else 'were'} not among the top {rule.runoff.among} of {poll}: "
            f"{polled}; expected the run-off's candidates among {', '.join(sorted(admitted))}")
