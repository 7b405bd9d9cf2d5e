"""Input models that stop at the first bad item of a list or mapping.

pydantic reports every problem of a value, about 1 kB each: a scenario listing a million empty members
(15 MB of YAML) took 3.5 GB and a minute, and a Popolo file of twenty million empty persons (60 MB) ran
the machine out of memory, before the one line a reader says was written. A :class:`FirstProblemModel`
rewrites its validation schema (:func:`first_problems`) so that

- a list (tuple, set) stops at its first bad item (pydantic's ``fail_fast``);
- a mapping of values checks its entries one at a time and stops at the first bad one (a mapping over its
  cap, ``max_length``, is refused as a whole first, as pydantic refuses a list, before any entry is checked);
- a model that refuses unknown fields is shown only the first unknown field of a mapping, besides its own:
  the file is refused either way, and the others are not each made into a problem;
- text holds no control character but tab, line feed and carriage return: a party named
  ``"Red\\x1b]0;...\\x07"`` reached the terminal as an escape sequence (a window title, colours, a
  cursor move) through every table that printed it, and a NUL made an SVG that no XML reader opens; nor a
  direction control left open at the end of its line (:mod:`whipcount.io.direction`), which turned the
  text after it around wherever it was printed.

What a bad file costs then depends on the fields of one item, not on the number of bad items.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler
from pydantic_core import PydanticKnownError, core_schema

from whipcount.io.direction import direction_problem

__all__ = ["FirstProblemModel", "first_problems"]

# a schema's data that is not a schema: a default value, pydantic's notes, a function (never walked into)
_NOT_SCHEMAS = frozenset({"default", "metadata", "serialization", "ref", "cls", "function", "config"})


class _EntryByEntry:
    """A mapping's entries checked one at a time (so the first bad one stops it), then the whole; a mapping
    of more than ``cap`` entries goes to the whole at once, which refuses it for its length."""

    def __init__(self, cap: int | None) -> None:
        self.cap = cap

    def __call__(self, value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, dict) and self.cap is not None and len(value) > self.cap:
            # pydantic's own refusal, before any entry is checked (pydantic checks them all first)
            raise PydanticKnownError("too_long", {"field_type": "Dictionary", "max_length": self.cap,
                                                  "actual_length": len(value)})
        if isinstance(value, dict) and len(value) > 1:
            for key, item in value.items():
                handler({key: item})
        return handler(value)


class _FirstUnknownField:
    """Hand a model's fields a mapping without its unknown keys but the first (``known``: names and aliases)."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known

    def __call__(self, value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, dict) and len(unknown := value.keys() - self.known) > 1:
            first = next(k for k in value if k in unknown)
            value = {k: v for k, v in value.items() if k in self.known or k == first}
        return handler(value)


def _names(fields: dict[str, Any]) -> frozenset[str]:
    names = set(fields)
    for field in fields.values():
        alias = field.get("validation_alias")
        if isinstance(alias, str):
            names.add(alias)
    return frozenset(names)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_characters(value: Any) -> Any:
    """Text as a file may hold it: no control character (C0, DEL, C1) but tab, line feed, carriage return, and
    no direction control left open at the end of its line (:func:`~whipcount.io.direction.direction_problem`)."""
    if isinstance(value, str) and (bad := _CONTROL.search(value)) is not None:
        raise ValueError(f"expected text without control characters, got U+{ord(bad.group()):04X} at "
                         f"character {bad.start() + 1}")
    if (problem := direction_problem(value)) is not None:
        raise ValueError(problem)
    return value


def _is_ours(node: dict[str, Any]) -> bool:
    function = node.get("function")
    fn = function.get("function") if isinstance(function, dict) else None
    return fn is _no_control_characters or isinstance(fn, _EntryByEntry | _FirstUnknownField)


def first_problems(node: Any) -> Any:
    """A copy of the pydantic core schema ``node`` that stops at the first bad item (see the module)."""
    if isinstance(node, list):
        return [first_problems(x) for x in node]
    if not isinstance(node, dict) or _is_ours(node):  # a model nested in another is rewritten once
        return node
    out = {k: v if k in _NOT_SCHEMAS else first_problems(v) for k, v in node.items()}
    kind = out.get("type")
    if kind in ("list", "tuple", "set", "frozenset"):
        out["fail_fast"] = True
    elif kind == "dict":
        return core_schema.no_info_wrap_validator_function(_EntryByEntry(out.get("max_length")), out)
    elif kind == "str":
        return core_schema.no_info_after_validator_function(_no_control_characters, out)
    elif kind == "model" and (out.get("config") or {}).get("extra_fields_behavior") == "forbid":
        fields = out["schema"]
        if fields.get("type") == "model-fields":
            out["schema"] = core_schema.no_info_wrap_validator_function(
                _FirstUnknownField(_names(fields["fields"])), fields)
    return out


class FirstProblemModel(BaseModel):
    """A model whose lists, mappings and unknown fields are checked up to their first problem (see the
    module). Every model of a file a user hands in is one."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        schema: core_schema.CoreSchema = first_problems(handler(source))
        return schema
