"""Model values to JSON and back, exactly: what goes into a ``data`` column comes out equal.

The model's frozen dataclasses hold dates, tuples of tuples and nested dataclasses; JSON has none of
these. :func:`encode` turns a value into plain JSON types, :func:`decode` rebuilds it from the type
hints of the dataclass, so ``decode(Party, encode(p)) == p`` for every model value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from whipcount.errors import StorageError

T = TypeVar("T")

__all__ = ["decode", "encode"]


def encode(value: Any) -> Any:
    """A JSON-ready copy of ``value`` (dataclasses become dicts, dates ISO strings, tuples lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise StorageError(f"cannot store a value of type {type(value).__name__}: {value!r}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = __import__(cls.__module__, fromlist=["_"])
    return typing.get_type_hints(cls, globalns=vars(module))


def decode(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from what :func:`encode` produced."""
    if tp is Any or tp is object:
        return data
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        for a in options:  # first type that fits
            try:
                return decode(a, data)
            except (TypeError, ValueError, KeyError, StorageError):
                continue
        raise StorageError(f"stored value {data!r} fits none of {tp}")
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in data)
        return tuple([decode(a, v) for a, v in zip(args, data, strict=True)])
    if origin is dict:
        _, vt = get_args(tp)
        return {k: decode(vt, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise TypeError(f"expected an object for {tp.__name__}, got {data!r}")
        hints = _hints(tp)
        kwargs = {f.name: decode(hints[f.name], data[f.name]) for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    if tp is dt.date:
        if not isinstance(data, str):
            raise TypeError(f"expected a date, got {data!r}")
        return dt.date.fromisoformat(data)
    if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if tp in (str, int, bool) and isinstance(data, tp):
        return data
    raise TypeError(f"expected {getattr(tp, '__name__', tp)}, got {data!r}")


def decode_as(tp: type[T], data: Any) -> T:
    """:func:`decode`, typed for a dataclass."""
    return typing.cast(T, decode(tp, data))
