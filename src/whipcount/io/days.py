"""Reading a day given as text: a request's body, query parameter or form field, a command-line option, a
scenario file's date that YAML left as text. One reader, one spelling (YYYY-MM-DD), one error."""

from __future__ import annotations

import datetime as dt
import re

from whipcount.errors import InputError
from whipcount.io.limits import quoted

__all__ = ["read_day", "read_day_field"]

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only: [0-9], not \d


def read_day(text: str) -> dt.date:
    """``text`` as a day written YYYY-MM-DD, and one the calendar has. ``date.fromisoformat`` alone also reads
    ``2026-W49-3`` (a week date, 2 December), ``20261202`` and ``2026-336``; each is refused, as a 30 February
    is. Raises ValueError: ``expected a date as YYYY-MM-DD, got '2026-W49-3'``."""
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # a 30 February: the same message
    raise ValueError(f"expected a date as YYYY-MM-DD, got {quoted(text)}")


def read_day_field(field: str, text: str | None) -> dt.date | None:
    """An optional day given as text (None or empty: none) by :func:`read_day`, or an
    :class:`~whipcount.errors.InputError` naming ``field``: ``on: expected a date as YYYY-MM-DD, got ...``."""
    if text is None or text == "":
        return None
    try:
        return read_day(text)
    except ValueError as exc:
        raise InputError(f"{field}: {exc}") from None
