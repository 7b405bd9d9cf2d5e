"""Arguments a caller of the library passes in code: a date, a count. Checked where they enter, so that a
date given as text or a count given as a float is an :class:`~whipcount.errors.ArgumentError` naming the
argument, not a ``TypeError`` from a comparison deep inside (or, worse, a wrong answer)."""

from __future__ import annotations

import datetime as dt
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from whipcount.errors import ArgumentError
from whipcount.model.place import Place

T = TypeVar("T")

__all__ = ["check_count", "check_date", "check_flag", "check_fraction", "check_instance", "check_items",
           "check_progress", "check_real", "plain_counts"]


def check_date(value: Any, name: str | Place) -> dt.date:
    """``value`` if it is a :class:`datetime.date` (a day, not a datetime), else an ArgumentError naming
    ``name`` (a place in a file is found only then) and saying how to make one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        hint = f"a datetime.date (the day alone: {name}=value.date())"
    elif isinstance(value, str):
        hint = f"a datetime.date (datetime.date.fromisoformat({value!r}) reads text)"
    else:
        hint = "a datetime.date"
    raise ArgumentError(f"{name}: expected {hint}, got {value!r} ({type(value).__name__})")


def check_count(value: Any, name: str) -> int:
    """``value`` if it is a whole number (an ``int``, not a bool or a float), else an ArgumentError naming
    ``name``. The sign is the caller's to check (its message knows what the count is of)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if hasattr(value, "__index__") and not isinstance(value, bool):  # numpy integers
        return int(value.__index__())
    raise ArgumentError(f"{name}: expected a whole number (int), got {value!r} ({type(value).__name__})")


def plain_counts(obj: Any, *names: str) -> None:
    """Turn each of the frozen dataclass ``obj``'s fields ``names`` that holds a whole number of another type
    (a numpy integer) into the ``int`` it is, so that no ``np.int64`` reaches a state, a table or a JSON
    file. Anything else is left for the model to check where the value is used (a repr never raises)."""
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, numbers.Integral) and not isinstance(value, int):
            object.__setattr__(obj, name, int(value))
        elif isinstance(value, tuple) and any(_numpy_count(v) for v in value):  # (name, count) pairs
            object.__setattr__(obj, name, tuple((v[0], int(v[1])) if _numpy_count(v) else v for v in value))


def _numpy_count(pair: Any) -> bool:
    return (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], numbers.Integral)
            and not isinstance(pair[1], int))


def check_real(value: Any, name: str) -> float:
    """``value`` as a float if it is a real number (an int, a float, a Fraction, a Decimal, a numpy number;
    not a bool or text), else an ArgumentError naming ``name``. The range is the caller's to check."""
    if isinstance(value, numbers.Real | Decimal) and not isinstance(value, bool):
        return float(value)
    raise ArgumentError(f"{name}: expected a number, got {_short(value)} ({type(value).__name__})")


def check_fraction(value: Any, name: str) -> Fraction:
    """``value`` as an exact Fraction: a Fraction, a whole number or text such as ``"1/2"``; a float is
    refused (0.1 or 2/3 as a float is not the fraction it looks like), as is anything else, naming ``name``."""
    if isinstance(value, Fraction | numbers.Integral) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value)
        except ValueError:
            pass
    hint = " (a float is not always the fraction it looks like: 0.1 is not 1/10)" if isinstance(value, float) else ""
    raise ArgumentError(f"{name}: expected a fraction such as Fraction(1, 2) or '1/2', got {_short(value)} "
                        f"({type(value).__name__}){hint}")


def check_instance(value: Any, cls: type[T], name: str, hint: str = "") -> T:
    """``value`` if it is a ``cls``, else an ArgumentError naming ``name`` (``hint``: how to make one)."""
    if isinstance(value, cls):
        return value
    how = f" ({hint})" if hint else ""
    raise ArgumentError(f"{name}: expected a {cls.__name__}{how}, got {_short(value)} ({type(value).__name__})")


def check_items(value: Any, cls: type[T] | tuple[type, ...], name: str, what: str) -> tuple[T, ...]:
    """``value``'s items as a tuple (a list, a tuple or a generator, read once), each a ``cls``, else an
    ArgumentError naming ``name`` (and the item's place, ``name[2]``); ``what`` says what an item is. Text is
    refused whole: ``"ab"`` is not the items ``"a"`` and ``"b"``, and a generator kept as it came would be
    read up by the first look at it, leaving nothing for the next."""
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise ArgumentError(f"{name}: expected a list or tuple, each item {what}, got {_short(value)} "
                            f"({type(value).__name__})")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise ArgumentError(f"{name}[{i}]: expected {what}, got {_short(item)} ({type(item).__name__})")
    return items


def check_flag(value: Any, name: str) -> bool:
    """``value`` as a bool if it is one (a numpy bool too), else an ArgumentError naming ``name``: text such
    as ``"no"`` is true to Python, the opposite of what it says."""
    numpy_bool = getattr(getattr(value, "dtype", None), "kind", "") == "b" and getattr(value, "shape", None) == ()
    if isinstance(value, bool) or numpy_bool:  # a numpy bool scalar, not an array of them
        return bool(value)
    raise ArgumentError(f"{name}: expected True or False, got {_short(value)} ({type(value).__name__})")


def check_progress(value: Any) -> None:
    """Nothing if ``value`` is None or callable (told the draws done), else an ArgumentError naming it."""
    if value is not None and not callable(value):
        raise ArgumentError(f"progress: expected a function told the number of draws done, or None, got "
                            f"{_short(value)} ({type(value).__name__})")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
