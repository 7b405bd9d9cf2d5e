"""The command line's number options: click's numbers, read in a reader's words.

click answers ``--yes 17a`` with "'17a' is not a valid integer range", gives a range as ``0<=x<=100000`` (an x the
reader never typed) and lets ``nan`` through a float range. Here a number option says what it expected ("expected
a whole number from 0 to 100,000, got '17a'"), in its help as well (``[default: 2; 1 or more]``, the metavar
INTEGER or NUMBER), and refuses a number of more digits than a file may hold.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import click

from whipcount.io.limits import Limits, quoted

__all__ = ["MAX_DIGITS", "FiniteRange", "WholeNumber", "range_words", "too_many_digits"]


class FiniteRange(click.FloatRange):
    """A number in a range, and a number at all: click's FloatRange lets 'nan' through (it compares false
    with both ends) and, with no upper end, 'inf'; text that is no number is refused in words a reader
    knows ("expected a number", not click's "is not a valid float range")."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not _reads_as(float, value):
            self.fail(f"expected {self._expected()}, got {quoted(value)}", param, ctx)
        try:
            number = super().convert(value, param, ctx)
        except click.BadParameter:  # out of range: click says "-1.0 is not in the range x>=0."
            self.fail(f"expected {self._expected()}, got {value}", param, ctx)
        if not math.isfinite(number):
            self.fail(f"expected {self._expected()}, got {number}", param, ctx)
        return number

    name = "number"  # the metavar NUMBER, not FLOAT RANGE

    def _expected(self) -> str:
        return _expected_words("a number", self)

    def _describe_range(self) -> str:
        return range_words(self)


def range_words(kind: click.IntRange | click.FloatRange) -> str:
    """A click range in words ("from 0 to 100,000", "0 or more", "above 0"), where click writes "0<=x<=100000"
    with an x the reader never typed; "" for no bound. Used in the help (``[default: 2; 1 or more]``) and in
    the refusal of a number outside it."""

    def n(v: float) -> str:
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

    low, high = kind.min, kind.max
    if low is not None and high is not None:
        if kind.min_open or kind.max_open:
            return (f"{'above' if kind.min_open else 'from'} {n(low)} and {'below' if kind.max_open else 'up to'}"
                    f" {n(high)}")
        return f"from {n(low)} to {n(high)}"
    if low is not None:
        return f"above {n(low)}" if kind.min_open else f"{n(low)} or more"
    if high is not None:
        return f"below {n(high)}" if kind.max_open else f"{n(high)} or less"
    return ""


def _expected_words(noun: str, kind: click.ParamType) -> str:
    """``a number of 0 or more``, ``a whole number from 1 to 100``: what a number option expects."""
    words = range_words(kind) if isinstance(kind, click.IntRange | click.FloatRange) else ""
    if not words:
        return noun
    return f"{noun} {'of ' if words[0].isdigit() else ''}{words}"


def _reads_as(kind: Callable[[str], Any], text: str) -> bool:
    """Whether click's conversion (``int`` or ``float`` of the text) reads ``text``."""
    try:
        kind(text)
    except ValueError:
        return False
    return True


MAX_DIGITS = Limits().max_digits
"""The most digits a whole number given on the command line may have, as in a file."""


def too_many_digits(text: str) -> str | None:
    """Why ``text`` is too long to be read as a whole number (Python turns at most 4,300 digits into an
    integer, and click had said of 5,000 nines "is not a valid integer"), or None."""
    body = text.strip().lstrip("+-")
    digits = len(body)
    if digits > MAX_DIGITS and body.isascii() and body.isdigit():  # anything else is no number: click says so
        return f"expected a whole number of at most {MAX_DIGITS} digits, got one of {digits:,} digits"
    return None


class _Digits(click.ParamType):
    """The checks before click's own conversion (a mixin of :class:`WholeNumber`'s types): too many digits,
    and text that is no whole number, said in words a reader knows (click says "is not a valid integer
    range")."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        problem = too_many_digits(value) if isinstance(value, str) else None
        if problem is None and isinstance(value, str) and not _reads_as(int, value):
            problem = f"expected {self._expected()}, got {quoted(value)}"
        if problem is not None:
            self.fail(problem, param, ctx)
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:  # out of range: click says "100001 is not in the range 0<=x<=100000."
            self.fail(f"expected {self._expected()}, got {value}", param, ctx)

    def _expected(self) -> str:
        return _expected_words("a whole number", self)


class _Whole(_Digits, click.types.IntParamType):
    pass


class _WholeRange(_Digits, click.IntRange):
    name = "integer"  # the metavar INTEGER, not INTEGER RANGE

    def _describe_range(self) -> str:
        return range_words(self)


def WholeNumber(min: int | None = None, max: int | None = None) -> click.ParamType:  # noqa: A002, N802
    """A whole number, within ``min`` and ``max`` where given (click's INT or IntRange), a number of more
    digits than a file may hold (:data:`MAX_DIGITS`) refused in those words."""
    return _Whole() if min is None and max is None else _WholeRange(min, max)
