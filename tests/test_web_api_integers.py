"""Every whole number a JSON body of the web API takes is a JSON integer and nothing else: walked over the
bodies' types (nested ones too), so a field added later cannot take "1_0" as 10 unnoticed. The behaviour of
the check itself is tested in test_web_numbers.py."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, BeforeValidator

from whipcount.io import input_base
from whipcount.web.api import EventAppend, StanceChange, StanceTakeBack


def _whole_numbers(tp: Any, where: str, meta: tuple[Any, ...] = ()) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(place, the annotations around it) for each ``int`` in the type ``tp``."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *more = typing.get_args(tp)
        yield from _whole_numbers(base, where, (*meta, *more))
    elif origin in (typing.Union, types.UnionType, list, tuple, dict):
        args = typing.get_args(tp)
        # a free value that may be text (an extra: str | int | ...) keeps a string a string, "1_0" included
        free = origin in (typing.Union, types.UnionType) and str in args
        for arg in args:
            if not (free and arg is int):
                yield from _whole_numbers(arg, where, meta)
    elif isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            yield from _whole_numbers(field.annotation, f"{where}.{name}", tuple(field.metadata))
    elif tp is int:
        yield where, meta


@pytest.mark.parametrize("body", [StanceChange, StanceTakeBack, EventAppend])
def test_every_whole_number_of_a_body_is_a_json_integer(body: type[BaseModel]) -> None:
    found = list(_whole_numbers(body, body.__name__))
    assert found, "a body with no whole number to check"
    for where, meta in found:
        strict = any(isinstance(m, BeforeValidator) and m.func is input_base._json_integer for m in meta)
        assert strict, f"{where} takes a whole number without JsonCount (a string such as '1_0' would be read)"
