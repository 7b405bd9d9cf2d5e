"""A problem pydantic found, in plain words: the one wording every reader and the web API give it.

Each reader of a file (scenario, constitution, Popolo, OCD, historic votes) and the web API's answer to a
request body it cannot validate say a problem through :func:`problem_words`, so one pydantic error reads
the same wherever it is met: ``unknown field (...)``, ``required field is missing``, ``expected text, got
5``, ``expected at least 0, got -166``, ``expected a date as YYYY-MM-DD, got '2020-04-02T10:00'``,
``1,300,000 listed; at most 20,000 accepted``, ``expected at least 1 item, got none``. What was found is
said once, text cut short; where it was found is the caller's to say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from whipcount.io.limits import MAX_EXTRA_KEY, quoted, shorten
from whipcount.io.schema_fields import follows_from, unknown_field_hint
from whipcount.model.ids import ID_PATTERN, ID_WORDS, did_you_mean

__all__ = ["and_more", "bound_words", "field_place", "length_words", "problem_words", "too_long", "too_short",
           "type_words", "unknown_field", "written"]


def too_long(err: Any) -> str | None:
    """A list or mapping past its cap (pydantic's ``too_long``) in the readers' words, ``1,300,000 listed;
    at most 20,000 accepted``; None for any other problem. (pydantic counts a list before its items.)"""
    ctx = err.get("ctx") or {}
    if err.get("type") != "too_long" or not isinstance(ctx.get("actual_length"), int):
        return None
    return f"{ctx['actual_length']:,} listed; at most {ctx['max_length']:,} accepted"


def too_short(err: Any) -> str | None:
    """A list or mapping with fewer items than it needs (pydantic's ``too_short``: "List should have at least
    1 item after validation, not 0") in the readers' words, ``expected at least 1 item, got none``; None for any
    other problem."""
    ctx = err.get("ctx") or {}
    least, got = ctx.get("min_length"), ctx.get("actual_length")
    if err.get("type") != "too_short" or not isinstance(least, int) or not isinstance(got, int):
        return None
    return f"expected at least {least:,} item{'' if least == 1 else 's'}, got {f'{got:,}' if got else 'none'}"


_DATE_KINDS = ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact")

# a value of the wrong type, said plainly ("expected text, got 5", not pydantic's "Input should be a valid
# string"; "expected a list [...], got null", not "a valid list, got None"), the same in YAML and JSON
_TYPES = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
          "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
          "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list [...]",
          "tuple_type": "a list [...]", "dict_type": "a mapping {...}", "model_type": "a mapping {...}",
          "model_attributes_type": "a mapping {...}"}


def type_words(err: Any) -> str | None:
    """A value of the wrong type in plain words, what was found given as the file wrote it (``null``,
    ``true``, ``5``, a list or a mapping by its kind), and text that is no id as what an id is (not the
    pattern's regular expression); None for another problem."""
    pattern = (err.get("ctx") or {}).get("pattern")
    if err.get("type") == "string_pattern_mismatch" and pattern == ID_PATTERN:
        return f"expected {ID_WORDS}, got {written(err.get('input'))}"
    expected = _TYPES.get(err.get("type", ""))
    if expected is None:
        return None
    return f"expected {expected}, got {written(err.get('input'))}"


def written(value: Any) -> str:
    """A value as a YAML or JSON file writes it: ``null``, ``true``, ``5``, ``'text'``, a list or a mapping."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return _found(value, 60)


def _found(value: Any, width: int) -> str:
    """A value found, as an error gives it back: text quoted and cut to ``width`` characters, a day or a time
    as the file wrote it (``2020-04-02T10:30:00``, not ``datetime.datetime(2020, 4, 2, 10, 30)``)."""
    if isinstance(value, str):
        return repr(shorten(value, width))
    return value.isoformat() if isinstance(value, dt.date | dt.time) else repr(value)


def problem_words(err: Any, schema: str, *, width: int = 60, echo: bool = True,
                  model: type[BaseModel] | None = None) -> str:
    """One problem pydantic found in what was read against the ``schema`` schema ("scenario", "Popolo",
    "API", ...), in the readers' words: what was expected and, once, what was found (text cut to ``width``
    characters; nothing of it when ``echo`` is false, as for a password). The message itself is never cut: a
    message of our own cuts the value it quotes where it quotes it, and the rest of any message is the
    schema's own words (a list of the values allowed is given whole). With the file's ``model``, an unknown
    field is given the nearest field allowed there, or the field it goes under
    (:func:`~whipcount.io.schema_fields.unknown_field_hint`)."""
    kind = err.get("type", "")
    inp = err.get("input")
    if kind == "extra_forbidden":  # its value is never echoed: it may be a secret's, under a mistyped key
        return unknown_field(schema, hint=unknown_field_hint(model, tuple(err.get("loc", ()))) if model else None)
    if kind == "missing":
        return "required field is missing"
    if (listed := too_long(err) or too_short(err)) is not None:
        return listed
    if (length := length_words(err)) is not None:  # a count, never the text: it may be long, or a secret
        return length
    found = f", got {_found(inp, width)}" if echo else ""
    if kind in _DATE_KINDS:
        return f"expected a date as YYYY-MM-DD{found}"
    if kind == "string_unicode":  # JSON's "\ud800" alone: half of a character, which no text can hold
        return f"expected text of whole characters{found}: a \\uD800 to \\uDFFF escape alone is half of one"
    if (bound := bound_words(err)) is not None:
        return f"{bound}{found}"
    msg = type_words(err) or str(err.get("msg", "invalid")).removeprefix("Value error, ")
    if not echo:  # a message of our own, or a type's words, may name what it got: not this value's
        return msg.split(", got ")[0]
    if kind in ("literal_error", "enum") and isinstance(inp, dict | list):  # never its items' repr, as a reader
        return f"{msg}, got {written(inp)}"  # refuses it as it opens (:mod:`whipcount.io.yamlbuild`)
    if kind == "literal_error":  # the values allowed, whole, and the nearest when one is close
        near = did_you_mean(inp, _allowed(err), MAX_EXTRA_KEY) if isinstance(inp, str) else ""
        return f"{msg}{found}{near}"
    said = ", got " in msg or (isinstance(inp, str) and quoted(inp) in msg)
    return msg if said or isinstance(inp, dict | list) else f"{msg}{found}"


def unknown_field(schema: str, key: object = None, fields: Iterable[str] | None = None,
                  hint: str | None = None) -> str:
    """A field the ``schema`` schema does not have, in the one wording of every reader: ``unknown field (check
    its spelling against the scenario schema)``; where the fields of its place are known, they follow; then
    ``hint`` where the file's model gives one (the field meant, ``; did you mean 'threshold'?``, or the one it
    goes under, ``; quorum goes under threshold ...``: :func:`~whipcount.io.schema_fields.unknown_field_hint`,
    which offers only a near name), else, without a model, the nearest of the fields to ``key``."""
    words = f"unknown field (check its spelling against the {schema} schema)"
    listed = sorted(fields) if fields is not None else []
    if listed:
        words += f"; expected one of: {', '.join(listed)}"
    if hint is not None:
        return words + hint
    return words + (did_you_mean(key, listed, MAX_EXTRA_KEY) if isinstance(key, str) and listed else "")


_LENGTHS = {"string_too_long": ("at most", "max_length"), "string_too_short": ("at least", "min_length")}


def _allowed(err: Any) -> list[str]:
    """The values a literal field allows, read back from pydantic's words for them (``'yes' or 'no'``)."""
    expected = str((err.get("ctx") or {}).get("expected", ""))
    return [a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", expected)]


def length_words(err: Any) -> str | None:
    """Text too long or too short, as the readers' own checks say it (``expected at most 2,000 characters,
    got 2,001``; pydantic's words were "String should have at most 2000 characters"), or None."""
    kind, inp = err.get("type", ""), err.get("input")
    if kind not in _LENGTHS or not isinstance(inp, str):
        return None
    which, key = _LENGTHS[kind]
    bound = (err.get("ctx") or {}).get(key)
    if not isinstance(bound, int):
        return None
    return f"expected {which} {bound:,} character{'' if bound == 1 else 's'}, got {len(inp):,}"


# a number out of its range, said plainly ("expected at least 0, got -166", not pydantic's "Input should be
# greater than or equal to 0")
_BOUNDS = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
           "less_than": "less than"}
_BOUND_KEYS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}


