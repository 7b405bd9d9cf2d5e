"""Arguments a caller of the library passes in code: a date, a count. Checked where they enter, so that a
date given as text or a count given as a float is an :class:`~whipcount.errors.ArgumentError` naming the
argument, not a ``TypeError`` from a comparison deep inside (or, worse, a wrong answer)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import numbers
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from whipcount.errors import ArgumentError, WhipcountError
from whipcount.model.ids import did_you_mean
from whipcount.model.place import Place

T = TypeVar("T")

__all__ = ["check_count", "check_counts", "check_date", "check_flag", "check_fraction", "check_instance", "check_items",
           "check_option", "check_progress", "check_real", "plain_counts", "plain_dates", "whole_number"]


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


def whole_number(value: Any) -> int | None:
    """``value`` as an ``int`` if it is a whole number of a numeric type (an int, a numpy integer, or a float,
    a Fraction, a Decimal or a numpy float that is whole: ``5.0``, ``Fraction(5)``, ``Decimal("5")``), else None:
    a bool, text, ``5.5``, NaN or infinity is not one. Every count, seat and weight of the library reads its
    argument through this one test, so that what one field takes another takes too."""
    if isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", "") == "b":
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else None
    if isinstance(value, numbers.Rational):
        return int(value.numerator) if value.denominator == 1 else None
    if isinstance(value, numbers.Real):
        number = float(value)
        return int(number) if math.isfinite(number) and number.is_integer() else None
    if hasattr(value, "__index__") and not isinstance(value, str | bytes):  # an integer type not registered
        return int(value.__index__())
    return None


def check_count(value: Any, name: str) -> int:
    """``value`` as an ``int`` if it is a whole number (:func:`whole_number`: ``5``, ``5.0``, ``Fraction(5)``,
    a numpy integer), else an ArgumentError naming ``name``. The sign is the caller's to check (its message
    knows what the count is of)."""
    number = whole_number(value)
    if number is not None:
        return number
    raise ArgumentError(f"{name}: expected a whole number, got {_short(value)} ({type(value).__name__})")


def check_counts(value: Any, name: str) -> dict[str, int]:
    """``value``, a mapping of names to counts (an election's votes by candidate), as a dict of each name to the
    ``int`` its count is (:func:`check_count`), else an ArgumentError naming ``name`` and the entry
    (``candidates['Shehbaz Sharif']``). The sign is the caller's to check."""
    if not isinstance(value, Mapping):
        raise ArgumentError(f"{name}: expected a mapping of names to counts, got {_short(value)} "
                            f"({type(value).__name__})")
    out: dict[str, int] = {}
    for key, count in value.items():
        if not isinstance(key, str):
            raise ArgumentError(f"{name}: expected names as text, got {_short(key)} ({type(key).__name__})")
        out[key] = check_count(count, f"{name}[{key!r}]")
    return out


def plain_counts(obj: Any, *names: str) -> None:
    """Check each of the frozen dataclass ``obj``'s fields ``names`` when it is made: a whole number
    (:func:`whole_number`), kept as the ``int`` it is, so that no ``np.int64`` or ``5.0`` reaches a state, a
    table or a JSON file; None where the field's default is None; for a field of (name, count) pairs, each
    pair text and a whole number. Anything else is an ArgumentError naming the object and the field
    (``party 'pti': seats``), where it had failed only when a state was computed from it."""
    where = _described(obj)
    optional = {f.name for f in dataclasses.fields(obj) if f.default is None}
    for name in names:
        value = getattr(obj, name)
        if value is None and name in optional:
            continue
        if isinstance(value, tuple | list):  # (name, count) pairs: a party's seats by side, a ballot's by candidate
            object.__setattr__(obj, name, tuple(_pair(v, f"{where}: {name}[{i}]") for i, v in enumerate(value)))
        else:
            object.__setattr__(obj, name, check_count(value, f"{where}: {name}"))


def plain_dates(obj: Any, *names: str) -> None:
    """Check each of the frozen dataclass ``obj``'s fields ``names`` when it is made: a :class:`datetime.date`
    (:func:`check_date`), or None where the field's default is None; else an ArgumentError naming the object
    and the field (``event: date``), where text had failed only when a state was computed."""
    where = _described(obj)
    optional = {f.name for f in dataclasses.fields(obj) if f.default is None}
    for name in names:
        value = getattr(obj, name)
        if not (value is None and name in optional):
            check_date(value, f"{where}: {name}")


def _pair(item: Any, name: str) -> tuple[str, int]:
    if not (isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[0], str)):
        raise ArgumentError(f"{name}: expected a pair (name, count), got {_short(item)} ({type(item).__name__})")
    return item[0], check_count(item[1], name)


def _described(obj: Any) -> str:
    """``party 'pti'``, ``event switch-side of party 'red'``: the object's type in lower case and its id or name,
    else its kind and whose it is, where it has them."""
    kind = type(obj).__name__.lower()
    for attr in ("id", "name"):
        ident = getattr(obj, attr, None)
        if isinstance(ident, str) and ident:
            return f"{kind} {ident!r}"
    what = getattr(obj, "kind", None)  # an event or a motion by its kind, a stance by whose it is
    words = [kind, what] if isinstance(what, str) and what else [kind]
    whose = next(((a, v) for a in ("party", "member") if isinstance(v := getattr(obj, a, None), str) and v), None)
    return " ".join(words) + (f" of {whose[0]} {whose[1]!r}" if whose else "")


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


def check_option(value: Any, allowed: Iterable[str], name: str,
                 error: type[WhipcountError] = ArgumentError) -> str:
    """``value`` if it is one of the ``allowed`` names of a string option (a method, an index, a basis, a
    kind), else an ``error`` naming ``name``, every allowed value and the nearest one (``'exakt'``: did you mean
    ``'exact'``?), where an unknown name had been taken silently for another."""
    known = list(allowed)
    if isinstance(value, str) and value in known:
        return value
    got = f"{_short(value)}" + ("" if isinstance(value, str) else f" ({type(value).__name__})")
    hint = did_you_mean(value, known) if isinstance(value, str) else ""
    raise error(f"{name}: expected one of {', '.join(map(repr, known))}, got {got}{hint}")


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
