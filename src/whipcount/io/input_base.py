"""The base of every input model (scenario and constitution files) and the whole number they count with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from whipcount.io.days import read_day
from whipcount.io.first_problem import FirstProblemModel
from whipcount.io.limits import shorten

# a problem pydantic found, in plain words: written once, in plain_words, and given here too
from whipcount.io.plain_words import and_more, bound_words, problem_words, too_long, type_words, written

__all__ = ["Count", "Day", "InputModel", "JsonCount", "Within", "and_more", "bound_words", "empty_dict",
           "empty_list", "json_schema_of", "problem_words", "too_long", "type_words", "written"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# pydantic writes a bound it cannot attach to the type (a Count is an int behind a validator, so
# ``Count | None`` with ``ge=0``) under its own name; JSON Schema validators ignore unknown keywords.
_KEYWORDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _whole_number(value: Any) -> Any:
    """``seats: true`` is not 1, nor is ``61.0`` (or JSON's ``6.1e1``) a count: YAML and JSON read true/false
    as booleans and a number with a point or an exponent as a float, and a count given as either is refused
    (pydantic alone would read true as 1 and 61.0 as 61)."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number, got a boolean (true/false)")
    if isinstance(value, float):
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


Count = Annotated[int, BeforeValidator(_whole_number)]
"""A whole number in an input file: an int, never a boolean or a float (``61.0``)."""


def _json_integer(value: Any) -> Any:
    """A whole number in a JSON body (the web API) is a JSON integer: not a float (``4.0``), a boolean, nor a
    string (pydantic alone would read ``"4.0"``, ``"+4"``, ``" 4 "`` as 4 and ``"1_0"`` as 10)."""
    _whole_number(value)
    if not isinstance(value, int):
        got = f"a string ({shorten(value)!r})" if isinstance(value, str) else f"a {type(value).__name__}"
        raise ValueError(f"expected a whole number (a JSON integer such as 4, not in quotes), got {got}")
    return value


JsonCount = Annotated[int, BeforeValidator(_json_integer)]
"""A whole number in a JSON body of the web API: a JSON integer and nothing else (a file's :data:`Count` may
be given as text too)."""


@dataclass(frozen=True, slots=True)
class Within:
    """``Annotated[Count, Within(0, 2**31 - 1)]``: a whole number from ``low`` to ``high``. Outside, it is refused
    with the whole range in words (``expected a whole number from 0 to 2,147,483,647``; the reader quotes the
    value after it, cut short) rather than pydantic's one bound; the JSON Schema states both."""

    low: int
    high: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(schema)
        out.update(minimum=self.low, maximum=self.high)
        return out

    def _check(self, value: int) -> int:
        if not self.low <= value <= self.high:  # a bound of the field, as pydantic's own (not a value_error)
            raise PydanticCustomError("number_range", "expected a whole number from {low} to {high}",
                                      {"low": f"{self.low:,}", "high": f"{self.high:,}"})
        return value


def _calendar_day(value: Any) -> Any:
    """A day is written YYYY-MM-DD (YAML reads it as a date; JSON and a web form give the text). pydantic alone
    would also read a number as seconds since 1970 (``0`` is 1 January 1970, ``1586044800`` 5 April 2020) and a
    time of midnight, with any offset (``2020-04-02T00:00:00+05:00``), as a day: each is refused."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date as YYYY-MM-DD, without a time, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return read_day(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"expected a date as YYYY-MM-DD, got the number {value!r}")
    if isinstance(value, list | dict):  # never a repr of its dates ("[datetime.date(2020, 4, 2)]"), nor its
        # size: a reader refuses it as it opens, before its items are read (:mod:`whipcount.io.yamlbuild`)
        raise ValueError(f"expected a date as YYYY-MM-DD, got {'a list' if isinstance(value, list) else 'a mapping'}")
    raise ValueError(f"expected a date as YYYY-MM-DD, got {shorten(repr(value), 80)}")


Day = Annotated[dt.date, BeforeValidator(_calendar_day)]
"""A day in an input file or a request body: a date, or text written YYYY-MM-DD; never a number or a time."""


def empty_list() -> list[Any]:
    """A field's empty list: ``Field(default_factory=empty_list)``, never ``default_factory=list``. pydantic
    reads a default factory's signature, and a built-in's is parsed from its text: the first such field of a
    process compiled the tokenizer's patterns (11 ms of every command's start, on 6 December 2026), and
    each one after took 0.26 ms; a function's signature is read from its code in 5 µs."""
    return []


def empty_dict() -> dict[str, Any]:
    """A field's empty mapping: ``Field(default_factory=empty_dict)``, never ``dict`` (see :func:`empty_list`)."""
    return {}


class InputModel(FirstProblemModel):
    """The base of every input model (scenario and constitution files): unknown fields are refused and text
    is stripped; counts are :data:`Count` (never a boolean); lists and mappings are checked up to their
    first problem (:class:`~whipcount.io.first_problem.FirstProblemModel`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _keywords(node: Any) -> Any:
    if isinstance(node, list):
        return [_keywords(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        # under "properties" a key is a field's name (a field may be called "ge"), never a keyword
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _keywords(sub) for name, sub in value.items()}
        else:
            out[_KEYWORDS.get(key, key)] = _keywords(value)
    return out


def json_schema_of(model: type[BaseModel], title: str, *, by_alias: bool = False) -> dict[str, Any]:
    """``model``'s JSON Schema (draft 2020-12) titled ``title``, every bound in JSON Schema's own words
    (``minimum``, ``exclusiveMinimum``, ...), so that any validator enforces what whipcount enforces."""
    schema: dict[str, Any] = _keywords(model.model_json_schema(by_alias=by_alias))
    schema["$schema"] = DRAFT
    schema["title"] = title
    return schema
