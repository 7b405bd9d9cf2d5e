"""A constitution's day counts and periods stay within the calendar: a window's days past the cap are refused
when the file is read, naming the field and the cap, and a window or period near the calendar's ends is
worked out without leaving it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from constitutions import my_parliament
from whipcount.errors import ConstitutionFileError
from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import Window
from whipcount.rules.wording import span

# the cap, a hundred years of days: 100 * 365 plus the 24 or 25 leap days of a century (2000 was one)
MAX_WINDOW_DAYS = 100 * 365 + 25


@pytest.mark.parametrize("field", ["min_days", "max_days"])
@pytest.mark.parametrize("days", [MAX_WINDOW_DAYS + 1, 3_000_000, 10**20])
def test_a_window_past_the_cap_is_refused_at_load_naming_the_field_and_the_cap(field: str, days: int) -> None:
    other = "max_days" if field == "min_days" else "min_days"
    window = f"window: {{{field}: {days}, after: motion-filed}}" if field == "max_days" else \
        f"window: {{{field}: {days}, {other}: {days}, after: motion-filed}}"
    text = my_parliament(window)
    with pytest.raises(ConstitutionFileError) as exc:
        parse_constitution_text(text, "mine.yaml")
    message = str(exc.value)
    assert message.startswith(f"mine.yaml:9: motions[0].window.{field}: expected a whole number from 0 to 36,525, "
                              f"got {days}"), message
    assert "\n" not in message


def test_a_window_at_the_cap_is_read() -> None:
    c = parse_constitution_text(my_parliament(f"window: {{min_days: 0, max_days: {MAX_WINDOW_DAYS}}}"), "m.yaml")
    window = c.motion("no-confidence", dt.date(2024, 1, 1)).window
    assert window is not None and window.closes(dt.date(2000, 1, 1)) == dt.date(2100, 1, 1)


def test_a_window_counted_past_the_calendar_end_stops_at_it() -> None:
    w = Window(min_days=30, max_days=60, after="motion-filed")
    start = dt.date(9999, 12, 20)  # 12 days before the calendar's last
    assert w.opens(start) == dt.date.max  # no day of the calendar is 30 days on: its last day, never before
    assert w.closes(start) is None  # the window does not close within the calendar
    assert Window(min_days=11, max_days=11).opens(start) == dt.date(9999, 12, 31)
    assert Window(min_days=11, max_days=11).closes(start) == dt.date(9999, 12, 31)
    assert Window(max_days=10**20).closes(dt.date(2024, 1, 1)) is None


def test_a_period_ending_on_the_calendars_first_day_is_refused_and_worded() -> None:
    with pytest.raises(ConstitutionFileError, match=r"^m\.yaml:6: motions\[0\]: the period ends on 0001-01-01, "):
        parse_constitution_text(my_parliament("end: 0001-01-01"), "m.yaml")
    assert span(None, dt.date.min) == "... to none (it ends on 0001-01-01)"
    assert span(None, dt.date(1, 1, 2)) == "... to 0001-01-01"


CASE = """\
id: late
title: Late
chamber: {name: My Parliament, rules: mine.yaml, seats: 101, vacancies: 0, as_of: 9999-12-01}
parties:
  - {id: red, name: Red, seats: 51, side: government}
  - {id: blue, name: Blue, seats: 50, side: opposition}
motion: {kind: no-confidence, target: K, filed: 9999-12-20, vote: 9999-12-31}
"""


def test_outcome_near_the_calendar_end_has_no_traceback(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    (tmp_path / "mine.yaml").write_text(my_parliament("window: {min_days: 5, max_days: 30, after: motion-filed}"),
                                        encoding="utf-8")
    (tmp_path / "late.yaml").write_text(CASE + "division: {date: 9999-12-31, yes: 61, no: 40}\n", encoding="utf-8")
    # filed on 20 December: the window opens five days on, on the 25th, and closes after the calendar's end
    r = run_cli("outcome", str(tmp_path / "late.yaml"), "--on", "9999-12-24")
    assert r.code == 0, r.out + r.err
    assert "earliest vote: not before 5 days, nor later than 30 days, after the motion is filed: 9999-12-25" in r.out
    assert "latest vote" not in r.out
    r = run_cli("outcome", str(tmp_path / "late.yaml"), "--json")
    assert r.code == 0, r.out + r.err
    timing = json.loads(r.out)["motions"][0]["timing"]
    assert (timing["within_window"], timing["earliest"], timing["latest"]) == (True, "9999-12-25", None)
