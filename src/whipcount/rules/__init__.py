"""What it takes to pass: each constitution's confidence motions, exact, explained and time-scoped.

Public API (stable)::

    needed(rules_id, kind, *, seats=None, vacancies=0, on=None) -> Needed(count, basis, explanation, ...)
        The yes votes a motion needs (``count`` is None when it depends on turnout, or when the motion
        stands unless the noes reach ``reject_at``). ``seats`` defaults to the chamber's size on ``on``.

    judge(rules_id, kind, *, yes, no=None, abstain=None, absent=None, seats=None, vacancies=0, on=None,
          candidates=None, round=1, defectors=0, casting_vote=None, present_not_voting=None,
          invalid=None) -> Outcome
        A division judged as the rules stood on ``on``: ``passed``, ``needed``, ``basis``,
        ``explanation`` (citing the article), ``to_dict()`` for JSON.

    pass_rule(rules_id, kind, *, seats=None, vacancies=0, on=None, casting_vote=None) -> PassRule
        The one decision of pass or fail, for arrays of counts at once: ``passes(yes, no, abstain,
        absent, present_not_voting)``. ``judge`` and every forecast ask it.

    motion_status(rules_id, motion, events, *, on) -> MotionStatus
    vote_timing(rules_id, motion, events) -> VoteTiming | None   (the held vote against the window)
        Where a motion stands on a date (filed, moved, dismissed, restored, suspended, voted), with the
        window for the vote and the bars that apply while it is pending.

    get_constitution(rules_id) -> Constitution;  all_constitutions() -> list[Constitution];
    register(constitution, *, replace=False)
        The registry. Built-ins and outside packages (entry-point group ``whipcount.constitutions``)
        register the same way: a module exposing ``CONSTITUTIONS``.

Value types (:mod:`whipcount.rules.core`): :class:`Constitution`, :class:`MotionRule`,
:class:`Threshold` (an exact ``Fraction`` of a basis: ``votes-cast``, ``present-and-voting``,
``present``, ``sitting``, ``total``, or ``plurality``, the most votes; strict or not; negative majorities; ties and
casting votes; quorum; a :class:`Floor`, the fewest yes votes a share of a turnout carries with),
:class:`Movers`, :class:`Window`, :class:`Bar`, :class:`Runoff`, :class:`DefectionPeriod`,
:class:`SeatPeriod`.

>>> needed("pk-na", "no-confidence", seats=342).count
172
>>> judge("gb-hc", "no-confidence", yes=311, no=310).passed
True

No YAML, pydantic or click here: a user's constitution file is read by :mod:`whipcount.io.constitution`.

The chair's vote, a motion's procedure and the judging of a recorded division are imported on first use
(``whipcount.rules.motion_status`` imports :mod:`whipcount.rules.procedure` then): reading a scenario and
counting what a motion needs builds none of their value types.
"""

from typing import TYPE_CHECKING

from whipcount._lazy import lazy_names
from whipcount.rules.core import (
    BASES,
    MOTION_KINDS,
    Bar,
    Constitution,
    DefectionPeriod,
    Floor,
    LegalSource,
    MotionRule,
    Movers,
    Quorum,
    Runoff,
    SeatPeriod,
    Threshold,
    Window,
    bar_for,
)
from whipcount.rules.decide import PassRule, pass_rule, pass_rule_for, pass_rule_in
from whipcount.rules.judge import Outcome, judge
from whipcount.rules.needed import Needed, defection_in, needed, needed_in, scenario_kind
from whipcount.rules.registry import (
    ENTRY_POINT_GROUP,
    all_constitutions,
    get_constitution,
    register,
    registry_errors,
)

_LAZY = {
    **dict.fromkeys(("Chair", "OutByOffice", "chair_out_of_the_vote", "seats_out_by_office"),
                    "whipcount.rules.chair"),
    **dict.fromkeys(("MotionStatus", "Step", "VoteTiming", "motion_status", "vote_timing"),
                    "whipcount.rules.procedure"),
    **dict.fromkeys(("Judged", "judge_division", "judge_recorded_division"), "whipcount.rules.recorded"),
}

if TYPE_CHECKING:
    from whipcount.rules.chair import Chair, OutByOffice, chair_out_of_the_vote, seats_out_by_office
    from whipcount.rules.procedure import MotionStatus, Step, VoteTiming, motion_status, vote_timing
    from whipcount.rules.recorded import Judged, judge_division, judge_recorded_division


# A public name of a module imported on first use (see the module's docstring).
__getattr__ = lazy_names("whipcount.rules", _LAZY, globals())


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Chair",
    "OutByOffice",
    "chair_out_of_the_vote",
    "seats_out_by_office",
    "BASES",
    "ENTRY_POINT_GROUP",
    "MOTION_KINDS",
    "Bar",
    "Constitution",
    "DefectionPeriod",
    "Floor",
    "Judged",
    "LegalSource",
    "MotionRule",
    "MotionStatus",
    "Movers",
    "Needed",
    "Outcome",
    "PassRule",
    "Quorum",
    "Runoff",
    "SeatPeriod",
    "Step",
    "Threshold",
    "Window",
    "all_constitutions",
    "bar_for",
    "get_constitution",
    "judge",
    "judge_division",
    "judge_recorded_division",
    "motion_status",
    "vote_timing",
    "VoteTiming",
    "needed",
    "defection_in",
    "needed_in",
    "scenario_kind",
    "pass_rule",
    "pass_rule_for",
    "pass_rule_in",
    "register",
    "registry_errors",
]
