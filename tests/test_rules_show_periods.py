"""`rules show` gives each chamber size's period by its first and last day, as the errors that list the
periods do: "321 from 2018-03-23 to 2022-10-12", then "205 from 2022-10-13". It printed the day after the
last ("to 2022-10-13"), so two periods seemed to share a day and the page disagreed with the error."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from whipcount.rules import all_constitutions

DATED = [c.id for c in all_constitutions() if any(p.start or p.end for p in c.seats)]


@pytest.mark.parametrize("profile", DATED)
def test_a_size_is_shown_from_its_first_to_its_last_day(profile: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("rules", "show", profile).out
    shown = re.findall(r"seats \d+ from (\S+) to (\S+?)[ :\n]", out)
    assert shown, out
    periods = [p for p in next(c for c in all_constitutions() if c.id == profile).seats if p.start or p.end]
    for (first, last), p in zip(shown, periods, strict=True):
        if p.start:
            assert first == p.start.isoformat()
        if p.end:  # the period holds up to the day before its end
            assert last == (p.end - dt.timedelta(days=1)).isoformat(), (profile, first, last)
    for (_, last), (first, _) in zip(shown, shown[1:], strict=False):
        if "..." not in (last, first) and last != "today":
            assert last < first, f"{profile}: a period to {last} and the next from {first} share a day"


def test_the_italian_senate_reads_as_its_error_does(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("rules", "show", "it-senate").out
    assert "seats 321 from 2018-03-23 to 2022-10-12" in out
    err = run_cli("outcome", "--rules", "it-senate", "--motion", "confidence", "--yes", "1", "--no", "0",
                  "--on", "2017-01-01").err
    assert "321 from 2018-03-23 to 2022-10-12" in err
