"""The checks of a stance change as asked, before anything is written: the subject, the stance, the version
read and the seats of a part (:func:`check_request`); the day it holds from (:func:`stance_day`,
:func:`check_day`) and the day it ends (:func:`check_until`)."""

from __future__ import annotations

import datetime as dt

from whipcount.errors import InputError
from whipcount.io.limits import MAX_SEATS, quoted
from whipcount.model import STANCES
from whipcount.storage import schema
from whipcount.storage.rows import Subject, _now
from whipcount.storage.snapshot import Snapshot, default_stance_date, horizon

__all__ = ["check_day", "check_request", "check_until", "now_date", "stance_day"]


def stance_day(snap: Snapshot, date: dt.date | None, now: dt.datetime) -> dt.date:
    """The date a stance is recorded for (default: :func:`default_stance_date`), checked by :func:`check_day`."""
    day = date or default_stance_date(snap.scenario, now.date())
    check_day(day, snap.scenario.chamber.as_of, now.date())
    return day


def check_request(subj: Subject, stance: str, version: int, seats: int | None) -> None:
    """A stance change as asked, before anything is read: a known stance, a version read (0 or more), and a
    number of seats for a part and for nothing else."""
    key = str(subj)
    if subj.office:
        raise InputError(f"subject: {key} holds seats that cannot vote by office; they are set in the scenario "
                         "file ('office:' on a stance), not from the dashboard (a take-back or an end still can)")
    if stance not in STANCES:
        raise InputError(f"stance: expected one of {', '.join(STANCES)}, got {quoted(stance)}")
    if isinstance(version, bool) or not isinstance(version, int) or not 0 <= version <= schema.INT_MAX:
        raise InputError(f"version: expected the version you read (0 to {schema.INT_MAX:,}), got {quoted(version)}")
    if subj.part and (seats is None or isinstance(seats, bool) or not isinstance(seats, int)
                      or not 1 <= seats <= MAX_SEATS):
        got = "nothing" if seats is None else quoted(seats)
        raise InputError(f"seats: a part ({key}) needs how many seats it covers (1 to {MAX_SEATS:,}), got {got}")
    if not subj.part and seats is not None:
        raise InputError(f"seats: only a part (party:ID/part) takes a number of seats; {key} covers the rest")


def check_day(day: dt.date, as_of: dt.date, today: dt.date) -> None:
    """A stance's date: not before the chamber's ``as_of`` (when the scenario's seats start), and not after
    today (a day's slack for time zones ahead of the server's UTC), since a stance holds from the day it was
    reported. A later date moves the live dashboard to that day for everyone (it counts on the latest
    stance's date), so a mistyped year would show the whole newsroom another chamber. A scenario whose
    chamber starts later than that takes stances from its ``as_of``."""
    if day < as_of:
        raise InputError(f"date: expected {as_of.isoformat()} or later (the chamber's as_of date, "
                         f"when the scenario's seats start), got {day.isoformat()}")
    latest = horizon(as_of, today)
    if day > latest:
        raise InputError(f"date: expected {latest.isoformat()} or earlier (a stance holds from the day it was "
                         f"reported; leave the date empty for today, or the vote's day once it has passed), "
                         f"got {day.isoformat()}")


def now_date() -> dt.date:
    """Today, in UTC (the server's date, as :func:`check_day` reads it)."""
    return _now().date()


def check_until(until: dt.date | None, day: dt.date, as_of: dt.date, today: dt.date) -> None:
    """A stance's end (None: it does not end): after the day it holds from, and, as a stance's date, not after
    today (with a day's slack): an end is recorded once it was reported."""
    if until is None:
        return
    if isinstance(until, dt.datetime) or not isinstance(until, dt.date):
        raise InputError(f"until: expected a date (YYYY-MM-DD), got {quoted(until)}")
    if until <= day:
        raise InputError(f"until: expected a day after the stance's date {day.isoformat()} (the first day it no "
                         f"longer holds), got {until.isoformat()}")
    latest = horizon(as_of, today)
    if until > latest:
        raise InputError(f"until: expected {latest.isoformat()} or earlier (a stance ends from the day that was "
                         f"reported), got {until.isoformat()}")
