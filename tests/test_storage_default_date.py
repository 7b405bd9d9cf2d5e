"""A stance recorded without a date: today for a vote still to come, the vote's day for one already held."""

from __future__ import annotations

import dataclasses
import datetime as dt

from whipcount.model import Scenario
from whipcount.storage.snapshot import default_stance_date


def test_a_stance_about_a_past_vote_belongs_to_that_vote(pakistan: Scenario) -> None:
    # the 2022 vote was on 10 April; after 11 April the sides swapped, so counting on a later day
    # would turn the government's defaults around
    assert default_stance_date(pakistan, dt.date(2026, 11, 30)) == dt.date(2022, 4, 10)


def test_a_stance_about_a_coming_vote_holds_from_today(pakistan: Scenario) -> None:
    motion = dataclasses.replace(pakistan.motions[0], vote=dt.date(2030, 1, 1))
    future = dataclasses.replace(pakistan, motions=(motion,))
    assert default_stance_date(future, dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)
