"""The day a dashboard is asked for (``?on=``, ``on_a``, ``on_b``): from the chamber's ``as_of``, when the
scenario's seats start, to the last day that can be live (tomorrow in UTC, or that ``as_of`` if later); another
is refused naming the parameter."""

from __future__ import annotations

import datetime as dt

from whipcount.errors import InputError
from whipcount.model import Scenario
from whipcount.storage.snapshot import horizon

__all__ = ["DayBeforeSeats", "DayNotYet", "check_on"]


class DayBeforeSeats(InputError):
    """A day asked for (``?on=``) before the chamber's seats start (its ``as_of``)."""

    def __init__(self, as_of: dt.date, on: dt.date, field: str = "on") -> None:
        super().__init__(f"{field}: expected {as_of.isoformat()} or later (the chamber's as_of date, when the "
                         f"scenario's seats start), got {on.isoformat()}")
        self.as_of, self.on = as_of, on

    def named(self, field: str) -> DayBeforeSeats:
        """The same refusal naming the parameter ``field`` (``on_a``, ``on_b``)."""
        return DayBeforeSeats(self.as_of, self.on, field)


class DayNotYet(InputError):
    """A day asked for (``?on=``) after the last day that can be live (tomorrow in UTC, or the chamber's
    ``as_of`` if later): nothing is known of it yet."""

    def __init__(self, latest: dt.date, on: dt.date, field: str = "on") -> None:
        super().__init__(f"{field}: expected {latest.isoformat()} or earlier (a later day has not come yet, so "
                         f"nothing is known of it; leave {field} out for the live count), got {on.isoformat()}")
        self.latest, self.on = latest, on

    def named(self, field: str) -> DayNotYet:
        """The same refusal naming the parameter ``field`` (``on_a``, ``on_b``)."""
        return DayNotYet(self.latest, self.on, field)


def check_on(scenario: Scenario, on: dt.date | None) -> None:
    """A day asked for before the chamber's seats start, or after the last day that can be live
    (:func:`~whipcount.storage.snapshot.horizon`), is refused naming the parameter, as a stance's date is (the
    first had been refused naming an inner call, ``state(on=...)``; the second counted as a day to come)."""
    if on is not None and on < scenario.chamber.as_of:
        raise DayBeforeSeats(scenario.chamber.as_of, on)
    if on is not None and on > horizon(scenario.chamber.as_of):
        raise DayNotYet(horizon(scenario.chamber.as_of), on)
