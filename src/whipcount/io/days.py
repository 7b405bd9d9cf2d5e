"""Reading a day given as text: a request's body, query parameter or form field, a command-line option, a
scenario file's date that YAML left as text. One reader, one spelling (YYYY-MM-DD), one error."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from whipcount.errors import InputError
from whipcount.io.limits import quoted

__all__ = ["read_day", "read_day_field"]

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only: [0-9], not \d


def read_day(text: str) -> dt.date:
    """``text`` as a day written YYYY-MM-DD, and one the calendar has. ``date.fromisoformat`` alone also reads
    ``2026-W49-3`` (a week date, 2 December), ``20261202`` and ``2026-336``; each is refused, as a 30 February
    is; a day the calendar lacks is named as such. Raises ValueError: ``expected a date as YYYY-MM-DD, got
    '2026-W49-3'``, ``no such day: February 2025 has 28 days, got '2025-02-30'``."""
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{_no_such_day(text)}, got {quoted(text)}") from None
    raise ValueError(f"expected a date as YYYY-MM-DD, got {quoted(text)}")


def _no_such_day(text: str) -> str:
    """Why a day written YYYY-MM-DD is not in the calendar: ``no such day: February 2025 has 28 days``."""
    year, month, day = (int(part) for part in text.split("-"))
    if year == 0:
        return "no such year: the calendar starts at 0001"
    if not 1 <= month <= 12:
        return f"no such month: {month:02d} (expected 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    return f"no such day: {calendar.month_name[month]} {year} has {days} days"


def read_day_field(field: str, text: str | None) -> dt.date | None:
    """An optional day given as text (None or empty: none) by :func:`read_day`, or an
    :class:`~whipcount.errors.InputError` naming ``field``: ``on: expected a date as YYYY-MM-DD, got ...``."""
    if text is None or text == "":
        return None
    try:
        return read_day(text)
    except ValueError as exc:
        raise InputError(f"{field}: {exc}") from None
