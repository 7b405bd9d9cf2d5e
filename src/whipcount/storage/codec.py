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

from whipcount.errors import ModelError, StorageError
from whipcount.io.limits import shorten
from whipcount.model.place import Place

T = TypeVar("T")

__all__ = ["decode", "encode"]


def encode(value: Any) -> Any:
    """A JSON-ready copy of ``value`` (dataclasses become dicts, dates ISO strings, tuples lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # a field marked not stored (where a motion was read in a file) is left out: read back, it is its default
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("stored", True)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Place):  # where an event was read: its text
        return str(value)
    raise StorageError(f"cannot store a value of type {type(value).__name__}: {value!r}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = __import__(cls.__module__, fromlist=["_"])
    return typing.get_type_hints(cls, globalns=vars(module))


class _Misfit(TypeError):
    """A stored value that does not fit its type; ``path`` says where inside the value (``sources[0].url``)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path, self.problem = path, problem


_MISFITS = (TypeError, ValueError, KeyError, AttributeError, ModelError)
ECHO = 80
"""The most characters of a stored value (or of another error's message) that an error repeats."""


def _echo(data: Any) -> str:
    return shorten(repr(data), ECHO)


def _at(step: str, tp: Any, data: Any) -> Any:
    """:func:`_decode` of a part of a value, its errors told with the part's place (``step``)."""
    try:
        return _decode(tp, data)
    except _Misfit as exc:
        inner = exc.path if not exc.path or exc.path.startswith("[") else "." + exc.path
        raise _Misfit(step + inner, exc.problem) from None
    except _MISFITS as exc:
        raise _Misfit(step, shorten(str(exc), ECHO)) from None


def decode(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from what :func:`encode` produced; a stored value that does not fit
    (a row edited by hand, or written by a version of whipcount with another model) is a
    :class:`~whipcount.errors.StorageError` naming the type, the field and what was found."""
    try:
        return _decode(tp, data)
    except _MISFITS as exc:
        what = getattr(tp, "__name__", str(tp))
        told = str(exc) if isinstance(exc, _Misfit) else shorten(str(exc), ECHO)
        words = (f"a stored {what} cannot be read: {told} (was the row edited by hand, or written by another "
                 "version of whipcount?)")
        raise StorageError(words, public=words) from None  # a row's words: no file, host or account of the server


def _decode(tp: Any, data: Any) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        if data is None:
            return None
        for a in get_args(tp):  # first type that fits
            try:
                return _decode(a, data)
            except _MISFITS:
                continue
        raise _Misfit("", f"expected {_name(tp)}, got {_echo(data)}")
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(data, list):
            raise _Misfit("", f"expected a list, got {_echo(data)}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_at(f"[{i}]", args[0], v) for i, v in enumerate(data))
        if len(data) != len(args):
            raise _Misfit("", f"expected {len(args)} items, got {len(data)}")
        return tuple(_at(f"[{i}]", a, v) for i, (a, v) in enumerate(zip(args, data, strict=True)))
    if origin is dict:
        if not isinstance(data, dict):
            raise _Misfit("", f"expected an object, got {_echo(data)}")
        _, vt = get_args(tp)
        return {k: _at(f"[{k!r}]", vt, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, data)
    if tp is dt.date:
        if not isinstance(data, str):
            raise _Misfit("", f"expected a date, got {_echo(data)}")
        return dt.date.fromisoformat(data)
    if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if tp in (str, int, bool) and type(data) is tp:  # JSON gives these exact types; True is no int here
        return data
    raise _Misfit("", f"expected {_name(tp)}, got {_echo(data)}")


def _dataclass(tp: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise _Misfit("", f"expected an object for {tp.__name__}, got {_echo(data)}")
    hints = _hints(tp)
    kwargs = {}
    for f in dataclasses.fields(tp):
        if f.name in data:
            kwargs[f.name] = _at(f.name, hints[f.name], data[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise _Misfit(f.name, "missing")
    return tp(**kwargs)


def _name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp)


def decode_as(tp: type[T], data: Any) -> T:
    """:func:`decode`, typed for a dataclass."""
    return typing.cast(T, decode(tp, data))
