"""Read-only copies of the free-form mappings a frozen value keeps (a scenario's and a constitution's ``extras``).

:func:`read_only` copies a mapping, and every dict and list inside it, into a :class:`ReadOnlyDict` and a
:class:`ReadOnlyList`: a dict and a list still (``isinstance``, ``==``, ``json.dumps`` and every reader see
one), whose every change in place raises :class:`TypeError`. A changed copy is made as for any frozen
value, ``dataclasses.replace(scenario, extras={...})``; ``dict(x)`` and ``list(x)`` give mutable copies.
Both pickle and copy as themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

__all__ = ["ReadOnlyDict", "ReadOnlyList", "read_only"]


def _refuse(self: object, *_args: object, **_kwargs: object) -> NoReturn:
    kind = "mapping" if isinstance(self, dict) else "list"
    raise TypeError(f"this {kind} is read-only (the extras of a frozen value): make a changed copy, "
                    "dataclasses.replace(value, extras={...})")


class ReadOnlyDict(dict[str, Any]):
    """A dict that refuses every change in place (see the module's docs)."""

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> ReadOnlyDict:
        out = super().__new__(cls)
        dict.__init__(out, *args, **kwargs)  # filled here, once: calling __init__ again changes nothing
        return out

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    # every method that changes a dict in place, each refusing; typed as the refusal, not as dict's overloads
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[dict[str, Any]]]:
        return ReadOnlyDict, (dict(self),)

    def __copy__(self) -> ReadOnlyDict:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> ReadOnlyDict:
        return self


class ReadOnlyList(list[Any]):
    """A list that refuses every change in place (see the module's docs)."""

    __slots__ = ()

    def __new__(cls, items: Iterable[Any] = ()) -> ReadOnlyList:
        out = super().__new__(cls)
        list.extend(out, items)  # filled here, once: calling __init__ again changes nothing
        return out

    def __init__(self, items: Iterable[Any] = ()) -> None:
        pass

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __reduce__(self) -> tuple[type, tuple[list[Any]]]:
        return ReadOnlyList, (list(self),)

    def __copy__(self) -> ReadOnlyList:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> ReadOnlyList:
        return self


def _frozen(value: Any) -> Any:
    if isinstance(value, ReadOnlyDict | ReadOnlyList):
        return value
    if isinstance(value, Mapping):
        return ReadOnlyDict({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return ReadOnlyList(_frozen(v) for v in value)
    if isinstance(value, tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set):
        return frozenset(_frozen(v) for v in value)
    return value


def read_only(value: Mapping[str, Any]) -> ReadOnlyDict:
    """A read-only copy of ``value``, and of every dict, list and set within it (one already read-only is
    kept as it is)."""
    out = _frozen(value)
    assert isinstance(out, ReadOnlyDict)  # a Mapping becomes one
    return out
