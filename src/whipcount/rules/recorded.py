"""A recorded division judged under its rules: the one place the outcome, the report and the case table ask."""

from __future__ import annotations

import datetime as dt

from whipcount.model import Division
from whipcount.rules.core import Constitution
from whipcount.rules.judge import Outcome, judge

__all__ = ["judge_division"]


def judge_division(rules: str | Constitution, kind: str, division: Division, *, seats: int, vacancies: int,
                   on: dt.date | None) -> Outcome:
    """``division`` (every count it records: abstentions, present not voting, candidates, the round)
    judged under ``rules`` for a motion of ``kind`` on ``on``."""
    return judge(rules, kind, yes=division.yes, no=division.no, abstain=division.abstain, absent=division.absent,
                 present_not_voting=division.present_not_voting, seats=seats, vacancies=vacancies, on=on,
                 candidates=dict(division.candidates) or None, round=division.round)