def bound_words(err: Any) -> str | None:
    """A number out of its range, in plain words (``expected at least 0``), or None for another problem."""
    kind, inp = err.get("type", ""), err.get("input")
    if kind not in _BOUNDS or not isinstance(inp, int | float) or isinstance(inp, bool):
        return None
    return f"expected {_BOUNDS[kind]} {_number((err.get('ctx') or {}).get(_BOUND_KEYS[kind]))}"


def _number(bound: object) -> str:
    """A bound as a reader writes it: ``100,000``, ``0.5``."""
    if isinstance(bound, float) and bound.is_integer():
        bound = int(bound)
    if isinstance(bound, int) and not isinstance(bound, bool):
        return f"{bound:,}"
    return str(bound)


# the names pydantic gives the branches of a union in an error's place (``seats.constrained-int`` beside
# ``seats.list[SeatsIn]``): one value that fits no branch is one problem, not one a branch
_BRANCHES = frozenset({"str", "int", "float", "bool", "constrained-int", "constrained-str", "constrained-float"})


# the tags of a source's two forms (a URL or citation, a mapping), which pydantic puts in an error's place
_SOURCE_FORMS = frozenset({"str", "SourceIn"})


def field_place(loc: Iterable[Any]) -> tuple[Any, ...]:
    """An error's place as the reader wrote it, without the names pydantic gives the branches of a union it
    tried: ``sources.0.SourceIn.url`` is ``sources.0.url``, ``source.str`` is ``source``."""
    return tuple(x for x in loc if not (isinstance(x, str) and ("[" in x or x in _SOURCE_FORMS)))


def _field_of(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The field an error's place is in: its place up to the first branch of a union, which is the field."""
    for i, x in enumerate(loc):
        if isinstance(x, str) and ("[" in x or x in _BRANCHES):
            return loc[:i]
    return loc


def and_more(exc: ValidationError, said: Any = None) -> str:
    """What an error message adds after the first of a file's problems: `` (and 2 more)``, or nothing. A
    list or mapping is checked up to its first bad item, so the problems counted are those in other fields;
    a field is counted once, however many branches of its type refused it. A required field missing beside
    the misspelt field the message ``said`` is that problem again, not one more."""
    fields = {_field_of(tuple(e["loc"])) for e in exc.errors() if said is None or not follows_from(e, said)}
    return f" (and {len(fields) - 1} more)" if len(fields) > 1 else ""
